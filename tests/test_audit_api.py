"""The audit package's public face (playbook/audit/__init__.py) and the size of its modules."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import playbook.audit as audit

PUBLIC = [
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
    "DEPARTMENT_COLUMN",
    "DOMAIN",
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


def test_the_public_face_is_pinned():
    """Does the package offer exactly these names, each importable?"""
    assert sorted(audit.__all__) == PUBLIC
    for name in PUBLIC:
        assert getattr(audit, name) is not None, name


def test_every_module_is_under_500_lines():
    """Is every module of the package under 500 lines (one concern a file)?"""
    modules = [m.name for m in pkgutil.iter_modules(audit.__path__, "playbook.audit.")]
    assert len(modules) >= 7
    for name in modules:
        path = Path(importlib.import_module(name).__file__ or "")
        assert len(path.read_text(encoding="utf-8").splitlines()) < 500, name


def test_the_domain_has_every_hook():
    """Does the domain object carry the contract and the plan's and the cohort's hooks?"""
    d = audit.DOMAIN
    assert d.section == "audit" and d.model is audit.AuditSection
    assert d.load_content is audit.load_content and d.parse_section is audit.parse_section
    assert d.assess is audit.assess and d.digest is audit.digest
    assert d.standing is audit.standing and d.suggest is audit.suggest
    assert d.aggregate is audit.aggregate and d.links is audit.links
