"""Time-tracker CSVs that must never be misread (issue 14): dates decided from the whole file or
asked, every date/time/duration format the trackers offer, localized headers, rows without clock
times, mixed encodings, header-only files and row caps.

The files under ``tests/data/timetracker/`` are written from the layouts named in its README
(Clockify's and Toggl's help pages, toggl-cli's list of Toggl's date formats and another
Clockify importer's Portuguese headers).
"""

from __future__ import annotations

import time as clock
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook.errors import ImportFileError
from playbook.imports import ColumnMapping
from playbook.imports.timetracker import (
    CLOCKIFY,
    DATE_FORMATS,
    MAX_ROWS,
    TOGGL,
    DateOrderQuestion,
    parse_timetracker_csv,
)

FILES = Path(__file__).resolve().parent / "data" / "timetracker"


def read(name: str, **kwargs):
    return parse_timetracker_csv((FILES / name).read_bytes(), "Europe/London", **kwargs)


def test_month_first_file_with_days_up_to_12_is_asked_with_both_readings():
    """Is a Clockify MM-DD-YYYY export whose days are all <= 12 asked, never read as February?"""
    with pytest.raises(DateOrderQuestion) as info:
        read("clockify_mm-dd-yyyy_days_up_to_12.csv")
    question = info.value
    assert question.examples[0] == ("03-02-2026", date(2026, 3, 2), date(2026, 2, 3))
    assert len(question.examples) == 3
    assert "2 March 2026 or 3 February 2026" in str(question)
    result = read("clockify_mm-dd-yyyy_days_up_to_12.csv", date_order="mdy")
    assert [(e.day, e.hours) for e in result.entries] == [
        (date(2026, 3, 2), 1.5),
        (date(2026, 3, 3), 2.25),
        (date(2026, 3, 11), 1.0),
    ]
    # 12-hour times: 01:00:00 PM is 13:00; 11:30 PM to 12:30 AM crosses midnight.
    assert result.entries[1].start.time() == time(13, 0)
    assert result.entries[2].end.isoformat() == "2026-03-12T00:30:00+00:00"


def test_a_day_above_12_in_the_end_dates_decides_the_whole_file():
    """Does one end date of 13 decide day-first for all rows, start dates included?"""
    header = "Description,Start Date,Start Time,End Date,End Time,Duration (h)"
    data = (
        f"{header}\nA,03/02/2026,09:00,03/02/2026,10:00,1:00\n"
        "B,12/03/2026,23:00,13/03/2026,01:00,2:00\n"
    ).encode()
    result = parse_timetracker_csv(data)
    assert [e.day for e in result.entries] == [date(2026, 2, 3), date(2026, 3, 12)]


@pytest.mark.parametrize(
    ("name", "rows", "hours", "days"),
    [
        ("clockify_de.csv", 2, [3.5, 1.25], [date(2026, 3, 2), date(2026, 3, 16)]),
        ("clockify_de_with_kiosk.csv", 2, [2.5, 0.75], [date(2026, 3, 4), date(2026, 3, 19)]),
        ("clockify_fr.csv", 2, [1.0, 4.0], [date(2026, 3, 2), date(2026, 3, 13)]),
        ("clockify_es.csv", 2, [2.0, 4.5], [date(2026, 3, 2), date(2026, 3, 20)]),
    ],
)
def test_localized_clockify_headers_are_recognised_without_mapping(name, rows, hours, days):
    """Are German, French and Spanish Clockify headers read as Clockify, with rows, hours, days?"""
    result = read(name)
    assert result.format == CLOCKIFY.name
    assert len(result.entries) == rows
    assert [e.hours for e in result.entries] == hours
    assert [e.day for e in result.entries] == days
    assert result.entries[0].project and result.entries[0].description


