"""The cadence on the pages, without a browser (issue 20): the start page's due this week and
overdue with links to their pages, its calendar download, its subscription address (only
where the workbook is kept on this server) and "Stop the subscription"; the time split page's
weekly reminder and the pilots page's rhythm of measuring, each saved when chosen. What only a
browser shows is in tests/browser/test_cadence_browser.py."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from playbook import cadence as cd
from playbook import subscription
from playbook.errors import ShareLinkError
from playbook.session import Session
from playbook.ui.common.cadence import CadencePanel
from playbook.ui.pilots import PilotsView
from playbook.ui.start import StartView
from playbook.ui.time_split import TimeSplitView
from tests.test_demo_workbook import page_text

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_workbook.json"
TODAY = dt.date(2026, 12, 9)  # a Wednesday
PAGE = "http://127.0.0.1:8866/voila/render/00_start.ipynb"


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    monkeypatch.setattr(CadencePanel, "today", staticmethod(lambda: TODAY))
    return TODAY


def served(store, *, goal_due: str | None = "2026-12-11") -> Session:
    """The demo workbook restored into ``store`` (a goal due on Friday added), opened by its
    private link on a served page."""
    record = json.loads(DEMO.read_bytes())
    if goal_due:
        record["sections"]["plan"]["goals"].append(
            {"id": "goal-2", "text": "Book <the> mentor session", "due": goal_due, "progress": 0}
        )
    wid, key = store.create_workbook()
    store.replace_record(wid, record, "import from file")
    return Session(store, identity="key", workbook_id=wid, key=key, base_url=PAGE)


def download(panel: CadencePanel) -> bytes:
    """The bytes of the page's "Download my calendar (.ics)" link."""
    m = re.search(r'href="data:text/calendar;base64,([^"]+)"', panel.download.value)
    assert m, panel.download.value
    assert 'download="my-playbook-calendar.ics"' in panel.download.value
    return base64.b64decode(m.group(1))


def test_the_start_page_lists_what_is_due_and_overdue_with_links(store, today):
    """On the demo workbook, does the start page say what is due this week (the goal due on
    Friday) and what is overdue (its goal, audit action, next audit, the checkpoints its run
    week did not reach), each with a link to its page that keeps the private key, the
    participant's words as text?"""
    session = served(store)
    page = StartView(session)
    panel = page.cadence
    lists = panel.lists.value
    due, overdue = lists.split("<section class='pb-overdue'>")
    assert "Book &lt;the&gt; mentor session" in due and "(Fri 11 Dec)" in due
    assert f'href="06_development_plan.ipynb?key={session.key}"' in due
    for text in (
        "Goal: Present the joint-planning results to the head of production",
        "Audit action: Train a second contact for the rigging supplier",
        "Quarterly system audit",
        "Transition plan, month 2 of 6",
        "Open Quarterly audit",
        "due Fri 29 May, 194 days ago",
    ):
        assert text in overdue, text
    # 10: the 8 before, the mentor's open action and the next session planned for 2 June (#20)
    assert overdue.count("<li") == 10 and "<the>" not in lists
    assert "Mentoring action: Send two articles on facilitation" in overdue
    assert "month 1 of 6" not in lists  # done: the run week reached it
    shown = page_text(page)
    assert "Due this week" in shown and "Overdue" in shown


def test_the_download_is_the_calendar_and_its_state_is_saved_with_the_workbook(store, today):
    """Is the page's download link the workbook's calendar (every dated item once), and is
    the calendar's state saved in the workbook, so that the exported file keeps its UIDs?"""
    session = served(store)
    page = StartView(session)
    panel = page.cadence
    assert "a reminder the day before, at 09:00 (a default of this workbook)" in page_text(page)
    ics = download(panel)
    uids = [str(e["UID"]) for e in Calendar.from_ical(ics).walk("VEVENT")]
    assert len(uids) == len(set(uids)) == 15  # 5 of them the sessions with the mentor's (#20)
    state = cd.parse_state(json.loads(session.export_bytes())["sections"]["cadence"])
    assert set(uids) == {cd.uid(state.salt, k) for k in state.events}
    again = StartView(
        Session(
            store, identity="key", workbook_id=session.workbook_id, key=session.key, base_url=PAGE
        )
    )
    assert download(again.cadence) == ics  # a second download: the same file


