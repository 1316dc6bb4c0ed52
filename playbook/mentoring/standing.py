"""The sessions' hooks for the other workbooks: "Where I stand" (:func:`standing`), the dated
things of the cadence (:func:`dates`: open actions' due dates, the sessions and the next one)
and what a done action says where it is linked (:func:`linked`: the plan's goal or suggestion).

They read the result only, which holds no agenda point: a mentor who reads "Where I stand"
reads no private point through them."""

from __future__ import annotations

from playbook.contract import Dated, Standing
from playbook.mentoring.content import MentoringContent
from playbook.mentoring.result import MentoringResult
from playbook.mentoring.text import done_note

__all__ = ["dates", "linked", "standing"]

SECTION = "mentoring"


def standing(result: MentoringResult | None, content: MentoringContent | None) -> Standing:
    """The sessions held and planned, the actions open and done, and each done action that
    links to another workbook, in a few sentences.

    >>> standing(None, None).todo
    'Hold a first session with your mentor: make a session link on its page.'
    """
    r = result
    if r is None or not r.sessions:
        return Standing(
            "not started",
            (),
            "Hold a first session with your mentor: make a session link on its page.",
        )
    held = len(r.held)
    lines = []
    if r.last_day is not None:
        lines.append(f"Sessions held: {held}, the latest on {r.last_day.isoformat()}.")
    if r.next_day is not None:
        lines.append(f"Next session planned for {r.next_day.isoformat()}.")
    mine = sum(1 for a in r.open_actions if a.owner == "manager")
    lines.append(
        f"Actions: {len(r.open_actions)} open ({mine} mine, {len(r.open_actions) - mine} my "
        f"mentor's), {len(r.done_actions)} done."
    )
    for a in r.done_actions:
        if a.link_label:
            lines.append(f"{done_note(a)[:-1]} (linked to {a.link_label}).")
    todo = []
    if mine:
        todo.append(f"{mine} action(s) of mine are open.")
    if r.next_day is None:
        todo.append("Plan the next session.")
    return Standing("in progress" if todo else "done", tuple(lines), " ".join(todo))


def dates(result: MentoringResult, content: MentoringContent) -> list[Dated]:
    """The dated things of the sessions: every action with a due date (done or not), every
    session (held ones done), and the next session planned, under the id that session will
    take (so that its calendar event is the same one before and after it is held).

    >>> from playbook.mentoring import MentoringSection, add_action, add_session, assess, load_content
    >>> c = load_content()
    >>> s, first = add_session(MentoringSection(), "2026-04-07", c)
    >>> s = add_action(s, first.id, "Draft the rota", "manager", "2026-04-21", at="")
    >>> [(d.key, d.day.isoformat(), d.kind, d.done) for d in dates(assess(s, c), c)]
    [('mentoring:action:action-1', '2026-04-21', 'action', False), ('mentoring:session:session-1', '2026-04-07', 'session', True), ('mentoring:session:session-2', '2026-05-05', 'session', False)]
    """
    out = [
        Dated(
            key=f"{SECTION}:action:{a.id}",
            day=a.due,
            title=f"Mentoring action: {a.text}",
            section=SECTION,
            kind="action",
            done=a.done,
            detail=(
                f"Owner: {'me' if a.owner == 'manager' else a.owner_name or 'my mentor'}. "
                f"Agreed in the mentor session of {a.added_on.isoformat()}."
            ),
        )
        for a in result.actions
        if a.due is not None
    ]
    out += [
        Dated(
            key=f"{SECTION}:session:{sid}",
            day=day,
            title="Session with my mentor",
            section=SECTION,
            kind="session",
            done=sid in result.held,
        )
        for sid, day in result.sessions
    ]
    if result.next_day is not None and all(day < result.next_day for _, day in result.sessions):
        out.append(
            Dated(
                key=f"{SECTION}:session:{result.next_id}",
                day=result.next_day,
                title="Session with my mentor",
                section=SECTION,
                kind="session",
                detail="Planned at the end of the last session.",
            )
        )
    return out


def linked(result: MentoringResult, content: MentoringContent) -> list[tuple[str, str]]:
    """What each done action says where it is linked, as ``(link, sentence)``: the plan shows
    it under the goal or suggestion (``plan:goal:<id>``, ``plan:suggestion:<key>``); a
    pilot's or an audit action's is in "Where I stand".

    >>> from playbook.mentoring import MentoringSection, add_action, add_session, assess
    >>> from playbook.mentoring import load_content, set_done
    >>> c = load_content()
    >>> s, first = add_session(MentoringSection(), "2026-04-07", c)
    >>> s = add_action(s, first.id, "Book the retro room", "manager", None, at="",
    ...                link="plan:goal:goal-1", link_label="Goal: Lead a retrospective")
    >>> linked(assess(set_done(s, "action-1", first.id, True, at="t"), c), c)
    [('plan:goal:goal-1', 'Done in the mentor session of 2026-04-07: Book the retro room.')]
    """
    return [(a.link, done_note(a)) for a in result.done_actions if a.link]
