"""Pilot experiments: one practice, one project, measured before it is widened.

The playbook's way to change things (docs/CONTENT.md section 5) is a small, measurable experiment:
try one new practice on one project, track metrics such as team feedback scores, revision counts
and timeline adherence, and widen adoption on evidence. This module holds the pilot record (in
the shape of a PDSA cycle: plan, do, study, act) and the analysis that turns measurements into
evidence:

* a run chart against the **baseline median**, read with the Anhøj rules as the R package
  qicharts2 applies them (:func:`runs_limits`, :func:`runs_analysis`);
* an individuals (XmR) chart with limits computed from the **baseline only**
  (:func:`xmr_limits`, :func:`points_beyond`);
* the change in median and mean with a bootstrap 95% interval (:func:`bootstrap_change`);
* a plain-words summary that honours the metric's better direction and says "not enough data
  yet" below the documented minimum number of points (:func:`evaluate_metric`,
  :func:`summarize_evidence`).

Everything here is pure: no widgets, no files. Measurements arrive as text or bytes
(:func:`parse_measurements_csv`) or one at a time (:func:`add_measurement`); bad input raises a
:class:`~playbook.errors.PlaybookError` whose message is written for the participant.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from scipy import stats

from playbook.content import load_content as load_yaml
from playbook.contract import Domain, by_id, repeated
from playbook.errors import InputError
from playbook.imports import measurements as _csv

# The file format is the parser's; these names stay importable from here, where pilots use them.
from playbook.imports.measurements import (
    CSV_OPTIONAL_COLUMNS as CSV_OPTIONAL_COLUMNS,
)
from playbook.imports.measurements import (
    CSV_REQUIRED_COLUMNS as CSV_REQUIRED_COLUMNS,
)
from playbook.imports.measurements import (
    CsvColumnsError as CsvColumnsError,
)
from playbook.imports.measurements import (
    DateOrderError as DateOrderError,
)
from playbook.imports.measurements import (
    DuplicateDateError as DuplicateDateError,
)
from playbook.imports.measurements import (
    MeasurementError as MeasurementError,
)
from playbook.imports.measurements import (
    parse_date as parse_date,
)
from playbook.imports.measurements import (
    parse_value as parse_value,
)
from playbook.limits import (
    MAX_ADOPTION,
    MAX_MEASUREMENTS,
    MAX_METRICS,
    MAX_PILOTS,
    MAX_SECTION_MEASUREMENTS,
    MAX_TEXT_CHARS,
    LimitError,
    check_count,
    check_text,
)

Better = Literal["higher", "lower"]
DecisionChoice = Literal["adopt", "adapt", "abandon"]
Verdict = Literal["better", "worse", "unclear", "not_enough_data"]
Phase = Literal["before", "baseline", "pilot"]

#: The bias-correction constant d2 for moving ranges of two points (Wheeler; qicharts2's
#: ``limits.i`` divides the mean moving range by 1.128 to estimate sigma).
D2 = 1.128
#: Individuals-chart limits are the centre +/- 3 sigma, sigma = mean moving range / d2:
#: 3 / 1.128 = 2.6596 (often rounded to 2.66; the reference, qicharts2, does not round).
XMR_FACTOR = 3 / D2
#: Upper limit of the moving-range chart: D4 for subgroups of 2, 3.267 (the D4 table's value
#: and qicharts2's; Wheeler's texts round it to 3.268).
MR_UPPER_FACTOR = 3.267
#: What the limits follow, as the page names it.
XMR_REFERENCE = (
    "Wheeler's individuals chart as the R package qicharts2 computes it: baseline mean plus or "
    "minus 3 sigma, sigma = mean moving range / 1.128 (3 / 1.128 = 2.6596)"
)
#: Fixed seed so that the same measurements always give the same interval.
BOOTSTRAP_SEED = 20240521
_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


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
# Content (playbook/content/pilots.yaml)
# --------------------------------------------------------------------------------------------


class MetricSuggestion(BaseModel):
    """A metric the workbook suggests, with its unit and which direction is better."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=_ID_PATTERN)
    name: str = Field(min_length=1)
    unit: str = ""
    better: Better
    hint: str = ""


class PilotThresholds(BaseModel):
    """Documented defaults of the analysis; none of these numbers comes from the article."""

    model_config = ConfigDict(extra="forbid")

    min_baseline_points: int = Field(ge=2)
    #: A long run that began at most this many points before the change may still count for
    #: the change, through its points since the change alone (see :func:`runs_across_change`).
    run_head_start_max: int = Field(default=1, ge=0)
    min_pilot_points: int = Field(ge=2)
    min_useful_points: int = Field(ge=2)
    bootstrap_resamples: int = Field(ge=100)
    confidence_level: float = Field(gt=0.5, lt=1.0)


