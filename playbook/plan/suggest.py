"""The goals the other workbooks' results suggest: each domain's ``suggest`` hook, worded by
the plan's rules (``rules`` in ``development_plan.yaml``)."""

from __future__ import annotations

from typing import Any

from playbook.contract import Suggestion, domain
from playbook.plan.content import PlanContent, sources
from playbook.plan.standing import Results

__all__ = ["Maker", "Suggestion", "suggest"]


class Maker:
    """What a domain's ``suggest`` hook is handed (:class:`playbook.contract.SuggestionMaker`):
    the plan's content and the wording of its rules."""

    def __init__(self, content: PlanContent) -> None:
        self.content = content

    def make(self, rule_id: str, key: str, /, **values: Any) -> Suggestion:
        """The suggestion of rule ``rule_id`` for ``key``, its text and goal filled in."""
        rule = self.content.rule(rule_id)
        return Suggestion(
            key=f"{rule_id}:{key}",
            rule=rule_id,
            source_label=rule.source_label,
            text=" ".join(rule.text.format(**values).split()),
            goal=" ".join(rule.goal.format(**values).split()),
            workbooks=rule.workbooks,
        )


def suggest(results: Results, content: PlanContent) -> list[Suggestion]:
    """The goals the other workbooks' results suggest, each saying which result and rule
    triggered it and which workbooks it links.

    Examples
    --------
    >>> from playbook.audit import AuditQuarter, AuditSection, dump_section
    >>> from playbook.plan import gather, load_content
    >>> quarter = AuditQuarter(quarter="2026-Q1", answers={"bal_outcomes": 1,
    ...     "bal_documentation": 5, "bal_creative_quality": 2, "bal_metrics": 2})
    >>> record = {"audit": dump_section(AuditSection(quarters=[quarter]))}
    >>> [(s.rule, s.workbooks) for s in suggest(gather(record), load_content())]
    [('low_audit_area', ('audit', 'pilots'))]
    """
    maker = Maker(content)
    out: list[Suggestion] = []
    for name in sources():
        result = results.get(name)
        if result is None:
            continue
        d = domain(name)
        if d.suggest is not None:
            content_of = results.contents.get(name)
            if content_of is None:  # a result given without its content (a what-if)
                content_of = d.load_content()
            out += d.suggest(result, content_of, maker)
    return out
