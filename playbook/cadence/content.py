"""The cadence's content (``playbook/content/cadence.yaml``): the calendar's name, its
reminders and refresh interval (this workbook's defaults), and the start page's words."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from playbook.content import load_content as load_yaml
from playbook.models import Names, Strict, Text, Wording

__all__ = ["CadenceContent", "CalendarWords", "PageWords", "load_content"]


class CalendarWords(Wording):
    """The calendar file's name, maker and settings (each number a default of this workbook)."""

    name: Text
    description: str = ""
    product: Text
    file_name: str = Field(pattern=r"^[\w.-]+\.ics$")
    refresh_hours: int = Field(ge=1, le=24 * 7)
    reminder_days_before: int = Field(ge=0, le=28)
    reminder_time: dt.time
    weekly_reminder_time: dt.time
    done: Annotated[Text, Names("title")]


class PageWords(Wording):
    """What the start page says of the cadence."""

    title: str
    intro: str
    due: str
    overdue: str
    nothing_due: str
    nothing_overdue: str
    nothing_dated: str
    due_on: Annotated[str, Names("weekday", "day")]
    due_today: str
    weekly: Annotated[str, Names("weekday")]
    overdue_since: Annotated[str, Names("weekday", "day", "days")]
    overdue_yesterday: str
    open: Annotated[str, Names("page")]
    unreadable: Annotated[str, Names("parts")]
    calendar_title: str
    download: str
    download_help: Annotated[str, Names("reminder")]
    reminder_days_before: Annotated[str, Names("days", "time")]
    reminder_day_before: Annotated[str, Names("time")]
    reminder_on_the_day: Annotated[str, Names("time")]
    subscribe: str
    subscribe_help: str
    address: str
    address_label: str
    open_in_app: str
    live: Annotated[str, Names("day")]
    renew: str
    stop: str
    stopped: str
    nothing_to_stop: str
    not_found: str


class CadenceContent(Strict):
    """Everything coach-editable about the cadence."""

    calendar: CalendarWords
    page: PageWords

    def reminder_words(self) -> str:
        """When an item's reminder rings, in the page's words.

        >>> load_content().reminder_words()
        'the day before, at 09:00'
        """
        c, words = self.calendar, self.page
        at = c.reminder_time.strftime("%H:%M")
        if c.reminder_days_before == 0:
            return words.reminder_on_the_day.format(time=at)
        if c.reminder_days_before == 1:
            return words.reminder_day_before.format(time=at)
        return words.reminder_days_before.format(days=c.reminder_days_before, time=at)


def load_content() -> CadenceContent:
    """Load and validate ``cadence.yaml`` (the coach's copy if ``PLAYBOOK_CONTENT`` has one).

    >>> load_content().calendar.reminder_time.isoformat()
    '09:00:00'
    """
    return load_yaml("cadence", CadenceContent)
