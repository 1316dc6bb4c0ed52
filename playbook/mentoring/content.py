"""The content of the sessions with a mentor (``mentoring.yaml``): the page's wording, what the
playbook says about mentoring (attributed), this workbook's own practice, and its two defaults."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from playbook.content import load_content as load_yaml
from playbook.models import Names, Strict, Text, Wording, check_braces

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


#: The names each text may use in braces.
_FIELDS = {
    "mentor_intro": ("manager", "standing"),
    "workbook_practice": ("action_days", "next_session_days"),
    "mentor_sides": ("manager",),
    "mentor_title": ("manager",),
}


class MentoringContent(Strict):
    """Everything coach-editable about the sessions with a mentor (``mentoring.yaml``)."""

    title: Text
    intro: Text
    privacy: Text
    mentor_intro: Text
    mentor_title: Text
    mentor_standing_title: Text
    mentor_standing: Text
    mentor_no_standing: Text
    someone: Text
    sides: SideNames
    mentor_sides: SideNames
    playbook: tuple[str, ...] = Field(min_length=1)
    workbook_practice: tuple[str, ...] = Field(min_length=1)
    defaults: MentoringDefaults
    dates: MentoringDates
    links: LinkWording

    @model_validator(mode="after")
    def _known_names(self) -> MentoringContent:
        texts = {
            "mentor_intro": [self.mentor_intro],
            "mentor_title": [self.mentor_title],
            "workbook_practice": list(self.workbook_practice),
            "mentor_sides": [self.mentor_sides.manager, self.mentor_sides.mentor],
        }
        for where, items in texts.items():
            for text in items:
                check_braces(where, text, _FIELDS[where])
        return self

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
