"""The pydantic bases every domain's content and section models share.

One strict base (:class:`Strict`: unknown keys refused, values frozen) and one
:class:`Claim` (a statistic of the article, quoted as its author's claim), so that a rule
about them is said once.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Claim", "Strict"]


class Strict(BaseModel):
    """A content or section model: unknown keys are an error (a coach's typo names the key),
    and a model is never changed in place (a change makes a new one with ``model_copy``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Claim(Strict):
    """A statistic from the article, quoted as the author's claim, never as a fact: its id,
    its words as the page shows them, and the article's section it comes from."""

    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    section: str = ""
