"""Adding a workbook is one package and one registry line (issue 17): the fixture workbook
in tests/fixture_workbook/, registered with its one line, appears in the navigation, the
development plan's "Where I stand" and suggestions, the cohort view, export and import,
with no other module changed."""

from __future__ import annotations

import json

import pytest

from playbook import cohort, contract, record
from playbook import plan as pn
from playbook import session as session_module
from playbook.errors import ImportFileError, PlaybookError
from tests.fixture_workbook import LINE

BOOKS = {"books": [{"title": "The Goal", "kind": "craft"}]}


@pytest.fixture
def reading():
    with contract.registered(LINE) as line:
        yield line


def test_the_line_adds_a_section_a_page_and_a_view(reading):
    """Does the registered line give a record section, a page in the navigation (before the
    coaches' page) and a view importable from playbook.ui?"""
    from playbook import ui

    assert contract.sections()[-1] == "reading"
    assert contract.domain("reading").section == "reading"
    pages = session_module.pages()
    assert pages[-1] == ("08_reading_log.ipynb", "Reading log")
    assert [w.notebook for w in contract.workbooks()][-1] == "07_cohort.ipynb"
    assert ui.ReadingView.__name__ == "ReadingView"
    assert record.section_model("reading") is contract.domain("reading").model


def test_the_line_is_gone_after_the_block():
    """Is a workbook registered for a test gone once the test is over?"""
    with contract.registered(LINE):
        assert "reading" in contract.sections()
    assert "reading" not in contract.sections()
    assert ("08_reading_log.ipynb", "Reading log") not in session_module.pages()


def test_every_page_header_links_to_it(reading, session):
    """Does every page's header (here the career page's and its own) link to the new page?"""
    from playbook.ui import ReadingView
    from playbook.ui.common import WorkbookHeader

    header = WorkbookHeader(session, "01_career_path.ipynb", "Career path")
    assert "08_reading_log.ipynb" in header.nav.value and "Reading log" in header.nav.value
    view = ReadingView(session)
    assert "aria-current=page" in view.header.nav.value
    session.save_section("reading", BOOKS)
    view.reload()
    assert view.title.value == "The Goal"


def test_where_i_stand_and_suggestions_read_it(reading):
    """Does the plan's "Where I stand" say the new workbook's sentence, and its suggestion
    appear among the plan's, without plan naming it?"""
    results = pn.gather({"reading": BOOKS})
    (row,) = [s for s in pn.standings(results) if s.section == "reading"]
    assert (row.title, row.state, row.lines) == (
        "Reading log",
        "in progress",
        ("Books read this quarter: 1 of 3.",),
    )
    suggestions = pn.suggest(results, pn.load_content())
    assert [(s.rule, s.goal) for s in suggestions] == [
        ("reading_gap", "Read 2 more book(s) this quarter")
    ]
    empty = [s for s in pn.standings(pn.gather({})) if s.section == "reading"]
    assert empty[0].state == "not started" and empty[0].todo == "Log a first book."


def test_the_cohort_counts_it(reading):
    """Does the cohort count the new part (progress, its own table, small groups hidden)?"""
    records = [{"sections": {"reading": BOOKS}}] * 3 + [{"sections": {}}] * 2
    c = cohort.summarize(records, cohort.load_content())
    assert c.table("reading").rows == (("1", 3),)
    parts = dict((r[0], r[1]) for r in c.table("parts").rows)
    assert parts["Reading log"] == 3
    total = len(contract.sections())  # the new part counts among the parts begun
    assert c.table("progress").rows == ((f"1 of {total}", 3),)  # the 2 with none: hidden
    assert c.table("progress").hidden == 1


def test_export_and_import_keep_it(reading, session):
    """Does a downloaded workbook file carry the new section, restore it, and refuse a file
    whose new section is not valid?"""
    session.save_section("reading", BOOKS)
    data = session.export_bytes()
    restored = record.parse_workbook_file(data)
    assert restored["sections"]["reading"] == BOOKS
    bad = json.loads(data)
    bad["sections"]["reading"] = {"books": [{"title": "", "kind": "craft"}]}
    with pytest.raises((ImportFileError, PlaybookError)):
        record.parse_workbook_file(json.dumps(bad).encode())
