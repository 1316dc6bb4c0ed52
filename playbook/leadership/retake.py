"""The leadership workbook's history hooks (issue 20): what a result keeps in a dated
snapshot (:func:`snapshot`), what moved between two (:func:`changes`), and a snapshot's
scores for the radar's earlier outline (:func:`snapshot_scores`). The rules are
:mod:`playbook.history`'s."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from playbook.history import number, text
from playbook.leadership.content import STYLES, Instrument, StyleId
from playbook.leadership.result import SelfAssessment
from playbook.leadership.scoring import round_half_up

__all__ = ["changes", "snapshot", "snapshot_scores"]


def snapshot(result: SelfAssessment, content: Instrument) -> dict[str, Any] | None:
    """The primary and secondary style and each style's score (to one decimal), once the
    styles can be ranked (``None`` before).

    Examples
    --------
    >>> from playbook.leadership import LeadershipSection, assess, load_content
    >>> inst = load_content()
    >>> answers = {i.id: 2 if i.reverse else 4 for i in inst.items}
    >>> snapshot(assess(LeadershipSection(answers=answers), inst), inst)
    {'primary': 'facilitator', 'secondary': 'architect', 'score.facilitator': 75.0, \
'score.architect': 75.0, 'score.integrator': 75.0}
    >>> snapshot(assess(LeadershipSection(), inst), inst) is None
    True
    """
    if result.ranking is None:
        return None
    values: dict[str, Any] = {
        "primary": result.ranking.primary,
        "secondary": result.ranking.secondary,
    }
    for style in STYLES:
        score = result.scores[style].score
        values[f"score.{style}"] = None if score is None else round(score, 1)
    return values


def snapshot_scores(values: Mapping[str, Any]) -> dict[StyleId, float | None]:
    """Each style's score in a snapshot's values (``None`` where it has none), as the radar
    draws them.

    >>> snapshot_scores({"score.architect": 80.0, "score.integrator": "junk"})
    {'facilitator': None, 'architect': 80.0, 'integrator': None}
    """
    return {s: number(values, f"score.{s}") for s in STYLES}


def changes(before: Mapping[str, Any], now: Mapping[str, Any], content: Instrument) -> list[str]:
    """What moved between two snapshots: the primary and the secondary style, and each
    style's score (rounded as the page shows it). Values a restored file changed into
    something else are passed over.

    Examples
    --------
    >>> from playbook.leadership import load_content
    >>> inst = load_content()
    >>> was = {"primary": "architect", "secondary": "integrator", "score.facilitator": 50.0,
    ...        "score.architect": 90.0}
    >>> now = {"primary": "facilitator", "secondary": "integrator", "score.facilitator": 85.0,
    ...        "score.architect": 70.0}
    >>> print(*changes(was, now, inst), sep="\\n")
    Your primary style was Architect; now it is Facilitator.
    Facilitator: 50 → 85 (+35).
    Architect: 90 → 70 (-20).
    """
    w = content.changes
    out: list[str] = []
    for key, sentence in (("primary", w.primary), ("secondary", w.secondary)):
        a, b = text(before, key, STYLES), text(now, key, STYLES)
        if a and b and a != b:
            out.append(sentence.format(before=content.style(a).name, now=content.style(b).name))
    for style in STYLES:
        x, y = number(before, f"score.{style}"), number(now, f"score.{style}")
        if x is None or y is None or round_half_up(x) == round_half_up(y):
            continue
        was, is_ = round_half_up(x), round_half_up(y)
        out.append(
            w.score.format(
                style=content.style(style).name,
                before=str(was),
                now=str(is_),
                delta=f"{is_ - was:+d}",
            )
        )
    return out
