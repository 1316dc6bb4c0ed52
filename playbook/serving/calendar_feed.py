"""The calendar subscription address: a calendar app's visits to
``<base>playbook/calendar.ics?share=<secret>`` answered with the workbook's calendar
(``text/calendar``), built by :mod:`playbook.cadence` from the store (``playbook.subscription``).

A secret that is malformed, unknown, stopped or of another kind gets a plain-text 404 (an app
that was following a stopped address stops updating it). The secret never reaches the log:
the access log keeps the path only (:func:`playbook.serving.logs.log_request`), tornado's own
lines about this request name its path only (:meth:`CalendarFeedHandler._request_summary`),
and the log filters hide any ``share=`` value left (:class:`playbook.serving.logs.RedactSecrets`).
The store is read in a worker thread, never on the server's event loop.
"""

from __future__ import annotations

import logging
from typing import Any

from tornado import web
from tornado.ioloop import IOLoop

from playbook.errors import PlaybookError, ShareLinkError

log = logging.getLogger(__name__)


class CalendarFeedHandler(web.RequestHandler):
    """Answers a calendar app's visit to a subscription address."""

    def _request_summary(self) -> str:  # tornado's lines about a request: no query string
        return f"{self.request.method} {self.request.path}"

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        log.error("The calendar subscription failed: %s", getattr(typ, "__name__", typ))

    async def get(self) -> None:
        token = self.get_query_argument("share", "")
        try:
            body = await IOLoop.current().run_in_executor(None, _calendar, token)
        except ShareLinkError:
            self._refuse()
            return
        except PlaybookError:  # the store is down or the workbook cannot be read
            self.set_status(503)
            self.set_header("Retry-After", "600")
            self._text("The calendar cannot be made just now; your calendar app will try again.")
            return
        from playbook.cadence import load_content

        self.set_header("Content-Type", "text/calendar; charset=utf-8")
        # private, and checked again at every visit (tornado answers "not modified" by ETag)
        self.set_header("Cache-Control", "private, no-cache")
        name = load_content().calendar.file_name
        self.set_header("Content-Disposition", f'inline; filename="{name}"')
        self.finish(body)

    async def head(self) -> None:
        await self.get()

    def _refuse(self) -> None:
        from playbook.cadence import load_content

        self.set_status(404)
        self._text(load_content().page.not_found)

    def _text(self, text: str) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(text + "\n")


def _calendar(token: str) -> bytes:
    from playbook.session import get_store
    from playbook.subscription import calendar_of

    return calendar_of(get_store(), token)
