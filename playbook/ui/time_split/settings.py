"""1. The weeks to analyse, the time zone, the participant's e-mails, how their tentative and
delegated invitations count, and the weekly time-logging reminder in their calendar."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any
from zoneinfo import available_timezones

import ipywidgets as widgets

import playbook.time_split as ts
from playbook.errors import InputError
from playbook.imports import zone
from playbook.ui.common import Panel, esc, html_box
from playbook.ui.time_split.browser_zone import BrowserZone
from playbook.ui.time_split.model import RANGE, RANGE_SET, STYLE, TimeSplitModel


class SettingsPanel(Panel[TimeSplitModel]):
    """The date range, time zone and e-mail, saved as soon as they change."""

    TITLE = "1. Your weeks and your time zone"
    INTRO = "Choose the weeks to analyse. Calendar events are read for this range when you import: to look at other weeks, change it and import the calendar again (nothing is counted twice)."

    def build(self, model: TimeSplitModel) -> list[widgets.Widget]:
        self.range_start = widgets.DatePicker(description="From", style=STYLE)
        self.range_start.add_class("pb-ts-range-start")
        self.range_end = widgets.DatePicker(description="To", style=STYLE)
        self.range_end.add_class("pb-ts-range-end")
        self.timezone = widgets.Combobox(
            description="Time zone",
            options=sorted(z for z in available_timezones() if "/" in z) + ["UTC"],
            ensure_option=False,
            continuous_update=False,
            style=STYLE,
        )
        self.timezone.add_class("pb-ts-timezone")
        self.owner_email = widgets.Text(
            description="Your e-mail",
            placeholder="the addresses your calendars use, separated by commas "
            "(to leave out meetings you declined)",
            continuous_update=False,
            layout=widgets.Layout(width="95%"),
            style=STYLE,
        )
        self.owner_email.add_class("pb-ts-owner")
        # the workbook's defaults: tentative invitations counted, delegated ones left out
        self.count_tentative = widgets.Checkbox(
            description="Count meetings I accepted tentatively", indent=False
        )
        self.count_tentative.add_class("pb-ts-tentative")
        self.count_delegated = widgets.Checkbox(
            description="Count meetings I delegated to someone else", indent=False
        )
        self.count_delegated.add_class("pb-ts-delegated")
        self.browser_zone = BrowserZone()
        self.zone_note = html_box("pb-ts-zone-note")
        words = model.content.dates
        # the weekly reminder in the participant's calendar: off until chosen (-1)
        self.reminder_day = widgets.Dropdown(
            description=words.reminder_label,
            options=[(words.reminder_off, -1)]
            + [
                (words.reminder_every.format(weekday=d), i) for i, d in enumerate(calendar.day_name)
            ],
            value=-1,
            style=STYLE,
        )
        self.reminder_day.add_class("pb-ts-reminder")
        self.reminder_note = html_box("pb-ts-reminder-note")
        children = [
            widgets.HBox([self.range_start, self.range_end]),
            widgets.HBox([self.timezone, self.zone_note]),
            self.owner_email,
            widgets.HBox([self.count_tentative, self.count_delegated]),
            widgets.HBox([self.reminder_day, self.reminder_note]),
            self.browser_zone,
        ]
        self.on_value(
            self._on_settings,
            self.range_start,
            self.range_end,
            self.timezone,
            self.owner_email,
            self.count_tentative,
            self.count_delegated,
        )
        self.on_value(self._on_browser_zone, self.browser_zone)
        self.on_value(self._on_reminder, self.reminder_day)
        model.listen(RANGE_SET, self.show_range)
        return children

    def fill(self) -> None:
        """Put the saved settings into the widgets (call inside the page's quiet())."""
        self.show_range()
        self.owner_email.value = self.model.section.owner_email
        self.count_tentative.value = self.model.section.count_tentative
        self.count_delegated.value = self.model.section.count_delegated
        weekday = self.model.section.reminder_weekday
        self.reminder_day.value = -1 if weekday is None else weekday
        self._show_reminder()

    def _on_reminder(self, _change: Any = None) -> None:
        weekday = None if self.reminder_day.value == -1 else int(self.reminder_day.value)
        self.model.save(ts.set_reminder(self.model.section, weekday, dt.date.today()))
        self._show_reminder()

    def _show_reminder(self) -> None:
        words = self.model.content.dates
        section = self.model.section
        if section.reminder_weekday is None or section.reminder_since is None:
            self.reminder_note.value = f"<small>{esc(words.reminder_help)}</small>"
            return
        first = ts.WeeklyReminder(section.reminder_weekday, section.reminder_since).first
        text = words.reminder_set.format(
            weekday=calendar.day_name[section.reminder_weekday], first=first.isoformat()
        )
        self.reminder_note.value = f"<small>{esc(text)}</small>"

    def show_range(self) -> None:
        with self.quiet():
            self.range_start.value, self.range_end.value = self.model.range()
            self.timezone.value = self.model.section.timezone

    def _on_browser_zone(self, _change: Any = None) -> None:
        """The browser reported its zone: show it, and use it while the page still has the
        default (UTC, nothing imported), so that no one reads their week in UTC unknowingly."""
        reported = self.browser_zone.value.strip()
        try:
            zone(reported)
        except InputError:
            self.zone_note.value = ""
            return
        section = self.model.section
        owner = self.model.session.role == "owner"  # a mentor's browser changes nothing
        if owner and section.timezone == "UTC" and reported != "UTC" and not section.entries:
            self.model.save(section.model_copy(update={"timezone": reported}))
            self.show_range()
            self.model.refresh()
            self.zone_note.value = (
                f"<span>Set to {esc(reported)}, the time zone your browser reports.</span>"
            )
        elif reported != section.timezone:
            self.zone_note.value = (
                f"<span>Your browser reports {esc(reported)}; times are read and shown in "
                f"{esc(section.timezone)}.</span>"
            )
        else:
            self.zone_note.value = "<span>The time zone your browser reports.</span>"

    def _on_settings(self, _change: Any = None) -> None:
        date_range = ts.check_range(self.range_start.value, self.range_end.value)
        tz = (self.timezone.value or "").strip()
        section = self.model.section.model_copy(
            update={
                "date_range": date_range,
                "owner_email": self.owner_email.value.strip(),
                "count_tentative": bool(self.count_tentative.value),
                "count_delegated": bool(self.count_delegated.value),
            }
        )
        section = ts.TimeSplitSection.model_validate(
            {**section.model_dump(mode="json"), "timezone": tz}
        )
        self.model.save(section)
        self.model.announce(RANGE)
        self.model.refresh()
