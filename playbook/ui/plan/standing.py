"""1. Where I stand: every workbook's result, linked; 2. the goals those results suggest."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

import playbook.plan as pn
from playbook.contract import workbook
from playbook.history import load_content as history_content
from playbook.ui.common import NO_MATH, Panel, button, esc, html_box, para
from playbook.ui.plan.model import GOALS, RESULTS, PlanModel

STATE_COLORS = {"done": "#1d5f2c", "in progress": "#7a5a00", "not started": "#8a1c12"}


class StandingPanel(Panel[PlanModel]):
    """One block per workbook: its result in sentences, what is not done yet, a link back."""

    TITLE = "1. Where I stand"
    INTRO = (
        "Every workbook's result, read from your workbook as it is now. Follow a link to change "
        "a result; this page reads it again when you come back."
    )

    def build(self, model: PlanModel) -> list[widgets.Widget]:
        self.standing = html_box("pb-standing")
        model.listen(RESULTS, self._show)
        return [self.standing]

    def _show(self) -> None:
        session = self.model.session
        blocks = []
        moved = pn.since_last_quarter(self.model.results, self.model.today())
        for s in pn.standings(self.model.results):
            color = STATE_COLORS[s.state]
            lines = "".join(f"<li>{esc(x)}</li>" for x in s.lines)
            if s.todo:
                lines += f"<li><i>Not done yet: {esc(s.todo)}</i></li>"
            if s.section in moved:
                m = moved[s.section]
                day = m.day.isoformat() if m.day else ""
                since = "".join(f"<li>{esc(x)}</li>" for x in m.lines)
                lines += (
                    f"<li class='pb-quarter' data-since='{esc(day)}'>{esc(m.title)}:"
                    f"<ul>{since}</ul></li>"
                )
            blocks.append(
                f"<div class='pb-standing-{esc(s.section)} {NO_MATH}' data-state='{esc(s.state)}'>"
                f"<b><a href='{esc(session.link(s.notebook))}'>{esc(s.title)}</a></b> "
                f"<span style='color:{color}'>({esc(s.state)})</span><ul>{lines}</ul></div>"
            )
        note = ""
        if moved:
            hc = history_content()
            note = hc.wording.quarter_note.format(days=str(hc.rules.quarter_days))
            note = f"<p><small>{esc(note)}</small></p>"
        self.standing.value = "".join(blocks) + note


class SuggestionsPanel(Panel[PlanModel]):
    """The goals the results suggest, each linking the workbooks it joins; one click adds it."""

    TITLE = "2. Suggested goals"
    INTRO = (
        "Each suggestion says which result it comes from and links the workbooks it joins. "
        "Add the ones you want to your plan below, then adjust their wording and dates."
    )

    def build(self, model: PlanModel) -> list[widgets.Widget]:
        self.suggestions_box = widgets.VBox()
        self.suggestions_box.add_class("pb-suggestions")
        self.suggestions: list[pn.Suggestion] = []
        self.add_buttons: dict[str, widgets.Button] = {}
        model.listen(RESULTS, self._show)
        model.listen(GOALS, self._mark_taken)
        days = model.content.thresholds.goal_days
        due = para(
            f"A suggested goal you add is due in {days} days (a default of this workbook); "
            "change its date as you like."
        )
        return [due, self.suggestions_box]

    def _show(self) -> None:
        session = self.model.session
        self.suggestions = pn.suggest(self.model.results, self.model.content)
        notes = pn.linked_notes(self.model.results)
        rows: list[widgets.Widget] = []
        self.add_buttons = {}
        for s in self.suggestions:
            links = " → ".join(
                f"<a href='{esc(session.link(workbook(w).notebook))}'>{esc(workbook(w).title)}</a>"
                for w in s.workbooks
            )
            done = "".join(
                f"<br><small class='pb-suggestion-linked'>✓ {esc(note)}</small>"
                for note in notes.get(pn.suggestion_link(s.key), [])
            )
            text = widgets.HTML(
                f"<div class='pb-suggestion {NO_MATH}' data-rule='{esc(s.rule)}'>"
                f"<b>From {esc(s.source_label)}</b> ({links}): {esc(s.text)}"
                f"<br><i>Goal: {esc(s.goal)}</i>{done}</div>",
                layout=widgets.Layout(width="95%"),
            )
            add = button("Add as a goal", "pb-add-suggestion", "plus")
            self.on_click(add, self._adder(s))
            self.add_buttons[s.key] = add
            layout = widgets.Layout(margin="0 0 10px 0", align_items="flex-start")
            rows.append(widgets.VBox([text, add], layout=layout))
        if not rows:
            rows = [html_box("pb-no-suggestions")]
            rows[
                0
            ].value = (
                "<p><i>No suggestions yet: they come from the other workbooks' results.</i></p>"
            )
        self.suggestions_box.children = rows
        self._mark_taken()

    def _mark_taken(self) -> None:
        taken = {g.key for g in self.model.section.goals}
        for key, b in self.add_buttons.items():
            b.disabled = key in taken
            b.description = "Added to my goals" if key in taken else "Add as a goal"

    def _adder(self, suggestion: pn.Suggestion) -> Any:
        def on_add(_button: Any = None) -> None:
            m = self.model
            due = pn.suggested_due(m.content, m.today())
            m.change(pn.add_goal(m.section, suggestion.goal, due, suggestion=suggestion), GOALS)

        return on_add
