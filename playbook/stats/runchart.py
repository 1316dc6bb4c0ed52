"""The Anhøj run-chart rules: is the variation of a series around its centre line random?

A run chart plots a series against a centre line (usually a median). Two rules, as the R
package qicharts2 applies them (``runs.analysis`` in ``R/helper.functions.R``), tell
non-random variation from noise:

* the **longest run** (consecutive points on one side of the centre line) is unusually long
  when it is longer than ``round(log2(n)) + 3`` (Schilling's rule for the longest run);
* the number of **crossings** of the centre line is unusually small when it is below the 5th
  percentile of Binomial(n - 1, 0.5) (Chen), R's ``qbinom(0.05, n - 1, 0.5)``;

where ``n`` is the number of useful observations, the points not on the centre line.

References: Anhøj J, Olesen AV (2014), "Run charts revisited: a simulation study of run chart
rules for detection of non-random variation in health care processes", PLoS ONE 9(11):
e113825; Anhøj J (2015), "Diagnostic value of run chart analysis", PLoS ONE 10(3): e0121349;
qicharts2 (anhoej/qicharts2). ``tests/test_stats_runchart.py`` checks the limits against
scipy's binomial percentile and worked tables, and the analysis against qicharts2's code
transcribed line by line.

Examples
--------
>>> r = runs_analysis([1, 1, 1, 1, 1, 3, 3, 3, 3, 3], centre=2)
>>> r.longest_run, r.n_crossings, r.crossings_min, r.signal
(5, 1, 2, True)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = ["Run", "RunsLimits", "RunsResult", "Side", "runs_analysis", "runs_limits"]

#: The side of the centre line a point lies on.
Side = Literal["above", "below"]


@dataclass(frozen=True)
class RunsLimits:
    """Anhøj's limits for ``n_useful`` useful observations (points not on the centre line)."""

    n_useful: int
    longest_run_max: int
    crossings_min: int


def runs_limits(n: int) -> RunsLimits:
    """The Anhøj limits for ``n`` useful observations.

    The longest run is unusually long when it exceeds ``round(log2(n)) + 3`` (Schilling), and
    the number of crossings is unusually small when below the 5th percentile of
    Binomial(n - 1, 0.5) (Chen): both as in qicharts2's ``runs.analysis``. The percentile is
    the smallest ``k`` with ``P(X <= k) >= 0.05``, R's ``qbinom(0.05, n - 1, 0.5)``, computed
    here in exact integer arithmetic.

    Parameters
    ----------
    n
        The number of useful observations, at least 1.

    Returns
    -------
    RunsLimits
        The longest run still expected by chance, and the fewest crossings.

    Raises
    ------
    ValueError
        When ``n`` is below 1 (there are no limits for no observations).

    Examples
    --------
    qicharts2's own summary example of 24 points prints ``longest.run.max`` 8 and
    ``n.crossings.min`` 8:

    >>> runs_limits(10)
    RunsLimits(n_useful=10, longest_run_max=6, crossings_min=2)
    >>> runs_limits(24)
    RunsLimits(n_useful=24, longest_run_max=8, crossings_min=8)
    """
    if n < 1:
        raise ValueError("runs limits need at least one useful observation")
    longest = round(math.log2(n)) + 3
    trials = n - 1
    # P(X <= k) >= 1/20  <=>  20 * sum_{i<=k} C(trials, i) >= 2**trials (no ties: 2**t % 5 != 0)
    total = 2**trials
    cumulative = 0
    crossings = 0
    for k in range(trials + 1):
        cumulative += math.comb(trials, k)
        if 20 * cumulative >= total:
            crossings = k
            break
    return RunsLimits(n_useful=n, longest_run_max=longest, crossings_min=crossings)


@dataclass(frozen=True)
class Run:
    """A run of consecutive useful points on one side of the centre line."""

    start: int  # index in the original series of the run's first point
    end: int  # index of its last point
    length: int  # number of useful points in it (points on the centre line do not count)
    side: Side
    indices: tuple[int, ...]


@dataclass(frozen=True)
class RunsResult:
    """The runs analysis of a series against a centre line (the limits ``None`` when the
    series has no useful point, where qicharts2 gives NA)."""

    n_obs: int
    n_useful: int
    longest_run: int
    longest_run_max: int | None
    n_crossings: int
    crossings_min: int | None
    runs: tuple[Run, ...]

    @property
    def shift_signal(self) -> bool:
        """True when the longest run is longer than expected by chance."""
        return self.longest_run_max is not None and self.longest_run > self.longest_run_max

    @property
    def crossings_signal(self) -> bool:
        """True when the series crosses the centre line fewer times than expected."""
        return self.crossings_min is not None and self.n_crossings < self.crossings_min

    @property
    def signal(self) -> bool:
        """True when either Anhøj rule signals non-random variation (qicharts2's runs.signal)."""
        return self.shift_signal or self.crossings_signal

    @property
    def shifts(self) -> tuple[Run, ...]:
        """The runs longer than the limit."""
        if self.longest_run_max is None:
            return ()
        return tuple(r for r in self.runs if r.length > self.longest_run_max)

    @property
    def signal_indices(self) -> tuple[int, ...]:
        """Indices of the points that belong to a run longer than the limit."""
        return tuple(i for r in self.shifts for i in r.indices)


def _run(indices: list[int], side: Side) -> Run:
    return Run(indices[0], indices[-1], len(indices), side, tuple(indices))


def runs_analysis(values: Sequence[float], centre: float) -> RunsResult:
    """The Anhøj runs analysis of ``values`` against ``centre``, as qicharts2 does it.

    Points exactly on the centre line are ignored: they neither break nor extend a run and do
    not count as useful observations. NaN values (and ``None``) are ignored the same way. A
    crossing is a pair of consecutive useful points on opposite sides, so crossings = runs - 1.

    Parameters
    ----------
    values
        The series, in time order.
    centre
        The centre line (a median of the series or of a part of it).

    Returns
    -------
    RunsResult
        The runs, the longest one, the crossings and the limits for the useful points.

    Examples
    --------
    >>> r = runs_analysis([1, 2, 3, 3, 5, 6, 2, 1, 7, 8], centre=3)
    >>> r.n_useful, r.longest_run, r.n_crossings
    (8, 2, 3)
    >>> r.longest_run_max, r.crossings_min, r.signal
    (6, 1, False)
    """
    runs: list[Run] = []
    current: list[int] = []
    side: Side | None = None
    for i, v in enumerate(values):
        if v is None or (isinstance(v, float) and math.isnan(v)) or v == centre:
            continue
        s: Side = "above" if v > centre else "below"
        if s != side and current and side is not None:
            runs.append(_run(current, side))
            current = []
        side = s
        current.append(i)
    if current and side is not None:
        runs.append(_run(current, side))
    n_useful = sum(r.length for r in runs)
    if n_useful == 0:
        return RunsResult(len(values), 0, 0, None, 0, None, ())
    limits = runs_limits(n_useful)
    return RunsResult(
        n_obs=len(values),
        n_useful=n_useful,
        longest_run=max(r.length for r in runs),
        longest_run_max=limits.longest_run_max,
        n_crossings=len(runs) - 1,
        crossings_min=limits.crossings_min,
        runs=tuple(runs),
    )
