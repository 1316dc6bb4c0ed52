"""The technical-to-leadership transition plan: month by month from the current technical
share to the target, each logged week against it, and the plan's status."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from playbook.errors import InputError
from playbook.time_split.content import TimeSplitContent
from playbook.time_split.section import PlanSettings
from playbook.time_split.split import SplitReport, days_in_month

__all__ = [
    "Milestone",
    "PlanStatus",
    "TransitionPlan",
    "TransitionStatus",
    "WeekProgress",
    "add_months",
    "measured_technical_share",
    "plan_progress",
    "plan_start",
    "transition_plan",
    "transition_status",
]


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day where it is shorter).

    >>> add_months(date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    """
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    first = date(year, month, 1)
    return first.replace(day=min(day.day, days_in_month(first)))


@dataclass
class Milestone:
    month: int
    date: date
    technical_share: float
    checkpoint: str


@dataclass
class TransitionPlan:
    start_date: date
    end_date: date
    start_share: float
    target_share: float
    months: int
    milestones: list[Milestone]
    tolerance: float
    source: str
    note: str

    def planned_share(self, day: date) -> float:
        """The planned technical share on ``day`` (linear between start and end).

        Examples
        --------
        >>> from playbook.time_split import load_content
        >>> plan = transition_plan(PlanSettings(start_date=date(2026, 1, 1)), load_content())
        >>> plan.planned_share(date(2026, 1, 1)), plan.planned_share(date(2026, 7, 1))
        (0.7, 0.3)
        """
        total = (self.end_date - self.start_date).days
        done = min(max((day - self.start_date).days, 0), total)
        return self.start_share + (self.target_share - self.start_share) * done / total


def transition_plan(
    settings: PlanSettings, content: TimeSplitContent, today: date | None = None
) -> TransitionPlan:
    """A month-by-month plan from the current technical share to the target.

    Milestones are linear in time (the article's "gradually"): month *k* of *N* plans
    ``start + (target - start) * k / N``. Each month carries a quality-checkpoint prompt from
    the content, chosen by the plan's third (early, middle, late).

    Raises
    ------
    InputError
        A target not below the start, shares outside 0-100%, or more months than the content's
        ``max_months``.

    Examples
    --------
    >>> from playbook.time_split import load_content
    >>> plan = transition_plan(PlanSettings(start_date=date(2026, 1, 15)), load_content())
    >>> [(m.date.isoformat(), round(m.technical_share, 3)) for m in plan.milestones][:2]
    [('2026-02-15', 0.633), ('2026-03-15', 0.567)]
    >>> plan.milestones[-1].technical_share
    0.3
    """
    defaults = content.transition
    if not 1 <= settings.months <= defaults.max_months:
        raise InputError(f"Choose a plan of 1 to {defaults.max_months} months.")
    for name, value in (("starting", settings.start_share), ("target", settings.target_share)):
        if not 0 <= value <= 1:
            raise InputError(f"The {name} share must be between 0% and 100%.")
    if settings.target_share >= settings.start_share:
        raise InputError(
            "The plan reduces direct technical work: the target share must be below the "
            f"starting share (now {settings.start_share:.0%} to {settings.target_share:.0%})."
        )
    start = settings.start_date or today or date.today()
    n = settings.months
    by_phase: dict[str, list[str]] = {}
    for cp in defaults.checkpoints:
        by_phase.setdefault(cp.phase, []).append(cp.text)
    all_texts = [cp.text for cp in defaults.checkpoints]
    used: dict[str, int] = {}
    milestones = []
    for k in range(1, n + 1):
        phase = (
            "early" if k <= math.ceil(n / 3) else "middle" if k <= math.ceil(2 * n / 3) else "late"
        )
        texts = by_phase.get(phase) or all_texts
        i = used.get(phase, 0)
        used[phase] = i + 1
        share = settings.start_share + (settings.target_share - settings.start_share) * k / n
        milestones.append(
            Milestone(k, add_months(start, k), round(share, 6), texts[i % len(texts)])
        )
    return TransitionPlan(
        start_date=start,
        end_date=add_months(start, n),
        start_share=settings.start_share,
        target_share=settings.target_share,
        months=n,
        milestones=milestones,
        tolerance=defaults.tolerance,
        source=defaults.source,
        note=defaults.note,
    )


@dataclass
class WeekProgress:
    week_start: date
    planned_share: float
    actual_share: float | None
    status: Literal["ahead", "on track", "behind", "no data", "before the plan"]


