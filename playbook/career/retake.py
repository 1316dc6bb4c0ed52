"""The navigator's history hooks (issue 20): what a result keeps in a dated snapshot
(:func:`snapshot`) and what moved between two (:func:`changes`), for "since last time" on the
page and "since last quarter" in the development plan (the rules are
:mod:`playbook.history`'s)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from playbook.career.content import PATH_IDS, CareerContent, PathId
from playbook.career.result import Assessment
from playbook.career.text import path_names
from playbook.history import number, text

__all__ = ["changes", "snapshot"]


def snapshot(result: Assessment, content: CareerContent) -> dict[str, Any] | None:
    """The recommended path, the preferred one and each path's fit (to one decimal), once
    there are enough answers for a recommendation (``None`` before).

    Examples
    --------
    >>> from playbook.career import CareerSection, assess, load_content
    >>> c = load_content()
    >>> answers = {"standardization": "adhoc", "work_type": "creative", "transition": "major",
    ...            "cross_functional": "most"}
    >>> snapshot(assess(CareerSection(context=answers), c), c)
    {'recommended': 'community_builder', 'preferred': None, 'fit.technical_specialist': 0.0, \
'fit.community_builder': 100.0, 'fit.hybrid_integrator': 71.4}
    >>> snapshot(assess(CareerSection(), c), c) is None
    True
    """
    if not result.enough:
        return None
    values: dict[str, Any] = {
        "recommended": "+".join(result.recommended),
        "preferred": "+".join(result.preferred) or None,
    }
    for p in PATH_IDS:
        score = result.fit[p].score
        values[f"fit.{p}"] = None if score is None else round(score, 1)
    return values


def _paths(values: Mapping[str, Any], key: str) -> list[PathId]:
    """The path ids a snapshot's ``key`` names ("a+b" for a tie), if the content knows each."""
    found = text(values, key)
    ids = found.split("+") if found else []
    known = [p for p in PATH_IDS if p in ids]
    return known if ids and len(known) == len(ids) else []


def changes(before: Mapping[str, Any], now: Mapping[str, Any], content: CareerContent) -> list[str]:
    """What moved between two snapshots: the recommended path, each path's fit (rounded as
    the page shows it), the preferred path. Values a restored file changed into something
    else are passed over.

    Examples
    --------
    >>> from playbook.career import load_content
    >>> c = load_content()
    >>> was = {"recommended": "technical_specialist", "fit.technical_specialist": 70.0,
    ...        "fit.community_builder": 40.0, "preferred": "technical_specialist"}
    >>> now = {"recommended": "community_builder", "fit.technical_specialist": 45.0,
    ...        "fit.community_builder": 80.0, "preferred": "technical_specialist"}
    >>> print(*changes(was, now, c), sep="\\n")
    Your environment called for Technical Specialist; now it calls for Community Builder.
    Technical Specialist: fit 70 → 45 (-25).
    Community Builder: fit 40 → 80 (+40).
    >>> changes(now, {**now, "fit.community_builder": "junk"}, c)
    []
    """
    w = content.changes
    out: list[str] = []
    was, is_ = _paths(before, "recommended"), _paths(now, "recommended")
    if was and is_ and was != is_:
        out.append(
            w.recommended.format(before=path_names(content, was), now=path_names(content, is_))
        )
    for p in PATH_IDS:
        a, b = number(before, f"fit.{p}"), number(now, f"fit.{p}")
        if a is None or b is None or round(a) == round(b):
            continue
        out.append(
            w.fit.format(
                path=content.path(p).name,
                before=str(round(a)),
                now=str(round(b)),
                delta=f"{round(b) - round(a):+d}",
            )
        )
    was, is_ = _paths(before, "preferred"), _paths(now, "preferred")
    if was and is_ and was != is_:
        out.append(
            w.preferred.format(before=path_names(content, was), now=path_names(content, is_))
        )
    return out
