"""Bootstrap intervals of the difference of a statistic (median or mean) between two
independent samples.

The two samples are resampled independently (an unpaired bootstrap), the statistic's
difference computed for each resample, and the interval read off its percentiles (the
percentile method: the bias-corrected BCa method degenerates on medians of small samples with
ties, common in counts). A fixed seed makes the same data always give the same interval.

Reference: :func:`scipy.stats.bootstrap` (``method="percentile"``, ``paired=False``), which
does the resampling; Efron B, Tibshirani RJ (1993), *An Introduction to the Bootstrap*,
ch. 13. ``tests/test_stats_bootstrap.py`` checks the interval against scipy's for the same
data and seed, and against the Welch t interval on large normal samples.

Examples
--------
>>> d = difference_interval([5, 6, 5, 7, 6, 5], [3, 2, 3, 4, 3, 2], seed=1)
>>> d.x, d.y, d.difference
(5.5, 3.0, -2.5)
>>> d.low <= d.difference <= d.high < 0
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypedDict

import numpy as np
from scipy import stats

__all__ = [
    "BATCH_ELEMENTS",
    "DifferenceInterval",
    "Resampling",
    "Statistic",
    "batch_size",
    "difference_interval",
]

#: The statistics an interval can be computed for.
Statistic = Literal["median", "mean"]

#: Resampled values held at once by one bootstrap (about 100 MB of working arrays): a longer
#: series is resampled in batches (the interval then differs from an unbatched one only by
#: the order the generator's numbers are used in; shorter series are not batched at all).
BATCH_ELEMENTS = 3_000_000


class Resampling(TypedDict, total=False):
    """The resampling options of :func:`difference_interval` (its keyword arguments, with
    their defaults there), for a function that passes them on (``**options:
    Unpack[Resampling]``) instead of saying them again."""

    n_resamples: int
    confidence_level: float
    seed: int | None


@dataclass(frozen=True)
class DifferenceInterval:
    """``statistic(y) - statistic(x)`` with its bootstrap interval.

    Attributes
    ----------
    statistic
        ``"median"`` or ``"mean"``.
    x, y
        The statistic of each sample.
    difference
        ``y - x``.
    low, high
        The interval's ends.
    confidence_level
        The interval's confidence level, between 0 and 1.
    """

    statistic: Statistic
    x: float
    y: float
    difference: float
    low: float
    high: float
    confidence_level: float


def _median_difference(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.median(y, axis=axis) - np.median(x, axis=axis)


def _mean_difference(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.mean(y, axis=axis) - np.mean(x, axis=axis)


_STATISTICS: dict[str, tuple[Callable[..., Any], Callable[..., Any]]] = {
    "median": (_median_difference, np.median),
    "mean": (_mean_difference, np.mean),
}


def batch_size(n_resamples: int, n_values: int) -> int | None:
    """How many resamples :func:`difference_interval` draws at once (``None``: all of them),
    so that at most :data:`BATCH_ELEMENTS` resampled values are held at once.

    Examples
    --------
    >>> batch_size(9999, 40) is None, batch_size(9999, 2000)
    (True, 1500)
    """
    if n_resamples * n_values <= BATCH_ELEMENTS:
        return None
    return max(1, BATCH_ELEMENTS // n_values)


def difference_interval(
    x: Sequence[float],
    y: Sequence[float],
    statistic: Statistic = "median",
    *,
    n_resamples: int = 9999,
    confidence_level: float = 0.95,
    seed: int | None = None,
) -> DifferenceInterval:
    """``statistic(y) - statistic(x)`` with a percentile bootstrap interval.

    Parameters
    ----------
    x, y
        The two samples (at least two values each), resampled independently.
    statistic
        ``"median"`` or ``"mean"``.
    n_resamples
        The number of bootstrap resamples.
    confidence_level
        The interval's confidence level, between 0 and 1.
    seed
        The seed of the random generator (``None``: a fresh one, so the interval varies
        from call to call).

    Returns
    -------
    DifferenceInterval
        Both samples' statistics, the difference and its interval.

    Raises
    ------
    ValueError
        When the statistic is neither median nor mean, or a sample has fewer than two values.

    Examples
    --------
    >>> d = difference_interval([1, 2, 3, 4], [11, 12, 13, 14], "mean", seed=0)
    >>> d.difference, 7.0 <= d.low < 10.0 < d.high <= 13.0
    (10.0, True)
    """
    if statistic not in _STATISTICS:
        raise ValueError(f"statistic must be 'median' or 'mean', not {statistic!r}")
    a = np.asarray(x, dtype=float)
    b = np.asarray(y, dtype=float)
    if a.size < 2 or b.size < 2:
        raise ValueError("a bootstrap interval needs at least two values in each sample")
    difference, location = _STATISTICS[statistic]
    result = stats.bootstrap(
        (a, b),
        difference,
        n_resamples=n_resamples,
        confidence_level=confidence_level,
        method="percentile",
        vectorized=True,
        paired=False,
        rng=np.random.default_rng(seed),
        batch=batch_size(n_resamples, a.size + b.size),
    )
    low, high = result.confidence_interval
    return DifferenceInterval(
        statistic=statistic,
        x=float(location(a)),
        y=float(location(b)),
        difference=float(difference(a, b)),
        low=float(low),
        high=float(high),
        confidence_level=confidence_level,
    )
