"""4. The impact log: what was delivered and how, against the competency trap."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

import playbook.plan as pn
from playbook.ui.common import NO_MATH, Panel, button, esc, html_box, para, wide_text
from playbook.ui.plan.model import RESULTS, PlanModel, dropdown

IMPACTS = "impacts"


class ImpactPanel(Panel[PlanModel]):
    """Entries of what was delivered, how (process, collaboration, innovation) and the
    measurable result, each linkable to a pilot or an audit action."""

    TITLE = "4. Impact log"

    def build(self, model: PlanModel) -> list[widgets.Widget]:
        c = model.content
        trap = para(c.competency_trap.text, "pb-competency-trap")
        self.delivered = wide_text(
            "What I delivered", "e.g. Season 2 locked on schedule", "pb-impact-delivered"
        )
        self.kind = dropdown(
            "How (kind)", [(f"{k.name}: {k.hint}", k.id) for k in c.impact_kinds], "pb-impact-kind"
        )
        self.how = wide_text(
            "How I did it",
            "the process, the collaboration or the innovation",
            "pb-impact-how",
            area=True,
        )
        self.result = wide_text(
            "Measurable result", "e.g. revisions down from 5 to 3 a cut", "pb-impact-result"
        )
        self.day = wide_text("Date", "YYYY-MM-DD (optional)", "pb-impact-day", width="330px")
        self.link = dropdown("Linked to", [("(nothing)", "")], "pb-impact-link")
        self.add_impact_button = button("Add to the log", "pb-add-impact", "plus")
        self.impacts_box = html_box("pb-impacts")
        self.on_click(self.add_impact_button, self._on_add)
        model.listen(RESULTS, self._show_links)
        model.listen(IMPACTS, self._show)
        return [
            trap,
            self.delivered,
            self.kind,
            self.how,
            self.result,
            self.day,
            self.link,
            widgets.HBox([self.add_impact_button]),
            self.impacts_box,
        ]

    def _show_links(self) -> None:
        with self.quiet():
            self.link.options = [("(nothing)", ""), *pn.link_options(self.model.results)]
        self._show()

    def _on_add(self, _button: Any = None) -> None:
        m = self.model
        section = pn.add_impact(
            m.section,
            m.content,
            delivered=self.delivered.value,
            kind=self.kind.value,
            how=self.how.value,
            result=self.result.value,
            day=self.day.value,
            link=self.link.value or "",
        )
        m.change(section, IMPACTS)
        self.delivered.value = self.how.value = self.result.value = self.day.value = ""

    def _show(self) -> None:
        m = self.model
        kinds = {k.id: k.name for k in m.content.impact_kinds}
        links = {v: label for label, v in pn.link_options(m.results)}
        items = []
        for i in reversed(m.section.impacts):
            link = f"<br>Linked to: {esc(links[i.link])}" if i.link in links else ""
            when = i.day.isoformat() if i.day else "undated"
            items.append(
                f"<li class='pb-impact'><b>{esc(i.delivered)}</b> ({esc(kinds.get(i.kind, i.kind))}, "
                f"{esc(when)})<br>How: {esc(i.how) or '–'}<br>Result: {esc(i.result)}{link}</li>"
            )
        self.impacts_box.value = (
            f"<ul class='{NO_MATH}'>{''.join(items)}</ul>"
            if items
            else "<p><i>No entries yet.</i></p>"
        )
