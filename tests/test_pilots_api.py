"""The pilots package's public face: ``playbook.pilots.__all__``, pinned here, every name in it
importable, and every module of the package (and of the statistics it uses) under 500 lines."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import playbook.pilots as pl

PUBLIC = [
    "AdoptionDraft",
    "AdoptionEntry",
    "Change",
    "ChangeDateError",
    "DOMAIN",
    "DecisionDraft",
    "Measurement",
    "MeasurementDraft",
    "Metric",
    "MetricDraft",
    "MetricEvidence",
    "Pilot",
    "PilotDated",
    "PilotDates",
    "PilotDraft",
    "PilotResult",
    "PilotThresholds",
    "PilotsContent",
    "PilotsDated",
    "PilotsResult",
    "PilotsSection",
    "Practice",
    "Rhythm",
    "XMR_REFERENCE",
    "add_adoption",
    "add_measurement",
    "adoption_draft",
    "adoption_shares",
    "aggregate",
    "assess",
    "bootstrap_change",
    "choose_practice",
    "chosen_practices",
    "dates",
    "dates_basis",
    "decision_draft",
    "digest",
    "dump_section",
    "evaluate_metric",
    "evaluate_pilot",
    "finished",
    "format_number",
    "keep_draft",
    "links",
    "load_content",
    "measurement_draft",
    "merge_measurements",
    "metric_draft",
    "metric_from_suggestion",
    "new_pilot_id",
    "next_measurement",
    "next_step",
    "parse_measurements_csv",
    "parse_section",
    "paste_draft",
    "phase_label",
    "pilot_draft",
    "pilot_practice",
    "practice_pilots",
    "remove_adoption",
    "remove_measurement",
    "remove_pilot",
    "replace_pilot",
    "rhythm_label",
    "salvage_section",
    "set_decision",
    "set_rhythm",
    "standing",
    "suggest",
    "summarize_evidence",
]

SUBMODULES = sorted(m.name for m in pkgutil.iter_modules(pl.__path__, "playbook.pilots."))
STATS = ["playbook.stats.bootstrap", "playbook.stats.runchart", "playbook.stats.xmr"]


def test_the_public_face_is_pinned():
    """Is ``__all__`` exactly the pinned list (a name added or dropped is a decision)?"""
    assert sorted(pl.__all__) == PUBLIC


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_name_is_importable(name):
    """Can every name of ``__all__`` be imported from playbook.pilots?"""
    module = importlib.import_module("playbook.pilots")
    assert getattr(module, name) is not None


def test_the_parsers_names_are_not_reexported():
    """Are the measurement parser's names imported from playbook.imports.measurements only?"""
    for name in ("CsvColumnsError", "DateOrderError", "DuplicateDateError", "MeasurementError"):
        assert not hasattr(pl, name), name
    for name in ("parse_date", "parse_value", "CSV_REQUIRED_COLUMNS", "CSV_OPTIONAL_COLUMNS"):
        assert not hasattr(pl, name), name


def test_the_domain_has_every_hook():
    """Does DOMAIN offer the contract and the four hooks, from the package's modules?"""
    d = pl.DOMAIN
    assert d.section == "pilots" and d.model is pl.PilotsSection
    assert all((d.standing, d.suggest, d.digest, d.aggregate))
    assert d.standing.__module__ == "playbook.pilots.standing"
    assert d.aggregate.__module__ == "playbook.pilots.digest"


def test_the_package_has_its_modules():
    """Are the concerns in the modules the package docstring names?"""
    assert SUBMODULES == [
        "playbook.pilots.content",
        "playbook.pilots.dates",
        "playbook.pilots.digest",
        "playbook.pilots.drafts",
        "playbook.pilots.edits",
        "playbook.pilots.practices",
        "playbook.pilots.result",
        "playbook.pilots.section",
        "playbook.pilots.standing",
        "playbook.pilots.text",
        "playbook.pilots.verdicts",
        "playbook.pilots.wording",
    ]


@pytest.mark.parametrize("name", ["playbook.pilots", *SUBMODULES, *STATS])
def test_every_module_is_under_500_lines(name):
    """Is every module of the package, and each statistics family it uses, under 500 lines?"""
    path = Path(importlib.import_module(name).__file__ or "")
    assert len(path.read_text(encoding="utf-8").splitlines()) < 500, name


@pytest.mark.parametrize("name", STATS)
def test_the_statistics_speak_no_pilot_vocabulary(name):
    """Do the statistics modules take plain numbers, never a pilot, a metric or a workbook?"""
    text = Path(importlib.import_module(name).__file__ or "").read_text(encoding="utf-8")
    assert "playbook.pilots" not in text and "pilot" not in text.lower(), name
