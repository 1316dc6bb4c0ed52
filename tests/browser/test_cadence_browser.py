"""The cadence against a real ``playbook serve`` and Chromium (issue 20): the start page's due
this week and overdue on the demo workbook, with links to their pages; "Download my calendar
(.ics)" opened with icalendar and recurring-ical-events; the subscription address serving the
same calendar, updating after a change (same UIDs, a higher SEQUENCE), refused at once once
stopped and for a wrong-kind or unknown secret; and neither the workbook key nor a secret in
the server's log."""

from __future__ import annotations

import datetime as dt
import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import recurring_ical_events
from icalendar import Calendar

from playbook import cadence as cd
from playbook.store import Store

from .conftest import Server, open_page, start_server, stop_server

pytestmark = pytest.mark.browser

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo_workbook.json"
START = "00_start.ipynb"
GOAL = "Book the <mentor> session"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server of this module's own, so that its log holds this test's requests only."""
    s = start_server(tmp_path_factory.mktemp("cadence"))
    yield s
    stop_server(s)


def restore(server: Server, today: dt.date) -> tuple[str, str, dict[str, Any]]:
    """The demo workbook restored into the server's store as a new private workbook, with a
    goal due today and the weekly reminder on today's weekday: (workbook id, key, sections)."""
    record = json.loads(DEMO.read_bytes())
    s = record["sections"]
    s["plan"]["goals"].append(
        {"id": "goal-2", "text": GOAL, "due": today.isoformat(), "progress": 20}
    )
    s["time_split"]["reminder_weekday"] = today.weekday()
    s["time_split"]["reminder_since"] = today.isoformat()
    store = Store(f"sqlite:///{server.store}")
    try:
        wid, key = store.create_workbook()
        store.replace_record(wid, record, "import from file")
    finally:
        store.close()
    assert key is not None
    return wid, key, s


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as r:  # noqa: S310
            return r.status, r.headers["Content-Type"], r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read()


def vevents(ics: bytes) -> dict[str, Any]:
    found = {str(e["UID"]): e for e in Calendar.from_ical(ics).walk("VEVENT")}
    assert len(found) == ics.count(b"BEGIN:VEVENT\r\n")  # each UID once
    return found


@pytest.mark.slow
def test_the_start_page_cadence_download_and_subscription(served, page, browser, tmp_path):
    """On the demo workbook: does the start page list what is due this week and what is
    overdue (as the cadence computes them for today), each linking to its page; does the
    downloaded calendar hold every dated item once with its reminder, the weekly reminder
    weekly; does the subscription address serve the same calendar, update it after a change
    with the same UIDs, and refuse it at once once stopped; and does the log keep no key?"""
    today = dt.date.today()
    wid, key, sections = restore(served, today)
    expected = cd.agenda(cd.gather_dates(sections).items, today)
    open_page(page, served, START, f"key={key}", ready=".pb-cadence-lists section")

    due = page.locator(".pb-cadence-lists .pb-due")
    overdue = page.locator(".pb-cadence-lists .pb-overdue")
    assert due.locator("li").count() == len(expected.due)
    assert overdue.locator("li").count() == len(expected.overdue) >= 8
    assert due.locator(".pb-dated-title").all_inner_texts() == [d.item.title for d in expected.due]
    assert overdue.locator(".pb-dated-title").all_inner_texts() == [
        d.item.title for d in expected.overdue
    ]
    goal = due.locator("li", has_text=GOAL)  # the participant's words, as text
    assert "(today)" in goal.inner_text()
    assert "Audit action: Train a second contact" in overdue.inner_text()

    with page.expect_download() as got:
        page.locator(".pb-cal-download").click()
    assert got.value.suggested_filename == "my-playbook-calendar.ics"
    first_file = tmp_path / "first.ics"
    got.value.save_as(first_file)
    first = first_file.read_bytes()
    items = cd.gather_dates(sections).items
    found = vevents(first)
    # 2 goals, 2 audit, 6 checkpoints, the reminder, and the sessions with the mentor's 5
    # (#20: two sessions, the next one planned, two actions)
    assert len(found) == len(items) == 16
    # by title and day: the demo's two sessions with the mentor have one title (#20)
    by_title = {(str(e["SUMMARY"]), e["DTSTART"].dt): e for e in found.values()}
    for item in items:  # a done item stays, marked done, without a reminder
        e = by_title[(f"Done: {item.title}" if item.done else item.title, item.day)]
        assert e["DTSTART"].dt == item.day
        assert len(e.walk("VALARM")) == (0 if item.done else 1)
    occurrences = recurring_ical_events.of(Calendar.from_ical(first)).between(
        today, today + dt.timedelta(days=28)
    )
    reminders = [
        e["DTSTART"].dt for e in occurrences if str(e["SUMMARY"]) == "Log this week's time"
    ]
    assert reminders == [today + dt.timedelta(days=7 * k) for k in range(4)]

    # the goal's link opens its page, with the workbook
    goal.locator("a").click()
    page.wait_for_selector(".pb-goals")
    assert "06_development_plan.ipynb" in page.url and f"key={key}" in page.url

    # subscribe: the address serves the same calendar
    open_page(page, served, START, f"key={key}", ready=".pb-cal-subscribe")
    page.locator(".pb-cal-subscribe").click()
    address_box = page.locator(".pb-cal-address input")
    address_box.wait_for()
    address = address_box.input_value()
    assert address.startswith(served.url + "/playbook/calendar.ics?share=")
    token = address.split("share=", 1)[1]
    assert key not in address
    status, kind, body = fetch(address)
    assert (status, kind) == (200, "text/calendar; charset=utf-8")
    assert body == first

    # a change: the goal moves a week on; the address and a second download update it
    store = Store(f"sqlite:///{served.store}")
    try:
        plan = store.load_section(wid, "plan")
        plan["goals"][1]["due"] = (today + dt.timedelta(days=7)).isoformat()
        store.save_section(wid, "plan", plan)
        report = store.create_share(wid, "plan-report")  # another kind of share link
    finally:
        store.close()
    status, _, updated = fetch(address)
    assert status == 200
    before, after = vevents(first), vevents(updated)
    assert set(before) == set(after)
    moved = next(u for u, e in after.items() if str(e["SUMMARY"]) == f"Goal: {GOAL}")
    assert int(after[moved]["SEQUENCE"]) > int(before[moved]["SEQUENCE"])
    assert after[moved]["DTSTART"].dt == today + dt.timedelta(days=7)
    assert all(after[u].to_ical() == before[u].to_ical() for u in before if u != moved)
    page.reload()
    page.wait_for_selector(".pb-cal-download")
    with page.expect_download() as again:
        page.locator(".pb-cal-download").click()
    second_file = tmp_path / "second.ics"
    again.value.save_as(second_file)
    assert second_file.read_bytes() == updated  # the download is the subscription's calendar

    # stop: refused at once, as are another kind of link and an unknown secret
    assert "is live" in page.locator(".pb-cal-live").inner_text()
    page.locator(".pb-cal-stop").click()
    page.wait_for_selector(".pb-msg-success")
    for url in (
        address,
        f"{served.url}/playbook/calendar.ics?share={report}",
        f"{served.url}/playbook/calendar.ics?share={'A' * 43}",
    ):
        status, kind, body = fetch(url)
        assert (status, kind) == (404, "text/plain; charset=utf-8")
        assert b"BEGIN:VCALENDAR" not in body

    time.sleep(1)
    log = served.log.read_text()
    assert "/playbook/calendar.ics" in log
    for secret in (key, token, report):
        assert secret not in log, "a secret reached the server's log"
