"""Charts on a page: ``go.Figure`` redrawn in an ``Output`` (see DESIGN.md, "Known traps")."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import anywidget
import ipywidgets as widgets
import plotly.graph_objects as go
import traitlets
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


#: Runs in the browser: once the page's widgets are painted and the page is idle, tells the
#: kernel (``painted``). Draws nothing.
_FIRST_PAINT_ESM = """
function render({ model, el }) {
  el.style.display = "none";
  if (model.get("painted")) return;
  let told = false;
  const tell = () => {
    if (told) return;
    told = true;
    // the charts' renderer, loaded after the first paint (playbook.serving.pages)
    Promise.resolve(window.playbookRenderers).then(() => {
      model.set("painted", true);
      model.save_changes();
    });
  };
  // once the widgets made with this one are created and painted: the page's thread is idle
  // (a hidden page, or a browser without idle callbacks, within 1.5 s)
  if (window.requestIdleCallback) window.requestIdleCallback(tell, { timeout: 1500 });
  setTimeout(tell, 1500);
}
export default { render };
"""


class FirstPaint(anywidget.AnyWidget):
    """A page's charts wait until its other widgets are on screen.

    A chart costs the browser more than all the rest of a page: plotly.js (4.8 MB) is loaded
    and run for the first one, about 1.3 s of the page's one thread on the machine measured,
    during which the questions beside it are not painted either (``benchmarks/
    trace_front_end.py``). So a chart shown while the page is being built (its notebook cell
    running) is kept, and this widget, shown by that cell beside the page, tells the kernel
    once the page was painted; each kept chart is then drawn. A chart shown later (an answer
    changed) is drawn at once.

    The browser says it (its idle callback, or 1.5 s after the widget is shown at the latest),
    not a timer in the kernel: a chart shown into an ``Output`` reaches the page only while the
    kernel handles a message from that page (ipywidgets' ``Output`` captures by the message's
    parent, and the page's front-end follows only its own messages), so one drawn from a
    kernel timer was lost (seen under load: the timer fired before the page was on screen).
    And the widget is the cell's own output, not a part of the page's widgets: a page that
    does not show some of its parts (the mentor's view of the plan has no header) still shows
    it.
    """

    _esm = _FIRST_PAINT_ESM
    painted = traitlets.Bool(False).tag(sync=True)

    def __init__(self) -> None:
        super().__init__()
        self.observe(lambda _change: _draw_waiting(), names="painted")


class _Waiting:
    """The charts kept until the page is painted: the latest bundle of each ``Output``."""

    def __init__(self) -> None:
        self.charts: dict[int, tuple[widgets.Output, dict[str, Any]]] = {}
        #: the cell (its request's id) that showed a FirstPaint
        self.cell = ""
        #: a page of this kernel was painted: its browser is there, nothing waits any more
        self.painted = False

    def keep(self, out: widgets.Output, bundle: dict[str, Any], cell: str) -> None:
        self.charts[id(out)] = (out, bundle)
        if cell != self.cell:  # one FirstPaint a cell, shown as the cell's output
            self.cell = cell
            display(FirstPaint())


_waiting = _Waiting()


def _building_cell() -> str:
    """The id of the notebook cell being run (the page being built), or "" while the kernel
    handles anything else (a widget's event)."""
    from IPython import get_ipython

    kernel = getattr(get_ipython(), "kernel", None)
    parent = kernel.get_parent() if kernel is not None else None
    header = (parent or {}).get("header", {})
    return str(header.get("msg_id", "")) if header.get("msg_type") == "execute_request" else ""


def _draw_waiting() -> None:
    """Draw the charts kept for the page's first paint; from now on charts are drawn at once."""
    _waiting.painted = True
    charts, _waiting.charts = _waiting.charts, {}
    for out, bundle in charts.values():
        _draw(out, bundle)


def _draw(out: widgets.Output, bundle: dict[str, Any]) -> None:
    with out:
        out.clear_output(wait=True)
        display(bundle, raw=True)


def show_figure(out: widgets.Output, fig: go.Figure) -> None:
    """Redraw ``fig`` in ``out`` (rendered by plotly's JupyterLab extension, which a served
    page registers after its first paint, ``playbook.serving.pages.RENDERERS_LATER``; no
    ``FigureWidget``: see DESIGN.md, "Known traps"). While the page is being built, the chart
    waits for its first paint (:class:`FirstPaint`)."""
    bundle = figure_bundle(fig)
    from IPython import get_ipython

    if get_ipython() is None:  # no kernel (headless tests): nothing could show it
        return
    cell = "" if _waiting.painted else _building_cell()
    if cell:
        _waiting.keep(out, bundle, cell)
        return
    _waiting.charts.pop(id(out), None)  # a chart kept for it is older than this one
    _draw(out, bundle)
