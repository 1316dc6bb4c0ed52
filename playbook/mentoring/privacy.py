"""What a mentor may see of the section: :func:`for_mentor`, applied to everything the
mentor's page shows before any of it reaches a widget."""

from __future__ import annotations

from playbook.mentoring.section import Drafts, MentoringSection

__all__ = ["for_mentor"]


def for_mentor(section: MentoringSection) -> MentoringSection:
    """The section as a mentor may see it: without the manager's private points, their
    private notes and their drafts (what they are still writing). The points the manager
    shares, their shared notes, every action (with what it is linked to), the mentors' notes,
    the sessions and the next session's date stay.

    Examples
    --------
    >>> from playbook.mentoring import MentoringSection, add_point, add_session, load_content
    >>> from playbook.mentoring import set_drafts, set_notes
    >>> s, first = add_session(MentoringSection(), "2026-04-07", load_content())
    >>> s = add_point(s, first.id, "Rota for the tour", private=False, at="")
    >>> s = add_point(s, first.id, "Thinking of leaving", private=True, at="")
    >>> s = set_notes(s, first.id, notes="Shared", private_notes="Mine only")
    >>> s = set_drafts(s, point="half a thought")
    >>> seen = for_mentor(s)
    >>> [p.text for p in seen.points], seen.sessions[0].private_notes, seen.drafts.point
    (['Rota for the tour'], '', '')
    >>> "Thinking of leaving" in seen.model_dump_json() or "Mine only" in seen.model_dump_json()
    False
    """
    return section.model_copy(
        update={
            "points": tuple(p for p in section.points if not p.private),
            "sessions": tuple(s.model_copy(update={"private_notes": ""}) for s in section.sessions),
            "drafts": Drafts(),
        }
    )
