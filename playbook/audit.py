"""The quarterly system audit: resilience, balance and communication, with cross-functional input.

The playbook (docs/CONTENT.md section 6) names three common pitfalls (over-optimizing efficiency at
the expense of resilience, perfectionism in processes rather than outcomes, communication
breakdown) and recommends a quarterly audit of three areas, with input from other departments:

* **resilience**: can your system handle disruptions?
* **balance**: are you optimizing the right things?
* **communication**: are messages being received as intended?

This module holds the audit's content model (``audit.yaml``), the record's ``audit`` section
(quarters, the manager's answers, actions with owners, the next audit date), scoring per area,
the aggregation of colleagues' answers (shown only when at least a documented minimum of them
answered, so that no single colleague's answers can be read off), the trend across quarters and
the pitfalls that low scores point to. Pure: no widgets, no files.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from playbook.content import load_content as load_yaml
from playbook.contract import Domain, by_id, repeated
from playbook.errors import InputError, UnknownIdError

# The file is the parser's; these names stay importable from here, where audits use them.
from playbook.imports.colleagues import DEPARTMENT_COLUMN as DEPARTMENT_COLUMN
from playbook.imports.colleagues import ColleagueFileError as ColleagueFileError
from playbook.imports.colleagues import csv_template, read_colleague_csv
from playbook.limits import (
    MAX_ITEMS_PER_QUARTER,
    MAX_QUARTERS,
    MAX_TEXT_CHARS,
    check_count,
    check_text,
)

_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def _check_quarter(value: str) -> str:
    if not _QUARTER.match(value):
        raise ValueError("a quarter is written like 2026-Q1")
    return value


#: A quarter label such as ``2026-Q1``.
QuarterLabel = Annotated[str, AfterValidator(_check_quarter)]


class AuditAnswerError(InputError):
    """Raised when an audit answer is outside the scale or names no question."""


# --------------------------------------------------------------------------------------------
# Content (playbook/content/audit.yaml)
# --------------------------------------------------------------------------------------------


class Scale(BaseModel):
    """The agreement scale every audit statement is answered on."""

    model_config = ConfigDict(extra="forbid")

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


class AuditItem(BaseModel):
    """One statement to rate; ``reverse`` when agreeing is the bad answer."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=_ID_PATTERN)
    text: str = Field(min_length=1)
    reverse: bool = False


class AuditArea(BaseModel):
    """One of the three audit areas, with the article's guiding question."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=_ID_PATTERN)
    name: str = Field(min_length=1)
    question: str = Field(min_length=1)
    items: list[AuditItem] = Field(min_length=1)


class Pitfall(BaseModel):
    """A pitfall the article names, the area whose low score points to it, and its remedy."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=_ID_PATTERN)
    area: str
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    remedy: str = Field(min_length=1)


class AuditThresholds(BaseModel):
    """Documented defaults; only ``months_between_audits`` (quarterly) comes from the article."""

    model_config = ConfigDict(extra="forbid")

    pitfall_below: float
    colleague_gap: float = Field(gt=0)
    min_colleagues: int = Field(ge=2)
    months_between_audits: int = Field(ge=1, le=12)


