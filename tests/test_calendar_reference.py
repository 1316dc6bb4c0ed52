"""Do real calendars from icalendar's and recurring-ical-events' test suites import as
recurring-ical-events itself expands them (issue 19)?

Each file of ``tests/data/calendar/upstream/`` (sources and licences in its README) is read
through :func:`~playbook.imports.calendar.parse_calendar` over two years from its first event
and compared with ``recurring_ical_events.of(calendar).between(...)`` of the same file over
the same range: the same timed occurrences (title, start instant, hours). The differences
the workbook intends, each named here and asserted:

* **All-day** events, and timed ones of 24 hours or more, are day markers worth 0 hours (the
  workbook's default): only timed occurrences under 24 hours are compared.
* **Cancelled** occurrences (``STATUS:CANCELLED``) are left out and counted in ``skipped``.
* **The same occurrence twice** (same title, start and end, e.g. under two UIDs) is kept once.
* A timed occurrence is the range's when it **starts** in it (recurring-ical-events also
  gives those that only overlap it).
* **Floating** times are read in the calendar's ``X-WR-TIMEZONE``, else in the participant's.
* **Broken** content is left out with a sentence saying so: a series whose rule
  recurring-ical-events cannot expand (the reference leaves that series out too), an event
  ending before it starts (``skipped``), a line that is not ``NAME:value`` (named by number).
"""

from __future__ import annotations

import collections
import warnings
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from playbook.imports.calendar import parse_calendar

UPSTREAM = Path(__file__).resolve().parent / "data" / "calendar" / "upstream"
FILES = sorted(UPSTREAM.glob("*/*.ics"))
TZ = "Europe/Berlin"
UTC = ZoneInfo("UTC")

#: What the project says about a file beyond the comparison (the intended differences).
EXPECTED_NOTES = {
    "end_before_start_event.ics": ("skipped", "ending before they start"),
    "issue_61_time_zone_error.ics": ("warning", "Left out line 211"),
    "bad_rrule_missing_until_event.ics": ("warning", "its repetition cannot be read"),
    "issue_165_missing_event.ics": ("warning", "its repetition cannot be read"),
}


def _range(data: bytes) -> tuple[date, date]:
    days = []
    for cal in icalendar.Calendar.from_ical(data, multiple=True):
        for event in cal.walk("VEVENT"):
            with_start = event.get("DTSTART")
            if with_start is None:
                continue
            d = with_start.dt
            days.append(d.date() if isinstance(d, datetime) else d)
    first = min(days)
    return first, first + timedelta(days=730)


Key = tuple[str, str, float]


def _expanded(cal: icalendar.Calendar, lo: datetime, hi: datetime) -> tuple[list, int]:
    """recurring-ical-events' occurrences, and how many series it cannot expand (then each
    series is expanded alone, and the failing ones are left out, as the project does)."""
    try:
        return list(recurring_ical_events.of(cal).between(lo, hi)), 0
    except Exception:  # noqa: BLE001 - the reference's own failure on a broken rule
        pass
    others = [c for c in cal.subcomponents if c.name != "VEVENT"]
    by_uid: dict[str, list] = {}
    for c in cal.subcomponents:
        if c.name == "VEVENT":
            by_uid.setdefault(str(c.get("UID", id(c))), []).append(c)
    found, failed = [], 0
    for series in by_uid.values():
        trial = icalendar.Calendar()
        trial.subcomponents = others + series
        try:
            found += recurring_ical_events.of(trial).between(lo, hi)
        except Exception:  # noqa: BLE001
            failed += 1
    return found, failed


def reference(data: bytes, tz: str, first: date, last: date) -> tuple[set[Key], int, int]:
    """The timed occurrences recurring-ical-events gives, the cancelled ones, and the series
    it could not expand."""
    zone = ZoneInfo(tz)
    lo = datetime.combine(first, time(0), tzinfo=zone)
    hi = datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone)
    keys: set[Key] = set()
    cancelled = failed = 0
    for cal in icalendar.Calendar.from_ical(data, multiple=True):
        if cal.name != "VCALENDAR":
            continue
        xwr = str(cal.get("X-WR-TIMEZONE", "")).strip()
        floating = ZoneInfo(xwr) if xwr else zone
        found, n_failed = _expanded(cal, lo, hi)
        failed += n_failed
        for occ in found:
            s, e = occ.start, occ.end
            if not isinstance(s, datetime):
                continue  # all-day
            s = s if s.tzinfo else s.replace(tzinfo=floating)
            e = e if e.tzinfo else e.replace(tzinfo=floating)
            if not first <= s.astimezone(zone).date() <= last:
                continue  # overlaps the range, starts outside it
            if str(occ.get("STATUS", "")).upper() == "CANCELLED":
                cancelled += 1
                continue
            if not timedelta(0) < e - s < timedelta(hours=24):
                continue  # a day marker, or no duration (left out, counted in skipped)
            summary = " ".join(str(occ.get("SUMMARY", "")).split())
            keys.add(
                (summary, s.astimezone(UTC).isoformat(), round((e - s).total_seconds() / 3600, 4))
            )
    return keys, cancelled, failed


def ours(data: bytes, tz: str, first: date, last: date):
    result = parse_calendar(data, tz, first, last)
    keys = collections.Counter(
        (e.description, e.start.astimezone(UTC).isoformat(), round(e.hours, 4))
        for e in result.entries
        if not e.all_day
    )
    return keys, result


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_upstream_calendar_imports_as_recurring_ical_events_expands_it(path):
    """Does the project give recurring-ical-events' timed occurrences and hours, or say what
    it left out?"""
    data = path.read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # icalendar's notes on vendor TZIDs
        first, last = _range(data)
        expected, cancelled, failed = reference(data, TZ, first, last)
    got, result = ours(data, TZ, first, last)
    assert max(got.values(), default=1) == 1, "an occurrence imported twice"
    missing, extra = expected - set(got), set(got) - expected
    note = EXPECTED_NOTES.get(path.name)
    if note and note[0] == "skipped":
        assert result.skipped.get(note[1]), result.skipped
        assert len(missing) == result.skipped[note[1]]
        missing = set()
    assert not missing and not extra, (sorted(missing)[:3], sorted(extra)[:3], result.warnings)
    assert result.skipped.get("cancelled", 0) == cancelled
    if note and note[0] == "warning":
        assert any(note[1] in w for w in result.warnings), result.warnings
    if failed:
        assert sum("its repetition cannot be read" in w for w in result.warnings) == failed


def test_the_upstream_files_are_the_chosen_exports_with_their_licences():
    """Are the copied files there, with the README and both licences?"""
    assert len(FILES) >= 40
    for name in ("README.md", "icalendar/LICENSE.rst", "recurring_ical_events/LICENSE"):
        assert (UPSTREAM / name).is_file()
    readme = (UPSTREAM / "README.md").read_text()
    assert "BSD-2-Clause" in readme and "LGPL-3.0-or-later" in readme
