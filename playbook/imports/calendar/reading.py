"""An iCalendar file read: the text unfolded, trimmed to what the importer uses, and parsed by
``icalendar``; errors name the line. Also the calendar's own time zone, to offer it."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import icalendar

from playbook.errors import ImportFileError, InputError
from playbook.imports import decode_text, zone

#: How much of a file is searched for its own time zone (the head: zones are defined first).
ZONE_SEARCH_CHARS = 200_000


class CalendarFormatError(ImportFileError):
    """Raised when an iCalendar file cannot be read; ``line`` is where, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def logical_lines(text: str) -> list[tuple[int, str]]:
    r"""RFC 5545 unfolding, keeping the physical line number where each logical line starts."""
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


def shorten(text: str, n: int = 60) -> str:
    """``text`` on one line, cut to ``n`` characters with an ellipsis.

    >>> shorten("Production   meeting with the whole crew", 20)
    'Production meeting …'
    """
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def clipped_reason(message: str, n: int = 120) -> str:
    """An error message shortened and without its final full stop (ours follows)."""
    return shorten(message, n).rstrip(".")


def values_of(value: Any) -> list[Any]:
    """A property's values as a list: none, the one, or the several an event gives."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def guess_calendar_timezone(data: bytes) -> str | None:
    """The calendar's own time zone, to offer as the participant's default, if it names one.

    The file's head is decoded and searched by :func:`zone_named_in`. Never raises on bad
    input: it returns ``None``.

    Examples
    --------
    >>> guess_calendar_timezone(b"BEGIN:VCALENDAR\\r\\nX-WR-TIMEZONE:Europe/Berlin\\r\\n")
    'Europe/Berlin'
    """
    try:
        text, _ = decode_text(data[:ZONE_SEARCH_CHARS])
    except ImportFileError:
        return None
    return zone_named_in(text)


def zone_named_in(text: str) -> str | None:
    """The first IANA time zone a calendar's text names (its first :data:`ZONE_SEARCH_CHARS`
    characters are searched), or ``None``.

    Google writes ``X-WR-TIMEZONE``; Outlook, Apple and Thunderbird write ``VTIMEZONE``
    blocks. Only IANA names are returned (``Europe/Berlin``, not Outlook's
    ``W. Europe Standard Time``).

    Examples
    --------
    >>> zone_named_in("BEGIN:VCALENDAR\\r\\nTZID:W. Europe Standard Time\\r\\nTZID:Europe/Paris")
    'Europe/Paris'
    """
    head = text[:ZONE_SEARCH_CHARS]
    for pattern in (r"^X-WR-TIMEZONE:(.+)$", r"^TZID:(.+)$", r"TZID=\"?([^\":;]+)"):
        for match in re.finditer(pattern, head, flags=re.MULTILINE | re.IGNORECASE):
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


RECURRENCE = ("RRULE", "RDATE", "RECURRENCE-ID", "EXRULE")


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
            elif name in RECURRENCE:
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
        f"The calendar file cannot be read at line {number}: '{shorten(line, 40)}' is "
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


def read_components(
    text: str, lines: list[tuple[int, str]], window: tuple[date, date] | None = None
) -> tuple[list[icalendar.Calendar], list[int], int]:
    """The calendars of a decoded file (``lines`` from :func:`logical_lines`), trimmed to what
    the importer reads (see ``_essential``), the line of each event kept, and how many single
    events were left out as outside ``window``.

    Raises
    ------
    CalendarFormatError
        Not an iCalendar file, one icalendar cannot parse (the message names the line), or
        one cut short.
    """
    head = text.lstrip("\ufeff \r\n\t")[:15].upper()
    if not head.startswith("BEGIN:VCALENDAR"):
        first = shorten(text.lstrip().splitlines()[0] if text.strip() else "", 40)
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
            f"The calendar file cannot be read {where}: {clipped_reason(message, 160)}.", line
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
