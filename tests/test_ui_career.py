"""The career-path page without a browser: set widget values, assert on the session."""

from __future__ import annotations

from datetime import UTC, datetime

from playbook.session import Session
from playbook.ui.career import CareerPathView
from playbook.ui.start import StartView

NOW = datetime(2026, 11, 25, tzinfo=UTC)


def _answer(view: CareerPathView, **answers: str) -> None:
    for qid, oid in answers.items():
        w = view.context_qs.get(qid) or view.preference_qs[qid]
        w.buttons.value = oid


def test_each_answer_is_saved_at_once_and_results_update(session):
    """Is every answer in the store as soon as it is given, with the result shown?"""
    view = CareerPathView(session)
    _answer(view, standardization="adhoc", work_type="creative", transition="major")
    stored = session.store.load_section(session.workbook_id, "career")
    assert stored["context"] == {
        "standardization": "adhoc",
        "work_type": "creative",
        "transition": "major",
    }
    assert "Answer 1 more question" in view.recommendation.value
    _answer(view, cross_functional="most", energy="tools")
    assert "Community Builder" in view.recommendation.value
    assert "Technical Specialist" in view.gap.value and "choose by environment" in view.gap.value
    assert "would come first if" in view.changes.value
    assert "saved" in view.header.saved.value
    bars = {bar.name: bar.y for bar in view.figure.data}
    assert bars["Fit to your environment"][1] == 100.0  # Community Builder, drawn


def test_a_reload_shows_every_saved_answer(session, store):
    """Does a new view on the same workbook (a page reload) show the saved answers?"""
    view = CareerPathView(session)
    _answer(view, standardization="high", energy="people")
    view.area_boxes["budgeting"].value = True
    view.own_areas.value = "Union negotiations, Live-stream tech"
    again = CareerPathView(
        Session(store, identity="key", workbook_id=session.workbook_id, key=session.key)
    )
    assert again.context_qs["standardization"].buttons.value == "high"
    assert again.preference_qs["energy"].buttons.value == "people"
    assert again.area_boxes["budgeting"].value is True
    assert again.own_areas.value == "Union negotiations, Live-stream tech"
    assert "3 adjacent areas" in again.diversification.value


def test_participant_text_is_escaped_in_results(session):
    """Is an own area with HTML shown as text, never as markup?"""
    view = CareerPathView(session)
    view.own_areas.value = "<img src=x onerror=alert(1)>"
    assert "<img" not in view.diversification.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in view.diversification.value


def test_an_invalid_own_area_shows_a_message_and_keeps_the_saved_data(session):
    """Does an over-long area give a message in place and leave the store as it was?"""
    view = CareerPathView(session)
    view.area_boxes["budgeting"].value = True
    view.own_areas.value = "x" * 200
    assert view.messages.kind == "error" and "80 characters" in view.messages.text
    assert session.store.load_section(session.workbook_id, "career")["areas"] == ["budgeting"]


def test_a_page_with_a_bad_key_shows_the_problem_and_a_way_forward(store):
    """With an unknown key, is the message shown, the questions hidden, and can one start anew?"""
    s = Session(store, identity="none")
    s.problem = "No workbook was found for this link."
    view = CareerPathView(s)
    assert view.body.layout.display == "none"
    assert "No workbook was found" in view.header.messages.value
    view.header.start_button.click()
    assert s.role == "owner" and view.body.layout.display is None


def test_start_page_creates_resumes_and_restores(store):
    """Can the start page start a workbook, resume one by link, and restore one from a file?"""
    first = Session(store, identity="none")
    start = StartView(first)
    start.new_button.click()
    assert first.role == "owner" and first.key in start.workbook_list.value
    first.save_section("career", {"context": {"transition": "major"}})
    exported = first.export_bytes()

    second = Session(store, identity="none")
    page = StartView(second)
    page.link_input.value = f"http://host/voila/render/00_start.ipynb?key={first.key}"
    page.resume_button.click()
    assert second.workbook_id == first.workbook_id and page.messages.kind == "success"

    third = Session(store, identity="none")
    page3 = StartView(third)
    page3.upload.value = (
        {
            "name": "mine.json",
            "type": "application/json",
            "size": len(exported),
            "content": memoryview(exported),
            "last_modified": NOW,
        },
    )
    assert third.role == "owner" and third.workbook_id != first.workbook_id
    assert page3.messages.kind == "success" and "mine.json" in page3.messages.text
    assert third.section("career")["context"] == {"transition": "major"}


def test_start_page_refuses_a_bad_file_and_changes_nothing(session):
    """Does a foreign file give a message and leave the open workbook untouched?"""
    session.save_section("career", {"context": {"transition": "major"}})
    page = StartView(session)
    page.upload.value = (
        {
            "name": "photo.json",
            "type": "application/json",
            "size": 5,
            "content": memoryview(b'{"a":1}'),
            "last_modified": NOW,
        },
    )
    assert page.messages.kind == "error" and "not a playbook workbook" in page.messages.text
    assert "Nothing was changed" in page.messages.text
    assert session.section("career")["context"] == {"transition": "major"}


def test_resume_with_a_wrong_link_says_so(store):
    """Does pasting a wrong link show a message, not an exception?"""
    page = StartView(Session(store, identity="none"))
    page.link_input.value = "https://example.org/?key=" + "B" * 43
    page.resume_button.click()
    assert page.messages.kind == "error" and "No workbook" in page.messages.text


def test_a_broken_content_file_is_shown_in_place(session, content_dir):
    """Does a coach's invalid career_paths.yaml give a message on the page, naming the file?"""
    (content_dir / "career_paths.yaml").write_text("title: [unclosed")
    page = CareerPathView(session)
    assert page.messages.kind == "error" and "career_paths.yaml" in page.messages.text
    assert page.children == (page.header, page.messages)
