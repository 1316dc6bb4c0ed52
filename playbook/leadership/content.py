"""The leadership instrument: items, scale, forced-choice blocks, thresholds and advice.

Coach-editable content in ``playbook/content/leadership.yaml``, validated by
:class:`Instrument`. Style ids are ``"facilitator"``, ``"architect"`` and ``"integrator"``,
the three styles of the playbook's section "Developing Your Personal Leadership Style".
"""

from __future__ import annotations

import re
from itertools import permutations
from typing import Annotated, Literal, get_args

from pydantic import ConfigDict, Field, field_validator, model_validator

from playbook.content import load_content as load_yaml
from playbook.contract import by_id
from playbook.models import Names, Strict, Text, Wording, require_keys, require_unique

__all__ = [
    "NOT_SURE",
    "RATER_KINDS",
    "STYLES",
    "AdaptabilityText",
    "Advice",
    "ForcedChoiceBlock",
    "Instrument",
    "Item",
    "LeadershipChanges",
    "LeadershipThresholds",
    "Phase",
    "RaterKind",
    "Scale",
    "ScalePoint",
    "Style",
    "StyleId",
    "load_content",
]

StyleId = Literal["facilitator", "architect", "integrator"]
RaterKind = Literal["mentor", "peer"]

#: The playbook's three styles, in the order the instrument lists them (used to list level
#: styles, see :func:`rank_styles`).
STYLES: tuple[StyleId, ...] = get_args(StyleId)
RATER_KINDS: tuple[RaterKind, ...] = get_args(RaterKind)

#: The stored answer for "not observed / not sure": excluded from every score.
NOT_SURE = 0


class ScalePoint(Strict):
    """One answer on the scale: its stored value and its label."""

    value: int
    label: Text


class Scale(Strict):
    """The agreement scale (consecutive values from 1) plus the "not sure" answer (0)."""

    points: tuple[ScalePoint, ...] = Field(min_length=2)
    not_sure: ScalePoint

    @model_validator(mode="after")
    def _consecutive(self) -> Scale:
        values = [p.value for p in self.points]
        if values != list(range(1, len(values) + 1)):
            raise ValueError(f"scale points must be numbered 1, 2, 3, ... in order, not {values}")
        if self.not_sure.value != NOT_SURE:
            raise ValueError(f"the 'not sure' answer must have value {NOT_SURE}")
        return self

    @property
    def low(self) -> int:
        """The lowest agreement value (1)."""
        return self.points[0].value

    @property
    def high(self) -> int:
        """The highest agreement value (5 on a five-point scale)."""
        return self.points[-1].value

    def label_of(self, value: int) -> str:
        """The label of a stored value, including "not sure"."""
        if value == NOT_SURE:
            return self.not_sure.label
        return by_id(self.points, value, "scale point", key=_value).label


class LeadershipThresholds(Strict):
    """Coach-editable defaults; none of these numbers comes from the article."""

    min_answered_per_scale: int = Field(ge=1)
    gap_threshold: float = Field(gt=0, le=100)
    min_raters: dict[RaterKind, int]

    @field_validator("min_raters")
    @classmethod
    def _all_kinds(cls, value: dict[RaterKind, int]) -> dict[RaterKind, int]:
        require_keys(value, RATER_KINDS, "min_raters needs a number for")
        if any(n < 1 for n in value.values()):
            raise ValueError("min_raters must be at least 1 for every kind of rater")
        return value


class Style(Strict):
    """What the playbook says of one style."""

    id: StyleId
    name: Text
    focus: Text
    excels: Text
    watch_out: Text
    playbook_reports: Text


class Item(Strict):
    """A Likert statement, in the participant's wording and an observer's ("They ...")."""

    # The YAML key is ``self`` (which cannot be a field's name), so the field is
    # ``self_text`` with that alias; populate_by_name lets code build one by the field name.
    model_config = ConfigDict(populate_by_name=True)

    id: str = Field(min_length=1, pattern=r"^[a-z][a-z0-9_]*$")
    style: StyleId
    self_text: str = Field(alias="self", min_length=1)
    observer: Text
    reverse: bool
    source: Text

    @field_validator("observer")
    @classmethod
    def _third_person(cls, value: str) -> str:
        if not re.search(r"\b(they|them|their|themselves)\b", value, re.IGNORECASE):
            raise ValueError("the observer wording must speak of the person as 'they'")
        return value


