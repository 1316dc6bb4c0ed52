"""The mentor's and peers' view: share links, rating files, and the gaps to the owner's own."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from playbook.charts.leadership import gap_chart
from playbook.errors import PlaybookError
from playbook.leadership import RaterKind, describe_gap, parse_rating_file, round_half_up
from playbook.limits import MAX_FILE_RATINGS, check_count
from playbook.ui.common import MessageArea, Panel, esc, html_box, on_upload, para, show_figure
from playbook.ui.leadership.model import ASSESSED, NOTEBOOK, SHARE_KINDS, LeadershipModel

#: The owner's name and the rater's, kept together as a share link's label.
_LABEL_SEP = "\n"
SUBJECT_UNNAMED = "this workbook's owner"


def link_label(owner: str, rater: str) -> str:
    """A rating link's label: who is rated and who rates (each at most 80 characters; a
    text field holds no line break, so the two stay apart).

    >>> read_link_label(link_label(" Alex ", "Jordan"))
    ('Alex', 'Jordan')
    """
    return f"{owner.strip()[:80]}{_LABEL_SEP}{rater.strip()[:80]}"


def read_link_label(label: str) -> tuple[str, str]:
    """(owner's name, rater's name) from a link's label; a link made before the two were
    asked for names neither for sure (its one name was asked ambiguously).

    >>> read_link_label("Sam")
    ('', '')
    """
    if _LABEL_SEP not in label:
        return "", ""
    owner, rater = label.split(_LABEL_SEP, 1)
    return owner, rater


class ComparePanel(Panel[LeadershipModel]):
    """Links for raters (one per person), rating files, and the gaps their ratings show.
    Its messages are its own (``compare_messages``), shown beside it."""

    TITLE = "Your mentor's view"

    def build(self, model: LeadershipModel) -> list[widgets.Widget]:
        self.compare_messages = MessageArea()
        # Who is who, on both sides: the rater reads "You are rating <owner_name>".
        self.owner_name = _name_box(
            "Your name (the rater sees it)", "you, the person being rated", "pb-owner-name"
        )
        self.share_name = _name_box(
            "Who will rate you", "your mentor's (or the peer's) name", "pb-rater-name"
        )
        self.mentor_link_button, self.peer_link_button = (
            widgets.Button(
                description=f"Create a link for {who}",
                icon="link",
                layout=widgets.Layout(width="auto"),
            )
            for who in ("my mentor", "one peer")
        )
        self.mentor_link_button.add_class("pb-mentor-link-button")
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
        self.gaps = html_box("pb-gaps")
        self.gap_out = widgets.Output()
        self.gap_out.add_class("pb-gap-chart")
        self.gap_figure: Any = None
        min_peers = model.instrument.thresholds.min_raters["peer"]
        children = [
            para(
                "Send your mentor (or a peer) a link: they rate you on the same statements, "
                "worded as “They ...”. They cannot see or change your own answers. Create one "
                "link per person; a peers' average is shown only once at least "
                f"{min_peers} peers have answered, so no single peer "
                "can be picked out. A rater who cannot use the link can send you a rating "
                "file instead."
            ),
            self.owner_name,
            self.share_name,
            widgets.HBox([self.mentor_link_button, self.peer_link_button]),
            self.share_link,
            widgets.HBox([self.upload, self.refresh_button]),
            self.compare_messages,
            self.gaps,
            self.gap_out,
        ]
        self.add_class("pb-compare")
        own = self.compare_messages
        self.on_click(self.mentor_link_button, lambda _b: self._on_share("mentor"), own)
        self.on_click(self.peer_link_button, lambda _b: self._on_share("peer"), own)
        on_upload(self.upload, own, self._on_upload)
        self.on_click(self.refresh_button, self._on_refresh, own)
        model.listen(ASSESSED, self._show)
        return children

    def _on_share(self, kind: RaterKind) -> None:
        session = self.model.session
        owner, rater = self.owner_name.value.strip(), self.share_name.value.strip()
        link = session.create_share_link(NOTEBOOK, SHARE_KINDS[kind], link_label(owner, rater))
        base = session.base_url
        if base and base.endswith(NOTEBOOK):
            link = base[: -len(NOTEBOOK)] + link
        self.share_link.value = link
        self.share_link.layout.display = None
        who = rater[:80] or ("your mentor" if kind == "mentor" else "one peer")
        shown = f"“You are rating {owner[:80] or SUBJECT_UNNAMED}”"
        self.compare_messages.show(
            f"Send this link to {who} only. It asks them to rate you (their page reads "
            f"{shown}); it does not show them your answers or your results.",
            "success",
        )

    def _on_upload(self, name: str, data: bytes) -> None:
        try:
            rating = parse_rating_file(data, self.model.instrument, subject=self.model.subject())
        except PlaybookError as err:
            raise type(err)(f"{name}: {err} Nothing was changed.") from None
        stored = self.model.read()
        check_count(
            len(stored.file_ratings) + 1,
            MAX_FILE_RATINGS,
            "ratings from files in this workbook",
            "remove older ones by downloading the workbook and starting again, or ask raters "
            "for a share link instead",
        )
        stored = stored.model_copy(
            update={"file_ratings": [*stored.file_ratings, rating.model_dump(mode="json")]}
        )
        self.model.save(stored)
        self.model.assess(stored, reload_ratings=True)
        self.compare_messages.show(
            f"The {rating.rater_kind}'s rating from {name} was added.", "success"
        )

    def _on_refresh(self, _button: Any = None) -> None:
        self.model.assess(self.model.read(), reload_ratings=True)

    def _show(self) -> None:
        inst, c, skipped = self.model.instrument, self.model.comparison, self.model.skipped
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
            "points (a third of the scale; this threshold, like the number of peers needed for "
            "an average, is a default of this workbook that a coach can change): a <b>blind spot</b> when you rate yourself higher "
            "than others see you, a <b>hidden strength</b> when they see more than you do. "
            "Either is a question to talk over, not a verdict.</small></p>" + note
        )
        self.gap_figure = gap_chart(inst, c)
        show_figure(self.gap_out, self.gap_figure)


def _name_box(description: str, placeholder: str, cls: str) -> widgets.Text:
    """A box for a person's name (the owner's, a rater's), its label as long as it needs."""
    w = widgets.Text(
        description=description,
        placeholder=placeholder,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="420px"),
    )
    w.add_class(cls)
    return w
