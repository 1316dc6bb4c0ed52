"""2. Get the time in: calendar and time-tracker files, a CSV's columns chosen once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

import playbook.time_split as ts
from playbook.errors import InputError
from playbook.imports import ColumnMapping
from playbook.imports.timetracker import DATE_ORDERS, long_date
from playbook.samples import SAMPLE_CALENDAR
from playbook.time_split.importing import (
    AskColumns,
    AskDateOrder,
    AskTimeZone,
    Imported,
    ImportSettings,
    answer_columns,
    answer_date_order,
    answer_zone,
    begin_import,
    finish_import,
)
from playbook.ui.common import MessageArea, Panel, button, esc, html_box, on_upload, para
from playbook.ui.time_split.model import NONE, RANGE, RANGE_SET, REFRESHED, STYLE, TimeSplitModel

SAMPLE_RANGE = (dt.date(2026, 3, 2), dt.date(2026, 3, 29))
_MAPPING_FIELDS = [
    ("description", "Description *"),
    ("start", "Start *"),
    ("date", "Date (if start is a time)"),
    ("end", "End"),
    ("end_date", "End date (if end is a time)"),
    ("duration", "Duration (hours or h:mm)"),
    ("tags", "Tags"),
    ("project", "Project"),
]


class ImportPanel(Panel[TimeSplitModel]):
    """Import a file (or the sample calendar), map an unknown CSV's columns, list and remove
    what was imported. Import messages are shown beside the upload (``import_messages``).

    The workflow is :mod:`playbook.time_split.importing`: the panel shows its questions and
    passes the answers."""

    TITLE = "2. Get your time in"
    INTRO = "Import what your tools already know: an .ics export of Google Calendar, Outlook, Apple Calendar or Thunderbird, or a Toggl Track or Clockify detailed report (CSV). Any other CSV works too: you choose its columns once. Files up to 10 MiB."

    def build(self, model: TimeSplitModel) -> list[widgets.Widget]:
        self.import_messages = MessageArea()
        # A CSV waiting for its column mapping (decoded, with the question).
        self._pending: Imported | None = None
        self.upload = widgets.FileUpload(
            accept=".ics,.csv,.txt,text/calendar,text/csv",
            multiple=False,
            description="Import file",
        )
        self.upload.add_class("pb-ts-upload")
        self.sample_button = button("Try the sample calendar", "pb-ts-sample", "calendar")
        self.sample_button.layout.display = None if SAMPLE_CALENDAR.is_file() else "none"
        self.mapping_help = para("")
        self.mapping_pickers = {
            name: widgets.Dropdown(description=label, options=[("—", NONE)], style=STYLE)
            for name, label in _MAPPING_FIELDS
        }
        for name, picker in self.mapping_pickers.items():
            picker.add_class(f"pb-ts-map-{name}")
        self.mapping_button = button(
            "Import with these columns", "pb-ts-map-import", "check", "primary"
        )
        self.mapping_box = widgets.VBox(
            [self.mapping_help, *self.mapping_pickers.values(), self.mapping_button],
            layout=widgets.Layout(display="none", border="1px solid #ccc", padding="6px"),
        )
        self.mapping_box.add_class("pb-ts-mapping")
        # A CSV whose dates read both ways, waiting for an answer (decoded, with the question).
        self._asked: Imported | None = None
        self.date_question = html_box("pb-ts-date-question")
        self.date_buttons = {
            order: button(f"Dates are {label.split(' (')[0]}", f"pb-ts-date-{order}", "calendar")
            for order, label in DATE_ORDERS.items()
        }
        self.date_box = widgets.VBox(
            [self.date_question, widgets.HBox(list(self.date_buttons.values()))],
            layout=widgets.Layout(display="none", border="1px solid #ccc", padding="6px"),
        )
        self.date_box.add_class("pb-ts-date-box")
        self.imports_list = html_box("pb-ts-imports")
        self.remove_source = widgets.Dropdown(description="Remove", options=[], style=STYLE)
        self.remove_source.add_class("pb-ts-remove-source")
        self.remove_button = button("Remove these entries", "pb-ts-remove", "trash")
        children = [
            widgets.HBox([self.upload, self.sample_button]),
            self.import_messages,
            self.date_box,
            self.mapping_box,
            self.imports_list,
            widgets.HBox([self.remove_source, self.remove_button]),
        ]
        on_upload(self.upload, self.import_messages, self._import)
        self.on_click(self.sample_button, self._on_sample, self.import_messages)
        self.on_click(self.mapping_button, self._on_mapping, self.import_messages)
        for order, date_button in self.date_buttons.items():
            self.on_click(
                date_button,
                lambda _b, order=order: self._on_date_order(order),
                self.import_messages,
            )
        self.on_click(self.remove_button, self._on_remove_source)
        model.listen(REFRESHED, self._show_imports)
        return children

    def _on_sample(self, _button: Any = None) -> None:
        start, end = SAMPLE_RANGE
        old = self.model.section
        section = old.model_copy(update={"date_range": ts.DateRange(start=start, end=end)})
        if not old.entries and old.timezone == "UTC":
            section = section.model_copy(update={"timezone": "Europe/London"})
        self.model.save(section)
        self.model.announce(RANGE_SET)
        self.model.announce(RANGE)
        self._import(SAMPLE_CALENDAR.name, SAMPLE_CALENDAR.read_bytes())

    def _settings(self) -> ImportSettings:
        return ImportSettings(
            self.model.section,
            self.model.range(),
            self.model.content.calendar.all_day_hours,
            dt.date.today(),
        )

    def _import(self, name: str, data: bytes) -> None:
        self._go_on(begin_import(name, data, self._settings()))

    def _go_on(self, imported: Imported) -> None:
        """Ask the import's question, or merge it when none is left."""
        question = imported.question
        if isinstance(question, AskTimeZone):
            # A new log shows a calendar in the calendar's own zone (said in a note; the zone
            # can be changed in step 1): the page answers for the participant.
            imported = answer_zone(imported, question.zone, self._settings())
            question = imported.question
        if isinstance(question, AskColumns):
            self._ask_mapping(imported, question)
        elif isinstance(question, AskDateOrder):
            self._ask_date_order(imported, question)
        else:
            self._finish(imported)

    def _ask_date_order(self, imported: Imported, question: AskDateOrder) -> None:
        self._asked = imported
        rows = "".join(
            f"<tr><td><code>{esc(raw)}</code></td><td>{long_date(month_first, True)}</td>"
            f"<td>{long_date(day_first, True)}</td></tr>"
            for raw, month_first, day_first in question.examples
        )
        self.date_question.value = (
            f"<p><b>How does {esc(imported.name)} write its dates?</b> Every day in it is 12 or "
            "less, so each date reads two ways. The first rows:</p>"
            "<table cellpadding='4'><tr><th>In the file</th><th>Month first</th>"
            f"<th>Day first</th></tr>{rows}</table>"
            "<p>The workbook remembers your answer for files with these columns.</p>"
        )
        self.date_box.layout.display = None
        self.import_messages.show(
            "The dates in this file read two ways: choose which below. Nothing was imported yet.",
            "info",
        )

    def _on_date_order(self, order: str) -> None:
        if self._asked is None:
            raise InputError("Choose the file to import first.")
        answered = answer_date_order(self._asked, order, self._settings())
        if answered.question is None:
            self._asked = None
            self.date_box.layout.display = "none"
        self._go_on(answered)

    def _ask_mapping(self, imported: Imported, question: AskColumns) -> None:
        self._pending = imported
        options = [("—", NONE)] + [(h, h) for h in question.headers if h]
        for picker in self.mapping_pickers.values():
            picker.options = options
            picker.value = NONE
        self.mapping_help.value = (
            f"<p><b>Which columns of {esc(imported.name)} hold what?</b> Asked once per layout "
            "of columns: the workbook remembers your choice. * is required, and an end or a "
            "duration.</p>"
        )
        self.mapping_box.layout.display = None
        self.import_messages.show(question.message, "info")

    def _on_mapping(self, _button: Any = None) -> None:
        if self._pending is None:
            raise InputError("Choose the file to import first.")
        choices = {name: picker.value for name, picker in self.mapping_pickers.items()}
        mapping = ColumnMapping.from_choices(**choices)
        imported = self._pending
        self._pending = None
        self.mapping_box.layout.display = "none"
        # the dates may read both ways: asked; the mapping is saved with that answer
        self._go_on(answer_columns(imported, mapping, self._settings()))

    def _finish(self, imported: Imported) -> None:
        """Merge the import and save it; the date range follows the file when the range held
        nothing of it nor anything else (:func:`~playbook.time_split.importing.finish_import`),
        saying so."""
        done = finish_import(imported, self._settings(), dt.datetime.now(dt.UTC))
        self.model.save(done.section)
        if done.zone_changed or done.moved is not None:  # shown: the next change keeps it
            self.model.announce(RANGE_SET)
        if done.moved is not None:
            self.model.announce(RANGE)
        self.import_messages.show(done.message, done.kind)
        self.model.refresh()

    def _on_remove_source(self, _button: Any = None) -> None:
        source = self.remove_source.value
        if not source:
            raise InputError("Choose which entries to remove.")
        self.model.save(ts.remove_entries(self.model.section, source))
        self.messages.show("Removed. Import the file again to bring them back.", "success")
        self.model.refresh()

    def _show_imports(self) -> None:
        section = self.model.section
        rows = "".join(
            f"<li>{esc(r.file_name)}: {esc(r.format)}, {r.added} new, {r.duplicates} already "
            f"there ({r.imported_at:%d %b %Y %H:%M} UTC)</li>"
            for r in section.imports[-8:]
        )
        self.imports_list.value = f"<ul>{rows}</ul>" if rows else ""
        counts = ts.source_counts(section.entries)
        self.remove_source.options = [("—", NONE)] + [
            (f"{ts.SOURCE_NAMES.get(src, src)} ({n})", src) for src, n in counts.items()
        ]
        self.remove_source.value = NONE
