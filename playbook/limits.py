"""How much one workbook holds: the caps every page and the workbook-file restore apply.

A participant's file is read with bounded work: a file over a cap is refused before it is
parsed row by row, with a message saying what was refused and why, and nothing is changed.
The same caps apply to what a page saves and to a restored workbook file
(:func:`playbook.record.parse_workbook_file`), so a restored file never holds more than the
pages could have saved, and every page can open it in bounded time and memory.

Every number here is a default of this workbook (the article gives none), chosen well above
what a participant enters by hand or imports in a year, and well below what makes a page slow.
"""

from __future__ import annotations

from playbook.errors import InputError

#: Largest text a participant types in one field (a note, a reason, a question), in
#: characters: about five printed pages.
MAX_TEXT_CHARS = 10_000

#: Time entries one workbook keeps (the time-split page's own cap; ``time_split.MAX_ENTRIES``
#: has the same value).
MAX_TIME_ENTRIES = 20_000

#: Rows of one pilot measurement file (a daily value of one metric for five years, or a weekly
#: value of five metrics for seven): a pilot is a small experiment.
MAX_MEASUREMENT_ROWS = 2_000

#: Measurements one pilot keeps, all its metrics together: the study of a metric with all of
#: them (its bootstrap intervals) takes about a second and stays under 100 MB.
MAX_MEASUREMENTS = 2_000

#: Measurements one workbook keeps, all its pilots together (studying every pilot, as the
#: contract's ``assess`` does, then takes a few seconds at most).
MAX_SECTION_MEASUREMENTS = 10_000

#: Pilots one workbook keeps, metrics one pilot measures, adoption entries one pilot records.
MAX_PILOTS = 50
MAX_METRICS = 20
MAX_ADOPTION = 1_000

#: Ratings from files one leadership section keeps (a mentor and peers, re-rated often).
MAX_FILE_RATINGS = 200

#: Audit quarters one workbook keeps (25 years), and actions or colleague answers per quarter.
MAX_QUARTERS = 100
MAX_ITEMS_PER_QUARTER = 500

#: Sessions with a mentor one workbook keeps (weekly for almost ten years), and the points,
#: actions and mentor's notes it keeps, all sessions together (each list on its own).
MAX_SESSIONS = 500
MAX_SESSION_ITEMS = 5_000

#: Any one list or mapping in a restored workbook file (no section holds a longer one).
MAX_LIST_ITEMS = MAX_TIME_ENTRIES

#: How deeply a workbook file's JSON may nest (a real one nests about 6 deep).
MAX_JSON_DEPTH = 40

#: Separators (commas and colons outside texts) in one workbook file, about two per value: a
#: full one, with the time split's 20,000 entries, has about 560,000. Counted before the file
#: is decoded, so that the work of reading any file under the size limit is bounded.
MAX_JSON_VALUES = 800_000

#: Lists and mappings in one workbook file (each entry, each pilot's measurement, each
#: list of tags is one): a full one has about 40,000. Counted before decoding, like values.
MAX_JSON_CONTAINERS = 150_000

#: Dated snapshots one section keeps of its results (issue 20; the rule that keeps them caps
#: them lower, by a default in ``history.yaml``), and the numbers or ids one snapshot holds.
MAX_SNAPSHOTS = 100
MAX_SNAPSHOT_VALUES = 50
#: Longest name or id in a snapshot (its values are numbers and ids, never free text).
MAX_SNAPSHOT_TEXT = 120


class LimitError(InputError):
    """Raised when a file or a section holds more than a cap of :mod:`playbook.limits`."""


def check_count(n: int, cap: int, what: str, why: str = "") -> None:
    """Refuse ``n`` items of ``what`` above ``cap``, saying what was refused and why.

    >>> check_count(3, 5, "rows")
    >>> check_count(6, 5, "rows in this file", "a pilot keeps at most 5")
    Traceback (most recent call last):
    playbook.limits.LimitError: Refused: 6 rows in this file; the limit is 5 (a pilot keeps at most 5).
    """
    if n > cap:
        reason = f" ({why})" if why else ""
        raise LimitError(f"Refused: {n:,} {what}; the limit is {cap:,}{reason}.")


def check_text(text: str, what: str, cap: int = MAX_TEXT_CHARS) -> None:
    """Refuse a text longer than ``cap`` characters.

    >>> check_text("x" * 20, "the note", cap=10)
    Traceback (most recent call last):
    playbook.limits.LimitError: Refused: the note has 20 characters; the limit is 10.
    """
    if len(text) > cap:
        raise LimitError(f"Refused: {what} has {len(text):,} characters; the limit is {cap:,}.")
