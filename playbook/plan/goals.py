"""The plan's goals (own ones, and those taken from a suggestion) and the impact log (the
article's remedy for the competency trap)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from playbook.contract import Suggestion, by_id, domains
from playbook.errors import InputError
from playbook.models import next_id, read_date, required
from playbook.plan.content import PlanContent
from playbook.plan.section import Goal, Impact, PlanSection

if TYPE_CHECKING:
    from playbook.plan.standing import Results

__all__ = [
    "add_goal",
    "add_impact",
    "goal_link",
    "goal_notes",
    "link_options",
    "link_targets",
    "linked_notes",
    "remove",
    "set_progress",
    "suggested_due",
    "suggestion_link",
]


def add_goal(
    section: PlanSection,
    text: str,
    due: str | dt.date | None,
    *,
    suggestion: Suggestion | None = None,
) -> PlanSection:
    """A copy of ``section`` with a new goal; from a suggestion, the goal says which result
    it was drawn from, and a suggestion already taken is not added twice.

    >>> from playbook.plan import PlanSection, add_goal
    >>> s = add_goal(PlanSection(), "Ask for a stretch project", "2026-06-30")
    >>> s.goals[0].id, s.goals[0].due.isoformat(), s.goals[0].rule
    ('goal-1', '2026-06-30', '')
    """
    text = required(text, "the goal")
    if suggestion is not None and any(g.key == suggestion.key for g in section.goals):
        raise InputError("That suggestion is already one of your goals.")
    goal = Goal(
        id=next_id("goal", (g.id for g in section.goals)),
        text=text,
        due=read_date(due, "Due"),
        rule=suggestion.rule if suggestion else "",
        source=f"From {suggestion.source_label}: {suggestion.text}" if suggestion else "",
        key=suggestion.key if suggestion else "",
    )
    return section.model_copy(update={"goals": [*section.goals, goal]})


def suggested_due(content: PlanContent, today: dt.date) -> dt.date:
    """The due date a goal taken from a suggestion starts with (a default of this workbook)."""
    return today + dt.timedelta(days=content.thresholds.goal_days)


def set_progress(section: PlanSection, goal_id: str, progress: int) -> PlanSection:
    """A copy with one goal's progress (0-100%) changed."""
    if not 0 <= progress <= 100:
        raise InputError("Progress is between 0 and 100%.")
    by_id(section.goals, goal_id, "goal")
    goals = [
        g.model_copy(update={"progress": progress}) if g.id == goal_id else g for g in section.goals
    ]
    return section.model_copy(update={"goals": goals})


def remove(section: PlanSection, what: str, row_id: str) -> PlanSection:
    """A copy without the row ``row_id`` of ``what`` (goals, impacts, tools, learning)."""
    rows = getattr(section, what)
    by_id(rows, row_id, what.rstrip("s"))
    return section.model_copy(update={what: [r for r in rows if r.id != row_id]})


def link_options(results: Results) -> list[tuple[str, str]]:
    """What an impact entry can be linked to, as (label, value): what each workbook's
    ``links`` hook offers (each pilot, each open audit action), in page order."""
    out: list[tuple[str, str]] = []
    for d in domains():
        result = results.get(d.section)
        if d.links is not None and result is not None:
            out += d.links(result)
    return out


def add_impact(
    section: PlanSection,
    content: PlanContent,
    *,
    delivered: str,
    kind: str,
    how: str,
    result: str,
    day: str | dt.date | None = None,
    link: str = "",
) -> PlanSection:
    """A copy with a new impact entry: what was delivered, how (a process, a collaboration,
    an innovation) and its measurable result.

    Raises
    ------
    InputError
        Without what was delivered or its result, or with an unknown kind.
    """
    by_id(content.impact_kinds, kind, "kind of impact")
    entry = Impact(
        id=next_id("impact", (i.id for i in section.impacts)),
        day=read_date(day, "Date"),
        delivered=required(delivered, "what you delivered"),
        kind=kind,
        how=how.strip(),
        result=required(result, "its measurable result"),
        link=link,
    )
    return section.model_copy(update={"impacts": [*section.impacts, entry]})


def goal_link(goal_id: str) -> str:
    """The link value of a goal of the plan, as another workbook's entry keeps it.

    >>> goal_link("goal-1")
    'plan:goal:goal-1'
    """
    return f"plan:goal:{goal_id}"


def suggestion_link(key: str) -> str:
    """The link value of a suggested goal (by its key), as another workbook's entry keeps it."""
    return f"plan:suggestion:{key}"


def link_targets(
    section: PlanSection, results: Results, content: PlanContent
) -> list[tuple[str, str]]:
    """What an entry of another workbook (a mentoring action) can be linked to, as
    (label, value): the plan's goals, the suggestions not taken as goals yet, then what each
    workbook's ``links`` hook offers (:func:`link_options`).

    >>> from playbook.plan import PlanSection, add_goal, gather, link_targets, load_content
    >>> s = add_goal(PlanSection(), "Lead the next retrospective", None)
    >>> link_targets(s, gather({}), load_content())
    [('Goal: Lead the next retrospective', 'plan:goal:goal-1')]
    """
    from playbook.plan.suggest import suggest

    taken = {g.key for g in section.goals if g.key}
    out = [(f"Goal: {g.text}", goal_link(g.id)) for g in section.goals]
    out += [
        (f"Suggested goal: {s.goal}", suggestion_link(s.key))
        for s in suggest(results, content)
        if s.key not in taken
    ]
    return out + link_options(results)


def linked_notes(results: Results) -> dict[str, list[str]]:
    """What the other workbooks say about things their entries link to, by link value (each
    workbook's ``linked`` hook): a mentoring action done, under the goal it links.

    >>> from playbook.plan import gather, linked_notes
    >>> linked_notes(gather({}))
    {}
    """
    out: dict[str, list[str]] = {}
    for d in domains():
        result = results.get(d.section)
        if d.linked is not None and result is not None:
            for link, sentence in d.linked(result, results.contents.get(d.section)):
                out.setdefault(link, []).append(sentence)
    return out


def goal_notes(notes: dict[str, list[str]], goal: Goal) -> list[str]:
    """The notes on a goal (:func:`linked_notes`): those linked to it, and to the suggestion
    it was taken from."""
    found = list(notes.get(goal_link(goal.id), []))
    if goal.key:
        found += notes.get(suggestion_link(goal.key), [])
    return found
