"""The audit's hooks for the cohort view: one workbook's section reduced to ids and numbers
(:func:`digest`), and the cohort's audit tables from every workbook's (:func:`aggregate`)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from playbook.audit.content import AuditContent
from playbook.audit.result import assess
from playbook.audit.scoring import pitfalls_indicated
from playbook.audit.section import parse_section
from playbook.contract import Cell, TableMaker

__all__ = ["AuditDigest", "aggregate", "digest"]


@dataclass(frozen=True)
class AuditDigest:
    """What one workbook's audit contributes to the cohort: the latest quarter's scored areas
    and the ids of the pitfalls its scores point to."""

    scores: Mapping[str, float] = field(default_factory=dict)  # area id -> score
    pitfalls: tuple[str, ...] = ()


def digest(data: Mapping[str, Any], content: AuditContent) -> AuditDigest:
    """The latest quarter's area scores (areas not fully answered left out) and the pitfalls
    they point to (the manager's scores only: colleagues' answers are not counted).

    >>> from playbook.audit.content import load_content
    >>> d = digest({"quarters": [{"quarter": "2026-Q1", "answers": {"bal_outcomes": 1,
    ...     "bal_documentation": 5, "bal_creative_quality": 2, "bal_metrics": 2}}]},
    ...     load_content())
    >>> d.scores, d.pitfalls
    ({'balance': 1.5}, ('perfectionism_in_process',))
    """
    r = assess(parse_section(data, content), content)
    scores = {k: v for k, v in r.scores.items() if v is not None}
    pitfalls = tuple(f.pitfall.id for f in pitfalls_indicated(r.scores, content))
    return AuditDigest(scores, pitfalls)


def _mean(values: Sequence[float]) -> float:
    return round(math.fsum(values) / len(values), 2)


def aggregate(
    digests: Sequence[AuditDigest | None], content: AuditContent, tables: TableMaker
) -> None:
    """The cohort's audit tables: each area's average score in the latest quarter, and the
    pitfalls the audits point to, most common first."""
    ds = [d for d in digests if d is not None]
    rows: list[tuple[Cell, ...]] = []
    for area in content.areas:
        scores = [d.scores[area.id] for d in ds if area.id in d.scores]
        rows.append((area.name, len(scores), _mean(scores) if scores else None))
    tables.add(
        "audit_scores",
        "Audit scores per area (latest quarter)",
        ("Area", "Workbooks", "Average score"),
        rows,
    )
    names = {p.id: p.name for p in content.pitfalls}
    pit = Counter(p for d in ds for p in d.pitfalls)
    tables.add(
        "pitfalls",
        "Most common pitfalls the audits point to",
        ("Pitfall", "Workbooks"),
        [(names.get(p, p), n) for p, n in pit.most_common()]
        + [(names[p], 0) for p in names if p not in pit],
    )
