"""The career-path navigator's rules (playbook.career)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook.career import (
    PATH_IDS,
    CareerSection,
    assess,
    explain_change,
    explain_gap,
    leaders,
    load_content,
    score_paths,
    what_would_change,
)
from playbook.errors import InputError

C = load_content()
CREATIVE = {
    "standardization": "adhoc",
    "work_type": "creative",
    "transition": "major",
    "cross_functional": "most",
}
INDUSTRIAL = {
    "standardization": "high",
    "tech_stability": "stable",
    "work_type": "industrial",
    "demand": "precision",
}
COMPLEX = {
    "stakeholders": "many",
    "complexity": "complex",
    "demand": "both",
    "tech_stability": "frequent",
}


def test_score_is_scaled_between_the_answered_questions_extremes():
    """Is a path's score 100 * (got - min) / (max - min) over the answered questions only?"""
    s = score_paths(C.context_questions, {"standardization": "mostly", "transition": "major"})
    # technical_specialist: weights standardization (2,1,0,-1) chosen 1; transition (1,0,-1) chosen -1
    assert s["technical_specialist"].score == pytest.approx(100 * (0 - (-2)) / (3 - (-2)), abs=0.05)
    # community_builder: (-1,0,1,2) chosen 0; (0,1,2) chosen 2 -> (2 - -1) / (4 - -1)
    assert s["community_builder"].score == pytest.approx(60.0)


def test_unanswered_questions_neither_help_nor_hurt():
    """Is every score None with no answers, and unchanged by questions left blank?"""
    assert all(v.score is None for v in score_paths(C.context_questions, {}).values())
    one = score_paths(C.context_questions, {"work_type": "creative"})
    assert one["community_builder"].score == 100.0


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (CREATIVE, "community_builder"),
        (INDUSTRIAL, "technical_specialist"),
        (COMPLEX, "hybrid_integrator"),
    ],
)
def test_the_article_environments_recommend_the_article_paths(answers, expected):
    """Does each environment the article names recommend the path it names for it?"""
    a = assess(CareerSection(context=answers), C)
    assert a.recommended == [expected]


def test_recommendation_follows_environment_not_preference():
    """Does a strong preference for another path leave the recommendation unchanged?"""
    without = assess(CareerSection(context=CREATIVE), C)
    pref = {
        "energy": "tools",
        "asked_for": "answers",
        "three_years": "expert",
        "preferred_path": "technical_specialist",
    }
    with_pref = assess(CareerSection(context=CREATIVE, preference=pref), C)
    assert with_pref.recommended == without.recommended == ["community_builder"]
    assert with_pref.preferred == ["technical_specialist"]
    assert with_pref.agrees is False
    assert (
        with_pref.gap["technical_specialist"] == 100.0 - with_pref.fit["technical_specialist"].score
    )
    assert "choose by environment" in explain_gap(C, with_pref)


def test_no_recommendation_below_the_minimum_of_answers():
    """Below min_context_answers, is there no recommendation and a count of what is missing?"""
    a = assess(CareerSection(context={"work_type": "creative"}), C)
    assert not a.enough and a.recommended == []
    assert C.thresholds.min_context_answers - 1 == 3


def test_ties_are_reported_as_ties():
    """Do equal top scores name every tied path, in content order?"""
    from playbook.career import PathScore

    scores = {p: PathScore(p, 50.0, ()) for p in PATH_IDS}
    assert leaders(scores) == list(PATH_IDS)


def test_what_would_change_is_minimal_and_correct():
    """Does each proposed change really put that path alone in first place, and is there no
    smaller one?"""
    changes = what_would_change(C, CREATIVE)
    assert {ch.path for ch in changes} >= {"technical_specialist", "hybrid_integrator"}
    for ch in changes:
        trial = dict(CREATIVE)
        for qid, old, new in ch.edits:
            assert trial[qid] == old
            trial[qid] = new
        assert leaders(score_paths(C.context_questions, trial)) == [ch.path]
        if len(ch.edits) == 2:  # then no single edit may work
            for qid in CREATIVE:
                for opt in C.question(qid).options:
                    single = dict(CREATIVE, **{qid: opt.id})
                    assert leaders(score_paths(C.context_questions, single)) != [ch.path]
        assert explain_change(C, ch).startswith(C.path(ch.path).name)


def test_unknown_answers_are_refused_with_a_message():
    """Does an answer naming an unknown question or option raise InputError?"""
    with pytest.raises(InputError, match="lacks"):
        assess(CareerSection(context={"nope": "x"}), C)
    with pytest.raises(InputError, match="not an answer"):
        assess(CareerSection(context={"work_type": "x"}), C)


def test_diversification_needs_three_areas():
    """Is the diversification check met at three areas, counting the participant's own?"""
    a = assess(CareerSection(areas=["budgeting", "team_development"]), C)
    assert not a.diversified and a.areas_needed == 3
    a = assess(
        CareerSection(areas=["budgeting", "team_development"], own_areas=["Union negotiations"]), C
    )
    assert a.diversified and "Union negotiations" in a.areas


def test_own_areas_are_cleaned_and_deduplicated():
    """Are own areas trimmed, deduplicated case-insensitively and limited in length?"""
    assert CareerSection(own_areas=["  Live  tech ", "live tech", ""]).own_areas == ["Live tech"]
    with pytest.raises(ValueError):
        CareerSection(own_areas=["x" * 81])


def test_claims_are_attributed():
    """Is every claim quoted as the playbook's report, not as a fact?"""
    for claim in C.claims:
        assert claim.text.startswith("The playbook reports")
    assert "not verified" in C.disclaimer and "no prediction" in C.disclaimer


answers_strategy = st.fixed_dictionaries(
    {},
    optional={q.id: st.sampled_from([o.id for o in q.options]) for q in C.context_questions},
)


@settings(deadline=None)  # timing varies on a loaded 2-core machine; correctness does not
@given(answers_strategy)
def test_scores_stay_in_range_and_recommendation_is_a_leader(answers):
    """For any answers, are scores within 0-100 and the recommendation among the leaders?"""
    a = assess(CareerSection(context=answers), C)
    for p in PATH_IDS:
        s = a.fit[p].score
        assert s is None or 0 <= s <= 100
    if a.enough:
        assert a.recommended == leaders(a.fit)
