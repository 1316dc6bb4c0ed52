"""The keyword rules' order on the demo workbook's lines (issue 21): the more specific rule
wins (who the time is with and what kind of activity it is, before the subject matter), and
the article's pre-production socials count as community time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from playbook.time_split import load_content
from playbook.time_split.classify import Classifier

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_workbook.json"


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier(load_content())


def _demo_lines() -> set[str]:
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    return {e["description"] for e in data["sections"]["time_split"]["entries"]}


@pytest.mark.parametrize(
    ("text", "category", "rule"),
    [
        ("Supplier call: rigging hire", "delivery", "suppliers"),
        ("Company brunch after the first weekend", "community", "relationships"),
        ("Fit-up and focus session", "hands_on", "hands-on"),
        ("Drafting: ground plan updates", "hands_on", "hands-on"),
        ("Coffee with the venue manager", "community", "relationships"),
        ("Stakeholder call with the New York co-producers", "visibility", "visibility"),
        ("Webinar: AI-assisted scheduling tools", "learning", "learning"),
        ("Protected: school run", "protected", "protected"),
        ("Tech rehearsal", "delivery", "production"),
    ],
)
def test_demo_lines(classifier: Classifier, text: str, category: str, rule: str) -> None:
    assert text in _demo_lines()
    got, rule_id, _keyword = classifier.classify_text(text)
    assert (got, rule_id) == (category, rule)


def test_the_supplier_rule_comes_before_the_subject_matter() -> None:
    ids = [r.id for r in load_content().rules]
    assert ids.index("suppliers") < ids.index("hands-on") < ids.index("production")


def test_only_markers_stay_other_on_the_demo(classifier: Classifier) -> None:
    # "Opening night" is an all-day marker (0 hours by default); every timed line has a rule.
    other = sorted(t for t in _demo_lines() if classifier.classify_text(t)[0] == "other")
    assert other == ["Opening night"]


def test_pre_production_socials_are_community(classifier: Classifier) -> None:
    for text in ("Pre-production social", "Team lunch after tech", "Wrap party"):
        assert classifier.classify_text(text)[0] == "community", text
    # a lunch on one's own stays protected time
    assert classifier.classify_text("Lunch")[0] == "protected"
