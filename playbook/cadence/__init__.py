"""The cadence: everything dated in a workbook as one calendar, and what is due or overdue.

The playbook is a practice over months (quarterly audits, a transition plan with monthly
checkpoints, pilots measured as they run, goals with dates). Each registered workbook's
``dates`` hook (:class:`playbook.contract.Dated`) says what it has dated; this package reads
them all through the registry, naming no workbook (:func:`gather_dates`), and

* writes them as one iCalendar file (:func:`publish`, :mod:`~playbook.cadence.ics`): an
  all-day event an item, with a reminder, stable UIDs and SEQUENCE/LAST-MODIFIED kept in the
  record's ``cadence`` part (:mod:`~playbook.cadence.state`), so that downloading it again
  (or a calendar app following the subscription address) updates the events rather than
  adding them twice;
* gives the start page what is due this week and what is overdue (:func:`agenda`).

Pure: no widgets, no store, no files (the content comes through :mod:`playbook.content`);
the caller keeps the state :func:`publish` returns (``playbook.subscription``).

Examples
--------
>>> import datetime as dt
>>> from playbook.cadence import agenda, gather_dates
>>> dates = gather_dates({"plan": {"goals": [
...     {"id": "goal-1", "text": "Ask for a stretch role", "due": "2026-12-01"}]}})
>>> [(d.item.title, d.page) for d in agenda(dates.items, dt.date(2026, 12, 9)).overdue]
[('Goal: Ask for a stretch role', 'Development plan')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from playbook.cadence.agenda import Agenda, Due, agenda, next_occurrence, when
from playbook.cadence.content import CadenceContent, CalendarWords, PageWords, load_content
from playbook.cadence.gather import Dates, gather_dates, page_of
from playbook.cadence.ics import calendar_bytes, plain
from playbook.cadence.state import CADENCE_PART, CalendarState, EventState, parse_state, uid

__all__ = [
    "CADENCE_PART",
    "Agenda",
    "CadenceContent",
    "CalendarState",
    "CalendarWords",
    "Dates",
    "Due",
    "EventState",
    "PageWords",
    "Published",
    "agenda",
    "calendar_bytes",
    "gather_dates",
    "load_content",
    "next_occurrence",
    "page_of",
    "parse_state",
    "plain",
    "publish",
    "uid",
    "when",
]


@dataclass(frozen=True)
class Published:
    """A calendar file, the state to keep for the next one, whether it changed (then save
    it), and the dates it was made of."""

    ics: bytes
    state: CalendarState
    changed: bool
    dates: Dates


def publish(
    sections: Mapping[str, Mapping[str, Any] | None],
    now: dt.datetime,
    content: CadenceContent | None = None,
    dates: Dates | None = None,
) -> Published:
    """The calendar of a record's sections (``{name: data}``, the ``cadence`` part among
    them: its salt and what was last published); ``dates``: their dates, if gathered already.

    >>> p = publish({"plan": {"goals": [{"id": "goal-1", "text": "Ship", "due": "2026-12-01"}]}},
    ...             dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    >>> p.changed, b"SUMMARY:Goal: Ship" in p.ics, list(p.state.events)
    (True, True, ['plan:goal:goal-1'])
    """
    before = parse_state(sections.get(CADENCE_PART))
    dates = dates if dates is not None else gather_dates(sections)
    ics, state = calendar_bytes(dates.items, before, now, content or load_content())
    changed = state != before or not sections.get(CADENCE_PART)
    return Published(ics, state, changed, dates)
