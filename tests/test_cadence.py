"""The cadence (issue 20): every registered workbook's dates gathered through the registry, the
start page's "due this week" and "overdue", and the calendar file, opened with icalendar and
expanded with recurring-ical-events (the reference readers the time split's calendar import
is checked against): every dated item once with its reminder, the weekly reminder weekly, and
a second download that updates (same UIDs, a changed event's SEQUENCE higher)."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import recurring_ical_events
from icalendar import Calendar

from playbook import cadence as cd
from playbook import contract, record
from playbook.contract import Dated, Workbook
from playbook.errors import ImportFileError
from tests.fixture_workbook import DOMAIN as READING

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_workbook.json"
D = dt.date
NOW = dt.datetime(2026, 12, 9, 8, 30, tzinfo=dt.UTC)
TODAY = D(2026, 12, 9)  # a Wednesday


def demo_sections() -> dict[str, Any]:
    return json.loads(DEMO.read_bytes())["sections"]


def full_sections() -> dict[str, Any]:
    """The demo workbook with one of every kind of date: a goal due this week and one done,
    the weekly reminder on Fridays, and a second pilot measured every two weeks."""
    s = demo_sections()
    s["plan"]["goals"] += [
        {"id": "goal-2", "text": "Book the mentor session", "due": "2026-12-11", "progress": 40},
        {"id": "goal-3", "text": "Finished goal", "due": "2026-11-02", "progress": 100},
    ]
    s["time_split"]["reminder_weekday"] = 4
    s["time_split"]["reminder_since"] = "2026-11-30"
    s["pilots"]["pilots"].append(
        {
            "id": "pilot-2",
            "practice": "Production retrospectives",
            "project": "Season 3",
            "rhythm_days": 14,
            "rhythm_from": "2026-12-01",
        }
    )
    return s


def events(ics: bytes) -> dict[str, Any]:
    """The file's VEVENTs by UID (each UID once: a second one fails here)."""
    found: dict[str, Any] = {}
    for e in Calendar.from_ical(ics).walk("VEVENT"):
        uid = str(e["UID"])
        assert uid not in found, f"UID {uid} twice"
        found[uid] = e
    return found


# --- gathering through the registry -------------------------------------------------------


def test_the_dates_of_every_dated_workbook_are_gathered_each_once():
    """Does the cadence read every workbook's dates (plan, audit, time split, pilots) through
    the registry, in page order, each key once?"""
    dates = cd.gather_dates(full_sections())
    keys = [i.key for i in dates.items]
    # 3 goals, 2 audit, 6 checkpoints, 2 more, and the sessions with the mentor's 5 (#20: two
    # sessions, the next one planned, two actions)
    assert len(keys) == len(set(keys)) == 18
    assert [i.section for i in dates.items] == sorted(
        (i.section for i in dates.items), key=contract.sections().index
    )
    assert {i.kind for i in dates.items} == {
        "goal",
        "audit",
        "action",
        "checkpoint",
        "reminder",
        "measurement",
        "session",
    }
    assert dates.problems == {}


def test_a_new_workbooks_dates_join_with_no_change_to_the_cadence():
    """Does a workbook registered with a ``dates`` hook (the fixture reading log, with a book
    club date) reach the lists and the calendar, with nothing else changed?"""

    def club(result: Any, content: Any) -> list[Dated]:
        return [Dated("reading:club:1", D(2026, 12, 10), "Book club", "reading", "session")]

    line = Workbook(
        "08_reading_log.ipynb",
        "Reading log",
        "tests.fixture_workbook.view:ReadingView",
        "reading",
        "tests.fixture_workbook:DOMAIN",
        loaded=dataclasses.replace(READING, dates=club),
    )
    sections = {**full_sections(), "reading": {"books": [{"title": "T", "kind": "craft"}]}}
    with contract.registered(line):
        dates = cd.gather_dates(sections)
        agenda = cd.agenda(dates.items, TODAY)
        published = cd.publish(sections, NOW)
    assert dates.items[-1].key == "reading:club:1"
    (due,) = [d for d in agenda.due if d.item.key == "reading:club:1"]
    assert (due.notebook, due.page) == ("08_reading_log.ipynb", "Reading log")
    uid = cd.uid(published.state.salt, "reading:club:1")
    assert str(events(published.ics)[uid]["SUMMARY"]) == "Book club"


