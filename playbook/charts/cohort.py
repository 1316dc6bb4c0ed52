"""Charts of a cohort: one bar chart per aggregate table, its numbers on the bars.

A chart draws only what its table holds: the groups hidden for being too small are not in the
table, so they cannot be in the chart; the chart says how many were hidden, below its title.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from playbook.charts.layout import frame
from playbook.charts.text import plot_text
from playbook.cohort import AlphaRow, Table

COLORS = ("#1f6f8b", "#e29e21", "#6a4c93", "#2a9d8f", "#c0392b", "#8a8a8a")
NOTE_COLOR = "#555"


def _label(value: object) -> str:
    return plot_text(value)


def table_chart(table: Table) -> go.Figure:
    """Bars of a cohort table: workbooks per group (grouped by the second label when the
    table has two), pilots and those with a signal, or the average audit score.

    Examples
    --------
    >>> from playbook.cohort import Table
    >>> t = Table("paths", "Paths", ("Path", "Workbooks"), (("Hybrid", 4),), 1, 3, 1)
    >>> fig = table_chart(t)
    >>> list(fig.data[0].y), fig.layout.annotations[0].text.startswith("1 group")
    ([4], True)
    """
    fig = go.Figure()
    k = table.count_column
    if table.id.startswith("pilot_"):
        x = [_label(r[0]) for r in table.rows]
        fig.add_bar(name="Pilots", x=x, y=[r[2] for r in table.rows], marker_color=COLORS[0])
        fig.add_bar(
            name="Showed a signal",
            x=x,
            y=[r[3] for r in table.rows],
            marker_color=COLORS[1],
            text=[f"{r[4]:.0%}" if isinstance(r[4], float) else "" for r in table.rows],
            textposition="outside",
        )
    elif table.id == "audit_scores":
        fig.add_bar(
            name="Average score",
            x=[_label(r[0]) for r in table.rows],
            y=[r[2] for r in table.rows],
            text=[f"{r[2]:.2f} (n={r[1]})" for r in table.rows],
            textposition="outside",
            marker_color=COLORS[0],
        )
        fig.update_yaxes(range=[0, 5.5], title_text="Average score (1-5)")
    elif k == 1:
        fig.add_bar(
            name=table.header[1],
            x=[_label(r[0]) for r in table.rows],
            y=[r[1] for r in table.rows],
            text=[str(r[1]) for r in table.rows],
            textposition="outside",
            marker_color=COLORS[0],
        )
    else:
        seconds = list(dict.fromkeys(str(r[1]) for r in table.rows))
        for i, second in enumerate(seconds):
            mine = [r for r in table.rows if str(r[1]) == second]
            fig.add_bar(
                name=_label(second),
                x=[_label(r[0]) for r in mine],
                y=[r[k] for r in mine],
                text=[str(r[k]) for r in mine],
                textposition="outside",
                marker_color=COLORS[i % len(COLORS)],
            )
    if table.id != "audit_scores":
        fig.update_yaxes(title_text="Workbooks" if not table.id.startswith("pilot_") else "Pilots")
    fig.update_layout(
        barmode="group",
        **frame(_label(table.title), height=340, legend_y=-0.25, bottom=60, top=70),
    )
    _note(fig, table.hidden_note or ("" if table.rows else "Nothing to show yet."))
    return fig


def alpha_chart(rows: Sequence[AlphaRow]) -> go.Figure:
    """Each scale's Cronbach's alpha (only those shown), with the workbooks it used."""
    shown = [r for r in rows if r.alpha is not None]
    fig = go.Figure()
    fig.add_bar(
        name="Cronbach's alpha",
        x=[_label(r.name or r.style) for r in shown],
        y=[r.alpha for r in shown],
        text=[f"{r.alpha:.2f} (n={r.n_workbooks})" for r in shown],
        textposition="outside",
        marker_color=COLORS[2],
    )
    fig.update_yaxes(range=[0, 1.1], title_text="alpha")
    fig.update_layout(
        **frame("Cronbach's alpha of each leadership scale", height=320, legend_y=-0.25, top=70)
    )
    if not shown:
        _note(fig, rows[0].reason.capitalize() + "." if rows and rows[0].reason else "")
    return fig


def _note(fig: go.Figure, text: str) -> None:
    if text:
        fig.add_annotation(
            text=plot_text(text),
            xref="paper",
            yref="paper",
            x=0,
            y=1.08,
            xanchor="left",
            showarrow=False,
            font={"size": 11, "color": NOTE_COLOR},
        )
