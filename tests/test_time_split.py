"""Tests of playbook.time_split (and its charts): classification, aggregation, focus,
overlaps, manual weeks, the transition plan and the workbook section.

Reference values: the article's numbers as docs/CONTENT.md section 4 lists them (70/30, 15-20 hours
a month, 10%, 70% to 30% over six months), and hand-computed sums.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from playbook.charts.time_split import (
    community_chart,
    focus_chart,
    plan_chart,
    split_chart,
    trend_chart,
    weekly_chart,
)
from playbook.errors import ContentError, InputError
from playbook.imports import ColumnMapping, Entry, ImportResult, make_entry
from playbook.imports.calendar import parse_calendar
from playbook.time_split import (
    Classifier,
    ManualActivity,
    PlanSettings,
    Rule,
    TimeSplitSection,
    add_user_rule,
    apply_import,
    classify_entries,
    classify_section,
    default_range,
    describe_overlaps,
    explain_focus,
    explain_progress,
    find_overlaps,
    focus_report,
    load_content,
    manual_entries,
    measured_technical_share,
    merge_entries,
    plan_progress,
    reclassify,
    remove_entries,
    replace_manual_week,
    source_counts,
    split_report,
    transition_plan,
    week_start,
)
from playbook.time_split import explain_split as ts_explain
from tests.calendar_reference import sample_entries

REPO = Path(__file__).resolve().parent.parent
CONTENT_FILE = REPO / "playbook" / "content" / "time_split.yaml"
MONDAY = date(2026, 3, 2)


@pytest.fixture(scope="module")
def content():
    return load_content()


def manual(day: date, hours: float, category: str, text: str = "x", n: int = 0) -> Entry:
    return Entry(
        id=f"{day}-{category}-{hours}-{n}-{text}",
        source="manual",
        day=day,
        hours=hours,
        category=category,
        description=text,
    )


def at(day: date, h: int, m: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, h, m, tzinfo=UTC)


def timed(text: str, day: date, start: tuple[int, int], end: tuple[int, int]) -> Entry:
    return make_entry("ics", text, at(day, *start), at(day, *end))


# --- content ----------------------------------------------------------------------------------


def test_targets_are_the_articles_numbers(content):
    """Are 70/30, 15-20 h a month, 10% and 70%->30% in six months the article's numbers?"""
    t = content.targets
    assert t.split.delivery_share == 0.70
    assert (t.community.hours_per_month_low, t.community.hours_per_month_high) == (15, 20)
    assert t.learning.share == 0.10
    tr = content.transition
    assert (tr.start_share, tr.target_share, tr.months) == (0.70, 0.30, 6)
    assert "70% of your energy" in t.split.source
    assert "15-20 hours monthly" in t.community.source
    assert "from 70% to 30%" in tr.source


def test_content_file_says_which_numbers_are_the_articles_and_which_are_defaults():
    """Does the YAML comment separate the article's numbers from the workbook's defaults?"""
    text = CONTENT_FILE.read_text(encoding="utf-8")
    assert "FROM THE ARTICLE" in text and "DEFAULTS of this workbook" in text
    for default in ("tolerance", "2-hour focus block", "all-day"):
        assert default in text


def test_statistics_are_quoted_as_the_playbooks_claims(content):
    """Is the 20-30% first-quarter figure attributed to the playbook, not stated as fact?"""
    assert content.transition.note.startswith("The playbook reports")


def test_coach_content_with_an_unknown_category_names_the_rule(content_dir):
    """Is a coach's rule with a misspelt category refused, naming the file and the rule?"""
    text = CONTENT_FILE.read_text(encoding="utf-8").replace(
        "category: learning\n", "category: lerning\n", 1
    )
    (content_dir / "time_split.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=r"time_split\.yaml.*lerning"):
        load_content()


# --- classification ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Rehearsal: Act 2", "delivery"),
        ("Tech", "delivery"),
        ("Tech rehearsal", "delivery"),
        ("Load-in", "delivery"),
        ("Call sheet for Monday", "delivery"),
        ("Budget review", "delivery"),
        ("Production retrospective", "delivery"),
        ("Stakeholder update", "visibility"),
        ("Steering group", "visibility"),
        ("1:1 with Sam", "community"),
        ("Weekly 1:1s", "community"),
        ("Mentoring a junior PM", "community"),
        ("Lunch with the venue manager", "community"),
        ("Lunch", "protected"),
        ("Webinar: AI scheduling", "learning"),
        ("Drafting the ground plan", "hands_on"),
        ("REHEARSALS", "delivery"),
        ("Technology fair", "other"),
        ("Aim for Friday", "other"),
        ("", "other"),
    ],
)
def test_keyword_rules_classify_production_work(content, text, category):
    """Do the content's production-aware rules (whole words, plurals) give the expected category?"""
    assert Classifier(content).classify_text(text)[0] == category


