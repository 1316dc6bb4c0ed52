"""The sentences the pages and the other workbooks show of the sessions (plain text: a page
escapes it, a calendar carries it as text)."""

from __future__ import annotations

import datetime as dt

from playbook.mentoring.content import MentoringContent
from playbook.mentoring.result import ActionState
from playbook.mentoring.section import MentoringSection, Side

__all__ = [
    "done_note",
    "manager_name",
    "mentor_intro",
    "session_label",
    "side_name",
]


def session_label(day: dt.date, *, next_day: bool = False) -> str:
    """How a session is named in lists and sentences.

    >>> session_label(dt.date(2026, 5, 5))
    'Session of 2026-05-05'
    """
    return f"{'Next session' if next_day else 'Session'} of {day.isoformat()}"


def done_note(action: ActionState) -> str:
    """What a goal, a suggestion, a pilot or an audit action an action links to says of it
    once it is done.

    >>> a = ActionState("action-1", "Ask for the budget", "manager", "", None, "plan:goal:goal-1",
    ...                 "Goal: Lead a retrospective", dt.date(2026, 4, 7), dt.date(2026, 5, 5))
    >>> done_note(a)
    'Done in the mentor session of 2026-05-05: Ask for the budget.'
    """
    assert action.done_on is not None
    return f"Done in the mentor session of {action.done_on.isoformat()}: {action.text.rstrip('.')}."


def manager_name(section: MentoringSection, content: MentoringContent) -> str:
    """The manager as their mentor's page names them (their name, or a description)."""
    return section.me or content.someone


def side_name(
    side: Side, content: MentoringContent, *, mentor_page: bool, manager: str = "", name: str = ""
) -> str:
    """Who wrote something (or owns an action), as the manager's page or the mentor's names
    them: ``name`` is the name the manager gave the mentor's link, if known.

    >>> from playbook.mentoring import load_content
    >>> c = load_content()
    >>> side_name("mentor", c, mentor_page=False, name="Sam"), side_name("manager", c, mentor_page=False)
    ('My mentor (Sam)', 'Me')
    >>> side_name("manager", c, mentor_page=True, manager="Alex")
    'Alex'
    """
    names = content.mentor_sides if mentor_page else content.sides
    text = getattr(names, side).format(manager=manager or content.someone)
    if side == "mentor" and name and not mentor_page:
        text += f" ({name})"
    return text


def mentor_intro(section: MentoringSection, content: MentoringContent) -> str:
    """The paragraph at the top of the mentor's page."""
    return content.mentor_intro.format(
        manager=manager_name(section, content),
        standing=content.mentor_standing if section.share_standing else content.mentor_no_standing,
    )
