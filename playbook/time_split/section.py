"""The participant's part of the workbook record, ``time_split``: its models (no logic),
read and written through :func:`parse_section` and :func:`dump_section`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Literal

from pydantic import (
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)

from playbook.errors import InputError
from playbook.imports import ColumnMapping, Entry, zone
from playbook.models import Strict
from playbook.time_split.content import Rule, Share

__all__ = [
    "CountedPractice",
    "DateRange",
    "DraftRow",
    "ImportRecord",
    "ManualDraft",
    "PlanSettings",
    "TimeSplitSection",
    "check_range",
    "dump_section",
    "parse_section",
]


class PlanSettings(Strict):
    """The participant's transition plan: from ``start_share`` to ``target_share`` of
    working time in direct technical work, over ``months`` months from ``start_date``."""

    start_share: Share = Field(default=0.70, ge=0, le=1)
    target_share: Share = Field(default=0.30, ge=0, le=1)
    months: int = Field(default=6, ge=1, le=120)
    start_date: date | None = None


class DateRange(Strict):
    """First and last day analysed, both inclusive."""

    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.end < self.start:
            raise ValueError("the date range ends before it starts")
        return self

    def as_tuple(self) -> tuple[date, date]:
        return (self.start, self.end)


class ImportRecord(Strict):
    """A line of the import history shown to the participant."""

    # lenient: a history line written by an older version with keys since dropped still reads
    model_config = ConfigDict(extra="ignore")

    file_name: str = Field(max_length=300)
    format: str
    encoding: str
    imported_at: datetime
    added: int
    duplicates: int
    skipped: dict[str, int] = Field(default_factory=dict)


class DraftRow(Strict):
    """A row of a typed week as it stands on the page, not yet added ("Save this week")."""

    day: int = Field(ge=0, le=6)
    description: str = Field(default="", max_length=200)
    hours: float = Field(default=0.0, ge=0, le=24)
    category: str = Field(default="", max_length=64)


class ManualDraft(Strict):
    """The rows typed for one week and not yet added: kept, so a reload loses nothing."""

    week: date
    rows: list[DraftRow] = Field(default_factory=list, max_length=500)


class CountedPractice(Strict):
    """A community practice the participant chose on the pilots page, as this section keeps
    it: its id and name there and the keywords that mark its time (entries naming one count as
    community time; :mod:`playbook.time_split.practices`)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")
    name: str = Field(min_length=1, max_length=200)
    keywords: tuple[str, ...] = Field(min_length=1, max_length=100)


class TimeSplitSection(Strict):
    """The ``time_split`` section of the workbook record (JSON via ``model_dump(mode="json")``).

    ``overrides`` maps an entry id to the category the participant chose for it;
    ``column_mappings`` maps a CSV's :func:`~playbook.imports.timetracker.header_signature`
    to the mapping chosen for that layout.

    A model only: what is computed from it is in the package's functions
    (:func:`~playbook.time_split.classify.classify_section`,
    :func:`~playbook.time_split.merge.counted_classified`).
    """

    # lenient: a record written by an older version, with a key since dropped, still opens
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
    #: The participant's addresses in their calendars (one, or several separated by commas or
    #: spaces: work, personal, an alias), to leave out the meetings they declined.
    owner_email: str = Field(default="", max_length=320)
    #: Whether the calendar's tentative and delegated invitations count: the workbook's
    #: defaults are tentative counted, delegated left out (as the calendar reader's
    #: ``COUNT_TENTATIVE`` and ``COUNT_DELEGATED``); written when the participant chooses.
    count_tentative: bool = True
    count_delegated: bool = False
    imports: list[ImportRecord] = Field(default_factory=list)
    #: Which log counts for a week that both a calendar and a time tracker cover
    #: (:func:`~playbook.time_split.merge.counted_entries`); written only when the participant chose the calendar.
    double_log: Literal["tracker", "calendar"] = "tracker"
    #: Rows typed into "Or type a week" and not yet added (written only while there are some).
    manual_draft: ManualDraft | None = None
    #: The community practices chosen on the pilots page, as this page last read them (the
    #: page writes them when they change, so that every result of the section counts them;
    #: written only when there are some).
    community_practices: list[CountedPractice] = Field(default_factory=list, max_length=50)
    #: The weekly time-logging reminder in the participant's calendar: its weekday (0 is
    #: Monday) and the day it was chosen; off (``None``) by default, written only once chosen
    #: (:func:`~playbook.time_split.dates.set_reminder`).
    reminder_weekday: int | None = Field(default=None, ge=0, le=6)
    reminder_since: date | None = None

    @model_validator(mode="after")
    def _reminder_whole(self) -> TimeSplitSection:
        if (self.reminder_weekday is None) != (self.reminder_since is None):
            raise ValueError("the weekly reminder needs both its weekday and the day it was chosen")
        return self

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
        if isinstance(data, dict) and data.get("community_practices", 0) == []:
            data.pop("community_practices", None)
        # the calendar's invitation choices: written only once the participant changed one
        if isinstance(data, dict) and data.get("count_tentative") is True:
            data.pop("count_tentative", None)
        if isinstance(data, dict) and data.get("count_delegated") is False:
            data.pop("count_delegated", None)
        # the weekly reminder: written only once the participant chose one
        for name in ("reminder_weekday", "reminder_since"):
            if isinstance(data, dict) and data.get(name, 0) is None:
                data.pop(name, None)
        return data

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
