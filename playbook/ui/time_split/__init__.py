"""The 70/30 time-split page, one panel per step (see :class:`TimeSplitView`)."""

from playbook.ui.time_split.view import TimeSplitView

__all__ = ["TimeSplitView"]
