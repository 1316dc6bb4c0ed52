"""The navigator's hooks for the development plan: "Where I stand" (:func:`standing`) and the
goals its result suggests (:func:`suggest`)."""

from __future__ import annotations

from playbook.career.content import CareerContent
from playbook.career.result import Assessment
from playbook.contract import Standing, Suggestion, SuggestionMaker

__all__ = ["standing", "suggest"]


def standing(result: Assessment | None, content: CareerContent | None) -> Standing:
    """The navigator's result in a few sentences, whether it is done, and what is still to do
    (``None``: the section was never saved).

    >>> standing(None, None).todo
    'Answer the questions about your environment and preference.'
    """
    r, c = result, content
    if r is None or c is None or (r.context_answered == 0 and r.preference_answered == 0):
        return Standing(
            "not started", (), "Answer the questions about your environment and preference."
        )
    names = {p.id: p.name for p in c.paths}
    lines = []
    if r.recommended:
        rec = " and ".join(names[p] for p in r.recommended)
        fit = r.fit[r.recommended[0]].score or 0
        lines.append(f"Your environment calls for the {rec} path (fit {round(fit)}/100).")
    if r.preferred:
        pref = " and ".join(names[p] for p in r.preferred)
        gap = r.gap.get(r.preferred[0])
        agree = "the same path" if r.agrees else f"a gap of {abs(round(gap or 0))} points"
        lines.append(f"You prefer {pref}: {agree}.")
    areas = ", ".join(r.areas) or "none yet"
    lines.append(f"Adjacent areas: {areas} ({len(r.areas)} of {r.areas_needed}).")
    todo = ""
    if not r.recommended:
        todo = f"Answer more environment questions ({r.context_answered} of {r.context_total})."
    elif not r.preferred:
        todo = "Answer the preference questions to see the gap."
    return Standing("done" if not todo else "in progress", tuple(lines), todo)


def suggest(result: Assessment, content: CareerContent, maker: SuggestionMaker) -> list[Suggestion]:
    """The plan's goals the result suggests: close the gap between preference and
    environment (``path_gap``), and build adjacent areas until there are enough
    (``adjacent_skill``)."""
    r = result
    out = []
    names = {p.id: p.name for p in content.paths}
    if r.agrees is False:
        rec, pref = names[r.recommended[0]], names[r.preferred[0]]
        key = f"{r.recommended[0]}-{r.preferred[0]}"
        out.append(maker.make("path_gap", key, recommended=rec, preferred=pref))
    if (r.context_answered or r.preference_answered) and not r.diversified:
        options = [a.label for a in content.adjacent_areas if a.label not in r.areas]
        out.append(
            maker.make(
                "adjacent_skill",
                str(len(r.areas)),
                count=len(r.areas),
                needed=r.areas_needed,
                options=", ".join(options),
                first_option=options[0] if options else "a new area",
            )
        )
    return out
