"""Charts of the development plan: the goals' progress and the balance of the three elements."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from playbook.charts.layout import frame
from playbook.charts.text import plot_text
from playbook.plan import Goal, PlanContent

GOAL_COLOR = "#1f6f8b"
DONE_COLOR = "#2a9d8f"
ELEMENT_COLORS = ("#1f6f8b", "#e29e21", "#6a4c93")


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def goals_chart(goals: Sequence[Goal]) -> go.Figure:
    """One horizontal bar per goal: its progress in %, goals done in another colour.

    The goals' texts are the participant's: they reach the figure through :func:`plot_text`.

    >>> fig = goals_chart([Goal(id="goal-1", text="<b>Lead</b> a retro", progress=40)])
    >>> fig.data[0].y[0], fig.data[0].x[0]
    ('1. &lt;b&gt;Lead&lt;/b&gt; a retro', 40)
    """
    labels = [plot_text(f"{n}. {_short(g.text)}") for n, g in enumerate(goals, 1)]
    fig = go.Figure(
        go.Bar(
            x=[g.progress for g in goals],
            y=labels,
            orientation="h",
            marker_color=[DONE_COLOR if g.progress >= 100 else GOAL_COLOR for g in goals],
            text=[f"{g.progress}%" for g in goals],
            textposition="outside",
            cliponaxis=False,
            hoverinfo="x+y",
            name="Progress",
        )
    )
    fig.update_layout(
        **frame("Goals: progress", height=max(180, 60 + 36 * len(goals)), legend_y=-0.2, left=10)
    )
    fig.update_xaxes(range=[0, 112], tickvals=[0, 20, 40, 60, 80, 100], ticksuffix="%")
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig


def elements_chart(ratings: dict[str, int], content: PlanContent) -> go.Figure:
    """The three elements' ratings (1-5) side by side; an element not rated yet is left
    empty and named so.

    >>> from playbook.plan import load_content
    >>> fig = elements_chart({"technical_precision": 4}, load_content())
    >>> list(fig.data[0].x), list(fig.data[0].y)
    (['Technical precision', 'Emotional intelligence', 'Strategic foresight'], [4, None, None])
    """
    items = content.elements.items
    fig = go.Figure(
        go.Bar(
            x=[e.name for e in items],
            y=[ratings.get(e.id) for e in items],
            marker_color=list(ELEMENT_COLORS[: len(items)]),
            text=[str(ratings[e.id]) if e.id in ratings else "not rated" for e in items],
            textposition="outside",
            name="Your rating",
        )
    )
    fig.update_layout(**frame("The three elements", height=300, legend_y=-0.25))
    fig.update_yaxes(range=[0, 5.6], dtick=1, title_text="rating (1-5)")
    return fig
