"""The form a colleague opens through the owner's share link: the questions and a send button."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

import playbook.audit as au
from playbook.errors import InputError
from playbook.session import Session
from playbook.ui.audit.model import item_widgets, questions
from playbook.ui.common import MessageArea, button, guarded, heading, para, text_input


class ColleagueForm(widgets.VBox):
    """A colleague's answers for one quarter; they never see the owner's or other colleagues'."""

    def __init__(
        self, session: Session, content: au.AuditContent, quarter: str, messages: MessageArea
    ) -> None:
        super().__init__()
        self.session, self.content, self.messages = session, content, messages
        self.quarter_label = quarter
        self.items = item_widgets(content)
        self.department = text_input("Your department", "e.g. Editorial", "pb-department")
        self.submit_button = button(
            "Send my answers", "pb-colleague-submit", "paper-plane", "primary"
        )
        self.submit_button.on_click(guarded(messages, self._on_submit))
        self.children = [
            heading(f"Quarterly audit {quarter}: your view"),
            para(content.colleague_intro),
            self.department,
            *questions(content, self.items),
            self.submit_button,
        ]
        self.add_class("pb-colleague-form")

    def _on_submit(self, _button: Any = None) -> None:
        answers = {iid: w.buttons.value for iid, w in self.items.items() if w.buttons.value}
        if not answers:
            raise InputError("Answer at least one statement before sending.")
        checked = au.check_colleague_answers(answers, self.content)
        payload = {
            "quarter": self.quarter_label,
            "department": self.department.value.strip()[:80],
            "answers": checked,
        }
        self.session.contribute(payload)
        self.submit_button.disabled = True
        for w in self.items.values():
            w.buttons.disabled = True
        self.messages.show(
            "Thank you: your answers were sent. They are shown only as an average with other "
            "colleagues' answers.",
            "success",
        )
