"""The coach's cohort page in a browser: 20 files uploaded at once, and shares of kind coach."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from playbook import cohort
from playbook.cohort import report
from playbook.record import validate_sections
from playbook.store import Store
from tests.test_cohort_records import SECRET, make_files, make_record

from .conftest import open_page

NOTEBOOK = "07_cohort.ipynb"
FIRST_SEED = 3  # seeds 3-22: exactly two of the twenty are recommended Community Builder


def test_twenty_files_uploaded_draw_every_chart_hide_a_group_of_two_and_export_a_csv(
    page, server, tmp_path
):
    """Do 20 workbook files chosen at once give every chart, the Community Builder group of
    2 hidden (with its note), a downloadable CSV of the same aggregates as the cohort module,
    and none of the participants' own words on the page or in the CSV?"""
    paths = []
    for i, data in enumerate(make_files(20, FIRST_SEED)):
        path = tmp_path / f"participant-{i:02d}.json"
        path.write_bytes(data)
        paths.append(path)
    records, _ = cohort.read_files((p.name, p.read_bytes()) for p in paths)
    contents = cohort.Contents()
    recommended = Counter(cohort.digest(r, contents).parts["career"].recommended for r in records)
    assert recommended["community_builder"] == 2  # the group this test expects hidden
    expected = cohort.summarize(records, cohort.load_content(), contents=contents)

    open_page(page, server, NOTEBOOK, ready=".pb-cohort-upload")
    with page.expect_file_chooser() as chooser:
        page.locator(".pb-cohort-upload").click()
    chooser.value.set_files([str(p) for p in paths])
    page.wait_for_selector(".pb-cohort-summary [data-workbooks='20']")
    # a chart per table with a group to draw, and the alpha's once a scale has one
    charts = sum(1 for t in expected.tables if t.rows) + any(
        a.alpha is not None for a in expected.alphas
    )
    page.wait_for_function(
        f"() => document.querySelectorAll('.pb-cohort-results .js-plotly-plot').length === {charts}"
    )

    paths_table = page.locator("table[data-table='paths']")
    assert "Community Builder" not in paths_table.inner_text()
    assert "Technical Specialist" in paths_table.inner_text()
    section = page.locator(".pb-cohort-chart-paths")
    assert "1 group of fewer than 3 workbooks hidden" in section.inner_text()

    with page.expect_download() as download:
        page.locator("a.pb-cohort-csv").click()
    csv_text = Path(download.value.path()).read_text(encoding="utf-8")
    assert csv_text == report.cohort_csv(expected)
    assert "paths,Recommended career paths (by the environment),Community Builder" not in csv_text
    assert SECRET not in csv_text
    assert SECRET not in page.content()


def test_two_owners_share_with_a_coach_one_revokes_and_the_coach_counts_one(page, browser, server):
    """Do two owners who share through the coach's link, one of whom then stops sharing,
    leave the coach's view counting one workbook?"""
    store = Store(f"sqlite:///{server.store}")
    coach_id, coach_key = store.create_workbook()
    code = cohort.coach_code(coach_id)
    owners = []
    for seed in (1, 2):
        wid, key = store.create_workbook()
        record = make_record(seed)
        record["sections"] = validate_sections(record["sections"])
        store.replace_record(wid, record, "test")
        owners.append(key)

    for n, key in enumerate(owners):
        owner = page if n == 0 else browser.new_context().new_page()
        try:
            open_page(owner, server, NOTEBOOK, f"key={key}&coach={code}", ready=".pb-cohort-share")
            owner.locator(".pb-cohort-share-button").click()
            owner.wait_for_selector("[data-shared='yes']")
            if n == 1:
                owner.locator(".pb-cohort-stop-button").click()
                owner.wait_for_selector("[data-shared='no']")
        finally:
            if owner is not page:
                owner.close(run_before_unload=True)
    assert len(store.coach_workbooks(code)) == 1

    open_page(page, server, NOTEBOOK, f"key={coach_key}", ready=".pb-cohort-shared")
    assert page.locator(".pb-coach-link input").input_value().endswith(f"?coach={code}")
    page.locator(".pb-cohort-shared").click()
    page.wait_for_selector(".pb-cohort-summary [data-workbooks='1']")
    summary = page.locator(".pb-cohort-summary").inner_text()
    assert "workbooks shared with you" in summary and "1 workbook " in summary
    # one workbook: every group hidden, each table says so in a sentence, no empty axes
    page.wait_for_selector(".pb-cohort-empty")
    assert page.locator(".pb-cohort-results .js-plotly-plot").count() == 0
    assert "so all are hidden" in page.locator(".pb-cohort-empty").first.inner_text()
