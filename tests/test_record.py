"""The workbook record: file format, upgrades, validation of imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from playbook.errors import FileTooLargeError, ImportFileError, SchemaVersionError
from playbook.record import (
    SCHEMA_VERSION,
    WORKBOOK_FILE_LIMIT,
    dump_workbook_file,
    new_record,
    parse_workbook_file,
)

DATA = Path(__file__).resolve().parent / "data"


def test_round_trip():
    """Does a dumped record parse back to the same sections?"""
    rec = new_record()
    rec["sections"]["career"] = {
        "context": {"transition": "major"},
        "preference": {},
        "areas": [],
        "own_areas": [],
    }
    back = parse_workbook_file(dump_workbook_file(rec))
    assert back["sections"] == rec["sections"] and back["schema_version"] == SCHEMA_VERSION


def test_a_version_1_file_is_upgraded():
    """Is a schema-1 file (career answers at the top level) moved under sections?"""
    rec = parse_workbook_file((DATA / "workbook_v1.json").read_bytes())
    assert rec["schema_version"] == SCHEMA_VERSION
    career = rec["sections"]["career"]
    assert career["context"]["work_type"] == "creative"
    assert career["preference"] == {"energy": "tools"}
    assert career["areas"] == ["budgeting", "team_development"]
    assert rec["created"] == "2026-03-02T09:15:00+00:00"


def test_a_newer_version_is_refused_with_advice():
    """Does a file from a newer schema say to update the playbook?"""
    data = json.dumps(
        {"format": "playbook-workbook", "schema_version": SCHEMA_VERSION + 1, "sections": {}}
    )
    with pytest.raises(SchemaVersionError, match="newer version"):
        parse_workbook_file(data.encode())


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"", "empty"),
        (b"\xff\xfe\x00garbage", "not text"),
        (b'{"format": "playbook-workbook", "schema_version": 2, "sections": {', "damaged"),
        (b'{"name": "someone else\'s app"}', "not a playbook workbook"),
        (b"[1, 2, 3]", "not a playbook workbook"),
        (b'{"format": "playbook-workbook", "schema_version": "two"}', "schema version"),
        (
            b'{"format": "playbook-workbook", "schema_version": 2, "sections": {"hack": {}}}',
            "does not know",
        ),
        (
            b'{"format": "playbook-workbook", "schema_version": 2, "sections": {"career": {"context": 5}}}',
            "not valid",
        ),
    ],
)
def test_bad_files_are_refused_with_a_message(data, match):
    """Is every corrupt or foreign file refused with a participant-readable ImportFileError?"""
    with pytest.raises(ImportFileError, match=match):
        parse_workbook_file(data)


def test_too_large_files_are_refused_before_parsing():
    """Is a file over the limit refused by size, whatever it holds?"""
    with pytest.raises(FileTooLargeError, match="at most 10 MB"):
        parse_workbook_file(b" " * (WORKBOOK_FILE_LIMIT + 1))
