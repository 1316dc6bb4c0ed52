"""Tests of the leadership-style instrument, its scoring rules and its reliability statistic."""

from __future__ import annotations

import doctest
import json
import re
from itertools import permutations
from pathlib import Path

import numpy as np
import pandas as pd
import pingouin
import plotly.graph_objects as go
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import playbook.charts.leadership as charts_mod
import playbook.leadership as lead
from playbook.charts.leadership import gap_chart, radar_chart
from playbook.content import CONTENT_ENV, content_path
from playbook.errors import ContentError, FileTooLargeError, PlaybookError
from playbook.leadership import (
    STYLES,
    AnswerError,
    InstrumentVersionError,
    LeadershipSection,
    NotEnoughAnswersError,
    RatingFileError,
    RatingPayload,
    WrongSubjectError,
    adaptability,
    aggregate_raters,
    answers_from_records,
    assess,
    check_forced_choice,
    compare_raters,
    describe_gap,
    describe_ranking,
    gap_flag,
    item_matrix,
    keyed,
    latest_per_rater,
    load_content,
    pages,
    parse_rating,
    parse_rating_file,
    parse_section,
    presentation_order,
    progress,
    rank_styles,
    rater_id,
    rating_subject,
    scale_alphas,
    score_forced_choice,
    score_scales,
    workbook_alphas,
)

# shared/ sits beside the repository (for developers and for CI's clean clone alike)
ARTICLE = (
    Path(__file__).resolve().parents[2] / "shared" / "seed" / "production-managers-playbook.txt"
)
INST = load_content()
VERSION = INST.instrument_version


# ---- factories ------------------------------------------------------------------------------


def answers_for(levels: dict[str, int], *, skip: int = 0) -> dict[str, int]:
    """Answers that put each style at a keyed level (1..5); reverse items stored as 6 - level.

    ``skip`` answers that many items of each style with "not sure" (0) instead.
    """
    out: dict[str, int] = {}
    for style, level in levels.items():
        for n, item in enumerate(INST.items_of(style)):
            out[item.id] = 0 if n < skip else (6 - level if item.reverse else level)
    return out


def rating(levels: dict[str, int], kind: str = "mentor", **extra: object) -> RatingPayload:
    return RatingPayload(
        instrument_version=VERSION, rater_kind=kind, answers=answers_for(levels), **extra
    )


def payload(levels: dict[str, int], **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "instrument_version": VERSION,
        "rater_kind": "mentor",
        "subject": "share-123",
        "answers": answers_for(levels),
    }
    data.update(extra)
    return data


EVEN = dict.fromkeys(STYLES, 3)


# ---- the content ----------------------------------------------------------------------------


def test_instrument_has_enough_items_per_style_and_a_third_reverse_keyed():
    """Does the shipped instrument have at least 8 items per style, about a third reversed?"""
    assert len(INST.items) >= 24
    for style in STYLES:
        items = INST.items_of(style)
        assert len(items) >= 8
        assert 0.25 <= sum(i.reverse for i in items) / len(items) <= 0.4
    assert 0.3 <= sum(i.reverse for i in INST.items) / len(INST.items) <= 0.37


def test_instrument_has_six_forced_choice_blocks_with_one_statement_per_style():
    """Are there at least 6 ranking blocks, each with one statement per style?"""
    assert len(INST.forced_choice) >= 6
    for block in INST.forced_choice:
        assert sorted(block.statements) == sorted(STYLES)
        assert re.search(r"\bthey\b|\bthem\b|\btheir\b", block.observer, re.I)


def test_every_item_has_observer_wording_and_a_source():
    """Does every item have a 'They ...' wording for the mentor and a source note?"""
    for item in INST.items:
        assert item.observer != item.self_text
        assert re.search(r"\b(they|their|them)\b", item.observer, re.I), item.id
        assert item.source.strip(), item.id


def test_scale_has_five_points_and_a_separate_not_sure_answer():
    """Is the scale five agreement points plus a 'not observed / not sure' stored as 0?"""
    assert [p.value for p in INST.scale.points] == [1, 2, 3, 4, 5]
    assert INST.scale.not_sure.value == 0
    assert "not sure" in INST.scale.not_sure.label.lower()


def test_label_says_it_is_a_reflection_instrument_not_a_validated_test():
    """Is the instrument labelled honestly?"""
    assert "reflection instrument" in INST.label
    assert "not a validated psychometric test" in INST.label


@pytest.mark.skipif(not ARTICLE.is_file(), reason="the source article is not on this machine")
def test_every_quoted_source_appears_in_the_article():
    """Can every quoted phrase in an item's source (and a phase's basis) be found in the article?"""
    article = " ".join(ARTICLE.read_text(encoding="utf-8").split())
    notes = [(i.id, i.source) for i in INST.items] + [(p.id, p.basis) for p in INST.phases]
    checked = 0
    for where, note in notes:
        quotes = re.findall(r'"([^"]+)"', note)
        assert quotes or where.startswith(("planning", "creative", "cross", "disruption")), where
        for quote in quotes:
            for fragment in quote.split("..."):
                fragment = fragment.strip(" .")
                assert fragment in article, (where, fragment)
                checked += 1
    assert checked >= len(INST.items)


