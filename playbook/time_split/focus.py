"""Focus and fragmented time: uninterrupted blocks of a day's timed entries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from playbook.time_split.classify import Classified
from playbook.time_split.content import FocusSettings, TimeSplitContent
from playbook.time_split.split import Total, week_start

__all__ = [
    "Block",
    "DayFocus",
    "FocusReport",
    "WeekFocus",
    "focus_report",
]


@dataclass
class Block:
    """A stretch of one day with no change: free, or covered by the same entries."""

    start: datetime
    end: datetime
    kind: Literal["free", "busy", "protected"]
    focus: bool
    label: str

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600


@dataclass
class DayFocus:
    day: date
    focus_hours: float
    fragmented_hours: float
    blocks: list[Block]


@dataclass
class WeekFocus:
    week_start: date
    focus_hours: float
    fragmented_hours: float
    focus_blocks: int

    @property
    def focus_share(self) -> float | None:
        total = self.focus_hours + self.fragmented_hours
        return self.focus_hours / total if total > 0 else None


@dataclass
class FocusReport:
    """Focus (uninterrupted blocks of ``min_block_hours`` or more) vs fragmented time.

    A day's window is the content's working day, widened to the day's first and last timed
    entry. Within it every stretch without a change (free, or inside the same entries) is a
    block; a block of at least ``min_block_hours`` is focus time, a shorter one fragmented.
    Protected/personal blocks count as neither. All-day entries and days without a timed
    entry are not analysed (a day off is not fragmented).
    """

    min_block_hours: float
    days: list[DayFocus]
    weeks: list[WeekFocus]

    #: The days' hours, added up.
    focus_hours = Total[float]("days")
    fragmented_hours = Total[float]("days")


def _day_blocks(
    day: date,
    items: list[Classified],
    settings: FocusSettings,
    protected: set[str],
) -> DayFocus:
    tzinfo = items[0].entry.start.tzinfo  # type: ignore[union-attr]
    w_start = datetime.combine(day, settings.workday_start, tzinfo=tzinfo)
    w_end = datetime.combine(day, settings.workday_end, tzinfo=tzinfo)
    spans: list[tuple[datetime, datetime, Classified]] = [
        (c.entry.start, c.entry.end, c)
        for c in items
        if c.entry.start is not None and c.entry.end is not None
    ]
    lo = min([w_start, *(s for s, _, _ in spans)])
    hi = max([w_end, *(e for _, e, _ in spans)])
    cuts = sorted({lo, hi, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    blocks: list[Block] = []
    prev_key: frozenset[int] | None = None
    for a, b in zip(cuts, cuts[1:], strict=False):
        if b <= a:
            continue
        cover = frozenset(i for i, (s, e, _) in enumerate(spans) if s <= a and e >= b)
        if blocks and cover == prev_key:
            blocks[-1].end = b
            continue
        if not cover:
            kind: Literal["free", "busy", "protected"] = "free"
            label = "free"
        elif all(spans[i][2].category in protected for i in cover):
            kind, label = "protected", spans[min(cover)][2].entry.description
        else:
            kind, label = "busy", " / ".join(spans[i][2].entry.description for i in sorted(cover))
        blocks.append(Block(a, b, kind, False, label))
        prev_key = cover
    focus = fragmented = 0.0
    for block in blocks:
        if block.kind == "protected":
            continue
        if block.hours >= settings.min_block_hours - 1e-9:
            block.focus = True
            focus += block.hours
        else:
            fragmented += block.hours
    return DayFocus(day, focus, fragmented, blocks)


def focus_report(
    classified: Sequence[Classified],
    content: TimeSplitContent,
    date_range: tuple[date, date] | None = None,
) -> FocusReport:
    """Focus vs fragmented time per day and per week (see :class:`FocusReport`).

    Examples
    --------
    >>> from datetime import timezone
    >>> from playbook.imports import make_entry
    >>> from playbook.time_split import classify_entries, load_content
    >>> content = load_content()
    >>> tz = timezone.utc
    >>> def at(h, m=0):
    ...     return datetime(2026, 3, 2, h, m, tzinfo=tz)
    >>> day = [make_entry("ics", "Production meeting", at(9), at(10)),
    ...        make_entry("ics", "Vendor call", at(10, 30), at(11)),
    ...        make_entry("ics", "Tech rehearsal", at(13), at(18))]
    >>> report = focus_report(classify_entries(day, content), content)
    >>> report.days[0].focus_hours, report.days[0].fragmented_hours
    (7.0, 2.0)
    """
    settings = content.focus
    protected = {c.id for c in content.categories if not c.work}
    by_day: dict[date, list[Classified]] = {}
    for item in classified:
        e = item.entry
        if not e.timed:
            continue
        if date_range and not date_range[0] <= e.day <= date_range[1]:
            continue
        by_day.setdefault(e.day, []).append(item)
    days = [_day_blocks(d, by_day[d], settings, protected) for d in sorted(by_day)]
    weeks: dict[date, WeekFocus] = {}
    for d in days:
        wk = weeks.setdefault(week_start(d.day), WeekFocus(week_start(d.day), 0.0, 0.0, 0))
        wk.focus_hours += d.focus_hours
        wk.fragmented_hours += d.fragmented_hours
        wk.focus_blocks += sum(1 for b in d.blocks if b.focus)
    return FocusReport(settings.min_block_hours, days, [weeks[k] for k in sorted(weeks)])
