"""What the time-split page's panels share: the section, its content, and what is computed."""

from __future__ import annotations

import datetime as dt

import playbook.time_split as ts
from playbook.session import Session
from playbook.ui.common import Quiet, SectionModel

SECTION = "time_split"
STYLE = {"description_width": "130px"}
NONE = ""

#: The date range and time zone were set by the page (the sample), not typed: show them.
RANGE_SET = "range set"
#: The date range changed: the typed week follows it.
RANGE = "range"
#: The entries, rules or range changed: everything shown was recomputed.
REFRESHED = "refreshed"


class TimeSplitModel(SectionModel[ts.TimeSplitSection]):
    """The ``time_split`` section and its content; everything shown is recomputed from them by
    the pure functions of :mod:`playbook.time_split`."""

    def __init__(self, session: Session, content: ts.TimeSplitContent, quiet: Quiet) -> None:
        super().__init__(session, SECTION, ts.parse_section, ts.dump_section, quiet)
        self.content = content
        #: Every entry with its category (the entries table lists them all).
        self.classified: list[ts.Classified] = []
        #: The entries that count: a week both a calendar and a tracker describe, once.
        self.counted: list[ts.Classified] = []

    @property
    def categories(self) -> list[tuple[str, str]]:
        """(label, id) of each category, as a dropdown's options."""
        return [(cat.label, cat.id) for cat in self.content.categories]

    def range(self) -> tuple[dt.date, dt.date]:
        r = self.section.date_range or ts.default_range(dt.date.today())
        return r.start, r.end

    def report(self) -> ts.SplitReport:
        return ts.split_report(self.counted, self.content, self.range())

    def refresh(self) -> None:
        """Classify the entries again and have every panel show the result."""
        self.classified = ts.classify_section(self.section, self.content)
        self.counted = ts.counted_classified(self.section, self.content)
        self.announce(REFRESHED)
