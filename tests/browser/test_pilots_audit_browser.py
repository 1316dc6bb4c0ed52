"""The pilot-experiments and quarterly-audit workbooks in Chromium against a real `playbook serve`."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.audit import load_content

from .conftest import open_page, wait_saved

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample_pilot_measurements.csv"


def text_of(page, selector: str) -> str:
    return page.locator(selector).inner_text()


def fill(page, selector: str, value: str) -> None:
    """Type into a Text widget and leave it, so a continuous_update=False widget syncs."""
    box = page.locator(f"{selector} input, {selector} textarea").first
    box.fill(value)
    box.press("Enter")


def test_pilot_with_baseline_and_pilot_phase_shows_the_run_chart_and_interval(page, server):
    """Does a participant who creates a pilot, imports measurements and sets the change date see
    the evidence with its interval, the run chart with the change and the signal marked, and a
    bad value refused in place?"""
    open_page(page, server, "04_pilot_experiments.ipynb", ready=".pb-pilots")
    page.locator(".pb-new-pilot").click()
    page.wait_for_selector(".pb-practice input")
    fill(page, ".pb-practice", "Joint planning sessions with editorial")
    page.locator(".pb-add-metric").click()  # the first suggestion: team feedback score
    page.locator(".pb-metric-choice select").select_option(label="Revision count")
    page.locator(".pb-add-metric").click()
    page.wait_for_function(
        "() => document.querySelector('.pb-metrics').textContent.includes('Revision count')"
    )
    with page.expect_file_chooser() as chooser:
        page.locator(".pb-upload").click()
    chooser.value.set_files(str(SAMPLE))
    page.wait_for_selector(".pb-msg-success")
    assert "Imported 40 measurements" in text_of(page, ".pb-msg-success")

    fill(page, ".pb-change-date", "2026-03-16")
    page.wait_for_function(
        "() => document.querySelector('.pb-evidence').textContent.includes('95% interval')"
    )
    evidence = text_of(page, ".pb-evidence")
    assert "Team feedback score" in evidence and "improvement" in evidence
    page.wait_for_selector(".pb-run-chart .js-plotly-plot")
    run = text_of(page, ".pb-run-chart")
    assert "change started" in run and "Signal: run longer than" in run
    page.wait_for_selector(".pb-change-chart .js-plotly-plot")
    assert "widen adoption" in text_of(page, ".pb-next-step")
    wait_saved(page)

    fill(page, ".pb-entry-date", "2026-05-25")
    fill(page, ".pb-entry-value", "abc")
    page.locator(".pb-add-measurement").click()
    page.wait_for_selector(".pb-msg-error")
    assert '"abc" is not a number' in text_of(page, ".pb-msg-error")


def test_audit_answers_show_scores_and_a_colleague_can_answer(page, browser, server):
    """Does answering the audit show the scores and pitfalls, and can a colleague open the
    share link, see only the questions, and send answers?"""
    content = load_content()
    open_page(page, server, "05_quarterly_audit.ipynb", ready=".pb-audit")
    page.locator(".pb-open-quarter").click()
    page.wait_for_selector(".pb-notes")
    for item_id in content.item_ids:
        page.locator(f".pb-item-{item_id} label", has_text="2 - ").click()
    page.wait_for_function("() => document.querySelector('.pb-scores').textContent.includes('2.5')")
    assert "Efficiency over resilience" in text_of(page, ".pb-pitfalls")
    page.wait_for_selector(".pb-scores-chart .js-plotly-plot")
    wait_saved(page)

    page.locator(".pb-share-button").click()
    page.wait_for_function(
        "() => { const i = document.querySelector('.pb-share-link input');"
        " return i && i.value.includes('share='); }"
    )
    link = page.locator(".pb-share-link input").input_value()
    token = link.split("share=", 1)[1]
    other = browser.new_context().new_page()
    try:
        open_page(other, server, "05_quarterly_audit.ipynb", f"share={token}", ready=".pb-audit")
        other.wait_for_selector(".pb-colleague-form")
        assert other.locator(".pb-scores").count() == 0
        first = content.item_ids[0]
        other.locator(f".pb-item-{first} label", has_text="4 - ").click()
        other.locator(".pb-colleague-submit").click()
        other.wait_for_selector(".pb-msg-success")
        assert "Thank you" in other.locator(".pb-msg-success").inner_text()
    finally:
        other.close(run_before_unload=True)
    page.locator(".pb-refresh-colleagues").click()
    page.wait_for_function(
        "() => document.querySelector('.pb-colleagues').textContent.includes('1 of at least 3')"
    )
