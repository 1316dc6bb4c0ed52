"""Issue 19, the time-tracker half: date-only rows, the mapping's end date, a duration
column's unit, Harvest's detailed report, and Toggl's and Clockify's summary reports (the
files in tests/data/timetracker/, each layout's source named in its README)."""

from datetime import date
from pathlib import Path

import pytest

from playbook.errors import ImportFileError
from playbook.imports import ColumnMapping
from playbook.imports.timetracker import parse_timetracker_csv
from playbook.imports.timetracker.dates import duration_unit
from playbook.imports.timetracker.layouts import SummaryReportError

DATA = Path(__file__).parent / "data" / "timetracker"


def read(name, mapping=None, **kw):
    return parse_timetracker_csv((DATA / name).read_bytes(), "Europe/London", mapping, **kw)


def test_harvest_detailed_report_is_day_entries_without_mapping():
    """Is Harvest's detailed export recognised, each row a day entry by its decimal hours,
    titled from Notes (or Task when blank) with its Project and the Task as a tag?"""
    result = read("harvest_detailed.csv")
    assert result.format == "Harvest"
    assert [(e.day, e.hours) for e in result.entries] == [
        (date(2026, 3, 16), 1.5),
        (date(2026, 3, 16), 2.25),
        (date(2026, 3, 16), 3.0),
        (date(2026, 3, 17), 0.75),
        (date(2026, 3, 17), 1.0),
    ]
    assert all(e.start is None and not e.timed for e in result.entries)
    first, _, blank_notes, internal, _ = result.entries
    assert (first.description, first.project, first.tags) == (
        "Weekly production meeting",
        "Hamlet",
        ("Production meetings",),
    )
    assert blank_notes.description == "Rehearsal"
    assert internal.project == "Internal"
    assert sum(e.hours for e in result.entries) == 8.5
    assert "counted on their day by their duration" in result.warnings[0]


def test_harvest_with_its_notes_column_missing_titles_rows_by_task():
    """Is a Harvest export without Notes still read, titled by the task?"""
    text = "Date,Project,Task,Hours,Hours Rounded,Billable?\n2026-03-16,Hamlet,Budget,1.5,1.5,Yes\n"
    result = parse_timetracker_csv(text.encode())
    assert result.format == "Harvest"
    assert [(e.description, e.hours) for e in result.entries] == [("Budget", 1.5)]


@pytest.mark.parametrize(
    ("name", "mapping", "expected"),
    [
        (
            "harvest_mapped_day_first.csv",
            ColumnMapping(description="Notizen", start="Datum", duration="Stunden"),
            [(date(2026, 3, 16), 1.5), (date(2026, 3, 16), 2.0), (date(2026, 3, 17), 0.75)],
        ),
        (
            "summary_by_date_month_first.csv",
            ColumnMapping(description="Description", start="Date", duration="Hours"),
            [
                (date(2026, 3, 16), 1.5),
                (date(2026, 3, 16), 2.0),
                (date(2026, 3, 17), 0.75),
                (date(2026, 3, 18), 3.0),
            ],
        ),
    ],
)
def test_date_only_rows_in_any_format_are_day_entries(name, mapping, expected):
    """Are day-first (16.03.2026, 1,5 hours) and month-first (03/16/2026) dates with no time
    day entries by their duration, never refused as 'a date but no time'?"""
    result = read(name, mapping)
    assert [(e.day, e.hours) for e in result.entries] == expected
    assert all(e.start is None for e in result.entries)
    assert "without a clock time" in result.warnings[0]


def test_mapped_iso_dates_alone_never_start_at_midnight():
    """Do mapped ISO dates with decimal hours (Harvest mapped by hand) stay day entries, so
    the day's rows cannot overlap as midnight blocks?"""
    data = b"Date,Task,Hours\n2026-03-16,Budget,1.5\n2026-03-16,Meeting,2\n"
    mapping = ColumnMapping(description="Task", start="Date", duration="Hours")
    result = parse_timetracker_csv(data, "UTC", mapping)
    assert [(e.day, e.hours, e.start, e.end) for e in result.entries] == [
        (date(2026, 3, 16), 1.5, None, None),
        (date(2026, 3, 16), 2.0, None, None),
    ]


def test_the_mapping_end_date_counts_an_entry_across_midnight_and_refuses_a_timer_left_on():
    """With start and stop dates mapped, does 22:00-01:30 next day count 3.5 h, and is the
    25.5-hour entry left out by line with the timer message (not counted as 1.5 h)?"""
    mapping = ColumnMapping(
        description="Description",
        date="Start date",
        start="Start time",
        end="Stop time",
        end_date="Stop date",
    )
    result = read("toggl_chosen_columns_overnight.csv", mapping)
    assert [(e.description, e.hours) for e in result.entries] == [
        ("Tech rehearsal", 3.5),
        ("Budget review", 1.5),
    ]
    assert result.skipped == {"over 24 hours": 1}
    assert result.warnings == [
        "Left out 1 row(s) that could not be used: line 4: it lasts 26 hours "
        "(a timer left running?)."
    ]
    assert "Left out: 1 over 24 hours." in result.summary()


