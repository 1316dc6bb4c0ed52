"""The sessions-with-a-mentor page without a browser: the manager's page and the page their
mentor opens through a session link (two sessions on one store, as two kernels would be)."""

from __future__ import annotations

import json
import re
from typing import Any

import ipywidgets as widgets
import pytest
from ipywidgets.widgets.widget import _instances

import playbook.mentoring as ms
from playbook.errors import ShareLinkError
from playbook.session import Session, open_session
from playbook.ui.audit import AuditView
from playbook.ui.leadership import LeadershipView
from playbook.ui.mentoring import SHARE_KIND, MentoringView
from playbook.ui.plan import PlanView

from .test_demo_workbook import page_text
from .widget_text import typeset_texts

CONTENT = ms.load_content()
PAYLOAD = "<img src=x onerror=alert(1)> $x^2$"
SECRET = "Thinking of leaving for the Leeds studio"
PRIVATE_NOTES = "Salary talk went badly"
DRAFT = "Half-written worry about the budget"


@pytest.fixture
def owner(session) -> MentoringView:
    return MentoringView(session)


def start(view: MentoringView, day: str) -> None:
    view.new_day.value = day
    view.start_button.click()
    assert view.messages.kind == "success", view.messages.text


def add_point(view: MentoringView, text: str, private: bool = False) -> None:
    view.point_text.value = text
    if private:
        view.private.value = True
    view.add_point_button.click()
    assert view.messages.kind == "success", view.messages.text


def add_action(view: MentoringView, text: str, owner: str, due: str = "") -> None:
    view.action_text.value, view.action_owner.value = text, owner
    if due:
        view.action_due.value = due
    view.add_action_button.click()
    assert view.messages.kind == "success", view.messages.text


def make_link(view: MentoringView, name: str = "Sam") -> str:
    view.mentor_name.value = name
    view.make_link_button.click()
    return view.session_link.value.split("share=", 1)[1]


def as_mentor(store, token: str) -> MentoringView:
    """The page as the mentor opens it through the link (a kernel of its own)."""
    return MentoringView(open_session(share=token, store=store))


def saved(session: Session) -> ms.MentoringSection:
    assert session.workbook_id
    return ms.parse_section(session.store.load_section(session.workbook_id, "mentoring"))


def sent_to_the_browser(root: widgets.Widget) -> str:
    """Everything the page sends its browser: the state of every widget reachable from
    ``root`` (children, layouts, styles: every ``IPY_MODEL_`` reference followed)."""
    seen: set[str] = set()
    todo = [root.model_id]
    states = []
    while todo:
        wid = todo.pop()
        if wid in seen:
            continue
        seen.add(wid)
        state = json.dumps(_instances[wid].get_state(), default=str)
        states.append(state)
        todo += re.findall(r"IPY_MODEL_([0-9a-f]{32})", state)
    return "\n".join(states)


def action_row(view: MentoringView, text: str) -> widgets.VBox:
    return next(r for r in view.actions_box.children if r.children[0].text == text)


# --- the manager's page ---------------------------------------------------------------------


def test_a_session_is_started_and_the_next_one_planned(owner, session):
    """Does starting a session show it, plan the next 28 days on (the default, said on the
    page), and offer that date for the next new session?"""
    assert "No session yet" in owner.sessions_list.value
    start(owner, "2026-04-07")
    assert owner.session_select.value == "session-1"
    assert owner.next_day.value == "2026-05-05" and owner.new_day.value == "2026-05-05"
    assert "28 days later (a default of this workbook)" in page_text(owner)
    start(owner, owner.new_day.value)
    assert [o[0] for o in owner.session_select.options] == [
        "Session of 2026-05-05",
        "Session of 2026-04-07",
    ]
    assert saved(session).next_day.isoformat() == "2026-06-02"
    owner.new_day.value = "2026-04-07"
    owner.start_button.click()
    assert owner.messages.text.startswith("There is already a session on 2026-04-07")


