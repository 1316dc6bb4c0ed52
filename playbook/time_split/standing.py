"""What the development plan says of the time split: "Where I stand" (:func:`standing`) and
the goals the split suggests (:func:`suggest`), both read from the result alone (the
transition plan's status included: it is computed once, by :func:`~playbook.time_split.assess`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from playbook.contract import Standing, Suggestion, SuggestionMaker
from playbook.time_split.content import TimeSplitContent
from playbook.time_split.practices import describe_practices
from playbook.time_split.result import TimeSplitResult

if TYPE_CHECKING:
    from playbook.time_split.split import PeriodSplit
    from playbook.time_split.transition import TransitionStatus

__all__ = ["SPLIT_WORDS", "plan_sentence", "standing", "suggest"]

#: A week's split status, in words.
SPLIT_WORDS = {"inward": "mostly delivery", "outward": "mostly outward", "balanced": "on target"}


def _pct(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def plan_sentence(
    transition: TransitionStatus | None, latest_week: PeriodSplit | None = None
) -> str:
    """The transition plan's line of "Where I stand", from the result's status.

    ``latest_week`` is the result's latest week with hours (its ``start`` is compared with
    the plan's latest measured week, so that the sentence names a different week).

    Examples
    --------
    >>> plan_sentence(None)
    'Transition plan: not laid out (its settings on the time split page make no plan).'
    """
    if transition is None:
        return "Transition plan: not laid out (its settings on the time split page make no plan)."
    week = transition.latest
    if week is None:
        return "Transition plan: no logged week falls inside the plan yet."
    if latest_week is None or week.week_start == latest_week.start:
        when = "in the latest week"
    else:
        when = f"in the week of {week.week_start:%d %b %Y}, the latest with working hours"
    if transition.start_chosen:
        return f"Transition plan: {transition.status} {when}."
    return (
        f"Transition plan: {transition.status} {when} (counted from your first logged day, "
        f"{transition.plan.start_date:%d %b %Y}, until you choose a start date)."
    )


def standing(result: TimeSplitResult | None, content: TimeSplitContent | None) -> Standing:
    """The time split in "Where I stand": the latest week against 70/30, and the plan.

    Examples
    --------
    >>> standing(None, None).todo
    'Log a week, or import a calendar or a time-tracker export.'
    """
    if result is None or result.latest is None:
        return Standing(
            "not started", (), "Log a week, or import a calendar or a time-tracker export."
        )
    w = result.latest
    target = round(result.target_delivery * 100)
    lines = (
        f"Latest week ({w.start:%d %b %Y}): {_pct(w.delivery_share)} delivery and "
        f"{_pct(None if w.delivery_share is None else 1 - w.delivery_share)} visibility & "
        f"relationships, against the playbook's {target}/{100 - target} "
        f"({SPLIT_WORDS.get(w.status, w.status)}).",
        plan_sentence(result.transition, w),
    )
    chosen = describe_practices(result.practices, result.report.overall.community_hours)
    return Standing("done", (*lines, chosen) if chosen else lines, "")


def suggest(
    result: TimeSplitResult, content: TimeSplitContent, maker: SuggestionMaker
) -> list[Suggestion]:
    """The goals the split suggests: back to 70/30 after an off-target latest week, the split
    as a pilot's baseline, the 10% learning target when learning is below it, and the
    article's work-life balance practices when the share of hours outside the working day
    worsens (:class:`~playbook.time_split.balance.Worsening`, the content's default reading).

    ``maker.content`` is the development plan's content (its ``thresholds``).
    """
    out: list[Suggestion] = []
    w = result.latest
    if w is None or w.delivery_share is None:
        return out + _balance(result, maker)
    if w.status in ("inward", "outward"):
        advice = getattr(content.targets.split.advice, w.status)
        action = (
            "protect time for visibility and relationships"
            if w.status == "inward"
            else "protect time for delivery with clear metrics"
        )
        out.append(
            maker.make(
                "split_gap",
                w.start.isoformat(),
                week=f"{w.start:%d %b %Y}",
                delivery=_pct(w.delivery_share),
                advice=advice,
                action=action,
            )
        )
    overall = result.report.overall.delivery_share
    if overall is not None:
        out.append(maker.make("baseline_to_metric", "delivery", delivery=_pct(overall)))
    thresholds = maker.content.thresholds
    learning = result.report.overall.learning_share
    if learning is not None and learning < thresholds.learning_share:
        weekly = result.weekly_work_hours
        hours = (
            None
            if weekly is None
            else weekly * thresholds.learning_share * thresholds.weeks_per_month
        )
        out.append(
            maker.make(
                "learning_gap",
                "learning",
                share=_pct(learning),
                hours=f"{hours:.0f}" if hours is not None else "some",
            )
        )
    return out + _balance(result, maker)


def _balance(result: TimeSplitResult, maker: SuggestionMaker) -> list[Suggestion]:
    """The balance practices as a goal, when the share outside the working day worsens."""
    worse = None if result.balance is None else result.balance.worsening
    if worse is None:
        return []
    return [
        maker.make(
            "balance_worsens",
            worse.weeks[-1].week_start.isoformat(),
            weeks=len(worse.weeks),
            first=_pct(worse.first),
            latest=_pct(worse.latest),
            week=f"{worse.weeks[-1].week_start:%d %b %Y}",
        )
    ]
