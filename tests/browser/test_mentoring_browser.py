"""Sessions with a mentor in Chromium against a real `playbook serve`, with two browser
contexts (the manager's and the mentor's, as two people on two machines): the manager makes a
session link, both add points (one of the manager's private), the mentor adds an action, the
manager ticks it off in the next session. Every websocket frame and every HTTP response body
of the mentor's context is recorded and searched: the private point never reaches it. A
withdrawn link stops working at the mentor's next step and on a reload."""

from __future__ import annotations

import re
import secrets
from typing import Any

import pytest

from playbook.mentoring import load_content

from .conftest import RENDER_TIMEOUT_MS, open_page, private_key, saved_at, wait_saved

pytestmark = pytest.mark.browser

NOTEBOOK = "08_mentor_sessions.ipynb"
CONTENT = load_content()
SHARED = "Presenting the joint-planning results"
MENTORS_POINT = "Facilitation: a weekly meeting where you only ask questions"
ACTION = "Book the retrospective room"


def type_into(scope: Any, selector: str, value: str) -> None:
    """Type into a text box (input or textarea) and leave it: the page hears it on leaving."""
    box = scope.locator(f"{selector} input, {selector} textarea").first
    box.fill(value)
    box.press("Tab")


def success(page: Any, text: str) -> None:
    page.locator(".pb-msg-success", has_text=text).wait_for()


class Recorder:
    """Everything a browser context receives: each websocket frame (either way) and the body
    of each HTTP response, read as each request finishes (a request that fails has none; one
    whose body cannot be read is counted in ``unread``, which the test requires to be 0)."""

    def __init__(self, context: Any) -> None:
        self.frames: list[bytes] = []
        self.bodies: list[bytes] = []
        self.unread: list[str] = []
        self.sockets = 0
        context.on("requestfinished", self._finished)
        context.on("page", self._watch)

    def _finished(self, request: Any) -> None:
        response = request.response()
        if response is None or 300 <= response.status < 400:  # a redirect has no body
            return
        try:
            self.bodies.append(response.body())
        except Exception as err:  # noqa: BLE001 - named in the test's failure
            self.unread.append(f"{request.url}: {err}")

    def _watch(self, page: Any) -> None:
        page.on("websocket", self._socket)

    def _socket(self, ws: Any) -> None:
        self.sockets += 1
        for event in ("framereceived", "framesent"):
            ws.on(event, self._frame)

    def _frame(self, payload: str | bytes) -> None:
        self.frames.append(payload.encode() if isinstance(payload, str) else bytes(payload))

    def holds(self, text: str) -> bool:
        needle = text.encode()
        return any(needle in chunk for chunk in (*self.frames, *self.bodies))


