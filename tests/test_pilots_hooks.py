"""Tests of the pilots' hooks (playbook.pilots.standing and playbook.pilots.digest): on the
demo workbook, do they give exactly what the development plan and the cohort view give
through the registry, and the values observed?"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import astuple
from pathlib import Path
from typing import Any

import pytest

import playbook.pilots as pl
from playbook import cohort, plan
from playbook.contract import Cell, Standing
from playbook.errors import InputError
from playbook.pilots.digest import PilotDigest, PilotsDigest, aggregate, digest
from playbook.pilots.section import Decision
from playbook.pilots.standing import standing, suggest
from playbook.plan.suggest import Maker

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_workbook.json"
CONTENT = pl.load_content()
PRACTICE = "Joint planning sessions with editorial"


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return json.loads(DEMO.read_text())["sections"]["pilots"]


@pytest.fixture(scope="module")
def result(data) -> pl.PilotsResult:
    return pl.assess(pl.parse_section(data), CONTENT)


@pytest.fixture(scope="module")
def undecided_data(data) -> dict[str, Any]:
    """The demo's pilots section before its decision (so that it suggests scaling it)."""
    section = pl.parse_section(data)
    pilots = [p.model_copy(update={"decision": Decision()}) for p in section.pilots]
    return pl.dump_section(section.model_copy(update={"pilots": pilots}))


@pytest.fixture(scope="module")
def undecided(undecided_data) -> pl.PilotsResult:
    """The demo's pilot before its decision."""
    return pl.assess(pl.parse_section(undecided_data), CONTENT)


def plan_standing(data: dict[str, Any] | None) -> Standing:
    """The pilots' line of "Where I stand" as the development plan gives it."""
    (row,) = [r for r in plan.standings(plan.gather({"pilots": data})) if r.section == "pilots"]
    return Standing(row.state, row.lines, row.todo)


class Tables:
    """A cohort's table maker that keeps every table as it is handed over."""

    def __init__(self) -> None:
        self.content = cohort.load_content()
        self.added: list[tuple[Any, ...]] = []

    def add(
        self,
        id: str,
        title: str,
        header: Sequence[str],
        rows: Iterable[tuple[Cell, ...]],
        count_column: int = 1,
        note: str = "",
    ) -> None:
        self.added.append((id, title, tuple(header), list(rows), count_column, note))

    def add_alpha(self, rows: Iterable[Any]) -> None:
        raise AssertionError("the pilots have no reliability rows")


# ---------------------------------------------------------------------------------------------
# standing and suggest
# ---------------------------------------------------------------------------------------------

LINE = f"'{PRACTICE}': Revision count better, Team feedback score better; decision: adopt."


def test_standing_of_the_demo_workbook(data, result):
    """Does "Where I stand" say the demo's pilot, its two better verdicts and its adoption?"""
    got = standing(result, CONTENT)
    assert got == Standing("done", (LINE,), "")
    assert got == plan_standing(data)


def test_standing_before_a_pilot_and_before_a_decision(undecided_data, undecided):
    """Does it ask for a first pilot, and then for the decision still to take?"""
    assert standing(pl.PilotsResult(()), CONTENT) == Standing(
        "not started", (), "Plan a first pilot."
    )
    assert standing(None, None).todo == "Plan a first pilot."
    got = standing(undecided, CONTENT)
    assert got.state == "in progress" and got.todo == "Decide 1 pilot(s) on the evidence."
    assert got.lines == (LINE.replace("decision: adopt", "decision: not decided yet"),)
    for r, d in ((pl.PilotsResult(()), {"pilots": []}), (undecided, undecided_data)):
        assert standing(r, CONTENT) == plan_standing(d)


def test_suggest_on_the_demo_workbook(data, result, undecided_data, undecided):
    """Is an adopted pilot not suggested again, and a better but undecided one suggested for
    scaling, in the plan's words?"""
    maker = Maker(plan.load_content())
    assert suggest(result, CONTENT, maker) == []
    got = suggest(undecided, CONTENT, maker)
    assert [(s.key, s.rule, s.workbooks) for s in got] == [
        ("pilot_to_scale:pilot-1", "pilot_to_scale", ("pilots",))
    ]
    assert got[0].goal == f"Scale '{PRACTICE}' to one more team"
    assert got[0].text.startswith(f"The pilot '{PRACTICE}' shows a better result on every metric")
    for r, d in ((result, data), (undecided, undecided_data)):
        via_plan = plan.suggest(plan.gather({"pilots": d}), maker.content)
        assert [astuple(s) for s in suggest(r, CONTENT, maker)] == [astuple(s) for s in via_plan]


# ---------------------------------------------------------------------------------------------
# digest and aggregate
# ---------------------------------------------------------------------------------------------


def test_digest_of_the_demo_workbook(data):
    """Is the demo's pilot reduced to its decision, the playbook's metrics and a signal?"""
    got = digest(data, CONTENT)
    assert got == PilotsDigest((PilotDigest("adopt", ("revision_count", "team_feedback"), True),))
    assert cohort.digest({"sections": {"pilots": data}}, cohort.Contents()).parts["pilots"] == got


def test_digest_of_an_unreadable_section_raises():
    """Does a section that cannot be read raise (the cohort counts it as a problem)?"""
    with pytest.raises(InputError, match="could not be read"):
        digest({"pilots": [{"id": "Bad Id!"}]}, CONTENT)


DECISIONS = [
    ("Adopt", 3, 3, 3, 1.0),
    ("Adapt", 0, 0, 0, None),
    ("Abandon", 0, 0, 0, None),
    ("Not decided yet", 0, 0, 0, None),
]
METRICS = [
    ("Team feedback score", 3, 3, 3, 1.0),
    ("Revision count", 3, 3, 3, 1.0),
    ("Timeline adherence", 0, 0, 0, None),
    ("Conflict-resolution time", 0, 0, 0, None),
    ("Crisis-management time", 0, 0, 0, None),
    ("Satisfaction score", 0, 0, 0, None),
    ("A metric of their own", 0, 0, 0, None),
]
HEADER = ("Workbooks", "Pilots", "Showed a signal", "Share with a signal")
NOTE = (
    "Grouped by the playbook's metrics: a practice's name is the participant's own words, "
    "so it is not shown."
)


def test_aggregate_of_three_demo_workbooks_and_one_not_begun(data):
    """Do three demo workbooks and one without pilots give the decision and metric tables,
    the workbook without pilots counted nowhere?"""
    digests = [digest(data, CONTENT)] * 3 + [None]
    tables = Tables()
    aggregate(digests, CONTENT, tables)
    assert tables.added == [
        ("pilot_decisions", "Pilots by decision", ("Decision", *HEADER), DECISIONS, 1, ""),
        ("pilot_metrics", "Pilots by what they measured", ("Metric", *HEADER), METRICS, 1, NOTE),
    ]
    # the cohort view's tables, groups under the minimum (3) hidden: the same as through the registry
    ours = cohort.Tables(cohort.load_content())
    aggregate(digests, CONTENT, ours)
    records = [{"sections": {"pilots": data}}] * 3 + [{"sections": {}}]
    summary = cohort.summarize(records, cohort.load_content())
    assert ours.tables == [summary.table("pilot_decisions"), summary.table("pilot_metrics")]
    assert [(t.rows, t.hidden) for t in ours.tables] == [
        ((("Adopt", 3, 3, 3, 1.0),), 0),
        ((("Team feedback score", 3, 3, 3, 1.0), ("Revision count", 3, 3, 3, 1.0)), 0),
    ]
