"""The quarterly-audit page: the manager's audit, and the form a colleague opens by share link."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import ipywidgets as widgets

import playbook.audit as au
from playbook.charts.audit import scores_chart, trend_chart
from playbook.errors import InputError, PlaybookError
from playbook.session import Session
from playbook.ui.common import (
    MessageArea,
    TextCheckbox,
    WorkbookHeader,
    button,
    claims_html,
    esc,
    guard,
    guarded,
    heading,
    html_box,
    para,
    show_figure,
    uploaded_file,
)

NOTEBOOK = "05_quarterly_audit.ipynb"
#: The kind of share link (and of contribution) for colleagues' audit answers.
SHARE_KIND = "audit-colleague"
_STYLE = {"description_width": "130px"}


def warm_up() -> None:
    """Load the content and build the scores chart once: done at import, which a preheated
    kernel runs before the participant's request arrives."""
    from playbook.ui.common import figure_bundle

    try:
        content = au.load_content()
    except PlaybookError:
        return  # the page shows the content error in place
    figure_bundle(scores_chart(dict.fromkeys((a.id for a in content.areas), 3.0), content))


warm_up()


def _text(description: str, placeholder: str, cls: str, width: str = "330px") -> widgets.Text:
    w = widgets.Text(
        description=description,
        placeholder=placeholder,
        continuous_update=False,
        layout=widgets.Layout(width=width),
        style=_STYLE,
    )
    w.add_class(cls)
    return w


class ItemWidget(widgets.VBox):
    """One audit statement with its 1-5 buttons (no answer at first)."""

    def __init__(self, item: au.AuditItem, scale: au.Scale) -> None:
        self.item = item
        points = range(scale.min, scale.max + 1)
        self.buttons = widgets.ToggleButtons(
            options=[(str(v), v) for v in points],
            value=None,
            tooltips=[scale.labels[v] for v in points],
            style={"button_width": "44px"},
        )
        self.buttons.add_class(f"pb-item-{item.id}")
        super().__init__(
            [widgets.HTML(f"<span>{esc(item.text)}</span>"), self.buttons],
            layout=widgets.Layout(margin="0 0 8px 0"),
        )


def _questions(content: au.AuditContent, items: dict[str, ItemWidget]) -> list[widgets.Widget]:
    s = content.scale
    legend = ", ".join(f"{v} = {s.labels[v]}" for v in range(s.min, s.max + 1))
    out: list[widgets.Widget] = [para(f"Scale: {legend}.")]
    for area in content.areas:
        out.append(heading(f"{area.name}: {area.question}", 4))
        out.extend(items[i.id] for i in area.items)
    return out


