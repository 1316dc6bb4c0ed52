"""The time-split page without a browser: set widget values, click, assert on the session."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime
from pathlib import Path

import pytest

from playbook.imports import IMPORT_LIMIT_BYTES
from playbook.session import Session
from playbook.ui.time_split import TimeSplitView

DATA = Path(__file__).resolve().parent.parent / "data"
NOW = datetime(2026, 11, 25, tzinfo=UTC)
MARCH = (dt.date(2026, 3, 2), dt.date(2026, 3, 29))


def upload(view: TimeSplitView, name: str, data: bytes) -> None:
    view.upload.value = (
        {
            "name": name,
            "type": "",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": NOW,
        },
    )


def set_range(view: TimeSplitView, start: dt.date, end: dt.date) -> None:
    view.range_start.value = start
    view.range_end.value = end


def stored(session: Session) -> dict:
    return session.store.load_section(session.workbook_id, "time_split")


@pytest.fixture
def with_calendar(session):
    view = TimeSplitView(session)
    set_range(view, *MARCH)
    view.timezone.value = "Europe/London"
    upload(view, "sample_calendar.ics", (DATA / "sample_calendar.ics").read_bytes())
    return view


def test_importing_a_calendar_saves_entries_and_shows_the_split(with_calendar, session):
    """Is an imported calendar saved at once, with the split, charts and focus shown?"""
    view = with_calendar
    assert view.import_messages.kind == "success", view.import_messages.text
    assert "Read 58 entries" in view.import_messages.text
    assert "1 declined, 1 cancelled" in view.import_messages.text
    assert len(stored(session)["entries"]) == 58
    assert stored(session)["date_range"] == {"start": "2026-03-02", "end": "2026-03-29"}
    assert "85% delivery" in view.summary.value
    assert "The playbook recommends 70/30" in view.summary.value
    assert "community building" in view.summary.value
    assert set(view.figures) == {
        "split", "weekly", "trend", "community", "focus", "plan", "balance"  # balance: #21
    }  # fmt: skip
    assert view.figures["split"].data[0].y == ("You", "Playbook")
    assert "uninterrupted blocks" in view.focus_text.value
    assert "overlap" in view.overlaps.text
    assert "saved" in view.header.saved.value


def test_importing_the_same_calendar_again_adds_nothing(with_calendar, session):
    """Does a second import of the same file add no entries and say so?"""
    upload(with_calendar, "sample_calendar.ics", (DATA / "sample_calendar.ics").read_bytes())
    assert "0 new, 58 already in your log" in with_calendar.import_messages.text
    assert len(stored(session)["entries"]) == 58
    assert len(stored(session)["imports"]) == 2


def test_reclassify_is_saved_and_survives_a_reload(with_calendar, session, store):
    """Is a reclassified entry saved, and still reclassified on a new page (a reload)?"""
    view = with_calendar
    view.search.value = "Lighting plot"
    [(label, entry_id)] = [o for o in view.entry_pick.options if o[1]]
    assert "Delivery & coordination" in label
    view.entry_pick.value = entry_id
    view.category_pick.value = "hands_on"
    view.reclassify_button.click()
    assert view.messages.kind == "success"
    assert stored(session)["overrides"] == {entry_id: "hands_on"}
    assert "your choice" in view.entries_table.value

    again = TimeSplitView(
        Session(store, identity="key", workbook_id=session.workbook_id, key=session.key)
    )
    assert again.range_start.value == MARCH[0]
    row = next(x for x in again.classified if x.entry.id == entry_id)
    assert (row.category, row.reason) == ("hands_on", "your choice")
    assert "Hands-on technical work" in again.entries_table.value


def test_a_user_rule_reclassifies_matching_entries(with_calendar, session):
    """Does adding a rule 'supplier' -> delivery move the rigging supplier call and save it?"""
    view = with_calendar
    view.rule_keyword.value = "supplier"
    view.rule_category.value = "delivery"
    view.rule_button.click()
    assert stored(session)["user_rules"][0]["keywords"] == ["supplier"]
    call = next(x for x in view.classified if x.entry.description.startswith("Supplier call"))
    assert call.category == "delivery" and call.reason.startswith("your rule")
    view.rule_remove.value = stored(session)["user_rules"][0]["id"]
    view.rule_remove_button.click()
    assert stored(session)["user_rules"] == []


def test_unknown_csv_asks_for_columns_once_and_remembers_them(session):
    """Is an unknown CSV mapped once, imported, and the next file of that layout imported directly?"""
    view = TimeSplitView(session)
    set_range(view, *MARCH)
    data = (
        b"When,What,Hours\n2026-03-03 09:00,Budget review,1.5\n2026-03-04 10:00,1:1 with Sam,0.5\n"
    )
    upload(view, "export.csv", data)
    assert view.mapping_box.layout.display is None
    assert "Expected the columns" in view.import_messages.text
    view.mapping_pickers["description"].value = "What"
    view.mapping_pickers["start"].value = "When"
    view.mapping_pickers["duration"].value = "Hours"
    view.mapping_button.click()
    assert view.import_messages.kind == "success", view.import_messages.text
    assert view.mapping_box.layout.display == "none"
    assert len(stored(session)["entries"]) == 2
    assert list(stored(session)["column_mappings"]) == ["hours|what|when"]

    upload(view, "next.csv", b"What,Hours,When\nSteering group,1,2026-03-05 14:00\n")
    assert view.mapping_box.layout.display == "none"
    assert len(stored(session)["entries"]) == 3


def test_mapping_without_end_or_duration_is_refused_in_place(session):
    """Does an incomplete mapping give a message and import nothing?"""
    view = TimeSplitView(session)
    upload(view, "export.csv", b"When,What\n2026-03-03 09:00,Budget\n")
    view.mapping_pickers["description"].value = "What"
    view.mapping_pickers["start"].value = "When"
    view.mapping_button.click()
    assert view.import_messages.kind == "error"
    assert "end time or" in view.import_messages.text
    assert stored(session) in ({}, None) or not stored(session).get("entries")


def test_non_utf8_toggl_export_says_which_encoding_was_used(session):
    """Is a Windows-1252 Toggl export read, and the encoding named?"""
    view = TimeSplitView(session)
    set_range(view, *MARCH)
    text = (
        (DATA / "sample_toggl.csv")
        .read_text(encoding="utf-8")
        .replace("1:1 with Priya", "1:1 with Zoë")
    )
    upload(view, "toggl.csv", text.encode("cp1252"))
    assert "Windows-1252" in view.import_messages.text and "not UTF-8" in view.import_messages.text
    assert len(stored(session)["entries"]) == 44


def test_bad_files_give_a_message_and_lose_nothing(with_calendar, session):
    """Do a too-large file, a broken calendar and wrong headers leave the saved log intact?"""
    view = with_calendar
    before = stored(session)
    upload(view, "huge.csv", b"x" * (IMPORT_LIMIT_BYTES + 1))
    assert view.import_messages.kind == "error" and "limit is 10.0 MiB" in view.import_messages.text
    broken = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nX\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    upload(view, "broken.ics", broken)
    assert "line 3" in view.import_messages.text
    toggl = (DATA / "sample_toggl.csv").read_bytes().replace(b"Start date,", b"", 1)
    upload(view, "toggl.csv", toggl)
    assert "Start date" in view.import_messages.text and "Toggl Track" in view.import_messages.text
    assert stored(session) == before
    assert len(view.section.entries) == 58


def test_typing_a_week_is_validated_and_saved(session):
    """Is a typed week saved, and a day over 24 hours refused without saving?"""
    view = TimeSplitView(session)
    view.manual_week.value = dt.date(2026, 3, 4)  # any day: the week of Monday 2 March
    set_range(view, *MARCH)
    rows = view.manual_rows
    for row, (day, text, hours, cat) in zip(
        rows,
        [
            (0, "Budget", 6, "delivery"),
            (1, "Stakeholder update", 2, "visibility"),
            (2, "Mentoring", 2, "community"),
        ],
        strict=False,
    ):
        row.day.value, row.description.value, row.hours.value, row.category.value = (
            day,
            text,
            hours,
            cat,
        )
    view.save_week_button.click()
    assert view.messages.kind == "success", view.messages.text
    saved = stored(session)["entries"]
    assert [(e["day"], e["hours"], e["category"]) for e in saved] == [
        ("2026-03-02", 6.0, "delivery"),
        ("2026-03-03", 2.0, "visibility"),
        ("2026-03-04", 2.0, "community"),
    ]
    assert "60% delivery" in view.summary.value

    rows[3].day.value, rows[3].description.value, rows[3].hours.value = 0, "Load-in", 20
    view.save_week_button.click()
    assert view.messages.kind == "error" and "has 26 hours" in view.messages.text
    assert len(stored(session)["entries"]) == 3

    # reopening the week shows what was typed
    again = TimeSplitView(
        Session(session.store, identity="key", workbook_id=session.workbook_id, key=session.key)
    )
    again.manual_week.value = dt.date(2026, 3, 2)
    assert [r.description.value for r in again.manual_rows[:3]] == [
        "Budget",
        "Stakeholder update",
        "Mentoring",
    ]


def test_plan_settings_are_saved_and_bad_ones_refused(with_calendar, session):
    """Is the plan saved with its milestones shown, and a target above the start refused?"""
    view = with_calendar
    view.plan_date.value = dt.date(2026, 3, 1)
    view.plan_months.value = 4
    assert stored(session)["plan"]["months"] == 4
    assert view.plan_table.value.count("<tr>") == 5
    assert "logged week(s) in the plan" in view.plan_progress.value
    assert [t.name for t in view.figures["plan"].data] == [
        "Plan (a straight line: the default)",
        "On track",
        "Your weeks",
    ]
    view.plan_target_share.value = 90
    # the error beside the fields, saying which plan is still shown
    assert view.plan_messages.kind == "error", view.messages.text
    assert "below the starting share" in view.plan_messages.text
    assert "still the saved one (70% to 30%)" in view.plan_messages.text
    assert view.messages.kind == ""
    assert stored(session)["plan"]["target_share"] == 0.3
    view.plan_target_share.value = 30
    assert view.plan_messages.kind == ""


def test_the_measured_share_is_one_the_plan_uses(with_calendar, session):
    """Does 'Use my measured share' (16%) refuse, beside the button, a start at or below the
    30% target instead of showing a number the plan ignores, and once the target is lower,
    start the saved plan and its chart from 16%?"""
    view = with_calendar
    view.measured_button.click()
    assert view.plan_messages.kind == "error"
    assert "16%, already at or below your 30% target" in view.plan_messages.text
    assert view.plan_start_share.value == 70
    view.plan_target_share.value = 10
    view.measured_button.click()
    assert view.plan_messages.kind == "success", view.plan_messages.text
    assert view.plan_start_share.value == 16
    assert stored(session)["plan"]["start_share"] == 0.16
    plan_line = view.figures["plan"].data[0]
    assert plan_line.y[0] == pytest.approx(16) and plan_line.y[-1] == pytest.approx(10)


def test_settings_are_validated(session):
    """Are a reversed range and an unknown time zone refused with a message?"""
    view = TimeSplitView(session)
    view.range_end.value = dt.date(2020, 1, 1)
    assert view.messages.kind == "error" and "before it starts" in view.messages.text
    set_range(view, *MARCH)
    view.timezone.value = "Mars/Olympus"
    assert view.messages.kind == "error" and "Mars/Olympus" in view.messages.text
    assert stored(session)["timezone"] == "UTC"


def test_sample_button_sets_the_weeks_and_imports(session):
    """Does 'Try the sample calendar' set March 2026, London time, and import it?"""
    view = TimeSplitView(session)
    view.sample_button.click()
    assert (view.range_start.value, view.range_end.value) == MARCH
    assert stored(session)["timezone"] == "Europe/London"
    assert len(stored(session)["entries"]) == 58


def test_removing_a_source_removes_its_entries(with_calendar, session):
    """Can the calendar's entries be removed to fix double counting?"""
    view = with_calendar
    assert ("calendar (58)", "ics") in view.remove_source.options
    view.remove_source.value = "ics"
    view.remove_button.click()
    assert stored(session)["entries"] == []


