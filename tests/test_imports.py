"""Tests of playbook.imports: decoding, size limit, time-tracker CSVs and iCalendar files.

Reference files: the sample files in ``data/`` (Toggl and Clockify detailed reports in their
documented column sets), and the real-world calendars that ship with the ``icalendar`` and
``recurring-ical-events`` packages (Google, Microsoft Exchange, Thunderbird, SabreDAV exports,
plus their deliberately broken ones).
"""

from __future__ import annotations

import contextlib
import string
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook.errors import FileTooLargeError, ImportFileError, InputError, PlaybookError
from playbook.imports import (
    IMPORT_LIMIT_BYTES,
    ColumnMapping,
    check_size,
    decode_text,
    describe_encoding,
    entry_id,
)
from playbook.imports.calendar import (
    CalendarFormatError,
    guess_calendar_timezone,
    parse_calendar,
)
from playbook.imports.timetracker import (
    CLOCKIFY,
    TOGGL,
    CsvFormatError,
    DateOrderQuestion,
    detect_format,
    header_signature,
    parse_timetracker_csv,
    read_headers,
)
from playbook.time_split import merge_entries
from tests.calendar_reference import reference_counts, sample_entries

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
RIE_CALENDARS = Path(recurring_ical_events.__file__).parent / "test" / "calendars"
ICAL_CALENDARS = Path(icalendar.__file__).parent / "tests" / "calendars"

TOGGL_HEADER = ",".join(TOGGL.columns)
CLOCKIFY_HEADER = ",".join(CLOCKIFY.columns)
MARCH = (date(2026, 3, 2), date(2026, 3, 29))


def toggl_csv(*rows: str, header: str = TOGGL_HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def toggl_row(desc: str, sd: str, st_: str, ed: str, et: str, dur: str = "", tags: str = "") -> str:
    return f"Alex,alex@example.org,,Hamlet,,{desc},No,{sd},{st_},{ed},{et},{dur},{tags},"


# --- common pieces ----------------------------------------------------------------------------


def test_import_limit_is_ten_mebibytes():
    """Is the import limit exactly 10 MiB, the server's upload limit?"""
    assert IMPORT_LIMIT_BYTES == 10 * 1024 * 1024


def test_file_at_the_limit_passes_and_one_byte_more_fails():
    """Is a file of exactly the limit accepted, and one byte more refused with both sizes?"""
    check_size(b"x" * 100, limit=100)
    with pytest.raises(FileTooLargeError, match="101 bytes.*100 bytes"):
        check_size(b"x" * 101, limit=100)


def test_parsers_refuse_a_file_over_the_limit():
    """Do both parsers refuse an 11 MiB file before reading it?"""
    big = b"a" * (IMPORT_LIMIT_BYTES + 1)
    with pytest.raises(FileTooLargeError):
        parse_timetracker_csv(big)
    with pytest.raises(FileTooLargeError):
        parse_calendar(big, "UTC", *MARCH)


def test_empty_file_is_named_empty():
    """Is an empty (or blank) upload reported as empty?"""
    with pytest.raises(ImportFileError, match="empty"):
        parse_timetracker_csv(b"  \n")


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("Zoë's 1:1".encode(), "Zoë's 1:1", "utf-8"),
        (b"\xef\xbb\xbf" + "Zoë".encode(), "Zoë", "utf-8-sig"),
        ("Zoë – réunion".encode("cp1252"), "Zoë – réunion", "cp1252"),
        (b"caf\xe9 \x81", "café \x81", "latin-1"),  # 0x81 is undefined in cp1252
        ("Zoë".encode("utf-16"), "Zoë", "utf-16"),
    ],
)
def test_decode_text_tries_the_usual_encodings_and_says_which(data, text, encoding):
    """Does decode_text fall back through UTF-8, Windows-1252 and Latin-1, naming the one used?"""
    assert decode_text(data) == (text, encoding)
    assert describe_encoding(encoding)


def test_binary_file_is_not_decoded_as_latin1():
    """Is an Excel workbook (a zip) refused as not text, rather than read as gibberish?"""
    with pytest.raises(ImportFileError, match="not a text file"):
        decode_text(b"PK\x03\x04\x14\x00\x00\x00")