def test_an_empty_session_can_be_removed_and_a_used_one_not(owner, session):
    start(owner, "2026-04-07")
    start(owner, "2026-04-08")
    owner.remove_button.click()
    assert [s.id for s in saved(session).sessions] == ["session-1"]
    add_point(owner, "Rota")
    assert owner.remove_button.layout.display == "none"  # offered for an empty session only
    owner.remove_button.click()
    assert "stays in the list" in owner.messages.text
    assert len(saved(session).sessions) == 1


def test_what_the_manager_writes_is_saved_as_typed_and_comes_back(owner, session):
    """Are an unsent point (and its private mark), an unsent action, and both kinds of notes
    saved as they are typed, and back on a reload?"""
    start(owner, "2026-04-07")
    owner.point_text.value = DRAFT
    owner.private.value = True
    owner.action_text.value = "Call the venue"
    owner.action_owner.value = "mentor"
    owner.notes.value = "We talked rotas"
    owner.private_notes.value = PRIVATE_NOTES
    s = saved(session)
    assert (s.drafts.point, s.drafts.private, s.drafts.action, s.drafts.owner) == (
        DRAFT,
        True,
        "Call the venue",
        "mentor",
    )
    assert (s.sessions[0].notes, s.sessions[0].private_notes) == ("We talked rotas", PRIVATE_NOTES)
    again = MentoringView(session)  # a reload
    assert (again.point_text.value, again.private.value) == (DRAFT, True)
    assert (again.action_text.value, again.action_owner.value) == ("Call the venue", "mentor")
    assert (again.notes.value, again.private_notes.value) == ("We talked rotas", PRIVATE_NOTES)
    assert again.action_due.value == "2026-04-21"  # 14 days after the session: the default


# --- the mentor's page: what it shows and what it never does ----------------------------------


def test_the_mentor_sees_the_shared_points_and_nothing_private(owner, session, store):
    """Does the mentor's page show the shared point, the shared notes, the actions and where
    the manager stands, and send its browser none of the private point, the private notes or
    what the manager is still writing?"""
    owner.me.value = "Alex"
    start(owner, "2026-04-07")
    add_point(owner, "Presenting the pilot results")
    add_point(owner, SECRET, private=True)
    add_action(owner, "Rehearse with editorial", "manager", "2026-04-21")
    owner.notes.value = "Lead with the revision counts"
    owner.private_notes.value = PRIVATE_NOTES
    owner.point_text.value = DRAFT
    mentor = as_mentor(store, make_link(owner))
    shown = page_text(mentor)
    assert "Sessions with Alex" in shown
    assert "Alex: Presenting the pilot results" in shown
    assert "Alex, notes: Lead with the revision counts" in shown
    assert "Rehearse with editorial" in shown and "Where they stand" in shown
    sent = sent_to_the_browser(mentor)
    for private in (SECRET, PRIVATE_NOTES, DRAFT):
        assert private not in sent
    assert session.key is not None and session.key not in sent
    assert mentor.model.section == ms.for_mentor(mentor.model.section)
    # the manager's page does show them, marked
    assert f"Me: {SECRET} (private: only you see it)" in page_text(owner)


def test_the_manager_chooses_whether_the_mentor_sees_where_they_stand(owner, store):
    start(owner, "2026-04-07")
    token = make_link(owner)
    owner.share_standing.value = False
    mentor = as_mentor(store, token)
    assert "Where they stand" not in page_text(mentor)
    assert "not where they stand in the other workbooks" in page_text(mentor)
    assert "pb-standing-" not in sent_to_the_browser(mentor)


def test_the_mentors_additions_reach_the_manager_and_neither_overwrites_the_other(
    owner, session, store
):
    """With both pages open at once, do the mentor's point, notes and action join the session
    while the manager goes on editing from a page opened before, with nothing lost?"""
    start(owner, "2026-04-07")
    mentor = as_mentor(store, make_link(owner, "Sam"))
    mentor.point_text.value = "Facilitation practice"
    mentor.add_point_button.click()
    mentor.notes.value = "Strong data, weak story"
    add_action(mentor, "Send two articles", "mentor", "2026-04-14")
    add_point(owner, "Budget for the tour")  # the manager's page never reloaded
    owner.notes.value = "Manager's own notes"
    s = saved(session)
    assert [(p.side, p.text) for p in s.points] == [
        ("mentor", "Facilitation practice"),
        ("manager", "Budget for the tour"),
    ]
    assert [(a.side, a.name, a.text) for a in s.actions] == [("mentor", "Sam", "Send two articles")]
    assert [n.text for n in s.mentor_notes] == ["Strong data, weak story"]
    assert s.sessions[0].notes == "Manager's own notes"
    shown = page_text(owner)
    assert "My mentor (Sam): Facilitation practice" in shown
    assert "My mentor (Sam), notes: Strong data, weak story" in shown
    mentor.refresh_button.click()
    assert "Alex" not in page_text(mentor)  # no name given: described instead
    assert "the manager who sent you this link: Budget for the tour" in page_text(mentor)


