"""The study step of a pilot: each metric's evidence (run chart, XmR chart, the change with
its interval) and its verdict.

The statistics are :mod:`playbook.stats`' (plain numbers in, plain results out); this module
applies them to a pilot's phases:

* a run chart against the **baseline median**, read with the Anhøj rules as the R package
  qicharts2 applies them (:mod:`playbook.stats.runchart`), baseline and pilot together
  (qicharts2's "freeze");
* an individuals (XmR) chart with limits computed from the **baseline only**
  (:mod:`playbook.stats.xmr`);
* the change in median and mean, pilot minus baseline, with a bootstrap 95% interval
  (:mod:`playbook.stats.bootstrap`);
* the verdict, which honours the metric's better direction and is "not enough data yet" below
  the documented minimum number of points (:func:`evaluate_metric`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal, Unpack

import numpy as np

from playbook.errors import InputError
from playbook.pilots.content import Better, PilotThresholds, Verdict
from playbook.pilots.section import Measurement, Metric, Pilot
from playbook.stats.bootstrap import Resampling, Statistic, difference_interval
from playbook.stats.runchart import Run, RunsResult, Side, runs_analysis
from playbook.stats.xmr import XmrLimits, points_beyond, xmr_limits

__all__ = [
    "BOOTSTRAP_SEED",
    "Change",
    "ChangeDateError",
    "MetricEvidence",
    "Phase",
    "bootstrap_change",
    "chart_sides",
    "evaluate_metric",
    "evaluate_pilot",
    "good_side",
    "head_start",
    "pilot_beyond",
    "pilot_shifts",
    "runs_across_change",
    "split_phases",
]

Phase = Literal["before", "baseline", "pilot"]

#: Fixed seed so that the same measurements always give the same interval.
BOOTSTRAP_SEED = 20240521


class ChangeDateError(InputError):
    """Raised when the change date leaves no baseline or no pilot phase in the data.

    ``pending`` is True when the pilot is merely not far enough along (no change date yet, no
    measurements yet, or none since the change): a normal state while a pilot runs, which a
    page may show as a note rather than as an error.
    """

    def __init__(self, message: str, *, pending: bool = False) -> None:
        super().__init__(message)
        self.pending = pending


# --------------------------------------------------------------------------------------------
# The change from baseline to pilot
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """The change of a statistic from baseline to pilot, pilot minus baseline, with its interval."""

    statistic: Statistic
    baseline: float
    pilot: float
    difference: float
    low: float
    high: float
    confidence_level: float

    def side(self, better: Better) -> Literal["better", "worse"] | None:
        """Where the whole interval lies: on the better side of zero, the worse side, or neither."""
        if self.low > 0:
            up: Literal["better", "worse"] | None = "better" if better == "higher" else "worse"
            return up
        if self.high < 0:
            return "better" if better == "lower" else "worse"
        return None


def bootstrap_change(
    baseline: Sequence[float],
    pilot: Sequence[float],
    statistic: Statistic = "median",
    **options: Unpack[Resampling],
) -> Change:
    """Pilot minus baseline for the median or mean, with a bootstrap interval.

    The interval is :func:`playbook.stats.bootstrap.difference_interval`'s (the two phases
    resampled independently by :func:`scipy.stats.bootstrap`, the percentile method), and
    ``options`` are its resampling options, but for the seed: :data:`BOOTSTRAP_SEED` unless
    one is given, so the same data always give the same interval. Units are the metric's own.

    Examples
    --------
    >>> c = bootstrap_change([5, 6, 5, 7, 6, 5], [3, 2, 3, 4, 3, 2])
    >>> c.baseline, c.pilot, c.difference
    (5.5, 3.0, -2.5)
    >>> c.low <= c.difference <= c.high
    True
    """
    options.setdefault("seed", BOOTSTRAP_SEED)
    d = difference_interval(baseline, pilot, statistic, **options)
    return Change(
        statistic=d.statistic,
        baseline=d.x,
        pilot=d.y,
        difference=d.difference,
        low=d.low,
        high=d.high,
        confidence_level=d.confidence_level,
    )


# --------------------------------------------------------------------------------------------
# Evidence for one metric
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MetricEvidence:
    """Everything the study step shows for one metric of one pilot."""

    metric: Metric
    change_date: dt.date
    dates: tuple[dt.date, ...]
    values: tuple[float, ...]
    phases: tuple[Phase, ...]
    thresholds: PilotThresholds
    baseline_median: float | None
    runs: RunsResult | None
    xmr: XmrLimits | None
    beyond: tuple[int, ...]
    median_change: Change | None
    mean_change: Change | None
    verdict: Verdict

    @property
    def n_baseline(self) -> int:
        """Number of baseline points."""
        return self.phases.count("baseline")

    @property
    def n_pilot(self) -> int:
        """Number of points since the change."""
        return self.phases.count("pilot")

    @property
    def first_pilot_index(self) -> int:
        """Index of the first point of the pilot phase."""
        return self.phases.index("pilot")

    @property
    def enough_data(self) -> bool:
        """False while the evidence is below the documented minimum number of points."""
        return self.verdict != "not_enough_data"


def split_phases(pilot: Pilot, metric_id: str) -> tuple[list[Measurement], list[Phase]]:
    """The metric's measurements, oldest first, and the phase of each.

    Raises
    ------
    ChangeDateError
        When the change date is not set, or leaves no baseline or no pilot measurement.
    """
    series = pilot.series(metric_id)
    if pilot.change_date is None:
        raise ChangeDateError(
            "Set the date the change started, so baseline and pilot can be told apart.",
            pending=True,
        )
    if not series:
        raise ChangeDateError(
            f"There are no measurements of {pilot.metric(metric_id).name} yet.", pending=True
        )
    change = pilot.change_date
    start = pilot.baseline_start
    if start is not None and start >= change:
        raise ChangeDateError(
            f"The baseline starts on {start.isoformat()}, which is not before the change date "
            f"({change.isoformat()}). The baseline is the period before the change."
        )
    phases: list[Phase] = []
    for m in series:
        if start is not None and m.date < start:
            phases.append("before")
        elif m.date < change:
            phases.append("baseline")
        else:
            phases.append("pilot")
    used = [m.date for m, ph in zip(series, phases, strict=True) if ph != "before"]
    if "baseline" not in phases:
        first = used[0] if used else series[-1].date
        raise ChangeDateError(
            f"The change date ({change.isoformat()}) leaves no baseline: the first measurement "
            f"is on {first.isoformat()}. Set the change date after some baseline measurements, "
            "or add measurements from before the change."
        )
    last = series[-1].date
    if "pilot" not in phases:
        raise ChangeDateError(
            f"The change date ({change.isoformat()}) is after the last measurement "
            f"({last.isoformat()}), so there is no pilot phase to compare yet. Add measurements "
            "taken since the change, or correct the date.",
            pending=True,
        )
    return series, phases


def evaluate_metric(
    pilot: Pilot,
    metric_id: str,
    thresholds: PilotThresholds,
    *,
    mean_change: bool = True,
    verdict_only: bool = False,
) -> MetricEvidence:
    """The evidence for one metric: run chart, XmR chart, change intervals and a verdict.

    ``mean_change=False`` leaves out the interval of the change in mean (shown on the page, but
    no part of the verdict). ``verdict_only=True`` also leaves it out, and computes the interval
    of the change in median only when the charts show a signal on one side (otherwise the
    verdict is "unclear" whatever the interval): the same verdict for a fraction of the work,
    for readers of many workbooks.

    Points before ``baseline_start`` are shown but left out of the analysis. The runs analysis
    covers baseline and pilot together against the baseline median (qicharts2's "freeze").

    The verdict is ``not_enough_data`` below ``thresholds`` (fewer baseline or pilot points, or
    fewer useful points for the runs analysis, than the documented minimums). Otherwise it is
    ``better`` (or ``worse``) only when two kinds of evidence agree: the interval of the change
    in median lies wholly on the better (worse) side of zero, *and* a chart shows a signal on
    that side after the change (a run longer than the Anhøj limit that starts on or after the
    change, or a pilot point beyond the baseline's XmR limits); with no contrary signal. A long
    run that began before the change and goes on after it makes the verdict ``unclear``: it is
    not evidence that the change caused it. Anything else is ``unclear``.

    Raises
    ------
    ChangeDateError
        See :func:`split_phases`.
    """
    metric = pilot.metric(metric_id)
    series, phases = split_phases(pilot, metric_id)
    values = [m.value for m in series]
    base = [v for v, ph in zip(values, phases, strict=True) if ph == "baseline"]
    after = [v for v, ph in zip(values, phases, strict=True) if ph == "pilot"]
    median = float(np.median(base))
    analysed = [v if ph != "before" else math.nan for v, ph in zip(values, phases, strict=True)]
    runs = runs_analysis(analysed, median)
    xmr = xmr_limits(base) if len(base) >= 2 else None
    beyond = points_beyond(analysed, xmr) if xmr else ()

    t = thresholds
    enough = (
        len(base) >= t.min_baseline_points
        and len(after) >= t.min_pilot_points
        and runs.n_useful >= t.min_useful_points
    )
    median_change = mean = None
    n, level = t.bootstrap_resamples, t.confidence_level
    two_each = len(base) >= 2 and len(after) >= 2
    if two_each and not verdict_only:
        median_change = bootstrap_change(
            base, after, "median", n_resamples=n, confidence_level=level
        )
        if mean_change:
            mean = bootstrap_change(base, after, "mean", n_resamples=n, confidence_level=level)
    evidence = MetricEvidence(
        metric=metric,
        change_date=pilot.change_date,  # type: ignore[arg-type]
        dates=tuple(m.date for m in series),
        values=tuple(values),
        phases=tuple(phases),
        thresholds=t,
        baseline_median=median,
        runs=runs,
        xmr=xmr,
        beyond=beyond,
        median_change=median_change,
        mean_change=mean,
        verdict="not_enough_data",
    )
    if not enough or not two_each:
        return evidence
    better_side, worse_side = chart_sides(evidence)
    if verdict_only:
        if better_side == worse_side:  # no one-sided signal: unclear, whatever the interval
            return replace(evidence, verdict="unclear")
        median_change = bootstrap_change(
            base, after, "median", n_resamples=n, confidence_level=level
        )
        evidence = replace(evidence, median_change=median_change)
    assert median_change is not None
    interval = median_change.side(metric.better)
    verdict: Verdict = "unclear"
    if interval == "better" and better_side and not worse_side:
        verdict = "better"
    elif interval == "worse" and worse_side and not better_side:
        verdict = "worse"
    return replace(evidence, verdict=verdict)


# --------------------------------------------------------------------------------------------
# What the charts show after the change
# --------------------------------------------------------------------------------------------


def good_side(better: Better) -> Side:
    """The side of the centre line a metric's improvement lies on.

    >>> good_side("higher"), good_side("lower")
    ('above', 'below')
    """
    return "above" if better == "higher" else "below"


def head_start(evidence: MetricEvidence, run: Run) -> int:
    """How many of the run's points come before the change."""
    return sum(1 for i in run.indices if i < evidence.first_pilot_index)


def pilot_shifts(evidence: MetricEvidence) -> list[Run]:
    """The long runs that count for the change: those that start on or after it, and those
    with a head start of at most ``run_head_start_max`` points whose points since the change
    are, alone, longer than the limit (one point on a side is as likely as not by chance)."""
    runs = evidence.runs
    if runs is None or runs.longest_run_max is None:
        return []
    first, most = evidence.first_pilot_index, evidence.thresholds.run_head_start_max
    return [
        r
        for r in runs.shifts
        if r.start >= first
        or (
            head_start(evidence, r) <= most
            and r.length - head_start(evidence, r) > runs.longest_run_max
        )
    ]


def runs_across_change(evidence: MetricEvidence) -> list[Run]:
    """The long runs that began before the change, go on after it, and do not count for it.

    Such a run is not evidence that the change caused it: the process was already on that side
    of the baseline median before the change (a trend, a drift, a change date set late). A run
    whose head start is at most the content's ``run_head_start_max`` points (by default one:
    a point on either side is as likely as not) counts for the change only through its points
    since the change (:func:`pilot_shifts`); any other such run is listed here.

    Examples
    --------
    >>> from playbook.pilots.content import load_content
    >>> m = Metric(id="x", name="X", better="higher")
    >>> day = dt.date(2026, 1, 5)
    >>> values = [5, 4, 5, 4, 5, 4, 5, 4, 5, 4, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7]
    >>> p = Pilot(id="p", metrics=[m], change_date=day + dt.timedelta(weeks=13),
    ...           measurements=[Measurement(metric="x", date=day + dt.timedelta(weeks=i), value=v)
    ...                         for i, v in enumerate(values)])
    >>> e = evaluate_metric(p, "x", load_content().thresholds)
    >>> [(r.start, r.length) for r in runs_across_change(e)], e.verdict
    ([(10, 13)], 'unclear')
    """
    if evidence.runs is None:
        return []
    first = evidence.first_pilot_index
    counted = pilot_shifts(evidence)
    return [r for r in evidence.runs.shifts if r.start < first <= r.end and r not in counted]


def pilot_beyond(evidence: MetricEvidence) -> list[int]:
    """Indices of the points since the change beyond the baseline's XmR limits."""
    first = evidence.first_pilot_index
    return [i for i in evidence.beyond if i >= first]


def chart_sides(evidence: MetricEvidence) -> tuple[bool, bool]:
    """Whether the charts show a signal after the change on the better / the worse side.

    A long run that began before the change counts on neither side for the change, and on
    both sides against it: the charts cannot tell the change from what was under way.
    """
    good = good_side(evidence.metric.better)
    if runs_across_change(evidence):
        return True, True
    better = worse = False
    for run in pilot_shifts(evidence):
        if run.side == good:
            better = True
        else:
            worse = True
    xmr = evidence.xmr
    for i in pilot_beyond(evidence):
        above = xmr is not None and evidence.values[i] > xmr.upper
        if (above and good == "above") or (not above and good == "below"):
            better = True
        else:
            worse = True
    return better, worse


def evaluate_pilot(
    pilot: Pilot, thresholds: PilotThresholds, *, verdict_only: bool = False
) -> tuple[dict[str, MetricEvidence], dict[str, ChangeDateError]]:
    """The evidence for each of the pilot's metrics that can be studied yet, and for each other
    metric the reason it cannot (a pending reason while the pilot is not far enough along).
    ``verdict_only``: see :func:`evaluate_metric`."""
    evidence: dict[str, MetricEvidence] = {}
    problems: dict[str, ChangeDateError] = {}
    for m in pilot.metrics:
        try:
            evidence[m.id] = evaluate_metric(pilot, m.id, thresholds, verdict_only=verdict_only)
        except ChangeDateError as err:
            problems[m.id] = err
    return evidence, problems
