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

The modules, by concern: :mod:`~playbook.imports.timetracker.layouts` (the known exports and
recognising them), :mod:`~playbook.imports.timetracker.columns` (which column holds what),
:mod:`~playbook.imports.timetracker.dates` (dates, times of day, durations),
:mod:`~playbook.imports.timetracker.reading` (the bytes decoded once, the text read into rows),
:mod:`~playbook.imports.timetracker.times` (a row's start and end),
:mod:`~playbook.imports.timetracker.rows` (the rows' entries) and
:mod:`~playbook.imports.timetracker.parse` (all of it, from bytes or from a decoded text).
"""

from playbook.imports.timetracker.columns import Layout, recognize
from playbook.imports.timetracker.dates import (
    DATE_FORMATS,
    DATE_ORDERS,
    DateOrderQuestion,
    decide_date_format,
    long_date,
)
from playbook.imports.timetracker.layouts import (
    CLOCKIFY,
    TOGGL,
    CsvFormat,
    CsvFormatError,
    detect_format,
    header_signature,
)
from playbook.imports.timetracker.parse import parse_timetracker_csv, read_entries
from playbook.imports.timetracker.reading import (
    MAX_ROWS,
    CsvTable,
    CsvText,
    decode_csv,
    read_headers,
    read_table,
)
from playbook.imports.timetracker.rows import MAX_ENTRY_HOURS

__all__ = [
    "CLOCKIFY",
    "DATE_FORMATS",
    "DATE_ORDERS",
    "MAX_ENTRY_HOURS",
    "MAX_ROWS",
    "TOGGL",
    "CsvFormat",
    "CsvFormatError",
    "CsvTable",
    "CsvText",
    "DateOrderQuestion",
    "Layout",
    "decide_date_format",
    "decode_csv",
    "detect_format",
    "header_signature",
    "long_date",
    "parse_timetracker_csv",
    "read_entries",
    "read_headers",
    "read_table",
    "recognize",
]
