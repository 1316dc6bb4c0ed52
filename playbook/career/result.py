"""The contract's result: :func:`assess` gives everything the navigator shows, from the
content and one participant's answers (the recommendation of
:func:`~playbook.career.scoring.recommend`, and what would change it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from playbook.career.content import PATH_IDS, CareerContent, PathId
from playbook.career.scoring import PathScore, recommend
from playbook.career.section import CareerSection
from playbook.career.sensitivity import Change, what_would_change

__all__ = ["Assessment", "assess"]


@dataclass(frozen=True)
class Assessment:
    """Everything the navigator shows, derived from content and one participant's answers."""

    fit: dict[PathId, PathScore]
    preference: dict[PathId, PathScore]
    context_answered: int
    context_total: int
    preference_answered: int
    enough: bool
    recommended: list[PathId]  # by environment; several = a tie; empty until enough answers
    preferred: list[PathId]
    gap: dict[PathId, float | None]  # preference minus fit, in points
    changes: list[Change]
    near_tie: list[PathId]
    areas: list[str] = field(default_factory=list)
    areas_needed: int = 3

    @property
    def agrees(self) -> bool | None:
        """Whether preference and environment point to the same path (None: not known yet)."""
        if not self.recommended or not self.preferred:
            return None
        return bool(set(self.recommended) & set(self.preferred))

    @property
    def diversified(self) -> bool:
        return len(self.areas) >= self.areas_needed


def assess(section: CareerSection, content: CareerContent) -> Assessment:
    """Score fit and preference, name the recommendation, the gap and what would change it.

    Examples
    --------
    >>> from playbook.career.content import load_content
    >>> content = load_content()
    >>> answers = {"standardization": "adhoc", "work_type": "creative",
    ...            "transition": "major", "cross_functional": "most"}
    >>> a = assess(CareerSection(context=answers, preference={"energy": "tools"}), content)
    >>> a.recommended, a.preferred, a.agrees
    (['community_builder'], ['technical_specialist'], False)
    """
    r = recommend(section, content)
    near: list[PathId] = []
    if r.recommended:
        top = r.fit[r.recommended[0]].score or 0.0
        near = [
            p
            for p in PATH_IDS
            if p not in r.recommended
            and r.fit[p].score is not None
            and top - (r.fit[p].score or 0.0) <= content.thresholds.near_tie_points
        ]
    labels = {a.id: a.label for a in content.adjacent_areas}
    areas = [labels[a] for a in section.areas if a in labels] + list(section.own_areas)
    return Assessment(
        fit=r.fit,
        preference=r.preference,
        context_answered=r.context_answered,
        context_total=len(content.context_questions),
        preference_answered=r.preference_answered,
        enough=r.enough,
        recommended=r.recommended,
        preferred=r.preferred,
        gap=r.gap,
        changes=what_would_change(content, section.context) if r.enough else [],
        near_tie=near,
        areas=areas,
        areas_needed=content.thresholds.min_adjacent_areas,
    )
