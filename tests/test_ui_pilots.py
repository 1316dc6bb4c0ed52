"""The pilot-experiments page without a browser: set widget values, assert on the session."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from playbook.session import Session
from playbook.ui.pilots import OWN_METRIC, PilotsView

from .widget_text import typeset_texts

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample_pilot_measurements.csv"
NOW = datetime(2026, 11, 25, tzinfo=UTC)


def upload(view: PilotsView, data: bytes, name: str = "measurements.csv") -> None:
    view.upload.value = (
        {
            "name": name,
            "type": "text/csv",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": NOW,
        },
    )


def new_pilot(view: PilotsView, *metrics: str) -> None:
    view.new_button.click()
    view.practice.value = "Joint planning sessions with editorial"
    view.project.value = "Documentary series, season 2"
    for mid in metrics:
        view.metric_choice.value = mid
        view.add_metric_button.click()


def saved(session: Session) -> dict:
    return session.store.load_section(session.workbook_id, "pilots")


@pytest.fixture
def view(session) -> PilotsView:
    return PilotsView(session)


def test_a_pilot_with_baseline_and_pilot_phase_shows_the_evidence(view, session):
    """Does importing the sample and setting the change date show an improvement, the run chart
    with the signal marked, the interval, and the playbook's next step?"""
    new_pilot(view, "revision_count", "team_feedback")
    upload(view, SAMPLE.read_bytes())
    assert view.messages.kind == "success" and "Imported 40 measurements" in view.messages.text
    view.change_date.value = "2026-03-16"
    assert view.messages.kind == ""
    text = view.evidence_box.value
    assert "data-verdict='better'" in text and "95% interval" in text
    assert "median went down by 2 revisions" in text
    # the plain answer first, the statistics below it under their own heading
    verdict = text.index("In short: the evidence points to an improvement")
    method = text.index("How this was worked out")
    assert verdict < method < text.index("95% interval") and verdict < text.index("XmR")
    assert "<b>In short:" in text
    run = view.figures["run"]
    signal = [t for t in run.data if t.name and t.name.startswith("Signal")]
    assert signal and len(signal[0].x) == len(view.evidence.runs.signal_indices)
    assert run.layout.shapes[0].x0 == "2026-03-16"
    assert "widen adoption" in view.next_step.value
    stored = saved(session)["pilots"][0]
    assert stored["change_date"] == "2026-03-16" and len(stored["measurements"]) == 40


def test_hand_entry_is_saved_and_the_next_date_suggested(view, session):
    """Is a typed measurement saved at once, and the next date suggested at the same step?"""
    new_pilot(view, "timeline_adherence")
    for day, value in (("2026-01-05", "80"), ("2026-01-12", "85%")):
        view.entry_date.value = day
        view.entry_value.value = value
        view.add_button.click()
    assert view.messages.kind == "success"
    assert [m["value"] for m in saved(session)["pilots"][0]["measurements"]] == [80.0, 85.0]
    assert view.entry_date.value == "2026-01-19"
    assert "No measurements yet" not in view.table.value


def test_too_few_points_say_not_enough_data(view):
    """With three points each side, is there no verdict but 'not enough data yet'?"""
    new_pilot(view, "revision_count")
    upload(
        view,
        b"date,value\n2026-01-05,5\n2026-01-12,6\n2026-01-19,5\n"
        b"2026-01-26,3\n2026-02-02,2\n2026-02-09,3\n",
    )
    view.change_date.value = "2026-01-26"
    assert "Not enough data yet" in view.evidence_box.value
    assert "data-verdict='not_enough_data'" in view.evidence_box.value


@pytest.mark.parametrize(
    ("value", "message"),
    [("four", '"four" is not a number'), ("", "missing")],
)
def test_bad_values_give_a_message_and_nothing_is_saved(view, session, value, message):
    """Is a non-numeric or missing value refused in place, with nothing saved?"""
    new_pilot(view, "revision_count")
    view.entry_date.value = "2026-01-05"
    view.entry_value.value = value
    view.add_button.click()
    assert view.messages.kind == "error" and message in view.messages.text
    assert saved(session)["pilots"][0]["measurements"] == []
    assert view.entry_value.value == value  # what was typed stays for correction


def test_duplicate_date_is_refused_and_the_first_value_kept(view, session):
    """Is a second value on the same date refused, keeping the first?"""
    new_pilot(view, "revision_count")
    for value in ("5", "7"):
        view.entry_date.value = "2026-01-05"
        view.entry_value.value = value
        view.add_button.click()
    assert view.messages.kind == "error" and "already a value for 2026-01-05" in view.messages.text
    assert [m["value"] for m in saved(session)["pilots"][0]["measurements"]] == [5.0]


