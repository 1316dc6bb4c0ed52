"""What the start page lists: what is due this week and what is overdue, each with its page."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from playbook.cadence.content import CadenceContent
from playbook.cadence.gather import page_of
from playbook.contract import Dated

__all__ = ["Agenda", "Due", "agenda", "next_occurrence", "when"]


@dataclass(frozen=True)
class Due:
    """One item of a list: the dated thing, the day it is due (a weekly item's occurrence),
    and the page it belongs to (notebook and title)."""

    item: Dated
    day: dt.date
    notebook: str
    page: str


@dataclass(frozen=True)
class Agenda:
    """The start page's two lists on ``today``: due from today to the end of the week
    (Sunday), and overdue (due before today and not done), each soonest first."""

    today: dt.date
    week_end: dt.date
    due: tuple[Due, ...]
    overdue: tuple[Due, ...]


def next_occurrence(item: Dated, on_or_after: dt.date) -> dt.date | None:
    """The item's first day on or after ``on_or_after``: its day, or a weekly item's next
    occurrence (``None``: a one-off item already past).

    >>> d = Dated("t:r", dt.date(2026, 12, 11), "Log", "time_split", "reminder", weekly=True)
    >>> next_occurrence(d, dt.date(2026, 12, 20))
    datetime.date(2026, 12, 25)
    >>> next_occurrence(d, dt.date(2026, 12, 1))
    datetime.date(2026, 12, 11)
    """
    if item.day >= on_or_after:
        return item.day
    if not item.weekly:
        return None
    return on_or_after + dt.timedelta(days=(item.day.weekday() - on_or_after.weekday()) % 7)


def agenda(items: Iterable[Dated], today: dt.date) -> Agenda:
    """What is due this week (today to Sunday: a weekly item by its occurrence) and what is
    overdue (a one-off item not done, due before today; a weekly reminder never is).

    Examples
    --------
    >>> today = dt.date(2026, 12, 9)  # a Wednesday
    >>> items = [
    ...     Dated("plan:goal:a", dt.date(2026, 12, 13), "Sunday goal", "plan", "goal"),
    ...     Dated("plan:goal:b", dt.date(2026, 12, 14), "Next week", "plan", "goal"),
    ...     Dated("plan:goal:c", dt.date(2026, 12, 1), "Late", "plan", "goal"),
    ...     Dated("plan:goal:d", dt.date(2026, 12, 1), "Done", "plan", "goal", done=True),
    ...     Dated("time_split:r", dt.date(2026, 1, 2), "Log", "time_split", "reminder",
    ...           weekly=True),
    ... ]
    >>> a = agenda(items, today)
    >>> [(d.item.title, d.day.isoformat()) for d in a.due]
    [('Log', '2026-12-11'), ('Sunday goal', '2026-12-13')]
    >>> [(d.item.title, d.page) for d in a.overdue]
    [('Late', 'Development plan')]
    """
    week_end = today + dt.timedelta(days=6 - today.weekday())
    due: list[Due] = []
    overdue: list[Due] = []
    for item in items:
        if item.done:
            continue
        notebook, page = page_of(item)
        day = next_occurrence(item, today)
        if day is not None and day <= week_end:
            due.append(Due(item, day, notebook, page))
        elif day is None:
            overdue.append(Due(item, item.day, notebook, page))
    return Agenda(
        today, week_end, tuple(sorted(due, key=_order)), tuple(sorted(overdue, key=_order))
    )


def _order(d: Due) -> tuple[dt.date, str, str]:
    return d.day, d.page, d.item.title


def when(d: Due, today: dt.date, content: CadenceContent) -> str:
    """When an item of a list is (or was) due, in the page's words.

    >>> from playbook.cadence import load_content
    >>> c = load_content()
    >>> item = Dated("plan:goal:a", dt.date(2026, 12, 4), "G", "plan", "goal")
    >>> when(Due(item, item.day, "06.ipynb", "Plan"), dt.date(2026, 12, 9), c)
    'due Fri 4 Dec, 5 days ago'
    >>> when(Due(item, item.day, "06.ipynb", "Plan"), dt.date(2026, 12, 1), c)
    'Fri 4 Dec'
    >>> weekly = Dated("t:r", dt.date(2026, 11, 6), "Log", "time_split", "reminder", weekly=True)
    >>> when(Due(weekly, dt.date(2026, 12, 4), "03.ipynb", "Time"), dt.date(2026, 12, 4), c)
    'today (every Friday)'
    """
    words = content.page
    weekday = calendar.day_abbr[d.day.weekday()]
    day = f"{d.day.day} {calendar.month_abbr[d.day.month]}"
    days = (today - d.day).days
    if days == 0:
        text = words.due_today
    elif days < 0:
        text = words.due_on.format(weekday=weekday, day=day)
    elif days == 1:
        text = words.overdue_yesterday
    else:
        text = words.overdue_since.format(weekday=weekday, day=day, days=days)
    if d.item.weekly:
        text += f" ({words.weekly.format(weekday=calendar.day_name[d.item.day.weekday()])})"
    return text
