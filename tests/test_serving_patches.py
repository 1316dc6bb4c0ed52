"""The upstream patches (playbook.serving.patches): each is written against a known version of
the code it changes, and the lost wake-up of issue 18 is reproduced and fixed without Voila."""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import logging
from collections.abc import Iterator
from typing import Any

import pytest
import zmq
import zmq.asyncio
from jupyter_client.session import Session

from playbook.serving import assets, patches
from playbook.serving.pages import NO_KERNEL_YET


def run_fresh(coro: Any) -> Any:
    """``asyncio.run`` in a thread of its own: a test may run while another test's playwright
    (sync API, session-scoped) holds a running event loop in the main thread, where
    ``asyncio.run`` refuses to start (the CI run of 30 Nov 2026 failed six tests so)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


UPSTREAM = [(name, u) for name, entries in patches.UPSTREAM.items() for u in entries]


@pytest.mark.parametrize(
    ("patch", "upstream"), UPSTREAM, ids=[f"{n}:{u.target}" for n, u in UPSTREAM]
)
def test_the_patched_upstream_code_is_the_one_the_patch_was_written_against(patch, upstream):
    """Is the upstream code each patch replaces or relies on unchanged since the patch was
    written? When this fails after an upgrade, read the new upstream code, re-check (or drop)
    the patch, then record the new fingerprint in patches.UPSTREAM."""
    found = patches.fingerprint(upstream.target)
    assert found == upstream.sha256, (
        f"{upstream.target} changed since {upstream.version}: the patch {patch!r} in "
        f"playbook/serving/patches.py was written against the old code. Re-check it against "
        f"the new one ({upstream.issue}), then set its sha256 to {found!r}."
    )


@pytest.mark.parametrize("asset", assets.ASSETS, ids=[a.path for a in assets.ASSETS])
def test_the_patched_front_end_file_is_the_one_the_patch_was_written_against(asset):
    """Is each front-end file we change as served (``assets.ASSETS``) the one its change was
    written against, with the piece replaced found once? When this fails after an upgrade,
    read the new file (has upstream fixed the race?), then re-pin or drop the change."""
    patched = assets.patched_asset(asset)
    assert patched is not None, (
        f"{asset.path} is not the file pinned ({asset.version}): re-check the change against "
        f"the new one ({asset.issue})"
    )
    path, body = patched
    assert body == path.read_bytes().replace(asset.old, asset.new)
    assert body.count(asset.new) == 1


def test_a_front_end_file_other_than_the_one_pinned_is_served_unchanged(caplog):
    """Is a file that differs from the pinned one left as it is (and the reason logged)?"""
    asset = assets.WIDGET_RENDERER
    other = dataclasses.replace(asset, sha256="0" * 64)
    with caplog.at_level(logging.WARNING, logger="Voila"):
        assert assets.patched_asset(other) is None
    assert "not the file pinned" in caplog.text and "4026" in caplog.text


def test_every_patch_names_its_upstream_report():
    """Does every patch say which upstream issue it works around, or where ours is written?"""
    for name, entries in patches.UPSTREAM.items():
        for upstream in entries:
            assert upstream.issue and upstream.version, name
    for asset in assets.ASSETS:
        assert asset.issue and asset.version, asset.path


def test_the_patches_are_idempotent():
    """Does applying the patches twice leave one layer of each (no wrapper of a wrapper)?"""
    from voila.handler import VoilaHandler
    from voila.request_info_handler import RequestInfoSocketHandler

    patches.apply_all()
    first = Session.send, Session.send_raw, VoilaHandler.get_generator
    open_ = RequestInfoSocketHandler.open
    patches.apply_all()
    assert (Session.send, Session.send_raw, VoilaHandler.get_generator) == first
    assert RequestInfoSocketHandler.open is open_
    assert not hasattr(Session.send.playbook_original, "playbook_original")
    import voila.handler
    import voila.voila_kernel_manager

    for module in (voila.handler, voila.voila_kernel_manager):
        assert not hasattr(module.get_page_config.playbook_original, "playbook_original")


def test_plotly_renderer_is_left_for_later_and_the_rest_kept():
    """Does the page config name plotly's extension without its mime extension (loaded after
    the first paint) and leave every other extension as Voila had it?"""
    config = {
        "federated_extensions": [
            {
                "name": "jupyterlab-plotly",
                "load": "static/r.js",
                "mimeExtension": "./mimeExtension",
            },
            {"name": "anywidget", "load": "static/a.js", "extension": "./extension"},
            {"name": "other", "load": "static/o.js", "mimeExtension": "./mimeExtension"},
        ]
    }
    out = patches.renderers_later(config)
    assert out["federated_extensions"] == [
        {"name": "jupyterlab-plotly", "load": "static/r.js"},
        {"name": "anywidget", "load": "static/a.js", "extension": "./extension"},
        {"name": "other", "load": "static/o.js", "mimeExtension": "./mimeExtension"},
    ]
    assert out["playbookRenderersLater"] == [
        {"name": "jupyterlab-plotly", "module": "./mimeExtension"}
    ]
    assert patches.renderers_later({"federated_extensions": []})["playbookRenderersLater"] == []


def test_a_page_that_fails_half_way_ends_with_a_notice(monkeypatch):
    """Does a page whose rendering fails after its first part end with the "did not start"
    notice instead of half a page, and does a failure before anything was sent still raise
    (tornado then sends its error page)?"""
    from voila.handler import VoilaHandler

    async def upstream(self, path=None):
        yield "<html>"
        raise RuntimeError("the kernel died")

    async def fails_at_once(self, path=None):
        raise RuntimeError("the kernel died")
        yield  # pragma: no cover

    class Handler:
        log = logging.getLogger("test")

    async def render(path=None):
        return [chunk async for chunk in VoilaHandler.get_generator(Handler(), path=path)]

    monkeypatch.setattr(VoilaHandler, "get_generator", upstream)
    patches.guard_page_generator()
    assert VoilaHandler.get_generator.playbook_original is upstream
    chunks = run_fresh(render())
    assert chunks[0] == "<html>" and "This page did not start" in chunks[-1]
    monkeypatch.setattr(VoilaHandler, "get_generator", fails_at_once)
    patches.guard_page_generator()
    with pytest.raises(RuntimeError):
        run_fresh(render())


def test_a_page_with_no_kernel_yet_says_so_and_retries(monkeypatch):
    """When no kernel of the workbook became ready in time (NoKernelYet, raised before any part
    of the page), is the answer our "many people at once" page with 503 and Retry-After,
    which reloads itself, instead of Voila's 500 ("Kernel pool ... is empty!")?"""
    from voila.handler import VoilaHandler

    async def no_kernel(self, path=None):
        raise patches.NoKernelYet("01_career_path.ipynb")
        yield  # pragma: no cover

    class Handler:
        log = logging.getLogger("test")

        def __init__(self):
            self.status, self.headers = 200, {}

        def set_status(self, status):
            self.status = status

        def set_header(self, name, value):
            self.headers[name] = value

    handler = Handler()

    async def render():
        return [chunk async for chunk in VoilaHandler.get_generator(handler)]

    monkeypatch.setattr(VoilaHandler, "get_generator", no_kernel)
    patches.guard_page_generator()
    chunks = run_fresh(render())
    assert chunks == [NO_KERNEL_YET]
    assert "Many people are opening the playbook at once" in chunks[0]
    assert 'http-equiv="refresh" content="30"' in chunks[0]
    assert handler.status == 503 and handler.headers["Retry-After"] == "30"


