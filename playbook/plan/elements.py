"""The three elements (technical precision, emotional intelligence, strategic foresight):
the participant's ratings and whether they are in balance."""

from __future__ import annotations

from dataclasses import dataclass

from playbook.contract import by_id
from playbook.errors import InputError
from playbook.plan.content import PlanContent
from playbook.plan.section import PlanSection

__all__ = ["Balance", "balance", "set_element"]


@dataclass(frozen=True)
class Balance:
    ratings: dict[str, int]
    balanced: bool | None  # None until all three are rated
    text: str


def set_element(
    section: PlanSection, content: PlanContent, element: str, rating: int | None
) -> PlanSection:
    by_id(content.elements.items, element, "element")
    ratings = dict(section.elements)
    if rating is None:
        ratings.pop(element, None)
    elif not 1 <= rating <= 5:
        raise InputError("Rate each element from 1 to 5.")
    else:
        ratings[element] = rating
    return section.model_copy(update={"elements": ratings})


def balance(section: PlanSection, content: PlanContent) -> Balance:
    """Whether the three elements are in balance: all rated, and no two further apart than
    the content's ``elements_spread`` (a default of this workbook).

    >>> from playbook.plan import PlanSection, balance, load_content
    >>> c = load_content()
    >>> s = PlanSection(elements={"technical_precision": 5, "emotional_intelligence": 2,
    ...                           "strategic_foresight": 4})
    >>> balance(s, c).balanced, balance(s, c).text
    (False, 'Out of balance: Emotional intelligence (2) trails Technical precision (5), 2 points or more apart (a default of this workbook).')
    """
    items = content.elements.items
    ratings = {e.id: section.elements[e.id] for e in items if e.id in section.elements}
    if len(ratings) < len(items):
        return Balance(ratings, None, "Rate all three elements to see their balance.")
    low = min(items, key=lambda e: ratings[e.id])
    high = max(items, key=lambda e: ratings[e.id])
    spread = content.thresholds.elements_spread
    if ratings[high.id] - ratings[low.id] >= spread:
        return Balance(
            ratings,
            False,
            f"Out of balance: {low.name} ({ratings[low.id]}) trails {high.name} "
            f"({ratings[high.id]}), {spread:g} points or more apart (a default of this workbook).",
        )
    return Balance(
        ratings,
        True,
        f"In balance: no two elements are {spread:g} points or more apart (a default of this "
        "workbook).",
    )