def test_entry_id_is_stable_across_display_time_zones():
    """Does the same instant give the same id whichever zone it is shown in (dedupe)?"""
    from zoneinfo import ZoneInfo

    utc = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("UTC"))
    ny = utc.astimezone(ZoneInfo("America/New_York"))
    assert entry_id("ics", utc, utc, "x") == entry_id("ics", ny, ny, "x")
    assert entry_id("ics", utc, utc, "x") != entry_id("ics", utc, utc, "y")


# --- Toggl and Clockify -----------------------------------------------------------------------


def test_sample_toggl_export_is_read():
    """Is the sample Toggl Track detailed report read in full, with project and tags?"""
    result = parse_timetracker_csv((DATA / "sample_toggl.csv").read_bytes(), "Europe/London")
    assert result.format == "Toggl Track"
    assert result.encoding == "utf-8"
    assert len(result.entries) == 44
    first = result.entries[0]
    assert (first.description, first.project, first.hours) == (
        "Stand-up with stage management",
        "Hamlet",
        0.25,
    )
    assert first.start.isoformat() == "2026-03-02T09:30:00+00:00"
    assert result.entries[2].tags == ("budget",)
    assert all(e.source == "toggl" for e in result.entries)


def test_sample_clockify_export_is_read_with_12_hour_times_and_bom():
    """Is the sample Clockify report (BOM, MM/DD/YYYY, 01:30:00 PM) read right?"""
    result = parse_timetracker_csv((DATA / "sample_clockify.csv").read_bytes(), "Europe/London")
    assert result.format == "Clockify"
    assert result.encoding == "utf-8-sig"
    assert len(result.entries) == 44
    drafting = next(e for e in result.entries if e.description.startswith("Drafting"))
    assert drafting.start.isoformat() == "2026-03-16T14:00:00+00:00"
    assert drafting.hours == 3.5
    assert any("Zoë" in e.description for e in result.entries)
    assert result.warnings == []


def test_toggl_newer_stop_columns_and_duration_only():
    """Are newer Toggl exports (Stop date/Stop time) and duration-only rows read?"""
    header = (
        "Member,Email,Project,Description,Start date,Start time,Stop date,Stop time,Duration,Tags"
    )
    data = (
        header + "\nA,a@x.org,P,Budget review,2026-03-02,09:00:00,2026-03-02,10:30:00,01:30:00,\n"
    ).encode()
    assert parse_timetracker_csv(data).entries[0].hours == 1.5
    header2 = "Description,Start date,Start time,Duration"
    data2 = (header2 + "\nCall sheet,2026-03-02,09:00:00,02:15:00\n").encode()
    entry = parse_timetracker_csv(data2).entries[0]
    assert entry.end.isoformat() == "2026-03-02T11:15:00+00:00"


def test_entry_across_the_dst_change_counts_elapsed_hours():
    """Does a 22:00-04:00 tech night across the spring-forward change count 5 hours, not 6?"""
    data = toggl_csv(
        toggl_row("Tech rehearsal", "2026-03-28", "22:00:00", "2026-03-29", "04:00:00", "05:00:00")
    )
    entry = parse_timetracker_csv(data, "Europe/Berlin").entries[0]
    assert entry.hours == 5.0
    assert entry.start.utcoffset() == timedelta(hours=1)
    assert entry.end.utcoffset() == timedelta(hours=2)


def test_day_first_clockify_dates_are_recognised():
    """Are Clockify dates written day-first (25/03/2026) read as day-first?"""
    row = "P,C,Budget review,,U,,u@x.org,,No,25/03/2026,09:00,25/03/2026,10:00,01:00:00,1.00,0,0"
    data = (CLOCKIFY_HEADER + "\n" + row + "\n").encode()
    result = parse_timetracker_csv(data)
    assert result.entries[0].day == date(2026, 3, 25)
    assert result.warnings == []


def test_ambiguous_slash_dates_are_asked_never_guessed():
    """Are dates that read both ways (03/04/2026) a question, read as answered?"""
    row = "P,C,Budget review,,U,,u@x.org,,No,03/04/2026,09:00,03/04/2026,10:00,01:00:00,1.00,0,0"
    data = (CLOCKIFY_HEADER + "\n" + row + "\n").encode()
    with pytest.raises(DateOrderQuestion) as info:
        parse_timetracker_csv(data)
    assert info.value.examples == [("03/04/2026", date(2026, 3, 4), date(2026, 4, 3))]
    assert parse_timetracker_csv(data, date_order="mdy").entries[0].day == date(2026, 3, 4)
    assert parse_timetracker_csv(data, date_order="dmy").entries[0].day == date(2026, 4, 3)


