"""The start page's cadence: what is due this week and what is overdue (each with a link to its
page), the calendar to download, and, where the workbook is kept on this server, a private
subscription address for a calendar app, which the owner can stop here."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

from playbook import cadence as cd
from playbook import subscription
from playbook.errors import PlaybookError
from playbook.session import Session, where_kept
from playbook.ui.common.parts import (
    MessageArea,
    button,
    download_link,
    esc,
    guard,
    guarded,
    heading,
    html_box,
    para,
    text_input,
)

LINK_STYLE = "padding:4px 10px;border:1px solid #1f6f8b;border-radius:4px;text-decoration:none"


class CadencePanel(widgets.VBox):
    """Due this week, overdue, and the calendar; the owner's only (hidden otherwise)."""

    def __init__(self, session: Session, content: cd.CadenceContent | None = None) -> None:
        super().__init__()
        self.session = session
        self.add_class("pb-cadence")
        self.content = content or cd.load_content()
        words = self.content.page
        self.messages = MessageArea()
        self.lists = html_box("pb-cadence-lists")
        self.download = html_box("pb-cal-download-box")
        self.subscribe_button = button(words.subscribe, "pb-cal-subscribe", "calendar")
        self.stop_button = button(words.stop, "pb-cal-stop", "ban")
        self.address = text_input(
            words.address_label,
            "",
            "pb-cal-address",
            width="min(100%, 60em)",
            label_width="initial",
        )
        self.open_in_app = html_box("pb-cal-webcal")
        self.live = html_box("pb-cal-live")
        self.subscription = widgets.VBox(
            [
                para(words.subscribe_help),
                widgets.HBox([self.subscribe_button, self.stop_button]),
                self.live,
                self.address,
                self.open_in_app,
            ]
        )
        self.subscription.add_class("pb-cal-subscription")
        self.subscribe_button.on_click(guarded(self.messages, self._on_subscribe))
        self.stop_button.on_click(guarded(self.messages, self._on_stop))
        self.children = [
            heading(words.title),
            para(words.intro),
            self.messages,
            self.lists,
            heading(words.calendar_title, 4),
            para(words.download_help.format(reminder=self.content.reminder_words())),
            self.download,
            self.subscription,
        ]
        self.agenda: cd.Agenda | None = None
        self.published: cd.Published | None = None
        session.observe(self.refresh, names="revision")
        self.refresh()

    @staticmethod
    def today() -> dt.date:
        return dt.date.today()

    @property
    def served(self) -> bool:
        """Whether the workbook is kept on this server (a subscription address can reach it)."""
        s = self.session
        return where_kept(s.identity) == "server" and bool(s.base_url)

    def refresh(self, _change: Any = None) -> None:
        """The lists and the calendar from the workbook as the store holds it now."""
        s = self.session
        owner = s.role == "owner" and s.workbook_id is not None
        self.layout.display = None if owner else "none"
        if not owner:
            return
        with guard(self.messages):
            self._show()

    def _show(self) -> None:
        s = self.session
        assert s.workbook_id is not None
        words = self.content.page
        sections = s.store.load_record(s.workbook_id)["sections"]
        dates = cd.gather_dates(sections)
        today = self.today()
        self.agenda = cd.agenda(dates.items, today)
        self.lists.value = self._lists_html(dates)
        if dates.problems:
            self.messages.show(words.unreadable.format(parts=", ".join(dates.problems)), "info")
        self.published = None
        if dates.items:  # the calendar file is made (icalendar imported) only when it has events
            self.published = subscription.publish_workbook(
                s.store, s.workbook_id, save=s.save_section, sections=sections, dates=dates
            )
            c = self.content.calendar
            self.download.value = download_link(
                self.published.ics,
                c.file_name,
                "📅 " + words.download,
                mime="text/calendar",
                cls="pb-cal-download",
                style=LINK_STYLE,
            )
        else:
            self.download.value = ""
        self.subscription.layout.display = None if self.served else "none"
        if self.served:
            self._show_live()

    def _lists_html(self, dates: cd.Dates) -> str:
        words = self.content.page
        if not dates.items:
            return f"<p class='pb-cadence-empty'>{esc(words.nothing_dated)}</p>"
        assert self.agenda is not None
        parts = []
        for cls, title, rows, empty in (
            ("pb-due", words.due, self.agenda.due, words.nothing_due),
            ("pb-overdue", words.overdue, self.agenda.overdue, words.nothing_overdue),
        ):
            if rows:
                items = "".join(self._row(d) for d in rows)
                body = f"<ul>{items}</ul>"
            else:
                body = f"<p class='pb-cadence-none'>{esc(empty)}</p>"
            parts.append(f"<section class='{cls}'><h4>{esc(title)}</h4>{body}</section>")
        return "".join(parts)

    def _row(self, d: cd.Due) -> str:
        words = self.content.page
        assert self.agenda is not None
        when = cd.when(d, self.agenda.today, self.content)
        href = esc(self.session.link(d.notebook))
        return (
            f"<li class='pb-dated pb-dated-{esc(d.item.kind)}'><span class='pb-dated-title'>"
            f"{esc(d.item.title)}</span> <span class='pb-dated-when'>({esc(when)})</span> "
            f'<a href="{href}">{esc(words.open.format(page=d.page))}</a></li>'
        )

    # --- the subscription address ---------------------------------------------------------

    def _show_live(self) -> None:
        s = self.session
        assert s.workbook_id is not None
        made = subscription.live_since(s.store, s.workbook_id)
        words = self.content.page
        self.stop_button.layout.display = None if made else "none"
        self.subscribe_button.description = words.renew if made else words.subscribe
        if made is None or self.address.value:
            self.live.value = ""
        else:
            self.live.value = f"<p>{esc(words.live.format(day=made.date().isoformat()))}</p>"
        self.address.layout.display = None if self.address.value else "none"

    def _on_subscribe(self, _button: Any = None) -> None:
        s = self.session
        if not self.served or s.workbook_id is None or s.base_url is None:
            raise PlaybookError("A subscription address needs a workbook kept on this server.")
        token = subscription.subscribe(s.store, s.workbook_id)
        link = subscription.address(s.base_url, token)
        self.address.value = link
        webcal = "webcal" + link[link.index(":") :]
        self.open_in_app.value = (
            f'<a class="pb-cal-webcal-link" href="{esc(webcal)}" style="{LINK_STYLE}">'
            f"{esc(self.content.page.open_in_app)}</a>"
        )
        self.messages.show(self.content.page.address, "info")
        self._show_live()

    def _on_stop(self, _button: Any = None) -> None:
        s = self.session
        if s.workbook_id is None:
            return
        n = subscription.stop(s.store, s.workbook_id)
        self.address.value = ""
        self.open_in_app.value = ""
        words = self.content.page
        self.messages.show(words.stopped if n else words.nothing_to_stop, "success")
        self._show_live()
