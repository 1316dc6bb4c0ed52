"""The career navigator's hooks (playbook/career/standing.py and digest.py): "Where I stand",
the plan's suggestions, the cohort's digest and tables, on the demo workbook and on generated
workbooks."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import playbook.cohort as cohort
import playbook.plan as pn
from playbook import career
from playbook.cohort.tables import Tables
from playbook.plan.suggest import Maker
from tests.test_cohort_records import make_record

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_workbook.json"
CONTENT = career.load_content()


def demo_career() -> dict[str, Any]:
    return json.loads(DEMO.read_bytes())["sections"]["career"]


def plan_standing(data: dict[str, Any] | None) -> tuple[Any, ...]:
    """The career's line of "Where I stand" as the development plan gives it."""
    (row,) = [r for r in pn.standings(pn.gather({"career": data})) if r.section == "career"]
    return row.state, row.lines, row.todo


def shown(tables: list[cohort.Table]) -> list[tuple[Any, ...]]:
    """Each table as (id, title, header, rows, hidden, count column, note)."""
    return [(t.id, t.title, t.header, t.rows, t.hidden, t.count_column, t.note) for t in tables]


def cohort_tables(datas: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """The career tables of the cohort view over workbooks of these career sections."""
    c = cohort.summarize([{"sections": {"career": d}} for d in datas], cohort.load_content())
    return shown([c.table(i) for i in ("paths", "career_gaps", "career_agree")])


def test_standing_on_the_demo_workbook():
    """Does "Where I stand" say the demo's recommendation, preference gap and areas?"""
    a = career.assess(career.parse_section(demo_career()), CONTENT)
    got = career.standing(a, CONTENT)
    assert (got.state, got.lines, got.todo) == plan_standing(demo_career())
    assert got.state == "done" and got.todo == ""
    assert got.lines == (
        "Your environment calls for the Hybrid Integrator path (fit 94/100).",
        "You prefer Technical Specialist: a gap of 57 points.",
        "Adjacent areas: Budgeting, Technology integration (2 of 3).",
    )


def test_standing_before_any_answer():
    """Is a section never saved, or saved without answers, "not started"?"""
    empty = career.CareerSection()
    for result, data in ((None, None), (career.assess(empty, CONTENT), career.dump_section(empty))):
        got = career.standing(result, CONTENT)
        assert (got.state, got.lines) == ("not started", ())
        assert got.todo == "Answer the questions about your environment and preference."
        assert (got.state, got.lines, got.todo) == plan_standing(data)


def test_suggestions_on_the_demo_workbook():
    """Does the demo suggest the path gap and an adjacent skill, worded by the plan's rules?"""
    a = career.assess(career.parse_section(demo_career()), CONTENT)
    content = pn.load_content()
    got = career.suggest(a, CONTENT, Maker(content))
    via_plan = pn.suggest(pn.gather({"career": demo_career()}), content)
    assert [dataclasses.astuple(s) for s in got] == [dataclasses.astuple(s) for s in via_plan]
    assert [s.key for s in got] == [
        "path_gap:hybrid_integrator-technical_specialist",
        "adjacent_skill:2",
    ]
    assert got[0].text == (
        "Your environment calls for the Hybrid Integrator path, and you lean towards Technical "
        "Specialist. The playbook says to choose from the organizational context, not preference."
    )
    assert got[0].goal == "Take one step towards the Hybrid Integrator path in my current role"
    assert got[1].goal == "Build a working skill in Team development"
    assert got[1].workbooks == ("career",)


def test_digest_on_the_demo_workbook():
    """Is the demo's digest its recommendation, disagreement and the three gaps?"""
    got = career.digest(demo_career(), CONTENT)
    record = {"sections": {"career": demo_career()}}
    assert cohort.digest(record, cohort.Contents()).parts["career"] == got
    assert got == career.CareerDigest(
        recommended="hybrid_integrator",
        agrees=False,
        gaps={"technical_specialist": 56.8, "community_builder": -64.0, "hybrid_integrator": -69.1},
    )


def test_the_digest_matches_career_assess_on_generated_workbooks():
    """Does the digest (recommend, without the search of answer changes) give career.assess's
    recommendation, agreement and gaps, on generated workbooks?"""
    for seed in range(15):
        data = make_record(seed)["sections"]["career"]
        a = career.assess(career.parse_section(data), CONTENT)
        d = career.digest(data, CONTENT)
        expected = (
            (a.recommended[0] if len(a.recommended) == 1 else "tie") if a.recommended else None
        )
        assert d.recommended == expected
        assert d.agrees == a.agrees
        assert d.gaps == {p: g for p, g in a.gap.items() if g is not None}


def test_aggregate_on_the_demo_workbook():
    """Do three demo workbooks (and one not begun) give the cohort's three career tables?"""
    data = demo_career()
    digests = [career.digest(data, CONTENT)] * 3 + [None]
    tables = Tables(cohort.load_content())
    career.aggregate(digests, CONTENT, tables)
    assert shown(tables.tables) == cohort_tables([data] * 3 + [{}])
    band = f"{tables.content.gap_band_points:g}"
    assert shown(tables.tables) == [
        (
            "paths",
            "Recommended career paths (by the environment)",
            ("Path", "Workbooks"),
            (("Hybrid Integrator", 3),),
            0,
            1,
            "",
        ),
        (
            "career_gaps",
            "Preference against the environment's fit, per path",
            ("Path", "Gap", "Workbooks"),
            (
                ("Technical Specialist", f"Preference above fit by more than {band} points", 3),
                ("Community Builder", f"Preference below fit by more than {band} points", 3),
                ("Hybrid Integrator", f"Preference below fit by more than {band} points", 3),
            ),
            0,
            2,
            "",
        ),
        (
            "career_agree",
            "Preference and environment point to the same path",
            ("Preference and environment", "Workbooks"),
            (("Differ", 3),),
            0,
            1,
            "",
        ),
    ]


def test_aggregate_on_generated_workbooks_matches_the_cohorts_tables():
    """Do the tables of 40 generated workbooks match the cohort view's own career tables?"""
    datas = [make_record(seed)["sections"]["career"] for seed in range(40)]
    tables = Tables(cohort.load_content())
    career.aggregate([career.digest(d, CONTENT) for d in datas], CONTENT, tables)
    assert shown(tables.tables) == cohort_tables(datas)
    by_id = {t.id: (t.rows, t.hidden) for t in tables.tables}
    assert by_id["paths"] == (
        (("Technical Specialist", 15), ("Community Builder", 7), ("Hybrid Integrator", 11)),
        0,
    )
    assert by_id["career_agree"] == ((("Agree", 19), ("Differ", 14)), 0)
    assert [row[2] for row in by_id["career_gaps"][0]] == [17, 19, 4, 14, 21, 5, 23, 11, 6]
