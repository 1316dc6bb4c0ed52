"""Dated snapshots of a workbook's result, kept as an instrument is retaken, and what moved
since (issue 20).

A workbook whose domain has the contract's ``snapshot`` hook keeps, in its own section's
``history`` (a :data:`History`: old records without one still load), the numbers and ids its
result had on the day it was taken. Retaking the career questions, the leadership statements
or the three elements then says what moved (the domain's ``changes`` hook). The rules are
here, once, and pure (the numbers are this workbook's defaults, in ``history.yaml``):

* :func:`keep`: a save whose result is complete (``snapshot`` gives values) keeps them. Values
  the same as the latest snapshot's change nothing; while the latest is younger than
  ``same_take_days`` they replace its values (one take spread over a few days is one
  snapshot, dated by the day it began; a take that comes back to the values of the one
  before is no new take); after that they start a new snapshot. At most ``max_snapshots``
  are kept, the oldest dropped first. So no two neighbours are alike.
* :func:`last_time`: "since last time" compares the result with the snapshot before the one
  it is (the previous take).
* :func:`nearest`: "since last quarter" compares it with the earlier snapshot closest to
  ``quarter_days`` before today.

:func:`kept`, :func:`since_last_time` and :func:`since_quarter` apply the rules to a domain
of the registry (:mod:`playbook.contract`); the pages' one save path
(``playbook.ui.common.SectionModel``) calls :func:`kept`, so no page keeps snapshots itself.

Examples
--------
>>> import datetime as dt
>>> rules = load_content().rules
>>> h = keep((), {"fit": 60.0}, dt.date(2026, 1, 5), rules)
>>> h = keep(h, {"fit": 65.0}, dt.date(2026, 1, 9), rules)  # the same take: replaced
>>> [(s.day.isoformat(), s.values["fit"]) for s in h]
[('2026-01-05', 65.0)]
>>> h = keep(h, {"fit": 80.0}, dt.date(2026, 4, 6), rules)  # a quarter later: a new one
>>> [(s.day.isoformat(), s.values["fit"]) for s in h]
[('2026-01-05', 65.0), ('2026-04-06', 80.0)]
>>> last_time(h, {"fit": 80.0}).day
datetime.date(2026, 1, 5)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import AfterValidator, Field, StringConstraints, ValidationError

from playbook.content import load_content as load_yaml
from playbook.errors import PlaybookError
from playbook.limits import MAX_SNAPSHOT_TEXT, MAX_SNAPSHOT_VALUES, MAX_SNAPSHOTS
from playbook.models import Names, Strict, Text, Wording

if TYPE_CHECKING:
    from playbook.contract import Domain, Values

__all__ = [
    "History",
    "HistoryContent",
    "HistoryRules",
    "HistoryWording",
    "Moved",
    "Snapshot",
    "Wording",
    "day_text",
    "keep",
    "kept",
    "last_time",
    "load_content",
    "nearest",
    "number",
    "salvage",
    "since_last_time",
    "since_quarter",
    "text",
]

S = TypeVar("S")

Key = Annotated[str, StringConstraints(min_length=1, max_length=MAX_SNAPSHOT_TEXT)]
Value = (
    Annotated[float, Field(allow_inf_nan=False)]
    | int
    | Annotated[str, StringConstraints(max_length=MAX_SNAPSHOT_TEXT)]
    | None
)


class Snapshot(Strict):
    """A result's numbers and ids (never free text) on the day it was taken."""

    day: dt.date
    values: dict[Key, Value] = Field(max_length=MAX_SNAPSHOT_VALUES)


def _in_order(history: tuple[Snapshot, ...]) -> tuple[Snapshot, ...]:
    return tuple(sorted(history, key=_day))


def _day(snapshot: Snapshot) -> dt.date:
    return snapshot.day


def _empty(history: tuple[Snapshot, ...]) -> bool:
    return not history


#: A section's snapshots, oldest first (a restored file's are put in order); a section
#: without any saves none (``"history"`` is left out of the record), so that records written
#: before snapshots, and sections that never had a complete result, keep their shape.
History = Annotated[
    tuple[Snapshot, ...],
    Field(max_length=MAX_SNAPSHOTS, exclude_if=_empty),
    AfterValidator(_in_order),
]


def salvage(data: Any) -> tuple[tuple[Snapshot, ...], int]:
    """The snapshots of a stored ``history`` a page can read, and how many it cannot (a
    section's ``salvage_section`` keeps the readable ones, the last :data:`MAX_SNAPSHOTS`).

    >>> kept, lost = salvage([{"day": "2026-01-05", "values": {"fit": 60}}, {"day": "soon"}, 3])
    >>> [s.day.isoformat() for s in kept], lost
    (['2026-01-05'], 2)
    >>> salvage(None)
    ((), 0)
    """
    if data is None:
        return (), 0
    items = data if isinstance(data, list | tuple) else [data]
    found: list[Snapshot] = []
    for item in items:
        try:
            found.append(Snapshot.model_validate(item))
        except ValidationError:
            continue
    return _in_order(tuple(found))[-MAX_SNAPSHOTS:], len(items) - len(found)


