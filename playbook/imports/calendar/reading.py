"""An iCalendar file read: the text unfolded, trimmed to what the importer uses, and parsed by
``icalendar``; errors name the line. Also the calendar's own time zone, to offer it."""

from __future__ import annotations

import bisect
import re
from datetime import date
from typing import Any

import icalendar

from playbook.errors import ImportFileError, InputError
from playbook.imports import decode_text, zone

#: How much of a file is searched for its own time zone (the head: zones are defined first).
ZONE_SEARCH_CHARS = 200_000


class CalendarFormatError(ImportFileError):
    """Raised when an iCalendar file cannot be read; ``line`` is where, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


#: A line break as RFC 5545 writes it (CRLF; LF alone is accepted). Never ``str.splitlines``:
#: it also breaks on U+2028, U+2029, U+0085, form feed..., which appear inside descriptions.
_BREAK = re.compile(r"\r?\n")
_BREAK_BYTES = re.compile(rb"\r?\n")


def logical_lines(text: str) -> list[tuple[int, str]]:
    r"""RFC 5545 unfolding, keeping the physical line number where each logical line starts.

    Lines end at CRLF or LF only; a line starting with a space or a tab continues the last.
    So does any line after a quoted-printable value ending in ``=`` (a soft line break, as
    vCalendar 1.0 and RFC 2045 write long values; Drupal's iCal feeds and Outlook's .vcs do),
    the ``=`` removed as quoted-printable decoding would, unless it begins or ends a component.

    >>> logical_lines("SUMMARY:Caf\r\n \u00e9 \u2028 talk\r\nUID:1")
    [(1, 'SUMMARY:Caf\xe9 \u2028 talk'), (3, 'UID:1')]
    >>> logical_lines("DESCRIPTION;ENCODING=QUOTED-PRINTABLE:Mic=\r\nrosoft=0D=0A\r\nUID:1")
    [(1, 'DESCRIPTION;ENCODING=QUOTED-PRINTABLE:Microsoft=0D=0A'), (3, 'UID:1')]
    """
    out: list[tuple[int, str]] = []
    physical = _BREAK.split(text)
    if physical and physical[-1] == "":
        physical.pop()
    for number, raw in enumerate(physical, start=1):
        if raw[:1] in (" ", "\t") and out:
            n, previous = out[-1]
            out[-1] = (n, previous + raw[1:])
        elif out and out[-1][1].endswith("=") and _soft_break(out[-1][1], raw):
            n, previous = out[-1]
            out[-1] = (n, previous[:-1] + raw)
        else:
            out.append((number, raw))
    return out


_STRUCTURE = re.compile(r"(BEGIN|END):", re.IGNORECASE)


def _soft_break(line: str, following: str) -> bool:
    """Whether ``line`` (ending in ``=``) is a quoted-printable value that ``following``
    continues: ENCODING=QUOTED-PRINTABLE among its parameters, and ``following`` not a
    BEGIN or END line."""
    head = _name_and_parameters(line).upper()
    return "ENCODING=QUOTED-PRINTABLE" in head and not _STRUCTURE.match(following)


def _name_and_parameters(line: str) -> str:
    """What comes before a content line's value: up to its first colon outside quotes."""
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return line[:i]
    return line


def _cp1252(octets: bytes) -> str:
    """Windows-1252, Latin-1 for the five bytes it leaves undefined."""
    return "".join(
        octets[i : i + 1].decode("cp1252", errors="strict")
        if octets[i] not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
        else chr(octets[i])
        for i in range(len(octets))
    )


