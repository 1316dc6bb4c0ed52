"""The sessions' ``dates`` hook: every session, the next one planned, and each action with a
due date, for the cadence (the calendar the participant downloads or subscribes to, and the
start page's "due this week" and "overdue"). The words are ``mentoring.yaml``'s ``dates``."""

from __future__ import annotations

from playbook.contract import Dated
from playbook.mentoring.content import MentoringContent
from playbook.mentoring.result import MentoringResult

__all__ = ["dates"]

SECTION = "mentoring"


def dates(result: MentoringResult, content: MentoringContent) -> list[Dated]:
    """Every action with a due date (done or not), every session (a held one done), and the
    next session planned, under the id that session will take (so that its calendar event is
    the same one before and after it is held), each keyed by ids, never positions.

    Examples
    --------
    >>> from playbook.mentoring import MentoringSection, add_action, add_session, assess, load_content
    >>> c = load_content()
    >>> s, first = add_session(MentoringSection(), "2026-04-07", c)
    >>> s = add_action(s, first.id, "Draft the rota", "manager", "2026-04-21", at="")
    >>> [(d.key, d.day.isoformat(), d.kind, d.done) for d in dates(assess(s, c), c)]
    [('mentoring:action:action-1', '2026-04-21', 'action', False), ('mentoring:session:session-1', '2026-04-07', 'session', True), ('mentoring:session:session-2', '2026-05-05', 'session', False)]
    """
    words = content.dates
    out = [
        Dated.keyed(
            SECTION,
            "action",
            a.id,
            day=a.due,
            title=words.action.format(text=a.text),
            done=a.done,
            detail=words.action_detail.format(
                owner=words.me if a.owner == "manager" else a.owner_name or words.my_mentor,
                day=a.added_on.isoformat(),
            ),
        )
        for a in result.actions
        if a.due is not None
    ]
    out += [
        Dated.keyed(
            SECTION,
            "session",
            sid,
            day=day,
            title=words.session,
            done=sid in result.held,
            detail=words.session_detail,
        )
        for sid, day in result.sessions
    ]
    latest = result.sessions[-1][1] if result.sessions else None
    if result.next_day is not None and (latest is None or latest < result.next_day):
        out.append(
            Dated.keyed(
                SECTION,
                "session",
                result.next_id,
                day=result.next_day,
                title=words.next_session,
                detail=words.next_session_detail.format(
                    day=latest.isoformat() if latest else "",
                    days=content.defaults.next_session_days,
                ),
            )
        )
    return out