def test_csv_with_wrong_columns_is_refused_with_the_expected_ones(view, session):
    """Does a CSV with other columns name the expected ones, import nothing, and reset?"""
    new_pilot(view, "revision_count")
    upload(view, b"when,score\n2026-01-05,4\n", "export.csv")
    assert view.messages.kind == "error"
    assert "export.csv" in view.messages.text and "date and value" in view.messages.text
    assert "Nothing was imported" in view.messages.text
    assert saved(session)["pilots"][0]["measurements"] == [] and view.upload.value == ()


def test_out_of_order_csv_is_refused(view, session):
    """Is a CSV whose dates go backwards refused with the row named?"""
    new_pilot(view, "revision_count")
    upload(view, b"date,value\n2026-01-12,4\n2026-01-05,5\n")
    assert view.messages.kind == "error" and "Row 3" in view.messages.text
    assert saved(session)["pilots"][0]["measurements"] == []


def test_change_date_outside_the_data_is_explained(view, session):
    """Does a change date after the last measurement give a message in place, keeping the data?"""
    new_pilot(view, "revision_count", "team_feedback")
    upload(view, SAMPLE.read_bytes())
    view.change_date.value = "2025-06-01"
    assert view.messages.kind == "error" and "leaves no baseline" in view.messages.text
    view.change_date.value = "2027-01-01"
    # a change planned after the baseline so far is a normal state: a note, not an error
    assert view.messages.kind == "info" and "after the last measurement" in view.messages.text
    assert "after the last measurement" in view.evidence_box.value
    assert len(saved(session)["pilots"][0]["measurements"]) == 40
    view.change_date.value = "not a date"
    assert view.messages.kind == "error" and "YYYY-MM-DD" in view.messages.text
    assert saved(session)["pilots"][0]["change_date"] == "2027-01-01"


def test_decision_and_adoption_tracker(view, session):
    """Are a decision with its reason and adoption entries saved, with the adoption chart?"""
    new_pilot(view, "revision_count")
    view.decide_button.click()
    assert view.messages.kind == "error" and "adopt, adapt or abandon" in view.messages.text
    view.decision.value = "adopt"
    view.reason.value = "Revisions fell from 5 to 3 per cut."
    view.decided_on.value = "2026-05-25"
    view.decide_button.click()
    assert "Adopt" in view.decision_state.value
    for day, using in (("2026-06-01", "3"), ("2026-12-01", "10")):
        view.adopt_date.value, view.adopt_using.value, view.adopt_total.value = day, using, "12"
        view.adopt_button.click()
    pilot = saved(session)["pilots"][0]
    assert pilot["decision"]["choice"] == "adopt"
    assert [a["teams_using"] for a in pilot["adoption"]] == [3, 10]
    assert list(view.figures["adoption"].data[0].y)[0] == 25.0
    view.adopt_date.value, view.adopt_using.value = "2027-01-01", "13"
    view.adopt_button.click()
    assert view.messages.kind == "error" and "between 0 and 12" in view.messages.text


def test_own_metric_and_several_pilots_survive_a_reload(view, session, store):
    """Do an own metric and two pilots come back on a new page (a reload)?"""
    new_pilot(view, "revision_count")
    view.new_button.click()
    view.practice.value = "Two-week sprints"
    view.metric_choice.value = OWN_METRIC
    view.own_name.value = "Budget variance"
    view.own_unit.value = "%"
    view.own_better.value = "lower"
    view.add_metric_button.click()
    again = PilotsView(
        Session(store, identity="key", workbook_id=session.workbook_id, key=session.key)
    )
    assert len(again.pilot_select.options) == 2
    again.pilot_select.value = again.section.pilots[1].id
    assert again.practice.value == "Two-week sprints"
    assert "Budget variance" in again.metrics_list.value


def test_participant_text_is_escaped(view):
    """Is HTML typed into a note or a practice shown as text, never as markup?"""
    new_pilot(view, "revision_count")
    view.practice.value = "<img src=x onerror=alert(1)>"
    view.entry_date.value, view.entry_value.value = "2026-01-05", "4"
    view.entry_note.value = "<script>alert(1)</script>"
    view.add_button.click()
    assert "<script>" not in view.table.value and "&lt;script&gt;" in view.table.value


