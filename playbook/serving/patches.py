"""Every change this server makes to Voila, jupyter_client and tornado code, in one place.

Each patch names the upstream code it was written against (:data:`UPSTREAM`: a SHA-256 of the
function's source, or of the module's, at the version named there);
``tests/test_serving_patches.py`` fails when an upgrade changes that code, telling the reader
to re-check the patch. Each says which upstream issue it works around; where none exists yet,
the report to file is in docs/SERVING.md ("Upstream reports").

All are idempotent and applied by :class:`playbook.serving.manager.PlaybookKernelManager`
when it is constructed, so ``playbook serve``, plain ``voila`` with our configuration, Binder
and a hub's single-user server all get them. The front-end's files we change (JavaScript
served to the pages) are in :mod:`playbook.serving.assets`.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("Voila")


@dataclass(frozen=True)
class Upstream:
    """Upstream code a patch replaces or leans on, as it was when the patch was written."""

    target: str  # "package.module:Qualified.name", or "package.module" for a whole module
    sha256: str  # of inspect.getsource(target)
    version: str
    issue: str  # the upstream report, or where ours is written


UPSTREAM: dict[str, tuple[Upstream, ...]] = {
    # fix_lost_wakeup (issue 18)
    "lost_wakeup": (
        Upstream(
            "jupyter_client.session:Session.send",
            "b9e48f5887d200dd52c585a304aaf7be5d919986dc037fc3dd68a5e0d4e20689",
            "jupyter_client 8.10.0",
            "https://github.com/jupyter/jupyter_client/issues/1010, "
            "https://github.com/jupyter/jupyter_client/pull/1059, "
            "https://github.com/voila-dashboards/voila/issues/1428",
        ),
        Upstream(
            "jupyter_client.session:Session.send_raw",
            "7daa89dcd30af9818b310fdc3e3a3883aa9facfe29078730fd47804dc08c8b4d",
            "jupyter_client 8.10.0",
            "https://github.com/jupyter/jupyter_client/issues/1010",
        ),
        Upstream(
            "zmq._future:_AsyncSocket.get",
            "98f1ffdfcc4711a6d31c2667311ceedb7de69cc8439bd4c719e50b518529ccb6",
            "pyzmq 27.3.0",
            "the fix relies on get(EVENTS) scheduling the pending receive",
        ),
        Upstream(
            "zmq._future:_AsyncSocket._schedule_remaining_events",
            "ea9561065af0b56349770f45b6f1e374b700daf5c14bf0cf6c4fff748ad3d346",
            "pyzmq 27.3.0",
            "the fix relies on get(EVENTS) scheduling the pending receive",
        ),
    ),
    # fix_server_handoff
    "handoff": tuple(
        Upstream(
            f"voila.request_info_handler:RequestInfoSocketHandler.{name}",
            sha,
            "voila 0.5.13",
            "no upstream issue yet: docs/SERVING.md, 'Upstream reports', the hand-off",
        )
        for name, sha in (
            ("open", "4265604237dffd471404cd1cfa4a3711757fde1cc212a034e978f3ec7902facf"),
            ("on_close", "84ab4354925f7891c43cb8bb411dbc8687329bf970d85f0bbb963ee641ef67b4"),
            ("send_updates", "1d2c47971fad1f17b7e03af4689f6b4a4e15841cd98625815b3db15495d44de6"),
        )
    ),
    # guard_page_generator
    "page_generator": (
        Upstream(
            "voila.handler:VoilaHandler.get_generator",
            "27a6722a90264f6c460529b72361ed6e5eca3d357281f84e1b91f0bcf52e37a8",
            "voila 0.5.13",
            "no upstream issue yet: docs/SERVING.md, 'Upstream reports', half a page",
        ),
    ),
    # guard_rendered_notebook: the manager's pool logic reads Voila's _pools, fill_if_needed
    # and the (task, cache, kernel_id) that get_rendered_notebook returns
    "rendered_notebook": (
        Upstream(
            "voila.voila_kernel_manager",
            "2645c4634cef00645c58f076572ea33f2b28aba7a545ee232b0bfe343fafbb3c",
            "voila 0.5.13",
            "no upstream issue yet: docs/SERVING.md, 'Upstream reports', the preheated pool",
        ),
    ),
    # route_requests: our admission in front of Voila's handlers, and our shutdown route
    # before Voila's (which refuses the page's request for a missing _xsrf, voila#1458)
    "front_door": (
        Upstream(
            "tornado.web:Application.find_handler",
            "d93d26c5435eab183551bf342cc581e8c5a46c64ed1cea553174d50a56d744b8",
            "tornado 6.6.1",
            "not an upstream fault: our admission hook",
        ),
        Upstream(
            "voila.shutdown_kernel_handler:VoilaShutdownKernelHandler",
            "1d5d3470e85f427cde1892ba76b1954a9a51c404f3bab04bcc8f125714938bd1",
            "voila 0.5.13",
            "https://github.com/voila-dashboards/voila/issues/1458",
        ),
    ),
    # load_renderers_later: the page config of every Voila page
    "renderers_later": (
        Upstream(
            "voila.utils:get_page_config",
            "ac4e5593fa38b298bd31dccc58ada885cd89947182362411e80df1a1b7c5370b",
            "voila 0.5.13",
            "not an upstream fault: Voila loads every mime extension before it connects the "
            "kernel, by design (docs/SERVING.md, 'The front-end on a home link')",
        ),
    ),
    # compression.CompressOnce: a subclass of tornado's gzip transform that reads its
    # _gzipping and calls its transform_chunk as the first chunk's compression
    "compress_once": (
        Upstream(
            "tornado.web:GZipContentEncoding",
            "856756c16fdbb3b31d88bac4de4896bd071e856f479133ea78bae9b114a9433a",
            "tornado 6.6.1",
            "not an upstream fault: tornado compresses per response by design",
        ),
    ),
}


def source_of(target: str) -> str:
    """The source of ``package.module:Qualified.name`` (or of a whole module)."""
    module_name, _, qualname = target.partition(":")
    obj: Any = importlib.import_module(module_name)
    for part in filter(None, qualname.split(".")):
        obj = inspect.getattr_static(obj, part) if inspect.isclass(obj) else getattr(obj, part)
        if isinstance(obj, (classmethod, staticmethod)):
            obj = obj.__func__
    obj = getattr(obj, "playbook_original", obj)  # the upstream code, not our wrapper
    return inspect.getsource(obj)


def fingerprint(target: str) -> str:
    return hashlib.sha256(source_of(target).encode()).hexdigest()


def apply_all() -> None:
    """Every patch (idempotent)."""
    fix_lost_wakeup()
    fix_server_handoff()
    guard_page_generator()
    load_renderers_later()


# --- the charts' renderer after the page's first paint ------------------------------------------

#: Lab extensions whose mime renderer a page registers after its first paint
#: (``pages.RENDERERS_LATER``), not before it connects its kernel as Voila does: plotly's is
#: 1.4 MB over the wire that every page waited for, although no chart is drawn before the
#: first paint (``ui.common.charts.FirstPaint``).
LATER = ("jupyterlab-plotly",)


def renderers_later(page_config: dict[str, Any]) -> dict[str, Any]:
    """``page_config`` with the mime extensions of :data:`LATER` moved from the extensions
    Voila loads at start to ``playbookRenderersLater`` (what the page script loads later)."""
    later = []
    for extension in page_config.get("federated_extensions", []):
        if extension.get("name") in LATER and extension.get("mimeExtension"):
            later.append({"name": extension["name"], "module": extension.pop("mimeExtension")})
    page_config["playbookRenderersLater"] = later
    return page_config


def load_renderers_later() -> None:
    """Voila's pages (rendered on request or preheated) get :func:`renderers_later`'s config."""
    import voila.handler
    import voila.voila_kernel_manager

    for module in (voila.handler, voila.voila_kernel_manager):
        inner = module.get_page_config
        if getattr(inner, "playbook_original", None) is not None:
            continue

        def get_page_config(*args: Any, inner: Any = inner, **kwargs: Any) -> dict[str, Any]:
            return renderers_later(inner(*args, **kwargs))

        get_page_config.playbook_original = inner  # type: ignore[attr-defined]
        module.get_page_config = get_page_config


# --- the lost wake-up (issue 18) ----------------------------------------------------------------

#: Sends after which a receive was waiting, a message was there and nothing would have woken
#: the receive: each a page that would have stalled (issue 18).
restored_wakeups = 0


def wake(stream: Any) -> None:
    """After a synchronous send through a shadow of a ``zmq.asyncio`` socket: re-read its
    ``EVENTS`` through the asyncio socket, which schedules any receive the send's command
    processing left without a wake-up (pyzmq's ``_AsyncSocket.get`` calls
    ``_schedule_remaining_events``). Counts in :data:`restored_wakeups` the times a receive
    was waiting, a message was there and the socket's descriptor no longer said so."""
    import select

    import zmq
    import zmq.asyncio

    global restored_wakeups
    if not isinstance(stream, zmq.asyncio.Socket) or stream.closed:
        return
    with contextlib.suppress(zmq.ZMQError, OSError, ValueError):
        waiting = bool(getattr(stream, "_recv_futures", None))
        signalled = waiting and bool(select.select([stream.FD], [], [], 0)[0])
        events = stream.get(zmq.EVENTS)
        if isinstance(events, int) and events & zmq.POLLIN and waiting and not signalled:
            restored_wakeups += 1
            log.info("Restored a lost wake-up of a kernel channel (issue 18)")


