"""Charts of the leadership-style self-assessment."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from playbook.charts.layout import frame
from playbook.charts.text import plot_text
from playbook.leadership import STYLES, Comparison, Instrument, ScaleScore

SELF_COLOR = "#1f6f8b"
#: The participant's earlier snapshot (issue 20): the same colour, dashed, not filled.
EARLIER_COLOR = "#6f8f9b"
RATER_COLORS = {"mentor": "#e29e21", "peer": "#7a4ea3"}
RATER_LABELS = {"mentor": "Your mentor's view", "peer": "Your peers' view (average)"}

# The look of plotly's "plotly_white" template, set directly over the default template: naming
# "plotly_white" rebuilds it for every figure (about 90 ms per radar, measured, against 17 ms
# now), and the radar is redrawn after most answers.
GRID = "#ebf0f8"
LOOK = {
    "paper_bgcolor": "white",
    "plot_bgcolor": "white",
    "font": {"color": "#2a3f5f"},
}


def _value(score: ScaleScore | float | None) -> float | None:
    return score.score if isinstance(score, ScaleScore) else score


def radar_chart(
    instrument: Instrument,
    self_scores: Mapping[Any, ScaleScore | float | None],
    others: Mapping[Any, Mapping[Any, float | None]] | None = None,
    earlier: tuple[str, Mapping[Any, float | None]] | None = None,
) -> go.Figure:
    """A radar of the three style scores (0-100): the participant's own, and other views.

    Parameters
    ----------
    instrument
        Supplies the style names.
    self_scores
        Style id -> :class:`~playbook.leadership.ScaleScore` (or a plain number / ``None``).
    others
        Optional rater kind (``"mentor"``, ``"peer"``) -> style id -> score or ``None``: for
        example ``comparison.groups["mentor"].scores``. A style without a score ("not enough
        answers", or too few raters) is left off the outline and named in the hover text.
    earlier
        Optional (label, style id -> score or ``None``): the participant's scores of an
        earlier snapshot, drawn dashed and unfilled under the label (shown as typed, through
        :func:`~playbook.charts.text.plot_text`), e.g. "You, 5 Jan 2026".

    Examples
    --------
    >>> from playbook.leadership import load_content
    >>> fig = radar_chart(load_content(), {"facilitator": 70.0, "architect": 40.0,
    ...                                       "integrator": None}, {"mentor": {
    ...     "facilitator": 50.0, "architect": 60.0, "integrator": 55.0}})
    >>> [t.name for t in fig.data]
    ['You', "Your mentor's view"]
    >>> fig.data[0].r
    (70.0, 40.0, None, 70.0)
    >>> fig = radar_chart(load_content(), {"facilitator": 70.0}, earlier=("You, 5 Jan 2026",
    ...                   {"facilitator": 50.0, "architect": 60.0, "integrator": None}))
    >>> [(t.name, t.line.dash, t.fill) for t in fig.data]
    [('You', None, 'toself'), ('You, 5 Jan 2026', 'dash', 'none')]
    """
    names = [instrument.style(s).name for s in STYLES]
    traces = []
    series: list[tuple[str, str, list[float | None]]] = [
        ("You", SELF_COLOR, [_value(self_scores.get(s)) for s in STYLES])
    ]
    for kind, scores in (others or {}).items():
        label = RATER_LABELS.get(kind, kind)
        color = RATER_COLORS.get(kind, "#555555")
        series.append((label, color, [scores.get(s) for s in STYLES]))
    for label, color, values in series:
        text = ["not enough answers" if v is None else f"{v:.0f}" for v in values]
        traces.append(
            go.Scatterpolar(
                # Repeat the first point to close the outline.
                r=[*values, values[0]],
                theta=[*names, names[0]],
                name=label,
                mode="lines+markers",
                line={"color": color, "width": 2},
                fill="toself",
                opacity=0.75,
                text=[*text, text[0]],
                hovertemplate="%{theta}<br>" + label + ": %{text}<extra></extra>",
            )
        )
    if earlier is not None:
        label, scores = earlier
        values = [scores.get(s) for s in STYLES]
        text = ["not enough answers" if v is None else f"{v:.0f}" for v in values]
        traces.append(
            go.Scatterpolar(
                r=[*values, values[0]],
                theta=[*names, names[0]],
                name=plot_text(label),
                mode="lines+markers",
                line={"color": EARLIER_COLOR, "width": 2, "dash": "dash"},
                marker={"symbol": "circle-open"},
                fill="none",
                text=[*text, text[0]],
                # the label through fullData.name: never a text inside a template
                hovertemplate="%{theta}<br>%{fullData.name}: %{text}<extra></extra>",
            )
        )
    # Layout given to the constructor: update_layout costs about three times as much.
    layout = dict(
        polar={
            "bgcolor": "white",
            "radialaxis": {
                "range": [0, 100],
                "tickvals": [25, 50, 75, 100],
                "angle": 90,
                "gridcolor": GRID,
                "linecolor": GRID,
            },
            "angularaxis": {
                "direction": "clockwise",
                "rotation": 90,
                "gridcolor": GRID,
                "linecolor": GRID,
            },
        },
        showlegend=True,
        **frame(
            "Leadership styles (0-100)", height=400, legend_y=-0.1, left=40, right=40, look=LOOK
        ),
    )
    return go.Figure(data=traces, layout=layout)


def gap_chart(instrument: Instrument, comparison: Comparison) -> go.Figure:
    """Horizontal bars of ``other - self`` per style and rater kind, with the threshold lines.

    Bars beyond a dashed line are flagged: to the right a hidden strength (others see more of
    the style than you do), to the left a blind spot. Gaps that cannot be computed are left
    out.

    Examples
    --------
    >>> from playbook.leadership import load_content, Comparison
    >>> fig = gap_chart(load_content(), Comparison(threshold=33.3))
    >>> len(fig.data), len(fig.layout.shapes)
    (0, 2)
    """
    names = [instrument.style(s).name for s in STYLES]
    fig = go.Figure()
    for kind, by_style in comparison.gaps.items():
        gaps = [by_style[s].gap for s in STYLES]
        flags = [by_style[s].flag for s in STYLES]
        fig.add_bar(
            name=RATER_LABELS.get(kind, kind),
            y=names,
            x=gaps,
            orientation="h",
            marker_color=RATER_COLORS.get(kind, "#555555"),
            text=[
                "–" if g is None else f"{g:+.0f}" + (f" ({f.replace('_', ' ')})" if f else "")
                for g, f in zip(gaps, flags, strict=True)
            ],
            textposition="auto",
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    for x in (-comparison.threshold, comparison.threshold):
        fig.add_vline(x=x, line_dash="dash", line_color="#888888")
    fig.update_layout(
        barmode="group",
        xaxis={
            "range": [-100, 100],
            "title": "their score minus yours",
            "fixedrange": True,
            "gridcolor": GRID,
            "zerolinecolor": GRID,
        },
        yaxis={"fixedrange": True},
        **frame(
            "Where your views differ",
            height=300,
            legend_y=-0.25,
            left=90,
            top=40,
            bottom=60,
            look=LOOK,
        ),
    )
    return fig