def test_every_percentage_in_the_content_is_an_attributed_claim():
    """Is every figure from the article quoted as the playbook's claim, never as a fact?"""
    data = yaml.safe_load(content_path("leadership").read_text(encoding="utf-8"))

    def strings(node, key=""):
        if isinstance(node, dict):
            for k, v in node.items():
                yield from strings(v, k)
        elif isinstance(node, list):
            for v in node:
                yield from strings(v, key)
        elif isinstance(node, str):
            yield key, node

    claims = [(k, s) for k, s in strings(data) if re.search(r"\d+%", s)]
    assert claims, "the article's claims should be quoted somewhere"
    for key, text in claims:
        assert key == "playbook_reports", text
        assert "reports" in text and ("not verified research" in text or "claim" in text), text


def test_thresholds_are_commented_as_documented_defaults():
    """Does every threshold in leadership.yaml carry a comment saying it is not from the article?"""
    text = content_path("leadership").read_text(encoding="utf-8")
    block = text[text.index("thresholds:") : text.index("styles:")]
    comments = block.count("Documented default")
    comments += block.count("Documented defaults")
    assert comments >= 3


def test_advice_exists_for_every_primary_secondary_combination():
    """Is there development advice for each of the six primary/secondary combinations?"""
    for p, s in permutations(STYLES, 2):
        advice = INST.advice_for(p, s)
        assert advice.steps and advice.basis


def test_architect_advice_carries_the_playbooks_own_example():
    """Does an Architect get 'flexibility buffers' and facilitation through mentorship?"""
    for secondary in ("facilitator", "integrator"):
        text = " ".join(INST.advice_for("architect", secondary).steps).lower()
        assert "flexibility buffers" in text
        assert "facilitation" in text and "mentorship or training" in text


def test_every_style_is_suggested_for_some_phase_and_the_mapping_is_flagged_as_a_suggestion():
    """Does each style serve some production phase, and does the note admit it is a suggestion?"""
    assert {s for p in INST.phases for s in p.styles} == set(STYLES)
    assert "does not say which style serves which phase" in INST.phases_note


# ---- loading a coach's edited copy ------------------------------------------------------------


