"""The audit's results in sentences for the participant: what is said of colleagues' answers
and why a pitfall is pointed to."""

from __future__ import annotations

from playbook.audit.content import AuditArea, AuditThresholds

__all__ = ["colleague_message", "pitfall_reason"]


def colleague_message(n_responses: int, min_required: int, shown: bool, n_departments: int) -> str:
    """What the participant sees about colleagues' input (shown in aggregate only).

    >>> colleague_message(2, 3, False, 0)
    '2 of at least 3 colleagues have answered; their answers are shown, together, once enough have.'
    >>> colleague_message(4, 3, True, 2)
    '4 colleagues from 2 departments answered; shown as averages only.'
    """
    if n_responses == 0:
        return "No colleague has answered yet."
    if not shown:
        return (
            f"{n_responses} of at least {min_required} colleagues have answered; "
            "their answers are shown, together, once enough have."
        )
    depts = f" from {n_departments} departments" if n_departments > 1 else ""
    return f"{n_responses} colleagues{depts} answered; shown as averages only."


def pitfall_reason(
    area: AuditArea, own: float | None, theirs: float | None, t: AuditThresholds
) -> str:
    """Why an area points to its pitfall, in one sentence ("" when it does not): the
    manager's score below ``t.pitfall_below``, colleagues' mean below it, or colleagues' mean
    at least ``t.colleague_gap`` below the manager's (a blind spot)."""
    reasons = []
    if own is not None and own < t.pitfall_below:
        reasons.append(f"your {area.name.lower()} score is {own:.1f}, below {t.pitfall_below:.1f}")
    if theirs is not None and theirs < t.pitfall_below:
        reasons.append(f"colleagues' average is {theirs:.1f}, below {t.pitfall_below:.1f}")
    if own is not None and theirs is not None and own - theirs >= t.colleague_gap:
        reasons.append(f"colleagues rate it {own - theirs:.1f} lower than you do")
    return "; ".join(reasons).capitalize() + "." if reasons else ""
