"""Scoring the answers: each style on 0-100, the forced-choice points, the ranking into
primary, secondary and third style with the stated tie rule, and adaptability."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from playbook.leadership.checks import check_answers, check_forced_choice
from playbook.leadership.content import NOT_SURE, STYLES, Instrument, Scale, StyleId
from playbook.leadership.errors import NotEnoughAnswersError

__all__ = [
    "RANK_POINTS",
    "ForcedChoiceResult",
    "ScaleScore",
    "StyleRanking",
    "adaptability",
    "keyed",
    "rank_styles",
    "round_half_up",
    "score_forced_choice",
    "score_scales",
]

#: Forced-choice points for first, second and third place in a block.
RANK_POINTS = (2, 1, 0)


def keyed(value: int, reverse: bool, scale: Scale) -> int | None:
    """The value as it counts toward the style: reversed items score ``low + high - value``.

    "Not sure" counts as nothing (``None``), never as the middle of the scale.

    Examples
    --------
    >>> from playbook.leadership import load_content
    >>> sc = load_content().scale
    >>> keyed(2, False, sc), keyed(2, True, sc), keyed(0, True, sc)
    (2, 4, None)
    """
    if value == NOT_SURE:
        return None
    return scale.low + scale.high - value if reverse else value


@dataclass(frozen=True)
class ScaleScore:
    """One style's score on 0-100, or ``None`` when too few items were answered."""

    style: StyleId
    score: float | None
    answered: int
    n_items: int
    min_answered: int

    @property
    def enough(self) -> bool:
        """Whether enough items were answered to show a score."""
        return self.score is not None

    def display(self) -> str:
        """The score as shown: whole points, or "not enough answers"."""
        return str(round_half_up(self.score)) if self.score is not None else "not enough answers"


def round_half_up(x: float) -> int:
    """Round to whole points, halves up (as shown to participants; ``round`` rounds to even).

    >>> round_half_up(12.5), round(12.5)
    (13, 12)
    """
    return math.floor(x + 0.5)


def score_scales(answers: Mapping[str, int], instrument: Instrument) -> dict[StyleId, ScaleScore]:
    """Score each style on 0-100 from the Likert answers.

    For a style with ``n`` answered items (not counting "not sure") and keyed values ``k_i``
    on a scale from ``low`` to ``high``::

        score = 100 * sum(k_i - low) / ((high - low) * n)

    that is, the mean keyed answer mapped linearly from [low, high] to [0, 100]. When ``n`` is
    below ``thresholds.min_answered_per_scale`` the score is ``None`` ("not enough answers").

    Raises
    ------
    AnswerError
        For an unknown item or an off-scale value.

    Examples
    --------
    >>> from playbook.leadership import load_content
    >>> inst = load_content()
    >>> s = score_scales({"arc_tracking": 5, "arc_work_it_out": 5}, inst)["architect"]
    >>> s.score is None, s.answered, s.display()
    (True, 2, 'not enough answers')
    >>> ids = [i.id for i in inst.items_of("architect")][:5]
    >>> score_scales({i: 4 for i in ids}, inst)["architect"].score  # 4, 4, 4, 4 and 6-4=2
    65.0
    """
    answers = check_answers(answers, instrument)
    sc, minimum = instrument.scale, instrument.thresholds.min_answered_per_scale
    out: dict[StyleId, ScaleScore] = {}
    for style in STYLES:
        items = instrument.items_of(style)
        values = [
            k
            for item in items
            if item.id in answers and (k := keyed(answers[item.id], item.reverse, sc)) is not None
        ]
        n = len(values)
        score = 100 * sum(v - sc.low for v in values) / ((sc.high - sc.low) * n) if n else None
        out[style] = ScaleScore(
            style=style,
            score=score if n >= minimum else None,
            answered=n,
            n_items=len(items),
            min_answered=minimum,
        )
    return out


@dataclass(frozen=True)
class ForcedChoiceResult:
    """Forced-choice points per style: they rank styles within one person only."""

    points: dict[StyleId, int]
    blocks_answered: int
    blocks_total: int


def score_forced_choice(
    orders: Mapping[str, Sequence[str]], instrument: Instrument
) -> ForcedChoiceResult:
    """Sum the rank points of each style over the answered blocks.

    A style gets 2 points for each block where its statement came first, 1 for second and 0
    for third. The totals are ipsative (they always add up to 3 per block), so they say which
    style a person reaches for first, not how strong any style is, and cannot be compared
    between people.

    Examples
    --------
    >>> from playbook.leadership import load_content
    >>> inst = load_content()
    >>> r = score_forced_choice({"fc_start": ["architect", "integrator", "facilitator"],
    ...                          "fc_trouble": ["architect", "facilitator", "integrator"]}, inst)
    >>> r.points, r.blocks_answered
    ({'facilitator': 1, 'architect': 4, 'integrator': 1}, 2)
    """
    checked = check_forced_choice(orders, instrument)
    points: dict[StyleId, int] = dict.fromkeys(STYLES, 0)
    for order in checked.values():
        for rank, style in enumerate(order):
            points[cast(StyleId, style)] += RANK_POINTS[rank]
    return ForcedChoiceResult(points, len(checked), len(instrument.forced_choice))


