"""Coach-editable content: validated when loaded, errors naming the file and the item."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from playbook import career
from playbook.content import content_path, load_content
from playbook.errors import ContentError

PACKAGED = Path(content_path("career_paths"))


def _copy_with(folder: Path, edit) -> None:
    data = yaml.safe_load(PACKAGED.read_text(encoding="utf-8"))
    edit(data)
    (folder / "career_paths.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")


def test_packaged_content_is_valid():
    """Does the shipped career content load and validate?"""
    assert len(career.load_content().context_questions) >= 6


def test_a_coach_copy_replaces_the_packaged_file(content_dir):
    """Is a file in PLAYBOOK_CONTENT read instead of the packaged one?"""
    _copy_with(content_dir, lambda d: d["context_questions"][0].update(text="Edited by a coach?"))
    content = load_content("career_paths", career.CareerContent)
    assert content.context_questions[0].text == "Edited by a coach?"


def test_an_invalid_weight_names_file_and_item(content_dir):
    """Does a bad weight fail with the file name and the question id?"""

    def edit(d):
        d["context_questions"][1]["options"][0]["weights"]["technical_specialist"] = 9

    _copy_with(content_dir, edit)
    with pytest.raises(ContentError) as err:
        load_content("career_paths", career.CareerContent)
    msg = str(err.value)
    assert "career_paths.yaml" in msg and "'stable'" in msg and "between -2 and 2" in msg


def test_a_missing_field_names_the_item(content_dir):
    """Does a question without text fail naming that question's id?"""
    _copy_with(content_dir, lambda d: d["preference_questions"][0].pop("text"))
    with pytest.raises(
        ContentError, match=r"career_paths.yaml, item 'energy': text: Field required"
    ):
        load_content("career_paths", career.CareerContent)


def test_broken_yaml_says_where(content_dir):
    """Does a YAML syntax error give the line?"""
    (content_dir / "career_paths.yaml").write_text("paths: [\n  - id: x\n  bad", encoding="utf-8")
    with pytest.raises(ContentError, match=r"career_paths.yaml: not valid YAML at line \d+"):
        load_content("career_paths", career.CareerContent)


def test_duplicate_question_ids_are_refused(content_dir):
    """Are two questions with one id refused?"""
    _copy_with(content_dir, lambda d: d["context_questions"][1].update(id="standardization"))
    with pytest.raises(ContentError, match="duplicate question ids: standardization"):
        load_content("career_paths", career.CareerContent)
