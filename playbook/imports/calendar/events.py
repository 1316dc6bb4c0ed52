"""Events and their occurrences: unreadable events taken out and named, series expanded by
``recurring-ical-events`` over the range (a series that breaks the expansion left out, named),
and each occurrence made into entries (a timed one, or an all-day marker a day)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from playbook.errors import InputError
from playbook.imports import Entry, day_entry, make_entry, to_local, zone
from playbook.imports.calendar.bounds import bounded_series
from playbook.imports.calendar.reading import (
    RECURRENCE,
    CalendarFormatError,
    clipped_reason,
    left_out,
    values_of,
)


def _categories(event: Any) -> tuple[str, ...]:
    found: list[str] = []
    for value in values_of(event.get("CATEGORIES")):
        cats = getattr(value, "cats", None)
        if cats is None:
            cats = str(value).split(",")
        found.extend(str(c).strip() for c in cats if str(c).strip())
    return tuple(found)


def _check_event(event: Any) -> tuple[str | None, Any, Any]:
    """Why an event cannot be used (or None), and its start and end when it can."""
    try:
        start = event.start
        end = event.end
    except Exception as err:  # noqa: BLE001 - broken DTSTART/DTEND/DURATION, several types
        start, end = _dtend_over_duration(event)
        if start is None:
            return clipped_reason(str(err)) or "no usable start or end", None, None
    if not isinstance(start, date) or not isinstance(end, date):
        return "no usable start or end", None, None
    if isinstance(start, datetime) != isinstance(end, datetime):
        return "its start and end mix a date and a date-time", None, None
    return None, start, end


def _dtend_over_duration(event: Any) -> tuple[Any, Any]:
    """Start and end of an event giving both DTEND and DURATION (Thunderbird writes such moved
    occurrences): DTEND wins, as in ``recurring-ical-events``; ``(None, None)`` otherwise."""
    if "DTEND" not in event or "DURATION" not in event or "DTSTART" not in event:
        return None, None
    try:
        return event["DTSTART"].dt, event["DTEND"].dt
    except Exception:  # noqa: BLE001
        return None, None


def _expand(calendar: icalendar.Calendar, lo: datetime, hi: datetime) -> list[Any]:
    return list(recurring_ical_events.of(calendar).between(lo, hi))


def _occurrences(
    calendar: icalendar.Calendar,
    lo: datetime,
    hi: datetime,
    event_lines: dict[int, int],
    warnings: list[str],
) -> list[Any]:
    """Expand, isolating the series that make the expansion fail (left out, with a warning)."""
    try:
        return _expand(calendar, lo, hi)
    except Exception:  # noqa: BLE001 - a bad RRULE/EXDATE somewhere; find which series
        pass
    by_uid: dict[str, list[icalendar.Component]] = {}
    others: list[icalendar.Component] = []
    for comp in calendar.subcomponents:
        if comp.name == "VEVENT":
            by_uid.setdefault(str(comp.get("UID", id(comp))), []).append(comp)
        else:
            others.append(comp)
    kept: list[icalendar.Component] = []
    for series in by_uid.values():
        trial = icalendar.Calendar()
        for comp in others + series:
            trial.add_component(comp)
        try:
            _expand(trial, lo, hi)
        except Exception as err:  # noqa: BLE001
            warnings.append(
                left_out(
                    series[0],
                    event_lines.get(id(series[0])),
                    f"its repetition cannot be read ({clipped_reason(str(err), 100)})",
                )
            )
            continue
        kept.extend(series)
    calendar.subcomponents = others + kept
    try:
        return _expand(calendar, lo, hi)
    except Exception as err:  # noqa: BLE001
        raise CalendarFormatError(
            f"The calendar's events cannot be expanded: {clipped_reason(str(err), 160)}."
        ) from None


def all_occurrences(
    calendar: icalendar.Calendar,
    lo: datetime,
    hi: datetime,
    tz_info: ZoneInfo,
    event_lines: dict[int, int],
    known: dict[int, tuple[Any, Any]],
    warnings: list[str],
    skipped: dict[str, int],
) -> Iterable[tuple[Any, Any, Any]]:
    """Every occurrence as ``(component, start, end)``; ``start`` is None when out of range.

    Series (an RRULE, RDATE or moved occurrence under one UID) go through
    ``recurring-ical-events``. Single events are read from icalendar directly: expanding them
    too gives the same answer but copies every component, which made a 10,000-event
    calendar take twice as long. Floating times of single events follow the calendar's
    X-WR-TIMEZONE as ``recurring-ical-events`` does (through ``x_wr_timezone``).
    """
    events = [c for c in calendar.subcomponents if c.name == "VEVENT"]
    # A series: an event with a recurrence (with or without a UID), or one sharing its UID.
    series_uids = {str(e["UID"]) for e in events if "UID" in e and any(p in e for p in RECURRENCE)}
    floating = tz_info
    xwr = str(calendar.get("X-WR-TIMEZONE", "")).strip()
    if xwr:
        with contextlib.suppress(InputError):
            floating = zone(xwr)
    lo_day, hi_day = lo.date(), (hi - timedelta(days=1)).date()
    series: list[Any] = []
    event: Any
    for event in events:
        if any(p in event for p in RECURRENCE) or (
            "UID" in event and str(event["UID"]) in series_uids
        ):
            series.append(event)
            continue
        ev_start, ev_end = known[id(event)]
        if isinstance(ev_start, datetime):
            if ev_start.tzinfo is None:
                ev_start = ev_start.replace(tzinfo=floating)
            if isinstance(ev_end, datetime) and ev_end.tzinfo is None:
                ev_end = ev_end.replace(tzinfo=floating)
            in_range = ev_start < hi and ev_end > lo
        else:  # an all-day event ending where it starts marks its day (Apple iCal 2 writes so)
            in_range = ev_start <= hi_day and max(ev_end, ev_start + timedelta(days=1)) > lo_day
        yield (event, ev_start, ev_end) if in_range else (event, None, None)
    if series:
        series = bounded_series(series, lo_day, hi_day, event_lines, warnings, skipped)
    if series:
        sub = icalendar.Calendar()
        for key, value in calendar.items():
            sub[key] = value
        sub.subcomponents = [c for c in calendar.subcomponents if c.name != "VEVENT"] + series
        for occurrence in _occurrences(sub, lo, hi, event_lines, warnings):
            yield occurrence, occurrence.start, occurrence.end


def readable_events(
    calendar: icalendar.Component,
    event_begins: list[int],
    begin_index: int,
    warnings: list[str],
    skipped: dict[str, int],
) -> tuple[dict[int, int], dict[int, tuple[Any, Any]], int]:
    """Check every event of ``calendar`` and take out the unreadable ones (each named in a
    warning with its line). Returns each event's line and start/end by ``id()``, and the index
    of the next calendar's first event in ``event_begins``."""
    event_lines: dict[int, int] = {}
    known: dict[int, tuple[Any, Any]] = {}
    broken: list[icalendar.Component] = []
    for event in calendar.walk("VEVENT"):
        line = event_begins[begin_index] if begin_index < len(event_begins) else None
        begin_index += 1
        if line:
            event_lines[id(event)] = line
        problem, ev_start, ev_end = _check_event(event)
        known[id(event)] = (ev_start, ev_end)
        if problem:
            broken.append(event)
            warnings.append(left_out(event, line, problem))
    if broken:
        ids = {id(b) for b in broken}
        for parent in calendar.walk():
            parent.subcomponents = [c for c in parent.subcomponents if id(c) not in ids]
        skipped["unreadable"] = skipped.get("unreadable", 0) + len(broken)
    return event_lines, known, begin_index


