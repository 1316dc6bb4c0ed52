"""Tests of the time split's hooks (playbook.time_split.standing and .digest): "Where I stand",
the suggestions, the cohort's digest and tables, on the demo workbook; and the transition
plan's status, computed once in assess by the rule the time-split page shows.

Reference: what the development plan and the cohort view give through the registry
(playbook.plan.standings and suggest, playbook.cohort.digest and summarize), and the literal
values on the demo workbook.
"""

from __future__ import annotations

import copy
import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from playbook import cohort
from playbook import plan as pn
from playbook import time_split as ts
from playbook.imports import Entry
from playbook.plan.suggest import Maker

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_workbook.json"
CONTENT = ts.load_content()

# the run week (#21's balance view): 39.75 h delivery, 2 h outward (the impact log, a 1:1)
SPLIT_LINE = (
    "Latest week (30 Mar 2026): 95% delivery and 5% visibility & relationships, against the "
    "playbook's 70/30 (mostly delivery)."
)
#: The demo's chosen community practice (issue 21): the coffee with the venue manager (0.75 h)
#: and the producers' network (1.5 h), of the demo's 7.25 h of community building: March's
#: 6.75 h and the run week's 1:1 with Priya (2 Apr, 14:00-14:30, sample_calendar_run_week.ics).
PRACTICE_LINE = (
    "Of your 7.25 h of community building, 2.25 h came from the community practices you chose "
    "on the pilots page: Relationships beyond your own team 2.25 h (2 entries)."
)


def demo_data(start_date: str | None = None) -> dict[str, Any]:
    data = copy.deepcopy(json.loads(DEMO.read_bytes())["sections"]["time_split"])
    if start_date is not None:
        data["plan"]["start_date"] = start_date
    return data


def result_of(data: dict[str, Any]) -> ts.TimeSplitResult:
    return ts.assess(ts.parse_section(data), CONTENT)


def plan_standing(data: dict[str, Any]) -> tuple[Any, ...]:
    """The time split's line of "Where I stand" as the development plan gives it."""
    rows = pn.standings(pn.gather({"time_split": data}))
    (row,) = [r for r in rows if r.section == "time_split"]
    return row.state, row.lines, row.todo


class Tables:
    """The cohort's table maker (contract.TableMaker), keeping every row as given."""

    def __init__(self) -> None:
        from playbook.cohort import load_content

        self.content = load_content()
        self.tables: dict[str, tuple[str, tuple[str, ...], list[tuple[Any, ...]]]] = {}

    def add(self, id, title, header, rows, count_column=1, note=""):  # noqa: ANN001
        self.tables[id] = (title, tuple(header), list(rows))

    def add_alpha(self, rows):  # noqa: ANN001
        raise AssertionError("the time split has no reliability rows")


# --- the plan's status, once -------------------------------------------------------------------


def test_the_demo_plan_status_is_what_the_time_split_page_shows():
    """On the demo workbook (no start date chosen), is the plan's status the page's: the plan
    drawn from the first logged day, 5 logged weeks in it (with the run week, #21), all ahead?"""
    section = ts.parse_section(demo_data())
    r = ts.assess(section, CONTENT)
    assert r.plan_status == "ahead"
    assert r.transition is not None and not r.transition.start_chosen
    assert r.transition.plan.start_date == date(2026, 3, 2)
    # what the page's plan panel says, from the same progress
    assert ts.explain_progress(r.transition.progress).startswith(
        "5 logged week(s) in the plan: 0 on track, 5 ahead, 0 behind."
    )
    assert [r.transition.weeks(s) for s in ("ahead", "on track", "behind")] == [5, 0, 0]


def test_the_status_is_the_latest_measured_week_else_no_data_yet():
    """Is the status the latest week measured against the plan, and "no data yet" when every
    logged week is before the plan?"""
    entries = [
        Entry(id=str(n), source="manual", day=date(2026, 3, 2), hours=h, category=c)
        for n, (h, c) in enumerate([(38, "hands_on"), (2, "visibility")])
    ]
    behind = ts.TimeSplitSection(entries=entries, plan=ts.PlanSettings(start_date=date(2026, 3, 2)))
    assert ts.assess(behind, CONTENT).plan_status == "behind"
    later = behind.model_copy(update={"plan": ts.PlanSettings(start_date=date(2026, 6, 1))})
    r = ts.assess(later, CONTENT)
    assert r.plan_status == "no data yet"
    assert ts.DOMAIN.standing(r, CONTENT).lines[1] == (
        "Transition plan: no logged week falls inside the plan yet."
    )


def test_settings_that_make_no_plan_give_no_status():
    """Do saved settings the page would refuse (a target above the start) give no status, said
    so, instead of an error?"""
    entries = [Entry(id="a", source="manual", day=date(2026, 3, 2), hours=8, category="delivery")]
    bad = ts.PlanSettings.model_construct(start_share=0.3, target_share=0.5, months=6)
    r = ts.assess(ts.TimeSplitSection(entries=entries, plan=bad), CONTENT)
    assert r.transition is None and r.plan_status is None
    assert ts.DOMAIN.standing(r, CONTENT).lines[1] == (
        "Transition plan: not laid out (its settings on the time split page make no plan)."
    )
    assert ts.assess(ts.TimeSplitSection(), CONTENT).plan_status is None


# --- standing ----------------------------------------------------------------------------------


def test_standing_on_the_demo_workbook():
    """Is "Where I stand" the split of the latest week, and the plan's line the result's
    status (5 weeks ahead, as the time split page shows)?"""
    r = result_of(demo_data())
    got = ts.DOMAIN.standing(r, CONTENT)
    assert got.state == "done" and got.todo == ""
    assert got.lines == (
        SPLIT_LINE,
        "Transition plan: ahead in the latest week (counted from your first logged day, "
        "02 Mar 2026, until you choose a start date).",
        PRACTICE_LINE,
    )
    assert (got.state, got.lines, got.todo) == plan_standing(demo_data())


