"""Charts of the pilot experiments: run chart, XmR chart, change intervals, adoption."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import plotly.graph_objects as go

from playbook.charts.text import plot_text
from playbook.pilots import AdoptionEntry, MetricEvidence, adoption_shares

BASELINE_COLOR = "#1f6f8b"
PILOT_COLOR = "#e29e21"
BEFORE_COLOR = "#b0b0b0"
SIGNAL_COLOR = "#c0392b"
LINE_COLOR = "#8a8a8a"
CENTRE_COLOR = "#444444"

_LAYOUT = {
    "template": "plotly_white",
    "height": 360,
    "margin": {"l": 60, "r": 20, "t": 60, "b": 50},
    "legend": {"orientation": "h", "y": -0.18},
}


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _axis_title(evidence: MetricEvidence) -> str:
    m = evidence.metric
    name = plot_text(m.name)
    return f"{name} ({plot_text(m.unit)})" if m.unit else name


def _mark_change(fig: go.Figure, change: dt.date) -> None:
    # A shape plus an annotation rather than add_vline: add_vline's annotation does arithmetic
    # on the x value, which fails for dates on some plotly versions.
    fig.add_shape(
        type="line",
        x0=_iso(change),
        x1=_iso(change),
        xref="x",
        yref="paper",
        y0=0,
        y1=1,
        line={"color": PILOT_COLOR, "width": 2, "dash": "dot"},
    )
    fig.add_annotation(
        x=_iso(change),
        y=1,
        xref="x",
        yref="paper",
        yanchor="bottom",
        text="change started",
        showarrow=False,
        font={"color": PILOT_COLOR, "size": 11},
    )


def _phase_markers(fig: go.Figure, evidence: MetricEvidence) -> None:
    x = [_iso(d) for d in evidence.dates]
    fig.add_scatter(
        x=x,
        y=list(evidence.values),
        mode="lines",
        line={"color": LINE_COLOR, "width": 1.5},
        hoverinfo="skip",
        showlegend=False,
    )
    for phase, name, color, symbol in (
        ("before", "Before the baseline (not analysed)", BEFORE_COLOR, "circle-open"),
        ("baseline", "Baseline", BASELINE_COLOR, "circle"),
        ("pilot", "Since the change", PILOT_COLOR, "diamond"),
    ):
        idx = [i for i, p in enumerate(evidence.phases) if p == phase]
        if not idx:
            continue
        fig.add_scatter(
            x=[x[i] for i in idx],
            y=[evidence.values[i] for i in idx],
            mode="markers",
            name=name,
            marker={"color": color, "size": 9, "symbol": symbol},
            hovertemplate="%{x}: %{y}<extra>" + name + "</extra>",
        )


def _signal_markers(
    fig: go.Figure, evidence: MetricEvidence, idx: Sequence[int], name: str
) -> None:
    if not idx:
        return
    fig.add_scatter(
        x=[_iso(evidence.dates[i]) for i in idx],
        y=[evidence.values[i] for i in idx],
        mode="markers",
        name=name,
        # An open symbol is drawn in the marker's colour, so the ring is SIGNAL_COLOR.
        marker={
            "color": SIGNAL_COLOR,
            "size": 18,
            "symbol": "circle-open",
            "line": {"width": 2.5},
        },
        hovertemplate="%{x}: %{y}<extra>" + name + "</extra>",
    )


def _hline(
    fig: go.Figure, evidence: MetricEvidence, y: float, name: str, color: str, dash: str
) -> None:
    x = [_iso(evidence.dates[0]), _iso(evidence.dates[-1])]
    fig.add_scatter(
        x=x,
        y=[y, y],
        mode="lines",
        name=name,
        line={"color": color, "width": 1.5, "dash": dash},
        hovertemplate=f"{name}: {y:.4g}<extra></extra>",
    )


def run_chart(evidence: MetricEvidence) -> go.Figure:
    """Run chart: the values over time, the baseline median as centre line, the change marked.

    Points in a run longer than the Anhøj limit are circled in red. The centre line is dashed
    when the runs analysis signals non-random variation (as qicharts2 draws it).
    """
    fig = go.Figure()
    _phase_markers(fig, evidence)
    if evidence.baseline_median is not None:
        signal = evidence.runs is not None and evidence.runs.signal
        _hline(
            fig,
            evidence,
            evidence.baseline_median,
            "Baseline median",
            SIGNAL_COLOR if signal else CENTRE_COLOR,
            "dash" if signal else "solid",
        )
    if evidence.runs is not None and evidence.runs.shifts:
        _signal_markers(
            fig,
            evidence,
            evidence.runs.signal_indices,
            f"Signal: run longer than {evidence.runs.longest_run_max}",
        )
    _mark_change(fig, evidence.change_date)
    m = evidence.metric
    fig.update_layout(
        title={
            "text": f"{plot_text(m.name)}: run chart ({m.better} is better)",
            "font": {"size": 15},
        },
        yaxis={"title": _axis_title(evidence)},
        **_LAYOUT,
    )
    return fig


def xmr_chart(evidence: MetricEvidence) -> go.Figure:
    """Individuals chart: the values with the baseline's mean and natural process limits.

    The limits come from the baseline only (mean +/- 2.66 x mean moving range); points beyond
    them are circled in red.
    """
    fig = go.Figure()
    _phase_markers(fig, evidence)
    xmr = evidence.xmr
    if xmr is not None:
        _hline(fig, evidence, xmr.centre, "Baseline mean", CENTRE_COLOR, "solid")
        _hline(fig, evidence, xmr.upper, "Upper limit (baseline)", SIGNAL_COLOR, "dash")
        _hline(fig, evidence, xmr.lower, "Lower limit (baseline)", SIGNAL_COLOR, "dash")
        _signal_markers(fig, evidence, evidence.beyond, "Beyond the limits")
    _mark_change(fig, evidence.change_date)
    m = evidence.metric
    fig.update_layout(
        title={"text": f"{plot_text(m.name)}: individuals (XmR) chart", "font": {"size": 15}},
        yaxis={"title": _axis_title(evidence)},
        **_LAYOUT,
    )
    return fig


def change_chart(evidence: MetricEvidence) -> go.Figure:
    """The change in median and mean (pilot minus baseline) with their bootstrap intervals.

    A zero line shows "no change"; the side of zero that is better is labelled.
    """
    fig = go.Figure()
    rows = [c for c in (evidence.median_change, evidence.mean_change) if c is not None]
    pct = round(100 * evidence.thresholds.confidence_level)
    for c in rows:
        fig.add_scatter(
            x=[c.difference],
            y=[f"change in {c.statistic}"],
            mode="markers",
            name=f"{c.statistic}",
            showlegend=False,
            marker={"color": PILOT_COLOR, "size": 12, "symbol": "diamond"},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [c.high - c.difference],
                "arrayminus": [c.difference - c.low],
                "color": BASELINE_COLOR,
                "thickness": 2,
                "width": 8,
            },
            hovertemplate=(
                f"{c.statistic}: %{{x:.3g}} ({pct}% interval {c.low:.3g} to {c.high:.3g})"
                "<extra></extra>"
            ),
        )
    fig.add_vline(x=0, line={"color": CENTRE_COLOR, "width": 1})
    m = evidence.metric
    arrow = "better →" if m.better == "higher" else "← better"
    fig.add_annotation(
        x=1 if m.better == "higher" else 0,
        xanchor="right" if m.better == "higher" else "left",
        y=1.02,
        xref="paper",
        yref="paper",
        yanchor="bottom",
        text=arrow,
        showarrow=False,
        font={"color": BASELINE_COLOR},
    )
    layout = dict(_LAYOUT)
    layout["height"] = 220
    fig.update_layout(
        title={
            "text": f"{plot_text(m.name)}: change since the pilot began, {pct}% interval",
            "font": {"size": 15},
        },
        xaxis={
            "title": f"pilot minus baseline ({plot_text(m.unit)})"
            if m.unit
            else "pilot minus baseline",
            "zeroline": True,
        },
        yaxis={"fixedrange": True},
        **layout,
    )
    return fig


def adoption_chart(
    entries: Sequence[AdoptionEntry], title: str = "Adoption of the practice"
) -> go.Figure:
    """Share of teams using the practice over time (0 to 100%), labelled "n of N"."""
    fig = go.Figure()
    shares = adoption_shares(entries)
    ordered = sorted(entries, key=lambda a: a.date)
    fig.add_scatter(
        x=[_iso(d) for d, _ in shares],
        y=[100 * s for _, s in shares],
        mode="lines+markers+text",
        text=[f"{a.teams_using} of {a.teams_total}" for a in ordered],
        textposition="top center",
        name="Teams using the practice",
        line={"color": BASELINE_COLOR, "width": 2},
        marker={"size": 9},
        hovertemplate="%{x}: %{y:.0f}% (%{text} teams)<extra></extra>",
    )
    fig.update_layout(
        title={"text": title, "font": {"size": 15}},
        yaxis={"title": "teams using it (%)", "range": [0, 110], "fixedrange": True},
        showlegend=False,
        **_LAYOUT,
    )
    return fig
