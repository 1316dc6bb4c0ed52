"""The leadership-style page: the self-assessment, and the rating form a mentor opens by link.

The owner of a workbook answers the instrument in short pages (saved with every answer, so
that a reload resumes on the same page) and sees their results beside it. A mentor or a peer
who opens the page through one of the owner's share links sees only the rating form, in the
observer wording; what they send is stored as a contribution and never touches the owner's
answers.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import Any

import ipywidgets as widgets

from playbook.charts.leadership import gap_chart, radar_chart
from playbook.errors import PlaybookError
from playbook.leadership import (
    RATER_KINDS,
    STYLES,
    Comparison,
    ForcedChoiceBlock,
    Instrument,
    Item,
    LeadershipSection,
    RaterKind,
    RatingPayload,
    SelfAssessment,
    assess,
    compare_raters,
    describe_gap,
    describe_ranking,
    latest_per_rater,
    load_content,
    pages,
    parse_rating,
    parse_rating_file,
    parse_section,
    rater_id,
    rating_subject,
    round_half_up,
    score_scales,
)
from playbook.session import Session
from playbook.ui.common import (
    MessageArea,
    WorkbookHeader,
    claims_html,
    esc,
    guard,
    heading,
    para,
    show_figure,
    uploaded_file,
)

NOTEBOOK = "02_leadership_style.ipynb"
SECTION = "leadership"
TITLE = "Find your leadership style"

#: Share-link kinds, one per kind of rater (a link is for one person: see ``rater_id``).
SHARE_KINDS: dict[RaterKind, str] = {"mentor": "leadership-mentor", "peer": "leadership-peer"}
KIND_OF_SHARE = {v: k for k, v in SHARE_KINDS.items()}


def warm_up() -> None:
    """Load the instrument and build one radar: done at import, which a preheated kernel runs
    before the participant's request arrives, so the first page view does not pay for it."""
    from playbook.ui.common import figure_bundle

    try:
        instrument = load_content()
    except PlaybookError:
        return  # the page shows the content error in place
    figure_bundle(radar_chart(instrument, dict.fromkeys(STYLES, 50.0)))


warm_up()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --------------------------------------------------------------------------------------------
# Answer widgets (shared by the self-assessment and the rating form)
# --------------------------------------------------------------------------------------------


class LikertItemWidget(widgets.VBox):
    """One statement with the five agreement answers and "not observed / not sure"."""

    def __init__(self, item: Item, instrument: Instrument, *, observer: bool = False) -> None:
        self.item = item
        scale = instrument.scale
        self.buttons = widgets.ToggleButtons(
            options=[(p.label, p.value) for p in scale.points]
            + [(scale.not_sure.label, scale.not_sure.value)],
            value=None,
            style={"button_width": "auto"},
        )
        self.buttons.add_class(f"pb-item-{item.id}")
        text = item.observer if observer else item.self_text
        super().__init__(
            [widgets.HTML(f"<b>{esc(text)}</b>"), self.buttons],
            layout=widgets.Layout(margin="0 0 12px 0"),
        )
        self.add_class("pb-likert")

    @property
    def value(self) -> int | None:
        return self.buttons.value


class RankingWidget(widgets.VBox):
    """A forced-choice block: pick the statement most like the person, and the least like."""

    def __init__(self, block: ForcedChoiceBlock, position: int, *, observer: bool = False) -> None:
        self.block = block
        # Rotate the statements from block to block so that no style always comes first.
        shift = position % len(STYLES)
        styles = STYLES[shift:] + STYLES[:shift]
        options = [(block.statements[s], s) for s in styles]
        who = "them" if observer else "me"
        self.most = widgets.RadioButtons(
            options=options,
            value=None,
            description=f"Most like {who}",
            style={"description_width": "110px"},
            layout=widgets.Layout(width="auto"),
        )
        self.least = widgets.RadioButtons(
            options=options,
            value=None,
            description=f"Least like {who}",
            style={"description_width": "110px"},
            layout=widgets.Layout(width="auto"),
        )
        self.most.add_class(f"pb-most-{block.id}")
        self.least.add_class(f"pb-least-{block.id}")
        prompt = block.observer if observer else block.self_text
        super().__init__(
            [widgets.HTML(f"<b>{esc(prompt)}</b>"), self.most, self.least],
            layout=widgets.Layout(margin="0 0 14px 0"),
        )
        self.add_class("pb-ranking")

    @property
    def conflict(self) -> bool:
        return self.most.value is not None and self.most.value == self.least.value

    @property
    def order(self) -> list[str] | None:
        """[most, middle, least] when both are chosen and differ, else None."""
        if self.most.value is None or self.least.value is None or self.conflict:
            return None
        middle = next(s for s in STYLES if s not in (self.most.value, self.least.value))
        return [self.most.value, middle, self.least.value]

    def set_order(self, order: list[str] | None) -> None:
        self.most.value = order[0] if order else None
        self.least.value = order[-1] if order else None