def test_standing_with_a_chosen_start_date_is_the_plans():
    """With a start date chosen (2 Mar 2026), is "Where I stand" exactly the plan's?"""
    data = demo_data("2026-03-02")
    r = result_of(data)
    got = ts.DOMAIN.standing(r, CONTENT)
    assert got.lines == (SPLIT_LINE, "Transition plan: ahead in the latest week.", PRACTICE_LINE)
    assert (got.state, got.todo) == ("done", "")
    assert (got.state, got.lines, got.todo) == plan_standing(data)


def test_standing_without_a_result_is_not_started():
    """Is a time split never saved (no result) "not started", with what to do?"""
    got = ts.DOMAIN.standing(None, None)
    assert (got.state, got.lines) == ("not started", ())
    assert got.todo == "Log a week, or import a calendar or a time-tracker export."
    empty = ts.DOMAIN.standing(ts.assess(ts.TimeSplitSection(), CONTENT), CONTENT)
    assert empty == got


# --- suggest -----------------------------------------------------------------------------------


def test_suggestions_on_the_demo_workbook():
    """Are the demo's suggestions the plan's: back to 70/30, the baseline, the learning gap,
    and the balance practices (its share outside the working day rose week on week, #21)?"""
    r = result_of(demo_data())
    maker = Maker(pn.load_content())
    got = ts.DOMAIN.suggest(r, CONTENT, maker)
    assert [s.key for s in got] == [
        "split_gap:2026-03-30",  # the run week (#21)
        "baseline_to_metric:delivery",
        "learning_gap:learning",
        "balance_worsens:2026-03-30",
    ]
    assert (
        got[0].goal
        == "Bring my week back to the playbook's 70/30: protect time for visibility and relationships"
    )
    assert (
        got[1].goal == "Pilot a change to my week with the delivery share (now 88%) as its metric"
    )
    # five weeks with the run week (#21): (14 + 9.75 + 42 + 20.75 + 41.75) / 5 = 25.65 h
    assert got[2].goal == "Put 11 hours a month into learning for the trends"
    assert got[2].text.startswith("Learning took 1% of your working time;")
    assert r.weekly_work_hours == pytest.approx(25.65)
    # the share outside the working day: 14/42, 11.5/20.75, 32.25/41.75
    assert got[3].goal.startswith("Bring my hours outside the working day back towards 33%")
    assert "from 33% to 77% (the week of 30 Mar 2026;" in got[3].text
    via_plan = pn.suggest(pn.gather({"time_split": demo_data()}), maker.content)
    assert [asdict(s) for s in via_plan] == [asdict(s) for s in got]
    assert pn.learning_target_hours(r, maker.content) == pytest.approx(
        r.weekly_work_hours
        * maker.content.thresholds.learning_share
        * maker.content.thresholds.weeks_per_month
    )


# --- digest and aggregate ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # the latest week, the run week (#21): 39.75 h delivery, 2 h outward
        (None, ts.TimeSplitDigest("inward", 39.75 / 41.75, None)),
        ("2026-03-02", ts.TimeSplitDigest("inward", 39.75 / 41.75, "ahead")),
    ],
)
def test_digest_of_the_demo_workbook(start, expected):
    """Is the demo's digest the latest week's status and share, and the status of a plan the
    participant set up (none without a start date, as the cohort counted before)?"""
    data = demo_data(start)
    got = ts.DOMAIN.digest(data, CONTENT)
    assert got == expected
    record = {"sections": {"time_split": data}}
    assert cohort.digest(record, cohort.Contents()).parts["time_split"] == got


def test_aggregate_of_a_cohort():
    """Are the time-split tables those of the cohort view (split status, delivery bins, plans),
    skipping workbooks without a digest?"""
    datas = [demo_data()] * 3 + [demo_data("2026-03-02")] * 3
    digests = [ts.DOMAIN.digest(d, CONTENT) for d in datas] + [None]
    tables = Tables()
    ts.DOMAIN.aggregate(digests, CONTENT, tables)
    assert list(tables.tables) == ["split_status", "delivery", "plan"]
    assert tables.tables["split_status"] == (
        "The latest week's 70/30 split against the target",
        ("Latest week", "Workbooks"),
        [
            ("On target", 0),
            ("More delivery than the target", 6),
            ("Less delivery than the target", 0),
        ],
    )
    delivery = tables.tables["delivery"][2]
    assert len(delivery) == 10 and delivery[9] == ("90%-100%", 6)  # the run week's 95% (#21)
    assert sum(n for _, n in delivery) == 6
    assert tables.tables["plan"] == (
        "Transition plans: the latest measured week against the plan",
        ("Against the plan", "Workbooks"),
        [("Ahead", 3), ("On track", 0), ("Behind", 0), ("No data yet", 0)],
    )
    # the cohort view's tables, groups under the minimum (3) hidden: the same as through the registry
    content = cohort.load_content()
    kept = cohort.Tables(content)
    ts.DOMAIN.aggregate(digests, CONTENT, kept)
    records = [{"sections": {"time_split": d}} for d in datas] + [{"sections": {}}]
    summary = cohort.summarize(records, content)
    assert kept.tables == [summary.table(i) for i in ("split_status", "delivery", "plan")]
    assert [(t.rows, t.hidden) for t in kept.tables] == [
        ((("More delivery than the target", 6),), 0),
        ((("90%-100%", 6),), 0),
        ((("Ahead", 3),), 0),
    ]