def test_toggl_missing_a_needed_column_says_which_columns_were_expected():
    """Does a Toggl export without 'Start date' name the missing and the expected columns?"""
    header = TOGGL_HEADER.replace("Start date,", "")
    with pytest.raises(CsvFormatError) as info:
        parse_timetracker_csv(toggl_csv("x", header=header))
    message = str(info.value)
    assert "Toggl Track" in message and "Start date" in message
    assert "User, Email, Client, Project, Task, Description" in message


def test_unknown_csv_lists_expected_and_found_columns():
    """Does an unknown CSV say which columns were expected and which were found?"""
    with pytest.raises(CsvFormatError) as info:
        parse_timetracker_csv(b"When,What,Hours\n2026-03-02 09:00,Budget,1\n")
    assert info.value.headers == ["When", "What", "Hours"]
    message = str(info.value)
    assert "Duration (h)" in message and "'When'" in message


def test_generic_csv_through_a_mapping_with_semicolons_cp1252_and_decimal_comma():
    """Is a European spreadsheet CSV (;, cp1252, 1,5 h) read through the participant's mapping?"""
    data = "Datum;Beginn;Stunden;Tätigkeit;Stichworte\n02.03.2026;09:00;1,5;Réunion budget;a, b\n"
    mapping = ColumnMapping.from_choices(
        date="Datum", start="Beginn", duration="Stunden", description="Tätigkeit", tags="Stichworte"
    )
    headers, encoding = read_headers(data.encode("cp1252"))
    assert headers[3] == "Tätigkeit" and encoding == "cp1252"
    result = parse_timetracker_csv(data.encode("cp1252"), "Europe/Paris", mapping=mapping)
    entry = result.entries[0]
    assert result.format == "CSV (your column mapping)"
    assert (entry.description, entry.hours, entry.tags) == ("Réunion budget", 1.5, ("a", "b"))
    assert entry.start.isoformat() == "2026-03-02T09:00:00+01:00"
    assert "not UTF-8" in result.summary()


def test_mapping_with_datetime_columns_and_end_past_midnight():
    """Are ISO date-times and a time-only end that crosses midnight read right?"""
    m1 = ColumnMapping.from_choices(start="From", end="To", description="Task")
    data = b"From,To,Task\n2026-03-02T09:00,2026-03-02T11:30,Load-in\n"
    assert parse_timetracker_csv(data, mapping=m1).entries[0].hours == 2.5
    m2 = ColumnMapping.from_choices(date="Day", start="From", end="To", description="Task")
    data2 = b"Day,From,To,Task\n2026-03-02,22:00,01:00,Show call\n"
    assert parse_timetracker_csv(data2, mapping=m2).entries[0].hours == 3.0


def test_mapping_naming_an_absent_column_says_so():
    """Does a remembered mapping that no longer fits the file name the missing columns?"""
    mapping = ColumnMapping.from_choices(start="When", duration="Hours", description="What")
    with pytest.raises(CsvFormatError, match="Hours"):
        parse_timetracker_csv(b"When,What\n2026-03-02 09:00,x\n", mapping=mapping)


def test_mapping_needs_an_end_or_a_duration():
    """Is a mapping with neither end nor duration refused with a message?"""
    with pytest.raises(InputError, match="end time or .* duration"):
        ColumnMapping.from_choices(start="When", description="What", end="", duration=None)


def test_header_signature_ignores_order_case_and_spacing():
    """Is a mapping remembered for the same columns in another order or case?"""
    assert header_signature(["Date", "Task "]) == header_signature(["task", "DATE"])


def test_bad_rows_are_left_out_and_named_by_line():
    """Are unreadable, reversed and runaway rows left out with their line numbers?"""
    data = toggl_csv(
        toggl_row("ok", "2026-03-02", "09:00:00", "2026-03-02", "10:00:00"),
        toggl_row("bad time", "2026-03-02", "9 o'clock", "2026-03-02", "10:00:00"),
        toggl_row("reversed", "2026-03-02", "11:00:00", "2026-03-02", "10:00:00"),
        toggl_row("timer left on", "2026-03-02", "09:00:00", "2026-03-04", "10:00:00"),
    )
    result = parse_timetracker_csv(data)
    assert [e.description for e in result.entries] == ["ok"]
    assert result.skipped == {"unreadable": 1, "ending before they start": 1, "over 24 hours": 1}
    assert "line 3" in result.warnings[0] and "line 5" in result.warnings[0]