def decode_calendar(data: bytes) -> tuple[str, str, list[int]]:
    r"""An .ics file decoded as RFC 5545 says: the octets unfolded first, then each logical
    line decoded as UTF-8, or as Windows-1252 when it is not UTF-8.

    A fold may cut a multi-byte character in two (folding is at 75 octets); decoding before
    unfolding then fails on the whole file. The text returned keeps the file's physical
    lines (so line numbers stay right): a fold that fell inside a character is moved after
    it. Returns the text, the encoding (``"utf-8"``, ``"utf-8-sig"`` with a byte-order mark,
    ``"cp1252"`` when no line with non-ASCII bytes is UTF-8, ``"mixed"`` when both kinds are
    found, ``"utf-16"`` for a UTF-16 file) and the numbers of the lines read as Windows-1252.

    Raises
    ------
    ImportFileError
        Not text at all (as :func:`~playbook.imports.decode_text`).

    Examples
    --------
    >>> octets = "SUMMARY:Répétition".encode()
    >>> folded = octets[:10] + b"\r\n " + octets[10:] + b"\r\n"  # inside the "é"
    >>> decode_calendar(folded)
    ('SUMMARY:Ré\r\n pétition\r\n', 'utf-8', [])
    >>> decode_calendar("SUMMARY:Café\r\n".encode("cp1252") + "UID:é\r\n".encode())
    ('SUMMARY:Café\r\nUID:é\r\n', 'mixed', [1])
    """
    # the shared decoder first: a UTF-8 (or UTF-16) file whole, or not text at all
    text, encoding = decode_text(data)
    if encoding in ("utf-8", "utf-8-sig", "utf-16"):
        return text, encoding, []
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    # Physical lines with their breaks, grouped into logical lines (folds).
    pieces: list[tuple[bytes, bytes]] = []  # (content, the break after it)
    pos = 0
    for match in _BREAK_BYTES.finditer(data):
        pieces.append((data[pos : match.start()], match.group(0)))
        pos = match.end()
    if pos < len(data):
        pieces.append((data[pos:], b""))
    out: list[str] = []
    cp1252_lines: list[int] = []
    utf8_lines = 0
    i = 0
    while i < len(pieces):
        number = i + 1
        group = [pieces[i]]
        i += 1
        while i < len(pieces) and pieces[i][0][:1] in (b" ", b"\t"):
            group.append(pieces[i])
            i += 1
        # The logical line's octets, and where each continuation starts in them.
        octets = group[0][0] + b"".join(content[1:] for content, _ in group[1:])
        try:
            decoded = octets.decode("utf-8")
            utf8 = True
        except UnicodeDecodeError:
            decoded = _cp1252(octets)
            utf8 = False
        if utf8 and not octets.isascii():
            utf8_lines += 1
        elif not utf8:
            cp1252_lines.append(number)
        out.append(_refolded(decoded, octets, group, utf8))
    if not cp1252_lines:
        encoding = "utf-8-sig" if bom else "utf-8"
    else:
        encoding = "mixed" if utf8_lines else "cp1252"
    return "".join(out), encoding, cp1252_lines


def _refolded(decoded: str, octets: bytes, group: list[tuple[bytes, bytes]], utf8: bool) -> str:
    """``decoded`` cut again where the file folded it (after a character a fold fell inside)."""
    if len(group) == 1:
        return decoded + group[0][1].decode("ascii")
    # char index of each octet offset: for UTF-8 the characters starting before it
    if utf8:
        starts = [k for k in range(len(octets)) if (octets[k] & 0xC0) != 0x80]
    else:
        starts = list(range(len(octets)))
    parts: list[str] = []
    char_at = 0
    offset = len(group[0][0])
    for index, (content, _) in enumerate(group[1:], start=1):
        cut = bisect.bisect_left(starts, offset)  # first char starting at or after the fold
        parts.append(decoded[char_at:cut] + group[index - 1][1].decode("ascii"))
        parts.append(group[index][0][:1].decode("ascii"))
        char_at = cut
        offset += len(content) - 1
    parts.append(decoded[char_at:] + group[-1][1].decode("ascii"))
    return "".join(parts)


def _locate(lines: list[tuple[int, str]], message: str) -> int | None:
    """The line a parser error is about: a quoted fragment of it, else the first bad line."""
    quoted = re.findall(r"'([^']{2,})'", message)
    # Values the message names without quotes, such as "+5744" in "Offset ... was +5744".
    values = [w.strip(".,;()") for w in message.split() if any(ch.isdigit() for ch in w)]
    for fragment in [*quoted, *(v for v in values if len(v) >= 3)]:
        for number, line in lines:
            if fragment in line:
                return number
    for number, line in lines:
        if not line.strip():
            continue
        try:
            icalendar.parser.Contentline(line).parts()
        except Exception:  # noqa: BLE001 - icalendar's failures on garbage are not typed
            return number
    return None


