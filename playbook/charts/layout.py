"""The frame the audit, career and leadership charts share: legend below, margins, title."""

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
    """Layout settings for ``update_layout``: a horizontal legend at ``legend_y``, the margins,
    the height, a 15 px title and the look (plotly's white template unless given).

    Examples
    --------
    >>> frame("Scores", height=300, legend_y=-0.1)["title"]
    {'text': 'Scores', 'font': {'size': 15}}
    """
    return {
        "legend": {"orientation": "h", "y": legend_y},
        "margin": {"l": left, "r": right, "t": top, "b": bottom},
        "height": height,
        "title": {"text": title, "font": {"size": 15}},
        **look,
    }
