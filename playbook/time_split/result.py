"""What other workbooks read of the time split: :func:`assess` and its
:class:`TimeSplitResult`."""

from __future__ import annotations

from dataclasses import dataclass

from playbook.time_split.balance import BalanceReport, balance_report
from playbook.time_split.classify import classify_section
from playbook.time_split.content import TimeSplitContent
from playbook.time_split.dates import WeeklyReminder, reminder_of
from playbook.time_split.merge import counted_entries
from playbook.time_split.practices import PracticeHours, practice_hours
from playbook.time_split.section import TimeSplitSection
from playbook.time_split.split import PeriodSplit, SplitReport, split_report
from playbook.time_split.transition import PlanStatus, TransitionStatus, transition_status

__all__ = [
    "TimeSplitResult",
    "assess",
]


@dataclass(frozen=True)
class TimeSplitResult:
    """The split over the section's date range (default: the span of its entries), and its
    latest week with hours, against the playbook's target; the transition plan's status
    (:class:`~playbook.time_split.transition.TransitionStatus`) and the work-life balance
    (:class:`~playbook.time_split.balance.BalanceReport`), computed once, here."""

    report: SplitReport
    #: The transition plan and each week against it (``None``: no logged day to start from,
    #: or settings that make no plan).
    transition: TransitionStatus | None = None
    #: Hours outside the working day, protected blocks, the trend (over the same range).
    balance: BalanceReport | None = None
    #: The weekly time-logging reminder the participant chose (``None``: none).
    reminder: WeeklyReminder | None = None
    #: The hours of each community practice chosen on the pilots page, in the range.
    practices: tuple[PracticeHours, ...] = ()

    @property
    def plan_status(self) -> PlanStatus | None:
        """The transition plan's status: ``"ahead"``, ``"on track"``, ``"behind"`` (its
        latest measured week) or ``"no data yet"``; ``None`` without a plan."""
        return None if self.transition is None else self.transition.status

    @property
    def weekly_work_hours(self) -> float | None:
        """The average working hours of the weeks with any (``None``: none)."""
        weeks = [w.work_hours for w in self.report.weeks if w.work_hours > 0]
        return sum(weeks) / len(weeks) if weeks else None

    @property
    def latest(self) -> PeriodSplit | None:
        """The most recent week with hours in the range (``None``: no hours at all)."""
        weeks = [w for w in self.report.weeks if w.total_hours > 0]
        return weeks[-1] if weeks else None

    @property
    def target_delivery(self) -> float:
        """The delivery share the playbook aims at (0.7)."""
        return self.report.target_delivery

    @property
    def band(self) -> tuple[float, float]:
        """The delivery shares counted as on target."""
        return self.report.band


def assess(section: TimeSplitSection, content: TimeSplitContent) -> TimeSplitResult:
    """The split of the section's entries, week by week, against the target.

    Examples
    --------
    >>> from datetime import date
    >>> from playbook.imports import Entry
    >>> from playbook.time_split import load_content
    >>> week = [Entry(id=str(i), source="manual", day=date(2026, 3, 2), hours=h, category=c)
    ...         for i, (h, c) in enumerate([(32, "delivery"), (8, "visibility")])]
    >>> r = assess(TimeSplitSection(entries=week), load_content())
    >>> r.latest.delivery_share, r.latest.status, r.target_delivery
    (0.8, 'inward', 0.7)

    The transition plan starts on the first logged day when no start date was chosen (as the
    page draws it): 0% hands-on work against about 70% planned is ahead.

    >>> r.plan_status, r.transition.start_chosen
    ('ahead', False)

    A typed week has no clock time, so its weekday hours are never after-hours:

    >>> r.balance.work_hours, r.balance.outside_hours, r.balance.untimed_hours
    (40.0, 0.0, 40.0)
    """
    everything = classify_section(section, content)  # once: an entry's category is its own
    ids = {e.id for e in counted_entries(section.entries, section.double_log)}
    counted = [c for c in everything if c.entry.id in ids]
    report = split_report(counted, content, section.range_tuple())
    days = (e.day for e in section.entries)
    span = (report.start, report.end)
    return TimeSplitResult(
        report,
        transition_status(section.plan, days, report, content),
        balance_report(counted, content, span, everything),
        reminder=reminder_of(section),
        practices=tuple(practice_hours(counted, section.community_practices, span)),
    )