def test_precedence_override_then_entry_then_user_rule_then_content(content):
    """Does a participant's choice beat the entry's category, which beats rules?"""
    e = timed("Budget review", MONDAY, (9, 0), (10, 0))
    rules = add_user_rule([], "budget", "visibility", content)
    assert Classifier(content).classify(e).category == "delivery"
    by_rule = Classifier(content, rules).classify(e)
    assert (by_rule.category, by_rule.reason) == (
        "visibility",
        "your rule 'my-rule-1' (keyword 'budget')",
    )
    overridden = Classifier(content, rules, {e.id: "learning"}).classify(e)
    assert (overridden.category, overridden.reason) == ("learning", "your choice")
    with_category = manual(MONDAY, 2, "protected", "Budget review")
    assert Classifier(content, rules).classify(with_category).category == "protected"


def test_classification_reads_project_and_tags(content):
    """Does a tag or project name classify an entry whose description says nothing?"""
    e = make_entry("toggl", "Misc", at(MONDAY, 9), at(MONDAY, 10), tags=("mentoring",))
    assert Classifier(content).classify(e).category == "community"


def test_add_user_rule_replaces_the_same_keyword_and_validates(content):
    """Is a second rule for the same keyword a change, and are bad rules refused?"""
    rules = add_user_rule([], "Plot", "hands_on", content)
    rules = add_user_rule(rules, "  plot ", "delivery", content)
    assert [(r.keywords, r.category) for r in rules] == [(("plot",), "delivery")]
    with pytest.raises(InputError, match="word or phrase"):
        add_user_rule(rules, "   ", "delivery", content)
    with pytest.raises(InputError, match="not a category"):
        add_user_rule(rules, "x", "fun", content)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_gets_a_known_category(text):
    """Does every text, however odd, get one of the content's categories?"""
    content = load_content()
    assert Classifier(content).classify_text(text)[0] in content.category_ids


# --- the split --------------------------------------------------------------------------------


def test_seventy_thirty_is_balanced_and_the_band_edges_count(content):
    """Is 28/12 h (70%) balanced, 30/10 (75%, the band's edge) balanced, 36/4 inward?"""

    def status(delivery: float, outward: float) -> str:
        week = [
            manual(MONDAY, delivery / 2, "delivery", n=1),
            manual(MONDAY, delivery / 2, "delivery", n=2),
        ]
        week.append(manual(MONDAY + timedelta(days=1), outward, "visibility"))
        return split_report(classify_entries(week, content), content).overall.status

    assert status(28, 12) == "balanced"
    assert status(30, 10) == "balanced"
    assert status(26, 14) == "balanced"
    assert status(36, 4) == "inward"
    assert status(20, 20) == "outward"


def test_shares_have_the_documented_bases(content):
    """Delivery share of delivery+outward; learning and technical shares of working hours?"""
    week = [
        manual(MONDAY, 10, "hands_on"),
        manual(MONDAY, 10, "delivery"),
        manual(MONDAY + timedelta(days=1), 5, "visibility"),
        manual(MONDAY + timedelta(days=1), 5, "community"),
        manual(MONDAY + timedelta(days=2), 4, "learning"),
        manual(MONDAY + timedelta(days=2), 6, "other"),
        manual(MONDAY + timedelta(days=3), 10, "protected"),
    ]
    o = split_report(classify_entries(week, content), content).overall
    assert o.total_hours == 50 and o.work_hours == 40
    assert o.delivery_share == pytest.approx(20 / 30)
    assert o.learning_share == pytest.approx(4 / 40)
    assert o.technical_share == pytest.approx(10 / 40)
    assert o.community_hours == 5


def test_weeks_are_iso_weeks_and_empty_weeks_show_as_gaps(content):
    """Are weeks Monday-first, clipped to the range, with empty weeks as 'no data'?"""
    entries = [manual(date(2026, 3, 4), 8, "delivery"), manual(date(2026, 3, 18), 8, "delivery")]
    report = split_report(
        classify_entries(entries, content), content, (date(2026, 3, 4), date(2026, 3, 20))
    )
    assert [(w.start, w.end) for w in report.weeks] == [
        (date(2026, 3, 4), date(2026, 3, 8)),
        (date(2026, 3, 9), date(2026, 3, 15)),
        (date(2026, 3, 16), date(2026, 3, 20)),
    ]
    assert [w.status for w in report.weeks] == ["inward", "no data", "inward"]
    assert report.weeks[1].delivery_share is None


