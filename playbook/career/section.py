"""The ``career`` section of a workbook record: the answers by question id and the chosen
adjacent areas, read, salvaged, dumped and checked against the content."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field, field_validator

from playbook.career.content import CareerContent, load_content
from playbook.errors import InputError
from playbook.history import History, salvage
from playbook.models import Strict, read_section

__all__ = [
    "MAX_AREAS",
    "CareerSection",
    "check_section",
    "dump_section",
    "parse_section",
    "salvage_section",
]

#: Adjacent areas, and areas of one's own, a section keeps (a default of this workbook).
MAX_AREAS = 100


class CareerSection(Strict):
    """The ``career`` section of a workbook record: answers by question id, chosen areas."""

    context: dict[str, str] = Field(default_factory=dict)
    preference: dict[str, str] = Field(default_factory=dict)
    areas: list[str] = Field(default_factory=list, max_length=MAX_AREAS)
    own_areas: list[str] = Field(default_factory=list, max_length=MAX_AREAS)
    #: Dated snapshots of earlier results (issue 20; playbook.history keeps them).
    history: History = ()

    @field_validator("own_areas")
    @classmethod
    def _clean_own(cls, values: list[str]) -> list[str]:
        cleaned: list[str] = []
        for v in values:
            v = " ".join(v.split())
            if len(v) > 80:
                raise ValueError("an area name is at most 80 characters")
            if v and v.casefold() not in {c.casefold() for c in cleaned}:
                cleaned.append(v)
        return cleaned


def parse_section(
    data: Mapping[str, Any] | None, content: CareerContent | None = None
) -> CareerSection:
    """The ``career`` section from the record's plain dict (``None`` or ``{}``: no answers yet),
    every answer checked against the content (by default :func:`load_content`'s).

    Raises
    ------
    InputError
        When the data does not have the section's shape, or an answer names a question, an
        option or an area the content lacks (:func:`check_section`).

    >>> parse_section({"areas": ["budgeting"]}).areas
    ['budgeting']
    >>> parse_section({"context": {"standardization": "not-an-option"}})
    Traceback (most recent call last):
    playbook.errors.UnknownIdError: 'not-an-option' is not an answer to the question 'How standardized are the processes in your organization?'.
    """
    section = read_section(CareerSection, data, "career answers")
    check_section(content or load_content(), section)
    return section


def salvage_section(
    data: Any, content: CareerContent | None = None
) -> tuple[CareerSection, list[str]]:
    """What a page can open of a stored section that somehow holds bad values (written by an
    older version, or by hand): the answers that are on the content's scale, and a sentence
    naming each one left out. A section :func:`parse_section` reads comes back whole.

    >>> section, notes = salvage_section(
    ...     {"context": {"standardization": "not-an-option", "transition": "major"}})
    >>> section.context, notes
    ({'transition': 'major'}, ["The saved answer 'not-an-option' to 'How standardized are the processes in your organization?' is not one of its options; it is not shown."])
    """
    content = content or load_content()
    raw = data if isinstance(data, Mapping) else {}
    notes: list[str] = (
        []
        if isinstance(data, Mapping | None)
        else ["The saved career answers could not be read; they are not shown."]
    )
    kept: dict[str, Any] = {}
    for group, questions in (
        ("context", content.context_questions),
        ("preference", content.preference_questions),
    ):
        stored = raw.get(group)
        answers: Mapping[Any, Any] = stored if isinstance(stored, Mapping) else {}
        known = {q.id: q for q in questions}
        kept[group] = {}
        for qid, oid in answers.items():
            question = known.get(qid)
            if question is None:
                notes.append(
                    f"A saved answer to a question this navigator lacks ('{qid}') is not shown."
                )
            elif not isinstance(oid, str) or oid not in {o.id for o in question.options}:
                notes.append(
                    f"The saved answer {oid!r} to '{question.text}' is not one of its options; "
                    "it is not shown."
                )
            else:
                kept[group][qid] = oid
    area_ids = {a.id for a in content.adjacent_areas}
    stored_areas = raw.get("areas")
    areas: list[Any] = stored_areas if isinstance(stored_areas, list) else []
    kept["areas"] = [a for a in areas if isinstance(a, str) and a in area_ids]
    if len(kept["areas"]) != len(areas):
        notes.append(
            f"{len(areas) - len(kept['areas'])} saved adjacent area(s) this navigator lacks are not shown."
        )
    stored_own = raw.get("own_areas")
    own: list[Any] = stored_own if isinstance(stored_own, list) else []
    kept["own_areas"] = [a for a in own if isinstance(a, str) and len(" ".join(a.split())) <= 80]
    if len(kept["own_areas"]) != len(own):
        notes.append("Some of your own saved areas could not be read; they are not shown.")
    for group in ("areas", "own_areas"):
        if len(kept[group]) > MAX_AREAS:
            notes.append(f"Only the first {MAX_AREAS} saved areas are shown.")
            kept[group] = kept[group][:MAX_AREAS]
    kept["history"], lost = salvage(raw.get("history"))
    if lost:
        notes.append(f"{lost} saved snapshot(s) of earlier results could not be read.")
    return CareerSection.model_validate(kept), notes


def dump_section(section: CareerSection) -> dict[str, Any]:
    """The section as the record's plain JSON-able dict."""
    return section.model_dump(mode="json")


def check_section(content: CareerContent, section: CareerSection) -> None:
    """Raise :class:`InputError` if an answer names a question or option the content lacks."""
    for group, questions in (
        (section.context, content.context_questions),
        (section.preference, content.preference_questions),
    ):
        known = {q.id: q for q in questions}
        for qid, oid in group.items():
            if qid not in known:
                raise InputError(f"The workbook answers a question this navigator lacks: '{qid}'.")
            known[qid].option(oid)
    area_ids = {a.id for a in content.adjacent_areas}
    unknown = [a for a in section.areas if a not in area_ids]
    if unknown:
        raise InputError(f"Unknown adjacent area: '{unknown[0]}'.")
