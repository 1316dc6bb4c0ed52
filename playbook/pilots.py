"""Pilot experiments: one practice, one project, measured before it is widened.

The playbook's way to change things (CONTENT.md section 5) is a small, measurable experiment:
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

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from scipy import stats

from playbook.content import load_content as load_yaml
from playbook.contract import by_id
from playbook.errors import ImportFileError, InputError
from playbook.imports import IMPORT_LIMIT_BYTES, check_size, decode_text

Better = Literal["higher", "lower"]
DecisionChoice = Literal["adopt", "adapt", "abandon"]
Verdict = Literal["better", "worse", "unclear", "not_enough_data"]
Phase = Literal["before", "baseline", "pilot"]

#: Shewhart's constant for individuals limits: 3 / d2, with d2 = 1.128 for moving ranges of 2.
XMR_FACTOR = 2.66
#: Upper limit of the moving-range chart: D4 for subgroups of 2 (Wheeler uses 3.268).
MR_UPPER_FACTOR = 3.268
#: Fixed seed so that the same measurements always give the same interval.
BOOTSTRAP_SEED = 20240521
#: Columns a measurements CSV must have, and the ones it may have.
CSV_REQUIRED_COLUMNS = ("date", "value")
CSV_OPTIONAL_COLUMNS = ("metric", "note")

_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


class MeasurementError(InputError):
    """Raised when a measurement's value or date cannot be used (not a number, missing)."""


class DuplicateDateError(MeasurementError):
    """Raised when a metric would get two measurements on the same date."""


class DateOrderError(MeasurementError):
    """Raised when the dates of a measurements file do not go forward."""


class ChangeDateError(InputError):
    """Raised when the change date leaves no baseline or no pilot phase in the data.

    ``pending`` is True when the pilot is merely not far enough along (no change date yet, no
    measurements yet, or none since the change): a normal state while a pilot runs, which a
    page may show as a note rather than as an error.
    """

    def __init__(self, message: str, *, pending: bool = False) -> None:
        super().__init__(message)
        self.pending = pending


class CsvColumnsError(ImportFileError):
    """Raised when a measurements file does not have the expected columns."""


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
        ids = [m.id for m in self.metrics]
        if len(ids) != len(set(ids)):
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
    name: str = Field(min_length=1)
    unit: str = ""
    better: Better


class Measurement(BaseModel):
    """One value of one metric on one date."""

    model_config = ConfigDict(extra="forbid")

    metric: str
    date: dt.date
    value: float
    note: str = ""

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
    reason: str = ""
    decided_on: dt.date | None = None


