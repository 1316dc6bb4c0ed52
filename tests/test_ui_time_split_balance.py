"""The time split's work-life balance panel without a browser: import, reclassify, assert on
what the panel shows (issue 21).

Reference values: the sample calendar's March weeks, counted by hand against the content's
09:00-18:00 working day (a default): after hours the load-in's and fit-up's 08:00 starts (1 h
each), the coffee 08:30-09:15 (0.5 h), the mentoring circle 17:30-19:00 (1 h after 18:00), the
tech rehearsal 13:00-22:00 (4 h), the dress rehearsal 18:00-22:30 (4.5 h) and the show call
17:00-23:00 (5 h): 17 h; at weekends the Saturday tech rehearsal (8 h) and the Sunday brunch (2 h): 10 h.
"""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime
from pathlib import Path

from playbook.session import Session
from playbook.ui.time_split import TimeSplitView

from .test_demo_workbook import page_text
from .widget_text import typeset_texts

DATA = Path(__file__).resolve().parent.parent / "data"
NOW = datetime(2026, 11, 25, tzinfo=UTC)
MARCH = (dt.date(2026, 3, 2), dt.date(2026, 3, 29))


def upload(view: TimeSplitView, name: str, data: bytes) -> None:
    view.upload.value = (
        {"name": name, "type": "", "size": len(data), "content": memoryview(data),
         "last_modified": NOW},
    )  # fmt: skip


def march(session: Session) -> TimeSplitView:
    view = TimeSplitView(session)
    view.range_start.value, view.range_end.value = MARCH
    view.timezone.value = "Europe/London"
    upload(view, "sample_calendar.ics", (DATA / "sample_calendar.ics").read_bytes())
    return view


def test_the_panel_shows_the_hours_outside_the_working_day(session):
    """With the sample calendar's March: is the panel's summary the hand-counted 17 h after
    hours and 10 h at weekends of 86.5 working hours, the chart drawn, the one broken school
    run named with the webinar that reached into it, and the practices suggested?"""
    view = march(session)
    shown = page_text(view.balance)
    assert (
        "From 02 Mar 2026 to 29 Mar 2026: 27 h of your 86.5 working hours (31%) fell outside "
        "the working day or at the weekend: 17 h on weekdays before or after the 09:00-18:00 "
        "working day, 10 h on Saturday and Sunday"
    ) in shown
    assert "Protected blocks: 3 kept, 1 with work in them (of 4)." in shown
    assert (
        "Protected: school run Wed 18 Mar 15:30-16:30 0.5 h of work inside it: "
        "Webinar: AI-assisted scheduling tools"
    ) in shown
    assert view.protected_table.value.count("pb-ts-block-broken") == 1
    assert view.protected_table.value.count("pb-ts-block-kept") == 3
    # 1 h of 9.75 h, 14 h of 42 h, 11.5 h of 20.75 h: 10%, 33%, 55%
    assert "from 10% to 55% in the week of 23 Mar 2026" in shown
    assert "Your development plan suggests a goal from this trend" in shown
    fig = view.figures["balance"]
    assert fig.data[1].y == (0.5, 1.0, 6.0, 9.5) and fig.data[2].y == (0.0, 0.0, 8.0, 2.0)
    assert view.balance_practices.value.count("pb-ts-practice-suggested") == 3
    assert "implemented &#x27;protected time&#x27; blocks" in view.balance_practices.value
    assert "only person who could answer" in shown


def test_the_panel_follows_a_reclassified_entry(session):
    """Is the balance recomputed when the participant reclassifies an entry: the webinar made
    protected time, no block is broken any more?"""
    view = march(session)
    view.search.value = "Webinar"
    [(_label, entry_id)] = [o for o in view.entry_pick.options if o[1]]
    view.entry_pick.value = entry_id
    view.category_pick.value = "protected"
    view.reclassify_button.click()
    assert "Protected blocks: 5 kept, 0 with work in them (of 5)." in page_text(view.balance)


def test_an_empty_range_is_a_sentence_without_a_chart(session):
    """With nothing imported: one sentence, no chart, no practice marked as suggested?"""
    view = TimeSplitView(session)
    view.range_start.value, view.range_end.value = MARCH
    assert page_text(view.balance_summary).startswith(
        "No working hours from 02 Mar 2026 to 29 Mar 2026 yet"
    )
    assert view.balance_out.layout.display == "none" and "balance" not in view.figures
    assert "pb-ts-practice-suggested" not in view.balance_practices.value


def test_a_blocks_title_is_shown_as_typed(session):
    """Is a protected block's title (participant text) escaped, and nowhere typeset?"""
    ics = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\n"
        b"DTSTART:20260304T153000Z\r\nDTEND:20260304T163000Z\r\n"
        b"SUMMARY:Protected: <img src=x onerror=alert(1)> $x$\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20260304T160000Z\r\nDTEND:20260304T170000Z\r\n"
        b"SUMMARY:Vendor call <b>urgent</b>\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    view = TimeSplitView(session)
    view.range_start.value, view.range_end.value = MARCH
    upload(view, "odd.ics", ics)
    html = view.protected_table.value + view.balance_summary.value
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;urgent&lt;/b&gt;" in html and "<b>urgent" not in html
    assert "mathjax_ignore" in view.protected_table.value
    assert not [t for t in map(str, typeset_texts(view)) if "$x$" in t or "urgent" in t]


def test_the_run_week_is_its_own_after_hours_week(session):
    """With the run week's calendar too (30 Mar - 5 Apr): is its week 77% outside the working
    day (32.25 h of 41.75 h), the trend still worsening (from 33% to 77%), and the dark day
    and the school run broken?"""
    view = march(session)
    view.range_end.value = dt.date(2026, 4, 5)
    upload(view, "run.ics", (DATA / "sample_calendar_run_week.ics").read_bytes())
    assert "Read 17 entries" in view.import_messages.text
    shown = page_text(view.balance)
    assert "from 33% to 77% in the week of 30 Mar 2026" in shown
    assert "Dark day: day off Mon 30 Mar, all day 0.5 h of work inside it: Call from" in shown
    assert "Protected: school run Wed 01 Apr 15:30-16:30 0.5 h of work inside it: Sup" in shown
    run = view.figures["balance"].data
    assert (run[0].y[-1], run[1].y[-1], run[2].y[-1]) == (9.5, 20.75, 11.5)