def _edited_copy(tmp_path, monkeypatch, edit) -> None:
    data = yaml.safe_load(content_path("leadership").read_text(encoding="utf-8"))
    edit(data)
    (tmp_path / "leadership.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    monkeypatch.setenv(CONTENT_ENV, str(tmp_path))


def test_invalid_style_in_a_coach_copy_names_the_file_and_the_item(tmp_path, monkeypatch):
    """Does an unknown style in an edited copy raise ContentError naming file and item id?"""

    def edit(data):
        item = next(i for i in data["items"] if i["id"] == "fac_mediate")
        item["style"] = "visionary"

    _edited_copy(tmp_path, monkeypatch, edit)
    with pytest.raises(ContentError) as err:
        load_content()
    assert "leadership.yaml" in str(err.value)
    assert "fac_mediate" in str(err.value)
    assert "style" in str(err.value)


def test_missing_observer_wording_names_the_item(tmp_path, monkeypatch):
    """Does an item without an observer wording fail with its id?"""

    def edit(data):
        del data["items"][3]["observer"]

    _edited_copy(tmp_path, monkeypatch, edit)
    with pytest.raises(ContentError, match=r"leadership\.yaml, item 'fac_mediate': observer"):
        load_content()


def test_duplicate_item_id_is_refused(tmp_path, monkeypatch):
    """Is an item id used twice refused, with the id named?"""

    def edit(data):
        data["items"][1]["id"] = data["items"][0]["id"]

    _edited_copy(tmp_path, monkeypatch, edit)
    with pytest.raises(ContentError, match="fac_remove_obstacles"):
        load_content()


def test_missing_advice_combination_is_refused(tmp_path, monkeypatch):
    """Is a content file without advice for a combination refused?"""

    def edit(data):
        data["advice"] = [a for a in data["advice"] if a["primary"] != "integrator"]

    _edited_copy(tmp_path, monkeypatch, edit)
    with pytest.raises(ContentError, match="integrator/facilitator"):
        load_content()


def test_a_valid_coach_copy_is_used(tmp_path, monkeypatch):
    """Does a valid edited copy (here a stricter minimum) replace the packaged file?"""

    def edit(data):
        data["thresholds"]["min_answered_per_scale"] = 7

    _edited_copy(tmp_path, monkeypatch, edit)
    assert load_content().thresholds.min_answered_per_scale == 7


# ---- scoring ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5])
def test_reverse_keyed_item_scores_six_minus_x(value):
    """Is a reverse-keyed item scored as 6 - x, and a forward one as x?"""
    assert keyed(value, True, INST.scale) == 6 - value
    assert keyed(value, False, INST.scale) == value


def test_not_sure_counts_as_nothing_not_as_the_middle():
    """Is 'not sure' left out of the score rather than counted as 3?"""
    answers = answers_for({"architect": 5}, skip=3)
    score = score_scales(answers, INST)["architect"]
    assert score.answered == len(INST.items_of("architect")) - 3
    assert score.score == 100.0


def test_scale_score_formula_on_a_known_case():
    """Is the score 100 * mean(keyed - 1) / 4 over the answered items?"""
    ids = [i for i in INST.items_of("integrator")]
    # keyed values 5, 4, 3, 2, 1, 3 -> mean 3 -> 50; store reversed items as 6 - keyed.
    wanted = [5, 4, 3, 2, 1, 3]
    answers = {i.id: (6 - k if i.reverse else k) for i, k in zip(ids, wanted, strict=False)}
    assert score_scales(answers, INST)["integrator"].score == pytest.approx(50.0)


def test_extremes_score_zero_and_hundred():
    """Do all-lowest keyed answers give 0 and all-highest give 100?"""
    low = score_scales(answers_for(dict.fromkeys(STYLES, 1)), INST)
    high = score_scales(answers_for(dict.fromkeys(STYLES, 5)), INST)
    assert {s.score for s in low.values()} == {0.0}
    assert {s.score for s in high.values()} == {100.0}


def test_below_the_minimum_a_scale_shows_not_enough_answers():
    """Below min_answered_per_scale, is the score withheld and shown as 'not enough answers'?"""
    minimum = INST.thresholds.min_answered_per_scale
    items = INST.items_of("facilitator")
    few = {i.id: 4 for i in items[: minimum - 1]}
    enough = {i.id: 4 for i in items[:minimum]}
    assert score_scales(few, INST)["facilitator"].score is None
    assert score_scales(few, INST)["facilitator"].display() == "not enough answers"
    assert score_scales(enough, INST)["facilitator"].score is not None


def test_not_sure_answers_do_not_count_toward_the_minimum():
    """Do 'not sure' answers leave a scale below the minimum?"""
    n = len(INST.items_of("architect"))
    answers = answers_for({"architect": 4}, skip=n - INST.thresholds.min_answered_per_scale + 1)
    assert score_scales(answers, INST)["architect"].score is None


@pytest.mark.parametrize(
    "answers, fragment",
    [
        ({"fac_mediate": 6}, "not on the scale"),
        ({"fac_mediate": -1}, "not on the scale"),
        ({"fac_mediate": "4"}, "not on the scale"),
        ({"fac_mediate": True}, "not on the scale"),
        ({"no_such_item": 3}, "not a statement"),
    ],
)
def test_off_scale_or_unknown_answers_are_refused(answers, fragment):
    """Is an out-of-range, non-integer or unknown answer refused with a readable message?"""
    with pytest.raises(AnswerError, match=fragment):
        score_scales(answers, INST)


answer_values = st.sampled_from([0, 1, 2, 3, 4, 5])
answer_sets = st.dictionaries(st.sampled_from([i.id for i in INST.items]), answer_values)


@given(answer_sets)
def test_scores_stay_between_0_and_100(answers):
    """Is every score within 0-100, and None exactly when too few items were answered?"""
    for s in score_scales(answers, INST).values():
        assert (s.score is None) == (s.answered < INST.thresholds.min_answered_per_scale)
        assert s.score is None or 0 <= s.score <= 100


@given(answer_sets)
def test_mirroring_every_answer_mirrors_the_score(answers):
    """Does answering 6 - x everywhere turn each score s into 100 - s?"""
    mirrored = {k: (0 if v == 0 else 6 - v) for k, v in answers.items()}
    a, b = score_scales(answers, INST), score_scales(mirrored, INST)
    for style in STYLES:
        if a[style].score is not None:
            assert b[style].score == pytest.approx(100 - a[style].score)


# ---- forced choice -------------------------------------------------------------------------


def test_forced_choice_gives_two_one_zero_points():
    """Does first place earn 2 points, second 1 and third 0, summed over blocks?"""
    orders = {b.id: ["integrator", "facilitator", "architect"] for b in INST.forced_choice}
    result = score_forced_choice(orders, INST)
    n = len(INST.forced_choice)
    assert result.points == {"integrator": 2 * n, "facilitator": n, "architect": 0}
    assert result.blocks_answered == result.blocks_total == n


@pytest.mark.parametrize(
    "order", [["architect", "architect", "integrator"], ["architect", "integrator"], "architect"]
)
def test_an_incomplete_ranking_is_refused(order):
    """Is a ranking that is not the three styles once each refused?"""
    with pytest.raises(AnswerError, match="all three"):
        check_forced_choice({"fc_start": order}, INST)


def test_an_unknown_block_is_refused():
    """Is a ranking for a block the instrument does not have refused?"""
    with pytest.raises(AnswerError, match="fc_nope"):
        score_forced_choice({"fc_nope": list(STYLES)}, INST)


@given(
    st.dictionaries(
        st.sampled_from([b.id for b in INST.forced_choice]),
        st.permutations(list(STYLES)),
    )
)
def test_forced_choice_points_are_ipsative(orders):
    """Do the points always add up to 3 per answered block (so they rank within a person)?"""
    result = score_forced_choice(orders, INST)
    assert sum(result.points.values()) == 3 * len(orders)


# ---- ranking and ties -------------------------------------------------------------------------


def test_highest_score_is_primary_and_next_is_secondary():
    """Is the highest-scoring style primary and the next one secondary?"""
    scores = score_scales(answers_for({"facilitator": 3, "architect": 5, "integrator": 4}), INST)
    ranking = rank_styles(scores)
    assert (ranking.primary, ranking.secondary) == ("architect", "integrator")
    assert ranking.level == () and ranking.broken_by_forced_choice == ()


def test_scores_that_show_the_same_are_level_and_forced_choice_decides():
    """When two scores show as the same whole number, does the forced choice break the tie?"""
    ranking = rank_styles(
        {"facilitator": 79.6, "architect": 80.4, "integrator": 10.0},
        {"facilitator": 9, "architect": 3, "integrator": 6},
    )
    assert ranking.order == ("facilitator", "architect", "integrator")
    assert ranking.broken_by_forced_choice == (("facilitator", "architect"),)
    assert not ranking.primary_is_level


def test_a_tie_left_after_forced_choice_is_reported_in_instrument_order():
    """Is a tie that forced choice cannot break reported as level, in the instrument's order?"""
    ranking = rank_styles(
        {"facilitator": 50.0, "architect": 70.0, "integrator": 70.0},
        {"facilitator": 2, "architect": 5, "integrator": 5},
    )
    assert ranking.order == ("architect", "integrator", "facilitator")
    assert ranking.level == (("architect", "integrator"),)
    assert ranking.primary_is_level


def test_a_three_way_tie_is_one_level_group():
    """Are three equal scores without forced choice one level group?"""
    ranking = rank_styles(dict.fromkeys(STYLES, 60.0))
    assert ranking.order == STYLES
    assert ranking.level == (STYLES,)


def test_a_tie_for_second_place_leaves_the_primary_clear():
    """Does a tie between second and third leave the primary undisputed?"""
    ranking = rank_styles({"facilitator": 40.0, "architect": 90.0, "integrator": 40.0})
    assert ranking.primary == "architect"
    assert not ranking.primary_is_level
    assert ranking.is_level("facilitator", "integrator")


def test_ranking_with_a_scale_short_of_answers_says_which_style_needs_more():
    """Is ranking refused with a message naming the style that lacks answers?"""
    scores = score_scales(answers_for({"facilitator": 4, "architect": 4}), INST)
    with pytest.raises(NotEnoughAnswersError, match="Integrator"):
        rank_styles(scores)


scores3 = st.fixed_dictionaries({s: st.floats(0, 100, allow_nan=False) for s in STYLES})
points3 = st.fixed_dictionaries({s: st.integers(0, 14) for s in STYLES})


@given(scores3, points3)
def test_primary_always_has_the_highest_shown_score(scores, points):
    """Is the primary's shown score always the maximum, and the order a permutation?"""
    ranking = rank_styles(scores, points)
    shown = {s: lead.round_half_up(v) for s, v in scores.items()}
    assert sorted(ranking.order) == sorted(STYLES)
    assert shown[ranking.primary] == max(shown.values())
    assert shown[ranking.order[0]] >= shown[ranking.order[1]] >= shown[ranking.order[2]]


# ---- adaptability ---------------------------------------------------------------------------


def test_adaptability_is_100_minus_the_range():
    """Is adaptability 100 - (max - min) of the three scores?"""
    assert adaptability({"facilitator": 90.0, "architect": 30.0, "integrator": 60.0}) == 40.0
    assert adaptability(dict.fromkeys(STYLES, 42.0)) == 100.0
    assert adaptability({"facilitator": 100.0, "architect": 0.0, "integrator": 50.0}) == 0.0


def test_adaptability_needs_every_score():
    """Is adaptability withheld when a style has not enough answers?"""
    scores = score_scales(answers_for({"facilitator": 4, "architect": 4}), INST)
    assert adaptability(scores) is None


@given(scores3)
def test_adaptability_stays_between_0_and_100(scores):
    """Is adaptability always within 0-100?"""
    assert 0 <= adaptability(scores) <= 100


# ---- other raters and gaps ------------------------------------------------------------------


def test_gap_exactly_at_the_threshold_is_not_flagged():
    """Is a gap flagged only when it exceeds (not equals) the threshold?"""
    assert gap_flag(50, 80, 30) is None
    assert gap_flag(50, 80.5, 30) == "hidden_strength"
    assert gap_flag(80.5, 50, 30) == "blind_spot"


def test_default_gap_threshold_is_a_third_of_the_range():
    """Is the documented default a third of the 0-100 range?"""
    assert INST.thresholds.gap_threshold == pytest.approx(100 / 3, abs=0.05)


def test_mentor_comparison_flags_blind_spot_and_hidden_strength():
    """Does a mentor who sees less Architect and more Integrator flag both gaps?"""
    me = score_scales(answers_for({"facilitator": 3, "architect": 5, "integrator": 2}), INST)
    mentor = rating({"facilitator": 3, "architect": 2, "integrator": 5})
    comparison = compare_raters(me, [mentor], INST)
    gaps = comparison.gaps["mentor"]
    assert gaps["architect"].gap == pytest.approx(-75.0)
    assert gaps["architect"].flag == "blind_spot"
    assert gaps["integrator"].flag == "hidden_strength"
    assert gaps["facilitator"].gap == 0 and gaps["facilitator"].flag is None
    assert {(g.style, g.flag) for g in comparison.flagged()} == {
        ("architect", "blind_spot"),
        ("integrator", "hidden_strength"),
    }


def test_one_mentor_is_enough_to_be_shown():
    """Is a single mentor's view shown (the mentee knows who their mentor is)?"""
    group = aggregate_raters([rating(EVEN)], INST, "mentor")
    assert group.n_raters == 1 and group.shown("architect")


def test_peers_below_the_minimum_are_not_shown():
    """Are two peers' scores withheld when at least three are required?"""
    me = score_scales(answers_for(EVEN), INST)
    peers = [rating(EVEN, "peer"), rating({**EVEN, "architect": 5}, "peer")]
    comparison = compare_raters(me, peers, INST)
    assert comparison.groups["peer"].n_raters == 2
    assert all(g.other_score is None and g.flag is None for g in comparison.gaps["peer"].values())


def test_peers_at_the_minimum_are_averaged():
    """Are three peers' style scores averaged once the minimum is met?"""
    peers = [
        rating({**EVEN, "architect": level}, "peer") for level in (3, 4, 5)
    ]  # architect 50, 75, 100
    group = aggregate_raters(peers, INST, "peer")
    assert group.scores["architect"] == pytest.approx(75.0)
    assert group.counts["architect"] == 3


def test_a_peer_without_enough_answers_for_a_style_does_not_count_for_it():
    """If one of three peers did not score a style, is that style withheld (2 < 3)?"""
    partial = RatingPayload(
        instrument_version=VERSION,
        rater_kind="peer",
        answers=answers_for({"facilitator": 4, "integrator": 4}),
    )
    group = aggregate_raters([rating(EVEN, "peer"), rating(EVEN, "peer"), partial], INST, "peer")
    assert group.counts == {"facilitator": 3, "architect": 2, "integrator": 3}
    assert group.scores["architect"] is None
    assert group.scores["facilitator"] is not None


def test_rater_minimum_can_be_overridden():
    """Can a coach's own minimum replace the default for one call?"""
    peers = [rating(EVEN, "peer")]
    assert aggregate_raters(peers, INST, "peer", min_raters=1).shown("facilitator")


def test_no_gap_where_the_participant_has_no_score():
    """Is the gap None where the participant's own scale has not enough answers?"""
    me = score_scales(answers_for({"facilitator": 4, "integrator": 4}), INST)
    gaps = compare_raters(me, [rating(EVEN)], INST).gaps["mentor"]
    assert gaps["architect"].gap is None and gaps["architect"].flag is None
    assert gaps["facilitator"].gap is not None


def test_only_kinds_that_answered_appear():
    """Does a comparison with only a mentor have no peer entry?"""
    me = score_scales(answers_for(EVEN), INST)
    comparison = compare_raters(me, [rating(EVEN)], INST)
    assert set(comparison.groups) == {"mentor"}


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.fixed_dictionaries({s: st.integers(1, 5) for s in STYLES}), min_size=1, max_size=5),
    st.randoms(use_true_random=False),
)
def test_the_order_of_raters_does_not_matter(levels, rnd):
    """Is the averaged peer view the same whatever order the ratings arrive in?"""
    me = score_scales(answers_for(EVEN), INST)
    peers = [rating(lv, "peer") for lv in levels]
    shuffled = peers[:]
    rnd.shuffle(shuffled)
    a = compare_raters(me, peers, INST, min_raters={"peer": 1}).gaps["peer"]
    b = compare_raters(me, shuffled, INST, min_raters={"peer": 1}).gaps["peer"]
    for style in STYLES:
        assert a[style].gap == pytest.approx(b[style].gap)
        assert a[style].flag == b[style].flag