def test_entries_outside_the_range_are_ignored(content):
    """Is an entry outside the chosen range left out of every figure?"""
    entries = [manual(MONDAY, 8, "delivery"), manual(date(2026, 4, 1), 8, "visibility")]
    report = split_report(classify_entries(entries, content), content, (MONDAY, date(2026, 3, 8)))
    assert report.overall.total_hours == 8


def test_community_hours_per_month_are_pro_rated_for_part_months(content):
    """Are 15-20 h the band for a fully logged month, and half of it for half a month?"""
    logged = [date(2026, 3, 1)] + [date(2026, 3, 2) + timedelta(weeks=i) for i in range(7)]
    entries = [
        *(manual(day, 1, "delivery", n=i) for i, day in enumerate(logged)),
        manual(date(2026, 3, 10), 16, "community"),
        manual(date(2026, 4, 10), 4, "community"),
    ]
    cl = classify_entries(entries, content)
    full = split_report(cl, content, (date(2026, 3, 1), date(2026, 3, 31))).months[0]
    assert (full.low, full.high, full.hours, full.status) == (15, 20, 16, "within")
    report = split_report(cl, content, (date(2026, 3, 1), date(2026, 4, 15)))
    april = report.months[1]
    assert (april.days_covered, april.days_in_month) == (15, 30)
    assert april.low == pytest.approx(7.5) and april.high == pytest.approx(10)
    assert april.status == "below"


def test_one_typed_week_is_compared_with_a_weeks_share_of_the_monthly_band(content):
    """Is one typed week with 4 h of community work in a four-week range compared with seven
    days' share of 15-20 h (3.4-4.5 h: within), not with 28 days' (13.5-18.1 h: 'below')?"""
    week = [manual(MONDAY, 4, "community"), manual(MONDAY, 30, "delivery")]
    report = split_report(classify_entries(week, content), content, (MONDAY, date(2026, 3, 29)))
    (march,) = report.months
    assert march.days_covered == 7
    assert (march.low, march.high) == pytest.approx((15 * 7 / 31, 20 * 7 / 31))
    assert march.status == "within"
    (line,) = [x for x in ts_explain(report, content) if "community building" in x]
    assert "4.0 h of community building, within the 15-20 h a month" in line
    assert "below" not in line and "target" not in line


def test_week_start_is_monday():
    """Is the week of Sunday 8 March the one starting Monday 2 March?"""
    assert week_start(date(2026, 3, 8)) == MONDAY
    assert week_start(MONDAY) == MONDAY


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 40),
            st.floats(0, 12, allow_nan=False),
            st.sampled_from(
                [
                    "hands_on",
                    "delivery",
                    "visibility",
                    "community",
                    "learning",
                    "protected",
                    "other",
                ]
            ),
        ),
        max_size=40,
    )
)
def test_weekly_hours_add_up_to_the_total(rows):
    """Do the weeks' category hours add up to the overall total, with shares in 0-1?"""
    content = load_content()
    entries = [manual(MONDAY + timedelta(days=d), h, c, n=i) for i, (d, h, c) in enumerate(rows)]
    report = split_report(classify_entries(entries, content), content)
    weekly = sum(sum(w.hours.values()) for w in report.weeks)
    assert weekly == pytest.approx(report.overall.total_hours)
    assert report.overall.total_hours == pytest.approx(sum(h for _, h, _ in rows))
    for w in [*report.weeks, report.overall]:
        for share in (w.delivery_share, w.learning_share, w.technical_share):
            assert share is None or 0 <= share <= 1


# --- focus, overlaps --------------------------------------------------------------------------


