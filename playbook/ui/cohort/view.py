"""The coach's cohort page: sources, then every aggregate as a chart with its numbers.

Not a :class:`~playbook.ui.common.SectionView`: the page keeps no section of its own. It reads
other workbooks' results through :mod:`playbook.cohort` (the domain contract), and, opened
through a coach's link (``?coach=<code>``), lets a participant share their own workbook with
that coach or stop sharing.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from playbook.charts.cohort import table_chart
from playbook.cohort import Contents, Table, load_content
from playbook.errors import PlaybookError
from playbook.session import Session, request_query
from playbook.ui.cohort.model import CohortModel
from playbook.ui.cohort.results import ResultsPanel
from playbook.ui.cohort.share import SharePanel
from playbook.ui.cohort.sources import NOTEBOOK, SourcesPanel
from playbook.ui.common import MessageArea, WorkbookHeader, guard, para, warm_up


def _first_figure() -> Any:
    # Loads every domain's content (and its modules) before the participant's request, as
    # the other pages' warm-ups do; the page needs them all as soon as files arrive.
    Contents()
    load_content()
    return table_chart(Table("paths", "Paths", ("Path", "Workbooks"), (("A", 3),), 0, 3, 1))


warm_up(_first_figure)


class CohortView(widgets.VBox):
    """A mentor's or facilitator's view of many workbooks (files, or shared with them)."""

    def __init__(self, session: Session, coach: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.add_class("pb-cohort")
        self.header = WorkbookHeader(session, NOTEBOOK, "Cohort")
        self.messages = MessageArea()
        self.children = [self.header, self.messages]
        coach = coach if coach is not None else request_query().get("coach")
        try:
            self.content = load_content()
        except PlaybookError as err:
            self.messages.show(f"The cohort page's content cannot be loaded: {err}")
            return
        if coach:
            with guard(self.messages):
                self.share = SharePanel(session, coach, self.messages)
                self.children = [self.header, self.messages, self.share]
            return
        self.model = CohortModel(session, self.content)
        self.sources = SourcesPanel(self.model, self.messages)
        self.results = ResultsPanel(self.model)
        self.children = [
            self.header,
            para(self.content.intro),
            self.messages,
            self.sources,
            self.results,
        ]

    @property
    def figures(self) -> dict[str, Any]:
        return self.model.figures
