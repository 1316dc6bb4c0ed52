"""How the pilot pages write a number, a number with its unit, and a count."""

from __future__ import annotations

__all__ = ["format_number", "plural", "signed", "with_unit"]


def format_number(x: float) -> str:
    """A number as a participant would write it: 2.5, 85, 0.25, 1200.

    >>> format_number(2.50), format_number(85.0), format_number(1234.5), format_number(-0.001)
    ('2.5', '85', '1234', '0')
    """
    if x == 0:
        return "0"
    a = abs(x)
    digits = 0 if a >= 100 else 1 if a >= 10 else 2
    text = f"{x:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def with_unit(x: float, unit: str) -> str:
    """A number with its unit: ``4 revisions``, ``85%``.

    >>> with_unit(4, "revisions"), with_unit(85, "%"), with_unit(2.5, "")
    ('4 revisions', '85%', '2.5')
    """
    if not unit:
        return format_number(x)
    if unit in ("%", "percent"):
        return f"{format_number(x)}%"
    return f"{format_number(x)} {unit}"


def signed(x: float, unit: str) -> str:
    """A number with its sign (``+`` for a positive one) and its unit.

    >>> signed(2, "points"), signed(-1.5, "")
    ('+2 points', '-1.5')
    """
    return ("+" if x > 0 else "") + with_unit(x, unit)


def plural(n: int, one: str, many: str | None = None) -> str:
    """``n`` and the word, in the plural unless ``n`` is 1.

    >>> plural(1, "point"), plural(3, "point"), plural(2, "baseline point")
    ('1 point', '3 points', '2 baseline points')
    """
    return f"{n} {one if n == 1 else (many or one + 's')}"
