"""1. Plan: the practice, the project, the question, the prediction, the teams, the metrics."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

import playbook.pilots as pl
from playbook.errors import InputError
from playbook.ui.common import MessageArea, Panel, button, esc, heading, html_box, para, wide_text
from playbook.ui.pilots.model import NAMED, SHOWN, STYLE, PilotsModel

OWN_METRIC = "_own"


class PlanPanel(Panel[PilotsModel]):
    """The pilot's plan, saved as it is typed, and its metrics (suggested or the pilot's own)."""

    TITLE = "1. Plan"

    def build(self, model: PilotsModel) -> list[widgets.Widget]:
        c = model.content
        prompts = c.pdsa_prompts
        self.practice = wide_text("Practice", prompts.get("practice", ""), "pb-practice")
        self.project = wide_text("Project", prompts.get("project", ""), "pb-project")
        self.question = wide_text("Question", prompts.get("question", ""), "pb-question", area=True)
        self.prediction = wide_text(
            "Prediction", prompts.get("prediction", ""), "pb-prediction", area=True
        )
        self.teams = wide_text("Teams", "comma-separated, e.g. Editorial, Post", "pb-teams")
        self.metric_choice = widgets.Dropdown(
            description="Metric",
            options=[(m.name, m.id) for m in c.metrics] + [("Your own metric…", OWN_METRIC)],
            style=STYLE,
        )
        self.metric_choice.add_class("pb-metric-choice")
        self.metric_hint = html_box("pb-metric-hint")
        self.metrics_list = html_box("pb-metrics")
        self.own_name = wide_text("Name", "e.g. Budget variance", "pb-own-name")
        self.own_unit = wide_text("Unit", "e.g. %, days, points", "pb-own-unit")
        self.own_better = widgets.ToggleButtons(
            description="Better is",
            options=[("higher", "higher"), ("lower", "lower")],
            style=STYLE,
        )
        self.own_better.add_class("pb-own-better")
        self.own_box = widgets.VBox([self.own_name, self.own_unit, self.own_better])
        self.add_metric_button = button("Add metric", "pb-add-metric", "plus")
        # what is chosen but not yet added, said plainly (ui/pilots/drafts.py keeps it)
        self.metric_pending = MessageArea()
        self.metric_pending.add_class("pb-metric-pending")
        children = [
            self.practice,
            self.project,
            self.question,
            self.prediction,
            self.teams,
            heading("Metrics", 4),
            para("Choose one or more metrics, each with its unit and which direction is better."),
            widgets.HBox([self.metric_choice, self.add_metric_button]),
            self.metric_hint,
            self.own_box,
            self.metric_pending,
            self.metrics_list,
        ]
        fields = (self.practice, self.project, self.question, self.prediction, self.teams)
        self.on_value(self._on_plan, *fields)
        self.metric_choice.observe(self._on_metric_choice, names="value")
        self.on_click(self.add_metric_button, self._on_add_metric)
        self.follow(SHOWN, lambda: model.pilot, self._show, hide=True)
        self._on_metric_choice()
        return children

    def _show(self, p: pl.Pilot) -> None:
        self._on_metric_choice()
        self.metric_pending.clear()
        with self.quiet():
            self.practice.value = p.practice
            self.project.value = p.project
            self.question.value = p.question
            self.prediction.value = p.prediction
            self.teams.value = ", ".join(p.teams)
        self._show_metrics(p)

    def _on_plan(self, _change: Any = None) -> None:
        pilot = self.model.pilot
        if pilot is None:
            return
        teams = [t.strip() for t in self.teams.value.split(",") if t.strip()]
        pilot = pilot.model_copy(
            update={
                "practice": self.practice.value.strip(),
                "project": self.project.value.strip(),
                "question": self.question.value.strip(),
                "prediction": self.prediction.value.strip(),
                "teams": teams,
            }
        )
        self.model.save_pilot(pl.Pilot.model_validate(pilot.model_dump()))
        self.model.announce(NAMED)

    def _on_metric_choice(self, _change: Any = None) -> None:
        own = self.metric_choice.value == OWN_METRIC
        self.own_box.layout.display = None if own else "none"
        hint = "" if own else self.model.content.metric(self.metric_choice.value).hint
        self.metric_hint.value = f"<small style='color:#555'>{esc(hint)}</small>" if hint else ""

    def _on_add_metric(self, _button: Any = None) -> None:
        p = self.model.pilot
        if p is None:
            return
        if self.metric_choice.value == OWN_METRIC:
            name = self.own_name.value.strip()
            if not name:
                raise InputError("Give your metric a name.")
            base = "".join(ch if ch.isalnum() else "_" for ch in name.lower()).strip("_")[:40]
            mid = base or "metric"
            used = {m.id for m in p.metrics}
            n = 2
            while mid in used:
                mid, n = f"{base}_{n}", n + 1
            metric = pl.Metric(
                id=mid, name=name, unit=self.own_unit.value.strip(), better=self.own_better.value
            )
        else:
            suggestion = self.model.content.metric(self.metric_choice.value)
            if suggestion.id in {m.id for m in p.metrics}:
                raise InputError(f"{suggestion.name} is already one of this pilot's metrics.")
            metric = pl.metric_from_suggestion(suggestion)
        self.model.save_pilot(p.model_copy(update={"metrics": [*p.metrics, metric]}), "metric")
        with self.quiet():
            self.own_name.value = self.own_unit.value = ""
        self.model.announce(SHOWN)  # clears the "not yet added" note

    def _show_metrics(self, p: pl.Pilot) -> None:
        if not p.metrics:
            self.metrics_list.value = "<p><i>No metric yet: add at least one.</i></p>"
            return
        items = "".join(
            f"<li><b>{esc(m.name)}</b> ({esc(m.unit) + ', ' if m.unit else ''}"
            f"{esc(m.better)} is better)</li>"
            for m in p.metrics
        )
        self.metrics_list.value = f"<ul>{items}</ul>"
