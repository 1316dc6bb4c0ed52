"""Tests of playbook.pilots: the pilot record, its analysis and its bad-input messages.

References: the Anhøj rules as implemented in qicharts2's ``runs.analysis`` (longest run limit
``round(log2(n)) + 3``; crossings limit ``qbinom(0.05, n - 1, 0.5)``; points on the centre line
ignored), Wheeler's XmR constants, and :func:`scipy.stats.bootstrap`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

import playbook.pilots as pl
from playbook.errors import ContentError, ImportFileError, InputError, PlaybookError

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE = DATA / "sample_pilot_measurements.csv"
CHANGE = dt.date(2026, 3, 16)


# ---------------------------------------------------------------------------------------------
# Factories
# ---------------------------------------------------------------------------------------------


def metric(
    better: str = "lower", mid: str = "revision_count", unit: str = "revisions"
) -> pl.Metric:
    return pl.Metric(id=mid, name=mid.replace("_", " ").capitalize(), unit=unit, better=better)


def make_pilot(
    values: list[float],
    n_baseline: int,
    better: str = "lower",
    start: dt.date = dt.date(2026, 1, 5),
) -> pl.Pilot:
    """A pilot with one metric, weekly values, the change after ``n_baseline`` of them."""
    m = metric(better)
    measurements = [
        pl.Measurement(metric=m.id, date=start + dt.timedelta(weeks=i), value=v)
        for i, v in enumerate(values)
    ]
    return pl.Pilot(
        id="pilot-1",
        practice="Joint planning sessions with editorial",
        project="Documentary series",
        metrics=[m],
        change_date=start + dt.timedelta(weeks=n_baseline),
        measurements=measurements,
    )


CONTENT = pl.load_content()


@pytest.fixture(scope="module")
def content() -> pl.PilotsContent:
    return pl.load_content()


@pytest.fixture(scope="module")
def thresholds(content: pl.PilotsContent) -> pl.PilotThresholds:
    return content.thresholds


def sample_pilot() -> pl.Pilot:
    p = pl.Pilot(
        id="pilot-1",
        metrics=[metric("lower"), metric("higher", "team_feedback", "points")],
        change_date=CHANGE,
    )
    return pl.merge_measurements(p, pl.parse_measurements_csv(SAMPLE.read_bytes(), p.metrics))


# ---------------------------------------------------------------------------------------------
# Runs limits (Anhøj rules as in qicharts2)
# ---------------------------------------------------------------------------------------------


def test_runs_limits_for_10_useful_points_by_hand():
    """Are the limits for n = 10 a longest run of 6 and at least 2 crossings?

    Longest run: log2(10) = 3.32, rounded 3, plus 3 = 6.
    Crossings: X ~ Binomial(9, 0.5). P(X <= 1) = (1 + 9) / 512 = 0.0195 < 0.05 and
    P(X <= 2) = (1 + 9 + 36) / 512 = 0.0898 >= 0.05, so qbinom(0.05, 9, 0.5) = 2.
    """
    assert pl.runs_limits(10) == pl.RunsLimits(n_useful=10, longest_run_max=6, crossings_min=2)
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
    assert pl.runs_limits(24) == pl.RunsLimits(n_useful=24, longest_run_max=8, crossings_min=8)
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
    assert pl.runs_limits(100) == pl.RunsLimits(n_useful=100, longest_run_max=10, crossings_min=41)
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
        lim = pl.runs_limits(n)
        assert lim.crossings_min == int(stats.binom.ppf(0.05, n - 1, 0.5)), n
        assert lim.longest_run_max == round(np.log2(n)) + 3, n


def test_runs_limits_refuse_zero_points():
    """Is asking for limits of no useful points a programming error, not a silent zero?"""
    with pytest.raises(ValueError):
        pl.runs_limits(0)


# ---------------------------------------------------------------------------------------------
# Runs analysis
# ---------------------------------------------------------------------------------------------


def test_runs_analysis_ignores_points_on_the_median():
    """Are points on the centre line neither counted nor allowed to break a run?

    Below, on, below, on, above, above: runs are (below x2) and (above x2), as qicharts2's
    ``runs[runs != 0]`` leaves them.
    """
    r = pl.runs_analysis([1, 2, 1, 2, 3, 3], centre=2)
    assert (r.n_obs, r.n_useful, r.longest_run, r.n_crossings) == (6, 4, 2, 1)
    assert [run.indices for run in r.runs] == [(0, 2), (4, 5)]


def test_runs_analysis_detects_a_shift_longer_than_the_limit():
    """Do 10 alternating points then 8 above the centre give a shift signal (limit for 18
    useful points: round(log2 18) + 3 = 7), with the 8 points (plus the last one above before
    them) marked?"""
    values = [1, 3] * 5 + [3] * 8
    r = pl.runs_analysis(values, centre=2)
    assert r.n_useful == 18 and r.longest_run_max == 7
    assert r.longest_run == 9  # the last 3 of the alternation joins the run
    assert r.shift_signal and r.signal
    assert r.signal_indices == tuple(range(9, 18))
    assert r.shifts[0].side == "above"


def test_runs_analysis_detects_too_few_crossings():
    """Do 5 points below then 5 above (longest run 5 <= 6) signal by crossings only (1 < 2)?"""
    r = pl.runs_analysis([1] * 5 + [3] * 5, centre=2)
    assert (r.longest_run, r.longest_run_max, r.n_crossings, r.crossings_min) == (5, 6, 1, 2)
    assert not r.shift_signal and r.crossings_signal and r.signal


def test_runs_analysis_of_a_random_looking_series_has_no_signal():
    """Does an alternating series of 10 points show no signal (longest 1, crossings 9)?"""
    r = pl.runs_analysis([1, 3] * 5, centre=2)
    assert (r.longest_run, r.n_crossings) == (1, 9)
    assert not r.signal


def test_runs_analysis_with_every_point_on_the_centre():
    """With no useful points, are the limits absent and no signal given (qicharts2 gives NA)?"""
    r = pl.runs_analysis([2, 2, 2], centre=2)
    assert r.n_useful == 0 and r.longest_run_max is None and not r.signal


series = st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=80)


@settings(deadline=None)
@given(series, st.integers(min_value=0, max_value=6))
def test_runs_analysis_counts_are_consistent(values, centre):
    """On random series, do useful points = points off the centre, crossings = runs - 1, and
    the longest run lie between 1 and n_useful?"""
    r = pl.runs_analysis(values, centre)
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
    r = pl.runs_analysis(values, centre)
    t = pl.runs_analysis([a * v + b for v in values], a * centre + b)
    m = pl.runs_analysis([-v for v in values], -centre)
    assert (t.longest_run, t.n_crossings, t.signal) == (r.longest_run, r.n_crossings, r.signal)
    assert (m.longest_run, m.n_crossings, m.signal) == (r.longest_run, r.n_crossings, r.signal)
    assert [x.side for x in m.runs] == ["below" if x.side == "above" else "above" for x in r.runs]


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=400))
def test_runs_limits_grow_with_n(n):
    """Are both limits non-decreasing in n, with the crossings limit below n?"""
    a, b = pl.runs_limits(n), pl.runs_limits(n + 1)
    assert b.longest_run_max >= a.longest_run_max
    assert b.crossings_min >= a.crossings_min
    assert 0 <= a.crossings_min < max(n, 1)


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
    lim = pl.xmr_limits([5, 6, 4, 5, 6, 5])
    assert lim.centre == pytest.approx(31 / 6)
    assert lim.mean_moving_range == pytest.approx(1.2)
    assert lim.upper == pytest.approx(8.358156, abs=1e-6)
    assert lim.lower == pytest.approx(1.975177, abs=1e-6)
    assert lim.moving_range_upper == pytest.approx(3.9204)
    assert abs(pl.XMR_FACTOR - 2.6596) < 5e-5
    assert pl.points_beyond([5, 9, 1, 8.3], lim) == (1, 2)


def test_xmr_limits_come_from_the_baseline_only(thresholds):
    """Do the pilot's values leave the limits untouched (they are the baseline's)?"""
    base = [5, 6, 4, 5, 6, 5, 6, 4]
    a = pl.evaluate_metric(make_pilot(base + [5] * 6, 8), "revision_count", thresholds)
    b = pl.evaluate_metric(make_pilot(base + [1, 1, 1, 9, 9, 9], 8), "revision_count", thresholds)
    assert a.xmr == b.xmr == pl.xmr_limits(base)


def test_xmr_limits_need_two_points():
    """Is a single baseline value refused (there is no moving range)?"""
    with pytest.raises(ValueError):
        pl.xmr_limits([4.0])


@settings(deadline=None)
@given(st.lists(st.floats(-1e3, 1e3), min_size=2, max_size=40), st.floats(-1e3, 1e3))
def test_xmr_limits_order_and_translation(values, shift):
    """Is lower <= centre <= upper, and do the limits move with a constant shift?"""
    a = pl.xmr_limits(values)
    b = pl.xmr_limits([v + shift for v in values])
    assert a.lower <= a.centre + 1e-9 and a.centre <= a.upper + 1e-9
    assert b.upper == pytest.approx(a.upper + shift, abs=1e-6)
    assert b.mean_moving_range == pytest.approx(a.mean_moving_range, abs=1e-6)


# ---------------------------------------------------------------------------------------------
# Bootstrap
# ---------------------------------------------------------------------------------------------

BASE = [5, 6, 5, 7, 4, 6, 5, 6, 4, 5]
AFTER = [4, 3, 3, 2, 4, 3, 2, 3, 3, 2]


@pytest.mark.parametrize("statistic", ["median", "mean"])
def test_bootstrap_change_matches_scipy(statistic):
    """Is the interval the one scipy.stats.bootstrap gives for the same data, statistic,
    percentile method and seed?"""
    got = pl.bootstrap_change(BASE, AFTER, statistic, n_resamples=2000, seed=7)
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
    assert (got.baseline, got.pilot) == (pytest.approx(f(BASE)), pytest.approx(f(AFTER)))


def test_bootstrap_change_is_reproducible():
    """Does the fixed seed give the same interval every time?"""
    assert pl.bootstrap_change(BASE, AFTER) == pl.bootstrap_change(BASE, AFTER)


def test_bootstrap_mean_interval_is_close_to_welch_on_a_large_sample():
    """On two large normal samples, is the bootstrap interval of the mean difference close to
    the Welch t interval (scipy.stats.ttest_ind(..., equal_var=False).confidence_interval)?"""
    rng = np.random.default_rng(1)
    b, p = rng.normal(10, 2, 400), rng.normal(9, 2, 400)
    boot = pl.bootstrap_change(b, p, "mean", n_resamples=4000)
    welch = stats.ttest_ind(p, b, equal_var=False).confidence_interval(0.95)
    assert boot.low == pytest.approx(welch.low, abs=0.05)
    assert boot.high == pytest.approx(welch.high, abs=0.05)


def test_bootstrap_side_honours_the_better_direction():
    """Is a wholly negative interval 'better' for a lower-is-better metric and 'worse' for a
    higher-is-better one, and an interval across zero neither?"""
    c = pl.bootstrap_change(BASE, AFTER)
    assert c.high < 0
    assert c.side("lower") == "better" and c.side("higher") == "worse"
    across = pl.Change("median", 1, 1, 0, -1, 1, 0.95)
    assert across.side("lower") is None


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(0, 20), min_size=2, max_size=15),
    st.lists(st.integers(0, 20), min_size=2, max_size=15),
    st.integers(-10, 10),
)
def test_bootstrap_interval_contains_estimate_and_shifts(base, after, shift):
    """Is low <= high, and does adding a constant to the pilot move the median change and its
    interval by that constant (same seed, same resamples)?"""
    a = pl.bootstrap_change(base, after, n_resamples=300)
    b = pl.bootstrap_change(base, [v + shift for v in after], n_resamples=300)
    assert a.low <= a.high
    assert b.difference == pytest.approx(a.difference + shift)
    assert b.low == pytest.approx(a.low + shift)
    assert b.high == pytest.approx(a.high + shift)


# ---------------------------------------------------------------------------------------------
# Evidence and plain words
# ---------------------------------------------------------------------------------------------


def test_sample_file_shows_an_improvement(content, thresholds):
    """Does the sample pilot (revisions down, feedback up after joint planning) read as an
    improvement on both metrics, with the shift marked and the interval in the summary?"""
    p = sample_pilot()
    for mid in ("revision_count", "team_feedback"):
        e = pl.evaluate_metric(p, mid, thresholds)
        assert e.verdict == "better", mid
        assert e.runs.shift_signal
        text = pl.summarize_evidence(e, content)
        assert "95% interval" in text and "shift" in text
        assert content.verdicts["better"] in text
    assert (
        pl.next_step([pl.evaluate_metric(p, m.id, thresholds) for m in p.metrics], content)
        == content.next_steps["better"]
    )


def test_revision_summary_speaks_the_metrics_unit_and_direction(content, thresholds):
    """Does the summary of fewer revisions say 'lower is better', 'went down' and name the unit?"""
    e = pl.evaluate_metric(sample_pilot(), "revision_count", thresholds)
    text = pl.summarize_evidence(e, content)
    assert "lower is better" in text
    assert "median went down by 2 revisions" in text
    assert "below the baseline median (on the better side)" in text


def test_same_change_is_worse_when_higher_is_better(content, thresholds):
    """Does the same drop read as 'worse' when the metric's better direction is higher?"""
    values = BASE + AFTER
    e = pl.evaluate_metric(make_pilot(values, 10, better="higher"), "revision_count", thresholds)
    assert e.verdict == "worse"
    assert "on the worse side" in pl.summarize_evidence(e, content)