@pytest.mark.parametrize(
    ("name", "hours", "days", "tags", "first_start", "last_end"),
    [
        # "Data de término", comma-separated, 24-hour times, decimal commas; the third entry
        # runs past midnight (27 to 28 March) and stays on the day it started.
        (
            "clockify_pt.csv",
            [1.5, 3.25, 3.0],
            [date(2026, 3, 2), date(2026, 3, 17), date(2026, 3, 27)],
            [("reunião",), (), ()],
            "2026-03-02T09:00:00+00:00",
            "2026-03-28T01:00:00+00:00",
        ),
        # "Data final" and "Etiqueta", semicolon-separated, 12-hour times (02:00:00 PM).
        (
            "clockify_pt_data_final.csv",
            [2.5, 4.75],
            [date(2026, 3, 5), date(2026, 3, 21)],
            [("ensaio",), ()],
            "2026-03-05T14:00:00+00:00",
            "2026-03-21T12:45:00+00:00",
        ),
    ],
)
def test_portuguese_clockify_headers_are_recognised_without_mapping(
    name, hours, days, tags, first_start, last_end
):
    """Are both Portuguese Clockify layouts read as Clockify, day first, with rows, hours, days?"""
    result = read(name)
    assert result.format == CLOCKIFY.name
    assert result.warnings == []
    assert [e.hours for e in result.entries] == hours
    assert [e.day for e in result.entries] == days
    assert [e.tags for e in result.entries] == tags
    assert all(e.project and e.description for e in result.entries)
    assert result.entries[0].start.isoformat() == first_start
    assert result.entries[-1].end.isoformat() == last_end


def test_rows_without_clock_times_are_placed_by_duration_with_a_note():
    """Is a Toggl report without times of day read as day entries by duration, and said so?"""
    result = read("toggl_without_clock_times.csv")
    assert [(e.day, e.hours, e.start) for e in result.entries] == [
        (date(2026, 3, 2), 1.5, None),
        (date(2026, 3, 2), 1.5, None),
        (date(2026, 3, 3), 0.75, None),
    ]
    assert len({e.id for e in result.entries}) == 3  # two equal rows stay two entries
    assert any("no time of day" in w and "duration" in w for w in result.warnings)
    again = read("toggl_without_clock_times.csv")
    assert [e.id for e in again.entries] == [e.id for e in result.entries]


def test_duration_with_empty_end_cells_is_accepted():
    """Is a Clockify file whose End Date/End Time cells are empty read from its durations?"""
    result = read("clockify_duration_without_end.csv")
    assert [(e.start.isoformat(), e.hours) for e in result.entries] == [
        ("2026-03-16T08:00:00+00:00", 4.0),
        ("2026-03-17T09:00:00+00:00", 1.5),
    ]


def test_toggl_without_a_start_time_column_uses_durations():
    """Is a Toggl export with dates and durations but no Start time column accepted?"""
    header = "Description,Start date,Duration"
    result = parse_timetracker_csv(f"{header}\nBudget,2026-03-02,02:00:00\n".encode())
    assert [(e.day, e.hours, e.start) for e in result.entries] == [(date(2026, 3, 2), 2.0, None)]


def test_mixed_utf8_and_cp1252_lines_are_decoded_per_line_and_named():
    """Is each line decoded in its own encoding, the Windows-1252 line named in a warning?"""
    result = read("toggl_mixed_utf8_cp1252.csv")
    assert [e.description for e in result.entries] == ["Réunion budget", "Café with the venue"]
    assert result.encoding == "mixed"
    assert any("Line(s) 3 " in w and "Windows-1252" in w for w in result.warnings)
    assert not any("Ã" in e.description for e in result.entries)


def test_header_only_file_says_no_entries():
    """Does a header-only export say 'no entries', not that a column is empty?"""
    result = read("toggl_header_only.csv")
    assert result.entries == []
    assert result.warnings == ["The file has a header row but no entries."]


def test_mapped_12_hour_end_time_is_a_time_not_a_date():
    """Is a mapped end column of '01:00:00 PM' read as a time of day?"""
    mapping = ColumnMapping.from_choices(date="Day", start="From", end="To", description="What")
    data = b"Day,From,To,What\n03/16/2026,09:30:00 AM,01:00:00 PM,Drafting\n"
    entry = parse_timetracker_csv(data, mapping=mapping).entries[0]
    assert (entry.day, entry.hours) == (date(2026, 3, 16), 3.5)


