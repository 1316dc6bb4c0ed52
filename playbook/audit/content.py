"""The audit's content (``audit.yaml``): the agreement scale, the areas (the article's three
and this workbook's human element) with their statements, the pitfalls low scores point to,
the thresholds, advice and the article's claims."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from playbook.content import load_content as load_yaml
from playbook.contract import by_id
from playbook.imports.colleagues import DEPARTMENT_COLUMN
from playbook.models import Claim, Names, Strict, Text, Wording, require_known, require_unique

__all__ = [
    "ID_PATTERN",
    "AuditArea",
    "AuditContent",
    "AuditDates",
    "AuditItem",
    "AuditThresholds",
    "Pitfall",
    "Scale",
    "load_content",
]

#: What an id of the audit's content looks like (a question id is a column of a file).
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"


class Scale(Strict):
    """The agreement scale every audit statement is answered on."""

    min: int
    max: int
    labels: dict[int, str]

    @model_validator(mode="after")
    def _labels_cover_scale(self) -> Scale:
        if self.max <= self.min:
            raise ValueError("max must be above min")
        if set(self.labels) != set(range(self.min, self.max + 1)):
            raise ValueError(f"labels must name every point from {self.min} to {self.max}")
        return self

    @property
    def midpoint(self) -> float:
        """The neutral middle of the scale."""
        return (self.min + self.max) / 2


class AuditItem(Strict):
    """One statement to rate; ``reverse`` when agreeing is the bad answer."""

    id: str = Field(pattern=ID_PATTERN)
    text: Text
    reverse: bool = False


class AuditArea(Strict):
    """An audit area with its guiding question: the article's three, and this workbook's own
    (the human element), whose ``note`` says so on the page."""

    id: str = Field(pattern=ID_PATTERN)
    name: Text
    question: Text
    items: list[AuditItem] = Field(min_length=1)
    #: Shown under the area's heading: what the statements are and where they come from.
    note: str = ""


class Pitfall(Strict):
    """A pitfall the article names, the area whose low score points to it, and its remedy."""

    id: str = Field(pattern=ID_PATTERN)
    area: str
    name: Text
    description: Text
    remedy: Text


class AuditThresholds(Strict):
    """Documented defaults; only ``months_between_audits`` (quarterly) comes from the article."""

    pitfall_below: float
    colleague_gap: float = Field(gt=0)
    min_colleagues: int = Field(ge=2)
    months_between_audits: int = Field(ge=1, le=12)


class AuditDates(Wording):
    """What the cadence (the calendar and the start page's lists) says of the next audit and
    of an action with a due date."""

    next_audit: Text
    next_audit_detail: Annotated[str, Names("quarter")] = ""
    action: Annotated[Text, Names("text")]
    action_detail: Annotated[str, Names("quarter", "owner")] = ""


class AuditContent(Strict):
    """Everything coach-editable about the quarterly audit."""

    title: str
    intro: str
    colleague_intro: str
    scale: Scale
    areas: list[AuditArea] = Field(min_length=1)
    pitfalls: list[Pitfall]
    thresholds: AuditThresholds
    advice: list[str] = Field(default_factory=list)
    #: This workbook's own practices, shown apart from the playbook's advice.
    workbook_advice: list[str] = Field(default_factory=list)
    dates: AuditDates
    claims: list[Claim] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> AuditContent:
        area_ids = [a.id for a in self.areas]
        require_unique("area ids", area_ids)
        item_ids = [i.id for a in self.areas for i in a.items]
        require_unique("item ids (across areas)", item_ids)
        if DEPARTMENT_COLUMN in item_ids:
            raise ValueError(f"'{DEPARTMENT_COLUMN}' is reserved and cannot be an item id")
        for p in self.pitfalls:
            require_known(f"pitfall '{p.id}'", "area", p.area, area_ids)
        if not self.scale.min <= self.thresholds.pitfall_below <= self.scale.max:
            raise ValueError("thresholds.pitfall_below must lie on the scale")
        return self

    def area(self, area_id: str) -> AuditArea:
        """The area with this id."""
        return by_id(self.areas, area_id, "audit area")

    def item(self, item_id: str) -> AuditItem:
        """The item with this id, in any area."""
        return by_id((i for a in self.areas for i in a.items), item_id, "audit question")

    @property
    def item_ids(self) -> list[str]:
        """Every item id, area by area, in order."""
        return [i.id for a in self.areas for i in a.items]


def load_content() -> AuditContent:
    """Load and validate ``audit.yaml`` (the coach's copy if ``PLAYBOOK_CONTENT`` has one).

    >>> [a.id for a in load_content().areas]
    ['resilience', 'balance', 'communication', 'human']
    """
    return load_yaml("audit", AuditContent)
