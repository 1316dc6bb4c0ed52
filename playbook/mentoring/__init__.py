"""Sessions with a mentor: an agenda either side adds to, notes, and actions that carry to
every later session until done, shared with a mentor through a link the manager can withdraw.

The playbook recommends mentoring (to develop secondary leadership styles "through mentorship
or training") and the quarterly audit; the session format is this workbook's own (docs/
CONTENT.md, section 10). One module per concern: :mod:`~playbook.mentoring.content`
(``mentoring.yaml``), :mod:`~playbook.mentoring.section` (the record's ``mentoring`` section),
:mod:`~playbook.mentoring.agenda` (which actions and points a session shows, and the manager's
edits), :mod:`~playbook.mentoring.shared` (what a mentor sends through their link, and how it
joins the section without either side overwriting the other), :mod:`~playbook.mentoring.privacy`
(:func:`for_mentor`: what a mentor may see), :mod:`~playbook.mentoring.result`
(:func:`assess`), :mod:`~playbook.mentoring.text` (sentences),
:mod:`~playbook.mentoring.standing` (the plan's hooks: "Where I stand", and what a done action
says on the plan's goal it links) and :mod:`~playbook.mentoring.dates` (the cadence's hook).
Pure: no widgets, no files.

Examples
--------
>>> from playbook.mentoring import MentoringSection, add_point, add_session, for_mentor
>>> from playbook.mentoring import load_content
>>> s, first = add_session(MentoringSection(), "2026-04-07", load_content())
>>> s = add_point(s, first.id, "Budget overrun on the tour", private=True, at="")
>>> for_mentor(s).points
()
"""

from __future__ import annotations

from playbook.contract import Domain
from playbook.mentoring import agenda
from playbook.mentoring.agenda import *  # noqa: F403 - the edits agenda.__all__ names
from playbook.mentoring.content import (
    LinkWording,
    MentoringContent,
    MentoringDates,
    MentoringDefaults,
    SideNames,
    load_content,
)
from playbook.mentoring.dates import dates
from playbook.mentoring.privacy import for_mentor
from playbook.mentoring.result import ActionState, MentoringResult, assess
from playbook.mentoring.section import (
    Action,
    Drafts,
    Meeting,
    MentoringSection,
    MentorNote,
    Point,
    Side,
    dump_section,
    parse_section,
)
from playbook.mentoring.shared import (
    SHARE_KIND,
    Merged,
    item_id,
    mentor_action,
    mentor_done,
    mentor_draft,
    mentor_note,
    mentor_point,
    mentor_remove,
    merge,
    moment,
)
from playbook.mentoring.standing import linked, standing
from playbook.mentoring.text import done_note, manager_name, mentor_intro, session_label, side_name

__all__ = [
    *agenda.__all__,
    "DOMAIN",
    "SHARE_KIND",
    "Action",
    "ActionState",
    "Drafts",
    "LinkWording",
    "Meeting",
    "MentorNote",
    "MentoringContent",
    "MentoringDates",
    "MentoringDefaults",
    "MentoringResult",
    "MentoringSection",
    "Merged",
    "Point",
    "Side",
    "SideNames",
    "assess",
    "dates",
    "done_note",
    "dump_section",
    "for_mentor",
    "item_id",
    "linked",
    "load_content",
    "manager_name",
    "mentor_action",
    "mentor_done",
    "mentor_draft",
    "mentor_intro",
    "mentor_note",
    "mentor_point",
    "mentor_remove",
    "merge",
    "moment",
    "parse_section",
    "session_label",
    "side_name",
    "standing",
]

#: The domain's one face to the rest of the app (registered in playbook.contract).
DOMAIN: Domain[MentoringSection, MentoringContent, MentoringResult] = Domain.of(
    __name__, "mentoring", MentoringSection
)