def test_mapped_date_time_columns_share_one_date_decision():
    """Are mapped date-time columns ('03/02/2026 1:00 PM') asked when they read both ways?"""
    mapping = ColumnMapping.from_choices(start="From", end="To", description="What")
    data = b"From,To,What\n03/02/2026 1:00 PM,03/02/2026 2:30 PM,Call\n"
    with pytest.raises(DateOrderQuestion):
        parse_timetracker_csv(data, mapping=mapping)
    entry = parse_timetracker_csv(data, mapping=mapping, date_order="dmy").entries[0]
    assert (entry.day, entry.hours, entry.start.hour) == (date(2026, 2, 3), 1.5, 13)


@pytest.mark.parametrize(
    ("cell", "hours"),
    [
        ("01:30:00", 1.5),  # Clockify Full, Toggl improved
        ("1:30", 1.5),  # Clockify Compact
        ("1.50", 1.5),  # Clockify Decimal
        ("1,50", 1.5),  # decimal comma
        ("90:00 min", 1.5),  # Toggl classic (mm:ss min)
        ("1.5 h", 1.5),  # Toggl decimal
    ],
)
def test_every_duration_format_the_trackers_offer(cell, hours):
    """Is each documented duration format read to the same hours?"""
    data = f'Description,Start date,Start time,Duration\nX,2026-03-02,09:00,"{cell}"\n'.encode()
    assert parse_timetracker_csv(data).entries[0].hours == pytest.approx(hours)


def test_more_rows_than_the_cap_are_refused_quickly_with_the_reason():
    """Is a file over MAX_ROWS rows refused at once, saying what the cap is and why?"""
    row = "A,a@x.io,,P,,x,No,2026-03-02,09:00:00,2026-03-02,09:10:00,00:10:00,,\n"
    data = (",".join(TOGGL.columns) + "\n" + row * (MAX_ROWS + 1)).encode()
    t0 = clock.process_time()
    with pytest.raises(ImportFileError, match=f"more than {MAX_ROWS:,} rows"):
        parse_timetracker_csv(data)
    assert clock.process_time() - t0 < 2.0  # processor time: the machine may be busy


_TIMES = [("%H:%M:%S", 24), ("%H:%M", 24), ("%I:%M:%S %p", 12), ("%I:%M %p", 12)]


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    fmt=st.sampled_from([f for f, _ in DATE_FORMATS]),
    time_fmt=st.sampled_from([f for f, _ in _TIMES]),
    minutes=st.integers(min_value=0, max_value=24 * 60 - 61),
)
def test_any_date_in_any_format_reads_back_the_same_or_is_asked(day, fmt, time_fmt, minutes):
    """Written in any supported format, is a date read back as itself or asked, never another?"""
    start = datetime.combine(day, time(0)) + timedelta(minutes=minutes)
    end = start + timedelta(hours=1)
    row = f"X,{start:{fmt}},{start:{time_fmt}},{end:{fmt}},{end:{time_fmt}},01:00:00"
    data = f"Description,Start Date,Start Time,End Date,End Time,Duration (h)\n{row}\n".encode()
    try:
        entry = parse_timetracker_csv(data).entries[0]
    except DateOrderQuestion as question:
        raw, month_first, day_first = question.examples[0]
        assert raw == f"{start:{fmt}}"
        assert day in (month_first, day_first)
        kind = dict(DATE_FORMATS)[fmt]
        answered = parse_timetracker_csv(data, date_order=kind).entries[0]
        assert answered.day == day
        return
    assert entry.day == day
    assert entry.hours == 1.0
    if minutes == 0:  # every start at 00:00: no time of day in the file, placed by duration
        assert entry.start is None
    else:
        assert entry.start.time() == start.time()