class Claim(BaseModel):
    """A statistic from the article, quoted as the author's claim, never as a fact."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=_ID_PATTERN)
    text: str = Field(min_length=1)
    section: str = Field(min_length=1)


class DecisionOption(BaseModel):
    """One of adopt, adapt, abandon, with the words the workbook uses for it."""

    model_config = ConfigDict(extra="forbid")

    id: DecisionChoice
    label: str = Field(min_length=1)
    meaning: str = Field(min_length=1)


class PilotsContent(BaseModel):
    """Everything coach-editable about the pilot workbook."""

    model_config = ConfigDict(extra="forbid")

    title: str
    intro: str
    pdsa_prompts: dict[str, str]
    metrics: list[MetricSuggestion] = Field(min_length=1)
    thresholds: PilotThresholds
    decisions: list[DecisionOption] = Field(min_length=3, max_length=3)
    verdicts: dict[Verdict, str]
    next_steps: dict[Verdict, str]
    advice: list[str] = Field(min_length=1)
    claims: list[Claim] = Field(default_factory=list)

    @field_validator("verdicts", "next_steps")
    @classmethod
    def _every_verdict(cls, value: dict[str, str]) -> dict[str, str]:
        missing = {"better", "worse", "unclear", "not_enough_data"} - set(value)
        if missing:
            raise ValueError(f"missing wording for {', '.join(sorted(missing))}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> PilotsContent:
        if repeated(m.id for m in self.metrics):
            raise ValueError("metric ids must be unique")
        if {d.id for d in self.decisions} != {"adopt", "adapt", "abandon"}:
            raise ValueError("decisions must be adopt, adapt and abandon")
        t = self.thresholds
        if t.min_useful_points > t.min_baseline_points + t.min_pilot_points:
            raise ValueError("min_useful_points cannot exceed baseline plus pilot minimums")
        return self

    def metric(self, metric_id: str) -> MetricSuggestion:
        """The suggested metric with this id."""
        return by_id(self.metrics, metric_id, "suggested metric")


def load_content() -> PilotsContent:
    """Load and validate ``pilots.yaml`` (the coach's copy if ``PLAYBOOK_CONTENT`` has one)."""
    return load_yaml("pilots", PilotsContent)


# --------------------------------------------------------------------------------------------
# The record: the workbook's "pilots" section
# --------------------------------------------------------------------------------------------


class Metric(BaseModel):
    """What a pilot measures: a name, a unit and which direction is better."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=_ID_PATTERN)
    name: str = Field(min_length=1, max_length=200)
    unit: str = Field(default="", max_length=50)
    better: Better


class Measurement(BaseModel):
    """One value of one metric on one date."""

    model_config = ConfigDict(extra="forbid")

    metric: str
    date: dt.date
    value: float
    note: str = Field(default="", max_length=MAX_TEXT_CHARS)

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("the value must be a finite number")
        return value


class Decision(BaseModel):
    """The act step: adopt, adapt or abandon, and why."""

    model_config = ConfigDict(extra="forbid")

    choice: DecisionChoice | None = None
    reason: str = Field(default="", max_length=MAX_TEXT_CHARS)
    decided_on: dt.date | None = None


class AdoptionEntry(BaseModel):
    """How many teams used the practice on a date, out of how many could."""

    model_config = ConfigDict(extra="forbid")

    date: dt.date
    teams_using: int = Field(ge=0)
    teams_total: int = Field(ge=1)
    note: str = Field(default="", max_length=MAX_TEXT_CHARS)

    @model_validator(mode="after")
    def _not_more_than_all(self) -> AdoptionEntry:
        if self.teams_using > self.teams_total:
            raise ValueError("teams using the practice cannot exceed the teams in total")
        return self

    @property
    def share(self) -> float:
        """Share of teams using the practice, between 0 and 1."""
        return self.teams_using / self.teams_total


class Pilot(BaseModel):
    """One pilot experiment, in the shape of a PDSA cycle.

    Plan: ``practice``, ``project``, ``question``, ``prediction``, ``metrics``, ``teams``.
    Do: ``baseline_start``, ``change_date``, ``measurements``.
    Study: computed by :func:`evaluate_metric`, never stored.
    Act: ``decision``, and the ``adoption`` tracker when the practice is widened.

    Measurements dated before ``change_date`` (and not before ``baseline_start``) form the
    baseline; those dated on or after ``change_date`` form the pilot phase.
    """

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=_ID_PATTERN)
    practice: str = Field(default="", max_length=MAX_TEXT_CHARS)
    project: str = Field(default="", max_length=MAX_TEXT_CHARS)
    question: str = Field(default="", max_length=MAX_TEXT_CHARS)
    prediction: str = Field(default="", max_length=MAX_TEXT_CHARS)
    metrics: list[Metric] = Field(default_factory=list, max_length=MAX_METRICS)
    teams: list[Annotated[str, Field(max_length=MAX_TEXT_CHARS)]] = Field(
        default_factory=list, max_length=MAX_METRICS * 10
    )
    baseline_start: dt.date | None = None
    change_date: dt.date | None = None
    measurements: list[Measurement] = Field(default_factory=list, max_length=MAX_MEASUREMENTS)
    decision: Decision = Field(default_factory=Decision)
    adoption: list[AdoptionEntry] = Field(default_factory=list, max_length=MAX_ADOPTION)

    @model_validator(mode="after")
    def _consistent(self) -> Pilot:
        ids = [m.id for m in self.metrics]
        if repeated(ids):
            raise ValueError("metric ids must be unique within a pilot")
        seen: set[tuple[str, dt.date]] = set()
        for m in self.measurements:
            if m.metric not in ids:
                raise ValueError(f"measurement for unknown metric '{m.metric}'")
            if (m.metric, m.date) in seen:
                raise ValueError(f"two measurements of '{m.metric}' on {m.date.isoformat()}")
            seen.add((m.metric, m.date))
        if repeated(a.date for a in self.adoption):
            raise ValueError("two adoption entries on the same date")
        return self

    def metric(self, metric_id: str) -> Metric:
        """The pilot's metric with this id."""
        return by_id(
            self.metrics, metric_id, "metric", message=f"This pilot has no metric '{metric_id}'."
        )

    def series(self, metric_id: str) -> list[Measurement]:
        """The metric's measurements, oldest first."""
        return sorted((m for m in self.measurements if m.metric == metric_id), key=_by_date)


class PilotsSection(BaseModel):
    """The workbook record's ``pilots`` section: several pilots."""

    model_config = ConfigDict(extra="forbid")

    pilots: list[Pilot] = Field(default_factory=list, max_length=MAX_PILOTS)

    @model_validator(mode="after")
    def _unique_ids(self) -> PilotsSection:
        if repeated(p.id for p in self.pilots):
            raise ValueError("pilot ids must be unique")
        total = sum(len(p.measurements) for p in self.pilots)
        if total > MAX_SECTION_MEASUREMENTS:
            raise ValueError(
                f"{total:,} measurements in all; a workbook keeps at most "
                f"{MAX_SECTION_MEASUREMENTS:,}"
            )
        return self

    def pilot(self, pilot_id: str) -> Pilot:
        """The pilot with this id."""
        return by_id(
            self.pilots,
            pilot_id,
            "pilot",
            message=f"There is no pilot '{pilot_id}' in this workbook.",
        )


def _by_date(m: Measurement) -> dt.date:
    return m.date


def parse_section(data: Mapping[str, Any] | None) -> PilotsSection:
    """Validate a stored ``pilots`` section (``None`` or ``{}`` gives an empty one).

    Raises
    ------
    InputError
        When the stored data does not have the section's shape (for example a hand-edited file).
    """
    try:
        return PilotsSection.model_validate(dict(data or {}))
    except ValidationError as err:
        first = err.errors()[0]
        where = " -> ".join(str(p) for p in first["loc"]) or "(top level)"
        raise InputError(f"The saved pilots could not be read ({where}: {first['msg']}).") from None


def salvage_section(data: Any) -> tuple[PilotsSection, list[str]]:
    """What a page can open of a stored section that somehow holds a pilot it cannot read (an
    older version's, a hand-edited file's, one over a cap): every pilot that can be read, and a
    sentence naming each one that cannot. A section :func:`parse_section` reads comes back
    whole.

    >>> section, notes = salvage_section({"pilots": [{"id": "p1"}, {"id": "p2", "practice": 5}]})
    >>> [p.id for p in section.pilots], notes
    (['p1'], ["The saved pilot 'p2' could not be read (practice: Input should be a valid string); it is not shown."])
    """
    try:
        return parse_section(data), []
    except InputError as err:
        problem = str(err)
    raw = data.get("pilots") if isinstance(data, Mapping) else None
    if not isinstance(raw, list):
        return PilotsSection(), [f"{problem} The pilots are not shown."]
    pilots: list[Pilot] = []
    notes: list[str] = []
    for i, item in enumerate(raw[:MAX_PILOTS]):
        name = item.get("id") if isinstance(item, Mapping) else None
        label = f"'{str(name)[:64]}'" if name else f"number {i + 1}"
        try:
            pilot = Pilot.model_validate(item)
        except ValidationError as err:
            first = err.errors()[0]
            where = " -> ".join(str(p) for p in first["loc"]) or "(top level)"
            notes.append(
                f"The saved pilot {label} could not be read ({where}: {first['msg']}); "
                "it is not shown."
            )
            continue
        if pilot.id in {p.id for p in pilots}:
            notes.append(f"A second saved pilot {label} is not shown.")
            continue
        if sum(len(p.measurements) for p in pilots) + len(pilot.measurements) > (
            MAX_SECTION_MEASUREMENTS
        ):
            notes.append(
                f"The saved pilot {label} would bring the workbook over "
                f"{MAX_SECTION_MEASUREMENTS:,} measurements; it is not shown."
            )
            continue
        pilots.append(pilot)
    if len(raw) > MAX_PILOTS:
        notes.append(f"Only the first {MAX_PILOTS} of {len(raw):,} saved pilots are shown.")
    return PilotsSection(pilots=pilots), notes


def dump_section(section: PilotsSection) -> dict[str, Any]:
    """The section as plain JSON-able data, ready for the store."""
    return section.model_dump(mode="json")


def new_pilot_id(section: PilotsSection) -> str:
    """A pilot id not used yet in the section: ``pilot-1``, ``pilot-2``, ..."""
    used = {p.id for p in section.pilots}
    n = len(used) + 1
    while f"pilot-{n}" in used:
        n += 1
    return f"pilot-{n}"


def metric_from_suggestion(suggestion: MetricSuggestion) -> Metric:
    """A pilot metric made from one of the content's suggestions."""
    return Metric(
        id=suggestion.id, name=suggestion.name, unit=suggestion.unit, better=suggestion.better
    )


def check_pilot(pilot: Pilot) -> None:
    """Refuse a pilot over a cap of :mod:`playbook.limits` (what a page saves is checked
    here, as a restored workbook file is checked by the section model).

    Raises
    ------
    LimitError
        Naming what is over its cap, and the cap.
    """
    check_count(len(pilot.metrics), MAX_METRICS, "metrics in one pilot")
    check_count(
        len(pilot.measurements),
        MAX_MEASUREMENTS,
        "measurements in one pilot",
        "so that its charts and statistics stay quick; start a new pilot for a new period",
    )
    check_count(len(pilot.adoption), MAX_ADOPTION, "adoption entries in one pilot")
    for what, text in (
        ("the practice", pilot.practice),
        ("the project", pilot.project),
        ("the question", pilot.question),
        ("the prediction", pilot.prediction),
        ("the reason for the decision", pilot.decision.reason),
    ):
        check_text(text, what)
    for m in pilot.measurements:
        check_text(m.note, f"the note of {m.date.isoformat()}")


def replace_pilot(section: PilotsSection, pilot: Pilot) -> PilotsSection:
    """A copy of the section with ``pilot`` replacing the one of the same id (or appended).

    Raises
    ------
    LimitError
        When the pilot, or the number of pilots, is over a cap (:func:`check_pilot`).
    """
    check_pilot(pilot)
    pilots = [pilot if p.id == pilot.id else p for p in section.pilots]
    if pilot.id not in {p.id for p in section.pilots}:
        pilots.append(pilot)
        check_count(len(pilots), MAX_PILOTS, "pilots in one workbook")
    check_count(
        sum(len(p.measurements) for p in pilots),
        MAX_SECTION_MEASUREMENTS,
        "measurements in all the pilots of this workbook",
        "remove a finished pilot's measurements, or keep one value a week",
    )
    return PilotsSection(pilots=pilots)


def remove_pilot(section: PilotsSection, pilot_id: str) -> PilotsSection:
    """A copy of the section without the pilot of this id."""
    return PilotsSection(pilots=[p for p in section.pilots if p.id != pilot_id])


# --------------------------------------------------------------------------------------------
# Entering values: by hand and from CSV text
# --------------------------------------------------------------------------------------------


def phase_label(pilot: Pilot, day: dt.date) -> str:
    """Which phase a measurement of ``day`` belongs to, in the participant's words ("" while
    the change date is not set).

    >>> p = Pilot(id="p", baseline_start=dt.date(2026, 1, 5), change_date=dt.date(2026, 2, 2))
    >>> [phase_label(p, dt.date(2026, m, d)) for m, d in ((1, 1), (1, 12), (2, 2))]
    ['before the baseline', 'baseline', 'pilot']
    """
    if pilot.baseline_start and day < pilot.baseline_start:
        return "before the baseline"
    if pilot.change_date is None:
        return ""
    return "baseline" if day < pilot.change_date else "pilot"


def add_measurement(
    pilot: Pilot,
    metric_id: str,
    when: str | dt.date,
    value: str | float,
    note: str = "",
) -> Pilot:
    """A copy of ``pilot`` with one more measurement, typed by hand.

    Dates may be entered in any order (a forgotten week can be added later); a second value for
    the same metric and date is refused rather than overwriting the first.

    Raises
    ------
    MeasurementError
        When the value or the date cannot be read.
    DuplicateDateError
        When the metric already has a value on that date.
    """
    pilot.metric(metric_id)
    day = parse_date(when)
    number = parse_value(value)
    for m in pilot.measurements:
        if m.metric == metric_id and m.date == day:
            raise DuplicateDateError(
                f"There is already a value for {day.isoformat()} ({format_number(m.value)}). "
                "Remove it first if you want to replace it."
            )
    check_count(len(pilot.measurements) + 1, MAX_MEASUREMENTS, "measurements in one pilot")
    check_text(note.strip(), "the note")
    new = Measurement(metric=metric_id, date=day, value=number, note=note.strip())
    return pilot.model_copy(update={"measurements": [*pilot.measurements, new]})


def remove_measurement(pilot: Pilot, metric_id: str, when: str | dt.date) -> Pilot:
    """A copy of ``pilot`` without the metric's measurement on that date."""
    day = parse_date(when)
    kept = [m for m in pilot.measurements if not (m.metric == metric_id and m.date == day)]
    return pilot.model_copy(update={"measurements": kept})


def merge_measurements(pilot: Pilot, new: Iterable[Measurement]) -> Pilot:
    """A copy of ``pilot`` with imported measurements added.

    A row identical to one already there is skipped, so importing the same file twice is
    harmless; a row with a different value for a date already there is refused, so nothing
    entered before is silently replaced.

    Raises
    ------
    DuplicateDateError
        When an imported value conflicts with one already entered.
    LimitError
        When the pilot would hold more than :data:`~playbook.limits.MAX_MEASUREMENTS`.
    """
    known = {m.id for m in pilot.metrics}
    existing = {(m.metric, m.date): m for m in pilot.measurements}
    added: list[Measurement] = []
    for m in new:
        if len(pilot.measurements) + len(added) >= MAX_MEASUREMENTS and (
            (m.metric, m.date) not in existing
        ):
            raise LimitError(
                f"Refused: this pilot would hold more than {MAX_MEASUREMENTS:,} measurements "
                f"(it has {len(pilot.measurements):,}); a pilot keeps at most "
                f"{MAX_MEASUREMENTS:,}, so that its charts and statistics stay quick."
            )
        if m.metric not in known:
            raise InputError(f"This pilot has no metric '{m.metric}'.")
        old = existing.get((m.metric, m.date))
        if old is None:
            existing[(m.metric, m.date)] = m
            added.append(m)
        elif old.value != m.value:
            raise DuplicateDateError(
                f"{m.date.isoformat()} already has a value for {m.metric} ({format_number(old.value)}); "
                f"the file says {format_number(m.value)}. Remove one of them, then import again."
            )
    return pilot.model_copy(update={"measurements": [*pilot.measurements, *added]})


def parse_measurements_csv(
    data: bytes | str, metrics: Sequence[Metric], default_metric: str | None = None
) -> list[Measurement]:
    """A pilot's measurements from a CSV file's content: the file is read by
    :func:`playbook.imports.measurements.parse_measurements_csv` (which documents the format
    and its errors), each row made a :class:`Measurement`.

    Examples
    --------
    >>> m = Metric(id="revisions", name="Revisions per cut", unit="revisions", better="lower")
    >>> rows = parse_measurements_csv("date,value\\n2026-01-05,5\\n2026-01-12,4", [m], "revisions")
    >>> [(r.date.isoformat(), r.value) for r in rows]
    [('2026-01-05', 5.0), ('2026-01-12', 4.0)]
    """
    return _csv.parse_measurements_csv(data, metrics, default_metric, row=Measurement)


# --------------------------------------------------------------------------------------------
# Runs analysis (Anhøj rules, as in qicharts2)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RunsLimits:
    """Anhøj's limits for ``n`` useful observations (points not on the centre line)."""

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

    Examples
    --------
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
    side: Literal["above", "below"]
    indices: tuple[int, ...]


@dataclass(frozen=True)
class RunsResult:
    """The runs analysis of a series against a centre line."""

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


def runs_analysis(values: Sequence[float], centre: float) -> RunsResult:
    """The Anhøj runs analysis of ``values`` against ``centre``, as qicharts2 does it.

    Points exactly on the centre line are ignored: they neither break nor extend a run and do
    not count as useful observations. NaN values are ignored the same way. A crossing is a pair
    of consecutive useful points on opposite sides, so crossings = runs - 1.

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
    side: Literal["above", "below"] | None = None
    for i, v in enumerate(values):
        if v is None or (isinstance(v, float) and math.isnan(v)) or v == centre:
            continue
        s: Literal["above", "below"] = "above" if v > centre else "below"
        if s != side and current:
            runs.append(Run(current[0], current[-1], len(current), side, tuple(current)))  # type: ignore[arg-type]
            current = []
        side = s
        current.append(i)
    if current:
        runs.append(Run(current[0], current[-1], len(current), side, tuple(current)))  # type: ignore[arg-type]
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


# --------------------------------------------------------------------------------------------
# Individuals (XmR) chart
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class XmrLimits:
    """Individuals-chart limits computed from the baseline only."""

    centre: float
    mean_moving_range: float
    lower: float
    upper: float
    moving_range_upper: float
    n_baseline: int


def xmr_limits(baseline: Sequence[float]) -> XmrLimits:
    """Natural process limits from the baseline: mean +/- 3 sigma, sigma = the mean moving
    range / 1.128 (:data:`XMR_FACTOR` = 3 / 1.128 = 2.6596 times the mean moving range), as
    qicharts2's individuals chart computes them.

    The moving ranges are the absolute differences of consecutive baseline values; the limits
    are not recomputed with the pilot's values, so that a change shows against the old process.

    Examples
    --------
    >>> lim = xmr_limits([5, 6, 4, 5, 6, 5])
    >>> lim.centre, lim.mean_moving_range
    (5.166666666666667, 1.2)
    >>> round(lim.upper, 3), round(lim.lower, 3)
    (8.358, 1.975)
    """
    arr = np.asarray(baseline, dtype=float)
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
    """Indices of the values strictly above the upper or below the lower limit."""
    return tuple(i for i, v in enumerate(values) if v > limits.upper or v < limits.lower)


# --------------------------------------------------------------------------------------------
# Bootstrap interval of the change
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """The change of a statistic from baseline to pilot, pilot minus baseline, with its interval."""

    statistic: Literal["median", "mean"]
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


def _median_difference(baseline: np.ndarray, pilot: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.median(pilot, axis=axis) - np.median(baseline, axis=axis)


def _mean_difference(baseline: np.ndarray, pilot: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.mean(pilot, axis=axis) - np.mean(baseline, axis=axis)


_STATISTICS: dict[str, tuple[Callable[..., Any], Callable[..., Any]]] = {
    "median": (_median_difference, np.median),
    "mean": (_mean_difference, np.mean),
}


#: Resampled values held at once by one bootstrap (about 100 MB of working arrays): a longer
#: series is resampled in batches (the interval then differs from an unbatched one only by
#: the order the generator's numbers are used in; shorter series are not batched at all).
BOOTSTRAP_ELEMENTS = 3_000_000


def _bootstrap_batch(n_resamples: int, n_values: int) -> int | None:
    """How many resamples :func:`bootstrap_change` draws at once (None: all of them).

    >>> _bootstrap_batch(9999, 40) is None, _bootstrap_batch(9999, 2000)
    (True, 1500)
    """
    if n_resamples * n_values <= BOOTSTRAP_ELEMENTS:
        return None
    return max(1, BOOTSTRAP_ELEMENTS // n_values)


def bootstrap_change(
    baseline: Sequence[float],
    pilot: Sequence[float],
    statistic: Literal["median", "mean"] = "median",
    *,
    n_resamples: int = 9999,
    confidence_level: float = 0.95,
    seed: int = BOOTSTRAP_SEED,
) -> Change:
    """Pilot minus baseline for the median or mean, with a bootstrap interval.

    Uses :func:`scipy.stats.bootstrap` on the two samples resampled independently, the
    percentile method (the bias-corrected BCa method degenerates on medians of small samples
    with ties, common in counts such as revisions), and a fixed seed so the same data always
    give the same interval. Units are the metric's own.

    Examples
    --------
    >>> c = bootstrap_change([5, 6, 5, 7, 6, 5], [3, 2, 3, 4, 3, 2])
    >>> c.baseline, c.pilot, c.difference
    (5.5, 3.0, -2.5)
    >>> c.low <= c.difference <= c.high
    True
    """
    if statistic not in _STATISTICS:
        raise ValueError(f"statistic must be 'median' or 'mean', not {statistic!r}")
    b = np.asarray(baseline, dtype=float)
    p = np.asarray(pilot, dtype=float)
    if b.size < 2 or p.size < 2:
        raise ValueError("a bootstrap interval needs at least two values in each phase")
    difference, location = _STATISTICS[statistic]
    result = stats.bootstrap(
        (b, p),
        difference,
        n_resamples=n_resamples,
        confidence_level=confidence_level,
        method="percentile",
        vectorized=True,
        paired=False,
        rng=np.random.default_rng(seed),
        batch=_bootstrap_batch(n_resamples, b.size + p.size),
    )
    low, high = result.confidence_interval
    return Change(
        statistic=statistic,
        baseline=float(location(b)),
        pilot=float(location(p)),
        difference=float(difference(b, p)),
        low=float(low),
        high=float(high),
        confidence_level=confidence_level,
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
    better_side, worse_side = _chart_sides(evidence)
    if verdict_only:
        if better_side == worse_side:  # no one-sided signal: unclear, whatever the interval
            return _replace_verdict(evidence, "unclear")
        median_change = bootstrap_change(
            base, after, "median", n_resamples=n, confidence_level=level
        )
        from dataclasses import replace

        evidence = replace(evidence, median_change=median_change)
    assert median_change is not None
    interval = median_change.side(metric.better)
    verdict: Verdict = "unclear"
    if interval == "better" and better_side and not worse_side:
        verdict = "better"
    elif interval == "worse" and worse_side and not better_side:
        verdict = "worse"
    return _replace_verdict(evidence, verdict)


def _replace_verdict(evidence: MetricEvidence, verdict: Verdict) -> MetricEvidence:
    from dataclasses import replace

    return replace(evidence, verdict=verdict)


def _good_side(better: Better) -> Literal["above", "below"]:
    return "above" if better == "higher" else "below"


def _head_start(evidence: MetricEvidence, run: Run) -> int:
    """How many of the run's points come before the change."""
    return sum(1 for i in run.indices if i < evidence.first_pilot_index)


def _pilot_shifts(evidence: MetricEvidence) -> list[Run]:
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
            _head_start(evidence, r) <= most
            and r.length - _head_start(evidence, r) > runs.longest_run_max
        )
    ]


