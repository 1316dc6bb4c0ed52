"""The pilot-experiments page, one panel per PDSA step (see :class:`PilotsView`)."""

from playbook.ui.pilots.plan import OWN_METRIC
from playbook.ui.pilots.view import PilotsView

__all__ = ["OWN_METRIC", "PilotsView"]
