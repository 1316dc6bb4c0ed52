"""The calendar from the store (playbook/subscription.py) and the subscription handler of the
serving layer (playbook/serving/calendar_feed.py) on a real tornado server and a real store:
the address serves the owner's calendar and nothing else, is refused at once once stopped and
for an unknown, malformed or wrong-kind secret, and no secret reaches the log. The same
against a real ``playbook serve`` and a browser: tests/browser/test_cadence_browser.py."""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from playbook import cadence as cd
from playbook import subscription
from playbook.errors import ShareLinkError
from playbook.hub_store import POLICY, authorize
from playbook.serving.logs import RedactSecrets, install_log_filters
from playbook.store import Store

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_workbook.json"
NOW = dt.datetime(2026, 12, 9, 8, 30, tzinfo=dt.UTC)


@pytest.fixture
def demo(store: Store) -> tuple[str, str]:
    """The demo workbook restored into the store: (workbook id, key)."""
    wid, key = store.create_workbook()
    store.replace_record(wid, json.loads(DEMO.read_bytes()), "import from file")
    assert key is not None
    return wid, key


def test_publishing_keeps_the_calendar_state_in_the_workbook(store, demo):
    """Does the first publication save the calendar's state (salt and events) into the
    workbook's ``cadence`` part, and a second one with nothing changed write nothing?"""
    wid, _ = demo
    first = subscription.publish_workbook(store, wid, now=NOW)
    saved = store.load_section(wid, "cadence")
    # 14: 9, and the demo's sessions with the mentor's 5 (#20)
    assert cd.parse_state(saved) == first.state and len(saved["events"]) == 14
    again = subscription.publish_workbook(store, wid, now=NOW + dt.timedelta(hours=3))
    assert not again.changed and again.ics == first.ics
    assert store.load_section(wid, "cadence") == saved


def test_a_secret_opens_its_own_workbooks_calendar_until_stopped(store, demo):
    """Does a subscription secret give the calendar of its own workbook (not another's); does
    a new address stop the old one; is a stopped, unknown, malformed or other-kind secret
    refused; and is the workbook's key no secret here?"""
    wid, key = demo
    other, _ = store.create_workbook()
    store.save_section(
        other, "plan", {"goals": [{"id": "goal-1", "text": "Other", "due": "2026-12-10"}]}
    )
    token = subscription.subscribe(store, wid)
    theirs = subscription.subscribe(store, other)
    mine = subscription.calendar_of(store, token, now=NOW)
    assert mine == subscription.publish_workbook(store, wid, now=NOW).ics
    assert b"Other" not in mine and b"SUMMARY:Goal: Other" in subscription.calendar_of(
        store, theirs
    )
    assert subscription.live_since(store, wid) is not None

    newer = subscription.subscribe(store, wid)
    with pytest.raises(ShareLinkError):
        subscription.calendar_of(store, token)
    assert subscription.calendar_of(store, newer, now=NOW) == mine
    assert subscription.stop(store, wid) == 1
    assert subscription.live_since(store, wid) is None
    for bad in (newer, "x" * 43, "short", key, store.create_share(wid, "plan-report")):
        with pytest.raises(ShareLinkError):
            subscription.calendar_of(store, bad)
    assert subscription.calendar_of(store, theirs)  # the other workbook's still works


def test_the_hub_store_service_offers_the_live_shares_of_ones_own_workbook_only(store, demo):
    """Under a hub, may a user ask when their own workbook's subscription was made, and not
    another's?"""
    from playbook.hub_store import StoreAccessError

    wid, key = demo
    assert POLICY["live_shares"] == "workbook"
    assert authorize(store, "ada", "live_shares", [wid, subscription.KIND], key)
    with pytest.raises(StoreAccessError):
        authorize(store, "ada", "live_shares", [wid, subscription.KIND], None)


def test_the_address_is_on_the_server_that_serves_the_page():
    """Is the address the server's root plus the feed's path, whatever the base URL?"""
    token = "A" * 43
    for page, root in (
        ("http://h:8866/voila/render/00_start.ipynb", "http://h:8866/"),
        ("https://x.org/mentors/voila/render/00_start.ipynb", "https://x.org/mentors/"),
    ):
        assert subscription.address(page, token) == f"{root}playbook/calendar.ics?share={token}"


# --- the handler, on a real tornado server ------------------------------------------------------


