"""3. Where the time goes: the split against the playbook's targets, and focus time."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

import playbook.charts.time_split as charts
import playbook.time_split as ts
from playbook.ui.common import MessageArea, Panel, chart_output, esc, heading, html_box
from playbook.ui.time_split.model import REFRESHED, STYLE, TimeSplitModel

#: Said instead of five empty charts while the range holds no hours.
NO_ENTRIES = (
    "No entries yet between {start:%d %b %Y} and {end:%d %b %Y}: import a calendar or a "
    "time-tracker export, or type a week, and the charts appear here."
)


class ResultsPanel(Panel[TimeSplitModel]):
    """The split, its charts, overlapping entries and focus time, redrawn on every change."""

    TITLE = "3. Where your time goes"

    def build(self, model: TimeSplitModel) -> list[widgets.Widget]:
        self.summary = html_box("pb-ts-summary")
        self.empty_note = html_box("pb-ts-empty")
        self.double_note = MessageArea()
        self.double_note.add_class("pb-ts-double-log")
        self.double_choice = widgets.Dropdown(
            description="Weeks in both",
            options=[("count the time tracker", "tracker"), ("count the calendar", "calendar")],
            style=STYLE,
        )
        self.double_choice.add_class("pb-ts-double-choice")
        self.double_box = widgets.VBox([self.double_note, self.double_choice])
        self.double_box.layout.display = "none"
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
        self.focus_heading = heading("Focus vs fragmented time", 4)
        children = [
            self.summary,
            self.empty_note,
            self.double_box,
            self.overlaps,
            self.outputs["split"],
            self.outputs["weekly"],
            self.outputs["trend"],
            self.outputs["community"],
            self.focus_heading,
            self.focus_text,
            self.outputs["focus"],
        ]
        self.on_value(self._on_double_choice, self.double_choice)
        model.listen(REFRESHED, self._show)
        return children

    def _on_double_choice(self, _change: Any = None) -> None:
        section = self.model.section
        self.model.save(section.model_copy(update={"double_log": self.double_choice.value}))
        self.model.refresh()

    def _show_double_log(self) -> None:
        section = self.model.section
        log = ts.double_log(section.entries, section.double_log)
        self.double_box.layout.display = None if log else "none"
        if log is None:
            self.double_note.clear()
            return
        self.double_note.show(ts.describe_double_log(log), "info")
        with self.quiet():
            self.double_choice.value = section.double_log

    def _show(self) -> None:
        m, c = self.model, self.model.content
        report = m.report()
        self._show_double_log()
        charted = (*self.outputs.values(), self.focus_heading, self.focus_text)
        for part in charted:
            part.layout.display = None if report.has_data else "none"
        if not report.has_data:
            # a plain sentence, not five empty charts with made-up axes
            self.empty_note.value = (
                f"<p>{esc(NO_ENTRIES.format(start=report.start, end=report.end))}</p>"
            )
            self.summary.value = ""
            self.overlaps.clear()
            for name, out in self.outputs.items():
                m.figures.pop(name, None)
                out.clear_output()
            return
        self.empty_note.value = ""
        self.summary.value = "".join(f"<p>{esc(line)}</p>" for line in ts.explain_split(report, c))
        in_range = [x.entry for x in m.counted if report.start <= x.entry.day <= report.end]
        overlap_text = ts.describe_overlaps(ts.find_overlaps(in_range, limit=1000))
        if overlap_text:
            self.overlaps.show(overlap_text, "info")
        else:
            self.overlaps.clear()
        focus = ts.focus_report(m.counted, c, m.range())
        self.focus_text.value = f"<p>{esc(ts.explain_focus(focus))}</p>"
        figures = {
            "split": charts.split_chart(report),
            "weekly": charts.weekly_chart(report, c),
            "trend": charts.trend_chart(report),
            "community": charts.community_chart(report, c),
            "focus": charts.focus_chart(focus),
        }
        for name, fig in figures.items():
            self.draw(name, self.outputs[name], fig)