def test_not_enough_data_below_the_documented_minimum(content, thresholds):
    """With fewer baseline points than the documented minimum, is there no verdict, only
    'not enough data yet' and how many points are needed?"""
    n = thresholds.min_baseline_points - 1
    e = pl.evaluate_metric(make_pilot([6] * n + [1] * 12, n), "revision_count", thresholds)
    assert e.verdict == "not_enough_data" and not e.enough_data
    text = pl.summarize_evidence(e, content)
    assert text.count("Not enough data yet") == 1
    assert f"{thresholds.min_baseline_points} baseline points" in text
    assert "improvement" not in text and "interval" not in text


def test_not_enough_pilot_points(content, thresholds):
    """With a full baseline but too few points since the change, is the verdict withheld?"""
    e = pl.evaluate_metric(make_pilot(BASE + [1, 1], 10), "revision_count", thresholds)
    assert e.verdict == "not_enough_data"
    assert "since the change" in pl.summarize_evidence(e, content)


def test_flat_series_is_unclear(content, thresholds):
    """Does a series with no change give 'unclear', never 'better'?"""
    values = [5, 6, 4, 5, 6, 4, 5, 6, 4, 5] * 2
    e = pl.evaluate_metric(make_pilot(values, 10), "revision_count", thresholds)
    assert e.verdict == "unclear"
    assert content.verdicts["unclear"] in pl.summarize_evidence(e, content)


