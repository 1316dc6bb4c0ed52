"""Rows typed into "Or type a week" and not yet added, kept as a draft in the section.

A reload brings them back, and the page says plainly that they are not in the results yet,
so "All changes saved" is true of everything typed (issue 9, item 10).
"""

from __future__ import annotations

from typing import Any

import playbook.time_split as ts
from playbook.ui.common import MessageArea, guard
from playbook.ui.time_split.manual import ManualRow, ManualWeekPanel
from playbook.ui.time_split.model import REFRESHED, TimeSplitModel


class DraftKeeper:
    """Saves the typed week's rows as a draft while they differ from the log, restores them
    on a reload and says what is not yet added (in ``note``, under the typed week)."""

    def __init__(self, manual: ManualWeekPanel, model: TimeSplitModel, messages: MessageArea):
        self.manual, self.model, self.messages = manual, model, messages
        self.note = MessageArea()
        self.note.add_class("pb-ts-draft-note")
        manual.children = [*manual.children, self.note]
        self._wired: set[int] = set()
        self._wire_rows()
        manual.manual_box.observe(lambda _c: self._wire_rows(), names="children")
        model.listen(REFRESHED, self._after_refresh)

    def _wire_rows(self) -> None:
        for row in self.manual.manual_rows:
            if id(row) in self._wired:
                continue
            self._wired.add(id(row))
            row.description.continuous_update = False  # a draft per field, not per key
            for w in (row.day, row.description, row.hours, row.category):
                w.observe(self._on_typed, names="value")

    def _typed(self) -> ts.ManualDraft | None:
        week = self.manual.manual_week.value
        if week is None:
            return None
        rows = [
            ts.DraftRow(
                day=row.day.value,
                description=row.description.value[:200],
                hours=row.hours.value or 0.0,
                category=row.category.value or "",
            )
            for row in self.manual.manual_rows
            if not row.empty
        ]
        return ts.ManualDraft(week=ts.week_start(week), rows=rows)

    def _on_typed(self, _change: Any = None) -> None:
        if self.model.quiet or self.model.session.role != "owner":
            return
        with guard(self.messages):
            self._keep(self._typed())

    def _keep(self, draft: ts.ManualDraft | None) -> None:
        section = self.model.section
        if draft is not None and ts.draft_is_saved(draft, section.entries):
            draft = None
        if draft != section.manual_draft:
            self.model.save(section.model_copy(update={"manual_draft": draft}))
        self._say(draft)

    def _say(self, draft: ts.ManualDraft | None) -> None:
        if draft is None:
            self.note.clear()
            return
        n = len(draft.rows)
        self.note.show(
            f"Not yet added: what you typed for the week of {draft.week:%d %B %Y} "
            f"({n} row{'s' if n != 1 else ''}) is kept as a draft, but it is not in your "
            "results until you press “Save this week”.",
            "info",
        )

    def _after_refresh(self) -> None:
        """After "Save this week" (or any change of the log): a draft now in the log is done."""
        draft = self.model.section.manual_draft
        if draft is not None and ts.draft_is_saved(draft, self.model.section.entries):
            self.model.save(self.model.section.model_copy(update={"manual_draft": None}))
            draft = None
        self._say(draft)

    def restore(self) -> None:
        """Show the saved draft's rows in the typed week (call inside the page's quiet())."""
        draft = self.model.section.manual_draft
        if draft is None:
            return
        manual = self.manual
        manual.manual_week.value = draft.week
        while len(manual.manual_rows) < len(draft.rows) + 1:
            manual.manual_rows.append(ManualRow(self.model.categories))
        default = self.model.content.default_category
        categories = {c.id for c in self.model.content.categories}
        for n, row in enumerate(manual.manual_rows):
            item = draft.rows[n] if n < len(draft.rows) else None
            row.day.value = item.day if item else 0
            row.description.value = item.description if item else ""
            row.hours.value = item.hours if item else 0
            row.category.value = item.category if item and item.category in categories else default
        manual.manual_box.children = list(manual.manual_rows)
        self._wire_rows()
