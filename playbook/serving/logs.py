"""Log filters and the access log: no private key, share token, cell output or file content
ever reaches the server's log."""

from __future__ import annotations

import asyncio
import logging
import re
import weakref
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tornado import web

SECRET_IN_URL = re.compile(r"((?:key|share)=)[^&\s'\"]+")


class RedactSecrets(logging.Filter):
    """Tornado logs a failed request with its full address (``404 GET /x.ipynb?key=...``):
    private keys and share tokens are replaced before any handler writes the record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "key=" in message or "share=" in message:
            record.msg, record.args = SECRET_IN_URL.sub(r"\1…", message), None
        return True


class RedactCells(logging.Filter):
    """Voila logs a whole notebook cell, outputs and all, when its execution fails (for
    instance when a page's kernel is stopped mid-render): outputs can hold a participant's
    answers. Keep the cell's id only."""

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("Error at server while executing cell") and record.args:
            cell = record.args[0] if isinstance(record.args, tuple) else record.args
            cell_id = cell.get("id", "?") if isinstance(cell, dict) else "?"
            record.args = (f"<cell {cell_id}>",)
        return True


#: Voila's rendering tasks of pool kernels this server stopped on purpose (a pool shrinking back,
#: a failed kernel replaced): their rendering ends in an error that is not one.
STOPPED_RENDERS: weakref.WeakSet[asyncio.Task[Any]] = weakref.WeakSet()


def stop_rendering(task: asyncio.Future[Any], renderer: Any = None) -> None:
    """Stop a preheated kernel's rendering on purpose, before its kernel is stopped.

    The rendering is parked in a cell (the kernel waits for its page's request), and nbclient
    turns any cancellation of a running cell into ``DeadKernelError("Kernel died")`` (it
    assumes only its own liveness check cancels it, ``NotebookClient.async_execute_cell``),
    which Voila logs as "Error at server while executing cell" with a traceback, and then it
    runs the next cell. ``renderer.stop_generator`` ends the rendering after the cell; the
    task is remembered so that :class:`QuietStoppedRenders` logs the stop as what it is."""
    if renderer is not None:
        renderer.stop_generator = True
    if isinstance(task, asyncio.Task):
        STOPPED_RENDERS.add(task)
    task.cancel()


class QuietStoppedRenders(logging.Filter):
    """A rendering this server stopped on purpose (:func:`stop_rendering`) is logged as one
    INFO line, without the traceback of the "Kernel died" nbclient makes of the cancellation;
    every other cell error keeps its traceback (the logging call runs in the rendering's own
    task, which is how it is told apart)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith("Error at server while executing cell"):
            return True
        try:
            task = asyncio.current_task()
        except RuntimeError:  # no running loop
            return True
        if task is None or task not in STOPPED_RENDERS:
            return True
        record.msg, record.args = "Rendering of a preheated kernel stopped on purpose", None
        record.levelno, record.levelname = logging.INFO, "INFO"
        record.exc_info, record.exc_text = None, None
        return True


def log_request(handler: web.RequestHandler) -> None:
    """Tornado's access log without query strings (a private key must never be logged)."""
    status = handler.get_status()
    if status < 400:
        level = logging.INFO
    elif status < 500:
        level = logging.WARNING
    else:
        level = logging.ERROR
    request = handler.request
    logging.getLogger("tornado.access").log(
        level,
        "%d %s %s %.1fms",
        status,
        request.method,
        request.path,
        1000.0 * request.request_time(),
    )


#: The loggers whose records may name a request's address (and so its query string).
REQUEST_LOGGERS = ("tornado.general", "tornado.access", "tornado.application", "ServerApp")


def install_log_filters(log: logging.Logger | logging.LoggerAdapter[Any]) -> None:
    """Put the filters on the kernel manager's log and on the request loggers (idempotent)."""
    target = log.logger if isinstance(log, logging.LoggerAdapter) else log
    if not any(isinstance(f, QuietStoppedRenders) for f in target.filters):
        target.addFilter(QuietStoppedRenders())  # before RedactCells rewrites the message
    if not any(isinstance(f, RedactCells) for f in target.filters):
        target.addFilter(RedactCells())
    for logger in [*(logging.getLogger(n) for n in REQUEST_LOGGERS), target]:
        if not any(isinstance(f, RedactSecrets) for f in logger.filters):
            logger.addFilter(RedactSecrets())
