"""The development plan's hooks: "Where I stand" for the leadership workbook
(:func:`standing`) and the goals its result suggests (:func:`suggest`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from playbook.contract import Standing, Suggestion, SuggestionMaker
from playbook.leadership.content import Instrument
from playbook.leadership.result import SelfAssessment

if TYPE_CHECKING:
    from playbook.plan import PlanContent

__all__ = ["standing", "suggest"]


def standing(result: SelfAssessment | None, content: Instrument | None) -> Standing:
    """The leadership workbook in a few sentences: the primary and secondary style and each
    mentor gap, or what is still to do.

    Examples
    --------
    >>> from playbook.leadership import LeadershipSection, assess, load_content
    >>> inst = load_content()
    >>> standing(assess(LeadershipSection(), inst), inst)
    Standing(state='not started', lines=(), todo='Rate the leadership statements.')
    >>> answers = {i.id: 2 if i.reverse else 4 for i in inst.items}
    >>> print(*standing(assess(LeadershipSection(answers=answers), inst), inst).lines, sep="\\n")
    Primary style: Facilitator; secondary: Architect.
    No mentor's rating imported yet, so no mentor gaps.
    """
    r, c = result, content
    if r is None or c is None or r.progress.answered == 0:
        return Standing("not started", (), "Rate the leadership statements.")
    if r.ranking is None:
        return Standing("in progress", (), r.message)
    name = {s.id: s.name for s in c.styles}
    lines = [f"Primary style: {name[r.ranking.primary]}; secondary: {name[r.ranking.secondary]}."]
    gaps = r.mentor_gaps
    if not gaps:
        lines.append("No mentor's rating imported yet, so no mentor gaps.")
    for g in gaps.values():
        if g.gap is None:
            continue
        flag = f" ({g.flag.replace('_', ' ')})" if g.flag else ""
        side = "higher" if g.gap > 0 else "lower"
        lines.append(
            f"Your mentor rates your {name[g.style]} side {abs(round(g.gap))} points {side} "
            f"than you do{flag}."
        )
    return Standing("done", tuple(lines), "")


def suggest(
    result: SelfAssessment, content: Instrument, maker: SuggestionMaker
) -> list[Suggestion]:
    """The goals the leadership result suggests: one per mentor gap flagged as a blind spot
    (rule ``blind_spot``), and a pilot that develops the primary style (``style_to_pilot``,
    with the plan's idea for that style)."""
    plan: PlanContent = maker.content
    out = []
    names = {s.id: s.name for s in content.styles}
    for g in result.mentor_gaps.values():
        if g.flag == "blind_spot" and g.gap is not None:
            out.append(
                maker.make("blind_spot", g.style, style=names[g.style], gap=abs(round(g.gap)))
            )
    if result.primary is not None:
        idea = next((s for s in plan.styles if s.id == result.primary), None)
        if idea is not None:
            out.append(
                maker.make(
                    "style_to_pilot",
                    result.primary,
                    style=names[result.primary],
                    development=idea.development,
                    pilot_idea=idea.pilot_idea,
                )
            )
    return out
