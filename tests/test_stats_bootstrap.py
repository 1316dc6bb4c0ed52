"""Tests of playbook.stats.bootstrap: bootstrap intervals of a difference of two samples.

References: :func:`scipy.stats.bootstrap` (the same data, statistic, percentile method and seed
give the same interval) and, on large normal samples, the Welch t interval
(``scipy.stats.ttest_ind(..., equal_var=False).confidence_interval``).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

from playbook.stats.bootstrap import batch_size, difference_interval

#: The seed the pilots use (``playbook.pilots.verdicts.BOOTSTRAP_SEED``), so these intervals
#: are the ones the pilot tests saw before the statistics had a module of their own.
SEED = 20240521

BASE = [5, 6, 5, 7, 4, 6, 5, 6, 4, 5]
AFTER = [4, 3, 3, 2, 4, 3, 2, 3, 3, 2]


@pytest.mark.parametrize("statistic", ["median", "mean"])
def test_difference_interval_matches_scipy(statistic):
    """Is the interval the one scipy.stats.bootstrap gives for the same data, statistic,
    percentile method and seed?"""
    got = difference_interval(BASE, AFTER, statistic, n_resamples=2000, seed=7)
    f = np.median if statistic == "median" else np.mean

    def diff(b, p, axis=-1):
        return f(p, axis=axis) - f(b, axis=axis)

    ref = stats.bootstrap(
        (np.array(BASE, float), np.array(AFTER, float)),
        diff,
        n_resamples=2000,
        method="percentile",
        vectorized=True,
        rng=np.random.default_rng(7),
    )
    assert got.low == pytest.approx(ref.confidence_interval.low)
    assert got.high == pytest.approx(ref.confidence_interval.high)
    assert got.difference == pytest.approx(f(AFTER) - f(BASE))
    assert (got.x, got.y) == (pytest.approx(f(BASE)), pytest.approx(f(AFTER)))


def test_difference_interval_is_reproducible():
    """Does a fixed seed give the same interval every time?"""
    assert difference_interval(BASE, AFTER, seed=SEED) == difference_interval(
        BASE, AFTER, seed=SEED
    )


def test_bootstrap_mean_interval_is_close_to_welch_on_a_large_sample():
    """On two large normal samples, is the bootstrap interval of the mean difference close to
    the Welch t interval (scipy.stats.ttest_ind(..., equal_var=False).confidence_interval)?"""
    rng = np.random.default_rng(1)
    b, p = rng.normal(10, 2, 400), rng.normal(9, 2, 400)
    boot = difference_interval(b, p, "mean", n_resamples=4000, seed=SEED)
    welch = stats.ttest_ind(p, b, equal_var=False).confidence_interval(0.95)
    assert boot.low == pytest.approx(welch.low, abs=0.05)
    assert boot.high == pytest.approx(welch.high, abs=0.05)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(0, 20), min_size=2, max_size=15),
    st.lists(st.integers(0, 20), min_size=2, max_size=15),
    st.integers(-10, 10),
)
def test_bootstrap_interval_contains_estimate_and_shifts(base, after, shift):
    """Is low <= high, and does adding a constant to the second sample move the median change and its
    interval by that constant (same seed, same resamples)?"""
    a = difference_interval(base, after, n_resamples=300, seed=SEED)
    b = difference_interval(base, [v + shift for v in after], n_resamples=300, seed=SEED)
    assert a.low <= a.high
    assert b.difference == pytest.approx(a.difference + shift)
    assert b.low == pytest.approx(a.low + shift)
    assert b.high == pytest.approx(a.high + shift)


def test_a_bad_statistic_or_too_few_values_are_refused():
    """Are a statistic other than median or mean, and a sample of one value, programming
    errors?"""
    with pytest.raises(ValueError, match="median"):
        difference_interval(BASE, AFTER, "mode")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="two values"):
        difference_interval([1.0], AFTER)


def test_long_samples_are_resampled_in_batches():
    """Is a bootstrap over 3,000,000 resampled values drawn in batches, a short one at once?"""
    assert batch_size(9999, 40) is None
    assert batch_size(9999, 2000) == 1500
    assert batch_size(10, 10_000_000) == 1
