"""The quarterly system audit: resilience, balance and communication, with cross-functional input.

The playbook (docs/CONTENT.md section 6) names three common pitfalls (over-optimizing efficiency at
the expense of resilience, perfectionism in processes rather than outcomes, communication
breakdown) and recommends a quarterly audit of three areas, with input from other departments:

* **resilience**: can your system handle disruptions?
* **balance**: are you optimizing the right things?
* **communication**: are messages being received as intended?

This workbook adds a fourth area of its own, the **human element** (issue 21): reflection
items on psychological safety and participatory planning, written from the article's opening
and named on the page as this workbook's, not the article's; scored, shared with colleagues
and shown in "Where I stand" like the other three.

One module per concern: :mod:`~playbook.audit.content` (``audit.yaml``),
:mod:`~playbook.audit.section` (the record's ``audit`` section: quarters, the manager's
answers, actions with owners, the next audit date, and the edits a page makes),
:mod:`~playbook.audit.colleagues` (colleagues' answers from a file or a share link),
:mod:`~playbook.audit.scoring` (scores per area, colleagues' answers in aggregate, shown only
when at least a documented minimum of them answered, so that no single colleague's answers can
be read off, the trend across quarters and the pitfalls low scores point to),
:mod:`~playbook.audit.text` (sentences), :mod:`~playbook.audit.result` (:func:`assess`),
:mod:`~playbook.audit.standing` (the plan's hooks) and :mod:`~playbook.audit.digest` (the
cohort's hooks). Pure: no widgets, no files.
"""

from __future__ import annotations

from typing import Any

from playbook.audit.colleagues import (
    DEPARTMENT_COLUMN,
    ColleagueFileError,
    check_colleague_answers,
    colleague_csv_template,
    parse_colleague_csv,
    responses_from_contributions,
)
from playbook.audit.content import (
    AuditArea,
    AuditContent,
    AuditDates,
    AuditItem,
    AuditThresholds,
    Pitfall,
    Scale,
    load_content,
)
from playbook.audit.dates import dates
from playbook.audit.digest import AuditDigest, aggregate, digest
from playbook.audit.result import AuditResult, assess, latest_quarter
from playbook.audit.scoring import (
    ColleagueAggregate,
    PitfallFlag,
    TrendPoint,
    aggregate_colleagues,
    audit_trend,
    item_score,
    pitfalls_indicated,
    score_area,
    score_areas,
)
from playbook.audit.section import (
    ActionItem,
    AuditAnswerError,
    AuditQuarter,
    AuditSection,
    ColleagueResponse,
    QuarterLabel,
    add_action,
    check_answer,
    check_quarter,
    dump_section,
    next_audit_date,
    open_actions,
    parse_section,
    quarter_key,
    quarter_label,
    remove_action,
    replace_quarter,
    salvage_section,
    set_action_done,
    set_answer,
    start_quarter,
    with_ids,
)
from playbook.audit.standing import links, standing, suggest
from playbook.contract import Domain

__all__ = [
    "DEPARTMENT_COLUMN",
    "DOMAIN",
    "ActionItem",
    "AuditAnswerError",
    "AuditArea",
    "AuditContent",
    "AuditDates",
    "AuditDigest",
    "AuditItem",
    "AuditQuarter",
    "AuditResult",
    "AuditSection",
    "AuditThresholds",
    "ColleagueAggregate",
    "ColleagueFileError",
    "ColleagueResponse",
    "Pitfall",
    "PitfallFlag",
    "QuarterLabel",
    "Scale",
    "TrendPoint",
    "add_action",
    "aggregate",
    "aggregate_colleagues",
    "assess",
    "audit_trend",
    "check_answer",
    "check_colleague_answers",
    "check_quarter",
    "colleague_csv_template",
    "dates",
    "digest",
    "dump_section",
    "item_score",
    "latest_quarter",
    "links",
    "load_content",
    "next_audit_date",
    "open_actions",
    "parse_colleague_csv",
    "parse_section",
    "pitfalls_indicated",
    "quarter_key",
    "quarter_label",
    "remove_action",
    "replace_quarter",
    "responses_from_contributions",
    "salvage_section",
    "score_area",
    "score_areas",
    "set_action_done",
    "set_answer",
    "standing",
    "start_quarter",
    "suggest",
    "with_ids",
]

#: The domain's one face to the rest of the app (registered in playbook.contract).
DOMAIN: Domain[AuditSection, Any, Any] = Domain.of(__name__, "audit", AuditSection)
