"""Leadership-style self-assessment: scoring, ranking, rater gaps and item reliability.

The instrument (items, scale, forced-choice blocks, thresholds, advice) is coach-editable
content in ``playbook/content/leadership.yaml``, validated by :class:`Instrument`. Everything
here is pure: no widgets, no traitlets, no file or network I/O (a rating file is parsed from
``bytes``). Style ids are ``"facilitator"``, ``"architect"`` and ``"integrator"``, the three
styles of the playbook's section "Developing Your Personal Leadership Style".

One concern a module:

* :mod:`~playbook.leadership.content`: the instrument's models and :func:`load_content`;
* :mod:`~playbook.leadership.errors`: the participant-caused errors;
* :mod:`~playbook.leadership.checks`: the checks every stored answer passes;
* :mod:`~playbook.leadership.section`: the participant's section and other people's ratings
  (parse, dump, salvage);
* :mod:`~playbook.leadership.paging`: the instrument in short pages, and progress;
* :mod:`~playbook.leadership.scoring`: scores, forced-choice points, ranking, adaptability;
* :mod:`~playbook.leadership.gaps`: other raters' averages and the self-rater gaps;
* :mod:`~playbook.leadership.alphas`: each scale's Cronbach's alpha across workbooks (the
  statistic is :func:`playbook.stats.reliability.cronbach_alpha`);
* :mod:`~playbook.leadership.result`: :func:`assess` and :class:`SelfAssessment`;
* :mod:`~playbook.leadership.text`: sentences for the results panel;
* :mod:`~playbook.leadership.standing` and :mod:`~playbook.leadership.digest`: the hooks of
  the development plan and of the cohort view (in :data:`DOMAIN`);
* :mod:`~playbook.leadership.retake`: the history's hooks (a result's snapshot, what moved
  since an earlier one).

Data shapes
-----------
The participant's own answers live in the workbook record's ``"leadership"`` section
(:class:`LeadershipSection`)::

    {"instrument_version": "leadership-1.0",
     "answers": {"fac_mediate": 4, "arc_tracking": 0, ...},     # 1..5, 0 = not sure
     "forced_choice": {"fc_start": ["architect", "integrator", "facilitator"], ...},
     "page": 2}

A mentor's or a peer's rating is a separate payload (:class:`RatingPayload`), never written
into the owner's section::

    {"instrument_version": "leadership-1.0", "rater_kind": "mentor",
     "subject": "<the mentee's share id>", "answers": {...}}

Examples
--------
>>> inst = load_content()
>>> answers = {item.id: (2 if item.reverse else 4) for item in inst.items}
>>> scores = score_scales(answers, inst)
>>> scores["architect"].score
75.0
>>> rank_styles(scores).primary
'facilitator'
"""

from __future__ import annotations

from playbook.contract import Domain
from playbook.leadership.alphas import (
    answers_from_records,
    item_matrix,
    scale_alphas,
    workbook_alphas,
)
from playbook.leadership.checks import check_forced_choice
from playbook.leadership.content import (
    RATER_KINDS,
    STYLES,
    ForcedChoiceBlock,
    Instrument,
    Item,
    LeadershipChanges,
    RaterKind,
    load_content,
)
from playbook.leadership.digest import aggregate, digest
from playbook.leadership.errors import (
    AnswerError,
    InstrumentVersionError,
    NotEnoughAnswersError,
    WrongSubjectError,
)
from playbook.leadership.gaps import Comparison, Gap, aggregate_raters, compare_raters, gap_flag
from playbook.leadership.paging import pages, presentation_order, progress
from playbook.leadership.result import SelfAssessment, assess
from playbook.leadership.retake import changes, snapshot, snapshot_scores
from playbook.leadership.scoring import (
    ScaleScore,
    adaptability,
    keyed,
    rank_styles,
    round_half_up,
    score_forced_choice,
    score_scales,
)
from playbook.leadership.section import (
    LeadershipSection,
    RatingFileError,
    RatingPayload,
    dump_section,
    latest_per_rater,
    new_rating,
    parse_rating,
    parse_rating_file,
    parse_section,
    rater_id,
    rating_subject,
    salvage_section,
)
from playbook.leadership.standing import standing, suggest
from playbook.leadership.text import describe_gap, describe_ranking

__all__ = [
    "AnswerError",
    "Comparison",
    "DOMAIN",
    "ForcedChoiceBlock",
    "Gap",
    "Instrument",
    "InstrumentVersionError",
    "Item",
    "LeadershipChanges",
    "LeadershipSection",
    "NotEnoughAnswersError",
    "RATER_KINDS",
    "RaterKind",
    "RatingFileError",
    "RatingPayload",
    "STYLES",
    "ScaleScore",
    "SelfAssessment",
    "WrongSubjectError",
    "adaptability",
    "aggregate",
    "aggregate_raters",
    "answers_from_records",
    "assess",
    "changes",
    "check_forced_choice",
    "compare_raters",
    "describe_gap",
    "describe_ranking",
    "digest",
    "dump_section",
    "gap_flag",
    "item_matrix",
    "keyed",
    "latest_per_rater",
    "load_content",
    "new_rating",
    "pages",
    "parse_rating",
    "parse_rating_file",
    "parse_section",
    "presentation_order",
    "progress",
    "rank_styles",
    "rater_id",
    "rating_subject",
    "round_half_up",
    "salvage_section",
    "scale_alphas",
    "score_forced_choice",
    "score_scales",
    "snapshot",
    "snapshot_scores",
    "standing",
    "suggest",
    "workbook_alphas",
]

#: The domain's one face to the rest of the app (registered in playbook.contract).
DOMAIN: Domain[LeadershipSection, Instrument, SelfAssessment] = Domain.of(
    __name__, "leadership", LeadershipSection
)
