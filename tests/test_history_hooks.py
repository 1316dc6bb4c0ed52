"""The history hooks of the career, leadership and plan domains (issue 20): what a result
keeps in a snapshot, and the sentences of what moved, read through the registry."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook.contract import domain
from playbook.history import Snapshot, since_last_time, since_quarter

CAREER = {
    "standardization": "adhoc",
    "work_type": "creative",
    "transition": "major",
    "cross_functional": "most",
}
SPECIALIST = {
    "standardization": "high",
    "tech_stability": "stable",
    "work_type": "industrial",
    "transition": "none",
}


def _leadership_answers(levels: dict[str, int]) -> dict[str, int]:
    inst = domain("leadership").load_content()
    return {i.id: 6 - levels[i.style] if i.reverse else levels[i.style] for i in inst.items}


ARCHITECT = {"facilitator": 3, "architect": 5, "integrator": 4}
FACILITATOR = {"facilitator": 5, "architect": 3, "integrator": 4}


def _result(section: str, data: dict):
    d = domain(section)
    content = d.load_content()
    return d, d.assess(d.parse_section(data), content), content


#: Each domain: a section too incomplete for a snapshot, one result, and another.
CASES = {
    "career": ({"context": {"transition": "major"}}, {"context": SPECIALIST}, {"context": CAREER}),
    "leadership": (
        {"answers": {"fac_mediate": 4}},
        {"answers": _leadership_answers(ARCHITECT)},
        {"answers": _leadership_answers(FACILITATOR)},
    ),
    "plan": (
        {"elements": {"technical_precision": 5}},
        {
            "elements": {
                "technical_precision": 5,
                "emotional_intelligence": 2,
                "strategic_foresight": 3,
            }
        },
        {
            "elements": {
                "technical_precision": 4,
                "emotional_intelligence": 4,
                "strategic_foresight": 3,
            }
        },
    ),
}


@pytest.mark.parametrize("section", sorted(CASES))
def test_a_result_is_kept_only_once_complete(section):
    """Is there no snapshot of a result too incomplete to read, and numbers and ids (no free
    text) once there is one?"""
    incomplete, complete, _ = CASES[section]
    d, r, c = _result(section, incomplete)
    assert d.snapshot(r, c) is None
    d, r, c = _result(section, complete)
    values = d.snapshot(r, c)
    assert values and all(isinstance(v, int | float | str | None) for v in values.values())
    Snapshot(day=dt.date(2026, 1, 5), values=values)  # within the snapshot's bounds


@pytest.mark.parametrize("section", sorted(CASES))
def test_the_same_result_has_nothing_to_say_and_another_says_what_moved(section):
    """Are there no sentences between a result and itself, and some between two results?"""
    _, first, second = CASES[section]
    d, r1, c = _result(section, first)
    _, r2, _ = _result(section, second)
    v1, v2 = d.snapshot(r1, c), d.snapshot(r2, c)
    assert d.changes(v1, v1, c) == []
    assert d.changes(v1, v2, c) and d.changes(v2, v1, c)


def test_the_career_sentences_say_the_path_and_the_fits():
    """Do the career sentences name the paths and each fit that moved, with its sign?"""
    d, r1, c = _result("career", {"context": SPECIALIST})
    _, r2, _ = _result("career", {"context": CAREER})
    lines = d.changes(d.snapshot(r1, c), d.snapshot(r2, c), c)
    assert lines[0] == (
        "Your environment called for Technical Specialist; now it calls for Community Builder."
    )
    assert "Technical Specialist: fit 100 → 0 (-100)." in lines
    assert any(x.startswith("Community Builder: fit ") and "(+" in x for x in lines)


def test_the_leadership_sentences_say_the_styles_and_scores():
    """Do the leadership sentences name the primary style that changed and each score?"""
    d, r1, c = _result("leadership", {"answers": _leadership_answers(ARCHITECT)})
    _, r2, _ = _result("leadership", {"answers": _leadership_answers(FACILITATOR)})
    lines = d.changes(d.snapshot(r1, c), d.snapshot(r2, c), c)
    assert lines == [
        "Your primary style was Architect; now it is Facilitator.",
        "Facilitator: 50 → 100 (+50).",
        "Architect: 100 → 50 (-50).",
    ]


def test_a_coachs_wording_is_used(content_dir):
    """Does a coach's own sentence in career_paths.yaml reach the participant?"""
    from playbook.content import content_path

    text = content_path("career_paths").read_text(encoding="utf-8")
    text = text.replace(
        'fit: "{path}: fit {before} → {now} ({delta})."', 'fit: "{path} went {before}→{now}."'
    )
    (content_dir / "career_paths.yaml").write_text(text, encoding="utf-8")
    d, r1, c = _result("career", {"context": SPECIALIST})
    _, r2, _ = _result("career", {"context": CAREER})
    assert "Technical Specialist went 100→0." in d.changes(d.snapshot(r1, c), d.snapshot(r2, c), c)


junk = st.dictionaries(
    st.sampled_from(
        [
            "recommended",
            "preferred",
            "primary",
            "secondary",
            "fit.community_builder",
            "score.architect",
            "element.technical_precision",
            "other",
        ]
    ),
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["architect", "community_builder", "a+b", "+", "", "technical_specialist+x"])
    | st.text(max_size=8),
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(CASES)), junk, st.booleans())
def test_the_sentences_never_fail_on_what_a_restored_file_holds(section, values, first):
    """With any values a restored workbook file may hold on one side, do ``changes`` give
    sentences (or none), never an error?"""
    _, complete, _ = CASES[section]
    d, r, c = _result(section, complete)
    now = d.snapshot(r, c)
    lines = d.changes(values, now, c) if first else d.changes(now, values, c)
    assert all(isinstance(x, str) and x for x in lines)


def test_since_last_time_and_last_quarter_through_the_registry():
    """From a section with a snapshot a quarter old, does "since last time" name its day and
    say what moved, and "since last quarter" the same for a day near a quarter later?"""
    d = domain("career")
    c = d.load_content()
    _, old, _ = _result("career", {"context": SPECIALIST})
    snap = Snapshot(day=dt.date(2026, 1, 5), values=d.snapshot(old, c))
    section = d.parse_section({"context": CAREER, "history": [snap.model_dump(mode="json")]})
    result = d.assess(section, c)
    moved = since_last_time(d, section.history, result, c)
    assert moved is not None and moved.title == "Since last time (5 Jan 2026)"
    assert moved.day == dt.date(2026, 1, 5) and moved.lines[0].startswith("Your environment")
    quarter = since_quarter(d, section.history, result, c, dt.date(2026, 4, 6))
    assert quarter is not None and quarter.title == "Since last quarter (5 Jan 2026)"
    assert quarter.lines == moved.lines
    # nothing to compare before the first retake: the note says when there will be
    first = since_last_time(d, (), result, c)
    assert first is not None and first.day is None and "28 days" in first.lines[0]
    assert since_quarter(d, (), result, c, dt.date(2026, 4, 6)) is None


@pytest.mark.parametrize("section", ["career", "leadership"])
def test_the_cohort_reads_the_latest_result_only(section):
    """Is a workbook's cohort digest the same with or without earlier snapshots (the cohort
    view counts the latest result only)?"""
    _, first, second = CASES[section]
    d, old, c = _result(section, first)
    snap = Snapshot(day=dt.date(2026, 1, 5), values=d.snapshot(old, c)).model_dump(mode="json")
    assert d.digest({**second, "history": [snap]}, c) == d.digest(second, c)
