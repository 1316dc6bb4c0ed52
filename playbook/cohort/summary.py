"""One workbook reduced to what the cohort counts (:func:`digest`, each domain's ``digest``
hook), and the cohort's tables from many (:func:`summarize`, each domain's ``aggregate``
hook), naming no domain."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from playbook.cohort.content import CohortContent
from playbook.cohort.tables import Table, Tables
from playbook.contract import AlphaRow, by_id, domains, sections, workbook
from playbook.errors import PlaybookError

__all__ = ["Cohort", "Contents", "Digest", "alpha_rows", "digest", "summarize"]


@dataclass(frozen=True)
class Digest:
    """What one workbook contributes to the cohort: ids and numbers, no free text."""

    begun: tuple[str, ...]  # the sections with answers
    #: Each counted section's digest (its domain's ``digest`` hook), by section.
    parts: Mapping[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()  # sections that could not be read (counted, not shown)


class Contents:
    """The content of every domain the cohort counts, loaded once for a whole cohort."""

    def __init__(self) -> None:
        self.by_section = {d.section: d.load_content() for d in domains() if d.digest}


def _begun(data: Any) -> bool:
    return isinstance(data, Mapping) and any(bool(v) for v in data.values())


def digest(record: Mapping[str, Any], contents: Contents) -> Digest:
    """Reduce one workbook record (already read and upgraded) to what the cohort counts.

    A section that cannot be read is counted as a problem and left out; the rest still count.
    """
    raw = record.get("sections") or {}
    begun = tuple(n for n in sections() if _begun(raw.get(n)))
    parts: dict[str, Any] = {}
    problems = []
    for name in begun:
        d = workbook(name).load()
        if d.digest is None:  # a part the cohort does not aggregate: counted as begun only
            continue
        try:
            parts[name] = d.digest(raw[name], contents.by_section[name])
        except (PlaybookError, ValueError):  # pydantic's ValidationError is a ValueError
            problems.append(name)
    return Digest(begun, parts, tuple(problems))


@dataclass(frozen=True)
class Cohort:
    """The cohort's aggregate tables (no person-level rows), in page order."""

    n_workbooks: int
    tables: tuple[Table, ...]
    alphas: tuple[AlphaRow, ...]
    min_group: int
    min_alpha_workbooks: int
    unreadable_parts: int = 0

    def table(self, table_id: str) -> Table:
        """The table with this id.

        >>> from playbook.cohort import load_content
        >>> summarize([], load_content()).table("styles").title
        'Primary and secondary leadership styles'
        """
        return by_id(self.tables, table_id, "cohort table")


def _progress(ds: Sequence[Digest], tables: Tables) -> None:
    names = [(s, workbook(s).title) for s in sections()]
    total = len(names)
    by_n = Counter(len(d.begun) for d in ds)
    tables.add(
        "progress",
        "How far each workbook got (parts begun)",
        ("Parts begun", "Workbooks"),
        [(f"{n} of {total}", by_n[n]) for n in range(total + 1)],
    )
    by_part = Counter(p for d in ds for p in d.begun)
    tables.add(
        "parts",
        "Workbooks that began each part",
        ("Part", "Workbooks"),
        [(title, by_part[s]) for s, title in names],
    )


def _aggregate(ds: Sequence[Digest], contents: Contents, tables: Tables) -> None:
    for d in domains():
        if d.aggregate is not None and d.section in contents.by_section:
            parts = [x.parts.get(d.section) for x in ds]
            d.aggregate(parts, contents.by_section[d.section], tables)


def summarize(
    records: Iterable[Mapping[str, Any]],
    content: CohortContent,
    *,
    contents: Contents | None = None,
    digests: Sequence[Digest] | None = None,
) -> Cohort:
    """Every aggregate of the cohort from its workbook records (already read and upgraded).

    ``digests`` (one per record, from :func:`digest`) may be given when already computed.
    """
    contents = contents or Contents()
    if digests is None:
        digests = [digest(r, contents) for r in records]
    tables = Tables(content)
    _progress(digests, tables)
    _aggregate(digests, contents, tables)
    return Cohort(
        n_workbooks=len(digests),
        tables=tuple(tables.tables),
        alphas=tuple(tables.alphas),
        min_group=content.min_group,
        min_alpha_workbooks=content.min_alpha_workbooks,
        unreadable_parts=sum(len(d.problems) for d in digests),
    )


def alpha_rows(
    records: Sequence[Mapping[str, Any]], contents: Contents, min_workbooks: int
) -> tuple[AlphaRow, ...]:
    """The cohort's reliability rows (each scale's Cronbach's alpha, from the domains that
    make them), withheld below ``min_workbooks``."""
    from playbook.cohort.content import load_content

    content = load_content().model_copy(update={"min_alpha_workbooks": min_workbooks})
    tables = Tables(content)
    _aggregate([digest(r, contents) for r in records], contents, tables)
    return tuple(tables.alphas)
