"""The import workflow of the time split, below the page: a file in, its entries and the
questions for the participant out, as data.

:func:`begin_import` takes a file's name and bytes once: it checks the size once, decodes the
bytes once and reads the text once. What it gives back, an :class:`Imported`, holds either
the file's entries (``result``) or the one question the participant must answer first
(``question``):

* :class:`AskTimeZone`: a calendar that names its own time zone, in a log that is new (no
  entries, still in UTC). The page answers with the calendar's zone (and says so);
* :class:`AskColumns`: a CSV whose columns are no known export's, with no mapping remembered
  for them: which column holds what;
* :class:`AskDateOrder`: a CSV whose every date reads month-first and day-first.

Each answer (:func:`answer_zone`, :func:`answer_columns`, :func:`answer_date_order`) is a
function of the earlier :class:`Imported` and the answer: it reads the decoded text again,
never the bytes. :func:`finish_import` merges the entries into the section (the date range
following the file when nothing of it fell in the range, read again from the text), with what
is to be remembered (the zone, the mapping, the date order), and the sentence the page shows.

Nothing here holds a widget: the page (:mod:`playbook.ui.time_split.imports`) shows the
questions and passes the answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from playbook.imports import ColumnMapping, ImportResult, check_size, is_calendar
from playbook.imports.timetracker import (
    DATE_ORDERS,
    CsvFormatError,
    CsvText,
    DateOrderQuestion,
    decode_csv,
    header_signature,
    read_entries,
    read_table,
    recognize,
)
from playbook.time_split.log import apply_import
from playbook.time_split.section import DateRange, TimeSplitSection
from playbook.time_split.split import range_covering

__all__ = [
    "LOOK_AHEAD",
    "LOOK_BACK",
    "AskColumns",
    "AskDateOrder",
    "AskTimeZone",
    "Finished",
    "ImportSettings",
    "Imported",
    "Question",
    "answer_columns",
    "answer_date_order",
    "answer_zone",
    "begin_import",
    "finish_import",
    "read_again",
]

#: How far back (and ahead) a file is read to find its weeks when none fell in the range:
#: within the calendar reader's three-year limit.
LOOK_BACK, LOOK_AHEAD = timedelta(days=3 * 365 - 31), timedelta(days=31)


@dataclass(frozen=True)
class ImportSettings:
    """What an import reads from the page: the section as saved, the date range shown, the
    hours an all-day event counts for (content), and today (for a file's weeks)."""

    section: TimeSplitSection
    date_range: tuple[date, date]
    all_day_hours: float = 0.0
    today: date = field(default_factory=date.today)


@dataclass(frozen=True)
class AskTimeZone:
    """The calendar names its own time zone ``zone`` and the log is new: show it in that zone?"""

    zone: str


@dataclass(frozen=True)
class AskColumns:
    """Which columns hold what: ``headers`` are the file's, ``message`` says what was expected
    and what was found (the page shows it as it is)."""

    headers: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class AskDateOrder:
    """Month first or day first: ``examples`` are the first dates as written, each read
    month-first and day-first."""

    examples: tuple[tuple[str, date, date], ...]


Question = AskTimeZone | AskColumns | AskDateOrder


@dataclass(frozen=True)
class Imported:
    """A file decoded once, and how far its import got.

    ``result`` holds the entries once every question is answered (``question`` is then
    ``None``). ``timezone``, ``mapping`` and ``date_order`` are what the file is read with
    (``None``: the section's or the format's); ``remember_order`` and ``remember_mapping``
    say whether the date order and the mapping are the participant's answers, to be saved for
    files with these columns (``signature``); ``notes`` are sentences for the page.
    """

    name: str
    calendar: bool
    text: str
    encoding: str
    decoding_warnings: tuple[str, ...] = ()
    signature: str = ""
    question: Question | None = None
    result: ImportResult | None = None
    timezone: str | None = None
    mapping: ColumnMapping | None = None
    date_order: str | None = None
    remember_mapping: bool = False
    remember_order: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finished:
    """An import merged: the section to save, the sentence to show (``kind`` ``"success"``
    when it brought entries, else ``"info"``), the range it moved to (or ``None``) and whether
    the time zone changed."""

    section: TimeSplitSection
    message: str
    kind: str
    moved: DateRange | None
    zone_changed: bool


def begin_import(name: str, data: bytes, settings: ImportSettings) -> Imported:
    """Check, decode and read a file once: its entries, or the first question to ask.

    Raises
    ------
    ImportFileError
        Too large, empty, not text, or a file that cannot be read (the parsers' messages).
    InputError
        A setting the calendar reader refuses (a range over three years).

    Examples
    --------
    >>> from playbook.time_split import TimeSplitSection
    >>> settings = ImportSettings(TimeSplitSection(), (date(2026, 3, 2), date(2026, 3, 8)))
    >>> got = begin_import("x.csv", b"When,What,Hours\\n2026-03-03 09:00,Budget,1\\n", settings)
    >>> got.question.headers, got.result
    (('When', 'What', 'Hours'), None)
    """
    check_size(data)
    if is_calendar(data):
        # icalendar is loaded on the first calendar import, not with the page
        from playbook.imports.calendar import zone_named_in
        from playbook.imports.calendar.parse import not_utf8_warnings
        from playbook.imports.calendar.reading import decode_calendar

        # the octets unfolded, then decoded line by line (RFC 5545 3.1)
        text, encoding, not_utf8 = decode_calendar(data)
        imported = Imported(name, True, text, encoding, not_utf8_warnings(encoding, not_utf8))

        guessed = zone_named_in(text)
        section = settings.section
        if guessed and not section.entries and section.timezone == "UTC" and guessed != "UTC":
            return replace(imported, question=AskTimeZone(guessed))
        return _with_result(imported, _calendar_entries(imported, settings, settings.date_range))
    decoded = decode_csv(data)
    imported = Imported(name, False, decoded.text, decoded.encoding, decoded.warnings)
    return _read_csv(imported, settings, None, None)


def answer_zone(imported: Imported, zone: str, settings: ImportSettings) -> Imported:
    """The calendar read in the time zone ``zone``, from its decoded text; the zone is saved
    with the import (:func:`finish_import`)."""
    asked = imported.question
    chosen = replace(imported, timezone=zone)
    notes = imported.notes
    if isinstance(asked, AskTimeZone) and zone == asked.zone:
        notes = (*notes, f"Times are shown in {zone}, the calendar's own time zone.")
    result = _calendar_entries(chosen, settings, settings.date_range)
    return replace(_with_result(chosen, result), notes=notes)


def answer_columns(
    imported: Imported, mapping: ColumnMapping, settings: ImportSettings
) -> Imported:
    """The CSV read again from its text with the participant's ``mapping`` (remembered once
    the import is finished); the date order may still be asked."""
    again = _read_csv(imported, settings, mapping, None)
    if again.question is not None:  # the mapping is remembered with the date order's answer
        return again
    return replace(
        again,
        remember_mapping=True,
        notes=("Your column choice is remembered for files like this one.",),
    )


def answer_date_order(imported: Imported, order: str, settings: ImportSettings) -> Imported:
    """The CSV read again from its text with the participant's date ``order`` (``"mdy"`` or
    ``"dmy"``), remembered, with the mapping it was read with, for files with these columns."""
    if order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {sorted(DATE_ORDERS)}")
    again = _read_csv(imported, settings, imported.mapping, order)
    if again.question is not None:
        return again
    label = DATE_ORDERS[order].split(" (")[0]
    return replace(
        again,
        remember_order=True,
        remember_mapping=imported.mapping is not None,
        notes=(f"Dates read {label}, as you chose (remembered).",),
    )


def read_again(
    imported: Imported, settings: ImportSettings, date_range: tuple[date, date]
) -> ImportResult | None:
    """The same file read from its text over another date range, with the same answers
    (``None`` if a question came up instead)."""
    if imported.calendar:
        return _calendar_entries(imported, settings, date_range)
    again = _read_csv(
        imported, replace(settings, date_range=date_range), imported.mapping, imported.date_order
    )
    return again.result


def finish_import(imported: Imported, settings: ImportSettings, now: datetime) -> Finished:
    """Merge a fully answered import into the section, with what it remembers.

    When nothing of the file fell in the date range and the range holds nothing else either
    (a first import, a sample from another month), the range moves to the file's weeks: the
    text is read again there, and the sentence says so.

    Raises
    ------
    ValueError
        When a question is still open.
    InputError
        When the log would hold more entries than a workbook keeps.
    """
    result = imported.result
    if result is None or imported.question is not None:
        raise ValueError("answer the import's question first")
    section = settings.section
    base = _remembered(imported, section)
    zone_changed = base.timezone != section.timezone
    notes = list(imported.notes)
    result, moved = _follow_file(imported, result, base, settings)
    if moved is not None:
        base = base.model_copy(update={"date_range": moved})
        notes.append(
            f"Nothing in it fell in your date range, so the range now covers the file's "
            f"weeks: {moved.start:%d %b %Y} to {moved.end:%d %b %Y} (change it in step 1)."
        )
    merged_section, merged = apply_import(base, result, imported.name, now)
    start, end = settings.date_range
    if result.format == "iCalendar" and merged_section.date_range is None:
        merged_section = merged_section.model_copy(
            update={"date_range": DateRange(start=start, end=end)}
        )
    text = f"{result.summary()} {merged.added} new, {merged.duplicates} already in your log."
    if merged.removed:
        text += (
            f" Took out {merged.removed} earlier entr{'y' if merged.removed == 1 else 'ies'}"
            " the file now leaves out (declined or cancelled)."
        )
    extra = [*notes, *result.warnings]
    if not result.entries and result.skipped.get("outside the date range"):
        extra.append(
            f"Nothing fell between {start:%d %b %Y} and {end:%d %b %Y}: check the date range."
        )
    kind = "success" if result.entries else "info"
    return Finished(merged_section, " ".join([text, *extra]), kind, moved, zone_changed)


def _with_result(imported: Imported, result: ImportResult) -> Imported:
    return replace(imported, question=None, result=result)


def _calendar_entries(
    imported: Imported, settings: ImportSettings, date_range: tuple[date, date]
) -> ImportResult:
    from playbook.imports.calendar import CalendarRequest, read_calendar

    section = settings.section
    request = CalendarRequest(
        imported.timezone or section.timezone,
        *date_range,
        owner_email=section.owner_email or None,
        all_day_hours=settings.all_day_hours,
        count_tentative=section.count_tentative,
        count_delegated=section.count_delegated,
    )
    return read_calendar(imported.text, imported.encoding, request, imported.decoding_warnings)


def _read_csv(
    imported: Imported,
    settings: ImportSettings,
    mapping: ColumnMapping | None,
    order: str | None,
) -> Imported:
    """Read the CSV's text once: the layout from ``mapping``, the format, or the mapping
    remembered for these columns; the date order ``order`` or the one remembered."""
    decoded = CsvText(imported.text, imported.encoding, imported.decoding_warnings)
    table = read_table(decoded)
    signature = header_signature(table.headers)
    section = settings.section
    if mapping is None:
        try:
            layout = recognize(table.headers)
        except CsvFormatError as err:
            mapping = section.column_mappings.get(signature)
            if mapping is None:
                question = AskColumns(tuple(err.headers), str(err))
                return replace(imported, signature=signature, question=question, result=None)
            layout = recognize(table.headers, mapping)
    else:
        layout = recognize(table.headers, mapping)
    if order is None:
        order = section.date_orders.get(signature)
    read: dict[str, Any] = {"signature": signature, "mapping": mapping, "date_order": order}
    try:
        result = read_entries(table, layout, section.timezone, settings.date_range, order)
    except DateOrderQuestion as asked:
        return replace(imported, **read, question=AskDateOrder(tuple(asked.examples)), result=None)
    return replace(imported, **read, question=None, result=result)


def _remembered(imported: Imported, section: TimeSplitSection) -> TimeSplitSection:
    """``section`` with what the import's answers leave: the zone, the date order, the mapping."""
    update: dict[str, Any] = {}
    if imported.timezone is not None:
        update["timezone"] = imported.timezone
    if imported.remember_order and imported.date_order is not None:
        update["date_orders"] = {**section.date_orders, imported.signature: imported.date_order}
    if imported.remember_mapping and imported.mapping is not None:
        mappings = {**section.column_mappings, imported.signature: imported.mapping}
        update["column_mappings"] = mappings
    return section.model_copy(update=update) if update else section


def _follow_file(
    imported: Imported, result: ImportResult, base: TimeSplitSection, settings: ImportSettings
) -> tuple[ImportResult, DateRange | None]:
    """The file read over its own weeks when nothing of it fell in the range and the range
    holds nothing else either; otherwise the import as it is."""
    if result.entries or not result.skipped.get("outside the date range"):
        return result, None
    start, end = settings.date_range
    if any(start <= e.day <= end for e in base.entries):
        return result, None
    today = settings.today
    wide = read_again(imported, settings, (today - LOOK_BACK, today + LOOK_AHEAD))
    covering = range_covering(e.day for e in (wide.entries if wide else []))
    if covering is None:
        return result, None
    again = read_again(imported, settings, covering.as_tuple())
    return (again, covering) if again is not None and again.entries else (result, None)
