"""3. Where the time goes: the split against the playbook's targets, and focus time."""

from __future__ import annotations

import ipywidgets as widgets

import playbook.charts.time_split as charts
import playbook.time_split as ts
from playbook.ui.common import MessageArea, Panel, chart_output, esc, heading, html_box
from playbook.ui.time_split.model import REFRESHED, TimeSplitModel


class ResultsPanel(Panel[TimeSplitModel]):
    """The split, its charts, overlapping entries and focus time, redrawn on every change."""

    TITLE = "3. Where your time goes"

    def build(self, model: TimeSplitModel) -> list[widgets.Widget]:
        self.summary = html_box("pb-ts-summary")
        self.overlaps = MessageArea()
        self.overlaps.add_class("pb-ts-overlaps")
        self.focus_text = html_box("pb-ts-focus")
        self.outputs = {
            "split": chart_output("pb-ts-split-chart", "260px"),
            "weekly": chart_output("pb-ts-weekly-chart", "380px"),
            "trend": chart_output("pb-ts-trend-chart", "380px"),
            "community": chart_output("pb-ts-community-chart", "380px"),
            "focus": chart_output("pb-ts-focus-chart", "380px"),
        }
        children = [
            self.summary,
            self.overlaps,
            self.outputs["split"],
            self.outputs["weekly"],
            self.outputs["trend"],
            self.outputs["community"],
            heading("Focus vs fragmented time", 4),
            self.focus_text,
            self.outputs["focus"],
        ]
        model.listen(REFRESHED, self._show)
        return children

    def _show(self) -> None:
        m, c = self.model, self.model.content
        report = m.report()
        self.summary.value = "".join(f"<p>{esc(line)}</p>" for line in ts.explain_split(report, c))
        in_range = [x.entry for x in m.classified if report.start <= x.entry.day <= report.end]
        overlap_text = ts.describe_overlaps(ts.find_overlaps(in_range, limit=1000))
        if overlap_text:
            self.overlaps.show(overlap_text, "info")
        else:
            self.overlaps.clear()
        focus = ts.focus_report(m.classified, c, m.range())
        self.focus_text.value = f"<p>{esc(ts.explain_focus(focus))}</p>"
        figures = {
            "split": charts.split_chart(report),
            "weekly": charts.weekly_chart(report, c),
            "trend": charts.trend_chart(report),
            "community": charts.community_chart(report),
            "focus": charts.focus_chart(focus),
        }
        for name, fig in figures.items():
            self.draw(name, self.outputs[name], fig)
