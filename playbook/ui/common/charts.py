"""Charts on a page: ``go.Figure`` redrawn in an ``Output`` (see DESIGN.md, "Known traps")."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go
from IPython.display import display

from playbook.errors import PlaybookError

PLOTLY_CONFIG = {
    "displaylogo": False,
    # Not "responsive": the JupyterLab renderer calls Plots.resize once a chart is drawn in a
    # visible page, which drops the figure's height, and a responsive chart then takes its
    # height from a container that has none: the chart collapsed to 0 px on opening (issue 9).
    # Without it the chart keeps its height and takes the container's width on each resize.
    "responsive": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    # plotly.js would typeset "$...$" in any chart text if MathJax were on the page
    "typesetMath": False,
}


def chart_output(cls: str, height: str = "360px") -> widgets.Output:
    """An ``Output`` for :func:`show_figure`, keeping its height while a chart is redrawn."""
    out = widgets.Output(layout=widgets.Layout(min_height=height))
    out.add_class(cls)
    return out


def figure_bundle(fig: go.Figure) -> dict[str, Any]:
    """The MIME bundle plotly's ``plotly_mimetype`` renderer would display, built directly.

    ``fig.show()`` first imports ``plotly.io._renderers``, which imports nbformat, jsonschema
    and rfc3987-syntax, whose grammars take seconds to build in every new kernel: measured as
    the largest part of a first page view. The bundle itself is cheap.
    """
    spec = json.loads(fig.to_json())
    return {
        "application/vnd.plotly.v1+json": {
            "data": spec.get("data", []),
            "layout": spec.get("layout", {}),
            "config": PLOTLY_CONFIG,
        },
        "text/plain": f"<plotly figure: {spec.get('layout', {}).get('title', {}).get('text', '')}>",
    }


def warm_up(make_figure: Callable[[], go.Figure]) -> None:
    """Build one of a page's figures, done when the page's module is imported: a preheated
    kernel imports it before the participant's request arrives, so that the first page view
    does not pay for loading the content and for plotly's first figure. An invalid content
    file is left for the page to show in place."""
    try:
        figure_bundle(make_figure())
    except PlaybookError:
        return


def show_figure(out: widgets.Output, fig: go.Figure) -> None:
    """Redraw ``fig`` in ``out`` (rendered by plotly's JupyterLab extension, which Voila loads;
    no ``FigureWidget``: see DESIGN.md, "Known traps")."""
    bundle = figure_bundle(fig)
    from IPython import get_ipython

    if get_ipython() is None:  # no kernel (headless tests): nothing could show it
        return
    with out:
        out.clear_output(wait=True)
        display(bundle, raw=True)
