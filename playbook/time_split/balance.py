"""Work-life balance: working hours outside the working day and at weekends, protected blocks
kept or broken, the week-by-week trend and whether it worsens, and which of the article's
practices the weeks suggest (the article's FAQ; every number is a default of the content's
``balance`` and ``focus`` settings).

How the hours are read (each a default reading of this workbook, said on the page):

* an entry's times are the wall-clock times it carries (the participant's time zone at
  import, as the split and the focus blocks read them);
* a timed working entry is cut at midnight (an overnight entry counts on both days) and at
  the working day's start and end: on a weekday, only its part before the start or after the
  end is after-hours; on a weekend day all of it is weekend work;
* an entry without clock time (a typed week, a tracker's day row) counts on its day: weekend
  work on a weekend day, otherwise "no clock time" (in the working hours, never after-hours);
  an all-day event counts its content hours (0 by default, ``calendar.all_day_hours``);
* a protected block is an entry in a category that is not working time (the Protected /
  personal category: by the participant's choice or a keyword rule, e.g. "Protected: school
  run"); an all-day one protects its whole day; it is broken when a working entry overlaps it
  (touching is not overlapping). Protected blocks are read from every entry, so that a
  calendar's block is checked against a time tracker's work in a week both describe.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from playbook.time_split.classify import Classified
from playbook.time_split.content import BalanceSettings, Condition, TimeSplitContent
from playbook.time_split.split import Total, week_start

__all__ = [
    "BalanceReport",
    "ProtectedBlock",
    "WeekBalance",
    "Worsening",
    "balance_report",
    "day_parts",
    "worsening",
]

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class WeekBalance:
    """One ISO week (Monday first): working hours, and those outside the working day."""

    week_start: date
    #: Every working hour of the week (the parts of entries falling on its days).
    work_hours: float = 0.0
    #: Weekday hours before the working day's start or after its end.
    after_hours: float = 0.0
    #: Hours on the weekend's days.
    weekend_hours: float = 0.0
    #: Weekday hours without clock time (typed in, a day entry): working, time unknown.
    untimed_hours: float = 0.0
    #: Weekend days with working hours.
    weekend_days: int = 0
    protected_kept: int = 0
    protected_broken: int = 0

    @property
    def outside_hours(self) -> float:
        """After-hours plus weekend hours."""
        return self.after_hours + self.weekend_hours

    @property
    def outside_share(self) -> float | None:
        """The share of the week's working hours outside the working day (``None``: none)."""
        return self.outside_hours / self.work_hours if self.work_hours > 1e-9 else None


@dataclass(frozen=True)
class ProtectedBlock:
    """A protected entry's time, and the working entries that reached into it."""

    start: datetime  # wall-clock (naive) local time
    end: datetime
    label: str  # the entry's description: the participant's text
    all_day: bool
    #: Descriptions of the working entries overlapping the block (participant text).
    broken_by: tuple[str, ...] = ()
    #: Hours of the block that working entries covered (overlaps counted once).
    overlap_hours: float = 0.0

    @property
    def broken(self) -> bool:
        return bool(self.broken_by)


@dataclass(frozen=True)
class Worsening:
    """The last weeks with working hours whose outside share rose week on week."""

    weeks: tuple[WeekBalance, ...]

    @property
    def first(self) -> float:
        return self.weeks[0].outside_share or 0.0

    @property
    def latest(self) -> float:
        return self.weeks[-1].outside_share or 0.0

    @property
    def rise(self) -> float:
        return self.latest - self.first


