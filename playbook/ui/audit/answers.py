"""1. The owner's answers for the quarter, and notes; 2. the scores and the pitfalls."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

import playbook.audit as au
from playbook.charts.audit import scores_chart, trend_chart
from playbook.ui.audit.model import SCORED, SHOWN, AuditModel, item_widgets, questions
from playbook.ui.common import Panel, esc, heading, html_box, text_input


class AnswersPanel(Panel[AuditModel]):
    """The statements, answered one click at a time (each saved at once), and notes."""

    TITLE = "1. Your answers for the quarter"

    def build(self, model: AuditModel) -> list[widgets.Widget]:
        self.items = item_widgets(model.content)
        self.notes = text_input("Notes", cls="pb-notes", width="95%", area=True)
        children = [
            *questions(model.content, self.items),
            self.notes,
        ]
        for w in self.items.values():
            w.buttons.observe(self.quietly(self._on_answer), names="value")
        self.on_value(self._on_notes, self.notes)
        self.follow(SHOWN, lambda: model.quarter, self._show)
        return children

    def _show(self, q: au.AuditQuarter) -> None:
        with self.quiet():
            for iid, w in self.items.items():
                w.buttons.value = q.answers.get(iid)
            self.notes.value = q.notes

    def _on_answer(self, change: Any) -> None:
        q = self.model.quarter
        if q is None:
            return
        item_id = next(i for i, w in self.items.items() if w.buttons is change["owner"])
        self.model.save_quarter(au.set_answer(q, item_id, change["new"], self.model.content))
        self.model.score()

    def _on_notes(self, _change: Any = None) -> None:
        q = self.model.quarter
        if q is not None:
            self.model.save_quarter(q.model_copy(update={"notes": self.notes.value}))


class ScoresPanel(Panel[AuditModel]):
    """Area scores beside colleagues', the pitfalls they point to, and the trend."""

    TITLE = "2. Scores and the pitfalls they point to"

    def build(self, model: AuditModel) -> list[widgets.Widget]:
        self.scores = html_box("pb-scores")
        self.scores_out = widgets.Output(layout=widgets.Layout(min_height="360px"))
        self.scores_out.add_class("pb-scores-chart")
        self.pitfalls = html_box("pb-pitfalls")
        self.trend_out = widgets.Output(layout=widgets.Layout(min_height="340px"))
        self.trend_out.add_class("pb-trend-chart")
        model.listen(SCORED, self._show)
        children = [
            self.scores,
            self.scores_out,
            self.pitfalls,
            heading("Trend across quarters", 4),
            self.trend_out,
        ]
        return children

    def _show(self) -> None:
        m = self.model
        q, c, own, agg = m.quarter, m.content, m.own, m.aggregate
        assert q is not None and agg is not None
        rows = []
        for area in c.areas:
            mine = own[area.id]
            theirs = agg.area_means.get(area.id)
            answered = sum(1 for i in area.items if i.id in q.answers)
            text = (
                f"{mine:.1f}" if mine is not None else f"{answered} of {len(area.items)} answered"
            )
            col = f"{theirs:.1f}" if theirs is not None else "–"
            rows.append(
                f"<tr><td>{esc(area.name)}</td><td align=center>{esc(text)}</td>"
                f"<td align=center>{esc(col)}</td></tr>"
            )
        self.scores.value = (
            "<table cellpadding=4 style='border-collapse:collapse'><tr><th align=left>Area</th>"
            "<th>You</th><th>Colleagues</th></tr>" + "".join(rows) + "</table>"
        )
        flags = au.pitfalls_indicated(own, c, agg)
        if flags:
            items = "".join(
                f"<li><b>{esc(f.pitfall.name)}</b>: {esc(f.reason)} {esc(f.pitfall.remedy)}</li>"
                for f in flags
            )
            self.pitfalls.value = f"<ul>{items}</ul>"
        elif all(v is not None for v in own.values()):
            self.pitfalls.value = "<p>No area points to a pitfall this quarter.</p>"
        else:
            self.pitfalls.value = "<p><i>Pitfalls are shown as the areas are answered.</i></p>"
        self.draw("scores", self.scores_out, scores_chart(own, c, agg))
        trend = au.audit_trend(m.section, c)
        if trend:
            self.draw("trend", self.trend_out, trend_chart(trend, c))
        else:
            m.figures.pop("trend", None)
            self.trend_out.clear_output()
