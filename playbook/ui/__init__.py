"""ipywidgets views, one class per panel. Imported by the workbook notebooks only."""

from __future__ import annotations

from typing import Any

from playbook.contract import WORKBOOKS, workbooks

# Views are imported lazily so that a notebook pays only for the page it shows; which module
# holds which view is said once, in the workbook registry.
_VIEWS = {w.view_class: w.view_module for w in WORKBOOKS}


def __getattr__(name: str) -> Any:
    module = {w.view_class: w.view_module for w in workbooks()}.get(name)
    if module is None:
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = list(_VIEWS)
