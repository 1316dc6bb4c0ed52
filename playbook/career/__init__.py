"""The career-path navigator: fit to the environment, preference, and the gap between them.

The playbook's central rule (docs/CONTENT.md, section 2) is to choose a career path from the
organizational context rather than from personal preference. So the navigator scores each path
twice, from two separate sets of questions, and never mixes them:

* **fit**: how strongly the organizational context calls for the path;
* **preference**: how strongly the participant's own leanings and strengths point to it.

The recommendation follows fit alone; preference is shown beside it, with the gap.

One module per concern: :mod:`~playbook.career.content` (``career_paths.yaml``),
:mod:`~playbook.career.section` (the record's ``career`` section),
:mod:`~playbook.career.scoring` (scores, leaders, :func:`recommend`),
:mod:`~playbook.career.sensitivity` (which answer changes would change the recommendation),
:mod:`~playbook.career.result` (:func:`assess`), :mod:`~playbook.career.text` (sentences),
:mod:`~playbook.career.standing` (the plan's hooks), :mod:`~playbook.career.digest` (the
cohort's hooks) and :mod:`~playbook.career.retake` (the history's hooks: a result's snapshot,
what moved since an earlier one).
"""

from __future__ import annotations

from typing import Any

from playbook.career.content import (
    PATH_IDS,
    Area,
    CareerChanges,
    CareerContent,
    CareerPath,
    CareerThresholds,
    Option,
    PathId,
    Question,
    load_content,
)
from playbook.career.digest import CareerDigest, aggregate, digest
from playbook.career.result import Assessment, assess
from playbook.career.retake import changes, snapshot
from playbook.career.scoring import (
    PathScore,
    Reason,
    Recommendation,
    leaders,
    recommend,
    score_paths,
)
from playbook.career.section import (
    MAX_AREAS,
    CareerSection,
    check_section,
    dump_section,
    parse_section,
    salvage_section,
)
from playbook.career.sensitivity import Change, what_would_change
from playbook.career.standing import standing, suggest
from playbook.career.text import (
    explain_change,
    explain_gap,
    explain_reasons,
    explain_recommendation,
    path_names,
)
from playbook.contract import Domain

__all__ = [
    "DOMAIN",
    "MAX_AREAS",
    "PATH_IDS",
    "Area",
    "Assessment",
    "CareerChanges",
    "CareerContent",
    "CareerDigest",
    "CareerPath",
    "CareerSection",
    "CareerThresholds",
    "Change",
    "Option",
    "PathId",
    "PathScore",
    "Question",
    "Reason",
    "Recommendation",
    "aggregate",
    "assess",
    "changes",
    "check_section",
    "digest",
    "dump_section",
    "explain_change",
    "explain_gap",
    "explain_reasons",
    "explain_recommendation",
    "leaders",
    "load_content",
    "parse_section",
    "path_names",
    "recommend",
    "salvage_section",
    "score_paths",
    "snapshot",
    "standing",
    "suggest",
    "what_would_change",
]

#: The domain's one face to the rest of the app (registered in playbook.contract).
DOMAIN: Domain[CareerSection, Any, Any] = Domain.of(__name__, "career", CareerSection)
