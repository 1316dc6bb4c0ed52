"""The time split's import workflow below the page (playbook.time_split.importing): a file's
bytes size-checked, decoded and read once, its questions given back as data, and each answer
reading the decoded text again, never the bytes; the entries the same as the parsers give."""

from __future__ import annotations

import csv
import sys
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest

import playbook.imports
import playbook.imports.calendar
import playbook.imports.timetracker
from playbook.imports import ColumnMapping
from playbook.imports.calendar import parse_calendar
from playbook.imports.timetracker import DateOrderQuestion, parse_timetracker_csv
from playbook.time_split import DateRange, TimeSplitSection, default_range
from playbook.time_split.importing import (
    AskColumns,
    AskDateOrder,
    AskTimeZone,
    ImportSettings,
    answer_columns,
    answer_date_order,
    answer_zone,
    begin_import,
    finish_import,
)

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CALENDAR = (REPO / "data" / "sample_calendar.ics").read_bytes()
DAYS_UP_TO_12 = REPO / "tests" / "data" / "timetracker" / "clockify_mm-dd-yyyy_days_up_to_12.csv"
MARCH = (date(2026, 3, 2), date(2026, 3, 29))
NOW = datetime(2026, 3, 30, 9, tzinfo=UTC)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often the size check, the decoders and the two parsers (the csv module's reader,
    icalendar's) are called: each wrapped where any playbook module holds it, behaviour kept."""
    counts: Counter[str] = Counter()

    def counting(key: str, original):
        def wrapper(*args, **kwargs):
            counts[key] += 1
            return original(*args, **kwargs)

        return wrapper

    for name in ("check_size", "decode_text", "decode_lines"):
        original = getattr(playbook.imports, name)
        wrapper = counting(name, original)
        for module in list(sys.modules.values()):
            if module is None or not getattr(module, "__name__", "").startswith("playbook"):
                continue
            if getattr(module, name, None) is original:
                monkeypatch.setattr(module, name, wrapper)
    monkeypatch.setattr(csv, "reader", counting("csv.reader", csv.reader))
    from_ical = icalendar.Calendar.from_ical
    monkeypatch.setattr(
        icalendar.Calendar, "from_ical", counting("icalendar", lambda *a, **k: from_ical(*a, **k))
    )
    return counts


def settings(section: TimeSplitSection | None = None, date_range=MARCH) -> ImportSettings:
    return ImportSettings(section or TimeSplitSection(), date_range, 0.0, date(2026, 11, 25))


def test_the_counting_sees_every_call(calls):
    """Does the counting see the parsers' own calls (so that 'once' below means once)?"""
    parse_calendar(SAMPLE_CALENDAR, "Europe/London", *MARCH)
    with pytest.raises(DateOrderQuestion):
        parse_timetracker_csv(DAYS_UP_TO_12.read_bytes(), "Europe/London", date_range=MARCH)
    assert calls == {
        "check_size": 2,
        "decode_text": 2,
        "decode_lines": 1,
        "icalendar": 1,
        "csv.reader": 1,
    }


def test_a_csv_asked_its_date_order_is_checked_decoded_and_read_once(calls):
    """Is a CSV whose dates read both ways size-checked, decoded and read once, its question
    given back as data; and does the answer read the decoded text again (not the bytes),
    giving the entries the parser gives with that date order?"""
    data = DAYS_UP_TO_12.read_bytes()
    section = TimeSplitSection(timezone="Europe/London")
    asked = begin_import("clockify.csv", data, settings(section))
    assert calls == {"check_size": 1, "decode_lines": 1, "decode_text": 1, "csv.reader": 1}
    assert isinstance(asked.question, AskDateOrder) and asked.result is None
    assert asked.question.examples[0] == ("03-02-2026", date(2026, 3, 2), date(2026, 2, 3))
    assert len(asked.question.examples) == 3

    answered = answer_date_order(asked, "mdy", settings(section))
    assert calls == {"check_size": 1, "decode_lines": 1, "decode_text": 1, "csv.reader": 2}
    assert answered.question is None and answered.result is not None
    calls.clear()
    old = parse_timetracker_csv(data, "Europe/London", date_range=MARCH, date_order="mdy")
    assert answered.result.entries == old.entries
    assert [e.day for e in old.entries] == [date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 11)]

    done = finish_import(answered, settings(section), NOW)
    assert done.section.entries == old.entries
    assert list(done.section.date_orders.values()) == ["mdy"]
    assert done.section.column_mappings == {}
    assert done.kind == "success" and not done.zone_changed and done.moved is None
    assert done.message == (
        "Read 3 entries from the Clockify file (UTF-8). 3 new, 0 already in your log. "
        "Dates read month first, as you chose (remembered)."
    )