def fix_lost_wakeup() -> None:
    """``Session.send``/``send_raw`` send a ``zmq.asyncio`` socket's message through a plain
    ``zmq.Socket.shadow``. libzmq processes the socket's pending commands on that send and so
    resets the socket's edge-triggered ``ZMQ_FD``; a message that arrived just before (an
    ``execute_reply`` while nbclient sends an Output widget's ``comm_msg``) is then never
    announced, and the ``recv``/``poll`` awaiting it on the asyncio socket sleeps forever: the
    page stays at "Executing 2 of 3". The send stays synchronous (jupyter_client#1059's review:
    the message must be sent when ``send`` returns); only ``EVENTS`` is read afterwards.
    Upstream: jupyter_client#1010, #1059; voila#1428, #1395; nbclient#312 (#311);
    ipykernel#1554 (the same fault on the kernel's side)."""
    from jupyter_client.session import Session

    if getattr(Session.send, "playbook_original", None) is not None:
        return
    send, send_raw = Session.send, Session.send_raw

    @functools.wraps(send)
    def send_and_wake(self: Any, stream: Any, *args: Any, **kwargs: Any) -> Any:
        msg = send(self, stream, *args, **kwargs)
        wake(stream)
        return msg

    @functools.wraps(send_raw)
    def send_raw_and_wake(self: Any, stream: Any, *args: Any, **kwargs: Any) -> None:
        send_raw(self, stream, *args, **kwargs)
        wake(stream)

    send_and_wake.playbook_original = send  # type: ignore[attr-defined]
    send_raw_and_wake.playbook_original = send_raw  # type: ignore[attr-defined]
    Session.send = send_and_wake  # type: ignore[method-assign]
    Session.send_raw = send_raw_and_wake  # type: ignore[method-assign]