@dataclass(frozen=True)
class BalanceReport:
    """Hours outside the working day, protected blocks, the trend and the practices it
    suggests, over a date range (see the module's docstring for how hours are read)."""

    start: date
    end: date
    workday: tuple[time, time]
    weeks: tuple[WeekBalance, ...]
    blocks: tuple[ProtectedBlock, ...]
    #: Protected entries without clock time (cannot be checked).
    untimed_blocks: int
    #: The trend when it worsens (``None``: it does not, or too few weeks to tell).
    worsening: Worsening | None
    #: Weeks with working hours the trend needs, and how many the range has.
    trend_weeks: int
    #: What holds in these weeks, of what makes a practice a suggestion.
    conditions: frozenset[Condition] = field(default_factory=frozenset)
    #: The ids of the content's practices these weeks suggest, in content order.
    suggested: tuple[str, ...] = ()

    #: The weeks' numbers, added up.
    work_hours = Total[float]("weeks")
    after_hours = Total[float]("weeks")
    weekend_hours = Total[float]("weeks")
    untimed_hours = Total[float]("weeks")
    weekend_days = Total[int]("weeks")

    @property
    def outside_hours(self) -> float:
        return self.after_hours + self.weekend_hours

    @property
    def outside_share(self) -> float | None:
        work = self.work_hours
        return self.outside_hours / work if work > 1e-9 else None

    @property
    def kept(self) -> int:
        return sum(1 for b in self.blocks if not b.broken)

    @property
    def broken(self) -> int:
        return sum(1 for b in self.blocks if b.broken)

    @property
    def latest(self) -> WeekBalance | None:
        """The most recent week with working hours."""
        worked = [w for w in self.weeks if w.work_hours > 1e-9]
        return worked[-1] if worked else None

    @property
    def has_data(self) -> bool:
        return self.work_hours > 1e-9 or bool(self.blocks)


def _wall(value: datetime) -> float:
    """The wall-clock time a datetime shows (its own offset), in seconds from the first day
    of the calendar: numbers, so that a log of 20,000 entries is cut up quickly."""
    return (
        value.toordinal() * 86400.0
        + value.hour * 3600
        + value.minute * 60
        + value.second
        + value.microsecond / 1e6
    )


def _seconds(t: time) -> float:
    return t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6


def day_parts(
    start: datetime, end: datetime, workday: tuple[time, time], hours: float | None = None
) -> list[tuple[date, float, float]]:
    """``(day, hours, hours outside the working day)`` of each day a timed entry touches.

    ``start`` and ``end`` are read as wall-clock times; the entry is cut at midnight and at
    the working day's start and end. ``hours`` (the entry's true length) scales the parts when
    it differs from the wall-clock length: a change of the clocks inside an entry is shared
    across its parts.

    Examples
    --------
    Crossing 18:00, only the part after counts as outside the 09:00-18:00 day; overnight,
    each day gets its own part:

    >>> day = (time(9), time(18))
    >>> day_parts(datetime(2026, 3, 3, 17), datetime(2026, 3, 3, 19), day)
    [(datetime.date(2026, 3, 3), 2.0, 1.0)]
    >>> day_parts(datetime(2026, 3, 6, 22), datetime(2026, 3, 7, 2), day)
    [(datetime.date(2026, 3, 6), 2.0, 2.0), (datetime.date(2026, 3, 7), 2.0, 2.0)]
    """
    s, e = _wall(start), _wall(end)
    if e <= s:
        return []
    scale = 1.0 if hours is None else hours * 3600 / (e - s)
    open_, close = _seconds(workday[0]), _seconds(workday[1])
    parts: list[tuple[date, float, float]] = []
    k = start.toordinal()
    while k * 86400.0 < e:
        midnight = k * 86400.0
        a, b = max(s, midnight), min(e, midnight + 86400.0)
        if b > a:
            inside = max(0.0, min(b, midnight + close) - max(a, midnight + open_))
            parts.append(
                (date.fromordinal(k), (b - a) / 3600 * scale, (b - a - inside) / 3600 * scale)
            )
        k += 1
    return parts


class _Week:
    """A week's sums while they are added up (frozen into a :class:`WeekBalance`)."""

    def __init__(self) -> None:
        self.work = self.after = self.weekend = self.untimed = 0.0
        self.weekend_days: set[date] = set()
        self.kept = self.broken = 0

    def frozen(self, monday: date) -> WeekBalance:
        days = len(self.weekend_days)
        sums = (self.work, self.after, self.weekend, self.untimed, days, self.kept, self.broken)
        return WeekBalance(monday, *sums)


#: A working entry's clock time, as wall-clock seconds (:func:`_wall`), and its title.
_Span = tuple[float, float, str]


