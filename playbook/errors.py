"""The one family of errors the playbook raises for bad input.

Every error a participant can cause (a bad file, a bad key, an out-of-range answer) is a
:class:`PlaybookError` whose message is written for the participant: the UI shows ``str(err)``
in place, as it is. Programming errors stay ordinary Python exceptions.
"""

from __future__ import annotations


class PlaybookError(Exception):
    """Raised when input from a participant, a coach or a file cannot be used."""


class ContentError(PlaybookError):
    """Raised when a coach-editable content file is missing, malformed or invalid."""


class InputError(PlaybookError):
    """Raised when a participant's answer or entry is out of range or inconsistent."""


class ImportFileError(InputError):
    """Raised when an uploaded or imported file cannot be read (format, encoding, size)."""


class FileTooLargeError(ImportFileError):
    """Raised when a file is over the import size limit."""


class WorkbookKeyError(PlaybookError):
    """Raised when a workbook key is malformed or names no workbook."""


class SchemaVersionError(ImportFileError):
    """Raised when a workbook file has a schema version this release cannot read."""


class ShareLinkError(PlaybookError):
    """Raised when a share link is malformed, unknown, revoked or of the wrong kind."""


class UnknownIdError(InputError):
    """Raised when an id names nothing: no such question, pilot, metric, category or item."""
