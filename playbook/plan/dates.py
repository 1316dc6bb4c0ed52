"""The plan's ``dates`` hook: each goal with a due date, for the cadence (the calendar the
participant downloads or subscribes to, and the start page's "due this week" and "overdue")."""

from __future__ import annotations

from playbook.contract import Dated
from playbook.plan.content import PlanContent
from playbook.plan.result import PlanResult

__all__ = ["dates"]


def dates(result: PlanResult, content: PlanContent) -> list[Dated]:
    """One dated item a goal with a due date, keyed by the goal's id (so a goal keeps its
    calendar event when it is reworded or moved); done at 100% progress.

    Examples
    --------
    >>> from playbook.plan import PlanSection, add_goal, assess, load_content, set_progress
    >>> c = load_content()
    >>> s = add_goal(PlanSection(), "Ask for a stretch project", "2026-06-30")
    >>> s = add_goal(s, "Read one book a month", None)
    >>> [(d.key, d.day.isoformat(), d.title, d.done) for d in dates(assess(s, c), c)]
    [('plan:goal:goal-1', '2026-06-30', 'Goal: Ask for a stretch project', False)]
    >>> dates(assess(set_progress(s, "goal-1", 100), c), c)[0].done
    True
    """
    words = content.dates
    return [
        Dated.keyed(
            "plan",
            "goal",
            g.id,
            day=g.due,
            title=words.goal.format(text=g.text),
            done=g.progress >= 100,
            detail=words.goal_detail.format(progress=g.progress),
        )
        for g in result.dated
        if g.due is not None
    ]
