"""Downloaded workbook files read for the cohort (no I/O: bytes in)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from playbook.errors import PlaybookError

__all__ = ["FileProblem", "read_files"]


@dataclass(frozen=True)
class FileProblem:
    """A file that could not be read, and why (for the coach who loaded it)."""

    name: str
    message: str


def read_files(
    files: Iterable[tuple[str, bytes]],
) -> tuple[list[dict[str, Any]], list[FileProblem]]:
    """Read downloaded workbook files (checked, upgraded and validated as the start page does);
    a file that cannot be read is set aside with its message, the others still count."""
    from playbook.record import parse_workbook_file

    records, problems = [], []
    for name, data in files:
        try:
            records.append(parse_workbook_file(data))
        except PlaybookError as err:
            problems.append(FileProblem(name, str(err)))
    return records, problems
