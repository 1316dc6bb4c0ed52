"""An .ics export read into entries: from its bytes, or from a text already decoded, as a
:class:`CalendarRequest` asks."""

from __future__ import annotations

import functools
import warnings as warnings_module
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import ParamSpec, TypeVar
from zoneinfo import ZoneInfo

from playbook.imports import Entry, ImportResult, check_size
from playbook.imports.calendar.attendees import (
    COUNT_DELEGATED,
    COUNT_TENTATIVE,
    anyone_declined,
    calendar_owner,
    owner_addresses,
    owner_status,
)
from playbook.imports.calendar.bounds import check_request
from playbook.imports.calendar.events import (
    all_occurrences,
    dedupe,
    occurrence_entries,
    readable_events,
)
from playbook.imports.calendar.reading import (
    CalendarFormatError,
    decode_calendar,
    logical_lines,
    read_components,
)
from playbook.limits import MAX_TIME_ENTRIES

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class CalendarRequest:
    """What one import asks of a calendar: the participant's time zone, the days (both
    inclusive), whose calendar it is and what counts (see :func:`parse_calendar`)."""

    tz: str
    start: date
    end: date
    owner_email: str | Iterable[str] | None = None
    all_day_hours: float = 0.0
    count_tentative: bool = COUNT_TENTATIVE
    count_delegated: bool = COUNT_DELEGATED


def parse_calendar(
    data: bytes,
    tz: str,
    start: date,
    end: date,
    owner_email: str | Iterable[str] | None = None,
    all_day_hours: float = 0.0,
    count_tentative: bool = COUNT_TENTATIVE,
    count_delegated: bool = COUNT_DELEGATED,
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
        The participant's addresses in the calendar (one, a comma or space separated list, or
        several strings), so events they declined are left out.
    all_day_hours
        Hours an all-day event counts for, per day (0: listed, not counted).
    count_tentative, count_delegated
        Whether the owner's tentative and delegated invitations count (the workbook's
        defaults: tentative counted, delegated left out); the warnings say how many of each.

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
    request = CalendarRequest(
        tz, start, end, owner_email, all_day_hours, count_tentative, count_delegated
    )
    tz_info = check_request(tz, start, end, all_day_hours)
    check_size(data)
    text, encoding, not_utf8 = decode_calendar(data)
    notes = not_utf8_warnings(encoding, not_utf8)
    return _parse_calendar(text, encoding, tz_info, request, notes)


def not_utf8_warnings(encoding: str, lines: Sequence[int]) -> tuple[str, ...]:
    """The sentence naming the lines of a mostly UTF-8 calendar read as Windows-1252.

    >>> not_utf8_warnings("mixed", [4, 9])
    ('Lines 4 and 9 of the calendar are not UTF-8; they were read as Windows-1252.',)
    """
    if encoding != "mixed" or not lines:
        return ()
    shown = [str(n) for n in lines[:10]]
    more = f" and {len(lines) - 10} more" if len(lines) > 10 else ""
    if len(shown) == 1:
        named = f"Line {shown[0]} of the calendar is"
    else:
        joined = ", ".join(shown[:-1]) + (" and " if not more else ", ") + shown[-1]
        named = f"Lines {joined}{more} of the calendar are"
    verb = "it was" if len(lines) == 1 else "they were"
    return (f"{named} not UTF-8; {verb} read as Windows-1252.",)


def read_calendar(
    text: str, encoding: str, request: CalendarRequest, decoding_warnings: Sequence[str] = ()
) -> ImportResult:
    """:func:`parse_calendar` of a file already decoded (``text`` in ``encoding``, as
    :func:`~playbook.imports.calendar.decode_calendar` gave them; ``decoding_warnings`` from
    :func:`not_utf8_warnings` come first among the warnings), with what it asks in one
    ``request``: the same entries, the bytes not read again. Raises as :func:`parse_calendar`
    does, the size and decoding aside.

    Examples
    --------
    >>> from datetime import date
    >>> ics = ("BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nSUMMARY:Load-in\\r\\n"
    ...        "DTSTART:20260302T090000Z\\r\\nDTEND:20260302T100000Z\\r\\n"
    ...        "END:VEVENT\\r\\nEND:VCALENDAR\\r\\n")
    >>> asked = CalendarRequest("Europe/Berlin", date(2026, 3, 1), date(2026, 3, 8))
    >>> result = read_calendar(ics, "utf-8", asked)
    >>> [(e.description, e.start.isoformat()) for e in result.entries]
    [('Load-in', '2026-03-02T10:00:00+01:00')]
    """
    r = request
    tz_info = check_request(r.tz, r.start, r.end, r.all_day_hours)
    return _parse_calendar(text, encoding, tz_info, r, tuple(decoding_warnings))


