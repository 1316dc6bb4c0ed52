"""Tests of playbook.stats.xmr: individuals (XmR) chart limits.

Reference: Wheeler's constants for moving ranges of two points (d2 = 1.128, D4 = 3.267, the
published d2/D4 table), as qicharts2's ``qic.i`` and ``qic.mr`` use them (anhoej/qicharts2,
R/helper.functions.R, commit 1b9487e), transcribed below; and a worked example by hand.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook.stats.xmr import D2, MR_UPPER_FACTOR, XMR_FACTOR, points_beyond, xmr_limits

# ---------------------------------------------------------------------------------------------
# XmR
# ---------------------------------------------------------------------------------------------


def test_xmr_limits_by_hand():
    """Are the limits mean +/- 3 x (mean moving range / 1.128), computed by hand?

    Baseline 5, 6, 4, 5, 6, 5: mean 31/6 = 5.1667; moving ranges 1, 2, 1, 1, 1, mean 1.2;
    sigma = 1.2 / 1.128 = 1.0638; upper 5.1667 + 3.1915 = 8.3582, lower 1.9752 (with the
    rounded 2.66 it would be 8.3587: the page follows the unrounded reference); moving-range
    limit D4 x 1.2 = 3.267 x 1.2 = 3.9204.
    """
    lim = xmr_limits([5, 6, 4, 5, 6, 5])
    assert lim.centre == pytest.approx(31 / 6)
    assert lim.mean_moving_range == pytest.approx(1.2)
    assert lim.upper == pytest.approx(8.358156, abs=1e-6)
    assert lim.lower == pytest.approx(1.975177, abs=1e-6)
    assert lim.moving_range_upper == pytest.approx(3.9204)
    assert abs(XMR_FACTOR - 2.6596) < 5e-5
    assert points_beyond([5, 9, 1, 8.3], lim) == (1, 2)


def test_xmr_limits_need_two_points():
    """Is a single baseline value refused (there is no moving range)?"""
    with pytest.raises(ValueError):
        xmr_limits([4.0])


@settings(deadline=None)
@given(st.lists(st.floats(-1e3, 1e3), min_size=2, max_size=40), st.floats(-1e3, 1e3))
def test_xmr_limits_order_and_translation(values, shift):
    """Is lower <= centre <= upper, and do the limits move with a constant shift?"""
    a = xmr_limits(values)
    b = xmr_limits([v + shift for v in values])
    assert a.lower <= a.centre + 1e-9 and a.centre <= a.upper + 1e-9
    assert b.upper == pytest.approx(a.upper + shift, abs=1e-6)
    assert b.mean_moving_range == pytest.approx(a.mean_moving_range, abs=1e-6)


# ---------------------------------------------------------------------------------------------
# qicharts2's limits, transcribed (anhoej/qicharts2, R/helper.functions.R, commit 1b9487e:
# qic.i and qic.mr), and compared with ours
# ---------------------------------------------------------------------------------------------


def qicharts2_limits_i(base: list[float]) -> dict[str, float]:
    """qicharts2's ``qic.i`` on the baseline: ``cl <- mean(y)``, ``amr <- mean(abs(diff(y -
    cl)))``, ``stdev <- amr / 1.128``, limits ``cl -/+ 3 * stdev``; and ``qic.mr``'s upper
    limit ``3.267 * amr``."""
    y = np.asarray(base, dtype=float)
    cl = y.mean()
    amr = np.mean(np.abs(np.diff(y - cl)))
    stdev = amr / 1.128
    return {"cl": cl, "lcl": cl - 3 * stdev, "ucl": cl + 3 * stdev, "ucl.mr": 3.267 * amr}


@settings(deadline=None, max_examples=150)
@given(st.lists(st.floats(-1e4, 1e4), min_size=2, max_size=120))
def test_xmr_limits_agree_with_qicharts2(base):
    """Are the centre, both limits and the moving-range limit qicharts2's qic.i / qic.mr
    values to 1e-9 (relative to the data's scale)?"""
    ours = xmr_limits(base)
    ref = qicharts2_limits_i(base)
    tol = 1e-9 * max(1.0, max(abs(v) for v in base))
    assert ours.centre == pytest.approx(ref["cl"], abs=tol)
    assert ours.lower == pytest.approx(ref["lcl"], abs=tol)
    assert ours.upper == pytest.approx(ref["ucl"], abs=tol)
    assert ours.moving_range_upper == pytest.approx(ref["ucl.mr"], abs=tol)


def test_the_constants_are_the_tables():
    """Are d2 and D4 for subgroups of two the table's 1.128 and 3.267, and the factor 3 / d2?"""
    assert (D2, MR_UPPER_FACTOR) == (1.128, 3.267)
    assert XMR_FACTOR == 3 / 1.128
