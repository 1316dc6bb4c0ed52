"""Community practices chosen on the pilots page, counted in the time split (issue 21): their
keywords classify entries as community time (after the participant's own rules and choices,
before the content's rules), and the hours they account for, checked by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import playbook.time_split as ts
from playbook.imports import Entry
from playbook.imports.calendar import parse_calendar
from playbook.pilots import load_content as pilots_content

REPO = Path(__file__).resolve().parents[1]
CONTENT = ts.load_content()
PRACTICES = pilots_content()
MARCH = (date(2026, 3, 2), date(2026, 3, 29))


def chosen(*ids: str) -> list[ts.CountedPractice]:
    return ts.counted_practices(PRACTICES.practice(i) for i in ids)


def entry(n: int, text: str, hours: float, day: date = date(2026, 3, 4)) -> Entry:
    return Entry(id=f"e{n}", source="manual", day=day, hours=hours, description=text)


WEEK = [
    entry(1, "Joint planning session with editorial", 2.0),
    entry(2, "Joint planning: episode 3", 1.5, date(2026, 3, 5)),
    entry(3, "Coffee with the venue manager", 0.75),
    entry(4, "Supplier call: rigging hire", 1.0),
    entry(5, "Production meeting", 1.0),
    entry(6, "Shadow day with the lighting designer", 3.0),
]


def test_a_chosen_practices_entries_count_as_community_time():
    """Do joint planning sessions, which the content's rules read as delivery ('planning'),
    count as community time once the practice is chosen, with the practice named as the
    reason, and nothing else change?"""
    before = {c.entry.id: c.category for c in ts.classify_entries(WEEK, CONTENT)}
    assert before["e1"] == before["e2"] == "delivery" and before["e6"] == "other"
    after = ts.classify_entries(WEEK, CONTENT, practices=chosen("joint_planning"))
    by_id = {c.entry.id: c for c in after}
    assert by_id["e1"].category == by_id["e2"].category == "community"
    assert (
        by_id["e1"].reason == "your practice 'Joint planning sessions' (keyword 'joint planning')"
    )
    assert by_id["e1"].rule_id == "practice:joint_planning"
    assert {k: c.category for k, c in by_id.items() if k not in ("e1", "e2")} == {
        k: v for k, v in before.items() if k not in ("e1", "e2")
    }


def test_the_hours_of_each_chosen_practice_by_hand():
    """Joint planning 2 + 1.5 = 3.5 h in two entries, shadowing 3 h in one, the coffee
    0.75 h in one: are these the hours, and is the community total 7.25 h (the coffee was
    community time already)?"""
    practices = chosen("joint_planning", "cross_role_shadowing", "beyond_team")
    done = ts.classify_entries(WEEK, CONTENT, practices=practices)
    found = ts.practice_hours(done, practices, MARCH)
    assert [(p.id, p.hours, p.entries) for p in found] == [
        ("joint_planning", 3.5, 2),
        ("cross_role_shadowing", 3.0, 1),
        ("beyond_team", 0.75, 1),
    ]
    report = ts.split_report(done, CONTENT, MARCH)
    assert report.overall.community_hours == pytest.approx(3.5 + 3.0 + 0.75)
    assert ts.describe_practices(found, report.overall.community_hours) == (
        "Of your 7.25 h of community building, 7.25 h came from the community practices you "
        "chose on the pilots page: Joint planning sessions 3.5 h (2 entries); Cross-role "
        "shadowing 3 h (1 entry); Relationships beyond your own team 0.75 h (1 entry)."
    )
    # outside the range, nothing
    assert [p.hours for p in ts.practice_hours(done, practices, (date(2026, 4, 1),) * 2)] == [
        0.0,
        0.0,
        0.0,
    ]


def test_the_participants_own_choices_come_first():
    """Does an entry put in a category by hand, or matched by the participant's own rule, stay
    theirs (and not count for the practice)?"""
    practices = chosen("joint_planning")
    rules = ts.add_user_rule([], "episode 3", "hands_on", CONTENT)
    done = ts.classify_entries(
        WEEK, CONTENT, overrides={"e1": "visibility"}, user_rules=rules, practices=practices
    )
    by_id = {c.entry.id: c for c in done}
    assert (by_id["e1"].category, by_id["e1"].reason) == ("visibility", "your choice")
    assert by_id["e2"].category == "hands_on" and by_id["e2"].reason.startswith("your rule")
    assert ts.practice_hours(done, practices, MARCH)[0].hours == 0.0


def test_without_a_community_category_the_practices_count_nowhere(content_dir):
    """Does a coach's content with no community category leave the practices' entries to the
    content's rules, instead of failing?"""
    import yaml

    data = yaml.safe_load((REPO / "playbook" / "content" / "time_split.yaml").read_text())
    for c in data["categories"]:
        c.pop("community", None)
    (content_dir / "time_split.yaml").write_text(yaml.safe_dump(data))
    content = ts.load_content()
    done = ts.classify_entries(WEEK, content, practices=chosen("joint_planning"))
    assert done[0].category == "delivery"


def test_the_section_keeps_the_practices_and_assess_counts_them():
    """Does the section keep the chosen practices (and a section without any the record as
    before), does ``with_practices`` return the section itself when nothing changed, and do
    the result and "Where I stand" count them?"""
    section = ts.TimeSplitSection(entries=WEEK, date_range=ts.check_range(*MARCH))
    assert "community_practices" not in ts.dump_section(section)
    assert ts.with_practices(section, []) is section
    counted = ts.with_practices(section, chosen("joint_planning"))
    assert ts.parse_section(ts.dump_section(counted)) == counted
    assert ts.with_practices(counted, chosen("joint_planning")) is counted
    before = ts.assess(section, CONTENT)
    after = ts.assess(counted, CONTENT)
    assert before.practices == ()
    assert after.report.overall.community_hours == pytest.approx(
        before.report.overall.community_hours + 3.5
    )
    assert [(p.id, p.hours) for p in after.practices] == [("joint_planning", 3.5)]
    lines = ts.standing(after, CONTENT).lines
    assert lines[-1].startswith("Of your 4.25 h of community building, 3.5 h came from")


def test_the_demo_calendars_relationships_beyond_the_team_by_hand():
    """On the sample calendar of March 2026 (Europe/London), with "Relationships beyond your
    own team" chosen: 'Coffee with the venue manager' 08:30-09:15 (0.75 h) and 'Mentoring
    circle (regional producers' network)' 17:30-19:00 (1.5 h) are its entries, 2.25 h; both were
    community time already, so the month's community hours do not change."""
    cal = parse_calendar(
        (REPO / "data" / "sample_calendar.ics").read_bytes(), "Europe/London", *MARCH
    )
    now = datetime(2026, 3, 30, 9, tzinfo=UTC)
    section, _ = ts.apply_import(
        ts.TimeSplitSection(date_range=ts.check_range(*MARCH)), cal, "c.ics", now
    )
    counted = ts.with_practices(section, chosen("beyond_team"))
    done = ts.counted_classified(counted, CONTENT)
    mine = sorted(
        (c.entry.description, c.entry.hours) for c in done if c.rule_id == "practice:beyond_team"
    )
    assert mine == [
        ("Coffee with the venue manager", 0.75),
        ("Mentoring circle (regional producers' network)", 1.5),
    ]
    result = ts.assess(counted, CONTENT)
    assert [(p.hours, p.entries) for p in result.practices] == [(2.25, 2)]
    plain = ts.assess(section, CONTENT).report.overall.community_hours
    assert result.report.overall.community_hours == pytest.approx(plain)