def test_no_readable_row_is_an_error_quoting_the_problem():
    """Is a file where no row can be read an error that quotes the first problem?"""
    data = toggl_csv(toggl_row("x", "someday", "09:00:00", "someday", "10:00:00"))
    with pytest.raises(ImportFileError, match="someday"):
        parse_timetracker_csv(data)


def test_date_range_filters_rows():
    """Are rows outside the chosen date range counted, not imported?"""
    result = parse_timetracker_csv(
        (DATA / "sample_toggl.csv").read_bytes(),
        "Europe/London",
        date_range=(date(2026, 3, 9), date(2026, 3, 13)),
    )
    assert len(result.entries) == 22
    assert result.skipped == {"outside the date range": 22}


def test_reimporting_the_same_csv_adds_nothing():
    """Does importing the same export twice add no duplicates?"""
    data = (DATA / "sample_toggl.csv").read_bytes()
    first = parse_timetracker_csv(data, "Europe/London").entries
    merged = merge_entries([], first)
    again = merge_entries(merged.entries, parse_timetracker_csv(data, "Europe/London").entries)
    assert (merged.added, again.added, again.duplicates) == (44, 0, 44)


def test_detect_format_tells_toggl_from_clockify():
    """Are the two documented column sets told apart (Duration vs Duration (h))?"""
    assert detect_format(list(TOGGL.columns)) is TOGGL
    assert detect_format(list(CLOCKIFY.columns)) is CLOCKIFY
    assert detect_format(["Date", "Hours"]) is None


def test_unknown_time_zone_is_an_input_error():
    """Is a mistyped time zone a participant-readable error?"""
    with pytest.raises(InputError, match="Europe/Lodnon"):
        parse_timetracker_csv((DATA / "sample_toggl.csv").read_bytes(), "Europe/Lodnon")


# --- iCalendar --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_calendar():
    return parse_calendar((DATA / "sample_calendar.ics").read_bytes(), "Europe/London", *MARCH)


def _on(result, day: date, prefix: str):
    return [e for e in result.entries if e.day == day and e.description.startswith(prefix)]


def test_sample_calendar_counts(sample_calendar):
    """Does the sample calendar give one entry per occurrence in March (as icalendar and
    recurring-ical-events expand the file), leaving out the declined and the cancelled one?"""
    _total, cancelled, declined = reference_counts(*MARCH)
    assert (cancelled, declined) == (1, 1)
    assert len(sample_calendar.entries) == sample_entries() == 58
    assert sample_calendar.skipped == {"declined": declined, "cancelled": cancelled}
    assert sample_calendar.format == "iCalendar"


def test_recurring_events_are_expanded_with_exdate_rdate_and_moved_occurrences(sample_calendar):
    """Are RRULE, EXDATE, RDATE and a moved occurrence (RECURRENCE-ID) all honoured?"""
    standups = [e for e in sample_calendar.entries if e.description.startswith("Stand-up")]
    assert len(standups) == 19  # 20 weekdays, one EXDATE (Fri 20 March)
    assert not _on(sample_calendar, date(2026, 3, 20), "Stand-up")
    assert not _on(sample_calendar, date(2026, 3, 19), "Budget review")
    [moved] = _on(sample_calendar, date(2026, 3, 20), "Budget review")
    assert moved.start.strftime("%H:%M") == "15:00"
    assert _on(sample_calendar, date(2026, 3, 27), "1:1 with Priya")  # the RDATE


def test_time_zones_and_dst_are_converted(sample_calendar):
    """Is a New York call at 15:00 London time before US DST and 14:00 after, and BST applied?"""
    calls = [e for e in sample_calendar.entries if e.description.startswith("Stakeholder call")]
    assert [e.start.strftime("%d %H:%M") for e in calls] == [
        "03 15:00",
        "10 14:00",
        "17 14:00",
        "24 14:00",
    ]
    [brunch] = _on(sample_calendar, date(2026, 3, 29), "Company brunch")
    assert brunch.start.isoformat() == "2026-03-29T11:00:00+01:00"


