"""Colleagues' answers (the cross-functional input): checked against the audit's questions
and scale, read from a file of the template's columns, or gathered from share-link
contributions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import ValidationError

from playbook.audit.content import AuditContent
from playbook.audit.section import AuditAnswerError, ColleagueResponse, check_answer, quarter_key

# The file is the parser's; these names stay importable from the audit, where audits use them.
from playbook.imports.colleagues import DEPARTMENT_COLUMN as DEPARTMENT_COLUMN
from playbook.imports.colleagues import ColleagueFileError as ColleagueFileError
from playbook.imports.colleagues import csv_template, read_colleague_csv

__all__ = [
    "DEPARTMENT_COLUMN",
    "ColleagueFileError",
    "check_colleague_answers",
    "colleague_csv_template",
    "parse_colleague_csv",
    "responses_from_contributions",
]


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
        checked[item_id] = check_answer(item_id, value, content)
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
    quarter_key(quarter)
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

    >>> from playbook.audit.content import load_content
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
