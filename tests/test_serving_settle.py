"""A closed page's kernel handles what the page sent before it is stopped
(``front_door.settle``): a real kernel over jupyter_client, a page's two messages queued behind
a busy cell, then the settle the shutdown route does first; and the settle's client leaves the
other clients of the kernel their replies (``front_door.own_client``)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import queue
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

from playbook.serving.front_door import settle


class OneKernel:
    """What ``settle`` asks of the server's kernel manager, for one kernel."""

    def __init__(self, km: AsyncKernelManager) -> None:
        self.km = km

    def get_kernel(self, kernel_id: str) -> AsyncKernelManager:
        if kernel_id != "k":
            raise KeyError(kernel_id)
        return self.km


def browser_page(km: AsyncKernelManager):  # type: ignore[no-untyped-def]
    """A page's connection as jupyter_server makes it: the browser's session id, and so an
    identity of its own at the kernel."""
    session = km.session.clone()
    session.session = "a-browser-page"
    return km.client(session=session)


async def page_sends_then_settles(folder: Path) -> tuple[bool, bool, list[str]]:
    km = AsyncKernelManager(kernel_name="python3")
    await km.start_kernel()
    page = browser_page(km)
    page.start_channels()
    try:
        await page.wait_for_ready(timeout=60)
        first, second = folder / "first", folder / "second"
        # the page's last messages: a cell still running, then an answer typed after it
        page.execute(f"import time; time.sleep(1); open({str(first)!r}, 'w').write('1')")
        page.execute(f"open({str(second)!r}, 'w').write('2')")
        await asyncio.sleep(0.2)  # both reached the kernel; the first is running
        settled = await settle(OneKernel(km), "k", timeout=20)
        missing = await settle(OneKernel(km), "gone")
        done = sorted(p.name for p in (first, second) if p.exists())
        return settled, missing, done
    finally:
        page.stop_channels()
        await km.shutdown_kernel(now=True)


def test_what_the_page_sent_is_handled_before_its_kernel_is_stopped(tmp_path):
    """Does settle return only once the kernel finished the cell it was running when the page
    closed and the page's answer queued behind it (so stopping the kernel then cuts neither
    short), and say False for no kernel?"""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # a loop of its own (see patches)
        settled, missing, done = pool.submit(
            asyncio.run, page_sends_then_settles(tmp_path)
        ).result()
    assert settled is True
    assert missing is False
    assert done == ["first", "second"]


async def notebook_runs_while_settling() -> tuple[bool, list[str]]:
    km = AsyncKernelManager(kernel_name="python3")
    await km.start_kernel()
    notebook = km.client()  # as Voila's client running a notebook makes it
    notebook.start_channels()
    try:
        await notebook.wait_for_ready(timeout=60)
        running = notebook.execute("import time; time.sleep(1)")
        await asyncio.sleep(0.2)
        settled = await settle(OneKernel(km), "k", timeout=20)
        replies = []
        with contextlib.suppress(queue.Empty):
            while running not in replies:
                reply = await notebook.get_shell_msg(timeout=5)
                replies.append(reply["parent_header"].get("msg_id"))
        return settled, [r for r in replies if r == running]
    finally:
        notebook.stop_channels()
        await km.shutdown_kernel(now=True)


def test_the_settle_leaves_other_clients_their_replies():
    """Does a client of the kernel's manager (Voila's, running the notebook) still get the
    reply to the cell it was running when a settle came? jupyter_client gives every client of
    a manager the manager's session id as its identity at the kernel, and ipykernel hands an
    identity over to its newest connection: with that id the settle took the reply (and
    dropped what the client still had queued in the kernel)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        settled, replies = pool.submit(asyncio.run, notebook_runs_while_settling()).result()
    assert settled is True
    assert len(replies) == 1
