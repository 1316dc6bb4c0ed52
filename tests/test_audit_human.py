"""The human element in the quarterly audit (issue 21): this workbook's reflection items on
psychological safety and participatory planning, scored, kept and shown like the article's
three areas, and named as the workbook's own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import playbook.audit as au
from playbook.contract import domain
from playbook.plan import gather, standings
from playbook.plan import load_content as plan_content
from playbook.plan.suggest import Maker

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "production-managers-playbook.txt"
CONTENT = au.load_content()
HUMAN = CONTENT.area("human")


def flat(text: str) -> str:
    return " ".join(text.replace("—", " ").split())


def test_the_items_are_named_as_this_workbooks_reflection_items():
    """Does the area say, where the participant reads it, that its statements are this
    workbook's reflection items and not the article's audit area or instrument, and are they
    about psychological safety and participatory planning?"""
    assert HUMAN.name == "Human element"
    assert HUMAN.note.startswith("This workbook's reflection items, not one of the article's")
    assert "not an instrument of the article" in HUMAN.note
    texts = " ".join(i.text for i in HUMAN.items).lower()
    assert "without fear of blame" in texts and "participatory planning session" in texts
    assert [i.reverse for i in HUMAN.items].count(True) == 1


def test_the_words_the_note_quotes_are_the_articles():
    """Is every phrase the note quotes in the article, word for word?"""
    if not SEED.exists():
        pytest.skip("the article is not beside the repository")
    article = flat(SEED.read_text(encoding="utf-8"))
    quoted = re.findall(r'"([^"]+)"', HUMAN.note)
    assert len(quoted) == 3
    for words in quoted:
        assert flat(words) in article, words


def answers(human: tuple[int, int, int, int], rest: int = 4) -> dict[str, int]:
    """Every statement answered ``rest``; the human element's four as given."""
    out = {i: rest for i in CONTENT.item_ids}
    out.update(dict(zip([i.id for i in HUMAN.items], human, strict=True)))
    return out


def test_the_human_element_is_scored_like_its_neighbours():
    """Answers 5, 4, 2 (reverse-keyed: 4) and 3 give (5 + 4 + 4 + 3) / 4 = 4.0; is that the
    area's score, and is it None until all four are answered?"""
    assert au.score_areas(answers((5, 4, 2, 3)), CONTENT)["human"] == 4.0
    partial = answers((5, 4, 2, 3))
    del partial["hum_creativity"]
    assert au.score_areas(partial, CONTENT)["human"] is None
    assert au.score_areas(partial, CONTENT)["resilience"] is not None


def test_a_low_human_element_points_to_top_down_control():
    """Answers 2, 1, 5 (reverse: 1) and 2 give 1.5, below the default 3.0: is the opening's
    top-down control pointed to, with the reason and the article's remedy?"""
    scores = au.score_areas(answers((2, 1, 5, 2)), CONTENT)
    assert scores["human"] == 1.5
    flags = au.pitfalls_indicated(scores, CONTENT)
    assert [f.pitfall.id for f in flags] == ["top_down_control"]
    assert flags[0].reason == "Your human element score is 1.5, below 3.0."
    assert flags[0].pitfall.remedy.startswith("The playbook's remedy:")


def test_colleagues_answers_on_the_human_element_are_averaged_once_enough_answered():
    """With three colleagues answering 2, 3 and 4 to every statement, each one's human element
    is (3v + 6 - v) / 4 (the reverse item reversed): 2.5, 3.0 and 3.5; is their average 3.0,
    shown as for the other areas?"""
    responses = [
        au.ColleagueResponse(
            quarter="2026-Q1", answers={i: v for i in CONTENT.item_ids}, department=d
        )
        for v, d in ((2, "Editorial"), (3, "Finance"), (4, "Post"))
    ]
    agg = au.aggregate_colleagues(responses, CONTENT)
    assert agg.area_means["human"] == pytest.approx(3.0)
    assert agg.area_counts["human"] == 3


def test_where_i_stand_and_the_plans_suggestion_show_it():
    """Does "Where I stand" list the human element's score after the article's three, and a
    low one suggest the plan's practice for it (a participatory planning session)?"""
    quarter = au.AuditQuarter(quarter="2026-Q1", answers=answers((2, 1, 5, 2), rest=4))
    data = au.dump_section(au.AuditSection(quarters=[quarter]))
    row = next(r for r in standings(gather({"audit": data})) if r.section == "audit")
    assert row.state == "done"
    assert row.lines[0].endswith("Communication 3.5, Human element 1.5.")
    result = domain("audit").assess(au.parse_section(data, CONTENT), CONTENT)
    made = au.suggest(result, CONTENT, Maker(plan_content()))
    low = [s for s in made if s.rule == "low_audit_area"]
    assert [s.key for s in low] == ["low_audit_area:2026-Q1:human"]
    assert "participatory planning session" in low[0].goal
