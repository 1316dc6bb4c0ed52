"""Charts of the 70/30 time split: pure builders from reports to ``go.Figure``.

No participant text goes into these figures (only category labels from content, dates and
numbers), so nothing here needs escaping.
"""

from __future__ import annotations

import plotly.graph_objects as go

from playbook.time_split import (
    BalanceReport,
    FocusReport,
    SplitReport,
    TimeSplitContent,
    TransitionPlan,
    WeekProgress,
)
from playbook.time_split.text import community_band

__all__ = [
    "balance_chart",
    "community_chart",
    "focus_chart",
    "plan_chart",
    "split_chart",
    "trend_chart",
    "weekly_chart",
]

DELIVERY_COLOR = "#2e75b6"
OUTWARD_COLOR = "#ed7d31"
TARGET_COLOR = "#444444"
BAND_COLOR = "rgba(112, 173, 71, 0.18)"
LEARNING_COLOR = "#70ad47"
FOCUS_COLOR = "#1f4e79"
FRAGMENTED_COLOR = "#f4b183"
INSIDE_COLOR = "#9dc3e6"
AFTER_HOURS_COLOR = "#c55a11"
WEEKEND_COLOR = "#7030a0"

_LAYOUT = {
    "template": "plotly_white",
    "margin": {"l": 60, "r": 20, "t": 60, "b": 50},
    "legend": {"orientation": "h", "y": -0.18},
    "height": 380,
}


def _week_label(day: object) -> str:
    return f"{day:%d %b}"


def _stacked_weeks(
    x: list[str], bars: list[tuple[str, list[float], str, str | None]], title: str
) -> go.Figure:
    """Hours per week as stacked bars, one ``(name, hours, color, hovertemplate)`` a series."""
    fig = go.Figure()
    for name, hours, color, hover in bars:
        fig.add_trace(go.Bar(x=x, y=hours, name=name, marker_color=color, hovertemplate=hover))
    fig.update_layout(
        **_LAYOUT,
        barmode="stack",
        title=title,
        xaxis={"title": "week starting", "type": "category"},
        yaxis={"title": "hours"},
    )
    return fig


def split_chart(report: SplitReport) -> go.Figure:
    """Your delivery/outward split over the range, against the playbook's 70/30 and its band.

    Examples
    --------
    >>> from datetime import date
    >>> from playbook.imports import Entry
    >>> from playbook.time_split import classify_entries, load_content, split_report
    >>> content = load_content()
    >>> week = [Entry(id="a", source="manual", day=date(2026, 3, 2), hours=30,
    ...               category="delivery"),
    ...         Entry(id="b", source="manual", day=date(2026, 3, 2), hours=10,
    ...               category="community")]
    >>> fig = split_chart(split_report(classify_entries(week, content), content))
    >>> [t.name for t in fig.data], fig.data[0].x
    (['Delivery', 'Visibility & relationships'], (75.0, 70.0))
    """
    share = report.overall.delivery_share
    mine = [None, None] if share is None else [share * 100, (1 - share) * 100]
    target = report.target_delivery * 100
    rows = ["You", "Playbook"]
    fig = go.Figure()
    for name, values, color in (
        ("Delivery", [mine[0], target], DELIVERY_COLOR),
        ("Visibility & relationships", [mine[1], 100 - target], OUTWARD_COLOR),
    ):
        fig.add_trace(
            go.Bar(
                y=rows,
                x=values,
                name=name,
                orientation="h",
                marker_color=color,
                hovertemplate="%{y}: " + name.lower() + " %{x:.0f}%<extra></extra>",
            )
        )
    lo, hi = report.band
    fig.add_vrect(
        x0=lo * 100,
        x1=hi * 100,
        fillcolor=BAND_COLOR,
        line_width=0,
        layer="above",
        annotation_text="on target",
        annotation_position="top",
    )
    title = (
        "No delivery or visibility hours in this range yet"
        if share is None
        else f"Delivery {share:.0%} / visibility & relationships {1 - share:.0%}"
    )
    fig.update_layout(
        **{**_LAYOUT, "height": 260},
        barmode="stack",
        title=title,
        xaxis={"range": [0, 100], "ticksuffix": "%", "title": "share of delivery + outward hours"},
    )
    return fig


def weekly_chart(report: SplitReport, content: TimeSplitContent) -> go.Figure:
    """Hours per week, stacked by category (content colours and labels)."""
    x = [_week_label(w.start) for w in report.weeks]
    return _stacked_weeks(
        x,
        [
            (
                cat.label,
                [round(w.hours.get(cat.id, 0.0), 2) for w in report.weeks],
                cat.color,
                "week of %{x}: %{y:.1f} h " + cat.label + "<extra></extra>",
            )
            for cat in content.categories
        ],
        "Hours per week by category",
    )


