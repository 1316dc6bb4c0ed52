"""The mentoring package's public face (playbook/mentoring/__init__.py) and the size of its
modules."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import playbook.mentoring as mentoring

PUBLIC = [
    "Action",
    "ActionState",
    "AgendaAction",
    "DOMAIN",
    "Drafts",
    "LinkWording",
    "Meeting",
    "MentorNote",
    "MentoringContent",
    "MentoringDates",
    "MentoringDefaults",
    "MentoringResult",
    "MentoringSection",
    "Merged",
    "Point",
    "SHARE_KIND",
    "Side",
    "SideNames",
    "actions_in",
    "add_action",
    "add_point",
    "add_session",
    "assess",
    "dates",
    "done_note",
    "dump_section",
    "for_mentor",
    "held",
    "item_id",
    "linked",
    "load_content",
    "manager_name",
    "mentor_action",
    "mentor_done",
    "mentor_draft",
    "mentor_intro",
    "mentor_note",
    "mentor_point",
    "mentor_remove",
    "merge",
    "moment",
    "parse_section",
    "points_in",
    "remove_action",
    "remove_point",
    "remove_session",
    "session_label",
    "set_done",
    "set_drafts",
    "set_link",
    "set_next_day",
    "set_notes",
    "set_session_day",
    "set_sharing",
    "side_name",
    "standing",
]


def test_the_public_face_is_pinned():
    """Does the package offer exactly these names, each importable?"""
    assert sorted(mentoring.__all__) == PUBLIC
    for name in PUBLIC:
        assert getattr(mentoring, name) is not None, name


def test_every_module_is_under_500_lines():
    """Is every module of the package under 500 lines (one concern a file)?"""
    modules = [m.name for m in pkgutil.iter_modules(mentoring.__path__, "playbook.mentoring.")]
    assert len(modules) >= 7
    for name in modules:
        path = Path(importlib.import_module(name).__file__ or "")
        assert len(path.read_text(encoding="utf-8").splitlines()) < 500, name


def test_the_domain_has_its_hooks():
    """Does the domain object carry the contract, "Where I stand", the cadence's dates and
    the linked notes (and no suggestion, digest or links of its own)?"""
    d = mentoring.DOMAIN
    assert d.section == "mentoring" and d.model is mentoring.MentoringSection
    assert d.load_content is mentoring.load_content and d.parse_section is mentoring.parse_section
    assert d.assess is mentoring.assess and d.dump_section is mentoring.dump_section
    assert d.standing is mentoring.standing and d.dates is mentoring.dates
    assert d.linked is mentoring.linked
    assert d.suggest is None and d.digest is None and d.links is None
