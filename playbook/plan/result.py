"""The plan's key results (the contract's ``assess``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from playbook.plan.content import PlanContent
from playbook.plan.section import Goal, PlanSection

__all__ = ["PlanResult", "assess"]


@dataclass(frozen=True)
class PlanResult:
    """The plan in numbers: goals, their mean progress, and the impact log by kind."""

    goals: int
    goals_done: int
    mean_progress: float | None
    impacts: dict[str, int]
    learning_hours: float
    #: The three elements' ratings (1-5) by id, those rated.
    elements: dict[str, int] = field(default_factory=dict)
    #: The goals with a due date, in the plan's order (the cadence's dated goals).
    dated: tuple[Goal, ...] = ()


def assess(section: PlanSection, content: PlanContent) -> PlanResult:
    """The plan's key results, for another workbook (a cohort report) to read.

    >>> from playbook.plan import PlanSection, add_goal, assess, load_content, set_progress
    >>> c = load_content()
    >>> s = add_goal(PlanSection(), "Ask for a stretch project", None)
    >>> s = set_progress(s, "goal-1", 100)
    >>> r = assess(s, c)
    >>> r.goals, r.goals_done, r.mean_progress, r.impacts["process"]
    (1, 1, 100.0, 0)
    """
    goals = section.goals
    return PlanResult(
        goals=len(goals),
        goals_done=sum(1 for g in goals if g.progress >= 100),
        mean_progress=sum(g.progress for g in goals) / len(goals) if goals else None,
        impacts={
            k.id: sum(1 for i in section.impacts if i.kind == k.id) for k in content.impact_kinds
        },
        learning_hours=sum(item.hours for item in section.learning),
        elements={
            e.id: section.elements[e.id] for e in content.elements.items if e.id in section.elements
        },
        dated=tuple(g for g in goals if g.due is not None),
    )
