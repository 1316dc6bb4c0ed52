"""The record's ``plan`` section: goals, the impact log, the three elements' ratings, the tool
stack and the learning plan, and the small readers every edit uses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from playbook.contract import repeated
from playbook.history import History
from playbook.models import read_section

__all__ = [
    "Goal",
    "Impact",
    "Learning",
    "PlanSection",
    "Row",
    "Tool",
    "dump_section",
    "parse_section",
]


class Row(BaseModel):
    """A row of one of the plan's lists, with its id (rows are edited by copy, never in
    place; the section is not frozen only because pydantic's lists are not)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=40)


class Impact(Row):
    """One entry of the impact log: what was delivered, how, and its measurable result."""

    day: dt.date | None = None
    delivered: str = Field(min_length=1, max_length=600)
    kind: str = Field(min_length=1, max_length=40)
    how: str = Field(default="", max_length=3000)
    result: str = Field(min_length=1, max_length=600)
    #: What it is linked to: "pilots:<pilot id>" or "audit:<quarter>:<action number>".
    link: str = Field(default="", max_length=120)


class Goal(Row):
    """A goal with a date, the result it was drawn from (if any) and its progress."""

    text: str = Field(min_length=1, max_length=600)
    rule: str = Field(default="", max_length=40)  # the suggestion rule, "" for an own goal
    source: str = Field(default="", max_length=1200)  # what the result said, in words
    key: str = Field(default="", max_length=200)  # which suggestion, so it is not added twice
    due: dt.date | None = None
    progress: int = Field(default=0, ge=0, le=100)


class Tool(Row):
    name: str = Field(min_length=1, max_length=120)
    category: str = Field(min_length=1, max_length=40)
    process: str = Field(min_length=1, max_length=40)
    build_cost: float | None = Field(default=None, ge=0)
    maintenance: float | None = Field(default=None, ge=0)  # a year


class Learning(Row):
    trend: str = Field(min_length=1, max_length=40)
    action: str = Field(min_length=1, max_length=600)
    hours: float = Field(gt=0, le=200)  # a month


class PlanSection(BaseModel):
    """The ``plan`` section of the workbook record."""

    model_config = ConfigDict(extra="forbid")

    impacts: list[Impact] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    elements: dict[str, int] = Field(default_factory=dict)
    reflection: str = Field(default="", max_length=3000)
    tools: list[Tool] = Field(default_factory=list)
    learning: list[Learning] = Field(default_factory=list)
    #: Dated snapshots of the three elements' earlier ratings (issue 20; playbook.history).
    history: History = ()

    @model_validator(mode="after")
    def _valid(self) -> PlanSection:
        for what, rows in (
            ("impact", self.impacts),
            ("goal", self.goals),
            ("tool", self.tools),
            ("learning", self.learning),
        ):
            twice = repeated(r.id for r in rows)
            if twice:
                raise ValueError(f"{what} id '{twice[0]}' is used twice")
        for key, value in self.elements.items():
            if not 1 <= value <= 5:
                raise ValueError(f"elements -> {key}: a rating is 1-5")
        return self


def parse_section(data: Mapping[str, Any] | None) -> PlanSection:
    """Validate a stored ``plan`` section (``None`` or ``{}`` gives an empty one).

    >>> from playbook.plan import PlanSection
    >>> parse_section(None) == parse_section({}) == PlanSection()
    True
    """
    return read_section(PlanSection, data, "plan")


def dump_section(section: PlanSection) -> dict[str, Any]:
    """The section as plain JSON-able data, ready for the store."""
    return section.model_dump(mode="json")
