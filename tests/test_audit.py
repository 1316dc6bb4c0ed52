"""Tests of playbook.audit: the quarterly audit's content, scores, colleagues and pitfalls."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import playbook.audit as au
from playbook.errors import ImportFileError, InputError, PlaybookError

CONTENT = au.load_content()
N_ITEMS = len(CONTENT.item_ids)


@pytest.fixture(scope="module")
def content() -> au.AuditContent:
    return au.load_content()


def all_answers(content: au.AuditContent, value: int) -> dict[str, int]:
    return {i: value for i in content.item_ids}


def colleague(content, value, department="Editorial", quarter="2026-Q1", only=None):
    ids = [i.id for i in content.area(only).items] if only else content.item_ids
    return au.ColleagueResponse(
        quarter=quarter, department=department, answers={i: value for i in ids}
    )


# ---------------------------------------------------------------------------------------------
# Content
# ---------------------------------------------------------------------------------------------


def test_content_has_the_articles_three_areas_and_questions(content):
    """Are the areas resilience, balance and communication, with the article's questions, and
    then this workbook's human element, named as its own (issue 21)?"""
    assert [a.id for a in content.areas] == ["resilience", "balance", "communication", "human"]
    assert "not one of the article's three audit areas" in content.area("human").note
    assert all(not content.area(a).note for a in ("resilience", "balance", "communication"))
    assert content.area("resilience").question == "Can your system handle disruptions?"
    assert content.area("balance").question == "Are you optimizing the right things?"
    assert content.area("communication").question == "Are messages being received as intended?"


def test_each_pitfall_maps_to_its_area(content):
    """Does each of the article's three pitfalls point to the area that audits it, and the
    opening's top-down control to the human element?"""
    assert {p.id: p.area for p in content.pitfalls} == {
        "efficiency_over_resilience": "resilience",
        "perfectionism_in_process": "balance",
        "communication_breakdown": "communication",
        "top_down_control": "human",
    }
    assert "not one of its three pitfalls" in content.pitfalls[-1].description


def test_claims_are_attributed_and_quarterly_is_the_articles(content):
    """Is the 80% claim quoted as the playbook's, and the interval three months?"""
    assert all(c.text.startswith("The playbook reports") for c in content.claims)
    assert any("80%" in c.text for c in content.claims)
    assert content.thresholds.months_between_audits == 3


def test_every_default_threshold_says_it_is_not_from_the_article():
    """Does each threshold not given by the article carry a 'not from the article' comment?"""
    text = (Path(au.__file__).parents[1] / "content" / "audit.yaml").read_text()
    block = text.split("\nthresholds:", 1)[1].split("\nadvice:", 1)[0]
    comments = ""
    for line in block.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            comments += stripped
        elif stripped:
            assert "not from the article" in comments or "From the article" in comments, line
            comments = ""


def test_content_rejects_a_pitfall_for_an_unknown_area(content):
    """Is a pitfall naming an area that does not exist refused when content is validated?"""
    data = content.model_dump()
    data["pitfalls"][0]["area"] = "budget"
    with pytest.raises(ValueError, match="unknown area"):
        au.AuditContent.model_validate(data)


# ---------------------------------------------------------------------------------------------
# Scores
# ---------------------------------------------------------------------------------------------


def test_reverse_keyed_items_score_as_min_plus_max_minus_x(content):
    """Is a reverse-keyed answer of 2 scored 4 on the 1-5 scale?"""
    item = content.item("res_cascading")
    assert item.reverse
    assert au.item_score(2, item, content.scale) == 4
    assert au.item_score(2, content.item("res_buffers"), content.scale) == 2


def test_area_score_by_hand(content):
    """Is resilience with answers 4, 3, 5 and reverse 2 scored (4 + 3 + 5 + 4) / 4 = 4.0?"""
    answers = {
        "res_absorb_delay": 4,
        "res_secondary_contacts": 3,
        "res_buffers": 5,
        "res_cascading": 2,
    }
    assert au.score_area(answers, content.area("resilience"), content.scale) == 4.0


def test_area_is_not_scored_until_fully_answered(content):
    """Is an area with an unanswered item left unscored rather than averaged over fewer?"""
    answers = {"res_absorb_delay": 4}
    assert au.score_areas(answers, content)["resilience"] is None


@settings(deadline=None)
@given(st.lists(st.integers(1, 5), min_size=N_ITEMS, max_size=N_ITEMS))
def test_scores_stay_on_the_scale(values):
    """Whatever the answers, does every area score lie between the scale's ends?"""
    c = CONTENT
    scores = au.score_areas(dict(zip(c.item_ids, values, strict=True)), c)
    assert all(c.scale.min <= s <= c.scale.max for s in scores.values())


def test_answers_off_the_scale_or_not_numbers_are_refused(content):
    """Are 6, 0, 2.5 and 'often' refused with a message naming the scale?"""
    q = au.AuditQuarter(quarter="2026-Q1")
    for bad in (6, 0, "2.5", "often", True):
        with pytest.raises(au.AuditAnswerError, match="1 to 5|from 1 to 5"):
            au.set_answer(q, "res_buffers", bad, content)
    with pytest.raises(au.AuditAnswerError, match="no audit question"):
        au.set_answer(q, "nope", 3, content)
    assert au.set_answer(q, "res_buffers", "4", content).answers == {"res_buffers": 4}
    assert (
        au.set_answer(
            au.set_answer(q, "res_buffers", 4, content), "res_buffers", None, content
        ).answers
        == {}
    )


