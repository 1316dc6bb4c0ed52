"""The plan's history hooks for its three elements (issue 20): what a result keeps in a dated
snapshot (:func:`snapshot`: the ratings, once all three are rated) and what moved between
two (:func:`changes`). The rules are :mod:`playbook.history`'s."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from playbook.history import number
from playbook.plan.content import PlanContent
from playbook.plan.result import PlanResult

__all__ = ["changes", "snapshot"]


def snapshot(result: PlanResult, content: PlanContent) -> dict[str, Any] | None:
    """The three elements' ratings, once all are rated (``None`` before).

    >>> from playbook.plan import PlanSection, assess, load_content
    >>> c = load_content()
    >>> s = PlanSection(elements={"technical_precision": 5, "emotional_intelligence": 2,
    ...                           "strategic_foresight": 4})
    >>> snapshot(assess(s, c), c)
    {'element.technical_precision': 5, 'element.emotional_intelligence': 2, \
'element.strategic_foresight': 4}
    >>> snapshot(assess(PlanSection(elements={"technical_precision": 5}), c), c) is None
    True
    """
    items = content.elements.items
    if any(e.id not in result.elements for e in items):
        return None
    return {f"element.{e.id}": result.elements[e.id] for e in items}


def changes(before: Mapping[str, Any], now: Mapping[str, Any], content: PlanContent) -> list[str]:
    """What moved between two snapshots: each element whose rating changed (values a
    restored file changed into something else are passed over).

    >>> from playbook.plan import load_content
    >>> changes({"element.technical_precision": 3, "element.strategic_foresight": 2},
    ...         {"element.technical_precision": 4, "element.strategic_foresight": 2},
    ...         load_content())
    ['Technical precision: rated 3, now 4.']
    """
    out = []
    for e in content.elements.items:
        a, b = number(before, f"element.{e.id}"), number(now, f"element.{e.id}")
        if a is not None and b is not None and a != b:
            out.append(
                content.changes.element.format(element=e.name, before=f"{a:g}", now=f"{b:g}")
            )
    return out