class InstrumentPager(widgets.VBox):
    """The instrument in short pages, with a progress indicator and previous/next buttons."""

    def __init__(self, instrument: Instrument, *, observer: bool = False) -> None:
        self.instrument = instrument
        self.pages = pages(instrument)
        self.items = {
            i.id: LikertItemWidget(i, instrument, observer=observer) for i in instrument.items
        }
        self.blocks = {
            b.id: RankingWidget(b, n, observer=observer)
            for n, b in enumerate(instrument.forced_choice)
        }
        self.page = 0
        self.progress_bar = widgets.IntProgress(
            min=0, max=1, value=0, layout=widgets.Layout(width="260px")
        )
        self.progress_text = widgets.Label()
        self.progress_text.add_class("pb-progress")
        self.page_label = widgets.Label()
        self.page_label.add_class("pb-page-label")
        self.prev_button = widgets.Button(description="Previous", icon="arrow-left")
        self.next_button = widgets.Button(description="Next", icon="arrow-right")
        self.prev_button.add_class("pb-prev")
        self.next_button.add_class("pb-next")
        self.page_box = widgets.VBox()
        self.page_box.add_class("pb-page")
        super().__init__(
            [
                widgets.HBox([self.progress_bar, self.progress_text]),
                self.page_box,
                widgets.HBox(
                    [self.prev_button, self.page_label, self.next_button],
                    layout=widgets.Layout(align_items="center"),
                ),
            ]
        )

    def widgets_on(self, page: int) -> list[widgets.Widget]:
        return [self.items.get(x) or self.blocks[x] for x in self.pages[page]]

    def show_page(self, page: int) -> None:
        self.page = max(0, min(page, len(self.pages) - 1))
        self.page_box.children = self.widgets_on(self.page)
        self.page_label.value = f"Page {self.page + 1} of {len(self.pages)}"
        self.prev_button.disabled = self.page == 0
        self.next_button.disabled = self.page == len(self.pages) - 1

    def answers(self) -> dict[str, int]:
        return {k: w.value for k, w in self.items.items() if w.value is not None}

    def orders(self) -> dict[str, list[str]]:
        return {k: o for k, w in self.blocks.items() if (o := w.order) is not None}

    def conflicts(self) -> list[str]:
        return [k for k, w in self.blocks.items() if w.conflict]

    def fill(self, answers: dict[str, int], orders: dict[str, list[str]]) -> None:
        for k, w in self.items.items():
            w.buttons.value = answers.get(k)
        for k, b in self.blocks.items():
            b.set_order(orders.get(k))

    def set_progress(self, answered: int, total: int) -> None:
        self.progress_bar.max = total
        self.progress_bar.value = answered
        self.progress_text.value = f"{answered} / {total} answered"

    def observe_answers(self, handler: Any) -> None:
        for w in self.items.values():
            w.buttons.observe(handler, names="value")
        for b in self.blocks.values():
            b.most.observe(handler, names="value")
            b.least.observe(handler, names="value")


# --------------------------------------------------------------------------------------------
# The owner's page
# --------------------------------------------------------------------------------------------


