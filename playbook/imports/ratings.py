"""Leadership rating files: a mentor's or a peer's rating, as JSON bytes (no widgets, no paths).

This reads the file; what a rating may contain is checked by
:func:`playbook.leadership.parse_rating`, which :func:`playbook.leadership.parse_rating_file`
calls on what this returns.
"""

from __future__ import annotations

import json
from typing import Any

from playbook.errors import FileTooLargeError, ImportFileError

#: Documented default, not from the article: a rating file larger than this is refused
#: before it is parsed (a complete rating is about 2 KB).
MAX_RATING_BYTES = 256 * 1024


class RatingFileError(ImportFileError):
    """Raised when a rating file is not a readable leadership rating."""


def read_rating_file(raw: bytes, max_bytes: int = MAX_RATING_BYTES) -> Any:
    """The JSON data of a rating file.

    Raises
    ------
    FileTooLargeError
        When the file is over ``max_bytes``.
    RatingFileError
        When it is not UTF-8 JSON, or nests too deeply to be read.

    Examples
    --------
    >>> read_rating_file(b'{"rater_kind": "mentor"}')
    {'rater_kind': 'mentor'}
    >>> read_rating_file(b"\\xff")
    Traceback (most recent call last):
    ...
    playbook.imports.ratings.RatingFileError: This file is not a rating file (it is not JSON text).
    """
    if len(raw) > max_bytes:
        raise FileTooLargeError(
            f"This file is {len(raw) // 1024} KB; a rating file is at most {max_bytes // 1024} KB."
        )
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise RatingFileError("This file is not a rating file (it is not JSON text).") from None
    except RecursionError:  # the decoder's own guard against nesting deeper than the stack
        raise RatingFileError(
            "This file is not a rating file (it nests thousands of levels deep; a rating nests "
            "two)."
        ) from None
