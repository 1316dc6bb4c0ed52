"""What the sessions page's panels share, on both sides of a session link.

The panels are the same on the manager's page and on the mentor's; what differs is the model
under them. :class:`OwnerModel` edits the manager's ``mentoring`` section and merges in what
mentors sent (saving the result). :class:`MentorModel` shows the owner's section as a mentor
may see it (:func:`playbook.mentoring.for_mentor`, applied in :meth:`MentorModel.read` before
any panel reads ``section``) and sends each thing the mentor does as a contribution through
their link, checked again at every step: a withdrawn link stops working at the next one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import playbook.mentoring as ms
import playbook.plan as pn
from playbook.contract import workbook
from playbook.errors import ShareLinkError
from playbook.session import Session
from playbook.ui.common import Quiet, SectionModel

NOTEBOOK = workbook("mentoring").notebook
SHARE_KIND = ms.SHARE_KIND
STYLE = {"description_width": "150px"}

#: The section was read again or changed, or another session is on screen: every panel shows it.
SHOWN = "shown"
#: The mentor's link stopped working (withdrawn): the mentor's page empties itself.
WITHDRAWN = "withdrawn"


def stamp() -> str:
    """Now, as the section's times are kept (UTC, to the microsecond)."""
    return ms.moment(dt.datetime.now(dt.UTC))


class BoardModel(SectionModel[ms.MentoringSection]):
    """The section a page shows, the session on screen, and what a page can do to it."""

    #: Whether this is the mentor's page (what its panels offer differs a little).
    mentor_page = False

    def __init__(self, session: Session, content: ms.MentoringContent, quiet: Quiet) -> None:
        super().__init__(
            session, "mentoring", ms.parse_section, ms.dump_section, quiet, content=content
        )
        self.current: str | None = None
        #: Contributions that could not be used at the last merge.
        self.skipped = 0

    @property
    def meeting(self) -> ms.Meeting | None:
        """The session on screen."""
        ids = {s.id: s for s in self.section.sessions}
        return ids.get(self.current) if self.current else None

    def show(self, session_id: str | None = None) -> None:
        """Show ``session_id`` (by default the one on screen, or the latest)."""
        ids = [s.id for s in self.section.ordered()]
        wanted = session_id or self.current
        self.current = wanted if wanted in ids else (ids[-1] if ids else None)
        self.announce(SHOWN)

    def require_meeting(self) -> ms.Meeting:
        meeting = self.meeting
        if meeting is None:
            from playbook.errors import InputError

            raise InputError("Start a session first.")
        return meeting

    def side(self, side: ms.Side, name: str = "") -> str:
        """Who wrote something, as this page names them."""
        return ms.side_name(
            side,
            self.content,
            mentor_page=self.mentor_page,
            manager=ms.manager_name(self.section, self.content),
            name=name,
        )

    # what a page does (each side's model does it its own way)
    def add_point(self, text: str, private: bool) -> None:
        raise NotImplementedError

    def add_action(self, text: str, owner: ms.Side, due: str, link: str = "") -> None:
        raise NotImplementedError

    def mark(self, action_id: str, done: bool) -> None:
        raise NotImplementedError

    def take_back(self, item_id: str) -> None:
        raise NotImplementedError

    def keep_draft(self, **fields: Any) -> None:
        raise NotImplementedError

    def write_notes(self, text: str, private: bool = False) -> None:
        raise NotImplementedError

    def can_mark(self, action: ms.Action) -> bool:
        raise NotImplementedError

    def can_take_back(self, item: ms.Point | ms.Action) -> bool:
        raise NotImplementedError

    def refresh(self) -> None:
        """Read the section again (with what mentors sent since) and show it: the latest
        session if the latest was on screen (a session started since comes into view)."""
        before = self.section.ordered()
        on_latest = not before or self.current == before[-1].id
        self.read()
        after = self.section.ordered()
        self.show(after[-1].id if on_latest and after else None)


