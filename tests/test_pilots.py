"""Tests of playbook.pilots: the pilot record, its analysis and its bad-input messages.

The statistics themselves (the Anhøj rules, the XmR limits, the bootstrap interval) are
checked against their references (qicharts2, Wheeler's table, scipy) in
tests/test_stats_runchart.py, tests/test_stats_xmr.py and tests/test_stats_bootstrap.py; here,
how a pilot uses them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import playbook.pilots as pl
from playbook.errors import ContentError, ImportFileError, InputError, PlaybookError
from playbook.imports import measurements as ms
from playbook.pilots.verdicts import BOOTSTRAP_SEED
from playbook.stats.bootstrap import difference_interval
from playbook.stats.xmr import xmr_limits

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
# XmR
# ---------------------------------------------------------------------------------------------


def test_xmr_limits_come_from_the_baseline_only(thresholds):
    """Do the pilot's values leave the limits untouched (they are the baseline's)?"""
    base = [5, 6, 4, 5, 6, 5, 6, 4]
    a = pl.evaluate_metric(make_pilot(base + [5] * 6, 8), "revision_count", thresholds)
    b = pl.evaluate_metric(make_pilot(base + [1, 1, 1, 9, 9, 9], 8), "revision_count", thresholds)
    assert a.xmr == b.xmr == xmr_limits(base)


# ---------------------------------------------------------------------------------------------
# Bootstrap
# ---------------------------------------------------------------------------------------------

BASE = [5, 6, 5, 7, 4, 6, 5, 6, 4, 5]
AFTER = [4, 3, 3, 2, 4, 3, 2, 3, 3, 2]


def test_bootstrap_change_is_reproducible():
    """Does the fixed seed give the same interval every time?"""
    assert pl.bootstrap_change(BASE, AFTER) == pl.bootstrap_change(BASE, AFTER)


@pytest.mark.parametrize("statistic", ["median", "mean"])
def test_bootstrap_change_is_the_stats_interval_of_the_two_phases(statistic):
    """Is the change the interval of playbook.stats.bootstrap (checked against scipy there),
    baseline first, with the pilots' fixed seed, named baseline and pilot?"""
    got = pl.bootstrap_change(BASE, AFTER, statistic, n_resamples=2000)
    ref = difference_interval(BASE, AFTER, statistic, n_resamples=2000, seed=BOOTSTRAP_SEED)
    assert (got.statistic, got.baseline, got.pilot, got.difference) == (
        ref.statistic, ref.x, ref.y, ref.difference
    )  # fmt: skip
    assert (got.low, got.high, got.confidence_level) == (ref.low, ref.high, 0.95)


def test_bootstrap_side_honours_the_better_direction():
    """Is a wholly negative interval 'better' for a lower-is-better metric and 'worse' for a
    higher-is-better one, and an interval across zero neither?"""
    c = pl.bootstrap_change(BASE, AFTER)
    assert c.high < 0
    assert c.side("lower") == "better" and c.side("higher") == "worse"
    across = pl.Change("median", 1, 1, 0, -1, 1, 0.95)
    assert across.side("lower") is None


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
    assert e.xmr == xmr_limits(BASE)


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
    with pytest.raises(ms.MeasurementError, match="is not a number"):
        ms.parse_value(text)


def test_missing_value_is_refused():
    """Is a blank value refused as missing rather than read as 0?"""
    with pytest.raises(ms.MeasurementError, match="missing"):
        ms.parse_value("  ")


@pytest.mark.parametrize(
    ("text", "value"), [("4.5", 4.5), ("-2", -2.0), ("85 %", 85.0), (".5", 0.5)]
)
def test_plain_numbers_are_read(text, value):
    """Are plain numbers, with or without a percent sign, read as floats?"""
    assert ms.parse_value(text) == value


def test_dates_must_be_iso():
    """Is an ambiguous date such as 02/03/2026 refused with the expected format named?"""
    with pytest.raises(ms.MeasurementError, match="YYYY-MM-DD"):
        ms.parse_date("02/03/2026")
    assert ms.parse_date("2026-03-02T09:30") == dt.date(2026, 3, 2)


def test_hand_entry_refuses_a_second_value_for_a_date():
    """Is a second value on the same date refused, leaving the first one in place?"""
    p = make_pilot([5, 6], 1)
    with pytest.raises(ms.DuplicateDateError, match="2026-01-05"):
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
    with pytest.raises(ms.CsvColumnsError) as err:
        pl.parse_measurements_csv(b"when,score\n2026-01-05,4\n", [metric()], "revision_count")
    msg = str(err.value)
    assert "date and value" in msg and "when, score" in msg and "Missing: date, value" in msg
    assert isinstance(err.value, ImportFileError) and isinstance(err.value, PlaybookError)


def test_csv_rows_with_bad_values_are_named_and_nothing_is_returned():
    """Are non-numeric and missing values reported by row, with no partial import?"""
    text = "date,value\n2026-01-05,4\n2026-01-12,four\n2026-01-19,\n2026-01-26,5\n"
    with pytest.raises(ms.MeasurementError) as err:
        pl.parse_measurements_csv(text, [metric()], "revision_count")
    assert "Row 3" in str(err.value) and "Row 4" in str(err.value)
    assert '"four" is not a number' in str(err.value)


def test_csv_duplicate_dates_are_refused():
    """Are two rows with the same date and metric refused, naming both rows?"""
    text = "date,value\n2026-01-05,4\n2026-01-05,5\n"
    with pytest.raises(ms.DuplicateDateError, match="Rows 2 and 3"):
        pl.parse_measurements_csv(text, [metric()], "revision_count")


def test_csv_out_of_order_dates_are_refused():
    """Is a date that goes backwards refused, with the rows named and a hint about typos?"""
    text = "date,value\n2026-01-05,4\n2026-01-19,5\n2025-01-12,6\n"
    with pytest.raises(ms.DateOrderError, match="Row 4 .2025-01-12. comes after row 3"):
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
    with pytest.raises(ms.MeasurementError, match=r'"budget" is not one of .*revision_count'):
        pl.parse_measurements_csv(text, [metric()])


def test_csv_without_metric_column_needs_a_metric():
    """Without a metric column and no metric chosen, is the participant asked to choose one?"""
    with pytest.raises(ms.CsvColumnsError, match="choose which metric"):
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
    with pytest.raises(ms.CsvColumnsError, match="empty"):
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
    with pytest.raises(ms.DuplicateDateError, match="already has a value"):
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
    with pytest.raises(ms.DuplicateDateError):
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
    text = (Path(pl.__file__).parents[1] / "content" / "pilots.yaml").read_text()
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
    text = (Path(pl.__file__).parents[1] / "content" / "pilots.yaml").read_text()
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
