"""The cohort view's hooks: one workbook's leadership section reduced to ids and numbers
(:func:`digest`), and the cohort's leadership tables and scale reliabilities from every
workbook's digest (:func:`aggregate`).

No free text leaves a workbook: a digest holds style ids, gap flags and the numeric answers
Cronbach's alpha needs (item id -> stored answer, 1..5 or 0 for "not sure").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from playbook.contract import AlphaRow, TableMaker
from playbook.leadership.alphas import scale_alphas
from playbook.leadership.content import Instrument, StyleId
from playbook.leadership.gaps import GapFlag
from playbook.leadership.result import assess
from playbook.leadership.section import parse_section

__all__ = ["LeadershipDigest", "aggregate", "alpha_rows", "digest"]

#: How the cohort's table words a gap flag.
FLAG_WORDS: dict[str, str] = {"blind_spot": "blind spot", "hidden_strength": "hidden strength"}


@dataclass(frozen=True)
class LeadershipDigest:
    """What one workbook's leadership section gives the cohort: ids and numbers only."""

    primary: StyleId | None = None
    secondary: StyleId | None = None
    #: (style, blind_spot|hidden_strength) of each flagged self-mentor gap, sorted.
    mentor_flags: tuple[tuple[StyleId, GapFlag], ...] = ()
    #: The participant's answers (item id -> 1..5, 0 "not sure"), checked against the
    #: instrument: what each scale's Cronbach's alpha is computed from.
    answers: Mapping[str, int] = field(default_factory=dict)


def digest(data: Mapping[str, Any], content: Instrument) -> LeadershipDigest:
    """One workbook's ``"leadership"`` section, read against the instrument loaded once for
    the cohort, reduced to what the cohort counts (a section that cannot be read: an
    :class:`AnswerError`, as the contract's ``digest`` says).

    Examples
    --------
    >>> from playbook.leadership import load_content
    >>> inst = load_content()
    >>> d = digest({"answers": {i.id: 2 if i.reverse else 4 for i in inst.items}}, inst)
    >>> d.primary, d.secondary, d.mentor_flags, len(d.answers)
    ('facilitator', 'architect', (), 27)
    """
    section = parse_section(data, content)
    a = assess(section, content)
    flags = tuple(sorted((g.style, g.flag) for g in a.mentor_gaps.values() if g.flag))
    return LeadershipDigest(a.primary, a.secondary, flags, dict(section.answers))


def aggregate(
    digests: Sequence[LeadershipDigest | None], content: Instrument, tables: TableMaker
) -> None:
    """The cohort's leadership tables ("styles": primary and secondary styles; "mentor_gaps":
    the most common self-mentor gaps) and each scale's Cronbach's alpha (:func:`alpha_rows`,
    withheld below ``tables.content.min_alpha_workbooks``); ``None`` digests (not begun, not
    readable) are left out."""
    ds = [d for d in digests if d is not None]
    names: dict[StyleId, str] = {s.id: s.name for s in content.styles}
    styles = list(names)
    prim = Counter(d.primary for d in ds if d.primary)
    sec = Counter(d.secondary for d in ds if d.secondary)
    tables.add(
        "styles",
        "Primary and secondary leadership styles",
        ("Style", "Role", "Workbooks"),
        [(names.get(s, s), "primary", prim[s]) for s in styles]
        + [(names.get(s, s), "secondary", sec[s]) for s in styles],
        count_column=2,
    )
    flags = Counter(f for d in ds for f in d.mentor_flags)
    rows = [(names.get(s, s), FLAG_WORDS[f], n) for (s, f), n in flags.most_common()]
    tables.add(
        "mentor_gaps",
        "Most common self-mentor gaps",
        ("Style", "Gap", "Workbooks"),
        rows,
        count_column=2,
        note="From mentors' ratings kept in the workbooks (rating files the owner imported).",
    )
    tables.add_alpha(
        alpha_rows([d.answers for d in ds], content, tables.content.min_alpha_workbooks)
    )


def alpha_rows(
    answer_sets: Sequence[Mapping[str, int]], content: Instrument, min_workbooks: int
) -> tuple[AlphaRow, ...]:
    """Each scale's Cronbach's alpha (rounded to 3 places) across the workbooks' answers
    (:func:`playbook.leadership.scale_alphas`), withheld below ``min_workbooks``.

    The number of workbooks is those with leadership answers (the respondents alpha used).

    Examples
    --------
    >>> from playbook.leadership import load_content
    >>> inst = load_content()
    >>> alpha_rows([{}] * 3, inst, 20)[0]  # doctest: +NORMALIZE_WHITESPACE
    AlphaRow(style='facilitator', alpha=None, n_workbooks=3, n_items=9,
             reason='shown from 20 workbooks with leadership answers, a default of this workbook (3 so far)',
             name='Facilitator')
    """
    n = len(answer_sets)
    names = {s.id: s.name for s in content.styles}
    if n < min_workbooks:
        reason = (
            f"shown from {min_workbooks} workbooks with leadership answers, a default of this "
            f"workbook ({n} so far)"
        )
        return tuple(
            AlphaRow(s.id, None, n, len(content.items_of(s.id)), reason, s.name)
            for s in content.styles
        )
    alphas = scale_alphas(answer_sets, content)
    return tuple(
        AlphaRow(
            s, None if r.alpha is None else round(r.alpha, 3), n, r.n_items, r.reason, names[s]
        )
        for s, r in alphas.items()
    )