def test_what_the_mentor_is_writing_is_kept_for_them_only(owner, session, store):
    """Are the mentor's unsent point and notes back on their reload, and never on the
    manager's page or in their section?"""
    start(owner, "2026-04-07")
    token = make_link(owner)
    mentor = as_mentor(store, token)
    mentor.point_text.value = "A half-thought of the mentor"
    mentor.notes.value = "Mentor's notes so far"
    again = as_mentor(store, token)
    assert again.point_text.value == "A half-thought of the mentor"
    assert again.notes.value == "Mentor's notes so far"
    again.point_text.value = "A whole thought"
    again.add_point_button.click()
    assert again.point_text.value == ""  # sent: the box is empty, and stays so on a reload
    assert as_mentor(store, token).point_text.value == ""
    owner.refresh_button.click()
    assert "A half-thought of the mentor" not in json.dumps(ms.dump_section(saved(session)))
    assert "A half-thought of the mentor" not in sent_to_the_browser(owner)


def test_an_action_carries_over_and_done_next_session_shows_on_the_plans_goal(
    owner, session, store
):
    """The mentor adds an action; the manager links it to a goal of the plan, and ticks it
    off in the next session: does it carry, show as done there and not after, and does the
    plan show the goal's action as done in the mentor session of that date?"""
    session.save_section("plan", {"goals": [{"id": "goal-1", "text": "Lead a retrospective"}]})
    owner = MentoringView(session)  # reads the plan's goals as link targets
    start(owner, "2026-04-07")
    mentor = as_mentor(store, make_link(owner))
    add_action(mentor, "Book the retrospective room", "manager", "2026-04-21")
    owner.refresh_button.click()
    assert "1 new action(s)" in owner.messages.text
    row = action_row(owner, "Book the retrospective room")
    assert row.children[0].checkbox.disabled is False
    link = row.children[2].children[0]
    assert ("Goal: Lead a retrospective", "plan:goal:goal-1") in link.options
    link.value = "plan:goal:goal-1"
    start(owner, "2026-05-05")
    assert "carried from the session of 2026-04-07" in page_text(owner)
    action_row(owner, "Book the retrospective room").children[0].value = True
    a = saved(session).actions[0]
    assert (a.done_in, a.link, a.link_label) == (
        "session-2",
        "plan:goal:goal-1",
        "Goal: Lead a retrospective",
    )
    start(owner, "2026-06-02")
    assert "No actions in this session yet." in page_text(owner)
    plan = PlanView(session)
    assert (
        "✓ Done in the mentor session of 2026-05-05: Book the retrospective room."
        in plan.goals_box.children[0].children[0].value
    )
    mentor.refresh_button.click()
    mentor.session_select.value = "session-2"
    assert "linked to Goal: Lead a retrospective" in page_text(mentor)


def test_the_mentor_ticks_off_their_own_actions_only(owner, store):
    start(owner, "2026-04-07")
    add_action(owner, "Rehearse", "manager")
    add_action(owner, "Send articles", "mentor")
    mentor = as_mentor(store, make_link(owner))
    assert action_row(mentor, "Rehearse").children[0].checkbox.disabled
    theirs = action_row(mentor, "Send articles").children[0]
    assert not theirs.checkbox.disabled
    theirs.value = True
    owner.refresh_button.click()
    assert action_row(owner, "Send articles").children[0].value is True