# --------------------------------------------------------------------------------------------
# Content: the rules' numbers (this workbook's defaults) and the words
# --------------------------------------------------------------------------------------------


class HistoryRules(Strict):
    """When a snapshot is kept and which one a page compares with (defaults of this
    workbook, not the article's)."""

    same_take_days: int = Field(ge=1, le=366)
    max_snapshots: int = Field(ge=2, le=MAX_SNAPSHOTS)
    quarter_days: int = Field(ge=1, le=3660)


class HistoryWording(Wording):
    """The words of "since last time" and "since last quarter" on every page."""

    since_last_time: Annotated[Text, Names("day")]
    since_last_quarter: Annotated[Text, Names("day")]
    nothing_moved: Annotated[Text, Names()]
    first_title: Annotated[Text, Names()]
    first_note: Annotated[Text, Names("days")]
    quarter_note: Annotated[Text, Names("days")]
    earlier_trace: Annotated[Text, Names("day")]


class HistoryContent(Strict):
    """``history.yaml``: the rules and the words of "since last time"."""

    rules: HistoryRules
    wording: HistoryWording


def load_content() -> HistoryContent:
    """Load and validate ``history.yaml`` (the coach's copy if any).

    >>> load_content().rules.quarter_days
    90
    """
    return load_yaml("history", HistoryContent)


def day_text(day: dt.date) -> str:
    """A snapshot's day as the pages write it.

    >>> day_text(dt.date(2026, 3, 2))
    '2 Mar 2026'
    """
    return f"{day.day} {day:%b %Y}"


# --------------------------------------------------------------------------------------------
# The rules
# --------------------------------------------------------------------------------------------


def keep(
    history: Sequence[Snapshot], values: Values | None, today: dt.date, rules: HistoryRules
) -> tuple[Snapshot, ...]:
    """The snapshots after a save whose result has ``values`` (``None``: not complete, nothing
    kept), on ``today``.

    Examples
    --------
    >>> rules = HistoryRules(same_take_days=28, max_snapshots=2, quarter_days=90)
    >>> h = keep((), None, dt.date(2026, 1, 5), rules)
    >>> h
    ()
    >>> for day, fit in ((5, 60), (30, 60), (40, 70), (80, 75), (85, 90)):
    ...     h = keep(h, {"fit": fit}, dt.date(2026, 1, 1) + dt.timedelta(days=day), rules)
    >>> [(s.day.isoformat(), s.values["fit"]) for s in h]  # at most two, the oldest dropped
    [('2026-02-10', 70), ('2026-03-22', 90)]
    """
    now = dict(values) if values is not None else None
    if now is None:
        return tuple(history)
    if history:
        latest = history[-1]
        if latest.values == now:
            return tuple(history)
        if (today - latest.day).days < rules.same_take_days:
            if len(history) > 1 and history[-2].values == now:
                return tuple(history[:-1])  # the take came back to the one before: none new
            return (*history[:-1], Snapshot(day=latest.day, values=now))
    return (*history, Snapshot(day=today, values=now))[-rules.max_snapshots :]


def _current(history: Sequence[Snapshot], now: Values) -> bool:
    """Whether the latest snapshot is the result as it is now (the take on screen)."""
    return bool(history) and history[-1].values == dict(now)


def last_time(history: Sequence[Snapshot], now: Values | None) -> Snapshot | None:
    """The snapshot "since last time" compares a result's values ``now`` with: the one
    before the latest when the latest is ``now`` (the current take), else the latest.

    >>> a = Snapshot(day=dt.date(2026, 1, 5), values={"fit": 60})
    >>> b = Snapshot(day=dt.date(2026, 4, 6), values={"fit": 80})
    >>> last_time((a, b), {"fit": 80}) == a, last_time((a,), {"fit": 60}), last_time((a, b), None)
    (True, None, None)
    """
    if now is None or not history:
        return None
    if _current(history, now):
        return history[-2] if len(history) > 1 else None
    return history[-1]


def nearest(history: Sequence[Snapshot], now: Values | None, day: dt.date) -> Snapshot | None:
    """The earlier snapshot (not the current take) closest to ``day``; of two as close, the
    older.

    >>> s = [Snapshot(day=dt.date(2026, m, 1), values={"fit": m}) for m in (1, 3, 6)]
    >>> nearest(s, {"fit": 6}, dt.date(2026, 2, 28)).day  # the current take (June) left out
    datetime.date(2026, 3, 1)
    >>> nearest(s[:1], {"fit": 1}, dt.date(2026, 2, 28)) is None
    True
    """
    if now is None:
        return None
    earlier = history[:-1] if _current(history, now) else history
    return min(earlier, key=lambda s: (abs((s.day - day).days), s.day), default=None)


