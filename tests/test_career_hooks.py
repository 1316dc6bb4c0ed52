"""The career navigator's hooks (playbook/career/standing.py and digest.py): "Where I stand",
the plan's suggestions, the cohort's digest and tables, on the demo workbook and on generated
workbooks."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import playbook.cohort as cohort
import playbook.plan as pn
from playbook import career
from playbook.contract import Cell, Suggestion
from tests.test_cohort_records import make_record

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_workbook.json"
CONTENT = career.load_content()


def demo_career() -> dict[str, Any]:
    return json.loads(DEMO.read_bytes())["sections"]["career"]


class Maker:
    """A SuggestionMaker over the plan's content, as the development plan hands one over."""

    def __init__(self) -> None:
        self.content = pn.load_content()

    def make(self, rule_id: str, key: str, /, **values: Any) -> Suggestion:
        rule = self.content.rule(rule_id)
        return Suggestion(
            key=f"{rule_id}:{key}",
            rule=rule_id,
            source_label=rule.source_label,
            text=" ".join(rule.text.format(**values).split()),
            goal=" ".join(rule.goal.format(**values).split()),
            workbooks=rule.workbooks,
        )


class Tables:
    """A TableMaker as the cohort view hands one over: groups under min_group hidden."""

    def __init__(self) -> None:
        self.content = cohort.load_content()
        self.tables: list[tuple[Any, ...]] = []

    def add(
        self,
        id: str,
        title: str,
        header: Sequence[str],
        rows: Iterable[tuple[Cell, ...]],
        count_column: int = 1,
        note: str = "",
    ) -> None:
        rows = list(rows)
        k = self.content.min_group
        kept = tuple(tuple(r) for r in rows if int(r[count_column] or 0) >= k)
        hidden = sum(1 for r in rows if 0 < int(r[count_column] or 0) < k)
        self.tables.append((id, title, tuple(header), kept, hidden, count_column, note))

    def add_alpha(self, rows: Iterable[Any]) -> None:
        raise AssertionError("the career domain has no reliability rows")


def test_standing_on_the_demo_workbook():
    """Does "Where I stand" say the demo's recommendation, preference gap and areas?"""
    a = career.assess(career.parse_section(demo_career()), CONTENT)
    got = career.standing(a, CONTENT)
    # reference: the hub's copy, removed by the integrator; then compare with the literal values
    state, lines, todo = pn._career(a, CONTENT)
    assert (got.state, list(got.lines), got.todo) == (state, lines, todo)
    assert got.state == "done" and got.todo == ""
    assert got.lines == (
        "Your environment calls for the Hybrid Integrator path (fit 94/100).",
        "You prefer Technical Specialist: a gap of 57 points.",
        "Adjacent areas: Budgeting, Technology integration (2 of 3).",
    )


def test_standing_before_any_answer():
    """Is a section never saved, or saved without answers, "not started"?"""
    for result in (None, career.assess(career.CareerSection(), CONTENT)):
        got = career.standing(result, CONTENT)
        assert (got.state, got.lines) == ("not started", ())
        assert got.todo == "Answer the questions about your environment and preference."
        # reference: the hub's copy, removed by the integrator; then compare with the literal values
        assert (got.state, list(got.lines), got.todo) == pn._career(result, CONTENT)


def test_suggestions_on_the_demo_workbook():
    """Does the demo suggest the path gap and an adjacent skill, worded by the plan's rules?"""
    a = career.assess(career.parse_section(demo_career()), CONTENT)
    maker = Maker()
    got = career.suggest(a, CONTENT, maker)
    # reference: the hub's copy, removed by the integrator; then compare with the literal values
    old = pn._suggest_career(a, CONTENT, maker.content)
    assert [dataclasses.astuple(s) for s in got] == [dataclasses.astuple(s) for s in old]
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
    # reference: the hub's copy, removed by the integrator; then compare with the literal values
    old = cohort._career(demo_career(), cohort.Contents())
    assert dataclasses.asdict(got) == old
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
    tables = Tables()
    career.aggregate(digests, CONTENT, tables)
    # reference: the hub's copy, removed by the integrator; then compare with the literal values
    contents = cohort.Contents()
    builder = cohort._Builder(tables.content.min_group, cohort._names(contents))
    builder.career(
        [cohort.digest({"sections": {"career": data}}, contents)] * 3,
        tables.content.gap_band_points,
    )
    assert tables.tables == [
        (t.id, t.title, t.header, t.rows, t.hidden, t.count_column, t.note) for t in builder.tables
    ]
    band = f"{tables.content.gap_band_points:g}"
    assert tables.tables == [
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


def test_aggregate_on_generated_workbooks_matches_the_hubs_tables():
    """Do the tables of 40 generated workbooks match the cohort's own career tables?"""
    contents = cohort.Contents()
    datas = [make_record(seed)["sections"]["career"] for seed in range(40)]
    tables = Tables()
    career.aggregate([career.digest(d, CONTENT) for d in datas], CONTENT, tables)
    # reference: the hub's copy, removed by the integrator
    builder = cohort._Builder(tables.content.min_group, cohort._names(contents))
    builder.career(
        [cohort.digest({"sections": {"career": d}}, contents) for d in datas],
        tables.content.gap_band_points,
    )
    assert tables.tables == [
        (t.id, t.title, t.header, t.rows, t.hidden, t.count_column, t.note) for t in builder.tables
    ]
    by_id = {t[0]: (t[3], t[4]) for t in tables.tables}
    assert by_id["paths"] == (
        (("Technical Specialist", 15), ("Community Builder", 7), ("Hybrid Integrator", 11)),
        0,
    )
    assert by_id["career_agree"] == ((("Agree", 19), ("Differ", 14)), 0)
    assert [row[2] for row in by_id["career_gaps"][0]] == [17, 19, 4, 14, 21, 5, 23, 11, 6]
