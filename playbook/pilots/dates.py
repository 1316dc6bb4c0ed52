"""The pilots' ``dates`` hook and the rhythm of measuring it reads: each running pilot's next
measurement, for the cadence (the calendar the participant downloads or subscribes to, and
the start page's "due this week" and "overdue"). Light: no numpy or scipy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from playbook.contract import Dated
from playbook.errors import InputError
from playbook.pilots.content import DecisionChoice, PilotsContent
from playbook.pilots.section import Pilot, PilotsSection

__all__ = [
    "PilotDated",
    "PilotsDated",
    "dates",
    "dates_basis",
    "finished",
    "next_measurement",
    "rhythm_label",
    "set_rhythm",
]


@dataclass(frozen=True)
class PilotDated:
    """What the cadence reads of one pilot (:func:`dates_basis`): the same names as
    :class:`~playbook.pilots.result.PilotResult`'s, without its verdicts."""

    pilot_id: str
    practice: str
    project: str
    decision: DecisionChoice | None
    rhythm_days: int | None
    next_measurement: dt.date | None
    finished: bool


@dataclass(frozen=True)
class PilotsDated:
    """Every pilot's :class:`PilotDated`, in the section's order."""

    pilots: tuple[PilotDated, ...]


class _Dated(Protocol):  # a PilotResult or a PilotDated: what the dates hook reads
    @property
    def pilot_id(self) -> str: ...
    @property
    def practice(self) -> str: ...
    @property
    def project(self) -> str: ...
    @property
    def rhythm_days(self) -> int | None: ...
    @property
    def next_measurement(self) -> dt.date | None: ...
    @property
    def finished(self) -> bool: ...


class _Pilots(Protocol):
    @property
    def pilots(self) -> Sequence[_Dated]: ...


def finished(pilot: Pilot) -> bool:
    """Whether the pilot is decided for good (adopted or abandoned; "adapt" runs another
    cycle, so it goes on measuring)."""
    return pilot.decision.choice in ("adopt", "abandon")


def next_measurement(pilot: Pilot) -> dt.date | None:
    """The day the next measurement is due: one rhythm after the latest measurement, or after
    the day the rhythm was chosen while there is none (``None`` without a rhythm).

    >>> from playbook.pilots import Measurement, Metric
    >>> p = Pilot(id="p1", rhythm_days=7, rhythm_from=dt.date(2026, 3, 1))
    >>> next_measurement(p)
    datetime.date(2026, 3, 8)
    >>> p = p.model_copy(update={"metrics": [Metric(id="m", name="M", better="higher")],
    ...     "measurements": [Measurement(metric="m", date=dt.date(2026, 3, 16), value=1)]})
    >>> next_measurement(p)
    datetime.date(2026, 3, 23)
    """
    if pilot.rhythm_days is None or pilot.rhythm_from is None:
        return None
    last = max((m.date for m in pilot.measurements), default=pilot.rhythm_from)
    return last + dt.timedelta(days=pilot.rhythm_days)


def set_rhythm(pilot: Pilot, days: int | None, today: dt.date) -> Pilot:
    """A copy of ``pilot`` measured every ``days`` days in the calendar (``None``: not in
    the calendar). Choosing the same rhythm again keeps the day it was first chosen.

    Raises
    ------
    InputError
        A rhythm under one day.

    >>> p = set_rhythm(Pilot(id="p1"), 14, dt.date(2026, 3, 1))
    >>> p.rhythm_days, p.rhythm_from.isoformat()
    (14, '2026-03-01')
    >>> set_rhythm(p, None, dt.date(2026, 3, 9)).rhythm_days is None
    True
    """
    if days is not None and days < 1:
        raise InputError("Choose how often you will measure this pilot.")
    if days == pilot.rhythm_days and pilot.rhythm_from is not None:
        return pilot
    return pilot.model_copy(
        update={"rhythm_days": days, "rhythm_from": None if days is None else today}
    )


def rhythm_label(days: int, content: PilotsContent) -> str:
    """The content's words for a rhythm of ``days`` days (``other_rhythm`` for one the content
    no longer offers)."""
    for r in content.dates.rhythms:
        if r.days == days:
            return r.label
    return content.dates.other_rhythm.format(days=days)


def dates_basis(section: PilotsSection, content: PilotsContent) -> PilotsDated:
    """What the ``dates`` hook reads of the section, without the statistics of
    :func:`~playbook.pilots.result.assess` (no numpy or scipy: the start page and a calendar
    app's visit read every workbook's dates).

    >>> p = set_rhythm(Pilot(id="p1"), 7, dt.date(2026, 3, 1))
    >>> dates_basis(PilotsSection(pilots=[p]), None).pilots[0].next_measurement
    datetime.date(2026, 3, 8)
    """
    return PilotsDated(
        tuple(
            PilotDated(
                pilot_id=p.id,
                practice=p.practice,
                project=p.project,
                decision=p.decision.choice,
                rhythm_days=p.rhythm_days,
                next_measurement=next_measurement(p),
                finished=finished(p),
            )
            for p in section.pilots
        )
    )


def dates(result: _Pilots, content: PilotsContent) -> list[Dated]:
    """Each pilot's next measurement, keyed by the pilot's id, for pilots with a rhythm; done
    once the pilot is adopted or abandoned. ``result`` is :func:`dates_basis`'s (what the
    cadence passes) or :func:`~playbook.pilots.result.assess`'s.

    Examples
    --------
    >>> from playbook.pilots import PilotsSection, assess, load_content
    >>> c = load_content()
    >>> p = set_rhythm(Pilot(id="p1", practice="Joint planning", project="Season 2"), 7,
    ...                dt.date(2026, 3, 1))
    >>> [(d.key, d.day.isoformat(), d.title, d.done)
    ...  for d in dates(assess(PilotsSection(pilots=[p]), c), c)]
    [('pilots:measurement:p1', '2026-03-08', 'Measure the pilot: Joint planning', False)]
    """
    words = content.dates
    out = []
    for p in result.pilots:
        if p.next_measurement is None or p.rhythm_days is None:
            continue
        out.append(
            Dated.keyed(
                "pilots",
                "measurement",
                p.pilot_id,
                day=p.next_measurement,
                title=words.measurement.format(practice=p.practice or p.pilot_id),
                done=p.finished,
                detail=words.measurement_detail.format(
                    project=p.project or p.pilot_id, rhythm=rhythm_label(p.rhythm_days, content)
                ),
            )
        )
    return out