def occurrence_entries(
    event: Any,
    ev_start: date | datetime,
    ev_end: Any,
    tz_info: ZoneInfo,
    start: date,
    end: date,
    all_day_hours: float,
) -> list[Entry] | str:
    """The entries of one occurrence in the range (a timed entry, or one all-day marker a
    day), or why it gives none."""
    summary = " ".join(str(event.get("SUMMARY", "")).split())
    tags = _categories(event)
    if isinstance(ev_start, datetime):
        s_local = to_local(ev_start, tz_info)
        e_local = to_local(ev_end, tz_info)
        if e_local < s_local:
            return "ending before they start"
        if e_local == s_local:
            return "without duration"
        if (e_local - s_local) < timedelta(hours=24):
            if not start <= s_local.date() <= end:
                return "outside the date range"
            return [make_entry("ics", summary, s_local, e_local, tags=tags)]
        first = s_local.date()
        last = (e_local - timedelta(microseconds=1)).date()
    else:
        first = ev_start
        last = ev_end - timedelta(days=1) if ev_end > ev_start else ev_start
    markers = _all_day_entries(summary, tags, max(first, start), min(last, end), all_day_hours)
    return markers or "outside the date range"


def _all_day_entries(
    summary: str, tags: tuple[str, ...], first: date, last: date, hours: float
) -> list[Entry]:
    """One all-day marker per day from ``first`` to ``last`` (none if ``last`` < ``first``)."""
    out = []
    day = first
    while day <= last:
        out.append(day_entry("ics", day, hours, summary, "all-day", all_day=True, tags=tags))
        day += timedelta(days=1)
    return out


def dedupe(entries: Iterable[Entry]) -> list[Entry]:
    """The same occurrence twice in one file (two calendars, a duplicated export): keep one."""
    seen: set[str] = set()
    out: list[Entry] = []
    for e in entries:
        if e.id not in seen:
            seen.add(e.id)
            out.append(e)
    out.sort(key=lambda e: (e.day, e.start.timestamp() if e.start else 0.0, e.description))
    return out
