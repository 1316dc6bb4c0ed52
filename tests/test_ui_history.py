"""Re-assessment without a browser (issue 20): answers changed a quarter later give two dated
snapshots, and the pages say what moved "since last time" (the career path's fit, the
leadership radar, the three elements) and, in Where I stand, "since last quarter". The date
is set through the pages' models (``SectionModel.today``)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from playbook.record import parse_workbook_file
from playbook.session import Session
from playbook.ui.career import CareerPathView
from playbook.ui.common import SectionModel
from playbook.ui.leadership import LeadershipView
from playbook.ui.plan import PlanView

JAN = dt.date(2026, 1, 5)
APR = JAN + dt.timedelta(days=91)  # a quarter later

SPECIALIST = {
    "standardization": "high",
    "tech_stability": "stable",
    "work_type": "industrial",
    "transition": "none",
}
BUILDER = {
    "standardization": "adhoc",
    "tech_stability": "frequent",
    "work_type": "creative",
    "transition": "major",
}
ARCHITECT = {"facilitator": 3, "architect": 5, "integrator": 4}
FACILITATOR = {"facilitator": 5, "architect": 3, "integrator": 4}


@pytest.fixture
def on_day(monkeypatch):
    """Set the day every page's model dates snapshots by (``SectionModel.today``)."""

    def set_day(day: dt.date) -> None:
        monkeypatch.setattr(SectionModel, "today", staticmethod(lambda: day))

    return set_day


def _reopen(session: Session) -> Session:
    """The same workbook in a new kernel (a page load days later)."""
    return Session(session.store, identity="key", workbook_id=session.workbook_id, key=session.key)


def _history(session: Session, section: str) -> list[dict]:
    return session.store.load_section(session.workbook_id, section).get("history", [])


def _career(view: CareerPathView, answers: dict[str, str]) -> None:
    for qid, oid in answers.items():
        view.context_qs[qid].buttons.value = oid


def _leadership(view: LeadershipView, levels: dict[str, int]) -> None:
    for w in view.pager.items.values():
        level = levels[w.item.style]
        w.buttons.value = 6 - level if w.item.reverse else level
    for b in view.pager.blocks.values():
        b.most.value, b.least.value = max(levels, key=levels.get), min(levels, key=levels.get)


def test_career_answers_changed_a_quarter_later_give_two_snapshots_and_the_sentences(
    session, on_day
):
    """Retaking the career questions a quarter later: are there two snapshots, dated, and
    does the page say what moved since the first, also after a reload?"""
    on_day(JAN)
    view = CareerPathView(session)
    _career(view, SPECIALIST)
    assert [s["day"] for s in _history(session, "career")] == ["2026-01-05"]
    assert "Since last time" in view.since.value and "28 days" in view.since.value
    assert "data-since=''" in view.since.value  # nothing to compare yet

    on_day(JAN + dt.timedelta(days=3))  # changes within the same take replace it
    view.preference_qs["energy"].buttons.value = "tools"
    (first,) = _history(session, "career")
    assert first["day"] == "2026-01-05" and first["values"]["preferred"] == "technical_specialist"

    on_day(APR)
    later = CareerPathView(_reopen(session))
    _career(later, BUILDER)
    history = _history(session, "career")
    assert [s["day"] for s in history] == ["2026-01-05", "2026-04-06"]
    assert history[0]["values"]["recommended"] == "technical_specialist"
    assert history[1]["values"]["recommended"] == "community_builder"
    shown = later.since.value
    assert "Since last time (5 Jan 2026)" in shown and "data-since='2026-01-05'" in shown
    assert (
        "Your environment called for Technical Specialist; now it calls for Community Builder."
    ) in shown
    assert "Technical Specialist: fit " in shown and "Community Builder: fit " in shown
    assert later.since.layout.display is None

    again = CareerPathView(_reopen(session))  # a reload shows the same
    assert again.since.value == shown


