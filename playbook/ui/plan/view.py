"""The development-plan page: the five workbooks' results, goals, impact log and a report.

The owner sees where they stand, the goals their results suggest, their plan, the impact log,
the three elements and the tool stack, a learning plan for the trends, and the report. A
mentor who opens the page through the owner's report link sees only the report, read-only
(:class:`MentorReport`).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

import playbook.plan as pn
from playbook.charts.plan import elements_chart
from playbook.ui.common import SectionView, claims_html, para, warm_up
from playbook.ui.plan.elements import ELEMENTS, TOOLS, ElementsPanel, ToolsPanel
from playbook.ui.plan.goals import GoalsPanel
from playbook.ui.plan.impact import IMPACTS, ImpactPanel
from playbook.ui.plan.mentor import MentorReport
from playbook.ui.plan.model import GOALS, PlanModel
from playbook.ui.plan.report import ReportPanel
from playbook.ui.plan.standing import StandingPanel, SuggestionsPanel
from playbook.ui.plan.trends import LEARNING, TrendsPanel


def _first_figure() -> Any:
    return elements_chart({}, pn.load_content())


warm_up(_first_figure)


class PlanView(SectionView):
    """One place where the five workbooks become a plan, an impact log and a report."""

    SECTION = "plan"
    CONTENT = "The development plan's content"
    PANELS = {
        "standing_panel": StandingPanel,
        "suggestions_panel": SuggestionsPanel,
        "goals_panel": GoalsPanel,
        "impact_panel": ImpactPanel,
        "elements_panel": ElementsPanel,
        "tools_panel": ToolsPanel,
        "trends_panel": TrendsPanel,
        "report_panel": ReportPanel,
    }
    PARTS = ("mentor",)

    content: pn.PlanContent
    model: PlanModel

    def build(self) -> None:
        if self.session.role == "contributor":
            self.mentor = MentorReport(self.session, self.content)
            self.children = [self.mentor]
            return
        self.model = model = PlanModel(self.session, self.content, self.quiet)
        panels = self.make_panels(model)  # one panel per part
        self.lay_out(
            widgets.VBox([para(self.content.intro), *panels]),
            widgets.HTML(claims_html(c.text for c in self.content.claims)),
        )
        self.start()

    def reload(self) -> None:
        """The saved plan and the other workbooks' results into the panels."""
        self.model.read()
        self.model.read_results()
        for event in (GOALS, IMPACTS, ELEMENTS, TOOLS, LEARNING):
            self.model.announce(event)