def test_first_ready_is_false_when_the_pool_stays_empty():
    """Does the pool's wait say "no kernel" (False) when the workbook's pool is empty and
    nothing can be started, rather than let Voila fail the page?"""
    from playbook.serving.pool import PreheatedPool

    class Pool(PreheatedPool):
        page_timeout = 0.5
        _pools: dict = {"01_career_path.ipynb": []}
        started: list[str] = []

        def fill_if_needed(self, delay=0, notebook_name=None):
            self.started.append(notebook_name)  # a machine at its cap starts nothing

    pool = Pool()
    assert run_fresh(pool._first_ready("01_career_path.ipynb")) is False
    assert pool.started == ["01_career_path.ipynb"]


# --- the lost wake-up (issue 18) ----------------------------------------------------------------


@pytest.fixture
def upstream_session() -> Iterator[None]:
    """jupyter_client's own Session.send for the test; the fix back afterwards."""
    patches.undo_lost_wakeup_fix()
    yield
    patches.fix_lost_wakeup()


async def reply_while_sending(send: str) -> tuple[bool, bool]:
    """A page's channel (an asyncio DEALER, as nbclient's shell channel) waits for a reply;
    the kernel's reply (from a ROUTER) arrives; before the event loop runs again the page's
    side sends a message on the same socket (nbclient's Output widget comm_msg). Returns
    whether the waiting receive completed, and whether the reply was in the socket.

    Deterministic: the send is the DEALER's first, so libzmq processes the socket's pending
    commands in it (its command throttle only skips within ~1 ms of the last processing)."""
    ctx = zmq.asyncio.Context()
    router = zmq.Context.shadow(ctx.underlying).socket(zmq.ROUTER)
    dealer = ctx.socket(zmq.DEALER)
    try:
        router.linger = dealer.linger = 0
        router.bind("inproc://kernel-shell")
        dealer.routing_id = b"page"
        dealer.connect("inproc://kernel-shell")
        session = Session(key=b"secret")
        first = dealer.recv_multipart()  # the channel is in use: its reader is registered
        router.send_multipart([b"page", b"kernel_info_reply"])
        await asyncio.wait_for(first, 10)

        reply = dealer.recv_multipart()  # nbclient awaits the execute_reply
        router.send_multipart([b"page", b"execute_reply"])  # it arrives...
        if send == "session":  # ...while the page's side sends through jupyter_client
            session.send(dealer, "comm_msg", {"comm_id": "output", "data": {}})
        elif send == "raw":
            session.send_raw(dealer, session.serialize(session.msg("comm_msg", {}))[2:])
        else:  # ...or through the asyncio socket's own send
            await dealer.send_multipart([b"comm_msg"])
        # The reply is already in the socket: a woken receive completes on the loop's next
        # turns. A bound of 2 s only ends the test; nothing else is waited for.
        done, _ = await asyncio.wait([reply], timeout=2)
        waiting = bool(zmq.Socket.shadow(dealer.underlying).get(zmq.EVENTS) & zmq.POLLIN)
        reply.cancel()
        return bool(done), waiting
    finally:
        dealer.close()
        router.close()
        ctx.term()


