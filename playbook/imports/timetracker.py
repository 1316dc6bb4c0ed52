"""Time-tracker CSV exports: Toggl Track, Clockify, or any CSV through a column mapping.

The format is recognised from the header row:

* **Toggl Track** detailed report: ``User, Email, Client, Project, Task, Description, Billable,
  Start date, Start time, End date, End time, Duration, Tags, Amount ()`` (newer exports may
  say ``Member`` and ``Stop date``/``Stop time``; both are read). Dates are ISO
  (``2026-03-02``), times ``13:05:00``, durations ``01:30:00``, tags comma-separated.
* **Clockify** detailed report: ``Project, Client, Description, Task, User, Group, Email, Tags,
  Billable, Start Date, Start Time, End Date, End Time, Duration (h), Duration (decimal),
  Billable Rate (USD), Billable Amount (USD)``. Dates follow the exporting user's settings
  (``03/02/2026`` by default, month first), times may be 12-hour (``01:26:00 PM``).
* **Anything else**: the participant picks once which columns hold the description, the start
  (a date-time, or a time with a separate date column), the end or the duration, and
  optionally tags and project; that :class:`~playbook.imports.ColumnMapping` is remembered
  under the file's :func:`header_signature`.

Times in these exports carry no zone: they are the exporting account's local times, read as
wall-clock times in the participant's chosen time zone.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from playbook.errors import ImportFileError
from playbook.imports import (
    ColumnMapping,
    Entry,
    ImportResult,
    check_size,
    decode_text,
    make_entry,
    to_local,
    zone,
)

__all__ = [
    "CLOCKIFY",
    "TOGGL",
    "CsvFormatError",
    "CsvFormat",
    "detect_format",
    "header_signature",
    "parse_timetracker_csv",
    "read_headers",
]

#: Most rows a message lists by number before it says "and N more".
_SHOWN = 3

#: An entry longer than this is not work but a timer left running; it is left out, with a note.
MAX_ENTRY_HOURS = 24.0


class CsvFormatError(ImportFileError):
    """Raised when a CSV's columns match no known export and no column mapping fits them.

    ``headers`` holds the columns found, so the UI can offer them in a column-mapping form.
    """

    def __init__(self, message: str, headers: list[str] | None = None) -> None:
        super().__init__(message)
        self.headers = list(headers or [])


@dataclass(frozen=True)
class CsvFormat:
    """A known time-tracker export: its name, every column it writes, and the ones we need."""

    key: str
    name: str
    columns: tuple[str, ...]
    description: tuple[str, ...]
    start_date: tuple[str, ...]
    start_time: tuple[str, ...]
    end_date: tuple[str, ...]
    end_time: tuple[str, ...]
    duration: tuple[str, ...]
    project: tuple[str, ...]
    tags: tuple[str, ...]
    # Columns only this format writes: they tell Toggl and Clockify apart.
    signature: tuple[str, ...]


TOGGL = CsvFormat(
    key="toggl",
    name="Toggl Track",
    columns=(
        "User",
        "Email",
        "Client",
        "Project",
        "Task",
        "Description",
        "Billable",
        "Start date",
        "Start time",
        "End date",
        "End time",
        "Duration",
        "Tags",
        "Amount ()",
    ),
    description=("description",),
    start_date=("start date",),
    start_time=("start time",),
    end_date=("end date", "stop date"),
    end_time=("end time", "stop time"),
    duration=("duration",),
    project=("project",),
    tags=("tags",),
    signature=("duration",),
)

CLOCKIFY = CsvFormat(
    key="clockify",
    name="Clockify",
    columns=(
        "Project",
        "Client",
        "Description",
        "Task",
        "User",
        "Group",
        "Email",
        "Tags",
        "Billable",
        "Start Date",
        "Start Time",
        "End Date",
        "End Time",
        "Duration (h)",
        "Duration (decimal)",
        "Billable Rate (USD)",
        "Billable Amount (USD)",
    ),
    description=("description",),
    start_date=("start date",),
    start_time=("start time",),
    end_date=("end date",),
    end_time=("end time",),
    duration=("duration (h)", "duration (decimal)"),
    project=("project",),
    tags=("tags",),
    signature=("duration (h)", "duration (decimal)"),
)

FORMATS = (CLOCKIFY, TOGGL)


def _norm(header: str) -> str:
    return " ".join(header.replace("\ufeff", "").strip().strip('"').split()).casefold()


def header_signature(headers: Iterable[str]) -> str:
    """A key for a set of CSV columns, to remember the participant's mapping for that layout.

    Examples
    --------
    >>> header_signature(["When", " What ", "Hours"])
    'hours|what|when'
    """
    return "|".join(sorted({_norm(h) for h in headers if _norm(h)}))


def _delimiter(first_line: str) -> str:
    """The likeliest delimiter: European spreadsheets write ``;`` where others write ``,``."""
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_rows(data: bytes) -> tuple[list[str], Iterable[tuple[int, list[str]]], str]:
    check_size(data)
    text, encoding = decode_text(data)
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=_delimiter(first_line))
    try:
        headers = next(reader)
    except StopIteration:
        raise ImportFileError("The file has no header row.") from None
    except csv.Error as err:
        raise ImportFileError(f"Line 1 is not valid CSV: {err}.") from None
    headers = [h.replace("\ufeff", "").strip() for h in headers]
    if not any(headers):
        raise ImportFileError("The first line of the file should name the columns; it is empty.")

    def rows() -> Iterable[tuple[int, list[str]]]:
        try:
            for row in reader:
                if any(row) and "".join(row).strip():
                    yield reader.line_num, row
        except csv.Error as err:
            raise ImportFileError(f"Line {reader.line_num} is not valid CSV: {err}.") from None

    return headers, rows(), encoding


def read_headers(data: bytes) -> tuple[list[str], str]:
    """The column names of a CSV and the encoding it was read with (for the mapping form).

    Raises
    ------
    ImportFileError
        When the file is too large, empty, not text or not CSV.
    """
    headers, _rows, encoding = _read_rows(data)
    return headers, encoding


def _find(index: dict[str, int], names: tuple[str, ...]) -> int | None:
    for name in names:
        if name in index:
            return index[name]
    return None


def detect_format(headers: list[str]) -> CsvFormat | None:
    """The known export whose columns these are, or ``None``.

    Raises
    ------
    CsvFormatError
        When the headers are recognisably a Toggl or Clockify export that lacks a column this
        workbook needs; the message names the missing and the expected columns.

    Examples
    --------
    >>> detect_format(list(TOGGL.columns)).name
    'Toggl Track'
    >>> detect_format(list(CLOCKIFY.columns)).name
    'Clockify'
    >>> detect_format(["When", "What"]) is None
    True
    """
    index = {_norm(h): i for i, h in enumerate(headers)}
    for fmt in FORMATS:
        if not any(s in index for s in fmt.signature):
            continue
        needs = {
            "Description": fmt.description,
            "Start date": fmt.start_date,
            "Start time": fmt.start_time,
        }
        missing = [label for label, names in needs.items() if _find(index, names) is None]
        has_end = _find(index, fmt.end_date) is not None and _find(index, fmt.end_time) is not None
        if missing or not (has_end or _find(index, fmt.duration) is not None):
            if not missing:
                missing = ["End date and End time, or Duration"]
            raise CsvFormatError(
                f"This looks like a {fmt.name} export, but it lacks the column(s): "
                f"{', '.join(missing)}. A {fmt.name} detailed report has the columns: "
                f"{', '.join(fmt.columns)}. Export the detailed report again, or map the "
                "columns yourself.",
                headers,
            )
        return fmt
    return None


# --- values -----------------------------------------------------------------------------------

_DATE_FORMATS = (
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%m/%d/%y",
    "%d/%m/%y",
    "%d.%m.%y",
)
_TIME_FORMATS = (
    "%H:%M:%S",
    "%H:%M",
    "%I:%M:%S %p",
    "%I:%M %p",
    "%I:%M:%S%p",
    "%I:%M%p",
    "%H:%M:%S.%f",
)


class _Bad(ValueError):
    """A cell that cannot be read; the message is for the participant."""


def _date_format(values: Iterable[str], column: str) -> tuple[str, bool]:
    """The first date format that reads every value, and whether day/month was ambiguous."""
    unique = {v.strip() for v in values if v.strip()}
    if not unique:
        raise _Bad(f"the column '{column}' is empty")
    for fmt in _DATE_FORMATS:
        try:
            for v in unique:
                datetime.strptime(v, fmt)
        except ValueError:
            continue
        swapped = fmt.replace("%m/%d", "%d/%m")
        ambiguous = swapped != fmt and _all_parse(unique, swapped)
        return fmt, ambiguous
    sample = sorted(unique)[0]
    for v in sorted(unique):
        if not any(_parses(v, f) for f in _DATE_FORMATS):
            sample = v
            break
    raise _Bad(
        f"'{sample}' in column '{column}' is not a date this workbook reads "
        "(e.g. 2026-03-02, 03/02/2026, 02.03.2026)"
    )


def _parses(value: str, fmt: str) -> bool:
    try:
        datetime.strptime(value, fmt)
    except ValueError:
        return False
    return True


def _all_parse(values: Iterable[str], fmt: str) -> bool:
    return all(_parses(v, fmt) for v in values)


def _time_reader() -> Callable[[str], time]:
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
        raise _Bad(f"'{value}' is not a time of day (e.g. 13:05, 13:05:00 or 01:05 PM)")

    return read


def _date_reader(fmt: str) -> Callable[[str], date]:
    cache: dict[str, date] = {}

    def read(value: str) -> date:
        v = value.strip()
        hit = cache.get(v)
        if hit is None:
            try:
                hit = datetime.strptime(v, fmt).date()
            except ValueError:
                raise _Bad(f"'{value}' is not a date like the others in its column") from None
            cache[v] = hit
        return hit

    return read


_DURATION_HMS = re.compile(r"^(\d+):([0-5]?\d)(?::([0-5]?\d(?:\.\d+)?))?$")


def _duration(value: str) -> timedelta:
    """``01:30:00``, ``1:30`` or decimal hours (``1.5``, ``1,5``) as a timedelta.

    Examples
    --------
    >>> _duration("01:30:00"), _duration("1,25")
    (datetime.timedelta(seconds=5400), datetime.timedelta(seconds=4500))
    """
    v = value.strip()
    m = _DURATION_HMS.match(v)
    if m:
        h, mi, s = m.groups()
        return timedelta(hours=int(h), minutes=int(mi), seconds=float(s or 0))
    try:
        hours = float(v.replace(",", "."))
    except ValueError:
        raise _Bad(f"'{value}' is not a duration (e.g. 01:30:00 or 1.5 hours)") from None
    if not 0 <= hours <= 24 * 366:
        raise _Bad(f"'{value}' is not a duration between 0 and a year")
    return timedelta(hours=hours)


def _datetime_reader(values: Iterable[str], column: str) -> Callable[[str], datetime]:
    """A reader for a column of full date-times, the format inferred from the column."""
    unique = {v.strip() for v in values if v.strip()}
    if not unique:
        raise _Bad(f"the column '{column}' is empty")
    sample = next(iter(unique))

    def iso(v: str) -> datetime:
        try:
            return datetime.fromisoformat(v.replace(" ", "T", 1) if "T" not in v else v)
        except ValueError:
            raise _Bad(f"'{v}' in column '{column}' is not a date and time") from None

    try:
        iso(sample)
        if all(_iso_ok(v) for v in unique):
            return iso
    except _Bad:
        pass
    # "03/02/2026 09:00", "02.03.2026 9:00 AM": a date format, a space, a time format.
    dates = {v.split(" ", 1)[0] for v in unique}
    date_fmt, _amb = _date_format(dates, column)
    read_date = _date_reader(date_fmt)
    read_time = _time_reader()

    def combined(v: str) -> datetime:
        d, _, t = v.strip().partition(" ")
        if not t:
            raise _Bad(f"'{v}' in column '{column}' has a date but no time")
        return datetime.combine(read_date(d), read_time(t))

    return combined


def _iso_ok(v: str) -> bool:
    try:
        datetime.fromisoformat(v.replace(" ", "T", 1) if "T" not in v else v)
    except ValueError:
        return False
    return True


def _tags(value: str) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(t for t in (p.strip() for p in value.split(",")) if t)


# --- parsing ----------------------------------------------------------------------------------


@dataclass
class _Plan:
    """Which column index holds what, for one file."""

    description: int
    start: int
    start_date: int | None
    end: int | None
    end_date: int | None
    duration: int | None
    project: int | None
    tags: int | None


def _mapping_plan(headers: list[str], mapping: ColumnMapping) -> _Plan:
    index = {_norm(h): i for i, h in enumerate(headers)}
    missing = [c for c in mapping.columns() if _norm(c) not in index]
    if missing:
        raise CsvFormatError(
            "Your column mapping names column(s) this file does not have: "
            f"{', '.join(missing)}. The file has: {', '.join(h for h in headers if h)}.",
            headers,
        )

    def at(name: str | None) -> int | None:
        return index[_norm(name)] if name else None

    return _Plan(
        description=index[_norm(mapping.description)],
        start=index[_norm(mapping.start)],
        start_date=at(mapping.date),
        end=at(mapping.end),
        end_date=None,
        duration=at(mapping.duration),
        project=at(mapping.project),
        tags=at(mapping.tags),
    )


def _format_plan(headers: list[str], fmt: CsvFormat) -> _Plan:
    index = {_norm(h): i for i, h in enumerate(headers)}
    end_date, end_time = _find(index, fmt.end_date), _find(index, fmt.end_time)
    has_end = end_date is not None and end_time is not None
    return _Plan(
        description=index[fmt.description[0]],
        start=_find(index, fmt.start_time),  # type: ignore[arg-type]
        start_date=_find(index, fmt.start_date),
        end=end_time if has_end else None,
        end_date=end_date if has_end else None,
        duration=_find(index, fmt.duration),
        project=_find(index, fmt.project),
        tags=_find(index, fmt.tags),
    )


def _unknown_format(headers: list[str]) -> CsvFormatError:
    found = ", ".join(f"'{h}'" for h in headers if h) or "(none)"
    return CsvFormatError(
        "This CSV is not a Toggl Track or Clockify detailed report. Expected the columns of "
        f"one of them: Toggl Track: {', '.join(TOGGL.columns)}; Clockify: "
        f"{', '.join(CLOCKIFY.columns)}. Found: {found}. Choose which of your columns hold "
        "the description, start, and end or duration, and the workbook will remember it.",
        headers,
    )


def parse_timetracker_csv(
    data: bytes,
    tz: str = "UTC",
    mapping: ColumnMapping | None = None,
    date_range: tuple[date, date] | None = None,
) -> ImportResult:
    """Read a time-tracker CSV export into entries.

    Parameters
    ----------
    data
        The file's bytes (at most :data:`~playbook.imports.IMPORT_LIMIT_BYTES`).
    tz
        The IANA time zone the export's times are read in (exports carry no zone).
    mapping
        The participant's column mapping; when given it is used instead of format detection.
    date_range
        First and last day (inclusive) to keep; rows outside are counted as skipped.

    Returns
    -------
    ImportResult
        ``format`` is ``"Toggl Track"``, ``"Clockify"`` or ``"CSV (your column mapping)"``.
        Rows that cannot be read, end before they start, or last over 24 hours are left out
        and named (by line) in ``warnings``.

    Raises
    ------
    FileTooLargeError
        Over the import limit.
    CsvFormatError
        Unknown columns and no mapping, a mapping naming absent columns, or a Toggl/Clockify
        export missing a needed column; the message says which columns were expected.
    ImportFileError
        Empty, not text, not CSV, or no row could be read (the message quotes the first
        problem and its line).
    """
    return _parse_csv(data, tz, mapping, date_range)


class _Times:
    """Reads a row's start and end, with the date and time readers chosen for this file."""

    def __init__(
        self,
        plan: _Plan,
        headers: list[str],
        rows: list[tuple[int, list[str]]],
        zone_info: ZoneInfo,
    ) -> None:
        self.plan, self.zone_info = plan, zone_info
        self.warnings: list[str] = []

        def column(i: int | None) -> list[str]:
            if i is None:
                return []
            return [r[i] if i < len(r) else "" for _, r in rows]

        self.end_date_reader: Callable[[str], date] | None = None
        self.read_start_dt: Callable[[str], datetime] | None = None
        try:
            if plan.start_date is not None:
                date_fmt, ambiguous = _date_format(
                    column(plan.start_date), headers[plan.start_date]
                )
                self.read_date = _date_reader(date_fmt)
                if ambiguous:
                    self.warnings.append(
                        "Every date in the file reads either month-first or day-first (like "
                        "03/04/2026); they were read month-first, Clockify's default. If they "
                        "are day-first, set a YYYY-MM-DD date format in your tracker and export "
                        "again."
                    )
                self.read_start_time = _time_reader()
                if plan.end_date is not None:
                    end_fmt = _date_format(column(plan.end_date), headers[plan.end_date])[0]
                    self.end_date_reader = _date_reader(end_fmt)
            else:
                self.read_start_dt = _datetime_reader(column(plan.start), headers[plan.start])
            self.end_is_datetime = False
            self.read_end_dt: Callable[[str], datetime] | None = None
            if plan.end is not None and plan.end_date is None:
                # A mapped end column: a time of day, or a full date-time.
                sample = next((v for v in column(plan.end) if v.strip()), "")
                if " " in sample.strip() or "T" in sample or "-" in sample:
                    self.end_is_datetime = True
                    self.read_end_dt = _datetime_reader(column(plan.end), headers[plan.end])
        except _Bad as err:
            raise ImportFileError(f"No row could be read: {err}.") from None
        self.read_time = _time_reader()

    def of(self, row: list[str]) -> tuple[datetime, datetime]:
        """The row's start and end in local time; ``_Bad`` says why they cannot be read."""
        plan, zone_info = self.plan, self.zone_info
        if self.read_start_dt is None:
            start_naive = datetime.combine(
                self.read_date(row[plan.start_date]),  # type: ignore[index]
                self.read_start_time(row[plan.start]),
            )
        else:
            start_naive = self.read_start_dt(row[plan.start])
        start = to_local(start_naive, zone_info)
        end = None
        if plan.end is not None and row[plan.end].strip():
            if self.end_date_reader is not None and plan.end_date is not None:
                end_naive = datetime.combine(
                    self.end_date_reader(row[plan.end_date]), self.read_time(row[plan.end])
                )
            elif self.end_is_datetime and self.read_end_dt is not None:
                end_naive = self.read_end_dt(row[plan.end])
            else:
                end_naive = datetime.combine(start_naive.date(), self.read_time(row[plan.end]))
                if end_naive < start_naive:  # "22:00 to 01:00" crosses midnight
                    end_naive += timedelta(days=1)
            end = to_local(end_naive, zone_info)
        elif plan.duration is not None and row[plan.duration].strip():
            # Elapsed time: added to the fixed-offset start, then back to local time.
            end = to_local(start + _duration(row[plan.duration]), zone_info)
        if end is None:
            raise _Bad("it has neither an end nor a duration")
        return start, end