def test_focus_blocks_are_two_hours_or_more_free_or_busy(content):
    """Meetings 9-10, 10:30-11, tech 13-18 in a 9-18 day: 7 h focus, 2 h fragmented?"""
    day = [
        timed("Production meeting", MONDAY, (9, 0), (10, 0)),
        timed("Vendor call", MONDAY, (10, 30), (11, 0)),
        timed("Tech rehearsal", MONDAY, (13, 0), (18, 0)),
    ]
    report = focus_report(classify_entries(day, content), content)
    [d] = report.days
    assert (d.focus_hours, d.fragmented_hours) == (7.0, 2.0)
    assert [(b.kind, b.hours, b.focus) for b in d.blocks] == [
        ("busy", 1.0, False),
        ("free", 0.5, False),
        ("busy", 0.5, False),
        ("free", 2.0, True),
        ("busy", 5.0, True),
    ]
    assert report.weeks[0].focus_blocks == 2
    assert report.weeks[0].focus_share == pytest.approx(7 / 9)


def test_protected_time_and_all_day_markers_are_neither_focus_nor_fragmented(content):
    """Is a protected lunch left out of both totals, and an all-day day not analysed?"""
    day = [
        timed("Lunch", MONDAY, (12, 0), (13, 0)),
        Entry(
            id="m",
            source="ics",
            day=MONDAY + timedelta(days=1),
            hours=0,
            all_day=True,
            description="Opening night",
        ),
    ]
    report = focus_report(classify_entries(day, content), content)
    [d] = report.days
    assert d.focus_hours + d.fragmented_hours == 8.0  # 9-12 and 13-18, not the lunch hour
    assert d.focus_hours == 8.0


def test_the_working_day_widens_to_early_and_late_entries(content):
    """Does a 07:00 load-in and a 22:00 finish widen the analysed window?"""
    day = [timed("Load-in", MONDAY, (7, 0), (8, 0)), timed("Show call", MONDAY, (19, 0), (22, 0))]
    [d] = focus_report(classify_entries(day, content), content).days
    assert d.blocks[0].start.hour == 7 and d.blocks[-1].end.hour == 22
    assert d.focus_hours + d.fragmented_hours == 15.0


def test_overlaps_are_found_and_touching_entries_are_not(content):
    """Do 9-11 and 10-12 overlap by an hour, while 12-13 just touching does not?"""
    a = timed("Budget review", MONDAY, (9, 0), (11, 0))
    b = timed("Vendor call", MONDAY, (10, 0), (12, 0))
    c = timed("Lunch", MONDAY, (12, 0), (13, 0))
    inside = timed("Quick call", MONDAY, (9, 15), (9, 30))
    overlaps = find_overlaps([c, b, a, inside])
    pairs = {(o.first.description, o.second.description, o.hours) for o in overlaps}
    assert pairs == {
        ("Budget review", "Quick call", 0.25),
        ("Budget review", "Vendor call", 1.0),
    }
    message = describe_overlaps(overlaps)
    assert "2 pair(s)" in message and "1.2 h" in message
    assert describe_overlaps([]) is None


# --- manual weeks, merging --------------------------------------------------------------------


def row(day: str = "2026-03-02", hours: object = 2, category: str = "delivery", text: str = "x"):
    return {"day": day, "description": text, "hours": hours, "category": category}


def test_manual_week_is_validated(content):
    """Are negative hours, a day over 24 h, unknown categories and non-numbers refused?"""
    with pytest.raises(InputError, match="Row 2 .*negative"):
        manual_entries([row(), row(hours=-1)], content)
    with pytest.raises(InputError, match="25 hours; a day has at most 24"):
        manual_entries([row(hours=25)], content)
    with pytest.raises(InputError, match="Monday 2 March 2026 has 26 hours"):
        manual_entries([row(hours=20), row(hours=6)], content)
    with pytest.raises(InputError, match="'fun' is not a category"):
        manual_entries([row(category="fun")], content)
    with pytest.raises(InputError, match="Row 1: hours"):
        manual_entries([row(hours="lots")], content)
    with pytest.raises(InputError, match="number"):
        manual_entries([row(hours=math.nan)], content)


def test_a_full_168_hour_week_is_allowed(content):
    """Is 24 h on each of seven days (168 h) accepted, the most a week can hold?"""
    rows = [row(day=(MONDAY + timedelta(days=d)).isoformat(), hours=24) for d in range(7)]
    assert sum(e.hours for e in manual_entries(rows, content)) == 168


def test_manual_ids_are_stable_and_identical_rows_stay_distinct(content):
    """Do the same rows typed again get the same ids, and two identical rows two ids?"""
    rows = [row(text="Budget"), row(text="Budget")]
    first = manual_entries(rows, content)
    assert len({e.id for e in first}) == 2
    assert [e.id for e in manual_entries(rows, content)] == [e.id for e in first]
    assert all(e.category == "delivery" and not e.timed for e in first)


