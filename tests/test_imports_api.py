"""The public face of the two big parsers, pinned: what ``playbook.imports.timetracker`` and
``playbook.imports.calendar`` export, and every module of theirs under 500 lines."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

TIMETRACKER = [
    "CLOCKIFY",
    "DATE_FORMATS",
    "DATE_ORDERS",
    "MAX_ENTRY_HOURS",
    "MAX_ROWS",
    "TOGGL",
    "CsvFormat",
    "CsvFormatError",
    "CsvTable",
    "CsvText",
    "DateOrderQuestion",
    "Layout",
    "decide_date_format",
    "decode_csv",
    "detect_format",
    "header_signature",
    "long_date",
    "parse_timetracker_csv",
    "read_entries",
    "read_headers",
    "read_table",
    "recognize",
]

CALENDAR = [
    "MAX_OCCURRENCES",
    "MAX_RANGE_DAYS",
    "MAX_SERIES_OCCURRENCES",
    "CalendarFormatError",
    "CalendarRequest",
    "check_request",
    "estimate_occurrences",
    "guess_calendar_timezone",
    "parse_calendar",
    "read_calendar",
    "zone_named_in",
]

PACKAGES = {"playbook.imports.timetracker": TIMETRACKER, "playbook.imports.calendar": CALENDAR}


@pytest.mark.parametrize("name", sorted(PACKAGES))
def test_the_public_face_is_pinned_and_importable(name):
    """Does the package export exactly the names listed here, each of them importable?"""
    package = importlib.import_module(name)
    assert sorted(package.__all__) == sorted(PACKAGES[name])
    assert len(set(package.__all__)) == len(package.__all__)
    for public in package.__all__:
        assert getattr(package, public) is not None, public


@pytest.mark.parametrize("name", sorted(PACKAGES))
def test_every_module_is_under_500_lines(name):
    """Is each module of the package (its __init__ too) under 500 lines?"""
    package = importlib.import_module(name)
    folder = Path(package.__file__).parent
    modules = [folder / "__init__.py"] + [
        folder / f"{m.name}.py" for m in pkgutil.iter_modules([str(folder)])
    ]
    assert len(modules) > 3
    for path in modules:
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines < 500, f"{path.name}: {lines} lines"


def test_the_entry_cap_is_the_one_in_limits():
    """Is the calendar's cap on entries the workbook's one MAX_TIME_ENTRIES, not a copy?"""
    import playbook.imports.calendar.parse as parse
    from playbook import limits

    assert parse.MAX_TIME_ENTRIES is limits.MAX_TIME_ENTRIES
    assert not hasattr(importlib.import_module("playbook.imports.calendar"), "MAX_CALENDAR_ENTRIES")
