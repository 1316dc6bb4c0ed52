"""What a mentor adds through a session link, and how it joins the manager's section.

A mentor never writes the manager's section. Each thing they do is one **contribution**
through their link (the store keeps it in a row of its own, with the id of the link it came
through and the time it arrived): a point, an action, their notes of a session (the latest
kept), an action of theirs marked done or open again, something of theirs taken back, or the
point they are still writing (a draft, which only their own page reads).

:func:`merge` joins them to the manager's section: the manager's page saves the result (so
an exported workbook, "Where I stand" and the calendar have the mentor's actions too), the
mentor's page shows it (through :func:`playbook.mentoring.for_mentor`). Nothing either side
does can overwrite the other's: rows are only ever added, each item keeps who wrote it, only
its author takes it back, and of two marks of one action (done, open again) the later wins.
Merging what was merged already changes nothing, so the page can merge at every load.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter, ValidationError

from playbook.contract import by_id
from playbook.errors import InputError
from playbook.limits import MAX_SESSION_ITEMS, MAX_TEXT_CHARS
from playbook.mentoring.agenda import actions_in
from playbook.mentoring.section import (
    POINT_CHARS,
    Action,
    ItemId,
    MentoringSection,
    MentorNote,
    Point,
    PointText,
    Side,
)
from playbook.models import Strict, read_date, required

__all__ = [
    "SHARE_KIND",
    "Merged",
    "item_id",
    "mentor_action",
    "mentor_done",
    "mentor_draft",
    "mentor_note",
    "mentor_point",
    "mentor_remove",
    "merge",
    "moment",
]

#: The kind of the session links and of the contributions that come through them.
SHARE_KIND = "mentor-session"


class _Event(Strict):
    session: ItemId
    at: str = Field(default="", max_length=40)


class PointEvent(_Event):
    type: Literal["point"]
    text: PointText


class ActionEvent(_Event):
    type: Literal["action"]
    text: PointText
    owner: Side
    due: dt.date | None = None


class NoteEvent(_Event):
    type: Literal["note"]
    text: str = Field(max_length=MAX_TEXT_CHARS)


class DoneEvent(_Event):
    type: Literal["done"]
    action: ItemId
    done: bool


class RemoveEvent(_Event):
    type: Literal["remove"]
    item: ItemId


class DraftEvent(_Event):
    type: Literal["draft"]
    text: str = Field(max_length=POINT_CHARS)


_EVENT: TypeAdapter[Any] = TypeAdapter(
    Annotated[
        PointEvent | ActionEvent | NoteEvent | DoneEvent | RemoveEvent | DraftEvent,
        Field(discriminator="type"),
    ]
)


def moment(value: str | dt.datetime) -> str:
    """A time as this module compares them: UTC, ISO, to the microsecond ("" when unreadable).

    >>> moment("2026-05-05T10:00:00+02:00"), moment("soon")
    ('2026-05-05T08:00:00.000000', '')
    """
    try:
        when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    except ValueError:
        return ""
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return when.isoformat(timespec="microseconds")


def item_id(contribution: Mapping[str, Any]) -> str:
    """The id a point or an action a mentor added takes in the section: the link it came
    through and its number in the store (unique even in a workbook restored elsewhere).

    >>> item_id({"id": 17, "share_id": "0123456789abcdef"})
    'm-0123456789-17'
    """
    return f"m-{str(contribution['share_id'])[:10]}-{int(contribution['id'])}"


# --- what the mentor's page sends -------------------------------------------------------------


def _session(view: MentoringSection, session_id: str) -> None:
    by_id(view.sessions, session_id, "session", message="Choose a session first.")


def mentor_point(view: MentoringSection, session_id: str, text: str, *, at: str) -> dict[str, Any]:
    """The contribution of a mentor's agenda point (``view``: what the mentor sees)."""
    _session(view, session_id)
    return {
        "type": "point",
        "session": session_id,
        "text": required(text, "the point", POINT_CHARS),
        "at": at,
    }


def mentor_action(
    view: MentoringSection,
    session_id: str,
    text: str,
    owner: Side,
    due: str | dt.date | None,
    *,
    at: str,
) -> dict[str, Any]:
    """The contribution of an action the mentor adds, for either side to do."""
    _session(view, session_id)
    day = read_date(due, "Due")
    return {
        "type": "action",
        "session": session_id,
        "text": required(text, "the action", POINT_CHARS),
        "owner": owner,
        "due": day.isoformat() if day else None,
        "at": at,
    }


def mentor_note(view: MentoringSection, session_id: str, text: str, *, at: str) -> dict[str, Any]:
    """The contribution of the mentor's notes of a session, as typed (the latest is kept)."""
    _session(view, session_id)
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"The notes are too long: at most {MAX_TEXT_CHARS:,} characters.")
    return {"type": "note", "session": session_id, "text": text, "at": at}


def mentor_done(
    view: MentoringSection, action_id: str, session_id: str, done: bool, *, at: str
) -> dict[str, Any]:
    """The contribution marking one of the mentor's own actions done in a session (or open
    again); the manager's actions are theirs to mark."""
    action = by_id(view.actions, action_id, "action")
    if action.owner != "mentor":
        raise InputError("This action is the manager's: they mark it done on their page.")
    if not any(x.action.id == action_id for x in actions_in(view, session_id)):
        raise InputError("This action is not on that session's list.")
    return {"type": "done", "session": session_id, "action": action_id, "done": done, "at": at}


