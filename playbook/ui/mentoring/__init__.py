"""The sessions-with-a-mentor page (workbook 08): the manager's view and their mentor's."""

from playbook.ui.mentoring.model import SHARE_KIND
from playbook.ui.mentoring.view import MentoringView

__all__ = ["SHARE_KIND", "MentoringView"]