def test_a_calendar_asked_its_time_zone_is_checked_decoded_and_parsed_once(calls):
    """Is a calendar naming its own zone, imported into a new log, size-checked and decoded
    once and parsed once (after the zone is answered), giving the parser's entries?"""
    asked = begin_import("sample_calendar.ics", SAMPLE_CALENDAR, settings())
    assert asked.question == AskTimeZone("Europe/London") and asked.result is None
    assert calls == {"check_size": 1, "decode_text": 1}

    answered = answer_zone(asked, "Europe/London", settings())
    assert calls == {"check_size": 1, "decode_text": 1, "icalendar": 1}
    assert answered.question is None and answered.result is not None
    old = parse_calendar(SAMPLE_CALENDAR, "Europe/London", *MARCH)
    assert answered.result.entries == old.entries and len(old.entries) == 58
    assert answered.result.skipped == old.skipped == {"declined": 1, "cancelled": 1}

    done = finish_import(answered, settings(), NOW)
    assert done.section.timezone == "Europe/London" and done.zone_changed
    assert done.section.date_range == DateRange(start=MARCH[0], end=MARCH[1])
    assert done.message.endswith("Times are shown in Europe/London, the calendar's own time zone.")
    assert done.message.startswith("Read 58 entries from the iCalendar file (UTF-8).")


def test_a_calendar_in_a_log_with_its_zone_is_read_at_once():
    """With the log already in a zone, is the calendar read in it without a question?"""
    got = begin_import(
        "cal.ics", SAMPLE_CALENDAR, settings(TimeSplitSection(timezone="Europe/Berlin"))
    )
    assert got.question is None and got.result is not None
    assert got.result.entries == parse_calendar(SAMPLE_CALENDAR, "Europe/Berlin", *MARCH).entries


def test_an_unknown_csv_asks_its_columns_and_the_answer_is_remembered(calls):
    """Is an unknown layout asked (the parser's message), read from the text with the answer
    as the parser reads it, the mapping remembered and used for the next file?"""
    data = b"When,What,Hours\n2026-03-03 09:00,Budget review,1.5\n2026-03-04 10:00,1:1,0.5\n"
    asked = begin_import("export.csv", data, settings())
    assert isinstance(asked.question, AskColumns)
    assert asked.question.headers == ("When", "What", "Hours")
    assert "Expected the columns" in asked.question.message
    mapping = ColumnMapping(description="What", start="When", duration="Hours")
    answered = answer_columns(asked, mapping, settings())
    assert calls["check_size"] == calls["decode_lines"] == 1
    old = parse_timetracker_csv(data, mapping=mapping, date_range=MARCH)
    assert answered.result is not None and answered.result.entries == old.entries
    done = finish_import(answered, settings(), NOW)
    assert done.section.column_mappings == {"hours|what|when": mapping}
    assert done.message.endswith("Your column choice is remembered for files like this one.")

    again = begin_import(
        "next.csv", b"What,Hours,When\nSteering,1,2026-03-05 14:00\n", settings(done.section)
    )
    assert again.question is None and again.result is not None
    assert [e.description for e in again.result.entries] == ["Steering"]


def test_the_range_follows_the_file_reading_the_text_again(calls):
    """With nothing of the file in the range (the default, recent weeks), is the file read
    again over its own weeks from the decoded text, the range moved there and said so?"""
    recent = default_range(date(2026, 11, 25)).as_tuple()
    section = TimeSplitSection(timezone="Europe/London")
    got = begin_import("sample_calendar.ics", SAMPLE_CALENDAR, settings(section, recent))
    assert got.result is not None and got.result.entries == []
    done = finish_import(got, settings(section, recent), NOW)
    assert calls["check_size"] == calls["decode_text"] == 1 and calls["icalendar"] == 3
    assert done.moved == DateRange(start=MARCH[0], end=MARCH[1])
    assert len(done.section.entries) == 58
    assert "the range now covers the file's weeks: 02 Mar 2026 to 29 Mar 2026" in done.message


def test_an_open_question_must_be_answered_before_finishing():
    """Is finishing an import whose question is still open refused?"""
    asked = begin_import("sample_calendar.ics", SAMPLE_CALENDAR, settings())
    with pytest.raises(ValueError, match="question"):
        finish_import(asked, settings(), NOW)
    with pytest.raises(ValueError, match="date_order"):
        answer_date_order(asked, "ymd", settings())
