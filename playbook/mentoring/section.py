"""The record's ``mentoring`` section: the sessions (a date, the manager's shared and private
notes), the agenda points and actions of either side, the mentor's notes, the next session's
date, and the manager's drafts; read and dumped.

A mentor never writes this section: what they add arrives through their session link as
contributions (:mod:`playbook.mentoring.shared`), which the manager's page merges in, each
item keeping who wrote it (``side``, and ``by``: the id of the link it came through)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from playbook.contract import by_id, repeated
from playbook.limits import MAX_SESSION_ITEMS, MAX_SESSIONS, MAX_TEXT_CHARS
from playbook.models import Strict, read_section

__all__ = [
    "ID_PATTERN",
    "POINT_CHARS",
    "Action",
    "Drafts",
    "ItemId",
    "Meeting",
    "MentorNote",
    "MentoringSection",
    "Point",
    "PointText",
    "Side",
    "dump_section",
    "parse_section",
]

#: Who wrote something, or owns an action: the workbook's owner or their mentor.
Side = Literal["manager", "mentor"]
#: An id in the section: the manager's ``session-3``, ``point-2``, ``action-1``, or ``c17``
#: for what arrived as the 17th contribution.
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,39}$"
#: The longest agenda point or action, in characters (a paragraph).
POINT_CHARS = 1_000
#: An id in the section, or one naming a session or an action of it (:data:`ID_PATTERN`).
ItemId = Annotated[str, Field(pattern=ID_PATTERN)]
#: An agenda point's or an action's text: not empty, at most :data:`POINT_CHARS`.
PointText = Annotated[str, Field(min_length=1, max_length=POINT_CHARS)]


class Meeting(Strict):
    """One session: its date and the manager's notes (shared with the mentor, and private)."""

    id: ItemId
    day: dt.date
    notes: str = Field(default="", max_length=MAX_TEXT_CHARS)
    private_notes: str = Field(default="", max_length=MAX_TEXT_CHARS)


class Written(Strict):
    """Something one side wrote in a session: who (``side``; for a mentor, ``by`` is the id of
    the link it came through and ``name`` the name the manager gave that link) and when."""

    id: ItemId
    session: ItemId
    side: Side = "manager"
    by: str = Field(default="", max_length=40)
    name: str = Field(default="", max_length=200)
    at: str = Field(default="", max_length=40)


class Point(Written):
    """A talking point of a session's agenda; only the manager's can be private."""

    text: PointText
    private: bool = False

    @model_validator(mode="after")
    def _private_is_the_managers(self) -> Point:
        if self.private and self.side != "manager":
            raise ValueError("only the manager's points can be private")
        return self


class Action(Written):
    """An action item: its owner and due date, what it is linked to (a goal, a suggestion, a
    pilot, an audit action: ``link``, with the words it had when linked, ``link_label``), and
    the session it was done in (``done_in``, empty while open; ``done_at`` when it was marked,
    so that the later of two marks wins)."""

    text: PointText
    owner: Side = "manager"
    due: dt.date | None = None
    link: str = Field(default="", max_length=300)
    link_label: str = Field(default="", max_length=POINT_CHARS)
    done_in: str = Field(default="", max_length=40)
    done_at: str = Field(default="", max_length=40)

    @property
    def done(self) -> bool:
        return bool(self.done_in)


class MentorNote(Strict):
    """A mentor's notes of one session (one text per session and link, the latest kept)."""

    session: ItemId
    by: str = Field(min_length=1, max_length=40)
    name: str = Field(default="", max_length=200)
    text: str = Field(default="", max_length=MAX_TEXT_CHARS)
    at: str = Field(default="", max_length=40)


class Drafts(Strict):
    """What the manager is still writing (an agenda point, an action), kept as typed and never
    shown to the mentor."""

    point: str = Field(default="", max_length=POINT_CHARS)
    private: bool = False
    action: str = Field(default="", max_length=POINT_CHARS)
    owner: Side = "manager"
    due: dt.date | None = None


class MentoringSection(Strict):
    """The workbook record's ``mentoring`` section."""

    #: The manager's name as their mentor reads it ("" : "the manager who sent you this link").
    me: str = Field(default="", max_length=200)
    #: Whether the mentor sees "Where I stand" (the other workbooks' results in sentences).
    share_standing: bool = True
    sessions: tuple[Meeting, ...] = Field(default=(), max_length=MAX_SESSIONS)
    points: tuple[Point, ...] = Field(default=(), max_length=MAX_SESSION_ITEMS)
    actions: tuple[Action, ...] = Field(default=(), max_length=MAX_SESSION_ITEMS)
    mentor_notes: tuple[MentorNote, ...] = Field(default=(), max_length=MAX_SESSION_ITEMS)
    #: The date planned for the next session, if any.
    next_day: dt.date | None = None
    drafts: Drafts = Drafts()

    @model_validator(mode="after")
    def _consistent(self) -> MentoringSection:
        for what, ids in (
            ("session", [s.id for s in self.sessions]),
            ("point", [p.id for p in self.points]),
            ("action", [a.id for a in self.actions]),
        ):
            twice = repeated(ids)
            if twice:
                raise ValueError(f"{what} id '{twice[0]}' is used twice")
        days = repeated(s.day for s in self.sessions)
        if days:
            raise ValueError(f"two sessions on {days[0].isoformat()}")
        known = {s.id for s in self.sessions}
        items: Iterable[Any] = (*self.points, *self.actions, *self.mentor_notes)
        for item in items:
            if item.session not in known:
                raise ValueError(f"'{item.session}' is not one of the sessions")
        for a in self.actions:
            if a.done_in and a.done_in not in known:
                raise ValueError(f"action '{a.id}' was done in an unknown session")
        notes = repeated((n.session, n.by) for n in self.mentor_notes)
        if notes:
            raise ValueError(f"two notes of one mentor link in '{notes[0][0]}'")
        return self

    def meeting(self, session_id: str) -> Meeting:
        """The session with this id."""
        return by_id(self.sessions, session_id, "session")

    def ordered(self) -> list[Meeting]:
        """The sessions by date, the earliest first."""
        return sorted(self.sessions, key=lambda s: s.day)


def parse_section(data: Mapping[str, Any] | None) -> MentoringSection:
    """Validate a stored ``mentoring`` section (``None`` or ``{}`` gives an empty one).

    >>> parse_section(None) == parse_section({}) == MentoringSection()
    True
    """
    return read_section(MentoringSection, data, "sessions with your mentor")


def dump_section(section: MentoringSection) -> dict[str, Any]:
    """The section as plain JSON-able data, ready for the store."""
    return section.model_dump(mode="json")