def test_all_day_event_is_a_marker_worth_the_chosen_hours(sample_calendar):
    """Is an all-day event listed with 0 hours by default, and 8 when asked?"""
    [opening] = _on(sample_calendar, date(2026, 3, 26), "Opening night")
    assert opening.all_day and opening.hours == 0 and opening.start is None
    again = parse_calendar(
        (DATA / "sample_calendar.ics").read_bytes(), "Europe/London", *MARCH, all_day_hours=8
    )
    assert _on(again, date(2026, 3, 26), "Opening night")[0].hours == 8


def test_declined_follows_the_owner_email():
    """Is a meeting declined by the owner left out, but kept for an owner who accepted?"""
    data = (DATA / "sample_calendar.ics").read_bytes()
    as_dana = parse_calendar(data, "Europe/London", *MARCH, owner_email="Dana.Fox@example.org")
    assert _on(as_dana, date(2026, 3, 11), "Marketing brainstorm")
    assert "declined" not in as_dana.skipped


def test_declined_without_a_known_owner_is_kept_with_a_warning():
    """With no owner known, is a declined attendee reported rather than guessed?"""
    data = (
        (DATA / "sample_calendar.ics")
        .read_bytes()
        .replace(b"X-WR-CALNAME:alex.morgan@example.org", b"X-WR-CALNAME:Work")
    )
    result = parse_calendar(data, "Europe/London", *MARCH)
    assert _on(result, date(2026, 3, 11), "Marketing brainstorm")
    assert any("declined" in w for w in result.warnings)


def test_reimporting_the_same_calendar_adds_nothing(sample_calendar):
    """Does a second import of the same calendar (even in another zone) add no duplicates?"""
    merged = merge_entries([], sample_calendar.entries)
    other_zone = parse_calendar(
        (DATA / "sample_calendar.ics").read_bytes(), "Europe/London", *MARCH
    )
    assert merge_entries(merged.entries, other_zone.entries).added == 0


def test_guess_calendar_timezone_reads_x_wr_timezone():
    """Is the sample calendar's own zone offered as the default?"""
    assert guess_calendar_timezone((DATA / "sample_calendar.ics").read_bytes()) == "Europe/London"


def test_real_google_calendar_cancelled_occurrence():
    """recurring-ical-events' issue_18 (Thunderbird): is the cancelled occurrence left out?"""
    data = (RIE_CALENDARS / "issue_18_cancel_status.ics").read_bytes()
    result = parse_calendar(data, "Europe/Berlin", date(2020, 1, 28), date(2020, 1, 31))
    assert [e.day.day for e in result.entries] == [28, 30]
    assert result.skipped == {"cancelled": 1}


def test_real_calendar_exdate_across_dst():
    """each_week_but_one_deleted: 8 weekly events, one EXDATE, 00:30 local both sides of DST?"""
    data = (RIE_CALENDARS / "each_week_but_one_deleted.ics").read_bytes()
    result = parse_calendar(data, "Europe/Berlin", date(2019, 3, 1), date(2019, 5, 31))
    assert len(result.entries) == 7
    assert {e.start.strftime("%H:%M") for e in result.entries} == {"00:30"}
    assert {e.start.utcoffset() for e in result.entries} == {
        timedelta(hours=1),
        timedelta(hours=2),
    }


def test_real_google_calendar_utc_times_to_new_york():
    """x_wr_timezone_simple_events_issue_59 (Google): is "noon to 1PM" 12:00-13:00 in New York?"""
    data = (RIE_CALENDARS / "x_wr_timezone_simple_events_issue_59.ics").read_bytes()
    result = parse_calendar(data, "America/New_York", date(2021, 12, 22), date(2021, 12, 22))
    assert [e.start.strftime("%H:%M") for e in result.entries] == ["12:00", "21:00"]


def test_real_exchange_calendar_with_windows_zone_and_moved_all_day_occurrences():
    """issue_28 (Microsoft Exchange, 'GMT Standard Time'): is a moved bin day on 17 April?"""
    data = (RIE_CALENDARS / "issue_28_rrule_with_UTC_endinginZ.ics").read_bytes()
    result = parse_calendar(data, "Europe/London", date(2020, 4, 1), date(2020, 4, 30))
    days = [e.day.day for e in result.entries]
    assert days == [2, 9, 17, 23, 30]
    assert all(e.all_day for e in result.entries)


