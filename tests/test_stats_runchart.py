"""Tests of playbook.stats.runchart: the Anhøj run-chart rules.

Reference: the rules as implemented in qicharts2's ``runs.analysis`` (anhoej/qicharts2,
R/helper.functions.R, commit 1b9487e): longest run limit ``round(log2(n)) + 3``; crossings limit
``qbinom(0.05, n - 1, 0.5)`` (scipy's ``binom.ppf`` is R's ``qbinom``); points on the centre
line ignored. The limits are checked against worked binomial tables and scipy, the analysis
against qicharts2's code transcribed line by line.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from playbook.stats.runchart import RunsLimits, runs_analysis, runs_limits

# ---------------------------------------------------------------------------------------------
# Runs limits (Anhøj rules as in qicharts2)
# ---------------------------------------------------------------------------------------------


def test_runs_limits_for_10_useful_points_by_hand():
    """Are the limits for n = 10 a longest run of 6 and at least 2 crossings?

    Longest run: log2(10) = 3.32, rounded 3, plus 3 = 6.
    Crossings: X ~ Binomial(9, 0.5). P(X <= 1) = (1 + 9) / 512 = 0.0195 < 0.05 and
    P(X <= 2) = (1 + 9 + 36) / 512 = 0.0898 >= 0.05, so qbinom(0.05, 9, 0.5) = 2.
    """
    assert runs_limits(10) == RunsLimits(n_useful=10, longest_run_max=6, crossings_min=2)
    assert stats.binom.cdf(1, 9, 0.5) == pytest.approx(10 / 512)
    assert stats.binom.cdf(2, 9, 0.5) == pytest.approx(46 / 512)
    assert stats.binom.ppf(0.05, 9, 0.5) == 2


def test_runs_limits_for_24_useful_points_by_hand():
    """Are the limits for n = 24 a longest run of 8 and at least 8 crossings?

    Longest run: log2(24) = 4.58, rounded 5, plus 3 = 8.
    Crossings: X ~ Binomial(23, 0.5). The counts C(23, k) for k = 0..7 sum to 390656, so
    P(X <= 7) = 390656 / 2**23 = 0.0466 < 0.05; adding C(23, 8) = 490314 gives
    P(X <= 8) = 880970 / 2**23 = 0.105 >= 0.05, so qbinom(0.05, 23, 0.5) = 8. (qicharts2's own
    summary example for 24 points prints longest.run.max 8 and n.crossings.min 8.)
    """
    assert runs_limits(24) == RunsLimits(n_useful=24, longest_run_max=8, crossings_min=8)
    assert sum(math.comb(23, k) for k in range(8)) == 390656
    assert math.comb(23, 8) == 490314
    assert 20 * 390656 < 2**23 <= 20 * 880970
    assert stats.binom.ppf(0.05, 23, 0.5) == 8


def test_runs_limits_for_100_useful_points_by_hand():
    """Are the limits for n = 100 a longest run of 10 and at least 41 crossings?

    Longest run: log2(100) = 6.64, rounded 7, plus 3 = 10.
    Crossings: X ~ Binomial(99, 0.5), mean 49.5, sd 4.97; the normal approximation puts the
    5th percentile near 49.5 - 1.645 x 4.97 = 41.3. Exactly: P(X <= 40) = 0.0350 < 0.05 and
    P(X <= 41) = 0.0537 >= 0.05, so qbinom(0.05, 99, 0.5) = 41.
    """
    assert runs_limits(100) == RunsLimits(n_useful=100, longest_run_max=10, crossings_min=41)
    below = sum(math.comb(99, k) for k in range(41)) / 2**99
    at = sum(math.comb(99, k) for k in range(42)) / 2**99
    assert below == pytest.approx(0.0350, abs=5e-5)
    assert at == pytest.approx(0.0537, abs=5e-5)
    assert stats.binom.cdf(40, 99, 0.5) == pytest.approx(below)
    assert stats.binom.ppf(0.05, 99, 0.5) == 41


def test_runs_limits_agree_with_scipy_binomial_percentile():
    """Does the exact-integer crossings limit equal scipy.stats.binom.ppf(0.05, n - 1, 0.5)
    and the longest-run limit round(log2(n)) + 3 for every n up to 500?"""
    for n in range(1, 501):
        lim = runs_limits(n)
        assert lim.crossings_min == int(stats.binom.ppf(0.05, n - 1, 0.5)), n
        assert lim.longest_run_max == round(np.log2(n)) + 3, n


def test_runs_limits_refuse_zero_points():
    """Is asking for limits of no useful points a programming error, not a silent zero?"""
    with pytest.raises(ValueError):
        runs_limits(0)


# ---------------------------------------------------------------------------------------------
# Runs analysis
# ---------------------------------------------------------------------------------------------


def test_runs_analysis_ignores_points_on_the_median():
    """Are points on the centre line neither counted nor allowed to break a run?

    Below, on, below, on, above, above: runs are (below x2) and (above x2), as qicharts2's
    ``runs[runs != 0]`` leaves them.
    """
    r = runs_analysis([1, 2, 1, 2, 3, 3], centre=2)
    assert (r.n_obs, r.n_useful, r.longest_run, r.n_crossings) == (6, 4, 2, 1)
    assert [run.indices for run in r.runs] == [(0, 2), (4, 5)]


def test_runs_analysis_detects_a_shift_longer_than_the_limit():
    """Do 10 alternating points then 8 above the centre give a shift signal (limit for 18
    useful points: round(log2 18) + 3 = 7), with the 8 points (plus the last one above before
    them) marked?"""
    values = [1, 3] * 5 + [3] * 8
    r = runs_analysis(values, centre=2)
    assert r.n_useful == 18 and r.longest_run_max == 7
    assert r.longest_run == 9  # the last 3 of the alternation joins the run
    assert r.shift_signal and r.signal
    assert r.signal_indices == tuple(range(9, 18))
    assert r.shifts[0].side == "above"


def test_runs_analysis_detects_too_few_crossings():
    """Do 5 points below then 5 above (longest run 5 <= 6) signal by crossings only (1 < 2)?"""
    r = runs_analysis([1] * 5 + [3] * 5, centre=2)
    assert (r.longest_run, r.longest_run_max, r.n_crossings, r.crossings_min) == (5, 6, 1, 2)
    assert not r.shift_signal and r.crossings_signal and r.signal


def test_runs_analysis_of_a_random_looking_series_has_no_signal():
    """Does an alternating series of 10 points show no signal (longest 1, crossings 9)?"""
    r = runs_analysis([1, 3] * 5, centre=2)
    assert (r.longest_run, r.n_crossings) == (1, 9)
    assert not r.signal


def test_runs_analysis_with_every_point_on_the_centre():
    """With no useful points, are the limits absent and no signal given (qicharts2 gives NA)?"""
    r = runs_analysis([2, 2, 2], centre=2)
    assert r.n_useful == 0 and r.longest_run_max is None and not r.signal


series = st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=80)


@settings(deadline=None)
@given(series, st.integers(min_value=0, max_value=6))
def test_runs_analysis_counts_are_consistent(values, centre):
    """On random series, do useful points = points off the centre, crossings = runs - 1, and
    the longest run lie between 1 and n_useful?"""
    r = runs_analysis(values, centre)
    useful = [v for v in values if v != centre]
    assert r.n_useful == len(useful)
    assert sum(run.length for run in r.runs) == r.n_useful
    if useful:
        assert r.n_crossings == len(r.runs) - 1
        assert r.n_crossings == sum(
            1 for a, b in zip(useful, useful[1:], strict=False) if (a > centre) != (b > centre)
        )
        assert 1 <= r.longest_run <= r.n_useful
        assert r.signal == (r.longest_run > r.longest_run_max or r.n_crossings < r.crossings_min)


@settings(deadline=None)
@given(series, st.integers(min_value=0, max_value=6), st.integers(1, 5), st.integers(-50, 50))
def test_runs_analysis_is_invariant_to_scale_shift_and_mirroring(values, centre, a, b):
    """Does a positive linear transform leave the analysis unchanged, and a mirror image keep
    the counts while swapping the sides?"""
    r = runs_analysis(values, centre)
    t = runs_analysis([a * v + b for v in values], a * centre + b)
    m = runs_analysis([-v for v in values], -centre)
    assert (t.longest_run, t.n_crossings, t.signal) == (r.longest_run, r.n_crossings, r.signal)
    assert (m.longest_run, m.n_crossings, m.signal) == (r.longest_run, r.n_crossings, r.signal)
    assert [x.side for x in m.runs] == ["below" if x.side == "above" else "above" for x in r.runs]


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=400))
def test_runs_limits_grow_with_n(n):
    """Are both limits non-decreasing in n, with the crossings limit below n?"""
    a, b = runs_limits(n), runs_limits(n + 1)
    assert b.longest_run_max >= a.longest_run_max
    assert b.crossings_min >= a.crossings_min
    assert 0 <= a.crossings_min < max(n, 1)


# ---------------------------------------------------------------------------------------------
# qicharts2's rule code, transcribed (anhoej/qicharts2, R/helper.functions.R, commit 1b9487e:
# runs.analysis), and compared with ours
# ---------------------------------------------------------------------------------------------


def qicharts2_runs_analysis(y: list[float], cl: float) -> dict[str, float | None]:
    """qicharts2's ``runs.analysis``, line by line: ``runs <- sign(y - cl)``, zeros and NA
    dropped, ``rle`` lengths, ``round(log2(n.useful)) + 3``, ``qbinom(0.05, n.useful - 1, 0.5)``
    (scipy's ``binom.ppf`` is R's ``qbinom``), ``n.crossings <- max(n.runs - 1, 0)``."""
    runs = [s for s in np.sign(np.asarray(y, dtype=float) - cl) if s != 0 and not np.isnan(s)]
    n_useful = len(runs)
    if not n_useful:
        return {"n.useful": 0, "longest.run": None, "longest.run.max": None,
                "n.crossings": None, "n.crossings.min": None, "runs.signal": False}  # fmt: skip
    lengths = [len(list(g)) for _, g in itertools.groupby(runs)]
    longest, longest_max = max(lengths), round(math.log2(n_useful)) + 3
    crossings = max(len(lengths) - 1, 0)
    crossings_min = int(stats.binom.ppf(0.05, max(n_useful - 1, 0), 0.5))
    return {
        "n.useful": n_useful,
        "longest.run": longest,
        "longest.run.max": longest_max,
        "n.crossings": crossings,
        "n.crossings.min": crossings_min,
        "runs.signal": longest > longest_max or crossings < crossings_min,
    }


@settings(deadline=None, max_examples=150)
@given(
    st.lists(st.integers(0, 8) | st.floats(-50, 50), min_size=1, max_size=120), st.integers(0, 8)
)
def test_runs_analysis_agrees_with_qicharts2(values, centre):
    """Do the useful points, longest run and its limit, crossings and their limit, and the
    signal agree with qicharts2's runs.analysis on any series?"""
    ours = runs_analysis(values, centre)
    ref = qicharts2_runs_analysis(values, centre)
    assert ours.n_useful == ref["n.useful"]
    assert ours.signal == ref["runs.signal"]
    if ref["n.useful"]:
        assert ours.longest_run == ref["longest.run"]
        assert ours.longest_run_max == ref["longest.run.max"]
        assert ours.n_crossings == ref["n.crossings"]
        assert ours.crossings_min == ref["n.crossings.min"]