@given(st.floats(0, 100), st.floats(0, 100), st.floats(1, 99))
def test_swapping_self_and_other_swaps_the_flag(mine, theirs, threshold):
    """Does swapping the two views turn a blind spot into a hidden strength and back?"""
    swap = {"blind_spot": "hidden_strength", "hidden_strength": "blind_spot", None: None}
    assert gap_flag(theirs, mine, threshold) == swap[gap_flag(mine, theirs, threshold)]


def test_a_rater_who_sends_twice_counts_once():
    """Does a second rating through the same link replace the first, not add a rater?"""
    first = rating({**EVEN, "architect": 1}, "peer", rater="r1", rated_at="2026-11-25T10:00")
    second = rating({**EVEN, "architect": 5}, "peer", rater="r1", rated_at="2026-11-25T11:00")
    others = [rating(EVEN, "peer", rater=r) for r in ("r2", "r3")]
    kept = latest_per_rater([second, first, *others])
    assert len(kept) == 3 and second in kept and first not in kept
    # Three submissions by two people must not pass a minimum of three.
    assert not aggregate_raters(latest_per_rater([first, second, others[0]]), INST, "peer").shown(
        "architect"
    )


def test_subject_and_rater_ids_are_stable_and_reveal_nothing():
    """Are subject and rater ids stable, distinct and free of the id or token they come from?"""
    assert rating_subject("wb1") == rating_subject("wb1") != rating_subject("wb2")
    assert "wb1" not in rating_subject("wb1")
    assert rater_id("token-abc") != rating_subject("token-abc")
    assert "token" not in rater_id("token-abc")


