"""Do real calendars from the test suites of icalendar, recurring-ical-events, ical.js and
ical.net import as recurring-ical-events itself expands them (issue 19)?

Each file of ``tests/data/calendar/upstream/`` (sources and licences in its README) is read
through :func:`~playbook.imports.calendar.parse_calendar` over two years (from the first event
start whose two years hold the most event starts: a feed with one stray 1969 event is read
where its events are) and compared with ``recurring_ical_events.of(calendar).between(...)`` of
the same file over the same range: the same timed occurrences (title, start instant, hours)
and the same all-day days (title, day). The differences the workbook intends, each named
here and asserted:

* **Not UTF-8**: icalendar reads bytes as UTF-8 only, every other byte a U+FFFD. A file in
  UTF-16 (Windows Calendar) or Windows-1252 (Sunbird 0.3, a CSV converter) is read in its
  encoding, which the result names; icalendar is given the file so decoded.
* **All-day** events, and timed ones of 24 hours or more, are day markers worth 0 hours (the
  workbook's default): one marker a day of the range they cover, compared as (title, day);
  an all-day event ending where it starts (Apple iCal 2 writes such) marks its day.
* **Cancelled** occurrences (``STATUS:CANCELLED``) are left out and counted in ``skipped``.
* **The same occurrence twice** (same title, start and end, e.g. under two UIDs) is kept once.
* A timed occurrence is the range's when it **starts** in it (recurring-ical-events also
  gives those that only overlap it).
* **Floating** times are read in the calendar's ``X-WR-TIMEZONE``, else in the participant's.
* **Broken** content is left out with a sentence saying so: a series whose rule
  recurring-ical-events cannot expand (the reference leaves that series out too; Google's
  ``RDATE:20131210Z``, a date with a Z, is one), an event ending before it starts
  (``skipped``), a line that is not ``NAME:value`` (named by number).
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
    "google_birthday.ics": ("warning", "Left out the event 'PErson #2's birthday' (line 8)"),
}


def readable(data: bytes) -> bytes | str:
    """The file as icalendar can read it: its bytes when they are UTF-8 (icalendar decodes
    bytes so, and any other byte as U+FFFD), else decoded: as UTF-16 after its byte-order
    mark, else as Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")
    return data


def _range(data: bytes) -> tuple[date, date]:
    """Two years from the event start whose two years hold the most event starts (the
    earliest of those)."""
    days = []
    for cal in icalendar.Calendar.from_ical(readable(data), multiple=True):
        for event in cal.walk("VEVENT"):
            with_start = event.get("DTSTART")
            if with_start is None:
                continue
            d = with_start.dt
            days.append(d.date() if isinstance(d, datetime) else d)
    span = timedelta(days=730)
    first = max(sorted(set(days)), key=lambda f: sum(f <= d <= f + span for d in days))
    return first, first + span


Key = tuple[str, str, float]
DayKey = tuple[str, str]


def _days(summary: str, first: date, last: date, lo: date, hi: date) -> set[DayKey]:
    """``(summary, day)`` for each day from ``first`` to ``last`` within ``lo``..``hi``."""
    out: set[DayKey] = set()
    day = max(first, lo)
    while day <= min(last, hi):
        out.add((summary, day.isoformat()))
        day += timedelta(days=1)
    return out


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


