"""Whose calendar it is, and whether they (or anyone) declined an event.

The owner is the ``owner_email`` given; failing that, the calendar's ``X-WR-CALNAME`` when it
is an e-mail address (Google names a person's primary calendar export so).
"""

from __future__ import annotations

import re
from typing import Any

from playbook.imports.calendar.reading import values_of

_EMAIL = re.compile(r"^[^@\s:]+@[^@\s]+\.[^@\s]+$")


def _address(attendee: Any) -> str:
    return str(attendee).strip().lower().removeprefix("mailto:")


def owner_declined(event: Any, owner: str) -> bool:
    """Whether ``owner`` is an attendee of ``event`` with ``PARTSTAT=DECLINED``."""
    for attendee in values_of(event.get("ATTENDEE")):
        if _address(attendee) == owner:
            params = getattr(attendee, "params", {})
            return str(params.get("PARTSTAT", "")).upper() == "DECLINED"
    return False


def anyone_declined(event: Any) -> bool:
    """Whether any attendee of ``event`` declined (for the warning when no owner is known)."""
    return any(
        str(getattr(a, "params", {}).get("PARTSTAT", "")).upper() == "DECLINED"
        for a in values_of(event.get("ATTENDEE"))
    )


def owner_address(owner_email: str | None) -> str | None:
    """The participant's address as compared with attendees (``None`` when not given).

    >>> owner_address(" mailto:Alex.Morgan@Example.org ")
    'alex.morgan@example.org'
    """
    return (owner_email or "").strip().lower().removeprefix("mailto:") or None


def calendar_owner(calendar: Any, owner: str | None) -> str | None:
    """The owner of ``calendar``: ``owner`` when known, else its name if that is an address."""
    name = str(calendar.get("X-WR-CALNAME", "")).strip().lower()
    if owner is None and _EMAIL.match(name):
        return name
    return owner
