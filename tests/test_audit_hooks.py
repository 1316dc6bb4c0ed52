"""The audit's hooks (playbook/audit/standing.py and digest.py): "Where I stand", the plan's
suggestions and links, the cohort's digest and tables, on the demo workbook and on generated
workbooks."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pydantic
import pytest

import playbook.cohort as cohort
import playbook.plan as pn
from playbook import audit
from playbook.cohort.tables import Tables
from playbook.plan.suggest import Maker
from tests.test_cohort_records import make_record

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_workbook.json"
CONTENT = audit.load_content()


def demo_audit() -> dict[str, Any]:
    return json.loads(DEMO.read_bytes())["sections"]["audit"]


def demo_result() -> audit.AuditResult:
    return audit.assess(audit.parse_section(demo_audit()), CONTENT)


def plan_standing(data: dict[str, Any]) -> tuple[Any, ...]:
    """The audit's line of "Where I stand" as the development plan gives it."""
    (row,) = [r for r in pn.standings(pn.gather({"audit": data})) if r.section == "audit"]
    return row.state, row.lines, row.todo


def shown(tables: list[cohort.Table]) -> list[tuple[Any, ...]]:
    """Each table as (id, title, header, rows, hidden, count column, note)."""
    return [(t.id, t.title, t.header, t.rows, t.hidden, t.count_column, t.note) for t in tables]


def cohort_tables(datas: list[Any]) -> list[tuple[Any, ...]]:
    """The audit's tables of the cohort view over workbooks of these audit sections."""
    records = [{"sections": {"audit": d} if d else {}} for d in datas]
    c = cohort.summarize(records, cohort.load_content())
    return shown([c.table("audit_scores"), c.table("pitfalls")])


def test_standing_on_the_demo_workbook():
    """Does "Where I stand" give the demo's latest scores and its two open actions?"""
    r = demo_result()
    got = audit.standing(r, CONTENT)
    assert (got.state, got.lines, got.todo) == plan_standing(demo_audit())
    assert (got.state, got.todo) == ("done", "")
    # the demo answers the human element too (issue 21): 2, 3, 4 (reverse: 2), 2 -> 2.25
    assert got.lines == (
        "2026-Q1: Resilience 3.2, Balance 2.5, Communication 2.8, Human element 2.2.",
        "Open action (2026-Q1): Train a second contact for the rigging supplier (owner: Priya).",
        "Open action (2026-Q1): Ask editorial how the weekly status note lands (owner: Alex).",
    )


def test_standing_before_a_first_audit_and_with_an_area_unanswered():
    """Is no audit "not started", and a quarter with unanswered areas "in progress"?"""
    for r in (None, audit.assess(audit.AuditSection(), CONTENT)):
        got = audit.standing(r, CONTENT)
        assert (got.state, got.lines, got.todo) == (
            "not started",
            (),
            "Hold a first quarterly audit.",
        )
    quarter = audit.AuditQuarter(quarter="2026-Q1")
    section = audit.AuditSection(quarters=[quarter])
    r = audit.assess(section, CONTENT)
    got = audit.standing(r, CONTENT)
    assert (got.state, got.lines, got.todo) == plan_standing(audit.dump_section(section))
    assert got.state == "in progress"
    assert got.lines == (
        "2026-Q1: Resilience –, Balance –, Communication –, Human element –.",
        "No open actions.",
    )
    assert got.todo == (
        "Answer the audit's Resilience, Balance, Communication, Human element statements."
    )


def test_suggestions_on_the_demo_workbook():
    """Does the demo suggest its two open actions and the practices of its two low areas?"""
    r = demo_result()
    content = pn.load_content()
    got = audit.suggest(r, CONTENT, Maker(content))
    via_plan = pn.suggest(pn.gather({"audit": demo_audit()}), content)
    assert [dataclasses.astuple(s) for s in got] == [dataclasses.astuple(s) for s in via_plan]
    assert [s.key for s in got] == [
        "audit_action:2026-Q1:0:Train a second contact for the rigging supplier",
        "audit_action:2026-Q1:1:Ask editorial how the weekly status note lands",
        "low_audit_area:2026-Q1:balance",
        "low_audit_area:2026-Q1:communication",
        "low_audit_area:2026-Q1:human",  # 2.25, below 3.0 (issue 21)
    ]
    assert got[0].text == (
        "The audit of 2026-Q1 left an open action: 'Train a second contact for the rigging "
        "supplier' (owner: Priya)."
    )
    assert got[2].text == (
        "Balance scored 2.5 in 2026-Q1 (below 3.0, a default of this workbook). A practice to "
        "pilot: a production retrospective on creative quality, not only technical delivery"
    )
    assert got[3].workbooks == ("audit", "pilots")


