"""What the development-plan page's panels share: the section, the other workbooks' results."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

import playbook.plan as pn
from playbook.contract import workbook
from playbook.session import Session
from playbook.ui.common import Quiet, SectionModel, text_input

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


def text(description: str, placeholder: str = "", cls: str = "", **kwargs: Any) -> Any:
    """A text box of this page: wide, its label in the page's label width."""
    return text_input(
        description, placeholder, cls, **{"width": "95%", **kwargs}, label_width="150px"
    )


def dropdown(description: str, options: Any, cls: str) -> widgets.Dropdown:
    w = widgets.Dropdown(
        description=description, options=options, style=STYLE, layout=widgets.Layout(width="480px")
    )
    w.add_class(cls)
    return w


class PlanModel(SectionModel[pn.PlanSection]):
    """The ``plan`` section, and the other five workbooks' results it is built on."""

    def __init__(self, session: Session, content: pn.PlanContent, quiet: Quiet) -> None:
        super().__init__(session, "plan", pn.parse_section, pn.dump_section, quiet)
        self.content = content
        self.results = pn.gather({})

    @staticmethod
    def today() -> dt.date:
        return dt.date.today()

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
