"""The frame the audit, career and leadership charts share: legend below, margins, title.

The legend sits at the foot of the figure (anchored to its container, not to the plot area), and
the axes make room for their labels (``automargin``): on a narrow page plotly turns long
category labels and wraps the legend onto more lines, and a legend placed a fixed distance under
the plot area then covered the turned labels (the career chart at 390 px, issue 9). The page's
stylesheet (:mod:`playbook.ui.common.style`) draws the text, grid and background in the dark
theme's colours when the system asks for it, whatever template a chart uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

WHITE: Mapping[str, Any] = {"template": "plotly_white"}


def frame(
    title: str,
    *,
    height: int,
    legend_y: float,
    left: int = 50,
    right: int = 10,
    top: int = 50,
    bottom: int = 40,
    look: Mapping[str, Any] = WHITE,
) -> dict[str, Any]:
    """Layout settings for ``update_layout``: a horizontal legend at the foot of the figure, the
    margins (grown by plotly where the axis labels need more), the height, a 15 px title and the
    look (plotly's white template unless given).

    ``legend_y`` (where the legend used to sit, below the plot area) is no longer used: a
    legend anchored there covered axis labels that plotly turns on a narrow page.

    Examples
    --------
    >>> frame("Scores", height=300, legend_y=-0.1)["title"]
    {'text': 'Scores', 'font': {'size': 15}}
    """
    return {
        "legend": {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom"},
        "xaxis_automargin": True,
        "margin": {"l": left, "r": right, "t": top, "b": bottom},
        "height": height,
        "title": {"text": title, "font": {"size": 15}},
        **look,
    }
