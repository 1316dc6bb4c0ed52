"""Every registered workbook's dated things, read through the registry (each domain's
``dates`` hook), naming no domain."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from playbook.contract import Dated, domains, workbook
from playbook.errors import PlaybookError
from playbook.models import first_error

__all__ = ["Dates", "gather_dates", "page_of"]


@dataclass(frozen=True)
class Dates:
    """The workbook's dated things, in page order, each key once; and, by section, why a
    workbook's saved answers could not be read (its dates are left out, the others kept)."""

    items: tuple[Dated, ...] = ()
    problems: Mapping[str, str] = field(default_factory=dict)


def gather_dates(sections: Mapping[str, Mapping[str, Any] | None]) -> Dates:
    """The dated things of every registered workbook that has a ``dates`` hook, from the
    record's sections (``{name: data}``): each section read and assessed through its domain
    (its ``dates_basis`` where it has one, a lighter ``assess``), then its hook asked. A section never saved is skipped unread; one that cannot be read is
    named in :attr:`Dates.problems`. A key met twice keeps its first item.

    >>> gather_dates({}).items
    ()
    >>> d = gather_dates({"plan": {"goals": [{"id": "goal-1", "text": "Ask for a stretch role",
    ...                                       "due": "2026-06-30"}]}})
    >>> [(i.key, i.day.isoformat()) for i in d.items]
    [('plan:goal:goal-1', '2026-06-30')]
    """
    items: list[Dated] = []
    seen: set[str] = set()
    problems: dict[str, str] = {}
    for d in domains():
        data = sections.get(d.section)
        if d.dates is None or not data:
            continue
        try:
            content = d.load_content()
            basis = d.dates_basis or d.assess
            found = d.dates(basis(d.parse_section(data), content), content)
        except PlaybookError as err:  # one unreadable workbook leaves the others' dates
            problems[d.section] = str(err)
            continue
        except ValidationError as err:  # a section whose parse_section lets pydantic's through
            problems[d.section] = first_error(err)
            continue
        for item in found:
            if item.key not in seen:
                seen.add(item.key)
                items.append(item)
    return Dates(tuple(items), problems)


def page_of(item: Dated) -> tuple[str, str]:
    """The page an item belongs to, as (notebook, title), from the registry.

    >>> from playbook.cadence import gather_dates
    >>> import datetime as dt
    >>> page_of(Dated("plan:goal:g", dt.date(2026, 1, 1), "G", "plan", "goal"))
    ('06_development_plan.ipynb', 'Development plan')
    """
    book = workbook(item.section)
    return book.notebook, book.title
