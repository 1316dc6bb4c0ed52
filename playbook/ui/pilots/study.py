"""3. Study: what the evidence says, in words and in the run, change and XmR charts."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

import playbook.pilots as pl
from playbook.charts.pilots import change_chart, run_chart, xmr_chart
from playbook.ui.common import MessageArea, Panel, chart_output, esc, html_box
from playbook.ui.pilots.model import MEASURED, SELECT, SHOWN, STUDIED, STYLE, PilotsModel

_CHARTS = ("run", "change", "xmr")


class StudyPanel(Panel[PilotsModel]):
    """The evidence for one metric, beside ``aside`` (the decision), then its charts."""

    TITLE = "3. Study: what the evidence says"

    def __init__(self, model: PilotsModel, messages: MessageArea, aside: widgets.Widget) -> None:
        self.aside = aside
        super().__init__(model, messages)

    def build(self, model: PilotsModel) -> list[widgets.Widget]:
        self.study_metric = widgets.Dropdown(
            description="Study metric", options=[], style=STYLE, layout=SELECT
        )
        self.study_metric.add_class("pb-study-metric")
        self.evidence_box = html_box("pb-evidence")
        self.outputs = {
            "run": chart_output("pb-run-chart"),
            "change": chart_output("pb-change-chart", "220px"),
            "xmr": chart_output("pb-xmr-chart"),
        }
        children = [
            self.study_metric,
            widgets.HBox(
                [
                    widgets.VBox([self.evidence_box], layout=widgets.Layout(flex="1 1 380px")),
                    self.aside,
                ],
                layout=widgets.Layout(flex_flow="row wrap"),
            ),
            *self.outputs.values(),
        ]
        self.on_value(self._on_study_metric, self.study_metric)
        self.follow(SHOWN, lambda: model.pilot, self._show, hide=True)
        model.listen(MEASURED, self._study)
        return children

    def _show(self, p: pl.Pilot) -> None:
        with self.quiet():
            keep = self.study_metric.value
            ids = [m.id for m in p.metrics]
            self.study_metric.options = [(m.name, m.id) for m in p.metrics]
            self.study_metric.value = keep if keep in ids else (ids[0] if ids else None)
        self._study()

    def _on_study_metric(self, _change: Any = None) -> None:
        self._study()

    def _study(self) -> None:
        """Study the pilot again and show what the evidence says."""
        figures = self.model.figures
        for key in _CHARTS:
            figures.pop(key, None)
        p = self.model.pilot
        study = self.model.evaluate(self.study_metric.value)
        evidence = study.evidence
        if p is None or not p.metrics:
            self._evidence_text(["Add a metric and its measurements to see the evidence."])
        elif evidence is None:
            self._evidence_text([study.problem])
        else:
            lines = pl.summarize_evidence(evidence, self.model.content).split("\n")
            # the plain answer (the last line) first; the statistics below it
            self._evidence_text([lines[-1], lines[0]], evidence.verdict, lines[1:-1])
        if evidence is None:
            for out in self.outputs.values():
                out.clear_output()
        else:
            self.draw("run", self.outputs["run"], run_chart(evidence))
            if evidence.median_change is not None:
                self.draw("change", self.outputs["change"], change_chart(evidence))
            else:
                self.outputs["change"].clear_output()
            self.draw("xmr", self.outputs["xmr"], xmr_chart(evidence))
        self.model.announce(STUDIED)

    def _evidence_text(
        self, lines: list[str], verdict: str = "", method: list[str] | None = None
    ) -> None:
        """The answer in plain words (the first line in bold), then, under their own heading,
        the statistics it rests on (``method``) for whoever wants them."""
        head, *rest = lines
        paragraphs = (
            f"<p class='pb-verdict' style='margin:0.2em 0'><b>{esc(head)}</b></p>"
            + "".join(f"<p style='margin:0.2em 0'>{esc(line)}</p>" for line in rest)
        )
        if method:
            paragraphs += (
                "<div class='pb-method' style='margin-top:0.6em;font-size:0.92em'>"
                "<p style='margin:0.2em 0'><b>How this was worked out</b> (intervals, the run "
                "chart and the XmR chart):</p>"
                + "".join(f"<p style='margin:0.2em 0'>{esc(line)}</p>" for line in method)
                + "</div>"
            )
        self.evidence_box.value = (
            f"<div data-verdict='{esc(verdict)}' style='line-height:1.45'>{paragraphs}</div>"
        )
