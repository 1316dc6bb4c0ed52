"""2. Get the time in: calendar and time-tracker files, a CSV's columns chosen once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

import playbook.time_split as ts
from playbook.errors import InputError
from playbook.imports import ColumnMapping, ImportResult, check_size, is_calendar
from playbook.imports.timetracker import CsvFormatError, header_signature, parse_timetracker_csv
from playbook.samples import SAMPLE_CALENDAR
from playbook.ui.common import MessageArea, Panel, button, esc, html_box, on_upload, para
from playbook.ui.time_split.model import NONE, RANGE, RANGE_SET, REFRESHED, STYLE, TimeSplitModel

SAMPLE_RANGE = (dt.date(2026, 3, 2), dt.date(2026, 3, 29))
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
        self.imports_list = html_box("pb-ts-imports")
        self.remove_source = widgets.Dropdown(description="Remove", options=[], style=STYLE)
        self.remove_source.add_class("pb-ts-remove-source")
        self.remove_button = button("Remove these entries", "pb-ts-remove", "trash")
        children = [
            widgets.HBox([self.upload, self.sample_button]),
            self.import_messages,
            self.mapping_box,
            self.imports_list,
            widgets.HBox([self.remove_source, self.remove_button]),
        ]
        on_upload(self.upload, self.import_messages, self._import)
        self.on_click(self.sample_button, self._on_sample, self.import_messages)
        self.on_click(self.mapping_button, self._on_mapping, self.import_messages)
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
        section = self.model.section
        if is_calendar(data):
            # icalendar is loaded on the first calendar import, not with the page
            from playbook.imports.calendar import guess_calendar_timezone, parse_calendar

            guessed = guess_calendar_timezone(data)
            if guessed and not section.entries and section.timezone == "UTC" and guessed != "UTC":
                section = section.model_copy(update={"timezone": guessed})
                notes.append(f"Times are shown in {guessed}, the calendar's own time zone.")
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
        self._merge(name, result, notes, section)

    def _import_csv(
        self,
        name: str,
        data: bytes,
        mapping: ColumnMapping | None,
        date_range: tuple[dt.date, dt.date],
    ) -> ImportResult | None:
        section = self.model.section
        tz = section.timezone
        try:
            return parse_timetracker_csv(data, tz, mapping=mapping, date_range=date_range)
        except CsvFormatError as err:
            if mapping is not None or not err.headers:
                raise
            remembered = section.column_mappings.get(header_signature(err.headers))
            if remembered is not None:
                return parse_timetracker_csv(data, tz, mapping=remembered, date_range=date_range)
            self._ask_mapping(name, data, err.headers, str(err))
            return None

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
        section = self.model.section
        result = parse_timetracker_csv(
            data, section.timezone, mapping=mapping, date_range=self.model.range()
        )
        mappings = {**section.column_mappings, header_signature(headers): mapping}
        base = section.model_copy(update={"column_mappings": mappings})
        self._merge(
            name, result, ["Your column choice is remembered for files like this one."], base
        )
        self._pending = None
        self.mapping_box.layout.display = "none"

    def _merge(
        self, name: str, result: ImportResult, notes: list[str], base: ts.TimeSplitSection
    ) -> None:
        """Merge an import into ``base`` and save it."""
        now = dt.datetime.now(dt.UTC)
        section, merged = ts.apply_import(base, result, name, now)
        if result.format == "iCalendar" and section.date_range is None:
            start, end = self.model.range()
            section = section.model_copy(update={"date_range": ts.DateRange(start=start, end=end)})
        self.model.save(section)
        text = f"{result.summary()} {merged.added} new, {merged.duplicates} already in your log."
        extra = [*notes, *result.warnings]
        if not result.entries:
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
