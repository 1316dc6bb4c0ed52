"""The cohort's exports and ``playbook report`` (playbook/cohort/report.py, playbook/cli.py)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from playbook import cohort
from playbook.cli import main
from playbook.cohort import report
from tests.test_cohort_records import SECRET, make_files


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("cohort")
    paths = []
    for i, data in enumerate(make_files(8)):
        path = folder / f"participant-{i}.json"
        path.write_bytes(data)
        paths.append(str(path))
    return paths


def test_playbook_report_writes_the_same_aggregates_as_the_page(files, tmp_path, capsys):
    """Does ``playbook report FILES -o report.html --csv out.csv`` write a CSV of exactly the
    aggregates the cohort module computes from the same files, and a self-contained HTML
    report, with a broken file named on stderr?"""
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    html_path, csv_path = tmp_path / "report.html", tmp_path / "out.csv"
    code = main(["report", *files, str(broken), "-o", str(html_path), "--csv", str(csv_path)])
    assert code == 0
    captured = capsys.readouterr()
    assert "broken.json: This workbook file is damaged" in captured.err
    assert captured.out.startswith("8 workbooks")

    expected = cohort.summarize(
        cohort.read_files((p, Path(p).read_bytes()) for p in files)[0], cohort.load_content()
    )
    assert csv_path.read_text(encoding="utf-8") == report.cohort_csv(expected)
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    assert {"table": "summary", "measure": "workbooks", "value": "8"}.items() <= rows[0].items()
    for t in expected.tables:
        hidden = [r for r in rows if r["table"] == t.id and r["measure"].startswith("groups")]
        assert hidden == [dict(hidden[0], value=str(t.hidden))]
    # no group under the minimum in any count, and no participant's words
    counts = [
        int(r["value"]) for r in rows if r["measure"] == "workbooks" and r["table"] != "summary"
    ]
    assert counts and min(counts) >= 3
    assert SECRET not in csv_path.read_text(encoding="utf-8")

    page = html_path.read_text(encoding="utf-8")
    assert SECRET not in page
    assert not re.search(r"<script[^>]+src=", page)  # plotly.js is inside, nothing fetched
    assert page.count("Plotly.newPlot") == len(expected.tables) + 1
    for t in expected.tables:
        assert f"data-table='{t.id}'" in page


def test_playbook_report_fails_when_no_file_is_a_workbook(tmp_path, capsys):
    """Is a run without a single readable workbook an error, not an empty report?"""
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    assert main(["report", str(bad), "--csv", str(tmp_path / "x.csv")]) == 2
    assert "no workbook file could be read" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_the_html_report_escapes_what_it_shows():
    """Are table cells escaped in the HTML report (a coach's content could hold markup)?"""
    t = cohort.Table("x", "T <b>", ("Group", "Workbooks"), (("<img src=x>", 3),), 0, 3, 1)
    html = report.table_html(t)
    assert "<img" not in html and "&lt;img src=x&gt;" in html


def test_a_hidden_group_is_absent_from_the_chart_and_the_exports():
    """With 3 workbooks recommended Technical Specialist and 2 Community Builder, is the group
    of 2 missing from the paths chart, its HTML table and the CSV, each saying one was hidden?"""
    from playbook.charts.cohort import table_chart
    from tests.test_cohort import career_for, record

    records = [record(career=career_for("technical_specialist")) for _ in range(3)]
    records += [record(career=career_for("community_builder")) for _ in range(2)]
    c = cohort.summarize(records, cohort.load_content())
    paths = c.table("paths")
    fig = table_chart(paths)
    assert [list(bar.x) for bar in fig.data] == [["Technical Specialist"]]
    assert "1 group of fewer than 3" in fig.layout.annotations[0].text
    html = report.table_html(paths)
    assert "Community Builder" not in html and "1 group of fewer than 3" in html
    rows = [r for r in csv.reader(io.StringIO(report.cohort_csv(c))) if r[0] == "paths"]
    assert [r[2] for r in rows] == ["Technical Specialist", ""]
    assert rows[-1][4:] == ["groups hidden (fewer than the minimum)", "1"]
