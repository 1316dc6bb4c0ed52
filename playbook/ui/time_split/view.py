"""The 70/30 time-split page: get a real week in, see where the time goes, plan a transition."""

from __future__ import annotations

import ipywidgets as widgets

import playbook.time_split as ts
from playbook.ui.common import SectionView, esc
from playbook.ui.time_split.balance import BalancePanel
from playbook.ui.time_split.draft import DraftKeeper
from playbook.ui.time_split.entries import EntriesPanel
from playbook.ui.time_split.imports import ImportPanel
from playbook.ui.time_split.manual import ManualWeekPanel
from playbook.ui.time_split.model import TimeSplitModel
from playbook.ui.time_split.plan import PlanPanel
from playbook.ui.time_split.practices import PracticesNote
from playbook.ui.time_split.results import ResultsPanel
from playbook.ui.time_split.settings import SettingsPanel


class TimeSplitView(SectionView):
    """Where the time really goes, against the playbook's 70/30, community and learning targets.

    Everything the participant does (imports, typed weeks, reclassifications, rules, the date
    range, the plan) is saved at once in the workbook's ``time_split`` section; everything
    shown is recomputed from that section by the pure functions of :mod:`playbook.time_split`.
    The page is made of panels (one per step) that share a :class:`TimeSplitModel`.
    """

    SECTION = "time_split"
    CONTENT = "The time-split workbook's content"
    PANELS = {
        "settings": SettingsPanel,
        "imports": ImportPanel,
        "manual": ManualWeekPanel,
        "results": ResultsPanel,
        "balance": BalancePanel,
        "entries": EntriesPanel,
        "plan": PlanPanel,
    }

    content: ts.TimeSplitContent
    model: TimeSplitModel

    def build(self) -> None:
        self.model = model = TimeSplitModel(self.session, self.content, self.quiet)
        panels = self.make_panels(model)  # one panel per step
        self.drafts = DraftKeeper(self.manual, model, self.messages)
        self.practices = PracticesNote(self.results, model)
        self.lay_out(widgets.VBox(panels), self._about())
        self.start()

    def reload(self) -> None:
        """Put the saved section into the widgets (page load, new workbook, import)."""
        self.model.read()
        self.practices.sync()
        with self.quiet():
            self.settings.fill()
            self.plan.fill()
            self.manual.fill()
            self.drafts.restore()
        self.model.refresh()

    def _about(self) -> widgets.Widget:
        c = self.content
        t = c.targets
        cats = "".join(
            f"<tr><td><b>{esc(cat.label)}</b></td><td>{esc(cat.description)}</td></tr>"
            for cat in c.categories
        )
        sources = "".join(
            f"<li>{esc(text)}</li>"
            for text in (
                t.split.source,
                t.community.source,
                t.community.example,
                t.learning.source,
                c.transition.note,
            )
            if text
        )
        return widgets.HTML(
            "<h3>What the playbook says, and what this workbook assumes</h3>"
            f"<ul class='pb-ts-sources'>{sources}</ul>"
            "<p><i>The article's figures are its author's claims, quoted as such. Tolerance bands, "
            f"the {c.focus.min_block_hours:g}-hour focus block, the "
            f"{c.focus.workday_start:%H:%M}-{c.focus.workday_end:%H:%M} working day, the "
            "weekend, what counts as a worsening balance, the "
            f"{c.calendar.all_day_hours:g} hours an all-day calendar event counts for and the "
            "keyword rules are defaults of this workbook that a coach can change.</i></p>"
            "<h4>Categories</h4><table cellpadding='4' style='border-collapse:collapse'>"
            f"{cats}</table>"
        )
