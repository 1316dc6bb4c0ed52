"""The workbook record's ``pilots`` section: the pilot models (in the shape of a PDSA cycle),
reading and writing the section, and its edits: a new pilot, a pilot's metrics, a pilot
replaced or removed (a pilot's own edits, its measurements, decision and adoption entries,
are :mod:`playbook.pilots.edits`).

Every model is frozen: an edit returns a new pilot or a new section (``model_copy``), and the
page saves what it gets back. Bad input raises a :class:`~playbook.errors.PlaybookError`
whose message is written for the participant.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import (
    Field,
    SerializerFunctionWrapHandler,
    ValidationError,
    field_validator,
    model_serializer,
    model_validator,
)

from playbook.contract import by_id, repeated
from playbook.errors import InputError
from playbook.limits import (
    MAX_ADOPTION,
    MAX_MEASUREMENTS,
    MAX_METRICS,
    MAX_PILOTS,
    MAX_SECTION_MEASUREMENTS,
    MAX_TEXT_CHARS,
    check_count,
    check_text,
)
from playbook.models import Strict, first_error, read_section
from playbook.pilots.content import ID_PATTERN, Better, DecisionChoice, MetricSuggestion
from playbook.pilots.drafts import PilotDraft

__all__ = [
    "AdoptionEntry",
    "Decision",
    "Measurement",
    "Metric",
    "Pilot",
    "PilotsSection",
    "check_pilot",
    "dump_section",
    "metric_from_suggestion",
    "new_pilot_id",
    "parse_section",
    "remove_pilot",
    "replace_pilot",
    "salvage_section",
]


# --------------------------------------------------------------------------------------------
# The models
# --------------------------------------------------------------------------------------------


class Metric(Strict):
    """What a pilot measures: a name, a unit and which direction is better."""

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1, max_length=200)
    unit: str = Field(default="", max_length=50)
    better: Better


class Measurement(Strict):
    """One value of one metric on one date."""

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


class Decision(Strict):
    """The act step: adopt, adapt or abandon, and why."""

    choice: DecisionChoice | None = None
    reason: str = Field(default="", max_length=MAX_TEXT_CHARS)
    decided_on: dt.date | None = None


class AdoptionEntry(Strict):
    """How many teams used the practice on a date, out of how many could."""

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


class Pilot(Strict):
    """One pilot experiment, in the shape of a PDSA cycle.

    Plan: ``practice``, ``project``, ``question``, ``prediction``, ``metrics``, ``teams``.
    Do: ``baseline_start``, ``change_date``, ``measurements``, and the rhythm of measuring
    the participant chose for their calendar (``rhythm_days``, chosen on ``rhythm_from``).
    Study: computed by :func:`playbook.pilots.verdicts.evaluate_metric`, never stored.
    Act: ``decision``, and the ``adoption`` tracker when the practice is widened.

    Measurements dated before ``change_date`` (and not before ``baseline_start``) form the
    baseline; those dated on or after ``change_date`` form the pilot phase.
    """

    id: str = Field(pattern=ID_PATTERN)
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
    #: Days between measurements, for the calendar's "next measurement" (``None``: not in
    #: the calendar), and the day the rhythm was chosen; written only once chosen.
    rhythm_days: int | None = Field(default=None, ge=1, le=366)
    rhythm_from: dt.date | None = None
    #: The community practice of the content's catalogue this pilot was started from
    #: (:func:`playbook.pilots.practices.pilot_practice`); written only when there is one.
    practice_id: str | None = Field(default=None, pattern=ID_PATTERN)

    @model_serializer(mode="wrap")
    def _without_unset_keys(self, handler: SerializerFunctionWrapHandler) -> Any:
        # a pilot without a rhythm or a practice is the same record as before the keys existed
        data = handler(self)
        for name in ("rhythm_days", "rhythm_from", "practice_id"):
            if isinstance(data, dict) and data.get(name, 0) is None:
                data.pop(name, None)
        return data

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
        if (self.rhythm_days is None) != (self.rhythm_from is None):
            raise ValueError("the measuring rhythm needs both its days and the day it was chosen")
        return self

    def metric(self, metric_id: str) -> Metric:
        """The pilot's metric with this id."""
        return by_id(
            self.metrics, metric_id, "metric", message=f"This pilot has no metric '{metric_id}'."
        )

    def series(self, metric_id: str) -> list[Measurement]:
        """The metric's measurements, oldest first."""
        return sorted((m for m in self.measurements if m.metric == metric_id), key=_by_date)