def test_real_thunderbird_calendar_with_long_vtimezone():
    """issue_223_thunderbird: are the five occurrences read in British Summer Time?"""
    data = (RIE_CALENDARS / "issue_223_thunderbird.ics").read_bytes()
    result = parse_calendar(data, "Europe/London", date(2025, 1, 1), date(2025, 12, 31))
    assert len(result.entries) == 5
    assert {e.start.utcoffset() for e in result.entries} == {timedelta(hours=1)}


def test_multi_day_timed_event_becomes_day_markers():
    """daylight_saving_time (Google): is a 31.5-hour workshop two day markers, not 31.5 h?"""
    data = (RIE_CALENDARS / "daylight_saving_time.ics").read_bytes()
    result = parse_calendar(data, "Europe/Berlin", date(2019, 3, 9), date(2019, 3, 10))
    hack = [e for e in result.entries if e.description == "Open Health HACKademy"]
    assert [(e.day.day, e.all_day, e.hours) for e in hack] == [(9, True, 0.0), (10, True, 0.0)]


def test_broken_line_names_the_line():
    """icalendar's issue_104_broken_calendar: does the error say line 13?"""
    data = (ICAL_CALENDARS / "issue_104_broken_calendar.ics").read_bytes()
    with pytest.raises(CalendarFormatError, match="line 13") as info:
        parse_calendar(data, "UTC", *MARCH)
    assert info.value.line == 13


def test_bad_utc_offset_names_the_line():
    """parsing_error_in_UTC_offset: is the offending TZOFFSET line found?"""
    data = (ICAL_CALENDARS / "parsing_error_in_UTC_offset.ics").read_bytes()
    with pytest.raises(CalendarFormatError) as info:
        parse_calendar(data, "UTC", *MARCH)
    line = data.decode().splitlines()[info.value.line - 1]
    assert "+5744" in line


def test_cut_short_calendar_says_so():
    """big_bad_calendar (no END:VCALENDAR): is it called cut short, with its last line?"""
    data = (ICAL_CALENDARS / "big_bad_calendar.ics").read_bytes()
    with pytest.raises(CalendarFormatError, match="cut short"):
        parse_calendar(data, "UTC", *MARCH)


def test_broken_event_is_left_out_and_named():
    """broken_dtstart: is the event with an unreadable DTSTART named with its line?"""
    data = (ICAL_CALENDARS / "broken_dtstart.ics").read_bytes()
    result = parse_calendar(data, "UTC", date(2000, 1, 1), date(2002, 12, 31))
    assert result.skipped == {"unreadable": 1}
    assert "line 4" in result.warnings[0]


def test_bad_rrule_series_is_left_out_and_the_rest_kept():
    """bad_rrule_missing_until_event: is the bad series named, the calendar still read?"""
    data = (RIE_CALENDARS / "bad_rrule_missing_until_event.ics").read_bytes()
    result = parse_calendar(data, "UTC", date(2019, 1, 1), date(2019, 12, 31))
    assert any("repetition cannot be read" in w for w in result.warnings)


def test_not_a_calendar_says_what_line_one_is():
    """Is a CSV uploaded as a calendar refused with what its first line is?"""
    with pytest.raises(CalendarFormatError, match="BEGIN:VCALENDAR.*User,Email"):
        parse_calendar((DATA / "sample_toggl.csv").read_bytes(), "UTC", *MARCH)


def test_calendar_range_is_validated():
    """Are a reversed or a four-year date range refused?"""
    data = (DATA / "sample_calendar.ics").read_bytes()
    with pytest.raises(InputError, match="before it starts"):
        parse_calendar(data, "UTC", date(2026, 3, 2), date(2026, 3, 1))
    with pytest.raises(InputError, match="three years"):
        parse_calendar(data, "UTC", date(2020, 1, 1), date(2024, 1, 1))


@pytest.mark.parametrize(
    "path",
    sorted(RIE_CALENDARS.glob("*.ics")) + sorted(ICAL_CALENDARS.glob("*.ics")),
    ids=lambda p: p.name,
)
def test_every_shipped_calendar_reads_or_fails_with_a_playbook_error(path):
    """Does every real and broken calendar the two packages ship give entries or our error?"""
    try:
        result = parse_calendar(
            path.read_bytes(), "Europe/Berlin", date(2019, 1, 1), date(2021, 12, 31)
        )
    except PlaybookError as err:
        assert str(err)
        return
    for entry in result.entries:
        assert entry.hours >= 0
        assert entry.all_day or entry.start <= entry.end


