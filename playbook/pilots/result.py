"""The contract's ``assess``: what each pilot has shown so far, for another workbook to read
(the development plan, the cohort view)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from playbook.pilots.content import DecisionChoice, PilotsContent, Verdict
from playbook.pilots.dates import finished, next_measurement
from playbook.pilots.section import PilotsSection
from playbook.pilots.text import next_step
from playbook.pilots.verdicts import evaluate_pilot

__all__ = ["PilotResult", "PilotsResult", "assess"]


@dataclass(frozen=True)
class PilotResult:
    """What one pilot has shown so far: each metric's verdict, the playbook's next step and
    the participant's decision (``None`` until they decide)."""

    pilot_id: str
    practice: str
    verdicts: dict[str, Verdict]
    next_step: str
    decision: DecisionChoice | None
    project: str = ""
    #: Days between measurements the participant chose for the calendar (``None``: none).
    rhythm_days: int | None = None
    #: When the next measurement is due by that rhythm (``None`` without one).
    next_measurement: dt.date | None = None
    #: Adopted or abandoned: decided for good.
    finished: bool = False


@dataclass(frozen=True)
class PilotsResult:
    """Every pilot's result, in the section's order."""

    pilots: tuple[PilotResult, ...]

    def decisions(self) -> dict[str, DecisionChoice | None]:
        """Each pilot's decision by pilot id."""
        return {p.pilot_id: p.decision for p in self.pilots}


def assess(section: PilotsSection, content: PilotsContent) -> PilotsResult:
    """Study every pilot: the verdict of each metric that has enough data, the next step.

    Examples
    --------
    >>> from playbook.pilots.content import load_content
    >>> from playbook.pilots.section import Pilot
    >>> r = assess(PilotsSection(pilots=[Pilot(id="p1", practice="Daily stand-up")]),
    ...            load_content())
    >>> r.decisions(), r.pilots[0].verdicts
    ({'p1': None}, {})
    """
    out = []
    for pilot in section.pilots:
        # the verdicts and the next step only: intervals only where a verdict needs one
        evidence, _ = evaluate_pilot(pilot, content.thresholds, verdict_only=True)
        out.append(
            PilotResult(
                pilot_id=pilot.id,
                practice=pilot.practice,
                verdicts={k: e.verdict for k, e in evidence.items()},
                next_step=next_step(list(evidence.values()), content) if evidence else "",
                decision=pilot.decision.choice,
                project=pilot.project,
                rhythm_days=pilot.rhythm_days,
                next_measurement=next_measurement(pilot),
                finished=finished(pilot),
            )
        )
    return PilotsResult(tuple(out))
