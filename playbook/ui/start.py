"""The start page: a new private workbook, or resume one by link or by file."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from playbook.errors import ImportFileError
from playbook.session import Session, pages
from playbook.ui.common import MessageArea, WorkbookHeader, esc, guarded, heading, on_upload, para
from playbook.ui.common.cadence import CadencePanel

NOTEBOOK = "00_start.ipynb"


class StartView(widgets.VBox):
    """Start or resume a workbook; once one is open, list the workbooks with its links."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.add_class("pb-start")
        self.header = WorkbookHeader(
            session, NOTEBOOK, "The Production Manager's Playbook: your workbook"
        )
        self.messages = MessageArea()
        self.new_button = widgets.Button(
            description="Start a new private workbook",
            button_style="primary",
            icon="plus",
            layout=widgets.Layout(width="auto", align_self="flex-start"),
        )
        self.new_button.add_class("pb-new")
        self.link_input = widgets.Text(
            placeholder="Paste your private link (or its key)", layout=widgets.Layout(width="60%")
        )
        self.link_input.add_class("pb-resume-link")
        self.resume_button = widgets.Button(
            description="Open my workbook", icon="folder-open", layout=widgets.Layout(width="auto")
        )
        self.upload = widgets.FileUpload(
            accept=".json,application/json",
            multiple=False,
            description="Upload workbook file",
            layout=widgets.Layout(width="auto", align_self="flex-start"),
        )
        self.upload.add_class("pb-upload")
        self.workbook_list = widgets.HTML()
        self.workbook_list.add_class("pb-workbooks")
        self.cadence = CadencePanel(session)  # what is due, overdue, and the calendar

        self.new_button.on_click(guarded(self.messages, self._on_new))
        self.resume_button.on_click(guarded(self.messages, self._on_resume))
        on_upload(self.upload, self.messages, self._import)
        session.observe(self._refresh, names="revision")

        intro = para(
            "A coaching workbook after the article “The Production Manager's Playbook”. Work "
            "through it alone or with a mentor: choose a career path, find your leadership "
            "style, measure your time split, run pilot experiments and audit your system. "
            "Everything you enter is saved as you go, in a private workbook that only your "
            "private link opens."
        )
        self.choices = widgets.VBox(
            [
                heading("New here?"),
                self.new_button,
                heading("Coming back?"),
                widgets.HBox([self.link_input, self.resume_button]),
                para(
                    "…or upload a workbook file you downloaded earlier (for example from a workshop on Binder):"
                ),
                self.upload,
            ]
        )
        self.children = [
            self.header,
            intro,
            self.messages,
            self.choices,
            self.cadence,
            self.workbook_list,
        ]
        self._refresh()

    def _on_new(self, _button: Any = None) -> None:
        self.session.start_new()

    def _on_resume(self, _widget: Any = None) -> None:
        text = self.link_input.value.strip()
        if not text:
            self.messages.show("Paste the private link you bookmarked first.")
            return
        self.session.resume(text)
        self.link_input.value = ""
        self.messages.show("Welcome back: your workbook is open.", "success")

    def _import(self, name: str, data: bytes) -> None:
        try:
            if self.session.role == "owner":
                self.session.import_bytes(data)
                self.messages.show(
                    f"“{name}” was imported into this workbook. The previous contents are kept as a snapshot.",
                    "success",
                )
            else:
                self.session.start_from_file(data)
                self.messages.show(
                    f"“{name}” was imported into a new private workbook. Bookmark its private link above.",
                    "success",
                )
        except ImportFileError as err:
            raise ImportFileError(
                f"“{name}” could not be imported: {err} Nothing was changed."
            ) from None

    def _refresh(self, _change: Any = None) -> None:
        s = self.session
        if s.role != "owner":
            self.workbook_list.value = ""
            self.new_button.layout.display = None
            return
        self.new_button.layout.display = "none"
        self.upload.description = "Restore from a file"
        items = "".join(
            f'<li><a href="{esc(s.link(nb))}">{esc(title)}</a></li>' for nb, title in pages()[1:]
        )
        self.workbook_list.value = f"<h3>Your workbooks</h3><ol>{items}</ol>"