def runs_across_change(evidence: MetricEvidence) -> list[Run]:
    """The long runs that began before the change, go on after it, and do not count for it.

    Such a run is not evidence that the change caused it: the process was already on that side
    of the baseline median before the change (a trend, a drift, a change date set late). A run
    whose head start is at most the content's ``run_head_start_max`` points (by default one:
    a point on either side is as likely as not) counts for the change only through its points
    since the change (:func:`_pilot_shifts`); any other such run is listed here.

    Examples
    --------
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
    counted = _pilot_shifts(evidence)
    return [r for r in evidence.runs.shifts if r.start < first <= r.end and r not in counted]


def _pilot_beyond(evidence: MetricEvidence) -> list[int]:
    first = evidence.first_pilot_index
    return [i for i in evidence.beyond if i >= first]


def _chart_sides(evidence: MetricEvidence) -> tuple[bool, bool]:
    """Whether the charts show a signal after the change on the better / the worse side.

    A long run that began before the change counts on neither side for the change, and on
    both sides against it: the charts cannot tell the change from what was under way.
    """
    good = _good_side(evidence.metric.better)
    if runs_across_change(evidence):
        return True, True
    better = worse = False
    for run in _pilot_shifts(evidence):
        if run.side == good:
            better = True
        else:
            worse = True
    xmr = evidence.xmr
    for i in _pilot_beyond(evidence):
        above = xmr is not None and evidence.values[i] > xmr.upper
        if (above and good == "above") or (not above and good == "below"):
            better = True
        else:
            worse = True
    return better, worse


# --------------------------------------------------------------------------------------------
# Plain words
# --------------------------------------------------------------------------------------------


def format_number(x: float) -> str:
    """A number as a participant would write it: 2.5, 85, 0.25, 1200.

    >>> format_number(2.50), format_number(85.0), format_number(1234.5), format_number(-0.001)
    ('2.5', '85', '1234', '0')
    """
    if x == 0:
        return "0"
    a = abs(x)
    digits = 0 if a >= 100 else 1 if a >= 10 else 2
    text = f"{x:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _with_unit(x: float, unit: str) -> str:
    if not unit:
        return format_number(x)
    if unit in ("%", "percent"):
        return f"{format_number(x)}%"
    return f"{format_number(x)} {unit}"


def _moved(diff: float, unit: str) -> str:
    if diff == 0:
        return "did not move"
    return f"went {'up' if diff > 0 else 'down'} by {_with_unit(abs(diff), unit)}"


def _signed(x: float, unit: str) -> str:
    return ("+" if x > 0 else "") + _with_unit(x, unit)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


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
        f"Baseline: {_plural(evidence.n_baseline, 'point')}, median "
        f"{_with_unit(evidence.baseline_median or 0.0, unit)}. Since the change on "
        f"{evidence.change_date.isoformat()}: {_plural(evidence.n_pilot, 'point')}.",
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
        needs.append(f"{_plural(t.min_baseline_points, 'baseline point')}")
    if evidence.n_pilot < t.min_pilot_points:
        needs.append(f"{_plural(t.min_pilot_points, 'point')} since the change")
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
            f"{pct}% interval of the change {_signed(change.low, '')} to "
            f"{_signed(change.high, m.unit)}): {reading}."
        )
    return lines


def _run_lines(evidence: MetricEvidence) -> list[str]:
    """What the run chart shows after the change (shifts, crossings, or no signal)."""
    runs = evidence.runs
    if runs is None or not runs.n_useful:
        return []
    lines = []
    shifts = _pilot_shifts(evidence)
    across = runs_across_change(evidence)
    for run in across:
        before = _head_start(evidence, run)
        lines.append(
            f"Run chart: {run.length} points in a row {run.side} the baseline median, but the "
            f"run began {_plural(before, 'point')} before the change (on "
            f"{evidence.dates[run.start].isoformat()}): it was under way before the change, so "
            "it is not evidence that the change caused it."
        )
    if shifts:
        longest = max(shifts, key=lambda r: r.length)
        direction = "better" if longest.side == _good_side(evidence.metric.better) else "worse"
        before = _head_start(evidence, longest)
        since = longest.length - before
        head = (
            f"; the run began {_plural(before, 'point')} before the change (on "
            f"{evidence.dates[longest.start].isoformat()}), and its {since} points since the "
            "change alone are more than the limit"
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
            f"{_plural(runs.n_crossings, 'time')}, fewer than the minimum of "
            f"{runs.crossings_min} expected by chance for {runs.n_useful} useful points: "
            "a sign of non-random variation."
        )
    if not runs.signal:
        lines.append(
            f"Run chart: no signal (longest run {runs.longest_run}, limit "
            f"{runs.longest_run_max}; {_plural(runs.n_crossings, 'crossing')}, at least "
            f"{runs.crossings_min} expected)."
        )
    return lines


def _control_lines(evidence: MetricEvidence) -> list[str]:
    """What the XmR chart shows: points beyond the baseline limits, before and after."""
    xmr = evidence.xmr
    if xmr is None:
        return []
    good = _good_side(evidence.metric.better)
    after = _pilot_beyond(evidence)
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
            f"Control chart: {_plural(len(after), 'point')} since the change beyond the "
            f"baseline limits ({limits}): {', '.join(parts)}."
        )
    else:
        lines.append(
            f"Control chart: every point since the change is within the baseline limits ({limits})."
        )
    if before:
        lines.append(
            f"Control chart: {_plural(len(before), 'baseline point')} beyond the limits: "
            "the baseline had special causes of its own."
        )
    return lines


def next_step(evidence: Sequence[MetricEvidence], content: PilotsContent) -> str:
    """The playbook's next step for a pilot, from the verdicts of its metrics.

    All metrics better gives the "widen it" advice; any worse gives the "worse" advice; any
    metric still short of data gives the "keep measuring" advice; otherwise "unclear".
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


