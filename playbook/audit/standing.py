"""The audit's hooks for the development plan: "Where I stand" (:func:`standing`), the goals
its result suggests (:func:`suggest`) and what a plan entry can be linked to (:func:`links`)."""

from __future__ import annotations

from playbook.audit.content import AuditContent
from playbook.audit.result import AuditResult
from playbook.contract import Standing, Suggestion, SuggestionMaker

__all__ = ["links", "standing", "suggest"]


def standing(result: AuditResult | None, content: AuditContent | None) -> Standing:
    """The latest quarter's scores and the open actions in a few sentences, whether every
    area is answered, and what is still to do (``None``: the section was never saved).

    >>> standing(None, None).todo
    'Hold a first quarterly audit.'
    """
    r, c = result, content
    if r is None or c is None or r.quarter is None:
        return Standing("not started", (), "Hold a first quarterly audit.")
    scores = ", ".join(
        f"{a.name} {'–' if r.scores.get(a.id) is None else format(r.scores[a.id], '.1f')}"
        for a in c.areas
    )
    lines = [f"{r.quarter}: {scores}."]
    if r.open_actions:
        lines += [f"Open action ({q}): {a.text} (owner: {a.owner})." for q, a in r.open_actions]
    else:
        lines.append("No open actions.")
    unanswered = [a.name for a in c.areas if r.scores.get(a.id) is None]
    todo = f"Answer the audit's {', '.join(unanswered)} statements." if unanswered else ""
    return Standing("in progress" if todo else "done", tuple(lines), todo)


def suggest(result: AuditResult, content: AuditContent, maker: SuggestionMaker) -> list[Suggestion]:
    """The plan's goals the result suggests: each open action (``audit_action``), and the
    plan's practice for each area of the latest quarter scored below the plan's
    ``low_audit_score`` (``low_audit_area``)."""
    r = result
    out = []
    for n, (quarter, action) in enumerate(r.open_actions):
        out.append(
            maker.make(
                "audit_action",
                f"{quarter}:{n}:{action.text[:60]}",
                quarter=quarter,
                action=action.text,
                owner=action.owner,
            )
        )
    plan = maker.content
    threshold = plan.thresholds.low_audit_score
    for area in content.areas:
        score = r.scores.get(area.id)
        practice = next((p.practice for p in plan.audit_practices if p.id == area.id), None)
        if score is not None and score < threshold and practice:
            out.append(
                maker.make(
                    "low_audit_area",
                    f"{r.quarter}:{area.id}",
                    area=area.name,
                    score=f"{score:.1f}",
                    quarter=r.quarter,
                    threshold=f"{threshold:.1f}",
                    practice=practice,
                )
            )
    return out


def links(result: AuditResult) -> list[tuple[str, str]]:
    """What a plan entry (an impact, a goal) can be linked to: each open action, as
    ``(label, "audit:<quarter>:<number>")``.

    >>> from playbook.audit.section import ActionItem
    >>> links(AuditResult("2026-Q1", {}, [("2026-Q1", ActionItem(text="Buffer", owner="me"))]))
    [('Audit action (2026-Q1): Buffer', 'audit:2026-Q1:0')]
    """
    return [
        (f"Audit action ({q}): {a.text}", f"audit:{q}:{n}")
        for n, (q, a) in enumerate(result.open_actions)
    ]
