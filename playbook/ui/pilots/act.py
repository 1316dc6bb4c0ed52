"""4. Act: adopt, adapt or abandon with a reason; and the adoption tracker."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

import playbook.pilots as pl
from playbook.charts.pilots import adoption_chart
from playbook.errors import InputError
from playbook.ui.common import Panel, button, chart_output, esc, html_box, wide_text
from playbook.ui.pilots.model import NARROW, SHOWN, STUDIED, STYLE, PilotsModel


class DecisionPanel(Panel[PilotsModel]):
    """The next step the evidence suggests, and the participant's decision with its reason."""

    TITLE = "4. Act: your decision"
    LEVEL = 4

    def build(self, model: PilotsModel) -> list[widgets.Widget]:
        decisions = model.content.decisions
        self.next_step = html_box("pb-next-step")
        self.decision = widgets.ToggleButtons(
            options=[(d.label, d.id) for d in decisions],
            value=None,
            style=STYLE,
            tooltips=[d.meaning for d in decisions],
        )
        self.decision.add_class("pb-decision")
        self.reason = wide_text(
            "Reason", "What in the evidence led to this decision?", "pb-reason", area=True
        )
        self.decided_on = wide_text("Decided on", "YYYY-MM-DD", "pb-decided-date", width=NARROW)
        self.decide_button = button("Record decision", "pb-decide", "check", "success")
        self.decision_state = html_box("pb-decision-state")
        self.layout.flex = "1 1 380px"
        children = [
            self.next_step,
            self.decision,
            self.reason,
            self.decided_on,
            widgets.HBox([self.decide_button]),
            self.decision_state,
        ]
        self.on_click(self.decide_button, self._on_decide)
        self.follow(SHOWN, lambda: model.pilot, self._show)
        model.listen(STUDIED, self._show_next_step)
        return children

    def _show(self, p: pl.Pilot) -> None:
        d = p.decision
        with self.quiet():
            self.decision.value = d.choice
            self.reason.value = d.reason
            self.decided_on.value = (d.decided_on or dt.date.today()).isoformat()
        self._show_decision(p)

    def _show_next_step(self) -> None:
        step = self.model.study.next_step
        self.next_step.value = f"<p><b>Next step:</b> {esc(step)}</p>" if step else ""

    def _on_decide(self, _button: Any = None) -> None:
        if self.decision.value is None:
            raise InputError("Choose adopt, adapt or abandon.")
        p = self.model.pilot
        if p is None:
            return
        pilot = pl.set_decision(p, self.decision.value, self.reason.value, self.decided_on.value)
        self.model.save_pilot(pilot, "decision")
        self._show_decision(pilot)
        self.messages.show("Decision recorded.", "success")

    def _show_decision(self, p: pl.Pilot) -> None:
        d = p.decision
        if d.choice is None:
            self.decision_state.value = "<p><i>No decision recorded yet.</i></p>"
            return
        label = next(o.label for o in self.model.content.decisions if o.id == d.choice)
        when = d.decided_on.isoformat() if d.decided_on else ""
        self.decision_state.value = (
            f"<p><b>Decision ({esc(when)}): {esc(label)}.</b> {esc(d.reason)}</p>"
        )


class AdoptionPanel(Panel[PilotsModel]):
    """How many teams use the practice, date by date, as it is widened."""

    TITLE = "Adoption tracker"
    LEVEL = 4
    INTRO = "When the evidence supports the practice, widen it team by team and track how many teams use it."

    def build(self, model: PilotsModel) -> list[widgets.Widget]:
        self.adopt_date = wide_text("Date", "YYYY-MM-DD", "pb-adopt-date", width=NARROW)
        self.adopt_using = wide_text("Teams using it", "e.g. 3", "pb-adopt-using", width=NARROW)
        self.adopt_total = wide_text("Teams in total", "e.g. 12", "pb-adopt-total", width=NARROW)
        self.adopt_button = button("Add to tracker", "pb-add-adoption", "plus")
        self.adoption_out = chart_output("pb-adoption-chart", "0px")
        self.adoption_table = html_box("pb-adoption")
        children = [
            widgets.HBox([self.adopt_date, self.adopt_using, self.adopt_total]),
            widgets.HBox([self.adopt_button]),
            self.adoption_table,
            self.adoption_out,
        ]
        self.on_click(self.adopt_button, self._on_add_adoption)
        self.follow(SHOWN, lambda: model.pilot, self._show_adoption, hide=True)
        return children

    def _on_add_adoption(self, _button: Any = None) -> None:
        p = self.model.pilot
        if p is None:
            return
        pilot = pl.add_adoption(
            p, self.adopt_date.value, self.adopt_using.value, self.adopt_total.value
        )
        self.model.save_pilot(pilot)
        self.adopt_using.value = ""
        self._show_adoption(pilot)

    def _show_adoption(self, p: pl.Pilot) -> None:
        if not p.adoption:
            self.adoption_table.value = "<p><i>No adoption entries yet.</i></p>"
            self.adoption_out.clear_output()
            self.model.figures.pop("adoption", None)
            return
        items = ", ".join(
            f"{a.date.isoformat()}: {a.teams_using} of {a.teams_total} ({round(100 * a.share)}%)"
            for a in p.adoption
        )
        self.adoption_table.value = f"<p>{esc(items)}</p>"
        self.draw("adoption", self.adoption_out, adoption_chart(p.adoption))