# --------------------------------------------------------------------------------------------
# Reading values a restored file may have changed (the domains' ``changes`` hooks use these)
# --------------------------------------------------------------------------------------------


def number(values: Mapping[str, Any], key: str) -> float | None:
    """``values[key]`` if it is a number (not a flag), else ``None``.

    >>> number({"a": 5, "b": "x", "c": True}, "a"), number({"b": "x"}, "b"), number({}, "c")
    (5.0, None, None)
    """
    v = values.get(key)
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def text(values: Mapping[str, Any], key: str, allowed: Sequence[str] = ()) -> str | None:
    """``values[key]`` if it is a text (one of ``allowed``, if given), else ``None``.

    >>> text({"a": "architect"}, "a", ("architect",)), text({"a": "x"}, "a", ("architect",))
    ('architect', None)
    """
    v = values.get(key)
    if not isinstance(v, str) or (allowed and v not in allowed):
        return None
    return v


# --------------------------------------------------------------------------------------------
# Through the registry
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Moved:
    """What moved since an earlier snapshot, for a page: a title naming its day, sentences,
    and the snapshot's day and values (``None`` when there is none yet: the title and the
    line then say so)."""

    title: str
    lines: tuple[str, ...]
    day: dt.date | None = None
    before: Mapping[str, Any] | None = None


def _values(d: Domain[Any, Any, Any], result: Any, content: Any) -> Values | None:
    if d.snapshot is None or result is None:
        return None
    try:
        return d.snapshot(result, content)
    except PlaybookError:  # a result the page shows its own message for
        return None


def kept(
    d: Domain[Any, S, Any],
    section: S,
    history: Sequence[Snapshot],
    content: Any,
    today: dt.date,
    rules: HistoryRules | None = None,
    result: Any = None,
) -> S:
    """``section`` as it is saved: with the snapshots ``history`` (what was saved before)
    after :func:`keep` of its result (``result``, if the page has assessed ``section``
    already: the career's takes a tenth of a second). A domain without the ``snapshot`` hook
    keeps none.

    >>> from playbook.contract import domain
    >>> career = domain("career")
    >>> answers = {"standardization": "adhoc", "work_type": "creative", "transition": "major",
    ...            "cross_functional": "most"}
    >>> s = kept(career, career.parse_section({"context": answers}), (), career.load_content(),
    ...          dt.date(2026, 1, 5))
    >>> [(x.day.isoformat(), x.values["recommended"]) for x in s.history]
    [('2026-01-05', 'community_builder')]
    """
    if d.snapshot is None:
        return section
    rules = rules or load_content().rules
    values = _values(d, d.assess(section, content) if result is None else result, content)
    new = keep(tuple(history), values, today, rules)
    return section.model_copy(update={"history": new})  # type: ignore[attr-defined]


def _moved(
    d: Domain[Any, Any, Any],
    before: Snapshot,
    now: Values,
    content: Any,
    title: str,
    wording: HistoryWording,
) -> Moved:
    lines = d.changes(before.values, now, content) if d.changes else []
    return Moved(
        title.format(day=day_text(before.day)),
        tuple(lines or [wording.nothing_moved]),
        before.day,
        before.values,
    )


def since_last_time(
    d: Domain[Any, Any, Any],
    history: Sequence[Snapshot],
    result: Any,
    content: Any,
    history_content: HistoryContent | None = None,
) -> Moved | None:
    """What moved since the previous take (``None`` while the result is not complete, or for
    a domain without the hooks); before there is one, a note saying when there will be.

    >>> from playbook.contract import domain
    >>> career = domain("career")
    >>> c = career.load_content()
    >>> s = career.parse_section({"context": {"standardization": "high", "tech_stability":
    ...     "stable", "work_type": "industrial", "transition": "none"}})
    >>> since_last_time(career, s.history, career.assess(s, c), c).title
    'Since last time'
    """
    hc = history_content or load_content()
    now = _values(d, result, content)
    if now is None or d.changes is None:
        return None
    before = last_time(history, now)
    if before is None:
        note = hc.wording.first_note.format(days=str(hc.rules.same_take_days))
        return Moved(hc.wording.first_title, (note,))
    return _moved(d, before, now, content, hc.wording.since_last_time, hc.wording)


def since_quarter(
    d: Domain[Any, Any, Any],
    history: Sequence[Snapshot],
    result: Any,
    content: Any,
    today: dt.date,
    history_content: HistoryContent | None = None,
) -> Moved | None:
    """What moved since the earlier snapshot closest to ``quarter_days`` before ``today``
    (``None``: no earlier snapshot, a result not complete, or a domain without the hooks)."""
    hc = history_content or load_content()
    now = _values(d, result, content)
    if now is None or d.changes is None:
        return None
    before = nearest(history, now, today - dt.timedelta(days=hc.rules.quarter_days))
    if before is None:
        return None
    return _moved(d, before, now, content, hc.wording.since_last_quarter, hc.wording)