# ---------------------------------------------------------------------------------------------
# Colleagues
# ---------------------------------------------------------------------------------------------


def test_colleagues_hidden_below_the_documented_minimum(content):
    """With fewer colleagues than the minimum, is nothing about their answers shown?"""
    n = content.thresholds.min_colleagues - 1
    agg = au.aggregate_colleagues([colleague(content, 1) for _ in range(n)], content)
    assert not agg.shown
    assert all(v is None for v in agg.area_means.values())
    assert agg.area_counts == {} and agg.n_departments == 0
    assert f"{n} of at least {content.thresholds.min_colleagues}" in agg.message()


def test_colleagues_shown_as_averages_at_the_minimum(content):
    """With enough colleagues, are area means their average (by hand: (2 + 3 + 4) / 3 = 3)?"""
    responses = [colleague(content, v, d) for v, d in ((2, "Edit"), (3, "Sound"), (4, "Edit"))]
    agg = au.aggregate_colleagues(responses, content)
    assert agg.shown and agg.n_departments == 2
    # reverse-keyed items: answer v scores 6 - v, so each area averages two ways; by hand for 2:
    # resilience items 2, 2, 2, (6 - 2) -> 2.5; for 3 -> 3.0; for 4 -> 3.5; mean 3.0.
    assert agg.area_means["resilience"] == pytest.approx(3.0)
    assert "3 colleagues from 2 departments" in agg.message()


def test_an_area_is_shown_only_when_enough_answered_it(content):
    """Is an area that fewer colleagues answered fully kept hidden while others show?"""
    responses = [colleague(content, 4) for _ in range(3)] + [colleague(content, 4, only="balance")]
    partial = [colleague(content, 4, only="balance") for _ in range(3)] + [colleague(content, 4)]
    agg = au.aggregate_colleagues(partial, content)
    assert agg.area_means["balance"] == pytest.approx(3.5)
    assert agg.area_means["resilience"] is None
    assert au.aggregate_colleagues(responses, content).area_counts["balance"] == 4


@settings(deadline=None)
@given(st.lists(st.integers(1, 5), min_size=0, max_size=8))
def test_aggregate_never_shows_fewer_than_the_minimum(values):
    """For any number of colleagues, are means shown only at or above the minimum, and within
    the scale?"""
    c = CONTENT
    agg = au.aggregate_colleagues([colleague(c, v) for v in values], c)
    assert agg.shown == (len(values) >= c.thresholds.min_colleagues)
    for v in agg.area_means.values():
        assert v is None or c.scale.min <= v <= c.scale.max


def test_colleague_csv_template_round_trip(content):
    """Does a file made from the template, one colleague per row, parse back?"""
    text = au.colleague_csv_template(content)
    text += "Editorial," + ",".join(["4"] * len(content.item_ids)) + "\n"
    text += "Sound," + ",".join(["2"] * 4) + "," * (len(content.item_ids) - 4) + "\n"
    rows = au.parse_colleague_csv(text.encode(), content, "2026-Q1")
    assert [r.department for r in rows] == ["Editorial", "Sound"]
    assert len(rows[1].answers) == 4


def test_colleague_csv_with_wrong_columns_names_the_expected_ones(content):
    """Does a file with other columns get a message naming department and the question ids?"""
    with pytest.raises(au.ColleagueFileError) as err:
        au.parse_colleague_csv(b"name,score\nAna,4\n", content, "2026-Q1")
    assert "department, res_absorb_delay" in str(err.value)
    assert "Unknown columns: name, score" in str(err.value)
    assert isinstance(err.value, ImportFileError)


def test_colleague_csv_off_scale_value_names_the_row(content):
    """Is an answer of 7 refused with the row named, and nothing imported?"""
    text = "department,res_buffers\nEdit,4\nSound,7\n"
    with pytest.raises(au.ColleagueFileError, match="Row 3: Answers go from 1 to 5; 7"):
        au.parse_colleague_csv(text, content, "2026-Q1")


@settings(deadline=None)
@given(st.text(max_size=200) | st.text(alphabet=',;\n\r"4x', max_size=60))
def test_colleague_parser_raises_only_playbook_errors(text):
    """Does any text give responses or a PlaybookError, never a crash?"""
    with contextlib.suppress(PlaybookError):
        au.parse_colleague_csv(text, CONTENT, "2026-Q1")


# ---------------------------------------------------------------------------------------------
# Pitfalls, trend, dates, actions, record
# ---------------------------------------------------------------------------------------------


def test_low_area_points_to_its_pitfall(content):
    """Does a resilience score of 2 point to 'efficiency over resilience', and only that?"""
    answers = all_answers(content, 4)
    for i in content.area("resilience").items:
        answers[i.id] = 4 if i.reverse else 2
    scores = au.score_areas(answers, content)
    flags = au.pitfalls_indicated(scores, content)
    assert [f.pitfall.id for f in flags] == ["efficiency_over_resilience"]
    assert "below 3.0" in flags[0].reason


