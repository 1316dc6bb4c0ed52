"""What the audit page's panels share: the section, the quarter on screen, and its results."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

import playbook.audit as au
from playbook.contract import workbook
from playbook.session import Session
from playbook.ui.common import Quiet, SectionModel, esc, heading, para
from playbook.ui.common.choice import RadioGroup

NOTEBOOK = workbook("audit").notebook
#: The kind of share link (and of contribution) for colleagues' audit answers.
SHARE_KIND = "audit-colleague"
STYLE = {"description_width": "130px"}

#: Another quarter is on screen (opened, chosen, reloaded): every panel shows it.
SHOWN = "shown"
#: The answers or colleagues' responses changed: the scores were computed again.
SCORED = "scored"


class ItemWidget(widgets.VBox):
    """One audit statement with its 1-5 answers, each with the scale's words ("4 - Often"),
    as one radio group (no answer at first)."""

    def __init__(self, item: au.AuditItem, scale: au.Scale) -> None:
        self.item = item
        points = range(scale.min, scale.max + 1)
        self.buttons = RadioGroup(
            [(f"{v} - {scale.labels[v]}", v) for v in points], label=item.text
        )
        self.buttons.add_class(f"pb-item-{item.id}")
        super().__init__(
            [widgets.HTML(f"<span>{esc(item.text)}</span>"), self.buttons],
            layout=widgets.Layout(margin="0 0 8px 0"),
        )


def item_widgets(content: au.AuditContent) -> dict[str, ItemWidget]:
    return {i.id: ItemWidget(i, content.scale) for a in content.areas for i in a.items}


def questions(content: au.AuditContent, items: dict[str, ItemWidget]) -> list[widgets.Widget]:
    """The scale's legend, then the statements area by area."""
    s = content.scale
    legend = ", ".join(f"{v} = {s.labels[v]}" for v in range(s.min, s.max + 1))
    out: list[widgets.Widget] = [para(f"Scale: {legend}.")]
    for area in content.areas:
        out.append(heading(f"{area.name}: {area.question}", 4))
        if area.note:
            out.append(para(area.note, "pb-area-note"))
        out.extend(items[i.id] for i in area.items)
    return out


class AuditModel(SectionModel[au.AuditSection]):
    """The ``audit`` section, the quarter on screen, and its last scores."""

    def __init__(self, session: Session, content: au.AuditContent, quiet: Quiet) -> None:
        self.content = content
        #: What the saved section held that the page cannot show (named on the page).
        self.unreadable: list[str] = []
        super().__init__(session, "audit", self._open_saved, au.dump_section, quiet)
        self.current: str | None = None
        self.own: dict[str, float | None] = {}
        self.aggregate: au.ColleagueAggregate | None = None
        #: Share-link answers that could not be used.
        self.skipped = 0

    def _open_saved(self, data: Any) -> au.AuditSection:
        section, self.unreadable = au.salvage_section(data, self.content)
        return section

    @property
    def quarter(self) -> au.AuditQuarter | None:
        """The quarter on screen."""
        return self.section.get(self.current) if self.current else None

    def save_quarter(self, quarter: au.AuditQuarter) -> None:
        self.save(au.replace_quarter(self.section, quarter))

    def show(self, label: str | None) -> None:
        self.current = label
        self.announce(SHOWN)
        self.score()

    def colleague_responses(self) -> tuple[list[au.ColleagueResponse], int]:
        """Colleagues' responses for the quarter on screen (share link and files), and how
        many share-link answers could not be used."""
        q = self.quarter
        if q is None:
            return [], 0
        shared, skipped = au.responses_from_contributions(
            self.session.contributions(SHARE_KIND), q.quarter, self.content
        )
        return [*shared, *q.imported_responses], skipped

    def score(self) -> None:
        """Score the quarter on screen with colleagues' responses, and have the panels show it."""
        q = self.quarter
        if q is None:
            return
        self.own = au.score_areas(q.answers, self.content)
        responses, self.skipped = self.colleague_responses()
        self.aggregate = au.aggregate_colleagues(responses, self.content)
        self.announce(SCORED)
