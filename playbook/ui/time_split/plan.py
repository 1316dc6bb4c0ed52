"""6. From technical work to leadership: a transition plan, and progress against it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

import playbook.time_split as ts
from playbook.charts.time_split import plan_chart
from playbook.errors import InputError
from playbook.ui.common import MessageArea, Panel, button, chart_output, esc, html_box, para
from playbook.ui.time_split.model import REFRESHED, STYLE, TimeSplitModel


class PlanPanel(Panel[TimeSplitModel]):
    """The plan's settings (saved as they change), its milestones and the weeks against it."""

    TITLE = "6. From technical work to leadership: a transition plan"

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
        # beside the fields, not at the top of the page, out of view
        self.plan_messages = MessageArea()
        self.plan_messages.add_class("pb-ts-plan-messages")
        self.plan_table = html_box("pb-ts-milestones")
        self.plan_progress = html_box("pb-ts-progress")
        self.plan_out = chart_output("pb-ts-plan-chart", "380px")
        children = [
            para(defaults.source),
            para(defaults.note),
            widgets.HBox([self.plan_start_share, self.plan_target_share, self.plan_months]),
            widgets.HBox([self.plan_date, self.measured_button]),
            self.plan_messages,
            self.plan_progress,
            self.plan_out,
            self.plan_table,
        ]
        fields = (self.plan_start_share, self.plan_target_share, self.plan_months, self.plan_date)
        self.on_value(self._on_plan, *fields, messages=self.plan_messages)
        self.on_click(self.measured_button, self._on_measured, self.plan_messages)
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
        try:
            ts.transition_plan(settings, self.model.content, today=dt.date.today())  # validates
        except InputError as err:
            saved = self.model.section.plan
            raise InputError(
                f"{err} The plan shown below is still the saved one "
                f"({saved.start_share:.0%} to {saved.target_share:.0%}) until this is fixed."
            ) from None
        self.model.save(self.model.section.model_copy(update={"plan": settings}))
        self.plan_messages.clear()
        self._show()

    def _on_measured(self, _button: Any = None) -> None:
        share = ts.measured_technical_share(self.model.report())
        if share is None:
            raise InputError("No working hours in the date range yet to measure from.")
        measured, target = round(share * 100), self.plan_target_share.value
        if measured <= target:
            # a start the plan cannot use is not put into the field
            raise InputError(
                f"Your measured hands-on technical share is {measured}%, already at or below "
                f"your {target}% target: the plan has nothing to reduce. Lower the target "
                f"below {measured}% first to plan from your measured share."
            )
        self.plan_start_share.value = measured  # saved and drawn by _on_plan
        if self.model.section.plan.start_share == measured / 100:
            self.plan_messages.show(
                f"The plan now starts from your measured {measured}% hands-on technical work.",
                "success",
            )

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
