"""4. Actions with owners, the ones still open from earlier quarters, and the next audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

import playbook.audit as au
from playbook.errors import InputError
from playbook.ui.audit.model import SHOWN, STYLE, AuditModel
from playbook.ui.common import Panel, TextCheckbox, button, esc, html_box, text_input
from playbook.ui.common.dates import DateField


class ActionsPanel(Panel[AuditModel]):
    """The quarter's actions (ticked off as they are done) and the date of the next audit."""

    TITLE = "4. Actions with owners, and the next audit"

    def build(self, model: AuditModel) -> list[widgets.Widget]:
        self.action_text = text_input(
            "Action", "e.g. Train a second contact for rigging", "pb-action-text", width="95%"
        )
        self.action_owner = text_input("Owner", "who will do it", "pb-action-owner")
        self.action_area = widgets.Dropdown(
            description="Area",
            options=[("(any)", "")] + [(a.name, a.id) for a in model.content.areas],
            style=STYLE,
        )
        self.action_due = DateField("Due (optional)", "pb-action-due")
        self.add_action_button = button("Add action", "pb-add-action", "plus")
        self.actions_box = widgets.VBox()
        self.actions_box.add_class("pb-actions")
        self.open_actions = html_box("pb-open-actions")
        self.next_audit = DateField("Next audit", "pb-next-audit")
        children = [
            self.action_text,
            widgets.HBox([self.action_owner, self.action_area]),
            widgets.HBox([self.action_due, self.add_action_button]),
            self.actions_box,
            self.open_actions,
            self.next_audit,
        ]
        self.on_click(self.add_action_button, self._on_add_action)
        self.on_value(self._on_next_audit, self.next_audit)
        self.follow(SHOWN, lambda: model.quarter, self._show)
        return children

    def _show(self, q: au.AuditQuarter) -> None:
        with self.quiet():
            self.next_audit.value = q.next_audit.isoformat() if q.next_audit else ""
        self._show_actions(q)

    def _on_add_action(self, _button: Any = None) -> None:
        q = self.model.quarter
        if q is None:
            return
        quarter = au.add_action(
            q,
            self.action_text.value,
            self.action_owner.value,
            self.action_area.value or None,
            self.action_due.value,
        )
        self.model.save_quarter(quarter)
        self.action_text.value = self.action_owner.value = self.action_due.value = ""
        self._show_actions(quarter)

    def _show_actions(self, q: au.AuditQuarter) -> None:
        rows: list[widgets.Widget] = []
        for index, action in enumerate(q.actions):
            due = f", due {action.due.isoformat()}" if action.due else ""
            box = TextCheckbox(
                f"{action.text} (owner: {action.owner}{due})", action.done, "pb-action"
            )
            box.checkbox.observe(self.quietly(self._done_handler(index)), names="value")
            rows.append(box)
        self.actions_box.children = rows
        earlier = [
            (label, a) for label, a in au.open_actions(self.model.section) if label < q.quarter
        ]
        if earlier:
            items = "".join(
                f"<li>{esc(label)}: {esc(a.text)} (owner: {esc(a.owner)})</li>"
                for label, a in earlier
            )
            self.open_actions.value = f"<p>Still open from earlier quarters:</p><ul>{items}</ul>"
        else:
            self.open_actions.value = ""

    def _done_handler(self, index: int) -> Any:
        def handler(change: Any) -> None:
            q = self.model.quarter
            if q is not None:
                self.model.save_quarter(au.set_action_done(q, index, bool(change["new"])))

        return handler

    def _on_next_audit(self, _change: Any = None) -> None:
        q = self.model.quarter
        if q is None:
            return
        text = self.next_audit.value.strip()
        try:
            when = dt.date.fromisoformat(text) if text else None
        except ValueError:
            raise InputError(f'"{text}" is not a date: write it as YYYY-MM-DD.') from None
        self.model.save_quarter(q.model_copy(update={"next_audit": when}))
