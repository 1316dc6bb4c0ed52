"""The record's ``audit`` section: one entry per quarter audited (the manager's answers,
notes, actions with owners, colleagues' answers imported from a file, the next audit's date),
read, salvaged and dumped, and the edits a page makes, each returning a new model."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import AfterValidator, Field, field_validator, model_validator

from playbook.audit.content import AuditContent, load_content
from playbook.contract import repeated
from playbook.errors import InputError, UnknownIdError
from playbook.limits import (
    MAX_ITEMS_PER_QUARTER,
    MAX_QUARTERS,
    MAX_TEXT_CHARS,
    check_count,
    check_text,
)
from playbook.models import Strict, read_date, read_section

__all__ = [
    "ActionItem",
    "AuditAnswerError",
    "AuditQuarter",
    "AuditSection",
    "ColleagueResponse",
    "QuarterLabel",
    "add_action",
    "check_answer",
    "check_quarter",
    "dump_section",
    "next_audit_date",
    "open_actions",
    "parse_section",
    "quarter_key",
    "quarter_label",
    "remove_action",
    "replace_quarter",
    "salvage_section",
    "set_action_done",
    "set_answer",
    "start_quarter",
    "with_ids",
]

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def _check_quarter_label(value: str) -> str:
    if not _QUARTER.match(value):
        raise ValueError("a quarter is written like 2026-Q1")
    return value


#: A quarter label such as ``2026-Q1``.
QuarterLabel = Annotated[str, AfterValidator(_check_quarter_label)]


class AuditAnswerError(InputError):
    """Raised when an audit answer is outside the scale or names no question."""


class ColleagueResponse(Strict):
    """One colleague's answers for one quarter, arriving by share link or in a file."""

    quarter: QuarterLabel
    department: str = Field(default="", max_length=MAX_TEXT_CHARS)
    answers: dict[str, int] = Field(default_factory=dict)


class ActionItem(Strict):
    """An action the audit decided on, with an owner. ``id`` names it for good (the cadence's
    calendar keeps one event per action by it); an action saved before actions had ids gets
    one when its quarter is read (:class:`AuditQuarter`), kept from the next save on."""

    id: str = Field(default="", max_length=40)
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    owner: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    area: str | None = None
    due: dt.date | None = None
    done: bool = False


class AuditQuarter(Strict):
    """One quarter's audit: the manager's answers, notes, actions and the next audit's date."""

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

    @field_validator("actions", mode="after")
    @classmethod
    def _named_actions(cls, actions: list[ActionItem]) -> list[ActionItem]:
        return with_ids(actions)

    @model_validator(mode="after")
    def _unique_action_ids(self) -> AuditQuarter:
        if repeated(a.id for a in self.actions):
            raise ValueError(f"action id '{repeated(a.id for a in self.actions)[0]}' is used twice")
        return self


def with_ids(actions: list[ActionItem]) -> list[ActionItem]:
    """``actions`` with an id for each one without (``a1``, ``a2``, ... after the highest
    number in use), the others as they are: the same saved list always gets the same ids.

    >>> with_ids([ActionItem(id="a2", text="x", owner="me"), ActionItem(text="y", owner="me")])[1].id
    'a3'
    """
    if all(a.id for a in actions):
        return actions
    n = max((int(a.id[1:]) for a in actions if re.fullmatch(r"a\d{1,9}", a.id)), default=0)
    out = []
    for a in actions:
        if not a.id:
            n += 1
            a = a.model_copy(update={"id": f"a{n}"})
        out.append(a)
    return out


class AuditSection(Strict):
    """The workbook record's ``audit`` section: one entry per quarter audited."""

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
    section = read_section(AuditSection, data, "audits")
    content = content or load_content()
    for q in section.quarters:
        for answers in (q.answers, *(r.answers for r in q.imported_responses)):
            for item_id, value in answers.items():
                try:
                    check_answer(item_id, value, content)
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
                out[item_id] = check_answer(item_id, value, content)
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


def quarter_key(label: str) -> tuple[int, int]:
    """(year, quarter) of a quarter label, to sort quarters in time order.

    Raises
    ------
    InputError
        When the label is not written like 2026-Q1.

    >>> sorted(["2026-Q1", "2025-Q4", "2025-Q2"], key=quarter_key)
    ['2025-Q2', '2025-Q4', '2026-Q1']
    """
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
    """Refuse a quarter over a cap of :mod:`playbook.limits` when a page saves it (a restored
    workbook file meets the same caps in its model), as :func:`~playbook.limits.check_count`
    and :func:`~playbook.limits.check_text` do."""
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
    quarters = sorted([*others, quarter], key=lambda q: quarter_key(q.quarter))
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


def check_answer(item_id: str, value: object, content: AuditContent) -> int:
    """The answer as a whole number on the content's scale, for one of its questions.

    Raises
    ------
    AuditAnswerError
        When the question is unknown, or the answer is not a whole number on the scale.

    >>> check_answer("res_buffers", "4", load_content())
    4
    """
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
        answers[item_id] = check_answer(item_id, value, content)
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
    when = read_date(due, "Due")
    check_text(text.strip(), "the action")
    check_text(owner.strip(), "the action's owner")
    action = ActionItem(text=text.strip(), owner=owner.strip(), area=area, due=when)
    return quarter.model_copy(update={"actions": with_ids([*quarter.actions, action])})


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