@pytest.mark.parametrize(
    "scores, points, expected",
    [
        (
            {"facilitator": 40, "architect": 80, "integrator": 60},
            None,
            "primary style is Architect",
        ),
        (
            {"facilitator": 80, "architect": 80, "integrator": 60},
            None,
            "Facilitator and Architect are level",
        ),
        (
            {"facilitator": 80, "architect": 80, "integrator": 60},
            {"facilitator": 1, "architect": 5, "integrator": 0},
            "your ranking blocks put Architect first",
        ),
        ({"facilitator": 80, "architect": 50, "integrator": 50}, None, "level for second place"),
    ],
)
def test_the_ranking_is_described_with_its_tie(scores, points, expected):
    """Does the sentence name the primary style and say how a tie was handled?"""
    assert expected in describe_ranking(rank_styles(scores, points), INST)


def test_gap_sentences_name_the_direction_and_the_flag():
    """Do gap sentences say higher/lower, the flag, or that the view is withheld?"""
    me = score_scales(answers_for({"facilitator": 3, "architect": 5, "integrator": 2}), INST)
    gaps = compare_raters(me, [rating({"facilitator": 4, "architect": 2, "integrator": 5})], INST)
    t = INST.thresholds.gap_threshold
    texts = {s: describe_gap(g, INST, t) for s, g in gaps.gaps["mentor"].items()}
    assert "lower than yours" in texts["architect"] and "blind spot" in texts["architect"]
    assert "higher than yours" in texts["integrator"] and "hidden strength" in texts["integrator"]
    assert "within the 33-point threshold" in texts["facilitator"]
    peers = compare_raters(me, [rating(EVEN, "peer")], INST).gaps["peer"]["architect"]
    assert "not shown" in describe_gap(peers, INST, t)