def test_points_before_the_baseline_start_are_left_out(thresholds):
    """Are measurements dated before baseline_start shown (phase 'before') but not analysed?"""
    p = make_pilot([50, 50] + BASE + AFTER, 12)
    p = p.model_copy(update={"baseline_start": dt.date(2026, 1, 19)})
    e = pl.evaluate_metric(p, "revision_count", thresholds)
    assert e.phases[:2] == ("before", "before")
    assert e.n_baseline == 10 and e.baseline_median == 5
    assert e.xmr == pl.xmr_limits(BASE)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(0, 10), min_size=6, max_size=14),
    st.lists(st.integers(0, 10), min_size=6, max_size=14),
)
def test_verdict_is_symmetric_under_mirroring(base, after):
    """Does negating every value and flipping the better direction leave the verdict as is?"""
    t = CONTENT.thresholds.model_copy(update={"bootstrap_resamples": 300})
    a = pl.evaluate_metric(make_pilot(base + after, len(base), "lower"), "revision_count", t)
    b = pl.evaluate_metric(
        make_pilot([-v for v in base + after], len(base), "higher"), "revision_count", t
    )
    assert a.verdict == b.verdict


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.floats(0, 100, allow_nan=False), min_size=2, max_size=12),
    st.lists(st.floats(0, 100, allow_nan=False), min_size=1, max_size=12),
    st.sampled_from(["lower", "higher"]),
)
def test_summary_never_claims_a_result_without_enough_data(base, after, better):
    """On random series, is a verdict only given at or above the documented minimums, and is
    'better' only given when the median's interval lies on the better side?"""
    content = CONTENT
    t = content.thresholds.model_copy(update={"bootstrap_resamples": 200})
    e = pl.evaluate_metric(make_pilot(base + after, len(base), better), "revision_count", t)
    text = pl.summarize_evidence(e, content)
    enough = len(base) >= t.min_baseline_points and len(after) >= t.min_pilot_points
    if not enough:
        assert e.verdict == "not_enough_data"
        assert content.verdicts["better"] not in text and content.verdicts["worse"] not in text
    if e.verdict == "better":
        assert e.median_change.side(better) == "better"
    assert content.verdicts[e.verdict] in text


