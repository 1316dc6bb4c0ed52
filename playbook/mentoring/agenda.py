"""The rules of a session: which actions it shows (an action carries to every later session
until it is done), which points, and the manager's edits, each returning a new section.

Sessions are ordered by date; "later" and "earlier" are in that order, whatever order they
were added in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from playbook.contract import by_id
from playbook.errors import InputError
from playbook.limits import MAX_SESSION_ITEMS, MAX_SESSIONS, MAX_TEXT_CHARS, check_count
from playbook.mentoring.content import MentoringContent
from playbook.mentoring.section import (
    POINT_CHARS,
    Action,
    Drafts,
    Meeting,
    MentoringSection,
    Point,
    Side,
)
from playbook.models import next_id, read_date, required

__all__ = [
    "AgendaAction",
    "actions_in",
    "add_action",
    "add_point",
    "add_session",
    "held",
    "points_in",
    "remove_action",
    "remove_point",
    "remove_session",
    "set_done",
    "set_drafts",
    "set_link",
    "set_next_day",
    "set_notes",
    "set_session_day",
    "set_sharing",
]


@dataclass(frozen=True)
class AgendaAction:
    """An action as one session shows it: ``carried`` from an earlier session (still open
    then), and whether it was ``done_here``."""

    action: Action
    carried: bool
    done_here: bool


def _order(section: MentoringSection) -> dict[str, int]:
    return {s.id: n for n, s in enumerate(section.ordered())}


def actions_in(section: MentoringSection, session_id: str) -> list[AgendaAction]:
    """The actions session ``session_id`` shows: those added in it, and those added earlier
    that were still open when it began (an action carries to every later session until it
    is done; it shows in the session it was done in, as done, and in none after).

    Examples
    --------
    >>> from playbook.mentoring import MentoringSection, add_action, add_session, load_content
    >>> c = load_content()
    >>> s, first = add_session(MentoringSection(), "2026-04-07", c)
    >>> s = add_action(s, first.id, "Draft the crew rota", "manager", "", at="t1")
    >>> s, second = add_session(s, "2026-05-05", c)
    >>> [(x.action.text, x.carried, x.done_here) for x in actions_in(s, second.id)]
    [('Draft the crew rota', True, False)]
    >>> s = set_done(s, s.actions[0].id, second.id, True, at="t2")
    >>> s, third = add_session(s, "2026-06-02", c)
    >>> [x.done_here for x in actions_in(s, second.id)], actions_in(s, third.id)
    ([True], [])
    """
    by_id(section.sessions, session_id, "session")
    order = _order(section)
    here = order[session_id]
    out = []
    for a in section.actions:
        added = order[a.session]
        # done in a session dated before the one it was added in (dates changed since): it
        # counts as done where it was added
        done = max(order[a.done_in], added) if a.done_in else None
        if added <= here and (done is None or done >= here):
            out.append(AgendaAction(a, carried=added < here, done_here=done == here))
    return out


def points_in(section: MentoringSection, session_id: str) -> list[Point]:
    """The agenda points of one session, in the order they were added (points do not carry)."""
    by_id(section.sessions, session_id, "session")
    return [p for p in section.points if p.session == session_id]


def held(section: MentoringSection) -> set[str]:
    """The sessions that took place: one with notes (either side's) or actions added or done
    in it, or any but the latest. A session prepared ahead, with an agenda only, is not yet
    held.

    >>> from playbook.mentoring import MentoringSection, add_session, load_content, set_notes
    >>> s, first = add_session(MentoringSection(), "2026-04-07", load_content())
    >>> held(s), held(set_notes(s, first.id, notes="Talked rotas"))
    (set(), {'session-1'})
    """
    ordered = section.ordered()
    out = {s.id for s in ordered[:-1]}
    for s in section.sessions:
        if s.notes.strip() or s.private_notes.strip():
            out.add(s.id)
    out |= {n.session for n in section.mentor_notes if n.text.strip()}
    out |= {a.session for a in section.actions} | {a.done_in for a in section.actions if a.done_in}
    return out


# --- the manager's edits --------------------------------------------------------------------


def add_session(
    section: MentoringSection, day: str | dt.date | None, content: MentoringContent
) -> tuple[MentoringSection, Meeting]:
    """A copy with a new session on ``day``, and the session. A session later than every
    other plans the next one ``content.defaults.next_session_days`` later (a default of this
    workbook; the page shows it, to change or clear).

    Raises
    ------
    InputError
        Without a date, or when a session on that date exists already.
    """
    when = read_date(day, "Session date")
    if when is None:
        raise InputError("Choose the session's date first.")
    if any(s.day == when for s in section.sessions):
        raise InputError(
            f"There is already a session on {when.isoformat()}: choose it in the list of sessions."
        )
    check_count(len(section.sessions) + 1, MAX_SESSIONS, "sessions")
    meeting = Meeting(id=next_id("session", (s.id for s in section.sessions)), day=when)
    latest = all(s.day < when for s in section.sessions)
    update: dict[str, object] = {
        "sessions": tuple(sorted((*section.sessions, meeting), key=lambda s: s.day))
    }
    if latest:
        update["next_day"] = when + dt.timedelta(days=content.defaults.next_session_days)
    return section.model_copy(update=update), meeting


def set_session_day(
    section: MentoringSection, session_id: str, day: str | dt.date | None
) -> MentoringSection:
    """A copy with one session moved to another date (not one another session has)."""
    when = read_date(day, "Session date")
    if when is None:
        raise InputError("A session needs a date.")
    if any(s.day == when and s.id != session_id for s in section.sessions):
        raise InputError(f"There is already a session on {when.isoformat()}.")
    by_id(section.sessions, session_id, "session")
    sessions = [
        s.model_copy(update={"day": when}) if s.id == session_id else s for s in section.sessions
    ]
    return section.model_copy(update={"sessions": tuple(sorted(sessions, key=lambda s: s.day))})


def remove_session(section: MentoringSection, session_id: str) -> MentoringSection:
    """A copy without an empty session (one made by mistake); a session that holds anything
    stays: what either side wrote is never thrown away with it."""
    meeting = by_id(section.sessions, session_id, "session")
    used = (
        meeting.notes.strip()
        or meeting.private_notes.strip()
        or any(p.session == session_id for p in section.points)
        or any(session_id in (a.session, a.done_in) for a in section.actions)
        or any(n.session == session_id for n in section.mentor_notes)
    )
    if used:
        raise InputError("This session holds points, notes or actions: it stays in the list.")
    return _without(section, "sessions", session_id)


def set_notes(
    section: MentoringSection,
    session_id: str,
    *,
    notes: str | None = None,
    private_notes: str | None = None,
) -> MentoringSection:
    """A copy with the manager's shared or private notes of one session (as typed)."""
    meeting = by_id(section.sessions, session_id, "session")
    update = {}
    for field, text in (("notes", notes), ("private_notes", private_notes)):
        if text is not None:
            if len(text) > MAX_TEXT_CHARS:
                raise InputError(f"The notes are too long: at most {MAX_TEXT_CHARS:,} characters.")
            update[field] = text
    changed = meeting.model_copy(update=update)
    return section.model_copy(
        update={"sessions": tuple(changed if s.id == session_id else s for s in section.sessions)}
    )


def set_next_day(section: MentoringSection, day: str | dt.date | None) -> MentoringSection:
    """A copy with the next session's planned date (empty: none planned)."""
    return section.model_copy(update={"next_day": read_date(day, "Next session")})


def set_sharing(
    section: MentoringSection, *, me: str | None = None, share_standing: bool | None = None
) -> MentoringSection:
    """A copy with the manager's name as the mentor reads it, or whether the mentor sees
    "Where I stand"."""
    update: dict[str, object] = {}
    if me is not None:
        if len(me.strip()) > 200:
            raise InputError("Your name is too long: at most 200 characters.")
        update["me"] = me.strip()
    if share_standing is not None:
        update["share_standing"] = share_standing
    return section.model_copy(update=update)


def set_drafts(section: MentoringSection, **fields: object) -> MentoringSection:
    """A copy with what the manager is still writing (``point``, ``private``, ``action``,
    ``owner``, ``due``), kept as typed; a due date that is not one yet is kept out."""
    if "due" in fields:
        try:
            fields["due"] = read_date(fields["due"], "Due")  # type: ignore[arg-type]
        except InputError:
            fields.pop("due")
    drafts = Drafts.model_validate({**section.drafts.model_dump(), **fields})
    return section.model_copy(update={"drafts": drafts})


def add_point(
    section: MentoringSection, session_id: str, text: str, *, private: bool, at: str
) -> MentoringSection:
    """A copy with the manager's new agenda point (``private``: never shown to the mentor);
    the draft point is cleared."""
    point = Point(
        id=_new_id(section, session_id, section.points, "point"),
        session=session_id,
        text=required(text, "the point", POINT_CHARS),
        private=private,
        at=at,
    )
    return _added(section, "points", point, {"point": "", "private": False})


def remove_point(section: MentoringSection, point_id: str) -> MentoringSection:
    """A copy without one of the manager's own points (a mentor takes back their own)."""
    _own(section.points, point_id, "point")
    return _without(section, "points", point_id)


def add_action(
    section: MentoringSection,
    session_id: str,
    text: str,
    owner: Side,
    due: str | dt.date | None,
    *,
    at: str,
    link: str = "",
    link_label: str = "",
) -> MentoringSection:
    """A copy with the manager's new action (owner: ``"manager"`` or ``"mentor"``), linked to
    ``link`` if given; the draft action is cleared."""
    action = Action(
        id=_new_id(section, session_id, section.actions, "action"),
        session=session_id,
        text=required(text, "the action", POINT_CHARS),
        owner=owner,
        due=read_date(due, "Due"),
        link=link,
        link_label=link_label if link else "",
        at=at,
    )
    return _added(section, "actions", action, {"action": "", "due": None})


def remove_action(section: MentoringSection, action_id: str) -> MentoringSection:
    """A copy without one of the manager's own open actions (a done one stays on record)."""
    if _own(section.actions, action_id, "action").done:
        raise InputError("A done action stays on record; it cannot be removed.")
    return _without(section, "actions", action_id)


def set_done(
    section: MentoringSection, action_id: str, session_id: str, done: bool, *, at: str
) -> MentoringSection:
    """A copy with an action marked done in session ``session_id`` (or open again), stamped
    ``at`` (an ISO time: of two marks, the manager's and the mentor's, the later wins)."""
    action = by_id(section.actions, action_id, "action")
    if not any(x.action.id == action_id for x in actions_in(section, session_id)):
        raise InputError("This action is not on that session's list.")
    changed = action.model_copy(update={"done_in": session_id if done else "", "done_at": at})
    return _replace_action(section, changed)


def set_link(section: MentoringSection, action_id: str, link: str, label: str) -> MentoringSection:
    """A copy with an action (either side's) linked to ``link`` (a goal, a suggestion, a
    pilot, an audit action; "" for nothing), keeping ``label``, the words it has now."""
    action = by_id(section.actions, action_id, "action")
    changed = action.model_copy(update={"link": link, "link_label": label if link else ""})
    return _replace_action(section, changed)


def _replace_action(section: MentoringSection, action: Action) -> MentoringSection:
    return section.model_copy(
        update={"actions": tuple(action if a.id == action.id else a for a in section.actions)}
    )


# --- what the edits above share ---------------------------------------------------------------

_Item = TypeVar("_Item", Point, Action)
_Kind = Literal["sessions", "points", "actions"]


def _new_id(
    section: MentoringSection,
    session_id: str,
    items: Sequence[_Item],
    what: Literal["point", "action"],
) -> str:
    """The id of one more of the manager's points or actions in session ``session_id``,
    which must exist, within the cap."""
    by_id(section.sessions, session_id, "session")
    check_count(
        len(items) + 1, MAX_SESSION_ITEMS, "agenda points" if what == "point" else "actions"
    )
    return next_id(what, (x.id for x in items))


def _added(
    section: MentoringSection, kind: _Kind, item: Point | Action, cleared: dict[str, object]
) -> MentoringSection:
    """A copy with ``item`` added to its list, and the draft it was written in ``cleared``."""
    drafts = section.drafts.model_copy(update=cleared)
    return section.model_copy(update={kind: (*getattr(section, kind), item), "drafts": drafts})


def _own(items: Sequence[_Item], item_id: str, what: Literal["point", "action"]) -> _Item:
    """One of the manager's own points or actions (a mentor's is theirs to take back)."""
    item = by_id(items, item_id, "agenda point" if what == "point" else what)
    if item.side != "manager":
        raise InputError(f"This {what} is your mentor's: only they can take it back.")
    return item


def _without(section: MentoringSection, kind: _Kind, item_id: str) -> MentoringSection:
    """A copy without the session, point or action ``item_id``."""
    kept = tuple(x for x in getattr(section, kind) if x.id != item_id)
    return section.model_copy(update={kind: kept})