def _work_spans(items: Iterable[Classified], work: set[str]) -> list[_Span]:
    spans = [
        (_wall(c.entry.start), _wall(c.entry.end), c.entry.description)  # type: ignore[arg-type]
        for c in items
        if c.category in work and c.entry.timed
    ]
    spans.sort(key=lambda s: (s[0], s[1]))
    return spans


def _block(
    start: datetime,
    end: datetime,
    label: str,
    all_day: bool,
    spans: list[_Span],
    starts: list[float],
    longest: float,
) -> ProtectedBlock:
    """The block, with the working spans that overlap it (by more than touching)."""
    lo, hi = _wall(start), _wall(end)
    by: list[str] = []
    cover: list[tuple[float, float]] = []
    i = bisect_right(starts, lo - longest)
    while i < len(spans) and spans[i][0] < hi:
        s, e, what = spans[i]
        if e > lo and s < hi:
            if what not in by:
                by.append(what)
            cover.append((max(s, lo), min(e, hi)))
        i += 1
    seconds = 0.0
    reach: float | None = None
    for a, b in sorted(cover):  # the union of the overlaps, so that two calls count once
        if reach is not None and a < reach:
            a = reach
        if b > a:
            seconds += b - a
        reach = b if reach is None else max(reach, b)
    return ProtectedBlock(start, end, label, all_day, tuple(by), seconds / 3600)


def _blocks(
    everything: Iterable[Classified],
    counted: Sequence[Classified],
    content: TimeSplitContent,
    lo: date,
    hi: date,
) -> tuple[list[ProtectedBlock], int]:
    """The protected blocks that start in the range, each checked against the working
    entries that count; and how many protected entries have no clock time."""
    free = {c.id for c in content.categories if not c.work}
    found: list[tuple[datetime, datetime, str, bool]] = []
    seen: set[tuple[datetime, datetime]] = set()
    untimed = 0
    for item in everything:
        e = item.entry
        if item.category not in free or not lo <= e.day <= hi:
            continue
        if e.timed:
            start = e.start.replace(tzinfo=None)  # type: ignore[union-attr]
            end = e.end.replace(tzinfo=None)  # type: ignore[union-attr]
        elif e.all_day:
            start = datetime.combine(e.day, time())
            end = start + _DAY
        else:
            untimed += 1
            continue
        if (start, end) in seen:  # the same block in a calendar and a tracker: once
            continue
        seen.add((start, end))
        found.append((start, end, e.description, e.all_day))
    if not found:
        return [], untimed
    spans = _work_spans(counted, {c.id for c in content.categories if c.work})
    starts = [s for s, _, _ in spans]
    longest = max((e - s for s, e, _ in spans), default=0.0)
    blocks = [_block(*block, spans, starts, longest) for block in found]
    blocks.sort(key=lambda b: (b.start, b.end))
    return blocks, untimed


def _weeks(
    counted: Iterable[Classified], content: TimeSplitContent, lo: date, hi: date
) -> dict[date, _Week]:
    work = {c.id for c in content.categories if c.work}
    workday = (content.focus.workday_start, content.focus.workday_end)
    weekend = content.balance.weekend_numbers
    weeks: dict[date, _Week] = {}

    def add(day: date, hours: float, outside: float | None) -> None:
        if not lo <= day <= hi or hours <= 0:
            return
        wk = weeks.setdefault(week_start(day), _Week())
        wk.work += hours
        if day.weekday() in weekend:
            wk.weekend += hours
            wk.weekend_days.add(day)
        elif outside is None:
            wk.untimed += hours
        else:
            wk.after += outside

    for item in counted:
        e = item.entry
        if item.category not in work:
            continue
        if e.timed:
            for day, hours, outside in day_parts(e.start, e.end, workday, e.hours):  # type: ignore[arg-type]
                add(day, hours, outside)
        else:  # a typed week's row, a day entry, an all-day event (its content hours)
            add(e.day, e.hours, None)
    return weeks