# ---- rating payloads and files ------------------------------------------------------------


def test_a_valid_rating_is_accepted():
    """Is a complete mentor rating for this person and version accepted?"""
    parsed = parse_rating(payload(EVEN), INST, subject="share-123")
    assert parsed.rater_kind == "mentor"
    assert len(parsed.answers) == len(INST.items)


def test_a_rating_for_another_instrument_version_is_refused():
    """Is a rating made with another version refused, naming both versions?"""
    with pytest.raises(InstrumentVersionError) as err:
        parse_rating(payload(EVEN, instrument_version="leadership-0.9"), INST)
    assert "leadership-0.9" in str(err.value) and VERSION in str(err.value)


def test_a_rating_about_another_person_is_refused():
    """Is a rating whose subject is someone else refused?"""
    with pytest.raises(WrongSubjectError, match="someone else"):
        parse_rating(payload(EVEN, subject="share-999"), INST, subject="share-123")


def test_a_rating_with_an_out_of_range_value_is_refused():
    """Is a rating with a 7 refused, naming the statement?"""
    data = payload(EVEN)
    data["answers"]["arc_tracking"] = 7  # type: ignore[index]
    with pytest.raises(AnswerError, match="arc_tracking"):
        parse_rating(data, INST)


def test_a_rating_too_partial_to_score_anything_is_refused():
    """Is a rating with too few answers for every style refused with the minimum stated?"""
    data = payload(EVEN)
    data["answers"] = {"arc_tracking": 4, "fac_mediate": 2}
    with pytest.raises(NotEnoughAnswersError, match=str(INST.thresholds.min_answered_per_scale)):
        parse_rating(data, INST)


@pytest.mark.parametrize("rankings", [True, 3, "fac", ["facilitator"]])
def test_rankings_that_are_not_blocks_are_refused_and_a_stored_one_skipped(rankings):
    """Is a rating whose rankings are not a mapping of blocks refused with a message (found by
    test_record's fuzzing: ``"forced_choice": true`` in a restored workbook's file rating
    crashed the leadership page), and is such a stored rating skipped, not fatal?"""
    data = payload(EVEN)
    data["forced_choice"] = rankings
    with pytest.raises(AnswerError, match="rankings"):
        parse_rating(data, INST)
    good = payload({"facilitator": 2, "architect": 5, "integrator": 4})
    both = LeadershipSection(file_ratings=[data, good])
    assert assess(both, INST) == assess(LeadershipSection(file_ratings=[good]), INST)


def test_a_partial_rating_that_scores_one_style_is_accepted():
    """Is a rating that scores only one style accepted, the others left unscored?"""
    data = payload(EVEN)
    data["answers"] = answers_for({"architect": 4})
    parsed = parse_rating(data, INST)
    scores = score_scales(parsed.answers, INST)
    assert scores["architect"].enough and not scores["facilitator"].enough