def test_a_pilot_and_metric_named_with_math_or_a_link_are_shown_as_typed(view):
    """Are a pilot and an own metric named ``$x^2$`` or as a link kept out of every Label and
    description (where they would be typeset), and escaped in the charts' titles?"""
    link = '<a href="https://example.org/p">p</a>'
    view.new_button.click()
    view.practice.value = f"$x^2$ {link}"
    view.metric_choice.value = OWN_METRIC
    view.own_name.value, view.own_unit.value = f"$x^2$ {link}", link
    view.add_metric_button.click()
    view.paste.value = "date,value\n" + "\n".join(
        f"2026-{m:02d}-{d:02d},{v}"
        for (m, d), v in zip(
            [(1, 5), (1, 12), (1, 19), (1, 26), (2, 2), (2, 9), (2, 16), (2, 23)]
            + [(3, 16), (3, 23), (3, 30), (4, 6), (4, 13), (4, 20), (4, 27), (5, 4)],
            [5, 6, 5, 7, 6, 5, 6, 7, 3, 2, 3, 4, 3, 2, 3, 2],
            strict=True,
        )
    )
    view.paste_button.click()
    view.change_date.value = "2026-03-16"
    assert view.messages.kind in ("", "success"), view.messages.text
    assert f"$x^2$ {link}" in [label for label, _ in view.pilot_select.options]
    assert not [t for t in typeset_texts(view) if "$x^2$" in t or "example.org" in t]
    escaped = '$x^2$ &lt;a href="https://example.org/p"&gt;p&lt;/a&gt;'
    for key in ("run", "xmr"):
        assert view.figures[key].layout.title.text.startswith(f"{escaped}: ")
        assert "<a" not in view.figures[key].to_json()


def test_delete_needs_a_second_click(view, session):
    """Does deleting a pilot need a confirming second click?"""
    new_pilot(view, "revision_count")
    view.delete_button.click()
    assert len(saved(session)["pilots"]) == 1
    view.delete_button.click()
    assert saved(session)["pilots"] == []


def test_pasted_rows_are_imported_and_a_bad_paste_is_kept(view, session):
    """Are rows pasted from a spreadsheet (tab-separated) imported, and a refused paste left in
    the box for correction with nothing imported?"""
    new_pilot(view, "revision_count")
    view.paste.value = "date\tvalue\n2026-01-05\t4\n2026-01-12\tfive\n"
    view.paste_button.click()
    assert view.messages.kind == "error" and "Row 3" in view.messages.text
    assert "five" in view.paste.value
    assert saved(session)["pilots"][0]["measurements"] == []
    view.paste.value = "date\tvalue\n2026-01-05\t4\n2026-01-12\t5\n"
    view.paste_button.click()
    assert view.messages.kind == "success" and "Imported 2 measurements" in view.messages.text
    assert view.paste.value == ""
    assert len(saved(session)["pilots"][0]["measurements"]) == 2


def test_a_broken_content_file_is_shown_in_place(session, content_dir):
    """Does a coach's invalid pilots.yaml give a message on the page, naming the file?"""
    (content_dir / "pilots.yaml").write_text("title: [unclosed")
    page = PilotsView(session)
    assert page.messages.kind == "error" and "pilots.yaml" in page.messages.text
    assert page.children == (page.header, page.messages)


def test_a_run_that_began_before_the_change_is_named_on_the_page(view):
    """Does the page say that a 13-point run above the median began three points before the
    change, and give no improvement (higher is better), with the limits' reference named?"""
    import datetime as dt

    new_pilot(view, "team_feedback")
    values = [5, 4, 5, 4, 5, 4, 5, 4, 5, 4, 6, 6, 6] + [7] * 10
    start = dt.date(2026, 1, 5)
    rows = "".join(
        f"{(start + dt.timedelta(weeks=i)).isoformat()},{v}\n" for i, v in enumerate(values)
    )
    upload(view, ("date,value\n" + rows).encode())
    view.change_date.value = (start + dt.timedelta(weeks=13)).isoformat()
    text = view.evidence_box.value
    assert "began 3 points before the change" in text
    assert "not evidence that the change caused it" in text
    assert "data-verdict='better'" not in text and "a shift" not in text
    assert "widen adoption" not in view.next_step.value


def test_a_metric_chosen_and_a_decision_made_but_not_yet_added_are_said_so(view, session):
    """Does the page say plainly, beside their buttons, a metric chosen (or one's own metric
    typed, with its better direction) but not added, and an Adopt/Adapt/Abandon choice not
    recorded, until the buttons are pressed?"""
    new_pilot(view, "revision_count")
    view.metric_choice.value = "team_feedback"
    assert view.metric_pending.kind == "info"
    assert view.metric_pending.text.startswith("Not yet added: Team feedback score")
    view.metric_choice.value = "revision_count"  # already one of the pilot's metrics
    assert view.metric_pending.text == ""
    view.metric_choice.value = OWN_METRIC
    view.own_name.value, view.own_better.value = "Budget variance", "lower"
    assert "your metric “Budget variance” (lower is better)" in view.metric_pending.text
    view.add_metric_button.click()
    assert view.metric_pending.text == ""
    assert [m["name"] for m in saved(session)["pilots"][0]["metrics"]][-1] == "Budget variance"

    view.decision.value = "adapt"
    assert view.decision_pending.text == (
        "Not yet recorded: Adapt. It is kept as a draft (a reload brings it back) until you "
        "press “Record decision”."
    )
    view.reason.value = "Fewer revisions, but the editors need a shorter session"
    view.decided_on.value = "2026-03-30"
    view.decide_button.click()
    assert saved(session)["pilots"][0]["decision"]["choice"] == "adapt"
    assert view.decision_pending.text == ""
