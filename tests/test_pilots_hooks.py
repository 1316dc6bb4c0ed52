"""Tests of the pilots' hooks (playbook.pilots.standing and playbook.pilots.digest): on the
demo workbook, do they give exactly what the development plan's and the cohort view's own
copies give today, and the values observed?"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import astuple
from pathlib import Path
from typing import Any

import pytest

import playbook.pilots as pl
from playbook import cohort, plan
from playbook.contract import Cell, Standing, Suggestion
from playbook.errors import InputError
from playbook.pilots.digest import PilotDigest, PilotsDigest, aggregate, digest
from playbook.pilots.section import Decision
from playbook.pilots.standing import standing, suggest

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
def undecided(data) -> pl.PilotsResult:
    """The demo's pilot before its decision (so that it suggests scaling it)."""
    section = pl.parse_section(data)
    pilots = [p.model_copy(update={"decision": Decision()}) for p in section.pilots]
    return pl.assess(section.model_copy(update={"pilots": pilots}), CONTENT)


class Maker:
    """A development plan's suggestion maker: the plan's content and its rules' words."""

    def __init__(self) -> None:
        self.content = plan.load_content()

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


def test_standing_of_the_demo_workbook(result):
    """Does "Where I stand" say the demo's pilot, its two better verdicts and its adoption?"""
    got = standing(result, CONTENT)
    assert got == Standing("done", (LINE,), "")
    # reference: the hub's copy, removed by the integrator; then compare with the literal values
    state, lines, todo = plan._pilots(result, CONTENT)
    assert got == Standing(state, tuple(lines), todo)


def test_standing_before_a_pilot_and_before_a_decision(undecided):
    """Does it ask for a first pilot, and then for the decision still to take?"""
    assert standing(pl.PilotsResult(()), CONTENT) == Standing(
        "not started", (), "Plan a first pilot."
    )
    assert standing(None, None).todo == "Plan a first pilot."
    got = standing(undecided, CONTENT)
    assert got.state == "in progress" and got.todo == "Decide 1 pilot(s) on the evidence."
    assert got.lines == (LINE.replace("decision: adopt", "decision: not decided yet"),)
    # reference: the hub's copy, removed by the integrator; then compare with the literal values
    for r in (pl.PilotsResult(()), undecided):
        state, lines, todo = plan._pilots(r, CONTENT)
        assert standing(r, CONTENT) == Standing(state, tuple(lines), todo)


def test_suggest_on_the_demo_workbook(result, undecided):
    """Is an adopted pilot not suggested again, and a better but undecided one suggested for
    scaling, in the plan's words?"""
    maker = Maker()
    assert suggest(result, CONTENT, maker) == []
    got = suggest(undecided, CONTENT, maker)
    assert [(s.key, s.rule, s.workbooks) for s in got] == [
        ("pilot_to_scale:pilot-1", "pilot_to_scale", ("pilots",))
    ]
    assert got[0].goal == f"Scale '{PRACTICE}' to one more team"
    assert got[0].text.startswith(f"The pilot '{PRACTICE}' shows a better result on every metric")
    # reference: the hub's copy, removed by the integrator; then compare with the literal values
    for r in (result, undecided):
        hub = plan._suggest_pilots(r, maker.content)
        assert [astuple(s) for s in suggest(r, CONTENT, maker)] == [astuple(s) for s in hub]


# ---------------------------------------------------------------------------------------------
# digest and aggregate
# ---------------------------------------------------------------------------------------------


def test_digest_of_the_demo_workbook(data):
    """Is the demo's pilot reduced to its decision, the playbook's metrics and a signal?"""
    got = digest(data, CONTENT)
    assert got == PilotsDigest((PilotDigest("adopt", ("revision_count", "team_feedback"), True),))
    # reference: the hub's copy, removed by the integrator; then compare with the literal values
    hub = cohort._pilots(data, cohort.Contents())["pilots"]
    assert [astuple(p) for p in got.pilots] == [astuple(p) for p in hub]


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
    # reference: the hub's copy, removed by the integrator; then compare with the literal values
    contents, k = cohort.Contents(), cohort.load_content().min_group
    names = cohort._names(contents)
    hub_digests = [cohort.Digest(begun=("pilots",), **cohort._pilots(data, contents))] * 3
    hub = cohort._Builder(k, names)
    hub.pilots([*hub_digests, cohort.Digest(begun=())])
    ours = cohort._Builder(k, names)
    aggregate(digests, CONTENT, ours)  # type: ignore[arg-type]
    assert ours.tables == hub.tables