def test_the_mentor_takes_back_their_own_point(owner, session, store):
    start(owner, "2026-04-07")
    add_point(owner, "Manager's point")
    mentor = as_mentor(store, make_link(owner))
    add_point(mentor, "Mentor's point")
    rows = mentor.points_box.children
    assert len(rows[0].children) == 1 and len(rows[1].children) == 2  # only theirs: a button
    rows[1].children[1].click()
    owner.refresh_button.click()
    assert [p.text for p in saved(session).points] == ["Manager's point"]


# --- links: made, listed, withdrawn; of another kind; of another workbook ------------------------


def test_the_manager_lists_the_links_and_a_withdrawn_one_stops_at_once(owner, session, store):
    """Are the active links listed by name; does withdrawing one refuse that mentor's very
    next action with a clear message, empty their page, refuse a reload, and leave the
    other link working?"""
    start(owner, "2026-04-07")
    add_point(owner, "Shared point")
    sam = make_link(owner, "Sam")
    kim = make_link(owner, "Kim")
    assert CONTENT.links.made == owner.messages.text
    listed = [r for r in owner.links_box.children if isinstance(r, widgets.HBox)]
    assert ["Sam" in r.children[0].value for r in listed] == [True, False]
    assert sam not in sent_to_the_browser(owner.links_box)
    mentor = as_mentor(store, sam)
    listed[0].children[1].click()  # withdraw Sam's
    assert owner.messages.text == "Withdrawn: the link for Sam no longer opens your sessions."
    assert len([r for r in owner.links_box.children if isinstance(r, widgets.HBox)]) == 1
    mentor.point_text.value = "Too late"  # the draft is the next thing the page sends
    assert mentor.messages.kind == "error" and mentor.messages.text == CONTENT.links.withdrawn
    assert mentor.mentor_page.children == ()
    assert "Shared point" not in sent_to_the_browser(mentor.mentor_page)
    with pytest.raises(ShareLinkError):
        store.add_contribution(sam, SHARE_KIND, {"type": "point"})
    reloaded = as_mentor(store, sam)
    assert "not valid (it may have been withdrawn)" in reloaded.header.messages.text
    assert "Shared point" not in page_text(reloaded)
    assert "Shared point" in page_text(as_mentor(store, kim))


@pytest.mark.parametrize(
    ("notebook", "kind"),
    [
        ("02_leadership_style.ipynb", "leadership-mentor"),  # a rating link
        ("06_development_plan.ipynb", "plan-report"),  # the plan's report link
        ("05_quarterly_audit.ipynb", "audit-colleague"),  # a colleague's audit link
    ],
)
def test_another_pages_link_opened_here_says_so(session, store, notebook, kind):
    """Does a share link made for another page, opened on this one, show nothing of the
    workbook and say it belongs to another page?"""
    start(MentoringView(session), "2026-04-07")
    token = session.create_share_link(notebook, kind).split("share=", 1)[1]
    view = as_mentor(store, token)
    assert view.messages.kind == "error" and view.messages.text == CONTENT.links.wrong_kind
    assert list(view.children) == [view.header, view.messages]


def test_this_pages_link_opened_on_another_page_says_so(owner, store):
    """Does a session link opened on the rating page, the plan's report or the audit say it
    is not theirs, and show nothing of the workbook?"""
    start(owner, "2026-04-07")
    add_point(owner, "Shared point")
    token = make_link(owner)
    rating = LeadershipView(open_session(share=token, store=store)).rating_view
    assert rating.messages.text == "This link is not a link to rate someone's leadership style."
    report = PlanView(open_session(share=token, store=store)).mentor
    assert report.messages.text == "This link is not a link to a development plan report."
    audit = AuditView(open_session(share=token, store=store))
    assert audit.messages.text == "This link is for another page of the workbook."
    for page in (rating, report, audit):
        assert "Shared point" not in sent_to_the_browser(page)