class PilotsSection(Strict):
    """The workbook record's ``pilots`` section: several pilots; the community practices the
    participant chose from the content's catalogue (their hours count as community time in
    the time split); and each pilot's unsent choices, kept as drafts (:mod:`.drafts`). The
    last two are written only when there are some."""

    pilots: list[Pilot] = Field(default_factory=list, max_length=MAX_PILOTS)
    practices: list[Annotated[str, Field(pattern=ID_PATTERN)]] = Field(
        default_factory=list, max_length=MAX_PILOTS
    )
    drafts: dict[Annotated[str, Field(pattern=ID_PATTERN)], PilotDraft] = Field(
        default_factory=dict, max_length=MAX_PILOTS
    )

    @model_serializer(mode="wrap")
    def _without_empty_parts(self, handler: SerializerFunctionWrapHandler) -> Any:
        # a section with no practice chosen and no draft is the same record as before
        data = handler(self)
        if isinstance(data, dict):
            for key in ("practices", "drafts"):
                if not data.get(key, 0):
                    data.pop(key, None)
        return data

    @model_validator(mode="after")
    def _unique_ids(self) -> PilotsSection:
        if repeated(p.id for p in self.pilots):
            raise ValueError("pilot ids must be unique")
        if repeated(self.practices):
            raise ValueError("a practice is chosen twice")
        total = sum(len(p.measurements) for p in self.pilots)
        if total > MAX_SECTION_MEASUREMENTS:
            raise ValueError(
                f"{total:,} measurements in all; a workbook keeps at most "
                f"{MAX_SECTION_MEASUREMENTS:,}"
            )
        return self

    def pilot(self, pilot_id: str) -> Pilot:
        """The pilot with this id."""
        return by_id(self.pilots, pilot_id, "pilot", where="in this workbook")


def _by_date(m: Measurement) -> dt.date:
    return m.date


# --------------------------------------------------------------------------------------------
# Reading and writing the section
# --------------------------------------------------------------------------------------------


def parse_section(data: Mapping[str, Any] | None) -> PilotsSection:
    """Validate a stored ``pilots`` section (``None`` or ``{}`` gives an empty one).

    Raises
    ------
    InputError
        When the stored data does not have the section's shape (for example a hand-edited file).
    """
    return read_section(PilotsSection, data, "pilots")


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
            notes.append(
                f"The saved pilot {label} could not be read ({first_error(err)}); it is not shown."
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
    return _salvage_rest(PilotsSection(pilots=pilots), data), notes


def _salvage_rest(section: PilotsSection, data: Mapping[str, Any]) -> PilotsSection:
    """``section`` with the stored chosen practices and drafts (of the pilots it kept), when
    they can be read; without them when they cannot (they are choices, not results)."""
    kept = {p.id for p in section.pilots}
    drafts = data.get("drafts")
    rest = {
        "practices": data.get("practices") or [],
        "drafts": {k: v for k, v in drafts.items() if k in kept}
        if isinstance(drafts, Mapping)
        else {},
    }
    try:
        return PilotsSection.model_validate({**rest, "pilots": section.pilots})
    except ValidationError:
        return section


def dump_section(section: PilotsSection) -> dict[str, Any]:
    """The section as plain JSON-able data, ready for the store."""
    return section.model_dump(mode="json")


# --------------------------------------------------------------------------------------------
# The section's pilots: new, checked, replaced, removed
# --------------------------------------------------------------------------------------------


def new_pilot_id(section: PilotsSection) -> str:
    """A pilot id not used yet in the section: ``pilot-1``, ``pilot-2``, ...

    >>> new_pilot_id(PilotsSection(pilots=[Pilot(id="pilot-1"), Pilot(id="pilot-3")]))
    'pilot-4'
    """
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
    """Refuse a pilot over a cap of :mod:`playbook.limits` when a page saves it (a restored
    workbook file meets the same caps in its model), as :func:`~playbook.limits.check_count`
    and :func:`~playbook.limits.check_text` do."""
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
    return PilotsSection(pilots=pilots, practices=section.practices, drafts=section.drafts)


def remove_pilot(section: PilotsSection, pilot_id: str) -> PilotsSection:
    """A copy of the section without the pilot of this id (and its drafts)."""
    return PilotsSection(
        pilots=[p for p in section.pilots if p.id != pilot_id],
        practices=section.practices,
        drafts={k: v for k, v in section.drafts.items() if k != pilot_id},
    )
