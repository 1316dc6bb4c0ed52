"""The pilot workbook's content (``playbook/content/pilots.yaml``): suggested metrics, the
documented thresholds of the analysis, the decisions and the words of the verdicts."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from playbook.content import load_content as load_yaml
from playbook.contract import by_id
from playbook.models import Claim, Names, Strict, Text, Wording, require_known, require_unique

__all__ = [
    "ID_PATTERN",
    "Better",
    "DecisionChoice",
    "DecisionOption",
    "MetricSuggestion",
    "PilotDates",
    "Rhythm",
    "PilotThresholds",
    "Practice",
    "PilotsContent",
    "Verdict",
    "load_content",
]

Better = Literal["higher", "lower"]
DecisionChoice = Literal["adopt", "adapt", "abandon"]
Verdict = Literal["better", "worse", "unclear", "not_enough_data"]
#: What a pilot's, a metric's and a suggested metric's id looks like.
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"


class MetricSuggestion(Strict):
    """A metric the workbook suggests, with its unit and which direction is better."""

    id: str = Field(pattern=ID_PATTERN)
    name: Text
    unit: str = ""
    better: Better
    hint: str = ""


class Practice(Strict):
    """A community practice of the article, as a pilot idea: the article's words
    (``quote``, from its ``section``) and this workbook's idea, question, suggested metric
    (an id of the content's ``metrics``) and the keywords that mark its time in a time log."""

    id: str = Field(pattern=ID_PATTERN)
    name: Text
    quote: Text
    section: Text
    idea: Text
    question: str = ""
    metric: str
    keywords: tuple[str, ...] = Field(min_length=1)

    @field_validator("keywords")
    @classmethod
    def _keywords(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(" ".join(k.split()).lower() for k in value)
        if any(not k or len(k) > 80 for k in cleaned):
            raise ValueError("a keyword is empty or longer than 80 characters")
        return cleaned


class PilotThresholds(Strict):
    """Documented defaults of the analysis; none of these numbers comes from the article."""

    min_baseline_points: int = Field(ge=2)
    #: A long run that began at most this many points before the change may still count for
    #: the change, through its points since the change alone (see
    #: :func:`playbook.pilots.verdicts.runs_across_change`).
    run_head_start_max: int = Field(default=1, ge=0)
    min_pilot_points: int = Field(ge=2)
    min_useful_points: int = Field(ge=2)
    bootstrap_resamples: int = Field(ge=100)
    confidence_level: float = Field(gt=0.5, lt=1.0)


class DecisionOption(Strict):
    """One of adopt, adapt, abandon, with the words the workbook uses for it."""

    id: DecisionChoice
    label: Text
    meaning: Text


class Rhythm(Strict):
    """A rhythm of measuring the pilots page offers: days between measurements, in words."""

    days: int = Field(ge=1, le=366)
    label: Text


class PilotDates(Wording):
    """What the cadence (the calendar and the start page's lists) says of a pilot's next
    measurement, and the rhythms of measuring the pilots page offers."""

    measurement: Annotated[Text, Names("practice")]
    measurement_detail: Annotated[str, Names("project", "rhythm")] = ""
    no_rhythm: Text
    other_rhythm: Annotated[Text, Names("days")]
    #: The pilots page's choice of the rhythm, and what it says of the next measurement.
    rhythm_label: Text
    next_due: Annotated[Text, Names("day")]
    decided: Text
    rhythms: tuple[Rhythm, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _distinct(self) -> PilotDates:
        require_unique("days among the rhythms of measuring", [r.days for r in self.rhythms])
        return self


class PilotsContent(Strict):
    """Everything coach-editable about the pilot workbook."""

    title: str
    intro: str
    pdsa_prompts: dict[str, str]
    metrics: list[MetricSuggestion] = Field(min_length=1)
    thresholds: PilotThresholds
    decisions: list[DecisionOption] = Field(min_length=3, max_length=3)
    verdicts: dict[Verdict, str]
    next_steps: dict[Verdict, str]
    advice: list[str] = Field(min_length=1)
    dates: PilotDates
    claims: list[Claim] = Field(default_factory=list)
    #: The community practices to pilot (the catalogue), and the words above them.
    practices_intro: str = ""
    practices: list[Practice] = Field(default_factory=list)

    @field_validator("verdicts", "next_steps")
    @classmethod
    def _every_verdict(cls, value: dict[str, str]) -> dict[str, str]:
        missing = {"better", "worse", "unclear", "not_enough_data"} - set(value)
        if missing:
            raise ValueError(f"missing wording for {', '.join(sorted(missing))}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> PilotsContent:
        require_unique("metric ids", [m.id for m in self.metrics])
        if {d.id for d in self.decisions} != {"adopt", "adapt", "abandon"}:
            raise ValueError("decisions must be adopt, adapt and abandon")
        t = self.thresholds
        if t.min_useful_points > t.min_baseline_points + t.min_pilot_points:
            raise ValueError("min_useful_points cannot exceed baseline plus pilot minimums")
        require_unique("practice ids", [p.id for p in self.practices])
        metric_ids = {m.id for m in self.metrics}
        for p in self.practices:
            require_known(f"practice '{p.id}'", "metric", p.metric, metric_ids)
        return self

    def metric(self, metric_id: str) -> MetricSuggestion:
        """The suggested metric with this id."""
        return by_id(self.metrics, metric_id, "suggested metric")

    def practice(self, practice_id: str) -> Practice:
        """The community practice of the catalogue with this id."""
        return by_id(self.practices, practice_id, "community practice")


def load_content() -> PilotsContent:
    """Load and validate ``pilots.yaml`` (the coach's copy if ``PLAYBOOK_CONTENT`` has one).

    Examples
    --------
    >>> content = load_content()
    >>> content.metric("revision_count").better
    'lower'
    """
    return load_yaml("pilots", PilotsContent)
