"""The pydantic bases every domain's content and section models share.

One strict base (:class:`Strict`: unknown keys refused, values frozen), one
:data:`Text` (a text of the content that a coach may not leave empty), one
:class:`Claim` (a statistic of the article, quoted as its author's claim), one
:class:`Wording` (sentences with ``{names}`` in braces, each field saying its names with a
:class:`Names`, checked on load), and the checks
the content validators share, so that a rule about ids or sentences is said once:
:func:`check_braces` (a sentence uses only the names it may), :func:`require_unique` (no id
twice), :func:`require_known` (a reference names an id that is there), :func:`require_keys` (a
mapping covers every id), :func:`first_error`, how a section that cannot be read is named
to the participant, and :func:`read_section`, a record's section read into its model. Last, how a section's edit reads what the participant typed: a text that
must be there (:func:`required`), a date (:func:`read_date`), and a new row's id
(:func:`next_id`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import string
from collections import Counter
from collections.abc import Collection, Hashable, Iterable, Iterator, Mapping
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from playbook.errors import InputError

__all__ = [
    "Claim",
    "Names",
    "Strict",
    "Text",
    "Wording",
    "brace_names",
    "check_braces",
    "first_error",
    "next_id",
    "read_date",
    "read_section",
    "require_keys",
    "require_known",
    "require_unique",
    "required",
]


class Strict(BaseModel):
    """A content or section model: unknown keys are an error (a coach's typo names the key),
    and a model is never changed in place (a change makes a new one with ``model_copy``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


#: A text of the content (a page's sentence, a name, an id) that may not be empty: a coach who
#: clears one is told which, on load. The one rule for every such field (``title: Text``).
Text = Annotated[str, Field(min_length=1)]


class Claim(Strict):
    """A statistic from the article, quoted as the author's claim, never as a fact: its id,
    its words as the page shows them, and the article's section it comes from."""

    id: Text
    text: Text
    section: str = ""


def first_error(err: ValidationError) -> str:
    """Where in the data pydantic's first error is, and what it says: the words a section's
    "could not be read" message quotes in its brackets.

    Examples
    --------
    >>> try:
    ...     Claim.model_validate({"id": "c1"})
    ... except ValidationError as err:
    ...     first_error(err)
    'text: Field required'
    """
    first = err.errors()[0]
    where = " -> ".join(str(p) for p in first["loc"]) or "(top level)"
    return f"{where}: {first['msg']}"


B = TypeVar("B", bound=BaseModel)


def read_section(
    model: type[B],
    data: Mapping[str, Any] | None,
    what: str,
    error: type[InputError] = InputError,
) -> B:
    """A record's section (``data``; ``None`` or ``{}``: a fresh start) as its ``model``; when
    it does not fit, ``error`` saying that the saved ``what`` could not be read, and where.

    Examples
    --------
    >>> read_section(Claim, {"id": "c1", "text": "80% of teams..."}, "claim").id
    'c1'
    >>> read_section(Claim, {"id": "c1"}, "claim")
    Traceback (most recent call last):
    playbook.errors.InputError: The saved claim could not be read (text: Field required).
    """
    try:
        return model.model_validate(dict(data or {}))
    except ValidationError as err:
        raise error(f"The saved {what} could not be read ({first_error(err)}).") from None


def require_keys(value: Mapping[Any, Any], keys: Iterable[str], message: str) -> None:
    """Refuse (``ValueError``, which pydantic reports) a mapping without one of ``keys``:
    ``message`` followed by the ones missing.

    Examples
    --------
    >>> require_keys({"a": 1}, ["a", "b", "c"], "weights missing for")
    Traceback (most recent call last):
    ValueError: weights missing for b, c
    """
    missing = [k for k in keys if k not in value]
    if missing:
        raise ValueError(f"{message} {', '.join(missing)}")


def require_unique(what: str, ids: Iterable[Hashable]) -> None:
    """Refuse (``ValueError``) ids that stand more than once: ``duplicate <what>:`` and all
    of them, sorted.

    Examples
    --------
    >>> require_unique("question ids", ["a", "b", "a", "c", "b"])
    Traceback (most recent call last):
    ValueError: duplicate question ids: a, b (listed twice or more)
    >>> require_unique("rhythms' days", [7, 14])
    """
    twice = [i for i, n in Counter(ids).items() if n > 1]
    if twice:
        names = ", ".join(sorted(str(i) for i in twice))
        raise ValueError(f"duplicate {what}: {names} (listed twice or more)")


def require_known(owner: str, what: str, value: str, known: Collection[str]) -> None:
    """Refuse (``ValueError``) a reference to an id that is not there: ``<owner> names an
    unknown <what>`` and the ones there are.

    Examples
    --------
    >>> require_known("pitfall 'p1'", "area", "budget", ["leadership", "tools"])
    Traceback (most recent call last):
    ValueError: pitfall 'p1' names an unknown area 'budget' (known: leadership, tools)
    """
    if value not in known:
        raise ValueError(
            f"{owner} names an unknown {what} '{value}' (known: {', '.join(sorted(known))})"
        )


def brace_names(text: str) -> set[str]:
    """The names a sentence uses in braces (``""`` for a bare ``{}``); a ``ValueError`` for
    braces that do not close.

    Examples
    --------
    >>> sorted(brace_names("{day}: {text} ({{literal}}) {}"))
    ['', 'day', 'text']
    """
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def check_braces(where: str, text: str, allowed: Iterable[str], *, texts: bool = False) -> None:
    """Refuse (``ValueError``, which pydantic reports) a sentence of the content that uses in
    braces a name it may not (``allowed``), a bare ``{}``, or braces that do not close, so
    that a coach's typo is named on load rather than failing a page. With ``texts`` (the
    names are filled with texts), a format a text cannot take (``{day:%Y}``) is refused too.

    Examples
    --------
    >>> check_braces("summary", "{hours} h of {work}", ("hours", "work", "share"))
    >>> check_braces("summary", "{hours} h in {weeks}", ("hours", "work"))
    Traceback (most recent call last):
    ValueError: summary: unknown name(s) in braces: weeks (it may use hours, work in braces)
    >>> check_braces("title", "Since {day:%Y}", ("day",), texts=True)
    Traceback (most recent call last):
    ValueError: title: Invalid format specifier '%Y' for object of type 'str' (it may use day in braces)
    """
    names = tuple(allowed)
    try:
        unknown = brace_names(text) - set(names)
        if unknown:
            raise ValueError(
                "unknown name(s) in braces: " + ", ".join(sorted(n or "{}" for n in unknown))
            )
        if texts:
            text.format(**dict.fromkeys(names, "x"))
    except (ValueError, IndexError) as err:
        raise ValueError(
            f"{where}: {err} (it may use {', '.join(names) or 'no names'} in braces)"
        ) from None


@dataclasses.dataclass(frozen=True, init=False)
class Names:
    """The names a sentence of a :class:`Wording` may use in braces, said on its field:
    ``action: Annotated[Text, Names("text")]``; ``Names()``, none at all. A field without one
    is not a sentence with names (its braces are not checked). On a list of sentences, or on a
    model of them, the names are each sentence's. ``texts=False``: the names are filled with
    numbers too, so a format only a number takes (``{days:d}``) is not refused.
    """

    names: tuple[str, ...]
    texts: bool

    def __init__(self, *names: str, texts: bool = True) -> None:
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "texts", texts)


class Wording(Strict):
    """Sentences with ``{names}`` in braces, each checked on load against the names its field
    may use (its :class:`Names`) and filled in once, so that a coach's typo is named in the
    content error rather than failing a page.

    Examples
    --------
    >>> class Due(Wording):
    ...     title: Annotated[Text, Names("text")]
    ...     detail: Annotated[str, Names("owner", "day")] = ""
    >>> Due.names()
    {'title': ('text',), 'detail': ('owner', 'day')}
    >>> Due(title="Due: {txt}")
    Traceback (most recent call last):
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Due
      Value error, title: unknown name(s) in braces: txt (it may use text in braces) ...
    """

    @classmethod
    def names(cls) -> dict[str, tuple[str, ...]]:
        """Each sentence's names (field -> the names it may use), in the fields' order."""
        return {field: names.names for field, names in cls._sentences()}

    @classmethod
    def _sentences(cls) -> Iterator[tuple[str, Names]]:
        for field, info in cls.model_fields.items():
            for names in info.metadata:
                if isinstance(names, Names):
                    yield field, names

    @model_validator(mode="after")
    def _known_names(self) -> Wording:
        for field, names in self._sentences():
            for text in _sentences_of(getattr(self, field)):
                check_braces(field, text, names.names, texts=names.texts)
        return self


def _sentences_of(value: str | Iterable[str] | BaseModel) -> Iterable[str]:
    """The sentences a field holds: itself, each of a list, or each text of a model."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, BaseModel):
        texts = (getattr(value, name) for name in type(value).model_fields)
        return [t for t in texts if isinstance(t, str)]
    return value


def required(text: str, what: str, cap: int | None = None) -> str:
    """``text`` without surrounding spaces; an :class:`InputError` when it is empty or longer
    than ``cap`` characters (no cap: the section model's own).

    >>> required("  Ask for a review ", "the goal")
    'Ask for a review'
    >>> required(" ", "the goal")
    Traceback (most recent call last):
    playbook.errors.InputError: Write the goal first.
    """
    text = text.strip()
    if not text:
        raise InputError(f"Write {what} first.")
    if cap is not None and len(text) > cap:
        raise InputError(f"{what[:1].upper()}{what[1:]} is too long: at most {cap:,} characters.")
    return text


def read_date(text: str | dt.date | None, what: str) -> dt.date | None:
    """A date typed as ``YYYY-MM-DD`` (empty: none), or an :class:`InputError` naming it.

    >>> read_date(" 2026-05-05 ", "Due"), read_date("", "Due")
    (datetime.date(2026, 5, 5), None)
    >>> read_date("5 May", "Due")
    Traceback (most recent call last):
    playbook.errors.InputError: Due: "5 May" is not a date: write it as YYYY-MM-DD.
    """
    if text is None or isinstance(text, dt.date):
        return text
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f'{what}: "{text}" is not a date: write it as YYYY-MM-DD.') from None


def next_id(prefix: str, ids: Iterable[str]) -> str:
    """The first ``<prefix>-<n>`` not among ``ids``, counting on from how many there are.

    >>> next_id("point", ["point-1", "c4", "point-3"])
    'point-4'
    """
    taken = set(ids)
    n = len(taken) + 1
    while f"{prefix}-{n}" in taken:
        n += 1
    return f"{prefix}-{n}"
