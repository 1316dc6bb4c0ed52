"""The time-split workbook in Chromium against a real `playbook serve`."""

from __future__ import annotations

import pytest

from .conftest import REPO, open_page, private_key, wait_saved

pytestmark = pytest.mark.browser

SAMPLE = REPO / "data" / "sample_calendar.ics"
ENTRY = "Lighting plot review"


def entry_row(page):
    return page.locator(".pb-ts-entries tr", has_text=ENTRY)


def test_import_a_calendar_reclassify_an_entry_and_find_it_after_a_reload(page, server):
    """Does a participant import the sample calendar, see the split and its chart, reclassify an
    entry, and find it still reclassified after reloading the page through the private link?"""
    open_page(page, server, "03_time_split.ipynb", ready=".pb-time-split")
    key = private_key(page)

    page.locator(".pb-ts-range-start input").fill("2026-03-02")
    wait_saved(page)
    page.locator(".pb-ts-range-end input").fill("2026-03-29")
    wait_saved(page)
    page.locator(".pb-ts-timezone input").fill("Europe/London")
    page.locator(".pb-ts-timezone input").press("Enter")
    wait_saved(page)

    with page.expect_file_chooser() as chooser:
        page.locator(".pb-ts-upload").click()
    chooser.value.set_files(str(SAMPLE))
    page.wait_for_function(
        "() => document.querySelector('.pb-ts-summary').textContent.includes('85% delivery')"
    )
    assert "Read 58 entries" in page.locator(".pb-message .pb-msg-success").first.inner_text()
    # plotly draws its container first and the traces after (Plotly.react is asynchronous):
    # the bars are waited for, not counted the moment the container shows (CI, stop 25)
    page.wait_for_selector(".pb-ts-split-chart .js-plotly-plot .bars")
    assert "Delivery & coordination" in entry_row(page).inner_text()

    page.locator(".pb-ts-search input").fill(ENTRY)
    page.locator(".pb-ts-search input").press("Enter")
    page.wait_for_function(
        "() => document.querySelector('.pb-ts-entry-pick select').options.length === 2"
    )
    page.locator(".pb-ts-entry-pick select").select_option(index=1)
    page.locator(".pb-ts-category-pick select").select_option(label="Hands-on technical work")
    page.locator(".pb-ts-reclassify").click()
    page.wait_for_function(
        "() => document.querySelector('.pb-ts-entries').textContent.includes('your choice')"
    )
    wait_saved(page)

    page.goto(server.render_url("03_time_split.ipynb", f"key={key}"))
    page.wait_for_selector(".pb-ts-entries tr")
    row = entry_row(page).inner_text()
    assert "Hands-on technical work" in row and "your choice" in row
    page.wait_for_selector(".pb-ts-split-chart .js-plotly-plot")


def test_the_browser_time_zone_is_shown_and_saved(browser, server):
    """Does a page in a Tokyo browser show and save Asia/Tokyo (not UTC) without being told,
    and find it again after a reload?"""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Tokyo")
    page = context.new_page()
    try:
        open_page(page, server, "03_time_split.ipynb", ready=".pb-time-split")
        key = private_key(page)
        page.wait_for_function(
            "() => document.querySelector('.pb-ts-timezone input').value === 'Asia/Tokyo'"
        )
        page.wait_for_function(
            "() => document.querySelector('.pb-ts-zone-note').textContent"
            ".includes('your browser reports')"
        )
        wait_saved(page)
        page.goto(server.render_url("03_time_split.ipynb", f"key={key}"))
        page.wait_for_function(
            "() => document.querySelector('.pb-ts-timezone input')?.value === 'Asia/Tokyo'"
        )
    finally:
        for p in context.pages:
            p.close(run_before_unload=True)
        context.close()
