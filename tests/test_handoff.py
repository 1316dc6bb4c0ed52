"""The hand-off of a page request to a preheated kernel (playbook.handoff), server and kernel
halves, against a real tornado websocket server on loopback."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from tornado import web
from tornado.ioloop import IOLoop
from voila.request_info_handler import RequestInfoSocketHandler

from playbook import handoff
from playbook.serving import patches


class FakeWaiter:
    def __init__(self) -> None:
        self.sent: list[object] = []

    def write_message(self, message: object) -> None:
        self.sent.append(message)


@pytest.fixture
def handler_state() -> Iterator[type[RequestInfoSocketHandler]]:
    patches.fix_server_handoff()
    saved = dict(RequestInfoSocketHandler._waiters), dict(RequestInfoSocketHandler._cache)
    RequestInfoSocketHandler._waiters.clear()
    RequestInfoSocketHandler._cache.clear()
    yield RequestInfoSocketHandler
    RequestInfoSocketHandler._waiters.clear()
    RequestInfoSocketHandler._cache.clear()
    RequestInfoSocketHandler._waiters.update(saved[0])
    RequestInfoSocketHandler._cache.update(saved[1])


def test_a_connection_closing_before_it_opened_leaves_other_kernels_waiting(handler_state):
    """Does a handler that closes without ever having opened (a kernel whose handshake timed
    out) leave another kernel's waiter in place? (Voila 0.5.13 deleted the last one it looked
    at, and that kernel's page hung.)"""
    waiting = FakeWaiter()
    handler_state._waiters["kernel-a"] = waiting
    stray = handler_state.__new__(handler_state)
    handler_state.on_close(stray)
    assert handler_state._waiters == {"kernel-a": waiting}
    handler_state.send_updates({"kernel_id": "kernel-a", "payload": {"QUERY_STRING": "key=x"}})
    assert waiting.sent == [{"QUERY_STRING": "key=x"}]


def test_a_request_is_kept_until_its_kernel_is_gone(handler_state):
    """Is a request written to a live waiter also kept, so a kernel that reconnects gets it,
    and forgotten when the kernel is gone?"""
    first = FakeWaiter()
    handler_state._waiters["k"] = first
    handler_state.send_updates({"kernel_id": "k", "payload": {"QUERY_STRING": "key=y"}})
    second = handler_state.__new__(handler_state)
    sent: list[object] = []
    second.write_message = sent.append  # type: ignore[method-assign,assignment]
    handler_state.open(second, "k")
    assert sent == [{"QUERY_STRING": "key=y"}]
    patches.forget_kernel("k")
    assert "k" not in handler_state._cache


@pytest.fixture
def query_server() -> Iterator[tuple[str, IOLoop]]:
    """A tornado app serving only Voila's /voila/query/<kernel id> websocket, in a thread."""
    patches.fix_server_handoff()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ready = threading.Event()
    box: dict[str, IOLoop] = {}

    def run() -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())
        app = web.Application([(r"/voila/query/(.*)", RequestInfoSocketHandler)])
        app.listen(port, "127.0.0.1")
        box["loop"] = IOLoop.current()
        ready.set()
        box["loop"].start()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(10)
    yield f"ws://127.0.0.1:{port}/voila/query", box["loop"]
    box["loop"].add_callback(box["loop"].stop)
    thread.join(10)


def test_the_kernel_gets_a_request_sent_before_it_connected(query_server, handler_state):
    """Does a kernel that connects after its request arrived still get it?"""
    url, loop = query_server
    payload = {"QUERY_STRING": "key=abc", "SCRIPT_NAME": "/voila/render/x.ipynb"}
    loop.add_callback(handler_state.send_updates, {"kernel_id": "k1", "payload": payload})
    time.sleep(0.2)
    assert handoff.receive_request_info(f"{url}/k1", recheck=2) == payload


def test_the_kernel_asks_again_when_a_request_was_lost(query_server, handler_state):
    """If the server loses the kernel's waiter (as the old on_close did) and the request goes
    to the cache, does the kernel, re-asking, still get its request instead of hanging?"""
    url, loop = query_server
    payload = {"QUERY_STRING": "key=def"}

    def lose_waiter_then_send() -> None:
        time.sleep(0.8)  # the kernel is connected and waiting by now
        handler_state._waiters.clear()
        loop.add_callback(handler_state.send_updates, {"kernel_id": "k2", "payload": payload})

    threading.Thread(target=lose_waiter_then_send, daemon=True).start()
    started = time.monotonic()
    assert handoff.receive_request_info(f"{url}/k2", recheck=1.5, pause=0.1) == payload
    assert time.monotonic() - started < 10


def test_the_kernel_waits_out_a_server_that_is_not_up_yet(handler_state):
    """Does the kernel keep trying (never returning empty-handed) while nothing listens?"""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result: dict[str, str] = {}

    def wait() -> None:
        result.update(
            handoff.receive_request_info(
                f"ws://127.0.0.1:{port}/voila/query/k3", recheck=1, open_timeout=1, pause=0.2
            )
        )

    thread = threading.Thread(target=wait, daemon=True)
    thread.start()
    time.sleep(1.5)
    assert thread.is_alive() and not result  # still waiting: no silent continue
    handler_state._cache["k3"] = {"QUERY_STRING": "key=late"}

    def serve() -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())
        web.Application([(r"/voila/query/(.*)", RequestInfoSocketHandler)]).listen(
            port, "127.0.0.1"
        )
        IOLoop.current().call_later(8, IOLoop.current().stop)
        IOLoop.current().start()

    threading.Thread(target=serve, daemon=True).start()
    thread.join(8)
    assert result == {"QUERY_STRING": "key=late"}
    assert json.dumps(result)
