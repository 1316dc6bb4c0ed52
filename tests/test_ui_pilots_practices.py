"""The pilots page's community practice catalogue and its drafts, without a browser (issue 21):
set widget values, click, and look at the saved section and at a new page on the same
workbook (a reload)."""

from __future__ import annotations

import datetime as dt

import pytest

from playbook.pilots import load_content
from playbook.session import Session
from playbook.ui.pilots import OWN_METRIC, PilotsView

from .widget_text import typeset_texts

CONTENT = load_content()


def saved(session: Session) -> dict:
    return session.store.load_section(session.workbook_id, "pilots")


def reloaded(session: Session, store) -> PilotsView:
    """The page opened again on the same workbook, in a new kernel's session."""
    return PilotsView(
        Session(store, identity="key", workbook_id=session.workbook_id, key=session.key)
    )


@pytest.fixture
def view(session) -> PilotsView:
    return PilotsView(session)


def test_the_catalogue_is_open_on_a_workbook_without_pilots(view):
    """Does a new workbook's page show every practice with the article's words, this
    workbook's idea and suggested metric, and the two actions?"""
    assert view.catalogue.body.layout.display is None
    assert list(view.catalogue.cards) == [p.id for p in CONTENT.practices]
    card = view.catalogue.cards["cross_role_shadowing"].text.value
    assert "The playbook: “pre-production social events and cross-role shadowing programs”" in (
        card
    )
    assert "Suggested metric: <b>Conflict-resolution time</b> (lower is better" in card
    assert "this workbook's suggestion" in card
    assert "this workbook's" in view.catalogue.body.children[0].value.replace("&#x27;", "'")


def test_pilot_this_practice_starts_a_pilot_in_one_step(view, session):
    """Does "Pilot this practice" make a pilot named after the practice, with its question and
    metric, show it, count the practice's hours, close the catalogue and say what is next?"""
    view.catalogue.cards["joint_planning"].pilot_button.click()
    assert view.messages.kind == "success", view.messages.text
    assert "A new pilot of “Joint planning sessions”, with Revision count" in view.messages.text
    practice = CONTENT.practice("joint_planning")
    assert view.practice.value == "Joint planning sessions"
    assert view.question.value == practice.question
    assert "Revision count" in view.metrics_list.value
    assert view.pilot_select.value == view.pilot.id == "pilot-1"
    stored = saved(session)
    assert stored["practices"] == ["joint_planning"]
    assert stored["pilots"][0]["practice_id"] == "joint_planning"
    assert [m["id"] for m in stored["pilots"][0]["metrics"]] == ["revision_count"]
    card = view.catalogue.cards["joint_planning"]
    assert card.count.value is True and "Piloted: Joint planning sessions" in card.status.value
    assert view.catalogue.body.layout.display == "none"
    assert "Counted as community time in your time split: Joint planning sessions." in (
        view.catalogue.chosen_note.value
    )
    # the project typed next names the pilot under its practice
    view.project.value = "Documentary series <season 2>"
    assert "Piloted: Documentary series &lt;season 2&gt;" in card.status.value


def test_a_practice_counted_and_uncounted_is_saved_and_comes_back(view, session, store):
    """Is ticking "Count its hours" saved at once, shown after a reload, and unticking it
    saved too?"""
    view.catalogue.cards["beyond_team"].count.value = True
    view.catalogue.cards["feedback_loops"].count.value = True
    assert saved(session)["practices"] == ["beyond_team", "feedback_loops"]
    again = reloaded(session, store)
    assert again.catalogue.cards["beyond_team"].count.value is True
    assert "Regular feedback loops, Relationships beyond your own team" in (
        again.catalogue.chosen_note.value
    )
    again.catalogue.cards["beyond_team"].count.value = False
    assert saved(session)["practices"] == ["feedback_loops"]


def test_the_catalogue_is_closed_behind_a_button_once_there_are_pilots(view, session, store):
    """On a workbook with pilots, is the catalogue behind a button that opens and closes it?"""
    view.new_button.click()
    again = reloaded(session, store)
    assert again.catalogue.body.layout.display == "none"
    assert (
        again.catalogue.toggle.description
        == f"Community practices to pilot ({len(CONTENT.practices)})"
    )
    again.catalogue.toggle.click()
    assert again.catalogue.body.layout.display is None
    assert again.catalogue.toggle.description == "Hide the community practices"


# --------------------------------------------------------------------------------------------
# Unsent choices: kept as drafts, back after a reload
# --------------------------------------------------------------------------------------------


