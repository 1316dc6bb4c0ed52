"""The sessions-with-a-mentor page: the manager's sessions, and the page their mentor opens
through a session link.

The manager starts sessions, adds talking points (private ones too), notes and actions, links
actions to the plan, and makes and withdraws session links. A mentor who opens the page
through such a link sees the sessions as a mentor may see them (:class:`MentorPage`); any
other share link opened here is told it belongs to another page.
"""

from __future__ import annotations

import ipywidgets as widgets

import playbook.mentoring as ms
from playbook.errors import PlaybookError
from playbook.ui.common import SectionView, esc, para
from playbook.ui.mentoring.actions import ActionsPanel
from playbook.ui.mentoring.agenda import AgendaPanel
from playbook.ui.mentoring.links import LinksPanel
from playbook.ui.mentoring.mentor import MentorPage
from playbook.ui.mentoring.model import SHARE_KIND, MentorModel, OwnerModel
from playbook.ui.mentoring.sessions import SessionsPanel


class MentoringView(SectionView):
    """Sessions with a mentor: agenda, notes, actions that carry over, a link to share."""

    SECTION = "mentoring"
    CONTENT = "The sessions' content"
    PANELS = {
        "sessions_panel": SessionsPanel,
        "agenda_panel": AgendaPanel,
        "actions_panel": ActionsPanel,
        "links_panel": LinksPanel,
    }
    PARTS = ("mentor_page",)

    content: ms.MentoringContent
    model: OwnerModel | MentorModel

    def build(self) -> None:
        if self.session.role == "contributor":
            self._build_mentor_page()
        else:
            self._build_owner_page()

    def _build_mentor_page(self) -> None:
        share = self.session.share
        self.children = [self.header, self.messages]
        if share is None or share.kind != SHARE_KIND:
            self.messages.show(self.content.links.wrong_kind, "error")
            return
        self.model = model = MentorModel(self.session, self.content, self.quiet)
        self.mentor_page = page = MentorPage(model, self.messages, self.content)
        self.sessions_panel = page.sessions_panel
        self.agenda_panel = page.agenda_panel
        self.actions_panel = page.actions_panel
        self.children = [self.header, self.messages, page]
        page.start()

    def _build_owner_page(self) -> None:
        self.model = model = OwnerModel(self.session, self.content, self.quiet)
        panels = self.make_panels(model)
        self.lay_out(widgets.VBox([para(self.content.intro), *panels]), self._about())
        self.start()

    def reload(self) -> None:
        try:
            self.model.read()
        except PlaybookError:
            # saved sessions that cannot be read are not shown, so that no edit replaces them
            self.body.layout.display = "none"
            raise
        self.body.layout.display = None
        if self.model.skipped:
            self.messages.show(
                f"{self.model.skipped} addition(s) sent through a session link could not be "
                "used (they name a session or an action that is not there).",
                "info",
            )
        self.model.show()

    def _about(self) -> widgets.Widget:
        c = self.content
        said = "".join(f"<li>{esc(t)}</li>" for t in c.playbook)
        own = "".join(f"<li>{esc(t)}</li>" for t in c.practice())
        return widgets.HTML(
            f"<h3>About these sessions</h3><h4>What the playbook says</h4>"
            f"<ul class='pb-advice'>{said}</ul>"
            f"<h4>This workbook's practice</h4><ul class='pb-workbook-advice'>{own}</ul>"
        )
