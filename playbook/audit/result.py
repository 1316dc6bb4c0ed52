"""The contract's result: the latest audited quarter's scores and the open actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from playbook.audit.content import AuditContent
from playbook.audit.scoring import score_areas
from playbook.audit.section import ActionItem, AuditQuarter, AuditSection, open_actions, quarter_key

__all__ = ["AuditResult", "assess", "latest_quarter"]


@dataclass(frozen=True)
class AuditResult:
    """The latest audited quarter's area scores (``None`` where an area has no answer) and
    every action not done yet, as ``(quarter, action)``; for the cadence, every action with a
    due date (done or not) and each quarter's next-audit date."""

    quarter: str | None
    scores: dict[str, float | None]
    open_actions: list[tuple[str, ActionItem]]
    #: ``(quarter, action)`` for every action with a due date, oldest quarter first.
    dated_actions: tuple[tuple[str, ActionItem], ...] = ()
    #: ``(quarter, next audit date, done)``: done once a later quarter has been audited.
    next_audits: tuple[tuple[str, dt.date, bool], ...] = ()


def latest_quarter(section: AuditSection) -> AuditQuarter | None:
    """The quarter latest in time (``None`` before a first audit).

    >>> latest_quarter(AuditSection(quarters=[AuditQuarter(quarter="2026-Q2"),
    ...     AuditQuarter(quarter="2025-Q4")])).quarter
    '2026-Q2'
    """
    return max(section.quarters, key=lambda q: quarter_key(q.quarter), default=None)


def assess(section: AuditSection, content: AuditContent) -> AuditResult:
    """The latest quarter's scores and the open actions.

    Examples
    --------
    >>> from playbook.audit.content import load_content
    >>> section = AuditSection(quarters=[AuditQuarter(quarter="2026-Q1",
    ...     actions=[ActionItem(text="Add a buffer week", owner="me")])])
    >>> r = assess(section, load_content())
    >>> r.quarter, [a.text for _, a in r.open_actions]
    ('2026-Q1', ['Add a buffer week'])
    """
    latest = latest_quarter(section)
    ordered = sorted(section.quarters, key=lambda q: quarter_key(q.quarter))
    return AuditResult(
        quarter=latest.quarter if latest else None,
        scores=score_areas(latest.answers, content) if latest else {},
        open_actions=open_actions(section),
        dated_actions=tuple((q.quarter, a) for q in ordered for a in q.actions if a.due),
        next_audits=tuple(
            (q.quarter, q.next_audit, q is not ordered[-1])
            for q in ordered
            if q.next_audit is not None
        ),
    )
