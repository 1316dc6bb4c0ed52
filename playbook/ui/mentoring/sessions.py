"""1. The sessions: start one, choose the one on screen, plan the next, and the list of all of
them (both sides see it)."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

import playbook.mentoring as ms
from playbook.errors import InputError
from playbook.ui.common import NO_MATH, Panel, button, esc, html_box, table_html
from playbook.ui.common.dates import DateField
from playbook.ui.mentoring.model import SHOWN, STYLE, BoardModel, OwnerModel


class SessionsPanel(Panel[BoardModel]):
    """The list of sessions and the one on screen; on the manager's page, starting a session
    and planning the next one."""

    TITLE = "1. Sessions"

    def build(self, model: BoardModel) -> list[widgets.Widget]:
        self.session_select = widgets.Dropdown(
            description="Session on screen",
            options=[],
            style=STYLE,
            layout=widgets.Layout(width="360px"),
        )
        self.session_select.add_class("pb-session-select")
        self.next_text = html_box("pb-next-session-text")
        self.sessions_list = html_box("pb-sessions-list")
        self.on_value(self._on_select, self.session_select)
        model.listen(SHOWN, self._show)
        children: list[widgets.Widget] = []
        if isinstance(model, OwnerModel):
            d = model.content.defaults
            self.new_day = DateField("New session on", "pb-new-session-day", label_width="150px")
            self.start_button = button("Start a session", "pb-start-session", "plus", "primary")
            self.next_day = DateField("Next session", "pb-next-session", label_width="150px")
            self.remove_button = button("Remove this empty session", "pb-remove-session", "trash")
            self.on_click(self.start_button, self._on_start)
            self.on_click(self.remove_button, lambda _b: model.remove_session())
            self.on_value(self._on_next, self.next_day)
            children = [
                widgets.HBox([self.new_day, self.start_button]),
                widgets.HBox([self.session_select, self.remove_button]),
                self.next_day,
                widgets.HTML(
                    f"<small class='{NO_MATH}'>A new session plans the next one "
                    f"{d.next_session_days} days later (a default of this workbook): change "
                    "the date, or clear it.</small>"
                ),
            ]
        else:
            children = [self.session_select, self.next_text]
        return [*children, self.sessions_list]

    def _show(self) -> None:
        m = self.model
        section = m.section
        ordered = section.ordered()
        with self.quiet():
            self.session_select.options = [
                (ms.session_label(s.day), s.id) for s in reversed(ordered)
            ]
            self.session_select.value = m.current
            if isinstance(m, OwnerModel):
                self.next_day.value = section.next_day.isoformat() if section.next_day else ""
                taken = {s.day for s in ordered}
                planned = section.next_day if section.next_day not in taken else None
                self.new_day.value = (planned or m.today()).isoformat()
        self.session_select.layout.display = None if ordered else "none"
        if isinstance(m, OwnerModel):
            self.remove_button.layout.display = None if _removable(section, m.current) else "none"
        nxt = section.next_day
        self.next_text.value = (
            f"<p class='{NO_MATH}'>{esc(ms.session_label(nxt, next_day=True))}.</p>" if nxt else ""
        )
        self.sessions_list.value = (
            self._table(section) if ordered else ("<p><i>No session yet.</i></p>")
        )

    def _table(self, section: ms.MentoringSection) -> str:
        held = ms.held(section)
        rows = []
        for s in reversed(section.ordered()):
            points = [p for p in section.points if p.session == s.id]
            private = sum(p.private for p in points)
            added = sum(a.session == s.id for a in section.actions)
            done = sum(a.done_in == s.id for a in section.actions)
            rows.append(
                (
                    s.day.isoformat(),
                    f"{len(points)}" + (f" ({private} private)" if private else ""),
                    str(added),
                    str(done),
                    "held" if s.id in held else "planned",
                )
            )
        header = ("Date", "Agenda points", "Actions agreed", "Actions done", "State")
        return "<h4>All sessions</h4>" + table_html(header, rows, "pb-sessions-table")

    def _on_select(self, change: Any) -> None:
        if change["new"]:
            self.model.show(change["new"])

    def _on_start(self, _button: Any = None) -> None:
        assert isinstance(self.model, OwnerModel)
        self.model.start_session(self.new_day.value)
        self.messages.show(
            f"Started the {ms.session_label(self.model.require_meeting().day)}.", "success"
        )

    def _on_next(self, _change: Any) -> None:
        assert isinstance(self.model, OwnerModel)
        self.model.plan_next(self.next_day.value)
        self.model.show()


def _removable(section: ms.MentoringSection, session_id: str | None) -> bool:
    """Whether the session on screen holds nothing (only such a session can be removed)."""
    if session_id is None:
        return False
    try:
        ms.remove_session(section, session_id)
    except InputError:
        return False
    return True
