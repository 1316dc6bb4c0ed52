"""8. The report for a mentor: HTML and Markdown files, and a read-only share link."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from playbook.plan.report import report_html, report_markdown
from playbook.ui.common import Panel, button, download_link, html_box, text_input
from playbook.ui.plan.model import CHANGED, NOTEBOOK, SHARE_KIND, PlanModel

LINK_STYLE = "padding:4px 10px;border:1px solid #1f6f8b;border-radius:4px;text-decoration:none"


class ReportPanel(Panel[PlanModel]):
    """Prepare the report (it holds the charts and plotly.js, so it is built on request), and
    give a mentor a read-only link to it, or withdraw every such link."""

    TITLE = "8. A report for my mentor"
    INTRO = (
        "One file with everything on this page, charts included: it opens in any browser without "
        "a connection and prints to PDF (the browser's Print, then Save as PDF). A Markdown "
        "version has the same text. Or give your mentor a link that shows the report, read-only, "
        "and nothing else of your workbook; you can withdraw it here at any time."
    )

    def build(self, model: PlanModel) -> list[widgets.Widget]:
        self.prepare_button = button(
            "Prepare the report", "pb-prepare-report", "file-text", "primary"
        )
        self.report_links = html_box("pb-report-links")
        self.share_button = button("Create a link for my mentor", "pb-share-report", "link")
        self.revoke_button = button("Withdraw my mentor links", "pb-revoke-report", "ban")
        self.mentor_link = text_input("Mentor's link", "", "pb-mentor-link", width="95%")
        self.mentor_link.layout.display = "none"
        self.on_click(self.prepare_button, self._on_prepare)
        self.on_click(self.share_button, self._on_share)
        self.on_click(self.revoke_button, self._on_revoke)
        model.listen(CHANGED, self._stale)
        return [
            widgets.HBox([self.prepare_button, self.report_links]),
            widgets.HBox([self.share_button, self.revoke_button]),
            self.mentor_link,
        ]

    def _on_prepare(self, _button: Any = None) -> None:
        m = self.model
        m.read_results()  # the other workbooks as they are now
        day = m.today()
        stem = f"development-plan-{day.isoformat()}"
        self.report_links.value = " ".join(
            download_link(
                write(m.section, m.results, m.content, day).encode("utf-8"),
                f"{stem}.{ending}",
                label,
                mime=mime,
                cls=f"pb-report-{ending}",
                style=LINK_STYLE,
            )
            for write, ending, label, mime in (
                (report_html, "html", "⬇ Report (HTML, printable)", "text/html"),
                (report_markdown, "md", "⬇ Report (Markdown)", "text/markdown"),
            )
        )

    def _stale(self) -> None:
        if self.report_links.value:
            self.report_links.value = "<i>Changed since: prepare the report again.</i>"

    def _on_share(self, _button: Any = None) -> None:
        session = self.model.session
        link = session.create_share_link(NOTEBOOK, SHARE_KIND, label="mentor")
        if session.base_url:
            link = session.base_url.rsplit("/", 1)[0] + "/" + link
        self.mentor_link.value = link
        self.mentor_link.layout.display = None
        self.messages.show(
            "Send this link to your mentor: it shows the report as your workbook is at the time "
            "they open it, read-only. Withdraw it here when the session is over.",
            "info",
        )

    def _on_revoke(self, _button: Any = None) -> None:
        session = self.model.session
        assert session.workbook_id
        # The store keeps share links by workbook and kind; withdrawing is the owner's alone.
        n = session.store.revoke_shares(session.workbook_id, SHARE_KIND)
        self.mentor_link.value = ""
        self.mentor_link.layout.display = "none"
        self.messages.show(
            f"Withdrawn: {n} mentor link(s) no longer open the report."
            if n
            else "There was no mentor link to withdraw.",
            "success",
        )
