"""Stored data: the participant's ``"leadership"`` section and other people's ratings.

The participant's own answers live in the workbook record's ``"leadership"`` section
(:class:`LeadershipSection`); a mentor's or a peer's rating is a separate payload
(:class:`RatingPayload`), never written into the owner's section (the shapes are in the
package's docstring). A rating file is parsed from ``bytes``
(:func:`playbook.imports.ratings.read_rating_file`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ConfigDict, Field

from playbook.errors import InputError
from playbook.history import History, salvage

# The file is the parser's (and its size limit); its error is raised from here too.
from playbook.imports.ratings import MAX_RATING_BYTES, RatingFileError, read_rating_file
from playbook.leadership.checks import check_answers, check_forced_choice
from playbook.leadership.content import RATER_KINDS, Instrument, RaterKind, load_content
from playbook.leadership.errors import (
    AnswerError,
    InstrumentVersionError,
    NotEnoughAnswersError,
    WrongSubjectError,
)
from playbook.leadership.scoring import score_scales
from playbook.limits import MAX_FILE_RATINGS
from playbook.models import Strict, read_section

__all__ = [
    "MAX_RATER_CHARS",
    "LeadershipSection",
    "RatingFileError",
    "RatingPayload",
    "dump_section",
    "file_ratings",
    "latest_per_rater",
    "new_rating",
    "parse_rating",
    "parse_rating_file",
    "parse_section",
    "rater_id",
    "rating_subject",
    "salvage_section",
]

#: Longest rater name, date or subject a rating may carry.
MAX_RATER_CHARS = 200


class LeadershipSection(Strict):
    """The ``"leadership"`` section of a workbook record (the participant's own answers)."""

    # Lenient on keys: a section an older version saved may hold keys this one no longer
    # keeps; they are dropped, not refused (the values are still checked).
    model_config = ConfigDict(extra="ignore")

    instrument_version: str | None = None
    answers: dict[str, int] = Field(default_factory=dict)
    forced_choice: dict[str, list[str]] = Field(default_factory=dict)
    page: int = Field(default=0, ge=0)
    #: Ratings the owner imported from files (each checked by :func:`parse_rating` first).
    #: Ratings sent through a share link are not here: they are the store's contributions.
    file_ratings: list[dict[str, Any]] = Field(default_factory=list, max_length=MAX_FILE_RATINGS)
    #: Dated snapshots of earlier results (issue 20; playbook.history keeps them).
    history: History = ()


class RatingPayload(Strict):
    """A mentor's or a peer's rating of a participant, kept apart from the owner's answers."""

    # Lenient on keys: a rating file comes from someone else's copy of the app (another
    # version's keys are dropped, not refused; parse_rating checks what is kept).
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
    section = read_section(LeadershipSection, data, "leadership answers", AnswerError)
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
        history=section.history,
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
    history, lost = salvage(raw.get("history"))
    if lost:
        notes.append(f"{lost} saved snapshot(s) of earlier results could not be read.")
    if not isinstance(data, Mapping | None) or not notes:
        notes.append("Part of the saved leadership answers could not be read; it is not shown.")
    section = LeadershipSection(
        instrument_version=instrument.instrument_version,
        answers=answers,
        forced_choice=orders,
        page=page if isinstance(page, int) and not isinstance(page, bool) and page >= 0 else 0,
        file_ratings=kept,
        history=history,
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


def new_rating(
    instrument: Instrument, kind: RaterKind, subject: str | None = None
) -> dict[str, Any]:
    """An empty rating payload for a rater to fill in (JSON-able)."""
    return RatingPayload(
        instrument_version=instrument.instrument_version, rater_kind=kind, subject=subject
    ).model_dump()
