"""Leadership-style self-assessment: scoring, ranking, rater gaps and item reliability.

The instrument (items, scale, forced-choice blocks, thresholds, advice) is coach-editable
content in ``playbook/content/leadership.yaml``, validated by :class:`Instrument`. Everything
here is pure: no widgets, no traitlets, no file or network I/O (a rating file is parsed from
``bytes``). Style ids are ``"facilitator"``, ``"architect"`` and ``"integrator"``, the three
styles of the playbook's section "Developing Your Personal Leadership Style".

Data shapes
-----------
The participant's own answers live in the workbook record's ``"leadership"`` section
(:class:`LeadershipSection`)::

    {"instrument_version": "leadership-1.0",
     "answers": {"fac_mediate": 4, "arc_tracking": 0, ...},     # 1..5, 0 = not sure
     "forced_choice": {"fc_start": ["architect", "integrator", "facilitator"], ...},
     "page": 2}

A mentor's or a peer's rating is a separate payload (:class:`RatingPayload`), never written
into the owner's section::

    {"instrument_version": "leadership-1.0", "rater_kind": "mentor",
     "subject": "<the mentee's share id>", "answers": {...}}

Examples
--------
>>> inst = load_content()
>>> answers = {item.id: (2 if item.reverse else 4) for item in inst.items}
>>> scores = score_scales(answers, inst)
>>> scores["architect"].score
75.0
>>> rank_styles(scores).primary
'facilitator'
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import permutations
from typing import TYPE_CHECKING, Any, Literal, cast, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from playbook.content import load_content as load_yaml
from playbook.contract import Domain, by_id, repeated
from playbook.errors import InputError

# The file is the parser's; these names stay importable from here, where ratings are used.
from playbook.imports.ratings import MAX_RATING_BYTES as MAX_RATING_BYTES
from playbook.imports.ratings import RatingFileError as RatingFileError
from playbook.imports.ratings import read_rating_file
from playbook.limits import MAX_FILE_RATINGS

#: Longest rater name, date or subject a rating may carry.
MAX_RATER_CHARS = 200

if TYPE_CHECKING:
    import numpy as np

# numpy and scipy are imported where they are used: the leadership page needs numpy only once
# someone has rated the participant, and scipy only for a coach's reliability check
# (cronbach_alpha), so a page's kernel does not carry scipy.stats (about 1 s and 75 MB).

StyleId = Literal["facilitator", "architect", "integrator"]
RaterKind = Literal["mentor", "peer"]

#: The playbook's three styles, in the order the instrument lists them (used to list level
#: styles, see :func:`rank_styles`).
STYLES: tuple[StyleId, ...] = get_args(StyleId)
RATER_KINDS: tuple[RaterKind, ...] = get_args(RaterKind)

#: The stored answer for "not observed / not sure": excluded from every score.
NOT_SURE = 0

#: Forced-choice points for first, second and third place in a block.
RANK_POINTS = (2, 1, 0)


# --------------------------------------------------------------------------------------------
# Errors (all participant-caused, so all PlaybookError; messages are shown as they are)
# --------------------------------------------------------------------------------------------


class AnswerError(InputError):
    """Raised when an answer names an unknown item or block, or is off the scale."""


class NotEnoughAnswersError(InputError):
    """Raised when too few items are answered to score or rank what was asked for."""


class InstrumentVersionError(InputError):
    """Raised when a rating was made with another version of the instrument."""


class WrongSubjectError(InputError):
    """Raised when a rating is about another person than the workbook's owner."""


# --------------------------------------------------------------------------------------------
# Content models
# --------------------------------------------------------------------------------------------


