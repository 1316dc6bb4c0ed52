"""The leadership package's public face: exactly the names others use, each importable, and
every module of the package small enough to read (one concern a file)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import playbook.leadership as leadership

PUBLIC = [
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


def test_the_public_face_is_pinned():
    """Is ``__all__`` exactly the names the views, the hubs, the scripts and the tests use?"""
    assert sorted(leadership.__all__) == PUBLIC
    assert len(set(leadership.__all__)) == len(leadership.__all__)


def test_every_public_name_is_importable():
    """Can every name of ``__all__`` be imported from the package?"""
    for name in PUBLIC:
        exec(f"from playbook.leadership import {name}", {})
        assert getattr(leadership, name) is not None


def submodules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(leadership.__path__, "playbook.leadership."))


def test_every_module_is_under_500_lines():
    """Is each module of the package under 500 lines?"""
    assert len(submodules()) >= 9
    for name in ["playbook.leadership", *submodules()]:
        lines = inspect.getsource(importlib.import_module(name)).count("\n")
        assert lines < 500, f"{name} has {lines} lines"


def test_each_module_says_what_it_exports():
    """Does every module list its public names in ``__all__``, each defined or imported
    there?"""
    for name in submodules():
        module = importlib.import_module(name)
        assert module.__all__, name
        for public in module.__all__:
            assert hasattr(module, public), (name, public)


def test_the_old_names_are_gone():
    """Was the bare ``Thresholds`` renamed after its domain, and is there no local strict
    base left?"""
    from playbook.leadership import content
    from playbook.models import Strict

    assert not hasattr(content, "Thresholds") and not hasattr(content, "_Content")
    assert issubclass(content.LeadershipThresholds, Strict)
    assert all(
        issubclass(m, Strict)
        for m in (content.Instrument, leadership.LeadershipSection, leadership.RatingPayload)
    )
