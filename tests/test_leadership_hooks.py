"""The leadership domain's hooks (playbook/leadership/standing.py and digest.py): "Where I
stand", the suggestions, the cohort's digest, tables and scale reliabilities, each compared
with what the development plan and the cohort view give through the registry and with the
literal values."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from playbook import cohort, plan
from playbook.cohort.tables import Tables
from playbook.contract import AlphaRow, Standing
from playbook.errors import PlaybookError
from playbook.leadership import DOMAIN, AnswerError, assess, load_content, parse_section
from playbook.leadership.digest import LeadershipDigest, aggregate, alpha_rows, digest
from playbook.leadership.standing import standing, suggest
from playbook.plan.suggest import Maker
from tests.test_cohort_records import make_record

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_workbook.json"
INST = load_content()
COHORT = cohort.load_content()


def demo_leadership() -> dict[str, Any]:
    return json.loads(DEMO.read_bytes())["sections"]["leadership"]


def plan_standing(data: dict[str, Any]) -> Standing:
    """The leadership line of "Where I stand" as the development plan gives it."""
    rows = plan.standings(plan.gather({"leadership": data}))
    (row,) = [r for r in rows if r.section == "leadership"]
    return Standing(row.state, row.lines, row.todo)


def leadership_digests(records: Sequence[dict[str, Any]]) -> list[LeadershipDigest | None]:
    """One digest a record, ``None`` where the section is not begun or not readable (as the
    cohort view hands them to ``aggregate``)."""
    out: list[LeadershipDigest | None] = []
    for r in records:
        data = r["sections"].get("leadership")
        if not (isinstance(data, dict) and any(bool(v) for v in data.values())):
            out.append(None)
            continue
        try:
            out.append(digest(data, INST))
        except (PlaybookError, ValueError):  # as the cohort view catches them
            out.append(None)
    return out


def test_the_domain_has_its_hooks():
    """Does DOMAIN carry the four hooks of this package?"""
    assert (DOMAIN.standing, DOMAIN.suggest, DOMAIN.digest, DOMAIN.aggregate) == (
        standing,
        suggest,
        digest,
        aggregate,
    )


# ---- Where I stand ---------------------------------------------------------------------------


def test_standing_on_the_demo_workbook():
    """Does "Where I stand" say the demo's styles and its three mentor gaps?"""
    result = assess(parse_section(demo_leadership(), INST), INST)
    got = standing(result, INST)
    assert got == Standing(
        "done",
        (
            "Primary style: Architect; secondary: Integrator.",
            "Your mentor rates your Facilitator side 25 points higher than you do.",
            "Your mentor rates your Architect side 25 points lower than you do.",
            "Your mentor rates your Integrator side 50 points lower than you do (blind spot).",
        ),
        "",
    )
    assert got == plan_standing(demo_leadership())


def test_standing_before_and_during_the_answers():
    """Not started without answers; in progress, with the reason, before every style has a
    score; no mentor gaps without a mentor's rating."""
    empty_data: dict[str, Any] = {}
    few_data = {"answers": {"fac_mediate": 4}}
    empty = assess(parse_section(empty_data, INST), INST)
    assert standing(empty, INST) == Standing("not started", (), "Rate the leadership statements.")
    assert standing(None, None) == Standing("not started", (), "Rate the leadership statements.")
    few = assess(parse_section(few_data, INST), INST)
    got = standing(few, INST)
    assert got.state == "in progress" and got.lines == () and got.todo == few.message
    assert got.todo.startswith("Your primary style needs a score for every style")
    answers = {i.id: 2 if i.reverse else 4 for i in INST.items}
    alone_data = {"answers": answers}
    alone = assess(parse_section(alone_data, INST), INST)
    assert standing(alone, INST).lines == (
        "Primary style: Facilitator; secondary: Architect.",
        "No mentor's rating imported yet, so no mentor gaps.",
    )
    for r, data in ((empty, empty_data), (few, few_data), (alone, alone_data)):
        assert standing(r, INST) == plan_standing(data)


# ---- Suggestions -----------------------------------------------------------------------------


def test_suggestions_on_the_demo_workbook():
    """A blind spot to talk through, and a pilot for the primary style."""
    content = plan.load_content()
    result = assess(parse_section(demo_leadership(), INST), INST)
    got = suggest(result, INST, Maker(content))
    assert [(s.key, s.workbooks) for s in got] == [
        ("blind_spot:integrator", ("leadership",)),
        ("style_to_pilot:architect", ("leadership", "pilots")),
    ]
    assert got[0].text == (
        "Your mentor rates your Integrator side 50 points lower than you do: a blind spot to "
        "talk through with them."
    )
    assert got[0].goal == "Ask my mentor for two examples of my Integrator side, and act on one"
    assert got[1].goal == (
        "Pilot: a flexibility buffer in one production's schedule, measured by timeline adherence"
    )
    assert got[1].text.startswith("Your primary style is Architect. The playbook suggests")
    assert got == plan.suggest(plan.gather({"leadership": demo_leadership()}), content)


def test_no_suggestion_without_a_ranking():
    """Too few answers: no primary style and no mentor gap, so nothing to suggest."""
    result = assess(parse_section({"answers": {"fac_mediate": 4}}, INST), INST)
    assert suggest(result, INST, Maker(plan.load_content())) == []


