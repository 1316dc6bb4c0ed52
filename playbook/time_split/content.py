"""The time split's content, ``content/time_split.yaml``: the categories of time, the
keyword rules, the playbook's targets and this workbook's defaults, validated when loaded."""

from __future__ import annotations

from datetime import time
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from playbook.content import load_content as load_yaml
from playbook.contract import by_id
from playbook.errors import InputError
from playbook.models import Names, Strict, Text, Wording, require_known, require_unique

#: A share of hours, 0 to 1.
Share = float

__all__ = [
    "REASONS",
    "BalancePractice",
    "BalanceSettings",
    "BalanceText",
    "CalendarSettings",
    "CategoryDef",
    "Checkpoint",
    "CommunityTarget",
    "FocusSettings",
    "LearningTarget",
    "Rule",
    "Share",
    "SplitAdvice",
    "SplitTarget",
    "Targets",
    "TimeSplitContent",
    "TimeSplitDates",
    "TransitionDefaults",
    "load_content",
]


class CategoryDef(Strict):
    """A category of time: where it counts in the split and in the other measures."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    label: Text
    split: Literal["delivery", "outward", "none"]
    work: bool = True
    technical: bool = False
    community: bool = False
    learning: bool = False
    color: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    description: str = ""


class Rule(Strict):
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


class SplitAdvice(Strict):
    inward: str
    outward: str
    balanced: str


class SplitTarget(Strict):
    delivery_share: Share = Field(gt=0, lt=1)
    tolerance: Share = Field(ge=0, le=0.5)
    source: str
    advice: SplitAdvice


class CommunityTarget(Strict):
    hours_per_month_low: float = Field(ge=0)
    hours_per_month_high: float = Field(ge=0)
    source: str
    example: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> CommunityTarget:
        if self.hours_per_month_low > self.hours_per_month_high:
            raise ValueError("hours_per_month_low is above hours_per_month_high")
        return self


class LearningTarget(Strict):
    share: Share = Field(gt=0, lt=1)
    basis: str
    source: str


class Targets(Strict):
    split: SplitTarget
    community: CommunityTarget
    learning: LearningTarget


class FocusSettings(Strict):
    min_block_hours: float = Field(gt=0, le=12)
    workday_start: time
    workday_end: time

    @model_validator(mode="after")
    def _ordered(self) -> FocusSettings:
        if self.workday_start >= self.workday_end:
            raise ValueError("workday_start must be before workday_end")
        return self


class CalendarSettings(Strict):
    all_day_hours: float = Field(ge=0, le=24)


#: The days of the week by name, Monday first (``date.weekday()`` is the index).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

#: What makes a balance practice a suggestion for the participant (see
#: :func:`~playbook.time_split.balance.balance_report`); the sentence saying so is the
#: ``balance.text`` field of :data:`REASONS`.
Condition = Literal["broken_blocks", "no_blocks", "outside_hours", "weekend", "worsening"]
REASONS: dict[str, str] = {
    "broken_blocks": "broken_blocks",
    "no_blocks": "no_blocks",
    "outside_hours": "outside_hours",
    "weekend": "weekend",
    "worsening": "rising",
}


class BalancePractice(Strict):
    """One of the article's work-life balance practices: its words, quoted and attributed,
    this workbook's way to try it, and what in the participant's weeks suggests it."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: Text
    quote: Text
    try_it: Text
    when: tuple[Condition, ...] = Field(min_length=1)


class BalanceText(Wording):
    """The balance view's sentences, ``{names}`` filled from the participant's weeks (the
    names each may use, on its field). The last five word why a practice is suggested (one a
    :data:`Condition`, see :data:`REASONS`)."""

    summary: Annotated[
        str,
        Names("span", "outside", "work", "share", "after", "weekend", "workday", "weekend_days"),
    ]
    untimed: Annotated[str, Names("hours")]
    blocks: Annotated[str, Names("kept", "broken", "blocks")]
    kept_block: Annotated[str, Names()]
    broken_block: Annotated[str, Names("hours", "by")]
    no_blocks: Annotated[str, Names()]
    untimed_blocks: Annotated[str, Names("count")]
    worsening: Annotated[str, Names("weeks", "first", "latest", "week", "rise")]
    steady: Annotated[str, Names("weeks", "latest", "rise")]
    too_few_weeks: Annotated[str, Names("weeks", "have")]
    to_plan: Annotated[str, Names()]
    no_work: Annotated[str, Names("span")]
    broken_blocks: Annotated[str, Names("broken", "blocks")]
    outside_hours: Annotated[str, Names("outside", "share")]
    weekend: Annotated[str, Names("weekend", "days")]
    rising: Annotated[str, Names("weeks", "first", "latest")]


class BalanceSettings(Strict):
    """Work-life balance (the article's FAQ): the weekend, what "worsens" means, the
    practices and the wording. The working day is :class:`FocusSettings`' (one default)."""

    weekend_days: tuple[Literal[WEEKDAYS], ...] = Field(max_length=6)  # type: ignore[valid-type]
    worsening_weeks: int = Field(ge=2, le=26)
    worsening_rise: Share = Field(ge=0, le=1)
    intro: Text
    source: Text
    claim: str = ""
    only_contact: str = ""
    practices: tuple[BalancePractice, ...] = Field(min_length=1)
    text: BalanceText

    @field_validator("weekend_days")
    @classmethod
    def _distinct(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        require_unique("weekend days", value)
        return value

    @property
    def weekend_numbers(self) -> frozenset[int]:
        """The weekend as ``date.weekday()`` numbers (Monday 0)."""
        return frozenset(WEEKDAYS.index(d) for d in self.weekend_days)


class Checkpoint(Strict):
    phase: Literal["early", "middle", "late"]
    text: Text


class TransitionDefaults(Strict):
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


class TimeSplitDates(Wording):
    """What the cadence (the calendar and the start page's lists) says of a transition plan's
    monthly checkpoint and of the weekly time-logging reminder."""

    checkpoint: Annotated[Text, Names("month", "months", "share")]
    checkpoint_detail: Annotated[str, Names("prompt", "share", "target")] = ""
    reminder: Text
    reminder_detail: Annotated[str, Names("weekday")] = ""
    #: The time split page's choice of the reminder.
    reminder_label: Text
    reminder_off: Text
    reminder_every: Annotated[Text, Names("weekday")]
    reminder_set: Annotated[Text, Names("weekday", "first")]
    reminder_help: str = ""


class TimeSplitContent(Strict):
    """``content/time_split.yaml``: categories, keyword rules, targets and defaults."""

    categories: tuple[CategoryDef, ...] = Field(min_length=2)
    default_category: str
    rules: tuple[Rule, ...]
    targets: Targets
    focus: FocusSettings
    calendar: CalendarSettings
    transition: TransitionDefaults
    dates: TimeSplitDates
    balance: BalanceSettings

    @model_validator(mode="after")
    def _references(self) -> TimeSplitContent:
        ids = [c.id for c in self.categories]
        require_unique("category ids", ids)
        require_known("default_category", "category", self.default_category, ids)
        require_unique("rule ids", [r.id for r in self.rules])
        for rule in self.rules:
            require_known(f"rule '{rule.id}'", "category", rule.category, ids)
        require_unique("balance practice ids", [p.id for p in self.balance.practices])
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