def test_replacing_a_manual_week_keeps_imports_and_other_weeks(content):
    """Does saving a manual week replace only that week's manual rows?"""
    old = manual_entries([row(text="old"), row(day="2026-03-10", text="next week")], content)
    imported = [timed("Budget review", MONDAY, (9, 0), (10, 0))]
    new = manual_entries([row(text="new")], content)
    result = replace_manual_week([*old, *imported], MONDAY, new)
    assert sorted(e.description for e in result) == ["Budget review", "new", "next week"]


def test_merge_counts_added_and_duplicates():
    """Does merging report how many were new and how many already there?"""
    a = timed("A", MONDAY, (9, 0), (10, 0))
    b = timed("B", MONDAY, (10, 0), (11, 0))
    result = merge_entries([a], [a, b, b])
    assert (len(result.entries), result.added, result.duplicates) == (2, 1, 2)


# --- the transition plan ----------------------------------------------------------------------


def test_default_plan_goes_from_70_to_30_in_six_monthly_steps(content):
    """Are the six milestones 63.3, 56.7, 50, 43.3, 36.7, 30% on the same day of each month?"""
    plan = transition_plan(PlanSettings(start_date=date(2026, 1, 31)), content)
    assert [round(m.technical_share * 100, 1) for m in plan.milestones] == [
        63.3,
        56.7,
        50.0,
        43.3,
        36.7,
        30.0,
    ]
    assert [m.date for m in plan.milestones][:3] == [
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
    ]
    assert plan.end_date == date(2026, 7, 31)


def test_checkpoints_follow_the_plans_thirds(content):
    """Do months 1-2 get early checkpoints, 3-4 middle, 5-6 late (from the content)?"""
    plan = transition_plan(PlanSettings(start_date=MONDAY), content)
    phases = {cp.text: cp.phase for cp in content.transition.checkpoints}
    assert [phases[m.checkpoint] for m in plan.milestones] == [
        "early",
        "early",
        "middle",
        "middle",
        "late",
        "late",
    ]
    long_plan = transition_plan(PlanSettings(start_date=MONDAY, months=12), content)
    assert all(m.checkpoint for m in long_plan.milestones)


def test_plan_settings_are_validated(content):
    """Are a target above the start, too many months and a share over 100% refused?"""
    with pytest.raises(InputError, match="below the starting share"):
        transition_plan(PlanSettings(start_share=0.3, target_share=0.5), content)
    with pytest.raises(InputError, match="1 to 24 months"):
        transition_plan(PlanSettings(months=30), content)
    with pytest.raises(ValidationError):
        PlanSettings(start_share=1.5)


def test_progress_against_logged_weeks(content):
    """Are weeks on the line on track, above it behind, below it ahead, empty 'no data'?"""
    plan = transition_plan(PlanSettings(start_date=MONDAY), content)
    weeks = {
        MONDAY: (7, 3),  # 70% technical, plan ~69.7%: on track
        MONDAY + timedelta(days=7): (9, 1),  # 90%: behind
        MONDAY + timedelta(days=14): (3, 7),  # 30%: ahead
    }
    entries = []
    for i, (monday, (tech, other)) in enumerate(weeks.items()):
        entries += [manual(monday, tech, "hands_on", n=i), manual(monday, other, "delivery", n=i)]
    report = split_report(
        classify_entries(entries, content), content, (MONDAY - timedelta(days=7), date(2026, 3, 29))
    )
    statuses = [p.status for p in plan_progress(plan, report)]
    assert statuses == ["before the plan", "on track", "behind", "ahead", "no data"]
    assert measured_technical_share(report) == pytest.approx(19 / 30)


# --- the section ------------------------------------------------------------------------------


def test_section_round_trips_through_json(content):
    """Does the section survive JSON (entries, overrides, rules, mapping, range, plan)?"""
    entries = manual_entries([row(text="Budget")], content) + [
        timed("Tech rehearsal", MONDAY, (13, 0), (18, 0))
    ]
    section = TimeSplitSection(
        entries=entries,
        overrides={entries[1].id: "hands_on"},
        user_rules=add_user_rule([], "plot", "hands_on", content),
        column_mappings={
            "a|b|c": ColumnMapping.from_choices(start="a", duration="b", description="c")
        },
        date_range={"start": "2026-03-02", "end": "2026-03-29"},
        plan=PlanSettings(start_date=MONDAY),
        timezone="Europe/London",
        owner_email="alex@example.org",
    )
    again = TimeSplitSection.model_validate(json.loads(json.dumps(section.model_dump(mode="json"))))
    assert again == section
    assert again.entries[1].start.utcoffset() == timedelta(0)
    assert [c.category for c in classify_section(again, content)] == ["delivery", "hands_on"]