def test_every_unsent_choice_comes_back_after_a_reload(view, session, store):
    """Are a metric chosen with its direction, a decision with its reason and date, a typed
    measurement, an adoption entry and pasted rows, none of them sent, kept as the pilot's
    draft, put back on a new page and said plainly to be drafts?"""
    view.catalogue.cards["joint_planning"].pilot_button.click()
    view.metric_choice.value = OWN_METRIC
    view.own_name.value, view.own_unit.value, view.own_better.value = (
        "Budget variance",
        "%",
        "lower",
    )
    view.entry_date.value, view.entry_value.value = "2026-01-05", "4"
    view.paste.value = "date,value\n2026-01-12,5\n"
    view.decision.value = "adapt"
    view.reason.value = "Editors want shorter sessions"
    view.decided_on.value = "2026-03-30"
    view.adopt_date.value, view.adopt_using.value, view.adopt_total.value = "2026-04-06", "2", "8"
    assert view.messages.kind != "error", view.messages.text
    draft = saved(session)["drafts"]["pilot-1"]
    assert draft["metric"] == {
        "choice": OWN_METRIC,
        "name": "Budget variance",
        "unit": "%",
        "better": "lower",
    }
    assert draft["decision"]["choice"] == "adapt" and draft["adoption"]["using"] == "2"

    again = reloaded(session, store)
    assert again.metric_choice.value == OWN_METRIC and again.own_box.layout.display is None
    assert (again.own_name.value, again.own_unit.value, again.own_better.value) == (
        "Budget variance",
        "%",
        "lower",
    )
    assert (again.entry_date.value, again.entry_value.value) == ("2026-01-05", "4")
    assert again.paste.value == "date,value\n2026-01-12,5\n"
    assert again.decision.value == "adapt" and again.reason.value == "Editors want shorter sessions"
    assert (again.adopt_date.value, again.adopt_using.value, again.adopt_total.value) == (
        "2026-04-06",
        "2",
        "8",
    )
    for note, starts in (
        (again.metric_pending, "Not yet added: your metric “Budget variance” (lower is better)."),
        (again.measurement_pending, "Not yet added: the value “4” of 2026-01-05."),
        (again.paste_pending, "Not yet imported: the pasted rows."),
        (again.decision_pending, "Not yet recorded: Adapt."),
        (again.adoption_pending, "Not yet added: 2 of 8 teams on 2026-04-06."),
    ):
        assert note.kind == "info" and note.text.startswith(starts), note.text
        assert "kept as a draft (a reload brings it back)" in note.text
    assert again.pilot.decision.choice is None  # a draft is not a decision

    # sent one by one, each draft is gone, and nothing is left to restore
    again.add_metric_button.click()
    again.add_button.click()
    again.paste_button.click()
    again.decide_button.click()
    again.adopt_button.click()
    assert again.messages.kind != "error", again.messages.text
    assert "drafts" not in saved(session)
    for note in (
        again.metric_pending,
        again.measurement_pending,
        again.paste_pending,
        again.decision_pending,
        again.adoption_pending,
    ):
        assert note.text == ""
    pilot = saved(session)["pilots"][0]
    assert pilot["decision"]["choice"] == "adapt" and len(pilot["measurements"]) == 2
    assert [m["name"] for m in pilot["metrics"]] == ["Revision count", "Budget variance"]
    third = reloaded(session, store)
    assert third.own_name.value == "" and third.entry_value.value == ""
    assert third.decision.value == "adapt" and third.decision_pending.text == ""


def test_a_suggested_metric_chosen_comes_back_and_goes_when_added(view, session, store):
    """Is a suggested metric chosen and not added kept, and dropped once added?"""
    view.new_button.click()
    view.metric_choice.value = "timeline_adherence"
    again = reloaded(session, store)
    assert again.metric_choice.value == "timeline_adherence"
    assert again.metric_pending.text.startswith("Not yet added: Timeline adherence (higher")
    again.add_metric_button.click()
    assert again.metric_pending.text == "" and "drafts" not in saved(session)


def test_drafts_belong_to_their_pilot(view, session):
    """Does another pilot on screen show its own (empty) draft, and the first pilot's come back
    when it is chosen again?"""
    view.new_button.click()
    view.entry_value.value = "7"
    view.decision.value = "abandon"
    view.new_button.click()
    assert view.entry_value.value == "" and view.measurement_pending.text == ""
    assert view.decision.value is None and view.decision_pending.text == ""
    view.pilot_select.value = "pilot-1"
    assert view.entry_value.value == "7" and view.decision.value == "abandon"
    assert view.decision_pending.text.startswith("Not yet recorded: Abandon.")
    view.delete_button.click()
    view.delete_button.click()
    assert "pilot-1" not in saved(session).get("drafts", {})


def test_rows_too_long_for_a_draft_are_said_so(view, session):
    """Are pasted rows longer than a draft can keep named, with what to do, and not saved?"""
    view.new_button.click()
    view.paste.value = "date,value\n" + "2026-01-05,4\n" * 1000
    assert view.paste_pending.text.startswith("Not yet imported: the pasted rows are longer")
    assert "Press “Import pasted rows” before you leave the page." in view.paste_pending.text
    assert "drafts" not in saved(session)


def test_a_decision_date_alone_before_any_decision_is_no_draft(view, session):
    """Is the date the page shows before a first decision (today) not taken for a choice?"""
    view.new_button.click()
    assert view.decided_on.value == dt.date.today().isoformat()
    assert view.decision_pending.text == "" and "drafts" not in saved(session)


def test_catalogue_and_notes_keep_participant_text_out_of_labels(view):
    """Are a typed metric name with math and a link kept out of every Label and description in
    its draft note?"""
    view.new_button.click()
    view.metric_choice.value = OWN_METRIC
    view.own_name.value = '$x^2$ <a href="https://example.org">x</a>'
    assert "&lt;a href" in view.metric_pending.value
    assert not [t for t in typeset_texts(view) if "$x^2$" in t or "example.org" in t]
