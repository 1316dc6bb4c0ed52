"""What the page's LaTeX typesetter would read in a view (ipywidgets 8 typesets the element of
every Label and every description, never an HTML widget's content)."""

from __future__ import annotations

import ipywidgets as widgets


def typeset_texts(widget: widgets.Widget) -> list[str]:
    """Every Label value and every description under ``widget``."""
    texts = []
    if isinstance(widget, widgets.Label):
        texts.append(widget.value)
    if getattr(widget, "description", None) and isinstance(widget, widgets.DOMWidget):
        texts.append(widget.description)
    for child in getattr(widget, "children", ()):
        texts += typeset_texts(child)
    return texts
