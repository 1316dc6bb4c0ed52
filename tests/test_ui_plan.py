"""The development-plan page without a browser: the owner's plan and the mentor's report."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import ipywidgets as widgets
import pytest

from playbook.errors import ShareLinkError
from playbook.session import Session, open_session
from playbook.ui.plan import SHARE_KIND, PlanView

from .widget_text import typeset_texts

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_workbook.json"
PAYLOAD = "<img src=x onerror=alert(1)> $x^2$"


@pytest.fixture
def view(session) -> PlanView:
    session.import_bytes(DEMO.read_bytes())
    return PlanView(session)


def saved(session: Session) -> dict:
    return session.store.load_section(session.workbook_id, "plan")


def widgets_under(widget: widgets.Widget) -> list[widgets.Widget]:
    found = [widget]
    for child in getattr(widget, "children", ()):
        found += widgets_under(child)
    return found


def test_where_i_stand_links_every_workbook_with_its_result(view, session):
    """Does the page show each of the five workbooks' results, linked with the private key?"""
    shown = view.standing.value
    for name in ("career", "leadership", "time_split", "pilots", "audit"):
        assert f"pb-standing-{name}" in shown
    assert "Hybrid Integrator path (fit 94/100)" in shown
    assert f"05_quarterly_audit.ipynb?key={session.key}" in shown
    # the demo's pilot is decided (adopt), so every workbook is done
    assert "decision: adopt." in shown and "Not done yet" not in shown


def test_a_suggestion_added_as_a_goal_is_saved_with_its_source(view, session):
    """Does "Add as a goal" save the suggested goal, say which result it came from, and
    refuse the same suggestion twice (its button disabled)?"""
    linked = [s for s in view.suggestions if len(s.workbooks) > 1]
    assert len(linked) >= 3
    s = next(x for x in view.suggestions if x.rule == "style_to_pilot")
    view.add_buttons[s.key].click()
    assert view.messages.kind == ""
    goal = saved(session)["goals"][-1]
    assert goal["rule"] == "style_to_pilot" and goal["source"].startswith("From a style's")
    assert view.add_buttons[s.key].disabled
    assert "flexibility buffer" in view.goals_box.children[-1].children[0].value
    fresh = PlanView(session)  # a reload
    assert fresh.add_buttons[s.key].disabled and len(fresh.goals_box.children) == 2


def test_goal_progress_and_an_own_goal_are_saved(view, session):
    """Are an own goal with a date and its progress saved as they are entered?"""
    view.goal_text.value, view.goal_due.value = "Run a retrospective", "2026-07-01"
    view.add_goal_button.click()
    slider = view.goals_box.children[-1].children[1]
    slider.value = 40
    goal = saved(session)["goals"][-1]
    assert (goal["text"], goal["due"], goal["progress"]) == (
        "Run a retrospective",
        "2026-07-01",
        40,
    )
    assert list(view.figures["goals"].data[0].x) == [0, 40]
    view.goal_due.value, view.goal_text.value = "next week", "x"
    view.add_goal_button.click()
    assert view.messages.kind == "error" and "not a date" in view.messages.text


def test_impact_log_with_a_link_to_an_audit_action(session):
    """Can an impact entry be linked to an open audit action, and is one without a result
    refused with a message?"""
    from playbook import audit

    session.import_bytes(DEMO.read_bytes())
    section = audit.parse_section(session.section("audit"))
    quarter = audit.add_action(section.quarters[0], "Add a buffer week", "Sam")
    session.save_section("audit", audit.dump_section(audit.replace_quarter(section, quarter)))
    view = PlanView(session)
    # the demo's quarter holds two actions already: the new one is the third
    assert ("Audit action (2026-Q1): Add a buffer week", "audit:2026-Q1:2") in view.link.options
    view.delivered.value = "Buffer week in the schedule"
    view.add_impact_button.click()
    assert "measurable result" in view.messages.text
    view.result.value, view.link.value = "No overtime in week 6", "audit:2026-Q1:2"
    view.add_impact_button.click()
    assert saved(session)["impacts"][-1]["link"] == "audit:2026-Q1:2"
    assert "Linked to: Audit action (2026-Q1): Add a buffer week" in view.impacts_box.value


