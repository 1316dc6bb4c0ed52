"""The coach's cohort page without a browser (playbook/ui/cohort/) and the coach shares it
reads (the methods at the end of playbook/store.py)."""

from __future__ import annotations

import base64
import datetime as dt
import re
from typing import Any

import ipywidgets as widgets

from playbook.cohort import coach_code
from playbook.record import validate_sections
from playbook.session import Session
from playbook.store import Store
from playbook.ui.cohort import CohortView
from tests.test_cohort_records import SECRET, make_files, make_record


def _upload(files: list[bytes]) -> tuple[dict[str, Any], ...]:
    return tuple(
        {
            "name": f"participant-{i}.json",
            "type": "application/json",
            "size": len(d),
            "content": memoryview(d),
            "last_modified": dt.datetime(2026, 3, 30, tzinfo=dt.UTC),
        }
        for i, d in enumerate(files)
    )


def _texts(w: widgets.Widget) -> list[str]:
    """Every value and description on the page (what a browser could show)."""
    out = [str(getattr(w, "value", "")), str(getattr(w, "description", ""))]
    for child in getattr(w, "children", ()):
        out += _texts(child)
    return out


def _owner(store: Store, seed: int | None = None) -> Session:
    s = Session(store, identity="none")
    s.start_new()
    if seed is not None:
        record = make_record(seed)
        record["sections"] = validate_sections(record["sections"])
        store.replace_record(str(s.workbook_id), record, "test")
    return s


def test_uploading_many_files_draws_every_table_and_offers_the_exports(tmp_path):
    """Do 20 uploaded files (and one broken) give a cohort of 20, a chart per table, a CSV
    with the same aggregates, and no participant's text anywhere on the page?"""
    store = Store(f"sqlite:///{tmp_path}/s.sqlite")
    view = CohortView(Session(store, identity="none"))
    view.sources.upload.value = _upload([*make_files(20), b"{broken"])
    c = view.model.cohort
    assert c is not None and c.n_workbooks == 20
    # a chart per table with something to draw, the alpha's once a scale has one (issue 21:
    # no empty axes; before it, every table and the alpha drew a chart, empty or not)
    alpha = {"alpha"} if any(a.alpha is not None for a in c.alphas) else set()
    assert set(view.figures) == {t.id for t in c.tables if t.rows} | alpha
    assert all(t.rows for t in c.tables)  # 20 files: every table has a group to draw
    assert "participant-20.json" in view.sources.problems.value  # the broken one, named
    link = re.search(
        r'download="cohort-tables.csv" href="data:text/csv;base64,([^"]+)"',
        view.results.exports.value,
    )
    assert link is not None
    csv_text = base64.b64decode(link.group(1)).decode("utf-8")
    assert csv_text.splitlines()[1] == "summary,Cohort,,,workbooks,20"
    page = "\n".join(_texts(view))
    assert SECRET not in page and SECRET not in csv_text
    # nothing was written to the store: the files stay in the page
    assert store.coach_workbooks(coach_code("x")) == []


def test_two_owners_share_one_revokes_and_the_coach_counts_one(tmp_path):
    """Do shares of kind 'coach' reach only that coach, and does a revoked one stop counting?"""
    store = Store(f"sqlite:///{tmp_path}/s.sqlite")
    coach = _owner(store)
    code = coach_code(str(coach.workbook_id))
    a, b, other = _owner(store, 1), _owner(store, 2), _owner(store, 3)
    for owner in (a, b):
        page = CohortView(owner, coach=code)
        page.share.share_button.click()
        assert "data-shared='yes'" in page.share.state.value
    store.share_with_coach(str(other.workbook_id), coach_code("another coach"))
    assert store.coach_workbooks(code) == [a.workbook_id, b.workbook_id]

    CohortView(b, coach=code).share.stop_button.click()
    assert store.coach_workbooks(code) == [a.workbook_id]
    assert store.shared_with_coach(str(other.workbook_id), coach_code("another coach"))

    view = CohortView(coach)
    view.sources.shared_button.click()
    assert view.model.cohort is not None and view.model.cohort.n_workbooks == 1
    assert view.sources.coach_link.value.endswith(f"?coach={code}")


def test_a_coach_link_without_a_workbook_asks_for_the_private_link(tmp_path):
    """Opened through a coach's link without a key, is the participant asked for their own
    private link (no workbook is created), and a malformed code refused in place?"""
    store = Store(f"sqlite:///{tmp_path}/s.sqlite")
    owner = _owner(store, 4)
    visitor = Session(store, identity="none")
    page = CohortView(visitor, coach=coach_code("c"))
    assert page.share.open_box.layout.display is None
    assert page.share.owner_box.layout.display == "none"
    page.share.link_input.value = f"http://h/voila/render/07_cohort.ipynb?key={owner.key}"
    page.share.open_button.click()
    page.share.share_button.click()
    assert store.coach_workbooks(coach_code("c")) == [owner.workbook_id]
    bad = CohortView(Session(store, identity="none"), coach="nope")
    assert "coach code" in bad.messages.text


def test_a_cohort_too_small_to_show_says_so_instead_of_empty_axes(tmp_path):
    """With one workbook every group is under the minimum: does each table say so in a
    sentence (no chart with empty axes), the alpha too, and is the count in the singular?"""
    store = Store(f"sqlite:///{tmp_path}/s.sqlite")
    view = CohortView(Session(store, identity="none"))
    view.sources.upload.value = _upload(make_files(1))
    c = view.model.cohort
    assert c is not None and c.n_workbooks == 1
    assert all(not t.rows for t in c.tables)
    assert view.figures == {}  # nothing drawn
    page = "\n".join(_texts(view))
    assert "1 workbook</b>" in view.results.summary.value
    assert "1 workbooks" not in page
    hidden = [t for t in c.tables if t.hidden]
    assert hidden  # a table whose one group is hidden says why
    assert page.count("every group here has fewer than 3 workbooks, so all are hidden") == len(
        hidden
    )
    assert page.count("no workbook has answers for this part yet") == len(c.tables) - len(hidden)
