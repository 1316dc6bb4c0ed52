"""The workbook record: one versioned JSON document per participant, and its upgrades.

A record is ``{"format": "playbook-workbook", "schema_version": N, "created": ..., "sections":
{name: {...}}}``. Each domain owns one section, validated by the pydantic model of its
registered domain; the parts no page owns (:data:`PARTS`: the cadence's calendar state) by
their own model. Older records are brought up to date by the ``upgrade_<n>_to_<n+1>``
functions, one per version, applied in order (as nbgrader does).

This module does no I/O: :func:`parse_workbook_file` takes bytes, :func:`dump_workbook_file`
returns bytes. A restored file gets the caps the pages apply (:mod:`playbook.limits`) and every
section is read by its domain's ``parse_section`` through the contract, which checks answers
against the content: what a page could not open is refused here, never stored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from playbook.cadence import CADENCE_PART, CalendarState
from playbook.contract import domain, sections
from playbook.contract import section_model as contract_section_model
from playbook.errors import ImportFileError, PlaybookError, SchemaVersionError
from playbook.imports import check_size
from playbook.limits import (
    MAX_JSON_CONTAINERS,
    MAX_JSON_DEPTH,
    MAX_JSON_VALUES,
    MAX_LIST_ITEMS,
    MAX_TEXT_CHARS,
)

FORMAT = "playbook-workbook"
SCHEMA_VERSION = 3

#: Largest workbook file accepted for import (a full workbook is a few hundred KB at most).
#: The served app's upload limit is derived from the import limits (see :mod:`playbook.serving`).
WORKBOOK_FILE_LIMIT = 10 * 1024 * 1024


#: The record's parts that no workbook page owns, and their models: the cadence's calendar
#: state (its UIDs' salt and what it last published, :mod:`playbook.cadence.state`), kept in
#: the workbook so that a restored file keeps its calendar's events.
PARTS: dict[str, type[BaseModel]] = {CADENCE_PART: CalendarState}


def section_model(name: str) -> type[BaseModel] | None:
    """The model of a registered section or of one of the :data:`PARTS` (``None`` for a name
    no workbook registers), from the workbook registry (:func:`playbook.contract.workbooks`)."""
    if name in PARTS:
        return PARTS[name]
    if name not in sections():
        return None
    return contract_section_model(name)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_record() -> dict[str, Any]:
    return {"format": FORMAT, "schema_version": SCHEMA_VERSION, "created": now(), "sections": {}}


# --- upgrades --------------------------------------------------------------------------------


def upgrade_1_to_2(record: dict[str, Any]) -> dict[str, Any]:
    """Version 1 (the prototype) kept the career answers at the top level
    (``{"schema_version": 1, "answers": {...}, "preferences": {...}, "areas": [...]}``);
    version 2 moved every domain under ``sections``."""
    career: dict[str, Any] = {}
    if "answers" in record:
        career["context"] = record["answers"]
    if "preferences" in record:
        career["preference"] = record["preferences"]
    if "areas" in record:
        career["areas"] = record["areas"]
    return {
        "format": FORMAT,
        "schema_version": 2,
        "created": record.get("created") or now(),
        "sections": {"career": career} if career else {},
    }


def upgrade_2_to_3(record: dict[str, Any]) -> dict[str, Any]:
    """Version 3 (issues 20 and 21) added, each optional and left out while empty: the
    ``mentoring`` section, the ``cadence`` part, the snapshots (``history``) of the career,
    leadership and plan sections, the time split's weekly reminder and chosen community
    practices, the pilots' rhythm, practice and drafts, the audit's action ids and its human
    element. A version 2 record is a version 3 record as it stands; the number is raised so
    that an older playbook given a newer file says it was "written by a newer version of the
    playbook" instead of calling a part it does not know "not valid".

    >>> upgrade_2_to_3({"format": FORMAT, "schema_version": 2, "sections": {}})["schema_version"]
    3
    """
    return {**record, "schema_version": 3}


UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: upgrade_1_to_2,
    2: upgrade_2_to_3,
}


def upgrade(record: dict[str, Any]) -> dict[str, Any]:
    """Bring ``record`` to :data:`SCHEMA_VERSION`.

    >>> upgrade({"format": FORMAT, "schema_version": 1, "answers": {"transition": "major"}})["sections"]
    {'career': {'context': {'transition': 'major'}}}
    """
    version = record.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFileError("This workbook file has no valid schema version.")
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"This workbook file was written by a newer version of the playbook (schema "
            f"{version}; this one reads up to {SCHEMA_VERSION}). Update the playbook, then import it."
        )
    while version < SCHEMA_VERSION:
        record = UPGRADES[version](record)
        version = record["schema_version"]
    return record


def _where(path: tuple[Any, ...]) -> str:
    return " -> ".join(str(p) for p in path) or "the top level"


_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')


def count_values(data: bytes) -> tuple[int, int]:
    """About how many JSON values and names ``data`` holds (its commas and colons outside
    strings, plus one), and how many lists and mappings (its ``[`` and ``{`` outside strings).
    The plain counts are taken first, at C speed; strings are skipped only when one is over
    its cap.

    >>> count_values(b'[1, 2, {"a": []}]')
    (4, 3)
    """
    values = data.count(b",") + data.count(b":") + 1
    containers = data.count(b"[") + data.count(b"{")
    if values <= MAX_JSON_VALUES and containers <= MAX_JSON_CONTAINERS:
        return values, containers
    bare = _STRING.sub(b"", data)
    return bare.count(b",") + bare.count(b":") + 1, bare.count(b"[") + bare.count(b"{")


def check_bounds(record: Any) -> None:
    """Refuse a decoded workbook file holding more than any page could have saved: a text
    over :data:`~playbook.limits.MAX_TEXT_CHARS` characters, a list or mapping over
    :data:`~playbook.limits.MAX_LIST_ITEMS` items, nesting deeper than
    :data:`~playbook.limits.MAX_JSON_DEPTH`. The walk is iterative (no depth can overflow it)
    and keeps one entry per list or mapping, not per value.

    >>> check_bounds({"sections": {"career": {"own_areas": ["x" * 20_000]}}})
    Traceback (most recent call last):
    playbook.errors.ImportFileError: Refused: this workbook file has a text of 20,000 characters at sections -> career -> own_areas -> 0; a workbook keeps texts of at most 10,000 characters. Nothing was changed.
    """

    def where(trail: Any) -> str:
        keys: list[Any] = []
        while trail is not None:
            trail, key = trail
            keys.append(key[:40] if isinstance(key, str) else key)
        return _where(tuple(reversed(keys)))

    def too_long(text: str, trail: Any) -> ImportFileError:
        return ImportFileError(
            f"Refused: this workbook file has a text of {len(text):,} characters at "
            f"{where(trail)}; a workbook keeps texts of at most {MAX_TEXT_CHARS:,} "
            "characters. Nothing was changed."
        )

    if isinstance(record, str) and len(record) > MAX_TEXT_CHARS:
        raise too_long(record, None)
    # (container, its depth, its trail: (parent's trail, key), None at the top); an empty
    # container is never pushed, so the walk keeps one entry per non-empty list or mapping.
    # ``type(x) is`` rather than isinstance: JSON gives exactly str, list and dict, and this
    # loop runs once per value of a file of up to MAX_JSON_VALUES.
    stack: list[tuple[Any, int, Any]] = [(record, 0, None)] if record else []
    while stack:
        value, depth, trail = stack.pop()
        kind = type(value)
        if kind is not list and kind is not dict:
            continue
        if depth >= MAX_JSON_DEPTH:
            raise ImportFileError(
                f"Refused: this workbook file nests more than {MAX_JSON_DEPTH} levels deep (at "
                f"{where(trail)[:120]} ...); a workbook file nests a few levels. Nothing was "
                "changed."
            )
        if len(value) > MAX_LIST_ITEMS:
            raise ImportFileError(
                f"Refused: this workbook file has {len(value):,} items at {where(trail)}; a "
                f"workbook keeps at most {MAX_LIST_ITEMS:,} there (the pages' own limit). "
                "Nothing was changed."
            )
        # a mapping's keys are names (checked), a list's its indexes
        items: Iterable[tuple[Any, Any]] = value.items() if kind is dict else enumerate(value)
        for key, item in items:
            if kind is dict and len(key) > MAX_TEXT_CHARS:
                raise ImportFileError(
                    f"Refused: this workbook file has a name of {len(key):,} characters "
                    f"at {where(trail)}. Nothing was changed."
                )
            t = type(item)
            if t is str:
                if len(item) > MAX_TEXT_CHARS:
                    raise too_long(item, (trail, key))
            elif (t is dict or t is list) and item:
                stack.append((item, depth + 1, (trail, key)))


def validate_sections(sections: Any) -> dict[str, dict[str, Any]]:
    """Read every section with its domain's ``parse_section`` (through the contract: the
    shape, the caps, and answers checked against the content) and return them as plain JSON
    dicts, each exactly as its page will open it."""
    if not isinstance(sections, dict):
        raise ImportFileError("This workbook file has no sections.")
    out: dict[str, dict[str, Any]] = {}
    for name, data in sections.items():
        model = section_model(name)
        if model is None:
            raise ImportFileError(
                f"This workbook file has a part this playbook does not know: '{name}'."
            )
        if data is not None and not isinstance(data, dict):
            raise ImportFileError(f"The '{name}' part of this workbook file is not valid.")
        try:
            if name in PARTS:
                if data:  # an empty part is no part (a new one is made when needed)
                    out[name] = model.model_validate(data).model_dump(mode="json")
                continue
            d = domain(name)
            out[name] = d.dump_section(d.parse_section(data))
        except ValidationError as err:
            first = err.errors()[0]
            raise ImportFileError(
                f"The '{name}' part of this workbook file is not valid "
                f"({_where(first['loc'])}: {first['msg']}). Nothing was changed."
            ) from None
        except PlaybookError as err:
            raise ImportFileError(
                f"The '{name}' part of this workbook file is not valid: {err} Nothing was changed."
            ) from None
    return out


def parse_workbook_file(data: bytes) -> dict[str, Any]:
    """Read a downloaded workbook file: check size, the caps of :mod:`playbook.limits`
    (:func:`check_bounds`), format and version, upgrade, and read each section as its page
    will (:func:`validate_sections`).

    Raises ``FileTooLargeError``, ``SchemaVersionError`` or ``ImportFileError`` with a message for
    the participant; the caller's current workbook is untouched whatever happens here.
    """
    check_size(
        data,
        WORKBOOK_FILE_LIMIT,
        too_large=f"This file is {len(data) / 1048576:.1f} MB; a workbook file is at most "
        f"{WORKBOOK_FILE_LIMIT // 1048576} MB.",
        empty="This file is empty.",
    )
    values, containers = count_values(data)
    if values > MAX_JSON_VALUES:
        raise ImportFileError(
            f"Refused: this file holds about {values:,} values and names; a workbook file "
            f"holds at most {MAX_JSON_VALUES:,} (a full one, with 20,000 time entries, about "
            "560,000). Nothing was changed."
        )
    if containers > MAX_JSON_CONTAINERS:
        raise ImportFileError(
            f"Refused: this file holds {containers:,} lists and records; a workbook file holds "
            f"at most {MAX_JSON_CONTAINERS:,} (a full one, with 20,000 time entries, about "
            "40,000). Nothing was changed."
        )
    try:
        record = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFileError("This is not a workbook file (it is not text).") from None
    except json.JSONDecodeError as err:
        raise ImportFileError(
            f"This workbook file is damaged (not valid JSON at line {err.lineno}, column {err.colno})."
        ) from None
    except RecursionError:  # the decoder's own guard against nesting deeper than the stack
        raise ImportFileError(
            "Refused: this file nests too deeply to be a workbook file (thousands of levels; "
            f"a workbook file nests a few, at most {MAX_JSON_DEPTH}). Nothing was changed."
        ) from None
    check_bounds(record)
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise ImportFileError(
            "This is not a playbook workbook file. Download your workbook from the start page "
            "or any workbook page, and upload that file."
        )
    record = upgrade(record)
    record["sections"] = validate_sections(record.get("sections", {}))
    return record


def dump_workbook_file(record: dict[str, Any]) -> bytes:
    """The downloadable form of a record (pretty JSON, with the export time)."""
    out = dict(record, exported=now())
    return json.dumps(out, indent=2, ensure_ascii=False, sort_keys=False).encode("utf-8")