def shorten(text: str, n: int = 60) -> str:
    """``text`` on one line, cut to ``n`` characters with an ellipsis.

    >>> shorten("Production   meeting with the whole crew", 20)
    'Production meeting …'
    """
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def left_out(event: Any, line: int | None, why: str) -> str:
    """The warning for an event the import leaves out: its title (shortened), its line in the
    file where known, and ``why`` (a clause; the full stop is added).

    >>> left_out({"SUMMARY": "Load-in"}, 12, "it has no start")
    "Left out the event 'Load-in' (line 12): it has no start."
    """
    where = f" (line {line})" if line else ""
    summary = shorten(str(event.get("SUMMARY", "untitled")))
    return f"Left out the event '{summary}'{where}: {why}."


def clipped_reason(message: str, n: int = 120) -> str:
    """An error message shortened and without its final full stop (ours follows)."""
    return shorten(message, n).rstrip(".")


def values_of(value: Any) -> list[Any]:
    """A property's values as a list: none, the one, or the several an event gives."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def guess_calendar_timezone(data: bytes) -> str | None:
    """The calendar's own time zone, to offer as the participant's default, if it names one.

    The file's head is decoded and searched by :func:`zone_named_in`. Never raises on bad
    input: it returns ``None``.

    Examples
    --------
    >>> guess_calendar_timezone(b"BEGIN:VCALENDAR\\r\\nX-WR-TIMEZONE:Europe/Berlin\\r\\n")
    'Europe/Berlin'
    """
    try:
        text, _ = decode_text(data[:ZONE_SEARCH_CHARS])
    except ImportFileError:
        return None
    return zone_named_in(text)


def zone_named_in(text: str) -> str | None:
    """The first IANA time zone a calendar's text names (its first :data:`ZONE_SEARCH_CHARS`
    characters are searched), or ``None``.

    Google writes ``X-WR-TIMEZONE``; Outlook, Apple and Thunderbird write ``VTIMEZONE``
    blocks. Only IANA names are returned (``Europe/Berlin``, not Outlook's
    ``W. Europe Standard Time``).

    Examples
    --------
    >>> zone_named_in("BEGIN:VCALENDAR\\r\\nTZID:W. Europe Standard Time\\r\\nTZID:Europe/Paris")
    'Europe/Paris'
    """
    head = text[:ZONE_SEARCH_CHARS]
    for pattern in (r"^X-WR-TIMEZONE:(.+)$", r"^TZID:(.+)$", r"TZID=\"?([^\":;]+)"):
        for match in re.finditer(pattern, head, flags=re.MULTILINE | re.IGNORECASE):
            name = match.group(1).strip()
            try:
                zone(name)
            except InputError:
                continue
            if "/" in name or name == "UTC":
                return name
    return None


RECURRENCE = ("RRULE", "RDATE", "RECURRENCE-ID", "EXRULE")


_NAME = re.compile(r"[A-Za-z0-9-]*")


#: Lines that are not ``NAME:value`` left out (named) before a file is refused as not a calendar.
MAX_BAD_LINES = 10


def _checked(lines: list[tuple[int, str]]) -> tuple[str, list[int], list[int]]:
    """The logical lines joined for icalendar, the line of each ``BEGIN:VEVENT``, and the
    lines left out as not ``NAME:value``.

    Nothing valid is dropped: icalendar parses every property and component (descriptions,
    attendees, alarms, to-dos). A line that is not ``NAME:value`` (or ``NAME;...``) refuses
    the file, naming it, unless it starts with a word and a space (a fold written without its
    leading space): such a line is left out and named, up to :data:`MAX_BAD_LINES`.
    """
    begins: list[int] = []
    bad: list[int] = []
    kept: list[str] = []
    for number, line in lines:
        if not line.strip():
            continue
        name = _NAME.match(line).group(0)  # type: ignore[union-attr]
        if not name or line[len(name) : len(name) + 1] not in (";", ":"):
            # words and a space: text whose fold lost its leading space (Confluence writes
            # such lines); anything else (a lone "X") refuses the file, as it always did
            if not line[len(name) : len(name) + 1].isspace():
                raise _not_a_line(number, line)
            bad.append(number)
            if len(bad) > MAX_BAD_LINES:
                raise _not_a_line(bad[0], dict(lines)[bad[0]])
            continue
        if len(name) == 5 and name.upper() == "BEGIN" and line[6:].strip().upper() == "VEVENT":
            begins.append(number)
        kept.append(line)
    return "\r\n".join(kept) + "\r\n", begins, bad


def bad_lines_warning(bad: list[int]) -> str:
    """The sentence naming the lines left out as not ``NAME:value``.

    >>> bad_lines_warning([211])
    'Left out line 211: it is not a calendar line (NAME:value), perhaps a folded line without its leading space.'
    """
    named = f"line {bad[0]}" if len(bad) == 1 else "lines " + ", ".join(map(str, bad))
    verb = "it is not a calendar line" if len(bad) == 1 else "they are not calendar lines"
    return (
        f"Left out {named}: {verb} (NAME:value), perhaps a folded line without its leading space."
    )


def _not_a_line(number: int, line: str) -> CalendarFormatError:
    return CalendarFormatError(
        f"The calendar file cannot be read at line {number}: '{shorten(line, 40)}' is "
        "not a calendar line (NAME:value).",
        number,
    )


def read_components(
    text: str, lines: list[tuple[int, str]], window: tuple[date, date] | None = None
) -> tuple[list[icalendar.Calendar], list[int], list[str]]:
    """The calendars of a decoded file (``lines`` from :func:`logical_lines`), as icalendar
    parses them (nothing valid dropped before it sees them), the line of each event, and the
    warnings (lines left out as not ``NAME:value``). ``window`` is not used any more.

    Raises
    ------
    CalendarFormatError
        Not an iCalendar file, one icalendar cannot parse (the message names the line), or
        one cut short.
    """
    # the first logical line (a writer may fold even BEGIN:VCALENDAR)
    opening = next((ln for _, ln in lines if ln.strip()), "")
    head = opening.lstrip("\ufeff \t")[:15].upper()
    if not head.startswith("BEGIN:VCALENDAR"):
        first = shorten(opening, 40)
        raise CalendarFormatError(
            "This is not an iCalendar (.ics) file: it should begin with BEGIN:VCALENDAR, "
            f"but line 1 is '{first}'. Export your calendar as .ics and import that.",
            line=1,
        )
    essential, begins, bad = _checked(lines)
    notes = [bad_lines_warning(bad)] if bad else []
    # icalendar keeps every VTIMEZONE it parses for the whole process under its TZID and
    # reads later files' times by the first one it kept ("Eastern Standard Time" from an
    # Outlook 2003 export would govern a later Outlook 2010 export's): start each file with
    # none kept, so that it is read by its own definitions only.
    icalendar.use_zoneinfo()
    try:
        found = icalendar.Calendar.from_ical(essential, multiple=True)
    except Exception as err:  # noqa: BLE001 - icalendar raises several types on bad input
        message = str(err) or type(err).__name__
        line = _locate(lines, message)
        where = f"at line {line}" if line else "(the line could not be found)"
        raise CalendarFormatError(
            f"The calendar file cannot be read {where}: {clipped_reason(message, 160)}.", line
        ) from None
    calendars = [c for c in found if c.name == "VCALENDAR"]
    if not calendars or not any(ln.strip().upper() == "END:VCALENDAR" for _, ln in lines):
        last = lines[-1][0] if lines else 1
        raise CalendarFormatError(
            f"The calendar file stops at line {last} without END:VCALENDAR: it looks cut "
            "short. Export it again.",
            line=last,
        )
    return calendars, begins, notes
