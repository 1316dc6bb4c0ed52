"""The time split's ``dates`` hook and the weekly reminder it offers: the transition plan's
monthly checkpoints and the time-logging reminder the participant chose, for the cadence (the
calendar the participant downloads or subscribes to, and the start page's "due this week" and
"overdue")."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from playbook.contract import Dated
from playbook.errors import InputError
from playbook.time_split.content import TimeSplitContent
from playbook.time_split.section import TimeSplitSection

if TYPE_CHECKING:
    from playbook.time_split.result import TimeSplitResult

__all__ = ["WeeklyReminder", "dates", "reminder_of", "set_reminder"]


@dataclass(frozen=True)
class WeeklyReminder:
    """A reminder every week on ``weekday`` (0 is Monday), chosen on ``since``."""

    weekday: int
    since: date

    @property
    def first(self) -> date:
        """The first reminder: the chosen weekday on or after the day it was chosen.

        >>> WeeklyReminder(4, date(2026, 12, 6)).first  # a Sunday: the next Friday
        datetime.date(2026, 12, 11)
        """
        return self.since + timedelta(days=(self.weekday - self.since.weekday()) % 7)

    @property
    def day_name(self) -> str:
        return calendar.day_name[self.weekday]


def reminder_of(section: TimeSplitSection) -> WeeklyReminder | None:
    """The reminder the section holds (``None``: none chosen)."""
    if section.reminder_weekday is None or section.reminder_since is None:
        return None
    return WeeklyReminder(section.reminder_weekday, section.reminder_since)


def set_reminder(section: TimeSplitSection, weekday: int | None, today: date) -> TimeSplitSection:
    """A copy of ``section`` with the weekly reminder on ``weekday`` (0 is Monday), or off
    (``None``). Choosing the same day again keeps the day it was first chosen (the calendar's
    event stays the same).

    Raises
    ------
    InputError
        A weekday outside 0-6.

    >>> s = set_reminder(TimeSplitSection(), 4, date(2026, 12, 6))
    >>> s.reminder_weekday, s.reminder_since
    (4, datetime.date(2026, 12, 6))
    >>> set_reminder(s, 4, date(2026, 12, 20)).reminder_since
    datetime.date(2026, 12, 6)
    >>> set_reminder(s, None, date(2026, 12, 20)).reminder_weekday is None
    True
    """
    if weekday is not None and not 0 <= weekday <= 6:
        raise InputError("Choose a day of the week for the reminder.")
    if weekday == section.reminder_weekday and section.reminder_since is not None:
        return section
    since = None if weekday is None else today
    return section.model_copy(update={"reminder_weekday": weekday, "reminder_since": since})


def dates(result: TimeSplitResult, content: TimeSplitContent) -> list[Dated]:
    """Each monthly checkpoint of the transition plan, keyed by its month (done once a week
    on or after it is logged, so the plan can be compared there), and the weekly reminder.

    Examples
    --------
    >>> from playbook.imports import Entry
    >>> from playbook.time_split import PlanSettings, assess, load_content
    >>> c = load_content()
    >>> week = [Entry(id="1", source="manual", day=date(2026, 3, 2), hours=30, category="hands_on")]
    >>> s = TimeSplitSection(entries=week, plan=PlanSettings(start_date=date(2026, 3, 2)))
    >>> s = set_reminder(s, 4, date(2026, 3, 2))
    >>> items = dates(assess(s, c), c)
    >>> [(d.key, d.day.isoformat(), d.done, d.weekly) for d in items][:2]
    [('time_split:checkpoint:1', '2026-04-02', False, False), ('time_split:checkpoint:2', '2026-05-02', False, False)]
    >>> items[0].title
    'Transition plan, month 1 of 6: hands-on work down to 63%'
    >>> (items[-1].key, items[-1].day.isoformat(), items[-1].weekly)
    ('time_split:reminder:weekly', '2026-03-06', True)
    """
    words = content.dates
    out: list[Dated] = []
    status = result.transition
    if status is not None:
        plan = status.plan
        logged_until = max(
            (w.week_start + timedelta(days=6) for w in status.measured), default=None
        )
        for m in plan.milestones:
            share = f"{m.technical_share:.0%}"
            out.append(
                Dated.keyed(
                    "time_split",
                    "checkpoint",
                    m.month,
                    day=m.date,
                    title=words.checkpoint.format(month=m.month, months=plan.months, share=share),
                    done=logged_until is not None and logged_until >= m.date,
                    detail=words.checkpoint_detail.format(
                        prompt=m.checkpoint, share=share, target=f"{plan.target_share:.0%}"
                    ),
                )
            )
    if result.reminder is not None:
        out.append(
            Dated.keyed(
                "time_split",
                "reminder",
                "weekly",
                day=result.reminder.first,
                title=words.reminder,
                detail=words.reminder_detail.format(weekday=result.reminder.day_name),
                weekly=True,
            )
        )
    return out
