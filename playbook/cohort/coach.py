"""A coach's code: what the people a coach coaches share their workbooks with."""

from __future__ import annotations

import hashlib
import re

from playbook.errors import InputError

__all__ = ["check_coach_code", "coach_code"]

_CODE = re.compile(r"^[0-9a-f]{16}$")


def coach_code(workbook_id: str) -> str:
    """The code a coach gives the people they coach, so that they can share their workbooks
    with the coach: derived from the coach's own workbook (no key or id can be read from it).

    Examples
    --------
    >>> coach_code("abc") == coach_code("abc") != coach_code("abd"), len(coach_code("abc"))
    (True, 16)
    """
    return hashlib.sha256(f"playbook-coach:{workbook_id}".encode()).hexdigest()[:16]


def check_coach_code(text: str) -> str:
    """A coach's code as given in a link; ``InputError`` when it is not one.

    >>> check_coach_code(" 0123456789abcdef ")
    '0123456789abcdef'
    """
    code = text.strip().lower()
    if not _CODE.match(code):
        raise InputError(
            "This coach's link is not complete: its coach code should be 16 letters and "
            "digits. Ask your coach to send the link again."
        )
    return code
