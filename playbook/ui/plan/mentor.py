"""The report a mentor opens through the owner's share link: read-only, and nothing else."""

from __future__ import annotations

import ipywidgets as widgets

import playbook.plan as pn
from playbook.plan.report import report_figures, report_parts
from playbook.session import Session
from playbook.ui.common import (
    NO_MATH,
    MessageArea,
    chart_output,
    esc,
    guard,
    heading,
    show_figure,
)
from playbook.ui.plan.model import SHARE_KIND


class MentorReport(widgets.VBox):
    """The owner's report, built from their workbook as it is now; no control changes it."""

    def __init__(self, session: Session, content: pn.PlanContent) -> None:
        super().__init__()
        self.add_class("pb-mentor-report")
        self.messages = MessageArea()
        self.figures: dict[str, object] = {}
        share = session.share
        if share is None or share.kind != SHARE_KIND:
            self.messages.show("This link is not a link to a development plan report.")
            self.children = [self.messages]
            return
        self.children = [self.messages]
        with guard(self.messages):
            self.children = self._report(session, share.workbook_id, content)

    def _report(
        self, session: Session, workbook_id: str, content: pn.PlanContent
    ) -> list[widgets.Widget]:
        # A share link opens no section through the session (it is for contributions); the
        # report is read, never written, from the workbook the link was made for.
        record = session.store.load_record(workbook_id)["sections"]
        results = pn.gather({name: record.get(name) for name in pn.sources()})
        section = pn.parse_section(record.get("plan"))
        figures = report_figures(section, content)
        children: list[widgets.Widget] = [heading(content.report.title, 2)]
        for part in report_parts(section, results, content):
            box = widgets.HTML(
                f"<section class='pb-report-part {NO_MATH}' id='pb-report-{esc(part.id)}'>"
                f"<h3>{esc(part.title)}</h3>{part.html}</section>"
            )
            children.append(box)
            if part.figure and part.figure in figures:
                out = chart_output(f"pb-report-chart-{part.figure}", "300px")
                self.figures[part.figure] = figures[part.figure]
                show_figure(out, figures[part.figure])
                children.append(out)
        return children