def plan_progress(plan: TransitionPlan, report: SplitReport) -> list[WeekProgress]:
    """Each logged week's technical share against the plan's line at that week's midpoint.

    Within ``plan.tolerance`` of the line is on track; further below is ahead (less
    technical work than planned), further above is behind.
    """
    out = []
    for wk in report.weeks:
        mid = wk.start + (wk.end - wk.start) / 2
        planned = plan.planned_share(mid)
        actual = wk.technical_share
        status: Literal["ahead", "on track", "behind", "no data", "before the plan"]
        if wk.end < plan.start_date:
            status = "before the plan"
        elif actual is None:
            status = "no data"
        elif actual > planned + plan.tolerance + 1e-9:
            status = "behind"
        elif actual < planned - plan.tolerance - 1e-9:
            status = "ahead"
        else:
            status = "on track"
        out.append(WeekProgress(wk.start, planned, actual, status))
    return out


def measured_technical_share(report: SplitReport) -> float | None:
    """The technical share over the whole report (a starting point for the plan), if any."""
    return report.overall.technical_share


#: The transition plan's status: its latest measured week against the plan's line, or
#: ``"no data yet"`` while no logged week falls inside the plan.
PlanStatus = Literal["ahead", "on track", "behind", "no data yet"]

_MEASURED = ("ahead", "on track", "behind")


@dataclass(frozen=True)
class TransitionStatus:
    """The transition plan as the time-split page shows it, and where the participant stands.

    One rule, which the page, "Where I stand" and the cohort all read: the plan runs from its
    chosen start date or, without one, from the first logged day (as the page draws it);
    its status is the latest week measured against it (ahead, on track or behind), or
    ``"no data yet"`` while no logged week falls inside it.
    """

    plan: TransitionPlan
    progress: tuple[WeekProgress, ...]
    #: The participant chose the start date (``False``: the plan starts on the first logged day).
    start_chosen: bool

    @property
    def measured(self) -> tuple[WeekProgress, ...]:
        """The logged weeks inside the plan with a technical share to compare."""
        return tuple(w for w in self.progress if w.status in _MEASURED)

    @property
    def latest(self) -> WeekProgress | None:
        """The latest measured week (``None``: none yet)."""
        measured = self.measured
        return measured[-1] if measured else None

    @property
    def status(self) -> PlanStatus:
        """The latest measured week's status, or ``"no data yet"``."""
        latest = self.latest
        if latest is None:
            return "no data yet"
        status: PlanStatus = latest.status  # type: ignore[assignment]  # one of _MEASURED
        return status

    def weeks(self, status: str) -> int:
        """How many measured weeks have this status."""
        return sum(1 for w in self.measured if w.status == status)


def plan_start(settings: PlanSettings, days: Iterable[date]) -> date | None:
    """The plan's first day: the chosen start date, else the first logged day (what the page
    draws); ``None`` without either.

    >>> plan_start(PlanSettings(), [date(2026, 3, 9), date(2026, 3, 2)])
    datetime.date(2026, 3, 2)
    >>> plan_start(PlanSettings(start_date=date(2026, 1, 5)), []).isoformat()
    '2026-01-05'
    """
    return settings.start_date or min(days, default=None)


def transition_status(
    settings: PlanSettings,
    days: Iterable[date],
    report: SplitReport,
    content: TimeSplitContent,
) -> TransitionStatus | None:
    """The plan from :func:`plan_start` and each week of ``report`` against it (see
    :class:`TransitionStatus`); ``None`` without a start or when the settings cannot make a
    plan (a target not below the start).

    Examples
    --------
    >>> from playbook.imports import Entry
    >>> from playbook.time_split import classify_entries, load_content, split_report
    >>> content = load_content()
    >>> week = [Entry(id=str(i), source="manual", day=date(2026, 3, 2), hours=h, category=c)
    ...         for i, (h, c) in enumerate([(28, "hands_on"), (12, "visibility")])]
    >>> report = split_report(classify_entries(week, content), content)
    >>> s = transition_status(PlanSettings(), [date(2026, 3, 2)], report, content)
    >>> s.status, s.start_chosen, s.plan.start_date.isoformat()
    ('on track', False, '2026-03-02')
    """
    start = plan_start(settings, days)
    if start is None:
        return None
    try:
        plan = transition_plan(settings.model_copy(update={"start_date": start}), content)
    except InputError:  # saved settings the page would refuse: no plan to follow
        return None
    return TransitionStatus(
        plan, tuple(plan_progress(plan, report)), settings.start_date is not None
    )
