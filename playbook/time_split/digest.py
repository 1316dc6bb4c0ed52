"""What the cohort counts of the time split: one workbook's :class:`TimeSplitDigest` (ids and
numbers, no free text) and the cohort's tables from many (:func:`aggregate`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from playbook.contract import TableMaker
from playbook.time_split.content import TimeSplitContent
from playbook.time_split.result import assess
from playbook.time_split.section import parse_section

__all__ = ["TimeSplitDigest", "aggregate", "digest"]


@dataclass(frozen=True)
class TimeSplitDigest:
    """One workbook's time split for the cohort: the latest week's status (balanced, inward,
    outward) and delivery share, and the status of a transition plan the participant set up
    (a start date chosen): ahead, on track, behind or "no data yet"."""

    split_status: str | None = None
    delivery_share: float | None = None
    plan_status: str | None = None


def digest(data: Mapping[str, Any], content: TimeSplitContent) -> TimeSplitDigest:
    """One workbook's ``time_split`` section (the record's plain dict) reduced for the cohort.

    The plan's status is the result's (:attr:`~playbook.time_split.TimeSplitResult.plan_status`);
    the cohort counts only the plans whose start date the participant chose.

    Examples
    --------
    >>> from playbook.time_split import load_content
    >>> week = [{"id": "a", "source": "manual", "day": "2026-03-02", "hours": 28,
    ...          "category": "delivery"},
    ...         {"id": "b", "source": "manual", "day": "2026-03-03", "hours": 12,
    ...          "category": "visibility"}]
    >>> digest({"entries": week}, load_content())
    TimeSplitDigest(split_status='balanced', delivery_share=0.7, plan_status=None)
    """
    result = assess(parse_section(data), content)
    latest = result.latest
    chosen = result.transition is not None and result.transition.start_chosen
    return TimeSplitDigest(
        split_status=None if latest is None else latest.status,
        delivery_share=None if latest is None else latest.delivery_share,
        plan_status=result.plan_status if chosen else None,
    )


#: The latest week's split status, as the cohort's table words it.
_SPLIT_ROWS = {
    "balanced": "On target",
    "inward": "More delivery than the target",
    "outward": "Less delivery than the target",
}
_PLAN_ROWS = ("ahead", "on track", "behind", "no data yet")


def aggregate(
    digests: Sequence[TimeSplitDigest | None], content: TimeSplitContent, tables: TableMaker
) -> None:
    """The cohort's time-split tables: the latest week's split status, its delivery share in
    bins of ``tables.content.delivery_bin``, and the transition plans' status (``None``
    digests, sections not begun or unreadable, are skipped)."""
    ds = [d for d in digests if d is not None]
    width = tables.content.delivery_bin
    status = Counter(d.split_status for d in ds if d.split_status)
    tables.add(
        "split_status",
        "The latest week's 70/30 split against the target",
        ("Latest week", "Workbooks"),
        [(w, status[s]) for s, w in _SPLIT_ROWS.items()],
    )
    shares = [d.delivery_share for d in ds if d.delivery_share is not None]
    n_bins = round(1 / width)
    bins = Counter(min(int(s / width + 1e-9), n_bins - 1) for s in shares)
    tables.add(
        "delivery",
        "The latest week's delivery share",
        ("Delivery share", "Workbooks"),
        [(f"{i * width:.0%}-{(i + 1) * width:.0%}", bins[i]) for i in range(n_bins)],
    )
    plan = Counter(d.plan_status for d in ds if d.plan_status)
    tables.add(
        "plan",
        "Transition plans: the latest measured week against the plan",
        ("Against the plan", "Workbooks"),
        [(s.capitalize(), plan[s]) for s in _PLAN_ROWS],
    )