def test_an_unreadable_workbook_is_named_and_the_others_kept():
    """Does a section that cannot be read (an audit answer off the scale) leave its dates out
    and say so, with every other workbook's dates kept?"""
    s = full_sections()
    s["audit"]["quarters"][0]["answers"]["res_buffers"] = 99
    dates = cd.gather_dates(s)
    assert list(dates.problems) == ["audit"] and "outside the scale" in dates.problems["audit"]
    assert "audit" not in {i.section for i in dates.items}
    assert {"plan", "time_split", "pilots"} <= {i.section for i in dates.items}


def test_an_empty_workbook_has_no_dates_and_imports_nothing_heavy():
    """Does a workbook never saved give no dates (no section read)?"""
    assert cd.gather_dates({}) == cd.Dates()


# --- the start page's lists -----------------------------------------------------------------


def test_due_this_week_and_overdue_on_the_demo_workbook():
    """On Wednesday 9 December, is the goal due on Friday and the Friday reminder due this
    week; the pilot measured every two weeks (next on 15 December) not yet; and overdue the
    demo's open items (its goal, the audit action, the next audit, the five checkpoints its
    run week did not reach), soonest first, never a done item?"""
    a = cd.agenda(cd.gather_dates(full_sections()).items, TODAY)
    assert (a.today, a.week_end) == (TODAY, D(2026, 12, 13))
    assert [(d.item.key, d.day) for d in a.due] == [  # one day: by page, then title
        ("plan:goal:goal-2", D(2026, 12, 11)),
        ("time_split:reminder:weekly", D(2026, 12, 11)),
    ]
    overdue = [d.item.key for d in a.overdue]
    # the mentor's open action of the demo's sessions (#20; its id names the mentor's link,
    # made anew with the demo), due a day before the audit action
    mentors = next(k for k in overdue if k.startswith("mentoring:action:m-"))
    assert overdue[:3] == [mentors, "audit:action:2026-Q1:a1", "time_split:checkpoint:2"]
    assert set(overdue) == {
        "plan:goal:goal-1",
        "audit:next:2026-Q1",
        "audit:action:2026-Q1:a1",
        *(f"time_split:checkpoint:{m}" for m in range(2, 7)),
        mentors,
        "mentoring:session:session-3",  # the next session, planned for 2 June (#20)
    }
    assert [d.day for d in a.overdue] == sorted(d.day for d in a.overdue)
    goal = next(d for d in a.due if d.item.key == "plan:goal:goal-2")
    assert (goal.notebook, goal.page) == ("06_development_plan.ipynb", "Development plan")
    assert cd.when(goal, TODAY, cd.load_content()) == "Fri 11 Dec"
    late = next(d for d in a.overdue if d.item.key == "plan:goal:goal-1")
    assert cd.when(late, TODAY, cd.load_content()) == "due Fri 29 May, 194 days ago"


def test_the_week_ends_on_sunday_and_today_is_due_not_overdue():
    """On a Sunday, is only that day left of the week; is an item due today due, not
    overdue; and yesterday's overdue?"""
    items = [
        Dated("plan:goal:a", D(2026, 12, 13), "Today", "plan", "goal"),
        Dated("plan:goal:b", D(2026, 12, 12), "Yesterday", "plan", "goal"),
        Dated("plan:goal:c", D(2026, 12, 14), "Monday", "plan", "goal"),
    ]
    a = cd.agenda(items, D(2026, 12, 13))
    assert [d.item.title for d in a.due] == ["Today"]
    assert [d.item.title for d in a.overdue] == ["Yesterday"]
    words = cd.load_content()
    assert cd.when(a.due[0], D(2026, 12, 13), words) == "today"
    assert cd.when(a.overdue[0], D(2026, 12, 13), words) == "due yesterday"


# --- the calendar file ------------------------------------------------------------------------


