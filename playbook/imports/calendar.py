"""iCalendar (.ics) exports from Google Calendar, Outlook, Apple Calendar or Thunderbird.

Parsing is ``icalendar``'s and recurrence is ``recurring-ical-events``': RRULE, RDATE, EXDATE,
moved or edited occurrences (RECURRENCE-ID), VTIMEZONE definitions, Google's X-WR-TIMEZONE,
all handled there rather than by hand. This module decides what an occurrence means for a
time log:

* **Cancelled** (``STATUS:CANCELLED`` on the event or on one occurrence): left out.
* **Declined**: left out when the calendar's owner is an ``ATTENDEE`` with
  ``PARTSTAT=DECLINED``. The owner is the ``owner_email`` given; failing that, the calendar's
  ``X-WR-CALNAME`` when it is an e-mail address (Google names a person's primary calendar
  export so). With no owner known nothing is treated as declined, and a warning says how many
  events have a declined attendee.
* **All-day** events (and timed ones of 24 hours or more, such as "On tour") are markers
  rather than work: one entry per day, ``all_day=True``, worth ``all_day_hours`` each (0 by
  default: listed, not counted; see ``calendar.all_day_hours`` in ``time_split.yaml``).
* **Time zones**: every time is converted to the participant's zone ``tz``; floating times
  (no zone) are read as times in ``tz``. Durations are elapsed time, so DST is right.
* **Broken events** (an unreadable DTSTART, a bad RRULE) are left out and named with their
  line in ``warnings``; a file that cannot be parsed at all raises
  :class:`CalendarFormatError` saying where.
"""

from __future__ import annotations

import contextlib
import re
import warnings as warnings_module
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from playbook.errors import ImportFileError, InputError
from playbook.imports import (
    Entry,
    ImportResult,
    check_size,
    day_entry,
    decode_text,
    make_entry,
    to_local,
    zone,
)

__all__ = [
    "MAX_CALENDAR_ENTRIES",
    "MAX_OCCURRENCES",
    "MAX_SERIES_OCCURRENCES",
    "CalendarFormatError",
    "estimate_occurrences",
    "guess_calendar_timezone",
    "parse_calendar",
]

#: The longest date range one import expands (a daily event over it is ~1,100 occurrences).
MAX_RANGE_DAYS = 3 * 366

#: The most steps the expansion of one repeating event may take, counted from its rule before
#: anything is expanded (a default of this workbook: an event every working hour for three
#: years is about 7,000). ``RRULE:FREQ=SECONDLY`` with no end is about 2.4 million in four
#: weeks: such an event is left out, named, instead of expanded for minutes into gigabytes.
MAX_SERIES_OCCURRENCES = 10_000
#: The most steps all repeating events of one file may take together (a default).
MAX_OCCURRENCES = 100_000
#: The most entries one calendar import may make (all-day markers count one a day): the
#: log keeps at most 20,000 (``time_split.MAX_ENTRIES``), so the import stops there with a
#: message instead of making millions of markers (10,000 three-year "On tour" events).
MAX_CALENDAR_ENTRIES = 20_000

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

_EMAIL = re.compile(r"^[^@\s:]+@[^@\s]+\.[^@\s]+$")