def test_participant_text_is_escaped(session):
    """Is an entry titled with HTML shown as text in the table and the summary?"""
    view = TimeSplitView(session)
    view.manual_week.value = dt.date(2026, 3, 2)
    set_range(view, *MARCH)
    row = view.manual_rows[0]
    row.description.value, row.hours.value, row.category.value = (
        "<img src=x onerror=alert(1)>",
        2,
        "delivery",
    )
    view.save_week_button.click()
    assert "<img" not in view.entries_table.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in view.entries_table.value


def test_a_page_without_a_workbook_hides_the_body(store):
    """With a bad link, is the body hidden and the problem shown?"""
    s = Session(store, identity="none")
    s.problem = "No workbook was found for this link."
    view = TimeSplitView(s)
    assert view.body.layout.display == "none"
    assert "No workbook was found" in view.header.messages.value


def test_a_first_calendar_sets_the_time_zone_to_its_own(session):
    """With nothing imported yet, does a calendar's own zone become the display zone, said so?"""
    view = TimeSplitView(session)
    set_range(view, *MARCH)
    upload(view, "sample_calendar.ics", (DATA / "sample_calendar.ics").read_bytes())
    assert stored(session)["timezone"] == "Europe/London"
    assert "Times are shown in Europe/London" in view.import_messages.text
    brunch = next(e for e in stored(session)["entries"] if e["description"].startswith("Company"))
    assert brunch["start"] == "2026-03-29T11:00:00+01:00"


