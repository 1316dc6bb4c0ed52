"""The community practice catalogue and the pilots page's drafts in Chromium against a real
`playbook serve` (issue 21): on the demo workbook, the catalogue, a practice started as a pilot
in one step, and the time split counting the demo's chosen practice (its hours checked by hand
from data/sample_calendar.ics); on a new workbook, unsent choices found back after a reload."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from playbook.pilots import load_content

from .conftest import open_page, restore_demo, wait_saved

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[2] / "data"
PILOTS = "04_pilot_experiments.ipynb"
TIME_SPLIT = "03_time_split.ipynb"
CONTENT = load_content()


def fill(page, selector: str, value: str) -> None:
    """Type into a Text widget and leave it, so a continuous_update=False widget syncs."""
    box = page.locator(f"{selector} input, {selector} textarea").first
    box.fill(value)
    box.press("Tab")


def event_hours(summary: str) -> float:
    """An event's length in hours, read by hand from the sample calendar's DTSTART and DTEND
    (local times of the same day in the events used here)."""
    text = (DATA / "sample_calendar.ics").read_text(encoding="utf-8").replace("\r\n", "\n")
    for event in text.split("BEGIN:VEVENT")[1:]:
        if f"SUMMARY:{summary}\n" in event:
            start, end = (local_time(event, key) for key in ("DTSTART", "DTEND"))
            return (end - start).total_seconds() / 3600
    raise AssertionError(f"no event {summary!r}")


def local_time(event: str, key: str) -> dt.datetime:
    found = re.search(rf"^{key}[^:]*:(\d{{8}}T\d{{6}})", event, re.MULTILINE)
    assert found is not None, key
    return dt.datetime.strptime(found[1], "%Y%m%dT%H%M%S")


def test_the_catalogue_starts_a_pilot_and_the_time_split_counts_the_chosen_practice(page, server):
    """On the demo workbook: is the catalogue behind its button with every practice quoted,
    the demo's practice counted; does "Pilot this practice" start a pilot with its metric in
    one step, kept after a reload; and does the time split say how many hours came from the
    chosen practices (the coffee and the producers' network, by hand from the calendar)?"""
    key = restore_demo(server)
    open_page(page, server, PILOTS, f"key={key}", ready=".pb-pilots .pb-catalogue-toggle")
    assert page.locator(".pb-catalogue").is_hidden()  # the demo has a pilot already
    assert "Relationships beyond your own team" in page.locator(".pb-practices-chosen").inner_text()
    page.locator(".pb-catalogue-toggle").click()
    page.wait_for_selector(".pb-catalogue .pb-catalogue-card")
    assert page.locator(".pb-catalogue .pb-catalogue-card").count() == len(CONTENT.practices)
    card = page.locator(".pb-card-cross_role_shadowing")
    assert "“pre-production social events and cross-role shadowing programs”" in card.inner_text()
    assert "Suggested metric: Conflict-resolution time" in card.inner_text()
    assert page.locator(".pb-card-beyond_team .pb-count-practice input").is_checked()

    page.locator(".pb-pilot-feedback_loops").click()
    page.wait_for_selector(".pb-msg-success")
    assert "A new pilot of “Regular feedback loops”, with Team feedback score" in (
        page.locator(".pb-msg-success").inner_text()
    )
    page.wait_for_function(
        "() => document.querySelector('.pb-practice input').value === 'Regular feedback loops'"
    )
    assert "Team feedback score" in page.locator(".pb-metrics").inner_text()
    assert page.locator(".pb-catalogue").is_hidden()
    wait_saved(page)
    page.reload()
    page.wait_for_selector(".pb-pilot-select select")
    options = page.locator(".pb-pilot-select select").inner_text().replace("\xa0", " ")
    assert "Regular feedback loops" in options
    assert "Joint planning sessions with editorial" in options

    coffee = event_hours("Coffee with the venue manager")
    network = event_hours("Mentoring circle (regional producers' network)")
    assert (coffee, network) == (0.75, 1.5)
    open_page(page, server, TIME_SPLIT, f"key={key}", ready=".pb-ts-practices p")
    note = page.locator(".pb-ts-practices").inner_text()
    assert "h came from the community practices you chose on the pilots page" in note
    assert "Regular feedback loops 0 h (0 entries)" in note
    assert f"Relationships beyond your own team {coffee + network:g} h (2 entries)" in note


def test_unsent_choices_come_back_after_a_reload(page, server):
    """On a new workbook: are one's own metric with its direction, and Adapt with a reason,
    chosen and not sent, back on the page after a reload, each said to be a draft?"""
    open_page(page, server, PILOTS, ready=".pb-pilots .pb-new-pilot")
    page.locator(".pb-new-pilot").click()
    page.wait_for_selector(".pb-practice input")
    fill(page, ".pb-practice", "Two-week sprints")
    page.locator(".pb-metric-choice select").select_option(label="Your own metric…")
    fill(page, ".pb-own-name", "Budget variance")
    page.locator(".pb-own-better button", has_text="lower").click()
    page.wait_for_function(
        "() => document.querySelector('.pb-metric-pending').textContent.includes('lower is better')"
    )
    page.locator(".pb-decision button", has_text="Adapt").click()
    fill(page, ".pb-reason", "Editors want shorter sessions")
    page.wait_for_function(
        "() => document.querySelector('.pb-decision-pending').textContent.includes('Adapt')"
    )
    wait_saved(page)

    page.reload()
    page.wait_for_selector(".pb-metric-pending .pb-msg-info")
    assert page.locator(".pb-own-name input").input_value() == "Budget variance"
    assert page.locator(".pb-own-better button.mod-active").inner_text().strip() == "lower"
    assert page.locator(".pb-decision button.mod-active").inner_text().strip() == "Adapt"
    assert page.locator(".pb-reason textarea").input_value() == "Editors want shorter sessions"
    metric_note = page.locator(".pb-metric-pending").inner_text()
    assert metric_note.startswith("Not yet added: your metric “Budget variance” (lower is better).")
    assert "kept as a draft (a reload brings it back)" in metric_note
    decision_note = page.locator(".pb-decision-pending").inner_text()
    assert decision_note.startswith("Not yet recorded: Adapt.")

    page.locator(".pb-add-metric").click()
    page.locator(".pb-metrics li").filter(has_text="Budget variance").wait_for()
    page.wait_for_function("() => !document.querySelector('.pb-metric-pending').textContent")
    assert "No decision recorded yet" in page.locator(".pb-decision-state").inner_text()


def test_the_open_catalogue_fits_a_phone(browser, server):
    """On a 390 px screen and a new workbook (the catalogue open), does nothing of the
    catalogue run past the right edge, and is the "Count its hours" label shown whole (not cut
    off by the checkbox's ellipsis)?"""
    from .test_looks_browser import OVERFLOW, TOLERANCE, WIDTH

    context = browser.new_context(viewport={"width": WIDTH, "height": 844})
    phone = context.new_page()
    try:
        open_page(phone, server, PILOTS, ready=".pb-catalogue .pb-catalogue-card")
        phone.wait_for_timeout(1000)  # the page laid out at its width
        scroll_width, beyond = phone.evaluate(OVERFLOW, [WIDTH, TOLERANCE])
        assert beyond == [] and scroll_width <= WIDTH + TOLERANCE
        cut = phone.evaluate(CUT_OFF, ".pb-count-practice")
        assert cut == []
    finally:
        phone.close(run_before_unload=True)
        context.close()


#: Elements under ``selector`` whose text is wider than their box (cut off with an ellipsis).
CUT_OFF = """(selector) => {
  const out = [];
  for (const box of document.querySelectorAll(selector))
    for (const e of [box, ...box.querySelectorAll('*')])
      if (e.getBoundingClientRect().width > 0 && e.scrollWidth > e.clientWidth + 1)
        out.push((e.textContent || '').slice(0, 40) + ' ' + e.scrollWidth + '>' + e.clientWidth);
  return out;
}"""
