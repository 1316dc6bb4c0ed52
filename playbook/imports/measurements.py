"""Pilot measurements from a CSV file (bytes or text in, rows out; no widgets, no paths).

The parser knows files: separators, encodings, column names, row numbers in messages. What a
measurement means (its pilot, its phase, the study) is ``playbook.pilots``, which passes its
``Measurement`` model as the row to build.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from playbook.errors import ImportFileError, InputError
from playbook.imports import IMPORT_LIMIT_BYTES, check_size, decode_text
from playbook.limits import MAX_MEASUREMENT_ROWS, MAX_TEXT_CHARS, LimitError

#: Columns a measurements CSV must have, and the ones it may have.
CSV_REQUIRED_COLUMNS = ("date", "value")
CSV_OPTIONAL_COLUMNS = ("metric", "note")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")


class MeasurementError(InputError):
    """Raised when a measurement's value or date cannot be used (not a number, missing)."""


class DuplicateDateError(MeasurementError):
    """Raised when a metric would get two measurements on the same date."""


class DateOrderError(MeasurementError):
    """Raised when the dates of a measurements file do not go forward."""


class CsvColumnsError(ImportFileError):
    """Raised when a measurements file does not have the expected columns."""


class NamedMetric(Protocol):
    """What the parser needs of a metric: its id and its name (either may head a row)."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


@dataclass(frozen=True)
class MeasurementRow:
    """One row of a measurements file."""

    metric: str
    date: dt.date
    value: float
    note: str = ""


R = TypeVar("R", bound=Any)


def parse_value(text: str | float | int, *, decimal_comma: bool = False) -> float:
    """A measurement value from what a participant typed.

    A trailing ``%`` is allowed (timeline adherence is often typed that way). With
    ``decimal_comma`` a value such as ``4,5`` reads as 4.5 (semicolon-separated files from a
    spreadsheet set to a European locale write decimals that way).

    Examples
    --------
    >>> parse_value(" 4.5 ")
    4.5
    >>> parse_value("85%")
    85.0
    >>> parse_value("4,5", decimal_comma=True)
    4.5
    >>> parse_value("abc")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    playbook.imports.measurements.MeasurementError: "abc" is not a number: type digits, with a dot for ...
    """
    if isinstance(text, bool):
        raise MeasurementError(f'"{text}" is not a number.')
    if isinstance(text, int | float):
        if not math.isfinite(text):
            raise MeasurementError("The value must be a finite number.")
        return float(text)
    cleaned = (text or "").strip()
    if not cleaned:
        raise MeasurementError("The value is missing: type a number.")
    body = cleaned[:-1].rstrip() if cleaned.endswith("%") else cleaned
    if decimal_comma and _DECIMAL_COMMA.match(body):
        body = body.replace(",", ".")
    if not _NUMBER.match(body):
        raise MeasurementError(
            f'"{cleaned}" is not a number: type digits, with a dot for decimals (for example 4.5).'
        )
    return float(body)


def parse_date(text: str | dt.date) -> dt.date:
    """A date from ``YYYY-MM-DD`` (a timestamp such as ``2026-03-02T09:00`` keeps its date).

    Examples
    --------
    >>> parse_date("2026-03-02")
    datetime.date(2026, 3, 2)
    >>> parse_date("02/03/2026")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    playbook.imports.measurements.MeasurementError: "02/03/2026" is not a date: write it as YYYY-MM-DD ...
    """
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    cleaned = (text or "").strip()
    if not cleaned:
        raise MeasurementError("The date is missing: write it as YYYY-MM-DD.")
    try:
        if len(cleaned) > 10:
            return dt.datetime.fromisoformat(cleaned).date()
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", cleaned):
            raise ValueError(cleaned)
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        raise MeasurementError(
            f'"{cleaned}" is not a date: write it as YYYY-MM-DD (for example 2026-03-02).'
        ) from None


def _decode(data: bytes | str) -> str:
    """Text of an uploaded file, with the shared size limit and encoding detection."""
    if isinstance(data, str):
        return data
    if data.strip():  # an empty file gets the message naming the columns it needs
        check_size(data, IMPORT_LIMIT_BYTES)
    text, _encoding = decode_text(data)
    return text


def _sniff_delimiter(text: str) -> str:
    first = next((line for line in text[:65536].splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _column_key(name: str) -> str:
    return name.strip().strip("\ufeff").strip().lower()


def _expected_columns() -> str:
    need = " and ".join(CSV_REQUIRED_COLUMNS)
    may = ", ".join(CSV_OPTIONAL_COLUMNS)
    return f"{need} (and, if you like, {may})"


def _problems_message(problems: list[str], limit: int = 3) -> str:
    shown = " ".join(problems[:limit])
    more = len(problems) - limit
    return shown + (
        f" (and {more} more {'problem' if more == 1 else 'problems'})" if more > 0 else ""
    )


def parse_measurements_csv(
    data: bytes | str,
    metrics: Sequence[NamedMetric],
    default_metric: str | None = None,
    row: Callable[..., R] = MeasurementRow,  # type: ignore[assignment]
) -> list[R]:
    """Measurements from a CSV file's content (bytes or text; never a path).

    The file needs the columns ``date`` and ``value``; it may have ``metric`` (a metric's id or
    name) and ``note``. Without a ``metric`` column, every row is for ``default_metric``.
    Commas, semicolons and tabs are recognised as separators; with semicolons, ``4,5`` reads as
    4.5. Blank lines are skipped. Within each metric the dates must go forward and not repeat.

    Nothing is returned unless every row can be used, so a failed import loses nothing and adds
    nothing. Each row is made with ``row(metric=..., date=..., value=..., note=...)``
    (``playbook.pilots`` passes its ``Measurement`` model).

    Raises
    ------
    CsvColumnsError
        When a required column is missing; the message names the expected columns.
    MeasurementError, DuplicateDateError, DateOrderError
        When a row's value or date cannot be used; the message names the rows (up to three).
    ImportFileError
        When the file is too large or not text.
    LimitError
        When it has more than :data:`~playbook.limits.MAX_MEASUREMENT_ROWS` rows (reading
        stops there).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> m = SimpleNamespace(id="revisions", name="Revisions per cut")
    >>> rows = parse_measurements_csv("date,value\\n2026-01-05,5\\n2026-01-12,4", [m], "revisions")
    >>> [(r.date.isoformat(), r.value) for r in rows]
    [('2026-01-05', 5.0), ('2026-01-12', 4.0)]
    """
    text = _decode(data)
    if not text.strip():
        raise CsvColumnsError(f"The file is empty. It needs the columns {_expected_columns()}.")
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    col = _columns(reader)
    by_name = _metric_names(metrics, "metric" in col, default_metric)
    try:
        known = ", ".join(x.id for x in metrics) or "none yet"
        rows = _read_rows(reader, col, by_name, known, default_metric, delimiter != ",", row)
    except csv.Error as err:
        raise ImportFileError(f"The file could not be read as CSV ({err}).") from None
    _check_dates(rows)
    if not rows:
        raise MeasurementError("The file has column names but no measurements.")
    return [m for _, m in rows]


def _columns(reader: Iterator[list[str]]) -> dict[str, int]:
    """Where each known column is, from the header line (required columns checked)."""
    try:
        header = next(reader, [])
    except csv.Error as err:
        raise ImportFileError(f"The file could not be read as CSV ({err}).") from None
    keys = [_column_key(h) for h in header]
    missing = [c for c in CSV_REQUIRED_COLUMNS if c not in keys]
    if missing:
        have = ", ".join(h.strip() for h in header if h.strip()) or "no column names"
        raise CsvColumnsError(
            f"The file needs the columns {_expected_columns()}; "
            f"it has: {have}. Missing: {', '.join(missing)}."
        )
    return {k: keys.index(k) for k in (*CSV_REQUIRED_COLUMNS, *CSV_OPTIONAL_COLUMNS) if k in keys}


def _metric_names(
    metrics: Sequence[NamedMetric], has_metric_column: bool, default_metric: str | None
) -> dict[str, str]:
    """Metric id by lower-case id or name; without a metric column, the default must exist."""
    by_name: dict[str, str] = {}
    for known_metric in metrics:
        by_name[known_metric.id.lower()] = known_metric.id
        by_name[known_metric.name.strip().lower()] = known_metric.id
    if not has_metric_column:
        if default_metric is None:
            raise CsvColumnsError(
                "The file has no metric column: choose which metric these values are for, "
                "or add a metric column."
            )
        if default_metric not in {x.id for x in metrics}:
            raise InputError(f"This pilot has no metric '{default_metric}'.")
    return by_name


def _read_rows(
    reader: Iterator[list[str]],
    col: dict[str, int],
    by_name: dict[str, str],
    known: str,
    default_metric: str | None,
    decimal_comma: bool,
    row: Callable[..., R],
) -> list[tuple[int, R]]:
    """Every non-blank row with its line number; the problems of all rows at once, if any."""
    problems: list[str] = []
    rows: list[tuple[int, R]] = []
    for line_no, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(rows) + len(problems) >= MAX_MEASUREMENT_ROWS:  # stop reading: bounded work
            raise LimitError(
                f"Refused: this file has more than {MAX_MEASUREMENT_ROWS:,} rows of "
                f"measurements (row {line_no} is one too many); a pilot imports at most "
                f"{MAX_MEASUREMENT_ROWS:,} rows at a time, so that its charts stay quick. "
                "Import a shorter period, or one value per week."
            )

        def cell(name: str, record: list[str] = record) -> str:
            i = col.get(name)
            return record[i] if i is not None and i < len(record) else ""

        try:
            day = parse_date(cell("date"))
            value = parse_value(cell("value"), decimal_comma=decimal_comma)
        except MeasurementError as err:
            problems.append(f"Row {line_no}: {err}")
            continue
        if "metric" in col:
            named = cell("metric").strip()
            found = by_name.get(named.lower())
            if found is None:
                problems.append(
                    f'Row {line_no}: "{named}" is not one of this pilot\'s metrics ({known}).'
                )
                continue
            metric_id = found
        else:
            metric_id = str(default_metric)
        note = cell("note").strip()
        if len(note) > MAX_TEXT_CHARS:
            problems.append(
                f"Row {line_no}: the note has {len(note):,} characters; a note has at most "
                f"{MAX_TEXT_CHARS:,}."
            )
            continue
        made = row(metric=metric_id, date=day, value=value, note=note)
        rows.append((line_no, made))
    if problems:
        raise MeasurementError(_problems_message(problems))
    return rows


def _check_dates(rows: Sequence[tuple[int, Any]]) -> None:
    """Within each metric the dates go forward and do not repeat."""
    last: dict[str, tuple[int, dt.date]] = {}
    duplicates: list[str] = []
    disorder: list[str] = []
    for line_no, made in rows:
        previous = last.get(made.metric)
        if previous is not None:
            prev_line, prev_day = previous
            if made.date == prev_day:
                duplicates.append(
                    f"Rows {prev_line} and {line_no} both have {made.date.isoformat()} "
                    f"for {made.metric}."
                )
            elif made.date < prev_day:
                disorder.append(
                    f"Row {line_no} ({made.date.isoformat()}) comes after row {prev_line} "
                    f"({prev_day.isoformat()})."
                )
        last[made.metric] = (line_no, max(made.date, previous[1]) if previous else made.date)
    if duplicates:
        raise DuplicateDateError(
            _problems_message(duplicates) + " Keep one value per date and metric."
        )
    if disorder:
        raise DateOrderError(
            _problems_message(disorder)
            + " The dates must go forward; a date out of order is often a typo (check the year)."
        )