def test_the_about_panel_quotes_the_playbook_and_names_defaults(session):
    """Does the page attribute the targets to the playbook and call the rest defaults?"""
    view = TimeSplitView(session)
    about = view.children[-1].value
    assert "The playbook recommends" in about and "20% of their" in about
    assert "defaults of this workbook" in about


# --- issue 14: dates asked, the browser's zone, re-imports that apply what was said since ------

TT = Path(__file__).resolve().parent / "data" / "timetracker"


def test_dates_that_read_both_ways_are_asked_and_the_answer_remembered(session):
    """Is an all-days-<=-12 export asked (both readings shown), imported as answered, and the
    answer reused for the next file with the same columns?"""
    view = TimeSplitView(session)
    set_range(view, *MARCH)
    data = (TT / "clockify_mm-dd-yyyy_days_up_to_12.csv").read_bytes()
    upload(view, "clockify.csv", data)
    assert view.date_box.layout.display is None
    assert "Monday 2 March 2026" in view.date_question.value
    assert "Tuesday 3 February 2026" in view.date_question.value
    assert stored(session).get("entries", []) == []
    view.date_buttons["mdy"].click()
    assert view.import_messages.kind == "success", view.import_messages.text
    days = sorted(e["day"] for e in stored(session)["entries"])
    assert days == ["2026-03-02", "2026-03-03", "2026-03-11"]
    assert list(stored(session)["date_orders"].values()) == ["mdy"]
    assert view.date_box.layout.display == "none"
    # The next export with the same columns is read the same way without asking.
    moved = data.replace(b"03-11-2026", b"03-10-2026").replace(b"03-12-2026", b"03-11-2026")
    upload(view, "clockify2.csv", moved)
    assert view.date_box.layout.display == "none"
    assert "2026-03-10" in {e["day"] for e in stored(session)["entries"]}


