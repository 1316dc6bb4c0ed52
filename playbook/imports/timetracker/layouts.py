"""The layouts of time-tracker CSV exports, and which one a file's header row is.

* **Toggl Track** detailed report: ``User, Email, Client, Project, Task, Description, Billable,
  Start date, Start time, End date, End time, Duration, Tags, Amount ()`` (newer exports may
  say ``Member`` and ``Stop date``/``Stop time``; both are read).
* **Clockify** detailed report, in any of the languages Clockify exports (see the names below).
* **Harvest** detailed time report: ``Date, Client, Project, Project Code, Task, Notes, Hours,
  Hours Rounded, Billable?, Invoiced?, Approved?, First Name, Last Name, ...`` (a date and the
  decimal hours, no clock time: day entries).
* **Summary reports** of Toggl Track and Clockify (totals, no dates) are named by
  :func:`summary_report`, with the steps to export the detailed report instead.
* **Anything else** is named by :func:`unknown_format`: the participant maps its columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from playbook.errors import ImportFileError


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
    # A task column, the title when the description is blank (Harvest's Task beside its Notes).
    task: tuple[str, ...] = ()


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

#: Harvest's detailed time report (Reports → Detailed time → Export → CSV). The columns as
#: Harvest's help pages and public samples give them (see tests/data/timetracker/README.md);
#: dates YYYY-MM-DD, hours decimal, no clock time.
HARVEST = CsvFormat(
    key="harvest",
    name="Harvest",
    columns=(
        "Date",
        "Client",
        "Project",
        "Project Code",
        "Task",
        "Notes",
        "Hours",
        "Hours Rounded",
        "Billable?",
        "Invoiced?",
        "Approved?",
        "First Name",
        "Last Name",
        "Roles",
        "Employee?",
        "Billable Rate",
        "Billable Amount",
        "Cost Rate",
        "Cost Amount",
        "Currency",
        "External Reference URL",
    ),
    description=("notes",),
    start_date=("date",),
    start_time=(),
    end_date=(),
    end_time=(),
    duration=("hours",),
    project=("project",),
    tags=(),
    signature=("hours rounded", "billable?", "invoiced?", "approved?", "employee?"),
    task=("task",),
)

FORMATS = (CLOCKIFY, TOGGL, HARVEST)


def normalize_header(header: str) -> str:
    """A column name as compared: no byte-order mark, quotes or extra spaces, case folded.

    >>> normalize_header(' "Start  Date" ')
    'start date'
    """
    return " ".join(header.replace("\ufeff", "").strip().strip('"').split()).casefold()


def header_signature(headers: Iterable[str]) -> str:
    """A key for a set of CSV columns, to remember the participant's mapping for that layout.

    Examples
    --------
    >>> header_signature(["When", " What ", "Hours"])
    'hours|what|when'
    """
    return "|".join(sorted({normalize_header(h) for h in headers if normalize_header(h)}))


def find_column(index: dict[str, int], names: tuple[str, ...]) -> int | None:
    """The position of the first of ``names`` in ``index`` (normalized name -> position)."""
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
    index = {normalize_header(h): i for i, h in enumerate(headers)}
    for fmt in FORMATS:
        if not any(s in index for s in fmt.signature):
            continue
        needs = {"Description": fmt.description + fmt.task, "Start date": fmt.start_date}
        missing = [label for label, names in needs.items() if find_column(index, names) is None]
        has_end = (
            find_column(index, fmt.end_date) is not None
            and find_column(index, fmt.end_time) is not None
        )
        has_start = find_column(index, fmt.start_time) is not None
        has_duration = find_column(index, fmt.duration) is not None
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


def unknown_format(headers: list[str]) -> CsvFormatError:
    """The error for a CSV that is neither export: what was expected, what was found."""
    found = ", ".join(f"'{h}'" for h in headers if h) or "(none)"
    return CsvFormatError(
        "This CSV is not a Toggl Track or Clockify detailed report. Expected the columns of "
        f"one of them: Toggl Track: {', '.join(TOGGL.columns)}; Clockify: "
        f"{', '.join(CLOCKIFY.columns)}. Found: {found}. Choose which of your columns hold "
        "the description, start, and end or duration, and the workbook will remember it.",
        headers,
    )


class SummaryReportError(ImportFileError):
    """Raised for a tracker's summary report (totals, no dates): the message names the tool
    and says how to export its detailed report."""


#: The steps to the detailed report, in each tool's own words (its help pages).
_DETAILED_STEPS = {
    "Toggl Track": "In Toggl Track, open Reports → Detailed, choose the dates and Export → "
    "CSV, and import that file.",
    "Clockify": "In Clockify, open Reports → Detailed, choose the dates and Export → Save as "
    "CSV, and import that file.",
}
_SUMMARY_DURATIONS = (
    "duration",
    "time (h)",
    "time (decimal)",
    "duration (h)",
    "duration (decimal)",
)
_DATED = ("date", "start", "stop", "end", "day", "week", "month")


def summary_report(first: list[list[str]], last: list[list[str]]) -> SummaryReportError | None:
    """The error for a Toggl Track or Clockify summary report, or ``None``.

    ``first`` are the file's first lines as CSV cells (title lines, the header), ``last`` its
    last ones. A summary's header has a duration column (Toggl's ``Duration``, Clockify's
    ``Time (h)`` / ``Time (decimal)``) and no date or time column; Toggl's has title lines
    above it (``Summary report``, the dates) or a total row, Clockify's its ``Time`` columns.

    Examples
    --------
    >>> err = summary_report([["Project", "Client", "Time (h)", "Time (decimal)"]], [["Total"]])
    >>> str(err).split(", which")[0]
    "This is Clockify's summary report (totals per project)"
    >>> summary_report([["Date", "Project", "Duration"]], []) is None
    True
    """
    for at, cells in enumerate(first):
        names = [normalize_header(c) for c in cells]
        if not any(n in _SUMMARY_DURATIONS for n in names):
            continue
        if any(word in n for n in names for word in _DATED):
            return None
        above = " ".join(" ".join(c) for c in first[:at]).casefold()
        total = any(row and normalize_header(row[0]).startswith("total") for row in last)
        if "time (h)" in names or "time (decimal)" in names:
            tool = "Clockify"
        elif "summary" in above or total:
            tool = "Toggl Track"
        else:
            return None
        group = next((n for n in names if n and n not in _SUMMARY_DURATIONS), "")
        per = f" (totals per {group})" if group else " (totals)"
        return SummaryReportError(
            f"This is {tool}'s summary report{per}, which has no dates. {_DETAILED_STEPS[tool]}"
        )
    return None
