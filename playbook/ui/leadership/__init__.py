"""The leadership-style page and the raters' form (see :class:`LeadershipView`)."""

from playbook.ui.leadership.model import SHARE_KINDS
from playbook.ui.leadership.rating import LeadershipRatingView
from playbook.ui.leadership.view import LeadershipView

__all__ = ["SHARE_KINDS", "LeadershipRatingView", "LeadershipView"]
