"""One way to enter a date on every page: the browser's date picker.

The time split used ``DatePicker`` while the pilots and the audit asked for typed YYYY-MM-DD
text, which refused "16/03/2026" (issue 9). :class:`DateField` is a ``DatePicker`` whose
``value`` stays the ISO string the pages already read and save ("" for none), so handlers,
saved records and code that drives a page (the demo workbook, tests) are unchanged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets
import traitlets


class DateField(widgets.HBox):
    """A labelled date picker; ``value`` is its date as ``YYYY-MM-DD`` ("" for none).

    A string that is not a date may be set from code (the page's handler then names it); the
    picker shows no date for it.

    Examples
    --------
    >>> f = DateField("Change started")
    >>> f.value = "2026-03-16"
    >>> f.picker.value
    datetime.date(2026, 3, 16)
    >>> f.picker.value = dt.date(2026, 4, 1)
    >>> f.value
    '2026-04-01'
    >>> f.value = "soon"
    >>> f.picker.value is None, f.value
    (True, 'soon')
    """

    value = traitlets.Unicode("")

    def __init__(self, description: str, cls: str = "", label_width: str = "130px") -> None:
        self.picker = widgets.DatePicker(
            description=description, style={"description_width": label_width}
        )
        self._setting = False
        super().__init__([self.picker])
        if cls:
            self.add_class(cls)
        self.picker.observe(self._from_picker, names="value")

    def _from_picker(self, change: Any) -> None:
        if self._setting:
            return
        new = change["new"]
        self.value = new.isoformat() if new is not None else ""

    @traitlets.observe("value")
    def _to_picker(self, change: Any) -> None:
        try:
            day: dt.date | None = dt.date.fromisoformat(change["new"].strip())
        except ValueError:
            day = None
        if self.picker.value != day:
            # the picker follows the text, never the reverse here: "soon" stays "soon" for the
            # handler to name, though the picker shows no date
            self._setting = True
            try:
                self.picker.value = day
            finally:
                self._setting = False
