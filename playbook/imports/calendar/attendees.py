"""Whose calendar it is, and how they answered an invitation.

The owner is every address the participant gives (work, personal, an alias: a comma or space
separated list); failing that, the calendar's ``X-WR-CALNAME`` when it is an e-mail address
(Google names a person's primary calendar export so). An attendee is the owner when its
value (``mailto:...``) or its ``EMAIL`` parameter (iCloud writes ``urn:uuid:...`` with the
address there) is one of those addresses, compared case-insensitively.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from playbook.imports.calendar.reading import values_of

_EMAIL = re.compile(r"^[^@\s:]+@[^@\s]+\.[^@\s]+$")

#: Defaults of this workbook for the invitations the owner answered neither yes nor no:
#: a tentative meeting is counted (it is usually attended), a delegated one left out
#: (someone else goes). The participant may choose otherwise on the page.
COUNT_TENTATIVE = True
COUNT_DELEGATED = False


def _address(value: Any) -> str:
    text = str(value).strip().lower()
    return text[7:].strip() if text.startswith("mailto:") else text


def _names_of(attendee: Any) -> set[str]:
    """The addresses an attendee is written with: its value and its ``EMAIL`` parameter."""
    names = {_address(attendee)}
    params = getattr(attendee, "params", {}) or {}
    email = params.get("EMAIL")
    for value in values_of(email):
        names.add(_address(str(value).strip('"')))
    names.discard("")
    return names


def owner_status(event: Any, owners: frozenset[str]) -> str | None:
    """The owner's ``PARTSTAT`` on ``event`` (upper case), or ``None`` when not an attendee.

    >>> import icalendar
    >>> e = icalendar.Event.from_ical(
    ...     "BEGIN:VEVENT\\r\\nATTENDEE;PARTSTAT=DECLINED;EMAIL=Me@Example.org:urn:uuid:1\\r\\n"
    ...     "END:VEVENT\\r\\n")
    >>> owner_status(e, frozenset({"me@example.org"}))
    'DECLINED'
    """
    for attendee in values_of(event.get("ATTENDEE")):
        if _names_of(attendee) & owners:
            params = getattr(attendee, "params", {}) or {}
            return str(params.get("PARTSTAT", "NEEDS-ACTION")).upper()
    return None


def owner_declined(event: Any, owner: str | frozenset[str]) -> bool:
    """Whether the owner (one address or several) is an attendee with ``PARTSTAT=DECLINED``."""
    owners = frozenset({owner}) if isinstance(owner, str) else owner
    return owner_status(event, owners) == "DECLINED"


def anyone_declined(event: Any) -> bool:
    """Whether any attendee of ``event`` declined (for the warning when no owner is known)."""
    return any(
        str(getattr(a, "params", {}).get("PARTSTAT", "")).upper() == "DECLINED"
        for a in values_of(event.get("ATTENDEE"))
    )


def owner_addresses(owner_email: str | Iterable[str] | None) -> frozenset[str]:
    """Every address the participant gave, as compared with attendees (empty: none given).

    A comma, semicolon or space separated list, or several strings; ``mailto:`` and case are
    ignored.

    >>> sorted(owner_addresses(" mailto:Alex.Morgan@Example.org, alex@home.net;a@x.io "))
    ['a@x.io', 'alex.morgan@example.org', 'alex@home.net']
    """
    if owner_email is None:
        return frozenset()
    given = [owner_email] if isinstance(owner_email, str) else list(owner_email)
    found = set()
    for text in given:
        for part in re.split(r"[\s,;]+", text or ""):
            address = _address(part)
            if address:
                found.add(address)
    return frozenset(found)


def owner_address(owner_email: str | None) -> str | None:
    """The participant's first address as compared with attendees (``None`` when not given).

    >>> owner_address(" mailto:Alex.Morgan@Example.org ")
    'alex.morgan@example.org'
    """
    for part in re.split(r"[\s,;]+", owner_email or ""):
        if _address(part):
            return _address(part)
    return None


def calendar_owner(calendar: Any, owners: frozenset[str]) -> frozenset[str]:
    """The owner of ``calendar``: ``owners`` when known, else its name if that is an address."""
    name = str(calendar.get("X-WR-CALNAME", "")).strip().lower()
    if not owners and _EMAIL.match(name):
        return frozenset({name})
    return owners
