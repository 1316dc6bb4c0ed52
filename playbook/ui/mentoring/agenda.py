"""2. The agenda of the session on screen (talking points from either side) and its notes."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

import playbook.mentoring as ms
from playbook.ui.common import NO_MATH, Panel, button, esc, html_box, wide_text
from playbook.ui.mentoring.model import SHOWN, BoardModel, MentorModel, OwnerModel


class AgendaPanel(Panel[BoardModel]):
    """The talking points of the session on screen, who added each, and its notes. On the
    manager's page a point can be private; what either side is writing is kept as typed."""

    TITLE = "2. Agenda and notes"

    def build(self, model: BoardModel) -> list[widgets.Widget]:
        self.points_box = widgets.VBox()
        self.points_box.add_class("pb-points")
        self.point_text = wide_text(
            "Talking point", "what you want to talk about", "pb-point-text", area=True
        )
        self.add_point_button = button("Add to the agenda", "pb-add-point", "plus")
        self.others_notes = html_box("pb-others-notes")
        self.notes = wide_text(
            "My notes" if model.mentor_page else "Shared notes",
            "notes of this session" + ("" if model.mentor_page else ": your mentor sees them"),
            "pb-notes",
            area=True,
        )
        self.on_value(lambda c: model.keep_draft(point=c["new"]), self.point_text)
        self.on_value(lambda c: model.write_notes(c["new"]), self.notes)
        self.on_click(self.add_point_button, self._on_add_point)
        adding: list[widgets.Widget] = [self.point_text]
        notes: list[widgets.Widget] = [self.others_notes, self.notes]
        if isinstance(model, OwnerModel):
            self.private = widgets.Checkbox(
                description="Private: only I see this point",
                indent=False,
                layout=widgets.Layout(width="auto"),
            )
            self.private.add_class("pb-point-private")
            self.private_notes = wide_text(
                "Private notes", "only you see these", "pb-private-notes", area=True
            )
            self.on_value(lambda c: model.keep_draft(private=c["new"]), self.private)
            self.on_value(lambda c: model.write_notes(c["new"], private=True), self.private_notes)
            adding.append(self.private)
            notes.append(self.private_notes)
        self.body = widgets.VBox(
            [self.points_box, *adding, widgets.HBox([self.add_point_button]), *notes]
        )
        self.follow(SHOWN, lambda: model.meeting, self._show, hide=True, part=self.body)
        return [self.body]

    def _show(self, meeting: ms.Meeting) -> None:
        m = self.model
        rows: list[widgets.Widget] = []
        for p in ms.points_in(m.section, meeting.id):
            private = " <i>(private: only you see it)</i>" if p.private else ""
            text = widgets.HTML(
                f"<div class='pb-point {NO_MATH}' data-side='{p.side}'>"
                f"<b>{esc(m.side(p.side, p.name))}:</b> {esc(p.text)}{private}</div>",
                layout=widgets.Layout(width="75%"),
            )
            row: list[widgets.Widget] = [text]
            if m.can_take_back(p):
                take_back = button("Take back", "pb-take-back-point", "undo")
                self.on_click(take_back, self._taker(p.id))
                row.append(take_back)
            rows.append(widgets.HBox(row))
        if not rows:
            rows = [widgets.HTML("<p><i>No points on this session's agenda yet.</i></p>")]
        self.points_box.children = rows
        others = self._others_notes(m, meeting)
        self.others_notes.value = others
        with self.quiet():
            if isinstance(m, OwnerModel):
                self.notes.value = meeting.notes
                self.private_notes.value = meeting.private_notes
                self.point_text.value = m.section.drafts.point
                self.private.value = m.section.drafts.private
            elif isinstance(m, MentorModel):
                self.notes.value = m.notes.get(meeting.id, "")
                self.point_text.value = m.draft

    @staticmethod
    def _others_notes(m: BoardModel, meeting: ms.Meeting) -> str:
        """The notes this page does not edit: the mentors' (and on the mentor's page, the
        manager's shared notes and other mentors')."""
        parts = []
        if m.mentor_page and meeting.notes.strip():
            parts.append((m.side("manager"), meeting.notes))
        own = m.share_id if isinstance(m, MentorModel) else None
        for n in m.section.mentor_notes:
            if n.session == meeting.id and n.text.strip() and n.by != own:
                parts.append((m.side("mentor", n.name), n.text))
        return "".join(
            f"<div class='pb-other-notes {NO_MATH}'><b>{esc(who)}, notes:</b>"
            f"<div style='white-space:pre-wrap'>{esc(text)}</div></div>"
            for who, text in parts
        )

    def _on_add_point(self, _button: Any = None) -> None:
        m = self.model
        text = self.point_text.value
        private = isinstance(m, OwnerModel) and bool(self.private.value)
        # the box is emptied before the point is shown: the browser hears the two in that
        # order, so nothing typed once the point shows is wiped by this click
        self._fill(text="", private=False)
        try:
            m.add_point(text, private)
        except Exception:
            self._fill(text=text, private=private)
            raise
        self.messages.show("Added to the agenda.", "success")

    def _fill(self, *, text: str, private: bool) -> None:
        with self.quiet():
            self.point_text.value = text
            if isinstance(self.model, OwnerModel):
                self.private.value = private

    def _taker(self, item_id: str) -> Any:
        def handler(_button: Any = None) -> None:
            self.model.take_back(item_id)

        return handler
