"""Scores: each area's score from the answers, colleagues' answers in aggregate (shown only
where enough answered), the trend across quarters and the pitfalls low scores point to."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from playbook.audit.content import AuditArea, AuditContent, AuditItem, Pitfall, Scale
from playbook.audit.section import AuditSection, ColleagueResponse, quarter_key
from playbook.audit.text import colleague_message, pitfall_reason

__all__ = [
    "ColleagueAggregate",
    "PitfallFlag",
    "TrendPoint",
    "aggregate_colleagues",
    "audit_trend",
    "item_score",
    "pitfalls_indicated",
    "score_area",
    "score_areas",
]


def item_score(value: int, item: AuditItem, scale: Scale) -> int:
    """The answer on the scale, reversed (min + max - x) for a reverse-keyed item.

    Examples
    --------
    >>> s = Scale(min=1, max=5, labels={1: "a", 2: "b", 3: "c", 4: "d", 5: "e"})
    >>> item_score(2, AuditItem(id="x", text="t", reverse=True), s)
    4
    """
    return scale.min + scale.max - value if item.reverse else value


def score_area(answers: Mapping[str, int], area: AuditArea, scale: Scale) -> float | None:
    """Mean item score of an area, or ``None`` until every item of the area is answered."""
    if any(i.id not in answers for i in area.items):
        return None
    return sum(item_score(answers[i.id], i, scale) for i in area.items) / len(area.items)


def score_areas(answers: Mapping[str, int], content: AuditContent) -> dict[str, float | None]:
    """Score of every area (``None`` for an area not fully answered)."""
    return {a.id: score_area(answers, a, content.scale) for a in content.areas}


@dataclass(frozen=True)
class ColleagueAggregate:
    """Colleagues' answers for a quarter, in aggregate only.

    ``area_means`` has a value only for areas that at least ``min_required`` colleagues
    answered fully; while no area reaches that, neither counts per area nor departments are
    given either, so that no one colleague's answers can be read off.
    """

    n_responses: int
    min_required: int
    area_means: dict[str, float | None]
    area_counts: dict[str, int]
    n_departments: int

    @property
    def shown(self) -> bool:
        """True when at least one area's aggregate can be shown."""
        return any(v is not None for v in self.area_means.values())

    def message(self) -> str:
        """What the participant sees about colleagues' input."""
        return colleague_message(
            self.n_responses, self.min_required, self.shown, self.n_departments
        )


def aggregate_colleagues(
    responses: Sequence[ColleagueResponse], content: AuditContent
) -> ColleagueAggregate:
    """Mean score per area over colleagues, shown only where enough answered.

    A colleague counts for an area when they answered every item of it. An area's mean is
    ``None`` when fewer than ``thresholds.min_colleagues`` colleagues count for it.
    """
    minimum = content.thresholds.min_colleagues
    means: dict[str, float | None] = {}
    counts: dict[str, int] = {}
    for area in content.areas:
        scores = [
            s for r in responses if (s := score_area(r.answers, area, content.scale)) is not None
        ]
        counts[area.id] = len(scores)
        means[area.id] = sum(scores) / len(scores) if len(scores) >= minimum else None
    departments = {r.department.strip().lower() for r in responses if r.department.strip()}
    shown = any(v is not None for v in means.values())
    return ColleagueAggregate(
        n_responses=len(responses),
        min_required=minimum,
        area_means=means,
        area_counts=counts if shown else {},
        n_departments=len(departments) if shown else 0,
    )


@dataclass(frozen=True)
class TrendPoint:
    """An area's score in a quarter, and its change since the previous scored quarter."""

    quarter: str
    area: str
    score: float
    change: float | None


def audit_trend(section: AuditSection, content: AuditContent) -> list[TrendPoint]:
    """Each area's score, quarter by quarter in time order (quarters not scored are skipped)."""
    points: list[TrendPoint] = []
    previous: dict[str, float] = {}
    for q in sorted(section.quarters, key=lambda q: quarter_key(q.quarter)):
        for area_id, score in score_areas(q.answers, content).items():
            if score is None:
                continue
            before = previous.get(area_id)
            points.append(
                TrendPoint(q.quarter, area_id, score, None if before is None else score - before)
            )
            previous[area_id] = score
    return points


@dataclass(frozen=True)
class PitfallFlag:
    """A pitfall the scores point to, and why."""

    pitfall: Pitfall
    reason: str


def pitfalls_indicated(
    scores: Mapping[str, float | None],
    content: AuditContent,
    colleagues: ColleagueAggregate | None = None,
) -> list[PitfallFlag]:
    """The pitfalls whose area scores low, by the manager or by colleagues in aggregate.

    An area points to its pitfall when the manager's score is below
    ``thresholds.pitfall_below``, when colleagues' mean is below it, or when colleagues' mean
    is at least ``thresholds.colleague_gap`` below the manager's (a blind spot).
    """
    flags: list[PitfallFlag] = []
    for pitfall in content.pitfalls:
        area = content.area(pitfall.area)
        own = scores.get(area.id)
        theirs = colleagues.area_means.get(area.id) if colleagues is not None else None
        reason = pitfall_reason(area, own, theirs, content.thresholds)
        if reason:
            flags.append(PitfallFlag(pitfall, reason))
    return flags