def _parse_csv(
    data: bytes,
    tz: str = "UTC",
    mapping: ColumnMapping | None = None,
    date_range: tuple[date, date] | None = None,
) -> ImportResult:
    zone_info = zone(tz)
    headers, rows_iter, encoding = _read_rows(data)
    if mapping is not None:
        plan, fmt_name, source = _mapping_plan(headers, mapping), "CSV (your column mapping)", "csv"
    else:
        fmt = detect_format(headers)
        if fmt is None:
            raise _unknown_format(headers)
        plan, fmt_name, source = _format_plan(headers, fmt), fmt.name, fmt.key

    rows = list(rows_iter)
    width = len(headers)
    times = _Times(plan, headers, rows, zone_info)
    warnings = times.warnings
    skipped: dict[str, int] = {}
    problems: list[str] = []
    entries: list[Entry] = []
    lo, hi = date_range if date_range else (None, None)
    for line, row in rows:
        if len(row) < width:
            row = row + [""] * (width - len(row))
        try:
            start, end = times.of(row)
        except _Bad as err:
            skipped["unreadable"] = skipped.get("unreadable", 0) + 1
            if len(problems) < _SHOWN:
                problems.append(f"line {line}: {err}")
            continue
        if end < start:
            skipped["ending before they start"] = skipped.get("ending before they start", 0) + 1
            if len(problems) < _SHOWN:
                problems.append(f"line {line}: it ends before it starts")
            continue
        hours = (end - start).total_seconds() / 3600
        if hours > MAX_ENTRY_HOURS:
            skipped["over 24 hours"] = skipped.get("over 24 hours", 0) + 1
            if len(problems) < _SHOWN:
                problems.append(f"line {line}: it lasts {hours:.0f} hours (a timer left running?)")
            continue
        if lo is not None and not (lo <= start.date() <= hi):  # type: ignore[operator]
            skipped["outside the date range"] = skipped.get("outside the date range", 0) + 1
            continue
        entries.append(
            make_entry(
                source,
                row[plan.description].strip(),
                start,
                end,
                project=row[plan.project].strip() if plan.project is not None else "",
                tags=_tags(row[plan.tags]) if plan.tags is not None else (),
            )
        )

    bad = sum(n for k, n in skipped.items() if k != "outside the date range")
    if rows and bad == len(rows):
        raise ImportFileError(f"No row could be read. First problems: {'; '.join(problems)}.")
    if problems:
        more = f" (and {bad - len(problems)} more)" if bad > len(problems) else ""
        listed = "; ".join(problems)
        warnings.append(f"Left out {bad} row(s) that could not be used: {listed}{more}.")
    if not rows:
        warnings.append("The file has a header row but no entries.")
    return ImportResult(
        entries=entries, format=fmt_name, encoding=encoding, skipped=skipped, warnings=warnings
    )
