"""The sessions' hooks for the development plan: "Where I stand" (:func:`standing`) and what a
done action says where it is linked (:func:`linked`: the plan's goal or suggestion). The
cadence's hook is in :mod:`playbook.mentoring.dates`.

They read the result only, which holds no agenda point: a mentor who reads "Where I stand"
reads no private point through them."""

from __future__ import annotations

from playbook.contract import Standing
from playbook.mentoring.content import MentoringContent
from playbook.mentoring.result import MentoringResult
from playbook.mentoring.text import done_note

__all__ = ["linked", "standing"]


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
