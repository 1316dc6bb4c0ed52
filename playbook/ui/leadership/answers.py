"""The answer widgets the self-assessment and the rating form share."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from playbook.leadership import STYLES, ForcedChoiceBlock, Instrument, Item, pages
from playbook.ui.common import esc
from playbook.ui.common.choice import RadioGroup


class LikertItemWidget(widgets.VBox):
    """One statement with the five agreement answers and "not observed / not sure"."""

    def __init__(self, item: Item, instrument: Instrument, *, observer: bool = False) -> None:
        self.item = item
        scale = instrument.scale
        text = item.observer if observer else item.self_text
        self.buttons = RadioGroup(
            [(p.label, p.value) for p in scale.points]
            + [(scale.not_sure.label, scale.not_sure.value)],
            label=text,
        )
        self.buttons.add_class(f"pb-item-{item.id}")
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
        prompt = block.observer if observer else block.self_text
        self.most, self.least = (
            RadioGroup(options, label=f"{end} like {who}: {prompt}", vertical=True)
            for end in ("Most", "Least")
        )
        self.most.add_class(f"pb-most-{block.id}")
        self.least.add_class(f"pb-least-{block.id}")
        super().__init__(
            [
                widgets.HTML(f"<b>{esc(prompt)}</b>"),
                widgets.HTML(f"Most like {who}:"),
                self.most,
                widgets.HTML(f"Least like {who}:"),
                self.least,
            ],
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

    def answered(self) -> int:
        return len(self.answers()) + len(self.orders())

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
