"""The career package's public face (playbook/career/__init__.py) and the size of its modules."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import playbook.career as career

PUBLIC = [
    "Area",
    "Assessment",
    "CareerChanges",
    "CareerContent",
    "CareerDigest",
    "CareerPath",
    "CareerSection",
    "CareerThresholds",
    "Change",
    "DOMAIN",
    "MAX_AREAS",
    "Option",
    "PATH_IDS",
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


def test_the_public_face_is_pinned():
    """Does the package offer exactly these names, each importable?"""
    assert sorted(career.__all__) == PUBLIC
    for name in PUBLIC:
        assert getattr(career, name) is not None, name


def test_every_module_is_under_500_lines():
    """Is every module of the package under 500 lines (one concern a file)?"""
    modules = [m.name for m in pkgutil.iter_modules(career.__path__, "playbook.career.")]
    assert len(modules) >= 7
    for name in modules:
        path = Path(importlib.import_module(name).__file__ or "")
        assert len(path.read_text(encoding="utf-8").splitlines()) < 500, name


def test_the_domain_has_every_hook():
    """Does the domain object carry the contract and the plan's and the cohort's hooks?"""
    d = career.DOMAIN
    assert d.section == "career" and d.model is career.CareerSection
    assert d.assess is career.assess and d.digest is career.digest
    assert d.standing is career.standing and d.suggest is career.suggest
    assert d.aggregate is career.aggregate
    assert d.snapshot is career.snapshot and d.changes is career.changes
