"""A time-tracker CSV read into entries: the bytes once, or an already decoded text again."""

from __future__ import annotations

from datetime import date

from playbook.errors import ImportFileError
from playbook.imports import ColumnMapping, ImportResult, check_size, zone
from playbook.imports.timetracker.columns import Layout, recognize
from playbook.imports.timetracker.dates import DATE_ORDERS, AmbiguousDates, BadCell
from playbook.imports.timetracker.reading import CsvTable, decode_csv, read_table
from playbook.imports.timetracker.rows import (
    Counts,
    RowReading,
    timed_entries,
    untimed_entries,
)
from playbook.imports.timetracker.times import RowTimes, date_order_question, duration_note

#: The layouts whose duration column needs no sentence: its format is the tracker's own.
_SAID_BY_FORMAT = frozenset({"toggl", "clockify"})


def parse_timetracker_csv(
    data: bytes,
    tz: str = "UTC",
    mapping: ColumnMapping | None = None,
    date_range: tuple[date, date] | None = None,
    date_order: str | None = None,
) -> ImportResult:
    """Read a time-tracker CSV export into entries.

    Parameters
    ----------
    data
        The file's bytes (at most :data:`~playbook.imports.IMPORT_LIMIT_BYTES`).
    tz
        The IANA time zone the export's times are read in (exports carry no zone).
    mapping
        The participant's column mapping; when given it is used instead of format detection.
    date_range
        First and last day (inclusive) to keep; rows outside are counted as skipped.
    date_order
        ``"mdy"`` or ``"dmy"``: the participant's answer to a :class:`DateOrderQuestion`.

    Returns
    -------
    ImportResult
        ``format`` is ``"Toggl Track"``, ``"Clockify"`` or ``"CSV (your column mapping)"``.
        Rows that cannot be read, end before they start, or last over 24 hours are left out
        and named (by line) in ``warnings``. Rows without a time of day (no start time, or
        every start at 00:00 with a duration) are entries of their day, said in ``warnings``.

    Raises
    ------
    FileTooLargeError
        Over the import limit.
    CsvFormatError
        Unknown columns and no mapping, a mapping naming absent columns, or a Toggl/Clockify
        export missing a needed column; the message says which columns were expected.
    DateOrderQuestion
        Every date reads both month-first and day-first and ``date_order`` is not given.
    ImportFileError
        Empty, not text, not CSV, over :data:`MAX_ROWS` rows, or no row could be read (the
        message quotes the first problem and its line).
    """
    if date_order is not None and date_order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {sorted(DATE_ORDERS)}")
    zone(tz)
    check_size(data)
    table = read_table(decode_csv(data))
    return read_entries(table, recognize(table.headers, mapping), tz, date_range, date_order)


def read_entries(
    table: CsvTable,
    layout: Layout,
    tz: str = "UTC",
    date_range: tuple[date, date] | None = None,
    date_order: str | None = None,
) -> ImportResult:
    """The entries of a read :class:`~playbook.imports.timetracker.reading.CsvTable` laid out
    as ``layout`` says (see :func:`parse_timetracker_csv` for the rest and what it raises).

    Examples
    --------
    >>> from playbook.imports.timetracker.reading import CsvText
    >>> table = read_table(CsvText("When,What,Hours\\n2026-03-02 09:00,Budget,1.5\\n", "utf-8"))
    >>> layout = recognize(table.headers, ColumnMapping(
    ...     description="What", start="When", duration="Hours"))
    >>> [(e.start.isoformat(), e.hours) for e in read_entries(table, layout).entries]
    [('2026-03-02T09:00:00+00:00', 1.5)]
    """
    if date_order is not None and date_order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {sorted(DATE_ORDERS)}")
    zone_info = zone(tz)
    headers, warnings, plan = table.headers, table.warnings, layout.plan
    fmt_name, source, encoding = layout.format, layout.source, table.encoding
    rows = list(table.rows)
    if not rows:
        warnings.append("The file has a header row but no entries.")
        return ImportResult(entries=[], format=fmt_name, encoding=encoding, warnings=warnings)
    try:
        times = RowTimes(plan, headers, rows, zone_info, date_order)
    except AmbiguousDates as err:
        raise date_order_question(headers, plan, rows, err.formats) from None
    except BadCell as err:
        raise ImportFileError(f"No row could be read: {err}.") from None
    counts = Counts()
    reading = RowReading(plan, times, source, date_range, counts)
    entries = (untimed_entries if times.untimed else timed_entries)(rows, reading)
    if times.untimed and entries:
        warnings.append(
            f"The file gives no time of day (every entry starts at 00:00 or has no start "
            f"time), so its {len(entries)} entries are counted on their day by their duration, "
            "without a clock time: they do not show in the focus and overlap views."
        )
    if source not in _SAID_BY_FORMAT and entries:
        # Toggl's and Clockify's duration columns are their own; any other is read by its
        # header, and the page says how.
        note = duration_note(times, rows)
        if note:
            warnings.append(note)
    bad = sum(n for k, n in counts.skipped.items() if k != "outside the date range")
    if bad == len(rows):
        raise ImportFileError(
            f"No row could be read. First problems: {'; '.join(counts.problems)}."
        )
    if counts.problems:
        more = f" (and {bad - len(counts.problems)} more)" if bad > len(counts.problems) else ""
        listed = "; ".join(counts.problems)
        warnings.append(f"Left out {bad} row(s) that could not be used: {listed}{more}.")
    return ImportResult(
        entries=entries,
        format=fmt_name,
        encoding=encoding,
        skipped=counts.skipped,
        warnings=warnings,
    )
