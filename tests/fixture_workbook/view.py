"""The fixture workbook's page: one text box per book (saved as typed, like every page)."""

from __future__ import annotations

import ipywidgets as widgets

from playbook.ui.common import SectionView


class ReadingView(SectionView):
    SECTION = "reading"

    def build(self) -> None:
        self.title = widgets.Text(description="Book")
        self.children = [self.header, self.messages, self.title]
        self.start()

    def reload(self) -> None:
        books = self.session.section("reading").get("books", [])
        self.title.value = books[-1]["title"] if books else ""
