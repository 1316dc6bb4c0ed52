"""iCalendar (.ics) exports from Google Calendar, Outlook, Apple Calendar or Thunderbird.

Parsing is ``icalendar``'s and recurrence is ``recurring-ical-events``': RRULE, RDATE, EXDATE,
moved or edited occurrences (RECURRENCE-ID), VTIMEZONE definitions, Google's X-WR-TIMEZONE,
all handled there rather than by hand. This module decides what an occurrence means for a
time log:

* **Cancelled** (``STATUS:CANCELLED`` on the event or on one occurrence): left out.
* **Declined**: left out when the calendar's owner is an ``ATTENDEE`` with
  ``PARTSTAT=DECLINED``. The owner is every address given in ``owner_email`` (a comma or
  space separated list), matched on the attendee's value and its ``EMAIL`` parameter
  (iCloud's ``urn:uuid:`` attendees), case-insensitively; failing that, the calendar's
  ``X-WR-CALNAME`` when it is an e-mail address (Google names a person's primary calendar
  export so). With no owner known nothing is treated as declined, and a warning says how many
  events have a declined attendee. The owner's **tentative** invitations count and
  **delegated** ones are left out unless chosen otherwise; the warnings say how many.
* **Text**: the octets are unfolded before they are decoded (RFC 5545 §3.1), each logical
  line as UTF-8 or, failing that, Windows-1252 (named in a warning); lines end at CRLF or LF
  only; a quoted-printable value ending in ``=`` goes on on the next line (a soft line
  break: Drupal's feeds, Outlook's vCalendar). icalendar parses every line: nothing is
  dropped before it.
* **All-day** events (and timed ones of 24 hours or more, such as "On tour") are markers
  rather than work: one entry per day, ``all_day=True``, worth ``all_day_hours`` each (0 by
  default: listed, not counted; see ``calendar.all_day_hours`` in ``time_split.yaml``).
* **Time zones**: every time is converted to the participant's zone ``tz``; floating times
  (no zone) are read as times in ``tz``. Durations are elapsed time, so DST is right. Each
  file is read by its own VTIMEZONE definitions, never by those of a file read before it
  (icalendar keeps them process-wide; they are cleared before each file).
* **Broken events** (an unreadable DTSTART, a bad RRULE) are left out and named with their
  line in ``warnings``; a file that cannot be parsed at all raises
  :class:`CalendarFormatError` saying where.

The modules, by concern: :mod:`~playbook.imports.calendar.reading` (the octets unfolded and
decoded, the text parsed; the calendar's own zone), :mod:`~playbook.imports.calendar.bounds` (the
range and the occurrences allowed), :mod:`~playbook.imports.calendar.events` (events checked,
series expanded, occurrences made into entries), :mod:`~playbook.imports.calendar.attendees`
(the owner and who declined) and :mod:`~playbook.imports.calendar.parse` (all of it, from the
bytes or from a decoded text).
"""

from playbook.imports.calendar.bounds import (
    MAX_OCCURRENCES,
    MAX_RANGE_DAYS,
    MAX_SERIES_OCCURRENCES,
    check_request,
    estimate_occurrences,
)
from playbook.imports.calendar.parse import CalendarRequest, parse_calendar, read_calendar
from playbook.imports.calendar.reading import (
    CalendarFormatError,
    guess_calendar_timezone,
    zone_named_in,
)

__all__ = [
    "MAX_OCCURRENCES",
    "MAX_RANGE_DAYS",
    "MAX_SERIES_OCCURRENCES",
    "CalendarFormatError",
    "CalendarRequest",
    "check_request",
    "estimate_occurrences",
    "guess_calendar_timezone",
    "parse_calendar",
    "read_calendar",
    "zone_named_in",
]
