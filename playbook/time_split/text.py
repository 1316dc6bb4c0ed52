"""Sentences for the participant about the split, focus, the plan, overlaps and a week
logged twice."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from playbook.imports import Entry
from playbook.time_split.content import TimeSplitContent
from playbook.time_split.focus import FocusReport
from playbook.time_split.merge import DoubleLog, Overlap
from playbook.time_split.split import SplitReport
from playbook.time_split.transition import WeekProgress

__all__ = [
    "date_span",
    "describe_double_log",
    "describe_overlaps",
    "explain_focus",
    "explain_progress",
    "explain_split",
    "split_label",
    "community_band",
]


def split_label(content: TimeSplitContent) -> str:
    """The playbook's split as the content gives it, e.g. ``'70/30'`` (never typed in code).

    >>> from playbook.time_split import load_content
    >>> split_label(load_content())
    '70/30'
    """
    delivery = round(content.targets.split.delivery_share * 100)
    return f"{delivery}/{100 - delivery}"


def community_band(content: TimeSplitContent) -> str:
    """The playbook's monthly community hours as the content gives them, e.g. ``'15-20 h'``.

    >>> from playbook.time_split import load_content
    >>> community_band(load_content())
    '15-20 h'
    """
    c = content.targets.community
    return f"{c.hours_per_month_low:g}-{c.hours_per_month_high:g} h"


def date_span(start: date, end: date) -> str:
    """A date range in words, as the sentences write it.

    >>> date_span(date(2026, 3, 2), date(2026, 3, 29))
    '02 Mar 2026 to 29 Mar 2026'
    """
    return f"{start:%d %b %Y} to {end:%d %b %Y}"


def explain_split(report: SplitReport, content: TimeSplitContent) -> list[str]:
    """Sentences about the split, learning, technical work and community hours.

    Every target is attributed to the playbook; defaults of this workbook are named so.
    """
    o = report.overall
    t = content.targets
    if o.delivery_share is None:
        return [
            f"No delivery or visibility hours from {date_span(report.start, report.end)} yet: import "
            "a calendar or a time-tracker export, or type a week."
        ]
    lo, hi = report.band
    lines = [
        f"From {date_span(report.start, report.end)}: {o.delivery_share:.0%} delivery and "
        f"{1 - o.delivery_share:.0%} visibility & relationships ({o.delivery_hours:.1f} h and "
        f"{o.outward_hours:.1f} h). The playbook recommends {split_label(content)}; this "
        "workbook counts "
        f"{lo:.0%}-{hi:.0%} delivery as on target (a default band). "
        + getattr(t.split.advice, o.status if o.status != "no data" else "balanced"),
    ]
    weeks = [w for w in report.weeks if w.status != "no data"]
    if len(weeks) > 1:
        counts = {
            s: sum(1 for w in weeks if w.status == s) for s in ("balanced", "inward", "outward")
        }
        lines.append(
            f"Week by week: {counts['balanced']} of {len(weeks)} weeks on target, "
            f"{counts['inward']} mostly delivery, {counts['outward']} mostly outward."
        )
    if o.learning_share is not None:
        verdict = "at or above" if o.learning_share >= t.learning.share - 1e-9 else "below"
        lines.append(
            f"Learning and emerging methods: {o.learning_share:.0%} of your working hours "
            f"({o.learning_hours:.1f} h), {verdict} the {t.learning.share:.0%} the playbook "
            "recommends of professional-development time (this workbook compares it with "
            f"your {t.learning.basis}, its default)."
        )
    if o.technical_share is not None:
        lines.append(f"Hands-on technical work: {o.technical_share:.0%} of your working hours.")
    for m in report.months:
        compared = {"below": "less than", "within": "within", "above": "more than"}[m.status]
        line = (
            f"{m.month:%B %Y}: {m.hours:.1f} h of community building, {compared} the "
            f"{community_band(content)} a month the playbook says genuine community building "
            "typically requires"
        )
        if m.days_covered != m.days_in_month:
            line += (
                f" (pro-rated to the {m.days_covered} days of the weeks you logged, a default "
                f"of this workbook: {m.low:.1f}-{m.high:.1f} h)"
            )
        lines.append(line + ".")
    return lines


def explain_focus(report: FocusReport) -> str:
    """One sentence about focus and fragmented time."""
    total = report.focus_hours + report.fragmented_hours
    if total <= 0:
        return "No timed entries to find focus blocks in (all-day and typed-in hours have no clock time)."
    blocks = sum(w.focus_blocks for w in report.weeks)
    return (
        f"{report.focus_hours:.1f} h were in {blocks} uninterrupted blocks of "
        f"{report.min_block_hours:g} h or more (focus), {report.fragmented_hours:.1f} h in shorter "
        f"pieces (fragmented): {report.focus_hours / total:.0%} focus. Free time between your "
        "entries counts too: on a calendar it is the time left for focused work."
    )


def explain_progress(progress: Sequence[WeekProgress]) -> str:
    """One sentence about the logged weeks against the plan."""
    logged = [p for p in progress if p.status in ("ahead", "on track", "behind")]
    if not logged:
        return "No logged week falls inside the plan yet."
    last = logged[-1]
    counts = {s: sum(1 for p in logged if p.status == s) for s in ("on track", "ahead", "behind")}
    return (
        f"{len(logged)} logged week(s) in the plan: {counts['on track']} on track, "
        f"{counts['ahead']} ahead, {counts['behind']} behind. Latest, the week of "
        f"{last.week_start:%d %b}: {last.actual_share:.0%} hands-on technical work against "
        f"{last.planned_share:.0%} planned."
    )


def describe_overlaps(overlaps: Sequence[Overlap], shown: int = 3) -> str | None:
    """A message for the participant about overlapping entries, or ``None`` if there are none."""
    if not overlaps:
        return None

    def when(e: Entry) -> str:
        return f"'{e.description or 'untitled'}' {e.start:%a %d %b %H:%M}-{e.end:%H:%M}"

    examples = "; ".join(f"{when(o.first)} and {when(o.second)}" for o in overlaps[:shown])
    hours = sum(o.hours for o in overlaps)
    more = f" and {len(overlaps) - shown} more" if len(overlaps) > shown else ""
    return (
        f"{len(overlaps)} pair(s) of entries overlap ({hours:.1f} h in all are counted twice): "
        f"{examples}{more}. If the same time was logged twice (a calendar and a tracker), "
        "remove one of them; if you really did two things at once, leave them."
    )


def describe_double_log(log: DoubleLog) -> str:
    """A sentence for the participant: which log counts for the weeks both describe."""
    n = len(log.weeks)
    weeks = f"{n} week{'s' if n != 1 else ''} (from {log.weeks[0]:%d %b %Y})"
    used, other = (
        ("time tracker", "calendar") if log.used == "tracker" else ("calendar", "time tracker")
    )
    return (
        f"Your calendar and your time tracker both describe {weeks}. So that no hour counts "
        f"twice, those weeks count the {used} only ({log.left_out_entries} {other} entries, "
        f"{log.left_out_hours:.1f} h, left out of the results; they stay in your log)."
    )
