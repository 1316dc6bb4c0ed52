"""The README's "Try it with sample data", followed word for word in Chromium (issue 9).

Each step presses the buttons and links the README names, chooses the files it names, and
checks the words the README says the page shows. If the README changes, this test changes with
it; if the pages change, one of the two is wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import RENDER_TIMEOUT_MS, open_page

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"


def readme_steps() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return text.split("### Try it with sample data", 1)[1].split("\n### ", 1)[0]


def choose_file(page, upload_label: str, path: Path) -> None:
    """Press the upload button labelled ``upload_label`` and choose ``path``."""
    with page.expect_file_chooser() as chooser:
        page.locator(".widget-upload", has_text=upload_label).click()
    chooser.value.set_files(str(path))


def see(page, words: str, timeout: float = 60_000) -> None:
    """Wait until the page shows ``words`` (its visible text, spaces as the page sets them)."""
    page.wait_for_function(
        "(w) => document.body.innerText.replace(/\\s+/g, ' ').includes(w)",
        arg=words,
        timeout=timeout,
    )


def test_the_readme_names_what_this_test_does():
    """Are the buttons, files and results this test uses the ones the README's steps name?"""
    steps = " ".join(readme_steps().split())
    for words in (
        "**Upload workbook file** and choose `data/demo_workbook.json`",
        "“demo_workbook.json” was imported into a new private workbook",
        "Open **Career path**",
        "“Your environment calls for the Hybrid Integrator path (fit 94/100)”",
        "press **Start a new private workbook** and open **The 70/30 time split**",
        "**Import file** and choose `data/sample_calendar.ics`: “Read 58 entries”",
        "02 Mar 2026 to 29 Mar 2026",
        "import `data/sample_toggl.csv` the same way: “Read 44 entries”",
        "both describe the same 2 weeks",
        "count the time tracker only",
        "“87% delivery and 13% visibility & relationships”",
        "Open **Pilot experiments**, press **New pilot**",
        "**Import CSV** with `data/sample_pilot_measurements.csv`: “Imported 40 measurements”",
    ):
        assert words in steps, words


def test_step_1_the_demo_workbook(page, server):
    """Uploading the demo workbook on the start page: a new workbook, the career result?"""
    open_page(page, server, "00_start.ipynb", ready=".pb-start")
    choose_file(page, "Upload workbook file", DATA / "demo_workbook.json")
    see(page, "“demo_workbook.json” was imported into a new private workbook")
    page.get_by_role("link", name="Career path", exact=True).first.click()
    page.wait_for_selector(".pb-recommendation", timeout=RENDER_TIMEOUT_MS)
    see(page, "Your environment calls for the Hybrid Integrator path (fit 94/100)")
    page.wait_for_selector(".pb-chart .js-plotly-plot .main-svg", timeout=30_000)


def test_steps_2_and_3_the_samples_in_a_new_workbook(page, server):
    """In a new workbook: the calendar then the Toggl file on the time split (the range moved to
    March 2026, the shared weeks counted once), then the pilot measurements?"""
    open_page(page, server, "00_start.ipynb", ready=".pb-start")
    page.get_by_role("button", name="Start a new private workbook").click()
    # the page's links carry the new workbook's key once it exists (a click before that opens
    # the time split without a workbook, as it would for a person that quick)
    page.wait_for_selector(".pb-workbooks li", timeout=30_000)
    page.get_by_role("link", name="The 70/30 time split", exact=True).first.click()
    page.wait_for_selector(".pb-ts-upload", timeout=RENDER_TIMEOUT_MS)

    choose_file(page, "Import file", DATA / "sample_calendar.ics")
    see(page, "Read 58 entries")
    see(page, "02 Mar 2026 to 29 Mar 2026")
    choose_file(page, "Import file", DATA / "sample_toggl.csv")
    see(page, "Read 44 entries")
    # the note on the shared weeks comes with the results, just after the import's message
    page.wait_for_function(
        "() => { const e = document.querySelector('.pb-ts-double-log');"
        " return e && e.innerText.includes('both describe 2 weeks'); }",
        timeout=60_000,
    )
    double = page.locator(".pb-ts-double-log").inner_text()
    assert "both describe 2 weeks" in double and "count the time tracker only" in double
    see(page, "87% delivery and 13% visibility & relationships")

    page.get_by_role("link", name="Pilot experiments", exact=True).first.click()
    page.wait_for_selector(".pb-new-pilot", timeout=RENDER_TIMEOUT_MS)
    page.get_by_role("button", name="New pilot").click()
    practice = page.locator(".pb-practice input")
    practice.fill("Joint planning sessions with editorial")
    practice.press("Enter")
    page.get_by_role("button", name="Add metric").click()
    page.locator(".pb-metric-choice select").select_option(label="Revision count")
    page.get_by_role("button", name="Add metric").click()
    page.wait_for_function(
        "() => document.querySelector('.pb-metrics').textContent.includes('Revision count')"
    )
    choose_file(page, "Import CSV", DATA / "sample_pilot_measurements.csv")
    see(page, "Imported 40 measurements")