def undo_lost_wakeup_fix() -> None:
    """Upstream's ``Session.send``/``send_raw`` again (for the benchmark and the tests)."""
    from jupyter_client.session import Session

    for name in ("send", "send_raw"):
        original = getattr(getattr(Session, name), "playbook_original", None)
        if original is not None:
            setattr(Session, name, original)


# --- the preheated hand-off (server half; the kernel half is playbook.handoff) -----------------

#: Called with a kernel id when that kernel asks for its request (it has run the workbook up to
#: the hand-off): the kernel manager frees the kernel's warm-up turn.
on_waiting: list[Callable[[str], None]] = []


def _open(self: Any, kernel_id: str) -> None:
    cls = type(self)
    cls._waiters[kernel_id] = self
    for callback in on_waiting:
        callback(kernel_id)
    cached = kernel_id in cls._cache
    log.info("kernel %s asks for its request (%s)", kernel_id, "sent" if cached else "waiting")
    if cached:
        self.write_message(cls._cache[kernel_id])


def _on_close(self: Any) -> None:
    waiters = type(self)._waiters
    for kernel_id, waiter in list(waiters.items()):
        if waiter is self:
            del waiters[kernel_id]


def _send_updates(cls: Any, msg: dict[str, Any]) -> None:
    from tornado.websocket import WebSocketClosedError

    kernel_id, payload = msg["kernel_id"], msg["payload"]
    cls._cache[kernel_id] = payload  # kept until the kernel is gone: a reconnect finds it
    waiter = cls._waiters.get(kernel_id)
    if waiter is not None:
        with contextlib.suppress(WebSocketClosedError):  # the kernel reconnects, reads the cache
            waiter.write_message(payload)


