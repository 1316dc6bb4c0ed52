"""3. The development plan: goals with dates, the result each was drawn from, progress."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

import playbook.plan as pn
from playbook.charts.plan import goals_chart
from playbook.ui.common import NO_MATH, Panel, button, chart_output, esc, wide_text
from playbook.ui.common.dates import DateField
from playbook.ui.plan.model import GOALS, PlanModel, removable


class GoalsPanel(Panel[PlanModel]):
    """Goals of one's own or from a suggestion; progress saved as it is moved."""

    TITLE = "3. My development plan"
    INTRO = "Goals with a date. Move a goal's progress as you go; it is saved at once."

    def build(self, model: PlanModel) -> list[widgets.Widget]:
        self.goal_text = wide_text(
            "Goal", "e.g. Lead the next production retrospective", "pb-goal-text"
        )
        self.goal_due = DateField("Due (optional)", "pb-goal-due")
        self.add_goal_button = button("Add goal", "pb-add-goal", "plus")
        self.goals_box = widgets.VBox()
        self.goals_box.add_class("pb-goals")
        self.goals_out = chart_output("pb-goals-chart", "180px")
        self.on_click(self.add_goal_button, self._on_add_goal)
        model.listen(GOALS, self._show)
        return [
            self.goal_text,
            widgets.HBox([self.goal_due, self.add_goal_button]),
            self.goals_box,
            self.goals_out,
        ]

    def _on_add_goal(self, _button: Any = None) -> None:
        m = self.model
        m.change(pn.add_goal(m.section, self.goal_text.value, self.goal_due.value), GOALS)
        self.goal_text.value = self.goal_due.value = ""

    def _show(self) -> None:
        rows: list[widgets.Widget] = []
        # what other workbooks say of a goal (a mentoring action linked to it, done)
        notes = pn.linked_notes(self.model.results)
        for n, g in enumerate(self.model.section.goals, 1):
            due = f"due {g.due.isoformat()}" if g.due else "no date"
            source = f"<br><small>{esc(g.source)}</small>" if g.source else ""
            source += "".join(
                f"<br><small class='pb-goal-linked'>✓ {esc(note)}</small>"
                for note in pn.goal_notes(notes, g)
            )
            label = widgets.HTML(
                f"<div class='pb-goal {NO_MATH}'><b>{n}.</b> {esc(g.text)} ({esc(due)}){source}</div>",
                layout=widgets.Layout(width="60%"),
            )
            # a number, not a slider: ipywidgets' slider handle has no accessible name (axe-core
            # aria-input-field-name, issue 9)
            progress = widgets.BoundedIntText(
                value=g.progress,
                min=0,
                max=100,
                step=10,
                description="Progress (%)",
                style={"description_width": "initial"},
                layout=widgets.Layout(width="190px"),
            )
            progress.add_class("pb-goal-progress")
            progress.observe(self.quietly(self._progress_handler(g.id)), names="value")
            rows.append(removable(self, [label, progress], GOALS, g.id, "pb-remove-goal"))
        self.goals_box.children = rows
        if self.model.section.goals:
            self.draw("goals", self.goals_out, goals_chart(self.model.section.goals))
        else:
            self.model.figures.pop("goals", None)
            self.goals_out.clear_output()

    def _progress_handler(self, goal_id: str) -> Any:
        def handler(change: Any) -> None:
            m = self.model
            m.save(pn.set_progress(m.section, goal_id, int(change["new"])))
            self.draw("goals", self.goals_out, goals_chart(m.section.goals))
            m.announce("changed")

        return handler
