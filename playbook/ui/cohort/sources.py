"""Where the cohort comes from: workbook files uploaded at once (a workshop's), or the
workbooks shared with this coach on this server."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from playbook.session import page_url
from playbook.ui.cohort.model import CohortModel
from playbook.ui.common import MessageArea, button, esc, guarded, heading, html_box, para

NOTEBOOK = "07_cohort.ipynb"


class SourcesPanel(widgets.VBox):
    """Upload many workbook files; or, on the coach's own workbook, the shared ones."""

    def __init__(self, model: CohortModel, messages: MessageArea) -> None:
        super().__init__()
        self.model, self.messages = model, messages
        self.add_class("pb-cohort-sources")
        self.upload = widgets.FileUpload(
            accept=".json", multiple=True, description="Upload workbook files"
        )
        self.upload.add_class("pb-cohort-upload")
        self.upload.layout.width = "auto"
        self.upload.observe(self._on_upload, names="value")
        self.problems = html_box("pb-cohort-problems")
        self.shared_button = button(
            "Show the workbooks shared with me", "pb-cohort-shared", "users", "primary"
        )
        self.shared_button.on_click(guarded(messages, self._on_shared))
        self.coach_link = widgets.Text(
            description="Your coach link",
            layout=widgets.Layout(width="min(100%, 60em)"),
            style={"description_width": "initial"},
        )
        self.coach_link.add_class("pb-coach-link")
        shared: list[widgets.Widget] = [heading("Workbooks shared with you", 4)]
        if model.coach() is not None:
            self.coach_link.value = self._link(str(model.coach()))
            shared += [
                para(
                    "Send this link to the people you coach. Each opens it from their own "
                    "private link and chooses to share their workbook with you; they can "
                    "stop sharing at any time, and then it no longer counts here."
                ),
                self.coach_link,
                self.shared_button,
            ]
        else:
            shared.append(
                para(
                    "To let people share their workbooks with you on this server, open this "
                    "page from your own private link (any workbook page shows it)."
                )
            )
        self.children = [
            heading("Workbook files", 4),
            para(
                "Choose all the files at once (for example the files participants downloaded "
                "at the end of a workshop). They stay in this page only: nothing is saved."
            ),
            self.upload,
            self.problems,
            *shared,
        ]

    @staticmethod
    def _link(code: str) -> str:
        base = page_url() or NOTEBOOK
        return f"{base}?coach={code}"

    def _on_upload(self, _change: Any = None) -> None:
        if not self.upload.value:
            return
        guarded(self.messages, self._load)()

    def _load(self) -> None:
        files = [(str(f["name"]), bytes(f["content"])) for f in self.upload.value]
        self.upload.value = ()  # the same files can be chosen again
        # shown at once (widget updates leave during the callback); many files take a while
        self.messages.show(f"Reading {len(files)} workbook files…", "info")
        self.model.load_files(files)
        self.messages.clear()
        self.problems.value = "".join(
            f"<div class='pb-cohort-problem'>{esc(p.name)}: {esc(p.message)}</div>"
            for p in self.model.problems
        )

    def _on_shared(self, _button: Any = None) -> None:
        self.problems.value = ""
        self.messages.show("Reading the workbooks shared with you…", "info")
        self.model.load_shared()
        self.messages.clear()
