"""The quarterly-audit page: the manager's audit, and the form a colleague opens by share link."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

import playbook.audit as au
from playbook.charts.audit import scores_chart
from playbook.errors import InputError
from playbook.ui.audit.actions import ActionsPanel
from playbook.ui.audit.answers import AnswersPanel, ScoresPanel
from playbook.ui.audit.colleague import ColleagueForm
from playbook.ui.audit.colleagues import ColleaguesPanel
from playbook.ui.audit.model import SHARE_KIND, SHOWN, STYLE, AuditModel
from playbook.ui.common import SectionView, button, claims_html, esc, para, warm_up
from playbook.ui.common.dates import DateField


def _first_figure() -> Any:
    content = au.load_content()
    return scores_chart(dict.fromkeys((a.id for a in content.areas), 3.0), content)


warm_up(_first_figure)


class AuditView(SectionView):
    """The quarterly system audit over resilience, balance and communication.

    The owner answers, sees scores, the pitfalls they point to and the trend across quarters,
    invites colleagues (share link or file), records actions with owners and the next audit date.
    Opened through a colleague's share link, the page shows only the questions and a submit
    button (:class:`ColleagueForm`): a colleague never sees the owner's answers or other
    colleagues'.
    """

    SECTION = "audit"
    CONTENT = "The audit's content"
    PARTS = ("colleague_form", "answers", "scores_panel", "colleagues_panel", "actions")

    content: au.AuditContent
    model: AuditModel

    def build(self) -> None:
        session = self.session
        if session.role == "contributor":
            self._build_colleague_form()
        else:
            self._build_owner_page()

    def _build_colleague_form(self) -> None:
        share = self.session.share
        if share is None or share.kind != SHARE_KIND:
            self.messages.show("This link is for another page of the workbook.", "error")
            self.children = [self.header, self.messages]
            return
        self.colleague_form = self.body = ColleagueForm(
            self.session, self.content, share.label, self.messages
        )
        self.children = [self.header, self.messages, self.body]

    def _build_owner_page(self) -> None:
        self.model = model = AuditModel(self.session, self.content, self.quiet)
        self.held_on = DateField("Audit date", "pb-held-on")
        self.held_on.value = dt.date.today().isoformat()
        self.open_button = button(
            "Open this quarter's audit", "pb-open-quarter", "folder-open", "primary"
        )
        self.quarter_select = widgets.Dropdown(description="Quarter", options=[], style=STYLE)
        self.quarter_select.add_class("pb-quarter-select")
        self.answers = AnswersPanel(model, self.messages)
        self.scores_panel = ScoresPanel(model, self.messages)
        self.colleagues_panel = ColleaguesPanel(model, self.messages)
        self.actions = ActionsPanel(model, self.messages)
        self.quarter_body = widgets.VBox(
            [self.answers, self.scores_panel, self.colleagues_panel, self.actions]
        )
        self.lay_out(
            widgets.VBox(
                [
                    para(self.content.intro),
                    widgets.HBox([self.held_on, self.open_button]),
                    self.quarter_select,
                    self.quarter_body,
                ]
            ),
            self._about(),
        )
        self.on_click(self.open_button, self._on_open)
        self.on_value(self._on_select, self.quarter_select)
        model.listen(SHOWN, self._show_quarters)
        self.start()

    @property
    def quarter(self) -> au.AuditQuarter | None:
        """The quarter on screen."""
        return self.model.quarter

    def colleague_responses(self) -> tuple[list[au.ColleagueResponse], int]:
        """Colleagues' responses for the quarter on screen, and how many could not be used."""
        return self.model.colleague_responses()

    def reload(self) -> None:
        section = self.model.read()
        if self.model.unreadable:
            self.messages.show(" ".join(self.model.unreadable), "info")
        labels = [q.quarter for q in section.quarters]
        current = self.model.current
        self.model.show(current if current in labels else (labels[-1] if labels else None))

    def _show_quarters(self) -> None:
        labels = [x.quarter for x in self.model.section.quarters]
        with self.quiet():
            self.quarter_select.options = labels
            self.quarter_select.value = self.model.current
        self.quarter_select.layout.display = None if labels else "none"
        self.quarter_body.layout.display = None if self.model.quarter else "none"

    def _on_open(self, _button: Any = None) -> None:
        text = self.held_on.value.strip()
        try:
            held = dt.date.fromisoformat(text)
        except ValueError:
            raise InputError(f'"{text}" is not a date: write it as YYYY-MM-DD.') from None
        section, quarter = au.start_quarter(self.model.section, held, self.content)
        if section is not self.model.section:
            self.model.save(section)
        self.model.show(quarter.quarter)

    def _on_select(self, change: Any) -> None:
        if change["new"] is not None:
            self.model.show(change["new"])

    def _about(self) -> widgets.Widget:
        c = self.content
        pitfalls = "".join(
            f"<li><b>{esc(p.name)}</b> ({esc(c.area(p.area).name)}): {esc(p.description)} "
            f"{esc(p.remedy)}</li>"
            for p in c.pitfalls
        )
        advice = "".join(f"<li>{esc(a)}</li>" for a in c.advice)
        own = "".join(f"<li>{esc(a)}</li>" for a in c.workbook_advice)
        t = c.thresholds
        defaults = (
            f"An area scoring below {t.pitfall_below:g} (on the {c.scale.min:g}-{c.scale.max:g} "
            "scale) points to its pitfall, and so "
            f"does colleagues' average {t.colleague_gap:g} point(s) or more below your own; "
            f"colleagues' answers are shown once {t.min_colleagues} have answered. These "
            "thresholds are defaults of this workbook that a coach can change; the playbook "
            "gives none. Holding the audit every quarter is the playbook's advice."
        )
        return widgets.HTML(
            f"<h3>The pitfalls the audit looks for</h3><ul>{pitfalls}</ul>"
            f"<h4>The playbook's advice</h4><ul class='pb-advice'>{advice}</ul>"
            + (
                f"<h4>This workbook's practice</h4><ul class='pb-workbook-advice'>{own}</ul>"
                if own
                else ""
            )
            + f"<p class='pb-audit-defaults'><i>{esc(defaults)}</i></p>"
            + claims_html(cl.text for cl in c.claims)
        )