def trend_chart(report: SplitReport) -> go.Figure:
    """Delivery share and learning share per week, with the 70% band and the 10% line.

    Weeks without data are gaps in the lines, not zeros.
    """
    x = [_week_label(w.start) for w in report.weeks]

    def pct(v: float | None) -> float | None:
        return None if v is None else round(v * 100, 1)

    fig = go.Figure()
    lo, hi = report.band
    fig.add_hrect(y0=lo * 100, y1=hi * 100, fillcolor=BAND_COLOR, line_width=0, layer="below")
    for share, dash, color, what, position in (
        (report.target_delivery, "dash", TARGET_COLOR, "delivery", "top left"),
        (report.learning_target, "dot", LEARNING_COLOR, "learning", "bottom left"),
    ):
        fig.add_hline(
            y=share * 100,
            line_dash=dash,
            line_color=color,
            annotation_text=f"{share:.0%} {what}",
            annotation_position=position,
        )
    for what, shares, color in (
        ("delivery", [w.delivery_share for w in report.weeks], DELIVERY_COLOR),
        ("learning", [w.learning_share for w in report.weeks], LEARNING_COLOR),
    ):
        fig.add_trace(
            go.Scatter(
                x=x,
                y=[pct(v) for v in shares],
                name=f"{what.capitalize()} share",
                mode="lines+markers",
                line={"color": color},
                hovertemplate="week of %{x}: %{y:.0f}% " + what + "<extra></extra>",
            )
        )
    fig.update_layout(
        **_LAYOUT,
        title="Trend over the weeks imported",
        xaxis={"title": "week starting", "type": "category"},
        yaxis={"range": [0, 100], "ticksuffix": "%"},
    )
    return fig


def community_chart(report: SplitReport, content: TimeSplitContent) -> go.Figure:
    """Community hours per month against the content's monthly band (pro-rated for part
    months); the title reads the band from the content, so a coach's edit shows."""
    x = [
        f"{m.month:%b %Y}" + ("" if m.days_covered == m.days_in_month else " (part)")
        for m in report.months
    ]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=x,
            y=[round(m.hours, 2) for m in report.months],
            name="Community hours",
            marker_color=OUTWARD_COLOR,
            hovertemplate="%{x}: %{y:.1f} h<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[round((m.low + m.high) / 2, 2) for m in report.months],
            name="Playbook's hours",
            mode="markers",
            marker={"symbol": "line-ew-open", "size": 30, "color": TARGET_COLOR},
            error_y={
                "type": "data",
                "symmetric": True,
                "array": [round((m.high - m.low) / 2, 2) for m in report.months],
                "color": TARGET_COLOR,
            },
            hovertemplate="the playbook's hours %{y:.1f} h ± %{error_y.array:.1f}<extra></extra>",
        )
    )
    fig.update_layout(
        **_LAYOUT,
        title=f"Community building per month (the playbook: {community_band(content)} typically)",
        yaxis={"title": "hours", "rangemode": "tozero"},
        xaxis={"type": "category"},
    )
    return fig


def focus_chart(report: FocusReport) -> go.Figure:
    """Focus vs fragmented hours per week."""
    x = [_week_label(w.week_start) for w in report.weeks]
    return _stacked_weeks(
        x,
        [
            (
                f"Focus (blocks of {report.min_block_hours:g} h or more)",
                [round(w.focus_hours, 2) for w in report.weeks],
                FOCUS_COLOR,
                None,
            ),
            (
                "Fragmented",
                [round(w.fragmented_hours, 2) for w in report.weeks],
                FRAGMENTED_COLOR,
                None,
            ),
        ],
        "Focus vs fragmented time",
    )


