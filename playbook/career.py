"""The career-path navigator: fit to the environment, preference, and the gap between them.

The playbook's central rule (docs/CONTENT.md, section 2) is to choose a career path from the
organizational context rather than from personal preference. So the navigator scores each path
twice, from two separate sets of questions, and never mixes them:

* **fit**: how strongly the organizational context calls for the path;
* **preference**: how strongly the participant's own leanings and strengths point to it.

The recommendation follows fit alone; preference is shown beside it, with the gap.

Scores are 0-100: the weights of the chosen options, summed over the answered questions and
scaled between the lowest and highest sums those same questions allow::

    score = 100 * (sum(w_chosen) - sum(min_w)) / (sum(max_w) - sum(min_w))

so an unanswered question neither helps nor hurts a path.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from playbook.content import load_content as load_yaml
from playbook.contract import Domain, by_id, repeated
from playbook.errors import InputError

PathId = Literal["technical_specialist", "community_builder", "hybrid_integrator"]
PATH_IDS: tuple[PathId, ...] = ("technical_specialist", "community_builder", "hybrid_integrator")


# --- content -------------------------------------------------------------------------------


def _no_duplicates(what: str, ids: list[str]) -> None:
    """Refuse ids that stand more than once, naming them all (sorted)."""
    dupes = sorted(repeated(ids))
    if dupes:
        raise ValueError(f"duplicate {what} ids: {', '.join(dupes)}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CareerPath(_Strict):
    id: PathId
    name: str
    summary: str
    fits: str
    limitation: str


class Option(_Strict):
    id: str
    label: str
    weights: dict[PathId, int]
    why: str

    @field_validator("weights")
    @classmethod
    def _all_paths_weighted(cls, weights: dict[PathId, int]) -> dict[PathId, int]:
        missing = [p for p in PATH_IDS if p not in weights]
        if missing:
            raise ValueError(f"weights missing for {', '.join(missing)}")
        if any(not -2 <= w <= 2 for w in weights.values()):
            raise ValueError("weights must be between -2 and 2")
        return weights


class Question(_Strict):
    id: str
    text: str
    help: str = ""
    options: tuple[Option, ...] = Field(min_length=2)

    @field_validator("options")
    @classmethod
    def _unique_options(cls, options: tuple[Option, ...]) -> tuple[Option, ...]:
        _no_duplicates("option", [o.id for o in options])
        return options

    def option(self, option_id: str) -> Option:
        return by_id(
            self.options,
            option_id,
            "answer",
            message=f"'{option_id}' is not an answer to the question '{self.text}'.",
        )


class Thresholds(_Strict):
    min_context_answers: int = Field(ge=1)
    min_adjacent_areas: int = Field(ge=1)
    near_tie_points: float = Field(ge=0, le=100)


class Area(_Strict):
    id: str
    label: str


class Claim(_Strict):
    id: str
    text: str


class CareerContent(_Strict):
    content_version: int
    paths: tuple[CareerPath, ...]
    thresholds: Thresholds
    context_questions: tuple[Question, ...] = Field(min_length=1)
    preference_questions: tuple[Question, ...] = Field(min_length=1)
    adjacent_areas: tuple[Area, ...]
    claims: tuple[Claim, ...]
    disclaimer: str

    @model_validator(mode="after")
    def _consistent(self) -> CareerContent:
        if sorted(p.id for p in self.paths) != sorted(PATH_IDS):
            raise ValueError(f"paths must be exactly {', '.join(PATH_IDS)}")
        _no_duplicates(
            "question", [q.id for q in self.context_questions + self.preference_questions]
        )
        return self

    def path(self, path_id: str) -> CareerPath:
        return by_id(self.paths, path_id, "career path")

    def question(self, question_id: str) -> Question:
        return by_id(
            self.context_questions + self.preference_questions,
            question_id,
            "question",
            message=f"There is no question '{question_id}' in this navigator.",
        )


@cache
def _load_cached(_env_key: str | None) -> CareerContent:
    return load_yaml("career_paths", CareerContent)


def load_content() -> CareerContent:
    """The navigator's content (packaged, or the coach's copy under ``PLAYBOOK_CONTENT``)."""
    import os

    return _load_cached(os.environ.get("PLAYBOOK_CONTENT"))


# --- the participant's section of the workbook record ---------------------------------------


#: Adjacent areas, and areas of one's own, a section keeps (a default of this workbook).
MAX_AREAS = 100


class CareerSection(BaseModel):
    """The ``career`` section of a workbook record: answers by question id, chosen areas."""

    model_config = ConfigDict(extra="forbid")

    context: dict[str, str] = Field(default_factory=dict)
    preference: dict[str, str] = Field(default_factory=dict)
    areas: list[str] = Field(default_factory=list, max_length=MAX_AREAS)
    own_areas: list[str] = Field(default_factory=list, max_length=MAX_AREAS)

    @field_validator("own_areas")
    @classmethod
    def _clean_own(cls, values: list[str]) -> list[str]:
        cleaned: list[str] = []
        for v in values:
            v = " ".join(v.split())
            if len(v) > 80:
                raise ValueError("an area name is at most 80 characters")
            if v and v.casefold() not in {c.casefold() for c in cleaned}:
                cleaned.append(v)
        return cleaned


def parse_section(
    data: Mapping[str, Any] | None, content: CareerContent | None = None
) -> CareerSection:
    """The ``career`` section from the record's plain dict (``None`` or ``{}``: no answers yet),
    every answer checked against the content (by default :func:`load_content`'s).

    Raises
    ------
    InputError
        When the data does not have the section's shape, or an answer names a question, an
        option or an area the content lacks (:func:`check_section`).

    >>> parse_section({"areas": ["budgeting"]}).areas
    ['budgeting']
    >>> parse_section({"context": {"standardization": "not-an-option"}})
    Traceback (most recent call last):
    playbook.errors.UnknownIdError: 'not-an-option' is not an answer to the question 'How standardized are the processes in your organization?'.
    """
    try:
        section = CareerSection.model_validate(dict(data or {}))
    except ValidationError as err:
        first = err.errors()[0]
        where = " -> ".join(str(p) for p in first["loc"]) or "(top level)"
        raise InputError(
            f"The saved career answers could not be read ({where}: {first['msg']})."
        ) from None
    check_section(content or load_content(), section)
    return section


def salvage_section(
    data: Any, content: CareerContent | None = None
) -> tuple[CareerSection, list[str]]:
    """What a page can open of a stored section that somehow holds bad values (written by an
    older version, or by hand): the answers that are on the content's scale, and a sentence
    naming each one left out. A section :func:`parse_section` reads comes back whole.

    >>> section, notes = salvage_section(
    ...     {"context": {"standardization": "not-an-option", "transition": "major"}})
    >>> section.context, notes
    ({'transition': 'major'}, ["The saved answer 'not-an-option' to 'How standardized are the processes in your organization?' is not one of its options; it is not shown."])
    """
    content = content or load_content()
    raw = data if isinstance(data, Mapping) else {}
    notes: list[str] = (
        []
        if isinstance(data, Mapping | None)
        else ["The saved career answers could not be read; they are not shown."]
    )
    kept: dict[str, Any] = {}
    for group, questions in (
        ("context", content.context_questions),
        ("preference", content.preference_questions),
    ):
        stored = raw.get(group)
        answers: Mapping[Any, Any] = stored if isinstance(stored, Mapping) else {}
        known = {q.id: q for q in questions}
        kept[group] = {}
        for qid, oid in answers.items():
            question = known.get(qid)
            if question is None:
                notes.append(
                    f"A saved answer to a question this navigator lacks ('{qid}') is not shown."
                )
            elif not isinstance(oid, str) or oid not in {o.id for o in question.options}:
                notes.append(
                    f"The saved answer {oid!r} to '{question.text}' is not one of its options; "
                    "it is not shown."
                )
            else:
                kept[group][qid] = oid
    area_ids = {a.id for a in content.adjacent_areas}
    stored_areas = raw.get("areas")
    areas: list[Any] = stored_areas if isinstance(stored_areas, list) else []
    kept["areas"] = [a for a in areas if isinstance(a, str) and a in area_ids]
    if len(kept["areas"]) != len(areas):
        notes.append(
            f"{len(areas) - len(kept['areas'])} saved adjacent area(s) this navigator lacks are not shown."
        )
    stored_own = raw.get("own_areas")
    own: list[Any] = stored_own if isinstance(stored_own, list) else []
    kept["own_areas"] = [a for a in own if isinstance(a, str) and len(" ".join(a.split())) <= 80]
    if len(kept["own_areas"]) != len(own):
        notes.append("Some of your own saved areas could not be read; they are not shown.")
    for group in ("areas", "own_areas"):
        if len(kept[group]) > MAX_AREAS:
            notes.append(f"Only the first {MAX_AREAS} saved areas are shown.")
            kept[group] = kept[group][:MAX_AREAS]
    return CareerSection.model_validate(kept), notes


def dump_section(section: CareerSection) -> dict[str, Any]:
    """The section as the record's plain JSON-able dict."""
    return section.model_dump(mode="json")


def check_section(content: CareerContent, section: CareerSection) -> None:
    """Raise :class:`InputError` if an answer names a question or option the content lacks."""
    for group, questions in (
        (section.context, content.context_questions),
        (section.preference, content.preference_questions),
    ):
        known = {q.id: q for q in questions}
        for qid, oid in group.items():
            if qid not in known:
                raise InputError(f"The workbook answers a question this navigator lacks: '{qid}'.")
            known[qid].option(oid)
    area_ids = {a.id for a in content.adjacent_areas}
    unknown = [a for a in section.areas if a not in area_ids]
    if unknown:
        raise InputError(f"Unknown adjacent area: '{unknown[0]}'.")


# --- scoring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """One answer's push on one path: ``weight`` > 0 raises it, < 0 lowers it."""

    question_id: str
    option_id: str
    weight: int
    why: str


@dataclass(frozen=True)
class PathScore:
    path: PathId
    score: float | None  # None when no question of the set is answered
    reasons: tuple[Reason, ...]


def score_paths(
    questions: tuple[Question, ...], answers: dict[str, str]
) -> dict[PathId, PathScore]:
    """Score every path from the answered questions among ``questions``.

    Examples
    --------
    >>> content = load_content()
    >>> s = score_paths(content.context_questions, {"standardization": "high"})
    >>> s["technical_specialist"].score, s["community_builder"].score
    (100.0, 0.0)
    >>> score_paths(content.context_questions, {})["hybrid_integrator"].score is None
    True
    """
    answered = [(q, q.option(answers[q.id])) for q in questions if q.id in answers]
    result: dict[PathId, PathScore] = {}
    for path in PATH_IDS:
        if not answered:
            result[path] = PathScore(path, None, ())
            continue
        got = sum(opt.weights[path] for _, opt in answered)
        low = sum(min(o.weights[path] for o in q.options) for q, _ in answered)
        high = sum(max(o.weights[path] for o in q.options) for q, _ in answered)
        score = 50.0 if high == low else 100.0 * (got - low) / (high - low)
        reasons = tuple(
            sorted(
                (Reason(q.id, opt.id, opt.weights[path], opt.why) for q, opt in answered),
                key=lambda r: -abs(r.weight),
            )
        )
        result[path] = PathScore(path, round(score, 1), reasons)
    return result


def leaders(scores: dict[PathId, PathScore]) -> list[PathId]:
    """The paths sharing the top score (more than one means a tie), in content order.

    >>> leaders({p: PathScore(p, s, ()) for p, s in zip(PATH_IDS, (40.0, 70.0, 70.0))})
    ['community_builder', 'hybrid_integrator']
    """
    known = {p: s.score for p, s in scores.items() if s.score is not None}
    if not known:
        return []
    top = max(known.values())
    return [p for p in PATH_IDS if known.get(p) == top]


@dataclass(frozen=True)
class Change:
    """A set of answer changes that would put ``path`` first by fit, alone."""

    path: PathId
    edits: tuple[tuple[str, str, str], ...]  # (question id, from option id, to option id)


def what_would_change(
    content: CareerContent, context: dict[str, str], max_edits: int = 2
) -> list[Change]:
    """For each path not currently alone in first place, the smallest change of context answers
    (at most ``max_edits`` answers; fewest first, then the largest winning margin) that would put
    it alone in first place. Paths that no such change reaches are left out.

    Only answered questions are changed: the navigator explains the answers given, and an
    unanswered question is shown as one that could still move the result.
    """
    questions = [q for q in content.context_questions if q.id in context]
    current = leaders(score_paths(content.context_questions, context))
    out: list[Change] = []
    for path in PATH_IDS:
        if current == [path]:
            continue
        found: Change | None = None
        for n in range(1, max_edits + 1):
            best: tuple[float, Change] | None = None
            for qs in itertools.combinations(questions, n):
                alternatives = [[o for o in q.options if o.id != context[q.id]] for q in qs]
                for choice in itertools.product(*alternatives):
                    trial = dict(context)
                    for q, o in zip(qs, choice, strict=True):
                        trial[q.id] = o.id
                    scores = score_paths(content.context_questions, trial)
                    if leaders(scores) != [path]:
                        continue
                    others = [scores[p].score or 0.0 for p in PATH_IDS if p != path]
                    margin = (scores[path].score or 0.0) - max(others)
                    edits = tuple(
                        (q.id, context[q.id], o.id) for q, o in zip(qs, choice, strict=True)
                    )
                    if best is None or margin > best[0]:
                        best = (margin, Change(path, edits))
            if best is not None:
                found = best[1]
                break
        if found is not None:
            out.append(found)
    return out


@dataclass(frozen=True)
class Assessment:
    """Everything the navigator shows, derived from content and one participant's answers."""

    fit: dict[PathId, PathScore]
    preference: dict[PathId, PathScore]
    context_answered: int
    context_total: int
    preference_answered: int
    enough: bool
    recommended: list[PathId]  # by environment; several = a tie; empty until enough answers
    preferred: list[PathId]
    gap: dict[PathId, float | None]  # preference minus fit, in points
    changes: list[Change]
    near_tie: list[PathId]
    areas: list[str] = field(default_factory=list)
    areas_needed: int = 3

    @property
    def agrees(self) -> bool | None:
        """Whether preference and environment point to the same path (None: not known yet)."""
        if not self.recommended or not self.preferred:
            return None
        return bool(set(self.recommended) & set(self.preferred))

    @property
    def diversified(self) -> bool:
        return len(self.areas) >= self.areas_needed


def assess(section: CareerSection, content: CareerContent) -> Assessment:
    """Score fit and preference, name the recommendation, the gap and what would change it.

    Examples
    --------
    >>> content = load_content()
    >>> answers = {"standardization": "adhoc", "work_type": "creative",
    ...            "transition": "major", "cross_functional": "most"}
    >>> a = assess(CareerSection(context=answers, preference={"energy": "tools"}), content)
    >>> a.recommended, a.preferred, a.agrees
    (['community_builder'], ['technical_specialist'], False)
    """
    check_section(content, section)
    fit = score_paths(content.context_questions, section.context)
    pref = score_paths(content.preference_questions, section.preference)
    n_context = sum(1 for q in content.context_questions if q.id in section.context)
    enough = n_context >= content.thresholds.min_context_answers
    recommended = leaders(fit) if enough else []
    gap: dict[PathId, float | None] = {}
    for p in PATH_IDS:
        f, s = fit[p].score, pref[p].score
        gap[p] = None if f is None or s is None else round(s - f, 1)
    near: list[PathId] = []
    if recommended:
        top = fit[recommended[0]].score or 0.0
        near = [
            p
            for p in PATH_IDS
            if p not in recommended
            and fit[p].score is not None
            and top - (fit[p].score or 0.0) <= content.thresholds.near_tie_points
        ]
    labels = {a.id: a.label for a in content.adjacent_areas}
    areas = [labels[a] for a in section.areas if a in labels] + list(section.own_areas)
    return Assessment(
        fit=fit,
        preference=pref,
        context_answered=n_context,
        context_total=len(content.context_questions),
        preference_answered=sum(
            1 for q in content.preference_questions if q.id in section.preference
        ),
        enough=enough,
        recommended=recommended,
        preferred=leaders(pref),
        gap=gap,
        changes=what_would_change(content, section.context) if enough else [],
        near_tie=near,
        areas=areas,
        areas_needed=content.thresholds.min_adjacent_areas,
    )


# --- plain words -----------------------------------------------------------------------------


def _names(content: CareerContent, paths: list[PathId]) -> str:
    names = [content.path(p).name for p in paths]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def explain_recommendation(content: CareerContent, a: Assessment) -> str:
    """One or two sentences: what the environment calls for, and how sure that is."""
    if not a.enough:
        need = content.thresholds.min_context_answers - a.context_answered
        return (
            f"Answer {need} more question{'s' if need != 1 else ''} about your organization "
            "to see which path your environment calls for."
        )
    names = _names(content, a.recommended)
    if len(a.recommended) > 1:
        return f"Your environment calls equally for {names}: a tie. Answer more questions, or discuss which fits your next projects."
    text = f"Your environment calls for the {names} path (fit {a.fit[a.recommended[0]].score:.0f}/100)."
    if a.near_tie:
        text += f" {_names(content, a.near_tie)} is close behind, so small changes could swap them."
    return text


def explain_gap(content: CareerContent, a: Assessment) -> str:
    """The gap between environment and preference, in plain words."""
    if not a.preferred:
        return "Answer the questions about your preferences to see how they compare with your environment."
    if not a.recommended:
        return f"Your preferences lean to {_names(content, a.preferred)}; answer more about your organization to compare."
    if a.agrees:
        return (
            f"Your preference ({_names(content, a.preferred)}) and your environment agree. "
            "The playbook's rule is still to let the environment decide."
        )
    env, pref = a.recommended[0], a.preferred[0]
    return (
        f"Your environment calls for {_names(content, a.recommended)}, while your preferences lean "
        f"to {_names(content, a.preferred)} (preference {a.preference[pref].score:.0f} vs. fit "
        f"{a.fit[pref].score:.0f} for it; {a.fit[env].score:.0f} fit for {content.path(env).name}). "
        "The playbook's rule is to choose by environment, not by preference."
    )


def explain_change(content: CareerContent, change: Change) -> str:
    """A change of answers in plain words."""
    parts = []
    for qid, old, new in change.edits:
        q = content.question(qid)
        parts.append(f"“{q.text}” were “{q.option(new).label}” instead of “{q.option(old).label}”")
    return f"{content.path(change.path).name} would come first if " + " and ".join(parts) + "."


def explain_reasons(content: CareerContent, score: PathScore, limit: int = 3) -> list[str]:
    """The answers that moved a path's score most, strongest first."""
    lines = []
    for r in score.reasons[:limit]:
        if r.weight == 0:
            continue
        direction = "raises" if r.weight > 0 else "lowers"
        lines.append(f"{direction} it ({r.weight:+d}): {r.why}")
    return lines


#: The domain's one face to the rest of the app (registered in playbook.contract).
DOMAIN: Domain[CareerSection, Any, Any] = Domain(
    section="career",
    model=CareerSection,
    load_content=load_content,
    parse_section=parse_section,
    dump_section=dump_section,
    assess=assess,
)