def test_an_empty_workbook_says_nothing_is_dated_and_offers_no_file(session, today):
    """Does a new workbook say that nothing has a date yet, with no download link, and no
    calendar state written?"""
    panel = StartView(session).cadence
    assert "Nothing in your workbook has a date yet" in panel.lists.value
    assert panel.download.value == "" and session.section("cadence") == {}


def test_nobody_without_a_workbook_sees_the_cadence(store, today):
    """Is the cadence hidden on a start page with no workbook open, and shown once one is?"""
    session = Session(store, identity="none")
    page = StartView(session)
    assert page.cadence.layout.display == "none"
    page.new_button.click()
    assert page.cadence.layout.display is None


def test_the_subscription_is_offered_only_where_the_workbook_is_kept_on_this_server(store, today):
    """Is the subscription offered to a workbook kept on this server (a private link on a
    served page), and not to the local workbook (JupyterLab) or one under a hub?"""
    assert StartView(served(store)).cadence.subscription.layout.display is None
    local = Session(store, identity="local", workbook_id=store.owned_workbook("local:default"))
    local.save_section("plan", {"goals": [{"id": "goal-1", "text": "G", "due": "2026-12-10"}]})
    panel = StartView(local).cadence
    assert panel.subscription.layout.display == "none" and download(panel)
    hub = Session(store, identity="hub", workbook_id=store.owned_workbook("hub:ada"), base_url=PAGE)
    assert StartView(hub).cadence.subscription.layout.display == "none"


def test_subscribe_copy_and_stop_the_subscription(store, today):
    """Does "Subscribe in my calendar app" show a private address of this server (with a
    secret of its own, not the key) that serves the same calendar as the download; does the
    page, opened again, say one is live (without showing it); does "Stop the subscription"
    close it at once?"""
    session = served(store)
    panel = StartView(session).cadence
    assert panel.stop_button.layout.display == "none"
    panel.subscribe_button.click()
    address = panel.address.value
    assert address.startswith("http://127.0.0.1:8866/playbook/calendar.ics?share=")
    token = address.split("share=", 1)[1]
    assert token != session.key and session.key not in address
    assert 'href="webcal://127.0.0.1:8866/playbook/calendar.ics?share=' in panel.open_in_app.value
    assert panel.messages.kind == "info" and "shown only now" in panel.messages.text
    assert subscription.calendar_of(store, token) == download(panel)

    reopened = StartView(
        Session(
            store, identity="key", workbook_id=session.workbook_id, key=session.key, base_url=PAGE
        )
    ).cadence
    assert reopened.address.value == "" and reopened.address.layout.display == "none"
    assert "is live" in reopened.live.value and token not in reopened.live.value
    assert reopened.subscribe_button.description == "Make a new address"
    reopened.stop_button.click()
    assert reopened.messages.kind == "success" and "Stopped" in reopened.messages.text
    with pytest.raises(ShareLinkError):
        subscription.calendar_of(store, token)
    assert reopened.stop_button.layout.display == "none" and reopened.live.value == ""


def test_the_time_split_reminder_is_saved_when_chosen(session):
    """Is the weekly reminder off by default, saved as soon as a day is chosen (and said),
    shown again after a reload, and off again when turned off?"""
    page = TimeSplitView(session)
    assert page.reminder_day.value == -1 and "reminder_weekday" not in session.section("time_split")
    page.reminder_day.value = 4
    saved = session.section("time_split")
    assert saved["reminder_weekday"] == 4 and saved["reminder_since"] == dt.date.today().isoformat()
    assert "every Friday" in page.reminder_note.value
    again = TimeSplitView(session)
    assert again.reminder_day.value == 4
    again.reminder_day.value = -1
    assert "reminder_weekday" not in session.section("time_split")


def test_the_pilots_rhythm_is_saved_when_chosen(session):
    """Is a new pilot out of the calendar until a rhythm is chosen, the rhythm saved at once
    with the next measurement said, and shown again after a reload?"""
    page = PilotsView(session)
    page.new_button.click()
    page.practice.value = "Production retrospectives"
    assert page.rhythm.value == 0
    page.rhythm.value = 14
    (pilot,) = session.section("pilots")["pilots"]
    assert pilot["rhythm_days"] == 14 and pilot["rhythm_from"] == dt.date.today().isoformat()
    due = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    assert f"Next measurement due {due}" in page.rhythm_note.value
    again = PilotsView(session)
    assert again.rhythm.value == 14
    again.rhythm.value = 0
    assert "rhythm_days" not in session.section("pilots")["pilots"][0]