@pytest.mark.parametrize(
    "raw, error",
    [
        (b"\xff\xfe not text", RatingFileError),
        (b"not json", RatingFileError),
        (b"[1, 2, 3]", RatingFileError),
        (json.dumps({"answers": {}}).encode(), RatingFileError),
        (json.dumps(payload(EVEN, rater_kind="boss")).encode(), RatingFileError),
    ],
)
def test_unreadable_rating_files_are_refused(raw, error):
    """Is a file that is not a rating refused with a RatingFileError?"""
    with pytest.raises(error):
        parse_rating_file(raw, INST)


def test_an_oversized_rating_file_is_refused_before_parsing():
    """Is a file over the size limit refused without being read?"""
    with pytest.raises(FileTooLargeError):
        parse_rating_file(b" " * 2048, INST, max_bytes=1024)


def test_a_rating_file_round_trips():
    """Does a rating written as JSON bytes parse back to the same answers?"""
    data = payload({"facilitator": 2, "architect": 5, "integrator": 4})
    parsed = parse_rating_file(json.dumps(data).encode(), INST, subject="share-123")
    assert parsed.answers == data["answers"]


def test_error_messages_speak_to_the_participant():
    """Are rating errors PlaybookErrors whose messages carry no Python jargon?"""
    bad = [
        payload(EVEN, instrument_version="x"),
        payload(EVEN, subject="other"),
        {**payload(EVEN), "answers": {"fac_mediate": 9}},
        "nonsense",
    ]
    for data in bad:
        with pytest.raises(PlaybookError) as err:
            parse_rating(data, INST, subject="share-123")
        message = str(err.value)
        assert message[0].isupper() and message.endswith(".")
        assert "pydantic" not in message and "Traceback" not in message


# ---- the stored section, pages and progress -------------------------------------------------


def test_an_empty_section_is_a_fresh_start():
    """Is a missing section parsed as no answers on page 0?"""
    section = parse_section(None, INST)
    assert section.answers == {} and section.forced_choice == {} and section.page == 0
    assert section.instrument_version == VERSION


def test_a_stored_off_scale_answer_is_refused():
    """Is a stored section with an off-scale answer refused rather than scored?"""
    with pytest.raises(AnswerError):
        parse_section({"answers": {"fac_mediate": 8}}, INST)


def test_a_section_from_an_older_version_keeps_the_answers_that_still_apply():
    """After a coach edits the items, are answers to removed items dropped, others kept?"""
    section = parse_section(
        {
            "instrument_version": "leadership-0.9",
            "answers": {"fac_mediate": 4, "old_item": 2},
            "forced_choice": {"fc_old": list(STYLES)},
            "page": 3,
        },
        INST,
    )
    assert section.answers == {"fac_mediate": 4}
    assert section.forced_choice == {} and section.page == 3


def test_progress_counts_not_sure_as_answered():
    """Does 'not sure' count as answered in the progress indicator?"""
    section = LeadershipSection(
        answers={"fac_mediate": 0, "arc_tracking": 4}, forced_choice={"fc_start": list(STYLES)}
    )
    p = progress(section, INST)
    assert (p.answered, p.total) == (3, len(INST.items) + len(INST.forced_choice))
    assert str(p) == f"3 / {p.total} answered" and not p.complete


def test_pages_cover_everything_once_in_short_pages():
    """Do the pages show every item and block exactly once, at most 6 per page?"""
    all_pages = pages(INST)
    flat = [x for page in all_pages for x in page]
    assert sorted(flat) == sorted([i.id for i in INST.items] + [b.id for b in INST.forced_choice])
    assert all(1 <= len(page) <= 6 for page in all_pages)


def test_items_are_interleaved_across_styles():
    """Does no page show two items of the same style next to each other?"""
    order = presentation_order(INST)
    styles = [INST.item(i).style for i in order]
    assert all(a != b for a, b in zip(styles, styles[1:], strict=False))


def test_assess_complete_answers_gives_primary_secondary_and_advice():
    """Do complete answers give a primary, a secondary and that combination's advice?"""
    section = LeadershipSection(
        answers=answers_for({"facilitator": 4, "architect": 5, "integrator": 2}),
        forced_choice={b.id: list(STYLES) for b in INST.forced_choice},
    )
    result = assess(section, INST)
    assert (result.ranking.primary, result.ranking.secondary) == ("architect", "facilitator")
    assert result.advice is INST.advice_for("architect", "facilitator")
    assert result.adaptability == pytest.approx(100 - (100 - 25))
    assert result.progress.complete and result.message == ""


def test_assess_partial_answers_explains_what_is_missing():
    """Does a partly answered instrument give scores where possible and a message otherwise?"""
    section = LeadershipSection(answers=answers_for({"facilitator": 4}))
    result = assess(section, INST)
    assert result.ranking is None and result.advice is None
    assert result.scores["facilitator"].enough
    assert "Architect" in result.message and "Integrator" in result.message


# ---- Cronbach's alpha, against pingouin -------------------------------------------------------


