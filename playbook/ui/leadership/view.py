"""The leadership-style page: the self-assessment, and the rating form a mentor opens by link.

The owner of a workbook answers the instrument in short pages (saved with every answer, so
that a reload resumes on the same page) and sees their results beside it. A mentor or a peer
who opens the page through one of the owner's share links sees only the rating form, in the
observer wording; what they send is stored as a contribution and never touches the owner's
answers.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from playbook.charts.leadership import radar_chart
from playbook.leadership import STYLES, Comparison, Instrument, LeadershipSection, load_content
from playbook.session import Session
from playbook.ui.common import SectionView, claims_html, esc, heading, para, table_html, warm_up
from playbook.ui.leadership.answers import InstrumentPager
from playbook.ui.leadership.compare import ComparePanel
from playbook.ui.leadership.model import ASSESSED, LeadershipModel
from playbook.ui.leadership.rating import LeadershipRatingView
from playbook.ui.leadership.results import ResultsPanel


def _first_figure() -> Any:
    return radar_chart(load_content(), dict.fromkeys(STYLES, 50.0))


warm_up(_first_figure)


class LeadershipView(SectionView):
    """Find one's primary and secondary leadership style, and compare with a mentor's view.

    Opened through a rating share link, the page shows :class:`LeadershipRatingView` instead.
    """

    SECTION = "leadership"
    CONTENT = "The leadership statements"
    PARTS = ("results", "compare")

    content: Instrument
    model: LeadershipModel

    def __init__(self, session: Session, instrument: Instrument | None = None) -> None:
        self.rating_view: LeadershipRatingView | None = None
        super().__init__(session, instrument)

    def build(self) -> None:
        session = self.session
        self.instrument = inst = self.content
        if session.role == "contributor":
            self.rating_view = LeadershipRatingView(session, inst)
            self.children = [self.header, self.rating_view]
            return
        self.model = model = LeadershipModel(session, inst, self.quiet)
        self.pager = InstrumentPager(inst)
        self.results = ResultsPanel(model, self.messages)
        self.compare = ComparePanel(model, self.messages)
        self.compare_box = self.compare
        instrument_box = widgets.VBox(
            [
                heading("The statements"),
                para(
                    "Rate how much each statement is true of you in your current work. If you "
                    "cannot say, choose “Not observed / not sure”: it is left out of your scores, "
                    "not counted as a middle answer. Every answer is saved at once."
                ),
                self.pager,
            ],
            layout=widgets.Layout(flex="1 1 480px", min_width="340px", padding="0 16px 0 0"),
        )
        self.body = widgets.HBox(
            [instrument_box, self.results], layout=widgets.Layout(flex_flow="row wrap")
        )
        self.owner_only = (self.body, self.compare)
        self.children = [
            self.header,
            para(inst.label, "pb-label"),
            self.messages,
            self.body,
            self.compare,
            self._about(),
        ]
        self.pager.observe_answers(self.quietly(self._on_answer))
        self.on_click(self.pager.prev_button, lambda _b: self._on_page(-1))
        self.on_click(self.pager.next_button, lambda _b: self._on_page(+1))
        model.listen(ASSESSED, self._show_progress)
        self.start()

    @property
    def comparison(self) -> Comparison | None:
        return self.model.comparison

    def reload(self) -> None:
        """Put the saved answers into the widgets (page load, new workbook, import)."""
        section = self.model.read()
        if self.model.unreadable:
            self.messages.show(
                " ".join(self.model.unreadable) + " Answer those statements again: the page "
                "saves as you answer.",
                "info",
            )
        with self.quiet():
            self.pager.fill(section.answers, section.forced_choice)
            self.pager.show_page(section.page)
        self.model.assess(section, reload_ratings=True)

    def _save(self) -> LeadershipSection:
        stored = self.model.read()
        section = LeadershipSection(
            instrument_version=self.instrument.instrument_version,
            answers=self.pager.answers(),
            forced_choice=self.pager.orders(),
            page=self.pager.page,
            file_ratings=stored.file_ratings,
        )
        self.model.save(section)
        return section

    def _on_answer(self, _change: Any = None) -> None:
        conflicts = self.pager.conflicts()
        section = self._save()
        if conflicts:
            self.messages.show(
                "Choose a different statement for “least like me” than for “most like me”: "
                "that block is not saved until they differ.",
                "info",
            )
        self.model.assess(section)

    def _on_page(self, step: int) -> None:
        self.pager.show_page(self.pager.page + step)
        self._save()

    def _show_progress(self) -> None:
        a = self.model.assessment
        if a is not None:
            self.pager.set_progress(a.progress.answered, a.progress.total)

    def _about(self) -> widgets.Widget:
        inst = self.instrument
        styles = ((s.name, s.focus, s.excels, s.watch_out) for s in inst.styles)
        phases = (
            (p.name, ", ".join(inst.style(s).name for s in p.styles), p.why) for p in inst.phases
        )
        return widgets.HTML(
            "<h3>The three styles</h3>"
            + table_html(("Style", "Focus", "Excels in", "Watch out"), styles, "pb-styles")
            + "<h3>Which style tends to serve which production phase</h3>"
            f"<p><i>{esc(inst.phases_note)}</i></p>"
            + table_html(("Phase", "Style", "Why"), phases, "pb-phases", bold_first=False)
            + claims_html((s.playbook_reports for s in inst.styles), "What the playbook reports")
            + f"<p class='pb-disclaimer'><i>{esc(inst.source_note)}</i></p>"
        )
