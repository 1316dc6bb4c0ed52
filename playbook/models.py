"""The pydantic bases every domain's content and section models share.

One strict base (:class:`Strict`: unknown keys refused, values frozen), one
:data:`Text` (a text of the content that a coach may not leave empty), one
:class:`Claim` (a statistic of the article, quoted as its author's claim), and
:func:`first_error`, how a section that cannot be read is named to the participant, and
:func:`require_keys`, a content validator's check that a mapping covers every id, so that a
rule about them is said once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

__all__ = ["Claim", "Strict", "Text", "first_error", "require_keys"]


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
