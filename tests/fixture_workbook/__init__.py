"""A small workbook that exists only for tests: a reading log (books read this quarter), with
its own content, section, result, "Where I stand" text, suggestion and cohort digest, in one
package, as docs/ARCHITECTURE.md's "Adding a workbook" says. tests/test_registry.py registers
it with one line and finds it in every place the app lists workbooks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import Field, ValidationError

from playbook.contract import (
    Domain,
    Standing,
    Suggestion,
    SuggestionMaker,
    TableMaker,
    Workbook,
)
from playbook.errors import InputError
from playbook.models import Strict


class ReadingContent(Strict):
    target_books: int = Field(ge=1)
    kinds: tuple[str, ...]


def load_content() -> ReadingContent:
    return ReadingContent(target_books=3, kinds=("craft", "leadership"))


class Book(Strict):
    title: str = Field(min_length=1, max_length=200)
    kind: str


class ReadingSection(Strict):
    books: tuple[Book, ...] = ()


def parse_section(data: Mapping[str, Any] | None) -> ReadingSection:
    try:
        return ReadingSection.model_validate(dict(data or {}))
    except ValidationError as err:
        raise InputError(f"The reading log could not be read ({err.errors()[0]['msg']}).") from None


def dump_section(section: ReadingSection) -> dict[str, Any]:
    return section.model_dump(mode="json")


@dataclass(frozen=True)
class ReadingResult:
    read: int
    target: int
    by_kind: dict[str, int]


def assess(section: ReadingSection, content: ReadingContent) -> ReadingResult:
    kinds = Counter(b.kind for b in section.books)
    return ReadingResult(len(section.books), content.target_books, dict(kinds))


def standing(result: ReadingResult | None, content: ReadingContent | None) -> Standing:
    if result is None or not result.read:
        return Standing("not started", (), "Log a first book.")
    line = f"Books read this quarter: {result.read} of {result.target}."
    done = result.read >= result.target
    return Standing("done" if done else "in progress", (line,), "" if done else "Read on.")


def suggest(
    result: ReadingResult, content: ReadingContent, maker: SuggestionMaker
) -> list[Suggestion]:
    if result.read >= result.target:
        return []
    missing = result.target - result.read
    return [
        Suggestion(
            key=f"reading_gap:{missing}",
            rule="reading_gap",
            source_label="your reading log",
            text=f"You have {missing} book(s) to go this quarter.",
            goal=f"Read {missing} more book(s) this quarter",
            workbooks=("reading",),
        )
    ]


@dataclass(frozen=True)
class ReadingDigest:
    read: int


def digest(data: Mapping[str, Any], content: ReadingContent) -> ReadingDigest:
    return ReadingDigest(len(parse_section(data).books))


def aggregate(
    digests: Sequence[ReadingDigest | None], content: ReadingContent, tables: TableMaker
) -> None:
    counts = Counter(min(d.read, content.target_books) for d in digests if d is not None)
    tables.add(
        "reading",
        "Books read this quarter",
        ("Books", "Workbooks"),
        [(f"{n}" + ("+" if n == content.target_books else ""), counts[n]) for n in range(4)],
    )


DOMAIN: Domain[ReadingSection, ReadingContent, ReadingResult] = Domain(
    section="reading",
    model=ReadingSection,
    load_content=load_content,
    parse_section=parse_section,
    dump_section=dump_section,
    assess=assess,
    standing=standing,
    suggest=suggest,
    digest=digest,
    aggregate=aggregate,
)

#: The one registry line (what WORKBOOKS in playbook/contract.py would hold).
LINE = Workbook(
    "08_reading_log.ipynb",
    "Reading log",
    "tests.fixture_workbook.view:ReadingView",
    "reading",
    "tests.fixture_workbook:DOMAIN",
)
