"""The cohort's aggregate tables, with every group under the minimum hidden as it is built:
:class:`Tables` is what a domain's ``aggregate`` hook fills (:class:`playbook.contract.TableMaker`)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from playbook.cohort.content import CohortContent
from playbook.contract import AlphaRow, Cell

__all__ = ["Cell", "Table", "Tables", "mean_of", "share_of", "suppress"]


@dataclass(frozen=True)
class Table:
    """One aggregate table: a header and rows of (group labels..., workbooks, numbers...).

    ``rows`` holds only the groups of at least the minimum; ``hidden`` says how many groups
    were left out. ``count_column`` is the column with the number of workbooks.
    """

    id: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    hidden: int
    min_group: int
    count_column: int
    note: str = ""

    @property
    def hidden_note(self) -> str:
        """What the page says about hidden groups ("" when none was hidden)."""
        if not self.hidden:
            return ""
        groups = "group" if self.hidden == 1 else "groups"
        return (
            f"{self.hidden} {groups} of fewer than {self.min_group} workbooks hidden (the "
            "minimum is a default of this workbook), so that no one's answers can be read off."
        )


def suppress(
    rows: Iterable[tuple[Cell, ...]], min_group: int, count_column: int
) -> tuple[tuple[tuple[Cell, ...], ...], int]:
    """The rows whose group has at least ``min_group`` workbooks, and how many were hidden.

    Examples
    --------
    >>> suppress([("a", 2), ("b", 3), ("c", 0)], 3, 1)
    ((('b', 3),), 1)

    A group of no workbooks is not a group: it is dropped without counting as hidden.
    """
    kept, hidden = [], 0
    for row in rows:
        n = row[count_column]
        assert isinstance(n, int)
        if n >= min_group:
            kept.append(tuple(row))
        elif n > 0:
            hidden += 1
    return tuple(kept), hidden


def mean_of(values: Sequence[float]) -> float:
    """The mean of ``values`` as a table shows it (2 decimals).

    >>> mean_of([3, 4, 4])
    3.67
    """
    return round(math.fsum(values) / len(values), 2)


def share_of(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` as a table shows it (3 decimals), ``None`` of nothing.

    >>> share_of(1, 3), share_of(0, 0)
    (0.333, None)
    """
    return round(part / whole, 3) if whole else None


class Tables:
    """The tables and reliability rows being built for one cohort (what a domain's
    ``aggregate`` hook is handed)."""

    def __init__(self, content: CohortContent) -> None:
        self.content = content
        self.tables: list[Table] = []
        self.alphas: list[AlphaRow] = []

    def add(
        self,
        id: str,
        title: str,
        header: Sequence[str],
        rows: Iterable[tuple[Cell, ...]],
        count_column: int = 1,
        note: str = "",
    ) -> None:
        """Add one table, its groups under ``content.min_group`` left out."""
        k = self.content.min_group
        kept, hidden = suppress(rows, k, count_column)
        self.tables.append(Table(id, title, tuple(header), kept, hidden, k, count_column, note))

    def add_alpha(self, rows: Iterable[AlphaRow]) -> None:
        """Add reliability rows (each withheld by its maker below the minimum)."""
        self.alphas += rows
