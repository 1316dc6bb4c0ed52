"""What the development-plan page's panels share: the section, the other workbooks' results."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

import playbook.plan as pn
from playbook.contract import workbook
from playbook.session import Session
from playbook.ui.common import NO_MATH, Panel, Quiet, SectionModel, button

NOTEBOOK = workbook("plan").notebook
#: The kind of share link that shows a mentor the report, read-only.
SHARE_KIND = "plan-report"
STYLE = {"description_width": "150px"}

#: The other workbooks' results were read again (page load, import): suggestions, links.
RESULTS = "results"
#: The goals changed.
GOALS = "goals"
#: Anything in the plan changed (the report must be prepared again).
CHANGED = "changed"


def dropdown(description: str, options: Any, cls: str) -> widgets.Dropdown:
    w = widgets.Dropdown(
        description=description, options=options, style=STYLE, layout=widgets.Layout(width="480px")
    )
    w.add_class(cls)
    return w


class PlanModel(SectionModel[pn.PlanSection]):
    """The ``plan`` section, and the other five workbooks' results it is built on."""

    def __init__(self, session: Session, content: pn.PlanContent, quiet: Quiet) -> None:
        super().__init__(session, "plan", pn.parse_section, pn.dump_section, quiet, content)
        self.content: pn.PlanContent = content
        self.results = pn.gather({})

    def read_results(self) -> None:
        """The other workbooks' results, through the contract, from this workbook's record."""
        self.results = pn.gather({name: self.session.section(name) for name in pn.sources()})
        self.announce(RESULTS)

    def change(self, section: pn.PlanSection, event: str = "") -> None:
        """Save the section, then tell the panels what changed."""
        self.save(section)
        if event:
            self.announce(event)
        self.announce(CHANGED)


def removable(
    panel: Panel[PlanModel], shown: str | list[widgets.Widget], what: str, row_id: str, cls: str
) -> widgets.HBox:
    """One row of the plan's ``what`` list (goals, tools, learning): what is ``shown`` (HTML,
    its text escaped, or widgets) and a Remove button (class ``cls``) that takes the row out of
    the plan and tells the panels listening to ``what``."""
    if isinstance(shown, str):
        shown = [widgets.HTML(f"<span class='{NO_MATH}'>{shown}</span>")]
    remove = button("Remove", cls, "trash")

    def handler(_button: Any = None) -> None:
        m = panel.model
        m.change(pn.remove(m.section, what, row_id), what)

    panel.on_click(remove, handler)
    return widgets.HBox([*shown, remove])
