"""The leadership workbook's errors: all participant-caused, so all ``PlaybookError``; their
messages are shown as they are."""

from __future__ import annotations

from playbook.errors import InputError

__all__ = ["AnswerError", "InstrumentVersionError", "NotEnoughAnswersError", "WrongSubjectError"]


class AnswerError(InputError):
    """Raised when an answer names an unknown item or block, or is off the scale."""


class NotEnoughAnswersError(InputError):
    """Raised when too few items are answered to score or rank what was asked for."""


class InstrumentVersionError(InputError):
    """Raised when a rating was made with another version of the instrument."""


class WrongSubjectError(InputError):
    """Raised when a rating is about another person than the workbook's owner."""