def test_every_dated_item_is_in_the_calendar_once_with_its_reminder():
    """Opened with icalendar, does the file hold one all-day VEVENT per dated item, keyed by
    its UID, with DTSTAMP, SEQUENCE, LAST-MODIFIED and, unless done, a display reminder the
    day before at 09:00 (the weekly one on its day at 16:00, this workbook's defaults); and
    the calendar's PRODID, VERSION, name and refresh interval?"""
    sections = full_sections()
    p = cd.publish(sections, NOW)
    cal = Calendar.from_ical(p.ics)
    assert str(cal["VERSION"]) == "2.0" and "Cadence" in str(cal["PRODID"])
    assert str(cal["X-WR-CALNAME"]) == "My production playbook"
    assert cal["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    found = events(p.ics)
    items = p.dates.items
    assert len(found) == len(items) == 18  # 5 of them the sessions with the mentor's (#20)
    for item in items:
        e = found[cd.uid(p.state.salt, item.key)]
        assert e["DTSTART"].dt == item.day and e["DTSTART"].params["VALUE"] == "DATE"
        assert e["DTEND"].dt == item.day + dt.timedelta(days=1)
        assert e["DTSTAMP"].dt == e["LAST-MODIFIED"].dt == NOW
        assert int(e["SEQUENCE"]) == p.state.events[item.key].sequence
        assert str(e["TRANSP"]) == "TRANSPARENT"
        alarms = e.walk("VALARM")
        if item.done:
            assert str(e["SUMMARY"]) == f"Done: {item.title}" and alarms == []
            continue
        assert str(e["SUMMARY"]) == item.title and str(e["DESCRIPTION"]) == item.detail
        (alarm,) = alarms
        assert str(alarm["ACTION"]) == "DISPLAY" and str(alarm["DESCRIPTION"]) == item.title
        trigger = dt.timedelta(hours=16) if item.weekly else dt.timedelta(hours=-15)
        assert alarm["TRIGGER"].dt == trigger


def test_recurring_ical_events_finds_each_item_once_and_the_reminder_every_week():
    """Expanded with recurring-ical-events over the year, does every one-off item occur once,
    on its day, and the weekly reminder on every Friday from the first (4 December) on?"""
    p = cd.publish(full_sections(), NOW)
    cal = Calendar.from_ical(p.ics)
    start, end = D(2026, 1, 1), D(2027, 1, 1)
    occurrences = recurring_ical_events.of(cal).between(start, end)
    by_uid: dict[str, list[D]] = {}
    for e in occurrences:
        by_uid.setdefault(str(e["UID"]), []).append(e["DTSTART"].dt)
    for item in p.dates.items:
        days = sorted(by_uid.pop(cd.uid(p.state.salt, item.key)))
        if item.weekly:
            assert days[0] == D(2026, 12, 4) and days[-1] == D(2026, 12, 25)
            assert all((b - a).days == 7 for a, b in zip(days, days[1:], strict=False))
            assert len(days) == 4
        else:
            assert days == [item.day]
    assert by_uid == {}
    # further on, the reminder keeps its weekly rhythm (2027 has 53 Fridays)
    later = recurring_ical_events.of(cal).between(D(2027, 1, 1), D(2028, 1, 1))
    reminder = cd.uid(p.state.salt, "time_split:reminder:weekly")
    fridays = [e["DTSTART"].dt for e in later if str(e["UID"]) == reminder]
    assert len(fridays) == 53 and {d.weekday() for d in fridays} == {4}


def test_a_second_download_updates_the_same_events():
    """Published again with nothing changed, is the file the same byte for byte (so a
    calendar app's visit gets "not modified") and the state unchanged; after a goal's date
    and an audit action change, are the UIDs the same, the changed events' SEQUENCE higher
    and LAST-MODIFIED later, the others as they were?"""
    sections = full_sections()
    first = cd.publish(sections, NOW)
    sections["cadence"] = first.state.model_dump(mode="json")
    again = cd.publish(sections, NOW + dt.timedelta(hours=5))
    assert (again.ics, again.state, again.changed) == (first.ics, first.state, False)

    changed = copy.deepcopy(sections)
    changed["plan"]["goals"][1]["due"] = "2026-12-18"
    changed["audit"]["quarters"][0]["actions"][0]["done"] = True
    later = NOW + dt.timedelta(days=2)
    second = cd.publish(changed, later)
    assert second.changed
    before, after = events(first.ics), events(second.ics)
    assert set(before) == set(after)
    moved = {cd.uid(first.state.salt, k) for k in ("plan:goal:goal-2", "audit:action:2026-Q1:a1")}
    for uid in before:
        b, a = before[uid], after[uid]
        if uid in moved:
            assert int(a["SEQUENCE"]) > int(b["SEQUENCE"])
            assert a["LAST-MODIFIED"].dt == later > b["LAST-MODIFIED"].dt
        else:
            assert int(a["SEQUENCE"]) == int(b["SEQUENCE"]) and a.to_ical() == b.to_ical()
    goal = after[cd.uid(first.state.salt, "plan:goal:goal-2")]
    assert goal["DTSTART"].dt == D(2026, 12, 18)
    action = after[cd.uid(first.state.salt, "audit:action:2026-Q1:a1")]
    assert str(action["SUMMARY"]).startswith("Done: ") and action.walk("VALARM") == []


def test_a_change_is_numbered_higher_even_after_the_state_was_restored_from_an_older_file():
    """If the kept state goes back to an older one (a workbook file downloaded earlier and
    restored), is a change published then still numbered above what was published before?"""
    sections = full_sections()
    old = cd.publish(sections, NOW)
    sections["cadence"] = old.state.model_dump(mode="json")
    sections["plan"]["goals"][1]["due"] = "2026-12-18"
    newer = cd.publish(sections, NOW + dt.timedelta(days=1))
    sections["cadence"] = old.state.model_dump(mode="json")  # restored: the older state
    sections["plan"]["goals"][1]["due"] = "2026-12-19"
    again = cd.publish(sections, NOW + dt.timedelta(days=2))
    key = "plan:goal:goal-2"
    assert again.state.events[key].sequence > newer.state.events[key].sequence


def test_uids_are_stable_per_workbook_and_reveal_nothing():
    """Are the UIDs the same for the same item and salt, different for another workbook's
    calendar (another salt), UUID-shaped; and does the file hold neither the salt, nor the
    workbook's key, nor its id?"""
    sections = full_sections()
    a = cd.publish(sections, NOW)
    b = cd.publish(sections, NOW)  # no state kept: another workbook's salt
    assert a.state.salt != b.state.salt
    assert set(events(a.ics)).isdisjoint(events(b.ics))
    sections["cadence"] = a.state.model_dump(mode="json")
    assert set(events(cd.publish(sections, NOW).ics)) == set(events(a.ics))
    for uid in events(a.ics):
        assert len(uid) == 36 and uid.count("-") == 4
    assert a.state.salt.encode() not in a.ics


def test_participant_text_stays_plain_text():
    """Does a goal whose words hold calendar syntax, markup, separators and control
    characters come back as the same words (line breaks kept, controls dropped), in one
    event, and add no event, property or alarm of its own?"""
    nasty = "Rig; load-in, \\done\r\nEND:VEVENT\r\nBEGIN:VEVENT\nSUMMARY:x <script>alert(1)</script>\x07"
    sections = {"plan": {"goals": [{"id": "goal-1", "text": nasty, "due": "2026-12-11"}]}}
    p = cd.publish(sections, NOW)
    (e,) = events(p.ics).values()
    assert str(e["SUMMARY"]) == "Goal: " + nasty.replace("\r\n", "\n").replace("\x07", "")
    assert len(e.walk("VALARM")) == 1
    lines = p.ics.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == 1 and lines.count(b"END:VCALENDAR") == 1
    assert sum(line.startswith(b"SUMMARY:") for line in lines) == 1


def test_the_calendar_state_travels_with_the_workbook_file():
    """Does a workbook file keep its calendar's state (so a workbook restored from its file,
    as on Binder, keeps its UIDs), and is a damaged state refused with a message?"""
    sections = full_sections()
    p = cd.publish(sections, NOW)
    rec = {"format": "playbook-workbook", "schema_version": record.SCHEMA_VERSION}
    rec["sections"] = {**sections, "cadence": p.state.model_dump(mode="json")}
    restored = record.parse_workbook_file(json.dumps(rec).encode())
    assert cd.parse_state(restored["sections"]["cadence"]) == p.state
    assert set(events(cd.publish(restored["sections"], NOW).ics)) == set(events(p.ics))
    rec["sections"]["cadence"] = {"salt": "not hex"}
    with pytest.raises(ImportFileError, match="'cadence' part"):
        record.parse_workbook_file(json.dumps(rec).encode())


def test_an_empty_calendar_state_in_a_file_is_no_state():
    """Is a workbook file whose calendar part is empty read without it (a new salt is made
    when a calendar is next published)?"""
    rec = {"format": "playbook-workbook", "schema_version": record.SCHEMA_VERSION}
    for empty in (None, {}):
        rec["sections"] = {"cadence": empty}
        assert "cadence" not in record.parse_workbook_file(json.dumps(rec).encode())["sections"]
