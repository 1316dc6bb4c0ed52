"""Parsers of outside files: bytes in, typed :class:`Entry` rows out.

The pieces every importer shares live here:

* :data:`IMPORT_LIMIT_BYTES`, the one size limit for any imported file (the server's upload
  limit is set to match it, so a bigger file is refused with a message rather than dropped);
* :func:`check_size` and :func:`decode_text`, which turn raw bytes into text or a
  participant-readable :class:`~playbook.errors.ImportFileError`;
* :class:`Entry`, one block of time from any source, with a stable id so that importing the
  same file twice adds nothing;
* :class:`ImportResult`, what a parser hands back (entries, the format and encoding it
  recognised, what it skipped and why).

Parsers never open paths: the UI reads an upload, the tests read a file, both pass bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AwareDatetime,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from playbook.errors import FileTooLargeError, ImportFileError, InputError
from playbook.models import Strict

__all__ = [
    "ENCODINGS",
    "IMPORT_LIMIT_BYTES",
    "ColumnMapping",
    "Entry",
    "ImportResult",
    "check_size",
    "day_entry",
    "decode_lines",
    "decode_text",
    "describe_encoding",
    "entry_id",
    "make_entry",
    "is_calendar",
    "to_local",
    "zone",
]

#: The largest file any importer accepts: 10 MiB. Tornado drops a websocket message above its
#: ``websocket_max_message_size`` without a word, so ``playbook serve`` sets that to this value
#: and every importer refuses anything bigger with a message.
IMPORT_LIMIT_BYTES = 10 * 1024 * 1024

#: Encodings tried in order. ``utf-8-sig`` first so that a byte-order mark (Excel adds one) is
#: dropped; ``cp1252`` is what Excel on Windows writes for "CSV"; ``latin-1`` decodes any byte,
#: so it is the last resort and is always reported to the participant.
ENCODINGS = ("utf-8-sig", "utf-8", "cp1252", "latin-1")

_ENCODING_NAMES = {
    "utf-8-sig": "UTF-8 (with a byte-order mark)",
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252 (Western European)",
    "latin-1": "Latin-1 (ISO-8859-1)",
    "mixed": "UTF-8 with some lines in Windows-1252",
}


def describe_encoding(encoding: str) -> str:
    """A participant-readable name for an encoding returned by :func:`decode_text`.

    Examples
    --------
    >>> describe_encoding("cp1252")
    'Windows-1252 (Western European)'
    """
    return _ENCODING_NAMES.get(encoding, encoding)


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB"


def check_size(
    data: bytes,
    limit: int = IMPORT_LIMIT_BYTES,
    *,
    too_large: str | None = None,
    empty: str = "The file is empty.",
) -> None:
    """Refuse a file over ``limit`` bytes, or an empty one: every file a participant uploads.

    Raises
    ------
    FileTooLargeError
        When ``len(data) > limit``; with ``too_large``, or a message that gives both sizes.
    ImportFileError
        When the file is empty (only white space), with ``empty``.

    Examples
    --------
    >>> check_size(b"x" * 10, limit=5)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    playbook.errors.FileTooLargeError: The file is 0.0 MiB (10 bytes); the limit is ...
    """
    if len(data) > limit:
        raise FileTooLargeError(
            too_large
            or f"The file is {_mib(len(data))} ({len(data)} bytes); the limit is {_mib(limit)} "
            f"({limit} bytes). Export a shorter date range and import it in parts."
        )
    if not data.strip():
        raise ImportFileError(empty)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode an uploaded text file, trying the usual encodings in turn.

    Returns the text and the encoding that worked (one of :data:`ENCODINGS`, or ``"utf-16"``
    when the file starts with a UTF-16 byte-order mark, as "Unicode text" exports from Excel
    do). Pass the encoding to :func:`describe_encoding` to tell the participant which was used.

    Raises
    ------
    ImportFileError
        When the bytes are not text at all (NUL bytes outside UTF-16: a spreadsheet, an image,
        a zip), so that a wrong file is named as such instead of decoded as Latin-1 nonsense.

    Examples
    --------
    >>> decode_text("Réunion".encode("utf-8"))
    ('Réunion', 'utf-8')
    >>> decode_text("Réunion".encode("cp1252"))
    ('Réunion', 'cp1252')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ImportFileError(
                "The file starts like UTF-16 text but is not valid UTF-16. "
                "Save it again as CSV (UTF-8) and retry."
            ) from None
    if b"\x00" in data:
        kind = "a zip or Excel workbook" if data.startswith(b"PK") else "binary data"
        raise ImportFileError(
            f"This is not a text file (it looks like {kind}). "
            "Export a CSV or an .ics file from your tool and import that."
        )
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
        return text, encoding
    raise AssertionError("latin-1 decodes any byte")  # pragma: no cover


def decode_lines(data: bytes) -> tuple[str, str, list[int]]:
    r"""Decode a text file line by line when it mixes UTF-8 and Windows-1252 lines.

    A file edited in two programs can hold both; decoding it whole as Windows-1252 turns every
    UTF-8 accent into two letters ("RÃ©union") without a word. Here each line that is not
    UTF-8 is read as Windows-1252 (Latin-1 for the five bytes it lacks) and named.

    Returns the text, the encoding (``"mixed"`` when both kinds of lines were found, else as
    :func:`decode_text` says) and the numbers of the lines read as Windows-1252 in a mixed file.

    Examples
    --------
    >>> decode_lines("Réunion\n".encode() + "Café\n".encode("cp1252"))
    ('Réunion\nCafé\n', 'mixed', [2])
    >>> decode_lines("Café".encode("cp1252"))
    ('Café', 'cp1252', [])
    """
    text, encoding = decode_text(data)
    if encoding not in ("cp1252", "latin-1"):
        return text, encoding, []
    out: list[str] = []
    legacy: list[int] = []
    utf8_accents = False
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8")
            utf8_accents = utf8_accents or not raw.isascii()
        except UnicodeDecodeError:
            try:
                line = raw.decode("cp1252")
            except UnicodeDecodeError:
                line = raw.decode("latin-1")
            legacy.append(number)
        out.append(line)
    if not utf8_accents:
        return text, encoding, []
    return "\n".join(out).removeprefix("\ufeff"), "mixed", legacy


def is_calendar(data: bytes) -> bool:
    r"""Whether a file is an iCalendar file (by its first line, not its name).

    >>> is_calendar(b"\xef\xbb\xbf\r\nBEGIN:VCALENDAR\r\nVERSION:2.0"), is_calendar(b"date,hours")
    (True, False)
    """
    return data.lstrip(b"\xef\xbb\xbf \r\n\t")[:15].upper() == b"BEGIN:VCALENDAR"


def zone(name: str) -> ZoneInfo:
    """The IANA time zone ``name`` (``"Europe/Berlin"``), or a participant-readable error.

    Raises
    ------
    InputError
        When ``name`` is not a known IANA time zone.
    """
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise InputError(
            f"'{name}' is not a time zone this workbook knows. "
            "Use a name such as Europe/London or America/New_York."
        ) from None


def to_local(value: datetime, tz: ZoneInfo) -> datetime:
    """``value`` as wall-clock time in ``tz``, with a fixed UTC offset attached.

    A naive ``value`` is read as wall-clock time in ``tz`` (a floating calendar time, a CSV row
    without zone). The result carries a plain ``timezone(offset)`` rather than the ``ZoneInfo``:
    subtracting two datetimes that share one ``ZoneInfo`` object ignores a DST change between
    them, and a fixed offset also round-trips through JSON unchanged.

    Examples
    --------
    >>> from datetime import datetime
    >>> berlin = ZoneInfo("Europe/Berlin")
    >>> a = to_local(datetime(2026, 3, 29, 1, 0), berlin)
    >>> b = to_local(datetime(2026, 3, 29, 4, 0), berlin)
    >>> (b - a).total_seconds() / 3600  # the clocks went forward at 02:00
    2.0
    """
    local = value.replace(tzinfo=tz) if value.tzinfo is None else value.astimezone(tz)
    offset = local.utcoffset() or timedelta(0)
    fixed = _FIXED.get(offset)
    if fixed is None:
        fixed = _FIXED.setdefault(offset, timezone(offset))
    return local.replace(tzinfo=fixed)


# timezone(offset) objects, shared: there are a few dozen offsets in the world.
_FIXED: dict[timedelta, timezone] = {}


def entry_id(source: str, start: object, end: object, description: str) -> str:
    """The stable id of an entry: a hash of where it came from, when, and what.

    Datetimes are hashed in UTC, so the same event imported again (even with another display
    time zone) gets the same id and is recognised as a duplicate.

    Examples
    --------
    >>> entry_id("ics", "2026-03-02", "2026-03-03", "Load-in")
    '23b335143e7b22ca'
    """

    def part(x: object) -> str:
        if isinstance(x, datetime) and x.tzinfo is not None:
            return repr(x.timestamp())  # the instant, whatever zone it is shown in
        if isinstance(x, (datetime, date)):
            return x.isoformat()
        return str(x)

    key = "\x1f".join((source, part(start), part(end), description.strip()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Entry:
    """One block of time, from any source.

    Timed entries have ``start`` and ``end`` (aware, fixed offset, in the participant's time
    zone); untimed ones (a manual week's "6 h of budget work on Tuesday") have only ``day`` and
    ``hours``. ``category`` is set only when the source itself names one (a manual entry);
    otherwise classification decides, see :mod:`playbook.time_split`.

    A frozen dataclass rather than a pydantic model: importers build one per row (100,000 in
    the benchmark), and a dataclass is built about four times faster than even
    ``model_construct``. Pydantic still validates the constraints below when a record is
    loaded, since :class:`~playbook.time_split.TimeSplitSection` holds ``list[Entry]``.
    """

    id: Annotated[str, Field(min_length=1, max_length=64)]
    source: Annotated[str, Field(min_length=1, max_length=32)]
    day: date
    hours: Annotated[float, Field(ge=0, le=24 * 366, allow_inf_nan=False)]
    description: Annotated[str, Field(max_length=2000)] = ""
    start: AwareDatetime | None = None
    end: AwareDatetime | None = None
    all_day: bool = False
    project: Annotated[str, Field(max_length=500)] = ""
    tags: tuple[str, ...] = ()
    category: str | None = None

    @property
    def timed(self) -> bool:
        """Whether the entry has a clock time (and so can overlap or interrupt others)."""
        return self.start is not None and self.end is not None and not self.all_day

    @property
    def text(self) -> str:
        """What classification reads: description, project and tags."""
        return " ".join(p for p in (self.description, self.project, *self.tags) if p)


def make_entry(
    source: str,
    description: str,
    start: datetime,
    end: datetime,
    *,
    project: str = "",
    tags: tuple[str, ...] = (),
    category: str | None = None,
) -> Entry:
    """A timed :class:`Entry` from aware ``start``/``end`` already in local fixed-offset time.

    The hours come from the difference of the two instants, so a DST change inside the entry
    counts right.
    """
    return Entry(
        entry_id(source, start, end, description),
        source,
        start.date(),
        (end - start).total_seconds() / 3600,
        description[:2000],
        start,
        end,
        False,
        project[:500],
        tags,
        category,
    )


def day_entry(
    source: str,
    day: date,
    hours: float,
    description: str,
    key: str,
    *,
    all_day: bool = False,
    tags: tuple[str, ...] = (),
    category: str | None = None,
    project: str = "",
) -> Entry:
    """An :class:`Entry` of a day without start and end times (a calendar's all-day marker, a
    manual activity), its id from ``source``, ``day``, ``key`` and ``description``.

    Examples
    --------
    >>> e = day_entry("manual", date(2026, 3, 2), 2.5, "Budget review", "2.5h#1")
    >>> e.day, e.hours, e.start, e.all_day, e.description
    (datetime.date(2026, 3, 2), 2.5, None, False, 'Budget review')
    >>> e.id == entry_id("manual", e.day, "2.5h#1", "Budget review")
    True
    """
    return Entry(
        id=entry_id(source, day, key, description),
        source=source,
        description=description[:2000],
        day=day,
        hours=hours,
        all_day=all_day,
        project=project[:500],
        tags=tags,
        category=category,
    )


class ColumnMapping(Strict):
    """Which columns of a CSV hold what, chosen once by the participant and remembered.

    ``start`` may hold a full date and time, or only a time when ``date`` names the date
    column. One of ``end`` and ``duration`` is needed; ``end`` may likewise be a time only,
    with ``end_date`` naming the column of its date (an entry that ends on another day).
    """

    description: str
    start: str
    date: str | None = None
    end: str | None = None
    end_date: str | None = None
    duration: str | None = None
    tags: str | None = None
    project: str | None = None

    @field_validator("description", "start")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("choose a column")
        return value

    @model_validator(mode="after")
    def _end_or_duration(self) -> ColumnMapping:
        if not (self.end or self.duration):
            raise ValueError("choose the column with the end time or the one with the duration")
        return self

    @classmethod
    def from_choices(cls, **choices: str | None) -> ColumnMapping:
        """A mapping from the participant's picks (blank picks mean "none").

        Raises
        ------
        InputError
            When the description or start column is missing, or neither end nor duration.
        """
        clean = {k: (v or None) for k, v in choices.items()}
        try:
            return cls.model_validate(clean)
        except ValidationError as err:
            first = err.errors()[0]
            msg = first["msg"].removeprefix("Value error, ")
            where = ".".join(str(p) for p in first["loc"])
            raise InputError(f"Column mapping: {where + ': ' if where else ''}{msg}.") from None

    def columns(self) -> list[str]:
        """The column names this mapping uses."""
        picked = (
            self.date,
            self.start,
            self.end,
            self.end_date,
            self.duration,
            self.description,
            self.tags,
            self.project,
        )
        return [c for c in picked if c]


@dataclass
class ImportResult:
    """What a parser hands back.

    ``skipped`` counts rows or events left out, by reason (``"cancelled"``, ``"declined"``,
    ``"outside the date range"``, ...); ``warnings`` are sentences for the participant;
    ``withdrawn`` holds the ids the left-out events would have had (a meeting declined or
    cancelled since an earlier import), so that importing again takes them out of the log.
    """

    entries: list[Entry]
    format: str
    encoding: str
    skipped: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    withdrawn: set[str] = field(default_factory=set)

    def summary(self) -> str:
        """One sentence for the participant: what was read, in which encoding, what was left out.

        Examples
        --------
        >>> ImportResult(entries=[], format="Toggl Track", encoding="cp1252").summary()
        'Read 0 entries from the Toggl Track file (Windows-1252 (Western European), not UTF-8).'
        """
        enc = describe_encoding(self.encoding)
        how = enc if self.encoding in ("utf-8", "utf-8-sig") else f"{enc}, not UTF-8"
        n = len(self.entries)
        text = f"Read {n} {'entry' if n == 1 else 'entries'} from the {self.format} file ({how})."
        if self.skipped:
            parts = ", ".join(f"{count} {reason}" for reason, count in self.skipped.items())
            text += f" Left out: {parts}."
        return text
