"""The rating form a mentor or a peer opens through one of the owner's share links."""

from __future__ import annotations

import json
from typing import Any

import ipywidgets as widgets

from playbook.leadership import (
    Instrument,
    RaterKind,
    RatingPayload,
    load_content,
    parse_rating,
    rater_id,
    rating_subject,
    score_scales,
)
from playbook.record import now
from playbook.session import Session
from playbook.ui.common import MessageArea, download_link, guard, heading, para
from playbook.ui.leadership.answers import InstrumentPager
from playbook.ui.leadership.compare import SUBJECT_UNNAMED, read_link_label
from playbook.ui.leadership.model import KIND_OF_SHARE


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
        owner, rater = read_link_label(share.label)
        name = owner or SUBJECT_UNNAMED
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
        greeting = f"This link was made for {rater}. " if rater else ""
        intro = greeting + (
            f"You are rating {name} as their {self.kind}: how much each statement is "
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
            rated_at=now(),
            answers=self.pager.answers(),
            forced_choice=self.pager.orders(),
        ).model_dump(mode="json")

    def _on_page(self, step: int) -> None:
        assert self.pager is not None
        self.pager.show_page(self.pager.page + step)

    def _on_answer(self, _change: Any = None) -> None:
        assert self.pager is not None
        with guard(self.messages):
            total = len(self.instrument.items) + len(self.instrument.forced_choice)
            self.pager.set_progress(self.pager.answered(), total)
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
            self.download.value = download_link(
                json.dumps(data, indent=2).encode("utf-8"),
                "leadership-rating.json",
                "⬇ Download my rating as a file",
                cls="pb-rating-file",
            )
            text = "Thank you: your rating was sent. Sending again replaces it."
            if missing:
                text += (
                    f" Not enough answers to score {', '.join(missing)}: those are left out "
                    "of the comparison."
                )
            self.messages.show(text, "success")
