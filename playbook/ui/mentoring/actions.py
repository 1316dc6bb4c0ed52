"""3. The actions of the session on screen: those agreed in it and those still open from
earlier sessions, each with its owner, due date and link; ticked off when done."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

import playbook.mentoring as ms
from playbook.ui.common import NO_MATH, Panel, TextCheckbox, button, esc, wide_text
from playbook.ui.common.dates import DateField
from playbook.ui.mentoring.model import SHOWN, STYLE, BoardModel, OwnerModel

NOTHING = ("(nothing)", "")


class ActionsPanel(Panel[BoardModel]):
    """Actions with an owner and a due date that carry to every later session until done; on
    the manager's page, each can be linked to a goal, a suggestion, a pilot or an audit
    action, where it shows once done."""

    TITLE = "3. Actions"

    def build(self, model: BoardModel) -> list[widgets.Widget]:
        self.actions_box = widgets.VBox()
        self.actions_box.add_class("pb-session-actions")
        self.action_text = wide_text("Action", "what will be done", "pb-new-action")
        self.action_owner = widgets.Dropdown(description="Owner", options=[], style=STYLE)
        self.action_owner.add_class("pb-new-action-owner")
        self.action_due = DateField("Due", "pb-new-action-due", label_width="150px")
        self.add_action_button = button("Add action", "pb-add-action", "plus")
        self.on_click(self.add_action_button, self._on_add)
        adding: list[widgets.Widget] = [
            self.action_text,
            widgets.HBox([self.action_owner, self.action_due]),
        ]
        if isinstance(model, OwnerModel):
            self.action_link = widgets.Dropdown(
                description="Linked to",
                options=[NOTHING],
                style=STYLE,
                layout=widgets.Layout(width="95%"),
            )
            self.action_link.add_class("pb-new-action-link")
            adding.append(self.action_link)
            self.on_value(lambda c: model.keep_draft(action=c["new"]), self.action_text)
            self.on_value(lambda c: model.keep_draft(owner=c["new"]), self.action_owner)
            self.on_value(lambda c: model.keep_draft(due=c["new"]), self.action_due)
        intro = widgets.HTML(
            "<p>An action carries to every later session until it is done. Tick it off in the "
            "session it was done in.</p>"
        )
        self.body = widgets.VBox(
            [intro, self.actions_box, *adding, widgets.HBox([self.add_action_button])]
        )
        self.follow(SHOWN, lambda: model.meeting, self._show, hide=True, part=self.body)
        return [self.body]

    def _show(self, meeting: ms.Meeting) -> None:
        m = self.model
        days = {s.id: s.day for s in m.section.sessions}
        rows = [self._row(x, days) for x in ms.actions_in(m.section, meeting.id)]
        self.actions_box.children = rows or [
            widgets.HTML("<p><i>No actions in this session yet.</i></p>")
        ]
        with self.quiet():
            self.action_owner.options = [
                (m.side("manager"), "manager"),
                (m.side("mentor"), "mentor"),
            ]
            due = meeting.day + dt.timedelta(days=m.content.defaults.action_days)
            if isinstance(m, OwnerModel):
                drafts = m.section.drafts
                self.action_link.options = [NOTHING, *m.link_options]
                self.action_text.value = drafts.action
                self.action_owner.value = drafts.owner
                self.action_due.value = (drafts.due or due).isoformat()
            elif not self.action_text.value:
                self.action_owner.value = "mentor"
                self.action_due.value = due.isoformat()

    def _row(self, x: ms.AgendaAction, days: dict[str, dt.date]) -> widgets.Widget:
        m, a = self.model, x.action
        box = TextCheckbox(a.text, x.done_here, "pb-session-action")
        box.checkbox.disabled = not m.can_mark(a)
        box.checkbox.observe(self.quietly(self._marker(a.id)), names="value")
        facts = [f"Owner: {m.side(a.owner, a.name if a.owner == 'mentor' else '')}"]
        facts.append(f"due {a.due.isoformat()}" if a.due else "no due date")
        facts.append(f"added by {m.side(a.side, a.name)}")
        if x.carried:
            facts.append(f"carried from the session of {days[a.session].isoformat()}")
        if a.done_in and not x.done_here:
            facts.append(f"done in the session of {days[a.done_in].isoformat()}")
        if a.link_label and not isinstance(m, OwnerModel):
            facts.append(f"linked to {a.link_label}")
        detail = widgets.HTML(
            f"<small class='pb-action-facts {NO_MATH}'>{' · '.join(map(esc, facts))}</small>"
        )
        parts: list[widgets.Widget] = [box, detail]
        controls: list[widgets.Widget] = []
        if isinstance(m, OwnerModel):
            link = widgets.Dropdown(
                description="Linked to",
                options=[NOTHING, *m.link_options, *_kept(a, m.link_options)],
                value=a.link,
                style={"description_width": "80px"},
                layout=widgets.Layout(width="70%"),
            )
            link.add_class("pb-action-link")
            link.observe(self.quietly(self._linker(a.id)), names="value")
            controls.append(link)
        if m.can_take_back(a):
            take_back = button("Take back", "pb-take-back-action", "undo")
            self.on_click(take_back, self._taker(a.id))
            controls.append(take_back)
        if controls:
            parts.append(widgets.HBox(controls))
        row = widgets.VBox(parts, layout=widgets.Layout(margin="0 0 8px 0"))
        row.add_class("pb-action-row")
        return row

    def _on_add(self, _button: Any = None) -> None:
        m = self.model
        text = self.action_text.value
        link = self.action_link.value if isinstance(m, OwnerModel) else ""
        with self.quiet():  # emptied before the action shows (as a point is)
            self.action_text.value = ""
        try:
            m.add_action(text, self.action_owner.value, self.action_due.value, link)
        except Exception:
            with self.quiet():
                self.action_text.value = text
            raise
        self.messages.show("Action added.", "success")

    def _marker(self, action_id: str) -> Any:
        def handler(change: Any) -> None:
            self.model.mark(action_id, bool(change["new"]))

        return handler

    def _linker(self, action_id: str) -> Any:
        def handler(change: Any) -> None:
            assert isinstance(self.model, OwnerModel)
            self.model.link(action_id, change["new"] or "")

        return handler

    def _taker(self, action_id: str) -> Any:
        def handler(_button: Any = None) -> None:
            self.model.take_back(action_id)

        return handler


def _kept(action: ms.Action, options: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """An action's link that is no longer offered (a goal removed, an audit action done) stays
    a choice, under the words it had, so that showing the row never changes it."""
    if action.link and action.link not in {v for _, v in options}:
        return [(action.link_label or action.link, action.link)]
    return []
