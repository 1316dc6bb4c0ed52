"""The community practice catalogue: each of the article's practices, quoted, as a pilot idea
with its suggested metric; "Pilot this practice" starts a pilot of it in one step, and "Count
its hours" makes the time split count its time as community time."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

import playbook.pilots as pl
from playbook.ui.common import NO_MATH, Panel, button, esc, html_box, para
from playbook.ui.pilots.model import NAMED, SHOWN, PilotsModel

#: The checkbox beside each practice (fixed words: a description is typeset).
COUNT_LABEL = "Count its hours as community time"


class PracticeCard(widgets.VBox):
    """One practice: the article's words, this workbook's idea and metric, and its two
    actions."""

    def __init__(self, practice: pl.Practice, content: pl.PilotsContent) -> None:
        metric = content.metric(practice.metric)
        self.practice = practice
        self.text = widgets.HTML(
            f"<div class='{NO_MATH}' style='line-height:1.45'>"
            f"<b>{esc(practice.name)}</b><br>"
            f"<i>The playbook: “{esc(practice.quote)}” ({esc(practice.section)}).</i><br>"
            f"{esc(practice.idea)}<br>"
            f"Suggested metric: <b>{esc(metric.name)}</b> ({esc(metric.better)} is better; "
            "this workbook's suggestion).<br>"
            f"<small>Its time in a calendar or time log: entries naming "
            f"{esc(', '.join(practice.keywords))}.</small></div>"
        )
        self.pilot_button = button("Pilot this practice", f"pb-pilot-{practice.id}", "flask")
        self.pilot_button.add_class("pb-pilot-practice")
        self.count = widgets.Checkbox(description=COUNT_LABEL, indent=False)
        self.count.layout.width = "auto"
        self.count.add_class("pb-count-practice")
        self.status = html_box("pb-card-status")
        super().__init__(
            [
                self.text,
                widgets.HBox(
                    [self.pilot_button, self.count], layout=widgets.Layout(flex_flow="row wrap")
                ),
                self.status,
            ],
            layout=widgets.Layout(
                border="1px solid #d0d7de", padding="6px 10px", margin="4px 0", width="95%"
            ),
        )
        self.add_class("pb-catalogue-card")
        self.add_class(f"pb-card-{practice.id}")


class CataloguePanel(Panel[PilotsModel]):
    """The catalogue, open while the workbook has no pilot and behind a button after."""

    def build(self, model: PilotsModel) -> list[widgets.Widget]:
        c = model.content
        self.cards = {p.id: PracticeCard(p, c) for p in c.practices}
        self.toggle = button("", "pb-catalogue-toggle", "list")
        self.body = widgets.VBox([para(c.practices_intro), *self.cards.values()])
        self.body.add_class("pb-catalogue")
        self.chosen_note = html_box("pb-practices-chosen")
        self.open = False
        for card in self.cards.values():
            self.on_click(card.pilot_button, self._pilot(card.practice))
            self.on_value(self._count(card.practice), card.count)
        self.on_click(self.toggle, self._on_toggle)
        model.listen(SHOWN, self._show)
        model.listen(NAMED, self._show)
        if not c.practices:
            self.layout.display = "none"
        return [widgets.HBox([self.toggle]), self.chosen_note, self.body]

    def reset(self) -> None:
        """Open the catalogue for a workbook without pilots, close it for one with some (page
        load, new workbook, import)."""
        self._set_open(not self.model.section.pilots)

    def _set_open(self, is_open: bool) -> None:
        self.open = is_open
        self.body.layout.display = None if is_open else "none"
        n = len(self.cards)
        self.toggle.description = (
            "Hide the community practices" if is_open else f"Community practices to pilot ({n})"
        )
        self.toggle.icon = "chevron-up" if is_open else "list"

    def _on_toggle(self, _button: Any = None) -> None:
        self._set_open(not self.open)

    def _show(self) -> None:
        section = self.model.section
        chosen = set(section.practices)
        started = pl.practice_pilots(section)
        with self.quiet():
            for pid, card in self.cards.items():
                card.count.value = pid in chosen
                pilots = started.get(pid, [])
                card.status.value = (
                    "<small>Piloted: "
                    + esc("; ".join(p.project or p.practice or p.id for p in pilots))
                    + "</small>"
                    if pilots
                    else ""
                )
        names = [p.name for p in pl.chosen_practices(section, self.model.content)]
        self.chosen_note.value = (
            f"<p class='{NO_MATH}'>Counted as community time in your time split: "
            f"{esc(', '.join(names))}.</p>"
            if names
            else ""
        )

    def _pilot(self, practice: pl.Practice) -> Any:
        def start(_button: Any = None) -> None:
            section, pilot = pl.pilot_practice(self.model.section, practice.id, self.model.content)
            self.model.save(section)
            self.model.show(pilot.id)
            self._set_open(False)
            metric = pilot.metrics[0].name
            self.messages.show(
                f"A new pilot of “{practice.name}”, with {metric} as its metric; its hours now "
                "count as community time in your time split. Name the project next, then add "
                "the baseline's measurements.",
                "success",
            )

        return start

    def _count(self, practice: pl.Practice) -> Any:
        def count(change: Any) -> None:
            section = pl.choose_practice(
                self.model.section, practice.id, bool(change["new"]), self.model.content
            )
            self.model.save(section)
            self._show()

        return count
