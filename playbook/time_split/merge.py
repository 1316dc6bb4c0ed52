"""Merging logs: new entries without duplicates, overlapping entries, and a week that both a
calendar and a time tracker describe counted once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from playbook.imports import Entry
from playbook.time_split.classify import Classified, classify_entries
from playbook.time_split.content import TimeSplitContent
from playbook.time_split.split import week_start

if TYPE_CHECKING:
    from playbook.time_split.section import TimeSplitSection

__all__ = [
    "CALENDAR_SOURCES",
    "TRACKER_SOURCES",
    "DoubleLog",
    "MergeResult",
    "Overlap",
    "counted_classified",
    "counted_entries",
    "double_log",
    "find_overlaps",
    "merge_entries",
]


@dataclass(frozen=True)
class Overlap:
    """Two timed entries that share ``hours`` of clock time (those hours count twice)."""

    first: Entry
    second: Entry
    hours: float


def find_overlaps(entries: Iterable[Entry], limit: int = 10_000) -> list[Overlap]:
    """Pairs of timed entries that overlap, earliest first (at most ``limit`` pairs).

    Touching entries (one ends as the next starts) do not overlap.

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> from playbook.imports import make_entry
    >>> t = lambda h: datetime(2026, 3, 2, h, tzinfo=timezone.utc)
    >>> a = make_entry("toggl", "Budget review", t(9), t(11))
    >>> b = make_entry("ics", "Vendor call", t(10), t(12))
    >>> [(o.first.description, o.second.description, o.hours) for o in find_overlaps([a, b])]
    [('Budget review', 'Vendor call', 1.0)]
    """
    timed = sorted((e for e in entries if e.timed), key=lambda e: (e.start, e.end))
    found: list[Overlap] = []
    active: list[Entry] = []
    for e in timed:
        active = [a for a in active if a.end > e.start]  # type: ignore[operator]
        for a in active:
            shared = (min(a.end, e.end) - e.start).total_seconds() / 3600  # type: ignore[type-var,operator]
            if shared > 0:
                found.append(Overlap(a, e, shared))
                if len(found) >= limit:
                    return found
        active.append(e)
    return found


@dataclass
class MergeResult:
    entries: list[Entry]
    added: int
    duplicates: int
    #: Entries taken out because the file now leaves them out (declined, cancelled).
    removed: int = 0


def merge_entries(existing: Sequence[Entry], new: Iterable[Entry]) -> MergeResult:
    """``existing`` plus the entries of ``new`` whose id is not there yet.

    Importing the same file again adds nothing: every entry's id is a hash of its source,
    times and description (:func:`playbook.imports.entry_id`).
    """
    seen = {e.id for e in existing}
    out = list(existing)
    added = dup = 0
    for e in new:
        if e.id in seen:
            dup += 1
            continue
        seen.add(e.id)
        out.append(e)
        added += 1
    return MergeResult(out, added, dup)


#: Sources that say what was planned (a calendar) and what was done (a time tracker).
CALENDAR_SOURCES = frozenset({"ics"})
TRACKER_SOURCES = frozenset({"toggl", "clockify", "csv"})


@dataclass(frozen=True)
class DoubleLog:
    """Weeks that both a calendar and a time tracker describe, and which of the two counts."""

    weeks: tuple[date, ...]
    used: Literal["tracker", "calendar"]
    left_out_entries: int
    left_out_hours: float


def _double_weeks(entries: Iterable[Entry]) -> set[date]:
    calendar: set[date] = set()
    tracker: set[date] = set()
    for e in entries:
        if e.source in CALENDAR_SOURCES:
            calendar.add(week_start(e.day))
        elif e.source in TRACKER_SOURCES:
            tracker.add(week_start(e.day))
    return calendar & tracker


def _left_out(entry: Entry, weeks: set[date], used: str) -> bool:
    dropped = CALENDAR_SOURCES if used == "tracker" else TRACKER_SOURCES
    return entry.source in dropped and week_start(entry.day) in weeks


def counted_entries(
    entries: Sequence[Entry], used: Literal["tracker", "calendar"] = "tracker"
) -> list[Entry]:
    """The entries that count: in a week that both a calendar and a time tracker describe,
    only the ``used`` one (by default the tracker, what was done rather than what was
    planned), so that the same hours are never counted twice. Typed weeks always count.

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> from playbook.imports import make_entry
    >>> t = lambda d, h: datetime(2026, 3, d, h, tzinfo=timezone.utc)
    >>> cal = make_entry("ics", "Production meeting", t(2, 10), t(2, 12))
    >>> tog = make_entry("toggl", "Production meeting", t(3, 10), t(3, 11))
    >>> later = make_entry("ics", "Budget review", t(9, 10), t(9, 11))
    >>> [e.source for e in counted_entries([cal, tog, later])]
    ['toggl', 'ics']
    >>> [e.source for e in counted_entries([cal, tog, later], "calendar")]
    ['ics', 'ics']
    """
    weeks = _double_weeks(entries)
    if not weeks:
        return list(entries)
    return [e for e in entries if not _left_out(e, weeks, used)]


def double_log(
    entries: Sequence[Entry], used: Literal["tracker", "calendar"] = "tracker"
) -> DoubleLog | None:
    """The weeks logged twice (a calendar and a time tracker) and what is left out, if any."""
    weeks = _double_weeks(entries)
    if not weeks:
        return None
    out = [e for e in entries if _left_out(e, weeks, used)]
    return DoubleLog(tuple(sorted(weeks)), used, len(out), sum(e.hours for e in out))


def counted_classified(section: TimeSplitSection, content: TimeSplitContent) -> list[Classified]:
    """The entries of ``section`` that count (:func:`counted_entries`: a week logged twice, by
    a calendar and a time tracker, counted once), with their categories: what the results
    are computed from."""
    kept = counted_entries(section.entries, section.double_log)
    return classify_entries(
        kept, content, section.overrides, section.user_rules, section.community_practices
    )
