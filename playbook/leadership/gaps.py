"""Other raters: a kind of rater's average scores (withheld below the rater minimum), and
the participant's gap to each kind, flagged as a blind spot or a hidden strength.

numpy is imported where it is used (:func:`aggregate_raters`): the leadership page needs it
only once someone has rated the participant.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from playbook.leadership.content import (
    RATER_KINDS,
    STYLES,
    Instrument,
    RaterKind,
    StyleId,
)
from playbook.leadership.scoring import ScaleScore, score_scales
from playbook.leadership.section import RatingPayload

__all__ = [
    "Comparison",
    "Gap",
    "GapFlag",
    "RaterGroup",
    "aggregate_raters",
    "compare_raters",
    "gap_flag",
]

GapFlag = Literal["blind_spot", "hidden_strength"]


def gap_flag(self_score: float, other_score: float, threshold: float) -> GapFlag | None:
    """Flag a gap that exceeds (is strictly greater than) ``threshold`` points.

    * **blind spot**: you rate yourself higher on the style than others see you;
    * **hidden strength**: others see more of the style in you than you do.

    Examples
    --------
    >>> gap_flag(80, 40, 33.3), gap_flag(40, 80, 33.3), gap_flag(60, 40, 33.3)
    ('blind_spot', 'hidden_strength', None)
    """
    gap = other_score - self_score
    if gap > threshold:
        return "hidden_strength"
    if -gap > threshold:
        return "blind_spot"
    return None


@dataclass(frozen=True)
class RaterGroup:
    """The averaged scores of the raters of one kind, withheld below the rater minimum.

    ``scores[style]`` is ``None`` when fewer than ``min_raters`` raters gave that style a
    score; ``counts[style]`` says how many did.
    """

    kind: RaterKind
    n_raters: int
    min_raters: int
    scores: dict[StyleId, float | None]
    counts: dict[StyleId, int]

    def shown(self, style: StyleId) -> bool:
        """Whether this group's score for the style may be shown."""
        return self.scores.get(style) is not None


def aggregate_raters(
    ratings: Iterable[RatingPayload],
    instrument: Instrument,
    kind: RaterKind,
    *,
    min_raters: int | None = None,
) -> RaterGroup:
    """Average the style scores of all raters of one kind.

    Each rater's style score follows :func:`score_scales` (a rater with too few answers for a
    style does not count for it). The mean over raters is shown only when at least
    ``min_raters`` raters (default: ``thresholds.min_raters[kind]``) scored the style, so that
    no single peer's view can be read off the result.

    Examples
    --------
    >>> from playbook.leadership import load_content
    >>> inst = load_content()
    >>> full = {i.id: 4 for i in inst.items}
    >>> peers = [RatingPayload(instrument_version=inst.instrument_version,
    ...                        rater_kind="peer", answers=full)] * 2
    >>> aggregate_raters(peers, inst, "peer").scores["architect"] is None   # 2 < 3 peers
    True
    """
    import numpy as np

    needed = instrument.thresholds.min_raters[kind] if min_raters is None else min_raters
    per_style: dict[StyleId, list[float]] = {s: [] for s in STYLES}
    n = 0
    for rating in ratings:
        if rating.rater_kind != kind:
            continue
        n += 1
        for style, s in score_scales(rating.answers, instrument).items():
            if s.score is not None:
                per_style[style].append(s.score)
    scores: dict[StyleId, float | None] = {
        s: (float(np.mean(v)) if len(v) >= needed else None) for s, v in per_style.items()
    }
    counts: dict[StyleId, int] = {s: len(v) for s, v in per_style.items()}
    return RaterGroup(kind=kind, n_raters=n, min_raters=needed, scores=scores, counts=counts)


@dataclass(frozen=True)
class Gap:
    """Self vs. one kind of rater on one style. ``gap = other - self`` in points."""

    style: StyleId
    kind: RaterKind
    self_score: float | None
    other_score: float | None
    gap: float | None
    flag: GapFlag | None


@dataclass(frozen=True)
class Comparison:
    """Self vs. each kind of rater: the groups, and the gap per kind and style."""

    threshold: float
    groups: dict[RaterKind, RaterGroup] = field(default_factory=dict)
    gaps: dict[RaterKind, dict[StyleId, Gap]] = field(default_factory=dict)

    def flagged(self) -> list[Gap]:
        """Every gap flagged as a blind spot or a hidden strength."""
        return [g for by_style in self.gaps.values() for g in by_style.values() if g.flag]


def compare_raters(
    self_scores: Mapping[StyleId, ScaleScore],
    ratings: Iterable[RatingPayload],
    instrument: Instrument,
    *,
    threshold: float | None = None,
    min_raters: Mapping[RaterKind, int] | None = None,
) -> Comparison:
    """Compare the participant's scores with each kind of rater that answered.

    For each kind with at least one rating, the raters are averaged (:func:`aggregate_raters`)
    and the gap per style is ``other - self``. A gap whose size exceeds ``threshold`` (default
    ``thresholds.gap_threshold``, a third of the 0-100 range) is flagged (:func:`gap_flag`).
    Where either side has no score, the gap is ``None``.

    Examples
    --------
    >>> from playbook.leadership import load_content
    >>> inst = load_content()
    >>> me = score_scales({i.id: (5 if i.style == "architect" else 3) for i in inst.items
    ...                    if not i.reverse}, inst)
    >>> mentor = RatingPayload(instrument_version=inst.instrument_version, rater_kind="mentor",
    ...     answers={i.id: (2 if i.style == "architect" else 3) for i in inst.items
    ...              if not i.reverse})
    >>> g = compare_raters(me, [mentor], inst).gaps["mentor"]["architect"]
    >>> g.self_score, g.other_score, g.gap, g.flag
    (100.0, 25.0, -75.0, 'blind_spot')
    """
    limit = instrument.thresholds.gap_threshold if threshold is None else threshold
    ratings = list(ratings)
    comparison = Comparison(threshold=limit)
    for kind in RATER_KINDS:
        if not any(r.rater_kind == kind for r in ratings):
            continue
        needed = None if min_raters is None else min_raters.get(kind)
        group = aggregate_raters(ratings, instrument, kind, min_raters=needed)
        comparison.groups[kind] = group
        comparison.gaps[kind] = {}
        for style in STYLES:
            mine = self_scores[style].score if style in self_scores else None
            theirs = group.scores[style]
            gap: float | None = None
            flag: GapFlag | None = None
            if mine is not None and theirs is not None:
                gap, flag = theirs - mine, gap_flag(mine, theirs, limit)
            comparison.gaps[kind][style] = Gap(style, kind, mine, theirs, gap, flag)
    return comparison
