"""The learning plan for the article's three trends, against the 10% learning target in
hours of the participant's logged week (the time split's result)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from playbook.contract import by_id
from playbook.errors import InputError
from playbook.models import next_id, required
from playbook.plan.content import PlanContent
from playbook.plan.section import Learning, PlanSection

if TYPE_CHECKING:
    from playbook.time_split import TimeSplitResult

__all__ = ["LearningCheck", "add_learning", "check_learning", "learning_target_hours"]


def add_learning(
    section: PlanSection, content: PlanContent, trend: str, action: str, hours: float
) -> PlanSection:
    by_id(content.trends.items, trend, "trend")
    if not 0 < hours <= 200:
        raise InputError("Hours a month are more than 0 and at most 200.")
    item = Learning(
        id=next_id("learning", (x.id for x in section.learning)),
        trend=trend,
        action=required(action, "what you will learn"),
        hours=hours,
    )
    return section.model_copy(update={"learning": [*section.learning, item]})


def learning_target_hours(split: TimeSplitResult | None, content: PlanContent) -> float | None:
    """Hours a month that the 10% learning target means for this participant: 10% of their
    average logged working week (the time split), times the weeks in a month (a default).

    ``None`` without logged weeks."""
    weekly = None if split is None else split.weekly_work_hours
    if weekly is None:
        return None
    return weekly * content.thresholds.learning_share * content.thresholds.weeks_per_month


@dataclass(frozen=True)
class LearningCheck:
    planned: float  # hours a month
    target: float | None  # hours a month, from the time split
    by_trend: dict[str, float]
    text: str


def check_learning(
    section: PlanSection, split: TimeSplitResult | None, content: PlanContent
) -> LearningCheck:
    """The learning plan's hours a month, per trend, against the 10% learning target of the
    time split; it names the trends without a plan.

    >>> from playbook.plan import PlanSection, add_learning, check_learning, load_content
    >>> c = load_content()
    >>> s = add_learning(PlanSection(), c, "ai_planning", "Try a scheduling tool", 4)
    >>> check_learning(s, None, c).text
    'You plan 4 hours a month of learning. The playbook recommends dedicating 10% of your professional-development time to emerging technologies and methods; log a week in the time split to see it in hours (this workbook applies it to your working time, by default). Not planned yet: Distributed team management, Sustainability integration.'
    """
    by_trend = {t.id: 0.0 for t in content.trends.items}
    for item in section.learning:
        by_trend[item.trend] = by_trend.get(item.trend, 0.0) + item.hours
    planned = sum(by_trend.values())
    target = learning_target_hours(split, content)
    text = f"You plan {planned:g} hours a month of learning."
    share = f"{content.thresholds.learning_share:.0%}"
    if target is None:
        text += (
            f" The playbook recommends dedicating {share} of your professional-development time "
            "to emerging technologies and methods; log a week in the time split to see it in "
            "hours (this workbook applies it to your working time, by default)."
        )
    else:
        verdict = "meets" if planned >= target - 1e-9 else "is below"
        text += (
            f" The playbook recommends dedicating {share} of your professional-development time "
            "to emerging technologies and methods; this workbook applies it to your logged "
            f"working time by default ({content.thresholds.weeks_per_month:g} working weeks a "
            f"month, also a default): about {target:.0f} hours a month. Your plan {verdict} it."
        )
    missing = [t.name for t in content.trends.items if by_trend[t.id] == 0]
    if missing:
        text += " Not planned yet: " + ", ".join(missing) + "."
    return LearningCheck(planned, target, by_trend, text)