def test_two_people_one_session_link_and_the_private_point_never_leaves(page, browser, server):
    """Manager and mentor, each in their own browser context: does the session link carry
    shared points both ways and the mentor's action to the manager, who ticks it off next
    session; does the private point never reach the mentor's page or traffic; does a
    withdrawn link stop at once?"""
    secret = f"Private {secrets.token_hex(6)}: thinking of leaving for the Leeds studio"

    # the manager: a session, a shared point and a private one, a link for their mentor
    open_page(page, server, NOTEBOOK, ready=".pb-mentoring .pb-start-session")
    key = private_key(page)
    type_into(page, ".pb-my-name", "Alex")
    type_into(page, ".pb-new-session-day", "2026-04-07")
    page.locator(".pb-start-session").click()
    success(page, "Started the Session of 2026-04-07")
    type_into(page, ".pb-point-text", SHARED)
    page.locator(".pb-add-point").click()
    page.locator(".pb-point", has_text=SHARED).wait_for()
    type_into(page, ".pb-point-text", secret)
    page.locator(".pb-point-private input[type=checkbox]").check()
    page.locator(".pb-add-point").click()
    page.locator(".pb-point", has_text=secret).wait_for()
    assert "private: only you see it" in page.locator(".pb-point", has_text=secret).inner_text()
    type_into(page, ".pb-mentor-name", "Jordan")
    page.locator(".pb-make-session-link").click()
    page.wait_for_function(
        "() => (document.querySelector('.pb-session-link input') || {}).value?.includes('share=')"
    )
    link = page.locator(".pb-session-link input").input_value()
    assert key not in link
    page.locator(".pb-session-link-row", has_text="Jordan").wait_for()
    wait_saved(page)

    # the mentor: another context (no cookie, no storage in common), everything recorded
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    recorder = Recorder(context)
    mentor = context.new_page()
    try:
        mentor.set_default_timeout(RENDER_TIMEOUT_MS)
        mentor.goto(link if link.startswith("http") else server.render_url(link))
        mentor.wait_for_selector(".pb-mentor-sessions .pb-point")
        shown = mentor.locator(".pb-mentor-sessions").inner_text()
        assert "Sessions with Alex" in shown and SHARED in shown
        assert "Where they stand" in shown
        assert mentor.locator(".pb-private-link input").count() == 0
        assert mentor.locator(".pb-download").count() == 0
        type_into(mentor, ".pb-point-text", MENTORS_POINT)
        mentor.locator(".pb-add-point").click()
        mentor.locator(".pb-point", has_text=MENTORS_POINT).wait_for()
        type_into(mentor, ".pb-new-action", ACTION)
        mentor.locator(".pb-new-action-owner select").select_option(label="Alex")
        type_into(mentor, ".pb-new-action-due", "2026-04-21")
        mentor.locator(".pb-add-action").click()
        mentor.locator(".pb-session-action", has_text=ACTION).wait_for()

        # the manager reads the mentor's additions, and ticks the action off next session
        page.locator(".pb-refresh-sessions").click()
        success(page, "1 new point(s) and 1 new action(s)")
        assert MENTORS_POINT in page.locator(".pb-points").inner_text()
        type_into(page, ".pb-new-session-day", "2026-05-05")
        page.locator(".pb-start-session").click()
        success(page, "Started the Session of 2026-05-05")
        row = page.locator(".pb-action-row", has_text=ACTION)
        assert "carried from the session of 2026-04-07" in row.inner_text()
        before = saved_at(page)
        row.locator(".pb-session-action input[type=checkbox]").click()
        page.locator(".pb-action-row", has_text=ACTION).locator("input:checked").wait_for()
        wait_saved(page, after=before)  # the tick's own save, not the session's before it

        # the mentor sees it done in the latest session (the manager's to tick, not theirs)
        mentor.locator(".pb-refresh-mentor").click()
        success(mentor, "Up to date.")
        select = mentor.locator(".pb-session-select select")
        chosen = select.evaluate("s => s.options[s.selectedIndex].text")
        assert chosen.replace("\xa0", " ") == "Session of 2026-05-05"  # ipywidgets' spaces
        box = mentor.locator(".pb-session-action", has_text=ACTION).locator("input")
        assert box.is_checked() and box.is_disabled()

        # what the mentor's browser received: the shared point, never the private one
        assert recorder.sockets >= 1 and recorder.frames and recorder.bodies
        assert recorder.unread == []
        assert recorder.holds(SHARED) and recorder.holds(ACTION)  # the recording sees text
        assert secret not in mentor.content()
        assert not recorder.holds(secret)
        assert not recorder.holds(secret.split(": ", 1)[0])  # not even its random part

        # withdrawn: the mentor's very next step is refused, and so is a reload
        page.locator(".pb-withdraw-link").click()
        success(page, "Withdrawn: the link for Jordan no longer opens your sessions.")
        type_into(mentor, ".pb-point-text", "One more thought")
        mentor.locator(".pb-msg-error", has_text="This session link no longer opens").wait_for()
        assert mentor.locator(".pb-mentor-sessions .pb-point").count() == 0
        mentor.reload()
        mentor.wait_for_selector(".pb-header .pb-msg-error")
        assert "may have been withdrawn" in mentor.locator(".pb-header").inner_text()
        assert SHARED not in mentor.locator("body").inner_text()
        assert not recorder.holds(secret)
    finally:
        for p in context.pages:
            p.close(run_before_unload=True)
        context.close()

    # the manager's page still has everything, the private point marked as such
    page.reload()
    page.wait_for_selector(".pb-mentoring .pb-session-action")
    page.locator(".pb-session-select select").select_option(label="Session of 2026-04-07")
    points = page.locator(".pb-points")
    points.locator(".pb-point", has_text=secret).wait_for()
    assert MENTORS_POINT in points.inner_text()


def test_links_of_the_wrong_kind_say_where_they_belong(page, browser, server):
    """Is a rating link opened on the sessions page, and a session link opened on the rating
    page, told in place that it belongs to another page, showing nothing of the workbook?"""
    open_page(page, server, "02_leadership_style.ipynb", ready=".pb-leadership")
    page.locator(".pb-compare input[type=text]").first.fill("Alex")
    page.get_by_role("button", name="Create a link for my mentor").click()
    page.wait_for_function(
        "() => (document.querySelector('.pb-share-link input') || {}).value?.includes('share=')"
    )
    token = re.search(r"share=([\w-]+)", page.locator(".pb-share-link input").input_value())
    assert token
    open_page(page, server, NOTEBOOK, f"share={token.group(1)}", ready=".pb-msg-error")
    assert CONTENT.links.wrong_kind.split(":")[0] in page.locator(".pb-msg-error").inner_text()
    assert page.locator(".pb-mentor-sessions").count() == 0

    key = private_key_of_new_sessions_page(page, server)
    type_into(page, ".pb-mentor-name", "Jordan")
    page.locator(".pb-make-session-link").click()
    page.wait_for_function(
        "() => (document.querySelector('.pb-session-link input') || {}).value?.includes('share=')"
    )
    session_token = page.locator(".pb-session-link input").input_value().split("share=", 1)[1]
    assert key not in session_token
    open_page(page, server, "02_leadership_style.ipynb", f"share={session_token}",
              ready=".pb-leadership-rating .pb-message div")  # fmt: skip
    assert (
        "This link is not a link to rate someone's leadership style."
        in page.locator(".pb-leadership-rating").inner_text()
    )


def private_key_of_new_sessions_page(page: Any, server: Any) -> str:
    open_page(page, server, NOTEBOOK, ready=".pb-mentoring .pb-make-session-link")
    return private_key(page)