# --- property-based: the parsers raise only the project's documented errors ------------------

_FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FUZZ
@given(st.binary(max_size=2000))
def test_csv_parser_raises_only_playbook_errors_on_any_bytes(data):
    """Do arbitrary bytes give entries or a PlaybookError, never another exception?"""
    with contextlib.suppress(PlaybookError):
        parse_timetracker_csv(data)


@_FUZZ
@given(st.binary(max_size=2000))
def test_calendar_parser_raises_only_playbook_errors_on_any_bytes(data):
    """Do arbitrary bytes given as a calendar raise only PlaybookErrors?"""
    with contextlib.suppress(PlaybookError):
        parse_calendar(data, "UTC", *MARCH)


_cell = st.text(alphabet=string.printable + "éü–", max_size=12)


@_FUZZ
@given(st.lists(st.lists(_cell, min_size=14, max_size=14), min_size=1, max_size=8))
def test_toggl_shaped_rows_with_garbage_cells_raise_only_playbook_errors(rows):
    """Do Toggl headers over garbage cells give entries or a PlaybookError?"""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TOGGL.columns)
    writer.writerows(rows)
    with contextlib.suppress(PlaybookError):
        parse_timetracker_csv(out.getvalue().encode(), mapping=None)


_ics_line = st.sampled_from(
    [
        "BEGIN:VEVENT",
        "END:VEVENT",
        "UID:x",
        "SUMMARY:Budget review",
        "DTSTART:20260302T090000Z",
        "DTSTART;TZID=Europe/London:20260303T090000",
        "DTSTART;VALUE=DATE:20260304",
        "DTSTART:2026",
        "DTEND:20260302T100000Z",
        "DTEND;VALUE=DATE:20260305",
        "DURATION:PT1H",
        "DURATION:P99999999W",
        "RRULE:FREQ=DAILY;COUNT=3",
        "RRULE:FREQ=WEEKLY;UNTIL=2026",
        "RRULE:FREQ=NONSENSE",
        "EXDATE:20260303T090000Z",
        "EXDATE:",
        "RDATE:20260310T090000Z",
        "RECURRENCE-ID:20260303T090000Z",
        "STATUS:CANCELLED",
        "ATTENDEE;PARTSTAT=DECLINED:mailto:a@b.c",
        "BEGIN:VTIMEZONE",
        "END:VTIMEZONE",
        "TZID:Europe/London",
        "TZOFFSETTO:+9999",
        "X:",
        ";;;",
        " folded continuation",
    ]
)


@_FUZZ
@given(st.lists(_ics_line, max_size=30))
def test_calendar_shaped_garbage_raises_only_playbook_errors(lines):
    """Do shuffled calendar lines give entries or a PlaybookError, never another exception?"""
    text = "\r\n".join(["BEGIN:VCALENDAR", *lines, "END:VCALENDAR"]) + "\r\n"
    with contextlib.suppress(PlaybookError):
        parse_calendar(text.encode(), "Europe/London", *MARCH, owner_email="a@b.c")


def test_a_shorter_range_gives_exactly_the_events_of_those_days():
    """Does importing one week give the same entries as the whole month cut to that week?
    (Every event is parsed, issue 19; those outside the range are counted as such.)"""
    data = (DATA / "sample_calendar.ics").read_bytes()
    week = (date(2026, 3, 16), date(2026, 3, 22))
    month = parse_calendar(data, "Europe/London", *MARCH)
    one_week = parse_calendar(data, "Europe/London", *week)
    expected = {e.id for e in month.entries if week[0] <= e.day <= week[1]}
    assert {e.id for e in one_week.entries} == expected
    assert one_week.skipped["outside the date range"] > 0


def test_an_event_begun_before_the_range_still_counts_its_days_inside():
    """Is a three-day all-day event that began before the range kept for its days inside it?"""
    ics = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:tour\r\nSUMMARY:On tour\r\n"
        b"DTSTART;VALUE=DATE:20260314\r\nDTEND;VALUE=DATE:20260318\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:old\r\nSUMMARY:Last year\r\n"
        b"DTSTART:20250314T090000Z\r\nDTEND:20250314T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = parse_calendar(ics, "UTC", date(2026, 3, 16), date(2026, 3, 22))
    assert [(e.day.day, e.all_day) for e in result.entries] == [(16, True), (17, True)]
    assert result.skipped == {"outside the date range": 1}
