"""The checks every stored answer passes: an item or block of this instrument, on its scale
or a complete order of the three styles (the section, the ratings and the scoring all call
them)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from playbook.leadership.content import NOT_SURE, STYLES, Instrument
from playbook.leadership.errors import AnswerError

__all__ = ["check_answers", "check_forced_choice"]


def check_answers(answers: Mapping[str, Any], instrument: Instrument) -> dict[str, int]:
    """Check that every answer names an item of this instrument and lies on its scale.

    Returns the answers as a plain ``dict`` of ints.

    Raises
    ------
    AnswerError
        For an unknown item id, or a value that is not 1..5 or 0 ("not sure").

    Examples
    --------
    >>> from playbook.leadership import load_content
    >>> inst = load_content()
    >>> try:
    ...     check_answers({"fac_mediate": 6}, inst)
    ... except AnswerError as err:
    ...     print(err)  # doctest: +ELLIPSIS
    Statement 'fac_mediate' has the answer 6, which is not on the scale: use 1 to 5, or 0 ...
    """
    known = {i.id for i in instrument.items}
    allowed = {p.value for p in instrument.scale.points} | {NOT_SURE}
    checked: dict[str, int] = {}
    for item_id, value in answers.items():
        if item_id not in known:
            raise AnswerError(
                f"'{item_id}' is not a statement of this instrument "
                f"(version {instrument.instrument_version})."
            )
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            raise AnswerError(
                f"Statement '{item_id}' has the answer {value!r}, which is not on the scale: "
                f"use {instrument.scale.low} to {instrument.scale.high}, or {NOT_SURE} for "
                f'"not observed / not sure".'
            )
        checked[item_id] = value
    return checked


def check_forced_choice(
    orders: Mapping[str, Sequence[str]], instrument: Instrument
) -> dict[str, list[str]]:
    """Check that every forced-choice answer is a complete order of the three styles.

    Raises
    ------
    AnswerError
        For rankings that are not a mapping of blocks, an unknown block id, or an order that
        is not the three styles once each.
    """
    if not isinstance(orders, Mapping):
        raise AnswerError("The rankings are not a list of ranked statement blocks.")
    known = {b.id for b in instrument.forced_choice}
    checked: dict[str, list[str]] = {}
    for block_id, order in orders.items():
        if block_id not in known:
            raise AnswerError(f"'{block_id}' is not a ranking block of this instrument.")
        is_list = isinstance(order, list | tuple) and all(isinstance(s, str) for s in order)
        if not is_list or sorted(order) != sorted(STYLES):
            raise AnswerError(
                f"Ranking block '{block_id}' must put all three statements in order, each once."
            )
        checked[block_id] = [str(s) for s in order]
    return checked
