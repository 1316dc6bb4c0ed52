"""Bounds on one calendar import: the date range, and the occurrences repeating events may
make, counted from their rules before anything is expanded."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from playbook.errors import InputError
from playbook.imports import zone
from playbook.imports.calendar.reading import CalendarFormatError, left_out, values_of

#: The longest date range one import expands (a daily event over it is ~1,100 occurrences).
MAX_RANGE_DAYS = 3 * 366


#: The most steps the expansion of one repeating event may take, counted from its rule before
#: anything is expanded (a default of this workbook: an event every working hour for three
#: years is about 7,000). ``RRULE:FREQ=SECONDLY`` with no end is about 2.4 million in four
#: weeks: such an event is left out, named, instead of expanded for minutes into gigabytes.
MAX_SERIES_OCCURRENCES = 10_000


#: The most steps all repeating events of one file may take together (a default).
MAX_OCCURRENCES = 100_000


_SECONDS = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3600,
    "DAILY": 86_400,
    "WEEKLY": 7 * 86_400,
    "MONTHLY": 28 * 86_400,  # the shortest month: an upper bound on the count
    "YEARLY": 365 * 86_400,
}


_FREQ_WORDS = {
    "SECONDLY": "every second",
    "MINUTELY": "every minute",
    "HOURLY": "every hour",
    "DAILY": "every day",
    "WEEKLY": "every week",
    "MONTHLY": "every month",
    "YEARLY": "every year",
}


def _size(rule: Any, key: str) -> int:
    value = rule.get(key)
    return len(value) if isinstance(value, list) else (1 if value is not None else 0)


def _expansion(rule: Any, freq: str) -> tuple[int, bool]:
    """How many occurrences one period of ``freq`` may give at most, and whether some BY part
    only limits (filters) the periods, so that COUNT does not bound the steps taken."""
    order = list(_SECONDS)
    rank = order.index(freq)
    factor, limits = 1, False
    # A BY part finer than the frequency expands each period; a coarser one filters periods.
    finer = {"BYSECOND": 0, "BYMINUTE": 1, "BYHOUR": 2}
    for key, level in finer.items():
        n = _size(rule, key)
        if n:
            if level < rank:
                factor *= n
            else:
                limits = True
    by_day, by_monthday = _size(rule, "BYDAY"), _size(rule, "BYMONTHDAY")
    by_yearday, by_weekno, by_month = (
        _size(rule, "BYYEARDAY"),
        _size(rule, "BYWEEKNO"),
        _size(rule, "BYMONTH"),
    )
    if freq == "WEEKLY":
        factor *= by_day or 1
        limits = limits or bool(by_monthday or by_yearday or by_month)
    elif freq == "MONTHLY":
        factor *= max(by_monthday, 5 * by_day, 1)
        limits = limits or bool(by_yearday or by_month or (by_day and by_monthday))
    elif freq == "YEARLY":
        factor *= by_month or 1
        factor *= max(by_monthday, by_yearday, 7 * by_weekno, (5 if by_month else 53) * by_day, 1)
    else:
        limits = limits or bool(by_day or by_monthday or by_yearday or by_weekno or by_month)
    return factor, limits


def _rule_steps(rule: Any, start_day: date, last: date) -> tuple[int, str]:
    """The steps one RRULE takes from ``start_day`` to ``last`` (or its UNTIL), and its FREQ."""
    freq = str((rule.get("FREQ") or [""])[0]).upper()
    if freq not in _SECONDS:
        return 0, freq
    interval = max(int((rule.get("INTERVAL") or [1])[0] or 1), 1)
    end_day = last
    until = (rule.get("UNTIL") or [None])[0]
    if isinstance(until, date):
        end_day = min(end_day, until.date() if isinstance(until, datetime) else until)
    days = (end_day - start_day).days + 1
    if days <= 0:
        return 0, freq
    periods = days * 86_400 // (_SECONDS[freq] * interval) + 1
    factor, limits = _expansion(rule, freq)
    steps = periods * factor
    count = (rule.get("COUNT") or [None])[0]
    if count is not None and not limits:
        steps = min(steps, int(count))
    return steps, freq


def estimate_occurrences(event: Any, first: date, last: date) -> tuple[int, str]:
    r"""An upper bound on the steps expanding ``event``'s rules up to ``last`` takes, counted
    from the rule alone (nothing is expanded), and the event's frequency in words.

    Expansion walks a rule from the event's own start (not from ``first``), so the count
    runs from there to ``last`` or the rule's UNTIL, times what one period can give (its BY
    parts), bounded by COUNT only when no BY part filters periods out.

    Examples
    --------
    >>> import icalendar
    >>> e = icalendar.Event.from_ical(
    ...     "BEGIN:VEVENT\r\nDTSTART:20260302T090000Z\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\n")
    >>> estimate_occurrences(e, date(2026, 3, 2), date(2026, 3, 29))
    (2419201, 'every second')
    """
    try:
        start = event.get("DTSTART").dt
        rules = values_of(event.get("RRULE"))
        dates = values_of(event.get("RDATE"))
    except Exception:  # noqa: BLE001 - a broken rule: the expansion names it (_occurrences)
        return 0, ""
    if not isinstance(start, date):
        return 0, ""
    start_day = start.date() if isinstance(start, datetime) else start
    total, words = 0, ""
    for rule in rules:
        try:
            steps, freq = _rule_steps(rule, start_day, last)
        except Exception:  # noqa: BLE001 - a malformed rule: the expansion names it
            continue
        total += steps
        words = words or _FREQ_WORDS.get(freq, "")
    total += sum(_dates_given(r) for r in dates)
    return total, words


def _dates_given(rdate: Any) -> int:
    """How many dates one RDATE property adds; none when icalendar could not read it (its
    value is kept as broken and raises on use: the expansion then names the series)."""
    try:
        return len(rdate.dts)
    except AttributeError:  # a value without a list of dates: one date
        return 1
    except ValueError:  # icalendar's BrokenCalendarProperty, e.g. Google's RDATE:20131210Z
        return 0


def bounded_series(
    series: list[Any],
    first: date,
    last: date,
    event_lines: dict[int, int],
    warnings: list[str],
    skipped: dict[str, int],
) -> list[Any]:
    """The series whose expansion stays within the caps; the others are named and left out."""
    by_uid: dict[str, list[Any]] = {}
    for event in series:
        key = str(event["UID"]) if "UID" in event else str(id(event))  # no UID: its own series
        by_uid.setdefault(key, []).append(event)
    kept: list[Any] = []
    total = 0
    for members in by_uid.values():
        steps, words = 0, ""
        for event in members:
            n, w = estimate_occurrences(event, first, last)
            steps, words = steps + n, words or w
        if steps > MAX_SERIES_OCCURRENCES:
            warnings.append(
                left_out(
                    members[0],
                    event_lines.get(id(members[0])),
                    f"it repeats {words}, about {steps:,} times from its start to "
                    f"{last:%d %b %Y}; the workbook expands at most "
                    f"{MAX_SERIES_OCCURRENCES:,} occurrences of one event",
                )
            )
            skipped["repeating too often"] = skipped.get("repeating too often", 0) + 1
            continue
        total += steps
        kept.extend(members)
    if total > MAX_OCCURRENCES:
        raise CalendarFormatError(
            f"The calendar's repeating events would make about {total:,} occurrences up to "
            f"{last:%d %b %Y}; the workbook expands at most {MAX_OCCURRENCES:,} in one import, "
            "so nothing was imported. Choose a shorter date range, or export fewer calendars."
        )
    return kept


def check_request(tz: str, start: date, end: date, all_day_hours: float) -> ZoneInfo:
    """The time zone ``tz``, once the range and the hours per all-day event are usable.

    Raises
    ------
    InputError
        An unknown time zone, a range that ends before it starts or spans over three years,
        or hours per all-day event outside 0 to 24.

    Examples
    --------
    >>> check_request("Europe/London", date(2026, 3, 2), date(2026, 3, 1), 0)
    Traceback (most recent call last):
    playbook.errors.InputError: The date range ends (2026-03-01) before it starts (2026-03-02).
    """
    tz_info = zone(tz)
    if end < start:
        raise InputError(f"The date range ends ({end}) before it starts ({start}).")
    if (end - start).days > MAX_RANGE_DAYS:
        raise InputError("Choose a date range of at most three years.")
    if all_day_hours < 0 or all_day_hours > 24:
        raise InputError("Hours per all-day event must be between 0 and 24.")
    return tz_info