def test_another_workbooks_link_opens_that_workbook_only(store):
    """With two managers' links, does each mentor page show its own workbook's sessions, and
    does what a mentor adds reach that workbook only (and each owner list only theirs)?"""
    pages = []
    for who in ("Ann", "Bob"):
        s = Session(store, identity="none")
        s.start_new()
        view = MentoringView(s)
        view.me.value = who
        start(view, "2026-04-07")
        add_point(view, f"{who}'s point")
        pages.append((s, view, make_link(view, f"{who}'s mentor")))
    (ann, ann_view, ann_link), (bob, bob_view, bob_link) = pages
    mentor = as_mentor(store, bob_link)
    assert "Bob's point" in page_text(mentor) and "Ann's point" not in page_text(mentor)
    add_point(mentor, "For Bob only")
    for view in (ann_view, bob_view):
        view.refresh_button.click()  # each manager's page reads what their mentors sent
    assert "For Bob only" in [p.text for p in saved(bob).points]
    assert "For Bob only" not in [p.text for p in saved(ann).points]
    assert [x["label"] for x in ann.share_links(SHARE_KIND)] == ["Ann's mentor"]
    ann_view.links_box.children[1].children[1].click()  # Ann withdraws hers
    assert "Bob's point" in page_text(as_mentor(store, bob_link))
    assert as_mentor(store, ann_link).header.messages.kind == "error"


# --- text as typed, and what cannot be read ---------------------------------------------------


def test_participant_text_is_shown_as_typed_on_both_pages(owner, store):
    """Is every free text (points, notes, actions, names) escaped where it is shown, never
    typeset, on the manager's page and the mentor's?"""
    owner.me.value = PAYLOAD
    start(owner, "2026-04-07")
    add_point(owner, PAYLOAD)
    add_action(owner, PAYLOAD, "manager")
    owner.notes.value = PAYLOAD
    mentor = as_mentor(store, make_link(owner, PAYLOAD))
    add_point(mentor, PAYLOAD)
    add_action(mentor, PAYLOAD, "mentor")
    mentor.notes.value = PAYLOAD
    owner.refresh_button.click()
    for page in (owner, mentor):
        html = " ".join(w.value for w in _all(page) if isinstance(w, widgets.HTML) and w.value)
        assert "<img" not in html and html.count("&lt;img src=x onerror=alert(1)&gt;") >= 4
        assert not [t for t in typeset_texts(page) if "$x^2$" in t]


def _all(widget: widgets.Widget) -> list[widgets.Widget]:
    found = [widget]
    for child in getattr(widget, "children", ()):
        found += _all(child)
    return found


def test_sessions_that_cannot_be_read_are_said_in_place_and_not_replaced(session, store):
    """When the saved section cannot be read, do both pages say so, the manager's hiding its
    controls so that no edit replaces what is saved?"""
    start(MentoringView(session), "2026-04-07")
    token = session.create_share_link("08_mentor_sessions.ipynb", SHARE_KIND)
    bad: dict[str, Any] = {"sessions": "not a list"}
    assert session.workbook_id
    store.save_section(session.workbook_id, "mentoring", bad)
    fresh = Session(store, identity="key", workbook_id=session.workbook_id, key=session.key)
    view = MentoringView(fresh)
    assert view.messages.text.startswith("The saved sessions with your mentor could not be read")
    assert view.body.layout.display == "none"
    mentor = as_mentor(store, token.split("share=", 1)[1])
    assert mentor.messages.text.startswith("The saved sessions with your mentor could not be read")
    assert mentor.mentor_page.children == ()
    assert store.load_section(session.workbook_id, "mentoring") == bad


def test_an_invalid_content_file_is_shown_in_place(session, content_dir):
    (content_dir / "mentoring.yaml").write_text("title: [unclosed", encoding="utf-8")
    view = MentoringView(session)
    assert view.messages.text.startswith("The sessions' content cannot be loaded: mentoring.yaml")


def test_a_session_started_since_comes_into_view_on_the_mentors_refresh(owner, store):
    """Does the mentor's page, on the latest session, move to a session the manager started
    since when it checks for additions (and stay on an earlier one chosen on purpose)?"""
    start(owner, "2026-04-07")
    mentor = as_mentor(store, make_link(owner))
    start(owner, "2026-05-05")
    mentor.refresh_button.click()
    assert mentor.session_select.value == "session-2"
    mentor.session_select.value = "session-1"
    start(owner, "2026-06-02")
    mentor.refresh_button.click()
    assert mentor.session_select.value == "session-1"
