"""Tests of playbook.charts.text: participant text in a chart is shown as typed."""

from __future__ import annotations

import datetime as dt

import pytest

import playbook.pilots as pl
from playbook.charts import pilots as charts
from playbook.charts.text import plot_text

LINK = '<a href="https://example.org">x</a>'


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        (LINK, '&lt;a href="https://example.org"&gt;x&lt;/a&gt;'),
        ("a<br>b", "a&lt;br&gt;b"),
        ("R&D", "R&amp;D"),
        ("&lt;", "&amp;lt;"),  # an entity typed is shown as typed, not decoded
        ("$x^2$ 50%", "$x^2$ 50%"),
    ],
)
def test_plot_text_writes_plotly_markup_as_entities(typed, shown):
    """Does every character plotly.js reads as markup come out as an entity, and nothing else
    change?"""
    assert plot_text(typed) == shown


def test_a_metric_named_as_a_link_is_escaped_in_every_chart_text():
    """Are a metric's name and unit typed as HTML escaped in the run, XmR and change charts'
    titles and axis titles?"""
    metric = pl.Metric(id="own", name=LINK, unit="<b>d</b>", better="lower")
    pilot = pl.Pilot(
        id="p",
        practice="x",
        metrics=[metric],
        change_date=dt.date(2026, 3, 16),
        measurements=[
            pl.Measurement(metric="own", date=dt.date(2026, 1, 5) + dt.timedelta(weeks=i), value=v)
            for i, v in enumerate([5, 6, 5, 7, 6, 5, 6, 7, 5, 6, 3, 2, 3, 4, 3, 2, 3, 2, 3, 2])
        ],
    )
    evidence = pl.evaluate_metric(pilot, "own", pl.load_content().thresholds)
    name = plot_text(LINK)
    for fig in (charts.run_chart(evidence), charts.xmr_chart(evidence)):
        assert fig.layout.title.text.startswith(f"{name}: ")
        assert fig.layout.yaxis.title.text == f"{name} (&lt;b&gt;d&lt;/b&gt;)"
    change = charts.change_chart(evidence)
    assert change.layout.title.text.startswith(f"{name}: ")
    assert change.layout.xaxis.title.text == "pilot minus baseline (&lt;b&gt;d&lt;/b&gt;)"
    for fig in (charts.run_chart(evidence), charts.xmr_chart(evidence), change):
        assert "<a" not in fig.to_json() and "<b>" not in fig.to_json()