# ---------------------------------------------------------------------------------------------
# Bad input: values, dates, change date, CSV
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["abc", "4.5.1", "nan", "inf", "1_000", "--3", "4,5"])
def test_non_numeric_values_are_refused_with_a_message(text):
    """Is text that is not a plain number refused, with a message quoting it?"""
    with pytest.raises(pl.MeasurementError, match="is not a number"):
        pl.parse_value(text)


def test_missing_value_is_refused():
    """Is a blank value refused as missing rather than read as 0?"""
    with pytest.raises(pl.MeasurementError, match="missing"):
        pl.parse_value("  ")


@pytest.mark.parametrize(
    ("text", "value"), [("4.5", 4.5), ("-2", -2.0), ("85 %", 85.0), (".5", 0.5)]
)
def test_plain_numbers_are_read(text, value):
    """Are plain numbers, with or without a percent sign, read as floats?"""
    assert pl.parse_value(text) == value


def test_dates_must_be_iso():
    """Is an ambiguous date such as 02/03/2026 refused with the expected format named?"""
    with pytest.raises(pl.MeasurementError, match="YYYY-MM-DD"):
        pl.parse_date("02/03/2026")
    assert pl.parse_date("2026-03-02T09:30") == dt.date(2026, 3, 2)


def test_hand_entry_refuses_a_second_value_for_a_date():
    """Is a second value on the same date refused, leaving the first one in place?"""
    p = make_pilot([5, 6], 1)
    with pytest.raises(pl.DuplicateDateError, match="2026-01-05"):
        pl.add_measurement(p, "revision_count", "2026-01-05", "7")
    assert [m.value for m in p.series("revision_count")] == [5, 6]


