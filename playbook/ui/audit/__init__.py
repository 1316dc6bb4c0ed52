"""The quarterly-audit page and the colleagues' form (see :class:`AuditView`)."""

from playbook.ui.audit.model import SHARE_KIND
from playbook.ui.audit.view import AuditView

__all__ = ["SHARE_KIND", "AuditView"]