def test_section_refuses_an_unknown_time_zone():
    """Is a section with a made-up time zone invalid?"""
    with pytest.raises(ValidationError, match="time zone"):
        TimeSplitSection(timezone="Mars/Olympus")


def test_reclassify_saves_the_choice_and_refuses_bad_input(content):
    """Is reclassifying an entry stored as an override, and a bad id or category refused?"""
    e = timed("Lighting plot review", MONDAY, (10, 0), (12, 30))
    section = TimeSplitSection(entries=[e])
    changed = reclassify(section, [e.id], "hands_on", content)
    assert changed.overrides == {e.id: "hands_on"} and section.overrides == {}
    assert classify_section(changed, content)[0].category == "hands_on"
    with pytest.raises(InputError, match="not a category"):
        reclassify(section, [e.id], "fun", content)
    with pytest.raises(InputError, match="no longer in your log"):
        reclassify(section, ["nope"], "delivery", content)


def test_apply_import_merges_and_logs_and_a_second_import_adds_nothing(content):
    """Does importing the sample calendar twice log two imports but add entries once?"""
    data = (REPO / "data" / "sample_calendar.ics").read_bytes()
    result = parse_calendar(data, "Europe/London", MONDAY, date(2026, 3, 29))
    now = datetime(2026, 3, 30, 9, tzinfo=UTC)
    section, merged = apply_import(TimeSplitSection(), result, "cal.ics", now)
    section, again = apply_import(section, result, "cal.ics", now)
    n = sample_entries()
    assert (merged.added, again.added, again.duplicates) == (n, 0, n)
    assert len(section.entries) == n and len(section.imports) == 2
    assert section.imports[0].skipped == {"declined": 1, "cancelled": 1}


def test_reimport_takes_out_what_the_file_now_leaves_out_with_its_overrides(content):
    """Imported without the owner's e-mail, then again with it: is the declined meeting (and
    the category chosen for it) taken out, and said in the merge's count?"""
    data = (
        (REPO / "data" / "sample_calendar.ics")
        .read_bytes()
        .replace(b"X-WR-CALNAME:alex.morgan@example.org\r\n", b"")
    )
    now = datetime(2026, 3, 30, 9, tzinfo=UTC)
    first = parse_calendar(data, "Europe/London", MONDAY, date(2026, 3, 29))
    section, _ = apply_import(TimeSplitSection(), first, "cal.ics", now)
    again = parse_calendar(
        data, "Europe/London", MONDAY, date(2026, 3, 29), owner_email="alex.morgan@example.org"
    )
    # Withdrawn: the cancelled event (never imported) and the declined one (imported first).
    assert len(again.withdrawn) == 2
    (declined,) = again.withdrawn & {e.id for e in section.entries}
    section = reclassify(section, [declined], "community", content)
    section, merged = apply_import(section, again, "cal.ics", now)
    assert merged.removed == 1 and (merged.added, merged.duplicates) == (0, len(again.entries))
    assert declined not in {e.id for e in section.entries}
    assert declined not in section.overrides
    assert len(section.entries) == len(first.entries) - 1


def test_both_samples_describing_the_same_weeks_are_not_counted_twice(content):
    """Imported together, do the sample calendar and the sample Toggl export (the same four
    weeks of March 2026) count the tracker's hours once, the calendar's left out and said so,
    and the calendar's alone when the participant chooses it?"""
    from playbook.imports.timetracker import parse_timetracker_csv
    from playbook.time_split import (
        assess,
        check_range,
        describe_double_log,
        double_log,
        dump_section,
        parse_section,
    )

    march = (MONDAY, date(2026, 3, 29))
    cal = parse_calendar(
        (REPO / "data" / "sample_calendar.ics").read_bytes(), "Europe/London", *march
    )
    tog = parse_timetracker_csv(
        (REPO / "data" / "sample_toggl.csv").read_bytes(), "Europe/London", date_range=march
    )
    now = datetime(2026, 3, 30, 9, tzinfo=UTC)
    section, _ = apply_import(TimeSplitSection(date_range=check_range(*march)), cal, "cal.ics", now)
    section, _ = apply_import(section, tog, "toggl.csv", now)
    total = assess(section, content).report.overall.total_hours
    tracker_hours = sum(e.hours for e in tog.entries)  # 61.0 h, weeks of 2 and 9 March
    calendar_hours = sum(e.hours for e in cal.entries)  # 90.5 h, all four weeks
    both = {MONDAY, date(2026, 3, 9)}
    calendar_both = sum(e.hours for e in cal.entries if week_start(e.day) in both)
    assert calendar_both == pytest.approx(25.75)  # what was counted twice before
    assert total == pytest.approx(tracker_hours + calendar_hours - calendar_both)
    log = double_log(section.entries)
    assert log is not None and set(log.weeks) == both and log.used == "tracker"
    assert log.left_out_hours == pytest.approx(calendar_both)
    assert "time tracker only" in describe_double_log(log)
    chosen = section.model_copy(update={"double_log": "calendar"})
    assert assess(chosen, content).report.overall.total_hours == pytest.approx(calendar_hours)
    assert parse_section(dump_section(chosen)).double_log == "calendar"
    assert "double_log" not in dump_section(section)  # the default: the record as before


