"""The development-plan page and the report a mentor opens by share link (see :class:`PlanView`)."""

from playbook.ui.plan.model import SHARE_KIND
from playbook.ui.plan.view import PlanView

__all__ = ["SHARE_KIND", "PlanView"]