def reference(
    data: bytes, tz: str, first: date, last: date
) -> tuple[set[Key], set[DayKey], int, int]:
    """The timed occurrences recurring-ical-events gives, the days its all-day ones cover,
    the cancelled ones, and the series it could not expand."""
    zone = ZoneInfo(tz)
    lo = datetime.combine(first, time(0), tzinfo=zone)
    hi = datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone)
    keys: set[Key] = set()
    days: set[DayKey] = set()
    cancelled = failed = 0
    icalendar.use_zoneinfo()  # no VTIMEZONE kept from an earlier file (as the project does)
    for cal in icalendar.Calendar.from_ical(readable(data), multiple=True):
        if cal.name != "VCALENDAR":
            continue
        xwr = str(cal.get("X-WR-TIMEZONE", "")).strip()
        floating = ZoneInfo(xwr) if xwr else zone
        found, n_failed = _expanded(cal, lo, hi)
        failed += n_failed
        for occ in found:
            s, e = occ.start, occ.end
            if str(occ.get("STATUS", "")).upper() == "CANCELLED":
                cancelled += 1  # every one in the range (it overlaps it), timed or all-day
                continue
            summary = " ".join(str(occ.get("SUMMARY", "")).split())
            if not isinstance(s, datetime):
                days |= _days(summary, s, max(s, e - timedelta(days=1)), first, last)
                continue
            s = s if s.tzinfo else s.replace(tzinfo=floating)
            e = e if e.tzinfo else e.replace(tzinfo=floating)
            if e - s >= timedelta(hours=24):
                s_day = s.astimezone(zone).date()
                e_day = (e.astimezone(zone) - timedelta(microseconds=1)).date()
                days |= _days(summary, s_day, e_day, first, last)
                continue
            if not first <= s.astimezone(zone).date() <= last:
                continue  # overlaps the range, starts outside it
            if e <= s:
                continue  # no duration (left out, counted in skipped)
            keys.add(
                (summary, s.astimezone(UTC).isoformat(), round((e - s).total_seconds() / 3600, 4))
            )
    return keys, days, cancelled, failed


def ours(data: bytes, tz: str, first: date, last: date):
    result = parse_calendar(data, tz, first, last)
    keys = collections.Counter(
        (e.description, e.start.astimezone(UTC).isoformat(), round(e.hours, 4))
        for e in result.entries
        if not e.all_day
    )
    days = {(e.description, e.day.isoformat()) for e in result.entries if e.all_day}
    return keys, days, result


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_upstream_calendar_imports_as_recurring_ical_events_expands_it(path):
    """Does the project give recurring-ical-events' timed occurrences and hours, or say what
    it left out?"""
    data = path.read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # icalendar's notes on vendor TZIDs
        first, last = _range(data)
        expected, expected_days, cancelled, failed = reference(data, TZ, first, last)
    got, got_days, result = ours(data, TZ, first, last)
    assert max(got.values(), default=1) == 1, "an occurrence imported twice"
    missing, extra = expected - set(got), set(got) - expected
    note = EXPECTED_NOTES.get(path.name)
    if note and note[0] == "skipped":
        assert result.skipped.get(note[1]), result.skipped
        assert len(missing) == result.skipped[note[1]]
        missing = set()
    assert not missing and not extra, (sorted(missing)[:3], sorted(extra)[:3], result.warnings)
    missing_days, extra_days = expected_days - got_days, got_days - expected_days
    assert not missing_days and not extra_days, (sorted(missing_days)[:3], sorted(extra_days)[:3])
    assert result.skipped.get("cancelled", 0) == cancelled
    if note and note[0] == "warning":
        assert any(note[1] in w for w in result.warnings), result.warnings
    if failed:
        assert sum("its repetition cannot be read" in w for w in result.warnings) == failed
    if isinstance(readable(data), str):
        assert result.encoding in ("utf-16", "cp1252"), result.encoding


def test_the_upstream_files_are_the_chosen_exports_with_their_licences():
    """Are the copied files there, from each of the four suites, with the README and every
    licence?"""
    assert len(FILES) >= 80
    assert {p.parent.name for p in FILES} == {
        "icalendar",
        "recurring_ical_events",
        "icaljs",
        "icalnet",
    }
    for name in (
        "README.md",
        "icalendar/LICENSE.rst",
        "recurring_ical_events/LICENSE",
        "recurring_ical_events/COPYING.GPL-3",
        "icaljs/LICENSE",
        "icalnet/license.md",
    ):
        assert (UPSTREAM / name).is_file()
    readme = (UPSTREAM / "README.md").read_text()
    for licence in ("BSD-2-Clause", "LGPL-3.0-or-later", "MPL-2.0", "MIT"):
        assert licence in readme
    for path in FILES:  # the two suites whose files are chosen one by one list each, with why
        if path.parent.name in ("icaljs", "icalnet"):
            assert f"`{path.name}`" in readme, f"{path.parent.name}/{path.name} is not listed"