def fix_server_handoff() -> None:
    """Replace the faulty methods of Voila's ``RequestInfoSocketHandler`` (idempotent).

    Voila 0.5.13's ``on_close`` looks for its own entry and, when it is not there (a
    connection that closed before ``open`` ran, e.g. a kernel whose 5 s opening handshake
    timed out on a busy machine), deletes the *last entry it looked at*: another kernel's
    waiter, whose page then hangs; and a request sent to a kernel not yet connected is cached
    only until the first write. Here a handler removes only itself, and a request is kept until
    its kernel is gone (and also written to a live waiter)."""
    from voila.request_info_handler import RequestInfoSocketHandler as H

    if getattr(H.open, "playbook_original", None) is not None:
        return
    originals = {"open": H.open, "on_close": H.on_close, "send_updates": H.send_updates}
    _open.playbook_original = originals["open"]  # type: ignore[attr-defined]
    _on_close.playbook_original = originals["on_close"]  # type: ignore[attr-defined]
    _send_updates.playbook_original = inspect.getattr_static(  # type: ignore[attr-defined]
        H, "send_updates"
    ).__func__
    H.open = _open
    H.on_close = _on_close
    H.send_updates = classmethod(_send_updates)


def forget_kernel(kernel_id: str) -> None:
    """Drop what the server keeps for a kernel that is gone."""
    from voila.request_info_handler import RequestInfoSocketHandler as H

    H._cache.pop(kernel_id, None)


# --- pages that fail half-way -------------------------------------------------------------------


class NoKernelYet(Exception):
    """Raised (before any part of a page is sent) when no kernel of the page's workbook became
    ready within the page's time: the page is answered with :data:`~playbook.serving.pages.
    NO_KERNEL_YET` (503, ``Retry-After``), which tries again by itself."""


def guard_page_generator(notice: str | None = None) -> None:
    """A page whose rendering fails after its first part was sent would end there, half a page
    with no scripts and no message (tornado cannot send an error page once the headers are
    out): it ends with the "did not start" notice instead, which reloads it once."""
    from voila.handler import VoilaHandler

    from playbook.serving.pages import NO_KERNEL_YET, PAGE_TIMEOUT_HTML

    inner = VoilaHandler.get_generator
    if getattr(inner, "playbook_original", None) is not None:
        return
    ending = PAGE_TIMEOUT_HTML if notice is None else notice

    async def get_generator(self: Any, path: str | None = None) -> Any:
        sent = False
        try:
            async for chunk in inner(self, path=path):
                sent = True
                yield chunk
        except NoKernelYet:
            # before the first chunk: the headers are not out yet
            self.set_status(503)
            self.set_header("Retry-After", "30")
            self.set_header("Cache-Control", "no-store")
            yield NO_KERNEL_YET
            return
        except Exception:
            if not sent:
                raise
            self.log.exception("A page failed after it began; it says so")
            yield ending

    get_generator.playbook_original = inner  # type: ignore[attr-defined]
    VoilaHandler.get_generator = get_generator


# --- Voila's preheated pool ---------------------------------------------------------------------


def guard_rendered_notebook(
    km: Any, wrap: Callable[[Callable[..., Any]], Callable[..., Any]]
) -> None:
    """Put ``wrap`` around this preheating kernel manager's ``get_rendered_notebook`` (Voila's
    preheating subclass defines it; a manager without preheating has none)."""
    inner = getattr(km, "get_rendered_notebook", None)
    if inner is not None and getattr(inner, "playbook_original", None) is None:
        wrapped = wrap(inner)
        wrapped.playbook_original = inner  # type: ignore[attr-defined]
        km.get_rendered_notebook = wrapped


# --- the web application's routing --------------------------------------------------------------


def route_requests(
    app: Any,
    first: list[tuple[str, Any, dict[str, Any]]],
    render_prefix: str,
    refuse: Callable[[Any], Any],
) -> None:
    """Put ``first`` before every other route of ``app`` (our shutdown route replaces Voila's,
    which refuses the page's request for a missing ``_xsrf``, voila#1458), and let ``refuse``
    answer a page request (``GET`` under ``render_prefix``) before Voila's handler sees it:
    ``refuse(request)`` returns None to let it through, or (handler class, its arguments)."""
    app.add_handlers(".*$", first)
    app.default_router.rules.insert(0, app.default_router.rules.pop(-2))
    find = app.find_handler

    def find_handler(request: Any, **kwargs: Any) -> Any:
        if request.method == "GET" and request.path.startswith(render_prefix):
            refused = refuse(request)
            if refused is not None:
                handler, arguments = refused
                return app.get_handler_delegate(request, handler, arguments)
        return find(request, **kwargs)

    find_handler.playbook_original = find  # type: ignore[attr-defined]
    app.find_handler = find_handler