class CalendarFormatError(ImportFileError):
    """Raised when an iCalendar file cannot be read; ``line`` is where, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """RFC 5545 unfolding, keeping the physical line number where each logical line starts."""
    out: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and out:
            n, previous = out[-1]
            out[-1] = (n, previous + raw[1:])
        else:
            out.append((number, raw))
    return out


def _locate(lines: list[tuple[int, str]], message: str) -> int | None:
    """The line a parser error is about: a quoted fragment of it, else the first bad line."""
    quoted = re.findall(r"'([^']{2,})'", message)
    # Values the message names without quotes, such as "+5744" in "Offset ... was +5744".
    values = [w.strip(".,;()") for w in message.split() if any(ch.isdigit() for ch in w)]
    for fragment in [*quoted, *(v for v in values if len(v) >= 3)]:
        for number, line in lines:
            if fragment in line:
                return number
    for number, line in lines:
        if not line.strip():
            continue
        try:
            icalendar.parser.Contentline(line).parts()
        except Exception:  # noqa: BLE001 - icalendar's failures on garbage are not typed
            return number
    return None


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _reason(message: str, n: int = 120) -> str:
    """An error message shortened and without its final full stop (ours follows)."""
    return _short(message, n).rstrip(".")


def _emails(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _address(attendee: Any) -> str:
    return str(attendee).strip().lower().removeprefix("mailto:")


def _owner_declined(event: Any, owner: str) -> bool:
    for attendee in _emails(event.get("ATTENDEE")):
        if _address(attendee) == owner:
            params = getattr(attendee, "params", {})
            return str(params.get("PARTSTAT", "")).upper() == "DECLINED"
    return False


def _anyone_declined(event: Any) -> bool:
    return any(
        str(getattr(a, "params", {}).get("PARTSTAT", "")).upper() == "DECLINED"
        for a in _emails(event.get("ATTENDEE"))
    )


def _categories(event: Any) -> tuple[str, ...]:
    found: list[str] = []
    for value in _emails(event.get("CATEGORIES")):
        cats = getattr(value, "cats", None)
        if cats is None:
            cats = str(value).split(",")
        found.extend(str(c).strip() for c in cats if str(c).strip())
    return tuple(found)


def guess_calendar_timezone(data: bytes) -> str | None:
    """The calendar's own time zone, to offer as the participant's default, if it names one.

    Google writes ``X-WR-TIMEZONE``; Outlook, Apple and Thunderbird write ``VTIMEZONE``
    blocks. Only IANA names are returned (``Europe/Berlin``, not Outlook's
    ``W. Europe Standard Time``). Never raises on bad input: it returns ``None``.

    Examples
    --------
    >>> guess_calendar_timezone(b"BEGIN:VCALENDAR\\r\\nX-WR-TIMEZONE:Europe/Berlin\\r\\n")
    'Europe/Berlin'
    """
    try:
        text, _ = decode_text(data[:200_000])
    except ImportFileError:
        return None
    for pattern in (r"^X-WR-TIMEZONE:(.+)$", r"^TZID:(.+)$", r"TZID=\"?([^\":;]+)"):
        for match in re.finditer(pattern, text, flags=re.MULTILINE | re.IGNORECASE):
            name = match.group(1).strip()
            try:
                zone(name)
            except InputError:
                continue
            if "/" in name or name == "UTC":
                return name
    return None


# Properties this importer reads; others (DESCRIPTION, LOCATION, ORGANIZER, DTSTAMP, X-...)
# are dropped before parsing, as are VALARM/VTODO/VJOURNAL blocks. Real exports are mostly
# such lines (long descriptions, attendee lists), and icalendar's parser costs ~20 us a line.
_KEEP = frozenset(
    {
        "BEGIN",
        "END",
        "UID",
        "DTSTART",
        "DTEND",
        "DURATION",
        "RRULE",
        "RDATE",
        "EXDATE",
        "EXRULE",
        "RECURRENCE-ID",
        "SEQUENCE",
        "SUMMARY",
        "STATUS",
        "CATEGORIES",
        "X-WR-TIMEZONE",
        "X-WR-CALNAME",
    }
)
_RECURRENCE = ("RRULE", "RDATE", "RECURRENCE-ID", "EXRULE")
_DROP_BLOCKS = frozenset({"VALARM", "VTODO", "VJOURNAL", "VFREEBUSY", "VAVAILABILITY"})
_NAME = re.compile(r"[A-Za-z0-9-]*")


def _day_of(line: str) -> date | None:
    """The date at the start of a DTSTART/DTEND value (``...:20260302T090000``), if any."""
    value = line.rsplit(":", 1)[-1].strip()
    if len(value) < 8 or not value[:8].isdigit():
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return None


#: Margin around the range for the pre-filter below: time zones move a date by a day at most.
_MARGIN = timedelta(days=2)


def _essential(
    lines: list[tuple[int, str]], window: tuple[date, date] | None = None
) -> tuple[str, list[int], int]:
    """The calendar with only what this importer reads, for icalendar to parse.

    Returns the text, the line numbers of the events kept (in order), and how many single
    events were left out as clearly outside ``window``.

    * Properties not in ``_KEEP`` are dropped, and VALARM/VTODO/VJOURNAL blocks; inside
      VTIMEZONE every line is kept. An ATTENDEE line is kept only if it declines (that is
      all that is read from it); a UID only in an event of a series (RRULE, RDATE, EXRULE or
      RECURRENCE-ID), since it only groups a series.
    * A single event (no recurrence) whose DTSTART/DTEND dates lie more than two days outside
      ``window`` is dropped before parsing: a whole calendar history exported to analyse four
      weeks is mostly such events. Anything not plainly dated is kept for icalendar to judge.
    """
    out: list[str] = []
    begins: list[int] = []
    dropped_events = 0
    dropping: list[str] = []
    in_tz = 0
    depth = 0  # VEVENT nesting
    event_at = 0  # where the current event starts in `out`
    uid_at: int | None = None  # where the current event's UID line is in `out`
    in_series = has_duration = False
    start_day: date | None = None
    end_day: date | None = None
    for number, line in lines:
        if not line.strip():
            continue
        name = _NAME.match(line).group(0).upper()  # type: ignore[union-attr]
        if not name or line[len(name) : len(name) + 1] not in (";", ":"):
            raise _not_a_line(number, line)
        if name in ("BEGIN", "END"):
            value = line[len(name) + 1 :].strip().upper()
            if dropping:
                if name == "END" and value == dropping[-1]:
                    dropping.pop()
                elif name == "BEGIN":
                    dropping.append(value)
                continue
            if name == "BEGIN" and value in _DROP_BLOCKS:
                dropping.append(value)
                continue
            if value == "VTIMEZONE":
                in_tz += 1 if name == "BEGIN" else -1
            elif value == "VEVENT" and name == "BEGIN":
                depth += 1
                if depth == 1:
                    event_at, uid_at, in_series, has_duration = len(out), None, False, False
                    start_day = end_day = None
                    begins.append(number)
            elif value == "VEVENT" and depth > 0:
                depth -= 1
                if depth == 0 and not in_series:
                    if window is not None and _outside(start_day, end_day, has_duration, window):
                        del out[event_at:]
                        begins.pop()
                        dropped_events += 1
                        continue
                    if uid_at is not None:
                        out[uid_at] = ""
            out.append(line)
        elif dropping:
            continue
        elif in_tz > 0 or name in _KEEP or name == "ATTENDEE" and "DECLINED" in line.upper():
            if name == "UID":
                uid_at = len(out)
            elif name in _RECURRENCE:
                in_series = True
            elif name == "DTSTART" and depth == 1:
                start_day = _day_of(line)
            elif name == "DTEND" and depth == 1:
                end_day = _day_of(line)
            elif name == "DURATION":
                has_duration = True
            out.append(line)
    return "\r\n".join(line for line in out if line) + "\r\n", begins, dropped_events


def _not_a_line(number: int, line: str) -> CalendarFormatError:
    return CalendarFormatError(
        f"The calendar file cannot be read at line {number}: '{_short(line, 40)}' is "
        "not a calendar line (NAME:value).",
        number,
    )


def _outside(
    start_day: date | None, end_day: date | None, has_duration: bool, window: tuple[date, date]
) -> bool:
    """Whether a single event's dates put it plainly outside the window (see ``_essential``)."""
    lo, hi = window[0] - _MARGIN, window[1] + _MARGIN
    if start_day is None:
        return False
    if start_day > hi:
        return True
    if has_duration:
        return False  # its end is not plainly written; let icalendar compute it
    last = end_day if end_day is not None else start_day
    return last < lo


