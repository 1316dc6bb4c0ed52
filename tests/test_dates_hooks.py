"""Each domain's ``dates`` hook (issue 20, the cadence): the plan's goals, the audit's next
audit and actions, the time split's transition checkpoints and weekly reminder, the pilots'
next measurements; keys stable across edits (ids, never list positions), read through the
registry as the cadence reads them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import playbook.audit as audit
import playbook.pilots as pl
import playbook.plan as pn
import playbook.time_split as ts
from playbook.contract import Dated, domain, domains
from playbook.errors import InputError
from playbook.imports import Entry

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_workbook.json"
D = dt.date


def demo(section: str) -> dict[str, Any]:
    return json.loads(DEMO.read_bytes())["sections"][section]


def dated(section: str, data: Any) -> list[Dated]:
    """The section's dated things through the registry, as the cadence asks for them."""
    d = domain(section)
    content = d.load_content()
    assert d.dates is not None
    return d.dates(d.assess(d.parse_section(data), content), content)


def test_every_dated_workbook_offers_the_hook_from_its_own_module():
    """Do the plan, the audit, the time split and the pilots offer a ``dates`` hook, each
    from the package's own ``dates`` module, through the registry?"""
    hooked = {d.section: d.dates.__module__ for d in domains() if d.dates is not None}
    for section in ("plan", "audit", "time_split", "pilots"):
        assert hooked[section] == f"playbook.{section}.dates"


# --- the development plan ------------------------------------------------------------------


def test_a_goal_with_a_due_date_is_dated_by_its_id_and_done_at_full_progress():
    """Is each goal with a due date one item keyed by the goal's id (a goal without a date
    none), done only at 100%, with the goal's words and its progress?"""
    s = pn.add_goal(pn.PlanSection(), "Ship the <b>season</b>, then rest", "2026-06-30")
    s = pn.add_goal(s, "No date", None)
    s = pn.add_goal(s, "Second goal", "2026-07-15")
    (first, second) = dated("plan", pn.dump_section(s))
    assert first == Dated(
        key="plan:goal:goal-1",
        day=D(2026, 6, 30),
        title="Goal: Ship the <b>season</b>, then rest",
        section="plan",
        kind="goal",
        done=False,
        detail=first.detail,
    )
    assert "0% done" in first.detail and second.key == "plan:goal:goal-3"
    assert not dated("plan", pn.dump_section(pn.set_progress(s, "goal-1", 99)))[0].done
    assert dated("plan", pn.dump_section(pn.set_progress(s, "goal-1", 100)))[0].done


def test_a_goals_key_survives_rewording_and_removing_an_earlier_goal():
    """Does a goal keep its key when another goal before it is removed and its own date
    changes (an id, not a position)?"""
    s = pn.add_goal(pn.PlanSection(), "First", "2026-06-01")
    s = pn.add_goal(s, "Second", "2026-06-02")
    before = {d.title: d.key for d in dated("plan", pn.dump_section(s))}
    s = pn.remove(s, "goals", "goal-1")
    goals = [g.model_copy(update={"due": D(2026, 9, 1)}) for g in s.goals]
    after = dated("plan", pn.dump_section(s.model_copy(update={"goals": goals})))
    assert [(d.key, d.day) for d in after] == [(before["Goal: Second"], D(2026, 9, 1))]


def test_the_demo_plans_goal():
    """Does the demo workbook's one goal come out with its due date?"""
    assert [(d.key, d.day) for d in dated("plan", demo("plan"))] == [
        ("plan:goal:goal-1", D(2026, 5, 29))
    ]


# --- the quarterly audit -------------------------------------------------------------------


def test_the_demo_audit_dates_the_next_audit_and_the_action_with_a_due_date():
    """Does the demo's 2026-Q1 audit give its next audit (the playbook's quarterly audit) and
    its one action with a due date, keyed by the quarter and the action's id?"""
    got = [(d.key, d.day, d.kind, d.done) for d in dated("audit", demo("audit"))]
    assert got == [
        ("audit:next:2026-Q1", D(2026, 5, 12), "audit", False),
        ("audit:action:2026-Q1:a1", D(2026, 4, 15), "action", False),
    ]
    items = dated("audit", demo("audit"))
    assert items[0].title == "Quarterly system audit"
    assert "quarterly system audit" in items[0].detail and "2026-Q1" in items[0].detail
    assert items[1].title == "Audit action: Train a second contact for the rigging supplier"
    assert "owner: Priya" in items[1].detail


def test_actions_saved_without_ids_get_them_once_and_keep_them():
    """Does an audit saved before actions had ids get ids when read (the same ones each
    time), and does an action keep its key when an earlier action is removed?"""
    data = demo("audit")
    for a in data["quarters"][0]["actions"]:
        a.pop("id")
    a_due = {**data["quarters"][0]["actions"][1], "due": "2026-04-20"}
    data["quarters"][0]["actions"][1] = a_due
    keys = [d.key for d in dated("audit", data) if d.kind == "action"]
    assert keys == ["audit:action:2026-Q1:a1", "audit:action:2026-Q1:a2"]
    assert keys == [d.key for d in dated("audit", data) if d.kind == "action"]
    section = audit.parse_section(data)
    q = audit.remove_action(section.quarters[0], 0)
    q = audit.add_action(q, "A third", "Sam", due="2026-05-01")
    after = audit.replace_quarter(section, q)
    got = [
        (d.key, d.title) for d in dated("audit", audit.dump_section(after)) if d.kind == "action"
    ]
    assert got == [
        ("audit:action:2026-Q1:a2", "Audit action: Ask editorial how the weekly status note lands"),
        ("audit:action:2026-Q1:a3", "Audit action: A third"),
    ]


