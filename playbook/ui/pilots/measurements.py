"""2. Do: the baseline, the change date, the measurements (typed, uploaded or pasted) and the
rhythm of measuring in the participant's calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

import playbook.pilots as pl
from playbook.errors import InputError, PlaybookError
from playbook.imports.measurements import parse_date
from playbook.ui.common import Panel, button, esc, html_box, on_upload, wide_text
from playbook.ui.common.dates import DateField
from playbook.ui.common.parts import scroll_region
from playbook.ui.pilots.model import MEASURED, NARROW, SELECT, SHOWN, STYLE, PilotsModel


class MeasurementsPanel(Panel[PilotsModel]):
    """The pilot's dates and measurements; every change is saved and the study done again."""

    TITLE = "2. Do: baseline, change and measurements"
    INTRO = "Measurements dated before the change form the baseline; those on or after it, the pilot. Enter them one by one, or import a CSV file with the columns date and value (and, if you like, metric and note)."

    def build(self, model: PilotsModel) -> list[widgets.Widget]:
        self.baseline_start = DateField(
            "Baseline from (optional)", "pb-baseline-date", label_width="150px"
        )
        self.change_date = DateField("Change started", "pb-change-date", label_width="150px")
        words = model.content.dates
        self.rhythm = widgets.Dropdown(
            description=words.rhythm_label,
            options=self._rhythms(None),
            value=0,
            style=STYLE,
            layout=SELECT,
        )
        self.rhythm.add_class("pb-rhythm")
        self.rhythm_note = html_box("pb-rhythm-note")
        self.entry_metric = widgets.Dropdown(
            description="Metric", options=[], style=STYLE, layout=SELECT
        )
        self.entry_metric.add_class("pb-entry-metric")
        self.entry_date = DateField("Date", "pb-entry-date", label_width="150px")
        self.entry_value = wide_text("Value", "a number, e.g. 4.5", "pb-entry-value", width=NARROW)
        self.entry_note = wide_text("Note", "optional", "pb-entry-note")
        self.add_button = button("Add measurement", "pb-add-measurement", "plus")
        self.upload = widgets.FileUpload(
            accept=".csv,text/csv", multiple=False, description="Import CSV"
        )
        self.upload.add_class("pb-upload")
        self.paste = widgets.Textarea(
            placeholder="Or paste rows from a spreadsheet here, column names first, e.g.\n"
            "date,value\n2026-01-05,4\n2026-01-12,5",
            layout=widgets.Layout(width="95%", height="90px"),
        )
        self.paste.add_class("pb-paste")
        self.paste_button = button("Import pasted rows", "pb-import-paste", "paste")
        self.remove_choice = widgets.Dropdown(
            description="Remove", options=[], style=STYLE, layout=SELECT
        )
        self.remove_choice.add_class("pb-remove-choice")
        self.remove_button = button("Remove measurement", "pb-remove-measurement", "minus")
        self.table = html_box("pb-measurements")
        children = [
            self.baseline_start,
            self.change_date,
            widgets.HBox([self.rhythm, self.rhythm_note]),
            self.entry_metric,
            widgets.HBox([self.entry_date, self.entry_value]),
            self.entry_note,
            widgets.HBox([self.add_button, self.upload]),
            self.paste,
            widgets.HBox([self.paste_button]),
            widgets.HBox([self.remove_choice, self.remove_button]),
            self.table,
        ]
        self.on_value(self._on_dates, self.baseline_start, self.change_date)
        self.on_value(self._on_rhythm, self.rhythm)
        self.on_click(self.add_button, self._on_add_measurement)
        on_upload(self.upload, self.messages, self._import)
        self.on_click(self.paste_button, self._on_paste)
        self.on_click(self.remove_button, self._on_remove_measurement)
        self.follow(SHOWN, lambda: model.pilot, self._show, hide=True)
        return children

    def _show(self, p: pl.Pilot) -> None:
        with self.quiet():
            self.baseline_start.value = p.baseline_start.isoformat() if p.baseline_start else ""
            self.change_date.value = p.change_date.isoformat() if p.change_date else ""
            keep = self.entry_metric.value
            ids = [m.id for m in p.metrics]
            self.entry_metric.options = [(m.name, m.id) for m in p.metrics]
            self.entry_metric.value = keep if keep in ids else (ids[0] if ids else None)
            self.rhythm.options = self._rhythms(p.rhythm_days)
            self.rhythm.value = p.rhythm_days or 0
        self._show_measurements(p)

    def _rhythms(self, days: int | None) -> list[tuple[str, int]]:
        """The rhythms offered (0: not in the calendar), and the pilot's own if the content
        no longer offers it."""
        words = self.model.content.dates
        options = [(words.no_rhythm, 0)] + [(r.label, r.days) for r in words.rhythms]
        if days and days not in {d for _, d in options}:
            options.append((pl.rhythm_label(days, self.model.content), days))
        return options

    def _on_rhythm(self, _change: Any = None) -> None:
        pilot = self.model.pilot
        if pilot is None:
            return
        days = int(self.rhythm.value) or None
        self.model.save_pilot(pl.set_rhythm(pilot, days, dt.date.today()))
        self._show_rhythm(self.model.pilot)

    def _show_rhythm(self, p: pl.Pilot | None) -> None:
        words = self.model.content.dates
        due = pl.next_measurement(p) if p is not None else None
        if p is None or due is None:
            text = ""
        elif pl.finished(p):
            text = words.decided
        else:
            text = words.next_due.format(day=due.isoformat())
        self.rhythm_note.value = f"<small>{esc(text)}</small>" if text else ""

    def _saved(self, pilot: pl.Pilot) -> None:
        """Save the pilot, show its measurements and have the study done again."""
        self.model.save_pilot(pilot)
        self._show_measurements(pilot)
        self.model.announce(MEASURED)

    def _on_dates(self, _change: Any = None) -> None:
        pilot = self.model.pilot
        if pilot is None:
            return
        start = self.baseline_start.value.strip()
        change = self.change_date.value.strip()
        pilot = pilot.model_copy(
            update={
                "baseline_start": parse_date(start) if start else None,
                "change_date": parse_date(change) if change else None,
            }
        )
        self._saved(pilot)
        study = self.model.study
        if study.problem:
            self.messages.show(study.problem, "info" if study.pending else "error")

    def _on_add_measurement(self, _button: Any = None) -> None:
        p = self.model.pilot
        if p is None:
            return
        if self.entry_metric.value is None:
            raise InputError("Add a metric first: the measurement needs one.")
        pilot = pl.add_measurement(
            p,
            self.entry_metric.value,
            self.entry_date.value,
            self.entry_value.value,
            self.entry_note.value,
        )
        self.model.save_pilot(pilot)
        self.entry_value.value = self.entry_note.value = ""
        self._next_entry_date(pilot)
        self._show_measurements(pilot)
        self.model.announce(MEASURED)
        self.messages.show("Saved.", "success")

    def _next_entry_date(self, pilot: pl.Pilot) -> None:
        """Suggest the next date at the same interval as the last two measurements."""
        series = pilot.series(self.entry_metric.value) if self.entry_metric.value else []
        if len(series) >= 2:
            step = series[-1].date - series[-2].date
            self.entry_date.value = (series[-1].date + step).isoformat()

    def _import(self, name: str, data: bytes | str) -> None:
        """Add the measurements of a CSV file or pasted text; all or nothing."""
        try:
            p = self.model.pilot
            if p is None:
                raise InputError("Create a pilot first, then import its measurements.")
            if not p.metrics:
                raise InputError("Add the pilot's metrics first, then import the measurements.")
            rows = pl.parse_measurements_csv(data, p.metrics, self.entry_metric.value)
            pilot = pl.merge_measurements(p, rows)
            self.model.save_pilot(pilot)
        except PlaybookError as err:
            raise type(err)(f"{name}: {err} Nothing was imported.") from None
        added = len(pilot.measurements) - len(p.measurements)
        self._show_measurements(pilot)
        self.model.announce(MEASURED)
        skipped = len(rows) - added
        note = f" ({skipped} already there)" if skipped else ""
        self.messages.show(f"Imported {added} measurements from {name}{note}.", "success")

    def _on_paste(self, _button: Any = None) -> None:
        text = self.paste.value
        if not text.strip():
            raise InputError("Paste the rows first (with the column names on the first line).")
        self._import("The pasted rows", text)
        self.paste.value = ""  # only once imported: a refused paste stays for correction

    def _on_remove_measurement(self, _button: Any = None) -> None:
        p = self.model.pilot
        if p is None or not self.remove_choice.value:
            return
        metric_id, day = self.remove_choice.value.split("|", 1)
        self._saved(pl.remove_measurement(p, metric_id, day))

    def _show_measurements(self, p: pl.Pilot) -> None:
        self._show_rhythm(p)  # the next measurement follows the last one
        names = {m.id: m.name for m in p.metrics}
        rows = sorted(p.measurements, key=lambda m: (m.date, m.metric))
        with self.quiet():
            self.remove_choice.options = [("", "")] + [
                (
                    f"{m.date.isoformat()} · {names.get(m.metric, m.metric)} · {pl.format_number(m.value)}",
                    f"{m.metric}|{m.date.isoformat()}",
                )
                for m in rows
            ]
        if not rows:
            self.table.value = "<p><i>No measurements yet.</i></p>"
            return
        body = "".join(
            f"<tr><td>{esc(m.date.isoformat())}</td><td>{esc(names.get(m.metric, m.metric))}</td>"
            f"<td align=right>{esc(pl.format_number(m.value))}</td><td>{esc(pl.phase_label(p, m.date))}</td>"
            f"<td>{esc(m.note)}</td></tr>"
            for m in rows
        )
        self.table.value = (
            scroll_region(
                "<table cellpadding=4 style='border-collapse:collapse'><tr><th align=left>Date"
                "</th><th align=left>Metric</th><th>Value</th><th align=left>Phase</th>"
                f"<th align=left>Note</th></tr>{body}</table>",
                "Measurements",
                "260px",
            )
            + f"<small>{len(rows)} measurements</small>"
        )
