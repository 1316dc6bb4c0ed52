"""Putting it together for one participant: :func:`assess` (the contract's) and its result,
:class:`SelfAssessment`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from playbook.leadership.content import Advice, Instrument, StyleId
from playbook.leadership.errors import NotEnoughAnswersError
from playbook.leadership.gaps import Comparison, Gap, compare_raters
from playbook.leadership.paging import Progress, progress
from playbook.leadership.scoring import (
    ForcedChoiceResult,
    ScaleScore,
    StyleRanking,
    adaptability,
    rank_styles,
    score_forced_choice,
    score_scales,
)
from playbook.leadership.section import LeadershipSection, RatingPayload, file_ratings

__all__ = ["SelfAssessment", "assess"]


@dataclass(frozen=True)
class SelfAssessment:
    """Everything the results panel shows for the participant's own answers."""

    scores: dict[StyleId, ScaleScore]
    forced_choice: ForcedChoiceResult
    progress: Progress
    ranking: StyleRanking | None
    adaptability: float | None
    advice: Advice | None
    message: str
    #: Self vs. the other raters (mentor, peers); ``None`` when no rating is known.
    comparison: Comparison | None = None

    @property
    def primary(self) -> StyleId | None:
        """The primary style, once there are enough answers to rank the styles."""
        return self.ranking.primary if self.ranking else None

    @property
    def secondary(self) -> StyleId | None:
        """The secondary style, once there are enough answers to rank the styles."""
        return self.ranking.secondary if self.ranking else None

    @property
    def mentor_gaps(self) -> dict[StyleId, Gap]:
        """Self vs. mentor per style (empty without a mentor's rating)."""
        return dict(self.comparison.gaps.get("mentor", {})) if self.comparison else {}


def assess(
    section: LeadershipSection,
    instrument: Instrument,
    ratings: Iterable[RatingPayload] | None = None,
) -> SelfAssessment:
    """Score the participant's own answers; explain in ``message`` what is missing, if anything.

    ``ratings`` are other people's ratings to compare with (default: the section's
    :func:`file_ratings`).

    Examples
    --------
    >>> from playbook.leadership import load_content
    >>> a = assess(LeadershipSection(), load_content())
    >>> a.ranking is None, a.message.startswith("Your primary style needs"), a.mentor_gaps
    (True, True, {})
    """
    scores = score_scales(section.answers, instrument)
    fc = score_forced_choice(section.forced_choice, instrument)
    try:
        ranking: StyleRanking | None = rank_styles(scores, fc.points)
    except NotEnoughAnswersError as err:
        ranking, message = None, str(err)
    else:
        message = ""
    advice = instrument.advice_for(ranking.primary, ranking.secondary) if ranking else None
    others = file_ratings(section, instrument) if ratings is None else list(ratings)
    return SelfAssessment(
        scores=scores,
        forced_choice=fc,
        progress=progress(section, instrument),
        ranking=ranking,
        adaptability=adaptability(scores),
        advice=advice,
        message=message,
        comparison=compare_raters(scores, others, instrument) if others else None,
    )
