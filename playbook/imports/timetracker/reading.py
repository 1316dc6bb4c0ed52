"""A CSV file's text and rows: decoded once, then read as often as a question needs.

:func:`decode_csv` turns the bytes into a :class:`CsvText` (the text, its encoding, and a
warning for lines saved in another encoding); :func:`read_table` reads that text into a
:class:`CsvTable`: the header row at once, the rows lazily, so that a file of unknown columns
is named before its rows are read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from playbook.errors import ImportFileError
from playbook.imports import check_size, decode_lines
from playbook.imports.timetracker.layouts import summary_report
from playbook.limits import MAX_TIME_ENTRIES

#: Most rows a message lists by number before it says "and N more".
SHOWN = 3

#: The most data rows one file may hold: a year of a busy team's tracker. A larger file is
#: refused before any row is read (a workbook keeps at most 20,000 entries anyway).
MAX_ROWS = 100_000


@dataclass(frozen=True)
class CsvText:
    """A CSV file decoded: its text, the encoding used, and sentences about the decoding."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


@dataclass
class CsvTable:
    """A CSV's header row, and its non-blank rows (with their line) to be read once.

    Reading ``rows`` past :data:`MAX_ROWS` rows, or into a line that is not CSV, raises
    :class:`~playbook.errors.ImportFileError` saying so.
    """

    headers: list[str]
    rows: Iterator[tuple[int, list[str]]]
    encoding: str
    warnings: list[str]


def decode_csv(data: bytes) -> CsvText:
    """Decode a CSV file once (see :func:`~playbook.imports.decode_lines`), naming the lines
    that were not saved as UTF-8 like the rest.

    Raises
    ------
    ImportFileError
        When the bytes are not text.

    Examples
    --------
    >>> decode_csv("Date,Hours\\nCafé,1\\n".encode("cp1252"))
    CsvText(text='Date,Hours\\nCafé,1\\n', encoding='cp1252', warnings=())
    """
    text, encoding, legacy = decode_lines(data)
    warnings: tuple[str, ...] = ()
    if legacy:
        shown = ", ".join(str(n) for n in legacy[:SHOWN])
        more = f" and {len(legacy) - SHOWN} more" if len(legacy) > SHOWN else ""
        warnings = (
            f"Line(s) {shown}{more} were not saved as UTF-8 like the rest of the file: they were "
            "read as Windows-1252. Check their accented letters (é, ü, ñ).",
        )
    return CsvText(text, encoding, warnings)


def _delimiter(first_line: str) -> str:
    """The likeliest delimiter: European spreadsheets write ``;`` where others write ``,``."""
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _ends(text: str, delimiter: str) -> tuple[list[list[str]], list[list[str]]]:
    """The first and the last few lines of ``text`` split into cells (a summary report's
    title, header and total rows), looked at apart from the rows and without the csv module:
    the names compared are stripped of quotes, and the file is read once, after."""

    def cells(lines: list[str]) -> list[list[str]]:
        return [[c.strip().strip('"') for c in line.split(delimiter)] for line in lines if line]

    head = text[:4096].split("\n")[:_SUMMARY_LINES]
    tail = text[-4096:].rstrip().split("\n")[-_SUMMARY_LINES:]
    return cells(head), cells(tail)


#: How many lines at each end of a file are looked at for a summary report's title, header
#: and total rows.
_SUMMARY_LINES = 8


def read_table(decoded: CsvText) -> CsvTable:
    """The header row of a decoded CSV, and its rows to be read (see :class:`CsvTable`).

    Raises
    ------
    ImportFileError
        When there is no header row, or it is empty or not CSV.

    Examples
    --------
    >>> table = read_table(CsvText("When;What\\n2026-03-02 09:00;Budget\\n\\n", "utf-8"))
    >>> table.headers, list(table.rows)
    (['When', 'What'], [(2, ['2026-03-02 09:00', 'Budget'])])
    """
    text = decoded.text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = _delimiter(first_line)
    refused = summary_report(*_ends(text, delimiter))
    if refused is not None:
        raise refused
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        raise ImportFileError("The file has no header row.") from None
    except csv.Error as err:
        raise ImportFileError(f"Line 1 is not valid CSV: {err}.") from None
    headers = [h.replace("\ufeff", "").strip() for h in headers]
    if not any(headers):
        raise ImportFileError("The first line of the file should name the columns; it is empty.")

    def rows() -> Iterator[tuple[int, list[str]]]:
        count = 0
        try:
            for row in reader:
                if any(row) and "".join(row).strip():
                    count += 1
                    if count > MAX_ROWS:
                        raise ImportFileError(
                            f"The file has more than {MAX_ROWS:,} rows; the workbook reads at "
                            f"most {MAX_ROWS:,} from one file (and keeps at most "
                            f"{MAX_TIME_ENTRIES:,} entries), so nothing was imported. Export a "
                            "shorter date range."
                        )
                    yield reader.line_num, row
        except csv.Error as err:
            raise ImportFileError(f"Line {reader.line_num} is not valid CSV: {err}.") from None

    return CsvTable(headers, rows(), decoded.encoding, list(decoded.warnings))


def read_headers(data: bytes) -> tuple[list[str], str]:
    """The column names of a CSV and the encoding it was read with (for the mapping form).

    Raises
    ------
    ImportFileError
        When the file is too large, empty, not text or not CSV.
    """
    check_size(data)
    table = read_table(decode_csv(data))
    return table.headers, table.encoding
