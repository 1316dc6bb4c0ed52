"""The cohort view's content (``cohort.yaml``): its words and the documented minimums."""

from __future__ import annotations

from pydantic import Field

from playbook.models import Strict, Text

__all__ = ["CohortContent", "load_content"]


class CohortContent(Strict):
    """``cohort.yaml``: the page's words and the documented minimums (defaults of this
    workbook, not the article's)."""

    title: Text
    intro: Text
    min_group: int = Field(ge=2)
    min_alpha_workbooks: int = Field(ge=3)
    gap_band_points: float = Field(gt=0, lt=100)
    delivery_bin: float = Field(gt=0, le=0.5)
    #: In place of a chart whose groups are all hidden, and of one with no answers at all.
    empty_hidden: Text
    empty_none: Text


def load_content() -> CohortContent:
    """The cohort view's content (the coach's copy under ``PLAYBOOK_CONTENT`` if any)."""
    from playbook.content import load_content as load

    return load("cohort", CohortContent)