class AuditClaim(BaseModel):
    """A statistic from the article, quoted as the author's claim."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=_ID_PATTERN)
    section: str
    text: str = Field(min_length=1)


class AuditContent(BaseModel):
    """Everything coach-editable about the quarterly audit."""

    model_config = ConfigDict(extra="forbid")

    title: str
    intro: str
    colleague_intro: str
    scale: Scale
    areas: list[AuditArea] = Field(min_length=1)
    pitfalls: list[Pitfall]
    thresholds: AuditThresholds
    advice: list[str] = Field(default_factory=list)
    claims: list[AuditClaim] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> AuditContent:
        area_ids = [a.id for a in self.areas]
        if repeated(area_ids):
            raise ValueError("area ids must be unique")
        item_ids = [i.id for a in self.areas for i in a.items]
        if repeated(item_ids):
            raise ValueError("item ids must be unique across areas")
        if DEPARTMENT_COLUMN in item_ids:
            raise ValueError(f"'{DEPARTMENT_COLUMN}' is reserved and cannot be an item id")
        for p in self.pitfalls:
            if p.area not in area_ids:
                raise ValueError(f"pitfall '{p.id}' names unknown area '{p.area}'")
        if not self.scale.min <= self.thresholds.pitfall_below <= self.scale.max:
            raise ValueError("thresholds.pitfall_below must lie on the scale")
        return self

    def area(self, area_id: str) -> AuditArea:
        """The area with this id."""
        return by_id(self.areas, area_id, "audit area")

    def item(self, item_id: str) -> AuditItem:
        """The item with this id, in any area."""
        return by_id(
            (i for a in self.areas for i in a.items),
            item_id,
            "audit question",
            message=f"There is no audit question '{item_id}'.",
        )

    @property
    def item_ids(self) -> list[str]:
        """Every item id, area by area, in order."""
        return [i.id for a in self.areas for i in a.items]


def load_content() -> AuditContent:
    """Load and validate ``audit.yaml`` (the coach's copy if ``PLAYBOOK_CONTENT`` has one)."""
    return load_yaml("audit", AuditContent)


# --------------------------------------------------------------------------------------------
# The record: the workbook's "audit" section
# --------------------------------------------------------------------------------------------


class ColleagueResponse(BaseModel):
    """One colleague's answers for one quarter, arriving by share link or in a file."""

    model_config = ConfigDict(extra="forbid")

    quarter: QuarterLabel
    department: str = Field(default="", max_length=MAX_TEXT_CHARS)
    answers: dict[str, int] = Field(default_factory=dict)


class ActionItem(BaseModel):
    """An action the audit decided on, with an owner."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    owner: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    area: str | None = None
    due: dt.date | None = None
    done: bool = False


class AuditQuarter(BaseModel):
    """One quarter's audit: the manager's answers, notes, actions and the next audit's date."""

    model_config = ConfigDict(extra="forbid")

    quarter: QuarterLabel
    held_on: dt.date | None = None
    answers: dict[str, int] = Field(default_factory=dict)
    notes: str = Field(default="", max_length=MAX_TEXT_CHARS)
    actions: list[ActionItem] = Field(default_factory=list, max_length=MAX_ITEMS_PER_QUARTER)
    next_audit: dt.date | None = None
    #: Colleagues' answers the manager imported from a file (answers given through a share link
    #: stay in the store's contributions and are never copied here).
    imported_responses: list[ColleagueResponse] = Field(
        default_factory=list, max_length=MAX_ITEMS_PER_QUARTER
    )


class AuditSection(BaseModel):
    """The workbook record's ``audit`` section: one entry per quarter audited."""

    model_config = ConfigDict(extra="forbid")

    quarters: list[AuditQuarter] = Field(default_factory=list, max_length=MAX_QUARTERS)

    @model_validator(mode="after")
    def _unique_quarters(self) -> AuditSection:
        if repeated(q.quarter for q in self.quarters):
            raise ValueError("each quarter appears once")
        return self

    def get(self, quarter: str) -> AuditQuarter | None:
        """The audit of this quarter, if there is one."""
        return next((q for q in self.quarters if q.quarter == quarter), None)


def parse_section(
    data: Mapping[str, Any] | None, content: AuditContent | None = None
) -> AuditSection:
    """Validate a stored ``audit`` section (``None`` or ``{}`` gives an empty one), every
    answer checked against the content's questions and scale (by default
    :func:`load_content`'s).

    Raises
    ------
    InputError
        When the stored data does not have the section's shape, or an answer is not a question
        of the content or not on its scale.
    """
    try:
        section = AuditSection.model_validate(dict(data or {}))
    except ValidationError as err:
        first = err.errors()[0]
        where = " -> ".join(str(p) for p in first["loc"]) or "(top level)"
        raise InputError(f"The saved audits could not be read ({where}: {first['msg']}).") from None
    content = content or load_content()
    for q in section.quarters:
        for answers in (q.answers, *(r.answers for r in q.imported_responses)):
            for item_id, value in answers.items():
                try:
                    _check_answer(item_id, value, content)
                except AuditAnswerError as err:
                    raise AuditAnswerError(f"The saved audit of {q.quarter}: {err}") from None
    return section


def salvage_section(
    data: Any, content: AuditContent | None = None
) -> tuple[AuditSection, list[str]]:
    """What a page can open of a stored section that somehow holds bad answers: the section
    without them, and a sentence naming each one left out (a section whose shape cannot be
    read at all opens empty, and says so). A section :func:`parse_section` reads comes back
    whole.

    >>> section, notes = salvage_section({"quarters": [{"quarter": "2026-Q1",
    ...     "answers": {"res_buffers": 99}}]})
    >>> section.quarters[0].answers, notes
    ({}, ['The saved audit of 2026-Q1: Answers go from 1 to 5; 99 is outside the scale. It is not shown.'])
    """
    content = content or load_content()
    try:
        return parse_section(data, content), []
    except AuditAnswerError:
        pass
    except InputError as err:
        return AuditSection(), [f"{err} The audits are not shown."]
    section = AuditSection.model_validate(dict(data or {}))
    notes: list[str] = []

    def kept(label: str, answers: dict[str, int]) -> dict[str, int]:
        out = {}
        for item_id, value in answers.items():
            try:
                out[item_id] = _check_answer(item_id, value, content)
            except AuditAnswerError as err:
                notes.append(f"The saved audit of {label}: {err} It is not shown.")
        return out

    quarters = []
    for q in section.quarters:
        responses = [
            r.model_copy(update={"answers": kept(q.quarter, r.answers)})
            for r in q.imported_responses
        ]
        quarters.append(
            q.model_copy(
                update={"answers": kept(q.quarter, q.answers), "imported_responses": responses}
            )
        )
    return AuditSection(quarters=quarters), notes


def dump_section(section: AuditSection) -> dict[str, Any]:
    """The section as plain JSON-able data, ready for the store."""
    return section.model_dump(mode="json")


def quarter_label(day: dt.date) -> str:
    """The quarter a date falls in.

    Examples
    --------
    >>> quarter_label(dt.date(2026, 5, 14))
    '2026-Q2'
    """
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _quarter_key(label: str) -> tuple[int, int]:
    m = _QUARTER.match(label)
    if not m:
        raise InputError(f'"{label}" is not a quarter: write it like 2026-Q1.')
    return int(m.group(1)), int(m.group(2))


def next_audit_date(held_on: dt.date, months: int = 3) -> dt.date:
    """The date ``months`` after ``held_on`` (the day clamped to the month's length).

    The article recommends quarterly audits, hence three months by default.

    Examples
    --------
    >>> next_audit_date(dt.date(2026, 11, 30))
    datetime.date(2027, 2, 28)
    """
    month0 = held_on.month - 1 + months
    year = held_on.year + month0 // 12
    month = month0 % 12 + 1
    day = min(held_on.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def check_quarter(quarter: AuditQuarter) -> None:
    """Refuse a quarter over a cap of :mod:`playbook.limits` (what a page saves is checked
    here, as a restored workbook file is checked by the section model).

    Raises
    ------
    LimitError
        Naming what is over its cap, and the cap.
    """
    check_count(len(quarter.actions), MAX_ITEMS_PER_QUARTER, "actions in one quarter")
    check_count(
        len(quarter.imported_responses),
        MAX_ITEMS_PER_QUARTER,
        "colleagues' answers imported into one quarter",
    )
    check_text(quarter.notes, "the notes")
    for action in quarter.actions:
        check_text(action.text, "an action")
        check_text(action.owner, "an action's owner")
    for response in quarter.imported_responses:
        check_text(response.department, "a department")


def replace_quarter(section: AuditSection, quarter: AuditQuarter) -> AuditSection:
    """A copy of the section with ``quarter`` replacing the one of the same label (or added),
    quarters kept in time order.

    Raises
    ------
    LimitError
        When the quarter, or the number of quarters, is over a cap (:func:`check_quarter`).
    """
    check_quarter(quarter)
    others = [q for q in section.quarters if q.quarter != quarter.quarter]
    check_count(len(others) + 1, MAX_QUARTERS, "audited quarters in one workbook")
    quarters = sorted([*others, quarter], key=lambda q: _quarter_key(q.quarter))
    return AuditSection(quarters=quarters)


def start_quarter(
    section: AuditSection, held_on: dt.date, content: AuditContent
) -> tuple[AuditSection, AuditQuarter]:
    """The audit of ``held_on``'s quarter, created (with its next audit date) if new."""
    label = quarter_label(held_on)
    existing = section.get(label)
    if existing is not None:
        return section, existing
    quarter = AuditQuarter(
        quarter=label,
        held_on=held_on,
        next_audit=next_audit_date(held_on, content.thresholds.months_between_audits),
    )
    return replace_quarter(section, quarter), quarter


def _check_answer(item_id: str, value: object, content: AuditContent) -> int:
    try:
        content.item(item_id)
    except UnknownIdError as err:
        raise AuditAnswerError(str(err)) from None
    lo, hi = content.scale.min, content.scale.max
    text = str(value).strip()
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and re.fullmatch(r"[+-]?\d+", text):
        number = int(text)
    else:
        number = None
    if number is None:
        raise AuditAnswerError(
            f'"{text}" is not an answer: choose a whole number from {lo} to {hi}.'
        )
    if not lo <= number <= hi:
        raise AuditAnswerError(f"Answers go from {lo} to {hi}; {number} is outside the scale.")
    return number


def set_answer(
    quarter: AuditQuarter, item_id: str, value: int | str | None, content: AuditContent
) -> AuditQuarter:
    """A copy of ``quarter`` with one answer set (``None`` clears it).

    Raises
    ------
    AuditAnswerError
        When the question is unknown or the answer is not a whole number on the scale.
    """
    answers = dict(quarter.answers)
    if value is None or (isinstance(value, str) and not value.strip()):
        answers.pop(item_id, None)
    else:
        answers[item_id] = _check_answer(item_id, value, content)
    return quarter.model_copy(update={"answers": answers})


def add_action(
    quarter: AuditQuarter,
    text: str,
    owner: str,
    area: str | None = None,
    due: dt.date | str | None = None,
) -> AuditQuarter:
    """A copy of ``quarter`` with one more action.

    Raises
    ------
    InputError
        When the action or its owner is blank (every action has an owner), or the due date
        cannot be read.
    """
    if not text.strip():
        raise InputError("Describe the action in a few words.")
    if not owner.strip():
        raise InputError("Every action needs an owner: name who will do it.")
    when: dt.date | None
    if isinstance(due, str):
        try:
            when = dt.date.fromisoformat(due.strip()) if due.strip() else None
        except ValueError:
            raise InputError(f'"{due}" is not a date: write it as YYYY-MM-DD.') from None
    else:
        when = due
    check_text(text.strip(), "the action")
    check_text(owner.strip(), "the action's owner")
    action = ActionItem(text=text.strip(), owner=owner.strip(), area=area, due=when)
    return quarter.model_copy(update={"actions": [*quarter.actions, action]})


def set_action_done(quarter: AuditQuarter, index: int, done: bool = True) -> AuditQuarter:
    """A copy of ``quarter`` with action number ``index`` marked done (or not)."""
    actions = list(quarter.actions)
    actions[index] = actions[index].model_copy(update={"done": done})
    return quarter.model_copy(update={"actions": actions})


def remove_action(quarter: AuditQuarter, index: int) -> AuditQuarter:
    """A copy of ``quarter`` without action number ``index``."""
    return quarter.model_copy(
        update={"actions": [a for i, a in enumerate(quarter.actions) if i != index]}
    )


def open_actions(section: AuditSection) -> list[tuple[str, ActionItem]]:
    """(quarter, action) for every action not done yet, oldest quarter first."""
    return [(q.quarter, a) for q in section.quarters for a in q.actions if not a.done]


# --------------------------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------------------------


def item_score(value: int, item: AuditItem, scale: Scale) -> int:
    """The answer on the scale, reversed (min + max - x) for a reverse-keyed item.

    Examples
    --------
    >>> s = Scale(min=1, max=5, labels={1: "a", 2: "b", 3: "c", 4: "d", 5: "e"})
    >>> item_score(2, AuditItem(id="x", text="t", reverse=True), s)
    4
    """
    return scale.min + scale.max - value if item.reverse else value


def score_area(answers: Mapping[str, int], area: AuditArea, scale: Scale) -> float | None:
    """Mean item score of an area, or ``None`` until every item of the area is answered."""
    if any(i.id not in answers for i in area.items):
        return None
    return sum(item_score(answers[i.id], i, scale) for i in area.items) / len(area.items)


def score_areas(answers: Mapping[str, int], content: AuditContent) -> dict[str, float | None]:
    """Score of every area (``None`` for an area not fully answered)."""
    return {a.id: score_area(answers, a, content.scale) for a in content.areas}


# --------------------------------------------------------------------------------------------
# Colleagues' answers (cross-functional input)
# --------------------------------------------------------------------------------------------


def check_colleague_answers(answers: Mapping[str, object], content: AuditContent) -> dict[str, int]:
    """A colleague's answers, checked against the questions and the scale (blank ones dropped).

    Raises
    ------
    AuditAnswerError
        When an answer names no question or is off the scale.
    """
    checked: dict[str, int] = {}
    for item_id, value in answers.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        checked[item_id] = _check_answer(item_id, value, content)
    return checked


def colleague_csv_template(content: AuditContent) -> str:
    """The header line of a colleagues' answers file, to hand out as a template.

    One row per colleague; a ``department`` column, then one column per question id.
    """
    return csv_template(content.item_ids)


def parse_colleague_csv(
    data: bytes | str, content: AuditContent, quarter: str
) -> list[ColleagueResponse]:
    """Colleagues' answers from a CSV file's content: one row per colleague.

    The file is read by :func:`playbook.imports.colleagues.read_colleague_csv` (columns
    ``department``, optional, and the question ids of :func:`colleague_csv_template`); a blank
    cell is a question not answered. Nothing is returned unless every row can be used.

    Raises
    ------
    ColleagueFileError
        When no column is a question id (the message names the expected columns), or a cell is
        off the scale (the message names the row and the question).
    """
    _quarter_key(quarter)
    problems: list[str] = []
    responses: list[ColleagueResponse] = []
    for row in read_colleague_csv(data, content.item_ids):
        try:
            answers = check_colleague_answers(row.cells, content)
        except AuditAnswerError as err:
            problems.append(f"Row {row.line}: {err}")
            continue
        if answers:
            responses.append(
                ColleagueResponse(quarter=quarter, department=row.department, answers=answers)
            )
    if problems:
        more = len(problems) - 3
        raise ColleagueFileError(
            " ".join(problems[:3]) + (f" (and {more} more)" if more > 0 else "")
        )
    if not responses:
        raise ColleagueFileError("The file has column names but no answers.")
    return responses


def responses_from_contributions(
    payloads: Sequence[Mapping[str, object]], quarter: str, content: AuditContent
) -> tuple[list[ColleagueResponse], int]:
    """The colleague responses for ``quarter`` among share-link contributions, and how many
    contributions for it could not be used (answers off the scale, unknown questions).

    Each colleague gets a link of their own; a link that sent several times counts once, with
    its latest answers (contributions come oldest first, each with the ``share_id`` of its
    link). Contributions without a ``share_id`` are all kept.

    >>> c = load_content()
    >>> item = c.areas[0].items[0].id
    >>> sent = [{"quarter": "2026-Q1", "share_id": "a", "answers": {item: 1}},
    ...         {"quarter": "2026-Q1", "share_id": "a", "answers": {item: 5}}]
    >>> [r.answers[item] for r in responses_from_contributions(sent, "2026-Q1", c)[0]]
    [5]
    """
    latest: dict[object, Mapping[str, object]] = {}
    for n, payload in enumerate(payloads):
        latest[payload.get("share_id") or ("anonymous", n)] = payload
    responses: list[ColleagueResponse] = []
    skipped = 0
    for payload in latest.values():
        if payload.get("quarter") != quarter:
            continue
        try:
            answers = payload.get("answers")
            if not isinstance(answers, Mapping):
                raise AuditAnswerError("no answers")
            responses.append(
                ColleagueResponse(
                    quarter=quarter,
                    department=str(payload.get("department") or "")[:80],
                    answers=check_colleague_answers(answers, content),
                )
            )
        except (AuditAnswerError, ValidationError):
            skipped += 1
    return responses, skipped


@dataclass(frozen=True)
class ColleagueAggregate:
    """Colleagues' answers for a quarter, in aggregate only.

    ``area_means`` has a value only for areas that at least ``min_required`` colleagues
    answered fully; while no area reaches that, neither counts per area nor departments are
    given either, so that no one colleague's answers can be read off.
    """

    n_responses: int
    min_required: int
    area_means: dict[str, float | None]
    area_counts: dict[str, int]
    n_departments: int

    @property
    def shown(self) -> bool:
        """True when at least one area's aggregate can be shown."""
        return any(v is not None for v in self.area_means.values())

    def message(self) -> str:
        """What the participant sees about colleagues' input."""
        if self.n_responses == 0:
            return "No colleague has answered yet."
        if not self.shown:
            return (
                f"{self.n_responses} of at least {self.min_required} colleagues have answered; "
                "their answers are shown, together, once enough have."
            )
        depts = f" from {self.n_departments} departments" if self.n_departments > 1 else ""
        return f"{self.n_responses} colleagues{depts} answered; shown as averages only."


def aggregate_colleagues(
    responses: Sequence[ColleagueResponse], content: AuditContent
) -> ColleagueAggregate:
    """Mean score per area over colleagues, shown only where enough answered.

    A colleague counts for an area when they answered every item of it. An area's mean is
    ``None`` when fewer than ``thresholds.min_colleagues`` colleagues count for it.
    """
    minimum = content.thresholds.min_colleagues
    means: dict[str, float | None] = {}
    counts: dict[str, int] = {}
    for area in content.areas:
        scores = [
            s for r in responses if (s := score_area(r.answers, area, content.scale)) is not None
        ]
        counts[area.id] = len(scores)
        means[area.id] = sum(scores) / len(scores) if len(scores) >= minimum else None
    departments = {r.department.strip().lower() for r in responses if r.department.strip()}
    shown = any(v is not None for v in means.values())
    return ColleagueAggregate(
        n_responses=len(responses),
        min_required=minimum,
        area_means=means,
        area_counts=counts if shown else {},
        n_departments=len(departments) if shown else 0,
    )


# --------------------------------------------------------------------------------------------
# Trend and pitfalls
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    """An area's score in a quarter, and its change since the previous scored quarter."""

    quarter: str
    area: str
    score: float
    change: float | None


def audit_trend(section: AuditSection, content: AuditContent) -> list[TrendPoint]:
    """Each area's score, quarter by quarter in time order (quarters not scored are skipped)."""
    points: list[TrendPoint] = []
    previous: dict[str, float] = {}
    for q in sorted(section.quarters, key=lambda q: _quarter_key(q.quarter)):
        for area_id, score in score_areas(q.answers, content).items():
            if score is None:
                continue
            before = previous.get(area_id)
            points.append(
                TrendPoint(q.quarter, area_id, score, None if before is None else score - before)
            )
            previous[area_id] = score
    return points


@dataclass(frozen=True)
class PitfallFlag:
    """A pitfall the scores point to, and why."""

    pitfall: Pitfall
    reason: str


def pitfalls_indicated(
    scores: Mapping[str, float | None],
    content: AuditContent,
    colleagues: ColleagueAggregate | None = None,
) -> list[PitfallFlag]:
    """The pitfalls whose area scores low, by the manager or by colleagues in aggregate.

    An area points to its pitfall when the manager's score is below
    ``thresholds.pitfall_below``, when colleagues' mean is below it, or when colleagues' mean
    is at least ``thresholds.colleague_gap`` below the manager's (a blind spot).
    """
    t = content.thresholds
    flags: list[PitfallFlag] = []
    for pitfall in content.pitfalls:
        area = content.area(pitfall.area)
        own = scores.get(area.id)
        theirs = colleagues.area_means.get(area.id) if colleagues is not None else None
        reasons = []
        if own is not None and own < t.pitfall_below:
            reasons.append(
                f"your {area.name.lower()} score is {own:.1f}, below {t.pitfall_below:.1f}"
            )
        if theirs is not None and theirs < t.pitfall_below:
            reasons.append(f"colleagues' average is {theirs:.1f}, below {t.pitfall_below:.1f}")
        if own is not None and theirs is not None and own - theirs >= t.colleague_gap:
            reasons.append(f"colleagues rate it {own - theirs:.1f} lower than you do")
        if reasons:
            flags.append(PitfallFlag(pitfall, "; ".join(reasons).capitalize() + "."))
    return flags


# --------------------------------------------------------------------------------------------
# The result other workbooks read
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditResult:
    """The latest audited quarter's area scores (``None`` where an area has no answer) and
    every action not done yet, as ``(quarter, action)``."""

    quarter: str | None
    scores: dict[str, float | None]
    open_actions: list[tuple[str, ActionItem]]


def assess(section: AuditSection, content: AuditContent) -> AuditResult:
    """The latest quarter's scores and the open actions.

    Examples
    --------
    >>> section = AuditSection(quarters=[AuditQuarter(quarter="2026-Q1",
    ...     actions=[ActionItem(text="Add a buffer week", owner="me")])])
    >>> r = assess(section, load_content())
    >>> r.quarter, [a.text for _, a in r.open_actions]
    ('2026-Q1', ['Add a buffer week'])
    """
    latest = max(section.quarters, key=lambda q: _quarter_key(q.quarter), default=None)
    return AuditResult(
        quarter=latest.quarter if latest else None,
        scores=score_areas(latest.answers, content) if latest else {},
        open_actions=open_actions(section),
    )


#: The domain's one face to the rest of the app (registered in playbook.contract).
DOMAIN: Domain[AuditSection, Any, Any] = Domain(
    section="audit",
    model=AuditSection,
    load_content=load_content,
    parse_section=parse_section,
    dump_section=dump_section,
    assess=assess,
)
