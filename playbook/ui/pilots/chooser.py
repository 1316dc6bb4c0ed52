"""Choose the pilot on screen, start a new one, or delete it."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

import playbook.pilots as pl
from playbook.ui.common import Panel, button
from playbook.ui.pilots.model import NAMED, SELECT, SHOWN, STYLE, PilotsModel


class ChooserPanel(Panel[PilotsModel]):
    """The pilots by name; a delete needs a second click."""

    def build(self, model: PilotsModel) -> list[widgets.Widget]:
        self._confirm_delete = False
        self.pilot_select = widgets.Dropdown(
            description="Pilot", options=[], style=STYLE, layout=SELECT
        )
        self.pilot_select.add_class("pb-pilot-select")
        self.new_button = button("New pilot", "pb-new-pilot", "plus", "primary")
        self.delete_button = button("Delete this pilot", "pb-delete-pilot", "trash")
        children = [widgets.HBox([self.pilot_select, self.new_button, self.delete_button])]
        self.on_value(self._on_select, self.pilot_select)
        self.on_click(self.new_button, self._on_new)
        self.on_click(self.delete_button, self._on_delete)
        model.listen(SHOWN, self._show)
        model.listen(NAMED, self._show_names)
        return children

    def _show(self) -> None:
        has = self.model.pilot is not None
        self._show_names()
        self.delete_button.layout.display = None if has else "none"
        self.pilot_select.layout.display = None if has else "none"
        self._reset_delete()

    def _show_names(self) -> None:
        with self.quiet():
            self.pilot_select.options = [
                (f"{p.practice or 'Untitled pilot'}{' · ' + p.project if p.project else ''}", p.id)
                for p in self.model.section.pilots
            ]
            self.pilot_select.value = self.model.current

    def _on_select(self, change: Any) -> None:
        if change["new"] is not None:
            self.model.show(change["new"])

    def _on_new(self, _button: Any = None) -> None:
        pilot = pl.Pilot(id=pl.new_pilot_id(self.model.section))
        self.model.save_pilot(pilot)
        self.model.show(pilot.id)
        self.messages.show("A new pilot: describe the practice and the project first.", "info")

    def _reset_delete(self) -> None:
        self._confirm_delete = False
        self.delete_button.description = "Delete this pilot"
        self.delete_button.button_style = ""

    def _on_delete(self, _button: Any = None) -> None:
        pilot = self.model.pilot
        if pilot is None:
            return
        if not self._confirm_delete:
            self._confirm_delete = True
            self.delete_button.description = "Click again to delete it for good"
            self.delete_button.button_style = "danger"
            return
        section = pl.remove_pilot(self.model.section, pilot.id)
        self.model.save(section)
        self.model.show(section.pilots[0].id if section.pilots else None)
        self.messages.show("The pilot was deleted.", "info")