class LeadershipView(widgets.VBox):
    """Find one's primary and secondary leadership style, and compare with a mentor's view.

    Opened through a rating share link, the page shows :class:`LeadershipRatingView` instead.
    """

    def __init__(self, session: Session, instrument: Instrument | None = None) -> None:
        super().__init__()
        self.session = session
        self.add_class("pb-leadership")
        self.header = WorkbookHeader(session, NOTEBOOK, TITLE)
        self.messages = MessageArea()
        self.rating_view: LeadershipRatingView | None = None
        try:
            self.instrument = inst = instrument or load_content()
        except PlaybookError as err:  # a coach's edited content file is invalid
            self.messages.show(f"The leadership statements cannot be loaded: {err}")
            self.children = [self.header, self.messages]
            return
        if session.role == "contributor":
            self.rating_view = LeadershipRatingView(session, inst)
            self.children = [self.header, self.rating_view]
            return

        self.pager = InstrumentPager(inst)
        self.summary = widgets.HTML()
        self.summary.add_class("pb-primary")
        self.scores = widgets.HTML()
        self.scores.add_class("pb-scores")
        self.chart = widgets.Output(layout=widgets.Layout(min_height="400px"))
        self.chart.add_class("pb-radar")
        self.figure = radar_chart(inst, dict.fromkeys(STYLES))
        self.adaptability = widgets.HTML()
        self.adaptability.add_class("pb-adaptability")
        self.advice = widgets.HTML()
        self.advice.add_class("pb-advice")
        self.forced = widgets.HTML()
        self.forced.add_class("pb-forced-choice")
        self._last_chart: tuple[Any, ...] | None = None

        # the mentor's and peers' views
        self.compare_messages = MessageArea()
        self.share_name = widgets.Text(
            description="Their name (shown to them)",
            placeholder="e.g. Sam",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="360px"),
        )
        self.mentor_link_button = widgets.Button(
            description="Create a link for my mentor",
            icon="link",
            layout=widgets.Layout(width="auto"),
        )
        self.mentor_link_button.add_class("pb-mentor-link-button")
        self.peer_link_button = widgets.Button(
            description="Create a link for one peer",
            icon="link",
            layout=widgets.Layout(width="auto"),
        )
        self.peer_link_button.add_class("pb-peer-link-button")
        self.share_link = widgets.Text(
            description="Rating link",
            layout=widgets.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        self.share_link.add_class("pb-share-link")
        self.share_link.layout.display = "none"
        self.upload = widgets.FileUpload(
            accept=".json", multiple=False, description="Add a rating file"
        )
        self.upload.add_class("pb-rating-upload")
        self.refresh_button = widgets.Button(description="Refresh ratings", icon="refresh")
        self.refresh_button.add_class("pb-refresh-ratings")
        self.gaps = widgets.HTML()
        self.gaps.add_class("pb-gaps")
        self.gap_out = widgets.Output()
        self.gap_out.add_class("pb-gap-chart")
        self.comparison: Comparison | None = None
        self.gap_figure = None
        self._rating_cache: tuple[list[RatingPayload], int] | None = None

        instrument_box = widgets.VBox(
            [
                heading("The statements"),
                para(
                    "Rate how much each statement is true of you in your current work. If you "
                    "cannot say, choose “Not observed / not sure”: it is left out of your scores, "
                    "not counted as a middle answer. Every answer is saved at once."
                ),
                self.pager,
            ],
            layout=widgets.Layout(flex="1 1 480px", min_width="340px", padding="0 16px 0 0"),
        )
        results_box = widgets.VBox(
            [
                heading("Your result"),
                self.summary,
                self.chart,
                self.scores,
                heading("Adaptability", 4),
                self.adaptability,
                heading("How to develop", 4),
                self.advice,
                heading("Your ranking blocks", 4),
                self.forced,
            ],
            layout=widgets.Layout(flex="1 1 420px", min_width="340px"),
        )
        self.body = widgets.HBox(
            [instrument_box, results_box], layout=widgets.Layout(flex_flow="row wrap")
        )
        self.compare_box = widgets.VBox(
            [
                heading("Your mentor's view"),
                para(
                    "Send your mentor (or a peer) a link: they rate you on the same statements, "
                    "worded as “They ...”. They cannot see or change your own answers. Create one "
                    "link per person; a peers' average is shown only once at least "
                    f"{inst.thresholds.min_raters['peer']} peers have answered, so no single peer "
                    "can be picked out. A rater who cannot use the link can send you a rating "
                    "file instead."
                ),
                self.share_name,
                widgets.HBox([self.mentor_link_button, self.peer_link_button]),
                self.share_link,
                widgets.HBox([self.upload, self.refresh_button]),
                self.compare_messages,
                self.gaps,
                self.gap_out,
            ]
        )
        self.compare_box.add_class("pb-compare")
        self.children = [
            self.header,
            para(inst.label, "pb-label"),
            self.messages,
            self.body,
            self.compare_box,
            self._about(),
        ]

        self.pager.observe_answers(self._on_answer)
        self.pager.prev_button.on_click(lambda _b: self._on_page(-1))
        self.pager.next_button.on_click(lambda _b: self._on_page(+1))
        self.mentor_link_button.on_click(lambda _b: self._on_share("mentor"))
        self.peer_link_button.on_click(lambda _b: self._on_share("peer"))
        self.upload.observe(self._on_upload, names="value")
        self.refresh_button.on_click(self._on_refresh)
        session.observe(self._on_reload, names="revision")
        self._loading = False
        self._on_reload()

    # --- static explanation ---------------------------------------------------------------

    def _about(self) -> widgets.Widget:
        inst = self.instrument
        rows = "".join(
            f"<tr><td><b>{esc(s.name)}</b></td><td>{esc(s.focus)}</td><td>{esc(s.excels)}</td>"
            f"<td>{esc(s.watch_out)}</td></tr>"
            for s in inst.styles
        )
        phases = "".join(
            f"<tr><td>{esc(p.name)}</td>"
            f"<td>{esc(', '.join(inst.style(s).name for s in p.styles))}</td>"
            f"<td>{esc(p.why)}</td></tr>"
            for p in inst.phases
        )
        return widgets.HTML(
            "<h3>The three styles</h3>"
            "<table class='pb-styles' cellpadding='6' style='border-collapse:collapse'>"
            "<tr><th align=left>Style</th><th align=left>Focus</th><th align=left>Excels in</th>"
            f"<th align=left>Watch out</th></tr>{rows}</table>"
            "<h3>Which style tends to serve which production phase</h3>"
            f"<p><i>{esc(inst.phases_note)}</i></p>"
            "<table class='pb-phases' cellpadding='6' style='border-collapse:collapse'>"
            "<tr><th align=left>Phase</th><th align=left>Style</th><th align=left>Why</th></tr>"
            f"{phases}</table>"
            + claims_html((s.playbook_reports for s in inst.styles), "What the playbook reports")
            + f"<p class='pb-disclaimer'><i>{esc(inst.source_note)}</i></p>"
        )

    # --- state <-> widgets ----------------------------------------------------------------

    def _section(self) -> LeadershipSection:
        return parse_section(self.session.section(SECTION), self.instrument)

    def _section_from_widgets(self, stored: LeadershipSection) -> LeadershipSection:
        return LeadershipSection(
            instrument_version=self.instrument.instrument_version,
            answers=self.pager.answers(),
            forced_choice=self.pager.orders(),
            page=self.pager.page,
            file_ratings=stored.file_ratings,
        )

    def _on_reload(self, _change: Any = None) -> None:
        """Put the saved answers into the widgets (page load, new workbook, import)."""
        enabled = self.session.role == "owner"
        self.body.layout.display = None if enabled else "none"
        self.compare_box.layout.display = None if enabled else "none"
        if not enabled:
            return
        with guard(self.messages):
            section = self._section()
            self._loading = True
            try:
                self.pager.fill(section.answers, section.forced_choice)
                self.pager.show_page(section.page)
            finally:
                self._loading = False
            self._show(section, reload_ratings=True)

    def _save(self) -> LeadershipSection:
        section = self._section_from_widgets(self._section())
        self.session.save_section(SECTION, section.model_dump(mode="json"))
        return section

    def _on_answer(self, _change: Any = None) -> None:
        if self._loading:
            return
        with guard(self.messages):
            conflicts = self.pager.conflicts()
            section = self._save()
            if conflicts:
                self.messages.show(
                    "Choose a different statement for “least like me” than for “most like me”: "
                    "that block is not saved until they differ.",
                    "info",
                )
            self._show(section)

    def _on_page(self, step: int) -> None:
        with guard(self.messages):
            self.pager.show_page(self.pager.page + step)
            self._save()

    # --- other raters ---------------------------------------------------------------------

    def _subject(self) -> str:
        assert self.session.workbook_id
        return rating_subject(self.session.workbook_id)

    def _on_share(self, kind: RaterKind) -> None:
        with guard(self.compare_messages):
            name = self.share_name.value.strip()[:80]
            link = self.session.create_share_link(NOTEBOOK, SHARE_KINDS[kind], name)
            base = self.session.base_url
            if base and base.endswith(NOTEBOOK):
                link = base[: -len(NOTEBOOK)] + link
            self.share_link.value = link
            self.share_link.layout.display = None
            who = "your mentor" if kind == "mentor" else "one peer"
            self.compare_messages.show(
                f"Send this link to {who} only. It lets them rate you; it does not show them "
                "your answers or your results.",
                "success",
            )

    def _ratings(self, section: LeadershipSection) -> tuple[list[RatingPayload], int]:
        """Every usable rating (latest per rater), and how many were set aside."""
        found: list[RatingPayload] = []
        skipped = 0
        subject = self._subject()
        raw: list[dict[str, Any]] = list(section.file_ratings)
        for kind in RATER_KINDS:
            for c in self.session.contributions(SHARE_KINDS[kind]):
                # the link it came through identifies the rater, not what the payload claims
                raw.append(dict(c, rater=f"link:{c['share_id']}"))
        for data in raw:
            try:
                found.append(parse_rating(data, self.instrument, subject=subject))
            except PlaybookError:
                skipped += 1  # e.g. made with an older instrument version
        return latest_per_rater(found), skipped

    def _on_upload(self, _change: Any = None) -> None:
        with guard(self.compare_messages):
            picked = uploaded_file(self.upload)
            if picked is None:
                return
            name, data = picked
            self.upload.value = ()
            try:
                rating = parse_rating_file(data, self.instrument, subject=self._subject())
            except PlaybookError as err:
                raise type(err)(f"{name}: {err} Nothing was changed.") from None
            stored = self._section()
            stored.file_ratings.append(rating.model_dump(mode="json"))
            self.session.save_section(SECTION, stored.model_dump(mode="json"))
            self._show(stored, reload_ratings=True)
            self.compare_messages.show(
                f"The {rating.rater_kind}'s rating from {name} was added.", "success"
            )

    def _on_refresh(self, _button: Any = None) -> None:
        with guard(self.compare_messages):
            self._show(self._section(), reload_ratings=True)

    # --- results --------------------------------------------------------------------------

    def _show(self, section: LeadershipSection, *, reload_ratings: bool = False) -> None:
        inst = self.instrument
        a: SelfAssessment = assess(section, inst)
        self.pager.set_progress(a.progress.answered, a.progress.total)
        if a.ranking is not None:
            self.summary.value = (
                f"<p style='font-size:1.1em'><b>{esc(describe_ranking(a.ranking, inst))}</b></p>"
            )
        else:
            self.summary.value = f"<p><i>{esc(a.message)}</i></p>"

        # Other people's ratings are read on page load, on "Refresh ratings" and after an
        # upload, not on every answer.
        if reload_ratings or self._rating_cache is None:
            self._rating_cache = self._ratings(section)
        ratings, skipped = self._rating_cache
        self.comparison = compare_raters(a.scores, ratings, inst) if ratings else None
        rows = []
        for style in STYLES:
            s = a.scores[style]
            cells = [
                f"<td><b>{esc(inst.style(style).name)}</b></td>",
                f"<td class='pb-score-{style}'>{esc(s.display())}</td>",
                f"<td><small>{s.answered} of {s.n_items} rated</small></td>",
            ]
            for kind in RATER_KINDS:
                if self.comparison and kind in self.comparison.groups:
                    other = self.comparison.groups[kind].scores[style]
                    cells.append(f"<td>{'–' if other is None else round_half_up(other)}</td>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        extra = "".join(
            f"<th align=left>{'Mentor' if k == 'mentor' else 'Peers (average)'}</th>"
            for k in RATER_KINDS
            if self.comparison and k in self.comparison.groups
        )
        self.scores.value = (
            "<table cellpadding='4'><tr><th align=left>Style</th><th align=left>You (0-100)</th>"
            f"<th></th>{extra}</tr>{''.join(rows)}</table>"
            f"<p><small>0 means you disagreed with every statement of the style, 100 that you "
            f"strongly agreed with all of them (reverse-worded statements counted the other way). "
            f"A style needs {inst.thresholds.min_answered_per_scale} rated statements for a "
            "score.</small></p>"
        )

        if a.adaptability is None:
            self.adaptability.value = "<p><i>Shown once every style has a score.</i></p>"
        else:
            self.adaptability.value = (
                f"<p><b>{round_half_up(a.adaptability)} / 100</b></p>"
                f"<p><small>{esc(inst.adaptability.explanation)}</small></p>"
                f"<p><small><i>{esc(inst.adaptability.playbook_reports)}</i></small></p>"
            )

        if a.advice is None:
            self.advice.value = "<p><i>Shown once your primary style is known.</i></p>"
        else:
            steps = "".join(f"<li>{esc(x)}</li>" for x in a.advice.steps)
            self.advice.value = (
                f"<p><b>{esc(a.advice.summary)}</b></p><ul>{steps}</ul>"
                f"<p><small><i>{esc(a.advice.basis)}</i></small></p>"
            )

        fc = a.forced_choice
        points = ", ".join(f"{inst.style(s).name} {fc.points[s]}" for s in STYLES)
        self.forced.value = (
            f"<p>{fc.blocks_answered} of {fc.blocks_total} blocks ranked. Points (2 for “most "
            f"like me”, 1 for the middle): {esc(points)}.</p>"
            f"<p><small>{esc(inst.forced_choice_note)}</small></p>"
        )

        self._show_comparison(skipped)
        others = {k: g.scores for k, g in self.comparison.groups.items()} if self.comparison else {}
        key = (
            tuple(a.scores[s].score for s in STYLES),
            tuple((k, tuple(v.values())) for k, v in others.items()),
        )
        if key != self._last_chart:
            self._last_chart = key
            self.figure = radar_chart(inst, a.scores, others)
            show_figure(self.chart, self.figure)

    def _show_comparison(self, skipped: int) -> None:
        inst, c = self.instrument, self.comparison
        note = (
            f"<p><small>{skipped} rating(s) could not be used (made with another version of "
            "the statements, or for someone else).</small></p>"
            if skipped
            else ""
        )
        if c is None:
            self.gaps.value = "<p><i>No ratings yet.</i></p>" + note
            self.gap_out.clear_output()
            self.gap_figure = None
            return
        lines = []
        for kind, group in c.groups.items():
            who = "mentor" if kind == "mentor" else "peers"
            lines.append(
                f"<p><b>{group.n_raters} {who} answered</b>"
                + (
                    f" (an average is shown for a style once {group.min_raters} have scored it)"
                    if group.min_raters > 1
                    else ""
                )
                + "</p>"
            )
            items = "".join(
                f"<li class='pb-gap-{g.flag or 'none'}'>{esc(describe_gap(g, inst, c.threshold))}</li>"
                for g in c.gaps[kind].values()
            )
            lines.append(f"<ul>{items}</ul>")
        self.gaps.value = (
            "".join(lines)
            + f"<p><small>A gap is flagged when it is more than {round_half_up(c.threshold)} "
            "points (a third of the scale): a <b>blind spot</b> when you rate yourself higher "
            "than others see you, a <b>hidden strength</b> when they see more than you do. "
            "Either is a question to talk over, not a verdict.</small></p>" + note
        )
        self.gap_figure = gap_chart(inst, c)
        show_figure(self.gap_out, self.gap_figure)


# --------------------------------------------------------------------------------------------
# The rater's page
# --------------------------------------------------------------------------------------------


class LeadershipRatingView(widgets.VBox):
    """The rating form a mentor or a peer opens through a share link.

    It shows the statements in the observer wording and nothing of the owner's workbook. The
    rating is sent as a contribution (a rater who sends again replaces their rating), and can
    also be downloaded as a file.
    """

    def __init__(self, session: Session, instrument: Instrument | None = None) -> None:
        super().__init__()
        self.session = session
        self.instrument = inst = instrument or load_content()
        self.add_class("pb-leadership-rating")
        self.messages = MessageArea()
        share = session.share
        if share is None or share.kind not in KIND_OF_SHARE:
            self.messages.show("This link is not a link to rate someone's leadership style.")
            self.children = [self.messages]
            self.pager = None
            return
        self.kind: RaterKind = KIND_OF_SHARE[share.kind]
        self.subject = rating_subject(share.workbook_id)
        self.rater = rater_id(session.share_token or "")
        name = share.label or "the person who sent you this link"
        self.pager = InstrumentPager(inst, observer=True)
        self.send_button = widgets.Button(
            description="Send my rating",
            button_style="primary",
            icon="paper-plane",
            layout=widgets.Layout(width="auto"),
        )
        self.send_button.add_class("pb-send-rating")
        self.download = widgets.HTML()
        self.download.add_class("pb-rating-download")
        intro = (
            f"You are rating {name} as their {self.kind}. Rate how much each statement is "
            "true of them, from what you have seen. If you have not seen it, choose “Not "
            "observed / not sure”: it is left out, never counted as a middle answer. You will "
            "not see their own answers, and nothing you do here changes them."
        )
        if self.kind == "peer":
            intro += (
                f" Peers' ratings are shown to them only as an average of at least "
                f"{inst.thresholds.min_raters['peer']} peers."
            )
        self.children = [
            heading(f"Rate {name}"),
            para(intro),
            para(inst.label, "pb-label"),
            self.pager,
            self.messages,
            widgets.HBox(
                [self.send_button, self.download],
                layout=widgets.Layout(align_items="center"),
            ),
        ]
        self.pager.observe_answers(self._on_answer)
        self.pager.prev_button.on_click(lambda _b: self._on_page(-1))
        self.pager.next_button.on_click(lambda _b: self._on_page(+1))
        self.send_button.on_click(self._on_send)
        self.pager.show_page(0)
        self._on_answer()

    def payload(self) -> dict[str, Any]:
        """The rating as it is sent: answers in the observer wording's item ids."""
        assert self.pager is not None
        return RatingPayload(
            instrument_version=self.instrument.instrument_version,
            rater_kind=self.kind,
            subject=self.subject,
            rater=self.rater,
            rated_at=_now(),
            answers=self.pager.answers(),
            forced_choice=self.pager.orders(),
        ).model_dump(mode="json")

    def _on_page(self, step: int) -> None:
        assert self.pager is not None
        self.pager.show_page(self.pager.page + step)

    def _on_answer(self, _change: Any = None) -> None:
        assert self.pager is not None
        with guard(self.messages):
            answered = len(self.pager.answers()) + len(self.pager.orders())
            total = len(self.instrument.items) + len(self.instrument.forced_choice)
            self.pager.set_progress(answered, total)
            if self.pager.conflicts():
                self.messages.show(
                    "Choose a different statement for “least like them” than for “most like them”.",
                    "info",
                )

    def _on_send(self, _button: Any = None) -> None:
        with guard(self.messages):
            data = self.payload()
            # The same checks the owner's page applies, so a rating that would be set aside
            # there is refused here, with the reason, before it is sent.
            rating = parse_rating(data, self.instrument, subject=self.subject)
            missing = [
                self.instrument.style(s).name
                for s, sc in score_scales(rating.answers, self.instrument).items()
                if not sc.enough
            ]
            self.session.contribute(data)
            raw = json.dumps(data, indent=2).encode("utf-8")
            self.download.value = (
                '<a class="pb-rating-file" download="leadership-rating.json" '
                f'href="data:application/json;base64,{base64.b64encode(raw).decode("ascii")}">'
                "⬇ Download my rating as a file</a>"
            )
            text = "Thank you: your rating was sent. Sending again replaces it."
            if missing:
                text += (
                    f" Not enough answers to score {', '.join(missing)}: those are left out "
                    "of the comparison."
                )
            self.messages.show(text, "success")
