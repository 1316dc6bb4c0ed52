"""Which column of a CSV holds what: from a recognised layout or the participant's mapping."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from playbook.imports import ColumnMapping
from playbook.imports.timetracker.layouts import (
    CsvFormat,
    CsvFormatError,
    detect_format,
    find_column,
    normalize_header,
    unknown_format,
)

#: The format name of a file read through the participant's column mapping.
MAPPED = "CSV (your column mapping)"


@dataclass
class ColumnPlan:
    """Which column index holds what, for one file."""

    description: int | None
    start: int | None
    start_date: int | None
    end: int | None
    end_date: int | None
    duration: int | None
    project: int | None
    tags: int | None
    #: A task column (Harvest's): the title of a row whose description is blank, and a tag.
    task: int | None = None


def mapping_plan(headers: list[str], mapping: ColumnMapping) -> ColumnPlan:
    """The plan of the participant's mapping; :class:`CsvFormatError` names absent columns."""
    index = {normalize_header(h): i for i, h in enumerate(headers)}
    missing = [c for c in mapping.columns() if normalize_header(c) not in index]
    if missing:
        raise CsvFormatError(
            "Your column mapping names column(s) this file does not have: "
            f"{', '.join(missing)}. The file has: {', '.join(h for h in headers if h)}.",
            headers,
        )

    def at(name: str | None) -> int | None:
        return index[normalize_header(name)] if name else None

    return ColumnPlan(
        description=index[normalize_header(mapping.description)],
        start=index[normalize_header(mapping.start)],
        start_date=at(mapping.date),
        end=at(mapping.end),
        end_date=at(mapping.end_date) if mapping.end else None,
        duration=at(mapping.duration),
        project=at(mapping.project),
        tags=at(mapping.tags),
    )


def format_plan(headers: list[str], fmt: CsvFormat) -> ColumnPlan:
    """The plan of a recognised export (its end used only when both end columns are there)."""
    index = {normalize_header(h): i for i, h in enumerate(headers)}
    end_date, end_time = find_column(index, fmt.end_date), find_column(index, fmt.end_time)
    has_end = end_date is not None and end_time is not None
    return ColumnPlan(
        description=find_column(index, fmt.description),
        start=find_column(index, fmt.start_time),
        start_date=find_column(index, fmt.start_date),
        end=end_time if has_end else None,
        end_date=end_date if has_end else None,
        duration=find_column(index, fmt.duration),
        project=find_column(index, fmt.project),
        tags=find_column(index, fmt.tags),
        task=find_column(index, fmt.task),
    )


@dataclass(frozen=True)
class Layout:
    """How to read one file's rows: its column plan, format name and entry source."""

    plan: ColumnPlan
    format: str
    source: str


def recognize(headers: list[str], mapping: ColumnMapping | None = None) -> Layout:
    """The layout of a CSV with these ``headers``: the participant's ``mapping`` when given,
    else the known export they are.

    Raises
    ------
    CsvFormatError
        Unknown columns and no mapping, a mapping naming absent columns, or a Toggl/Clockify
        export missing a needed column; ``headers`` holds the columns found.

    Examples
    --------
    >>> recognize(["When", "What", "Hours"]).format
    Traceback (most recent call last):
    playbook.imports.timetracker.layouts.CsvFormatError: This CSV is not a Toggl Track or ...
    >>> m = ColumnMapping(description="What", start="When", duration="Hours")
    >>> recognize(["When", "What", "Hours"], m).format
    'CSV (your column mapping)'
    """
    if mapping is not None:
        return Layout(mapping_plan(headers, mapping), MAPPED, "csv")
    fmt = detect_format(headers)
    if fmt is None:
        raise unknown_format(headers)
    return Layout(format_plan(headers, fmt), fmt.name, fmt.key)


def column_values(rows: list[tuple[int, list[str]]], i: int | None) -> list[str]:
    """Column ``i`` of every row ("" where a row is short); nothing when ``i`` is None."""
    if i is None:
        return []
    return [r[i] if i < len(r) else "" for _, r in rows]


def filled(values: Iterable[str]) -> set[str]:
    """The distinct non-blank values, stripped."""
    return {v.strip() for v in values if v.strip()}
