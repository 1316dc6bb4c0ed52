"""The dates, times of day and durations of time-tracker exports.

A file's date format is decided once from every date in it (:func:`decide_date_format`),
never per value; when every date reads both month-first and day-first, the participant is
asked (:class:`DateOrderQuestion`). Times of day may be 24-hour or 12-hour; durations come in
every format the trackers offer (:func:`read_duration`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta

from playbook.errors import ImportFileError

#: Every date format the two trackers let a user choose, with the order of its day and month.
#: Toggl Track: YYYY-MM-DD, DD.MM.YYYY, DD-MM-YYYY, MM/DD/YYYY, DD/MM/YYYY, MM-DD-YYYY (the
#: ``date_format`` choices of its API's user, as listed by toggl-cli, AuHau/toggl-cli
#: ``toggl/api/models.py``); Clockify the same set (issue 14 quotes its MM-DD-YYYY) chosen in
#: its profile settings (clockify.me/help/users/profile-settings); YYYY/MM/DD, YYYY.MM.DD and
#: two-digit years are what spreadsheets make of them when a file is saved again.
DATE_FORMATS: tuple[tuple[str, str], ...] = (
    ("%Y-%m-%d", "ymd"),
    ("%Y/%m/%d", "ymd"),
    ("%Y.%m.%d", "ymd"),
    ("%m/%d/%Y", "mdy"),
    ("%m-%d-%Y", "mdy"),
    ("%m/%d/%y", "mdy"),
    ("%m-%d-%y", "mdy"),
    ("%d/%m/%Y", "dmy"),
    ("%d-%m-%Y", "dmy"),
    ("%d.%m.%Y", "dmy"),
    ("%d/%m/%y", "dmy"),
    ("%d-%m-%y", "dmy"),
    ("%d.%m.%y", "dmy"),
)
#: What the participant is asked when a file's dates read both ways.
DATE_ORDERS = {
    "mdy": "month first (03/02/2026 is 2 March)",
    "dmy": "day first (03/02/2026 is 3 February)",
}

#: Times of day: 24-hour (Toggl's ``H:mm``, Clockify's 24-hour) and 12-hour (Toggl's
#: ``h:mm A``, Clockify's 12-hour ``01:26:00 PM``), with or without seconds.
_TIME_FORMATS = (
    "%H:%M:%S",
    "%H:%M",
    "%I:%M:%S %p",
    "%I:%M %p",
    "%I:%M:%S%p",
    "%I:%M%p",
    "%H:%M:%S.%f",
)


def long_date(day: date, weekday: bool = False) -> str:
    """``2 March 2026`` (``Monday 2 March 2026``), the same on every platform.

    >>> long_date(date(2026, 3, 2), weekday=True)
    'Monday 2 March 2026'
    """
    return f"{day:%A} " * weekday + f"{day.day} {day:%B %Y}"


class DateOrderQuestion(ImportFileError):
    """Raised when every date of a file reads both month-first and day-first (all days <= 12).

    The page asks the participant which it is, showing ``examples`` (each date as written,
    read month-first, read day-first), and imports again with ``date_order``; the answer is
    remembered for the file's :func:`header_signature`.
    """

    def __init__(self, headers: list[str], examples: list[tuple[str, date, date]]) -> None:
        shown = "; ".join(f"{raw}: {long_date(m)} or {long_date(d)}" for raw, m, d in examples)
        super().__init__(
            "Every date in this file reads two ways (no day is above 12), so the workbook "
            f"cannot tell month-first from day-first: {shown}. Choose which your tracker writes."
        )
        self.headers = list(headers)
        self.examples = examples


class BadCell(ValueError):
    """A cell that cannot be read; the message is for the participant."""


class AmbiguousDates(ValueError):
    """Every date reads both ways; ``formats`` maps each order to its format."""

    def __init__(self, formats: dict[str, str]) -> None:
        super().__init__("ambiguous dates")
        self.formats = formats


def _parses(value: str, fmt: str) -> bool:
    try:
        datetime.strptime(value, fmt)
    except ValueError:
        return False
    return True


def decide_date_format(values: Iterable[str], order: str | None = None) -> str | None:
    """The one date format that reads every value, decided from them all, never per value.

    ``order`` (``"mdy"`` or ``"dmy"``) is the participant's answer for a file whose dates read
    both ways. Returns ``None`` when no format reads them all.

    Raises
    ------
    AmbiguousDates
        When the values read both month-first and day-first with different dates and no
        ``order`` is given.

    Examples
    --------
    >>> decide_date_format(["03/02/2026", "03/13/2026"])
    '%m/%d/%Y'
    >>> decide_date_format(["03/02/2026"], order="dmy")
    '%d/%m/%Y'
    """
    unique = {v.strip() for v in values if v.strip()}
    fits: dict[str, str] = {}
    for fmt, kind in DATE_FORMATS:
        if kind in fits or (order is not None and kind not in (order, "ymd")):
            continue
        if all(_parses(v, fmt) for v in unique):
            fits[kind] = fmt
    if not fits:
        return None
    if len(fits) > 1:
        readings = {
            tuple(datetime.strptime(v, fmt).date() for v in sorted(unique)) for fmt in fits.values()
        }
        if len(readings) > 1:
            raise AmbiguousDates(fits)
    return next(iter(fits.values()))


def unreadable_date(values: Iterable[str], column: str) -> BadCell:
    """Why the dates of ``column`` cannot be read: one that no format reads, or a mix."""
    unique = sorted({v.strip() for v in values if v.strip()})
    sample = next((v for v in unique if not any(_parses(v, f) for f, _ in DATE_FORMATS)), "")
    if not sample:
        sample = unique[0] if unique else ""
        return BadCell(
            f"the dates in column '{column}' are not all written the same way (e.g. '{sample}')"
        )
    return BadCell(
        f"'{sample}' in column '{column}' is not a date this workbook reads "
        "(e.g. 2026-03-02, 03/02/2026, 02.03.2026)"
    )


def time_reader() -> Callable[[str], time]:
    """A reader of times of day (24- or 12-hour, with or without seconds), caching each."""
    cache: dict[str, time] = {}

    def read(value: str) -> time:
        v = value.strip()
        hit = cache.get(v)
        if hit is not None:
            return hit
        for fmt in _TIME_FORMATS:
            try:
                t = datetime.strptime(v.upper(), fmt).time()
            except ValueError:
                continue
            cache[v] = t
            return t
        raise BadCell(f"'{value}' is not a time of day (e.g. 13:05, 13:05:00 or 01:05 PM)")

    return read


def is_time(value: str) -> bool:
    """Whether ``value`` is a time of day (not a date and time)."""
    try:
        time_reader()(value)
    except BadCell:
        return False
    return True


def date_reader(fmt: str) -> Callable[[str], date]:
    """A reader of dates written in ``fmt``, caching each."""
    cache: dict[str, date] = {}

    def read(value: str) -> date:
        v = value.strip()
        hit = cache.get(v)
        if hit is None:
            try:
                hit = datetime.strptime(v, fmt).date()
            except ValueError:
                raise BadCell(f"'{value}' is not a date like the others in the file") from None
            cache[v] = hit
        return hit

    return read


_DURATION_HMS = re.compile(r"^(\d+):([0-5]?\d)(?::([0-5]?\d(?:\.\d+)?))?$")


#: The units a duration column's header may name, each with the words that name it.
_UNIT_WORDS = {
    "seconds": frozenset({"s", "sec", "secs", "second", "seconds", "sekunden", "secondes"}),
    "minutes": frozenset({"m", "min", "mins", "minute", "minutes", "minuten", "minutos"}),
    "hours": frozenset(
        {"h", "hr", "hrs", "hour", "hours", "stunden", "heures", "horas", "decimal", "dezimal"}
    ),
}
_SECONDS_PER = {"seconds": 1.0, "minutes": 60.0, "hours": 3600.0}


def duration_unit(header: str) -> str | None:
    """The unit a duration column's header names (``"seconds"``, ``"minutes"``, ``"hours"``),
    or ``None`` when it names none. A value written ``h:mm`` or ``h:mm:ss`` reads as such in
    any unit; the unit says what a plain number is.

    >>> [duration_unit(h) for h in ("Time Spent (seconds)", "Duration (s)", "Hours", "Duration")]
    ['seconds', 'seconds', 'hours', None]
    """
    words = set(re.findall(r"[^\W\d_]+", header.casefold()))
    for unit, names in _UNIT_WORDS.items():
        if words & names:
            return unit
    return None


def read_duration(value: str, unit: str = "hours") -> timedelta:
    """A duration in any format the trackers export.

    Clockify's Full (``hh:mm:ss``), Compact (``h:mm``) and Decimal (``h.hh``) formats
    (clockify.me/help/track-time-and-expenses/duration-format); Toggl's improved (``1:30:00``),
    classic (``47:06 min``) and decimal (``0.79 h``) ones; a decimal comma (``1,5``). A plain
    number counts ``unit`` (``"hours"``, ``"minutes"`` or ``"seconds"``, from the header).

    Examples
    --------
    >>> [read_duration(v).total_seconds() for v in ("01:30:00", "1,25", "47:06 min", "0.5 h")]
    [5400.0, 4500.0, 2826.0, 1800.0]
    >>> read_duration("5400", "seconds").total_seconds(), read_duration("90", "minutes")
    (5400.0, datetime.timedelta(seconds=5400))
    """
    v = value.strip().lower()
    if v.endswith("min"):
        m = _DURATION_HMS.match(v.removesuffix("min").strip())
        if m and m.group(3) is None:  # classic "mm:ss min"
            return timedelta(minutes=int(m.group(1)), seconds=int(m.group(2)))
        raise BadCell(f"'{value}' is not a duration (e.g. 01:30:00 or 1.5 hours)")
    v = v.removesuffix("h").strip()
    m = _DURATION_HMS.match(v)
    if m:
        h, mi, s = m.groups()
        return timedelta(hours=int(h), minutes=int(mi), seconds=float(s or 0))
    try:
        hours = float(v.replace(",", ".")) * _SECONDS_PER[unit] / 3600
    except ValueError:
        raise BadCell(f"'{value}' is not a duration (e.g. 01:30:00 or 1.5 hours)") from None
    if not 0 <= hours <= 24 * 366:
        raise BadCell(f"'{value}' is not a duration between 0 and a year")
    return timedelta(hours=hours)


def is_iso_datetime(v: str) -> bool:
    """Whether ``v`` is an ISO date and time (``2026-03-02T09:00``, ``2026-03-02 09:00``)."""
    if len(v) < 10 or not v[:4].isdigit():
        return False
    try:
        datetime.fromisoformat(v.replace(" ", "T", 1) if "T" not in v else v)
    except ValueError:
        return False
    return True


def split_datetime(v: str) -> tuple[str, str]:
    """``"03/02/2026 01:00 PM"`` -> ``("03/02/2026", "01:00 PM")``."""
    v = v.strip()
    if "T" in v and v[:1].isdigit():
        d, _, t = v.partition("T")
    else:
        d, _, t = v.partition(" ")
    return d.strip(), t.strip()
