"""Where the participant stands: every other workbook's result, read through the registry
(:func:`gather`), in a few sentences each (:func:`standings`, each domain's ``standing``
hook), and what moved since last quarter (:func:`since_last_quarter`, each domain's
``snapshot`` and ``changes`` hooks over the section's dated snapshots)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from playbook.contract import State, workbook
from playbook.errors import PlaybookError
from playbook.history import Moved, Snapshot, since_quarter
from playbook.plan.content import sources

__all__ = ["Results", "StandingRow", "gather", "since_last_quarter", "standings"]


@dataclass(frozen=True)
class Results:
    """The other workbooks' results by section (``None`` where the section was never saved
    or could not be read) and the content each was assessed with; a result reads as an
    attribute too (``results.career``)."""

    found: Mapping[str, Any] = field(default_factory=dict)
    contents: Mapping[str, Any] = field(default_factory=dict)
    #: Why a workbook's saved answers could not be read, by section (its result is ``None``).
    problems: Mapping[str, str] = field(default_factory=dict)
    #: The dated snapshots of earlier results each section keeps (issue 20), oldest first.
    histories: Mapping[str, tuple[Snapshot, ...]] = field(default_factory=dict)

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
    histories: dict[str, tuple[Snapshot, ...]] = {}
    for name in sources():
        data = sections.get(name)
        if not data:  # nothing to read: its package (pilots': numpy, scipy) is not even imported
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
        histories[name] = tuple(getattr(section, "history", ()))
    return Results(found, contents, problems, histories)


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


def since_last_quarter(results: Results, today: dt.date) -> dict[str, Moved]:
    """What moved in each workbook since its snapshot closest to a quarter before ``today``
    (``quarter_days`` of ``history.yaml``, a default of this workbook), by section: only
    workbooks that keep snapshots, have a complete result and an earlier snapshot.

    Examples
    --------
    >>> from playbook.plan import gather
    >>> old = {"day": "2026-01-05", "values": {"recommended": "technical_specialist",
    ...        "fit.technical_specialist": 80.0, "fit.community_builder": 20.0}}
    >>> results = gather({"career": {"context": {"standardization": "adhoc",
    ...     "work_type": "creative", "transition": "major", "cross_functional": "most"},
    ...     "history": [old]}})
    >>> moved = since_last_quarter(results, dt.date(2026, 4, 6))
    >>> moved["career"].title
    'Since last quarter (5 Jan 2026)'
    >>> print(*moved["career"].lines, sep="\\n")
    Your environment called for Technical Specialist; now it calls for Community Builder.
    Technical Specialist: fit 80 → 0 (-80).
    Community Builder: fit 20 → 100 (+80).
    """
    from playbook.contract import domain

    out: dict[str, Moved] = {}
    for name in sources():
        result = results.get(name)
        if result is None:
            continue
        d = domain(name)
        moved = since_quarter(
            d, results.histories.get(name, ()), result, results.contents.get(name), today
        )
        if moved is not None:
            out[name] = moved
    return out
