"""The calendar as an iCalendar file (RFC 5545), written with the ``icalendar`` library: one
all-day event a dated item, with a reminder (``VALARM``) while it is not done, the weekly
reminder as a weekly ``RRULE``, and the UIDs, ``SEQUENCE`` and ``LAST-MODIFIED`` that make a
second download an update (:mod:`playbook.cadence.state`). Every text is plain text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from playbook.cadence.content import CadenceContent
from playbook.cadence.state import CalendarState, advance, fingerprint, uid
from playbook.contract import Dated

__all__ = ["Rendered", "calendar_bytes", "plain", "render"]

#: Characters other than a line break or a tab that are not text (a control character in a
#: participant's words would otherwise reach the file as it is).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain(text: str) -> str:
    """Participant text as the calendar keeps it: line breaks as ``\\n``, no control
    characters (icalendar escapes the rest: commas, semicolons, backslashes).

    >>> plain("Rig\\r\\nload-in\\x07 <b>now</b>")
    'Rig\\nload-in <b>now</b>'
    """
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


@dataclass(frozen=True)
class Rendered:
    """One event's fields as the file shows them (their fingerprint decides its SEQUENCE)."""

    item: Dated
    summary: str
    description: str
    alarm: dt.timedelta | None  # before or after the day's start; None: no reminder (done)

    def fields(self) -> tuple[str, ...]:
        alarm = "" if self.alarm is None else str(self.alarm.total_seconds())
        i = self.item
        return (i.day.isoformat(), str(i.weekly), self.summary, self.description, alarm)


def render(items: Iterable[Dated], content: CadenceContent) -> list[Rendered]:
    """Each item's summary, description and reminder (relative to its day's start): the
    content's reminder the days before at its time, the weekly reminder on its day.

    >>> from playbook.cadence import load_content
    >>> item = Dated("plan:goal:g", dt.date(2026, 12, 4), "Goal: ship", "plan", "goal")
    >>> r = render([item], load_content())[0]
    >>> r.summary, r.alarm
    ('Goal: ship', datetime.timedelta(days=-1, seconds=32400))
    """
    c = content.calendar
    out = []
    for item in items:
        at = c.weekly_reminder_time if item.weekly else c.reminder_time
        before = 0 if item.weekly else c.reminder_days_before
        alarm = dt.timedelta(days=-before, hours=at.hour, minutes=at.minute)
        title = plain(item.title)
        out.append(
            Rendered(
                item,
                c.done.format(title=title) if item.done else title,
                plain(item.detail),
                None if item.done else alarm,
            )
        )
    return sorted(out, key=lambda r: (r.item.day, r.item.key))


def calendar_bytes(
    items: Iterable[Dated], state: CalendarState, now: dt.datetime, content: CadenceContent
) -> tuple[bytes, CalendarState]:
    """The calendar file of ``items``, and the state to keep for the next one (unchanged when
    no event changed: save it only then). The file is the same, byte for byte, while nothing
    changes (each event is stamped with its own last change), so a server can answer a
    calendar app's repeated visit with "not modified".

    Examples
    --------
    >>> from icalendar import Calendar
    >>> from playbook.cadence import load_content, parse_state
    >>> items = [Dated("plan:goal:g", dt.date(2026, 12, 4), "Goal: ship", "plan", "goal")]
    >>> now = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    >>> data, state = calendar_bytes(items, parse_state({"salt": "0" * 32}), now, load_content())
    >>> event = Calendar.from_ical(data).walk("VEVENT")[0]
    >>> str(event["SUMMARY"]), event["DTSTART"].dt, event["SEQUENCE"]
    ('Goal: ship', datetime.date(2026, 12, 4), 218278800)
    >>> calendar_bytes(items, state, now + dt.timedelta(hours=1), load_content()) == (data, state)
    True
    """
    from icalendar import Alarm, Calendar, Event, vText

    rendered = render(items, content)
    state = advance(state, {r.item.key: fingerprint(r.fields()) for r in rendered}, now)
    c = content.calendar
    cal = Calendar()
    cal.add("prodid", c.product)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    name = plain(c.name).replace("\n", " ")
    cal.add("name", name)  # RFC 7986
    cal.add("x-wr-calname", vText(name))  # what Google, Apple and Outlook read (as text)
    if c.description:
        cal.add("description", plain(c.description))
        cal.add("x-wr-caldesc", vText(plain(c.description)))
    refresh = dt.timedelta(hours=c.refresh_hours)
    cal.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", f"PT{c.refresh_hours}H")
    for r in rendered:
        kept = state.events[r.item.key]
        event = Event()
        event.add("uid", uid(state.salt, r.item.key))
        # no METHOD: DTSTAMP is the event's last change, as LAST-MODIFIED (RFC 5545 3.8.7.2)
        event.add("dtstamp", kept.modified)
        event.add("last-modified", kept.modified)
        event.add("sequence", kept.sequence)
        event.add("dtstart", r.item.day)
        event.add("dtend", r.item.day + dt.timedelta(days=1))
        if r.item.weekly:
            event.add("rrule", {"freq": "weekly"})
        event.add("summary", r.summary)
        if r.description:
            event.add("description", r.description)
        event.add("transp", "TRANSPARENT")  # a reminder, not busy time
        if r.alarm is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", r.summary)
            alarm.add("trigger", r.alarm)
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical(), state
