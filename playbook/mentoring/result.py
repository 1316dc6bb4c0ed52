"""The sessions' key results (the contract's ``assess``): the sessions, the actions and where
each stands, the next session. No agenda point is in it: "Where I stand", which a mentor may
read, is made from it, and a private point must never reach a mentor that way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from playbook.mentoring.agenda import held
from playbook.mentoring.content import MentoringContent
from playbook.mentoring.section import MentoringSection, Side
from playbook.models import next_id

__all__ = ["ActionState", "MentoringResult", "assess"]


@dataclass(frozen=True)
class ActionState:
    """One action: what, whose, when due, what it links to, the session it was added in and
    the one it was done in (``done_on`` ``None`` while open)."""

    id: str
    text: str
    owner: Side
    owner_name: str  # the mentor's name for an action the mentor added for themself, else ""
    due: dt.date | None
    link: str
    link_label: str
    added_on: dt.date
    done_on: dt.date | None

    @property
    def done(self) -> bool:
        return self.done_on is not None


@dataclass(frozen=True)
class MentoringResult:
    """The sessions by date (``(id, day)``), those held, every action, the next session's
    planned date and the id it will take (so its calendar event keeps one id from plan to
    session)."""

    sessions: tuple[tuple[str, dt.date], ...]
    held: frozenset[str]
    actions: tuple[ActionState, ...]
    next_day: dt.date | None
    next_id: str

    @property
    def open_actions(self) -> tuple[ActionState, ...]:
        return tuple(a for a in self.actions if not a.done)

    @property
    def done_actions(self) -> tuple[ActionState, ...]:
        return tuple(a for a in self.actions if a.done)

    @property
    def last_day(self) -> dt.date | None:
        """The date of the latest session held, if any."""
        days = [day for sid, day in self.sessions if sid in self.held]
        return max(days) if days else None


def assess(section: MentoringSection, content: MentoringContent) -> MentoringResult:
    """The sessions' key results, for another workbook (the plan, the calendar) to read.

    >>> from playbook.mentoring import MentoringSection, add_action, add_session, load_content
    >>> c = load_content()
    >>> s, first = add_session(MentoringSection(), "2026-04-07", c)
    >>> s = add_action(s, first.id, "Draft the rota", "manager", "2026-04-21", at="")
    >>> r = assess(s, c)
    >>> r.sessions, r.next_day, r.next_id, [a.due.isoformat() for a in r.open_actions]
    ((('session-1', datetime.date(2026, 4, 7)),), datetime.date(2026, 5, 5), 'session-2', ['2026-04-21'])
    """
    days = {s.id: s.day for s in section.sessions}
    actions = tuple(
        ActionState(
            id=a.id,
            text=a.text,
            owner=a.owner,
            owner_name=a.name if a.owner == "mentor" else "",
            due=a.due,
            link=a.link,
            link_label=a.link_label,
            added_on=days[a.session],
            done_on=days[a.done_in] if a.done_in else None,
        )
        for a in section.actions
    )
    return MentoringResult(
        sessions=tuple((s.id, s.day) for s in section.ordered()),
        held=frozenset(held(section)),
        actions=actions,
        next_day=section.next_day,
        next_id=next_id("session", days),
    )
