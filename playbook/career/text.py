"""The navigator's results in plain words for the participant."""

from __future__ import annotations

from playbook.career.content import CareerContent, PathId
from playbook.career.result import Assessment
from playbook.career.scoring import PathScore
from playbook.career.sensitivity import Change

__all__ = [
    "explain_change",
    "explain_gap",
    "explain_reasons",
    "explain_recommendation",
    "path_names",
]


def path_names(content: CareerContent, paths: list[PathId]) -> str:
    """The paths' names joined for a sentence.

    >>> from playbook.career.content import load_content
    >>> path_names(load_content(), ["technical_specialist", "community_builder", "hybrid_integrator"])
    'Technical Specialist, Community Builder and Hybrid Integrator'
    """
    names = [content.path(p).name for p in paths]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def explain_recommendation(content: CareerContent, a: Assessment) -> str:
    """One or two sentences: what the environment calls for, and how sure that is."""
    if not a.enough:
        need = content.thresholds.min_context_answers - a.context_answered
        return (
            f"Answer {need} more question{'s' if need != 1 else ''} about your organization "
            "to see which path your environment calls for."
        )
    names = path_names(content, a.recommended)
    if len(a.recommended) > 1:
        return f"Your environment calls equally for {names}: a tie. Answer more questions, or discuss which fits your next projects."
    text = f"Your environment calls for the {names} path (fit {a.fit[a.recommended[0]].score:.0f}/100)."
    if a.near_tie:
        text += (
            f" {path_names(content, a.near_tie)} is close behind, so small changes could swap them."
        )
    return text


def explain_gap(content: CareerContent, a: Assessment) -> str:
    """The gap between environment and preference, in plain words."""
    if not a.preferred:
        return "Answer the questions about your preferences to see how they compare with your environment."
    if not a.recommended:
        return f"Your preferences lean to {path_names(content, a.preferred)}; answer more about your organization to compare."
    if a.agrees:
        return (
            f"Your preference ({path_names(content, a.preferred)}) and your environment agree. "
            "The playbook's rule is still to let the environment decide."
        )
    env, pref = a.recommended[0], a.preferred[0]
    return (
        f"Your environment calls for {path_names(content, a.recommended)}, while your preferences lean "
        f"to {path_names(content, a.preferred)} (preference {a.preference[pref].score:.0f} vs. fit "
        f"{a.fit[pref].score:.0f} for it; {a.fit[env].score:.0f} fit for {content.path(env).name}). "
        "The playbook's rule is to choose by environment, not by preference."
    )


def explain_change(content: CareerContent, change: Change) -> str:
    """A change of answers in plain words."""
    parts = []
    for qid, old, new in change.edits:
        q = content.question(qid)
        parts.append(f"“{q.text}” were “{q.option(new).label}” instead of “{q.option(old).label}”")
    return f"{content.path(change.path).name} would come first if " + " and ".join(parts) + "."


def explain_reasons(content: CareerContent, score: PathScore, limit: int = 3) -> list[str]:
    """The answers that moved a path's score most, strongest first."""
    lines = []
    for r in score.reasons[:limit]:
        if r.weight == 0:
            continue
        direction = "raises" if r.weight > 0 else "lowers"
        lines.append(f"{direction} it ({r.weight:+d}, a weight of this workbook): {r.why}")
    return lines