class OwnerModel(BoardModel):
    """The manager's section, with what their mentors sent merged in; the plan's goals and
    suggestions and the other workbooks' pilots and audit actions an action can link to."""

    def __init__(self, session: Session, content: ms.MentoringContent, quiet: Quiet) -> None:
        super().__init__(session, content, quiet)
        self.link_options: list[tuple[str, str]] = []

    def _merged(self, section: ms.MentoringSection) -> ms.MentoringSection:
        names = {s["share_id"]: s["label"] for s in self.session.share_links(SHARE_KIND)}
        merged = ms.merge(section, self.session.contributions(SHARE_KIND), names)
        self.skipped = merged.skipped
        return merged.section

    def read(self) -> ms.MentoringSection:
        """The saved section with what mentors sent since merged in (and saved, so that the
        workbook file, "Where I stand" and the calendar have it too)."""
        saved = ms.parse_section(self.session.section(self.name))
        section = self._merged(saved)
        if section != saved:
            self.session.save_section(self.name, ms.dump_section(section))
        self.section = section
        self.read_links()
        return section

    def read_links(self) -> None:
        """What an action can be linked to, from the plan and the other workbooks as they are."""
        results = pn.gather({name: self.session.section(name) for name in pn.sources()})
        plan = pn.parse_section(self.session.section("plan"))
        self.link_options = pn.link_targets(plan, results, pn.load_content())

    def change(self, section: ms.MentoringSection, show: bool = True) -> None:
        """Save ``section`` with what mentors sent meanwhile merged in, then show it."""
        self.save(self._merged(section))
        if show:
            self.show()

    def start_session(self, day: str) -> None:
        section, meeting = ms.add_session(self.section, day, self.content)
        self.change(section, show=False)
        self.show(meeting.id)

    def remove_session(self) -> None:
        meeting = self.require_meeting()
        self.change(ms.remove_session(self.section, meeting.id), show=False)
        self.current = None
        self.show()

    def plan_next(self, day: str) -> None:
        self.change(ms.set_next_day(self.section, day), show=False)

    def share(self, **fields: Any) -> None:
        self.change(ms.set_sharing(self.section, **fields), show=False)

    def link_label(self, link: str) -> str:
        return next((label for label, value in self.link_options if value == link), "")

    def add_point(self, text: str, private: bool) -> None:
        meeting = self.require_meeting()
        self.change(ms.add_point(self.section, meeting.id, text, private=private, at=stamp()))

    def add_action(self, text: str, owner: ms.Side, due: str, link: str = "") -> None:
        meeting = self.require_meeting()
        section = ms.add_action(
            self.section,
            meeting.id,
            text,
            owner,
            due,
            at=stamp(),
            link=link,
            link_label=self.link_label(link),
        )
        self.change(section)

    def mark(self, action_id: str, done: bool) -> None:
        meeting = self.require_meeting()
        self.change(ms.set_done(self.section, action_id, meeting.id, done, at=stamp()))

    def link(self, action_id: str, link: str) -> None:
        self.change(ms.set_link(self.section, action_id, link, self.link_label(link)))

    def take_back(self, item_id: str) -> None:
        if any(p.id == item_id for p in self.section.points):
            self.change(ms.remove_point(self.section, item_id))
        else:
            self.change(ms.remove_action(self.section, item_id))

    def keep_draft(self, **fields: Any) -> None:
        self.change(ms.set_drafts(self.section, **fields), show=False)

    def write_notes(self, text: str, private: bool = False) -> None:
        meeting = self.require_meeting()
        field = "private_notes" if private else "notes"
        self.change(ms.set_notes(self.section, meeting.id, **{field: text}), show=False)

    def can_mark(self, action: ms.Action) -> bool:
        return True

    def can_take_back(self, item: ms.Point | ms.Action) -> bool:
        return item.side == "manager" and not (isinstance(item, ms.Action) and item.done)


