"""Charts of the career-path navigator."""

from __future__ import annotations

import plotly.graph_objects as go

from playbook.career import PATH_IDS, Assessment, CareerContent
from playbook.charts.layout import frame

FIT_COLOR = "#1f6f8b"
PREF_COLOR = "#e29e21"


def fit_chart(content: CareerContent, a: Assessment) -> go.Figure:
    """Grouped bars: each path's fit to the environment beside the participant's preference.

    Paths not yet scored are drawn at 0 with the hover text "not answered yet".
    """
    names = [content.path(p).name for p in PATH_IDS]
    fig = go.Figure()
    for label, scores, color in (
        ("Fit to your environment", a.fit, FIT_COLOR),
        ("Your preference", a.preference, PREF_COLOR),
    ):
        values = [scores[p].score for p in PATH_IDS]
        fig.add_bar(
            name=label,
            x=names,
            y=[v or 0 for v in values],
            marker_color=color,
            text=["–" if v is None else f"{v:.0f}" for v in values],
            textposition="outside",
            hovertemplate="%{x}<br>" + label + ": %{text}<extra></extra>",
        )
    fig.update_layout(
        barmode="group",
        yaxis={"range": [0, 110], "title": "score (0-100)", "fixedrange": True},
        xaxis={"fixedrange": True},
        **frame("Career-path fit: environment vs. preference", height=360, legend_y=-0.15, top=40),
    )
    return fig
