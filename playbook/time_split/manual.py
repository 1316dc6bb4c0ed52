"""A week typed by hand: its rows checked and made entries, and the draft kept on the page."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from pydantic import Field, ValidationError

from playbook.errors import InputError
from playbook.imports import Entry, day_entry
from playbook.models import Strict
from playbook.time_split.content import TimeSplitContent
from playbook.time_split.section import ManualDraft
from playbook.time_split.split import week_start

__all__ = [
    "ManualActivity",
    "draft_is_saved",
    "manual_entries",
    "replace_manual_week",
]


class ManualActivity(Strict):
    """One row of a manual week: a day, what, how many hours, which category."""

    day: date
    description: str = Field(max_length=200)
    hours: float
    category: str


def manual_entries(
    rows: Iterable[ManualActivity | Mapping[str, object]], content: TimeSplitContent
) -> list[Entry]:
    """Validated entries from a manually typed week.

    Raises
    ------
    InputError
        A row that is incomplete, negative or not a number, an unknown category, a day over
        24 hours or a week over 168; the message names the row (counted from 1) or the day.

    Examples
    --------
    >>> from playbook.time_split import load_content
    >>> content = load_content()
    >>> rows = [{"day": "2026-03-02", "description": "Budget", "hours": 20, "category": "delivery"},
    ...         {"day": "2026-03-02", "description": "Edit", "hours": 6, "category": "hands_on"}]
    >>> manual_entries(rows, content)
    Traceback (most recent call last):
    playbook.errors.InputError: Monday 2 March 2026 has 26 hours; a day has at most 24.
    """
    activities: list[ManualActivity] = []
    for n, row in enumerate(rows, start=1):
        try:
            act = row if isinstance(row, ManualActivity) else ManualActivity.model_validate(row)
        except ValidationError as err:
            first = err.errors()[0]
            field_name = ".".join(str(p) for p in first["loc"]) or "row"
            raise InputError(f"Row {n}: {field_name}: {first['msg']}.") from None
        label = f"Row {n} ('{act.description.strip() or 'untitled'}')"
        if not math.isfinite(act.hours):
            raise InputError(f"{label}: the hours must be a number.")
        if act.hours < 0:
            raise InputError(f"{label}: hours cannot be negative.")
        if act.hours > 24:
            raise InputError(f"{label}: {act.hours:g} hours; a day has at most 24.")
        if act.category not in content.category_ids:
            content.check_category(act.category)
        activities.append(act)
    per_day: dict[date, float] = {}
    per_week: dict[date, float] = {}
    for act in activities:
        per_day[act.day] = per_day.get(act.day, 0.0) + act.hours
        per_week[week_start(act.day)] = per_week.get(week_start(act.day), 0.0) + act.hours
    for day, total in sorted(per_day.items()):
        if total > 24 + 1e-9:
            raise InputError(
                f"{day:%A} {day.day} {day:%B %Y} has {total:g} hours; a day has at most 24."
            )
    for monday, total in sorted(per_week.items()):
        if total > 168 + 1e-9:
            raise InputError(
                f"The week of {monday:%d %B %Y} has {total:g} hours; a week has at most 168."
            )
    entries: list[Entry] = []
    seen: dict[tuple[date, str, float], int] = {}
    for act in activities:
        text = " ".join(act.description.split())
        key = (act.day, text, act.hours)
        seen[key] = seen.get(key, 0) + 1
        entries.append(
            day_entry(
                "manual",
                act.day,
                act.hours,
                text,
                f"{act.hours:g}h#{seen[key]}",
                category=act.category,
            )
        )
    return entries


def replace_manual_week(
    existing: Sequence[Entry], monday: date, new: Iterable[Entry]
) -> list[Entry]:
    """``existing`` with its manual entries of the week starting ``monday`` replaced by ``new``."""
    sunday = monday + timedelta(days=6)
    kept = [e for e in existing if not (e.source == "manual" and monday <= e.day <= sunday)]
    return kept + list(new)


def draft_is_saved(draft: ManualDraft, entries: Iterable[Entry]) -> bool:
    """Whether the draft's rows are what the log holds for its week (nothing left to add).

    Examples
    --------
    >>> from playbook.time_split import DraftRow
    >>> week = date(2026, 3, 2)
    >>> saved = [Entry(id="1", source="manual", day=week, hours=6, description="Budget",
    ...                category="delivery")]
    >>> row = DraftRow(day=0, description="Budget", hours=6, category="delivery")
    >>> draft_is_saved(ManualDraft(week=week, rows=[row]), saved)
    True
    >>> draft_is_saved(ManualDraft(week=week, rows=[row, row]), saved)
    False
    """
    monday = week_start(draft.week)
    sunday = monday + timedelta(days=6)
    typed = sorted(
        ((e.day - monday).days, e.description, e.hours, e.category or "")
        for e in entries
        if e.source == "manual" and monday <= e.day <= sunday
    )
    rows = sorted((r.day, r.description.strip(), r.hours, r.category) for r in draft.rows)
    return typed == rows
