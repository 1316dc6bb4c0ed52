"""The 70/30 time split, measured on a real week: pure logic, no widgets, no I/O.

What the playbook says (docs/CONTENT.md, section 4; numbers and sources in
``content/time_split.yaml``): 70% of energy on delivery and 30% on strategic visibility and
relationships; 15-20 hours a month of intentional community building; 10% of development
time on emerging methods; and, for someone moving from technical work into leadership, a
six-month plan taking direct technical work from 70% to 30%.

The flow, each step a function of plain data:

1. entries come from a manual week (:func:`manual_entries`) or an import
   (:mod:`playbook.imports`), merged without duplicates (:func:`merge_entries`);
2. each entry gets a category (:class:`Classifier`): the participant's own choice for that
   entry, else a category the entry carries, else the participant's rules, else the
   content's keyword rules, else ``other``;
3. :func:`summarize` adds the hours up per week and month against the targets;
   :func:`focus_report` finds focus and fragmented time; :func:`find_overlaps` finds
   double-counted hours;
4. :func:`transition_plan` and :func:`plan_progress` lay out and follow the technical-to-
   leadership plan.

The participant's part of the workbook record is a :class:`TimeSplitSection`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence, Sized
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    ValidationError,
    field_validator,
    model_serializer,
    model_validator,
)

from playbook.content import load_content as load_yaml
from playbook.contract import Domain, by_id
from playbook.errors import InputError
from playbook.imports import ColumnMapping, Entry, ImportResult, day_entry, zone

__all__ = [
    "CategoryDef",
    "Classified",
    "Classifier",
    "DateRange",
    "FocusReport",
    "ManualActivity",
    "MergeResult",
    "Milestone",
    "MonthCommunity",
    "Overlap",
    "PeriodSplit",
    "PlanSettings",
    "Rule",
    "SplitReport",
    "TimeSplitContent",
    "TimeSplitSection",
    "TransitionPlan",
    "WeekProgress",
    "MAX_ENTRIES",
    "add_user_rule",
    "apply_import",
    "classify_entries",
    "describe_overlaps",
    "DoubleLog",
    "DraftRow",
    "ManualDraft",
    "draft_is_saved",
    "counted_entries",
    "double_log",
    "describe_double_log",
    "range_covering",
    "find_overlaps",
    "focus_report",
    "load_content",
    "check_range",
    "check_entry_limit",
    "parse_section",
    "dump_section",
    "assess",
    "TimeSplitResult",
    "manual_entries",
    "measured_technical_share",
    "merge_entries",
    "plan_progress",
    "default_range",
    "remove_entries",
    "source_counts",
    "reclassify",
    "replace_manual_week",
    "summarize",
    "transition_plan",
    "week_start",
]

Share = float


# --- content ----------------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CategoryDef(_Strict):
    """A category of time: where it counts in the split and in the other measures."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    label: str = Field(min_length=1)
    split: Literal["delivery", "outward", "none"]
    work: bool = True
    technical: bool = False
    community: bool = False
    learning: bool = False
    color: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    description: str = ""


