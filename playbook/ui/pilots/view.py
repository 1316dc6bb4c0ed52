"""The pilot-experiments page: plan a small experiment, measure, study the evidence, decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

import playbook.pilots as pl
from playbook.charts.pilots import run_chart
from playbook.ui.common import SectionView, claims_html, esc, para, warm_up
from playbook.ui.pilots.act import AdoptionPanel, DecisionPanel
from playbook.ui.pilots.catalogue import CataloguePanel
from playbook.ui.pilots.chooser import ChooserPanel
from playbook.ui.pilots.drafts import PilotDrafts
from playbook.ui.pilots.measurements import MeasurementsPanel
from playbook.ui.pilots.model import PilotsModel
from playbook.ui.pilots.plan import PlanPanel
from playbook.ui.pilots.study import StudyPanel


def _first_figure() -> Any:
    """Run the analysis once and build a chart, so that the first study shown does not pay for
    scipy's and plotly's first calls."""
    content = pl.load_content()
    metric = pl.metric_from_suggestion(content.metrics[0])
    start = dt.date(2026, 1, 5)
    values = [5.0, 6.0, 5.0, 4.0, 6.0, 5.0, 3.0, 3.0, 2.0, 4.0, 3.0, 2.0]
    pilot = pl.Pilot(
        id="warm-up",
        metrics=[metric],
        change_date=start + dt.timedelta(weeks=6),
        measurements=[
            pl.Measurement(metric=metric.id, date=start + dt.timedelta(weeks=i), value=v)
            for i, v in enumerate(values)
        ],
    )
    fast = content.thresholds.model_copy(update={"bootstrap_resamples": 200})
    evidence = pl.evaluate_metric(pilot, metric.id, fast)
    pl.summarize_evidence(evidence, content)
    return run_chart(evidence)


warm_up(_first_figure)


class PilotsView(SectionView):
    """Pilot experiments in the shape of a PDSA cycle, saved as the participant works.

    Plan (practice, project, question, prediction, teams, metrics), do (baseline start, change
    date, measurements by hand or CSV), study (run chart, XmR chart, change interval, evidence in
    plain words), act (adopt, adapt or abandon with a reason; adoption tracker). One panel per
    step, sharing a :class:`PilotsModel`.
    """

    content: pl.PilotsContent
    model: PilotsModel

    SECTION = "pilots"
    CONTENT = "The pilot workbook's content"
    CONTRIBUTOR_NOTE = "This page has nothing to fill in through a share link."
    PARTS = (
        "chooser",
        "catalogue",
        "plan_panel",
        "measurements",
        "study",
        "decision_panel",
        "adoption",
        "drafts",
    )

    def build(self) -> None:
        self.model = model = PilotsModel(self.session, self.content, self.quiet)
        self.chooser = ChooserPanel(model, self.messages)
        self.catalogue = CataloguePanel(model, self.messages)
        self.plan_panel = PlanPanel(model, self.messages)
        self.measurements = MeasurementsPanel(model, self.messages)
        self.decision_panel = DecisionPanel(model, self.messages)
        self.study = StudyPanel(model, self.messages, self.decision_panel)
        self.adoption = AdoptionPanel(model, self.messages)
        self.lay_out(
            widgets.VBox(
                [
                    para(self.content.intro),
                    self.chooser,
                    self.catalogue,
                    self.plan_panel,
                    self.measurements,
                    self.study,
                    self.adoption,
                ]
            ),
            self._about(),
        )
        self.drafts = PilotDrafts(
            model,
            self.messages,
            self.plan_panel,
            self.measurements,
            self.decision_panel,
            self.adoption,
        )
        self.start()

    @property
    def pilot(self) -> pl.Pilot | None:
        """The pilot on screen."""
        return self.model.pilot

    @property
    def evidence(self) -> pl.MetricEvidence | None:
        """The evidence for the metric studied, if there is any."""
        return self.model.study.evidence

    def reload(self) -> None:
        """Show the saved pilots (page load, new workbook, import)."""
        section = self.model.read()
        if self.model.unreadable:
            self.messages.show(" ".join(self.model.unreadable), "info")
        ids = [p.id for p in section.pilots]
        self.catalogue.reset()
        current = self.model.current
        self.model.show(current if current in ids else (ids[0] if ids else None))

    def _about(self) -> widgets.Widget:
        c = self.content
        advice = "".join(f"<li>{esc(a)}</li>" for a in c.advice)
        t = c.thresholds
        return widgets.HTML(
            f"<h3>The playbook's advice</h3><ul class='pb-advice'>{advice}</ul>"
            + claims_html(cl.text for cl in c.claims)
            + "<h4>How the evidence is read</h4><p class='pb-method'>"
            f"{esc(self._method_text(t))}</p>"
        )

    @staticmethod
    def _method_text(t: pl.PilotThresholds) -> str:
        return (
            "Run chart: the baseline median is the centre line; a run of points on one side "
            "longer than round(log2(n)) + 3, or fewer crossings of the median than the 5th "
            "percentile of Binomial(n - 1, 0.5), signals a non-random change (the Anhøj rules, "
            "as in the R package qicharts2). A long run that began before the change is not "
            "counted as the change's evidence (one that began at most "
            f"{t.run_head_start_max} point(s) before counts only through its points since the "
            "change). XmR chart: "
            f"{pl.XMR_REFERENCE}. The change in median and mean comes with a "
            f"bootstrap {round(100 * t.confidence_level)}% interval. No verdict is given with "
            f"fewer than {t.min_baseline_points} baseline points, {t.min_pilot_points} points "
            f"since the change, or {t.min_useful_points} points off the median: these minimums "
            "are the workbook's defaults (a coach can change them), not the article's."
        )
