"""The entries of a file's rows: timed ones (with a clock time) and untimed ones (a day and
its duration), each row left out with its reason when it cannot be used."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from playbook.imports import Entry, day_entry, make_entry
from playbook.imports.timetracker.columns import ColumnPlan
from playbook.imports.timetracker.dates import BadCell
from playbook.imports.timetracker.reading import SHOWN
from playbook.imports.timetracker.times import RowTimes

#: An entry longer than this is not work but a timer left running; it is left out, with a note.
MAX_ENTRY_HOURS = 24.0

_Read = TypeVar("_Read")


class Counts:
    """What was left out, by reason, and the first problems by line."""

    def __init__(self) -> None:
        self.skipped: dict[str, int] = {}
        self.problems: list[str] = []

    def skip(self, reason: str, line: int | None = None, why: str = "") -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1
        if line is not None and len(self.problems) < SHOWN:
            self.problems.append(f"line {line}: {why}")


@dataclass(frozen=True)
class RowReading:
    """What reading one file's rows needs: where its columns are (``plan``), how its times
    are read, the entries' ``source``, the days kept (``None``: all) and the tally of what
    was left out."""

    plan: ColumnPlan
    times: RowTimes
    source: str
    date_range: tuple[date, date] | None
    counts: Counts


def read_tags(value: str) -> tuple[str, ...]:
    """A tags cell (``"show, crew"``) as at most 20 tags of at most 100 characters.

    >>> read_tags("show, crew,, ")
    ('show', 'crew')
    """
    if not value:
        return ()
    return tuple(t[:100] for t in (p.strip() for p in value.split(",")) if t)[:20]


def cell_text(row: list[str], i: int | None) -> str:
    """The stripped text of column ``i`` ("" when the column is not in the plan)."""
    return row[i].strip() if i is not None else ""


def title_and_tags(row: list[str], plan: ColumnPlan) -> tuple[str, tuple[str, ...]]:
    """A row's description (its task's name when blank) and tags (with the task, if any)."""
    description = cell_text(row, plan.description)
    tags = read_tags(row[plan.tags]) if plan.tags is not None else ()
    if plan.task is not None:
        task = row[plan.task].strip()
        if task:
            description = description or task
            tags = (*tags, task[:100])[:20]
    return description, tags


def _readable(
    rows: list[tuple[int, list[str]]],
    width: int,
    read: Callable[[list[str]], _Read],
    counts: Counts,
) -> Iterator[tuple[int, list[str], _Read]]:
    """Each row padded to ``width`` cells with what ``read`` makes of it; a row it cannot
    read is counted as unreadable, with its line and why."""
    for line, row in rows:
        if len(row) < width:
            row = row + [""] * (width - len(row))
        try:
            value = read(row)
        except BadCell as err:
            counts.skip("unreadable", line, str(err))
            continue
        yield line, row, value


def _kept(hours: float, day: date, line: int, reading: RowReading) -> bool:
    """Whether an entry of ``hours`` on ``day`` is kept: not a timer left running, in range."""
    counts, date_range = reading.counts, reading.date_range
    if hours > MAX_ENTRY_HOURS:
        counts.skip("over 24 hours", line, f"it lasts {hours:.0f} hours (a timer left running?)")
        return False
    if date_range is not None and not (date_range[0] <= day <= date_range[1]):
        counts.skip("outside the date range")
        return False
    return True


def timed_entries(rows: list[tuple[int, list[str]]], reading: RowReading) -> list[Entry]:
    """Entries of rows with a start and an end (or a duration)."""
    plan, times, counts = reading.plan, reading.times, reading.counts
    entries: list[Entry] = []
    for line, row, (start, end) in _readable(rows, len(times.headers), times.of, counts):
        if end < start:
            counts.skip("ending before they start", line, "it ends before it starts")
            continue
        hours = (end - start).total_seconds() / 3600
        if not _kept(hours, start.date(), line, reading):
            continue
        if plan.task is None:
            description = row[plan.description].strip()  # type: ignore[index]
            tags = read_tags(row[plan.tags]) if plan.tags is not None else ()
        else:
            description, tags = title_and_tags(row, plan)
        entries.append(
            make_entry(
                reading.source,
                description,
                start,
                end,
                project=cell_text(row, plan.project),
                tags=tags,
            )
        )
    return entries


def untimed_entries(rows: list[tuple[int, list[str]]], reading: RowReading) -> list[Entry]:
    """Entries of rows without a time of day: their day and their duration."""
    plan, times, counts = reading.plan, reading.times, reading.counts
    entries: list[Entry] = []
    seen: dict[tuple[date, str, float], int] = {}
    for line, row, (day, hours) in _readable(rows, len(times.headers), times.day_of, counts):
        if not _kept(hours, day, line, reading):
            continue
        description, tags = title_and_tags(row, plan)
        # The same day, text and hours twice in one file are two entries, and stay two when
        # the file is imported again: the key counts them.
        key = (day, description, hours)
        seen[key] = seen.get(key, 0) + 1
        entries.append(
            day_entry(
                reading.source,
                day,
                hours,
                description,
                f"{hours:g}h#{seen[key]}",
                tags=tags,
                project=cell_text(row, plan.project),
            )
        )
    return entries
