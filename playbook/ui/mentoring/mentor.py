"""The page a mentor opens through the manager's session link: the sessions as a mentor may
see them, where the manager stands (if shared), and what the mentor adds."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

import playbook.mentoring as ms
from playbook.ui.common import NO_MATH, MessageArea, button, esc, guard, heading, html_box, para
from playbook.ui.mentoring.actions import ActionsPanel
from playbook.ui.mentoring.agenda import AgendaPanel
from playbook.ui.mentoring.model import SHOWN, WITHDRAWN, MentorModel
from playbook.ui.mentoring.sessions import SessionsPanel


class MentorPage(widgets.VBox):
    """The mentor's page. Every panel reads ``model.section``, which is only ever the owner's
    section through :func:`playbook.mentoring.for_mentor`; when the link is withdrawn, the
    page empties itself and says so."""

    def __init__(
        self, model: MentorModel, messages: MessageArea, content: ms.MentoringContent
    ) -> None:
        super().__init__()
        self.add_class("pb-mentor-sessions")
        self.model, self.messages, self.content = model, messages, content
        self.title = heading("", 2)
        self.intro = para("")
        self.refresh_button = button("Check for new additions", "pb-refresh-mentor", "refresh")
        self.refresh_button.on_click(self._on_refresh)
        self.sessions_panel = SessionsPanel(model, messages)
        self.agenda_panel = AgendaPanel(model, messages)
        self.actions_panel = ActionsPanel(model, messages)
        self.standing_box = html_box("pb-mentor-standing")
        model.listen(SHOWN, self._show)
        model.listen(WITHDRAWN, self._withdrawn)
        self.children = [
            self.title,
            self.intro,
            widgets.HBox([self.refresh_button]),
            self.sessions_panel,
            self.agenda_panel,
            self.actions_panel,
            self.standing_box,
        ]

    def _show(self) -> None:
        m = self.model
        manager = ms.manager_name(m.section, self.content)
        title = self.content.mentor_title.format(manager=manager)
        self.title.value = f"<h2 class='{NO_MATH}'>{esc(title)}</h2>"
        self.intro.value = (
            f"<div class='pb-text {NO_MATH}'>{esc(ms.mentor_intro(m.section, self.content))}</div>"
        )
        if not m.section.sessions:
            self.sessions_panel.sessions_list.value = (
                f"<p class='{NO_MATH}'><i>{esc(manager)} has not started a session yet: "
                "check again later.</i></p>"
            )
        self.standing_box.value = self._standing()

    def _standing(self) -> str:
        rows = self.model.standing
        if rows is None:
            return ""
        blocks = []
        for s in rows:
            lines = "".join(f"<li>{esc(x)}</li>" for x in s.lines)
            if s.todo:
                lines += f"<li><i>Not done yet: {esc(s.todo)}</i></li>"
            blocks.append(
                f"<div class='pb-standing-{esc(s.section)} {NO_MATH}'><b>{esc(s.title)}</b> "
                f"({esc(s.state)})<ul>{lines}</ul></div>"
            )
        title = self.content.mentor_standing_title
        return f"<h3>{esc(title)}</h3>" + "".join(blocks)

    def _withdrawn(self) -> None:
        # nothing of the sessions stays on the page (the message says why, in place)
        self.children = []
        self.messages.show(self.content.links.withdrawn, "error")

    def _on_refresh(self, _button: Any = None) -> None:
        with guard(self.messages):
            self.model.refresh()
            self.messages.show("Up to date.", "success")

    def start(self) -> None:
        """Read the sessions and show them; when the link no longer works, or the sessions
        cannot be read, say so in place instead."""
        shown = False
        with guard(self.messages):
            self.model.read()
            self.model.show()
            shown = True
        if not shown:
            self.children = []