def test_hand_entry_may_add_a_forgotten_earlier_week():
    """Can a value be added for a date before the others, and is the series kept in order?"""
    p = pl.add_measurement(make_pilot([5, 6], 1), "revision_count", "2025-12-29", "4")
    assert [m.value for m in p.series("revision_count")] == [4, 5, 6]


def test_change_date_before_all_data_is_refused(thresholds):
    """Does a change date on or before the first measurement say there is no baseline?"""
    p = make_pilot(BASE, 0)
    with pytest.raises(pl.ChangeDateError, match="no baseline") as err:
        pl.evaluate_metric(p, "revision_count", thresholds)
    assert not err.value.pending


def test_change_date_after_all_data_is_refused(thresholds):
    """Does a change date after the last measurement say there is no pilot phase yet?"""
    p = make_pilot(BASE, 10).model_copy(update={"change_date": dt.date(2027, 1, 1)})
    with pytest.raises(pl.ChangeDateError, match="after the last measurement") as err:
        pl.evaluate_metric(p, "revision_count", thresholds)
    assert err.value.pending  # a pilot not far enough along, not a contradiction


def test_missing_change_date_is_explained(thresholds):
    """Is a pilot without a change date told to set one?"""
    p = make_pilot(BASE, 10).model_copy(update={"change_date": None})
    with pytest.raises(pl.ChangeDateError, match="Set the date the change started"):
        pl.evaluate_metric(p, "revision_count", thresholds)


def test_csv_with_wrong_columns_names_the_expected_ones():
    """Does a file with other columns get a message naming date and value and what it has?"""
    with pytest.raises(pl.CsvColumnsError) as err:
        pl.parse_measurements_csv(b"when,score\n2026-01-05,4\n", [metric()], "revision_count")
    msg = str(err.value)
    assert "date and value" in msg and "when, score" in msg and "Missing: date, value" in msg
    assert isinstance(err.value, ImportFileError) and isinstance(err.value, PlaybookError)


def test_csv_rows_with_bad_values_are_named_and_nothing_is_returned():
    """Are non-numeric and missing values reported by row, with no partial import?"""
    text = "date,value\n2026-01-05,4\n2026-01-12,four\n2026-01-19,\n2026-01-26,5\n"
    with pytest.raises(pl.MeasurementError) as err:
        pl.parse_measurements_csv(text, [metric()], "revision_count")
    assert "Row 3" in str(err.value) and "Row 4" in str(err.value)
    assert '"four" is not a number' in str(err.value)


def test_csv_duplicate_dates_are_refused():
    """Are two rows with the same date and metric refused, naming both rows?"""
    text = "date,value\n2026-01-05,4\n2026-01-05,5\n"
    with pytest.raises(pl.DuplicateDateError, match="Rows 2 and 3"):
        pl.parse_measurements_csv(text, [metric()], "revision_count")


def test_csv_out_of_order_dates_are_refused():
    """Is a date that goes backwards refused, with the rows named and a hint about typos?"""
    text = "date,value\n2026-01-05,4\n2026-01-19,5\n2025-01-12,6\n"
    with pytest.raises(pl.DateOrderError, match="Row 4 .2025-01-12. comes after row 3"):
        pl.parse_measurements_csv(text, [metric()], "revision_count")


def test_csv_with_several_metrics_orders_dates_per_metric():
    """With a metric column, may each metric restart its dates (the sample file does)?"""
    rows = pl.parse_measurements_csv(
        SAMPLE.read_bytes(), [metric(), metric("higher", "team_feedback", "points")]
    )
    assert len(rows) == 40 and {r.metric for r in rows} == {"revision_count", "team_feedback"}
    assert rows[10].note == "first joint planning session with editorial"


def test_csv_unknown_metric_is_named():
    """Is a row naming a metric the pilot does not have refused with the known ids listed?"""
    text = "date,metric,value\n2026-01-05,budget,4\n"
    with pytest.raises(pl.MeasurementError, match=r'"budget" is not one of .*revision_count'):
        pl.parse_measurements_csv(text, [metric()])