@dataclass(frozen=True)
class PilotResult:
    """What one pilot has shown so far: each metric's verdict, the playbook's next step and
    the participant's decision (``None`` until they decide)."""

    pilot_id: str
    practice: str
    verdicts: dict[str, Verdict]
    next_step: str
    decision: DecisionChoice | None


@dataclass(frozen=True)
class PilotsResult:
    """Every pilot's result, in the section's order."""

    pilots: tuple[PilotResult, ...]

    def decisions(self) -> dict[str, DecisionChoice | None]:
        """Each pilot's decision by pilot id."""
        return {p.pilot_id: p.decision for p in self.pilots}


def assess(section: PilotsSection, content: PilotsContent) -> PilotsResult:
    """Study every pilot: the verdict of each metric that has enough data, the next step.

    Examples
    --------
    >>> r = assess(PilotsSection(pilots=[Pilot(id="p1", practice="Daily stand-up")]),
    ...            load_content())
    >>> r.decisions(), r.pilots[0].verdicts
    ({'p1': None}, {})
    """
    out = []
    for pilot in section.pilots:
        # the verdicts and the next step only: intervals only where a verdict needs one
        evidence, _ = evaluate_pilot(pilot, content.thresholds, verdict_only=True)
        out.append(
            PilotResult(
                pilot_id=pilot.id,
                practice=pilot.practice,
                verdicts={k: e.verdict for k, e in evidence.items()},
                next_step=next_step(list(evidence.values()), content) if evidence else "",
                decision=pilot.decision.choice,
            )
        )
    return PilotsResult(tuple(out))