def _quietly(parse: Callable[P, R]) -> Callable[P, R]:
    """``parse`` without icalendar's warnings (to stderr, about vendor-prefixed TZIDs it
    resolves; not for the user)."""

    @functools.wraps(parse)
    def quiet(*args: P.args, **kwargs: P.kwargs) -> R:
        with warnings_module.catch_warnings():
            warnings_module.simplefilter("ignore")
            return parse(*args, **kwargs)

    return quiet


@_quietly
def _parse_calendar(
    text: str,
    encoding: str,
    tz_info: ZoneInfo,
    request: CalendarRequest,
    notes: tuple[str, ...],
) -> ImportResult:
    start, end, all_day_hours = request.start, request.end, request.all_day_hours
    lines = logical_lines(text)
    calendars, event_begins, line_notes = read_components(text, lines, (start, end))

    owner = owner_addresses(request.owner_email)
    count_tentative, count_delegated = request.count_tentative, request.count_delegated
    answered = {"TENTATIVE": 0, "DELEGATED": 0}
    warnings: list[str] = [*notes, *line_notes]
    skipped: dict[str, int] = {}

    def skip(reason: str) -> None:
        skipped[reason] = skipped.get(reason, 0) + 1

    lo = datetime.combine(start, time(0), tzinfo=tz_info)
    hi = datetime.combine(end + timedelta(days=1), time(0), tzinfo=tz_info)

    entries: list[Entry] = []
    withdrawn: set[str] = set()
    declined_unknown = 0
    begin_index = 0
    for calendar in calendars:
        cal_owner = calendar_owner(calendar, owner)
        event_lines, known, begin_index = readable_events(
            calendar, event_begins, begin_index, warnings, skipped
        )
        for event, ev_start, ev_end in all_occurrences(
            calendar, lo, hi, tz_info, event_lines, known, warnings, skipped
        ):
            if ev_start is None:
                skip("outside the date range")
                continue
            made = occurrence_entries(event, ev_start, ev_end, tz_info, start, end, all_day_hours)
            left_out = None
            status = owner_status(event, cal_owner) if cal_owner else None
            if str(event.get("STATUS", "")).upper() == "CANCELLED":
                left_out = "cancelled"
            elif status == "DECLINED":
                left_out = "declined"
            elif status in answered and not isinstance(made, str):
                answered[status] += 1
                counted = count_tentative if status == "TENTATIVE" else count_delegated
                left_out = None if counted else status.lower()
            elif not cal_owner and anyone_declined(event):
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
                # The log keeps at most MAX_TIME_ENTRIES: the import stops there with a message
                # instead of making millions of markers (10,000 three-year "On tour" events).
                if len(entries) > MAX_TIME_ENTRIES:
                    raise CalendarFormatError(
                        f"Between {start:%d %b %Y} and {end:%d %b %Y} this calendar makes more "
                        f"than {MAX_TIME_ENTRIES:,} entries (an all-day event counts once a "
                        "day); the workbook reads at most that many in one import, so nothing "
                        "was imported. Choose a shorter date range."
                    )

    said = _answered_sentence(answered, count_tentative, count_delegated)
    if said:
        warnings.append(said)
    if declined_unknown:
        warnings.append(
            f"{declined_unknown} event(s) list an attendee who declined. Give the e-mail "
            "address your calendar uses to leave out the events you declined yourself."
        )
    entries = dedupe(entries)
    return ImportResult(
        entries=entries,
        format="iCalendar",
        encoding=encoding,
        skipped=skipped,
        warnings=warnings,
        withdrawn=withdrawn,
    )


def _answered_sentence(answered: dict[str, int], tentative: bool, delegated: bool) -> str:
    """What was done with the owner's tentative and delegated invitations, in one sentence.

    >>> _answered_sentence({"TENTATIVE": 2, "DELEGATED": 1}, True, False)
    '2 tentative meetings counted; 1 delegated left out.'
    """
    parts: list[str] = []
    for key, counted, word in (
        ("TENTATIVE", tentative, "tentative"),
        ("DELEGATED", delegated, "delegated"),
    ):
        n = answered[key]
        if n:
            noun = (" meeting" if n == 1 else " meetings") if not parts else ""
            parts.append(f"{n} {word}{noun} {'counted' if counted else 'left out'}")
    return "; ".join(parts) + "." if parts else ""
