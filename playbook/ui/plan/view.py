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
    PANELS = (
        "mentor",
        "standing_panel",
        "suggestions_panel",
        "goals_panel",
        "impact_panel",
        "elements_panel",
        "tools_panel",
        "trends_panel",
        "report_panel",
    )

    content: pn.PlanContent
    model: PlanModel

    def build(self) -> None:
        if self.session.role == "contributor":
            self.mentor = MentorReport(self.session, self.content)
            self.children = [self.mentor]
            return
        self.model = model = PlanModel(self.session, self.content, self.quiet)
        # one panel per part, in page order (PANELS names them)
        panels = self.make_panels(
            model,
            StandingPanel,
            SuggestionsPanel,
            GoalsPanel,
            ImpactPanel,
            ElementsPanel,
            ToolsPanel,
            TrendsPanel,
            ReportPanel,
        )
        (
            self.standing_panel,
            self.suggestions_panel,
            self.goals_panel,
            self.impact_panel,
            self.elements_panel,
            self.tools_panel,
            self.trends_panel,
            self.report_panel,
        ) = panels
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
