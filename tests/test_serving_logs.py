"""The serving layer's log filters (playbook.serving.logs), on real log records and tasks."""

from __future__ import annotations

import asyncio
import inspect
import logging
import threading

import nbclient.client

from playbook.serving.logs import QuietStoppedRenders, RedactCells, stop_rendering


class Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _logger(name: str) -> tuple[logging.Logger, Keep]:
    log = logging.getLogger(name)
    log.propagate = False
    keep = Keep()
    log.handlers = [keep]
    log.filters = [QuietStoppedRenders(), RedactCells()]
    return log, keep


def _in_thread(coro_fn):
    """asyncio.run in a thread of its own (the browser tests' playwright may hold a running
    loop in the main thread of the same pytest process)."""
    out: dict[str, object] = {}
    thread = threading.Thread(target=lambda: out.setdefault("r", asyncio.run(coro_fn())))
    thread.start()
    thread.join()
    return out["r"]


def _rendering(log: logging.Logger, parked: asyncio.Event):
    """A stand-in for Voila's rendering task as nbclient runs it: parked in a cell, the
    cancellation becomes DeadKernelError (as nbclient.client does), logged the way
    voila.notebook_renderer._jinja_cell_generator logs it, then the next cell runs."""

    async def render() -> list[str]:
        done = []
        for cell in ("cell-1", "cell-2"):
            try:
                parked.set()
                await asyncio.sleep(3600)  # the kernel waits for its page's request
            except asyncio.CancelledError:
                try:
                    raise nbclient.client.DeadKernelError("Kernel died") from None
                except Exception:
                    log.exception("Error at server while executing cell: %r", {"id": cell})
            done.append(cell)
        return done

    return render


def test_nbclient_still_turns_a_cancelled_cell_into_a_dead_kernel():
    """Does nbclient still make a DeadKernelError of any cancellation of a running cell? (Why
    the filter exists: if this fails, nbclient changed, and stop_rendering may no longer need
    QuietStoppedRenders.)"""
    source = inspect.getsource(nbclient.client.NotebookClient.async_execute_cell)
    assert "except asyncio.CancelledError:" in source
    assert 'raise DeadKernelError("Kernel died") from None' in source


def test_a_rendering_stopped_on_purpose_logs_one_info_line_without_traceback():
    """Is the stop of a pool kernel's rendering (the pool shrinking back) logged as INFO with no
    traceback, and is Voila's renderer told to end after the cell (``stop_generator``)?"""
    log, keep = _logger("test.quiet.stopped")

    class Renderer:
        stop_generator = False

    renderer = Renderer()

    async def run() -> list[str]:
        parked = asyncio.Event()
        task = asyncio.get_running_loop().create_task(_rendering(log, parked)())
        await parked.wait()
        parked.clear()
        stop_rendering(task, renderer)
        await parked.wait()  # the stand-in runs its second cell; cancelled the same way
        task.cancel()
        return await task

    assert _in_thread(run) == ["cell-1", "cell-2"]
    assert renderer.stop_generator is True
    errors = [r for r in keep.records if r.levelno >= logging.WARNING]
    assert errors == []
    infos = [r.getMessage() for r in keep.records]
    assert infos == ["Rendering of a preheated kernel stopped on purpose"] * 2
    assert all(r.exc_info is None for r in keep.records)


def test_another_rendering_error_keeps_its_traceback_and_hides_the_cell():
    """Does a cell error of a rendering nobody stopped keep its ERROR level and traceback (the
    cell's outputs still redacted)?"""
    log, keep = _logger("test.quiet.other")

    async def run() -> None:
        parked = asyncio.Event()
        stopped = asyncio.get_running_loop().create_task(_rendering(log, parked)())
        await parked.wait()
        stop_rendering(stopped)  # another task stopped on purpose...
        other_parked = asyncio.Event()
        other = asyncio.get_running_loop().create_task(_rendering(log, other_parked)())
        await other_parked.wait()
        other.cancel()  # ...this one dies for another reason
        await asyncio.sleep(0.01)
        for t in (stopped, other):
            t.cancel()
            await asyncio.gather(t, return_exceptions=True)

    _in_thread(run)
    errors = [r for r in keep.records if r.levelno == logging.ERROR]
    assert errors, "the other rendering's error must stay an error"
    assert all(r.exc_info is not None for r in errors)
    assert all("<cell cell-" in r.getMessage() for r in errors)


def test_the_idle_culler_skips_a_kernel_still_starting():
    """Does upstream's culler still fail with a TraitError on a kernel whose last_activity is
    not set yet (why PlaybookKernelManager.cull_kernel_if_idle skips it), and does ours skip
    it without an error until the start has set it?"""
    from jupyter_server.services.kernels.kernelmanager import (
        AsyncMappingKernelManager,
        ServerKernelManager,
    )
    from traitlets import TraitError

    from playbook.serving.manager import PlaybookKernelManager, activity_known

    starting = ServerKernelManager()
    assert not activity_known(starting)
    manager = AsyncMappingKernelManager()
    manager._kernels["k"] = starting

    async def upstream() -> str:
        try:
            await manager.cull_kernel_if_idle("k")
        except TraitError as err:
            return type(err).__name__
        return "no error"

    assert _in_thread(upstream) == "TraitError"

    async def ours() -> None:
        await PlaybookKernelManager.cull_kernel_if_idle(manager, "k")  # type: ignore[arg-type]

    assert _in_thread(ours) is None  # skipped, no error
    from jupyter_server._tz import utcnow

    starting.last_activity = utcnow()
    assert activity_known(starting)