def _parse(
    text: str, lines: list[tuple[int, str]], window: tuple[date, date] | None = None
) -> tuple[list[icalendar.Calendar], list[int], int]:
    head = text.lstrip("\ufeff \r\n\t")[:15].upper()
    if not head.startswith("BEGIN:VCALENDAR"):
        first = _short(text.lstrip().splitlines()[0] if text.strip() else "", 40)
        raise CalendarFormatError(
            "This is not an iCalendar (.ics) file: it should begin with BEGIN:VCALENDAR, "
            f"but line 1 is '{first}'. Export your calendar as .ics and import that.",
            line=1,
        )
    essential, begins, dropped = _essential(lines, window)
    try:
        found = icalendar.Calendar.from_ical(essential, multiple=True)
    except Exception as err:  # noqa: BLE001 - icalendar raises several types on bad input
        message = str(err) or type(err).__name__
        line = _locate(lines, message)
        where = f"at line {line}" if line else "(the line could not be found)"
        raise CalendarFormatError(
            f"The calendar file cannot be read {where}: {_reason(message, 160)}.", line
        ) from None
    calendars = [c for c in found if c.name == "VCALENDAR"]
    if not calendars or not any(ln.strip().upper() == "END:VCALENDAR" for _, ln in lines):
        last = lines[-1][0] if lines else 1
        raise CalendarFormatError(
            f"The calendar file stops at line {last} without END:VCALENDAR: it looks cut "
            "short. Export it again.",
            line=last,
        )
    return calendars, begins, dropped


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
        rules = _emails(event.get("RRULE"))
        dates = _emails(event.get("RDATE"))
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
    total += sum(len(getattr(r, "dts", [r])) for r in dates)
    return total, words


