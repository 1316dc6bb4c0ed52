"""The weekly split: hours per ISO week and per month against the playbook's targets (the
report), and the date ranges a report covers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Generic, Literal, TypeVar, overload

from playbook.time_split.classify import Classified
from playbook.time_split.content import CommunityTarget, TimeSplitContent
from playbook.time_split.section import DateRange, check_range

__all__ = [
    "MonthCommunity",
    "PeriodSplit",
    "SplitReport",
    "Total",
    "days_in_month",
    "default_range",
    "range_covering",
    "split_report",
    "week_start",
]


N = TypeVar("N", int, float)


class Total(Generic[N]):
    """A report's read-only total: the same-named number of each of its ``over`` items added
    up (``work_hours = Total[float]("weeks")`` is the weeks' ``work_hours``), so that a report
    summing several of its weeks' or days' numbers says each in one line.

    Examples
    --------
    >>> @dataclass
    ... class Week:
    ...     hours: float
    >>> @dataclass
    ... class Report:
    ...     weeks: list[Week]
    ...     hours = Total[float]("weeks")
    >>> Report([Week(1.5), Week(2.0)]).hours
    3.5
    """

    def __init__(self, over: str) -> None:
        self.over = over
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> Total[N]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> N: ...
    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        return sum(getattr(item, self.name) for item in getattr(obj, self.over))


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week.

    Examples
    --------
    >>> week_start(date(2026, 3, 5))
    datetime.date(2026, 3, 2)
    """
    return day - timedelta(days=day.weekday())


@dataclass
class PeriodSplit:
    """Hours of one period (a week, or the whole range) by category, and the derived shares.

    Shares are ``None`` when their base is zero hours (nothing to divide).
    """

    start: date
    end: date
    hours: dict[str, float]
    total_hours: float
    work_hours: float
    delivery_hours: float
    outward_hours: float
    technical_hours: float
    learning_hours: float
    community_hours: float
    delivery_share: float | None
    learning_share: float | None
    technical_share: float | None
    status: Literal["balanced", "inward", "outward", "no data"]

    @property
    def outward_share(self) -> float | None:
        return None if self.delivery_share is None else 1 - self.delivery_share


@dataclass
class MonthCommunity:
    """Community hours in one calendar month against the 15-20 hour target.

    When the date range covers only part of the month the target is pro-rated by days
    (``low``/``high``), a documented default reading of a monthly target.
    """

    month: date
    hours: float
    days_covered: int
    days_in_month: int
    low: float
    high: float
    status: Literal["below", "within", "above"]


@dataclass
class SplitReport:
    """The weekly and overall split, community per month, against the content's targets."""

    start: date
    end: date
    weeks: list[PeriodSplit]
    overall: PeriodSplit
    months: list[MonthCommunity]
    target_delivery: float
    tolerance: float
    learning_target: float

    @property
    def band(self) -> tuple[float, float]:
        """The delivery-share band counted as on target."""
        return (self.target_delivery - self.tolerance, self.target_delivery + self.tolerance)

    @property
    def has_data(self) -> bool:
        return self.overall.total_hours > 0


def _period(
    start: date, end: date, hours: dict[str, float], content: TimeSplitContent
) -> PeriodSplit:
    defs = {c.id: c for c in content.categories}
    total = sum(hours.values())
    work = sum(h for c, h in hours.items() if defs[c].work)
    delivery = sum(h for c, h in hours.items() if defs[c].split == "delivery")
    outward = sum(h for c, h in hours.items() if defs[c].split == "outward")
    technical = sum(h for c, h in hours.items() if defs[c].technical)
    learning = sum(h for c, h in hours.items() if defs[c].learning)
    community = sum(h for c, h in hours.items() if defs[c].community)
    base = delivery + outward
    share = delivery / base if base > 0 else None
    target = content.targets.split
    status: Literal["balanced", "inward", "outward", "no data"]
    if share is None:
        status = "no data"
    elif share > target.delivery_share + target.tolerance + 1e-9:
        status = "inward"
    elif share < target.delivery_share - target.tolerance - 1e-9:
        status = "outward"
    else:
        status = "balanced"
    return PeriodSplit(
        start=start,
        end=end,
        hours={c.id: hours.get(c.id, 0.0) for c in content.categories},
        total_hours=total,
        work_hours=work,
        delivery_hours=delivery,
        outward_hours=outward,
        technical_hours=technical,
        learning_hours=learning,
        community_hours=community,
        delivery_share=share,
        learning_share=learning / work if work > 0 else None,
        technical_share=technical / work if work > 0 else None,
        status=status,
    )


def days_in_month(first: date) -> int:
    nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return (nxt - first).days


def _community_months(
    lo: date,
    hi: date,
    by_month: Mapping[date, float],
    target: CommunityTarget,
    logged_weeks: Iterable[date] | None = None,
) -> list[MonthCommunity]:
    """Community hours in each month of the range against the monthly target, pro-rated by
    the days of a month the range covers; with ``logged_weeks`` (the Mondays of the weeks
    holding any entry), only the days of those weeks count as covered, so that one logged
    week is compared with a week's share of the target, not with a whole month's."""
    logged = None if logged_weeks is None else set(logged_weeks)
    months = []
    first = lo.replace(day=1)
    while first <= hi:
        n_days = days_in_month(first)
        last = first + timedelta(days=n_days - 1)
        a, b = max(first, lo), min(last, hi)
        if logged is None:
            covered = (b - a).days + 1
        else:
            covered = sum(
                1 for i in range((b - a).days + 1) if week_start(a + timedelta(i)) in logged
            )
            if covered == 0:  # no entry at all that month: nothing to compare
                first = last + timedelta(days=1)
                continue
        low = target.hours_per_month_low * covered / n_days
        high = target.hours_per_month_high * covered / n_days
        hours = by_month.get(first, 0.0)
        status: Literal["below", "within", "above"] = (
            "below" if hours < low - 1e-9 else "above" if hours > high + 1e-9 else "within"
        )
        months.append(MonthCommunity(first, hours, covered, n_days, low, high, status))
        first = last + timedelta(days=1)
    return months


def split_report(
    classified: Sequence[Classified],
    content: TimeSplitContent,
    date_range: tuple[date, date] | None = None,
) -> SplitReport:
    """Hours per ISO week (Monday first) and per month, against the playbook's targets.

    Parameters
    ----------
    classified
        Entries with their categories (:func:`classify_entries`).
    date_range
        First and last day (inclusive); entries outside are ignored. Default: the span of the
        entries. Weeks at either end may be partial; weeks without entries are listed with
        status ``"no data"`` so a trend shows the gap.

    Examples
    --------
    >>> from playbook.imports import Entry
    >>> from playbook.time_split import classify_entries, load_content
    >>> content = load_content()
    >>> week = [Entry(id=str(i), source="manual", day=date(2026, 3, 2), hours=h, category=c)
    ...         for i, (h, c) in enumerate([(28, "delivery"), (12, "visibility")])]
    >>> report = split_report(classify_entries(week, content), content)
    >>> report.overall.delivery_share, report.overall.status
    (0.7, 'balanced')
    """
    if date_range is None:
        days = [c.entry.day for c in classified]
        if not days:
            today = date(1970, 1, 5)
            date_range = (today, today)
        else:
            date_range = (min(days), max(days))
    lo, hi = date_range
    check_range(lo, hi)
    by_week: dict[date, dict[str, float]] = {}
    by_month: dict[date, float] = {}
    overall: dict[str, float] = {}
    community_ids = {c.id for c in content.categories if c.community}
    for item in classified:
        day = item.entry.day
        if not lo <= day <= hi:
            continue
        h = item.entry.hours
        wk = by_week.setdefault(week_start(day), {})
        wk[item.category] = wk.get(item.category, 0.0) + h
        overall[item.category] = overall.get(item.category, 0.0) + h
        if item.category in community_ids:
            month = day.replace(day=1)
            by_month[month] = by_month.get(month, 0.0) + h

    weeks = []
    monday = week_start(lo)
    while monday <= hi:
        weeks.append(
            _period(
                max(monday, lo),
                min(monday + timedelta(days=6), hi),
                by_week.get(monday, {}),
                content,
            )
        )
        monday += timedelta(days=7)

    return SplitReport(
        start=lo,
        end=hi,
        weeks=weeks,
        overall=_period(lo, hi, overall, content),
        months=_community_months(lo, hi, by_month, content.targets.community, by_week),
        target_delivery=content.targets.split.delivery_share,
        tolerance=content.targets.split.tolerance,
        learning_target=content.targets.learning.share,
    )


def range_covering(days: Iterable[date], weeks: int = 13) -> DateRange | None:
    """Whole weeks covering ``days``, at most the last ``weeks`` of them (a default of this
    workbook: a quarter), ending with the week of the latest day; ``None`` without days.

    Examples
    --------
    >>> r = range_covering([date(2026, 3, 2), date(2026, 3, 27)])
    >>> r.start.isoformat(), r.end.isoformat()
    ('2026-03-02', '2026-03-29')
    >>> range_covering([date(2025, 1, 1), date(2026, 3, 27)]).start.isoformat()
    '2025-12-29'
    """
    found = list(days)
    if not found:
        return None
    end = week_start(max(found)) + timedelta(days=6)
    start = max(week_start(min(found)), end - timedelta(days=7 * weeks - 1))
    return DateRange(start=start, end=end)


def default_range(today: date, weeks: int = 4) -> DateRange:
    """The last ``weeks`` complete ISO weeks before ``today`` (a default of this workbook).

    Examples
    --------
    >>> r = default_range(date(2026, 11, 25))
    >>> r.start.isoformat(), r.end.isoformat()
    ('2026-10-26', '2026-11-22')
    """
    end = week_start(today) - timedelta(days=1)
    return DateRange(start=end - timedelta(days=7 * weeks - 1), end=end)
