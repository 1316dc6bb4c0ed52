"""The contract every workbook keeps, and the one place where workbooks are registered.

A workbook is a notebook, a view and (except the start page) a domain module that owns one
section of the workbook record. Every domain module offers the same four functions, with the
same names and argument order (:class:`Domain`), so that one workbook can read another's
results without knowing how it is built::

    >>> from playbook.contract import domain
    >>> career = domain("career")
    >>> section = career.parse_section({"context": {"work_type": "creative"}})
    >>> result = career.assess(section, career.load_content())
    >>> result.recommended  # too few answers yet for a recommendation
    []
    >>> career.dump_section(section)["context"]
    {'work_type': 'creative'}

:data:`WORKBOOKS` is the registry: the record's section models (``playbook.record``), the
app's page list (``playbook.session``), the lazily imported views (``playbook.ui``), the demo
workbook script and the tests all read it. docs/ARCHITECTURE.md, "Adding a workbook", lists
every step.

A lookup by id fails one way: :func:`by_id` raises :class:`~playbook.errors.UnknownIdError`.

This module imports no domain module at import time (views and domains are named, and imported
only when asked for), so importing it is cheap and creates no import cycle.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from playbook.errors import UnknownIdError

if TYPE_CHECKING:
    from pydantic import BaseModel

T = TypeVar("T")
H = TypeVar("H", bound=Hashable)


class Domain(Protocol):
    """What every domain module (``playbook.career``, ``playbook.leadership``, ...) offers.

    The functions are pure: no widgets, no store, no file other than the packaged content.
    """

    def load_content(self) -> Any:
        """The domain's validated content (the coach's copy under ``PLAYBOOK_CONTENT`` if any).

        Raises ``ContentError`` naming the file and the item at fault."""

    def parse_section(self, data: Mapping[str, Any] | None, /) -> Any:
        """The domain's section model from the record's plain dict (``None``/``{}``: empty).

        Raises an ``InputError`` written for the participant when the data cannot be read."""

    def dump_section(self, section: Any, /) -> dict[str, Any]:
        """The section as the record's plain JSON-able dict."""

    def assess(self, section: Any, content: Any, /) -> Any:
        """The domain's key results for this section: a frozen dataclass another workbook
        can read (see each module's ``assess``)."""


if TYPE_CHECKING:  # mypy checks that every domain module keeps the contract
    from playbook import audit, career, leadership, pilots, plan, time_split

    _KEPT: tuple[Domain, ...] = (career, leadership, time_split, pilots, audit, plan)


@dataclass(frozen=True)
class Workbook:
    """One registered workbook: its notebook, its page title and its view; for a workbook
    that keeps answers, its record section, the domain module and the section's model."""

    notebook: str
    title: str
    view: str  # the view class, importable as ``playbook.ui.<view>``
    view_module: str
    section: str | None = None
    domain: str | None = None  # a module that implements :class:`Domain`
    model: str | None = None  # the pydantic model of the section, in ``domain``
    for_coaches: bool = False  # a coach's page: not in a participant's links between pages


#: Every workbook of the app, in the order the pages link to each other.
WORKBOOKS: tuple[Workbook, ...] = (
    Workbook("00_start.ipynb", "Start", "StartView", "playbook.ui.start"),
    Workbook(
        "01_career_path.ipynb",
        "Career path",
        "CareerPathView",
        "playbook.ui.career",
        "career",
        "playbook.career",
        "CareerSection",
    ),
    Workbook(
        "02_leadership_style.ipynb",
        "Leadership style",
        "LeadershipView",
        "playbook.ui.leadership",
        "leadership",
        "playbook.leadership",
        "LeadershipSection",
    ),
    Workbook(
        "03_time_split.ipynb",
        "The 70/30 time split",
        "TimeSplitView",
        "playbook.ui.time_split",
        "time_split",
        "playbook.time_split",
        "TimeSplitSection",
    ),
    Workbook(
        "04_pilot_experiments.ipynb",
        "Pilot experiments",
        "PilotsView",
        "playbook.ui.pilots",
        "pilots",
        "playbook.pilots",
        "PilotsSection",
    ),
    Workbook(
        "05_quarterly_audit.ipynb",
        "Quarterly audit",
        "AuditView",
        "playbook.ui.audit",
        "audit",
        "playbook.audit",
        "AuditSection",
    ),
    Workbook(
        "06_development_plan.ipynb",
        "Development plan",
        "PlanView",
        "playbook.ui.plan",
        "plan",
        "playbook.plan",
        "PlanSection",
    ),
    Workbook("07_cohort.ipynb", "Cohort", "CohortView", "playbook.ui.cohort", for_coaches=True),
)


def sections() -> tuple[str, ...]:
    """The record's section names, in page order.

    >>> sections()
    ('career', 'leadership', 'time_split', 'pilots', 'audit', 'plan')
    """
    return tuple(w.section for w in WORKBOOKS if w.section)


def workbook(section: str) -> Workbook:
    """The registered workbook that owns ``section``.

    >>> workbook("pilots").notebook
    '04_pilot_experiments.ipynb'
    """
    return by_id((w for w in WORKBOOKS if w.section), section, "workbook part", key=_section)


def _section(w: Workbook) -> str | None:
    return w.section


def domain(section: str) -> Domain:
    """The domain module that owns ``section`` (imported on first use)."""
    w = workbook(section)
    return cast(Domain, importlib.import_module(cast(str, w.domain)))


def section_model(section: str) -> type[BaseModel]:
    """The pydantic model that validates ``section`` in the record."""
    w = workbook(section)
    model: type[BaseModel] = getattr(importlib.import_module(cast(str, w.domain)), str(w.model))
    return model


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
    message: str | None = None,
) -> T:
    """The first of ``items`` whose ``key`` is ``wanted``: the one way a lookup by id fails.

    Raises
    ------
    UnknownIdError
        With ``message``, or "There is no <what> '<wanted>'." when none matches.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> by_id([NS(id="a"), NS(id="b")], "b", "metric").id
    'b'
    >>> by_id([NS(id="a")], "z", "metric")
    Traceback (most recent call last):
    ...
    playbook.errors.UnknownIdError: There is no metric 'z'.
    """
    for item in items:
        if key(item) == wanted:
            return item
    raise UnknownIdError(message or f"There is no {what} '{wanted}'.")
