"""A newcomer's first steps on the time-split page, in Chromium against a real `playbook serve`
(issue 9, items 2 and 10): the README's sample files imported as they are, with no range
chosen first, and a typed row that survives a reload."""

from __future__ import annotations

import pytest

from .conftest import REPO, open_page, private_key, wait_saved

pytestmark = pytest.mark.browser

DATA = REPO / "data"


def body_has(page, text: str) -> None:
    page.wait_for_function("t => document.body.textContent.includes(t)", arg=text)


def upload(page, name: str) -> None:
    with page.expect_file_chooser() as chooser:
        page.locator(".pb-ts-upload").click()
    chooser.value.set_files(str(DATA / name))


def test_the_sample_files_import_into_their_own_weeks_once_and_a_typed_row_is_kept(page, server):
    """On a fresh page: a plain 'no entries yet' and no chart; the sample calendar, imported
    with the default range, moves the range to March 2026 and draws the split; the Toggl
    sample then counts the two weeks both describe once, saying so; a row typed and not added
    is back after a reload, said to be not yet added."""
    open_page(page, server, "03_time_split.ipynb", ready=".pb-time-split")
    key = private_key(page)
    body_has(page, "No entries yet between")
    assert page.locator(".pb-ts-split-chart .js-plotly-plot").count() == 0
    assert page.locator(".pb-ts-weekly-chart .js-plotly-plot").count() == 0

    upload(page, "sample_calendar.ics")
    body_has(page, "the range now covers the file's weeks: 02 Mar 2026 to 29 Mar 2026")
    assert page.locator(".pb-ts-range-start input").input_value() == "2026-03-02"
    page.wait_for_selector(".pb-ts-split-chart .js-plotly-plot")
    assert "No entries yet" not in page.locator(".pb-ts-empty").inner_text()

    upload(page, "sample_toggl.csv")
    page.wait_for_function(
        "() => document.querySelector('.pb-ts-double-log').textContent"
        ".includes('count the time tracker only')"
    )
    note = page.locator(".pb-ts-double-log").inner_text()
    assert "Your calendar and your time tracker both describe 2 weeks" in note
    wait_saved(page)

    row = page.locator(".pb-ts-manual-row").first
    row.locator("input[type=text]").fill("Prop budget with the designer")
    row.locator("input[type=text]").press("Tab")
    body_has(page, "Not yet added: what you typed for the week of")
    wait_saved(page)

    page.goto(server.render_url("03_time_split.ipynb", f"key={key}"))
    page.wait_for_selector(".pb-ts-manual-row")
    body_has(page, "Not yet added: what you typed for the week of")
    first = page.locator(".pb-ts-manual-row").first.locator("input[type=text]")
    assert first.input_value() == "Prop budget with the designer"