def _bounded_series(
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
        by_uid.setdefault(str(event.get("UID", "")), []).append(event)
    kept: list[Any] = []
    total = 0
    for members in by_uid.values():
        steps, words = 0, ""
        for event in members:
            n, w = estimate_occurrences(event, first, last)
            steps, words = steps + n, words or w
        if steps > MAX_SERIES_OCCURRENCES:
            line = event_lines.get(id(members[0]))
            where = f" (line {line})" if line else ""
            summary = _short(str(members[0].get("SUMMARY", "untitled")))
            warnings.append(
                f"Left out the event '{summary}'{where}: it repeats {words}, about {steps:,} "
                f"times from its start to {last:%d %b %Y}; the workbook expands at most "
                f"{MAX_SERIES_OCCURRENCES:,} occurrences of one event."
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


def _check_event(event: Any) -> tuple[str | None, Any, Any]:
    """Why an event cannot be used (or None), and its start and end when it can."""
    try:
        start = event.start
        end = event.end
    except Exception as err:  # noqa: BLE001 - broken DTSTART/DTEND/DURATION, several types
        return _reason(str(err)) or "no usable start or end", None, None
    if not isinstance(start, date) or not isinstance(end, date):
        return "no usable start or end", None, None
    if isinstance(start, datetime) != isinstance(end, datetime):
        return "its start and end mix a date and a date-time", None, None
    return None, start, end


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
            line = event_lines.get(id(series[0]))
            where = f" (line {line})" if line else ""
            summary = _short(str(series[0].get("SUMMARY", "untitled")))
            warnings.append(
                f"Left out the event '{summary}'{where}: its repetition cannot be read "
                f"({_reason(str(err), 100)})."
            )
            continue
        kept.extend(series)
    calendar.subcomponents = others + kept
    try:
        return _expand(calendar, lo, hi)
    except Exception as err:  # noqa: BLE001
        raise CalendarFormatError(
            f"The calendar's events cannot be expanded: {_reason(str(err), 160)}."
        ) from None


def _all_occurrences(
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
    series_uids = {str(e.get("UID", "")) for e in events if any(p in e for p in _RECURRENCE)}
    floating = tz_info
    xwr = str(calendar.get("X-WR-TIMEZONE", "")).strip()
    if xwr:
        with contextlib.suppress(InputError):
            floating = zone(xwr)
    lo_day, hi_day = lo.date(), (hi - timedelta(days=1)).date()
    series: list[Any] = []
    event: Any
    for event in events:
        if str(event.get("UID", "")) in series_uids and "UID" in event:
            series.append(event)
            continue
        ev_start, ev_end = known[id(event)]
        if isinstance(ev_start, datetime):
            if ev_start.tzinfo is None:
                ev_start = ev_start.replace(tzinfo=floating)
            if isinstance(ev_end, datetime) and ev_end.tzinfo is None:
                ev_end = ev_end.replace(tzinfo=floating)
            in_range = ev_start < hi and ev_end > lo
        else:
            in_range = ev_start <= hi_day and ev_end > lo_day
        yield (event, ev_start, ev_end) if in_range else (event, None, None)
    if series:
        series = _bounded_series(series, lo_day, hi_day, event_lines, warnings, skipped)
    if series:
        sub = icalendar.Calendar()
        for key, value in calendar.items():
            sub[key] = value
        sub.subcomponents = [c for c in calendar.subcomponents if c.name != "VEVENT"] + series
        for occurrence in _occurrences(sub, lo, hi, event_lines, warnings):
            yield occurrence, occurrence.start, occurrence.end


def parse_calendar(
    data: bytes,
    tz: str,
    start: date,
    end: date,
    owner_email: str | None = None,
    all_day_hours: float = 0.0,
) -> ImportResult:
    """Read an .ics export into entries between ``start`` and ``end`` (both inclusive).

    Parameters
    ----------
    data
        The file's bytes (at most :data:`~playbook.imports.IMPORT_LIMIT_BYTES`).
    tz
        The participant's IANA time zone; all times are converted to it.
    start, end
        The days to analyse; recurring events are expanded over them only.
    owner_email
        The participant's address in the calendar, so events they declined are left out.
    all_day_hours
        Hours an all-day event counts for, per day (0: listed, not counted).

    Raises
    ------
    FileTooLargeError
        Over the import limit.
    CalendarFormatError
        Not an iCalendar file, or one that cannot be parsed; the message says at which line.
    InputError
        An unknown time zone, a range that ends before it starts or spans over three years.

    Examples
    --------
    >>> from datetime import date
    >>> ics = (b"BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nUID:1\\r\\nSUMMARY:Production meeting\\r\\n"
    ...        b"DTSTART:20260302T090000Z\\r\\nDTEND:20260302T100000Z\\r\\n"
    ...        b"RRULE:FREQ=WEEKLY;COUNT=3\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n")
    >>> result = parse_calendar(ics, "Europe/London", date(2026, 3, 1), date(2026, 3, 31))
    >>> [(e.day.isoformat(), e.start.strftime("%H:%M"), e.hours) for e in result.entries]
    [('2026-03-02', '09:00', 1.0), ('2026-03-09', '09:00', 1.0), ('2026-03-16', '09:00', 1.0)]
    """
    tz_info = zone(tz)
    if end < start:
        raise InputError(f"The date range ends ({end}) before it starts ({start}).")
    if (end - start).days > MAX_RANGE_DAYS:
        raise InputError("Choose a date range of at most three years.")
    if all_day_hours < 0 or all_day_hours > 24:
        raise InputError("Hours per all-day event must be between 0 and 24.")
    check_size(data)
    text, encoding = decode_text(data)
    with warnings_module.catch_warnings():
        # icalendar warns (to stderr) about vendor-prefixed TZIDs it resolves; not for the user.
        warnings_module.simplefilter("ignore")
        return _parse_calendar(text, encoding, tz_info, start, end, owner_email, all_day_hours)


def _parse_calendar(
    text: str,
    encoding: str,
    tz_info: ZoneInfo,
    start: date,
    end: date,
    owner_email: str | None,
    all_day_hours: float,
) -> ImportResult:
    lines = _logical_lines(text)
    calendars, event_begins, dropped = _parse(text, lines, (start, end))

    owner = (owner_email or "").strip().lower().removeprefix("mailto:") or None
    warnings: list[str] = []
    skipped: dict[str, int] = {}

    def skip(reason: str) -> None:
        skipped[reason] = skipped.get(reason, 0) + 1

    if dropped:
        skipped["outside the date range"] = dropped
    lo = datetime.combine(start, time(0), tzinfo=tz_info)
    hi = datetime.combine(end + timedelta(days=1), time(0), tzinfo=tz_info)

    entries: list[Entry] = []
    withdrawn: set[str] = set()
    declined_unknown = 0
    begin_index = 0
    for calendar in calendars:
        cal_owner = owner
        name = str(calendar.get("X-WR-CALNAME", "")).strip().lower()
        if cal_owner is None and _EMAIL.match(name):
            cal_owner = name
        event_lines, known, begin_index = _readable_events(
            calendar, event_begins, begin_index, warnings, skipped
        )
        for event, ev_start, ev_end in _all_occurrences(
            calendar, lo, hi, tz_info, event_lines, known, warnings, skipped
        ):
            if ev_start is None:
                skip("outside the date range")
                continue
            made = _occurrence_entries(event, ev_start, ev_end, tz_info, start, end, all_day_hours)
            left_out = None
            if str(event.get("STATUS", "")).upper() == "CANCELLED":
                left_out = "cancelled"
            elif cal_owner is not None and _owner_declined(event, cal_owner):
                left_out = "declined"
            elif cal_owner is None and _anyone_declined(event):
                declined_unknown += 1
            if left_out is not None:
                # An earlier import may hold it (cancelled since, or the e-mail given since):
                # its ids let the merge take it out.
                skip(left_out)
                if not isinstance(made, str):
                    withdrawn.update(e.id for e in made)
                continue
            if isinstance(made, str):
                skip(made)
            else:
                entries += made
                if len(entries) > MAX_CALENDAR_ENTRIES:
                    raise CalendarFormatError(
                        f"Between {start:%d %b %Y} and {end:%d %b %Y} this calendar makes more "
                        f"than {MAX_CALENDAR_ENTRIES:,} entries (an all-day event counts once a "
                        "day); the workbook reads at most that many in one import, so nothing "
                        "was imported. Choose a shorter date range."
                    )

    if declined_unknown:
        warnings.append(
            f"{declined_unknown} event(s) list an attendee who declined. Give the e-mail "
            "address your calendar uses to leave out the events you declined yourself."
        )
    entries = _dedupe(entries)
    return ImportResult(
        entries=entries,
        format="iCalendar",
        encoding=encoding,
        skipped=skipped,
        warnings=warnings,
        withdrawn=withdrawn,
    )


def _readable_events(
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
            summary = _short(str(event.get("SUMMARY", "untitled")))
            where = f" (line {line})" if line else ""
            warnings.append(f"Left out the event '{summary}'{where}: {problem}.")
    if broken:
        ids = {id(b) for b in broken}
        for parent in calendar.walk():
            parent.subcomponents = [c for c in parent.subcomponents if id(c) not in ids]
        skipped["unreadable"] = skipped.get("unreadable", 0) + len(broken)
    return event_lines, known, begin_index


def _occurrence_entries(
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


def _dedupe(entries: Iterable[Entry]) -> list[Entry]:
    """The same occurrence twice in one file (two calendars, a duplicated export): keep one."""
    seen: set[str] = set()
    out: list[Entry] = []
    for e in entries:
        if e.id not in seen:
            seen.add(e.id)
            out.append(e)
    out.sort(key=lambda e: (e.day, e.start.timestamp() if e.start else 0.0, e.description))
    return out