def test_the_browser_zone_is_shown_and_saved_and_not_overwritten_by_utc(session):
    """Is the zone the browser reports shown and saved, and kept by the next settings change?"""
    view = TimeSplitView(session)
    view.browser_zone.value = "Europe/Berlin"
    assert stored(session)["timezone"] == "Europe/Berlin"
    assert view.timezone.value == "Europe/Berlin"
    assert "Europe/Berlin" in view.zone_note.value
    view.owner_email.value = "me@example.org"
    assert stored(session)["timezone"] == "Europe/Berlin"


def test_after_the_calendar_guess_the_field_shows_it_and_keeps_it(session):
    """After a calendar's own zone is adopted, does the field show it, and the next settings
    change save it rather than UTC?"""
    view = TimeSplitView(session)
    set_range(view, *MARCH)
    upload(view, "sample_calendar.ics", (DATA / "sample_calendar.ics").read_bytes())
    assert view.timezone.value == "Europe/London"
    view.owner_email.value = "alex.morgan@example.org"
    assert stored(session)["timezone"] == "Europe/London"


def test_reimport_after_giving_the_email_takes_out_the_declined_meeting(session):
    """Typing one's e-mail after an import and importing again: is the declined meeting gone?"""
    ics = (
        (DATA / "sample_calendar.ics")
        .read_bytes()
        .replace(b"X-WR-CALNAME:alex.morgan@example.org\r\n", b"")
    )
    assert b"X-WR-CALNAME:alex" not in ics
    view = TimeSplitView(session)
    set_range(view, *MARCH)
    view.timezone.value = "Europe/London"
    upload(view, "calendar.ics", ics)
    first = len(stored(session)["entries"])
    assert "list an attendee who declined" in view.import_messages.text
    view.owner_email.value = "alex.morgan@example.org"
    upload(view, "calendar.ics", ics)
    assert len(stored(session)["entries"]) == first - 1
    assert "Took out 1 earlier entry" in view.import_messages.text


def test_a_header_only_export_says_no_entries_and_changes_nothing(with_calendar, session):
    """Does a header-only export say it has no entries, and leave the log as it was?"""
    before = stored(session)["entries"]
    upload(with_calendar, "empty.csv", (TT / "toggl_header_only.csv").read_bytes())
    text = with_calendar.import_messages.text
    assert "Read 0 entries" in text and "no entries" in text
    assert "is empty" not in text and "check the date range" not in text
    assert stored(session)["entries"] == before


