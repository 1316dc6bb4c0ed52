"""The study step in plain words: what each chart shows, what the median and the mean did,
the verdict in the content's words, and the playbook's next step for a pilot.

The evidence is :mod:`playbook.pilots.verdicts`'; every sentence honours the metric's better
direction, and below the documented minimum number of points the summary says "not enough
data yet" and draws no conclusion.
"""

from __future__ import annotations

from collections.abc import Sequence

from playbook.pilots.content import PilotsContent, Verdict
from playbook.pilots.verdicts import (
    MetricEvidence,
    good_side,
    head_start,
    pilot_beyond,
    pilot_shifts,
    runs_across_change,
)
from playbook.pilots.wording import format_number, plural, signed, with_unit
from playbook.stats.runchart import Run

__all__ = ["XMR_REFERENCE", "next_step", "summarize_evidence"]

#: What the limits follow, as the page names it.
XMR_REFERENCE = (
    "Wheeler's individuals chart as the R package qicharts2 computes it: baseline mean plus or "
    "minus 3 sigma, sigma = mean moving range / 1.128 (3 / 1.128 = 2.6596)"
)


def _moved(diff: float, unit: str) -> str:
    if diff == 0:
        return "did not move"
    return f"went {'up' if diff > 0 else 'down'} by {with_unit(abs(diff), unit)}"


def summarize_evidence(evidence: MetricEvidence, content: PilotsContent) -> str:
    """The evidence for one metric in plain words, one sentence a line.

    Says which direction is better, what the medians and means did with their intervals, what
    the run chart and the XmR chart show after the change, and the verdict in the content's
    words. Below the documented minimum number of points it says "not enough data yet" and
    how many points are still needed, and draws no conclusion.
    """
    m = evidence.metric
    unit = m.unit
    lines = [
        f"{m.name} ({unit + ', ' if unit else ''}{m.better} is better).",
        f"Baseline: {plural(evidence.n_baseline, 'point')}, median "
        f"{with_unit(evidence.baseline_median or 0.0, unit)}. Since the change on "
        f"{evidence.change_date.isoformat()}: {plural(evidence.n_pilot, 'point')}.",
    ]
    if not evidence.enough_data:
        lines.append(_not_enough_data(evidence, content))
        return "\n".join(lines)
    lines += _change_lines(evidence)
    lines += _run_lines(evidence)
    lines += _control_lines(evidence)
    lines.append(content.verdicts[evidence.verdict])
    return "\n".join(lines)


def _not_enough_data(evidence: MetricEvidence, content: PilotsContent) -> str:
    t = evidence.thresholds
    needs = []
    if evidence.n_baseline < t.min_baseline_points:
        needs.append(f"{plural(t.min_baseline_points, 'baseline point')}")
    if evidence.n_pilot < t.min_pilot_points:
        needs.append(f"{plural(t.min_pilot_points, 'point')} since the change")
    runs = evidence.runs
    if runs is not None and runs.n_useful < t.min_useful_points:
        needs.append(f"{t.min_useful_points} points off the baseline median in all")
    return content.verdicts["not_enough_data"] + (
        f" The workbook draws a conclusion from {' and '.join(needs)}." if needs else ""
    )


def _change_lines(evidence: MetricEvidence) -> list[str]:
    """What the median and the mean did, with their intervals."""
    m = evidence.metric
    pct = round(100 * evidence.thresholds.confidence_level)
    lines = []
    for change in (evidence.median_change, evidence.mean_change):
        if change is None:
            continue
        side = change.side(m.better)
        reading = {
            "better": "the whole interval is on the better side",
            "worse": "the whole interval is on the worse side",
            None: "the interval includes no change",
        }[side]
        lines.append(
            f"The {change.statistic} {_moved(change.difference, m.unit)} "
            f"(from {format_number(change.baseline)} to {format_number(change.pilot)}; "
            f"{pct}% interval of the change {signed(change.low, '')} to "
            f"{signed(change.high, m.unit)}): {reading}."
        )
    return lines


