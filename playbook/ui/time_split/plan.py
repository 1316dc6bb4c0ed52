"""5. From technical work to leadership: a transition plan, and progress against it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

import playbook.time_split as ts
from playbook.charts.time_split import plan_chart
from playbook.errors import InputError
from playbook.ui.common import Panel, button, chart_output, esc, html_box, para
from playbook.ui.time_split.model import REFRESHED, STYLE, TimeSplitModel


class PlanPanel(Panel[TimeSplitModel]):
    """The plan's settings (saved as they change), its milestones and the weeks against it."""

    TITLE = "5. From technical work to leadership: a transition plan"

    def build(self, model: TimeSplitModel) -> list[widgets.Widget]:
        defaults = model.content.transition
        self.plan_start_share = widgets.BoundedIntText(
            description="Technical now (%)", min=0, max=100, style=STYLE
        )
        self.plan_start_share.add_class("pb-ts-plan-start")
        self.plan_target_share = widgets.BoundedIntText(
            description="Target (%)", min=0, max=100, style=STYLE
        )
        self.plan_target_share.add_class("pb-ts-plan-target")
        self.plan_months = widgets.BoundedIntText(
            description="Months", min=1, max=defaults.max_months, style=STYLE
        )
        self.plan_months.add_class("pb-ts-plan-months")
        self.plan_date = widgets.DatePicker(description="Starting", style=STYLE)
        self.plan_date.add_class("pb-ts-plan-date")
        self.measured_button = button("Use my measured share", "pb-ts-measured", "line-chart")
        self.plan_table = html_box("pb-ts-milestones")
        self.plan_progress = html_box("pb-ts-progress")
        self.plan_out = chart_output("pb-ts-plan-chart", "380px")
        children = [
            para(defaults.source),
            para(defaults.note),
            widgets.HBox([self.plan_start_share, self.plan_target_share, self.plan_months]),
            widgets.HBox([self.plan_date, self.measured_button]),
            self.plan_progress,
            self.plan_out,
            self.plan_table,
        ]
        fields = (self.plan_start_share, self.plan_target_share, self.plan_months, self.plan_date)
        self.on_value(self._on_plan, *fields)
        self.on_click(self.measured_button, self._on_measured)
        model.listen(REFRESHED, self._show)
        return children

    def fill(self) -> None:
        """Put the saved plan into the widgets (call inside the page's quiet())."""
        plan = self.model.section.plan
        self.plan_start_share.value = round(plan.start_share * 100)
        self.plan_target_share.value = round(plan.target_share * 100)
        self.plan_months.value = plan.months
        self.plan_date.value = plan.start_date

    def _settings(self) -> ts.PlanSettings:
        return ts.PlanSettings(
            start_share=self.plan_start_share.value / 100,
            target_share=self.plan_target_share.value / 100,
            months=self.plan_months.value,
            start_date=self.plan_date.value,
        )

    def _on_plan(self, _change: Any = None) -> None:
        settings = self._settings()
        ts.transition_plan(settings, self.model.content, today=dt.date.today())  # validates
        self.model.save(self.model.section.model_copy(update={"plan": settings}))
        self._show()

    def _on_measured(self, _button: Any = None) -> None:
        share = ts.measured_technical_share(self.model.report())
        if share is None:
            raise InputError("No working hours in the date range yet to measure from.")
        self.plan_start_share.value = round(share * 100)

    def _show(self) -> None:
        model = self.model
        report = model.report()
        settings = model.section.plan
        if settings.start_date is None:
            first = min((x.entry.day for x in model.classified), default=dt.date.today())
            settings = settings.model_copy(update={"start_date": first})
        plan = ts.transition_plan(settings, model.content, today=dt.date.today())
        progress = ts.plan_progress(plan, report)
        self.plan_progress.value = f"<p>{esc(ts.explain_progress(progress))}</p>"
        rows = "".join(
            f"<tr><td>{m.month}</td><td>{m.date:%d %b %Y}</td>"
            f"<td align=right>{m.technical_share:.0%}</td><td>{esc(m.checkpoint)}</td></tr>"
            for m in plan.milestones
        )
        self.plan_table.value = (
            "<table cellpadding='4' style='border-collapse:collapse'><tr><th>Month</th>"
            "<th align=left>By</th><th>Technical work</th><th align=left>Quality checkpoint</th>"
            f"</tr>{rows}</table>"
        )
        self.draw("plan", self.plan_out, plan_chart(plan, progress))