class AdoptionEntry(BaseModel):
    """How many teams used the practice on a date, out of how many could."""

    model_config = ConfigDict(extra="forbid")

    date: dt.date
    teams_using: int = Field(ge=0)
    teams_total: int = Field(ge=1)
    note: str = ""

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
    practice: str = ""
    project: str = ""
    question: str = ""
    prediction: str = ""
    metrics: list[Metric] = Field(default_factory=list)
    teams: list[str] = Field(default_factory=list)
    baseline_start: dt.date | None = None
    change_date: dt.date | None = None
    measurements: list[Measurement] = Field(default_factory=list)
    decision: Decision = Field(default_factory=Decision)
    adoption: list[AdoptionEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Pilot:
        ids = [m.id for m in self.metrics]
        if len(ids) != len(set(ids)):
            raise ValueError("metric ids must be unique within a pilot")
        seen: set[tuple[str, dt.date]] = set()
        for m in self.measurements:
            if m.metric not in ids:
                raise ValueError(f"measurement for unknown metric '{m.metric}'")
            if (m.metric, m.date) in seen:
                raise ValueError(f"two measurements of '{m.metric}' on {m.date.isoformat()}")
            seen.add((m.metric, m.date))
        dates = [a.date for a in self.adoption]
        if len(dates) != len(set(dates)):
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

    pilots: list[Pilot] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> PilotsSection:
        ids = [p.id for p in self.pilots]
        if len(ids) != len(set(ids)):
            raise ValueError("pilot ids must be unique")
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


def replace_pilot(section: PilotsSection, pilot: Pilot) -> PilotsSection:
    """A copy of the section with ``pilot`` replacing the one of the same id (or appended)."""
    pilots = [pilot if p.id == pilot.id else p for p in section.pilots]
    if pilot.id not in {p.id for p in section.pilots}:
        pilots.append(pilot)
    return PilotsSection(pilots=pilots)


def remove_pilot(section: PilotsSection, pilot_id: str) -> PilotsSection:
    """A copy of the section without the pilot of this id."""
    return PilotsSection(pilots=[p for p in section.pilots if p.id != pilot_id])


# --------------------------------------------------------------------------------------------
# Entering values: by hand and from CSV text
# --------------------------------------------------------------------------------------------


def parse_value(text: str | float | int, *, decimal_comma: bool = False) -> float:
    """A measurement value from what a participant typed.

    A trailing ``%`` is allowed (timeline adherence is often typed that way). With
    ``decimal_comma`` a value such as ``4,5`` reads as 4.5 (semicolon-separated files from a
    spreadsheet set to a European locale write decimals that way).

    Examples
    --------
    >>> parse_value(" 4.5 ")
    4.5
    >>> parse_value("85%")
    85.0
    >>> parse_value("4,5", decimal_comma=True)
    4.5
    >>> parse_value("abc")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    playbook.pilots.MeasurementError: "abc" is not a number: type digits, with a dot for ...
    """
    if isinstance(text, bool):
        raise MeasurementError(f'"{text}" is not a number.')
    if isinstance(text, int | float):
        if not math.isfinite(text):
            raise MeasurementError("The value must be a finite number.")
        return float(text)
    cleaned = (text or "").strip()
    if not cleaned:
        raise MeasurementError("The value is missing: type a number.")
    body = cleaned[:-1].rstrip() if cleaned.endswith("%") else cleaned
    if decimal_comma and _DECIMAL_COMMA.match(body):
        body = body.replace(",", ".")
    if not _NUMBER.match(body):
        raise MeasurementError(
            f'"{cleaned}" is not a number: type digits, with a dot for decimals (for example 4.5).'
        )
    return float(body)


def parse_date(text: str | dt.date) -> dt.date:
    """A date from ``YYYY-MM-DD`` (a timestamp such as ``2026-03-02T09:00`` keeps its date).

    Examples
    --------
    >>> parse_date("2026-03-02")
    datetime.date(2026, 3, 2)
    >>> parse_date("02/03/2026")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    playbook.pilots.MeasurementError: "02/03/2026" is not a date: write it as YYYY-MM-DD ...
    """
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    cleaned = (text or "").strip()
    if not cleaned:
        raise MeasurementError("The date is missing: write it as YYYY-MM-DD.")
    try:
        if len(cleaned) > 10:
            return dt.datetime.fromisoformat(cleaned).date()
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", cleaned):
            raise ValueError(cleaned)
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        raise MeasurementError(
            f'"{cleaned}" is not a date: write it as YYYY-MM-DD (for example 2026-03-02).'
        ) from None


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
                f"There is already a value for {day.isoformat()} ({_fmt(m.value)}). "
                "Remove it first if you want to replace it."
            )
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
    """
    known = {m.id for m in pilot.metrics}
    existing = {(m.metric, m.date): m for m in pilot.measurements}
    added: list[Measurement] = []
    for m in new:
        if m.metric not in known:
            raise InputError(f"This pilot has no metric '{m.metric}'.")
        old = existing.get((m.metric, m.date))
        if old is None:
            existing[(m.metric, m.date)] = m
            added.append(m)
        elif old.value != m.value:
            raise DuplicateDateError(
                f"{m.date.isoformat()} already has a value for {m.metric} ({_fmt(old.value)}); "
                f"the file says {_fmt(m.value)}. Remove one of them, then import again."
            )
    return pilot.model_copy(update={"measurements": [*pilot.measurements, *added]})


def _decode(data: bytes | str) -> str:
    """Text of an uploaded file, with the shared size limit and encoding detection."""
    if isinstance(data, str):
        return data
    if data.strip():  # an empty file gets the message naming the columns it needs
        check_size(data, IMPORT_LIMIT_BYTES)
    text, _encoding = decode_text(data)
    return text


def _sniff_delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _column_key(name: str) -> str:
    return name.strip().strip("\ufeff").strip().lower()


def _expected_columns() -> str:
    need = " and ".join(CSV_REQUIRED_COLUMNS)
    may = ", ".join(CSV_OPTIONAL_COLUMNS)
    return f"{need} (and, if you like, {may})"


def _problems_message(problems: list[str], limit: int = 3) -> str:
    shown = " ".join(problems[:limit])
    more = len(problems) - limit
    return shown + (
        f" (and {more} more {'problem' if more == 1 else 'problems'})" if more > 0 else ""
    )


def parse_measurements_csv(
    data: bytes | str,
    metrics: Sequence[Metric],
    default_metric: str | None = None,
) -> list[Measurement]:
    """Measurements from a CSV file's content (bytes or text; never a path).

    The file needs the columns ``date`` and ``value``; it may have ``metric`` (a metric's id or
    name) and ``note``. Without a ``metric`` column, every row is for ``default_metric``.
    Commas, semicolons and tabs are recognised as separators; with semicolons, ``4,5`` reads as
    4.5. Blank lines are skipped. Within each metric the dates must go forward and not repeat.

    Nothing is returned unless every row can be used, so a failed import loses nothing and adds
    nothing.

    Raises
    ------
    CsvColumnsError
        When a required column is missing; the message names the expected columns.
    MeasurementError, DuplicateDateError, DateOrderError
        When a row's value or date cannot be used; the message names the rows (up to three).
    ImportFileError
        When the file is too large or not text.

    Examples
    --------
    >>> m = Metric(id="revisions", name="Revisions per cut", unit="revisions", better="lower")
    >>> rows = parse_measurements_csv("date,value\\n2026-01-05,5\\n2026-01-12,4", [m], "revisions")
    >>> [(r.date.isoformat(), r.value) for r in rows]
    [('2026-01-05', 5.0), ('2026-01-12', 4.0)]
    """
    text = _decode(data)
    if not text.strip():
        raise CsvColumnsError(f"The file is empty. It needs the columns {_expected_columns()}.")
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
    except csv.Error as err:
        raise ImportFileError(f"The file could not be read as CSV ({err}).") from None
    keys = [_column_key(h) for h in header]
    missing = [c for c in CSV_REQUIRED_COLUMNS if c not in keys]
    if missing:
        have = ", ".join(h.strip() for h in header if h.strip()) or "no column names"
        raise CsvColumnsError(
            f"The file needs the columns {_expected_columns()}; "
            f"it has: {have}. Missing: {', '.join(missing)}."
        )
    col = {k: keys.index(k) for k in (*CSV_REQUIRED_COLUMNS, *CSV_OPTIONAL_COLUMNS) if k in keys}
    by_name: dict[str, str] = {}
    for known_metric in metrics:
        by_name[known_metric.id.lower()] = known_metric.id
        by_name[known_metric.name.strip().lower()] = known_metric.id
    if "metric" not in col:
        if default_metric is None:
            raise CsvColumnsError(
                "The file has no metric column: choose which metric these values are for, "
                "or add a metric column."
            )
        if default_metric not in {x.id for x in metrics}:
            raise InputError(f"This pilot has no metric '{default_metric}'.")

    problems: list[str] = []
    rows: list[tuple[int, Measurement]] = []
    try:
        for line_no, record in enumerate(reader, start=2):
            if not any(cell.strip() for cell in record):
                continue

            def cell(name: str, record: list[str] = record) -> str:
                i = col.get(name)
                return record[i] if i is not None and i < len(record) else ""

            try:
                day = parse_date(cell("date"))
                value = parse_value(cell("value"), decimal_comma=delimiter != ",")
            except MeasurementError as err:
                problems.append(f"Row {line_no}: {err}")
                continue
            if "metric" in col:
                named = cell("metric").strip()
                found = by_name.get(named.lower())
                if found is None:
                    known = ", ".join(x.id for x in metrics) or "none yet"
                    problems.append(
                        f'Row {line_no}: "{named}" is not one of this pilot\'s metrics ({known}).'
                    )
                    continue
                metric_id = found
            else:
                metric_id = str(default_metric)
            rows.append(
                (
                    line_no,
                    Measurement(metric=metric_id, date=day, value=value, note=cell("note").strip()),
                )
            )
    except csv.Error as err:
        raise ImportFileError(f"The file could not be read as CSV ({err}).") from None
    if problems:
        raise MeasurementError(_problems_message(problems))

    last: dict[str, tuple[int, dt.date]] = {}
    duplicates: list[str] = []
    disorder: list[str] = []
    for line_no, row in rows:
        previous = last.get(row.metric)
        if previous is not None:
            prev_line, prev_day = previous
            if row.date == prev_day:
                duplicates.append(
                    f"Rows {prev_line} and {line_no} both have {row.date.isoformat()} "
                    f"for {row.metric}."
                )
            elif row.date < prev_day:
                disorder.append(
                    f"Row {line_no} ({row.date.isoformat()}) comes after row {prev_line} "
                    f"({prev_day.isoformat()})."
                )
        last[row.metric] = (line_no, max(row.date, previous[1]) if previous else row.date)
    if duplicates:
        raise DuplicateDateError(
            _problems_message(duplicates) + " Keep one value per date and metric."
        )
    if disorder:
        raise DateOrderError(
            _problems_message(disorder)
            + " The dates must go forward; a date out of order is often a typo (check the year)."
        )
    if not rows:
        raise MeasurementError("The file has column names but no measurements.")
    return [m for _, m in rows]


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
    """Natural process limits from the baseline: mean +/- 2.66 x the mean moving range.

    The moving ranges are the absolute differences of consecutive baseline values; the limits
    are not recomputed with the pilot's values, so that a change shows against the old process.

    Examples
    --------
    >>> lim = xmr_limits([5, 6, 4, 5, 6, 5])
    >>> lim.centre, lim.mean_moving_range
    (5.166666666666667, 1.2)
    >>> round(lim.upper, 3), round(lim.lower, 3)
    (8.359, 1.975)
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