def _run_lines(evidence: MetricEvidence) -> list[str]:
    """What the run chart shows after the change (shifts, crossings, or no signal)."""
    runs = evidence.runs
    if runs is None or not runs.n_useful:
        return []
    lines = []
    shifts = pilot_shifts(evidence)
    across = runs_across_change(evidence)
    for run in across:
        lines.append(
            f"Run chart: {run.length} points in a row {run.side} the baseline median, but "
            f"{_began(evidence, run)}: it was under way before the change, so it is not evidence "
            "that the change caused it."
        )
    if shifts:
        longest = max(shifts, key=lambda r: r.length)
        direction = "better" if longest.side == good_side(evidence.metric.better) else "worse"
        before = head_start(evidence, longest)
        since = longest.length - before
        head = (
            f"; {_began(evidence, longest)}, and its {since} points since the change alone are "
            "more than the limit"
            if before
            else ""
        )
        lines.append(
            f"Run chart: a shift since the change, {longest.length} points in a row "
            f"{longest.side} the baseline median (on the {direction} side){head}; by chance, "
            f"runs longer than {runs.longest_run_max} are unlikely in {runs.n_useful} useful "
            "points."
        )
    elif runs.shift_signal and not across:
        lines.append(
            "Run chart: the longest run is in the baseline itself, so the baseline was "
            "not stable; read the comparison with care."
        )
    if runs.crossings_signal:
        lines.append(
            "Run chart: the line crosses the baseline median "
            f"{plural(runs.n_crossings, 'time')}, fewer than the minimum of "
            f"{runs.crossings_min} expected by chance for {runs.n_useful} useful points: "
            "a sign of non-random variation."
        )
    if not runs.signal:
        lines.append(
            f"Run chart: no signal (longest run {runs.longest_run}, limit "
            f"{runs.longest_run_max}; {plural(runs.n_crossings, 'crossing')}, at least "
            f"{runs.crossings_min} expected)."
        )
    return lines


def _began(evidence: MetricEvidence, run: Run) -> str:
    """When a run that crosses the change began: how many points before it, on which date."""
    return (
        f"the run began {plural(head_start(evidence, run), 'point')} before the change (on "
        f"{evidence.dates[run.start].isoformat()})"
    )


def _control_lines(evidence: MetricEvidence) -> list[str]:
    """What the XmR chart shows: points beyond the baseline limits, before and after."""
    xmr = evidence.xmr
    if xmr is None:
        return []
    good = good_side(evidence.metric.better)
    after = pilot_beyond(evidence)
    before = [i for i in evidence.beyond if i < evidence.first_pilot_index]
    limits = f"{format_number(xmr.lower)} to {format_number(xmr.upper)}"
    lines = []
    if after:
        above = sum(1 for i in after if evidence.values[i] > xmr.upper)
        below = len(after) - above
        parts = []
        if above:
            parts.append(f"{above} above ({'better' if good == 'above' else 'worse'} side)")
        if below:
            parts.append(f"{below} below ({'better' if good == 'below' else 'worse'} side)")
        lines.append(
            f"Control chart: {plural(len(after), 'point')} since the change beyond the "
            f"baseline limits ({limits}): {', '.join(parts)}."
        )
    else:
        lines.append(
            f"Control chart: every point since the change is within the baseline limits ({limits})."
        )
    if before:
        lines.append(
            f"Control chart: {plural(len(before), 'baseline point')} beyond the limits: "
            "the baseline had special causes of its own."
        )
    return lines


def next_step(evidence: Sequence[MetricEvidence], content: PilotsContent) -> str:
    """The playbook's next step for a pilot, from the verdicts of its metrics.

    All metrics better gives the "widen it" advice; any worse gives the "worse" advice; any
    metric still short of data gives the "keep measuring" advice; otherwise "unclear".

    >>> from playbook.pilots.content import load_content
    >>> content = load_content()
    >>> next_step([], content) == content.next_steps["not_enough_data"]
    True
    """
    verdicts = {e.verdict for e in evidence}
    if not verdicts or "not_enough_data" in verdicts:
        key: Verdict = "not_enough_data"
    elif "worse" in verdicts:
        key = "worse"
    elif verdicts == {"better"}:
        key = "better"
    else:
        key = "unclear"
    return content.next_steps[key]