def test_range_covering_a_files_weeks():
    """Does the range that follows a file cover its whole weeks, at most a quarter?"""
    from playbook.time_split import range_covering

    r = range_covering([date(2026, 3, 3), date(2026, 3, 27)])
    assert r is not None and (r.start, r.end) == (MONDAY, date(2026, 3, 29))
    long = range_covering([date(2024, 1, 3), date(2026, 3, 27)])
    assert long is not None and (long.end - long.start).days + 1 == 13 * 7
    assert range_covering([]) is None


def test_manual_activity_model_forbids_unknown_fields():
    """Is a manual row with an unexpected field refused (no silent data loss)?"""
    with pytest.raises(ValidationError):
        ManualActivity(day=MONDAY, description="x", hours=1, category="delivery", extra=1)


def test_rule_model_refuses_empty_keywords():
    """Is a rule with an empty keyword invalid?"""
    with pytest.raises(ValidationError):
        Rule(id="r", category="delivery", keywords=("",))


# --- charts -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_report(content):
    data = (REPO / "data" / "sample_calendar.ics").read_bytes()
    result = parse_calendar(data, "Europe/London", MONDAY, date(2026, 3, 29))
    classified = classify_entries(result.entries, content)
    return classified, split_report(classified, content, (MONDAY, date(2026, 3, 29)))


def test_split_chart_shows_you_against_the_playbook(sample_report):
    """Does the split chart show your shares against 70/30, with the band drawn?"""
    _, report = sample_report
    fig = split_chart(report)
    assert fig.data[0].y == ("You", "Playbook")
    assert fig.data[0].x[1] == 70 and fig.data[1].x[1] == pytest.approx(30)
    assert fig.data[0].x[0] + fig.data[1].x[0] == pytest.approx(100)
    assert fig.layout.shapes[0].x0 == pytest.approx(65)
    assert fig.layout.shapes[0].x1 == pytest.approx(75)


def test_weekly_chart_stacks_every_category_per_week(sample_report, content):
    """Is there one stacked trace per category, summing to each week's hours?"""
    _, report = sample_report
    fig = weekly_chart(report, content)
    assert len(fig.data) == len(content.categories) and fig.layout.barmode == "stack"
    first_week = sum(trace.y[0] for trace in fig.data)
    assert first_week == pytest.approx(report.weeks[0].total_hours, abs=0.05)


def test_trend_chart_leaves_gaps_for_empty_weeks(content):
    """Is a week without data a gap (None), not a zero share?"""
    entries = [manual(MONDAY, 8, "delivery"), manual(MONDAY + timedelta(days=14), 8, "delivery")]
    report = split_report(classify_entries(entries, content), content)
    fig = trend_chart(report)
    assert fig.data[0].y == (100.0, None, 100.0)


def test_other_charts_build(sample_report, content):
    """Do the community, focus and plan charts build from the sample calendar?"""
    classified, report = sample_report
    assert community_chart(report, content).data[0].y == (pytest.approx(report.months[0].hours),)
    assert len(focus_chart(focus_report(classified, content)).data) == 2
    plan = transition_plan(PlanSettings(start_date=MONDAY), content)
    fig = plan_chart(plan, plan_progress(plan, report))
    assert [t.name for t in fig.data] == [
        "Plan (a straight line: the default)",
        "On track",
        "Your weeks",
    ]


