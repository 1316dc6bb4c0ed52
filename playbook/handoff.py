"""Both halves of Voila's hand-off of a page request to a preheated kernel, made dependable.

A preheated kernel runs a workbook before anyone asks for it and stops where the notebook
needs the request (the participant's ``?key=``). Voila 0.5 hands the request over a websocket
(``/voila/query/<kernel id>``): the server's ``RequestInfoSocketHandler`` keeps one waiter per
kernel and a cache for requests that arrive before the kernel connects; the kernel's
``voila.utils.wait_for_request`` connects once and waits.

Two faults there made pages hang (DESIGN.md, "Preheated hand-off hangs") or silently lose the
participant's key:

* server: ``on_close`` looks for its own entry and, when it is not there (a connection that
  closed before ``open`` ran, e.g. a kernel whose 5 s opening handshake timed out on a busy
  machine), deletes the *last entry it looked at*: another kernel's waiter. That kernel waits
  forever; the request sent to it later goes into the cache, which nobody reads again. The page
  stays on its spinner.
* kernel: on any failure to connect, ``wait_for_request`` returns nothing and the notebook runs
  on without the request, so a returning participant's workbook key is ignored.

:func:`playbook.serving.patches.fix_server_handoff` replaces the three server methods (a
handler removes only itself; a request is always cached until its kernel is gone, and also
written to a live waiter); this module is the kernel half, :func:`wait_for_request`: it retries the connection and, while connected,
re-asks after a while, so a lost message is fetched from the cache; it never returns without
the request. How long a page may take is the server's business
(:class:`playbook.serving.PlaybookKernelManager` gives up on a page and stops its kernel).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
import time

log = logging.getLogger("Voila")

#: How long one connection waits for the request before asking again (the server normally
#: writes it at once; this only matters when a message was lost).
RECHECK_SECONDS = 20.0
#: The opening handshake may be slow while the machine starts many kernels.
OPEN_TIMEOUT_SECONDS = 30.0


def _query_url() -> str:
    protocol = os.environ.get("VOILA_WS_PROTOCOL", "ws")
    ip = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    port = os.environ.get("VOILA_APP_PORT", "8866")
    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    return f"{protocol}://{ip}:{port}{base}voila/query/{os.environ.get('VOILA_KERNEL_ID', '')}"


async def _receive(url: str, recheck: float, open_timeout: float) -> dict[str, str] | None:
    import websockets

    try:
        async with websockets.connect(url, open_timeout=open_timeout, proxy=None) as ws:
            message = await asyncio.wait_for(ws.recv(), recheck)
    except (TimeoutError, OSError, websockets.WebSocketException):
        return None
    data = json.loads(message)
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else None


def receive_request_info(
    url: str,
    *,
    recheck: float = RECHECK_SECONDS,
    open_timeout: float = OPEN_TIMEOUT_SECONDS,
    pause: float = 0.5,
) -> dict[str, str]:
    """Wait for the request this kernel serves; keep asking until it comes.

    Runs its own event loop in a thread, as Voila's helper does, because the kernel's loop is
    busy running the cell that called it.
    """
    result: dict[str, str] | None = None

    def run() -> None:
        nonlocal result
        loop = asyncio.new_event_loop()
        try:
            while result is None:
                result = loop.run_until_complete(_receive(url, recheck, open_timeout))
                if result is None:
                    time.sleep(pause)
        finally:
            loop.close()

    thread = threading.Thread(target=run, name="voila-request-info", daemon=True)
    thread.start()
    thread.join()
    assert result is not None
    return result


def wait_for_request() -> None:
    """The kernel half: in a preheated kernel, block until the page request arrives and put
    its variables (``QUERY_STRING``, ``SCRIPT_NAME``, ...) into ``os.environ``. A no-op when
    the kernel was started for a request (no preheating)."""
    if os.environ.get("VOILA_PREHEAT", "False") == "False":
        return
    os.environ.update(receive_request_info(_query_url()))
    # once served, this kernel is no longer waiting: a second call must not wait again
    os.environ["VOILA_PREHEAT"] = "False"