# ---- The cohort ------------------------------------------------------------------------------


def test_digest_of_the_demo_workbook():
    """Ids and numbers only: the styles, the flagged mentor gap and the numeric answers."""
    data = demo_leadership()
    d = digest(data, INST)
    assert (d.primary, d.secondary, d.mentor_flags) == (
        "architect",
        "integrator",
        (("integrator", "blind_spot"),),
    )
    assert d.answers == data["answers"] and len(d.answers) == 27
    assert all(type(v) is int for v in d.answers.values())
    assert d.answers["arc_design_systems"] == 5 and d.answers["int_own_area"] == 2
    assert (
        cohort.digest({"sections": {"leadership": data}}, cohort.Contents()).parts["leadership"]
        == d
    )


def test_an_unreadable_section_is_an_error_for_the_cohort_to_count():
    """Does a section with an off-scale answer raise (the cohort counts it as a problem)?"""
    with pytest.raises(AnswerError, match="not on the scale"):
        digest({"answers": {"fac_mediate": 9}}, INST)


def test_aggregate_on_the_demo_workbook_alone():
    """One workbook: every group is under the minimum, so hidden, and alpha withheld."""
    tables = Tables(COHORT)
    aggregate([digest(demo_leadership(), INST), None], INST, tables)
    styles, gaps = tables.tables
    assert (styles.id, styles.rows, styles.hidden) == ("styles", (), 2)
    assert (gaps.id, gaps.rows, gaps.hidden) == ("mentor_gaps", (), 1)
    assert [(a.style, a.alpha, a.n_workbooks, a.n_items) for a in tables.alphas] == [
        ("facilitator", None, 1, 9),
        ("architect", None, 1, 9),
        ("integrator", None, 1, 9),
    ]
    assert (
        tables.alphas[0].reason
        == "shown from 20 workbooks with leadership answers, a default of this workbook (1 so far)"
    )


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return [make_record(seed) for seed in range(40)]


def test_aggregate_gives_the_cohorts_tables_on_generated_records(records):
    """On 40 generated workbooks, are the styles and mentor-gap tables the cohort's?"""
    tables = Tables(COHORT)
    aggregate(leadership_digests(records), INST, tables)
    styles, gaps = tables.tables
    assert styles.header == ("Style", "Role", "Workbooks") and styles.count_column == 2
    assert gaps.note.startswith("From mentors' ratings kept in the workbooks")
    summary = cohort.summarize(records, COHORT)
    assert tables.tables == [summary.table("styles"), summary.table("mentor_gaps")]
    assert (styles.rows, styles.hidden, gaps.rows, gaps.hidden) == LITERAL_TABLES


#: What the tables above showed on the 40 generated workbooks (seeds 0-39).
LITERAL_TABLES: tuple[Any, ...] = (
    (
        ("Facilitator", "primary", 18),
        ("Architect", "primary", 10),
        ("Integrator", "primary", 8),
        ("Facilitator", "secondary", 10),
        ("Architect", "secondary", 11),
        ("Integrator", "secondary", 15),
    ),
    0,
    (
        ("Facilitator", "blind spot", 7),
        ("Architect", "blind spot", 4),
        ("Architect", "hidden strength", 4),
    ),
    3,
)


def test_alpha_rows_are_the_cohorts_above_and_below_the_minimum(records):
    """Is each scale's alpha the cohort's (rounded to 3 places) from 20 workbooks with
    leadership answers, and withheld, with the same reason, from 19?"""
    with_answers = [r for r in records if "leadership" in r["sections"]]
    least = COHORT.min_alpha_workbooks
    assert least == 20
    for n in (19, 20, 25):
        tables = Tables(COHORT)
        aggregate(leadership_digests(with_answers[:n]), INST, tables)
        assert tuple(tables.alphas) == cohort.alpha_rows(with_answers[:n], cohort.Contents(), least)
        assert tuple(tables.alphas) == LITERAL_ALPHAS[n]


#: What the rows above showed (the generated workbooks with leadership answers).
_WITHHELD = (
    "shown from 20 workbooks with leadership answers, a default of this workbook (19 so far)"
)
LITERAL_ALPHAS: dict[int, tuple[AlphaRow, ...]] = {
    19: tuple(
        AlphaRow(s, None, 19, 9, _WITHHELD) for s in ("facilitator", "architect", "integrator")
    ),
    20: (
        AlphaRow("facilitator", 0.929, 20, 9),
        AlphaRow("architect", 0.87, 20, 9),
        AlphaRow("integrator", 0.838, 20, 9),
    ),
    25: (
        AlphaRow("facilitator", 0.946, 25, 9),
        AlphaRow("architect", 0.885, 25, 9),
        AlphaRow("integrator", 0.882, 25, 9),
    ),
}


def test_alpha_rows_count_the_workbooks_with_answers():
    """From digests' answers alone: withheld below the minimum, with the count so far."""
    rows = alpha_rows([{}] * 3, INST, 20)
    assert [r.n_workbooks for r in rows] == [3, 3, 3]
    assert (
        rows[0].reason
        == "shown from 20 workbooks with leadership answers, a default of this workbook (3 so far)"
    )
