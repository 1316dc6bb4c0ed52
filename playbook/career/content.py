"""The navigator's content (``career_paths.yaml``): the three paths, the questions with their
options' weights, the thresholds, the adjacent areas and the article's claims."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from playbook.content import load_content as load_yaml
from playbook.contract import by_id
from playbook.models import Claim, Names, Strict, Text, Wording, require_keys, require_unique

__all__ = [
    "PATH_IDS",
    "Area",
    "CareerChanges",
    "CareerContent",
    "CareerPath",
    "CareerThresholds",
    "Option",
    "PathId",
    "Question",
    "load_content",
]

PathId = Literal["technical_specialist", "community_builder", "hybrid_integrator"]
PATH_IDS: tuple[PathId, ...] = ("technical_specialist", "community_builder", "hybrid_integrator")


class CareerPath(Strict):
    id: PathId
    name: str
    summary: str
    fits: str
    limitation: str


class Option(Strict):
    id: str
    label: str
    weights: dict[PathId, int]
    why: str

    @field_validator("weights")
    @classmethod
    def _all_paths_weighted(cls, weights: dict[PathId, int]) -> dict[PathId, int]:
        require_keys(weights, PATH_IDS, "weights missing for")
        if any(not -2 <= w <= 2 for w in weights.values()):
            raise ValueError("weights must be between -2 and 2")
        return weights


class Question(Strict):
    id: str
    text: str
    help: str = ""
    options: tuple[Option, ...] = Field(min_length=2)

    @field_validator("options")
    @classmethod
    def _unique_options(cls, options: tuple[Option, ...]) -> tuple[Option, ...]:
        require_unique("option ids", [o.id for o in options])
        return options

    def option(self, option_id: str) -> Option:
        return by_id(
            self.options,
            option_id,
            "answer",
            message=f"'{option_id}' is not an answer to the question '{self.text}'.",
        )


class CareerThresholds(Strict):
    min_context_answers: int = Field(ge=1)
    min_adjacent_areas: int = Field(ge=1)
    near_tie_points: float = Field(ge=0, le=100)


class Area(Strict):
    id: str
    label: str


class CareerChanges(Wording):
    """The sentences of what moved since an earlier snapshot (issue 20)."""

    recommended: Annotated[Text, Names("before", "now")]
    fit: Annotated[Text, Names("path", "before", "now", "delta")]
    preferred: Annotated[Text, Names("before", "now")]


class CareerContent(Strict):
    content_version: int
    paths: tuple[CareerPath, ...]
    thresholds: CareerThresholds
    context_questions: tuple[Question, ...] = Field(min_length=1)
    preference_questions: tuple[Question, ...] = Field(min_length=1)
    adjacent_areas: tuple[Area, ...]
    claims: tuple[Claim, ...]
    disclaimer: str
    changes: CareerChanges

    @model_validator(mode="after")
    def _consistent(self) -> CareerContent:
        if sorted(p.id for p in self.paths) != sorted(PATH_IDS):
            raise ValueError(f"paths must be exactly {', '.join(PATH_IDS)}")
        require_unique(
            "question ids", [q.id for q in self.context_questions + self.preference_questions]
        )
        return self

    def path(self, path_id: str) -> CareerPath:
        return by_id(self.paths, path_id, "career path")

    def question(self, question_id: str) -> Question:
        questions = self.context_questions + self.preference_questions
        return by_id(questions, question_id, "question", where="in this navigator")


def load_content() -> CareerContent:
    """The navigator's content (packaged, or the coach's copy under ``PLAYBOOK_CONTENT``),
    read again whenever the file changes (:func:`playbook.content.load_content` keys its
    cache on the file's path, modification time and size).

    >>> load_content().path("hybrid_integrator").name
    'Hybrid Integrator'
    """
    return load_yaml("career_paths", CareerContent)
