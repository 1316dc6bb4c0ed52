"""The participant's log of entries and what changes it: an import merged in, a source
taken out, a category chosen for entries, within the workbook's cap."""

from __future__ import annotations

from collections.abc import Iterable, Sized
from datetime import datetime

from playbook.errors import InputError
from playbook.imports import Entry, ImportResult
from playbook.limits import MAX_TIME_ENTRIES as MAX_ENTRIES  # defined in limits.py only
from playbook.time_split.content import TimeSplitContent
from playbook.time_split.merge import MergeResult, merge_entries
from playbook.time_split.section import ImportRecord, TimeSplitSection

__all__ = [
    "MAX_ENTRIES",
    "SOURCE_NAMES",
    "apply_import",
    "check_entry_limit",
    "reclassify",
    "remove_entries",
    "source_counts",
]


def check_entry_limit(entries: Sized) -> None:
    """Refuse a log longer than :data:`MAX_ENTRIES` (an import says more: see
    :func:`apply_import`).

    Raises
    ------
    InputError
        When ``entries`` holds more than :data:`MAX_ENTRIES`.
    """
    if len(entries) > MAX_ENTRIES:
        raise InputError(f"A workbook keeps at most {MAX_ENTRIES:,} entries.")


def reclassify(
    section: TimeSplitSection, entry_ids: Iterable[str], category: str, content: TimeSplitContent
) -> TimeSplitSection:
    """A copy of ``section`` with the participant's category for these entries.

    Raises
    ------
    InputError
        When the category is unknown or an id names no entry.
    """
    content.check_category(category)
    known = {e.id for e in section.entries}
    ids = list(entry_ids)
    missing = [i for i in ids if i not in known]
    if missing:
        raise InputError("That entry is no longer in your log; refresh and try again.")
    overrides = dict(section.overrides)
    overrides.update({i: category for i in ids})
    return section.model_copy(update={"overrides": overrides})


def apply_import(
    section: TimeSplitSection,
    result: ImportResult,
    file_name: str,
    now: datetime,
) -> tuple[TimeSplitSection, MergeResult]:
    """A copy of ``section`` with an import's entries merged (no duplicates) and logged; the
    entries the file now leaves out (``result.withdrawn``: declined since, cancelled since)
    are taken out.

    Raises
    ------
    InputError
        When the workbook would hold more than :data:`MAX_ENTRIES` entries; nothing is changed.
    """
    kept = section.entries
    removed = 0
    if result.withdrawn:
        # What the participant has told the page since the last import (their e-mail: the
        # meetings they declined) applies to the entries that import brought in.
        kept = [e for e in section.entries if e.id not in result.withdrawn]
        removed = len(section.entries) - len(kept)
    merged = merge_entries(kept, result.entries)
    merged.removed = removed
    if len(merged.entries) > MAX_ENTRIES:
        raise InputError(
            f"This import would bring your log to {len(merged.entries):,} entries; a workbook "
            f"keeps at most {MAX_ENTRIES:,}. Choose a shorter date range, or remove entries you "
            "no longer need. Nothing was changed."
        )
    record = ImportRecord(
        file_name=file_name[:300],
        format=result.format,
        encoding=result.encoding,
        imported_at=now,
        added=merged.added,
        duplicates=merged.duplicates,
        skipped=dict(result.skipped),
    )
    ids = {e.id for e in merged.entries}
    overrides = {k: v for k, v in section.overrides.items() if k in ids}
    updated = section.model_copy(
        update={
            "entries": merged.entries,
            "imports": [*section.imports, record],
            "overrides": overrides,
        }
    )
    return updated, merged


SOURCE_NAMES = {
    "ics": "calendar",
    "toggl": "Toggl Track",
    "clockify": "Clockify",
    "csv": "CSV (your mapping)",
    "manual": "typed in",
}


def source_counts(entries: Iterable[Entry]) -> dict[str, int]:
    """How many entries came from each source (``"ics"``, ``"toggl"``, ...), in first-seen order."""
    counts: dict[str, int] = {}
    for e in entries:
        counts[e.source] = counts.get(e.source, 0) + 1
    return counts


def remove_entries(section: TimeSplitSection, source: str) -> TimeSplitSection:
    """A copy of ``section`` without the entries of one source (and their overrides)."""
    kept = [e for e in section.entries if e.source != source]
    ids = {e.id for e in kept}
    overrides = {k: v for k, v in section.overrides.items() if k in ids}
    return section.model_copy(update={"entries": kept, "overrides": overrides})
