"""The top of every page: navigation, saved state, where the workbook is kept, download."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from playbook.session import Session, pages, where_kept
from playbook.ui.common.address import AddressBar
from playbook.ui.common.parts import MessageArea, download_link, esc, guarded, para
from playbook.ui.common.style import stylesheet


class SaveIndicator(widgets.HTML):
    """The saved state of the workbook, kept current from ``session.status``."""

    ICONS = {
        "saved": ("✓", "#1d5f2c"),
        "saving": ("…", "#555"),
        "error": ("!", "#8a1c12"),
        "new": ("", "#555"),
        "none": ("", "#555"),
    }

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.add_class("pb-save-state")
        session.observe(self._on_status, names=["status", "status_text"])
        self._on_status()

    def _on_status(self, _change: Any = None) -> None:
        icon, color = self.ICONS.get(self.session.status, ("", "#555"))
        # when the last save ended (a page, and a test, can tell a new save from an old one)
        saved_at = f"{self.session.saved_at or 0:.6f}"
        text = self.session.status_text if self.session.role == "owner" else ""
        self.value = (
            f'<span data-state="{esc(self.session.status)}" data-saved-at="{saved_at}" '
            f'style="color:{color};font-weight:600">'
            f"{esc(icon)} {esc(text)}</span>"
        )


def download_html(session: Session, prominent: bool = False) -> str:
    """A download link holding the whole workbook (our own JSON, base64: no user HTML).
    ``prominent``: drawn as a filled button, for where the download is the only way to keep it."""
    look = (
        "padding:6px 14px;background:#1f6f8b;color:#fff;font-weight:600;border-radius:4px"
        if prominent
        else "padding:4px 10px;border:1px solid #1f6f8b;border-radius:4px"
    )
    return download_link(
        session.export_bytes(),
        "my-playbook-workbook.json",
        "⬇ Download my workbook",
        cls="pb-download",
        style=f"{look};text-decoration:none",
    )


#: What a Binder participant must know (DESIGN.md: Binder keeps nothing).
BINDER_NOTE = (
    "This Binder session keeps nothing: it is deleted, with your workbook, when you close it or "
    "leave it idle for about ten minutes. Download your workbook before you leave; to carry on "
    "later, upload the file on the Start page."
)


class WorkbookHeader(widgets.VBox):
    """Top of every page: navigation, saved state, the private link, download, problems."""

    def __init__(self, session: Session, notebook: str, title: str) -> None:
        super().__init__()
        self.session, self.notebook = session, notebook
        self.add_class("pb-header")
        self.title = title  # the notebook's markdown heading shows it; kept for views' use
        self.nav = widgets.HTML()
        self.nav.add_class("pb-nav")
        self.saved = SaveIndicator(session)
        self.messages = MessageArea()
        self.link_box = widgets.Text(
            description="Private link",
            disabled=False,
            layout=widgets.Layout(width="min(100%, 60em)"),
            style={"description_width": "initial"},
        )
        self.link_box.add_class("pb-private-link")
        self.link_help = para(
            "Your workbook is kept on this server. Bookmark this link: it is the only way back to "
            "your workbook, and anyone who has it can open it, so keep it private. Downloading "
            "your workbook keeps a copy too."
        )
        # Binder deletes the whole session (the store with it) when it is closed or idle.
        self.binder_note = MessageArea()
        self.binder_note.add_class("pb-kept-binder")
        self.binder_note.show(BINDER_NOTE, "info")
        self.download = widgets.HTML()
        self.download.add_class("pb-download-box")
        self.prepare_button = widgets.Button(
            description="Download my workbook", icon="download", layout=widgets.Layout(width="auto")
        )
        self.prepare_button.on_click(guarded(self.messages, self._on_prepare))
        self.start_button = widgets.Button(
            description="Start a new private workbook",
            button_style="primary",
            icon="plus",
            layout=widgets.Layout(width="auto", align_self="flex-start"),
        )
        self.start_button.on_click(guarded(self.messages, self._on_start))
        self.details = widgets.VBox()
        self.download_row = widgets.HBox()
        # the address bar follows the workbook: its link, with the key, to bookmark or reload
        self.address = AddressBar()
        self.children = [
            stylesheet(),  # the pages' one stylesheet: dark theme, narrow screens
            self.nav,
            widgets.HBox([self.saved]),
            self.messages,
            self.details,
            self.address,
        ]
        session.observe(self._refresh, names=["revision", "problem"])
        session.observe(self._refresh_download, names=["status"])
        self._refresh()

    def _on_start(self, _button: Any = None) -> None:
        self.session.start_new()

    def _refresh(self, _change: Any = None) -> None:
        s = self.session
        links = []
        for nb, label in pages():
            href = esc(s.link(nb)) if s.role == "owner" else esc(nb)
            current = nb == self.notebook
            style = "font-weight:700;text-decoration:none" if current else ""
            links.append(
                f'<a href="{href}" style="{style}" {"aria-current=page" if current else ""}>{esc(label)}</a>'
            )
        self.nav.value = (
            '<nav style="display:flex;gap:14px;flex-wrap:wrap">' + "".join(links) + "</nav>"
        )
        parts: list[widgets.Widget] = []
        if s.problem:
            self.messages.show(s.problem, "error")
            parts.append(self.start_button)
        elif s.role == "owner":
            kept = where_kept(s.identity)
            link = s.private_link()
            self.prepare_button.button_style = "primary" if kept == "binder" else ""
            if kept == "binder":
                if s.notice == "new":
                    self.messages.show("A new workbook was created for you.", "info")
                parts.append(self.binder_note)
            elif link:
                self.link_box.value = link
                self.address.url = s.link(self.notebook)
                if s.notice == "new":
                    self.messages.show(
                        "A new private workbook was created for you. Bookmark your private link below.",
                        "info",
                    )
                parts += [self.link_box, self.link_help]
            elif kept == "hub":
                parts.append(para("Your workbook is kept with your JupyterHub account."))
            else:
                parts.append(
                    para("Your workbook is kept on this computer (the local default workbook).")
                )
            parts.append(self.download_row)
            self._refresh_download()
        self.details.children = parts

    # A small workbook's download link is kept current on every save (one click to download);
    # a large one (many imported calendar entries) is built on request, so that each answer
    # does not send megabytes to the browser.
    LIVE_DOWNLOAD_LIMIT = 200_000

    def _refresh_download(self, _change: Any = None) -> None:
        if self.session.role != "owner" or self.session.status != "saved":
            return
        if self.session.approximate_size() <= self.LIVE_DOWNLOAD_LIMIT:
            self.download.value = download_html(self.session, self._binder)
            self._show_download([self.download])
        else:
            self.download.value = ""
            self._show_download([self.prepare_button, self.download])

    def _show_download(self, children: list[widgets.Widget]) -> None:
        if self.download_row.children != tuple(children):
            self.download_row.children = children

    @property
    def _binder(self) -> bool:
        return where_kept(self.session.identity) == "binder"

    def _on_prepare(self, _button: Any = None) -> None:
        self.download.value = download_html(self.session, self._binder)
