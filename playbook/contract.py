"""The contract every workbook keeps, and the one place where workbooks are registered.

A workbook is a notebook, a view and (except the start page and the cohort view) a domain
package that owns one section of the workbook record. Each domain package offers one
:class:`Domain` object, ``DOMAIN`` in its ``__init__``: the contract (content, parse, dump,
assess) and the hooks the development plan and the cohort view call, so that neither names a
domain::

    >>> from playbook.contract import domain
    >>> career = domain("career")
    >>> section = career.parse_section({"context": {"work_type": "creative"}})
    >>> result = career.assess(section, career.load_content())
    >>> result.recommended  # too few answers yet for a recommendation
    []
    >>> career.dump_section(section)["context"]
    {'work_type': 'creative'}

:data:`WORKBOOKS` is the registry, one line a workbook: the record's section models
(``playbook.record``), the app's page list (``playbook.session``), the lazily imported views
(``playbook.ui``), "Where I stand" and the suggestions (``playbook.plan``), the cohort's
digests and tables (``playbook.cohort``), the demo workbook script and the tests all read it,
at call time (:func:`workbooks`), so :func:`registered` can add a workbook for a test.
docs/ARCHITECTURE.md, "Adding a workbook", lists every step.

A lookup by id fails one way: :func:`by_id` raises :class:`~playbook.errors.UnknownIdError`.

This module imports no domain package at import time (views and domains are named as
``"module:attribute"`` and imported only when asked for), so importing it is cheap and creates
no import cycle.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Generic, Literal, Protocol, TypeVar

from playbook.errors import UnknownIdError

if TYPE_CHECKING:
    from pydantic import BaseModel

T = TypeVar("T")
H = TypeVar("H", bound=Hashable)
S = TypeVar("S")  # a domain's section model
C = TypeVar("C")  # its content
R = TypeVar("R")  # its result

__all__ = [
    "WORKBOOKS",
    "AlphaRow",
    "Cell",
    "Dated",
    "Domain",
    "Standing",
    "State",
    "Suggestion",
    "SuggestionMaker",
    "TableMaker",
    "Workbook",
    "by_id",
    "domain",
    "domains",
    "registered",
    "repeated",
    "section_model",
    "sections",
    "workbook",
    "workbooks",
]

# --------------------------------------------------------------------------------------------
# What the hooks return
# --------------------------------------------------------------------------------------------

State = Literal["not started", "in progress", "done"]


@dataclass(frozen=True)
class Standing:
    """One workbook's result in sentences for "Where I stand": whether it is done, a few
    lines, and what is still to do (a domain's ``standing`` hook returns it)."""

    state: State
    lines: tuple[str, ...] = ()
    todo: str = ""


@dataclass(frozen=True)
class Suggestion:
    """A goal a result suggests: the rule, the words, and the workbooks it links."""

    key: str  # unique per suggestion: the rule and what triggered it
    rule: str
    source_label: str
    text: str
    goal: str
    workbooks: tuple[str, ...]


class SuggestionMaker(Protocol):
    """What a domain's ``suggest`` hook is handed by the development plan: the plan's content
    (its ``rules``, ``thresholds`` and ideas) and :meth:`make`, which words a rule."""

    content: Any

    def make(self, rule_id: str, key: str, /, **values: Any) -> Suggestion:
        """The suggestion of the plan's rule ``rule_id`` for ``key``, its text filled in."""


Cell = str | int | float | None

#: The numbers (and ids) a result keeps in a dated snapshot, for "since last time" (issue 20).
Values = Mapping[str, float | int | str | None]


@dataclass(frozen=True)
class Dated:
    """One dated thing of a workbook, for the cadence (the calendar the manager downloads or
    subscribes to, and the start page's "due this week" and "overdue"); a domain's ``dates``
    hook returns them.

    ``key`` is stable for the same thing across edits (``"<section>:<kind>:<id>"``, as
    :meth:`keyed` makes it): the calendar's UIDs are made from it, so a second download
    updates events instead of duplicating them. ``title`` and ``detail`` are plain text (participant text allowed: a
    calendar and the page show it as text only)."""

    key: str
    day: dt.date
    title: str
    section: str
    kind: str  # "goal", "action", "session", "audit", "checkpoint", "measurement", "reminder"
    done: bool = False
    detail: str = ""
    weekly: bool = False  # repeats every week from ``day`` (the time-logging reminder)

    @classmethod
    def keyed(
        cls,
        section: str,
        kind: str,
        id: object,
        day: dt.date,
        title: str,
        *,
        done: bool = False,
        detail: str = "",
        weekly: bool = False,
    ) -> Dated:
        """The dated ``kind`` of thing ``id`` of ``section``, keyed ``"<section>:<kind>:<id>"``.

        >>> Dated.keyed("plan", "goal", "goal-1", dt.date(2026, 6, 30), "Goal: Ask").key
        'plan:goal:goal-1'
        """
        key = f"{section}:{kind}:{id}"
        return cls(key, day, title, section, kind, done, detail, weekly)


@dataclass(frozen=True)
class AlphaRow:
    """One scale's internal consistency across a cohort (Cronbach's alpha), withheld
    (``alpha`` ``None``, ``reason`` saying why) below the cohort's minimum of workbooks.
    ``name`` is the scale's name as the pages show it, from its maker's content (the cohort
    names no domain); rows compare by their numbers alone."""

    style: str
    alpha: float | None
    n_workbooks: int
    n_items: int
    reason: str = ""
    name: str = field(default="", compare=False)


class TableMaker(Protocol):
    """What a domain's ``aggregate`` hook is handed by the cohort view: the cohort's content
    (``min_group`` and the widths its tables use) and :meth:`add`, which keeps a table with
    every group under the minimum hidden."""

    content: Any

    def add(
        self,
        id: str,
        title: str,
        header: Sequence[str],
        rows: Iterable[tuple[Cell, ...]],
        count_column: int = 1,
        note: str = "",
    ) -> None:
        """Add one aggregate table (groups under ``content.min_group`` left out)."""

    def add_alpha(self, rows: Iterable[Any]) -> None:
        """Add reliability rows (:class:`AlphaRow`) to the cohort's (``content.min_alpha_workbooks``
        is the cohort's minimum for showing one)."""


# --------------------------------------------------------------------------------------------
# The contract
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Domain(Generic[S, C, R]):
    """A domain package's one face to the rest of the app (``DOMAIN`` in its ``__init__``).

    The four contract functions are pure: no widgets, no store, no file other than the
    packaged content. The hooks are optional; a domain without one is left out of what it
    feeds.

    Attributes
    ----------
    section
        The record section the domain owns.
    model
        The pydantic model of the section (what a restored workbook file is validated with).
    load_content
        The validated content (the coach's copy under ``PLAYBOOK_CONTENT`` if any); raises
        ``ContentError`` naming the file and the item at fault.
    parse_section
        The record's plain dict -> the section model (``None``/``{}``: a fresh start); raises
        an ``InputError`` written for the participant.
    dump_section
        The section model -> the record's plain JSON-able dict.
    assess
        ``(section, content) -> result``: the key results, a frozen dataclass another
        workbook can read, rich enough that nobody re-derives them.
    standing
        ``(result, content) -> Standing``: what "Where I stand" says.
    suggest
        ``(result, content, maker) -> [Suggestion]``: the goals the result suggests.
    digest
        ``(data, content) -> digest``: one workbook's section (the record's plain dict)
        reduced to ids and numbers for the cohort (no free text); fast (a cohort has
        hundreds). A section that cannot be read raises an
        :class:`~playbook.errors.InputError` (the domain's own) or a ``ValueError``, which the
        cohort counts as a problem.
    aggregate
        ``(digests, content, tables)``: the cohort's tables of the domain from every
        workbook's digest (``None`` where the section was not begun or not readable).
    links
        ``result -> [(label, value)]``: what a plan entry (an impact, a goal) can be linked
        to in this workbook (a pilot, an open audit action), ``value`` starting with the
        section's name.
    dates
        ``(result, content) -> [Dated]``: the workbook's dated things (due goals and actions,
        the next audit, transition checkpoints, pilot measurements) for the cadence.
    dates_basis
        ``(section, content) -> result``: what the ``dates`` hook reads instead of
        ``assess``'s result, for a domain whose ``assess`` costs far more than its dates
        need (the pilots' statistics load scipy): the cadence runs on every start page and
        every visit of a calendar app. Without it, the ``dates`` hook reads ``assess``'s.
    snapshot
        ``(result, content) -> values``: the numbers of a result kept in a dated snapshot when
        an instrument is retaken (``None``: too few answers to keep one).
    changes
        ``(before, now, content) -> [str]``: sentences saying what moved between two
        snapshots' values ("since last time").
    linked
        ``(result, content) -> [(link, sentence)]``: what this workbook says about a thing of
        another workbook one of its entries links to (``link`` as :attr:`links` gives it, or
        ``"plan:goal:<id>"``, ``"plan:suggestion:<key>"``): a mentoring action done, shown
        on the plan's goal it links (issue 20).
    """

    section: str
    model: type[BaseModel]
    load_content: Callable[[], C]
    parse_section: Callable[[Mapping[str, Any] | None], S]
    dump_section: Callable[[S], dict[str, Any]]
    assess: Callable[[S, C], R]
    standing: Callable[[R, C], Standing] | None = None
    suggest: Callable[[R, C, SuggestionMaker], list[Suggestion]] | None = None
    digest: Callable[[Mapping[str, Any], C], Any] | None = None
    aggregate: Callable[[Sequence[Any], C, TableMaker], None] | None = None
    links: Callable[[R], list[tuple[str, str]]] | None = None
    dates: Callable[[R, C], list[Dated]] | None = None
    dates_basis: Callable[[S, C], Any] | None = None
    snapshot: Callable[[R, C], Values | None] | None = None
    changes: Callable[[Values, Values, C], list[str]] | None = None
    linked: Callable[[R, C], list[tuple[str, str]]] | None = None

    @classmethod
    def of(
        cls, package: str, section: str, model: type[BaseModel], **given: Any
    ) -> Domain[Any, Any, Any]:
        """The domain of ``package`` (its ``__init__`` calls this last, with ``__name__``):
        the contract and the hooks are the package's functions of those names
        (``load_content``, ``parse_section``, ..., ``aggregate``, ``links``); ``given``
        overrides one (a function that imports its heavy module on first use). A missing
        contract function fails here, at import.

        >>> from playbook.contract import domain
        >>> domain("career").standing.__module__
        'playbook.career.standing'
        """
        names = [f.name for f in fields(cls) if f.name not in ("section", "model")]
        found = vars(sys.modules[package])  # not getattr: a package's lazy names stay unloaded
        hooks: dict[str, Any] = {n: given.get(n, found.get(n)) for n in names}
        return cls(section, model, **hooks)


@dataclass(frozen=True)
class Workbook:
    """One registered workbook: its notebook, its page title, its view and, for a workbook
    that keeps answers, its domain object (each named ``"module:attribute"``)."""

    notebook: str
    title: str
    view: str  # "module:Class" of the page's view
    section: str | None = None  # the record section it owns (its domain's ``section``)
    domain: str | None = None  # "module:DOMAIN", a :class:`Domain`
    for_coaches: bool = False  # a coach's page: not in a participant's links between pages
    #: Loaded domain objects of workbooks registered with :func:`registered` (tests).
    loaded: Domain[Any, Any, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def view_class(self) -> str:
        """The view's class name, importable as ``playbook.ui.<name>``."""
        return self.view.rpartition(":")[2]

    @property
    def view_module(self) -> str:
        return self.view.partition(":")[0]

    def load(self) -> Domain[Any, Any, Any]:
        """The workbook's domain object (imported on first use)."""
        if self.loaded is not None:
            return self.loaded
        if self.domain is None:
            raise UnknownIdError(f"The workbook {self.notebook} keeps no answers.")
        loaded: Domain[Any, Any, Any] = _load(self.domain)
        return loaded


@cache
def _load(name: str) -> Any:
    module, _, attribute = name.partition(":")
    return getattr(importlib.import_module(module), attribute)


#: Every workbook of the app, in the order the pages link to each other: one line a workbook.
WORKBOOKS: tuple[Workbook, ...] = (
    Workbook("00_start.ipynb", "Start", "playbook.ui.start:StartView"),
    Workbook("01_career_path.ipynb", "Career path", "playbook.ui.career:CareerPathView", "career", "playbook.career:DOMAIN"),
    Workbook("02_leadership_style.ipynb", "Leadership style", "playbook.ui.leadership:LeadershipView", "leadership", "playbook.leadership:DOMAIN"),
    Workbook("03_time_split.ipynb", "The 70/30 time split", "playbook.ui.time_split:TimeSplitView", "time_split", "playbook.time_split:DOMAIN"),
    Workbook("04_pilot_experiments.ipynb", "Pilot experiments", "playbook.ui.pilots:PilotsView", "pilots", "playbook.pilots:DOMAIN"),
    Workbook("05_quarterly_audit.ipynb", "Quarterly audit", "playbook.ui.audit:AuditView", "audit", "playbook.audit:DOMAIN"),
    Workbook("06_development_plan.ipynb", "Development plan", "playbook.ui.plan:PlanView", "plan", "playbook.plan:DOMAIN"),
    Workbook("08_mentor_sessions.ipynb", "Sessions with my mentor", "playbook.ui.mentoring:MentoringView", "mentoring", "playbook.mentoring:DOMAIN"),
    Workbook("07_cohort.ipynb", "Cohort", "playbook.ui.cohort:CohortView", for_coaches=True),
)  # fmt: skip

_extra: list[Workbook] = []


def workbooks() -> tuple[Workbook, ...]:
    """The registered workbooks, in page order (the coaches' pages last)."""
    if not _extra:
        return WORKBOOKS
    mine = [w for w in WORKBOOKS if not w.for_coaches]
    coaches = [w for w in WORKBOOKS if w.for_coaches]
    return (*mine, *_extra, *coaches)


@contextmanager
def registered(book: Workbook) -> Iterator[Workbook]:
    """Register ``book`` for the duration of a ``with`` block (tests register a fixture
    workbook this way; the app's workbooks are the lines of :data:`WORKBOOKS`)."""
    if any(w.notebook == book.notebook for w in workbooks()):
        raise ValueError(f"A workbook {book.notebook} is registered already.")
    _extra.append(book)
    try:
        yield book
    finally:
        _extra.remove(book)


def sections() -> tuple[str, ...]:
    """The record's section names, in page order.

    >>> sections()
    ('career', 'leadership', 'time_split', 'pilots', 'audit', 'plan', 'mentoring')
    """
    return tuple(s for w in workbooks() if (s := w.section))


def workbook(section: str) -> Workbook:
    """The registered workbook that owns ``section``.

    >>> workbook("pilots").notebook
    '04_pilot_experiments.ipynb'
    """
    return by_id((w for w in workbooks() if w.section), section, "workbook part", key=_section)


def _section(w: Workbook) -> str | None:
    return w.section


def domain(section: str) -> Domain[Any, Any, Any]:
    """The domain object that owns ``section`` (its package imported on first use)."""
    return workbook(section).load()


def domains() -> tuple[Domain[Any, Any, Any], ...]:
    """Every registered domain object, in page order."""
    return tuple(w.load() for w in workbooks() if w.section)


def section_model(section: str) -> type[BaseModel]:
    """The pydantic model that validates ``section`` in the record."""
    return domain(section).model


# --------------------------------------------------------------------------------------------
# Lookups every domain uses
# --------------------------------------------------------------------------------------------


def repeated(values: Iterable[H]) -> list[H]:
    """The values that stand more than once in ``values``, each once, in the order of their
    second appearance: what a validator checks when ids must be unique.

    Examples
    --------
    >>> repeated(["b", "a", "c", "a", "b", "a"])
    ['a', 'b']
    >>> repeated(["a", "b"])
    []
    """
    seen: set[H] = set()
    twice: dict[H, None] = {}
    for value in values:
        if value in seen:
            twice[value] = None
        seen.add(value)
    return list(twice)


def by_id(
    items: Iterable[T],
    wanted: object,
    what: str,
    *,
    key: Callable[[T], object] = attrgetter("id"),
    where: str = "",
    message: str | None = None,
) -> T:
    """The first of ``items`` whose ``key`` is ``wanted``: the one way a lookup by id fails.

    Raises
    ------
    UnknownIdError
        With ``message``, or "There is no <what> '<wanted>' <where>." when none matches.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> by_id([NS(id="a"), NS(id="b")], "b", "metric").id
    'b'
    >>> by_id([NS(id="a")], "z", "metric")
    Traceback (most recent call last):
    ...
    playbook.errors.UnknownIdError: There is no metric 'z'.
    >>> by_id([NS(id="a")], "z", "pilot", where="in this workbook")
    Traceback (most recent call last):
    ...
    playbook.errors.UnknownIdError: There is no pilot 'z' in this workbook.
    """
    for item in items:
        if key(item) == wanted:
            return item
    place = f" {where}" if where else ""
    raise UnknownIdError(message or f"There is no {what} '{wanted}'{place}.")
