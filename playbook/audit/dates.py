"""The audit's ``dates`` hook: the next audit each quarter set (the playbook's quarterly
audit) and every action with a due date, for the cadence (the calendar the participant
downloads or subscribes to, and the start page's "due this week" and "overdue")."""

from __future__ import annotations

from playbook.audit.content import AuditContent
from playbook.audit.result import AuditResult
from playbook.contract import Dated

__all__ = ["dates"]


def dates(result: AuditResult, content: AuditContent) -> list[Dated]:
    """The next audit of each audited quarter (done once a later quarter was audited), keyed
    by the quarter, and each action with a due date, keyed by its id.

    Examples
    --------
    >>> import datetime as dt
    >>> from playbook.audit import AuditQuarter, AuditSection, add_action, assess, load_content
    >>> c = load_content()
    >>> q1 = add_action(AuditQuarter(quarter="2026-Q1", next_audit=dt.date(2026, 5, 12)),
    ...                 "Train a second contact", "Priya", due="2026-04-15")
    >>> [(d.key, d.day.isoformat(), d.done) for d in dates(assess(AuditSection(quarters=[q1]), c), c)]
    [('audit:next:2026-Q1', '2026-05-12', False), ('audit:action:2026-Q1:a1', '2026-04-15', False)]
    >>> q2 = AuditQuarter(quarter="2026-Q2", next_audit=dt.date(2026, 8, 12))
    >>> [d.done for d in dates(assess(AuditSection(quarters=[q1, q2]), c), c) if d.kind == "audit"]
    [True, False]
    """
    words = content.dates
    out = [
        # not keyed by its kind: the calendar's UIDs are made from this key, kept as it was
        Dated(
            key=f"audit:next:{quarter}",
            day=day,
            title=words.next_audit,
            section="audit",
            kind="audit",
            done=done,
            detail=words.next_audit_detail.format(quarter=quarter),
        )
        for quarter, day, done in result.next_audits
    ]
    out += [
        Dated.keyed(
            "audit",
            "action",
            f"{quarter}:{a.id}",
            day=a.due,
            title=words.action.format(text=a.text),
            done=a.done,
            detail=words.action_detail.format(quarter=quarter, owner=a.owner),
        )
        for quarter, a in result.dated_actions
        if a.due is not None
    ]
    return out
