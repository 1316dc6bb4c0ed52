"""The cadence's calendar from the store: published for the owner's start page, and at the
private subscription address a calendar app follows (``playbook serve``).

The calendar is built by :mod:`playbook.cadence` (pure) from the workbook as the store holds
it now, and the state that keeps its UIDs and SEQUENCE numbers (the record's ``cadence`` part)
is saved back when an event changed. The subscription address carries a secret of its own: a
share of kind :data:`KIND` in the store (only its hash is kept), never the workbook key, so
that stopping it (:func:`stop`) closes the address and nothing else.

Examples
--------
>>> address("http://example.org/voila/render/00_start.ipynb", "T" * 43)
'http://example.org/playbook/calendar.ics?share=TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from playbook.cadence import CADENCE_PART, Dates, Published, publish
from playbook.store import Store

__all__ = [
    "FEED_PATH",
    "KIND",
    "address",
    "calendar_of",
    "live_since",
    "publish_workbook",
    "stop",
    "subscribe",
]

#: The share kind of a calendar subscription (a secret of its own, never the workbook key).
KIND = "calendar-subscription"
#: Where the server answers a subscription, under its base URL (``?share=<secret>``: the
#: access log keeps the path only, and the log filters hide a ``share=`` value).
FEED_PATH = "playbook/calendar.ics"


def publish_workbook(
    store: Store,
    workbook_id: str,
    *,
    now: dt.datetime | None = None,
    save: Callable[[str, dict[str, Any]], Any] | None = None,
    sections: dict[str, Any] | None = None,
    dates: Dates | None = None,
) -> Published:
    """The calendar of the workbook as the store holds it now (``sections``, ``dates``: as
    the caller just read and gathered them); the cadence's state saved back when an event
    changed (through ``save(name, data)`` when given: a page's session, so that its own copy
    of the workbook, and so its downloaded file, has it too)."""
    if sections is None:
        sections = store.load_record(workbook_id)["sections"]
    published = publish(sections, now or dt.datetime.now(dt.UTC), dates=dates)
    if published.changed:
        data = published.state.model_dump(mode="json")
        if save is not None:
            save(CADENCE_PART, data)
        else:
            store.save_section(workbook_id, CADENCE_PART, data)
    return published


def calendar_of(store: Store, token: str, *, now: dt.datetime | None = None) -> bytes:
    """The calendar a subscription secret opens.

    Raises
    ------
    ShareLinkError
        A malformed, unknown or stopped secret, or a share of another kind.
    """
    share = store.resolve_share(token, KIND)
    return publish_workbook(store, share.workbook_id, now=now).ics


def subscribe(store: Store, workbook_id: str) -> str:
    """A new subscription secret for the workbook; any earlier one stops (one address at a
    time, so that "make a new address" also closes a lost one)."""
    store.revoke_shares(workbook_id, KIND)
    return store.create_share(workbook_id, KIND, "calendar")


def stop(store: Store, workbook_id: str) -> int:
    """Stop the workbook's subscription addresses at once; how many were live (the store's
    count of rows marked would include those stopped before)."""
    live = len(store.live_shares(workbook_id, KIND))
    store.revoke_shares(workbook_id, KIND)
    return live


def live_since(store: Store, workbook_id: str) -> dt.datetime | None:
    """When the live subscription address was made (``None``: there is none)."""
    made = store.live_shares(workbook_id, KIND)
    return made[-1] if made else None


def address(page_url: str, token: str) -> str:
    """The subscription address on the server that serves ``page_url`` (a page's address
    without its query, e.g. ``.../voila/render/00_start.ipynb``)."""
    root = page_url.split("voila/render/", 1)[0] if "voila/render/" in page_url else page_url
    root = root if root.endswith("/") else root.rsplit("/", 1)[0] + "/"
    return f"{root}{FEED_PATH}?{urlencode({'share': token})}"
