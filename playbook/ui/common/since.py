""" "Since last time": what moved in a page's result since an earlier snapshot (issue 20)."""

from __future__ import annotations

import ipywidgets as widgets

from playbook.history import Moved
from playbook.ui.common.parts import NO_MATH, esc


class SinceBox(widgets.HTML):
    """The sentences of a :class:`~playbook.history.Moved` under its title ("Since last time
    (5 Jan 2026)"); hidden while there is nothing to compare (``None``). The earlier
    snapshot's day is the block's ``data-since`` (empty before there is one)."""

    def __init__(self, cls: str = "pb-since") -> None:
        super().__init__()
        self.add_class(cls)
        self.moved: Moved | None = None
        self.show(None)

    def show(self, moved: Moved | None) -> None:
        self.moved = moved
        if moved is None:
            self.value = ""
            self.layout.display = "none"
            return
        self.layout.display = None
        day = moved.day.isoformat() if moved.day else ""
        lines = "".join(f"<li>{esc(line)}</li>" for line in moved.lines)
        self.value = (
            f"<div class='pb-since-block {NO_MATH}' data-since='{esc(day)}' "
            "style='border-left:3px solid #1f6f8b;padding:2px 10px;margin:6px 0'>"
            f"<b>{esc(moved.title)}</b><ul style='margin:4px 0'>{lines}</ul></div>"
        )
