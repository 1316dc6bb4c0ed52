"""The time split package's public face (playbook/time_split/__init__.py) and the size of its
modules."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import playbook.time_split as ts

PUBLIC = [
    "BalancePractice",
    "BalanceReport",
    "BalanceSettings",
    "BalanceText",
    "Block",
    "CALENDAR_SOURCES",
    "CalendarSettings",
    "CategoryDef",
    "Checkpoint",
    "Classified",
    "Classifier",
    "CommunityTarget",
    "CountedPractice",
    "DOMAIN",
    "DateRange",
    "DayFocus",
    "DoubleLog",
    "DraftRow",
    "FocusReport",
    "FocusSettings",
    "ImportRecord",
    "LearningTarget",
    "MAX_ENTRIES",
    "ManualActivity",
    "ManualDraft",
    "MergeResult",
    "Milestone",
    "MonthCommunity",
    "Overlap",
    "PRACTICE_RULE",
    "PeriodSplit",
    "PlanSettings",
    "PlanStatus",
    "PracticeHours",
    "ProtectedBlock",
    "Rule",
    "SOURCE_NAMES",
    "SplitAdvice",
    "SplitReport",
    "SplitTarget",
    "TRACKER_SOURCES",
    "Targets",
    "TimeSplitContent",
    "TimeSplitDates",
    "TimeSplitDigest",
    "TimeSplitResult",
    "TimeSplitSection",
    "TransitionDefaults",
    "TransitionPlan",
    "TransitionStatus",
    "WeekBalance",
    "WeekFocus",
    "WeekProgress",
    "WeeklyReminder",
    "Worsening",
    "add_user_rule",
    "aggregate",
    "apply_import",
    "assess",
    "balance_practices",
    "balance_report",
    "check_entry_limit",
    "check_range",
    "classify_entries",
    "classify_section",
    "counted_classified",
    "counted_entries",
    "counted_practices",
    "date_span",
    "dates",
    "default_range",
    "describe_double_log",
    "describe_overlaps",
    "describe_practices",
    "digest",
    "double_log",
    "draft_is_saved",
    "dump_section",
    "explain_balance",
    "explain_focus",
    "explain_progress",
    "explain_split",
    "find_overlaps",
    "focus_report",
    "load_content",
    "manual_entries",
    "measured_technical_share",
    "merge_entries",
    "parse_section",
    "plan_progress",
    "plan_start",
    "practice_hours",
    "protected_rows",
    "range_covering",
    "reclassify",
    "remove_entries",
    "replace_manual_week",
    "set_reminder",
    "source_counts",
    "split_report",
    "standing",
    "suggest",
    "transition_plan",
    "transition_status",
    "week_start",
    "with_practices",
]


def test_the_public_face_is_pinned():
    """Does the package offer exactly these names, each importable?"""
    assert sorted(ts.__all__) == PUBLIC
    for name in PUBLIC:
        assert getattr(ts, name) is not None, name
    namespace: dict[str, object] = {}
    exec("from playbook.time_split import *", namespace)  # noqa: S102
    assert set(PUBLIC) <= set(namespace)


def test_every_module_is_under_500_lines():
    """Is every module of the package under 500 lines (one concern a file)?"""
    modules = [m.name for m in pkgutil.iter_modules(ts.__path__, "playbook.time_split.")]
    assert len(modules) >= 14
    for name in modules:
        path = Path(importlib.import_module(name).__file__ or "")
        assert len(path.read_text(encoding="utf-8").splitlines()) < 500, name


def test_the_domain_has_every_hook():
    """Does the domain object carry the contract and the plan's and the cohort's hooks?"""
    d = ts.DOMAIN
    assert d.section == "time_split" and d.model is ts.TimeSplitSection
    assert d.load_content is ts.load_content and d.assess is ts.assess
    assert d.parse_section is ts.parse_section and d.dump_section is ts.dump_section
    assert d.standing is ts.standing and d.suggest is ts.suggest
    assert d.digest is ts.digest and d.aggregate is ts.aggregate


def test_the_models_share_the_one_strict_base():
    """Do the content and section models derive from playbook.models.Strict (unknown keys
    refused and frozen, except the section and its import history, which ignore old keys)?"""
    from playbook.models import Strict

    models = [
        ts.TimeSplitContent, ts.CategoryDef, ts.Rule, ts.Targets, ts.TransitionDefaults,
        ts.TimeSplitSection, ts.PlanSettings, ts.DateRange, ts.DraftRow, ts.ManualDraft,
        ts.ImportRecord, ts.ManualActivity, ts.BalanceSettings, ts.BalancePractice,
        ts.BalanceText,
    ]  # fmt: skip
    for model in models:
        assert issubclass(model, Strict), model
        assert model.model_config.get("frozen") is True, model
    lenient = {ts.TimeSplitSection, ts.ImportRecord}
    for model in models:
        assert model.model_config.get("extra") == ("ignore" if model in lenient else "forbid")


def test_the_entry_cap_is_the_one_in_limits():
    """Is the log's cap limits.MAX_TIME_ENTRIES itself (defined once)?"""
    from playbook import limits

    assert ts.MAX_ENTRIES is limits.MAX_TIME_ENTRIES