def test_participant_text_is_shown_as_typed_on_the_page(view):
    """Is text typed in the page's fields escaped where it is shown, and never typeset?"""
    view.goal_text.value = PAYLOAD
    view.add_goal_button.click()
    view.delivered.value = view.how.value = view.result.value = PAYLOAD
    view.add_impact_button.click()
    view.tool_name.value = PAYLOAD
    view.add_tool_button.click()
    view.learning_action.value = PAYLOAD
    view.add_learning_button.click()
    html = " ".join(w.value for w in widgets_under(view) if isinstance(w, widgets.HTML))
    assert "<img" not in html and html.count("&lt;img src=x onerror=alert(1)&gt;") >= 6
    assert not [t for t in typeset_texts(view) if "$x^2$" in t]


def test_the_report_downloads_as_html_and_markdown(view):
    """Does "Prepare the report" give an HTML file and a Markdown file, with the plan in them?"""
    view.prepare_button.click()
    links = dict(re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"',
                            view.report_links.value))  # fmt: skip
    html_name = next(n for n in links if n.endswith(".html"))
    md_name = next(n for n in links if n.endswith(".md"))
    page = base64.b64decode(links[html_name]).decode()
    text = base64.b64decode(links[md_name]).decode()
    assert "Present the joint-planning results to the head of production" in page
    assert "## Impact log" in text and "Season 2 rough cuts with fewer revisions" in text
    view.goal_text.value = "Another goal"
    view.add_goal_button.click()
    assert "prepare the report again" in view.report_links.value


def mentor_view(store, token: str) -> PlanView:
    share = store.resolve_share(token)
    return PlanView(Session(store, identity="share", share=share, share_token=token))


def test_a_mentors_link_shows_the_report_only_and_stops_once_withdrawn(view, session, store):
    """Does the mentor's link show the report (and no input, button or link into the
    workbook), and, once withdrawn, no longer open?"""
    view.share_button.click()
    token = view.mentor_link.value.split("share=")[1]
    mentor = mentor_view(store, token)
    parts = [w.value for w in widgets_under(mentor) if isinstance(w, widgets.HTML)]
    shown = " ".join(parts)
    assert "Hybrid Integrator path (fit 94/100)" in shown
    assert "Present the joint-planning results to the head of production" in shown
    assert "Season 2 rough cuts with fewer revisions" in shown
    assert set(mentor.mentor.figures) == {"goals", "elements"}
    controls = (widgets.Text, widgets.Textarea, widgets.Button, widgets.FileUpload)
    assert not [w for w in widgets_under(mentor) if isinstance(w, controls)]
    assert "href" not in shown and session.key not in shown
    view.revoke_button.click()
    assert "Withdrawn: 1 mentor link(s)" in view.messages.text
    with pytest.raises(ShareLinkError):
        store.resolve_share(token)
    assert "not valid" in open_session(share=token, store=store).problem


def test_another_kind_of_share_link_does_not_open_the_report(session, store):
    """Does a colleague's audit link opened on this page show no report?"""
    link = session.create_share_link("05_quarterly_audit.ipynb", "audit-colleague")
    mentor = mentor_view(store, link.split("share=")[1])
    assert mentor.mentor.messages.text == "This link is not a link to a development plan report."
    assert len(mentor.mentor.children) == 1
    assert SHARE_KIND == "plan-report"


def test_a_mentors_report_of_an_unreadable_plan_says_so_in_place(session, store):
    """When the saved plan cannot be read, does the mentor's page say so instead of failing?"""
    link = session.create_share_link("06_development_plan.ipynb", SHARE_KIND)
    store.save_section(session.workbook_id, "plan", {"goals": "not a list"})
    mentor = mentor_view(store, link.split("share=")[1])
    assert mentor.mentor.messages.kind == "error"
    assert mentor.mentor.messages.text.startswith("The saved plan could not be read (goals")


def test_the_tool_checks_are_named_as_this_workbooks(view):
    """Do the demo's tool findings stand under the playbook's advice with a note saying the
    marks are this workbook's checks, not the article's pass marks (issue 21)?"""
    shown = view.findings.value
    assert "Against the playbook&#x27;s advice" in shown or "Against the playbook's advice" in shown
    assert "The marks (✓ or !) are this workbook&#x27;s checks, not the article&#x27;s" in shown
    assert "the article sets no pass mark" in shown
