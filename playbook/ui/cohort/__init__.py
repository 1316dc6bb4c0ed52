"""The coach's cohort page: many workbooks' results in aggregate (issue 11)."""

from playbook.ui.cohort.view import CohortView

__all__ = ["CohortView"]