class AuditView(widgets.VBox):
    """The quarterly system audit over resilience, balance and communication.

    The owner answers, sees scores, the pitfalls they point to and the trend across quarters,
    invites colleagues (share link or file), records actions with owners and the next audit date.
    Opened through a colleague's share link, the page shows only the questions and a submit
    button: a colleague never sees the owner's answers or other colleagues'.
    """

    def __init__(self, session: Session, content: au.AuditContent | None = None) -> None:
        super().__init__()
        self.session = session
        self.add_class("pb-audit")
        self.messages = MessageArea()
        self.figures: dict[str, Any] = {}
        self._loading = False
        try:
            self.content = content or au.load_content()
        except PlaybookError as err:  # a coach's edited content file is invalid
            self.header = WorkbookHeader(session, NOTEBOOK, "Quarterly system audit")
            self.messages.show(f"The audit's content cannot be loaded: {err}")
            self.children = [self.header, self.messages]
            return
        if session.role == "contributor":
            self._build_colleague_form()
        else:
            self._build_owner_page()

    # =====================================================================================
    # The colleague's form (share link)
    # =====================================================================================

    def _build_colleague_form(self) -> None:
        c = self.content
        self.header = WorkbookHeader(self.session, NOTEBOOK, c.title)
        share = self.session.share
        if share is None or share.kind != SHARE_KIND:
            self.messages.show("This link is for another page of the workbook.", "error")
            self.children = [self.header, self.messages]
            return
        self.quarter_label = share.label
        self.items = {i.id: ItemWidget(i, c.scale) for a in c.areas for i in a.items}
        self.department = _text("Your department", "e.g. Editorial", "pb-department")
        self.submit_button = button(
            "Send my answers", "pb-colleague-submit", "paper-plane", "primary"
        )
        self.submit_button.on_click(guarded(self.messages, self._on_submit))
        self.body = widgets.VBox(
            [
                heading(f"Quarterly audit {self.quarter_label}: your view"),
                para(c.colleague_intro),
                self.department,
                *_questions(c, self.items),
                self.submit_button,
            ]
        )
        self.body.add_class("pb-colleague-form")
        self.children = [self.header, self.messages, self.body]

    def _on_submit(self, _button: Any = None) -> None:
        answers = {iid: w.buttons.value for iid, w in self.items.items() if w.buttons.value}
        if not answers:
            raise InputError("Answer at least one statement before sending.")
        checked = au.check_colleague_answers(answers, self.content)
        payload = {
            "quarter": self.quarter_label,
            "department": self.department.value.strip()[:80],
            "answers": checked,
        }
        self.session.contribute(payload)
        self.submit_button.disabled = True
        for w in self.items.values():
            w.buttons.disabled = True
        self.messages.show(
            "Thank you: your answers were sent. They are shown only as an average with other "
            "colleagues' answers.",
            "success",
        )

    # =====================================================================================
    # The owner's page
    # =====================================================================================

    def _build_owner_page(self) -> None:
        c = self.content
        self.header = WorkbookHeader(self.session, NOTEBOOK, c.title)
        self.section = au.AuditSection()
        self.current: str | None = None

        self.held_on = _text("Audit date", "YYYY-MM-DD", "pb-held-on")
        self.held_on.value = dt.date.today().isoformat()
        self.open_button = button(
            "Open this quarter's audit", "pb-open-quarter", "folder-open", "primary"
        )
        self.quarter_select = widgets.Dropdown(description="Quarter", options=[], style=_STYLE)
        self.quarter_select.add_class("pb-quarter-select")

        self.items = {i.id: ItemWidget(i, c.scale) for a in c.areas for i in a.items}
        self.notes = widgets.Textarea(
            description="Notes",
            continuous_update=False,
            layout=widgets.Layout(width="95%"),
            style=_STYLE,
        )
        self.notes.add_class("pb-notes")

        self.scores = html_box("pb-scores")
        self.scores_out = widgets.Output(layout=widgets.Layout(min_height="360px"))
        self.scores_out.add_class("pb-scores-chart")
        self.pitfalls = html_box("pb-pitfalls")
        self.trend_out = widgets.Output(layout=widgets.Layout(min_height="340px"))
        self.trend_out.add_class("pb-trend-chart")

        self.share_button = button("Create a link for one colleague", "pb-share-button", "link")
        self.share_link = _text("Colleagues' link", "", "pb-share-link", "95%")
        self.share_link.layout.display = "none"
        self.colleagues = html_box("pb-colleagues")
        self.refresh_button = button("Check for new answers", "pb-refresh-colleagues", "refresh")
        self.template = html_box("pb-template")
        self.upload = widgets.FileUpload(
            accept=".csv,text/csv", multiple=False, description="Import answers (CSV)"
        )
        self.upload.add_class("pb-colleague-upload")

        self.action_text = _text(
            "Action", "e.g. Train a second contact for rigging", "pb-action-text", "95%"
        )
        self.action_owner = _text("Owner", "who will do it", "pb-action-owner")
        self.action_area = widgets.Dropdown(
            description="Area",
            options=[("(any)", "")] + [(a.name, a.id) for a in c.areas],
            style=_STYLE,
        )
        self.action_due = _text("Due", "YYYY-MM-DD (optional)", "pb-action-due")
        self.add_action_button = button("Add action", "pb-add-action", "plus")
        self.actions_box = widgets.VBox()
        self.actions_box.add_class("pb-actions")
        self.open_actions = html_box("pb-open-actions")
        self.next_audit = _text("Next audit", "YYYY-MM-DD", "pb-next-audit")

        self.quarter_body = widgets.VBox(
            [
                heading("1. Your answers for the quarter"),
                *_questions(c, self.items),
                self.notes,
                heading("2. Scores and the pitfalls they point to"),
                self.scores,
                self.scores_out,
                self.pitfalls,
                heading("Trend across quarters", 4),
                self.trend_out,
                heading("3. Cross-functional input"),
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
                heading("4. Actions with owners, and the next audit"),
                self.action_text,
                widgets.HBox([self.action_owner, self.action_area]),
                widgets.HBox([self.action_due, self.add_action_button]),
                self.actions_box,
                self.open_actions,
                self.next_audit,
            ]
        )
        self.body = widgets.VBox(
            [
                para(c.intro),
                widgets.HBox([self.held_on, self.open_button]),
                self.quarter_select,
                self.quarter_body,
            ]
        )
        self.children = [self.header, self.messages, self.body, self._about()]

        self.open_button.on_click(guarded(self.messages, self._on_open))
        self.quarter_select.observe(self._on_select, names="value")
        for w in self.items.values():
            w.buttons.observe(self._on_answer, names="value")
        self.notes.observe(self._on_notes, names="value")
        self.share_button.on_click(guarded(self.messages, self._on_share))
        self.refresh_button.on_click(guarded(self.messages, lambda _b: self._show_results()))
        self.upload.observe(self._on_upload, names="value")
        self.add_action_button.on_click(guarded(self.messages, self._on_add_action))
        self.next_audit.observe(self._on_next_audit, names="value")
        self.session.observe(self._on_reload, names="revision")
        self._template_link()
        self._on_reload()

    def _about(self) -> widgets.Widget:
        c = self.content
        pitfalls = "".join(
            f"<li><b>{esc(p.name)}</b> ({esc(c.area(p.area).name)}): {esc(p.description)} "
            f"{esc(p.remedy)}</li>"
            for p in c.pitfalls
        )
        advice = "".join(f"<li>{esc(a)}</li>" for a in c.advice)
        return widgets.HTML(
            f"<h3>The pitfalls the audit looks for</h3><ul>{pitfalls}</ul>"
            f"<h4>The playbook's advice</h4><ul class='pb-advice'>{advice}</ul>"
            + claims_html(cl.text for cl in c.claims)
        )

    def _template_link(self) -> None:
        data = base64.b64encode(au.colleague_csv_template(self.content).encode()).decode("ascii")
        self.template.value = (
            f'<a download="audit-colleagues-template.csv" href="data:text/csv;base64,{data}">'
            "Download the CSV template</a>"
        )

    # --- state ----------------------------------------------------------------------------

    @property
    def quarter(self) -> au.AuditQuarter | None:
        """The quarter on screen."""
        return self.section.get(self.current) if self.current else None

    def _save(self, quarter: au.AuditQuarter) -> None:
        section = au.replace_quarter(self.section, quarter)
        self.session.save_section("audit", au.dump_section(section))
        self.section = section

    def _on_reload(self, _change: Any = None) -> None:
        enabled = self.session.role == "owner"
        self.body.layout.display = None if enabled else "none"
        if not enabled:
            return
        with guard(self.messages):
            self.section = au.parse_section(self.session.section("audit"))
            labels = [q.quarter for q in self.section.quarters]
            if self.current not in labels:
                self.current = labels[-1] if labels else None
            self._show_quarter()

    def _show_quarter(self) -> None:
        q = self.quarter
        self._loading = True
        try:
            labels = [x.quarter for x in self.section.quarters]
            self.quarter_select.options = labels
            self.quarter_select.value = self.current
            self.quarter_select.layout.display = None if labels else "none"
            self.quarter_body.layout.display = None if q else "none"
            if q is None:
                return
            for iid, w in self.items.items():
                w.buttons.value = q.answers.get(iid)
            self.notes.value = q.notes
            self.next_audit.value = q.next_audit.isoformat() if q.next_audit else ""
            self.share_link.layout.display = "none"
        finally:
            self._loading = False
        self._show_actions(q)
        self._show_results()

    def _on_open(self, _button: Any = None) -> None:
        text = self.held_on.value.strip()
        try:
            held = dt.date.fromisoformat(text)
        except ValueError:
            raise InputError(f'"{text}" is not a date: write it as YYYY-MM-DD.') from None
        section, quarter = au.start_quarter(self.section, held, self.content)
        if section is not self.section:
            self.session.save_section("audit", au.dump_section(section))
            self.section = section
        self.current = quarter.quarter
        self._show_quarter()

    def _on_select(self, change: Any) -> None:
        if self._loading or change["new"] is None:
            return
        with guard(self.messages):
            self.current = change["new"]
            self._show_quarter()

    # --- answers and results ----------------------------------------------------------------

    def _on_answer(self, change: Any) -> None:
        if self._loading or self.quarter is None:
            return
        with guard(self.messages):
            item_id = next(i for i, w in self.items.items() if w.buttons is change["owner"])
            self._save(au.set_answer(self.quarter, item_id, change["new"], self.content))
            self._show_results()

    def _on_notes(self, _change: Any = None) -> None:
        if self._loading or self.quarter is None:
            return
        with guard(self.messages):
            self._save(self.quarter.model_copy(update={"notes": self.notes.value}))

    def colleague_responses(self) -> tuple[list[au.ColleagueResponse], int]:
        """Colleagues' responses for the quarter on screen (share link and files), and how
        many share-link answers could not be used."""
        q = self.quarter
        if q is None:
            return [], 0
        shared, skipped = au.responses_from_contributions(
            self.session.contributions(SHARE_KIND), q.quarter, self.content
        )
        return [*shared, *q.imported_responses], skipped

    def _show_results(self) -> None:
        q = self.quarter
        if q is None:
            return
        c = self.content
        own = au.score_areas(q.answers, c)
        responses, skipped = self.colleague_responses()
        agg = au.aggregate_colleagues(responses, c)
        rows = []
        for area in c.areas:
            mine = own[area.id]
            theirs = agg.area_means.get(area.id)
            answered = sum(1 for i in area.items if i.id in q.answers)
            text = (
                f"{mine:.1f}" if mine is not None else f"{answered} of {len(area.items)} answered"
            )
            col = f"{theirs:.1f}" if theirs is not None else "–"
            rows.append(
                f"<tr><td>{esc(area.name)}</td><td align=center>{esc(text)}</td>"
                f"<td align=center>{esc(col)}</td></tr>"
            )
        self.scores.value = (
            "<table cellpadding=4 style='border-collapse:collapse'><tr><th align=left>Area</th>"
            "<th>You</th><th>Colleagues</th></tr>" + "".join(rows) + "</table>"
        )
        note = agg.message() + (
            f" {skipped} answers sent through the link could not be used." if skipped else ""
        )
        self.colleagues.value = f"<p>{esc(note)}</p>"
        flags = au.pitfalls_indicated(own, c, agg)
        if flags:
            items = "".join(
                f"<li><b>{esc(f.pitfall.name)}</b>: {esc(f.reason)} {esc(f.pitfall.remedy)}</li>"
                for f in flags
            )
            self.pitfalls.value = f"<ul>{items}</ul>"
        elif all(v is not None for v in own.values()):
            self.pitfalls.value = "<p>No area points to a pitfall this quarter.</p>"
        else:
            self.pitfalls.value = "<p><i>Pitfalls are shown as the areas are answered.</i></p>"
        self.figures["scores"] = scores_chart(own, c, agg)
        show_figure(self.scores_out, self.figures["scores"])
        trend = au.audit_trend(self.section, c)
        if trend:
            self.figures["trend"] = trend_chart(trend, c)
            show_figure(self.trend_out, self.figures["trend"])
        else:
            self.figures.pop("trend", None)
            self.trend_out.clear_output()

    # --- colleagues -----------------------------------------------------------------------

    def _on_share(self, _button: Any = None) -> None:
        q = self.quarter
        if q is None:
            return
        link = self.session.create_share_link(NOTEBOOK, SHARE_KIND, label=q.quarter)
        base = self.session.base_url
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

    def _on_upload(self, _change: Any = None) -> None:
        with guard(self.messages):
            got = uploaded_file(self.upload)
            if got is None:
                return
            name, data = got
            try:
                q = self.quarter
                if q is None:
                    raise InputError("Open a quarter's audit first.")
                rows = au.parse_colleague_csv(data, self.content, q.quarter)
                self._save(
                    q.model_copy(update={"imported_responses": [*q.imported_responses, *rows]})
                )
            except PlaybookError as err:
                raise type(err)(f"{name}: {err} Nothing was imported.") from None
            finally:
                self.upload.value = ()
            self._show_results()
            self.messages.show(
                f"Imported the answers of {len(rows)} colleagues from {name}.", "success"
            )

    # --- actions and next audit ------------------------------------------------------------

    def _on_add_action(self, _button: Any = None) -> None:
        q = self.quarter
        if q is None:
            return
        quarter = au.add_action(
            q,
            self.action_text.value,
            self.action_owner.value,
            self.action_area.value or None,
            self.action_due.value,
        )
        self._save(quarter)
        self.action_text.value = self.action_owner.value = self.action_due.value = ""
        self._show_actions(quarter)

    def _show_actions(self, q: au.AuditQuarter) -> None:
        rows: list[widgets.Widget] = []
        for index, action in enumerate(q.actions):
            due = f", due {action.due.isoformat()}" if action.due else ""
            box = TextCheckbox(
                f"{action.text} (owner: {action.owner}{due})", action.done, "pb-action"
            )
            box.checkbox.observe(self._done_handler(index), names="value")
            rows.append(box)
        self.actions_box.children = rows
        earlier = [(label, a) for label, a in au.open_actions(self.section) if label < q.quarter]
        if earlier:
            items = "".join(
                f"<li>{esc(label)}: {esc(a.text)} (owner: {esc(a.owner)})</li>"
                for label, a in earlier
            )
            self.open_actions.value = f"<p>Still open from earlier quarters:</p><ul>{items}</ul>"
        else:
            self.open_actions.value = ""

    def _done_handler(self, index: int) -> Any:
        def handler(change: Any) -> None:
            if self._loading or self.quarter is None:
                return
            with guard(self.messages):
                self._save(au.set_action_done(self.quarter, index, bool(change["new"])))

        return handler

    def _on_next_audit(self, _change: Any = None) -> None:
        if self._loading or self.quarter is None:
            return
        with guard(self.messages):
            text = self.next_audit.value.strip()
            try:
                when = dt.date.fromisoformat(text) if text else None
            except ValueError:
                raise InputError(f'"{text}" is not a date: write it as YYYY-MM-DD.') from None
            self._save(self.quarter.model_copy(update={"next_audit": when}))
