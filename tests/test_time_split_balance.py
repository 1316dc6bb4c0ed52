"""Tests of the work-life balance view's logic (playbook.time_split.balance, its sentences and
its suggestion to the development plan).

Reference values: hand-computed hours against the content's 09:00-18:00 working day and its
Saturday-Sunday weekend (defaults of this workbook), written out beside each assertion; the
article's practices checked word for word against the article when it is beside the
repository.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from playbook import plan as pn
from playbook import time_split as ts
from playbook.charts.time_split import balance_chart
from playbook.errors import ContentError
from playbook.imports import Entry, day_entry, make_entry, to_local
from playbook.plan.suggest import Maker
from playbook.time_split.balance import day_parts, worsening

CONTENT = ts.load_content()
CONTENT_FILE = Path(ts.__file__).resolve().parents[1] / "content" / "time_split.yaml"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "production-managers-playbook.txt"
#: A Monday (ISO week 10 of 2026).
MON = date(2026, 3, 2)


def at(day: date, hour: int, minute: int = 0, tz: timezone = UTC) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def timed(what: str, day: date, start: tuple[int, int], end_day: date, end: tuple[int, int],
          source: str = "ics", tz: timezone = UTC) -> Entry:  # fmt: skip
    return make_entry(source, what, at(day, *start, tz=tz), at(end_day, *end, tz=tz))


def report(entries: list[Entry], lo: date = MON, hi: date | None = None) -> ts.BalanceReport:
    classified = ts.classify_entries(entries, CONTENT)
    return ts.balance_report(classified, CONTENT, (lo, hi or lo + timedelta(days=6)))


def day(n: int) -> date:
    """The n-th day of the week of MON (0: Monday ... 6: Sunday)."""
    return MON + timedelta(days=n)


# --- hours outside the working day -----------------------------------------------------------


def test_the_working_day_and_weekend_are_the_contents_defaults():
    """Is the working day the focus view's 09:00-18:00 (one default for both) and the weekend
    Saturday and Sunday?"""
    assert (CONTENT.focus.workday_start, CONTENT.focus.workday_end) == (time(9), time(18))
    assert CONTENT.balance.weekend_days == ("saturday", "sunday")
    assert CONTENT.balance.weekend_numbers == {5, 6}


def test_an_entry_crossing_18_00_counts_only_its_part_after():
    """Is a Tuesday 17:00-19:00 entry 2 h of work, 1 h of it after hours (18:00-19:00)?"""
    r = report([timed("Show call", day(1), (17, 0), day(1), (19, 0))])
    assert (r.work_hours, r.after_hours, r.weekend_hours) == (2.0, 1.0, 0.0)
    assert r.outside_share == 0.5


def test_an_early_start_counts_its_part_before_09_00():
    """Is 07:30-09:30 on a Wednesday 1.5 h before the working day and 0.5 h inside it?"""
    r = report([timed("Load-in", day(2), (7, 30), day(2), (9, 30))])
    assert (r.work_hours, r.after_hours) == (2.0, 1.5)


def test_an_entry_inside_the_working_day_is_not_after_hours():
    """Is 09:00-18:00 exactly (touching both ends) 9 h inside and 0 outside?"""
    r = report([timed("Tech rehearsal", day(0), (9, 0), day(0), (18, 0))])
    assert (r.work_hours, r.outside_hours, r.outside_share) == (9.0, 0.0, 0.0)


def test_an_overnight_entry_splits_across_days():
    """Is Friday 22:00 to Saturday 02:00 2 h after hours on Friday and 2 h of weekend work on
    Saturday (one weekend day worked)?"""
    entry = timed("Get-out", day(4), (22, 0), day(5), (2, 0))
    assert day_parts(entry.start, entry.end, (time(9), time(18)), entry.hours) == [
        (day(4), 2.0, 2.0),
        (day(5), 2.0, 2.0),
    ]
    r = report([entry])
    assert (r.work_hours, r.after_hours, r.weekend_hours, r.weekend_days) == (4.0, 2.0, 2.0, 1)


def test_an_overnight_entry_from_sunday_counts_in_both_weeks():
    """Is Sunday 23:00 to Monday 01:00 1 h of weekend work in its week and 1 h after hours in
    the next (each part in the week of its day)?"""
    r = report([timed("Changeover", day(6), (23, 0), day(7), (1, 0))], MON, day(13))
    first, second = r.weeks
    assert (first.work_hours, first.weekend_hours, first.after_hours) == (1.0, 1.0, 0.0)
    assert (second.week_start, second.work_hours, second.after_hours) == (day(7), 1.0, 1.0)


def test_parts_outside_the_range_are_left_out():
    """Is only the part of an overnight entry that falls inside the date range counted?"""
    r = report([timed("Changeover", day(6), (23, 0), day(7), (1, 0))], MON, day(6))
    assert (r.work_hours, r.weekend_hours, len(r.weeks)) == (1.0, 1.0, 1)


def test_all_day_events_count_0_hours():
    """Is an all-day event (the content's default: 0 hours) no work at all, even on a
    Saturday; and an all-day event given 8 hours (a coach's setting) 8 weekend hours?"""
    assert CONTENT.calendar.all_day_hours == 0
    marker = day_entry("ics", day(5), 0, "Opening night", "all-day", all_day=True)
    r = report([marker])
    assert (r.work_hours, r.weekend_hours, r.weekend_days) == (0.0, 0.0, 0)
    eight = day_entry("ics", day(5), 8, "Opening night", "all-day", all_day=True)
    assert report([eight]).weekend_hours == 8.0


def test_typed_hours_have_no_clock_time():
    """Is a typed weekday's 8 h working time whose hour is unknown (never after hours), and a
    typed Saturday's 3 h weekend work?"""
    rows = [
        {"day": day(1), "description": "Budget", "hours": 8, "category": "delivery"},
        {"day": day(5), "description": "Emails", "hours": 3, "category": "delivery"},
    ]
    r = report(ts.manual_entries(rows, CONTENT))
    assert (r.work_hours, r.untimed_hours, r.after_hours, r.weekend_hours) == (11, 8, 0, 3)
    assert r.outside_share == pytest.approx(3 / 11)


def test_protected_hours_are_not_work():
    """Is a protected entry in the evening (not working time) no after-hours work?"""
    r = report([timed("Protected: family dinner", day(2), (19, 0), day(2), (21, 0))])
    assert (r.work_hours, r.outside_hours, len(r.blocks)) == (0.0, 0.0, 1)


def test_the_entrys_own_clock_is_read():
    """Are hours read on the wall clock the entry carries (the participant's zone at import):
    10:00 UTC is 19:00 in Tokyo, after hours there, and inside the working day in London?"""
    instant = datetime(2026, 3, 3, 10, tzinfo=UTC)
    tokyo = ZoneInfo("Asia/Tokyo")
    london = ZoneInfo("Europe/London")
    for zone, after in ((tokyo, 1.0), (london, 0.0)):
        entry = make_entry(
            "ics", "Call", to_local(instant, zone), to_local(instant, zone) + timedelta(hours=1)
        )
        assert report([entry]).after_hours == after, zone


def test_a_change_of_the_clocks_inside_an_entry_counts_its_true_length():
    """London's clocks went forward at 01:00 on Sunday 29 March 2026: is an entry shown
    00:30-03:30 its true 2 h of weekend work (not 3 wall-clock hours)?"""
    london = ZoneInfo("Europe/London")
    start = to_local(datetime(2026, 3, 29, 0, 30), london)
    end = to_local(datetime(2026, 3, 29, 3, 30), london)
    entry = make_entry("ics", "Get-out", start, end)
    assert entry.hours == 2.0
    r = report([entry], date(2026, 3, 23))
    assert (r.work_hours, r.weekend_hours) == (2.0, 2.0)


# --- protected blocks ---------------------------------------------------------------------------


def test_a_protected_block_overlapped_by_work_is_broken():
    """Is a school run 15:30-16:30 with a call 16:00-16:30 broken (0.5 h of work inside it),
    one 15:30-16:30 with a meeting ending at 15:30 kept (touching is not overlapping)?"""
    entries = [
        timed("Protected: school run", day(2), (15, 30), day(2), (16, 30)),
        timed("Supplier call: hire returns", day(2), (16, 0), day(2), (16, 30)),
        timed("Protected: school run", day(3), (15, 30), day(3), (16, 30)),
        timed("Production meeting", day(3), (14, 0), day(3), (15, 30)),
    ]
    r = report(entries)
    broken, kept = r.blocks
    assert broken.broken_by == ("Supplier call: hire returns",) and broken.overlap_hours == 0.5
    assert not kept.broken and kept.broken_by == ()
    assert (r.kept, r.broken) == (1, 1)
    assert (r.weeks[0].protected_kept, r.weeks[0].protected_broken) == (1, 1)


def test_overlapping_calls_inside_a_block_count_once():
    """Are two calls 12:00-13:00 and 12:30-13:30 inside a 12:00-14:00 lunch 1.5 h of work in
    it (their union), both named?"""
    entries = [
        timed("Protected: lunch", day(0), (12, 0), day(0), (14, 0)),
        timed("Vendor call", day(0), (12, 0), day(0), (13, 0)),
        timed("Budget review", day(0), (12, 30), day(0), (13, 30)),
    ]
    (block,) = report(entries).blocks
    assert block.overlap_hours == 1.5
    assert set(block.broken_by) == {"Vendor call", "Budget review"}


def test_an_all_day_protected_entry_protects_its_day():
    """Is a day off (an all-day marker in the protected category) broken by an evening call
    on that day, and kept by a call the next morning?"""
    off = day_entry("ics", day(0), 0, "Dark day: day off", "all-day", all_day=True)
    call = timed("Call from the venue", day(0), (19, 30), day(0), (20, 0))
    next_day = timed("Call from the venue", day(1), (8, 0), day(1), (8, 30))
    (block,) = report([off, call]).blocks
    assert block.all_day and block.broken and block.overlap_hours == 0.5
    assert not report([off, next_day]).blocks[0].broken


def test_a_typed_protected_entry_cannot_be_checked():
    """Is a typed protected entry (no clock time) counted as unchecked, not as a block?"""
    rows = [{"day": day(6), "description": "Family", "hours": 3, "category": "protected"}]
    r = report(ts.manual_entries(rows, CONTENT))
    assert (r.blocks, r.untimed_blocks) == ((), 1)


def test_a_calendars_block_is_checked_against_a_trackers_work():
    """In a week both a calendar and a time tracker describe (the tracker counts), is the
    calendar's protected block checked against the tracker's work, and counted once when the
    tracker logs the same block too?"""
    entries = [
        timed("Protected: school run", day(2), (15, 30), day(2), (16, 30), "ics"),
        timed("Production meeting", day(2), (10, 0), day(2), (11, 0), "ics"),
        timed("Budget: cost report", day(2), (15, 0), day(2), (16, 0), "toggl"),
        timed("Protected: school run", day(2), (15, 30), day(2), (16, 30), "toggl"),
    ]
    r = ts.assess(ts.TimeSplitSection(entries=entries), CONTENT)
    assert r.balance is not None
    (block,) = r.balance.blocks
    assert block.broken_by == ("Budget: cost report",) and block.overlap_hours == 0.5
    assert r.balance.work_hours == 1.0  # the tracker's hour; the calendar's meeting left out


# --- the trend ----------------------------------------------------------------------------------


def week_of(n: int, work: float, outside: float) -> ts.WeekBalance:
    return ts.WeekBalance(MON + timedelta(weeks=n), work, outside)


@pytest.mark.parametrize(
    ("weeks", "worse"),
    [
        ([(40, 4), (40, 6), (40, 8)], True),  # 10%, 15%, 20%: rose twice, 10 points in all
        ([(40, 4), (40, 5), (40, 5.5)], False),  # 10%, 12.5%, 13.75%: under 5 points in all
        ([(40, 4), (40, 8), (40, 6)], False),  # it fell in the last week
        ([(40, 4), (40, 8)], False),  # two weeks: too few to tell
        ([(40, 10), (40, 2), (40, 4), (40, 6)], True),  # only the last three count
        ([(40, 4), (0, 0), (40, 6), (40, 8)], True),  # a week without work is skipped
    ],
)
def test_worsening_is_a_rise_week_on_week_over_the_last_weeks(weeks, worse):
    """Is "worsens" a rise week on week over the last 3 weeks with working hours, by 5 points
    or more in all (the content's defaults)?"""
    assert (CONTENT.balance.worsening_weeks, CONTENT.balance.worsening_rise) == (3, 0.05)
    got = worsening([week_of(n, w, o) for n, (w, o) in enumerate(weeks)], CONTENT.balance)
    assert (got is not None) is worse


def rising_weeks() -> list[Entry]:
    """Three weeks of 8 h on Tuesdays, with 1, 2 and 4 h of it after 18:00 (1/8, 2/8, 4/8)."""
    out = []
    for n, late in enumerate((1, 2, 4)):
        tue = day(1) + timedelta(weeks=n)
        out.append(timed("Production meeting", tue, (18 - 8 + late, 0), tue, (18 + late, 0)))
    return out


def test_a_worsening_trend_is_said_and_suggests_every_practice():
    """Three weeks at 12.5%, 25% and 50% outside the working day: is the trend worsening,
    said with its figures, and are the practices suggested with their reasons?"""
    r = report(rising_weeks(), MON, day(20))
    assert r.worsening is not None
    assert [w.outside_share for w in r.worsening.weeks] == [0.125, 0.25, 0.5]
    lines = ts.explain_balance(r, CONTENT)
    assert lines[0] == (
        "From 02 Mar 2026 to 22 Mar 2026: 7 h of your 24 working hours (29%) fell outside the "
        "working day or at the weekend: 7 h on weekdays before or after the 09:00-18:00 "
        "working day, 0 h on Saturday and Sunday (the working day and the weekend are "
        "defaults of this workbook)."
    )
    assert any(
        line.startswith("Worsening: the share of your working hours outside the working day "
                        "rose week on week over your last 3 weeks with working hours, from "
                        "12% to 50% in the week of 16 Mar 2026")
        for line in lines
    )  # fmt: skip
    assert r.conditions == {"no_blocks", "outside_hours", "worsening"}
    practices = dict((p.id, why) for p, why in ts.balance_practices(r, CONTENT))
    assert list(practices) == ["protected_time", "true_emergencies", "secondary_contacts"]
    assert practices["protected_time"][0].startswith("No protected blocks in these dates")
    assert practices["true_emergencies"] == [
        "7 h of your working hours (29%) fell outside the working day or at the weekend."
    ]
    assert practices["secondary_contacts"] == [
        "Your share of hours outside the working day rose week on week, from 12% to 50% over "
        "your last 3 weeks with working hours."
    ]


def test_a_steady_trend_is_said_so():
    """Is a trend that does not rise said to be steady, naming its latest share?"""
    entries = rising_weeks()[:1] + [
        timed("Production meeting", day(8), (11, 0), day(8), (19, 0)),
        timed("Production meeting", day(15), (11, 0), day(15), (19, 0)),
    ]
    r = report(entries, MON, day(20))
    assert r.worsening is None
    assert ts.explain_balance(r, CONTENT)[-1].startswith(
        "Not worsening: 12% of your working hours fell outside the working day in your latest week"
    )


def test_too_few_weeks_are_said_so():
    """Are two weeks too few for the trend (3, a default), and said so?"""
    r = report(rising_weeks()[:2], MON, day(13))
    assert ts.explain_balance(r, CONTENT)[-1] == (
        "The trend needs 3 weeks with working hours (a default of this workbook); these dates "
        "have 2."
    )


def test_no_work_is_a_sentence():
    """Is a range without entries one sentence, no chart data and no suggestion?"""
    r = report([])
    assert ts.explain_balance(r, CONTENT) == [
        "No working hours from 02 Mar 2026 to 08 Mar 2026 yet: import a calendar or a "
        "time-tracker export, or type a week, and your hours outside the working day appear "
        "here."
    ]
    assert r.suggested == () and all(not why for _, why in ts.balance_practices(r, CONTENT))


def test_the_result_carries_the_balance():
    """Is the balance in the time split's result, over the split's range (nobody re-derives
    it)?"""
    section = ts.TimeSplitSection(entries=rising_weeks())
    r = ts.assess(section, CONTENT)
    assert r.balance is not None
    assert (r.balance.start, r.balance.end) == (r.report.start, r.report.end)
    assert r.balance.worsening is not None


# --- the development plan's suggestion ----------------------------------------------------------


def test_a_worsening_trend_suggests_a_goal_in_the_plan():
    """Does a worsening trend suggest the plan's balance_worsens goal, worded by
    development_plan.yaml with the trend's figures, as the plan itself gathers it?"""
    section = ts.TimeSplitSection(entries=rising_weeks())
    r = ts.assess(section, CONTENT)
    maker = Maker(pn.load_content())
    got = [s for s in ts.suggest(r, CONTENT, maker) if s.rule == "balance_worsens"]
    assert [s.key for s in got] == ["balance_worsens:2026-03-16"]
    (s,) = got
    assert s.workbooks == ("time_split",)
    assert "rose week on week over your last 3 weeks with working hours, from 12% to 50%" in s.text
    assert "'protected time' blocks for personal activities" in s.text
    assert s.goal.startswith("Bring my hours outside the working day back towards 12%")
    via_plan = pn.suggest(pn.gather({"time_split": ts.dump_section(section)}), maker.content)
    assert asdict(s) in [asdict(x) for x in via_plan]


def test_no_suggestion_without_a_worsening_trend():
    """Does a trend of two weeks (too few to worsen) suggest no balance goal?"""
    r = ts.assess(ts.TimeSplitSection(entries=rising_weeks()[:2]), CONTENT)
    maker = Maker(pn.load_content())
    assert all(s.rule != "balance_worsens" for s in ts.suggest(r, CONTENT, maker))


# --- the chart ------------------------------------------------------------------------------------


def test_the_chart_stacks_the_hours_and_draws_the_share():
    """Are the week's hours stacked inside / weekdays outside / weekends, with the share on
    the right axis and the worsening weeks marked?"""
    fig = balance_chart(report(rising_weeks(), MON, day(20)))
    names = [t.name for t in fig.data]
    assert names == [
        "Within the working day",
        "Weekdays, outside it",
        "Weekends",
        "Share outside the working day",
        "Worsening",
    ]
    assert fig.data[0].y == (7.0, 6.0, 4.0) and fig.data[1].y == (1.0, 2.0, 4.0)
    assert fig.data[3].y == (12.5, 25.0, 50.0) and fig.data[3].yaxis == "y2"
    assert fig.layout.title.text == "Hours outside the 09:00-18:00 working day (its default)"


# --- the content ----------------------------------------------------------------------------------


def test_the_practices_quote_the_articles_words():
    """Is every quoted phrase of the practices, the source and the claim the article's own
    words (attributed to the playbook)?"""
    b = CONTENT.balance
    texts = [b.source, b.claim, *(p.quote for p in b.practices)]
    assert [p.id for p in b.practices] == [
        "protected_time",
        "true_emergencies",
        "secondary_contacts",
    ]
    for text in texts:
        assert re.search(r"\bplaybook\b", text), text
    if not SEED.exists():
        pytest.skip("the article is not beside the repository")
    article = " ".join(SEED.read_text(encoding="utf-8").split())
    for text in texts:
        for quoted in re.findall(r'"([^"]+)"', " ".join(text.split())):
            assert quoted in article, quoted


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        ("when: [outside_hours, weekend]", "when: [outside_hour]", "outside_hour"),
        ("{broken} of your {blocks} protected", "{brokn} of your {blocks} protected", "brokn"),
        ("weekend_days: [saturday, sunday]", "weekend_days: [saturday, saturday]", "twice"),
        ("worsening_weeks: 3", "worsening_weeks: 1", "worsening_weeks"),
    ],
)
def test_a_coachs_balance_content_is_validated(content_dir, old, new, error):
    """Is a coach's edited balance section refused with the file and what is wrong named?"""
    text = CONTENT_FILE.read_text(encoding="utf-8")
    assert old in text
    (content_dir / "time_split.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError, match=rf"time_split\.yaml[\s\S]*{re.escape(error)}"):
        ts.load_content()
