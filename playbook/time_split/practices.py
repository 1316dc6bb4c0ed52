"""The community practices the participant chose (the pilots page's catalogue): their
keywords classify entries as community time (:class:`~playbook.time_split.Classifier`, after
the participant's own rules, before the content's), and the hours they account for, practice
by practice, in the date range.

The time-split page reads the chosen practices through the registry and keeps them in its own
section (:func:`with_practices`), so that the section's every result (this page, "Where I
stand", the cohort) counts them alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from playbook.time_split.classify import PRACTICE_RULE, Classified
from playbook.time_split.section import CountedPractice, TimeSplitSection
from playbook.time_split.text import hours_text

__all__ = [
    "PracticeHours",
    "counted_practices",
    "describe_practices",
    "practice_hours",
    "with_practices",
]


def counted_practices(practices: Iterable[Any]) -> list[CountedPractice]:
    """The chosen practices as this section keeps them, from anything with an ``id``, a
    ``name`` and ``keywords`` (the pilots content's practices, read through the registry).

    >>> from types import SimpleNamespace as P
    >>> counted_practices([P(id="beyond_team", name="Beyond", keywords=("coffee with",))])
    [CountedPractice(id='beyond_team', name='Beyond', keywords=('coffee with',))]
    """
    return [CountedPractice(id=p.id, name=p.name, keywords=tuple(p.keywords)) for p in practices]


def with_practices(
    section: TimeSplitSection, practices: Sequence[CountedPractice]
) -> TimeSplitSection:
    """The section counting ``practices`` (the section itself when it already does, so the
    page saves only a change)."""
    if list(practices) == section.community_practices:
        return section
    return section.model_copy(update={"community_practices": list(practices)})


@dataclass(frozen=True)
class PracticeHours:
    """The hours a chosen practice accounts for in the date range, and in how many entries."""

    id: str
    name: str
    hours: float
    entries: int


def practice_hours(
    classified: Sequence[Classified],
    practices: Sequence[CountedPractice],
    date_range: tuple[date, date],
) -> list[PracticeHours]:
    """Each chosen practice's hours in the range: the entries its keywords classified (an
    entry the participant put in a category by hand, or that a rule of their own matched
    first, is not the practice's).

    >>> from datetime import date
    >>> from playbook.imports import Entry
    >>> from playbook.time_split import classify_entries, load_content
    >>> beyond = CountedPractice(id="beyond_team", name="Beyond", keywords=("coffee with",))
    >>> day = date(2026, 3, 6)
    >>> entries = [Entry(id="a", source="manual", day=day, hours=0.75,
    ...                  description="Coffee with the venue manager")]
    >>> done = classify_entries(entries, load_content(), practices=[beyond])
    >>> done[0].category, practice_hours(done, [beyond], (day, day))[0].hours
    ('community', 0.75)
    """
    lo, hi = date_range
    hours = {p.id: 0.0 for p in practices}
    counts = {p.id: 0 for p in practices}
    for item in classified:
        rule = item.rule_id or ""
        if not rule.startswith(PRACTICE_RULE) or not lo <= item.entry.day <= hi:
            continue
        pid = rule.removeprefix(PRACTICE_RULE)
        if pid in hours:
            hours[pid] += item.entry.hours
            counts[pid] += 1
    return [PracticeHours(p.id, p.name, hours[p.id], counts[p.id]) for p in practices]


def describe_practices(found: Sequence[PracticeHours], community_hours: float) -> str:
    """One sentence: how many of the community hours came from the chosen practices, and from
    which ("" when none is chosen).

    >>> describe_practices([PracticeHours("b", "Beyond your team", 2.25, 2)], 12.75)
    'Of your 12.75 h of community building, 2.25 h came from the community practices you chose on the pilots page: Beyond your team 2.25 h (2 entries).'
    """
    if not found:
        return ""
    total = sum(p.hours for p in found)
    each = "; ".join(
        f"{p.name} {hours_text(p.hours)} ({p.entries} entr{'y' if p.entries == 1 else 'ies'})"
        for p in found
    )
    return (
        f"Of your {hours_text(community_hours)} of community building, {hours_text(total)} came "
        f"from the community practices you chose on the pilots page: {each}."
    )
