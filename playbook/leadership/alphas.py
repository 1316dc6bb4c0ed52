"""Item reliability for a coach piloting the items: each style's Cronbach's alpha across
several workbooks' answers.

The statistic is generic (:func:`playbook.stats.reliability.cronbach_alpha`, a plain matrix
in); what is the instrument's is here: the item matrix of a style, reverse-keyed, with "not
sure" as missing, and the answers read from workbook records. numpy and scipy are imported
only when an alpha is computed: the leadership page does not carry them (scipy.stats is
about 1 s and 75 MB in a new kernel).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

from playbook.errors import InputError
from playbook.leadership.checks import check_answers
from playbook.leadership.content import NOT_SURE, STYLES, Instrument, StyleId
from playbook.leadership.scoring import keyed
from playbook.leadership.section import parse_section

if TYPE_CHECKING:
    import numpy as np

    from playbook.stats.reliability import AlphaResult

__all__ = ["answers_from_records", "item_matrix", "scale_alphas", "workbook_alphas"]


def item_matrix(
    answer_sets: Iterable[Mapping[str, int]], instrument: Instrument, style: str
) -> np.ndarray:
    """Respondents x items of one style, reverse-keyed, with "not sure"/missing as NaN."""
    import numpy as np

    items = instrument.items_of(style)
    rows = []
    for answers in answer_sets:
        answers = check_answers(answers, instrument)
        rows.append(
            [
                np.nan
                if (k := keyed(answers.get(i.id, NOT_SURE), i.reverse, instrument.scale)) is None
                else k
                for i in items
            ]
        )
    return np.array(rows, dtype=float).reshape(len(rows), len(items))


def scale_alphas(
    answer_sets: Iterable[Mapping[str, int]],
    instrument: Instrument,
    nan_policy: Literal["pairwise", "listwise"] = "pairwise",
) -> dict[StyleId, AlphaResult]:
    """Cronbach's alpha per style over several workbooks' answers (for piloting items).

    ``answer_sets`` holds one ``answers`` dict per workbook (the section's or a rating's).
    """
    from playbook.stats.reliability import cronbach_alpha

    answer_sets = list(answer_sets)
    return {s: cronbach_alpha(item_matrix(answer_sets, instrument, s), nan_policy) for s in STYLES}


def answers_from_records(
    records: Iterable[Mapping[str, Any]], instrument: Instrument
) -> tuple[list[dict[str, int]], int]:
    """The leadership answers of each workbook record (e.g. a facilitator's collected files).

    Returns the answer sets and how many records were set aside: records without a
    leadership section, or whose section cannot be read. Sections from another instrument
    version keep the answers to items that still exist (see :func:`parse_section`).
    """
    found: list[dict[str, int]] = []
    skipped = 0
    for record in records:
        sections = record.get("sections") if isinstance(record, Mapping) else None
        data = sections.get("leadership") if isinstance(sections, Mapping) else None
        if not data:
            skipped += 1
            continue
        try:
            found.append(parse_section(data, instrument).answers)
        except InputError:
            skipped += 1
    return found, skipped


def workbook_alphas(
    records: Iterable[Mapping[str, Any]],
    instrument: Instrument,
    nan_policy: Literal["pairwise", "listwise"] = "pairwise",
) -> dict[StyleId, AlphaResult]:
    """Cronbach's alpha per style across a set of workbook records (for a coach piloting items).

    Examples
    --------
    >>> from playbook.leadership import load_content
    >>> inst = load_content()
    >>> records = [{"sections": {"leadership": {"answers": {
    ...     i.id: (6 - v if i.reverse else v) for i in inst.items}}}} for v in (2, 3, 4, 5)]
    >>> round(workbook_alphas(records, inst)["architect"].alpha, 6)
    1.0
    """
    answer_sets, _ = answers_from_records(records, instrument)
    return scale_alphas(answer_sets, instrument, nan_policy)
