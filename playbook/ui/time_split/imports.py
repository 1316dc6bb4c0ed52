"""2. Get the time in: calendar and time-tracker files, a CSV's columns chosen once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

import playbook.time_split as ts
from playbook.errors import InputError
from playbook.imports import ColumnMapping, ImportResult, check_size, is_calendar
from playbook.imports.timetracker import (
    DATE_ORDERS,
    CsvFormatError,
    DateOrderQuestion,
    header_signature,
    long_date,
    parse_timetracker_csv,
    read_headers,
)
from playbook.samples import SAMPLE_CALENDAR
from playbook.ui.common import MessageArea, Panel, button, esc, html_box, on_upload, para
from playbook.ui.time_split.model import NONE, RANGE, RANGE_SET, REFRESHED, STYLE, TimeSplitModel

SAMPLE_RANGE = (dt.date(2026, 3, 2), dt.date(2026, 3, 29))
#: How far back (and ahead) a file is read to find its weeks when none fell in the range:
#: within the calendar reader's three-year limit.
_LOOK_BACK, _LOOK_AHEAD = dt.timedelta(days=3 * 365 - 31), dt.timedelta(days=31)
#: Reads the same file again over another date range (None: a question was asked instead).
Reparse = Callable[[tuple[dt.date, dt.date]], ImportResult | None]
_MAPPING_FIELDS = [
    ("description", "Description *"),
    ("start", "Start *"),
    ("date", "Date (if start is a time)"),
    ("end", "End"),
    ("duration", "Duration (hours or h:mm)"),
    ("tags", "Tags"),
    ("project", "Project"),
]


class ImportPanel(Panel[TimeSplitModel]):
    """Import a file (or the sample calendar), map an unknown CSV's columns, list and remove
    what was imported. Import messages are shown beside the upload (``import_messages``)."""

    TITLE = "2. Get your time in"
    INTRO = "Import what your tools already know: an .ics export of Google Calendar, Outlook, Apple Calendar or Thunderbird, or a Toggl Track or Clockify detailed report (CSV). Any other CSV works too: you choose its columns once. Files up to 10 MiB."

    def build(self, model: TimeSplitModel) -> list[widgets.Widget]:
        self.import_messages = MessageArea()
        # A CSV waiting for its column mapping: name, bytes, headers.
        self._pending: tuple[str, bytes, list[str]] | None = None
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
        # A CSV whose dates read both ways: name, bytes, headers, mapping, waiting for an answer.
        self._asked: tuple[str, bytes, list[str], ColumnMapping | None] | None = None
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

    def _import(self, name: str, data: bytes, mapping: ColumnMapping | None = None) -> None:
        check_size(data)
        start, end = self.model.range()
        notes: list[str] = []
        result: ImportResult | None
        reparse: Reparse
        section = self.model.section
        if is_calendar(data):
            # icalendar is loaded on the first calendar import, not with the page
            from playbook.imports.calendar import guess_calendar_timezone, parse_calendar

            guessed = guess_calendar_timezone(data)
            if guessed and not section.entries and section.timezone == "UTC" and guessed != "UTC":
                section = section.model_copy(update={"timezone": guessed})
                notes.append(f"Times are shown in {guessed}, the calendar's own time zone.")
            reparse = self._calendar_reparse(data, section)
            result = parse_calendar(
                data,
                section.timezone,
                start,
                end,
                owner_email=section.owner_email or None,
                all_day_hours=self.model.content.calendar.all_day_hours,
            )
        else:
            result = self._import_csv(name, data, mapping, (start, end))
            if result is None:
                return
            reparse = self._csv_reparse(name, data, mapping)
        self._merge(name, result, notes, section, reparse)

    def _calendar_reparse(self, data: bytes, section: ts.TimeSplitSection) -> Reparse:
        from playbook.imports.calendar import parse_calendar

        def reparse(days: tuple[dt.date, dt.date]) -> ImportResult | None:
            return parse_calendar(
                data,
                section.timezone,
                *days,
                owner_email=section.owner_email or None,
                all_day_hours=self.model.content.calendar.all_day_hours,
            )

        return reparse

    def _csv_reparse(self, name: str, data: bytes, mapping: ColumnMapping | None) -> Reparse:
        def reparse(days: tuple[dt.date, dt.date]) -> ImportResult | None:
            remembered = mapping
            if remembered is None:
                headers, _encoding = read_headers(data)
                remembered = self.model.section.column_mappings.get(header_signature(headers))
            return self._parse_csv(name, data, remembered, days)

        return reparse

    def _import_csv(
        self,
        name: str,
        data: bytes,
        mapping: ColumnMapping | None,
        date_range: tuple[dt.date, dt.date],
    ) -> ImportResult | None:
        section = self.model.section
        try:
            return self._parse_csv(name, data, mapping, date_range)
        except CsvFormatError as err:
            if mapping is not None or not err.headers:
                raise
            remembered = section.column_mappings.get(header_signature(err.headers))
            if remembered is not None:
                return self._parse_csv(name, data, remembered, date_range)
            self._ask_mapping(name, data, err.headers, str(err))
            return None

    def _parse_csv(
        self,
        name: str,
        data: bytes,
        mapping: ColumnMapping | None,
        date_range: tuple[dt.date, dt.date],
        order: str | None = None,
    ) -> ImportResult | None:
        """Parse with the remembered date order for this layout; when the dates read both
        ways and nothing is remembered, ask (and return None)."""
        section = self.model.section
        if order is None:
            headers, _encoding = read_headers(data)
            order = section.date_orders.get(header_signature(headers))
        try:
            return parse_timetracker_csv(
                data, section.timezone, mapping=mapping, date_range=date_range, date_order=order
            )
        except DateOrderQuestion as question:
            self._ask_date_order(name, data, mapping, question)
            return None

    def _ask_date_order(
        self, name: str, data: bytes, mapping: ColumnMapping | None, question: DateOrderQuestion
    ) -> None:
        self._asked = (name, data, question.headers, mapping)
        rows = "".join(
            f"<tr><td><code>{esc(raw)}</code></td><td>{long_date(month_first, True)}</td>"
            f"<td>{long_date(day_first, True)}</td></tr>"
            for raw, month_first, day_first in question.examples
        )
        self.date_question.value = (
            f"<p><b>How does {esc(name)} write its dates?</b> Every day in it is 12 or less, "
            "so each date reads two ways. The first rows:</p>"
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
        name, data, headers, mapping = self._asked
        result = self._parse_csv(name, data, mapping, self.model.range(), order)
        if result is None:
            return
        section = self.model.section
        orders = {**section.date_orders, header_signature(headers): order}
        base = section.model_copy(update={"date_orders": orders})
        if mapping is not None:
            mappings = {**section.column_mappings, header_signature(headers): mapping}
            base = base.model_copy(update={"column_mappings": mappings})
        label = DATE_ORDERS[order].split(" (")[0]
        self._asked = None
        self.date_box.layout.display = "none"
        notes = [f"Dates read {label}, as you chose (remembered)."]

        def reparse(days: tuple[dt.date, dt.date]) -> ImportResult | None:
            return self._parse_csv(name, data, mapping, days, order)

        self._merge(name, result, notes, base, reparse)

    def _ask_mapping(self, name: str, data: bytes, headers: list[str], message: str) -> None:
        self._pending = (name, data, headers)
        options = [("—", NONE)] + [(h, h) for h in headers if h]
        for picker in self.mapping_pickers.values():
            picker.options = options
            picker.value = NONE
        self.mapping_help.value = (
            f"<p><b>Which columns of {esc(name)} hold what?</b> Asked once per layout of "
            "columns: the workbook remembers your choice. * is required, and an end or a "
            "duration.</p>"
        )
        self.mapping_box.layout.display = None
        self.import_messages.show(message, "info")

    def _on_mapping(self, _button: Any = None) -> None:
        if self._pending is None:
            raise InputError("Choose the file to import first.")
        choices = {name: picker.value for name, picker in self.mapping_pickers.items()}
        mapping = ColumnMapping.from_choices(**choices)
        name, data, headers = self._pending
        self._pending = None
        self.mapping_box.layout.display = "none"
        result = self._parse_csv(name, data, mapping, self.model.range())
        if result is None:  # the dates read both ways: asked; the mapping is saved with the answer
            return
        section = self.model.section
        mappings = {**section.column_mappings, header_signature(headers): mapping}
        base = section.model_copy(update={"column_mappings": mappings})
        notes = ["Your column choice is remembered for files like this one."]
        self._merge(name, result, notes, base, self._csv_reparse(name, data, mapping))

    def _follow_file(
        self, result: ImportResult, base: ts.TimeSplitSection, reparse: Reparse | None
    ) -> tuple[ImportResult, ts.DateRange | None]:
        """When nothing of the file fell in the date range and the range holds nothing else
        either (a first import, a sample from another month), the range moves to the file's
        weeks: read it again there. Otherwise the import stands as it is."""
        if reparse is None or result.entries or not result.skipped.get("outside the date range"):
            return result, None
        start, end = self.model.range()
        if any(start <= e.day <= end for e in base.entries):
            return result, None
        today = dt.date.today()
        wide = reparse((today - _LOOK_BACK, today + _LOOK_AHEAD))
        covering = ts.range_covering(e.day for e in (wide.entries if wide else []))
        if covering is None:
            return result, None
        again = reparse(covering.as_tuple())
        return (again, covering) if again is not None and again.entries else (result, None)

    def _merge(
        self,
        name: str,
        result: ImportResult,
        notes: list[str],
        base: ts.TimeSplitSection,
        reparse: Reparse | None = None,
    ) -> None:
        """Merge an import into ``base`` and save it; the date range follows the file when
        the range held nothing of it nor anything else (:meth:`_follow_file`), saying so."""
        now = dt.datetime.now(dt.UTC)
        zone_changed = base.timezone != self.model.section.timezone
        result, moved = self._follow_file(result, base, reparse)
        if moved is not None:
            base = base.model_copy(update={"date_range": moved})
            notes = [
                *notes,
                f"Nothing in it fell in your date range, so the range now covers the file's "
                f"weeks: {moved.start:%d %b %Y} to {moved.end:%d %b %Y} (change it in step 1).",
            ]
        section, merged = ts.apply_import(base, result, name, now)
        if result.format == "iCalendar" and section.date_range is None:
            start, end = self.model.range()
            section = section.model_copy(update={"date_range": ts.DateRange(start=start, end=end)})
        self.model.save(section)
        if zone_changed or moved is not None:  # shown, so the next settings change keeps it
            self.model.announce(RANGE_SET)
        if moved is not None:
            self.model.announce(RANGE)
        text = f"{result.summary()} {merged.added} new, {merged.duplicates} already in your log."
        if merged.removed:
            text += (
                f" Took out {merged.removed} earlier entr{'y' if merged.removed == 1 else 'ies'}"
                " the file now leaves out (declined or cancelled)."
            )
        extra = [*notes, *result.warnings]
        if not result.entries and result.skipped.get("outside the date range"):
            start, end = self.model.range()
            extra.append(
                f"Nothing fell between {start:%d %b %Y} and {end:%d %b %Y}: check the date range."
            )
        self.import_messages.show(" ".join([text, *extra]), "success" if result.entries else "info")
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
