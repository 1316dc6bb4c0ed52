"""7. Future trends: a learning plan against the article's three, for the 10% target."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

import playbook.plan as pn
from playbook.ui.common import Panel, button, esc, html_box, para, wide_text
from playbook.ui.plan.model import RESULTS, PlanModel, dropdown, removable

LEARNING = "learning"


class TrendsPanel(Panel[PlanModel]):
    """What one will learn for each trend, in hours a month, against the learning target."""

    TITLE = "7. Future trends: my learning plan"

    def build(self, model: PlanModel) -> list[widgets.Widget]:
        t = model.content.trends
        self.trend = dropdown("Trend", [(x.name, x.id) for x in t.items], "pb-trend")
        self.trend_hint = html_box("pb-trend-hint")
        self.learning_action = wide_text("What I will learn", "", "pb-learning-action")
        self.learning_hours = widgets.BoundedFloatText(
            value=2,
            min=0.5,
            max=200,
            step=0.5,
            description="Hours a month",
            style={"description_width": "150px"},
        )
        self.learning_hours.add_class("pb-learning-hours")
        self.add_learning_button = button("Add to the plan", "pb-add-learning", "plus")
        self.learning_box = widgets.VBox()
        self.learning_box.add_class("pb-learning")
        self.learning_check = html_box("pb-learning-check")
        self.trend.observe(lambda _c: self._hint(), names="value")
        self.on_click(self.add_learning_button, self._on_add)
        model.listen(LEARNING, self._show)
        model.listen(RESULTS, self._show)
        self._hint()
        return [
            para(t.intro),
            self.trend,
            self.trend_hint,
            self.learning_action,
            widgets.HBox([self.learning_hours, self.add_learning_button]),
            self.learning_box,
            self.learning_check,
        ]

    def _hint(self) -> None:
        item = next(x for x in self.model.content.trends.items if x.id == self.trend.value)
        self.trend_hint.value = f"<small>{esc(item.hint)}</small>"

    def _on_add(self, _button: Any = None) -> None:
        m = self.model
        section = pn.add_learning(
            m.section,
            m.content,
            self.trend.value,
            self.learning_action.value,
            float(self.learning_hours.value),
        )
        m.change(section, LEARNING)
        self.learning_action.value = ""

    def _show(self) -> None:
        m = self.model
        names = {x.id: x.name for x in m.content.trends.items}
        self.learning_box.children = [
            removable(self, _listed(item, names), LEARNING, item.id, "pb-remove-learning")
            for item in m.section.learning
        ]
        check = pn.check_learning(m.section, m.results.time_split, m.content)
        self.learning_check.value = f"<p>{esc(check.text)}</p>"


def _listed(item: pn.Learning, names: dict[str, str]) -> str:
    """A row of the learning plan as the list shows it: the trend, what and how long (HTML)."""
    return (
        f"<b>{esc(names.get(item.trend, item.trend))}</b>: "
        f"{esc(item.action)} ({item.hours:g} h a month)"
    )
