"""The sessions' hooks (playbook/mentoring/standing.py): "Where I stand", the cadence's dates,
and what a done action says where it is linked, on the demo workbook and through the plan."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import playbook.mentoring as ms
import playbook.plan as pn
from playbook.contract import domain

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_workbook.json"
CONTENT = ms.load_content()
REHEARSAL = "Rehearse the joint-planning presentation with the editorial lead"


def demo_sections() -> dict[str, Any]:
    return json.loads(DEMO.read_bytes())["sections"]


def demo_result() -> ms.MentoringResult:
    return ms.assess(ms.parse_section(demo_sections()["mentoring"]), CONTENT)


def test_standing_on_the_demo_workbook():
    """Does "Where I stand" say the demo's two sessions, the next one, its actions and the
    done action with what it links, as the plan gives it?"""
    got = ms.standing(demo_result(), CONTENT)
    assert (got.state, got.todo) == ("done", "")
    assert got.lines == (
        "Sessions held: 2, the latest on 2026-05-05.",
        "Next session planned for 2026-06-02.",
        "Actions: 1 open (0 mine, 1 my mentor's), 1 done.",
        f"Done in the mentor session of 2026-05-05: {REHEARSAL} (linked to Goal: Present the "
        "joint-planning results to the head of production).",
    )
    (row,) = [r for r in pn.standings(pn.gather(demo_sections())) if r.section == "mentoring"]
    assert (row.title, row.state, row.lines) == ("Sessions with my mentor", "done", got.lines)


def test_standing_says_what_is_still_to_do():
    assert ms.standing(None, None).state == "not started"
    s, first = ms.add_session(ms.MentoringSection(), "2026-04-07", CONTENT)
    s = ms.add_action(s, first.id, "Call the venue", "manager", None, at="")
    s = ms.set_next_day(s, "")
    got = ms.standing(ms.assess(s, CONTENT), CONTENT)
    assert got.state == "in progress"
    assert got.todo == "1 action(s) of mine are open. Plan the next session."


def test_a_done_action_linked_to_a_pilot_or_an_audit_action_is_in_where_i_stand():
    """A pilot's and an audit action's link are said in "Where I stand" (their pages are the
    pilots' and the audit's own; "Where I stand" is where both sides read across workbooks)."""
    s, first = ms.add_session(ms.MentoringSection(), "2026-04-07", CONTENT)
    for text, link, label in (
        ("Share the pilot's chart", "pilots:pilot-1", "Pilot: Joint planning"),
        ("Name a second contact", "audit:2026-Q1:0", "Audit action (2026-Q1): Second contact"),
    ):
        s = ms.add_action(s, first.id, text, "manager", None, at="", link=link, link_label=label)
    for action in s.actions:
        s = ms.set_done(s, action.id, first.id, True, at="t")
    lines = ms.standing(ms.assess(s, CONTENT), CONTENT).lines
    assert lines[-2:] == (
        "Done in the mentor session of 2026-04-07: Share the pilot's chart (linked to Pilot: "
        "Joint planning).",
        "Done in the mentor session of 2026-04-07: Name a second contact (linked to Audit "
        "action (2026-Q1): Second contact).",
    )
    assert [link for link, _ in ms.linked(ms.assess(s, CONTENT), CONTENT)] == [
        "pilots:pilot-1",
        "audit:2026-Q1:0",
    ]


def test_dates_on_the_demo_workbook():
    """Are the demo's dated things every action with a due date, both sessions (held) and the
    next one, under keys that stay the same for the same thing?"""
    got = [(d.key, d.day.isoformat(), d.kind, d.done) for d in ms.dates(demo_result(), CONTENT)]
    mentor_action = next(a for a in demo_result().actions if a.owner == "mentor")
    assert got == [
        ("mentoring:action:action-1", "2026-04-21", "action", True),
        (f"mentoring:action:{mentor_action.id}", "2026-04-14", "action", False),
        ("mentoring:session:session-1", "2026-04-07", "session", True),
        ("mentoring:session:session-2", "2026-05-05", "session", True),
        ("mentoring:session:session-3", "2026-06-02", "session", False),
    ]
    titles = {d.key: (d.title, d.detail) for d in ms.dates(demo_result(), CONTENT)}
    assert titles[f"mentoring:action:{mentor_action.id}"] == (
        "Mentoring action: Send two articles on facilitation",
        "Owner: Jordan Lee. Agreed in the mentor session of 2026-04-07; tick it off on the "
        'page "Sessions with my mentor" in the session it is done in.',
    )
    assert domain("mentoring").dates is ms.dates


def test_the_next_session_keeps_its_key_once_it_is_held():
    """Is the planned next session's key the one the session takes when it is started (so a
    calendar updates its event rather than adding another)?"""
    s, _ = ms.add_session(ms.MentoringSection(), "2026-04-07", CONTENT)
    before = ms.dates(ms.assess(s, CONTENT), CONTENT)
    assert [(d.key, d.done) for d in before] == [
        ("mentoring:session:session-1", False),  # not held yet: no notes, no actions
        ("mentoring:session:session-2", False),  # planned, 28 days on (the default)
    ]
    planned = before[1]
    s, second = ms.add_session(s, planned.day, CONTENT)
    now = {d.key: d for d in ms.dates(ms.assess(s, CONTENT), CONTENT)}
    assert planned.key == f"mentoring:session:{second.id}"
    assert now[planned.key].day == planned.day and len(now) == 3  # the one after is planned


def test_the_plan_shows_a_done_action_under_the_goal_it_links():
    """Does the plan, naming no domain, read the done action's sentence under the demo's goal
    (and under a goal taken from a suggestion the action links)?"""
    results = pn.gather(demo_sections())
    notes = pn.linked_notes(results)
    note = f"Done in the mentor session of 2026-05-05: {REHEARSAL}."
    assert notes == {"plan:goal:goal-1": [note]}
    plan = pn.parse_section(demo_sections()["plan"])
    assert pn.goal_notes(notes, plan.goals[0]) == [note]
    suggestion = pn.suggest(results, pn.load_content())[0]
    taken = pn.add_goal(plan, suggestion.goal, None, suggestion=suggestion).goals[-1]
    linked = {pn.suggestion_link(suggestion.key): ["Done: the step"]}
    assert pn.goal_notes(linked, taken) == ["Done: the step"]


def test_what_an_action_can_be_linked_to():
    """Does an action's link list the plan's goals, the suggestions not taken yet, then each
    pilot and open audit action (the workbooks' links hooks)?"""
    sections = demo_sections()
    results = pn.gather(sections)
    targets = pn.link_targets(pn.parse_section(sections["plan"]), results, pn.load_content())
    values = [v for _, v in targets]
    assert values[0] == "plan:goal:goal-1"
    assert sum(v.startswith("plan:suggestion:") for v in values) == len(
        pn.suggest(results, pn.load_content())
    )
    assert values[-3:] == ["pilots:pilot-1", "audit:2026-Q1:0", "audit:2026-Q1:1"]
    assert targets[-3][0] == "Pilot: Joint planning sessions with editorial"