# --------------------------------------------------------------------------------------------
# Decision and adoption
# --------------------------------------------------------------------------------------------


def set_decision(
    pilot: Pilot, choice: DecisionChoice, reason: str, decided_on: str | dt.date
) -> Pilot:
    """A copy of ``pilot`` with its decision recorded.

    Raises
    ------
    InputError
        When the choice is not adopt, adapt or abandon, or the reason is empty (the playbook
        asks to document the evidence behind a change).
    """
    if choice not in ("adopt", "adapt", "abandon"):
        raise InputError("Choose adopt, adapt or abandon.")
    if not reason.strip():
        raise InputError("Write the reason for the decision in a sentence or two.")
    check_text(reason.strip(), "the reason")
    decision = Decision(choice=choice, reason=reason.strip(), decided_on=parse_date(decided_on))
    return pilot.model_copy(update={"decision": decision})


def add_adoption(
    pilot: Pilot,
    when: str | dt.date,
    teams_using: int | str,
    teams_total: int | str,
    note: str = "",
) -> Pilot:
    """A copy of ``pilot`` with an adoption-tracker entry (teams using the practice on a date).

    Raises
    ------
    InputError
        When the counts are not whole numbers, there are more teams using than in total, or the
        date already has an entry.
    """
    day = parse_date(when)
    try:
        using = int(str(teams_using).strip())
        total = int(str(teams_total).strip())
    except ValueError:
        raise InputError("Team counts must be whole numbers, for example 3 of 12.") from None
    if total < 1:
        raise InputError("The number of teams in total must be at least 1.")
    if not 0 <= using <= total:
        raise InputError(f"Teams using the practice must be between 0 and {total}.")
    if any(a.date == day for a in pilot.adoption):
        raise DuplicateDateError(
            f"There is already an adoption entry for {day.isoformat()}. Remove it first."
        )
    check_text(note.strip(), "the note")
    check_count(len(pilot.adoption) + 1, MAX_ADOPTION, "adoption entries in one pilot")
    entry = AdoptionEntry(date=day, teams_using=using, teams_total=total, note=note.strip())
    entries = sorted([*pilot.adoption, entry], key=lambda a: a.date)
    return pilot.model_copy(update={"adoption": entries})


def remove_adoption(pilot: Pilot, when: str | dt.date) -> Pilot:
    """A copy of ``pilot`` without the adoption entry on that date."""
    day = parse_date(when)
    return pilot.model_copy(update={"adoption": [a for a in pilot.adoption if a.date != day]})


def adoption_shares(entries: Sequence[AdoptionEntry]) -> list[tuple[dt.date, float]]:
    """(date, share of teams) pairs, oldest first; share between 0 and 1.

    Examples
    --------
    >>> e = [AdoptionEntry(date="2026-01-01", teams_using=3, teams_total=12)]
    >>> adoption_shares(e)
    [(datetime.date(2026, 1, 1), 0.25)]
    """
    return [(a.date, a.share) for a in sorted(entries, key=lambda a: a.date)]


#: The domain's one face to the rest of the app (registered in playbook.contract).
DOMAIN: Domain[PilotsSection, Any, Any] = Domain(
    section="pilots",
    model=PilotsSection,
    load_content=load_content,
    parse_section=parse_section,
    dump_section=dump_section,
    assess=assess,
)
