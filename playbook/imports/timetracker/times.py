"""A row's start and end, read with the one date format decided for the whole file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from playbook.imports import to_local
from playbook.imports.timetracker.columns import ColumnPlan, column_values, filled
from playbook.imports.timetracker.dates import (
    BadCell,
    DateOrderQuestion,
    date_reader,
    decide_date_format,
    duration_unit,
    is_iso_datetime,
    is_time,
    read_duration,
    split_datetime,
    time_reader,
    unreadable_date,
)

_MIDNIGHT = time(0)


class RowTimes:
    """Reads a row's start and end, with one date format decided from every date in the file
    (the start, end and date-time columns together) and the time readers this file needs."""

    def __init__(
        self,
        plan: ColumnPlan,
        headers: list[str],
        rows: list[tuple[int, list[str]]],
        zone_info: ZoneInfo,
        date_order: str | None,
    ) -> None:
        self.read_time = time_reader()
        if plan.start_date is None and plan.duration is not None:
            plan = _date_only_start(plan, rows)
        self.plan, self.zone_info, self.headers = plan, zone_info, headers
        #: What a plain number in the duration column counts: the header says, else hours.
        self.unit_named = (
            duration_unit(headers[plan.duration]) if plan.duration is not None else None
        )
        self.unit = self.unit_named or "hours"
        dates: set[str] = set()
        self.start_iso = self.end_iso = False
        self.end_is_datetime = False
        if plan.start_date is not None:
            dates |= filled(column_values(rows, plan.start_date))
            # No time of day in the file: no start column, or every start empty or at 00:00
            # (stops at the first real time, so a usual file pays one row for this).
            self.untimed = plan.duration is not None and not any(
                v.strip() and not self._midnight(v) for v in column_values(rows, plan.start)
            )
        else:
            self.untimed = False
            starts = filled(column_values(rows, plan.start))
            self.start_iso = bool(starts) and all(is_iso_datetime(v) for v in starts)
            if not self.start_iso:
                dates |= {split_datetime(v)[0] for v in starts}
        if plan.end is not None and plan.end_date is not None:
            dates |= filled(column_values(rows, plan.end_date))
        elif plan.end is not None:
            ends = filled(column_values(rows, plan.end))
            if ends and not all(is_time(v) for v in ends):
                # A mapped end column of date-times ("03/02/2026 01:00 PM"), not times of day.
                self.end_is_datetime = True
                self.end_iso = all(is_iso_datetime(v) for v in ends)
                if not self.end_iso:
                    dates |= {split_datetime(v)[0] for v in ends}
        self.read_date: Callable[[str], date] | None = None
        if dates:
            fmt = decide_date_format(dates, date_order)
            if fmt is None:
                name = headers[plan.start_date] if plan.start_date is not None else "the dates"
                raise unreadable_date(dates, name)
            self.read_date = date_reader(fmt)
        elif rows and not self.start_iso:
            where = plan.start_date if plan.start_date is not None else plan.start
            raise BadCell(f"the column '{headers[where or 0]}' is empty")

    def _midnight(self, value: str) -> bool:
        try:
            return self.read_time(value) == _MIDNIGHT
        except BadCell:
            return False

    def _datetime(self, value: str, iso: bool) -> datetime:
        v = value.strip()
        if iso:
            try:
                return datetime.fromisoformat(v.replace(" ", "T", 1) if "T" not in v else v)
            except ValueError:
                raise BadCell(f"'{v}' is not a date and time like the others") from None
        d, t = split_datetime(v)
        if not t:
            raise BadCell(f"'{v}' has a date but no time")
        return datetime.combine(self.read_date(d), self.read_time(t))  # type: ignore[misc]

    def day_of(self, row: list[str]) -> tuple[date, float]:
        """An untimed row's day and hours (from its duration)."""
        plan = self.plan
        day = self.read_date(row[plan.start_date])  # type: ignore[index, misc]
        text = row[plan.duration].strip()  # type: ignore[index]
        if not text:
            raise BadCell("it has no duration")
        return day, read_duration(text, self.unit).total_seconds() / 3600

    def of(self, row: list[str]) -> tuple[datetime, datetime]:
        """The row's start and end in local time; ``BadCell`` says why they cannot be read."""
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
            end = to_local(start + read_duration(row[plan.duration], self.unit), zone_info)
        if end is None:
            raise BadCell("it has neither an end nor a duration")
        return start, end


def duration_note(times: RowTimes, rows: list[tuple[int, list[str]]]) -> str:
    """The sentence saying a duration column's numbers were read as seconds or minutes, as its
    header says ("" when they are hours, the reading of a column that names no unit, or every
    value is written h:mm / h:mm:ss, which reads one way only)."""
    i = times.plan.duration
    if i is None or times.unit == "hours":
        return ""
    values = filled(column_values(rows, i))
    if all(":" in v for v in values):
        return ""
    return f"Durations read as {times.unit}, from the column '{times.headers[i]}'."


def _date_only_start(plan: ColumnPlan, rows: list[tuple[int, list[str]]]) -> ColumnPlan:
    """A start column of dates alone (``2026-03-16``, ``16.03.2026``, ``03/16/2026``) read as
    the date column of day entries, counted by their duration; else ``plan`` as it is."""
    starts = filled(column_values(rows, plan.start))
    if not starts or any(split_datetime(v)[1] for v in starts):
        return plan
    return replace(plan, start_date=plan.start, start=None)


def date_order_question(
    headers: list[str], plan: ColumnPlan, rows: list[tuple[int, list[str]]], formats: dict[str, str]
) -> DateOrderQuestion:
    """The question for a file whose dates read both ways, with its first rows read both ways."""
    examples: list[tuple[str, date, date]] = []
    where = plan.start_date if plan.start_date is not None else plan.start
    for _line, row in rows:
        cell = row[where] if where is not None and where < len(row) else ""
        raw = cell.strip() if plan.start_date is not None else split_datetime(cell)[0]
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
