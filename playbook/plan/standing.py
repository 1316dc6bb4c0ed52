"""Where the participant stands: every other workbook's result, read through the registry
(:func:`gather`), and in a few sentences each (:func:`standings`, each domain's ``standing``
hook)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from playbook.contract import State, workbook
from playbook.errors import PlaybookError
from playbook.plan.content import sources

__all__ = ["Results", "StandingRow", "gather", "standings"]


@dataclass(frozen=True)
class Results:
    """The other workbooks' results by section (``None`` where the section was never saved
    or could not be read) and the content each was assessed with; a result reads as an
    attribute too (``results.career``)."""

    found: Mapping[str, Any] = field(default_factory=dict)
    contents: Mapping[str, Any] = field(default_factory=dict)
    #: Why a workbook's saved answers could not be read, by section (its result is ``None``).
    problems: Mapping[str, str] = field(default_factory=dict)

    def get(self, section: str) -> Any:
        """The section's result, or ``None``."""
        return self.found.get(section)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in sources():
            raise AttributeError(name)
        return self.found.get(name)

    def replace(self, **results: Any) -> Results:
        """A copy with some sections' results replaced (``results.replace(pilots=...)``)."""
        return replace(self, found={**self.found, **results})


def gather(sections: Mapping[str, Mapping[str, Any] | None]) -> Results:
    """Every other workbook's result from the record's sections (``{name: data}``), read
    through the registry (:mod:`playbook.contract`).

    >>> from playbook.plan import gather
    >>> gather({}).career is None
    True
    """
    from playbook.contract import domain

    found: dict[str, Any] = {}
    contents: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name in sources():
        data = sections.get(name)
        if not data:  # nothing to read: its package (pilots': numpy, scipy) is not even imported
            found[name] = None
            continue
        d = domain(name)
        try:
            content = d.load_content()
            found[name] = d.assess(d.parse_section(data), content)
        except PlaybookError as err:  # one unreadable workbook leaves the others readable
            found[name], problems[name] = None, str(err)
            continue
        contents[name] = content
    return Results(found, contents, problems)


@dataclass(frozen=True)
class StandingRow:
    """One workbook's line of "Where I stand": its result in sentences, whether it is done,
    and what is still to do."""

    section: str
    title: str
    notebook: str
    state: State
    lines: tuple[str, ...] = ()
    todo: str = ""


def standings(results: Results) -> list[StandingRow]:
    """Every other workbook's result in a few sentences, in page order, saying what is not
    done (each domain's ``standing`` hook; a workbook never saved is "not started").

    Examples
    --------
    >>> from playbook.plan import gather, standings
    >>> first = standings(gather({}))[0]
    >>> first.section, first.state, first.todo
    ('career', 'not started', 'Answer the questions about your environment and preference.')
    """
    out = []
    for name in sources():
        w = workbook(name)
        d = w.load()
        if d.standing is None:
            continue
        if name in results.problems:
            state: State = "in progress"
            lines: tuple[str, ...] = ()
            todo = f"Its saved answers could not be read: {results.problems[name]} Open it to see."
        else:
            content = results.contents.get(name)
            standing = d.standing(results.get(name), content)
            state, lines, todo = standing.state, standing.lines, standing.todo
        out.append(StandingRow(name, w.title, w.notebook, state, tuple(lines), todo))
    return out
