"""The content of the sessions with a mentor (``mentoring.yaml``): the page's wording, what the
playbook says about mentoring (attributed), this workbook's own practice, and its two defaults."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from playbook.content import load_content as load_yaml
from playbook.models import Names, Strict, Text, Wording

__all__ = [
    "LinkWording",
    "MentoringDates",
    "MentoringContent",
    "MentoringDefaults",
    "SideNames",
    "load_content",
]


class MentoringDefaults(Strict):
    """This workbook's defaults (not the article's): when the next session is planned after a
    new one, and when a new action is due after its session, in days."""

    next_session_days: int = Field(ge=1, le=366)
    action_days: int = Field(ge=1, le=366)


class SideNames(Strict):
    """How a page names the two sides of a session (the manager and the mentor)."""

    manager: Text
    mentor: Text


class LinkWording(Strict):
    """What a page says about session links: one withdrawn (or cut short), one made for
    another page, one just made."""

    withdrawn: Text
    wrong_kind: Text
    made: Text


class MentoringDates(Wording):
    """What the cadence (the calendar, the start page's lists) says of a session, the next one
    planned, and an action with a due date."""

    session: Text
    session_detail: str = ""
    next_session: Text
    next_session_detail: Annotated[str, Names("day", "days")] = ""
    action: Annotated[Text, Names("text")]
    action_detail: Annotated[str, Names("owner", "day")] = ""
    me: Text
    my_mentor: Text


class MentoringContent(Wording):
    """Everything coach-editable about the sessions with a mentor (``mentoring.yaml``). Its
    texts with names say them on their fields; only the names are checked on load, not the
    formats (``workbook_practice`` is filled with numbers)."""

    title: Text
    intro: Text
    privacy: Text
    mentor_intro: Annotated[Text, Names("manager", "standing", texts=False)]
    mentor_title: Annotated[Text, Names("manager", texts=False)]
    mentor_standing_title: Text
    mentor_standing: Text
    mentor_no_standing: Text
    someone: Text
    sides: SideNames
    mentor_sides: Annotated[SideNames, Names("manager", texts=False)]
    playbook: tuple[str, ...] = Field(min_length=1)
    workbook_practice: Annotated[
        tuple[str, ...], Names("action_days", "next_session_days", texts=False)
    ] = Field(min_length=1)
    defaults: MentoringDefaults
    dates: MentoringDates
    links: LinkWording

    def practice(self) -> list[str]:
        """This workbook's practice, its defaults filled in.

        >>> load_content().practice()[1].split(",")[0]
        'A new session plans the next one 28 days later'
        """
        d = self.defaults
        return [
            t.format(next_session_days=d.next_session_days, action_days=d.action_days)
            for t in self.workbook_practice
        ]


def load_content() -> MentoringContent:
    """Load and validate ``mentoring.yaml`` (the coach's copy if ``PLAYBOOK_CONTENT`` has one).

    >>> load_content().defaults.action_days
    14
    """
    return load_yaml("mentoring", MentoringContent)
