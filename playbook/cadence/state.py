"""What the calendar keeps between two downloads (the record's ``cadence`` part): a salt of
its own for the events' UIDs, and each event's fingerprint, ``SEQUENCE`` and
``LAST-MODIFIED``, so that a second download (or a calendar app's next visit) updates the
events instead of adding them twice, and a changed event says it is newer.

The salt is random, made for the calendar alone: a UID reveals nothing of the workbook's key
(or of anything else), and two workbooks' events never share a UID. It travels with the
workbook file, so a workbook restored from its file (a new Binder session) keeps its UIDs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import Field

from playbook.limits import MAX_LIST_ITEMS
from playbook.models import Strict

__all__ = ["CADENCE_PART", "CalendarState", "EventState", "advance", "parse_state", "uid"]

#: The record part the state is kept in (not a workbook's section: no page owns it).
CADENCE_PART = "cadence"

#: SEQUENCE counts seconds from here: any later change is numbered higher than any earlier
#: one, even after the state was lost or restored from an older file.
EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


class EventState(Strict):
    """What was last published of one event."""

    fingerprint: str = Field(pattern=r"^[0-9a-f]{16}$")
    sequence: int = Field(ge=0, lt=2**31)
    modified: dt.datetime


class CalendarState(Strict):
    """The calendar's salt and its events as last published, by item key."""

    salt: str = Field(pattern=r"^[0-9a-f]{32}$")
    events: dict[str, EventState] = Field(default_factory=dict, max_length=MAX_LIST_ITEMS)


def parse_state(data: Mapping[str, Any] | None) -> CalendarState:
    """The saved state, or a new one (a fresh random salt) when there is none.

    >>> len(parse_state(None).salt), parse_state({"salt": "0" * 32}).salt == "0" * 32
    (32, True)
    """
    if not data:
        return CalendarState(salt=secrets.token_hex(16))
    return CalendarState.model_validate(dict(data))


def uid(salt: str, key: str) -> str:
    """An event's UID: a UUID made of the HMAC-SHA256 of the item's key under the calendar's
    salt. The same item keeps its UID; without the salt, neither the key nor the workbook can
    be told from it.

    >>> uid("0" * 32, "plan:goal:goal-1") == uid("0" * 32, "plan:goal:goal-1")
    True
    >>> uid("0" * 32, "plan:goal:goal-1") != uid("1" * 32, "plan:goal:goal-1")
    True
    >>> len(uid("0" * 32, "plan:goal:goal-1"))
    36
    """
    digest = hmac.new(bytes.fromhex(salt), key.encode("utf-8"), hashlib.sha256).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4))


def fingerprint(fields: Iterable[str]) -> str:
    """A short fingerprint of what an event shows (its rendered fields, in order)."""
    h = hashlib.sha256()
    for f in fields:
        h.update(f.encode("utf-8") + b"\x00")
    return h.hexdigest()[:16]


def advance(state: CalendarState, shown: Mapping[str, str], now: dt.datetime) -> CalendarState:
    """The state after publishing events whose fingerprints are ``shown`` (by item key): an
    event unchanged keeps its SEQUENCE and LAST-MODIFIED; a new or changed one is stamped
    ``now`` with a SEQUENCE of the seconds since 2020 (at least one above its last); an event
    no longer there is forgotten.

    Examples
    --------
    >>> s0 = CalendarState(salt="0" * 32)
    >>> t1 = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    >>> s1 = advance(s0, {"plan:goal:goal-1": "a" * 16}, t1)
    >>> s1.events["plan:goal:goal-1"].sequence
    218246400
    >>> advance(s1, {"plan:goal:goal-1": "a" * 16}, t1 + dt.timedelta(days=1)) == s1
    True
    >>> s2 = advance(s1, {"plan:goal:goal-1": "b" * 16}, t1)  # changed in the same second
    >>> s2.events["plan:goal:goal-1"].sequence
    218246401
    """
    now = now.astimezone(dt.UTC).replace(microsecond=0)
    stamp = int((now - EPOCH).total_seconds())
    events: dict[str, EventState] = {}
    for key, print_ in shown.items():
        old = state.events.get(key)
        if old is not None and old.fingerprint == print_:
            events[key] = old
            continue
        sequence = max(stamp, old.sequence + 1 if old is not None else 0)
        events[key] = EventState(fingerprint=print_, sequence=sequence, modified=now)
    if events == state.events:
        return state
    return state.model_copy(update={"events": events})
