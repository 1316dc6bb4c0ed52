"""3. Cross-functional input: a link per colleague, or a file with one row per colleague."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

import playbook.audit as au
from playbook.errors import InputError, PlaybookError
from playbook.ui.audit.model import NOTEBOOK, SCORED, SHARE_KIND, SHOWN, AuditModel
from playbook.ui.common import (
    Panel,
    button,
    download_link,
    esc,
    html_box,
    on_upload,
    para,
    text_input,
)


class ColleaguesPanel(Panel[AuditModel]):
    """Colleagues' answers: how many there are, share links, files and their template."""

    TITLE = "3. Cross-functional input"

    def build(self, model: AuditModel) -> list[widgets.Widget]:
        c = model.content
        self.share_button = button("Create a link for one colleague", "pb-share-button", "link")
        self.share_link = text_input("Colleagues' link", "", "pb-share-link", width="95%")
        self.share_link.layout.display = "none"
        self.colleagues = html_box("pb-colleagues")
        self.refresh_button = button("Check for new answers", "pb-refresh-colleagues", "refresh")
        self.template = html_box("pb-template")
        self.template.value = download_link(
            au.colleague_csv_template(c).encode(),
            "audit-colleagues-template.csv",
            "Download the CSV template",
            mime="text/csv",
        )
        self.upload = widgets.FileUpload(
            accept=".csv,text/csv", multiple=False, description="Import answers (CSV)"
        )
        self.upload.add_class("pb-colleague-upload")
        children = [
            para(
                "Send colleagues from other departments a link to answer the same "
                f"statements. Their answers are shown only as averages, once at least "
                f"{c.thresholds.min_colleagues} have answered an area (a default a coach "
                "can change, not from the article). You can also import a file with one "
                "row per colleague."
            ),
            widgets.HBox([self.share_button]),
            self.share_link,
            widgets.HBox([self.colleagues, self.refresh_button]),
            widgets.HBox([self.upload, self.template]),
        ]
        self.on_click(self.share_button, self._on_share)
        self.on_click(self.refresh_button, lambda _b: model.score())
        on_upload(self.upload, self.messages, self._on_upload)
        self.follow(SHOWN, lambda: model.quarter, self._hide_link)
        model.listen(SCORED, self._show)
        return children

    def _hide_link(self, _quarter: au.AuditQuarter) -> None:
        self.share_link.layout.display = "none"

    def _show(self) -> None:
        m = self.model
        assert m.aggregate is not None
        note = m.aggregate.message() + (
            f" {m.skipped} answers sent through the link could not be used." if m.skipped else ""
        )
        self.colleagues.value = f"<p>{esc(note)}</p>"

    def _on_share(self, _button: Any = None) -> None:
        q = self.model.quarter
        if q is None:
            return
        session = self.model.session
        link = session.create_share_link(NOTEBOOK, SHARE_KIND, label=q.quarter)
        base = session.base_url
        if base:
            link = base.rsplit("/", 1)[0] + "/" + link
        self.share_link.value = link
        self.share_link.layout.display = None
        self.messages.show(
            "Send this link to one colleague from another department (click again for the "
            "next colleague: one link each, so nobody is counted twice; sending again from the "
            "same link replaces that colleague's answers). They can add answers for this "
            "quarter but never see yours or anyone else's.",
            "info",
        )

    def _on_upload(self, name: str, data: bytes) -> None:
        try:
            q = self.model.quarter
            if q is None:
                raise InputError("Open a quarter's audit first.")
            rows = au.parse_colleague_csv(data, self.model.content, q.quarter)
            self.model.save_quarter(
                q.model_copy(update={"imported_responses": [*q.imported_responses, *rows]})
            )
        except PlaybookError as err:
            raise type(err)(f"{name}: {err} Nothing was imported.") from None
        self.model.score()
        self.messages.show(
            f"Imported the answers of {len(rows)} colleagues from {name}.", "success"
        )
