"""Participant text in Chromium against a real `playbook serve`: shown as the text typed.

MathJax (which Voila loads) typesets ``$...$`` in Labels and widget descriptions, and plotly.js
reads ``<a href>`` in chart text as a link. A ``$x^2$`` and an ``<a href>`` payload typed into a
pilot's name, a metric's name and unit, an audit action and the name a mentor is shown must
appear as typed on the owner's pages and on the mentor's page: no typeset math, no link.
"""

from __future__ import annotations

import pytest

from .conftest import open_page, private_key, wait_saved
from .test_pilots_audit_browser import fill

pytestmark = pytest.mark.browser

MATH = "$x^2$"
LINK = '<a href="https://example.org/p">p</a>'
PILOT = f"Pilot {MATH} {LINK}"
METRIC = f"Metric {MATH} {LINK}"
UNIT = f"{LINK} min"
ACTION = f"Action {MATH} {LINK}"
MENTOR = f"Mentor {MATH} {LINK}"

# 10 weekly values before the change and 10 after: enough for every pilot chart.
ROWS = "date,value\n" + "\n".join(
    f"2026-{month:02d}-{day:02d},{value}"
    for (month, day), value in zip(
        [(1, 5), (1, 12), (1, 19), (1, 26), (2, 2), (2, 9), (2, 16), (2, 23), (3, 2), (3, 9)]
        + [(3, 16), (3, 23), (3, 30), (4, 6), (4, 13), (4, 20), (4, 27), (5, 4), (5, 11)]
        + [(5, 18)],
        [5, 6, 5, 7, 6, 5, 6, 7, 5, 6, 3, 2, 3, 4, 3, 2, 3, 2, 3, 2],
        strict=True,
    )
)

# What would show that text was interpreted: typeset math, or a link to the payload's host
# (plotly draws links in its SVG as <a xlink:href>, HTML as <a href>).
INTERPRETED = """() => ({
    math: document.querySelectorAll('mjx-container, .MathJax, .MathJax_Preview').length,
    links: [...document.querySelectorAll('a')]
        .map(a => a.getAttribute('href') || a.getAttribute('xlink:href') || '')
        .filter(h => h.includes('example.org')),
})"""


def settle(page) -> None:
    """Give the page's typesetter its chance: every chunk loaded (MathJax is loaded on first
    use) and a moment for the asynchronous typesetting of what was rendered."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)


def assert_not_interpreted(page) -> None:
    settle(page)
    assert page.evaluate(INTERPRETED) == {"math": 0, "links": []}


def test_participant_text_is_shown_as_typed_on_the_owners_and_the_mentors_pages(
    page, browser, server
):
    """Are a math and a link payload in a pilot, its metric, an audit action and a mentor's
    name shown as the characters typed, on the owner's pages and on the mentor's page?"""
    # --- pilots: the pilot's name, its metric's name and unit, in text and in the charts ---
    open_page(page, server, "04_pilot_experiments.ipynb", ready=".pb-pilots")
    key = private_key(page)
    page.locator(".pb-new-pilot").click()
    page.wait_for_selector(".pb-practice input")
    fill(page, ".pb-practice", PILOT)
    page.locator(".pb-metric-choice select").select_option(label="Your own metric…")
    fill(page, ".pb-own-name", METRIC)
    fill(page, ".pb-own-unit", UNIT)
    page.locator(".pb-add-metric").click()
    page.locator(".pb-metrics li").filter(has_text=METRIC).wait_for()
    page.locator(".pb-paste textarea").fill(ROWS)
    page.locator(".pb-import-paste").click()
    page.wait_for_selector(".pb-msg-success")
    fill(page, ".pb-change-date", "2026-03-16")
    page.wait_for_selector(".pb-run-chart .js-plotly-plot .gtitle")
    page.wait_for_selector(".pb-change-chart .js-plotly-plot .gtitle")
    wait_saved(page)
    assert_not_interpreted(page)

    assert f"{METRIC} ({UNIT}, higher is better)" in page.locator(".pb-metrics").inner_text()
    # ipywidgets writes the spaces of a Dropdown's option labels as no-break spaces
    assert PILOT in page.locator(".pb-pilot-select select").inner_text().replace("\xa0", " ")
    run = page.locator(".pb-run-chart .js-plotly-plot")
    assert run.locator(".gtitle").text_content().startswith(f"{METRIC}: run chart")
    assert run.locator(".ytitle").text_content() == f"{METRIC} ({UNIT})"
    change = page.locator(".pb-change-chart .js-plotly-plot")
    assert change.locator(".xtitle").text_content() == f"pilot minus baseline ({UNIT})"

    # --- audit: an action, listed with a checkbox to tick it ---
    open_page(page, server, "05_quarterly_audit.ipynb", f"key={key}", ready=".pb-audit")
    page.locator(".pb-open-quarter").click()
    page.wait_for_selector(".pb-notes")
    fill(page, ".pb-action-text", ACTION)
    fill(page, ".pb-action-owner", LINK)
    page.locator(".pb-add-action").click()
    action = page.locator(".pb-action")
    action.locator("input[type=checkbox]").check()
    wait_saved(page)
    assert_not_interpreted(page)
    assert action.locator(".pb-checkbox-text").inner_text().strip() == f"{ACTION} (owner: {LINK})"

    # --- leadership: the name the owner gives the mentor, shown on both pages ---
    open_page(page, server, "02_leadership_style.ipynb", f"key={key}", ready=".pb-leadership")
    page.locator(".pb-compare input[type=text]").first.fill(MENTOR)
    page.get_by_role("button", name="Create a link for my mentor").click()
    link_box = page.locator(".pb-share-link input")
    link_box.wait_for()
    link = link_box.input_value()
    assert page.locator(".pb-compare input[type=text]").first.input_value() == MENTOR
    assert_not_interpreted(page)

    mentor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    try:
        mentor.goto(link if link.startswith("http") else server.render_url(link))
        mentor.wait_for_selector(".pb-leadership-rating")
        shown = mentor.locator(".pb-leadership-rating").inner_text()
        assert f"Rate {MENTOR}" in shown and f"You are rating {MENTOR} as their mentor" in shown
        assert_not_interpreted(mentor)
    finally:
        mentor.close(run_before_unload=True)