@dataclass(frozen=True)
class StyleRanking:
    """The three styles in order, with how each place was decided.

    ``level`` holds groups of styles that stayed level after every tie-break; they are listed
    in the instrument's order and should be read as joint.
    """

    order: tuple[StyleId, ...]
    level: tuple[tuple[StyleId, ...], ...] = ()
    broken_by_forced_choice: tuple[tuple[StyleId, ...], ...] = ()

    @property
    def primary(self) -> StyleId:
        """The first style in the order."""
        return self.order[0]

    @property
    def secondary(self) -> StyleId:
        """The second style in the order."""
        return self.order[1]

    def is_level(self, a: str, b: str) -> bool:
        """Whether styles ``a`` and ``b`` stayed level after every tie-break."""
        return any(a in g and b in g for g in self.level)

    @property
    def primary_is_level(self) -> bool:
        """Whether the primary style is level with the secondary one."""
        return self.is_level(self.order[0], self.order[1])


def rank_styles(
    scores: Mapping[StyleId, ScaleScore] | Mapping[StyleId, float],
    forced_choice_points: Mapping[StyleId, int] | None = None,
) -> StyleRanking:
    """Order the styles into primary, secondary and third, with the stated tie rule.

    Tie rule:

    1. Higher score first, comparing scores in whole points as shown
       (:func:`round_half_up`), so that what looks level to the participant is level.
    2. Level scores are ordered by forced-choice points, when given.
    3. Styles still level keep the instrument's order (Facilitator, Architect, Integrator)
       and are reported in ``level``, to be read as joint; no style is silently preferred.

    Raises
    ------
    NotEnoughAnswersError
        When a style has no score ("not enough answers"): the ranking would be a guess.

    Examples
    --------
    >>> r = rank_styles({"facilitator": 50.0, "architect": 81.0, "integrator": 62.5})
    >>> r.primary, r.secondary, r.level
    ('architect', 'integrator', ())

    Scores shown as the same whole number are level (80.4 and 79.6 both show as 80): the
    forced-choice points decide, and without them the instrument's order does, and says so:

    >>> r = rank_styles({"facilitator": 50.0, "architect": 80.4, "integrator": 79.6})
    >>> r.order, r.level, r.primary_is_level
    (('architect', 'integrator', 'facilitator'), (('architect', 'integrator'),), True)
    >>> r = rank_styles({"facilitator": 50.0, "architect": 80.4, "integrator": 79.6},
    ...                 {"facilitator": 2, "architect": 3, "integrator": 7})
    >>> r.order, r.level, r.broken_by_forced_choice
    (('integrator', 'architect', 'facilitator'), (), (('integrator', 'architect'),))
    """
    shown: dict[StyleId, int] = {}
    missing: list[str] = []
    for style in STYLES:
        value = scores.get(style)
        raw = value.score if isinstance(value, ScaleScore) else value
        if raw is None:
            missing.append(style)
        else:
            shown[style] = round_half_up(float(raw))
    if missing:
        raise NotEnoughAnswersError(
            "Your primary style needs a score for every style; answer more statements for "
            f"{', '.join(s.capitalize() for s in missing)}."
        )
    fc = dict(forced_choice_points or {})
    order = tuple(sorted(STYLES, key=lambda s: (-shown[s], -fc.get(s, 0), STYLES.index(s))))
    level = _groups(order, lambda s: (shown[s], fc.get(s, 0)))
    same_score = _groups(order, lambda s: shown[s])
    broken = tuple(g for g in same_score if g not in level)
    return StyleRanking(order=order, level=level, broken_by_forced_choice=broken)


def _groups(order: Sequence[StyleId], key: Any) -> tuple[tuple[StyleId, ...], ...]:
    """Runs of two or more consecutive styles with the same key."""
    groups: list[tuple[StyleId, ...]] = []
    run: list[StyleId] = [order[0]]
    for style in order[1:]:
        if key(style) == key(run[-1]):
            run.append(style)
        else:
            groups.append(tuple(run))
            run = [style]
    groups.append(tuple(run))
    return tuple(g for g in groups if len(g) > 1)


def adaptability(scores: Mapping[StyleId, ScaleScore] | Mapping[StyleId, float]) -> float | None:
    """How evenly the three styles are developed, on 0-100.

    Formula::

        adaptability = 100 - (max(score) - min(score))

    over the three style scores (each 0-100). 100 means the three styles are equally
    developed; 0 means one style is at the top of the scale and another at the bottom. It
    measures evenness, not strength (three scores of 20 give 100), so show it beside the
    scores. ``None`` when a style has no score.

    The playbook values multi-style adaptability (a primary style plus secondary
    capabilities); the formula is this workbook's, not the article's.

    Examples
    --------
    >>> adaptability({"facilitator": 70.0, "architect": 40.0, "integrator": 55.0})
    70.0
    >>> adaptability({"facilitator": 70.0, "architect": None, "integrator": 55.0}) is None
    True
    """
    values = []
    for style in STYLES:
        value = scores.get(style)
        raw = value.score if isinstance(value, ScaleScore) else value
        if raw is None:
            return None
        values.append(float(raw))
    return 100.0 - (max(values) - min(values))
