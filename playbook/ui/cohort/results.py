"""The cohort's tables, each as a chart with its numbers, the alphas, and the exports."""

from __future__ import annotations

import ipywidgets as widgets

from playbook.charts.cohort import alpha_chart, table_chart
from playbook.cohort.report import alpha_html, cohort_csv, cohort_html, table_html
from playbook.ui.cohort.model import CohortModel
from playbook.ui.common import chart_output, download_link, esc, heading, html_box, show_figure


class ResultsPanel(widgets.VBox):
    """Every aggregate table of the cohort in page order, redrawn when the cohort changes."""

    def __init__(self, model: CohortModel) -> None:
        super().__init__()
        self.model = model
        self.add_class("pb-cohort-results")
        self.summary = html_box("pb-cohort-summary")
        self.exports = html_box("pb-cohort-exports")
        self.body = widgets.VBox()
        self.children = [self.summary, self.exports, self.body]
        model.listen(self.refresh)

    def refresh(self) -> None:
        c = self.model.cohort
        if c is None:
            return
        where = "uploaded files" if self.model.source == "files" else "workbooks shared with you"
        books = "workbook" if c.n_workbooks == 1 else "workbooks"
        parts_word = "part" if c.unreadable_parts == 1 else "parts"
        self.summary.value = (
            f"<p><b data-workbooks='{c.n_workbooks}'>{c.n_workbooks} {books}</b> "
            f"({esc(where)}). Groups of fewer than {c.min_group} workbooks (a default of this "
            "workbook) are hidden, in the charts and the exports too; no text a participant "
            "typed is shown.</p>"
            + (
                f"<p>{c.unreadable_parts} workbook {parts_word} could not be read and "
                f"{'was' if c.unreadable_parts == 1 else 'were'} left out.</p>"
                if c.unreadable_parts
                else ""
            )
        )
        self.exports.value = (
            download_link(
                cohort_csv(c).encode("utf-8"),
                "cohort-tables.csv",
                "⬇ Download the tables (CSV)",
                mime="text/csv",
                cls="pb-cohort-csv",
            )
            + " &nbsp; "
            + download_link(
                cohort_html(c, self.model.content).encode("utf-8"),
                "cohort-report.html",
                "⬇ Download the report (HTML)",
                mime="text/html",
                cls="pb-cohort-html",
            )
        )
        parts: list[widgets.Widget] = []
        self.model.figures = {}
        content = self.model.content
        for t in c.tables:
            parts.append(heading(t.title, 4))
            if t.rows:  # a chart only with something to draw (never empty axes)
                out = chart_output(f"pb-cohort-chart-{t.id}", "340px")
                fig = table_chart(t)
                self.model.figures[t.id] = fig
                show_figure(out, fig)
                parts.append(out)
            else:
                empty = content.empty_hidden if t.hidden else content.empty_none
                parts.append(_empty(t.id, empty.format(min_group=t.min_group)))
            parts.append(widgets.HTML(table_html(t)))
        parts.append(
            heading("For coaches who write items: Cronbach's alpha of each leadership scale", 4)
        )
        if any(a.alpha is not None for a in c.alphas):
            out = chart_output("pb-cohort-chart-alpha", "320px")
            fig = alpha_chart(c.alphas)
            self.model.figures["alpha"] = fig
            show_figure(out, fig)
            parts.append(out)
        parts.append(widgets.HTML(alpha_html(c)))
        self.body.children = parts


def _empty(table_id: str, sentence: str) -> widgets.HTML:
    """The sentence shown in place of a chart with nothing to draw (content text, escaped)."""
    box = html_box(f"pb-cohort-empty-{table_id}")
    box.add_class("pb-cohort-empty")
    box.value = f"<p>{esc(sentence)}</p>"
    return box