def test_csv_without_metric_column_needs_a_metric():
    """Without a metric column and no metric chosen, is the participant asked to choose one?"""
    with pytest.raises(pl.CsvColumnsError, match="choose which metric"):
        pl.parse_measurements_csv("date,value\n2026-01-05,4\n", [metric()])


def test_semicolon_csv_with_decimal_commas_and_bom():
    """Is a European spreadsheet export (BOM, semicolons, 4,5) read as 4.5?"""
    data = "\ufeffDate;Value;Note\n2026-01-05;4,5;a\n2026-01-12;5;\n".encode("utf-8")
    rows = pl.parse_measurements_csv(data, [metric()], "revision_count")
    assert [r.value for r in rows] == [4.5, 5.0] and rows[0].note == "a"


def test_csv_cp1252_bytes_are_decoded():
    """Is a Windows-1252 file (a note with an accent) decoded, not refused?"""
    data = "date,value,note\n2026-01-05,4,réunion\n".encode("cp1252")
    rows = pl.parse_measurements_csv(data, [metric()], "revision_count")
    assert rows[0].note == "réunion"


def test_empty_and_binary_files_are_refused():
    """Are an empty file and a binary file refused with a message, not a traceback?"""
    with pytest.raises(pl.CsvColumnsError, match="empty"):
        pl.parse_measurements_csv(b"", [metric()], "revision_count")
    with pytest.raises(ImportFileError, match="not a text file"):
        pl.parse_measurements_csv(b"PK\x03\x04\x00\x00", [metric()], "revision_count")


def test_reimport_is_harmless_and_conflicts_lose_nothing():
    """Does importing the same rows twice add nothing, and a conflicting value get refused
    while the earlier value stays?"""
    p = make_pilot([5], 1)
    rows = pl.parse_measurements_csv(
        "date,value\n2026-01-05,5\n2026-01-12,4\n", p.metrics, "revision_count"
    )
    once = pl.merge_measurements(p, rows)
    assert len(pl.merge_measurements(once, rows).measurements) == 2
    clash = pl.parse_measurements_csv("date,value\n2026-01-05,9\n", p.metrics, "revision_count")
    with pytest.raises(pl.DuplicateDateError, match="already has a value"):
        pl.merge_measurements(once, clash)
    assert once.series("revision_count")[0].value == 5


@settings(deadline=None)
@given(st.text(max_size=200) | st.text(alphabet=',;\n\r"2026-01.5datevlu', max_size=80))
def test_csv_parser_raises_only_playbook_errors(text):
    """Does any text at all give either measurements or a PlaybookError, never a crash?"""
    with contextlib.suppress(PlaybookError):
        pl.parse_measurements_csv(text, [metric()], "revision_count")


# ---------------------------------------------------------------------------------------------
# Record, decision, adoption
# ---------------------------------------------------------------------------------------------


def test_section_round_trips_through_json():
    """Does a section with a pilot, a decision and adoption entries survive JSON unchanged?"""
    p = pl.set_decision(
        sample_pilot(), "adopt", "Revisions fell on the pilot project.", "2026-05-25"
    )
    p = pl.add_adoption(p, "2026-06-01", 3, 12)
    p = pl.add_adoption(p, "2026-09-01", "10", "12")
    section = pl.replace_pilot(pl.PilotsSection(), p)
    data = json.loads(json.dumps(pl.dump_section(section)))
    assert pl.parse_section(data) == section
    assert pl.new_pilot_id(section) == "pilot-2"


def test_stored_section_with_a_bad_shape_gives_a_message():
    """Is a hand-edited section with a bad value turned into an InputError, not a pydantic trace?"""
    with pytest.raises(InputError, match="could not be read"):
        pl.parse_section({"pilots": [{"id": "Bad Id!"}]})
    assert pl.parse_section(None) == pl.PilotsSection()


def test_decision_needs_a_reason():
    """Is a decision without a reason refused (the playbook asks to document the evidence)?"""
    with pytest.raises(InputError, match="reason"):
        pl.set_decision(sample_pilot(), "adopt", "  ", "2026-05-25")


def test_adoption_tracker_shares_and_bad_counts():
    """Are shares computed as using / total, and impossible counts refused?"""
    p = pl.add_adoption(make_pilot([1], 1), "2026-09-01", 10, 12)
    p = pl.add_adoption(p, "2026-01-01", 3, 12)
    assert pl.adoption_shares(p.adoption) == [
        (dt.date(2026, 1, 1), 0.25),
        (dt.date(2026, 9, 1), pytest.approx(10 / 12)),
    ]
    with pytest.raises(InputError, match="between 0 and 12"):
        pl.add_adoption(p, "2026-10-01", 13, 12)
    with pytest.raises(InputError, match="whole numbers"):
        pl.add_adoption(p, "2026-10-01", "three", 12)
    with pytest.raises(pl.DuplicateDateError):
        pl.add_adoption(p, "2026-01-01", 4, 12)


