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
    day_entry,
    decode_lines,
    make_entry,
    to_local,
    zone,
)

__all__ = [
    "CLOCKIFY",
    "DATE_FORMATS",
    "DATE_ORDERS",
    "MAX_ROWS",
    "TOGGL",
    "CsvFormatError",
    "CsvFormat",
    "DateOrderQuestion",
    "decide_date_format",
    "long_date",
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


# Localized header names. German, French and Spanish from Clockify's own help pages (the
# column list of a detailed report's export, in each language):
#   de: clockify.me/help/de/reports/exporting-reports ("Projekt, Kunde, Beschreibung, Aufgabe,
#       Benutzer, E-Mail, Tags, ..., Startdatum, Startzeit, Enddatum, Endzeit, Dauer"), with
#       "Dauer (h)" / "Dauer (dezimal)" as in the German header row that
#       github.com/potoku/clockify-to-clockodo index.js records for a Clockify export;
#   fr: clockify.me/help/fr/reports/detailed-report ("projet, client, description, tâche,
#       utilisateur, email, balises, ..., date de début, heure de début, date de fin, heure de
#       fin, durée");
#   es: clockify.me/help/es/reports/detailed-report ("proyecto, cliente, descripción, tarea,
#       usuario, correo electrónico, etiquetas, ..., fecha de inicio, hora de inicio, fecha de
#       finalización, hora de finalización, duración");
#   pt: Clockify's help has no Portuguese column list; the names are those of another
#       importer of Clockify's Portuguese detailed report, github.com/melhorartecnologia-arch/
#       clockfy: server/src/modules/importer/README.md ("Projeto, Cliente, Descrição, Tarefa,
#       Usuário, Grupo, E-mail, Etiquetas, Faturável, Data de início, Hora de início, Data de
#       término, Hora de término, Duração (h), Duração (decimal), ...") and the header table of
#       its csvImporter.js, which also reads "Data final" and "Etiqueta" for the end date and
#       the tags.
# Clockify itself offers only English, French, German, Spanish and Portuguese ("Clockify
# natively supports English, French, German, Spanish, and Portuguese",
# clockify.me/help/users/profile-settings), so there is no Italian or Dutch Clockify export to
# read; none is guessed. Toggl Track writes its CSV headers in English (support.toggl.com,
# "Editing and uploading a CSV file": headers in English, as a Detailed report export gives).
# A duration column is the word for duration alone or followed by "(h)" / "(decimal)".
_DESCRIPTION = ("description", "beschreibung", "descripción", "descrição")
_PROJECT = ("project", "projekt", "projet", "proyecto", "projeto")
_TAGS = ("tags", "balises", "etiquetas", "etiqueta")
_START_DATE = ("start date", "startdatum", "date de début", "fecha de inicio", "data de início")
_START_TIME = ("start time", "startzeit", "heure de début", "hora de inicio", "hora de início")
_END_DATE = (
    "end date",
    "enddatum",
    "date de fin",
    "fecha de finalización",
    "data de término",
    "data final",
)
_END_TIME = ("end time", "endzeit", "heure de fin", "hora de finalización", "hora de término")
_DURATION_WORDS = ("duration", "dauer", "durée", "duración", "duração")
_CLOCKIFY_DURATIONS = tuple(
    f"{word} ({unit})"
    for word in _DURATION_WORDS
    for unit in ("h", "decimal", "dezimal", "décimal", "décimale")
) + tuple(w for w in _DURATION_WORDS if w != "duration")

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
    description=_DESCRIPTION,
    start_date=_START_DATE,
    start_time=_START_TIME,
    end_date=_END_DATE,
    end_time=_END_TIME,
    duration=_CLOCKIFY_DURATIONS,
    project=_PROJECT,
    tags=_TAGS,
    signature=_CLOCKIFY_DURATIONS,
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


def _read_rows(data: bytes) -> tuple[list[str], Iterable[tuple[int, list[str]]], str, list[str]]:
    """The header, the non-blank rows (with their line), the encoding and decoding warnings.

    Rows beyond :data:`MAX_ROWS` stop the reading with an error saying why.
    """
    check_size(data)
    text, encoding, legacy = decode_lines(data)
    warnings: list[str] = []
    if legacy:
        shown = ", ".join(str(n) for n in legacy[:_SHOWN])
        more = f" and {len(legacy) - _SHOWN} more" if len(legacy) > _SHOWN else ""
        warnings.append(
            f"Line(s) {shown}{more} were not saved as UTF-8 like the rest of the file: they were "
            "read as Windows-1252. Check their accented letters (é, ü, ñ)."
        )
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
        count = 0
        try:
            for row in reader:
                if any(row) and "".join(row).strip():
                    count += 1
                    if count > MAX_ROWS:
                        raise ImportFileError(
                            f"The file has more than {MAX_ROWS:,} rows; the workbook reads at "
                            f"most {MAX_ROWS:,} from one file (and keeps at most 20,000 "
                            "entries), so nothing was imported. Export a shorter date range."
                        )
                    yield reader.line_num, row
        except csv.Error as err:
            raise ImportFileError(f"Line {reader.line_num} is not valid CSV: {err}.") from None

    return headers, rows(), encoding, warnings


def read_headers(data: bytes) -> tuple[list[str], str]:
    """The column names of a CSV and the encoding it was read with (for the mapping form).

    Raises
    ------
    ImportFileError
        When the file is too large, empty, not text or not CSV.
    """
    headers, _rows, encoding, _warnings = _read_rows(data)
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
        needs = {"Description": fmt.description, "Start date": fmt.start_date}
        missing = [label for label, names in needs.items() if _find(index, names) is None]
        has_end = _find(index, fmt.end_date) is not None and _find(index, fmt.end_time) is not None
        has_start = _find(index, fmt.start_time) is not None
        has_duration = _find(index, fmt.duration) is not None
        if missing or not (has_duration or (has_start and has_end)):
            if not missing:
                missing = ["Start time, End date and End time, or Duration"]
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

#: The most data rows one file may hold: a year of a busy team's tracker. A larger file is
#: refused before any row is read (a workbook keeps at most 20,000 entries anyway).
MAX_ROWS = 100_000


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


class _Bad(ValueError):
    """A cell that cannot be read; the message is for the participant."""


class _Ambiguous(ValueError):
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
    _Ambiguous
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
            raise _Ambiguous(fits)
    return next(iter(fits.values()))


def _unreadable_date(values: Iterable[str], column: str) -> _Bad:
    unique = sorted({v.strip() for v in values if v.strip()})
    sample = next((v for v in unique if not any(_parses(v, f) for f, _ in DATE_FORMATS)), "")
    if not sample:
        sample = unique[0] if unique else ""
        return _Bad(
            f"the dates in column '{column}' are not all written the same way (e.g. '{sample}')"
        )
    return _Bad(
        f"'{sample}' in column '{column}' is not a date this workbook reads "
        "(e.g. 2026-03-02, 03/02/2026, 02.03.2026)"
    )


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


def _is_time(value: str) -> bool:
    try:
        _time_reader()(value)
    except _Bad:
        return False
    return True


def _date_reader(fmt: str) -> Callable[[str], date]:
    cache: dict[str, date] = {}

    def read(value: str) -> date:
        v = value.strip()
        hit = cache.get(v)
        if hit is None:
            try:
                hit = datetime.strptime(v, fmt).date()
            except ValueError:
                raise _Bad(f"'{value}' is not a date like the others in the file") from None
            cache[v] = hit
        return hit

    return read


_DURATION_HMS = re.compile(r"^(\d+):([0-5]?\d)(?::([0-5]?\d(?:\.\d+)?))?$")


def _duration(value: str) -> timedelta:
    """A duration in any format the trackers export.

    Clockify's Full (``hh:mm:ss``), Compact (``h:mm``) and Decimal (``h.hh``) formats
    (clockify.me/help/track-time-and-expenses/duration-format); Toggl's improved (``1:30:00``),
    classic (``47:06 min``) and decimal (``0.79 h``) ones; a decimal comma (``1,5``).

    Examples
    --------
    >>> _duration("01:30:00"), _duration("1,25"), _duration("47:06 min"), _duration("0.5 h")
    (datetime.timedelta(seconds=5400), datetime.timedelta(seconds=4500), datetime.timedelta(seconds=2826), datetime.timedelta(seconds=1800))
    """
    v = value.strip().lower()
    if v.endswith("min"):
        m = _DURATION_HMS.match(v.removesuffix("min").strip())
        if m and m.group(3) is None:  # classic "mm:ss min"
            return timedelta(minutes=int(m.group(1)), seconds=int(m.group(2)))
        raise _Bad(f"'{value}' is not a duration (e.g. 01:30:00 or 1.5 hours)")
    v = v.removesuffix("h").strip()
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


def _iso_ok(v: str) -> bool:
    if len(v) < 10 or not v[:4].isdigit():
        return False
    try:
        datetime.fromisoformat(v.replace(" ", "T", 1) if "T" not in v else v)
    except ValueError:
        return False
    return True


def _split_datetime(v: str) -> tuple[str, str]:
    """``"03/02/2026 01:00 PM"`` -> ``("03/02/2026", "01:00 PM")``."""
    v = v.strip()
    if "T" in v and v[:1].isdigit():
        d, _, t = v.partition("T")
    else:
        d, _, t = v.partition(" ")
    return d.strip(), t.strip()


def _tags(value: str) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(t[:100] for t in (p.strip() for p in value.split(",")) if t)[:20]


# --- parsing ----------------------------------------------------------------------------------


@dataclass
class _Plan:
    """Which column index holds what, for one file."""

    description: int
    start: int | None
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
        description=_find(index, fmt.description),  # type: ignore[arg-type]
        start=_find(index, fmt.start_time),
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
    date_order: str | None = None,
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
    date_order
        ``"mdy"`` or ``"dmy"``: the participant's answer to a :class:`DateOrderQuestion`.

    Returns
    -------
    ImportResult
        ``format`` is ``"Toggl Track"``, ``"Clockify"`` or ``"CSV (your column mapping)"``.
        Rows that cannot be read, end before they start, or last over 24 hours are left out
        and named (by line) in ``warnings``. Rows without a time of day (no start time, or
        every start at 00:00 with a duration) are entries of their day, said in ``warnings``.

    Raises
    ------
    FileTooLargeError
        Over the import limit.
    CsvFormatError
        Unknown columns and no mapping, a mapping naming absent columns, or a Toggl/Clockify
        export missing a needed column; the message says which columns were expected.
    DateOrderQuestion
        Every date reads both month-first and day-first and ``date_order`` is not given.
    ImportFileError
        Empty, not text, not CSV, over :data:`MAX_ROWS` rows, or no row could be read (the
        message quotes the first problem and its line).
    """
    if date_order is not None and date_order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {sorted(DATE_ORDERS)}")
    return _parse_csv(data, tz, mapping, date_range, date_order)


def _column(rows: list[tuple[int, list[str]]], i: int | None) -> list[str]:
    if i is None:
        return []
    return [r[i] if i < len(r) else "" for _, r in rows]


def _filled(values: Iterable[str]) -> set[str]:
    return {v.strip() for v in values if v.strip()}


_MIDNIGHT = time(0)


class _Times:
    """Reads a row's start and end, with one date format decided from every date in the file
    (the start, end and date-time columns together) and the time readers this file needs."""

    def __init__(
        self,
        plan: _Plan,
        headers: list[str],
        rows: list[tuple[int, list[str]]],
        zone_info: ZoneInfo,
        date_order: str | None,
    ) -> None:
        self.plan, self.zone_info, self.headers = plan, zone_info, headers
        self.read_time = _time_reader()
        dates: set[str] = set()
        self.start_iso = self.end_iso = False
        self.end_is_datetime = False
        if plan.start_date is not None:
            dates |= _filled(_column(rows, plan.start_date))
            # No time of day in the file: no start column, or every start empty or at 00:00
            # (stops at the first real time, so a usual file pays one row for this).
            self.untimed = plan.duration is not None and not any(
                v.strip() and not self._midnight(v) for v in _column(rows, plan.start)
            )
        else:
            self.untimed = False
            starts = _filled(_column(rows, plan.start))
            self.start_iso = bool(starts) and all(_iso_ok(v) for v in starts)
            if not self.start_iso:
                dates |= {_split_datetime(v)[0] for v in starts}
        if plan.end is not None and plan.end_date is not None:
            dates |= _filled(_column(rows, plan.end_date))
        elif plan.end is not None:
            ends = _filled(_column(rows, plan.end))
            if ends and not all(_is_time(v) for v in ends):
                # A mapped end column of date-times ("03/02/2026 01:00 PM"), not times of day.
                self.end_is_datetime = True
                self.end_iso = all(_iso_ok(v) for v in ends)
                if not self.end_iso:
                    dates |= {_split_datetime(v)[0] for v in ends}
        self.read_date: Callable[[str], date] | None = None
        if dates:
            fmt = decide_date_format(dates, date_order)
            if fmt is None:
                name = headers[plan.start_date] if plan.start_date is not None else "the dates"
                raise _unreadable_date(dates, name)
            self.read_date = _date_reader(fmt)
        elif rows and not self.start_iso:
            where = plan.start_date if plan.start_date is not None else plan.start
            raise _Bad(f"the column '{headers[where or 0]}' is empty")

    def _midnight(self, value: str) -> bool:
        try:
            return self.read_time(value) == _MIDNIGHT
        except _Bad:
            return False

    def _datetime(self, value: str, iso: bool) -> datetime:
        v = value.strip()
        if iso:
            try:
                return datetime.fromisoformat(v.replace(" ", "T", 1) if "T" not in v else v)
            except ValueError:
                raise _Bad(f"'{v}' is not a date and time like the others") from None
        d, t = _split_datetime(v)
        if not t:
            raise _Bad(f"'{v}' has a date but no time")
        return datetime.combine(self.read_date(d), self.read_time(t))  # type: ignore[misc]

    def day_of(self, row: list[str]) -> tuple[date, float]:
        """An untimed row's day and hours (from its duration)."""
        plan = self.plan
        day = self.read_date(row[plan.start_date])  # type: ignore[index, misc]
        text = row[plan.duration].strip()  # type: ignore[index]
        if not text:
            raise _Bad("it has no duration")
        return day, _duration(text).total_seconds() / 3600

    def of(self, row: list[str]) -> tuple[datetime, datetime]:
        """The row's start and end in local time; ``_Bad`` says why they cannot be read."""
        plan, zone_info = self.plan, self.zone_info
        if plan.start_date is not None:
            start_naive = datetime.combine(
                self.read_date(row[plan.start_date]),  # type: ignore[misc]
                self.read_time(row[plan.start]),  # type: ignore[index]
            )
        else:
            start_naive = self._datetime(row[plan.start], self.start_iso)  # type: ignore[index]
        start = to_local(start_naive, zone_info)
        end = None
        if plan.end is not None and row[plan.end].strip():
            if plan.end_date is not None and row[plan.end_date].strip():
                end_naive = datetime.combine(
                    self.read_date(row[plan.end_date]),  # type: ignore[misc]
                    self.read_time(row[plan.end]),
                )
            elif self.end_is_datetime:
                end_naive = self._datetime(row[plan.end], self.end_iso)
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


def _question(
    headers: list[str], plan: _Plan, rows: list[tuple[int, list[str]]], formats: dict[str, str]
) -> DateOrderQuestion:
    """The question for a file whose dates read both ways, with its first rows read both ways."""
    examples: list[tuple[str, date, date]] = []
    where = plan.start_date if plan.start_date is not None else plan.start
    for _line, row in rows:
        cell = row[where] if where is not None and where < len(row) else ""
        raw = cell.strip() if plan.start_date is not None else _split_datetime(cell)[0]
        if not raw or any(raw == r for r, _m, _d in examples):
            continue
        try:
            m = datetime.strptime(raw, formats["mdy"]).date()
            d = datetime.strptime(raw, formats["dmy"]).date()
        except (KeyError, ValueError):
            continue
        examples.append((raw, m, d))
        if len(examples) == 3:
            break
    return DateOrderQuestion(headers, examples)


class _Counts:
    """What was left out, by reason, and the first problems by line."""

    def __init__(self) -> None:
        self.skipped: dict[str, int] = {}
        self.problems: list[str] = []

    def skip(self, reason: str, line: int | None = None, why: str = "") -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1
        if line is not None and len(self.problems) < _SHOWN:
            self.problems.append(f"line {line}: {why}")


def _parse_csv(
    data: bytes,
    tz: str = "UTC",
    mapping: ColumnMapping | None = None,
    date_range: tuple[date, date] | None = None,
    date_order: str | None = None,
) -> ImportResult:
    zone_info = zone(tz)
    headers, rows_iter, encoding, warnings = _read_rows(data)
    if mapping is not None:
        plan, fmt_name, source = _mapping_plan(headers, mapping), "CSV (your column mapping)", "csv"
    else:
        fmt = detect_format(headers)
        if fmt is None:
            raise _unknown_format(headers)
        plan, fmt_name, source = _format_plan(headers, fmt), fmt.name, fmt.key

    rows = list(rows_iter)
    if not rows:
        warnings.append("The file has a header row but no entries.")
        return ImportResult(entries=[], format=fmt_name, encoding=encoding, warnings=warnings)
    try:
        times = _Times(plan, headers, rows, zone_info, date_order)
    except _Ambiguous as err:
        raise _question(headers, plan, rows, err.formats) from None
    except _Bad as err:
        raise ImportFileError(f"No row could be read: {err}.") from None
    counts = _Counts()
    entries = (_untimed_entries if times.untimed else _timed_entries)(
        rows, plan, times, source, date_range, counts
    )
    if times.untimed and entries:
        warnings.append(
            f"The file gives no time of day (every entry starts at 00:00 or has no start "
            f"time), so its {len(entries)} entries are counted on their day by their duration, "
            "without a clock time: they do not show in the focus and overlap views."
        )
    bad = sum(n for k, n in counts.skipped.items() if k != "outside the date range")
    if bad == len(rows):
        raise ImportFileError(
            f"No row could be read. First problems: {'; '.join(counts.problems)}."
        )
    if counts.problems:
        more = f" (and {bad - len(counts.problems)} more)" if bad > len(counts.problems) else ""
        listed = "; ".join(counts.problems)
        warnings.append(f"Left out {bad} row(s) that could not be used: {listed}{more}.")
    return ImportResult(
        entries=entries,
        format=fmt_name,
        encoding=encoding,
        skipped=counts.skipped,
        warnings=warnings,
    )


def _text(row: list[str], i: int | None) -> str:
    return row[i].strip() if i is not None else ""


def _timed_entries(
    rows: list[tuple[int, list[str]]],
    plan: _Plan,
    times: _Times,
    source: str,
    date_range: tuple[date, date] | None,
    counts: _Counts,
) -> list[Entry]:
    entries: list[Entry] = []
    lo, hi = date_range if date_range else (None, None)
    width = len(times.headers)
    for line, row in rows:
        if len(row) < width:
            row = row + [""] * (width - len(row))
        try:
            start, end = times.of(row)
        except _Bad as err:
            counts.skip("unreadable", line, str(err))
            continue
        if end < start:
            counts.skip("ending before they start", line, "it ends before it starts")
            continue
        hours = (end - start).total_seconds() / 3600
        if hours > MAX_ENTRY_HOURS:
            counts.skip(
                "over 24 hours", line, f"it lasts {hours:.0f} hours (a timer left running?)"
            )
            continue
        if lo is not None and not (lo <= start.date() <= hi):  # type: ignore[operator]
            counts.skip("outside the date range")
            continue
        entries.append(
            make_entry(
                source,
                row[plan.description].strip(),
                start,
                end,
                project=_text(row, plan.project),
                tags=_tags(row[plan.tags]) if plan.tags is not None else (),
            )
        )
    return entries


def _untimed_entries(
    rows: list[tuple[int, list[str]]],
    plan: _Plan,
    times: _Times,
    source: str,
    date_range: tuple[date, date] | None,
    counts: _Counts,
) -> list[Entry]:
    """Entries of rows without a time of day: their day and their duration."""
    entries: list[Entry] = []
    seen: dict[tuple[date, str, float], int] = {}
    lo, hi = date_range if date_range else (None, None)
    width = len(times.headers)
    for line, row in rows:
        if len(row) < width:
            row = row + [""] * (width - len(row))
        try:
            day, hours = times.day_of(row)
        except _Bad as err:
            counts.skip("unreadable", line, str(err))
            continue
        if hours > MAX_ENTRY_HOURS:
            counts.skip(
                "over 24 hours", line, f"it lasts {hours:.0f} hours (a timer left running?)"
            )
            continue
        if lo is not None and not (lo <= day <= hi):  # type: ignore[operator]
            counts.skip("outside the date range")
            continue
        description = row[plan.description].strip()
        # The same day, text and hours twice in one file are two entries, and stay two when
        # the file is imported again: the key counts them.
        key = (day, description, hours)
        seen[key] = seen.get(key, 0) + 1
        entries.append(
            day_entry(
                source,
                day,
                hours,
                description,
                f"{hours:g}h#{seen[key]}",
                tags=_tags(row[plan.tags]) if plan.tags is not None else (),
                project=_text(row, plan.project),
            )
        )
    return entries
