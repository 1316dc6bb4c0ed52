"""Scoring: each path's fit (from the context questions) and preference (from the preference
questions), the leaders, and the recommendation with its agreement and gaps.

Scores are 0-100: the weights of the chosen options, summed over the answered questions and
scaled between the lowest and highest sums those same questions allow::

    score = 100 * (sum(w_chosen) - sum(min_w)) / (sum(max_w) - sum(min_w))

so an unanswered question neither helps nor hurts a path.
"""

from __future__ import annotations

from dataclasses import dataclass

from playbook.career.content import PATH_IDS, CareerContent, PathId, Question
from playbook.career.section import CareerSection, check_section

__all__ = ["PathScore", "Reason", "Recommendation", "leaders", "recommend", "score_paths"]


@dataclass(frozen=True)
class Reason:
    """One answer's push on one path: ``weight`` > 0 raises it, < 0 lowers it."""

    question_id: str
    option_id: str
    weight: int
    why: str


@dataclass(frozen=True)
class PathScore:
    path: PathId
    score: float | None  # None when no question of the set is answered
    reasons: tuple[Reason, ...]


def score_paths(
    questions: tuple[Question, ...], answers: dict[str, str]
) -> dict[PathId, PathScore]:
    """Score every path from the answered questions among ``questions``.

    Examples
    --------
    >>> from playbook.career.content import load_content
    >>> content = load_content()
    >>> s = score_paths(content.context_questions, {"standardization": "high"})
    >>> s["technical_specialist"].score, s["community_builder"].score
    (100.0, 0.0)
    >>> score_paths(content.context_questions, {})["hybrid_integrator"].score is None
    True
    """
    answered = [(q, q.option(answers[q.id])) for q in questions if q.id in answers]
    result: dict[PathId, PathScore] = {}
    for path in PATH_IDS:
        if not answered:
            result[path] = PathScore(path, None, ())
            continue
        got = sum(opt.weights[path] for _, opt in answered)
        low = sum(min(o.weights[path] for o in q.options) for q, _ in answered)
        high = sum(max(o.weights[path] for o in q.options) for q, _ in answered)
        score = 50.0 if high == low else 100.0 * (got - low) / (high - low)
        reasons = tuple(
            sorted(
                (Reason(q.id, opt.id, opt.weights[path], opt.why) for q, opt in answered),
                key=lambda r: -abs(r.weight),
            )
        )
        result[path] = PathScore(path, round(score, 1), reasons)
    return result


def leaders(scores: dict[PathId, PathScore]) -> list[PathId]:
    """The paths sharing the top score (more than one means a tie), in content order.

    >>> leaders({p: PathScore(p, s, ()) for p, s in zip(PATH_IDS, (40.0, 70.0, 70.0))})
    ['community_builder', 'hybrid_integrator']
    """
    known = {p: s.score for p, s in scores.items() if s.score is not None}
    if not known:
        return []
    top = max(known.values())
    return [p for p in PATH_IDS if known.get(p) == top]


@dataclass(frozen=True)
class Recommendation:
    """Fit and preference scored, the recommendation by fit alone, and the gaps: what
    :func:`recommend` gives, quickly (no search of answer changes)."""

    fit: dict[PathId, PathScore]
    preference: dict[PathId, PathScore]
    context_answered: int
    preference_answered: int
    enough: bool  # enough context answers for a recommendation
    recommended: list[PathId]  # by environment; several = a tie; empty until enough answers
    preferred: list[PathId]
    gap: dict[PathId, float | None]  # preference minus fit, in points

    @property
    def agrees(self) -> bool | None:
        """Whether preference and environment point to the same path (None: not known yet)."""
        if not self.recommended or not self.preferred:
            return None
        return bool(set(self.recommended) & set(self.preferred))


def recommend(section: CareerSection, content: CareerContent) -> Recommendation:
    """Score fit and preference, and name the recommendation and the gaps: the part of
    :func:`~playbook.career.result.assess` the cohort reads too (it skips the search of
    answer changes, most of ``assess``'s time).

    Examples
    --------
    >>> from playbook.career.content import load_content
    >>> answers = {"standardization": "adhoc", "work_type": "creative",
    ...            "transition": "major", "cross_functional": "most"}
    >>> r = recommend(CareerSection(context=answers, preference={"energy": "tools"}),
    ...               load_content())
    >>> r.recommended, r.preferred, r.agrees, r.gap["community_builder"]
    (['community_builder'], ['technical_specialist'], False, -100.0)
    """
    check_section(content, section)
    fit = score_paths(content.context_questions, section.context)
    pref = score_paths(content.preference_questions, section.preference)
    n_context = sum(1 for q in content.context_questions if q.id in section.context)
    enough = n_context >= content.thresholds.min_context_answers
    gap: dict[PathId, float | None] = {}
    for p in PATH_IDS:
        f, s = fit[p].score, pref[p].score
        gap[p] = None if f is None or s is None else round(s - f, 1)
    return Recommendation(
        fit=fit,
        preference=pref,
        context_answered=n_context,
        preference_answered=sum(
            1 for q in content.preference_questions if q.id in section.preference
        ),
        enough=enough,
        recommended=leaders(fit) if enough else [],
        preferred=leaders(pref),
        gap=gap,
    )
