"""The development plan: the five workbooks' results on one page, turned into goals.

Pure logic over the record's ``plan`` section and the other workbooks' public results, which
it reads through the domain contract only (:func:`gather`): where the participant stands
(:func:`summarize`), the goals those results suggest (:func:`suggest`, one rule per kind of
result, worded in ``development_plan.yaml``), the impact log (the article's remedy for the
competency trap), the balance of the three elements, a tool-stack check against the article's
rules (:func:`check_tools`) and a learning plan against its three trends, feeding the 10%
learning target of the time split (:func:`check_learning`).

Examples
--------
>>> content = load_content()
>>> results = gather({})
>>> [s.state for s in summarize(results)]
['not started', 'not started', 'not started', 'not started', 'not started']
>>> suggest(results, content)
[]
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from playbook.content import load_content as load_yaml
from playbook.contract import Domain, by_id, domain, repeated, workbook
from playbook.errors import InputError, PlaybookError

if TYPE_CHECKING:
    from playbook.audit import AuditContent, AuditResult
    from playbook.career import Assessment, CareerContent
    from playbook.leadership import Instrument, SelfAssessment
    from playbook.pilots import PilotsContent, PilotsResult
    from playbook.time_split import TimeSplitContent, TimeSplitResult

#: The workbooks the plan reads, in page order.
SOURCES = ("career", "leadership", "time_split", "pilots", "audit")

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
}


# --------------------------------------------------------------------------------------------
# Content
# --------------------------------------------------------------------------------------------


class _Content(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Named(_Content):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    hint: str = ""


class Sourced(_Content):
    source: str = Field(min_length=1)
    text: str = Field(min_length=1)


class Claim(_Content):
    id: str = Field(min_length=1)
    section: str = Field(min_length=1)
    text: str = Field(min_length=1)


class Thresholds(_Content):
    low_audit_score: float
    elements_spread: int = Field(ge=1, le=4)
    goal_days: int = Field(ge=1)
    maintenance_share: float = Field(gt=0, lt=1)
    min_systems: int = Field(ge=1)
    max_systems: int = Field(ge=1)
    learning_share: float = Field(gt=0, lt=1)
    weeks_per_month: float = Field(gt=0)


class Rule(_Content):
    id: RuleId
    workbooks: tuple[str, ...] = Field(min_length=1)
    source_label: str = Field(min_length=1)
    text: str = Field(min_length=1)
    goal: str = Field(min_length=1)

    @model_validator(mode="after")
    def _known_names(self) -> Rule:
        allowed = set(RULE_FIELDS[self.id])
        for text in (self.text, self.goal):
            used = {name for _, name, _, _ in string.Formatter().parse(text) if name}
            if used - allowed:
                raise ValueError(
                    f"unknown name(s) in braces: {', '.join(sorted(used - allowed))} "
                    f"(this rule may use {', '.join(sorted(allowed))})"
                )
        for w in self.workbooks:
            if w not in SOURCES:
                raise ValueError(f"workbooks: '{w}' is not one of {', '.join(SOURCES)}")
        return self


class StyleIdea(_Content):
    id: str = Field(min_length=1)
    development: str = Field(min_length=1)
    pilot_idea: str = Field(min_length=1)


class AreaPractice(_Content):
    id: str = Field(min_length=1)
    practice: str = Field(min_length=1)


class Element(_Content):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    question: str = Field(min_length=1)


class ElementsContent(_Content):
    source: str
    intro: str
    items: tuple[Element, ...] = Field(min_length=1)


class ToolCategory(_Content):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    fits: str = Field(min_length=1)
    advice: str = Field(min_length=1)


class ToolsContent(_Content):
    source: str
    intro: str
    categories: tuple[ToolCategory, ...] = Field(min_length=1)
    processes: tuple[Named, ...] = Field(min_length=1)
    maintenance_advice: str
    systems_advice: str

    @model_validator(mode="after")
    def _fits_known(self) -> ToolsContent:
        known = {p.id for p in self.processes}
        for c in self.categories:
            if c.fits not in known:
                raise ValueError(f"category '{c.id}' fits an unknown process '{c.fits}'")
        return self


class TrendsContent(_Content):
    source: str
    intro: str
    items: tuple[Named, ...] = Field(min_length=1)


class ReportContent(_Content):
    title: str
    note: str


class PlanContent(_Content):
    """Everything coach-editable about the development plan (``development_plan.yaml``)."""

    title: str
    intro: str
    competency_trap: Sourced
    impact_kinds: tuple[Named, ...] = Field(min_length=1)
    thresholds: Thresholds
    rules: tuple[Rule, ...]
    styles: tuple[StyleIdea, ...]
    audit_practices: tuple[AreaPractice, ...]
    elements: ElementsContent
    tools: ToolsContent
    trends: TrendsContent
    report: ReportContent
    claims: tuple[Claim, ...] = ()

    @model_validator(mode="after")
    def _complete(self) -> PlanContent:
        for what, ids in (
            ("rule", [r.id for r in self.rules]),
            ("impact kind", [k.id for k in self.impact_kinds]),
            ("element", [e.id for e in self.elements.items]),
            ("trend", [t.id for t in self.trends.items]),
            ("tool category", [c.id for c in self.tools.categories]),
        ):
            if repeated(ids):
                raise ValueError(f"{what} '{repeated(ids)[0]}' is listed twice")
        missing = set(RULE_FIELDS) - {r.id for r in self.rules}
        if missing:
            raise ValueError(f"rules: no rule '{sorted(missing)[0]}'")
        return self

    def rule(self, rule_id: str) -> Rule:
        return by_id(self.rules, rule_id, "suggestion rule")


def load_content() -> PlanContent:
    """Load and validate ``development_plan.yaml`` (the coach's copy if any)."""
    return load_yaml("development_plan", PlanContent)


# --------------------------------------------------------------------------------------------
# The record: the workbook's "plan" section
# --------------------------------------------------------------------------------------------


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=40)