def test_import_result_summary_names_the_fallback_encoding():
    """Does an import summary say when a fallback encoding was used?"""
    result = ImportResult(
        entries=[], format="Clockify", encoding="latin-1", skipped={"cancelled": 2}
    )
    assert result.summary() == (
        "Read 0 entries from the Clockify file (Latin-1 (ISO-8859-1), not UTF-8). "
        "Left out: 2 cancelled."
    )


def test_timezone_aware_arithmetic_ignores_shared_tzinfo_pitfall():
    """Are fixed-offset entries subtracted in elapsed time (not wall time) across DST?"""
    cet, cest = timezone(timedelta(hours=1)), timezone(timedelta(hours=2))
    e = make_entry(
        "toggl", "x", datetime(2026, 3, 29, 1, tzinfo=cet), datetime(2026, 3, 29, 4, tzinfo=cest)
    )
    assert e.hours == 2.0


# --- words, sources, limits -------------------------------------------------------------------


def test_explanations_attribute_targets_to_the_playbook(sample_report, content):
    """Do the sentences name the playbook's targets and this workbook's defaults as such?"""
    classified, report = sample_report
    text = " ".join(ts_explain(report, content))
    assert "The playbook recommends 70/30" in text and "(a default band)" in text
    assert "competency trap" in text  # the inward advice, from the content
    # the article's 15-20 h is a cost it says community "typically requires", not a target
    assert (
        "less than the 15-20 h a month the playbook says genuine community building typically "
        "requires (pro-rated to the 28 days of the weeks you logged, a default of this "
        "workbook: 13.5-18.1 h)." in text
    )
    assert "target" not in text.split("community building", 1)[1]
    assert (
        "below the 10% the playbook recommends of professional-development time (this workbook "
        "compares it with your working hours, its default)" in text
    )
    focus = explain_focus(focus_report(classified, content))
    assert "uninterrupted blocks of 2 h or more" in focus


def test_explanations_with_no_data(content):
    """Is an empty range explained, not shown as 0%?"""
    report = split_report([], content, (MONDAY, MONDAY + timedelta(days=6)))
    [line] = ts_explain(report, content)
    assert line.startswith("No delivery or visibility hours")
    plan = transition_plan(PlanSettings(start_date=MONDAY), content)
    assert (
        explain_progress(plan_progress(plan, report)) == "No logged week falls inside the plan yet."
    )


def test_progress_sentence_names_the_latest_week(content):
    """Does the progress sentence give the counts and the latest week's shares?"""
    plan = transition_plan(PlanSettings(start_date=MONDAY), content)
    entries = [manual(MONDAY, 7, "hands_on"), manual(MONDAY, 3, "delivery")]
    report = split_report(
        classify_entries(entries, content), content, (MONDAY, MONDAY + timedelta(days=6))
    )
    text = explain_progress(plan_progress(plan, report))
    assert text.startswith("1 logged week(s) in the plan: 1 on track")
    assert "70% hands-on technical work against 69% planned" in text  # plan at Thu 5 Mar


def test_sources_can_be_counted_and_removed_with_their_overrides(content):
    """Does removing the calendar's entries also drop the choices made for them?"""
    cal = timed("Budget review", MONDAY, (9, 0), (10, 0))
    typed = manual_entries([row(text="Edit")], content)
    section = TimeSplitSection(entries=[cal, *typed], overrides={cal.id: "visibility"})
    assert source_counts(section.entries) == {"ics": 1, "manual": 1}
    after = remove_entries(section, "ics")
    assert [e.source for e in after.entries] == ["manual"] and after.overrides == {}


def test_an_import_over_the_entry_limit_changes_nothing(monkeypatch, content):
    """Is an import that would exceed the entry limit refused, leaving the section as it was?"""
    import playbook.time_split.log as module

    monkeypatch.setattr(module, "MAX_ENTRIES", 3)
    result = ImportResult(
        entries=[timed(str(h), MONDAY, (h, 0), (h, 30)) for h in range(9, 13)],
        format="iCalendar",
        encoding="utf-8",
    )
    section = TimeSplitSection()
    with pytest.raises(InputError, match="at most 3"):
        apply_import(section, result, "big.ics", datetime(2026, 3, 30, tzinfo=UTC))
    assert section.entries == []


def test_default_range_is_the_last_four_complete_weeks():
    """Is the default range Monday four weeks back to last Sunday?"""
    r = default_range(date(2026, 3, 30))  # a Monday
    assert (r.start, r.end) == (date(2026, 3, 2), date(2026, 3, 29))
