"""The workbook record: file format, upgrades, validation of imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


def test_a_version_2_file_opens_as_it_stands():
    """Is a schema-2 file (before issues 20 and 21 added their optional parts) read with its
    sections unchanged and numbered as the current version?"""
    sections = {"career": {"context": {"work_type": "creative"}}, "plan": {"reflection": "x"}}
    data = json.dumps({"format": "playbook-workbook", "schema_version": 2, "sections": sections})
    rec = parse_workbook_file(data.encode())
    assert rec["schema_version"] == SCHEMA_VERSION == 3
    assert rec["sections"]["career"]["context"] == {"work_type": "creative"}
    assert rec["sections"]["plan"]["reflection"] == "x"


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


# ---------------------------------------------------------------------------------------------
# Issue 14: a restored file never holds what a page then fails to open
# ---------------------------------------------------------------------------------------------

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_workbook.json"

_leaves = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63)
    | st.sampled_from([0, 1, 5, 6, 99, -1, "not-an-option", "", "high", "2026-Q1", "2026-02-30"])
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
json_values = st.recursive(
    _leaves,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=16,
)


def _mutated_demo(data: st.DataObject) -> tuple[dict, str]:
    """The demo workbook with one value somewhere in one section replaced by any JSON value,
    or removed."""
    record = json.loads(DEMO.read_bytes())
    name = data.draw(st.sampled_from(sorted(record["sections"])), label="section")
    node, key = record["sections"], name
    for _ in range(data.draw(st.integers(0, 10), label="depth")):
        child = node[key]
        if isinstance(child, dict) and child:
            node, key = child, data.draw(st.sampled_from(sorted(child)))
        elif isinstance(child, list) and child:
            node, key = child, data.draw(st.integers(0, len(child) - 1))
        else:
            break
    if data.draw(st.booleans(), label="remove") and node is not record["sections"]:
        del node[key]
    else:
        node[key] = data.draw(st.one_of(_leaves, json_values), label="value")
    return record, name


def _opens(record: dict, name: str) -> None:
    """What a page does on load, through the contract: the domain's parse and assess (the
    pilots' bootstrap with fewer resamples: the same code, quicker)."""
    from playbook.contract import domain

    d = domain(name)
    content = d.load_content()
    if name == "pilots":
        fast = content.thresholds.model_copy(update={"bootstrap_resamples": 200})
        content = content.model_copy(update={"thresholds": fast})
    d.assess(d.parse_section(record["sections"].get(name)), content)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_restored_workbook_file_always_opens(data):
    """For the demo workbook with any one value anywhere replaced by any JSON value (or
    removed), and for any JSON document: is the file either refused with a message, or
    stored in a form every page opens (the domain's parse and assess, through the contract)?"""
    if data.draw(st.booleans(), label="whole document"):
        record, names = data.draw(json_values, label="document"), ()
    else:
        record, name = _mutated_demo(data)
        names = (name,)
    raw = json.dumps(record).encode()
    assert len(raw) <= WORKBOOK_FILE_LIMIT
    try:
        restored = parse_workbook_file(raw)
    except ImportFileError as err:
        assert str(err)
        return
    for section in names or tuple(restored["sections"]):
        _opens(restored, section)