def test_two_actions_with_one_id_are_refused():
    """Is a quarter with the same action id twice refused when read?"""
    data = demo("audit")
    data["quarters"][0]["actions"][1]["id"] = "a1"
    with pytest.raises(InputError):
        audit.parse_section(data)


def test_a_later_quarter_marks_the_earlier_next_audit_done():
    """Once the next quarter is audited, is the earlier next-audit date done and the new one
    open; and is a done action done?"""
    section = audit.parse_section(demo("audit"))
    q1 = audit.set_action_done(section.quarters[0], 0)
    section = audit.replace_quarter(section, q1)
    section, _ = audit.start_quarter(section, D(2026, 5, 12), audit.load_content())
    got = {d.key: (d.day, d.done) for d in dated("audit", audit.dump_section(section))}
    assert got["audit:next:2026-Q1"] == (D(2026, 5, 12), True)
    assert got["audit:next:2026-Q2"] == (D(2026, 8, 12), False)  # three months: quarterly
    assert got["audit:action:2026-Q1:a1"] == (D(2026, 4, 15), True)


# --- the time split --------------------------------------------------------------------------


def week(day: D, hands_on: float = 20, other: float = 20) -> list[Entry]:
    return [
        Entry(id=f"{day}-h", source="manual", day=day, hours=hands_on, category="hands_on"),
        Entry(id=f"{day}-d", source="manual", day=day, hours=other, category="delivery"),
    ]


def test_the_demo_transition_plan_has_six_monthly_checkpoints_the_first_logged():
    """Does the demo's plan (six months from its first logged day, 2 March) give a
    checkpoint each month, keyed by the month, the first done (its run week, 30 March to
    5 April, reaches 2 April) and the others not (no week logged after it)?"""
    items = dated("time_split", demo("time_split"))
    assert [(d.key, d.day, d.done) for d in items] == [
        (f"time_split:checkpoint:{m}", D(2026, 3 + m, 2), m == 1) for m in range(1, 7)
    ]
    assert items[0].title == "Transition plan, month 1 of 6: hands-on work down to 63%"
    assert items[-1].title.endswith("down to 30%")
    assert "quality checkpoints" in items[0].detail and "default" in items[0].detail


def test_a_checkpoint_is_done_once_a_week_on_or_after_it_is_logged():
    """Is a checkpoint done once a logged week reaches its date (its week or a later one),
    and the later ones still open?"""
    plan = ts.PlanSettings(start_date=D(2026, 3, 2))
    entries = week(D(2026, 3, 2)) + week(D(2026, 4, 1))  # the week of 30 March to 5 April
    data = ts.dump_section(ts.TimeSplitSection(entries=entries, plan=plan))
    done = {d.key: d.done for d in dated("time_split", data)}
    assert done["time_split:checkpoint:1"]  # 2 April, inside the logged week
    assert not done["time_split:checkpoint:2"]


def test_the_weekly_reminder_is_off_by_default_and_weekly_once_chosen():
    """Is there no reminder until one is chosen (and nothing written for it); once chosen,
    one weekly item from the first chosen weekday, its key the same whatever the day; and
    off again when turned off?"""
    section = ts.TimeSplitSection(entries=week(D(2026, 3, 2)))
    assert not [d for d in dated("time_split", ts.dump_section(section)) if d.weekly]
    assert "reminder_weekday" not in ts.dump_section(section)
    friday = ts.set_reminder(section, 4, D(2026, 12, 6))  # chosen on a Sunday
    (reminder,) = [d for d in dated("time_split", ts.dump_section(friday)) if d.weekly]
    assert (reminder.key, reminder.day, reminder.kind) == (
        "time_split:reminder:weekly",
        D(2026, 12, 11),
        "reminder",
    )
    assert "every Friday" in reminder.detail
    monday = ts.set_reminder(friday, 0, D(2026, 12, 20))
    (moved,) = [d for d in dated("time_split", ts.dump_section(monday)) if d.weekly]
    assert (moved.key, moved.day) == (reminder.key, D(2026, 12, 21))
    off = ts.set_reminder(monday, None, D(2026, 12, 21))
    assert not [d for d in dated("time_split", ts.dump_section(off)) if d.weekly]
    assert ts.dump_section(off) == ts.dump_section(section)


def test_a_reminder_without_its_day_is_refused():
    """Is a hand-edited section with a reminder weekday but no day refused when read?"""
    with pytest.raises(ValueError, match="weekly reminder"):
        ts.parse_section({"reminder_weekday": 2})