def test_without_the_end_date_the_old_reading_is_kept():
    """Is a mapping without an end date read as before (end on the start's day)?"""
    mapping = ColumnMapping(
        description="Description", date="Start date", start="Start time", end="Stop time"
    )
    result = read("toggl_chosen_columns_overnight.csv", mapping)
    assert [e.hours for e in result.entries] == [3.5, 1.5, 1.5]


def test_seconds_are_read_as_seconds_and_said():
    """Is 'Time Spent (seconds)' read as seconds (14 s, not 14 h), and does the import say so?"""
    mapping = ColumnMapping(description="Summary", start="Started", duration="Time Spent (seconds)")
    result = read("seconds_time_spent.csv", mapping)
    assert [round(e.hours, 6) for e in result.entries] == [1.5, round(14 / 3600, 6), 2.0]
    assert result.skipped == {}
    assert result.warnings == ["Durations read as seconds, from the column 'Time Spent (seconds)'."]


@pytest.mark.parametrize(
    ("header", "cell", "hours", "said"),
    [
        ("Duration (s)", "5400", 1.5, "seconds"),
        ("Seconds", "900", 0.25, "seconds"),
        ("Minutes", "90", 1.5, "minutes"),
        ("Duration (min)", "45", 0.75, "minutes"),
        ("Hours", "1,5", 1.5, None),
        ("Duration (h)", "1.25", 1.25, None),
        ("Duration (s)", "01:30:00", 1.5, None),  # h:mm:ss reads one way in any unit
        ("Length", "1:30", 1.5, None),
    ],
)
def test_a_duration_column_unit_comes_from_its_header(header, cell, hours, said):
    """Are seconds, minutes, hours (point or comma) and h:mm(:ss) read by the header, with a
    sentence whenever a plain number was not read as hours?"""
    data = f'When,What,{header}\n2026-03-16 09:00,Budget,"{cell}"\n'.encode()
    mapping = ColumnMapping(description="What", start="When", duration=header)
    result = parse_timetracker_csv(data, "UTC", mapping)
    assert result.entries[0].hours == pytest.approx(hours)
    expected = [f"Durations read as {said}, from the column '{header}'."] if said else []
    assert result.warnings == expected


def test_duration_unit_names():
    """Which unit does each header name?"""
    assert [
        duration_unit(h)
        for h in ("Time Spent (seconds)", "Dauer (Minuten)", "Hours Rounded", "Duration")
    ] == ["seconds", "minutes", "hours", None]


@pytest.mark.parametrize(
    ("name", "tool", "per", "steps"),
    [
        ("toggl_summary_projects.csv", "Toggl Track", "project", "Reports → Detailed"),
        ("toggl_summary_members.csv", "Toggl Track", "member", "Export → CSV"),
        ("clockify_summary.csv", "Clockify", "project", "Export → Save as CSV"),
    ],
)
def test_summary_reports_are_refused_with_the_way_to_the_detailed_one(name, tool, per, steps):
    """Is each summary report named as such, with the steps to export the detailed report,
    before any column mapping is asked?"""
    with pytest.raises(SummaryReportError) as err:
        read(name)
    message = str(err.value)
    assert message.startswith(
        f"This is {tool}'s summary report (totals per {per}), which has no dates."
    )
    assert f"In {tool}, open Reports → Detailed, choose the dates" in message and steps in message
    assert isinstance(err.value, ImportFileError)
    with pytest.raises(SummaryReportError):  # a mapping cannot make dates of it either
        read(
            name,
            ColumnMapping(
                description="Project" if "project" in per else "Member",
                start="Duration",
                duration="Duration",
            ),
        )


def test_a_detailed_report_or_an_undated_list_is_not_a_summary():
    """Are Toggl's detailed report and a plain project list without a total not refused as a
    summary (the first imports, the second gets the column question)?"""
    from playbook.imports.timetracker.layouts import CsvFormatError

    detailed = (Path(__file__).parent.parent / "data" / "sample_toggl.csv").read_bytes()
    assert parse_timetracker_csv(detailed).entries
    with pytest.raises(CsvFormatError):
        parse_timetracker_csv(b"Project,Duration\nHamlet,01:00:00\n")


def test_a_row_that_cannot_be_placed_is_named_by_line_and_the_rest_kept():
    """Is a date-only row without hours left out with its line and why, the others counted?"""
    data = b"Date,Task,Hours\n2026-03-16,Budget,1.5\n2026-03-16,Meeting,\n2026-03-17,Call,2\n"
    mapping = ColumnMapping(description="Task", start="Date", duration="Hours")
    result = parse_timetracker_csv(data, "UTC", mapping)
    assert sum(e.hours for e in result.entries) == 3.5
    assert result.skipped == {"unreadable": 1}
    assert "line 3: it has no duration" in result.warnings[-1]