class ForcedChoiceBlock(Strict):
    """A block of three statements, one per style, that the participant puts in order."""

    # The YAML key is ``self`` (which cannot be a field's name), so the field is
    # ``self_text`` with that alias; populate_by_name lets code build one by the field name.
    model_config = ConfigDict(populate_by_name=True)

    id: str = Field(min_length=1, pattern=r"^[a-z][a-z0-9_]*$")
    self_text: str = Field(alias="self", min_length=1)
    observer: Text
    statements: dict[StyleId, str]

    @field_validator("statements")
    @classmethod
    def _one_per_style(cls, value: dict[StyleId, str]) -> dict[StyleId, str]:
        missing = [s for s in STYLES if not value.get(s)]
        if missing:
            raise ValueError(f"needs one statement for each style; missing: {', '.join(missing)}")
        return value


class AdaptabilityText(Strict):
    """How the adaptability figure is explained, and the article's claim about it."""

    explanation: Text
    playbook_reports: Text


class Advice(Strict):
    """Development advice for one primary/secondary combination."""

    primary: StyleId
    secondary: StyleId
    summary: Text
    steps: tuple[str, ...] = Field(min_length=1)
    basis: Text

    @model_validator(mode="after")
    def _different(self) -> Advice:
        if self.primary == self.secondary:
            raise ValueError(f"advice for {self.primary}: primary and secondary must differ")
        return self


class Phase(Strict):
    """A production phase and the style(s) that tend to serve it (a workbook suggestion)."""

    id: Text
    name: Text
    styles: tuple[StyleId, ...] = Field(min_length=1)
    why: Text
    basis: Text


class LeadershipChanges(Wording):
    """The sentences of what moved since an earlier snapshot (issue 20)."""

    primary: Annotated[Text, Names("before", "now")]
    secondary: Annotated[Text, Names("before", "now")]
    score: Annotated[Text, Names("style", "before", "now", "delta")]


class Instrument(Strict):
    """The whole leadership instrument, as loaded from ``leadership.yaml``."""

    instrument_version: Text
    label: Text
    source_note: Text
    scale: Scale
    thresholds: LeadershipThresholds
    styles: tuple[Style, ...]
    items: tuple[Item, ...]
    forced_choice_note: Text
    forced_choice: tuple[ForcedChoiceBlock, ...]
    adaptability: AdaptabilityText
    tie_rule: Text
    advice: tuple[Advice, ...]
    phases_note: Text
    phases: tuple[Phase, ...]
    changes: LeadershipChanges

    @model_validator(mode="after")
    def _consistent(self) -> Instrument:
        if [s.id for s in self.styles] != list(STYLES):
            raise ValueError(f"styles must be listed once each, in the order {', '.join(STYLES)}")
        require_unique("item ids", [i.id for i in self.items] + [b.id for b in self.forced_choice])
        for style in STYLES:
            n = sum(1 for i in self.items if i.style == style)
            if n < self.thresholds.min_answered_per_scale:
                raise ValueError(
                    f"style '{style}' has {n} items, fewer than min_answered_per_scale "
                    f"({self.thresholds.min_answered_per_scale}): it could never be scored"
                )
        combos = {(a.primary, a.secondary) for a in self.advice}
        require_unique("advice", [f"{a.primary}/{a.secondary}" for a in self.advice])
        missing = [f"{p}/{s}" for p, s in permutations(STYLES, 2) if (p, s) not in combos]
        if missing:
            raise ValueError(f"advice is missing for primary/secondary: {', '.join(missing)}")
        return self

    def style(self, style_id: str) -> Style:
        """The :class:`Style` with this id."""
        return by_id(self.styles, style_id, "style")

    def item(self, item_id: str) -> Item:
        """The :class:`Item` with this id (:class:`UnknownIdError` if there is none)."""
        return by_id(self.items, item_id, "statement")

    def items_of(self, style: str) -> tuple[Item, ...]:
        """The items of one style, in content order."""
        return tuple(i for i in self.items if i.style == style)

    def block(self, block_id: str) -> ForcedChoiceBlock:
        """The :class:`ForcedChoiceBlock` with this id (:class:`UnknownIdError` if none)."""
        return by_id(self.forced_choice, block_id, "ranking block")

    def advice_for(self, primary: str, secondary: str) -> Advice:
        """The development advice for a primary/secondary combination."""
        return by_id(self.advice, (primary, secondary), "advice", key=_combination)


def _value(point: ScalePoint) -> int:
    return point.value


def _combination(advice: Advice) -> tuple[str, str]:
    return (advice.primary, advice.secondary)


def load_content() -> Instrument:
    """Load and validate ``leadership.yaml`` (the coach's copy if ``PLAYBOOK_CONTENT`` has one).

    Raises
    ------
    ContentError
        When the file is missing or invalid; the message names the file and the item id.

    Examples
    --------
    >>> inst = load_content()
    >>> [s.name for s in inst.styles]
    ['Facilitator', 'Architect', 'Integrator']
    """
    return load_yaml("leadership", Instrument)
