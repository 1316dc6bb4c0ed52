"""4. My mentor's link: what the mentor sees, making a session link, the active links (each
can be withdrawn), and reading what the mentor added since the page was opened."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from playbook.ui.common import NO_MATH, Panel, button, esc, html_box, para, text_input
from playbook.ui.mentoring.model import NOTEBOOK, SHARE_KIND, SHOWN, OwnerModel

#: The longest name a mentor's link is given (the store keeps up to 200 characters).
NAME_CHARS = 120


class LinksPanel(Panel[OwnerModel]):
    """The manager's side of the session links."""

    TITLE = "4. My mentor's link"

    def build(self, model: OwnerModel) -> list[widgets.Widget]:
        self.me = text_input("My name", "as your mentor sees it", "pb-my-name", width="95%")
        self.share_standing = widgets.Checkbox(
            description="Show my mentor where I stand in the other workbooks",
            indent=False,
            layout=widgets.Layout(width="auto"),
        )
        self.share_standing.add_class("pb-share-standing")
        self.mentor_name = text_input("Mentor's name", "e.g. Jordan Lee", "pb-mentor-name")
        self.make_link_button = button("Create a session link", "pb-make-session-link", "link")
        self.session_link = text_input("Mentor's link", "", "pb-session-link", width="95%")
        self.session_link.layout.display = "none"
        self.links_box = widgets.VBox()
        self.links_box.add_class("pb-session-links")
        self.refresh_button = button(
            "Check for my mentor's additions", "pb-refresh-sessions", "refresh"
        )
        self.on_value(lambda c: model.share(me=c["new"]), self.me)
        self.on_value(lambda c: model.share(share_standing=bool(c["new"])), self.share_standing)
        self.on_click(self.make_link_button, self._on_make)
        self.on_click(self.refresh_button, self._on_refresh)
        model.listen(SHOWN, self._show)
        return [
            para(model.content.privacy, "pb-privacy"),
            self.me,
            self.share_standing,
            widgets.HBox([self.mentor_name, self.make_link_button]),
            self.session_link,
            self.links_box,
            widgets.HBox([self.refresh_button]),
        ]

    def _show(self) -> None:
        s = self.model.section
        with self.quiet():
            self.me.value = s.me
            self.share_standing.value = s.share_standing
        self._show_links()

    def _show_links(self) -> None:
        active = [x for x in self.model.session.share_links(SHARE_KIND) if not x["revoked"]]
        rows: list[widgets.Widget] = []
        for x in active:
            made = (x["created"] or "")[:16].replace("T", " ")
            who = x["label"] or "a mentor (no name given)"
            text = widgets.HTML(
                f"<span class='pb-session-link-row {NO_MATH}'>Link for <b>{esc(who)}</b>, made "
                f"{esc(made)}</span>",
                layout=widgets.Layout(width="60%"),
            )
            withdraw = button("Withdraw", "pb-withdraw-link", "ban", "danger")
            self.on_click(withdraw, self._withdrawer(x["share_id"], who))
            rows.append(widgets.HBox([text, withdraw]))
        if active:
            rows.insert(0, widgets.HTML("<p>Session links that work now:</p>"))
        else:
            rows = [html_box("pb-no-session-links")]
            rows[0].value = "<p><i>No session link works now.</i></p>"
        self.links_box.children = rows

    def _on_make(self, _button: Any = None) -> None:
        name = self.mentor_name.value.strip()[:NAME_CHARS]
        session = self.model.session
        link = session.create_share_link(NOTEBOOK, SHARE_KIND, label=name)
        if session.base_url:
            link = session.base_url.rsplit("/", 1)[0] + "/" + link
        self._show_links()  # listed before the link shows
        self.session_link.value = link
        self.session_link.layout.display = None
        self.mentor_name.value = ""
        self.messages.show(self.model.content.links.made, "info")

    def _withdrawer(self, share_id: str, who: str) -> Any:
        def handler(_button: Any = None) -> None:
            n = self.model.session.withdraw_share_link(SHARE_KIND, share_id)
            self.session_link.value = ""
            self.session_link.layout.display = "none"
            self._show_links()
            self.messages.show(
                f"Withdrawn: the link for {who} no longer opens your sessions."
                if n
                else "That link was withdrawn already.",
                "success",
            )

        return handler

    def _on_refresh(self, _button: Any = None) -> None:
        before = (len(self.model.section.points), len(self.model.section.actions))
        self.model.refresh()
        after = (len(self.model.section.points), len(self.model.section.actions))
        new = (after[0] - before[0], after[1] - before[1])
        self.messages.show(
            f"Up to date: {new[0]} new point(s) and {new[1]} new action(s) since you last looked."
            if new != (0, 0)
            else "Up to date: nothing new from your mentor.",
            "success",
        )
