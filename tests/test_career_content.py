"""The navigator's content is read again when a coach edits it (playbook/career/content.py
uses playbook.content's one cache, keyed on the file's modification time and size)."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from playbook import career
from playbook.contract import domain


def test_an_edited_coach_copy_is_read_again(content_dir: Path):
    """After a coach edits career_paths.yaml in PLAYBOOK_CONTENT, does load_content (and the
    registry's domain) give the edited content, not the one read before?"""
    packaged = resources.files("playbook.content").joinpath("career_paths.yaml").read_text()
    copy = content_dir / "career_paths.yaml"
    copy.write_text(packaged, encoding="utf-8")
    before = career.load_content()
    assert before.path("hybrid_integrator").name == "Hybrid Integrator"

    copy.write_text(
        packaged.replace("name: Hybrid Integrator", "name: Hybrid Integrator (edited)"),
        encoding="utf-8",
    )
    stat = copy.stat()  # a later modification time, whatever the file system's resolution
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    after = career.load_content()
    assert after.path("hybrid_integrator").name == "Hybrid Integrator (edited)"
    assert domain("career").load_content() is after
    a = career.assess(
        career.CareerSection(context={"complexity": "complex", "stakeholders": "many"}), after
    )
    assert career.standing(a, after).state == "in progress"


def test_the_packaged_content_is_read_once():
    """Is the unchanged packaged content shared between calls (read once)?"""
    assert career.load_content() is career.load_content()
