"""How many entries the sample calendar should give, counted from the file itself.

The reference is icalendar and recurring-ical-events' own expansion of the file (RRULE, RDATE,
EXDATE, moved occurrences) over March 2026, less the occurrences the playbook leaves out
(cancelled, declined): the count is derived, not remembered.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from pathlib import Path

import icalendar
import recurring_ical_events

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample_calendar.ics"
MARCH = (date(2026, 3, 2), date(2026, 3, 29))


def _declined(event: icalendar.Event) -> bool:
    attendees = event.get("ATTENDEE") or []
    attendees = attendees if isinstance(attendees, list) else [attendees]
    return any(str(a.params.get("PARTSTAT", "")).upper() == "DECLINED" for a in attendees)


@cache
def reference_counts(first: date = MARCH[0], last: date = MARCH[1]) -> tuple[int, int, int]:
    """(occurrences, cancelled, declined) of the sample calendar from ``first`` to ``last``."""
    calendar = icalendar.Calendar.from_ical(SAMPLE.read_bytes())
    found = recurring_ical_events.of(calendar).between(first, last + timedelta(days=1))
    cancelled = sum(1 for e in found if str(e.get("STATUS", "")).upper() == "CANCELLED")
    return len(found), cancelled, sum(1 for e in found if _declined(e))


def sample_entries() -> int:
    """The entries the sample calendar should give for March 2026."""
    total, cancelled, declined = reference_counts()
    return total - cancelled - declined