def worsening(weeks: Sequence[WeekBalance], settings: BalanceSettings) -> Worsening | None:
    """The last ``settings.worsening_weeks`` weeks with working hours, when their outside
    share rose week on week and by ``settings.worsening_rise`` or more in all (the content's
    defaults); else ``None`` (also when there are fewer such weeks).

    Examples
    --------
    >>> from playbook.time_split import load_content
    >>> settings = load_content().balance
    >>> def week(n, outside):
    ...     return WeekBalance(date(2026, 3, 2) + timedelta(weeks=n), 40.0, outside)
    >>> worsening([week(0, 4), week(1, 6), week(2, 8)], settings).rise
    0.1
    >>> worsening([week(0, 4), week(1, 8), week(2, 6)], settings) is None  # it fell
    True
    """
    worked = [w for w in weeks if w.outside_share is not None]
    n = settings.worsening_weeks
    if len(worked) < n:
        return None
    last = worked[-n:]
    shares = [w.outside_share or 0.0 for w in last]
    rising = all(b > a + 1e-9 for a, b in zip(shares, shares[1:], strict=False))
    if rising and shares[-1] - shares[0] >= settings.worsening_rise - 1e-9:
        return Worsening(tuple(last))
    return None


def _conditions(report: BalanceReport) -> frozenset[Condition]:
    found: set[Condition] = set()
    if report.broken:
        found.add("broken_blocks")
    if not report.blocks and report.work_hours > 1e-9:
        found.add("no_blocks")
    if report.after_hours > 1e-9:
        found.add("outside_hours")
    if report.weekend_hours > 1e-9:
        found.add("weekend")
    if report.worsening is not None:
        found.add("worsening")
    return frozenset(found)


def balance_report(
    counted: Sequence[Classified],
    content: TimeSplitContent,
    date_range: tuple[date, date] | None = None,
    everything: Iterable[Classified] | None = None,
) -> BalanceReport:
    """Working hours outside the working day and at weekends, week by week; protected blocks
    kept or broken; whether the trend worsens; the practices these weeks suggest.

    Parameters
    ----------
    counted
        The entries that count, with their categories (as for :func:`split_report`: a week
        that both a calendar and a time tracker describe, once).
    date_range
        First and last day (inclusive); default: the span of the entries.
    everything
        Every entry with its category, where the protected blocks are read from (default:
        ``counted``), so that a calendar's block is checked against a tracker's work.

    Examples
    --------
    An evening show crossing 18:00 and a Saturday matinee, against the content's 09:00-18:00
    working day (a default):

    >>> from datetime import timezone
    >>> from playbook.imports import make_entry
    >>> from playbook.time_split import classify_entries, load_content
    >>> content = load_content()
    >>> def at(d, h):
    ...     return datetime(2026, 3, d, h, tzinfo=timezone.utc)
    >>> week = [make_entry("manual", "Show call", at(3, 17), at(3, 22)),
    ...         make_entry("manual", "Show call: matinee", at(7, 13), at(7, 17))]
    >>> r = balance_report(classify_entries(week, content), content)
    >>> r.work_hours, r.after_hours, r.weekend_hours, round(r.outside_share, 2)
    (9.0, 4.0, 4.0, 0.89)
    """
    settings = content.balance
    if date_range is None:
        days = [c.entry.day for c in counted]
        date_range = (min(days), max(days)) if days else (date(1970, 1, 5), date(1970, 1, 5))
    lo, hi = date_range
    sums = _weeks(counted, content, lo, hi)
    blocks, untimed_blocks = _blocks(
        counted if everything is None else everything, counted, content, lo, hi
    )
    for block in blocks:
        wk = sums.setdefault(week_start(block.start.date()), _Week())
        if block.broken:
            wk.broken += 1
        else:
            wk.kept += 1
    weeks = []
    monday = week_start(lo)
    while monday <= hi:
        weeks.append(sums.get(monday, _Week()).frozen(monday))
        monday += timedelta(days=7)
    report = BalanceReport(
        start=lo,
        end=hi,
        workday=(content.focus.workday_start, content.focus.workday_end),
        weeks=tuple(weeks),
        blocks=tuple(blocks),
        untimed_blocks=untimed_blocks,
        worsening=worsening(weeks, settings),
        trend_weeks=settings.worsening_weeks,
    )
    conditions = _conditions(report)
    suggested = tuple(p.id for p in settings.practices if conditions & set(p.when))
    return replace(report, conditions=conditions, suggested=suggested)
