"""Charts of the quarterly audit: scores per area and their trend across quarters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from playbook.audit import AuditContent, ColleagueAggregate, TrendPoint
from playbook.charts.layout import frame

SELF_COLOR = "#1f6f8b"
COLLEAGUE_COLOR = "#e29e21"
THRESHOLD_COLOR = "#c0392b"
AREA_COLORS = ("#1f6f8b", "#e29e21", "#6a4c93", "#2a9d8f", "#8a8a8a")
AREA_SYMBOLS = ("circle", "diamond", "square", "triangle-up", "x")


def _threshold(fig: go.Figure, content: AuditContent) -> None:
    """The pitfall threshold as a dashed line, named in the legend (not over the bars)."""
    threshold = content.thresholds.pitfall_below
    line = {"color": THRESHOLD_COLOR, "dash": "dash", "width": 1.5}
    fig.add_hline(y=threshold, line=line)
    fig.add_scatter(
        x=[None],
        y=[None],
        mode="lines",
        line=line,
        name=f"below {threshold:.1f}: a pitfall to look at",
        hoverinfo="skip",
    )


def scores_chart(
    scores: Mapping[str, float | None],
    content: AuditContent,
    colleagues: ColleagueAggregate | None = None,
) -> go.Figure:
    """Bars per area: the manager's score and, when shown, colleagues' average.

    The pitfall threshold is drawn as a dashed line. Areas not fully answered are drawn at the
    bottom of the scale with the text "not answered yet".
    """
    names = [a.name for a in content.areas]
    lo, hi = content.scale.min, content.scale.max
    fig = go.Figure()
    series = [("You", {k: v for k, v in scores.items()}, SELF_COLOR)]
    if colleagues is not None and colleagues.shown:
        series.append(
            (
                f"Colleagues (average of {colleagues.n_responses})",
                colleagues.area_means,
                COLLEAGUE_COLOR,
            )
        )
    for label, values, color in series:
        ys = [values.get(a.id) for a in content.areas]
        fig.add_bar(
            name=label,
            x=names,
            y=[lo if v is None else v for v in ys],
            base=None,
            marker_color=color,
            text=["not answered yet" if v is None else f"{v:.1f}" for v in ys],
            textposition="outside",
            hovertemplate="%{x}<br>" + label + ": %{text}<extra></extra>",
        )
    _threshold(fig, content)
    fig.update_layout(
        barmode="group",
        yaxis={
            "range": [lo - 0.05, hi + 0.6],
            "title": f"score ({lo} to {hi})",
            "fixedrange": True,
        },
        xaxis={"fixedrange": True},
        **frame("Audit scores by area", height=360, legend_y=-0.15),
    )
    return fig


def trend_chart(trend: Sequence[TrendPoint], content: AuditContent) -> go.Figure:
    """Each area's score across quarters, one line per area."""
    quarters = sorted({p.quarter for p in trend})
    fig = go.Figure()
    for i, area in enumerate(content.areas):
        points = [p for p in trend if p.area == area.id]
        if not points:
            continue
        fig.add_scatter(
            x=[p.quarter for p in points],
            y=[p.score for p in points],
            mode="lines+markers",
            name=area.name,
            line={"color": AREA_COLORS[i % len(AREA_COLORS)], "width": 2},
            marker={"size": 9, "symbol": AREA_SYMBOLS[i % len(AREA_SYMBOLS)]},
            hovertemplate="%{x}: %{y:.1f}<extra>" + area.name + "</extra>",
        )
    lo, hi = content.scale.min, content.scale.max
    _threshold(fig, content)
    fig.update_layout(
        xaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": quarters,
            "title": "quarter",
        },
        yaxis={"range": [lo - 0.2, hi + 0.2], "title": f"score ({lo} to {hi})", "fixedrange": True},
        **frame("Audit scores across quarters", height=340, legend_y=-0.2),
    )
    return fig
