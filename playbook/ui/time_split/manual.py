"""2. (or) Type a week: hours per activity and a category."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

import playbook.time_split as ts
from playbook.errors import InputError
from playbook.ui.common import Panel, button
from playbook.ui.common.parts import labelled, labelled_style
from playbook.ui.time_split.model import RANGE, STYLE, TimeSplitModel

MANUAL_ROWS = 6
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class ManualRow(widgets.HBox):
    """One activity of a typed week: day, what, hours, category."""

    def __init__(self, categories: list[tuple[str, str]], number: int = 1) -> None:
        self.day = widgets.Dropdown(
            options=[(d, i) for i, d in enumerate(_DAYS)], layout=widgets.Layout(width="120px")
        )
        self.description = widgets.Text(placeholder="What", layout=widgets.Layout(width="260px"))
        self.hours = widgets.BoundedFloatText(
            value=0, min=0, max=24, step=0.25, layout=widgets.Layout(width="90px")
        )
        self.category = widgets.Dropdown(options=categories, layout=widgets.Layout(width="230px"))
        # the row's fields are named for a screen reader, not drawn: the placeholder and the
        # values say which is which on screen
        labelled(self.day, f"Day of activity {number}")
        labelled(self.hours, f"Hours of activity {number}")
        labelled(self.category, f"Category of activity {number}")
        super().__init__([self.day, self.description, self.hours, self.category])
        self.add_class("pb-ts-manual-row")

    @property
    def empty(self) -> bool:
        return not self.description.value.strip() and not self.hours.value


class ManualWeekPanel(Panel[TimeSplitModel]):
    """A week typed by hand, shown again when its week is chosen; it follows the date range."""

    TITLE = "Or type a week"
    LEVEL = 4
    INTRO = "Hours per activity and a category; a day holds at most 24 hours."

    def build(self, model: TimeSplitModel) -> list[widgets.Widget]:
        self.manual_week = widgets.DatePicker(description="Week of", style=STYLE)
        self.manual_week.add_class("pb-ts-manual-week")
        self.manual_rows = [ManualRow(model.categories, n) for n in range(1, MANUAL_ROWS + 1)]
        self.manual_box = widgets.VBox(self.manual_rows)
        self.add_row_button = button("Add a row", "pb-ts-add-row", "plus")
        self.save_week_button = button("Save this week", "pb-ts-save-week", "check", "success")
        children = [
            labelled_style(),
            self.manual_week,
            self.manual_box,
            widgets.HBox([self.add_row_button, self.save_week_button]),
        ]
        self.on_value(self._on_manual_week, self.manual_week)
        self.on_click(self.add_row_button, self._on_add_row)
        self.on_click(self.save_week_button, self._on_save_week)
        model.listen(RANGE, self._follow_range)
        return children

    def fill(self) -> None:
        """Show the week at the end of the date range (call inside the page's quiet())."""
        self.manual_week.value = ts.week_start(self.model.range()[1])
        self._fill_rows()

    def _follow_range(self) -> None:
        """Show the typed week at the end of the range, unless the one shown is inside it."""
        start, end = self.model.range()
        week = self.manual_week.value
        if week is not None and start <= week <= end:
            return
        with self.quiet():
            self.fill()

    def _fill_rows(self) -> None:
        monday = self.manual_week.value
        if monday is None:
            return
        monday = ts.week_start(monday)
        sunday = monday + dt.timedelta(days=6)
        typed = [
            e
            for e in self.model.section.entries
            if e.source == "manual" and monday <= e.day <= sunday
        ]
        while len(self.manual_rows) < max(MANUAL_ROWS, len(typed) + 1):
            self.manual_rows.append(ManualRow(self.model.categories, len(self.manual_rows) + 1))
        default = self.model.content.default_category
        for row, entry in zip(
            self.manual_rows, [*typed, *[None] * len(self.manual_rows)], strict=False
        ):
            row.day.value = entry.day.weekday() if entry else 0
            row.description.value = entry.description if entry else ""
            row.hours.value = entry.hours if entry else 0
            row.category.value = (entry.category if entry else None) or default
        self.manual_box.children = self.manual_rows

    def _on_manual_week(self, _change: Any = None) -> None:
        with self.quiet():
            self._fill_rows()

    def _on_add_row(self, _button: Any = None) -> None:
        self.manual_rows.append(ManualRow(self.model.categories, len(self.manual_rows) + 1))
        self.manual_box.children = self.manual_rows

    def _on_save_week(self, _button: Any = None) -> None:
        if self.manual_week.value is None:
            raise InputError("Choose the week first.")
        monday = ts.week_start(self.manual_week.value)
        rows = [
            {
                "day": (monday + dt.timedelta(days=row.day.value)).isoformat(),
                "description": row.description.value,
                "hours": row.hours.value,
                "category": row.category.value,
            }
            for row in self.manual_rows
            if not row.empty
        ]
        section = self.model.section
        new = ts.manual_entries(rows, self.model.content)
        entries = ts.replace_manual_week(section.entries, monday, new)
        ts.check_entry_limit(entries)
        self.model.save(section.model_copy(update={"entries": entries}))
        total = sum(e.hours for e in new)
        self.messages.show(
            f"Saved the week of {monday:%d %B %Y}: {len(new)} activities, {total:g} h.", "success"
        )
        self.model.refresh()