def evaluate_metric(pilot: Pilot, metric_id: str, thresholds: PilotThresholds) -> MetricEvidence:
    """The evidence for one metric: run chart, XmR chart, change intervals and a verdict.

    Points before ``baseline_start`` are shown but left out of the analysis. The runs analysis
    covers baseline and pilot together against the baseline median (qicharts2's "freeze").

    The verdict is ``not_enough_data`` below ``thresholds`` (fewer baseline or pilot points, or
    fewer useful points for the runs analysis, than the documented minimums). Otherwise it is
    ``better`` (or ``worse``) only when two kinds of evidence agree: the interval of the change
    in median lies wholly on the better (worse) side of zero, *and* a chart shows a signal on
    that side after the change (a run longer than the Anhøj limit that reaches into the pilot
    phase, or a pilot point beyond the baseline's XmR limits); with no contrary signal. Anything
    else is ``unclear``.

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
    median_change = mean_change = None
    if len(base) >= 2 and len(after) >= 2:
        n, level = t.bootstrap_resamples, t.confidence_level
        median_change = bootstrap_change(
            base, after, "median", n_resamples=n, confidence_level=level
        )
        mean_change = bootstrap_change(base, after, "mean", n_resamples=n, confidence_level=level)
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
        mean_change=mean_change,
        verdict="not_enough_data",
    )
    if not enough or median_change is None:
        return evidence
    better_side, worse_side = _chart_sides(evidence)
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


def _pilot_shifts(evidence: MetricEvidence) -> list[Run]:
    if evidence.runs is None:
        return []
    first = evidence.first_pilot_index
    return [r for r in evidence.runs.shifts if r.end >= first]


def _pilot_beyond(evidence: MetricEvidence) -> list[int]:
    first = evidence.first_pilot_index
    return [i for i in evidence.beyond if i >= first]


def _chart_sides(evidence: MetricEvidence) -> tuple[bool, bool]:
    """Whether the charts show a signal after the change on the better / the worse side."""
    good = _good_side(evidence.metric.better)
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


def _fmt(x: float) -> str:
    """A number as a participant would write it: 2.5, 85, 0.25, 1200."""
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
        return _fmt(x)
    if unit in ("%", "percent"):
        return f"{_fmt(x)}%"
    return f"{_fmt(x)} {unit}"


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
    t = evidence.thresholds
    unit = m.unit
    lines = [
        f"{m.name} ({unit + ', ' if unit else ''}{m.better} is better).",
        f"Baseline: {_plural(evidence.n_baseline, 'point')}, median "
        f"{_with_unit(evidence.baseline_median or 0.0, unit)}. Since the change on "
        f"{evidence.change_date.isoformat()}: {_plural(evidence.n_pilot, 'point')}.",
    ]
    if not evidence.enough_data:
        needs = []
        if evidence.n_baseline < t.min_baseline_points:
            needs.append(f"{_plural(t.min_baseline_points, 'baseline point')}")
        if evidence.n_pilot < t.min_pilot_points:
            needs.append(f"{_plural(t.min_pilot_points, 'point')} since the change")
        runs = evidence.runs
        if runs is not None and runs.n_useful < t.min_useful_points:
            needs.append(f"{t.min_useful_points} points off the baseline median in all")
        lines.append(
            content.verdicts["not_enough_data"]
            + (f" The workbook draws a conclusion from {' and '.join(needs)}." if needs else "")
        )
        return "\n".join(lines)

    pct = round(100 * t.confidence_level)
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
            f"The {change.statistic} {_moved(change.difference, unit)} "
            f"(from {_fmt(change.baseline)} to {_fmt(change.pilot)}; {pct}% interval of the "
            f"change {_signed(change.low, '')} to {_signed(change.high, unit)}): {reading}."
        )

    runs = evidence.runs
    good = _good_side(m.better)
    if runs is not None and runs.n_useful:
        shifts = _pilot_shifts(evidence)
        if shifts:
            longest = max(shifts, key=lambda r: r.length)
            direction = "better" if longest.side == good else "worse"
            lines.append(
                f"Run chart: a shift, {longest.length} points in a row {longest.side} the "
                f"baseline median (on the {direction} side); by chance, runs longer than "
                f"{runs.longest_run_max} are unlikely in {runs.n_useful} useful points."
            )
        elif runs.shift_signal:
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
    xmr = evidence.xmr
    if xmr is not None:
        after = _pilot_beyond(evidence)
        before = [i for i in evidence.beyond if i < evidence.first_pilot_index]
        limits = f"{_fmt(xmr.lower)} to {_fmt(xmr.upper)}"
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
                "Control chart: every point since the change is within the baseline limits "
                f"({limits})."
            )
        if before:
            lines.append(
                f"Control chart: {_plural(len(before), 'baseline point')} beyond the limits: "
                "the baseline had special causes of its own."
            )
    lines.append(content.verdicts[evidence.verdict])
    return "\n".join(lines)


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
    pilot: Pilot, thresholds: PilotThresholds
) -> tuple[dict[str, MetricEvidence], dict[str, ChangeDateError]]:
    """The evidence for each of the pilot's metrics that can be studied yet, and for each other
    metric the reason it cannot (a pending reason while the pilot is not far enough along)."""
    evidence: dict[str, MetricEvidence] = {}
    problems: dict[str, ChangeDateError] = {}
    for m in pilot.metrics:
        try:
            evidence[m.id] = evaluate_metric(pilot, m.id, thresholds)
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
        evidence, _ = evaluate_pilot(pilot, content.thresholds)
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
