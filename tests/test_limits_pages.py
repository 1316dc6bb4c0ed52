"""A workbook that somehow already holds a bad value still opens (issue 14): each page shows
what it can and names what it cannot, instead of "Something went wrong" or no results.

The bad values are written into the store as an older version or a hand-edited file could
have left them (the store checks only the section's shape), then the page is opened.
"""

from __future__ import annotations

import json
from pathlib import Path

from playbook.session import Session

DEMO = json.loads((Path(__file__).resolve().parents[1] / "data" / "demo_workbook.json").read_text())


def holding(session: Session, name: str, change) -> tuple[Session, dict]:
    """The demo's ``name`` section with ``change`` applied, written to the store bypassing
    every page, and the page's session opening that workbook afresh (as a page load does)."""
    data = json.loads(json.dumps(DEMO["sections"][name]))
    change(data)
    assert session.workbook_id
    session.store.save_section(session.workbook_id, name, data)
    fresh = Session(session.store, identity="key", workbook_id=session.workbook_id, key=session.key)
    return fresh, data


def test_the_career_page_opens_with_an_answer_not_on_the_scale(session):
    """Does the career page show the other answers and the recommendation, and name the
    answer 'not-an-option', where it showed "Something went wrong" on every load?"""
    from playbook.ui.career import CareerPathView

    session, data = holding(
        session, "career", lambda d: d["context"].update(standardization="not-an-option")
    )
    view = CareerPathView(session)
    assert view.messages.kind == "info", view.messages.text
    assert "'not-an-option'" in view.messages.text and "not shown" in view.messages.text
    assert "Something went wrong" not in view.messages.text
    assert view.context_qs["standardization"].buttons.value is None
    assert view.context_qs["work_type"].buttons.value == data["context"]["work_type"]
    assert view.recommendation.value  # the results are shown from the answers kept
    view.context_qs["standardization"].buttons.value = "high"  # answering again saves
    saved = session.store.load_section(session.workbook_id, "career")
    assert saved["context"]["standardization"] == "high"


def test_the_leadership_page_opens_with_an_answer_of_99(session):
    """Does the leadership page score the answers it can read, and name the answer of 99,
    where it showed no results?"""
    from playbook.ui.leadership import LeadershipView

    session, _ = holding(session, "leadership", lambda d: d["answers"].update(fac_mediate=99))
    view = LeadershipView(session)
    assert view.messages.kind == "info", view.messages.text
    assert "'fac_mediate' has the answer 99" in view.messages.text
    assessment = view.model.assessment
    assert assessment is not None and assessment.ranking is not None
    assert "fac_mediate" not in view.model.section.answers


def test_the_audit_page_opens_with_an_answer_off_the_scale(session):
    """Does the audit page open its quarters and name the answer off the scale?"""
    from playbook.ui.audit import AuditView

    def change(d):
        d["quarters"][0]["answers"]["res_buffers"] = 99

    session, data = holding(session, "audit", change)
    view = AuditView(session)
    assert view.messages.kind == "info", view.messages.text
    assert "99 is outside the scale" in view.messages.text
    assert [q.quarter for q in view.model.section.quarters] == [
        q["quarter"] for q in data["quarters"]
    ]


def test_the_pilots_page_opens_the_pilots_it_can_read(session):
    """Does the pilots page show the readable pilots and name the one it cannot read (here
    over the measurement cap, as the issue's 800,000-row import left it)?"""
    from playbook import limits
    from playbook.ui.pilots import PilotsView

    def change(d):
        bad = json.loads(json.dumps(d["pilots"][0]))
        bad["id"] = "too-big"
        day = {"metric": bad["metrics"][0]["id"], "value": 1.0, "note": ""}
        bad["measurements"] = [
            dict(day, date=f"{2000 + i // 365:04d}-01-01")
            for i in range(limits.MAX_MEASUREMENTS + 1)
        ]
        d["pilots"].append(bad)

    session, data = holding(session, "pilots", change)
    view = PilotsView(session)
    assert view.messages.kind == "info", view.messages.text
    assert "'too-big'" in view.messages.text
    assert f"at most {limits.MAX_MEASUREMENTS} items" in view.messages.text
    assert [p.id for p in view.model.section.pilots] == [data["pilots"][0]["id"]]
