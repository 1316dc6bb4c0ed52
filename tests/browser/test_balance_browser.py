"""The time split's work-life balance view in Chromium against a real `playbook serve`, on the
demo workbook (issue 21, "what must be shown").

The demo's last week is data/sample_calendar_run_week.ics (the first week of a show's run).
Its figures are counted here from the file itself, minute by minute, with a few plain lines
(not the product's code): an event is working time unless it is all-day or titled
"Protected: ..." (the file's protected blocks); a minute on Saturday or Sunday is weekend work,
a weekday minute before 09:00 or from 18:00 is after hours (the content's default working day
and weekend).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from .conftest import open_page, wait_saved
from .test_plan_browser import restore_demo

pytestmark = pytest.mark.browser

RUN_WEEK = Path(__file__).resolve().parents[2] / "data" / "sample_calendar_run_week.ics"
NOTEBOOK = "03_time_split.ipynb"


def events() -> list[tuple[str, datetime, datetime, bool]]:
    """(title, start, end, all day) of every event of the run week's file, in its local time."""
    out = []
    for block in RUN_WEEK.read_text(encoding="utf-8").split("BEGIN:VEVENT")[1:]:
        field = dict(re.findall(r"^(DTSTART|DTEND|SUMMARY)[^:\r\n]*:(.*?)\r?$", block, re.M))
        all_day = len(field["DTSTART"]) == 8
        form = "%Y%m%d" if all_day else "%Y%m%dT%H%M%S"
        start, end = (datetime.strptime(field[k], form) for k in ("DTSTART", "DTEND"))
        out.append((field["SUMMARY"], start, end, all_day))
    return out


def protected(title: str, all_day: bool) -> bool:
    return all_day or title.startswith("Protected:")


def run_week_hours() -> dict[str, float]:
    """Working, after-hours and weekend hours of the run week, counted minute by minute."""
    minutes = {"work": 0, "after": 0, "weekend": 0}
    for title, start, end, all_day in events():
        if protected(title, all_day):
            continue
        t = start
        while t < end:
            minutes["work"] += 1
            if t.weekday() >= 5:
                minutes["weekend"] += 1
            elif not 9 <= t.hour < 18:
                minutes["after"] += 1
            t += timedelta(minutes=1)
    return {k: v / 60 for k, v in minutes.items()}


def broken_blocks() -> list[tuple[str, datetime, datetime, bool, float, list[str]]]:
    """The file's protected blocks that working events overlap: hours inside, and by what."""
    found = []
    evs = events()
    for title, start, end, all_day in evs:
        if not protected(title, all_day):
            continue
        by = [
            (t, min(e, end) - max(s, start))
            for t, s, e, a in evs
            if not protected(t, a) and s < end and e > start
        ]
        if by:
            hours = sum(d.total_seconds() for _, d in by) / 3600
            found.append((title, start, end, all_day, hours, [t for t, _ in by]))
    return found


def test_the_counts_of_the_sample_file():
    """Are the run week's hand counts what the file says: 41.75 h of work, 20.75 h after
    hours (the Friday changeover's part after midnight is Saturday's), 11.5 h at weekends,
    two protected blocks broken?"""
    assert run_week_hours() == {"work": 41.75, "after": 20.75, "weekend": 11.5}
    assert [b[0] for b in broken_blocks()] == ["Dark day: day off", "Protected: school run"]


def test_the_balance_view_on_the_demo_workbook(page, server):
    """On the restored demo workbook: does the time split page show the balance view, the run
    week's bars and share as counted from its file, the trend worsening into it and the
    protected blocks work reached into; does the development plan suggest the balance goal;
    and, with the range narrowed to the run week, is the summary the file's own figures?"""
    hours = run_week_hours()
    share = (hours["after"] + hours["weekend"]) / hours["work"]
    key = restore_demo(server)

    open_page(page, server, NOTEBOOK, f"key={key}", ready=".pb-ts-balance-summary p")
    summary = page.locator(".pb-ts-balance-summary")
    page.wait_for_function(
        "() => document.querySelector('.pb-ts-balance-summary').textContent.includes('Worsening')"
    )
    assert f"to {share:.0%} in the week of 30 Mar 2026" in summary.inner_text()
    # the protected blocks' table: the run week's broken ones, as the file has them
    broken = page.locator(".pb-ts-protected tr.pb-ts-block-broken")
    rows = [" ".join(broken.nth(i).inner_text().split()) for i in range(broken.count())]
    for title, start, end, all_day, inside, by in broken_blocks():
        when = f"{start:%a %d %b}, all day" if all_day else (
            f"{start:%a %d %b} {start:%H:%M}-{end:%H:%M}"
        )  # fmt: skip
        row = f"{title} {when} {inside:g} h of work inside it: {'; '.join(by)}"
        assert row in rows, (row, rows)
    # the chart: the run week's bars (inside, weekdays outside, weekends) and its share
    page.wait_for_selector(".pb-ts-balance-chart .js-plotly-plot .main-svg")
    traces = page.evaluate(
        "() => document.querySelector('.pb-ts-balance-chart .js-plotly-plot').data"
        ".map(t => [t.name, t.y[t.y.length - 1]])"
    )
    inside = hours["work"] - hours["after"] - hours["weekend"]
    assert traces[:4] == [
        ["Within the working day", inside],
        ["Weekdays, outside it", hours["after"]],
        ["Weekends", hours["weekend"]],
        ["Share outside the working day", round(share * 100, 1)],
    ]
    suggested = page.locator(".pb-ts-practice-suggested")
    assert suggested.count() == 3
    assert "'protected time' blocks" in page.locator(".pb-ts-balance-practices").inner_text()

    open_page(page, server, "06_development_plan.ipynb", f"key={key}", ready=".pb-standing li")
    goal = page.locator(".pb-suggestion[data-rule='balance_worsens']")
    goal.wait_for()
    assert f"to {share:.0%} (the week of 30 Mar 2026;" in goal.inner_text()

    open_page(page, server, NOTEBOOK, f"key={key}", ready=".pb-ts-balance-summary p")
    page.locator(".pb-ts-range-start input").fill(date(2026, 3, 30).isoformat())
    page.locator(".pb-ts-range-start input").press("Enter")
    wait_saved(page)
    outside = hours["after"] + hours["weekend"]
    expected = (
        f"From 30 Mar 2026 to 05 Apr 2026: {outside:g} h of your {hours['work']:g} working "
        f"hours ({share:.0%}) fell outside the working day or at the weekend: "
        f"{hours['after']:g} h on weekdays before or after the 09:00-18:00 working day, "
        f"{hours['weekend']:g} h on Saturday and Sunday"
    )
    page.wait_for_function(
        "(w) => document.querySelector('.pb-ts-balance-summary').textContent"
        ".replace(/\\s+/g, ' ').includes(w)",
        arg=expected,
    )
    assert "The trend needs 3 weeks with working hours" in summary.inner_text()