class Rule(_Strict):
    """Keywords that put an entry in a category (whole words or phrases, case-insensitive)."""

    id: str = Field(min_length=1, max_length=80)
    category: str
    keywords: tuple[str, ...] = Field(min_length=1)

    @field_validator("keywords")
    @classmethod
    def _keywords(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(" ".join(k.split()) for k in value)
        if any(not k for k in cleaned):
            raise ValueError("a keyword is empty")
        if any(len(k) > 80 for k in cleaned):
            raise ValueError("a keyword is longer than 80 characters")
        return cleaned


class SplitAdvice(_Strict):
    inward: str
    outward: str
    balanced: str


class SplitTarget(_Strict):
    delivery_share: Share = Field(gt=0, lt=1)
    tolerance: Share = Field(ge=0, le=0.5)
    source: str
    advice: SplitAdvice


class CommunityTarget(_Strict):
    hours_per_month_low: float = Field(ge=0)
    hours_per_month_high: float = Field(ge=0)
    source: str
    example: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> CommunityTarget:
        if self.hours_per_month_low > self.hours_per_month_high:
            raise ValueError("hours_per_month_low is above hours_per_month_high")
        return self


class LearningTarget(_Strict):
    share: Share = Field(gt=0, lt=1)
    basis: str
    source: str


class Targets(_Strict):
    split: SplitTarget
    community: CommunityTarget
    learning: LearningTarget


class FocusSettings(_Strict):
    min_block_hours: float = Field(gt=0, le=12)
    workday_start: time
    workday_end: time

    @model_validator(mode="after")
    def _ordered(self) -> FocusSettings:
        if self.workday_start >= self.workday_end:
            raise ValueError("workday_start must be before workday_end")
        return self


class CalendarSettings(_Strict):
    all_day_hours: float = Field(ge=0, le=24)


class Checkpoint(_Strict):
    phase: Literal["early", "middle", "late"]
    text: str = Field(min_length=1)


class TransitionDefaults(_Strict):
    start_share: Share = Field(ge=0, le=1)
    target_share: Share = Field(ge=0, le=1)
    months: int = Field(ge=1)
    max_months: int = Field(ge=1, le=120)
    tolerance: Share = Field(ge=0, le=0.5)
    source: str
    note: str
    checkpoints: tuple[Checkpoint, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> TransitionDefaults:
        if self.months > self.max_months:
            raise ValueError("months is above max_months")
        if self.start_share <= self.target_share:
            raise ValueError("start_share must be above target_share (the plan reduces it)")
        return self


class TimeSplitContent(_Strict):
    """``content/time_split.yaml``: categories, keyword rules, targets and defaults."""

    categories: tuple[CategoryDef, ...] = Field(min_length=2)
    default_category: str
    rules: tuple[Rule, ...]
    targets: Targets
    focus: FocusSettings
    calendar: CalendarSettings
    transition: TransitionDefaults

    @model_validator(mode="after")
    def _references(self) -> TimeSplitContent:
        ids = [c.id for c in self.categories]
        if len(set(ids)) != len(ids):
            raise ValueError("two categories share an id")
        if self.default_category not in ids:
            raise ValueError(f"default_category '{self.default_category}' is not a category")
        rule_ids = [r.id for r in self.rules]
        if len(set(rule_ids)) != len(rule_ids):
            raise ValueError("two rules share an id")
        for rule in self.rules:
            if rule.category not in ids:
                raise ValueError(f"rule '{rule.id}' names an unknown category '{rule.category}'")
        sides = {c.split for c in self.categories}
        if not {"delivery", "outward"} <= sides:
            raise ValueError("the categories need at least one 'delivery' and one 'outward' side")
        return self

    def category(self, category_id: str) -> CategoryDef:
        """The category with this id (:class:`UnknownIdError` if none)."""
        return by_id(self.categories, category_id, "category")

    @property
    def category_ids(self) -> list[str]:
        return [c.id for c in self.categories]

    def check_category(self, category_id: str) -> str:
        """``category_id`` if it is a category, else an :class:`InputError` listing them."""
        if category_id not in self.category_ids:
            known = ", ".join(f"{c.id} ({c.label})" for c in self.categories)
            raise InputError(f"'{category_id}' is not a category. The categories are: {known}.")
        return category_id


def load_content() -> TimeSplitContent:
    """Load and validate ``time_split.yaml`` (the coach's copy if ``PLAYBOOK_CONTENT`` has one).

    Raises
    ------
    ContentError
        When the file is missing or invalid; the message names the file and the item.
    """
    return load_yaml("time_split", TimeSplitContent)


# --- classification ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Classified:
    """An entry with its category and why: ``reason`` is a phrase for the participant."""

    entry: Entry
    category: str
    reason: str
    rule_id: str | None = None


def _keyword_pattern(keyword: str) -> str:
    # Whole word or phrase; a trailing plural s/es also matches ("rehearsals", "1:1s").
    return rf"(?<!\w){re.escape(keyword.lower())}(?:e?s)?(?!\w)"


class Classifier:
    """Classifies entries: overrides, then the entry's own category, then rules, in order.

    Rules are tried in order (the participant's rules first, then the content's) and the
    first rule with a keyword in the entry's text wins. All keywords are compiled into one
    regular expression with a named group per rule, and results are cached per text (a
    calendar repeats the same titles), so 100,000 entries classify in well under a second.

    Examples
    --------
    >>> content = load_content()
    >>> c = Classifier(content)
    >>> c.classify_text("Tech rehearsal, Act 2")
    ('delivery', 'production', 'tech rehearsal')
    >>> c.classify_text("1:1 with Sam")
    ('community', 'relationships', '1:1')
    >>> c.classify_text("Quarterly stakeholder update")[0]
    'visibility'
    """

    def __init__(
        self,
        content: TimeSplitContent,
        user_rules: Sequence[Rule] = (),
        overrides: Mapping[str, str] | None = None,
    ) -> None:
        self.content = content
        self.overrides = dict(overrides or {})
        known = set(content.category_ids)
        self._rules: list[tuple[Rule, bool]] = [
            (r, True) for r in user_rules if r.category in known
        ] + [(r, False) for r in content.rules]
        groups = []
        for i, (rule, _user) in enumerate(self._rules):
            # Longest keywords first, so "tech rehearsal" is reported rather than "tech".
            words = sorted(set(rule.keywords), key=len, reverse=True)
            groups.append(f"(?P<r{i}>{'|'.join(_keyword_pattern(k) for k in words)})")
        self._regex = re.compile("|".join(groups), re.IGNORECASE) if groups else None
        self._cache: dict[str, tuple[str, str | None, str | None]] = {}

    def classify_text(self, text: str) -> tuple[str, str | None, str | None]:
        """``(category, rule id, matched keyword)`` for a text; no match gives the default."""
        hit = self._cache.get(text)
        if hit is not None:
            return hit
        best: tuple[int, str] | None = None
        if self._regex is not None:
            for m in self._regex.finditer(text):
                index = int(m.lastgroup[1:])  # type: ignore[index]
                if best is None or index < best[0]:
                    best = (index, m.group(0).lower())
                    if index == 0:
                        break
        if best is None:
            result: tuple[str, str | None, str | None] = (
                self.content.default_category,
                None,
                None,
            )
        else:
            rule = self._rules[best[0]][0]
            result = (rule.category, rule.id, best[1])
        if len(self._cache) < 200_000:
            self._cache[text] = result
        return result

    def classify(self, entry: Entry) -> Classified:
        """The category of one entry, and the reason, for the participant to see."""
        chosen = self.overrides.get(entry.id)
        if chosen is not None and chosen in self.content.category_ids:
            return Classified(entry, chosen, "your choice")
        if entry.category is not None and entry.category in self.content.category_ids:
            return Classified(entry, entry.category, "entered with this category")
        category, rule_id, keyword = self.classify_text(entry.text)
        if rule_id is None:
            return Classified(entry, category, "no rule matched")
        user = any(r.id == rule_id and u for r, u in self._rules)
        whose = "your rule" if user else "rule"
        return Classified(entry, category, f"{whose} '{rule_id}' (keyword '{keyword}')", rule_id)


def classify_entries(
    entries: Iterable[Entry],
    content: TimeSplitContent,
    overrides: Mapping[str, str] | None = None,
    user_rules: Sequence[Rule] = (),
) -> list[Classified]:
    """Classify every entry (see :class:`Classifier` for the order of precedence)."""
    classifier = Classifier(content, user_rules, overrides)
    return [classifier.classify(e) for e in entries]


def add_user_rule(
    rules: Sequence[Rule], keyword: str, category: str, content: TimeSplitContent
) -> list[Rule]:
    """The participant's rules with ``keyword -> category`` added (or its category changed).

    Raises
    ------
    InputError
        When the keyword is blank or too long, or the category unknown.

    Examples
    --------
    >>> content = load_content()
    >>> rules = add_user_rule([], "Lighting plot", "hands_on", content)
    >>> rules[0].keywords, rules[0].category
    (('lighting plot',), 'hands_on')
    """
    content.check_category(category)
    word = " ".join(keyword.split()).lower()
    if not word:
        raise InputError("Type the word or phrase the rule should look for.")
    if len(word) > 80:
        raise InputError("A rule's keyword can be at most 80 characters.")
    kept = [r for r in rules if word not in r.keywords]
    taken = {r.id for r in kept}
    n = 1
    while f"my-rule-{n}" in taken:
        n += 1
    return [Rule(id=f"my-rule-{n}", category=category, keywords=(word,)), *kept]


# --- weeks, months and the split --------------------------------------------------------------


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


def _days_in_month(first: date) -> int:
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
        n_days = _days_in_month(first)
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


def summarize(
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
    >>> content = load_content()
    >>> week = [Entry(id=str(i), source="manual", day=date(2026, 3, 2), hours=h, category=c)
    ...         for i, (h, c) in enumerate([(28, "delivery"), (12, "visibility")])]
    >>> report = summarize(classify_entries(week, content), content)
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


# --- focus and fragmented time ----------------------------------------------------------------


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

    @property
    def focus_hours(self) -> float:
        return sum(d.focus_hours for d in self.days)

    @property
    def fragmented_hours(self) -> float:
        return sum(d.fragmented_hours for d in self.days)


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


# --- overlaps, merging, manual weeks ----------------------------------------------------------


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
    >>> from datetime import timezone
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


def describe_overlaps(overlaps: Sequence[Overlap], shown: int = 3) -> str | None:
    """A message for the participant about overlapping entries, or ``None`` if there are none."""
    if not overlaps:
        return None

    def when(e: Entry) -> str:
        return f"'{e.description or 'untitled'}' {e.start:%a %d %b %H:%M}-{e.end:%H:%M}"

    examples = "; ".join(f"{when(o.first)} and {when(o.second)}" for o in overlaps[:shown])
    hours = sum(o.hours for o in overlaps)
    more = f" and {len(overlaps) - shown} more" if len(overlaps) > shown else ""
    return (
        f"{len(overlaps)} pair(s) of entries overlap ({hours:.1f} h in all are counted twice): "
        f"{examples}{more}. If the same time was logged twice (a calendar and a tracker), "
        "remove one of them; if you really did two things at once, leave them."
    )


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


class ManualActivity(BaseModel):
    """One row of a manual week: a day, what, how many hours, which category."""

    model_config = ConfigDict(extra="forbid")

    day: date
    description: str = Field(max_length=200)
    hours: float
    category: str


def manual_entries(
    rows: Iterable[ManualActivity | Mapping[str, object]], content: TimeSplitContent
) -> list[Entry]:
    """Validated entries from a manually typed week.

    Raises
    ------
    InputError
        A row that is incomplete, negative or not a number, an unknown category, a day over
        24 hours or a week over 168; the message names the row (counted from 1) or the day.

    Examples
    --------
    >>> content = load_content()
    >>> rows = [{"day": "2026-03-02", "description": "Budget", "hours": 20, "category": "delivery"},
    ...         {"day": "2026-03-02", "description": "Edit", "hours": 6, "category": "hands_on"}]
    >>> manual_entries(rows, content)
    Traceback (most recent call last):
    playbook.errors.InputError: Monday 2 March 2026 has 26 hours; a day has at most 24.
    """
    activities: list[ManualActivity] = []
    for n, row in enumerate(rows, start=1):
        try:
            act = row if isinstance(row, ManualActivity) else ManualActivity.model_validate(row)
        except ValidationError as err:
            first = err.errors()[0]
            field_name = ".".join(str(p) for p in first["loc"]) or "row"
            raise InputError(f"Row {n}: {field_name}: {first['msg']}.") from None
        label = f"Row {n} ('{act.description.strip() or 'untitled'}')"
        if not math.isfinite(act.hours):
            raise InputError(f"{label}: the hours must be a number.")
        if act.hours < 0:
            raise InputError(f"{label}: hours cannot be negative.")
        if act.hours > 24:
            raise InputError(f"{label}: {act.hours:g} hours; a day has at most 24.")
        if act.category not in content.category_ids:
            content.check_category(act.category)
        activities.append(act)
    per_day: dict[date, float] = {}
    per_week: dict[date, float] = {}
    for act in activities:
        per_day[act.day] = per_day.get(act.day, 0.0) + act.hours
        per_week[week_start(act.day)] = per_week.get(week_start(act.day), 0.0) + act.hours
    for day, total in sorted(per_day.items()):
        if total > 24 + 1e-9:
            raise InputError(
                f"{day:%A} {day.day} {day:%B %Y} has {total:g} hours; a day has at most 24."
            )
    for monday, total in sorted(per_week.items()):
        if total > 168 + 1e-9:
            raise InputError(
                f"The week of {monday:%d %B %Y} has {total:g} hours; a week has at most 168."
            )
    entries: list[Entry] = []
    seen: dict[tuple[date, str, float], int] = {}
    for act in activities:
        text = " ".join(act.description.split())
        key = (act.day, text, act.hours)
        seen[key] = seen.get(key, 0) + 1
        entries.append(
            day_entry(
                "manual",
                act.day,
                act.hours,
                text,
                f"{act.hours:g}h#{seen[key]}",
                category=act.category,
            )
        )
    return entries


def replace_manual_week(
    existing: Sequence[Entry], monday: date, new: Iterable[Entry]
) -> list[Entry]:
    """``existing`` with its manual entries of the week starting ``monday`` replaced by ``new``."""
    sunday = monday + timedelta(days=6)
    kept = [e for e in existing if not (e.source == "manual" and monday <= e.day <= sunday)]
    return kept + list(new)


# --- the transition plan ----------------------------------------------------------------------


class PlanSettings(BaseModel):
    """The participant's transition plan: from ``start_share`` to ``target_share`` of
    working time in direct technical work, over ``months`` months from ``start_date``."""

    model_config = ConfigDict(extra="forbid")

    start_share: Share = Field(default=0.70, ge=0, le=1)
    target_share: Share = Field(default=0.30, ge=0, le=1)
    months: int = Field(default=6, ge=1, le=120)
    start_date: date | None = None


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    first = date(year, month, 1)
    return first.replace(day=min(day.day, _days_in_month(first)))


@dataclass
class Milestone:
    month: int
    date: date
    technical_share: float
    checkpoint: str


@dataclass
class TransitionPlan:
    start_date: date
    end_date: date
    start_share: float
    target_share: float
    months: int
    milestones: list[Milestone]
    tolerance: float
    source: str
    note: str

    def planned_share(self, day: date) -> float:
        """The planned technical share on ``day`` (linear between start and end).

        Examples
        --------
        >>> plan = transition_plan(PlanSettings(start_date=date(2026, 1, 1)), load_content())
        >>> plan.planned_share(date(2026, 1, 1)), plan.planned_share(date(2026, 7, 1))
        (0.7, 0.3)
        """
        total = (self.end_date - self.start_date).days
        done = min(max((day - self.start_date).days, 0), total)
        return self.start_share + (self.target_share - self.start_share) * done / total


def transition_plan(
    settings: PlanSettings, content: TimeSplitContent, today: date | None = None
) -> TransitionPlan:
    """A month-by-month plan from the current technical share to the target.

    Milestones are linear in time (the article's "gradually"): month *k* of *N* plans
    ``start + (target - start) * k / N``. Each month carries a quality-checkpoint prompt from
    the content, chosen by the plan's third (early, middle, late).

    Raises
    ------
    InputError
        A target not below the start, shares outside 0-100%, or more months than the content's
        ``max_months``.

    Examples
    --------
    >>> plan = transition_plan(PlanSettings(start_date=date(2026, 1, 15)), load_content())
    >>> [(m.date.isoformat(), round(m.technical_share, 3)) for m in plan.milestones][:2]
    [('2026-02-15', 0.633), ('2026-03-15', 0.567)]
    >>> plan.milestones[-1].technical_share
    0.3
    """
    defaults = content.transition
    if not 1 <= settings.months <= defaults.max_months:
        raise InputError(f"Choose a plan of 1 to {defaults.max_months} months.")
    for name, value in (("starting", settings.start_share), ("target", settings.target_share)):
        if not 0 <= value <= 1:
            raise InputError(f"The {name} share must be between 0% and 100%.")
    if settings.target_share >= settings.start_share:
        raise InputError(
            "The plan reduces direct technical work: the target share must be below the "
            f"starting share (now {settings.start_share:.0%} to {settings.target_share:.0%})."
        )
    start = settings.start_date or today or date.today()
    n = settings.months
    by_phase: dict[str, list[str]] = {}
    for cp in defaults.checkpoints:
        by_phase.setdefault(cp.phase, []).append(cp.text)
    all_texts = [cp.text for cp in defaults.checkpoints]
    used: dict[str, int] = {}
    milestones = []
    for k in range(1, n + 1):
        phase = (
            "early" if k <= math.ceil(n / 3) else "middle" if k <= math.ceil(2 * n / 3) else "late"
        )
        texts = by_phase.get(phase) or all_texts
        i = used.get(phase, 0)
        used[phase] = i + 1
        share = settings.start_share + (settings.target_share - settings.start_share) * k / n
        milestones.append(
            Milestone(k, _add_months(start, k), round(share, 6), texts[i % len(texts)])
        )
    return TransitionPlan(
        start_date=start,
        end_date=_add_months(start, n),
        start_share=settings.start_share,
        target_share=settings.target_share,
        months=n,
        milestones=milestones,
        tolerance=defaults.tolerance,
        source=defaults.source,
        note=defaults.note,
    )


@dataclass
class WeekProgress:
    week_start: date
    planned_share: float
    actual_share: float | None
    status: Literal["ahead", "on track", "behind", "no data", "before the plan"]


def plan_progress(plan: TransitionPlan, report: SplitReport) -> list[WeekProgress]:
    """Each logged week's technical share against the plan's line at that week's midpoint.

    Within ``plan.tolerance`` of the line is on track; further below is ahead (less
    technical work than planned), further above is behind.
    """
    out = []
    for wk in report.weeks:
        mid = wk.start + (wk.end - wk.start) / 2
        planned = plan.planned_share(mid)
        actual = wk.technical_share
        status: Literal["ahead", "on track", "behind", "no data", "before the plan"]
        if wk.end < plan.start_date:
            status = "before the plan"
        elif actual is None:
            status = "no data"
        elif actual > planned + plan.tolerance + 1e-9:
            status = "behind"
        elif actual < planned - plan.tolerance - 1e-9:
            status = "ahead"
        else:
            status = "on track"
        out.append(WeekProgress(wk.start, planned, actual, status))
    return out


def measured_technical_share(report: SplitReport) -> float | None:
    """The technical share over the whole report (a starting point for the plan), if any."""
    return report.overall.technical_share


# --- the workbook section ---------------------------------------------------------------------


class DateRange(BaseModel):
    """First and last day analysed, both inclusive."""

    model_config = ConfigDict(extra="forbid")

    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.end < self.start:
            raise ValueError("the date range ends before it starts")
        return self

    def as_tuple(self) -> tuple[date, date]:
        return (self.start, self.end)


class ImportRecord(BaseModel):
    """A line of the import history shown to the participant."""

    model_config = ConfigDict(extra="ignore")

    file_name: str = Field(max_length=300)
    format: str
    encoding: str
    imported_at: datetime
    added: int
    duplicates: int
    skipped: dict[str, int] = Field(default_factory=dict)


class DraftRow(BaseModel):
    """A row of a typed week as it stands on the page, not yet added ("Save this week")."""

    model_config = ConfigDict(extra="forbid")

    day: int = Field(ge=0, le=6)
    description: str = Field(default="", max_length=200)
    hours: float = Field(default=0.0, ge=0, le=24)
    category: str = Field(default="", max_length=64)


class ManualDraft(BaseModel):
    """The rows typed for one week and not yet added: kept, so a reload loses nothing."""

    model_config = ConfigDict(extra="forbid")

    week: date
    rows: list[DraftRow] = Field(default_factory=list, max_length=500)


def draft_is_saved(draft: ManualDraft, entries: Iterable[Entry]) -> bool:
    """Whether the draft's rows are what the log holds for its week (nothing left to add).

    Examples
    --------
    >>> week = date(2026, 3, 2)
    >>> saved = [Entry(id="1", source="manual", day=week, hours=6, description="Budget",
    ...                category="delivery")]
    >>> row = DraftRow(day=0, description="Budget", hours=6, category="delivery")
    >>> draft_is_saved(ManualDraft(week=week, rows=[row]), saved)
    True
    >>> draft_is_saved(ManualDraft(week=week, rows=[row, row]), saved)
    False
    """
    monday = week_start(draft.week)
    sunday = monday + timedelta(days=6)
    typed = sorted(
        ((e.day - monday).days, e.description, e.hours, e.category or "")
        for e in entries
        if e.source == "manual" and monday <= e.day <= sunday
    )
    rows = sorted((r.day, r.description.strip(), r.hours, r.category) for r in draft.rows)
    return typed == rows


class TimeSplitSection(BaseModel):
    """The ``time_split`` section of the workbook record (JSON via ``model_dump(mode="json")``).

    ``overrides`` maps an entry id to the category the participant chose for it;
    ``column_mappings`` maps a CSV's :func:`~playbook.imports.timetracker.header_signature`
    to the mapping chosen for that layout.
    """

    model_config = ConfigDict(extra="ignore")

    entries: list[Entry] = Field(default_factory=list)
    overrides: dict[str, str] = Field(default_factory=dict)
    user_rules: list[Rule] = Field(default_factory=list)
    column_mappings: dict[str, ColumnMapping] = Field(default_factory=dict)
    #: The participant's answer (``"mdy"`` or ``"dmy"``) for a CSV layout whose dates read
    #: both ways, by :func:`~playbook.imports.timetracker.header_signature`.
    date_orders: dict[str, Literal["mdy", "dmy"]] = Field(default_factory=dict)
    date_range: DateRange | None = None
    plan: PlanSettings = Field(default_factory=PlanSettings)
    timezone: str = "UTC"
    owner_email: str = Field(default="", max_length=320)
    imports: list[ImportRecord] = Field(default_factory=list)
    #: Which log counts for a week that both a calendar and a time tracker cover
    #: (:func:`counted_entries`); written only when the participant chose the calendar.
    double_log: Literal["tracker", "calendar"] = "tracker"
    #: Rows typed into "Or type a week" and not yet added (written only while there are some).
    manual_draft: ManualDraft | None = None

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            zone(value)
        except InputError as err:
            raise ValueError(str(err)) from None
        return value

    @model_serializer(mode="wrap")
    def _without_empty_date_orders(self, handler: SerializerFunctionWrapHandler) -> Any:
        # date_orders is written only once a date question was answered, so that a section
        # without one is the same record as before the key existed (every save goes through
        # model_dump: the store, a downloaded workbook, the demo).
        data = handler(self)
        if isinstance(data, dict) and not data.get("date_orders"):
            data.pop("date_orders", None)
        if isinstance(data, dict) and data.get("double_log") == "tracker":
            data.pop("double_log", None)  # the default: a section as before the key existed
        if isinstance(data, dict) and data.get("manual_draft", 0) is None:
            data.pop("manual_draft", None)
        return data

    def classified(self, content: TimeSplitContent) -> list[Classified]:
        """Every entry with its category under this section's overrides and rules."""
        return classify_entries(self.entries, content, self.overrides, self.user_rules)

    def counted(self, content: TimeSplitContent) -> list[Classified]:
        """The entries that count (:func:`counted_entries`: a week logged twice, by a calendar
        and a time tracker, counted once), with their categories."""
        kept = counted_entries(self.entries, self.double_log)
        return classify_entries(kept, content, self.overrides, self.user_rules)

    def range_tuple(self) -> tuple[date, date] | None:
        return self.date_range.as_tuple() if self.date_range else None


def parse_section(data: Mapping[str, Any] | None) -> TimeSplitSection:
    """The ``time_split`` section from the record's plain dict (``None`` or ``{}``: empty).

    Raises pydantic's ``ValidationError`` when the data does not have the section's shape.

    >>> parse_section({"timezone": "Europe/London"}).timezone
    'Europe/London'
    """
    return TimeSplitSection.model_validate(dict(data or {}))


def dump_section(section: TimeSplitSection) -> dict[str, Any]:
    """The section as the record's plain JSON-able dict."""
    return section.model_dump(mode="json")


def check_range(start: date | None, end: date | None) -> DateRange:
    """The date range a participant chose, or an error saying what is wrong with it.

    Raises
    ------
    InputError
        When a day is missing, or the range ends before it starts.

    >>> check_range(date(2026, 3, 2), date(2026, 3, 29)).as_tuple()[1]
    datetime.date(2026, 3, 29)
    """
    if start is None or end is None:
        raise InputError("Choose the first and the last day to analyse.")
    if end < start:
        raise InputError(f"The date range ends ({end}) before it starts ({start}).")
    return DateRange(start=start, end=end)


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


#: The most entries one workbook keeps (a default of this workbook): about four years of a
#: busy calendar. It keeps a downloaded workbook file under the 10 MiB import limit.
MAX_ENTRIES = 20_000


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
    >>> from datetime import timezone
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


def describe_double_log(log: DoubleLog) -> str:
    """A sentence for the participant: which log counts for the weeks both describe."""
    n = len(log.weeks)
    weeks = f"{n} week{'s' if n != 1 else ''} (from {log.weeks[0]:%d %b %Y})"
    used, other = (
        ("time tracker", "calendar") if log.used == "tracker" else ("calendar", "time tracker")
    )
    return (
        f"Your calendar and your time tracker both describe {weeks}. So that no hour counts "
        f"twice, those weeks count the {used} only ({log.left_out_entries} {other} entries, "
        f"{log.left_out_hours:.1f} h, left out of the results; they stay in your log)."
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


# --- the result other workbooks read ---------------------------------------------------------


@dataclass(frozen=True)
class TimeSplitResult:
    """The split over the section's date range (default: the span of its entries), and its
    latest week with hours, against the playbook's target."""

    report: SplitReport

    @property
    def latest(self) -> PeriodSplit | None:
        """The most recent week with hours in the range (``None``: no hours at all)."""
        weeks = [w for w in self.report.weeks if w.total_hours > 0]
        return weeks[-1] if weeks else None

    @property
    def target_delivery(self) -> float:
        """The delivery share the playbook aims at (0.7)."""
        return self.report.target_delivery

    @property
    def band(self) -> tuple[float, float]:
        """The delivery shares counted as on target."""
        return self.report.band


def assess(section: TimeSplitSection, content: TimeSplitContent) -> TimeSplitResult:
    """The split of the section's entries, week by week, against the target.

    Examples
    --------
    >>> from playbook.imports import Entry
    >>> week = [Entry(id=str(i), source="manual", day=date(2026, 3, 2), hours=h, category=c)
    ...         for i, (h, c) in enumerate([(32, "delivery"), (8, "visibility")])]
    >>> r = assess(TimeSplitSection(entries=week), load_content())
    >>> r.latest.delivery_share, r.latest.status, r.target_delivery
    (0.8, 'inward', 0.7)
    """
    return TimeSplitResult(summarize(section.counted(content), content, section.range_tuple()))


# --- words for the participant ----------------------------------------------------------------


def _span(start: date, end: date) -> str:
    return f"{start:%d %b %Y} to {end:%d %b %Y}"


def explain_split(report: SplitReport, content: TimeSplitContent) -> list[str]:
    """Sentences about the split, learning, technical work and community hours.

    Every target is attributed to the playbook; defaults of this workbook are named so.
    """
    o = report.overall
    t = content.targets
    if o.delivery_share is None:
        return [
            f"No delivery or visibility hours from {_span(report.start, report.end)} yet: import "
            "a calendar or a time-tracker export, or type a week."
        ]
    lo, hi = report.band
    lines = [
        f"From {_span(report.start, report.end)}: {o.delivery_share:.0%} delivery and "
        f"{1 - o.delivery_share:.0%} visibility & relationships ({o.delivery_hours:.1f} h and "
        f"{o.outward_hours:.1f} h). The playbook recommends 70/30; this workbook counts "
        f"{lo:.0%}-{hi:.0%} delivery as on target (a default band). "
        + getattr(t.split.advice, o.status if o.status != "no data" else "balanced"),
    ]
    weeks = [w for w in report.weeks if w.status != "no data"]
    if len(weeks) > 1:
        counts = {
            s: sum(1 for w in weeks if w.status == s) for s in ("balanced", "inward", "outward")
        }
        lines.append(
            f"Week by week: {counts['balanced']} of {len(weeks)} weeks on target, "
            f"{counts['inward']} mostly delivery, {counts['outward']} mostly outward."
        )
    if o.learning_share is not None:
        verdict = "at or above" if o.learning_share >= t.learning.share - 1e-9 else "below"
        lines.append(
            f"Learning and emerging methods: {o.learning_share:.0%} of your working hours "
            f"({o.learning_hours:.1f} h), {verdict} the playbook's {t.learning.share:.0%} "
            f"(compared with {t.learning.basis})."
        )
    if o.technical_share is not None:
        lines.append(f"Hands-on technical work: {o.technical_share:.0%} of your working hours.")
    for m in report.months:
        part = (
            ""
            if m.days_covered == m.days_in_month
            else f", pro-rated to the {m.days_covered} days of the weeks you logged,"
        )
        lines.append(
            f"{m.month:%B %Y}: {m.hours:.1f} h of community building; the playbook's "
            f"{t.community.hours_per_month_low:g}-{t.community.hours_per_month_high:g} h a month"
            f"{part} is {m.low:.1f}-{m.high:.1f} h: {m.status}."
        )
    return lines


def explain_focus(report: FocusReport) -> str:
    """One sentence about focus and fragmented time."""
    total = report.focus_hours + report.fragmented_hours
    if total <= 0:
        return "No timed entries to find focus blocks in (all-day and typed-in hours have no clock time)."
    blocks = sum(w.focus_blocks for w in report.weeks)
    return (
        f"{report.focus_hours:.1f} h were in {blocks} uninterrupted blocks of "
        f"{report.min_block_hours:g} h or more (focus), {report.fragmented_hours:.1f} h in shorter "
        f"pieces (fragmented): {report.focus_hours / total:.0%} focus. Free time between your "
        "entries counts too: on a calendar it is the time left for focused work."
    )


def explain_progress(progress: Sequence[WeekProgress]) -> str:
    """One sentence about the logged weeks against the plan."""
    logged = [p for p in progress if p.status in ("ahead", "on track", "behind")]
    if not logged:
        return "No logged week falls inside the plan yet."
    last = logged[-1]
    counts = {s: sum(1 for p in logged if p.status == s) for s in ("on track", "ahead", "behind")}
    return (
        f"{len(logged)} logged week(s) in the plan: {counts['on track']} on track, "
        f"{counts['ahead']} ahead, {counts['behind']} behind. Latest, the week of "
        f"{last.week_start:%d %b}: {last.actual_share:.0%} hands-on technical work against "
        f"{last.planned_share:.0%} planned."
    )


#: The domain's one face to the rest of the app (registered in playbook.contract).
DOMAIN: Domain[TimeSplitSection, Any, Any] = Domain(
    section="time_split",
    model=TimeSplitSection,
    load_content=load_content,
    parse_section=parse_section,
    dump_section=dump_section,
    assess=assess,
)