# ---------------------------------------------------------------------------------------------
# Content and honesty rule
# ---------------------------------------------------------------------------------------------


def test_content_names_the_articles_metrics(content):
    """Does the content suggest the article's metrics with a unit and a better direction?"""
    ids = {m.id for m in content.metrics}
    assert {"team_feedback", "revision_count", "timeline_adherence"} <= ids
    assert content.metric("revision_count").better == "lower"
    assert content.metric("timeline_adherence").better == "higher"


def test_claims_are_attributed(content):
    """Is every statistic from the article quoted as the playbook's claim?"""
    assert content.claims
    for claim in content.claims:
        assert claim.text.startswith("The playbook reports")
    assert any("25% to 85%" in c.text for c in content.claims)


def test_every_threshold_is_documented_as_a_default():
    """Does every analysis threshold in pilots.yaml carry a comment saying it is not from the
    article (the honesty rule: no invented number)?"""
    text = (Path(pl.__file__).parent / "content" / "pilots.yaml").read_text()
    block = text.split("thresholds:", 1)[1].split("\ndecisions:", 1)[0]
    comments = ""
    for line in block.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            comments += stripped
        elif stripped:
            assert "not from the article" in comments, line
            comments = ""


def test_coach_content_override_is_validated(tmp_path, monkeypatch):
    """Does a coach's edited pilots.yaml with a bad threshold fail with the file named?"""
    text = (Path(pl.__file__).parent / "content" / "pilots.yaml").read_text()
    (tmp_path / "pilots.yaml").write_text(
        text.replace("min_pilot_points: 6", "min_pilot_points: 1")
    )
    monkeypatch.setenv("PLAYBOOK_CONTENT", str(tmp_path))
    with pytest.raises(ContentError, match="pilots.yaml"):
        pl.load_content()


def test_charts_build_for_the_sample(thresholds):
    """Do the run, XmR, change and adoption charts build, with the change marked and the
    signal points in their own trace?"""
    from playbook.charts import pilots as charts

    e = pl.evaluate_metric(sample_pilot(), "revision_count", thresholds)
    run = charts.run_chart(e)
    names = [t.name for t in run.data]
    assert "Baseline median" in names and any(n and n.startswith("Signal") for n in names)
    signal = next(t for t in run.data if t.name and t.name.startswith("Signal"))
    assert len(signal.x) == len(e.runs.signal_indices)
    assert run.layout.shapes[0].x0 == CHANGE.isoformat()
    xmr = charts.xmr_chart(e)
    assert {"Upper limit (baseline)", "Lower limit (baseline)"} <= {t.name for t in xmr.data}
    change = charts.change_chart(e)
    assert len(change.data) == 2
    p = pl.add_adoption(pl.add_adoption(sample_pilot(), "2026-06-01", 3, 12), "2026-09-01", 10, 12)
    adoption = charts.adoption_chart(p.adoption)
    assert list(adoption.data[0].y) == [25.0, pytest.approx(83.33, abs=0.01)]


def test_unknown_metric_gives_a_message():
    """Is asking for a metric the pilot does not have an InputError with a message?"""
    with pytest.raises(InputError, match="no metric 'budget'"):
        make_pilot([1], 1).metric("budget")


# ---------------------------------------------------------------------------------------------
# qicharts2's rule code, transcribed (anhoej/qicharts2, R/helper.functions.R, commit 1b9487e:
# runs.analysis and qic.i), and compared with ours
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
    lengths = [len(list(g)) for _, g in __import__("itertools").groupby(runs)]
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
@given(
    st.lists(st.integers(0, 8) | st.floats(-50, 50), min_size=1, max_size=120), st.integers(0, 8)
)
def test_runs_analysis_agrees_with_qicharts2(values, centre):
    """Do the useful points, longest run and its limit, crossings and their limit, and the
    signal agree with qicharts2's runs.analysis on any series?"""
    ours = pl.runs_analysis(values, centre)
    ref = qicharts2_runs_analysis(values, centre)
    assert ours.n_useful == ref["n.useful"]
    assert ours.signal == ref["runs.signal"]
    if ref["n.useful"]:
        assert ours.longest_run == ref["longest.run"]
        assert ours.longest_run_max == ref["longest.run.max"]
        assert ours.n_crossings == ref["n.crossings"]
        assert ours.crossings_min == ref["n.crossings.min"]