def mentor_remove(view: MentoringSection, item: str, share_id: str, *, at: str) -> dict[str, Any]:
    """The contribution taking back a point or an open action this link added."""
    items: list[Point | Action] = [*view.points, *view.actions]
    found = next((x for x in items if x.id == item), None)
    if found is None or found.side != "mentor" or found.by != share_id[:40]:
        raise InputError("Only what you added yourself can be taken back.")
    if isinstance(found, Action) and found.done:
        raise InputError("A done action stays on record; it cannot be taken back.")
    return {"type": "remove", "session": found.session, "item": item, "at": at}


def mentor_draft(session_id: str, text: str, *, at: str) -> dict[str, Any]:
    """The contribution keeping the point the mentor is still writing (only their page reads
    it back)."""
    return {"type": "draft", "session": session_id, "text": text[:POINT_CHARS], "at": at}


# --- merging ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Merged:
    """The section with the mentors' contributions joined, how many could not be used, and
    each link's latest draft (``(session, text)`` by link id: only that link's page shows it)."""

    section: MentoringSection
    skipped: int = 0
    drafts: Mapping[str, tuple[str, str]] = field(default_factory=dict)


def merge(
    section: MentoringSection,
    contributions: Sequence[Mapping[str, Any]],
    names: Mapping[str, str] | None = None,
) -> Merged:
    """The manager's section with what mentors sent through session links joined to it.

    ``contributions`` are the store's rows of kind :data:`SHARE_KIND` (each a payload with the
    store's ``id``, ``created`` and ``share_id``), oldest first; ``names`` the name the manager
    gave each link, by its id. A contribution that cannot be used (malformed, naming a session
    or an action that is not there, a mark on the manager's action) is counted in ``skipped``.

    Examples
    --------
    >>> from playbook.mentoring import MentoringSection, add_session, load_content
    >>> s, first = add_session(MentoringSection(), "2026-04-07", load_content())
    >>> rows = [dict(mentor_point(s, first.id, "Rota", at=""), id=3, share_id="ab" * 8,
    ...              created="2026-04-07T09:00:00")]
    >>> m = merge(s, rows, {"ab" * 8: "Sam"})
    >>> [(p.side, p.name, p.text) for p in m.section.points]
    [('mentor', 'Sam', 'Rota')]
    >>> merge(m.section, rows).section == m.section  # merging again changes nothing
    True
    """
    names = names or {}
    points = {p.id: p for p in section.points}
    actions = {a.id: a for a in section.actions}
    notes = {(n.session, n.by): n for n in section.mentor_notes}
    sessions = {s.id for s in section.sessions}
    drafts: dict[str, tuple[str, str]] = {}
    skipped = 0
    for row in contributions:
        try:
            event = _EVENT.validate_python({k: v for k, v in row.items() if k not in _STORE})
            by = str(row["share_id"])[:40]
            when = moment(str(row.get("created") or "")) or moment(event.at)
            new_id = item_id(row)
        except (ValidationError, KeyError, TypeError, ValueError):
            skipped += 1
            continue
        name = names.get(by, "")
        if event.session not in sessions:
            skipped += 1
        elif isinstance(event, PointEvent):
            if new_id not in points and len(points) < MAX_SESSION_ITEMS:
                points[new_id] = Point(
                    id=new_id, session=event.session, side="mentor", by=by, name=name,
                    text=event.text, at=when,
                )  # fmt: skip
        elif isinstance(event, ActionEvent):
            if new_id not in actions and len(actions) < MAX_SESSION_ITEMS:
                actions[new_id] = Action(
                    id=new_id, session=event.session, side="mentor", by=by, name=name,
                    text=event.text, owner=event.owner, due=event.due, at=when,
                )  # fmt: skip
        elif isinstance(event, NoteEvent):
            old = notes.get((event.session, by))
            if old is None or when >= old.at:
                notes[(event.session, by)] = MentorNote(
                    session=event.session, by=by, name=name or (old.name if old else ""),
                    text=event.text, at=when,
                )  # fmt: skip
        elif isinstance(event, DoneEvent):
            skipped += not _mark(actions, event, when, section)
        elif isinstance(event, RemoveEvent):
            item = points.get(event.item) or actions.get(event.item)
            if item is None or item.by != by or (isinstance(item, Action) and item.done):
                skipped += item is not None  # taken back before: nothing to do
            else:
                points.pop(event.item, None)
                actions.pop(event.item, None)
        else:  # a draft: kept for its own link's page, never joined to the section
            drafts[by] = (event.session, event.text)
    merged = section.model_copy(
        update={
            "points": tuple(points.values()),
            "actions": tuple(actions.values()),
            "mentor_notes": tuple(notes.values()),
        }
    )
    return Merged(merged, skipped, drafts)


#: The fields the store adds to a contribution's payload.
_STORE = ("id", "created", "share_id")


def _mark(
    actions: dict[str, Action], event: DoneEvent, when: str, section: MentoringSection
) -> bool:
    """Apply a mentor's mark to their own action if it is later than the last mark."""
    action = actions.get(event.action)
    if action is None or action.owner != "mentor":
        return False
    if when and action.done_at and moment(action.done_at) >= when:
        return True  # the manager marked it later (or this mark was merged already)
    view = section.model_copy(update={"actions": tuple(actions.values())})
    if not any(x.action.id == action.id for x in actions_in(view, event.session)):
        return False
    actions[action.id] = action.model_copy(
        update={"done_in": event.session if event.done else "", "done_at": when}
    )
    return True
