"""A participant's side of a coach's link: share my workbook with this coach, or stop."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from playbook.cohort import check_coach_code
from playbook.session import Session
from playbook.ui.common import MessageArea, button, guarded, heading, html_box, para


class SharePanel(widgets.VBox):
    """Shown when the page is opened through a coach's link (``?coach=<code>``).

    Sharing is the owner's explicit choice, made here, and withdrawn here: the coach then no
    longer counts the workbook. What the coach sees is aggregates over many workbooks, never
    this workbook on its own and never its text.
    """

    def __init__(self, session: Session, code: str, messages: MessageArea) -> None:
        super().__init__()
        self.session, self.messages = session, messages
        self.add_class("pb-cohort-share")
        self.code = check_coach_code(code)
        self.state = html_box("pb-cohort-share-state")
        self.share_button = button(
            "Share my workbook with this coach", "pb-cohort-share-button", "share", "primary"
        )
        self.stop_button = button("Stop sharing", "pb-cohort-stop-button", "times")
        self.link_input = widgets.Text(
            description="Your private link",
            placeholder="Paste the private link you bookmarked",
            layout=widgets.Layout(width="min(100%, 60em)"),
            style={"description_width": "initial"},
        )
        self.link_input.add_class("pb-cohort-own-link")
        self.open_button = button("Open my workbook", "pb-cohort-open", "folder-open")
        self.share_button.on_click(guarded(messages, self._on_share))
        self.stop_button.on_click(guarded(messages, self._on_stop))
        self.open_button.on_click(guarded(messages, self._on_open))
        self.open_box = widgets.VBox([self.link_input, self.open_button])
        self.owner_box = widgets.VBox(
            [self.state, widgets.HBox([self.share_button, self.stop_button])]
        )
        self.children = [
            heading("Share your workbook with your coach", 3),
            para(
                "Your coach sees counts and averages over all the workbooks shared with them, "
                "with small groups hidden: never your workbook on its own, and none of the text "
                "you typed. You can stop sharing at any time."
            ),
            self.open_box,
            self.owner_box,
        ]
        self._refresh()

    def _refresh(self) -> None:
        s = self.session
        owner = s.role == "owner" and s.workbook_id is not None
        self.owner_box.layout.display = None if owner else "none"
        self.open_box.layout.display = "none" if owner else None
        if not owner:
            return
        shared = s.store.shared_with_coach(str(s.workbook_id), self.code)
        self.share_button.disabled, self.stop_button.disabled = shared, not shared
        self.state.value = (
            "<b data-shared='yes'>Your workbook is shared with this coach.</b>"
            if shared
            else "<span data-shared='no'>Your workbook is not shared with this coach.</span>"
        )

    def _on_open(self, _button: Any = None) -> None:
        self.session.resume(self.link_input.value)
        self.link_input.value = ""
        self._refresh()

    def _on_share(self, _button: Any = None) -> None:
        self.session.store.share_with_coach(self._owned(), self.code)
        self._refresh()
        self.messages.show("Shared. Your coach's view now counts your workbook.", "success")

    def _on_stop(self, _button: Any = None) -> None:
        self.session.store.revoke_coach_share(self._owned(), self.code)
        self._refresh()
        self.messages.show("You stopped sharing: your coach's view no longer counts it.", "info")

    def _owned(self) -> str:
        if self.session.role != "owner" or self.session.workbook_id is None:
            from playbook.errors import InputError

            raise InputError("Open your own workbook first (paste your private link).")
        return self.session.workbook_id