class MentorModel(BoardModel):
    """The owner's sessions as their mentor may see them, through the mentor's link."""

    mentor_page = True

    def __init__(self, session: Session, content: ms.MentoringContent, quiet: Quiet) -> None:
        super().__init__(session, content, quiet)
        assert session.share is not None and session.share_token is not None
        self.token = session.share_token
        self.share_id = session.share_id or ""
        self.withdrawn = False
        #: "Where I stand", in sentences, if the manager shares it (``None``: not shared).
        self.standing: list[pn.StandingRow] | None = None
        #: The point this mentor was still writing, and their own notes, by session.
        self.draft = ""
        self.notes: dict[str, str] = {}

    def read(self) -> ms.MentoringSection:
        """The owner's section as this mentor may see it, read now; the link is checked first,
        and ``for_mentor`` is applied before anything is kept here for a panel to show."""
        store = self.session.store
        try:
            share = store.resolve_share(self.token, SHARE_KIND)
            sections: Mapping[str, Any] = store.load_record(share.workbook_id)["sections"]
            rows = store.contributions(share.workbook_id, SHARE_KIND)
            names = {s["share_id"]: s["label"] for s in store.shares(share.workbook_id, SHARE_KIND)}
        except ShareLinkError:
            self._withdrawn()
            raise ShareLinkError(self.content.links.withdrawn) from None
        merged = ms.merge(ms.parse_section(sections.get(self.name)), rows, names)
        self.section = seen = ms.for_mentor(merged.section)
        self.skipped = merged.skipped
        self.draft = merged.drafts.get(self.share_id, ("", ""))[1]
        self.notes = {n.session: n.text for n in seen.mentor_notes if n.by == self.share_id}
        if seen.share_standing:
            results = pn.gather({name: sections.get(name) for name in pn.sources()})
            self.standing = pn.standings(results)
        else:
            self.standing = None
        return seen

    def save(self, section: ms.MentoringSection, result: Any = None) -> None:
        raise ShareLinkError("A mentor's page never writes the manager's workbook.")

    def _withdrawn(self) -> None:
        self.withdrawn = True
        self.section = ms.MentoringSection()
        self.standing, self.draft, self.notes = None, "", {}
        self.announce(WITHDRAWN)

    def send(self, payload: dict[str, Any], *, show: bool = True, read: bool = True) -> None:
        """Send one contribution through the link (which checks the link first), then read
        everything again (``read``: a draft or notes, kept as typed, need not)."""
        try:
            self.session.contribute(payload)
        except ShareLinkError:
            self._withdrawn()
            raise ShareLinkError(self.content.links.withdrawn) from None
        if read:
            self.read()
        if show:
            self.show()

    def add_point(self, text: str, private: bool) -> None:
        meeting = self.require_meeting()
        payload = ms.mentor_point(self.section, meeting.id, text, at=stamp())
        if self.draft:  # the point is sent: what was being written of it is not kept
            self.send(ms.mentor_draft(meeting.id, "", at=stamp()), show=False, read=False)
        self.send(payload)

    def add_action(self, text: str, owner: ms.Side, due: str, link: str = "") -> None:
        meeting = self.require_meeting()
        self.send(ms.mentor_action(self.section, meeting.id, text, owner, due, at=stamp()))

    def mark(self, action_id: str, done: bool) -> None:
        meeting = self.require_meeting()
        self.send(ms.mentor_done(self.section, action_id, meeting.id, done, at=stamp()))

    def take_back(self, item_id: str) -> None:
        self.send(ms.mentor_remove(self.section, item_id, self.share_id, at=stamp()))

    def keep_draft(self, **fields: Any) -> None:
        # only the point being written is kept for a mentor (the manager's page never shows it)
        if "point" in fields:
            meeting = self.require_meeting()
            text = str(fields["point"])
            self.send(ms.mentor_draft(meeting.id, text, at=stamp()), show=False, read=False)
            self.draft = text

    def write_notes(self, text: str, private: bool = False) -> None:
        meeting = self.require_meeting()
        payload = ms.mentor_note(self.section, meeting.id, text, at=stamp())
        self.send(payload, show=False, read=False)
        self.notes[meeting.id] = text

    def can_mark(self, action: ms.Action) -> bool:
        return action.owner == "mentor"

    def can_take_back(self, item: ms.Point | ms.Action) -> bool:
        return (
            item.side == "mentor"
            and item.by == self.share_id
            and not (isinstance(item, ms.Action) and item.done)
        )
