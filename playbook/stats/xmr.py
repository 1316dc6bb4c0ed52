"""Individuals (XmR) chart limits: the natural process limits of a series, and the points
beyond them.

An individuals chart sets its limits at the mean plus or minus 3 sigma, sigma estimated from
the mean moving range (the absolute differences of consecutive values) divided by the bias
correction d2 = 1.128 for moving ranges of two points; the moving-range chart's upper limit
is D4 = 3.267 times the mean moving range. The limits are computed from a reference period
only (the values given to :func:`xmr_limits`) and then held fixed, so that later values show
against the process as it was.

References: Wheeler DJ, Chambers DS (1992), *Understanding Statistical Process Control*, 2nd
ed. (the d2 and D4 table for subgroups of size 2: d2 = 1.128, D4 = 3.267); qicharts2's
``qic.i`` and ``qic.mr`` (anhoej/qicharts2, ``R/helper.functions.R``), which divide by 1.128
without rounding 3 / 1.128 to 2.66. ``tests/test_stats_xmr.py`` checks the limits against a
worked example and against qicharts2's code transcribed line by line.

Examples
--------
>>> lim = xmr_limits([10, 12, 11, 13, 12])
>>> round(lim.lower, 2), lim.centre, round(lim.upper, 2)
(7.61, 11.6, 15.59)
>>> points_beyond([11, 16, 7], lim)
(1, 2)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["D2", "MR_UPPER_FACTOR", "XMR_FACTOR", "XmrLimits", "points_beyond", "xmr_limits"]

#: The bias-correction constant d2 for moving ranges of two points (Wheeler; qicharts2's
#: ``limits.i`` divides the mean moving range by 1.128 to estimate sigma).
D2 = 1.128
#: Individuals-chart limits are the centre +/- 3 sigma, sigma = mean moving range / d2:
#: 3 / 1.128 = 2.6596 (often rounded to 2.66; the reference, qicharts2, does not round).
XMR_FACTOR = 3 / D2
#: Upper limit of the moving-range chart: D4 for subgroups of 2, 3.267 (the D4 table's value
#: and qicharts2's; Wheeler's texts round it to 3.268).
MR_UPPER_FACTOR = 3.267


@dataclass(frozen=True)
class XmrLimits:
    """Individuals-chart limits computed from a reference period (``n_baseline`` values)."""

    centre: float
    mean_moving_range: float
    lower: float
    upper: float
    moving_range_upper: float
    n_baseline: int


def xmr_limits(values: Sequence[float]) -> XmrLimits:
    """Natural process limits of ``values``: mean +/- 3 sigma, sigma = the mean moving range /
    1.128 (:data:`XMR_FACTOR` = 3 / 1.128 = 2.6596 times the mean moving range), as
    qicharts2's individuals chart computes them.

    Parameters
    ----------
    values
        The reference period's values, in time order (at least two: one moving range).

    Returns
    -------
    XmrLimits
        The centre line, both limits, the mean moving range and the moving-range chart's
        upper limit (:data:`MR_UPPER_FACTOR` times the mean moving range).

    Raises
    ------
    ValueError
        When fewer than two values are given (there is no moving range).

    Examples
    --------
    Moving ranges 1, 2, 1, 1, 1 (mean 1.2), sigma 1.2 / 1.128:

    >>> lim = xmr_limits([5, 6, 4, 5, 6, 5])
    >>> lim.centre, lim.mean_moving_range
    (5.166666666666667, 1.2)
    >>> round(lim.upper, 3), round(lim.lower, 3)
    (8.358, 1.975)
    """
    arr = np.asarray(values, dtype=float)
    if arr.size < 2:
        raise ValueError("XmR limits need at least two baseline values")
    centre = float(arr.mean())
    mr = float(np.abs(np.diff(arr)).mean())
    return XmrLimits(
        centre=centre,
        mean_moving_range=mr,
        lower=centre - XMR_FACTOR * mr,
        upper=centre + XMR_FACTOR * mr,
        moving_range_upper=MR_UPPER_FACTOR * mr,
        n_baseline=int(arr.size),
    )


def points_beyond(values: Sequence[float], limits: XmrLimits) -> tuple[int, ...]:
    """Indices of the values strictly above the upper or below the lower limit (NaN values
    are never beyond).

    Examples
    --------
    >>> points_beyond([5, 9, 1, 8.3], xmr_limits([5, 6, 4, 5, 6, 5]))
    (1, 2)
    """
    return tuple(i for i, v in enumerate(values) if v > limits.upper or v < limits.lower)
