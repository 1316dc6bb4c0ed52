"""Colleagues' audit answers from a CSV file (bytes or text in, rows out; no widgets, no paths).

One row per colleague: an optional ``department`` column, then one column per question id.
This reads the file (size, encoding, separator, columns, blank rows); whether each answer is on
the audit's scale is checked by :func:`playbook.audit.parse_colleague_csv`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from playbook.errors import ImportFileError
from playbook.imports import IMPORT_LIMIT_BYTES, check_size, decode_text
from playbook.limits import MAX_ITEMS_PER_QUARTER, MAX_TEXT_CHARS, LimitError

#: Column of a colleagues' answers file naming the colleague's department (optional).
DEPARTMENT_COLUMN = "department"


class ColleagueFileError(ImportFileError):
    """Raised when a file of colleagues' answers cannot be used (columns, values)."""


@dataclass(frozen=True)
class ColleagueRow:
    """One colleague's row: its line in the file, the department and the cells by question id
    (blank cells included: a blank is a question not answered)."""

    line: int
    department: str
    cells: dict[str, str]


def csv_template(question_ids: Sequence[str]) -> str:
    """The header line of a colleagues' answers file, to hand out as a template.

    >>> csv_template(["res_buffers", "bal_metrics"])
    'department,res_buffers,bal_metrics\\n'
    """
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([DEPARTMENT_COLUMN, *question_ids])
    return buf.getvalue()


def read_colleague_csv(data: bytes | str, question_ids: Sequence[str]) -> list[ColleagueRow]:
    """The non-blank rows of a colleagues' answers file.

    Commas, semicolons and tabs are recognised as separators; column names are matched without
    case or surrounding spaces.

    Raises
    ------
    ColleagueFileError
        When the file is empty, is not CSV, or has no question column or an unknown column
        (the message names the expected columns).
    ImportFileError
        When the file is too large or not text.

    Examples
    --------
    >>> rows = read_colleague_csv("Department;q1;q2\\nEditorial;4;\\n;;\\n", ["q1", "q2"])
    >>> [(r.line, r.department, r.cells) for r in rows]
    [(2, 'Editorial', {'q1': '4', 'q2': ''})]
    """
    if isinstance(data, bytes):
        if data.strip():
            check_size(data, IMPORT_LIMIT_BYTES)
        text, _ = decode_text(data)
    else:
        text = data
    expected = ", ".join([DEPARTMENT_COLUMN, *question_ids])
    if not text.strip():
        raise ColleagueFileError(f"The file is empty. It needs the columns: {expected}.")
    first = next(line for line in text[:65536].splitlines() if line.strip())
    delimiter = max((",", ";", "\t"), key=first.count)
    try:
        return _rows(text, delimiter, question_ids, expected)
    except csv.Error as err:
        raise ColleagueFileError(f"The file could not be read as CSV ({err}).") from None


def _rows(
    text: str, delimiter: str, question_ids: Sequence[str], expected: str
) -> list[ColleagueRow]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().strip("\ufeff").strip().lower() for h in next(reader, [])]
    known = set(question_ids)
    unknown = [h for h in header if h and h not in known and h != DEPARTMENT_COLUMN]
    if not any(h in known for h in header) or unknown:
        extra = f" Unknown columns: {', '.join(unknown)}." if unknown else ""
        raise ColleagueFileError(
            f"The file needs the columns: {expected} (download the template).{extra}"
        )
    rows: list[ColleagueRow] = []
    for line_no, row in enumerate(reader, start=2):
        if not any(c.strip() for c in row):
            continue
        if len(rows) >= MAX_ITEMS_PER_QUARTER:  # stop reading: bounded work
            raise LimitError(
                f"Refused: this file has more than {MAX_ITEMS_PER_QUARTER:,} colleagues' "
                f"answers (row {line_no} is one too many); a quarter keeps at most "
                f"{MAX_ITEMS_PER_QUARTER:,}. Nothing was imported."
            )
        cells = dict(zip(header, row, strict=False))
        department = cells.pop(DEPARTMENT_COLUMN, "").strip()
        if len(department) > MAX_TEXT_CHARS:
            raise LimitError(
                f"Refused: row {line_no}'s department has {len(department):,} characters; the "
                f"limit is {MAX_TEXT_CHARS:,}. Nothing was imported."
            )
        rows.append(ColleagueRow(line_no, department, {k: v for k, v in cells.items() if k}))
    return rows
