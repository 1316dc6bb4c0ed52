"""The navigator's hooks for the cohort view: one workbook's section reduced to ids and
numbers (:func:`digest`), and the cohort's career tables from every workbook's
(:func:`aggregate`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from playbook.career.content import CareerContent
from playbook.career.scoring import recommend
from playbook.career.section import parse_section
from playbook.contract import TableMaker

__all__ = ["TIE", "CareerDigest", "aggregate", "digest"]

#: A digest's ``recommended`` when several paths share the top fit.
TIE = "tie"


@dataclass(frozen=True)
class CareerDigest:
    """What one workbook's career section contributes to the cohort: ids and numbers."""

    recommended: str | None = None  # a path id, "tie", or None (not enough answers)
    agrees: bool | None = None
    gaps: Mapping[str, float] = field(default_factory=dict)  # path -> preference minus fit


def digest(data: Mapping[str, Any], content: CareerContent) -> CareerDigest:
    """The recommendation, agreement and gaps of one workbook's section, from
    :func:`~playbook.career.scoring.recommend` (not ``assess``: the search of answer changes
    takes about 0.1 s a workbook, which the cohort does not show).

    >>> from playbook.career.content import load_content
    >>> d = digest({"context": {"standardization": "high", "tech_stability": "stable",
    ...     "work_type": "industrial", "transition": "none"}}, load_content())
    >>> d.recommended, d.agrees, d.gaps
    ('technical_specialist', None, {})
    """
    r = recommend(parse_section(data, content), content)
    recommended = None
    if r.recommended:
        recommended = r.recommended[0] if len(r.recommended) == 1 else TIE
    gaps: dict[str, float] = {p: g for p, g in r.gap.items() if g is not None}
    return CareerDigest(recommended, r.agrees, gaps)


def aggregate(
    digests: Sequence[CareerDigest | None], content: CareerContent, tables: TableMaker
) -> None:
    """The cohort's career tables: the recommended paths, preference against fit per path
    (in bands of ``gap_band_points``), and how many workbooks' preference and environment
    agree."""
    ds = [d for d in digests if d is not None]
    band: float = tables.content.gap_band_points
    names = {p.id: p.name for p in content.paths} | {TIE: "A tie between paths"}
    paths = [p.id for p in content.paths]
    rec = Counter(d.recommended for d in ds if d.recommended)
    tables.add(
        "paths",
        "Recommended career paths (by the environment)",
        ("Path", "Workbooks"),
        [(names[p], rec[p]) for p in [*paths, TIE]],
    )
    gaps: Counter[tuple[str, str]] = Counter()
    for d in ds:
        for p, g in d.gaps.items():
            side = "higher" if g > band else "lower" if g < -band else "close"
            gaps[(p, side)] += 1
    sides = {
        "lower": f"Preference below fit by more than {band:g} points",
        "close": f"Within {band:g} points",
        "higher": f"Preference above fit by more than {band:g} points",
    }
    tables.add(
        "career_gaps",
        "Preference against the environment's fit, per path",
        ("Path", "Gap", "Workbooks"),
        [(names[p], sides[s], gaps[(p, s)]) for p in paths for s in sides],
        count_column=2,
    )
    agree = Counter(d.agrees for d in ds if d.agrees is not None)
    tables.add(
        "career_agree",
        "Preference and environment point to the same path",
        ("Preference and environment", "Workbooks"),
        [("Agree", agree[True]), ("Differ", agree[False])],
    )