def test_leadership_retaken_a_quarter_later_shows_the_change_and_the_earlier_radar(session, on_day):
    """Retaking the leadership statements a quarter later: two snapshots, the sentences, and
    the earlier scores as a dashed outline on the radar, labelled with its day?"""
    on_day(JAN)
    _leadership(LeadershipView(session), ARCHITECT)
    assert [s["values"]["primary"] for s in _history(session, "leadership")] == ["architect"]

    on_day(APR)
    view = LeadershipView(_reopen(session))
    assert [t.name for t in view.figure.data] == ["You"]  # the current take is the snapshot
    _leadership(view, FACILITATOR)
    history = _history(session, "leadership")
    assert [(s["day"], s["values"]["primary"]) for s in history] == [
        ("2026-01-05", "architect"),
        ("2026-04-06", "facilitator"),
    ]
    shown = view.since.value
    assert "Since last time (5 Jan 2026)" in shown
    assert "Your primary style was Architect; now it is Facilitator." in shown
    assert "Facilitator: 50 → 100 (+50)." in shown and "Architect: 100 → 50 (-50)." in shown
    you, earlier = view.figure.data
    assert earlier.name == "You, 5 Jan 2026" and earlier.line.dash == "dash"
    assert list(earlier.r) == [50.0, 100.0, 75.0, 50.0] and list(you.r)[:3] == [100.0, 50.0, 75.0]


def test_the_elements_and_where_i_stand_say_what_moved(session, on_day):
    """Re-rating the three elements a quarter later: does the plan say what moved in them,
    and does Where I stand say what moved in the career and leadership workbooks since last
    quarter?"""
    on_day(JAN)
    _career(CareerPathView(session), SPECIALIST)
    _leadership(LeadershipView(session), ARCHITECT)
    plan = PlanView(session)
    for element, rating in (
        ("technical_precision", 5),
        ("emotional_intelligence", 2),
        ("strategic_foresight", 3),
    ):
        plan.ratings[element].value = rating
    assert len(_history(session, "plan")) == 1
    assert "pb-quarter" not in plan.standing.value  # no earlier snapshot yet

    on_day(APR)
    _career(CareerPathView(_reopen(session)), BUILDER)
    _leadership(LeadershipView(_reopen(session)), FACILITATOR)
    plan = PlanView(_reopen(session))
    plan.ratings["emotional_intelligence"].value = 4
    assert [s["day"] for s in _history(session, "plan")] == ["2026-01-05", "2026-04-06"]
    shown = plan.elements_since.value
    assert "Since last time (5 Jan 2026)" in shown
    assert "Emotional intelligence: rated 2, now 4." in shown

    on_day(APR + dt.timedelta(days=20))
    plan = PlanView(_reopen(session))
    standing = plan.standing.value
    assert standing.count("class='pb-quarter'") == 2  # career and leadership
    assert "Since last quarter (5 Jan 2026)" in standing
    assert "Your primary style was Architect; now it is Facilitator." in standing
    assert "now it calls for Community Builder." in standing
    assert "(a quarter, a default of this workbook)" in standing


def test_a_restored_workbook_keeps_its_snapshots_and_one_without_works(session, on_day):
    """Does a downloaded workbook with snapshots restore them, and one written before
    snapshots (no history) open with none, its first retake starting one?"""
    on_day(JAN)
    _career(CareerPathView(session), SPECIALIST)
    on_day(APR)
    _career(CareerPathView(_reopen(session)), BUILDER)
    data = _reopen(session).export_bytes()  # the workbook as the later page saved it
    record = parse_workbook_file(data)
    assert len(record["sections"]["career"]["history"]) == 2

    other = Session(session.store, identity="none")
    other.start_new()
    other.import_bytes(data)
    view = CareerPathView(other)
    assert "Since last time (5 Jan 2026)" in view.since.value

    bare = json.loads(data)
    del bare["sections"]["career"]["history"]
    other.import_bytes(json.dumps(bare).encode())
    view = CareerPathView(other)
    assert "history" not in other.store.load_section(other.workbook_id, "career")
    assert "28 days" in view.since.value  # the result is complete: no earlier one yet
    view.own_areas.value = "Union negotiations"  # a save keeps the first snapshot
    assert [s["day"] for s in _history(other, "career")] == ["2026-04-06"]


def test_an_answer_is_assessed_once_for_the_page_and_its_snapshot(session, on_day, monkeypatch):
    """Is the career result (a tenth of a second, its search of answer changes) computed once
    an answer, the page's and the snapshot's alike?"""
    import playbook.career.result as career_result

    on_day(JAN)
    view = CareerPathView(session)
    _career(view, SPECIALIST)
    calls = []
    real = career_result.recommend
    monkeypatch.setattr(career_result, "recommend", lambda *a: calls.append(1) or real(*a))
    view.context_qs["transition"].buttons.value = "major"
    assert len(calls) == 1 and _history(session, "career")[0]["values"]