def test_links_on_the_demo_workbook():
    """Can a plan entry link to each of the demo's open actions?"""
    got = audit.links(demo_result())
    assert got == pn.link_options(pn.gather({"audit": demo_audit()}))
    assert got == [
        (
            "Audit action (2026-Q1): Train a second contact for the rigging supplier",
            "audit:2026-Q1:0",
        ),
        (
            "Audit action (2026-Q1): Ask editorial how the weekly status note lands",
            "audit:2026-Q1:1",
        ),
    ]


def test_digest_on_the_demo_workbook():
    """Is the demo's digest its latest scores and the two pitfalls they point to?"""
    got = audit.digest(demo_audit(), CONTENT)
    record = {"sections": {"audit": demo_audit()}}
    assert cohort.digest(record, cohort.Contents()).parts["audit"] == got
    assert got == audit.AuditDigest(
        scores={"resilience": 3.25, "balance": 2.5, "communication": 2.75, "human": 2.25},
        pitfalls=("perfectionism_in_process", "communication_breakdown", "top_down_control"),
    )


def test_aggregate_on_the_demo_workbook():
    """Do three demo workbooks (and one not begun) give the cohort's two audit tables?"""
    digests = [audit.digest(demo_audit(), CONTENT)] * 3 + [None]
    tables = Tables(cohort.load_content())
    audit.aggregate(digests, CONTENT, tables)
    assert shown(tables.tables) == cohort_tables([demo_audit()] * 3 + [None])
    assert shown(tables.tables) == [
        (
            "audit_scores",
            "Audit scores per area (latest quarter)",
            ("Area", "Workbooks", "Average score"),
            (
                ("Resilience", 3, 3.25),
                ("Balance", 3, 2.5),
                ("Communication", 3, 2.75),
                ("Human element", 3, 2.25),
            ),
            0,
            1,
            "",
        ),
        (
            "pitfalls",
            "Most common pitfalls the audits point to",
            ("Pitfall", "Workbooks"),
            (
                ("Perfectionism in process", 3),
                ("Communication breakdown", 3),
                ("Top-down control", 3),
            ),
            0,
            1,
            "",
        ),
    ]


def test_aggregate_on_generated_workbooks_matches_the_cohorts_tables():
    """Do the audit tables of 40 generated workbooks match the cohort view's own?"""
    datas = [make_record(seed)["sections"].get("audit") for seed in range(40)]
    tables = Tables(cohort.load_content())
    audit.aggregate([audit.digest(d, CONTENT) if d else None for d in datas], CONTENT, tables)
    assert shown(tables.tables) == cohort_tables(datas)
    # the human element and its pitfall (issue 21) added after the article's three
    assert tables.tables[0].rows == (
        ("Resilience", 17, 2.76),
        ("Balance", 17, 2.97),
        ("Communication", 17, 2.75),
        ("Human element", 17, 2.74),
    )
    assert tables.tables[1].rows == (
        ("Communication breakdown", 11),
        ("Efficiency over resilience", 10),
        ("Top-down control", 9),
        ("Perfectionism in process", 8),
    )


def test_the_section_models_are_frozen():
    """Is a saved quarter never changed in place (an edit makes a new one)?"""
    quarter = audit.AuditQuarter(quarter="2026-Q1")
    with pytest.raises(pydantic.ValidationError):
        quarter.notes = "changed"  # type: ignore[misc]
    edited = audit.set_answer(quarter, "res_buffers", 4, CONTENT)
    assert edited.answers == {"res_buffers": 4} and quarter.answers == {}
    with pytest.raises(pydantic.ValidationError):
        CONTENT.thresholds.min_colleagues = 1  # type: ignore[misc]
