"""ipywidgets views, one class per panel. Imported by the workbook notebooks only."""

from __future__ import annotations

from typing import Any

# Views are imported lazily so that a notebook pays only for the page it shows.
_VIEWS = {
    "CareerPathView": "playbook.ui.career",
    "StartView": "playbook.ui.start",
    "LeadershipView": "playbook.ui.leadership",
    "TimeSplitView": "playbook.ui.time_split",
    "PilotsView": "playbook.ui.pilots",
    "AuditView": "playbook.ui.audit",
}


def __getattr__(name: str) -> Any:
    module = _VIEWS.get(name)
    if module is None:
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = list(_VIEWS)
