"""The development plan's content (``development_plan.yaml``): the suggestion rules and their
wording, the impact kinds, the three elements, the tool stack's rules, the trends, the report."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from playbook.content import load_content as load_yaml
from playbook.contract import by_id, sections
from playbook.models import (
    Claim,
    Names,
    Strict,
    Text,
    Wording,
    check_braces,
    require_known,
    require_unique,
)

__all__ = [
    "RULE_FIELDS",
    "AreaPractice",
    "Element",
    "ElementsContent",
    "Listed",
    "Named",
    "PlanChanges",
    "PlanContent",
    "PlanDates",
    "PlanThresholds",
    "ReportContent",
    "Rule",
    "RuleId",
    "Sourced",
    "StyleIdea",
    "ToolCategory",
    "ToolsContent",
    "TrendsContent",
    "load_content",
    "sources",
]


def sources() -> tuple[str, ...]:
    """The workbooks the plan reads: every registered section but the plan's own, in page
    order.

    >>> sources()
    ('career', 'leadership', 'time_split', 'pilots', 'audit', 'mentoring')
    """
    return tuple(s for s in sections() if s != "plan")


RuleId = Literal[
    "path_gap",
    "adjacent_skill",
    "blind_spot",
    "style_to_pilot",
    "split_gap",
    "baseline_to_metric",
    "pilot_to_scale",
    "audit_action",
    "low_audit_area",
    "learning_gap",
    "balance_worsens",
]

#: The names each rule's text and goal may use in braces.
RULE_FIELDS: dict[str, tuple[str, ...]] = {
    "path_gap": ("recommended", "preferred"),
    "adjacent_skill": ("count", "needed", "options", "first_option"),
    "blind_spot": ("style", "gap"),
    "style_to_pilot": ("style", "development", "pilot_idea"),
    "split_gap": ("week", "delivery", "advice", "action"),
    "baseline_to_metric": ("delivery",),
    "pilot_to_scale": ("practice",),
    "audit_action": ("quarter", "action", "owner"),
    "low_audit_area": ("area", "score", "quarter", "threshold", "practice"),
    "learning_gap": ("share", "hours"),
    "balance_worsens": ("weeks", "first", "latest", "week"),
}


# --------------------------------------------------------------------------------------------
# Content
# --------------------------------------------------------------------------------------------


class Listed(Strict):
    """An item of one of the content's lists: its id and the name the page shows."""

    id: Text
    name: Text


class Named(Listed):
    hint: str = ""


class Sourced(Strict):
    source: Text
    text: Text


class PlanThresholds(Strict):
    """The plan's defaults (none of them the article's numbers but ``learning_share``, its 10%)."""

    low_audit_score: float
    elements_spread: int = Field(ge=1, le=4)
    goal_days: int = Field(ge=1)
    maintenance_share: float = Field(gt=0, lt=1)
    min_systems: int = Field(ge=1)
    max_systems: int = Field(ge=1)
    learning_share: float = Field(gt=0, lt=1)
    weeks_per_month: float = Field(gt=0)


class Rule(Strict):
    id: RuleId
    workbooks: tuple[str, ...] = Field(min_length=1)
    source_label: Text
    text: Text
    goal: Text

    @model_validator(mode="after")
    def _known_names(self) -> Rule:
        allowed = sorted(RULE_FIELDS[self.id])
        check_braces("text", self.text, allowed)
        check_braces("goal", self.goal, allowed)
        known = sources()
        for w in self.workbooks:
            require_known("workbooks", "workbook", w, known)
        return self


class StyleIdea(Strict):
    id: Text
    development: Text
    pilot_idea: Text


class AreaPractice(Strict):
    id: Text
    practice: Text


class Element(Listed):
    question: Text


class ElementsContent(Strict):
    source: str
    intro: str
    items: tuple[Element, ...] = Field(min_length=1)


class ToolCategory(Listed):
    fits: Text
    advice: Text


class ToolsContent(Strict):
    source: str
    intro: str
    categories: tuple[ToolCategory, ...] = Field(min_length=1)
    processes: tuple[Named, ...] = Field(min_length=1)
    maintenance_advice: str
    systems_advice: str
    #: What the marks beside the findings are: this workbook's reading of the article's figures.
    checks_note: str = ""

    @model_validator(mode="after")
    def _fits_known(self) -> ToolsContent:
        known = {p.id for p in self.processes}
        for c in self.categories:
            require_known(f"category '{c.id}' (fits)", "process", c.fits, known)
        return self


class TrendsContent(Strict):
    source: str
    intro: str
    items: tuple[Named, ...] = Field(min_length=1)


class ReportContent(Strict):
    title: str
    note: str


class PlanChanges(Wording):
    """The sentences of what moved in the three elements since an earlier snapshot (issue 20)."""

    element: Annotated[Text, Names("element", "before", "now")]


class PlanDates(Wording):
    """What the cadence (the calendar and the start page's lists) calls a goal with a date."""

    goal: Annotated[Text, Names("text")]
    goal_detail: Annotated[str, Names("progress")] = ""


class PlanContent(Strict):
    """Everything coach-editable about the development plan (``development_plan.yaml``)."""

    title: str
    intro: str
    competency_trap: Sourced
    impact_kinds: tuple[Named, ...] = Field(min_length=1)
    thresholds: PlanThresholds
    rules: tuple[Rule, ...]
    styles: tuple[StyleIdea, ...]
    audit_practices: tuple[AreaPractice, ...]
    elements: ElementsContent
    tools: ToolsContent
    trends: TrendsContent
    report: ReportContent
    dates: PlanDates
    claims: tuple[Claim, ...] = ()
    changes: PlanChanges

    @model_validator(mode="after")
    def _complete(self) -> PlanContent:
        for what, ids in (
            ("rule ids", [r.id for r in self.rules]),
            ("impact kind ids", [k.id for k in self.impact_kinds]),
            ("element ids", [e.id for e in self.elements.items]),
            ("trend ids", [t.id for t in self.trends.items]),
            ("tool category ids", [c.id for c in self.tools.categories]),
        ):
            require_unique(what, ids)
        missing = set(RULE_FIELDS) - {r.id for r in self.rules}
        if missing:
            raise ValueError(f"rules: no rule '{sorted(missing)[0]}'")
        return self

    def rule(self, rule_id: str) -> Rule:
        return by_id(self.rules, rule_id, "suggestion rule")


def load_content() -> PlanContent:
    """Load and validate ``development_plan.yaml`` (the coach's copy if any)."""
    return load_yaml("development_plan", PlanContent)