def test_a_calendar_repeating_every_second_leaves_the_log_as_it_was(with_calendar, session):
    """Is the FREQ=SECONDLY calendar refused at once on the page, named, the log unchanged?"""
    before = stored(session)["entries"]
    flood = Path(__file__).resolve().parent / "data" / "calendar" / "rrule_secondly_no_end.ics"
    upload(with_calendar, "flood.ics", flood.read_bytes())
    text = with_calendar.import_messages.text
    assert "Left out the event 'Flood'" in text and "repeats every second" in text
    assert stored(session)["entries"] == before


def test_a_fresh_page_says_no_entries_yet_instead_of_empty_charts(session):
    """Before any data, is there a plain 'no entries yet' and no split chart at all?"""
    view = TimeSplitView(session)
    assert "No entries yet" in view.empty_note.value
    assert not {"split", "weekly", "trend", "community", "focus"} & set(view.figures)
    assert view.outputs["split"].layout.display == "none"
    assert view.summary.value == ""


def test_the_samples_imported_as_the_readme_says_follow_the_file_and_count_once(session):
    """With the default range (the last four weeks), do the March 2026 samples move the range
    to their weeks, saying so, and does the Toggl export after the calendar count the two
    weeks both describe once (the tracker's), with the choice of the calendar saved?"""
    view = TimeSplitView(session)
    assert view.range_end.value > MARCH[1]  # the default: recent weeks, not March
    upload(view, "sample_calendar.ics", (DATA / "sample_calendar.ics").read_bytes())
    assert "Read 58 entries" in view.import_messages.text
    assert "the range now covers the file's weeks: 02 Mar 2026 to 29 Mar 2026" in (
        view.import_messages.text
    )
    assert (view.range_start.value, view.range_end.value) == MARCH
    assert stored(session)["date_range"] == {"start": "2026-03-02", "end": "2026-03-29"}
    assert view.empty_note.value == "" and "split" in view.figures
    calendar_total = view.model.report().overall.total_hours
    upload(view, "sample_toggl.csv", (DATA / "sample_toggl.csv").read_bytes())
    assert view.import_messages.kind == "success", view.import_messages.text
    assert "range now covers" not in view.import_messages.text  # it held data: kept
    assert view.double_box.layout.display is None
    assert "count the time tracker only" in view.double_note.text
    assert "25.8 h, left out" in view.double_note.text
    both = view.model.report().overall.total_hours
    assert both == pytest.approx(calendar_total - 25.75 + 61.0)
    view.double_choice.value = "calendar"
    assert stored(session)["double_log"] == "calendar"
    assert view.model.report().overall.total_hours == pytest.approx(calendar_total)


def test_rows_typed_but_not_added_are_kept_as_a_draft_across_a_reload(session):
    """Are rows typed into 'Or type a week' without 'Save this week' kept (saved as a draft,
    said to be not yet added), back after a reload, and the draft gone once the week is added?"""
    view = TimeSplitView(session)
    set_range(view, *MARCH)
    view.manual_week.value = dt.date(2026, 3, 4)
    row = view.manual_rows[0]
    row.day.value, row.description.value, row.hours.value = 1, "Budget <b>review</b>", 3
    row.category.value = "delivery"
    draft = stored(session)["manual_draft"]
    assert draft["week"] == "2026-03-02" and draft["rows"][0]["description"] == (
        "Budget <b>review</b>"
    )
    assert "Not yet added" in view.drafts.note.text and "Save this week" in view.drafts.note.text
    assert stored(session).get("entries", []) == []

    again = TimeSplitView(
        Session(session.store, identity="key", workbook_id=session.workbook_id, key=session.key)
    )
    first = again.manual_rows[0]
    assert again.manual_week.value == dt.date(2026, 3, 2)
    assert (first.day.value, first.description.value, first.hours.value) == (
        1,
        "Budget <b>review</b>",
        3,
    )
    assert "Not yet added: what you typed for the week of 02 March 2026 (1 row)" in (
        again.drafts.note.text
    )
    again.save_week_button.click()
    assert again.messages.kind == "success", again.messages.text
    assert "manual_draft" not in stored(session)
    assert [e["description"] for e in stored(session)["entries"]] == ["Budget <b>review</b>"]
    assert again.drafts.note.text == ""