@pytest.mark.parametrize("send", ["session", "raw"])
def test_upstream_session_send_loses_the_wake_up(upstream_session, send):
    """Does jupyter_client's Session.send, sending through a plain shadow of the asyncio
    socket, leave a receive asleep although its reply is in the socket (issue 18)? When this
    fails, upstream has fixed it (jupyter_client#1010, #1059): the patch can go."""
    completed, reply_waiting = run_fresh(reply_while_sending(send))
    assert reply_waiting and not completed


def test_the_asyncio_socket_send_keeps_the_wake_up(upstream_session):
    """Is it the shadow send? The same exchange with the asyncio socket's own send wakes."""
    assert run_fresh(reply_while_sending("asyncio")) == (True, False)


@pytest.mark.parametrize("send", ["session", "raw"])
def test_the_fix_wakes_the_receive(send):
    """With the fix, does the receive complete, and is the rescue counted?"""
    patches.fix_lost_wakeup()
    before = patches.restored_wakeups
    assert run_fresh(reply_while_sending(send)) == (True, False)
    assert patches.restored_wakeups == before + 1


def test_the_fix_keeps_the_send_synchronous():
    """Is the message in the peer's socket when Session.send returns (no future to await)?"""
    patches.fix_lost_wakeup()
    ctx = zmq.Context()
    router = ctx.socket(zmq.ROUTER)
    dealer = zmq.asyncio.Socket.from_socket(ctx.socket(zmq.DEALER))
    try:
        router.linger = dealer.linger = 0
        router.bind("inproc://sync")
        dealer.routing_id = b"page"
        dealer.connect("inproc://sync")
        msg = Session(key=b"secret").send(dealer, "comm_msg", {"comm_id": "x", "data": {}})
        assert isinstance(msg, dict) and msg["msg_type"] == "comm_msg"
        assert router.recv_multipart(zmq.NOBLOCK)[0] == b"page"
    finally:
        dealer.close()
        router.close()
        ctx.term()