class Impact(_Row):
    """One entry of the impact log: what was delivered, how, and its measurable result."""

    day: dt.date | None = None
    delivered: str = Field(min_length=1, max_length=600)
    kind: str = Field(min_length=1, max_length=40)
    how: str = Field(default="", max_length=3000)
    result: str = Field(min_length=1, max_length=600)
    #: What it is linked to: "pilots:<pilot id>" or "audit:<quarter>:<action number>".
    link: str = Field(default="", max_length=120)


class Goal(_Row):
    """A goal with a date, the result it was drawn from (if any) and its progress."""

    text: str = Field(min_length=1, max_length=600)
    rule: str = Field(default="", max_length=40)  # the suggestion rule, "" for an own goal
    source: str = Field(default="", max_length=1200)  # what the result said, in words
    key: str = Field(default="", max_length=200)  # which suggestion, so it is not added twice
    due: dt.date | None = None
    progress: int = Field(default=0, ge=0, le=100)


class Tool(_Row):
    name: str = Field(min_length=1, max_length=120)
    category: str = Field(min_length=1, max_length=40)
    process: str = Field(min_length=1, max_length=40)
    build_cost: float | None = Field(default=None, ge=0)
    maintenance: float | None = Field(default=None, ge=0)  # a year


class Learning(_Row):
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

    >>> parse_section(None) == parse_section({}) == PlanSection()
    True
    """
    try:
        return PlanSection.model_validate(dict(data or {}))
    except ValidationError as err:
        first = err.errors()[0]
        where = " -> ".join(str(p) for p in first["loc"]) or "(top level)"
        raise InputError(f"The saved plan could not be read ({where}: {first['msg']}).") from None


def dump_section(section: PlanSection) -> dict[str, Any]:
    """The section as plain JSON-able data, ready for the store."""
    return section.model_dump(mode="json")


def _next_id(prefix: str, rows: Sequence[_Row]) -> str:
    n = len(rows) + 1
    ids = {r.id for r in rows}
    while f"{prefix}-{n}" in ids:
        n += 1
    return f"{prefix}-{n}"


def _date(text: str | dt.date | None, what: str) -> dt.date | None:
    if text is None or isinstance(text, dt.date):
        return text
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f'{what}: "{text}" is not a date: write it as YYYY-MM-DD.') from None


def _required(text: str, what: str) -> str:
    text = text.strip()
    if not text:
        raise InputError(f"Write {what} first.")
    return text


# --------------------------------------------------------------------------------------------
# The other workbooks' results, through the contract
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Results:
    """The five workbooks' results (``None`` where the section was never saved) and the
    content they were assessed with (only theirs); ``plan_status`` is the time split's transition plan
    against the latest week (``None`` without a plan start or a logged week)."""

    career: Assessment | None = None
    leadership: SelfAssessment | None = None
    time_split: TimeSplitResult | None = None
    pilots: PilotsResult | None = None
    audit: AuditResult | None = None
    contents: dict[str, Any] = field(default_factory=dict)
    plan_status: str | None = None
    #: Why a workbook's saved answers could not be read, by section (its result is ``None``).
    problems: dict[str, str] = field(default_factory=dict)


def gather(sections: Mapping[str, Mapping[str, Any] | None]) -> Results:
    """Every workbook's result from the record's sections (``{name: data}``), read through
    the domain contract (:mod:`playbook.contract`).

    >>> gather({}).career is None
    True
    """
    found: dict[str, Any] = {}
    contents: dict[str, Any] = {}
    problems: dict[str, str] = {}
    plan_status = None
    for name in SOURCES:
        data = sections.get(name)
        if not data:  # nothing to read: its module (pilots': numpy, scipy) is not even imported
            found[name] = None
            continue
        d = domain(name)
        try:
            content = d.load_content()
            section = d.parse_section(data)
            found[name] = d.assess(section, content)
        except PlaybookError as err:  # one unreadable workbook leaves the others readable
            found[name], problems[name] = None, str(err)
            continue
        contents[name] = content
        if name == "time_split":
            plan_status = _plan_status(section, content, found[name])
    return Results(**found, contents=contents, plan_status=plan_status, problems=problems)


def _plan_status(section: Any, content: TimeSplitContent, result: TimeSplitResult) -> str | None:
    """The transition plan's status in the latest logged week, with the time split's own
    public functions (the contract's result has the split, not the plan)."""
    from playbook import time_split

    if section.plan.start_date is None or result.latest is None:
        return None
    plan = time_split.transition_plan(section.plan, content)
    weeks = time_split.plan_progress(plan, result.report)
    latest = [w for w in weeks if w.week_start == result.latest.start]
    return latest[-1].status if latest else None


# --------------------------------------------------------------------------------------------
# Where I stand
# --------------------------------------------------------------------------------------------

State = Literal["not started", "in progress", "done"]


@dataclass(frozen=True)
class Standing:
    """One workbook's result in sentences, whether it is done, and what is still to do."""

    section: str
    title: str
    notebook: str
    state: State
    lines: tuple[str, ...] = ()
    todo: str = ""


def _pct(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def _career(r: Assessment | None, c: CareerContent | None) -> tuple[State, list[str], str]:
    if r is None or c is None or (r.context_answered == 0 and r.preference_answered == 0):
        return "not started", [], "Answer the questions about your environment and preference."
    names = {p.id: p.name for p in c.paths}
    lines = []
    if r.recommended:
        rec = " and ".join(names[p] for p in r.recommended)
        fit = r.fit[r.recommended[0]].score or 0
        lines.append(f"Your environment calls for the {rec} path (fit {round(fit)}/100).")
    if r.preferred:
        pref = " and ".join(names[p] for p in r.preferred)
        gap = r.gap.get(r.preferred[0])
        agree = "the same path" if r.agrees else f"a gap of {abs(round(gap or 0))} points"
        lines.append(f"You prefer {pref}: {agree}.")
    areas = ", ".join(r.areas) or "none yet"
    lines.append(f"Adjacent areas: {areas} ({len(r.areas)} of {r.areas_needed}).")
    todo = ""
    if not r.recommended:
        todo = f"Answer more environment questions ({r.context_answered} of {r.context_total})."
    elif not r.preferred:
        todo = "Answer the preference questions to see the gap."
    return ("done" if not todo else "in progress"), lines, todo


def _leadership(r: SelfAssessment | None, c: Instrument | None) -> tuple[State, list[str], str]:
    if r is None or c is None or r.progress.answered == 0:
        return "not started", [], "Rate the leadership statements."
    if r.ranking is None:
        return "in progress", [], r.message
    name = {s.id: s.name for s in c.styles}
    lines = [f"Primary style: {name[r.ranking.primary]}; secondary: {name[r.ranking.secondary]}."]
    gaps = r.mentor_gaps
    if not gaps:
        lines.append("No mentor's rating imported yet, so no mentor gaps.")
    for g in gaps.values():
        if g.gap is None:
            continue
        flag = f" ({g.flag.replace('_', ' ')})" if g.flag else ""
        side = "higher" if g.gap > 0 else "lower"
        lines.append(
            f"Your mentor rates your {name[g.style]} side {abs(round(g.gap))} points {side} "
            f"than you do{flag}."
        )
    return "done", lines, ""


#: The time split's week status, in words.
STATUS = {"inward": "mostly delivery", "outward": "mostly outward", "balanced": "on target"}


def _time_split(r: TimeSplitResult | None, status: str | None) -> tuple[State, list[str], str]:
    if r is None or r.latest is None:
        return "not started", [], "Log a week, or import a calendar or a time-tracker export."
    w = r.latest
    target = round(r.target_delivery * 100)
    lines = [
        f"Latest week ({w.start:%d %b %Y}): {_pct(w.delivery_share)} delivery and "
        f"{_pct(None if w.delivery_share is None else 1 - w.delivery_share)} visibility & "
        f"relationships, against the playbook's {target}/{100 - target} ({STATUS.get(w.status, w.status)})."
    ]
    if status is None:
        lines.append("Transition plan: not started (no start date).")
    else:
        lines.append(f"Transition plan: {status} in the latest week.")
    return "done", lines, ""


def _pilots(r: PilotsResult | None, c: PilotsContent | None) -> tuple[State, list[str], str]:
    if r is None or c is None or not r.pilots:
        return "not started", [], "Plan a first pilot."
    lines = []
    for p in r.pilots:
        verdicts = ", ".join(f"{_metric_name(c, m)} {v}" for m, v in p.verdicts.items())
        decision = p.decision or "not decided yet"
        lines.append(f"'{p.practice}': {verdicts or 'not enough data yet'}; decision: {decision}.")
    undecided = sum(1 for p in r.pilots if p.decision is None)
    todo = f"Decide {undecided} pilot(s) on the evidence." if undecided else ""
    return ("in progress" if undecided else "done"), lines, todo


def _metric_name(c: PilotsContent, metric: str) -> str:
    return next((m.name for m in c.metrics if m.id == metric), metric)


def _audit(r: AuditResult | None, c: AuditContent | None) -> tuple[State, list[str], str]:
    if r is None or c is None or r.quarter is None:
        return "not started", [], "Hold a first quarterly audit."
    scores = ", ".join(
        f"{a.name} {'–' if r.scores.get(a.id) is None else format(r.scores[a.id], '.1f')}"
        for a in c.areas
    )
    lines = [f"{r.quarter}: {scores}."]
    if r.open_actions:
        lines += [f"Open action ({q}): {a.text} (owner: {a.owner})." for q, a in r.open_actions]
    else:
        lines.append("No open actions.")
    unanswered = [a.name for a in c.areas if r.scores.get(a.id) is None]
    todo = f"Answer the audit's {', '.join(unanswered)} statements." if unanswered else ""
    return ("in progress" if todo else "done"), lines, todo


def summarize(results: Results) -> list[Standing]:
    """Every workbook's result in a few sentences, in page order, saying what is not done.

    Examples
    --------
    >>> first = summarize(gather({}))[0]
    >>> first.section, first.state, first.todo
    ('career', 'not started', 'Answer the questions about your environment and preference.')
    """
    c = results.contents
    states = {
        "career": _career(results.career, c.get("career")),
        "leadership": _leadership(results.leadership, c.get("leadership")),
        "time_split": _time_split(results.time_split, results.plan_status),
        "pilots": _pilots(results.pilots, c.get("pilots")),
        "audit": _audit(results.audit, c.get("audit")),
    }
    out = []
    for name, (state, lines, todo) in states.items():
        w = workbook(name)
        if name in results.problems:
            state, lines = "in progress", []
            todo = f"Its saved answers could not be read: {results.problems[name]} Open it to see."
        out.append(Standing(name, w.title, w.notebook, state, tuple(lines), todo))
    return out


# --------------------------------------------------------------------------------------------
# Suggestions: one rule per kind of result
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """A goal a result suggests: the rule, the words, and the workbooks it links."""

    key: str  # unique per suggestion: the rule and what triggered it
    rule: str
    source_label: str
    text: str
    goal: str
    workbooks: tuple[str, ...]


def _make(content: PlanContent, rule_id: str, key: str, **values: Any) -> Suggestion:
    rule = content.rule(rule_id)
    return Suggestion(
        key=f"{rule_id}:{key}",
        rule=rule_id,
        source_label=rule.source_label,
        text=" ".join(rule.text.format(**values).split()),
        goal=" ".join(rule.goal.format(**values).split()),
        workbooks=rule.workbooks,
    )


def _suggest_career(r: Assessment, cc: CareerContent, content: PlanContent) -> list[Suggestion]:
    out = []
    names = {p.id: p.name for p in cc.paths}
    if r.agrees is False:
        rec, pref = names[r.recommended[0]], names[r.preferred[0]]
        key = f"{r.recommended[0]}-{r.preferred[0]}"
        out.append(_make(content, "path_gap", key, recommended=rec, preferred=pref))
    if (r.context_answered or r.preference_answered) and not r.diversified:
        options = [a.label for a in cc.adjacent_areas if a.label not in r.areas]
        out.append(
            _make(
                content,
                "adjacent_skill",
                str(len(r.areas)),
                count=len(r.areas),
                needed=r.areas_needed,
                options=", ".join(options),
                first_option=options[0] if options else "a new area",
            )
        )
    return out


def _suggest_leadership(
    r: SelfAssessment, inst: Instrument, content: PlanContent
) -> list[Suggestion]:
    out = []
    names = {s.id: s.name for s in inst.styles}
    for g in r.mentor_gaps.values():
        if g.flag == "blind_spot" and g.gap is not None:
            out.append(
                _make(content, "blind_spot", g.style, style=names[g.style], gap=abs(round(g.gap)))
            )
    if r.primary is not None:
        idea = next((s for s in content.styles if s.id == r.primary), None)
        if idea is not None:
            out.append(
                _make(
                    content,
                    "style_to_pilot",
                    r.primary,
                    style=names[r.primary],
                    development=idea.development,
                    pilot_idea=idea.pilot_idea,
                )
            )
    return out


def _suggest_time(
    r: TimeSplitResult, tc: TimeSplitContent, content: PlanContent
) -> list[Suggestion]:
    out: list[Suggestion] = []
    w = r.latest
    if w is None or w.delivery_share is None:
        return out
    if w.status in ("inward", "outward"):
        advice = getattr(tc.targets.split.advice, w.status)
        action = (
            "protect time for visibility and relationships"
            if w.status == "inward"
            else "protect time for delivery with clear metrics"
        )
        out.append(
            _make(
                content,
                "split_gap",
                w.start.isoformat(),
                week=f"{w.start:%d %b %Y}",
                delivery=_pct(w.delivery_share),
                advice=advice,
                action=action,
            )
        )
    overall = r.report.overall.delivery_share
    if overall is not None:
        out.append(_make(content, "baseline_to_metric", "delivery", delivery=_pct(overall)))
    learning = r.report.overall.learning_share
    if learning is not None and learning < content.thresholds.learning_share:
        hours = learning_target_hours(r, content)
        out.append(
            _make(
                content,
                "learning_gap",
                "learning",
                share=_pct(learning),
                hours=f"{hours:.0f}" if hours is not None else "some",
            )
        )
    return out


def _suggest_pilots(r: PilotsResult, content: PlanContent) -> list[Suggestion]:
    return [
        _make(content, "pilot_to_scale", p.pilot_id, practice=p.practice)
        for p in r.pilots
        if p.verdicts and all(v == "better" for v in p.verdicts.values()) and p.decision != "adopt"
    ]


def _suggest_audit(r: AuditResult, ac: AuditContent, content: PlanContent) -> list[Suggestion]:
    out = []
    for n, (quarter, action) in enumerate(r.open_actions):
        out.append(
            _make(
                content,
                "audit_action",
                f"{quarter}:{n}:{action.text[:60]}",
                quarter=quarter,
                action=action.text,
                owner=action.owner,
            )
        )
    threshold = content.thresholds.low_audit_score
    for area in ac.areas:
        score = r.scores.get(area.id)
        practice = next((p.practice for p in content.audit_practices if p.id == area.id), None)
        if score is not None and score < threshold and practice:
            out.append(
                _make(
                    content,
                    "low_audit_area",
                    f"{r.quarter}:{area.id}",
                    area=area.name,
                    score=f"{score:.1f}",
                    quarter=r.quarter,
                    threshold=f"{threshold:.1f}",
                    practice=practice,
                )
            )
    return out


def suggest(results: Results, content: PlanContent) -> list[Suggestion]:
    """The goals the other workbooks' results suggest, each saying which result and rule
    triggered it and which workbooks it links (see ``rules`` in ``development_plan.yaml``).

    Examples
    --------
    >>> from playbook.audit import AuditQuarter, AuditSection, dump_section
    >>> quarter = AuditQuarter(quarter="2026-Q1", answers={"bal_outcomes": 1,
    ...     "bal_documentation": 5, "bal_creative_quality": 2, "bal_metrics": 2})
    >>> record = {"audit": dump_section(AuditSection(quarters=[quarter]))}
    >>> [(s.rule, s.workbooks) for s in suggest(gather(record), load_content())]
    [('low_audit_area', ('audit', 'pilots'))]
    """
    c = results.contents
    out: list[Suggestion] = []
    if results.career is not None:
        out += _suggest_career(results.career, c["career"], content)
    if results.leadership is not None:
        out += _suggest_leadership(results.leadership, c["leadership"], content)
    if results.time_split is not None:
        out += _suggest_time(results.time_split, c["time_split"], content)
    if results.pilots is not None:
        out += _suggest_pilots(results.pilots, content)
    if results.audit is not None:
        out += _suggest_audit(results.audit, c["audit"], content)
    return out


# --------------------------------------------------------------------------------------------
# Goals
# --------------------------------------------------------------------------------------------


def add_goal(
    section: PlanSection,
    text: str,
    due: str | dt.date | None,
    *,
    suggestion: Suggestion | None = None,
) -> PlanSection:
    """A copy of ``section`` with a new goal; from a suggestion, the goal says which result
    it was drawn from, and a suggestion already taken is not added twice.

    >>> s = add_goal(PlanSection(), "Ask for a stretch project", "2026-06-30")
    >>> s.goals[0].id, s.goals[0].due.isoformat(), s.goals[0].rule
    ('goal-1', '2026-06-30', '')
    """
    text = _required(text, "the goal")
    if suggestion is not None and any(g.key == suggestion.key for g in section.goals):
        raise InputError("That suggestion is already one of your goals.")
    goal = Goal(
        id=_next_id("goal", section.goals),
        text=text,
        due=_date(due, "Due"),
        rule=suggestion.rule if suggestion else "",
        source=f"From {suggestion.source_label}: {suggestion.text}" if suggestion else "",
        key=suggestion.key if suggestion else "",
    )
    return section.model_copy(update={"goals": [*section.goals, goal]})


def suggested_due(content: PlanContent, today: dt.date) -> dt.date:
    """The due date a goal taken from a suggestion starts with (a default of this workbook)."""
    return today + dt.timedelta(days=content.thresholds.goal_days)


def set_progress(section: PlanSection, goal_id: str, progress: int) -> PlanSection:
    """A copy with one goal's progress (0-100%) changed."""
    if not 0 <= progress <= 100:
        raise InputError("Progress is between 0 and 100%.")
    by_id(section.goals, goal_id, "goal")
    goals = [
        g.model_copy(update={"progress": progress}) if g.id == goal_id else g for g in section.goals
    ]
    return section.model_copy(update={"goals": goals})


def remove(section: PlanSection, what: str, row_id: str) -> PlanSection:
    """A copy without the row ``row_id`` of ``what`` (goals, impacts, tools, learning)."""
    rows = getattr(section, what)
    by_id(rows, row_id, what.rstrip("s"))
    return section.model_copy(update={what: [r for r in rows if r.id != row_id]})


# --------------------------------------------------------------------------------------------
# The impact log
# --------------------------------------------------------------------------------------------


def link_options(results: Results) -> list[tuple[str, str]]:
    """What an impact entry can be linked to: each pilot and each open audit action, as
    (label, value)."""
    out: list[tuple[str, str]] = []
    if results.pilots is not None:
        out += [(f"Pilot: {p.practice}", f"pilots:{p.pilot_id}") for p in results.pilots.pilots]
    if results.audit is not None:
        out += [
            (f"Audit action ({q}): {a.text}", f"audit:{q}:{n}")
            for n, (q, a) in enumerate(results.audit.open_actions)
        ]
    return out


def add_impact(
    section: PlanSection,
    content: PlanContent,
    *,
    delivered: str,
    kind: str,
    how: str,
    result: str,
    day: str | dt.date | None = None,
    link: str = "",
) -> PlanSection:
    """A copy with a new impact entry: what was delivered, how (a process, a collaboration,
    an innovation) and its measurable result.

    Raises
    ------
    InputError
        Without what was delivered or its result, or with an unknown kind.
    """
    by_id(content.impact_kinds, kind, "kind of impact")
    entry = Impact(
        id=_next_id("impact", section.impacts),
        day=_date(day, "Date"),
        delivered=_required(delivered, "what you delivered"),
        kind=kind,
        how=how.strip(),
        result=_required(result, "its measurable result"),
        link=link,
    )
    return section.model_copy(update={"impacts": [*section.impacts, entry]})


# --------------------------------------------------------------------------------------------
# The three elements
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Balance:
    ratings: dict[str, int]
    balanced: bool | None  # None until all three are rated
    text: str


def set_element(
    section: PlanSection, content: PlanContent, element: str, rating: int | None
) -> PlanSection:
    by_id(content.elements.items, element, "element")
    ratings = dict(section.elements)
    if rating is None:
        ratings.pop(element, None)
    elif not 1 <= rating <= 5:
        raise InputError("Rate each element from 1 to 5.")
    else:
        ratings[element] = rating
    return section.model_copy(update={"elements": ratings})


def balance(section: PlanSection, content: PlanContent) -> Balance:
    """Whether the three elements are in balance: all rated, and no two further apart than
    the content's ``elements_spread`` (a default of this workbook).

    >>> c = load_content()
    >>> s = PlanSection(elements={"technical_precision": 5, "emotional_intelligence": 2,
    ...                           "strategic_foresight": 4})
    >>> balance(s, c).balanced, balance(s, c).text
    (False, 'Out of balance: Emotional intelligence (2) trails Technical precision (5).')
    """
    items = content.elements.items
    ratings = {e.id: section.elements[e.id] for e in items if e.id in section.elements}
    if len(ratings) < len(items):
        return Balance(ratings, None, "Rate all three elements to see their balance.")
    low = min(items, key=lambda e: ratings[e.id])
    high = max(items, key=lambda e: ratings[e.id])
    if ratings[high.id] - ratings[low.id] >= content.thresholds.elements_spread:
        return Balance(
            ratings,
            False,
            f"Out of balance: {low.name} ({ratings[low.id]}) trails {high.name} "
            f"({ratings[high.id]}).",
        )
    return Balance(ratings, True, "In balance: no element trails the others by much.")


# --------------------------------------------------------------------------------------------
# The tool stack
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ToolFinding:
    """One check of the tool stack against the article's rules: ``ok`` or advice."""

    rule: str  # "fit", "maintenance", "systems"
    ok: bool
    text: str
    tool: str = ""  # the tool's id, for a check of one tool


def add_tool(
    section: PlanSection,
    content: PlanContent,
    name: str,
    category: str,
    process: str,
    build_cost: float | None = None,
    maintenance: float | None = None,
) -> PlanSection:
    by_id(content.tools.categories, category, "tool category")
    by_id(content.tools.processes, process, "kind of process")
    tool = Tool(
        id=_next_id("tool", section.tools),
        name=_required(name, "the tool's name"),
        category=category,
        process=process,
        build_cost=build_cost,
        maintenance=maintenance,
    )
    return section.model_copy(update={"tools": [*section.tools, tool]})


def check_tools(tools: Sequence[Tool], content: PlanContent) -> list[ToolFinding]:
    """Each tool against the article's rules (platforms for standardized work, specialized
    tools within their domain, custom builds only for unique high-value processes with about
    15% of the build cost a year for maintenance), and the stack as a whole (2-3 integrated
    systems rather than one monolith).

    Examples
    --------
    >>> c = load_content()
    >>> stack = [Tool(id="t1", name="Tracker", category="custom", process="unique",
    ...               build_cost=200000, maintenance=10000)]
    >>> [(f.rule, f.ok) for f in check_tools(stack, c)]
    [('fit', True), ('maintenance', False), ('systems', False)]
    """
    t = content.tools
    share = content.thresholds.maintenance_share
    out: list[ToolFinding] = []
    for tool in tools:
        cat = by_id(t.categories, tool.category, "tool category")
        process = by_id(t.processes, tool.process, "kind of process").name.lower()
        fits = tool.process == cat.fits
        verdict = "fits" if fits else "does not fit"
        out.append(
            ToolFinding(
                "fit", fits, f"{tool.name} ({process}) {verdict} its kind. {cat.advice}", tool.id
            )
        )
        if tool.category == "custom":
            if not tool.build_cost:
                text = f"{tool.name}: give its build cost to check the maintenance budget."
                out.append(ToolFinding("maintenance", False, text, tool.id))
            else:
                yearly = (tool.maintenance or 0) / tool.build_cost
                ok = yearly >= share - 1e-9
                text = (
                    f"{tool.name}: a yearly maintenance budget of {yearly:.0%} of its build "
                    f"cost. {t.maintenance_advice}"
                )
                out.append(ToolFinding("maintenance", ok, text, tool.id))
    if tools:
        n = len(tools)
        lo, hi = content.thresholds.min_systems, content.thresholds.max_systems
        ok = lo <= n <= hi
        what = "one system" if n == 1 else f"{n} systems"
        out.append(ToolFinding("systems", ok, f"Your stack has {what}. {t.systems_advice}"))
    return out


# --------------------------------------------------------------------------------------------
# Future trends: the learning plan
# --------------------------------------------------------------------------------------------


def add_learning(
    section: PlanSection, content: PlanContent, trend: str, action: str, hours: float
) -> PlanSection:
    by_id(content.trends.items, trend, "trend")
    if not 0 < hours <= 200:
        raise InputError("Hours a month are more than 0 and at most 200.")
    item = Learning(
        id=_next_id("learning", section.learning),
        trend=trend,
        action=_required(action, "what you will learn"),
        hours=hours,
    )
    return section.model_copy(update={"learning": [*section.learning, item]})


def learning_target_hours(split: TimeSplitResult | None, content: PlanContent) -> float | None:
    """Hours a month that the 10% learning target means for this participant: 10% of their
    average logged working week (the time split), times the weeks in a month (a default).

    ``None`` without logged weeks."""
    if split is None:
        return None
    weeks = [w for w in split.report.weeks if w.work_hours > 0]
    if not weeks:
        return None
    weekly = sum(w.work_hours for w in weeks) / len(weeks)
    return weekly * content.thresholds.learning_share * content.thresholds.weeks_per_month


@dataclass(frozen=True)
class LearningCheck:
    planned: float  # hours a month
    target: float | None  # hours a month, from the time split
    by_trend: dict[str, float]
    text: str


def check_learning(
    section: PlanSection, split: TimeSplitResult | None, content: PlanContent
) -> LearningCheck:
    """The learning plan's hours a month, per trend, against the 10% learning target of the
    time split; it names the trends without a plan.

    >>> c = load_content()
    >>> s = add_learning(PlanSection(), c, "ai_planning", "Try a scheduling tool", 4)
    >>> check_learning(s, None, c).text
    'You plan 4 hours a month of learning. Log a week in the time split to see the 10% target in hours. Not planned yet: Distributed team management, Sustainability integration.'
    """
    by_trend = {t.id: 0.0 for t in content.trends.items}
    for item in section.learning:
        by_trend[item.trend] = by_trend.get(item.trend, 0.0) + item.hours
    planned = sum(by_trend.values())
    target = learning_target_hours(split, content)
    text = f"You plan {planned:g} hours a month of learning."
    if target is None:
        text += " Log a week in the time split to see the 10% target in hours."
    else:
        share = f"{content.thresholds.learning_share:.0%}"
        verdict = "meets" if planned >= target - 1e-9 else "is below"
        text += (
            f" The playbook's {share} of your logged working time is about {target:.0f} hours a "
            f"month: your plan {verdict} it."
        )
    missing = [t.name for t in content.trends.items if by_trend[t.id] == 0]
    if missing:
        text += " Not planned yet: " + ", ".join(missing) + "."
    return LearningCheck(planned, target, by_trend, text)


# --------------------------------------------------------------------------------------------
# The contract's result
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanResult:
    """The plan in numbers: goals, their mean progress, and the impact log by kind."""

    goals: int
    goals_done: int
    mean_progress: float | None
    impacts: dict[str, int]
    learning_hours: float


def assess(section: PlanSection, content: PlanContent) -> PlanResult:
    """The plan's key results, for another workbook (a cohort report) to read.

    >>> c = load_content()
    >>> s = add_goal(PlanSection(), "Ask for a stretch project", None)
    >>> s = set_progress(s, "goal-1", 100)
    >>> r = assess(s, c)
    >>> r.goals, r.goals_done, r.mean_progress, r.impacts["process"]
    (1, 1, 100.0, 0)
    """
    goals = section.goals
    return PlanResult(
        goals=len(goals),
        goals_done=sum(1 for g in goals if g.progress >= 100),
        mean_progress=sum(g.progress for g in goals) / len(goals) if goals else None,
        impacts={
            k.id: sum(1 for i in section.impacts if i.kind == k.id) for k in content.impact_kinds
        },
        learning_hours=sum(item.hours for item in section.learning),
    )


#: The domain's one face to the rest of the app (registered in playbook.contract).
DOMAIN: Domain[PlanSection, Any, Any] = Domain(
    section="plan",
    model=PlanSection,
    load_content=load_content,
    parse_section=parse_section,
    dump_section=dump_section,
    assess=assess,
)