class _Content(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class ScalePoint(_Content):
    """One answer on the scale: its stored value and its label."""

    value: int
    label: str = Field(min_length=1)


class Scale(_Content):
    """The agreement scale (consecutive values from 1) plus the "not sure" answer (0)."""

    points: tuple[ScalePoint, ...] = Field(min_length=2)
    not_sure: ScalePoint

    @model_validator(mode="after")
    def _consecutive(self) -> Scale:
        values = [p.value for p in self.points]
        if values != list(range(1, len(values) + 1)):
            raise ValueError(f"scale points must be numbered 1, 2, 3, ... in order, not {values}")
        if self.not_sure.value != NOT_SURE:
            raise ValueError(f"the 'not sure' answer must have value {NOT_SURE}")
        return self

    @property
    def low(self) -> int:
        """The lowest agreement value (1)."""
        return self.points[0].value

    @property
    def high(self) -> int:
        """The highest agreement value (5 on a five-point scale)."""
        return self.points[-1].value

    def label_of(self, value: int) -> str:
        """The label of a stored value, including "not sure"."""
        if value == NOT_SURE:
            return self.not_sure.label
        return by_id(self.points, value, "scale point", key=_value).label


class Thresholds(_Content):
    """Coach-editable defaults; none of these numbers comes from the article."""

    min_answered_per_scale: int = Field(ge=1)
    gap_threshold: float = Field(gt=0, le=100)
    min_raters: dict[RaterKind, int]

    @field_validator("min_raters")
    @classmethod
    def _all_kinds(cls, value: dict[RaterKind, int]) -> dict[RaterKind, int]:
        missing = [k for k in RATER_KINDS if k not in value]
        if missing:
            raise ValueError(f"min_raters needs a number for {', '.join(missing)}")
        if any(n < 1 for n in value.values()):
            raise ValueError("min_raters must be at least 1 for every kind of rater")
        return value


class Style(_Content):
    """What the playbook says of one style."""

    id: StyleId
    name: str = Field(min_length=1)
    focus: str = Field(min_length=1)
    excels: str = Field(min_length=1)
    watch_out: str = Field(min_length=1)
    playbook_reports: str = Field(min_length=1)


class Item(_Content):
    """A Likert statement, in the participant's wording and an observer's ("They ...")."""

    id: str = Field(min_length=1, pattern=r"^[a-z][a-z0-9_]*$")
    style: StyleId
    self_text: str = Field(alias="self", min_length=1)
    observer: str = Field(min_length=1)
    reverse: bool
    source: str = Field(min_length=1)

    @field_validator("observer")
    @classmethod
    def _third_person(cls, value: str) -> str:
        if not re.search(r"\b(they|them|their|themselves)\b", value, re.IGNORECASE):
            raise ValueError("the observer wording must speak of the person as 'they'")
        return value


class ForcedChoiceBlock(_Content):
    """A block of three statements, one per style, that the participant puts in order."""

    id: str = Field(min_length=1, pattern=r"^[a-z][a-z0-9_]*$")
    self_text: str = Field(alias="self", min_length=1)
    observer: str = Field(min_length=1)
    statements: dict[StyleId, str]

    @field_validator("statements")
    @classmethod
    def _one_per_style(cls, value: dict[StyleId, str]) -> dict[StyleId, str]:
        missing = [s for s in STYLES if not value.get(s)]
        if missing:
            raise ValueError(f"needs one statement for each style; missing: {', '.join(missing)}")
        return value


class AdaptabilityText(_Content):
    """How the adaptability figure is explained, and the article's claim about it."""

    explanation: str = Field(min_length=1)
    playbook_reports: str = Field(min_length=1)


class Advice(_Content):
    """Development advice for one primary/secondary combination."""

    primary: StyleId
    secondary: StyleId
    summary: str = Field(min_length=1)
    steps: tuple[str, ...] = Field(min_length=1)
    basis: str = Field(min_length=1)

    @model_validator(mode="after")
    def _different(self) -> Advice:
        if self.primary == self.secondary:
            raise ValueError(f"advice for {self.primary}: primary and secondary must differ")
        return self


class Phase(_Content):
    """A production phase and the style(s) that tend to serve it (a workbook suggestion)."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    styles: tuple[StyleId, ...] = Field(min_length=1)
    why: str = Field(min_length=1)
    basis: str = Field(min_length=1)


class Instrument(_Content):
    """The whole leadership instrument, as loaded from ``leadership.yaml``."""

    instrument_version: str = Field(min_length=1)
    label: str = Field(min_length=1)
    source_note: str = Field(min_length=1)
    scale: Scale
    thresholds: Thresholds
    styles: tuple[Style, ...]
    items: tuple[Item, ...]
    forced_choice_note: str = Field(min_length=1)
    forced_choice: tuple[ForcedChoiceBlock, ...]
    adaptability: AdaptabilityText
    tie_rule: str = Field(min_length=1)
    advice: tuple[Advice, ...]
    phases_note: str = Field(min_length=1)
    phases: tuple[Phase, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Instrument:
        if [s.id for s in self.styles] != list(STYLES):
            raise ValueError(f"styles must be listed once each, in the order {', '.join(STYLES)}")
        _no_duplicates("item", [i.id for i in self.items] + [b.id for b in self.forced_choice])
        for style in STYLES:
            n = sum(1 for i in self.items if i.style == style)
            if n < self.thresholds.min_answered_per_scale:
                raise ValueError(
                    f"style '{style}' has {n} items, fewer than min_answered_per_scale "
                    f"({self.thresholds.min_answered_per_scale}): it could never be scored"
                )
        combos = {(a.primary, a.secondary) for a in self.advice}
        _no_duplicates("advice", [f"{a.primary}/{a.secondary}" for a in self.advice])
        missing = [f"{p}/{s}" for p, s in permutations(STYLES, 2) if (p, s) not in combos]
        if missing:
            raise ValueError(f"advice is missing for primary/secondary: {', '.join(missing)}")
        return self

    def style(self, style_id: str) -> Style:
        """The :class:`Style` with this id."""
        return by_id(self.styles, style_id, "style")

    def item(self, item_id: str) -> Item:
        """The :class:`Item` with this id (:class:`UnknownIdError` if there is none)."""
        return by_id(self.items, item_id, "statement")

    def items_of(self, style: str) -> tuple[Item, ...]:
        """The items of one style, in content order."""
        return tuple(i for i in self.items if i.style == style)

    def block(self, block_id: str) -> ForcedChoiceBlock:
        """The :class:`ForcedChoiceBlock` with this id (:class:`UnknownIdError` if none)."""
        return by_id(self.forced_choice, block_id, "ranking block")

    def advice_for(self, primary: str, secondary: str) -> Advice:
        """The development advice for a primary/secondary combination."""
        return by_id(self.advice, (primary, secondary), "advice", key=_combination)


def _value(point: ScalePoint) -> int:
    return point.value


def _combination(advice: Advice) -> tuple[str, str]:
    return (advice.primary, advice.secondary)


def _no_duplicates(what: str, ids: Sequence[str]) -> None:
    twice = repeated(ids)
    if twice:
        raise ValueError(f"{what} id '{twice[0]}' appears more than once")


def load_content() -> Instrument:
    """Load and validate ``leadership.yaml`` (the coach's copy if ``PLAYBOOK_CONTENT`` has one).

    Raises
    ------
    ContentError
        When the file is missing or invalid; the message names the file and the item id.

    Examples
    --------
    >>> inst = load_content()
    >>> [s.name for s in inst.styles]
    ['Facilitator', 'Architect', 'Integrator']
    """
    return load_yaml("leadership", Instrument)


# --------------------------------------------------------------------------------------------
# Stored data: the participant's section and other people's ratings
# --------------------------------------------------------------------------------------------


class LeadershipSection(BaseModel):
    """The ``"leadership"`` section of a workbook record (the participant's own answers)."""

    model_config = ConfigDict(extra="ignore")

    instrument_version: str | None = None
    answers: dict[str, int] = Field(default_factory=dict)
    forced_choice: dict[str, list[str]] = Field(default_factory=dict)
    page: int = Field(default=0, ge=0)
    #: Ratings the owner imported from files (each checked by :func:`parse_rating` first).
    #: Ratings sent through a share link are not here: they are the store's contributions.
    file_ratings: list[dict[str, Any]] = Field(default_factory=list, max_length=MAX_FILE_RATINGS)


class RatingPayload(BaseModel):
    """A mentor's or a peer's rating of a participant, kept apart from the owner's answers."""

    model_config = ConfigDict(extra="ignore")

    instrument_version: str
    rater_kind: RaterKind
    subject: str | None = None
    #: An opaque id of the rater (e.g. derived from their share link), so that a rater who
    #: sends again replaces their earlier rating instead of counting twice.
    rater: str | None = None
    #: When the rating was made (ISO 8601), to keep a rater's latest.
    rated_at: str | None = None
    answers: dict[str, int] = Field(default_factory=dict)
    forced_choice: dict[str, list[str]] = Field(default_factory=dict)


def rating_subject(workbook_id: str) -> str:
    """A non-secret id of whose workbook a rating is about (no key or id can be read from it).

    Examples
    --------
    >>> rating_subject("abc") == rating_subject("abc") != rating_subject("abd")
    True
    >>> len(rating_subject("abc"))
    16
    """
    return hashlib.sha256(f"playbook-leadership-subject:{workbook_id}".encode()).hexdigest()[:16]


def rater_id(share_token: str) -> str:
    """A non-secret id of a rater, derived from the share link they rate through."""
    return hashlib.sha256(f"playbook-leadership-rater:{share_token}".encode()).hexdigest()[:16]


def latest_per_rater(ratings: Iterable[RatingPayload]) -> list[RatingPayload]:
    """Keep one rating per rater: the latest by ``rated_at`` (then by arrival order).

    Ratings without a ``rater`` are all kept (nothing says they come from the same person).

    Examples
    --------
    >>> r = [RatingPayload(instrument_version="v", rater_kind="peer", rater="a",
    ...                    rated_at=t, answers={"x": i}) for i, t in enumerate(["2", "1", "3"])]
    >>> [x.answers["x"] for x in latest_per_rater(r)]
    [2]
    """
    latest: dict[str, tuple[str, int, RatingPayload]] = {}
    anonymous: list[RatingPayload] = []
    for n, rating in enumerate(ratings):
        if rating.rater is None:
            anonymous.append(rating)
            continue
        key = (rating.rated_at or "", n)
        if rating.rater not in latest or key >= latest[rating.rater][:2]:
            latest[rating.rater] = (*key, rating)
    return [entry[2] for entry in latest.values()] + anonymous


def check_answers(answers: Mapping[str, Any], instrument: Instrument) -> dict[str, int]:
    """Check that every answer names an item of this instrument and lies on its scale.

    Returns the answers as a plain ``dict`` of ints.

    Raises
    ------
    AnswerError
        For an unknown item id, or a value that is not 1..5 or 0 ("not sure").

    Examples
    --------
    >>> inst = load_content()
    >>> try:
    ...     check_answers({"fac_mediate": 6}, inst)
    ... except AnswerError as err:
    ...     print(err)  # doctest: +ELLIPSIS
    Statement 'fac_mediate' has the answer 6, which is not on the scale: use 1 to 5, or 0 ...
    """
    known = {i.id for i in instrument.items}
    allowed = {p.value for p in instrument.scale.points} | {NOT_SURE}
    checked: dict[str, int] = {}
    for item_id, value in answers.items():
        if item_id not in known:
            raise AnswerError(
                f"'{item_id}' is not a statement of this instrument "
                f"(version {instrument.instrument_version})."
            )
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            raise AnswerError(
                f"Statement '{item_id}' has the answer {value!r}, which is not on the scale: "
                f"use {instrument.scale.low} to {instrument.scale.high}, or {NOT_SURE} for "
                f'"not observed / not sure".'
            )
        checked[item_id] = value
    return checked


def check_forced_choice(
    orders: Mapping[str, Sequence[str]], instrument: Instrument
) -> dict[str, list[str]]:
    """Check that every forced-choice answer is a complete order of the three styles.

    Raises
    ------
    AnswerError
        For an unknown block id, or an order that is not the three styles once each.
    """
    known = {b.id for b in instrument.forced_choice}
    checked: dict[str, list[str]] = {}
    for block_id, order in orders.items():
        if block_id not in known:
            raise AnswerError(f"'{block_id}' is not a ranking block of this instrument.")
        if isinstance(order, str) or sorted(order) != sorted(STYLES):
            raise AnswerError(
                f"Ranking block '{block_id}' must put all three statements in order, each once."
            )
        checked[block_id] = [str(s) for s in order]
    return checked


def parse_section(
    data: Mapping[str, Any] | None, instrument: Instrument | None = None
) -> LeadershipSection:
    """Validate a stored ``"leadership"`` section against the instrument (by default the one
    :func:`load_content` loads).

    An empty or missing section is a fresh start. A section written for another instrument
    version keeps only the answers whose items still exist, so that a coach's edit does not
    lock a participant out of their workbook.

    Raises
    ------
    AnswerError
        When a stored value is off the scale or a ranking is not a complete order.
    """
    try:
        section = LeadershipSection.model_validate(dict(data or {}))
    except ValidationError as err:
        first = err.errors()[0]
        where = " -> ".join(str(p) for p in first["loc"]) or "(top level)"
        raise AnswerError(
            f"Your saved leadership answers cannot be read ({where}: {first['msg']})."
        ) from None
    if instrument is None:
        instrument = load_content()
    answers, orders = section.answers, section.forced_choice
    if section.instrument_version not in (None, instrument.instrument_version):
        item_ids = {i.id for i in instrument.items}
        block_ids = {b.id for b in instrument.forced_choice}
        answers = {k: v for k, v in answers.items() if k in item_ids}
        orders = {k: v for k, v in orders.items() if k in block_ids}
    return LeadershipSection(
        instrument_version=instrument.instrument_version,
        answers=check_answers(answers, instrument),
        forced_choice=dict(check_forced_choice(orders, instrument)),
        page=section.page,
        file_ratings=section.file_ratings,
    )


def salvage_section(
    data: Any, instrument: Instrument | None = None
) -> tuple[LeadershipSection, list[str]]:
    """What a page can open of a stored section that somehow holds bad values (an older
    version's, a hand-edited file's): every answer on the scale and every complete ranking,
    and a sentence naming each one left out. A section :func:`parse_section` reads comes back
    whole.

    >>> section, notes = salvage_section({"answers": {"fac_mediate": 99, "fac_resources": 4}})
    >>> section.answers, len(notes)
    ({'fac_resources': 4}, 1)
    >>> print(notes[0])  # doctest: +ELLIPSIS
    Statement 'fac_mediate' has the answer 99, which is not on the scale: ... It is not shown.
    """
    if instrument is None:
        instrument = load_content()
    try:
        return parse_section(data, instrument), []
    except InputError:
        pass
    raw = data if isinstance(data, Mapping) else {}
    notes: list[str] = []
    answers: dict[str, int] = {}
    stored = raw.get("answers")
    for item_id, value in stored.items() if isinstance(stored, Mapping) else ():
        try:
            answers.update(check_answers({item_id: value}, instrument))
        except AnswerError as err:
            if raw.get("instrument_version") in (None, instrument.instrument_version):
                notes.append(f"{err} It is not shown.")
    orders: dict[str, list[str]] = {}
    stored = raw.get("forced_choice")
    for block_id, order in stored.items() if isinstance(stored, Mapping) else ():
        try:
            orders.update(check_forced_choice({block_id: order}, instrument))
        except (AnswerError, TypeError):
            notes.append(
                f"The saved ranking of block '{block_id}' is not complete; it is not shown."
            )
    page = raw.get("page")
    ratings = raw.get("file_ratings")
    kept = [r for r in ratings if isinstance(r, dict)] if isinstance(ratings, list) else []
    if len(kept) > MAX_FILE_RATINGS:
        notes.append(
            f"Only the last {MAX_FILE_RATINGS} of {len(kept):,} saved rating files are shown."
        )
        kept = kept[-MAX_FILE_RATINGS:]
    if not isinstance(data, Mapping | None) or not notes:
        notes.append("Part of the saved leadership answers could not be read; it is not shown.")
    section = LeadershipSection(
        instrument_version=instrument.instrument_version,
        answers=answers,
        forced_choice=orders,
        page=page if isinstance(page, int) and not isinstance(page, bool) and page >= 0 else 0,
        file_ratings=kept,
    )
    return section, notes


def dump_section(section: LeadershipSection) -> dict[str, Any]:
    """The section as the record's plain JSON-able dict."""
    return section.model_dump(mode="json")


def parse_rating(data: Any, instrument: Instrument, *, subject: str | None = None) -> RatingPayload:
    """Validate another person's rating before it is stored or shown.

    Parameters
    ----------
    data
        The decoded payload (a dict).
    instrument
        The instrument the workbook uses now.
    subject
        Whose workbook this is (e.g. the share id given to the rater). When given, a rating
        that names another subject is refused.

    Raises
    ------
    RatingFileError
        When ``data`` is not a leadership rating at all.
    InstrumentVersionError
        When it was made with another version of the instrument.
    WrongSubjectError
        When it is about someone else.
    AnswerError
        When an answer is unknown or off the scale.
    NotEnoughAnswersError
        When no style has enough answers to be scored.
    """
    if not isinstance(data, Mapping) or "answers" not in data or "rater_kind" not in data:
        raise RatingFileError("This is not a leadership rating: it has no rater or no answers.")
    version = data.get("instrument_version")
    if version != instrument.instrument_version:
        raise InstrumentVersionError(
            f"This rating was made with version {version!r} of the leadership instrument; this "
            f"workbook uses version {instrument.instrument_version!r}. Please ask for a new "
            "rating with the current link or file."
        )
    if data.get("rater_kind") not in RATER_KINDS:
        raise RatingFileError(
            f"This rating's rater is {data.get('rater_kind')!r}; expected one of "
            f"{', '.join(RATER_KINDS)}."
        )
    if subject is not None and data.get("subject") != subject:
        raise WrongSubjectError(
            "This rating is about someone else, not the owner of this workbook. Nothing was "
            "changed."
        )
    if not isinstance(data["answers"], Mapping):
        raise RatingFileError("This rating's answers are not a list of statement ratings.")
    answers = check_answers(data["answers"], instrument)
    orders = check_forced_choice(data.get("forced_choice") or {}, instrument)
    scores = score_scales(answers, instrument)
    if not any(s.enough for s in scores.values()):
        raise NotEnoughAnswersError(
            "This rating has too few answers to score any style: each style needs at least "
            f"{instrument.thresholds.min_answered_per_scale} statements rated (not counting "
            '"not sure").'
        )
    rater, rated_at = data.get("rater"), data.get("rated_at")
    if not isinstance(rater, str | None) or not isinstance(rated_at, str | None):
        raise RatingFileError("This rating's rater or date is not readable.")
    subject_text = data.get("subject")
    if any(
        isinstance(t, str) and len(t) > MAX_RATER_CHARS for t in (rater, rated_at, subject_text)
    ) or not isinstance(subject_text, str | None):
        raise RatingFileError(
            f"This rating's rater, date or subject is not readable (each is at most "
            f"{MAX_RATER_CHARS} characters)."
        )
    return RatingPayload(
        instrument_version=instrument.instrument_version,
        rater_kind=data["rater_kind"],
        subject=data.get("subject"),
        rater=rater,
        rated_at=rated_at,
        answers=answers,
        forced_choice=dict(orders),
    )


def parse_rating_file(
    raw: bytes,
    instrument: Instrument,
    *,
    subject: str | None = None,
    max_bytes: int = MAX_RATING_BYTES,
) -> RatingPayload:
    """Parse an uploaded rating file (JSON bytes, read by
    :func:`playbook.imports.ratings.read_rating_file`) with :func:`parse_rating`.

    Raises
    ------
    FileTooLargeError
        When the file is over ``max_bytes``.
    RatingFileError
        When it is not UTF-8 JSON, or not a rating.
    """
    return parse_rating(read_rating_file(raw, max_bytes), instrument, subject=subject)


# --------------------------------------------------------------------------------------------
# Presentation order and progress
# --------------------------------------------------------------------------------------------


def presentation_order(instrument: Instrument) -> list[str]:
    """Item ids interleaved across styles, so that no page shows one style's items together.

    Examples
    --------
    >>> presentation_order(load_content())[:3]
    ['fac_remove_obstacles', 'arc_design_systems', 'int_connective_tissue']
    """
    columns = [list(instrument.items_of(s)) for s in STYLES]
    order: list[str] = []
    for row in range(max(len(c) for c in columns)):
        order.extend(c[row].id for c in columns if row < len(c))
    return order


def pages(
    instrument: Instrument, items_per_page: int = 6, blocks_per_page: int = 2
) -> list[list[str]]:
    """Split the instrument into short pages: Likert items first, then ranking blocks.

    Each page is a list of item or block ids.

    Examples
    --------
    >>> p = pages(load_content())
    >>> len(p), len(p[0]), p[-1]
    (9, 6, ['fc_new_team'])
    """
    if items_per_page < 1 or blocks_per_page < 1:
        raise ValueError("pages need at least one entry each")
    ids = presentation_order(instrument)
    out = [ids[i : i + items_per_page] for i in range(0, len(ids), items_per_page)]
    blocks = [b.id for b in instrument.forced_choice]
    out += [blocks[i : i + blocks_per_page] for i in range(0, len(blocks), blocks_per_page)]
    return out


@dataclass(frozen=True)
class Progress:
    """How much of the instrument is answered ("not sure" counts as an answer)."""

    answered: int
    total: int

    @property
    def complete(self) -> bool:
        """Whether every item and block has an answer."""
        return self.answered >= self.total

    def __str__(self) -> str:
        return f"{self.answered} / {self.total} answered"


def progress(section: LeadershipSection, instrument: Instrument) -> Progress:
    """Answered / total over items and ranking blocks.

    Examples
    --------
    >>> str(progress(LeadershipSection(answers={"fac_mediate": 0}), load_content()))
    '1 / 34 answered'
    """
    items = {i.id for i in instrument.items}
    blocks = {b.id for b in instrument.forced_choice}
    done = sum(1 for k in section.answers if k in items)
    done += sum(1 for k, v in section.forced_choice.items() if k in blocks and len(v) == 3)
    return Progress(done, len(items) + len(blocks))


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


def keyed(value: int, reverse: bool, scale: Scale) -> int | None:
    """The value as it counts toward the style: reversed items score ``low + high - value``.

    "Not sure" counts as nothing (``None``), never as the middle of the scale.

    Examples
    --------
    >>> sc = load_content().scale
    >>> keyed(2, False, sc), keyed(2, True, sc), keyed(0, True, sc)
    (2, 4, None)
    """
    if value == NOT_SURE:
        return None
    return scale.low + scale.high - value if reverse else value


@dataclass(frozen=True)
class ScaleScore:
    """One style's score on 0-100, or ``None`` when too few items were answered."""

    style: StyleId
    score: float | None
    answered: int
    n_items: int
    min_answered: int

    @property
    def enough(self) -> bool:
        """Whether enough items were answered to show a score."""
        return self.score is not None

    def display(self) -> str:
        """The score as shown: whole points, or "not enough answers"."""
        return str(round_half_up(self.score)) if self.score is not None else "not enough answers"


def round_half_up(x: float) -> int:
    """Round to whole points, halves up (as shown to participants; ``round`` rounds to even).

    >>> round_half_up(12.5), round(12.5)
    (13, 12)
    """
    return math.floor(x + 0.5)


def score_scales(answers: Mapping[str, int], instrument: Instrument) -> dict[StyleId, ScaleScore]:
    """Score each style on 0-100 from the Likert answers.

    For a style with ``n`` answered items (not counting "not sure") and keyed values ``k_i``
    on a scale from ``low`` to ``high``::

        score = 100 * sum(k_i - low) / ((high - low) * n)

    that is, the mean keyed answer mapped linearly from [low, high] to [0, 100]. When ``n`` is
    below ``thresholds.min_answered_per_scale`` the score is ``None`` ("not enough answers").

    Raises
    ------
    AnswerError
        For an unknown item or an off-scale value.

    Examples
    --------
    >>> inst = load_content()
    >>> s = score_scales({"arc_tracking": 5, "arc_work_it_out": 5}, inst)["architect"]
    >>> s.score is None, s.answered, s.display()
    (True, 2, 'not enough answers')
    >>> ids = [i.id for i in inst.items_of("architect")][:5]
    >>> score_scales({i: 4 for i in ids}, inst)["architect"].score  # 4, 4, 4, 4 and 6-4=2
    65.0
    """
    answers = check_answers(answers, instrument)
    sc, minimum = instrument.scale, instrument.thresholds.min_answered_per_scale
    out: dict[StyleId, ScaleScore] = {}
    for style in STYLES:
        items = instrument.items_of(style)
        values = [
            k
            for item in items
            if item.id in answers and (k := keyed(answers[item.id], item.reverse, sc)) is not None
        ]
        n = len(values)
        score = 100 * sum(v - sc.low for v in values) / ((sc.high - sc.low) * n) if n else None
        out[style] = ScaleScore(
            style=style,
            score=score if n >= minimum else None,
            answered=n,
            n_items=len(items),
            min_answered=minimum,
        )
    return out


@dataclass(frozen=True)
class ForcedChoiceResult:
    """Forced-choice points per style: they rank styles within one person only."""

    points: dict[StyleId, int]
    blocks_answered: int
    blocks_total: int


def score_forced_choice(
    orders: Mapping[str, Sequence[str]], instrument: Instrument
) -> ForcedChoiceResult:
    """Sum the rank points of each style over the answered blocks.

    A style gets 2 points for each block where its statement came first, 1 for second and 0
    for third. The totals are ipsative (they always add up to 3 per block), so they say which
    style a person reaches for first, not how strong any style is, and cannot be compared
    between people.

    Examples
    --------
    >>> inst = load_content()
    >>> r = score_forced_choice({"fc_start": ["architect", "integrator", "facilitator"],
    ...                          "fc_trouble": ["architect", "facilitator", "integrator"]}, inst)
    >>> r.points, r.blocks_answered
    ({'facilitator': 1, 'architect': 4, 'integrator': 1}, 2)
    """
    checked = check_forced_choice(orders, instrument)
    points: dict[StyleId, int] = dict.fromkeys(STYLES, 0)
    for order in checked.values():
        for rank, style in enumerate(order):
            points[cast(StyleId, style)] += RANK_POINTS[rank]
    return ForcedChoiceResult(points, len(checked), len(instrument.forced_choice))


@dataclass(frozen=True)
class StyleRanking:
    """The three styles in order, with how each place was decided.

    ``level`` holds groups of styles that stayed level after every tie-break; they are listed
    in the instrument's order and should be read as joint.
    """

    order: tuple[StyleId, ...]
    level: tuple[tuple[StyleId, ...], ...] = ()
    broken_by_forced_choice: tuple[tuple[StyleId, ...], ...] = ()

    @property
    def primary(self) -> StyleId:
        """The first style in the order."""
        return self.order[0]

    @property
    def secondary(self) -> StyleId:
        """The second style in the order."""
        return self.order[1]

    def is_level(self, a: str, b: str) -> bool:
        """Whether styles ``a`` and ``b`` stayed level after every tie-break."""
        return any(a in g and b in g for g in self.level)

    @property
    def primary_is_level(self) -> bool:
        """Whether the primary style is level with the secondary one."""
        return self.is_level(self.order[0], self.order[1])


def rank_styles(
    scores: Mapping[StyleId, ScaleScore] | Mapping[StyleId, float],
    forced_choice_points: Mapping[StyleId, int] | None = None,
) -> StyleRanking:
    """Order the styles into primary, secondary and third, with the stated tie rule.

    Tie rule:

    1. Higher score first, comparing scores in whole points as shown
       (:func:`round_half_up`), so that what looks level to the participant is level.
    2. Level scores are ordered by forced-choice points, when given.
    3. Styles still level keep the instrument's order (Facilitator, Architect, Integrator)
       and are reported in ``level``, to be read as joint; no style is silently preferred.

    Raises
    ------
    NotEnoughAnswersError
        When a style has no score ("not enough answers"): the ranking would be a guess.

    Examples
    --------
    >>> r = rank_styles({"facilitator": 50.0, "architect": 81.0, "integrator": 62.5})
    >>> r.primary, r.secondary, r.level
    ('architect', 'integrator', ())

    Scores shown as the same whole number are level (80.4 and 79.6 both show as 80): the
    forced-choice points decide, and without them the instrument's order does, and says so:

    >>> r = rank_styles({"facilitator": 50.0, "architect": 80.4, "integrator": 79.6})
    >>> r.order, r.level, r.primary_is_level
    (('architect', 'integrator', 'facilitator'), (('architect', 'integrator'),), True)
    >>> r = rank_styles({"facilitator": 50.0, "architect": 80.4, "integrator": 79.6},
    ...                 {"facilitator": 2, "architect": 3, "integrator": 7})
    >>> r.order, r.level, r.broken_by_forced_choice
    (('integrator', 'architect', 'facilitator'), (), (('integrator', 'architect'),))
    """
    shown: dict[StyleId, int] = {}
    missing: list[str] = []
    for style in STYLES:
        value = scores.get(style)
        raw = value.score if isinstance(value, ScaleScore) else value
        if raw is None:
            missing.append(style)
        else:
            shown[style] = round_half_up(float(raw))
    if missing:
        raise NotEnoughAnswersError(
            "Your primary style needs a score for every style; answer more statements for "
            f"{', '.join(s.capitalize() for s in missing)}."
        )
    fc = dict(forced_choice_points or {})
    order = tuple(sorted(STYLES, key=lambda s: (-shown[s], -fc.get(s, 0), STYLES.index(s))))
    level = _groups(order, lambda s: (shown[s], fc.get(s, 0)))
    same_score = _groups(order, lambda s: shown[s])
    broken = tuple(g for g in same_score if g not in level)
    return StyleRanking(order=order, level=level, broken_by_forced_choice=broken)


def _groups(order: Sequence[StyleId], key: Any) -> tuple[tuple[StyleId, ...], ...]:
    """Runs of two or more consecutive styles with the same key."""
    groups: list[tuple[StyleId, ...]] = []
    run: list[StyleId] = [order[0]]
    for style in order[1:]:
        if key(style) == key(run[-1]):
            run.append(style)
        else:
            groups.append(tuple(run))
            run = [style]
    groups.append(tuple(run))
    return tuple(g for g in groups if len(g) > 1)


def adaptability(scores: Mapping[StyleId, ScaleScore] | Mapping[StyleId, float]) -> float | None:
    """How evenly the three styles are developed, on 0-100.

    Formula::

        adaptability = 100 - (max(score) - min(score))

    over the three style scores (each 0-100). 100 means the three styles are equally
    developed; 0 means one style is at the top of the scale and another at the bottom. It
    measures evenness, not strength (three scores of 20 give 100), so show it beside the
    scores. ``None`` when a style has no score.

    The playbook values multi-style adaptability (a primary style plus secondary
    capabilities); the formula is this workbook's, not the article's.

    Examples
    --------
    >>> adaptability({"facilitator": 70.0, "architect": 40.0, "integrator": 55.0})
    70.0
    >>> adaptability({"facilitator": 70.0, "architect": None, "integrator": 55.0}) is None
    True
    """
    values = []
    for style in STYLES:
        value = scores.get(style)
        raw = value.score if isinstance(value, ScaleScore) else value
        if raw is None:
            return None
        values.append(float(raw))
    return 100.0 - (max(values) - min(values))


# --------------------------------------------------------------------------------------------
# Other raters: averages, the rater minimum and gaps
# --------------------------------------------------------------------------------------------

GapFlag = Literal["blind_spot", "hidden_strength"]


def gap_flag(self_score: float, other_score: float, threshold: float) -> GapFlag | None:
    """Flag a gap that exceeds (is strictly greater than) ``threshold`` points.

    * **blind spot**: you rate yourself higher on the style than others see you;
    * **hidden strength**: others see more of the style in you than you do.

    Examples
    --------
    >>> gap_flag(80, 40, 33.3), gap_flag(40, 80, 33.3), gap_flag(60, 40, 33.3)
    ('blind_spot', 'hidden_strength', None)
    """
    gap = other_score - self_score
    if gap > threshold:
        return "hidden_strength"
    if -gap > threshold:
        return "blind_spot"
    return None


@dataclass(frozen=True)
class RaterGroup:
    """The averaged scores of the raters of one kind, withheld below the rater minimum.

    ``scores[style]`` is ``None`` when fewer than ``min_raters`` raters gave that style a
    score; ``counts[style]`` says how many did.
    """

    kind: RaterKind
    n_raters: int
    min_raters: int
    scores: dict[StyleId, float | None]
    counts: dict[StyleId, int]

    def shown(self, style: StyleId) -> bool:
        """Whether this group's score for the style may be shown."""
        return self.scores.get(style) is not None


def aggregate_raters(
    ratings: Iterable[RatingPayload],
    instrument: Instrument,
    kind: RaterKind,
    *,
    min_raters: int | None = None,
) -> RaterGroup:
    """Average the style scores of all raters of one kind.

    Each rater's style score follows :func:`score_scales` (a rater with too few answers for a
    style does not count for it). The mean over raters is shown only when at least
    ``min_raters`` raters (default: ``thresholds.min_raters[kind]``) scored the style, so that
    no single peer's view can be read off the result.

    Examples
    --------
    >>> inst = load_content()
    >>> full = {i.id: 4 for i in inst.items}
    >>> peers = [RatingPayload(instrument_version=inst.instrument_version,
    ...                        rater_kind="peer", answers=full)] * 2
    >>> aggregate_raters(peers, inst, "peer").scores["architect"] is None   # 2 < 3 peers
    True
    """
    import numpy as np

    needed = instrument.thresholds.min_raters[kind] if min_raters is None else min_raters
    per_style: dict[StyleId, list[float]] = {s: [] for s in STYLES}
    n = 0
    for rating in ratings:
        if rating.rater_kind != kind:
            continue
        n += 1
        for style, s in score_scales(rating.answers, instrument).items():
            if s.score is not None:
                per_style[style].append(s.score)
    scores: dict[StyleId, float | None] = {
        s: (float(np.mean(v)) if len(v) >= needed else None) for s, v in per_style.items()
    }
    counts: dict[StyleId, int] = {s: len(v) for s, v in per_style.items()}
    return RaterGroup(kind=kind, n_raters=n, min_raters=needed, scores=scores, counts=counts)


@dataclass(frozen=True)
class Gap:
    """Self vs. one kind of rater on one style. ``gap = other - self`` in points."""

    style: StyleId
    kind: RaterKind
    self_score: float | None
    other_score: float | None
    gap: float | None
    flag: GapFlag | None


@dataclass(frozen=True)
class Comparison:
    """Self vs. each kind of rater: the groups, and the gap per kind and style."""

    threshold: float
    groups: dict[RaterKind, RaterGroup] = field(default_factory=dict)
    gaps: dict[RaterKind, dict[StyleId, Gap]] = field(default_factory=dict)

    def flagged(self) -> list[Gap]:
        """Every gap flagged as a blind spot or a hidden strength."""
        return [g for by_style in self.gaps.values() for g in by_style.values() if g.flag]


def compare_raters(
    self_scores: Mapping[StyleId, ScaleScore],
    ratings: Iterable[RatingPayload],
    instrument: Instrument,
    *,
    threshold: float | None = None,
    min_raters: Mapping[RaterKind, int] | None = None,
) -> Comparison:
    """Compare the participant's scores with each kind of rater that answered.

    For each kind with at least one rating, the raters are averaged (:func:`aggregate_raters`)
    and the gap per style is ``other - self``. A gap whose size exceeds ``threshold`` (default
    ``thresholds.gap_threshold``, a third of the 0-100 range) is flagged (:func:`gap_flag`).
    Where either side has no score, the gap is ``None``.

    Examples
    --------
    >>> inst = load_content()
    >>> me = score_scales({i.id: (5 if i.style == "architect" else 3) for i in inst.items
    ...                    if not i.reverse}, inst)
    >>> mentor = RatingPayload(instrument_version=inst.instrument_version, rater_kind="mentor",
    ...     answers={i.id: (2 if i.style == "architect" else 3) for i in inst.items
    ...              if not i.reverse})
    >>> g = compare_raters(me, [mentor], inst).gaps["mentor"]["architect"]
    >>> g.self_score, g.other_score, g.gap, g.flag
    (100.0, 25.0, -75.0, 'blind_spot')
    """
    limit = instrument.thresholds.gap_threshold if threshold is None else threshold
    ratings = list(ratings)
    comparison = Comparison(threshold=limit)
    for kind in RATER_KINDS:
        if not any(r.rater_kind == kind for r in ratings):
            continue
        needed = None if min_raters is None else min_raters.get(kind)
        group = aggregate_raters(ratings, instrument, kind, min_raters=needed)
        comparison.groups[kind] = group
        comparison.gaps[kind] = {}
        for style in STYLES:
            mine = self_scores[style].score if style in self_scores else None
            theirs = group.scores[style]
            gap: float | None = None
            flag: GapFlag | None = None
            if mine is not None and theirs is not None:
                gap, flag = theirs - mine, gap_flag(mine, theirs, limit)
            comparison.gaps[kind][style] = Gap(style, kind, mine, theirs, gap, flag)
    return comparison


# --------------------------------------------------------------------------------------------
# Item reliability for a coach piloting the items
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AlphaResult:
    """Cronbach's alpha of one scale over a set of respondents.

    ``alpha`` is ``None`` (with ``reason``) when it cannot be computed: fewer than two
    respondents or items, or no variance.
    """

    alpha: float | None
    n_respondents: int
    n_items: int
    ci95: tuple[float, float] | None = None
    reason: str = ""


def cronbach_alpha(
    data: Sequence[Sequence[float | None]] | np.ndarray,
    nan_policy: Literal["pairwise", "listwise"] = "pairwise",
) -> AlphaResult:
    """Cronbach's alpha of a respondents x items matrix (missing answers as NaN or None).

    With ``C`` the items' covariance matrix (sample covariance, ``ddof=1``) and ``k`` items::

        alpha = k / (k - 1) * (1 - trace(C) / sum(C))

    ``nan_policy="pairwise"`` computes each covariance over the respondents who answered both
    items; ``"listwise"`` first drops every respondent with a missing answer. Both follow
    ``pingouin.cronbach_alpha`` (and R's ``psych::alpha``). The 95% interval is the F-based
    one pingouin reports, with ``n`` the respondents actually used (pingouin counts the rows
    before listwise deletion; on complete data both agree).

    Examples
    --------
    >>> r = cronbach_alpha([[1, 2, 2], [2, 3, 3], [4, 4, 5], [5, 5, 4]])
    >>> round(r.alpha, 4), r.n_respondents, r.n_items
    (0.9444, 4, 3)
    """
    import numpy as np
    from scipy import stats

    x = np.array(data, dtype=float)
    if x.ndim != 2:
        raise ValueError("data must be a respondents x items matrix")
    x = x[~np.all(np.isnan(x), axis=1)]
    if nan_policy == "listwise":
        x = x[~np.any(np.isnan(x), axis=1)]
    elif nan_policy != "pairwise":
        raise ValueError("nan_policy must be 'pairwise' or 'listwise'")
    n, k = x.shape
    if k < 2 or n < 2:
        return AlphaResult(None, n, k, reason="needs at least two respondents and two items")
    cov = _pairwise_cov(x)
    total = cov.sum()
    if np.isnan(total) or total <= 0:
        return AlphaResult(None, n, k, reason="not enough overlapping answers or no variance")
    alpha = float(k / (k - 1) * (1 - np.trace(cov) / total))
    df1, df2 = n - 1, (n - 1) * (k - 1)
    lower = 1 - (1 - alpha) * stats.f.isf(0.025, df1, df2)
    upper = 1 - (1 - alpha) * stats.f.isf(0.975, df1, df2)
    return AlphaResult(alpha, n, k, ci95=(float(lower), float(upper)))


def _pairwise_cov(x: np.ndarray) -> np.ndarray:
    """Sample covariance of each pair of columns over the rows where both are present."""
    import numpy as np

    k = x.shape[1]
    present = ~np.isnan(x)
    cov = np.full((k, k), np.nan)
    for a in range(k):
        for b in range(a, k):
            rows = present[:, a] & present[:, b]
            if rows.sum() >= 2:
                cov[a, b] = cov[b, a] = np.cov(x[rows, a], x[rows, b], ddof=1)[0, 1]
    return cov


def item_matrix(
    answer_sets: Iterable[Mapping[str, int]], instrument: Instrument, style: str
) -> np.ndarray:
    """Respondents x items of one style, reverse-keyed, with "not sure"/missing as NaN."""
    import numpy as np

    items = instrument.items_of(style)
    rows = []
    for answers in answer_sets:
        answers = check_answers(answers, instrument)
        rows.append(
            [
                np.nan
                if (k := keyed(answers.get(i.id, NOT_SURE), i.reverse, instrument.scale)) is None
                else k
                for i in items
            ]
        )
    return np.array(rows, dtype=float).reshape(len(rows), len(items))


def scale_alphas(
    answer_sets: Iterable[Mapping[str, int]],
    instrument: Instrument,
    nan_policy: Literal["pairwise", "listwise"] = "pairwise",
) -> dict[StyleId, AlphaResult]:
    """Cronbach's alpha per style over several workbooks' answers (for piloting items).

    ``answer_sets`` holds one ``answers`` dict per workbook (the section's or a rating's).
    """
    answer_sets = list(answer_sets)
    return {s: cronbach_alpha(item_matrix(answer_sets, instrument, s), nan_policy) for s in STYLES}


def answers_from_records(
    records: Iterable[Mapping[str, Any]], instrument: Instrument
) -> tuple[list[dict[str, int]], int]:
    """The leadership answers of each workbook record (e.g. a facilitator's collected files).

    Returns the answer sets and how many records were set aside: records without a
    leadership section, or whose section cannot be read. Sections from another instrument
    version keep the answers to items that still exist (see :func:`parse_section`).
    """
    found: list[dict[str, int]] = []
    skipped = 0
    for record in records:
        sections = record.get("sections") if isinstance(record, Mapping) else None
        data = sections.get("leadership") if isinstance(sections, Mapping) else None
        if not data:
            skipped += 1
            continue
        try:
            found.append(parse_section(data, instrument).answers)
        except InputError:
            skipped += 1
    return found, skipped


def workbook_alphas(
    records: Iterable[Mapping[str, Any]],
    instrument: Instrument,
    nan_policy: Literal["pairwise", "listwise"] = "pairwise",
) -> dict[StyleId, AlphaResult]:
    """Cronbach's alpha per style across a set of workbook records (for a coach piloting items).

    Examples
    --------
    >>> inst = load_content()
    >>> records = [{"sections": {"leadership": {"answers": {
    ...     i.id: (6 - v if i.reverse else v) for i in inst.items}}}} for v in (2, 3, 4, 5)]
    >>> round(workbook_alphas(records, inst)["architect"].alpha, 6)
    1.0
    """
    answer_sets, _ = answers_from_records(records, instrument)
    return scale_alphas(answer_sets, instrument, nan_policy)


# --------------------------------------------------------------------------------------------
# Putting it together for one participant
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SelfAssessment:
    """Everything the results panel shows for the participant's own answers."""

    scores: dict[StyleId, ScaleScore]
    forced_choice: ForcedChoiceResult
    progress: Progress
    ranking: StyleRanking | None
    adaptability: float | None
    advice: Advice | None
    message: str
    #: Self vs. the other raters (mentor, peers); ``None`` when no rating is known.
    comparison: Comparison | None = None

    @property
    def primary(self) -> StyleId | None:
        """The primary style, once there are enough answers to rank the styles."""
        return self.ranking.primary if self.ranking else None

    @property
    def secondary(self) -> StyleId | None:
        """The secondary style, once there are enough answers to rank the styles."""
        return self.ranking.secondary if self.ranking else None

    @property
    def mentor_gaps(self) -> dict[StyleId, Gap]:
        """Self vs. mentor per style (empty without a mentor's rating)."""
        return dict(self.comparison.gaps.get("mentor", {})) if self.comparison else {}


def file_ratings(section: LeadershipSection, instrument: Instrument) -> list[RatingPayload]:
    """The ratings the owner imported from files that this instrument can still read, latest
    per rater (ratings that arrive through share links are the store's, not the section's)."""
    found: list[RatingPayload] = []
    for data in section.file_ratings:
        try:
            found.append(parse_rating(data, instrument))
        except InputError:
            continue  # e.g. made with an older instrument version
    return latest_per_rater(found)


def assess(
    section: LeadershipSection,
    instrument: Instrument,
    ratings: Iterable[RatingPayload] | None = None,
) -> SelfAssessment:
    """Score the participant's own answers; explain in ``message`` what is missing, if anything.

    ``ratings`` are other people's ratings to compare with (default: the section's
    :func:`file_ratings`).

    Examples
    --------
    >>> a = assess(LeadershipSection(), load_content())
    >>> a.ranking is None, a.message.startswith("Your primary style needs"), a.mentor_gaps
    (True, True, {})
    """
    scores = score_scales(section.answers, instrument)
    fc = score_forced_choice(section.forced_choice, instrument)
    try:
        ranking: StyleRanking | None = rank_styles(scores, fc.points)
    except NotEnoughAnswersError as err:
        ranking, message = None, str(err)
    else:
        message = ""
    advice = instrument.advice_for(ranking.primary, ranking.secondary) if ranking else None
    others = file_ratings(section, instrument) if ratings is None else list(ratings)
    return SelfAssessment(
        scores=scores,
        forced_choice=fc,
        progress=progress(section, instrument),
        ranking=ranking,
        adaptability=adaptability(scores),
        advice=advice,
        message=message,
        comparison=compare_raters(scores, others, instrument) if others else None,
    )


def new_rating(
    instrument: Instrument, kind: RaterKind, subject: str | None = None
) -> dict[str, Any]:
    """An empty rating payload for a rater to fill in (JSON-able)."""
    return RatingPayload(
        instrument_version=instrument.instrument_version, rater_kind=kind, subject=subject
    ).model_dump()


# --------------------------------------------------------------------------------------------
# Sentences for the results panel
# --------------------------------------------------------------------------------------------

RATER_NAMES: dict[RaterKind, str] = {"mentor": "your mentor's score", "peer": "your peers' average"}


def describe_ranking(ranking: StyleRanking, instrument: Instrument) -> str:
    """One or two sentences naming the primary and secondary style and any tie.

    Examples
    --------
    >>> inst = load_content()
    >>> describe_ranking(rank_styles({"facilitator": 40, "architect": 80, "integrator": 60}), inst)
    'Your primary style is Architect, with Integrator as your secondary style.'
    >>> print(describe_ranking(rank_styles(dict.fromkeys(STYLES, 60.0)), inst))
    Facilitator, Architect and Integrator are level: read them as a joint primary style. ...
    """
    name = {s: instrument.style(s).name for s in STYLES}
    p, s, t = (name[x] for x in ranking.order)
    if ranking.is_level(ranking.order[0], ranking.order[2]):
        return (
            f"{p}, {s} and {t} are level: read them as a joint primary style. They are listed "
            "in the instrument's order; your ranking blocks did not separate them."
        )
    if ranking.primary_is_level:
        text = (
            f"{p} and {s} are level as your strongest styles: read them as a joint primary "
            f"style, with {t} third. They are listed in the instrument's order; your ranking "
            "blocks did not separate them."
        )
    else:
        text = f"Your primary style is {p}, with {s} as your secondary style."
        if ranking.is_level(ranking.order[1], ranking.order[2]):
            text += f" {s} and {t} are level for second place."
    for group in ranking.broken_by_forced_choice:
        names = " and ".join(name[x] for x in group)
        text += f" {names} had the same score; your ranking blocks put {name[group[0]]} first."
    return text


def describe_gap(gap: Gap, instrument: Instrument, threshold: float) -> str:
    """A sentence on one style's gap between the participant and one kind of rater.

    Examples
    --------
    >>> inst = load_content()
    >>> print(describe_gap(Gap("architect", "mentor", 90.0, 40.0, -50.0, "blind_spot"), inst, 33.3))
    Architect: your mentor's score is 50 points lower than yours (90 vs 40): a possible blind \
spot.
    """
    style = instrument.style(gap.style).name
    who = RATER_NAMES[gap.kind]
    if gap.other_score is None:
        return f"{style}: {who} is not shown (not enough answers, or too few raters)."
    if gap.self_score is None or gap.gap is None:
        return (
            f"{style}: {who} is {round_half_up(gap.other_score)}; answer more statements to "
            "compare."
        )
    size = round_half_up(abs(gap.gap))
    pair = f"({round_half_up(gap.self_score)} vs {round_half_up(gap.other_score)})"
    if size == 0:
        return f"{style}: {who} is the same as yours {pair}."
    direction = "higher" if gap.gap > 0 else "lower"
    text = f"{style}: {who} is {size} points {direction} than yours {pair}"
    if gap.flag == "blind_spot":
        return text + ": a possible blind spot."
    if gap.flag == "hidden_strength":
        return text + ": a possible hidden strength."
    return text + f", within the {round_half_up(threshold)}-point threshold."


#: The domain's one face to the rest of the app (registered in playbook.contract).
DOMAIN: Domain[LeadershipSection, Any, Any] = Domain(
    section="leadership",
    model=LeadershipSection,
    load_content=load_content,
    parse_section=parse_section,
    dump_section=dump_section,
    assess=assess,
)