def simulated_workbooks(n: int, seed: int, missing: float = 0.0) -> list[dict[str, int]]:
    """n respondents with one latent level per style; reverse items stored reversed."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        latent = dict(zip(STYLES, rng.normal(0, 1, 3), strict=True))
        answers = {}
        for item in INST.items:
            k = int(np.clip(np.rint(3 + latent[item.style] + rng.normal(0, 0.8)), 1, 5))
            value = 6 - k if item.reverse else k
            answers[item.id] = 0 if rng.random() < missing else value
        out.append(answers)
    return out


def test_alpha_matches_pingouin_on_complete_simulated_workbooks():
    """Do alpha and its 95% interval match pingouin.cronbach_alpha on the same data?"""
    workbooks = simulated_workbooks(40, seed=3)
    for style, result in scale_alphas(workbooks, INST).items():
        frame = pd.DataFrame(item_matrix(workbooks, INST, style))
        reference, ci = pingouin.cronbach_alpha(frame)
        assert result.alpha == pytest.approx(reference, abs=1e-12), style
        assert np.round(result.ci95, 3) == pytest.approx(ci)
        assert result.alpha > 0.8  # one latent level per style: the items hang together


@pytest.mark.parametrize("policy", ["pairwise", "listwise"])
def test_alpha_matches_pingouin_with_not_sure_answers(policy):
    """With 'not sure' answers as missing, does alpha match pingouin's pairwise and listwise?"""
    workbooks = simulated_workbooks(60, seed=11, missing=0.05)
    for style, result in scale_alphas(workbooks, INST, nan_policy=policy).items():
        frame = pd.DataFrame(item_matrix(workbooks, INST, style))
        reference, _ = pingouin.cronbach_alpha(frame, nan_policy=policy)
        assert result.alpha == pytest.approx(reference, abs=1e-12), (style, policy)


def test_reverse_keying_is_applied_before_alpha():
    """Is alpha computed on keyed values (reversed items flipped back), not raw answers?"""
    workbooks = simulated_workbooks(40, seed=5)
    keyed_alpha = scale_alphas(workbooks, INST)["architect"].alpha
    items = INST.items_of("architect")
    raw = pd.DataFrame([[w[i.id] for i in items] for w in workbooks])
    raw_alpha, _ = pingouin.cronbach_alpha(raw)
    assert keyed_alpha > 0.8 > raw_alpha


def test_alpha_across_workbook_records_matches_pingouin():
    """Across a set of workbook records, does alpha per scale match pingouin on the same data,
    with records lacking a leadership section set aside?"""
    workbooks = simulated_workbooks(30, seed=21)
    records = [{"schema_version": 2, "sections": {"leadership": {"answers": w}}} for w in workbooks]
    records += [
        {"schema_version": 2, "sections": {"career": {}}},
        {"sections": {"leadership": {"answers": {"fac_mediate": 9}}}},
    ]
    answer_sets, skipped = answers_from_records(records, INST)
    assert len(answer_sets) == 30 and skipped == 2
    for style, result in workbook_alphas(records, INST).items():
        reference, _ = pingouin.cronbach_alpha(pd.DataFrame(item_matrix(workbooks, INST, style)))
        assert result.alpha == pytest.approx(reference, abs=1e-12)
        assert result.n_respondents == 30


# ---- charts ----------------------------------------------------------------------------------


def test_radar_has_self_and_mentor_outlines_closed():
    """Does the radar draw a closed outline for the participant and one for the mentor?"""
    me = score_scales(answers_for({"facilitator": 4, "architect": 5, "integrator": 2}), INST)
    comparison = compare_raters(me, [rating(EVEN)], INST)
    fig = radar_chart(INST, me, {k: g.scores for k, g in comparison.groups.items()})
    assert isinstance(fig, go.Figure)
    assert [t.name for t in fig.data] == ["You", "Your mentor's view"]
    you = fig.data[0]
    assert you.r == (75.0, 100.0, 25.0, 75.0)
    assert you.theta[0] == you.theta[-1] == "Facilitator"
    assert fig.layout.polar.radialaxis.range == (0, 100)


def test_radar_marks_a_scale_without_enough_answers():
    """Is a style without a score left off the outline and named in the hover text?"""
    me = score_scales(answers_for({"facilitator": 4, "architect": 4}), INST)
    fig = radar_chart(INST, me)
    assert fig.data[0].r[2] is None
    assert fig.data[0].text[2] == "not enough answers"


def test_gap_chart_shows_flags_and_threshold_lines():
    """Does the gap chart label flagged bars and draw the threshold on both sides?"""
    me = score_scales(answers_for({"facilitator": 3, "architect": 5, "integrator": 2}), INST)
    comparison = compare_raters(
        me, [rating({"facilitator": 3, "architect": 2, "integrator": 5})], INST
    )
    fig = gap_chart(INST, comparison)
    assert "blind spot" in fig.data[0].text[1]
    assert "hidden strength" in fig.data[0].text[2]
    assert {s.x0 for s in fig.layout.shapes} == {
        -INST.thresholds.gap_threshold,
        INST.thresholds.gap_threshold,
    }


# ---- doctests --------------------------------------------------------------------------------


@pytest.mark.parametrize("module", [lead, charts_mod], ids=lambda m: m.__name__)
def test_docstring_examples_run(module):
    """Do the docstring examples of the module still hold?"""
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert tried > 0 and failures == 0