def run_fresh(coro: Any) -> Any:
    """``asyncio.run`` in a thread of its own (a browser test's playwright may hold a running
    loop in the main thread; see tests/test_serving_patches.py)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


async def visit(requests: list[tuple[str, str, dict[str, str]]]) -> list[Any]:
    """Serve the feed as the front door installs it (its route and access log) on a free
    loopback port, and make each (method, path?query, headers) request in turn."""
    from tornado import httpclient, httpserver, netutil, web

    from playbook.serving.calendar_feed import CalendarFeedHandler
    from playbook.serving.logs import log_request

    app = web.Application(
        [(r"/playbook/calendar\.ics", CalendarFeedHandler)], log_function=log_request
    )
    (sock,) = netutil.bind_sockets(0, "127.0.0.1")
    server = httpserver.HTTPServer(app)
    server.add_sockets([sock])
    port = sock.getsockname()[1]
    client = httpclient.AsyncHTTPClient()
    out = []
    try:
        for method, path, headers in requests:
            out.append(
                await client.fetch(
                    f"http://127.0.0.1:{port}{path}",
                    method=method,
                    headers=headers,
                    raise_error=False,
                )
            )
    finally:
        server.stop()
    return out


@pytest.fixture
def served_store(store_url: str, store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    """The store the server process opens (``PLAYBOOK_STORE``), the same file as ``store``."""
    monkeypatch.setenv("PLAYBOOK_STORE", store_url)
    return store


def test_the_handler_serves_the_calendar_and_refuses_the_rest(served_store, demo, caplog):
    """Over HTTP, does the address answer ``text/calendar`` (the same calendar as the
    download: same UIDs and events), "not modified" to a visit with its ETag, HEAD too; a
    plain-text 404 for a stopped, unknown, malformed or other-kind secret and none at all;
    and do the log lines of all this hold neither the secret nor the workbook's key?"""
    store = served_store
    wid, key = demo
    token = subscription.subscribe(store, wid)
    report = store.create_share(wid, "plan-report")
    caplog.set_level(logging.INFO)
    install_log_filters(logging.getLogger("playbook.serving.calendar_feed"))
    feed = f"/playbook/calendar.ics?share={token}"
    first, head = run_fresh(visit([("GET", feed, {}), ("HEAD", feed, {})]))
    assert first.code == 200 and head.code == 200
    assert first.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-cache" in first.headers["Cache-Control"]
    download = subscription.publish_workbook(store, wid).ics
    assert first.body == download
    uids = {str(e["UID"]) for e in Calendar.from_ical(first.body).walk("VEVENT")}
    assert len(uids) == 14  # 5 of them the demo's sessions with the mentor's (#20)

    (same,) = run_fresh(visit([("GET", feed, {"If-None-Match": first.headers["Etag"]})]))
    assert same.code == 304

    subscription.stop(store, wid)
    refused = run_fresh(
        visit(
            [
                ("GET", feed, {}),
                ("GET", "/playbook/calendar.ics?share=" + "x" * 43, {}),
                ("GET", "/playbook/calendar.ics?share=<script>", {}),
                ("GET", f"/playbook/calendar.ics?share={report}", {}),
                ("GET", f"/playbook/calendar.ics?key={key}", {}),
                ("GET", "/playbook/calendar.ics", {}),
            ]
        )
    )
    for r in refused:
        assert r.code == 404, r.effective_url
        assert r.headers["Content-Type"] == "text/plain; charset=utf-8"
        assert b"not valid" in r.body and b"BEGIN:VCALENDAR" not in r.body
    logged = caplog.text
    assert "/playbook/calendar.ics" in logged  # the access log has the path
    for secret in (token, report, key, "x" * 43):
        assert secret not in logged


def test_the_log_filters_hide_a_secret_in_any_address():
    """If a line still names the feed's address with its query (tornado's warning about a
    failed request), is the ``share=`` (and a ``key=``) value replaced?"""
    record = logging.LogRecord(
        "tornado.general",
        logging.WARNING,
        "",
        0,
        "404 GET %s (127.0.0.1)",
        ("/playbook/calendar.ics?share=SECRET&key=KEY",),
        None,
    )
    RedactSecrets().filter(record)
    assert "SECRET" not in record.getMessage() and "KEY" not in record.getMessage()
    assert "/playbook/calendar.ics?share=…" in record.getMessage()