def plan_chart(plan: TransitionPlan, progress: list[WeekProgress] | None = None) -> go.Figure:
    """The plan's line of technical share with its band, milestones, and logged weeks.

    Examples
    --------
    >>> from datetime import date
    >>> from playbook.time_split import PlanSettings, load_content, transition_plan
    >>> fig = plan_chart(transition_plan(PlanSettings(start_date=date(2026, 1, 1)), load_content()))
    >>> fig.data[0].y[0], fig.data[0].y[-1]
    (70.0, 30.0)
    """
    dates = [plan.start_date, *(m.date for m in plan.milestones)]
    planned = [plan.start_share * 100, *(m.technical_share * 100 for m in plan.milestones)]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=dates,
            y=[round(v, 1) for v in planned],
            # the straight line is the workbook's default, named in the legend (a longer
            # title ran past a phone's edge: test_looks_browser)
            name="Plan (a straight line: the default)",
            mode="lines+markers",
            line={"color": TARGET_COLOR, "dash": "dash"},
            hovertemplate="%{x|%d %b %Y}: plan %{y:.0f}% technical<extra></extra>",
        )
    )
    tol = plan.tolerance * 100
    fig.add_trace(
        go.Scatter(
            x=[*dates, *reversed(dates)],
            y=[*(v + tol for v in planned), *(v - tol for v in reversed(planned))],
            fill="toself",
            fillcolor=BAND_COLOR,
            mode="lines",
            line={"width": 0},
            name="On track",
            hoverinfo="skip",
        )
    )
    logged = [p for p in (progress or []) if p.actual_share is not None]
    if logged:
        fig.add_trace(
            go.Scatter(
                x=[p.week_start for p in logged],
                y=[round(p.actual_share * 100, 1) for p in logged],  # type: ignore[operator]
                name="Your weeks",
                mode="markers",
                marker={"color": DELIVERY_COLOR, "size": 9},
                text=[p.status for p in logged],
                hovertemplate="week of %{x|%d %b}: %{y:.0f}% technical (%{text})<extra></extra>",
            )
        )
    fig.update_layout(
        **_LAYOUT,
        title=(
            f"From {plan.start_share:.0%} to {plan.target_share:.0%} direct technical work "
            f"in {plan.months} months"
        ),
        yaxis={"range": [0, 100], "ticksuffix": "%", "title": "share of working time"},
    )
    return fig


def balance_chart(report: BalanceReport) -> go.Figure:
    """Working hours per week inside the working day, on weekdays outside it and at weekends
    (stacked bars), and the share outside (a line on the right axis); the weeks of a
    worsening trend are named in the legend. Weeks without working hours are gaps.

    Examples
    --------
    >>> from datetime import date, datetime, timezone
    >>> from playbook.imports import make_entry
    >>> from playbook.time_split import balance_report, classify_entries, load_content
    >>> content = load_content()
    >>> at = lambda d, h: datetime(2026, 3, d, h, tzinfo=timezone.utc)
    >>> week = [make_entry("ics", "Show call", at(3, 17), at(3, 22))]
    >>> fig = balance_chart(balance_report(classify_entries(week, content), content))
    >>> [(t.name, t.y) for t in fig.data][:3]
    [('Within the working day', (1.0,)), ('Weekdays, outside it', (4.0,)), ('Weekends', (0.0,))]
    """
    x = [_week_label(w.week_start) for w in report.weeks]
    start, end = report.workday
    fig = go.Figure()
    for name, hours, color in (
        (
            "Within the working day",
            [w.work_hours - w.outside_hours for w in report.weeks],
            INSIDE_COLOR,
        ),
        ("Weekdays, outside it", [w.after_hours for w in report.weeks], AFTER_HOURS_COLOR),
        ("Weekends", [w.weekend_hours for w in report.weeks], WEEKEND_COLOR),
    ):
        fig.add_trace(
            go.Bar(
                x=x,
                y=[round(h, 2) for h in hours],
                name=name,
                marker_color=color,
                hovertemplate="week of %{x}: %{y:.2f} h " + name.lower() + "<extra></extra>",
            )
        )
    shares = [w.outside_share for w in report.weeks]
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[None if v is None else round(v * 100, 1) for v in shares],
            name="Share outside the working day",
            mode="lines+markers",
            yaxis="y2",
            line={"color": TARGET_COLOR},
            hovertemplate="week of %{x}: %{y:.0f}% outside<extra></extra>",
        )
    )
    if report.worsening is not None:
        worse = report.worsening.weeks
        fig.add_trace(
            go.Scatter(
                x=[_week_label(w.week_start) for w in worse],
                y=[round((w.outside_share or 0) * 100, 1) for w in worse],
                name="Worsening",
                mode="markers",
                yaxis="y2",
                marker={"color": AFTER_HOURS_COLOR, "size": 13, "symbol": "circle-open"},
                hoverinfo="skip",
            )
        )
    fig.update_layout(
        **_LAYOUT,
        barmode="stack",
        title=f"Hours outside the {start:%H:%M}-{end:%H:%M} working day (its default)",
        xaxis={"title": "week starting", "type": "category"},
        yaxis={"title": "hours", "rangemode": "tozero"},
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "range": [0, 100],
            "tickmode": "linear",  # whole quarters, not the hours axis' grid carried over
            "tick0": 0,
            "dtick": 25,
            "ticksuffix": "%",
            "showgrid": False,
        },
    )
    fig.update_layout(legend={"traceorder": "normal"})  # left to right as the stack, bottom up
    return fig