@settings(deadline=None, max_examples=150)
@given(st.lists(st.floats(-1e4, 1e4), min_size=2, max_size=120))
def test_xmr_limits_agree_with_qicharts2(base):
    """Are the centre, both limits and the moving-range limit qicharts2's qic.i / qic.mr
    values to 1e-9 (relative to the data's scale)?"""
    ours = pl.xmr_limits(base)
    ref = qicharts2_limits_i(base)
    tol = 1e-9 * max(1.0, max(abs(v) for v in base))
    assert ours.centre == pytest.approx(ref["cl"], abs=tol)
    assert ours.lower == pytest.approx(ref["lcl"], abs=tol)
    assert ours.upper == pytest.approx(ref["ucl"], abs=tol)
    assert ours.moving_range_upper == pytest.approx(ref["ucl.mr"], abs=tol)


# ---------------------------------------------------------------------------------------------
# A run that began before the change
# ---------------------------------------------------------------------------------------------


def test_a_run_that_began_three_points_before_the_change_is_not_the_changes(content, thresholds):
    """Is a run of 13 points above the median that starts three points before the change
    named as such, never called a shift or an improvement (higher is better)?"""
    base = [5, 4, 5, 4, 5, 4, 5, 4, 5, 4]
    values = base + [6, 6, 6] + [7] * 10
    e = pl.evaluate_metric(make_pilot(values, 13, better="higher"), "revision_count", thresholds)
    assert [(r.start, r.length) for r in e.runs.shifts] == [(10, 13)]
    assert e.median_change is not None and e.median_change.side("higher") == "better"
    assert e.verdict == "unclear"
    text = pl.summarize_evidence(e, content)
    assert "began 3 points before the change" in text
    assert "not evidence that the change caused it" in text
    assert "a shift" not in text and "improvement" not in text


def test_a_run_with_a_one_point_head_start_counts_only_its_points_since_the_change(
    content, thresholds
):
    """Does a run that began one point before the change count when its points since the
    change alone exceed the limit, and is its head start said?"""
    base = [5, 6, 5, 7, 4, 6, 5, 6, 5, 4]  # the last baseline point is below the median (5)
    e = pl.evaluate_metric(make_pilot(base + [3] * 10, 10), "revision_count", thresholds)
    text = pl.summarize_evidence(e, content)
    assert e.verdict == "better"
    assert "the run began 1 point before the change" in text and "a shift since the change" in text
    short = pl.evaluate_metric(
        make_pilot(base + [3] * 6 + [6, 7], 10), "revision_count", thresholds
    )
    assert short.verdict != "better"  # 7 points (1 + 6) is not over the limit of 7


def test_the_page_names_the_reference_of_its_limits():
    """Does the method text name qicharts2 and the 3 / 1.128 constant, not 2.66?"""
    from playbook.ui.pilots.view import PilotsView

    text = PilotsView._method_text(CONTENT.thresholds)
    assert "qicharts2" in text and "1.128" in text and "2.6596" in text
    assert "2.66 times" not in text


# ---------------------------------------------------------------------------------------------
# The verdict alone (what the contract's assess gives a development plan or a cohort)
# ---------------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.lists(st.integers(0, 20), min_size=2, max_size=14),
    after=st.lists(st.integers(0, 20), min_size=2, max_size=14),
    shift=st.integers(-12, 12),
    better=st.sampled_from(["lower", "higher"]),
)
def test_the_verdict_alone_is_the_full_verdict(base, after, shift, better):
    """Does ``verdict_only`` (the median interval computed only when the charts show a signal
    on one side, no mean interval) give exactly the verdict of the full evidence?"""
    pilot = make_pilot([float(v) for v in base + [a + shift for a in after]], len(base), better)
    full = pl.evaluate_metric(pilot, "revision_count", CONTENT.thresholds)
    alone = pl.evaluate_metric(pilot, "revision_count", CONTENT.thresholds, verdict_only=True)
    assert alone.verdict == full.verdict
    assert alone.mean_change is None
    if alone.median_change is not None:
        assert alone.median_change == full.median_change


def test_the_verdict_alone_on_the_sample_pilot():
    """The sample pilot's verdicts (one metric better) are the same through ``assess``."""
    pilot = sample_pilot()
    full, _ = pl.evaluate_pilot(pilot, CONTENT.thresholds)
    result = pl.assess(pl.PilotsSection(pilots=[pilot]), CONTENT)
    assert result.pilots[0].verdicts == {k: e.verdict for k, e in full.items()}
    assert "better" in result.pilots[0].verdicts.values()