# --- the pilots -------------------------------------------------------------------------------


def test_a_pilot_has_no_date_until_a_rhythm_is_chosen():
    """Does a pilot without a rhythm give no date and write nothing for it (the demo's pilot
    dumps as it was)?"""
    assert dated("pilots", demo("pilots")) == []
    section = pl.parse_section(demo("pilots"))
    assert pl.dump_section(section) == demo("pilots")


def test_the_next_measurement_follows_the_last_one_by_the_rhythm():
    """Is a running pilot's next measurement one rhythm after its latest measurement (after
    the day the rhythm was chosen while it has none), keyed by the pilot's id, and done once
    the pilot is adopted or abandoned but not when adapted?"""
    pilot = pl.Pilot(id="pilot-2", practice="Daily stand-up", project="Season 3")
    pilot = pl.set_rhythm(pilot, 14, D(2026, 12, 1))
    section = pl.PilotsSection(pilots=[pilot])
    (item,) = dated("pilots", pl.dump_section(section))
    assert (item.key, item.day, item.kind, item.done) == (
        "pilots:measurement:pilot-2",
        D(2026, 12, 15),
        "measurement",
        False,
    )
    assert item.title == "Measure the pilot: Daily stand-up"
    assert "Season 3" in item.detail and "every two weeks" in item.detail
    pilot = pilot.model_copy(update={"metrics": [pl.Metric(id="m", name="M", better="higher")]})
    pilot = pl.add_measurement(pilot, "m", "2026-12-20", "4", "")
    (item,) = dated("pilots", pl.dump_section(pl.PilotsSection(pilots=[pilot])))
    assert (item.key, item.day) == ("pilots:measurement:pilot-2", D(2027, 1, 3))
    for choice, done in (("adapt", False), ("adopt", True), ("abandon", True)):
        decided = pl.set_decision(pilot, choice, "why", "2027-01-02")
        (item,) = dated("pilots", pl.dump_section(pl.PilotsSection(pilots=[decided])))
        assert item.done is done, choice


def test_a_rhythm_is_kept_when_chosen_again_and_written_only_once_chosen():
    """Does choosing the same rhythm again keep its day; turning it off write the pilot as
    before; a rhythm without its day refused when read?"""
    p = pl.set_rhythm(pl.Pilot(id="p1"), 7, D(2026, 3, 1))
    assert pl.set_rhythm(p, 7, D(2026, 4, 1)).rhythm_from == D(2026, 3, 1)
    assert pl.set_rhythm(p, 28, D(2026, 4, 1)).rhythm_from == D(2026, 4, 1)
    off = pl.set_rhythm(p, None, D(2026, 4, 1))
    assert pl.dump_section(pl.PilotsSection(pilots=[off])) == {
        "pilots": [{**off.model_dump(mode="json", exclude={"rhythm_days", "rhythm_from"})}]
    }
    with pytest.raises(InputError):
        pl.parse_section({"pilots": [{"id": "p1", "rhythm_days": 7}]})
    with pytest.raises(InputError):
        pl.set_rhythm(p, 0, D(2026, 4, 1))


def test_a_rhythm_the_content_no_longer_offers_is_still_worded():
    """Is a rhythm of a number of days the content does not list still said, in the
    content's words?"""
    assert pl.rhythm_label(10, pl.load_content()) == "every 10 days"
    assert pl.rhythm_label(7, pl.load_content()) == "every week"


def test_the_pilots_light_basis_gives_the_same_dates_as_assess():
    """Does the pilots' ``dates_basis`` (what the cadence reads) give the same dates as
    ``assess``'s full result, for running, adapted and decided pilots?"""
    d = domain("pilots")
    content = d.load_content()
    pilots = [
        pl.set_rhythm(pl.Pilot(id=f"p{n}", practice=f"P{n}"), days, D(2026, 3, 1))
        for n, days in enumerate((7, 14, 28))
    ]
    pilots[1] = pl.set_decision(pilots[1], "adapt", "again", "2026-03-02")
    pilots[2] = pl.set_decision(pilots[2], "abandon", "no", "2026-03-02")
    section = pl.PilotsSection(pilots=[*pilots, pl.Pilot(id="none")])
    assert d.dates_basis is pl.dates_basis
    light = d.dates(d.dates_basis(section, content), content)
    full = d.dates(d.assess(section, content), content)
    assert light == full and [x.done for x in light] == [False, False, True]


def test_gathering_the_dates_loads_no_statistics(tmp_path):
    """Does reading every workbook's dates (the start page, a calendar app's visit) leave
    numpy and scipy unloaded, pilots and all?"""
    import subprocess
    import sys

    probe = (
        "import json, sys; from playbook.cadence import gather_dates; "
        f"s = json.load(open({str(DEMO)!r}))['sections']; "
        "s['pilots']['pilots'][0].update(rhythm_days=7, rhythm_from='2026-03-01'); "
        "items = gather_dates(s).items; "
        "print(len(items), sorted(m for m in ('numpy', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    # 15: 10, and the demo's sessions with the mentor's 5 (#20)
    assert out.stdout.split(maxsplit=1) == ["15", "[]\n"]