def test_colleague_gap_points_to_a_blind_spot(content):
    """When colleagues rate communication at least 1 point lower than the manager, is the
    communication pitfall flagged even though both are above the threshold?"""
    scores = {"resilience": 4.5, "balance": 4.5, "communication": 4.5}
    agg = au.ColleagueAggregate(
        3, 3, {"resilience": 4.5, "balance": 4.4, "communication": 3.25}, {}, 2
    )
    flags = au.pitfalls_indicated(scores, content, agg)
    assert [f.pitfall.id for f in flags] == ["communication_breakdown"]
    assert "colleagues rate it 1.2 lower than you do" in flags[0].reason.lower()


def test_trend_orders_quarters_and_gives_changes(content):
    """Are quarters ordered in time (2025-Q4 before 2026-Q1) with the change since the last?"""
    section = au.AuditSection()
    for label, value in (("2026-Q1", 4), ("2025-Q4", 2)):
        q = au.AuditQuarter(quarter=label, answers=all_answers(content, value))
        section = au.replace_quarter(section, q)
    trend = [p for p in au.audit_trend(section, content) if p.area == "balance"]
    assert [(p.quarter, p.change) for p in trend] == [
        ("2025-Q4", None),
        ("2026-Q1", pytest.approx(1.0)),
    ]


@pytest.mark.parametrize(
    ("held", "expected"),
    [
        (dt.date(2026, 1, 15), dt.date(2026, 4, 15)),
        (dt.date(2026, 11, 30), dt.date(2027, 2, 28)),
        (dt.date(2027, 11, 30), dt.date(2028, 2, 29)),
        (dt.date(2026, 8, 31), dt.date(2026, 11, 30)),
    ],
)
def test_next_audit_is_a_quarter_later(held, expected):
    """Is the next audit three months later, the day clamped to the month (leap years too)?"""
    assert au.next_audit_date(held) == expected


def test_start_quarter_sets_the_next_audit(content):
    """Does starting an audit create the quarter of the date with its next audit date?"""
    section, q = au.start_quarter(au.AuditSection(), dt.date(2026, 5, 14), content)
    assert q.quarter == "2026-Q2" and q.next_audit == dt.date(2026, 8, 14)
    again, same = au.start_quarter(section, dt.date(2026, 6, 1), content)
    assert same == q and again == section


def test_actions_need_an_owner():
    """Is an action without an owner refused, and open actions listed across quarters?"""
    q = au.AuditQuarter(quarter="2026-Q1")
    with pytest.raises(InputError, match="owner"):
        au.add_action(q, "Train a second contact for rigging", " ")
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        au.add_action(q, "Train a second contact", "Sam", due="next week")
    q = au.add_action(q, "Train a second contact for rigging", "Sam", "resilience", "2026-03-31")
    q = au.add_action(q, "Weekly informal check-in", "Ana", "communication")
    q = au.set_action_done(q, 0)
    section = au.replace_quarter(au.AuditSection(), q)
    assert [(label, a.owner) for label, a in au.open_actions(section)] == [("2026-Q1", "Ana")]


def test_section_round_trips_through_json(content):
    """Does an audit section survive JSON unchanged, and a bad one give a message?"""
    q = au.AuditQuarter(
        quarter="2026-Q1", held_on=dt.date(2026, 2, 1), answers=all_answers(content, 3)
    )
    q = au.add_action(q, "Add buffers to the build schedule", "Lee", "resilience")
    section = au.replace_quarter(au.AuditSection(), q)
    assert au.parse_section(json.loads(json.dumps(au.dump_section(section)))) == section
    with pytest.raises(InputError, match="could not be read"):
        au.parse_section({"quarters": [{"quarter": "Q1 2026"}]})


def test_charts_build(content):
    """Do the scores and trend charts build, with colleagues' bars only when shown?"""
    from playbook.charts import audit as charts

    scores = {"resilience": 2.5, "balance": None, "communication": 4.0}
    hidden = au.aggregate_colleagues([colleague(content, 3)], content)
    fig = charts.scores_chart(scores, content, hidden)
    bars = [t for t in fig.data if t.type == "bar"]
    # the human element (issue 21) has no score here either: not answered yet
    assert len(bars) == 1 and list(bars[0].text) == [
        "2.5",
        "not answered yet",
        "4.0",
        "not answered yet",
    ]
    shown = au.aggregate_colleagues([colleague(content, 3) for _ in range(3)], content)
    bars = [t for t in charts.scores_chart(scores, content, shown).data if t.type == "bar"]
    assert [b.name for b in bars] == ["You", "Colleagues (average of 3)"]
    trend = [
        au.TrendPoint("2026-Q1", "resilience", 2.5, None),
        au.TrendPoint("2026-Q2", "resilience", 3.5, 1.0),
    ]
    assert list(charts.trend_chart(trend, content).data[0].y) == [2.5, 3.5]
