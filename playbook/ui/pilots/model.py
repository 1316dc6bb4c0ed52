"""What the pilot page's panels share: the section, the pilot on screen, and its study."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

import playbook.pilots as pl
from playbook.session import Session
from playbook.ui.common import Quiet, SectionModel

STYLE = {"description_width": "150px"}
SELECT = widgets.Layout(width="480px")
NARROW = "330px"

#: Another pilot is on screen (chosen, new, deleted, reloaded): every panel shows it.
SHOWN = "shown"
#: The pilot's practice or project changed: its name in the chooser.
NAMED = "named"
#: The measurements or the dates changed: the study is done again.
MEASURED = "measured"
#: The study was done again: what it says about the next step.
STUDIED = "studied"


@dataclass(frozen=True)
class Study:
    """What the evidence says for the metric studied, and about the pilot as a whole."""

    evidence: pl.MetricEvidence | None
    #: Why there is no evidence for the metric studied (empty when there is).
    problem: str = ""
    #: Whether the problem only means the pilot is not far enough along yet.
    pending: bool = True
    next_step: str = ""


class PilotsModel(SectionModel[pl.PilotsSection]):
    """The ``pilots`` section, the pilot on screen and the last study of it."""

    def __init__(self, session: Session, content: pl.PilotsContent, quiet: Quiet) -> None:
        #: What the saved section held that the page cannot show (named on the page).
        self.unreadable: list[str] = []
        super().__init__(session, "pilots", self._open_saved, pl.dump_section, quiet)
        self.content = content
        self.current: str | None = None
        self.study = Study(None)

    def _open_saved(self, data: Any) -> pl.PilotsSection:
        section, self.unreadable = pl.salvage_section(data)
        return section

    @property
    def pilot(self) -> pl.Pilot | None:
        """The pilot on screen."""
        if self.current is None:
            return None
        return next((p for p in self.section.pilots if p.id == self.current), None)

    def save_pilot(self, pilot: pl.Pilot, done: pl.DraftPart | None = None) -> None:
        """Save the pilot; ``done``: the part of its draft just sent (a metric added, a
        decision recorded), dropped in the same save."""
        section = pl.replace_pilot(self.section, pilot)
        if done is not None:
            section = pl.keep_draft(section, pilot.id, done, None)
        self.save(section)

    def show(self, pilot_id: str | None) -> None:
        self.current = pilot_id
        self.announce(SHOWN)

    def evaluate(self, metric_id: str | None) -> Study:
        """Study the pilot on screen, for ``metric_id`` and for the next step (kept in
        :attr:`study`)."""
        p = self.pilot
        if p is None or not p.metrics:
            self.study = Study(None)
            return self.study
        found: dict[str, pl.MetricEvidence] = {}
        problems: dict[str, pl.ChangeDateError] = {}
        for m in p.metrics:
            try:
                found[m.id] = pl.evaluate_metric(p, m.id, self.content.thresholds)
            except pl.ChangeDateError as err:
                problems[m.id] = err
        step = pl.next_step(list(found.values()), self.content) if found else ""
        evidence = found.get(metric_id) if metric_id else None
        if evidence is not None:
            self.study = Study(evidence, next_step=step)
        else:
            error = problems.get(metric_id or "")
            problem = str(error) if error else "Choose a metric to study."
            self.study = Study(None, problem, error.pending if error else True, step)
        return self.study
