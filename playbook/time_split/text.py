"""Sentences for the participant about the split, focus, the plan, overlaps and a week
logged twice."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from playbook.imports import Entry
from playbook.time_split.balance import BalanceReport, ProtectedBlock
from playbook.time_split.content import REASONS, BalancePractice, TimeSplitContent
from playbook.time_split.focus import FocusReport
from playbook.time_split.merge import DoubleLog, Overlap
from playbook.time_split.split import SplitReport
from playbook.time_split.transition import WeekProgress

__all__ = [
    "balance_practices",
    "date_span",
    "explain_balance",
    "describe_double_log",
    "describe_overlaps",
    "explain_focus",
    "explain_progress",
    "explain_split",
    "hours_text",
    "protected_rows",
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


def hours_text(value: float) -> str:
    """Hours as a calendar gives them (quarter hours whole: ``20.75 h``, ``0.5 h``, ``9 h``).

    >>> hours_text(20.75), hours_text(0.5), hours_text(9.0)
    ('20.75 h', '0.5 h', '9 h')
    """
    return f"{round(value, 2):g} h"


def _block_when(block: ProtectedBlock) -> str:
    if block.all_day:
        return f"{block.start:%a %d %b}, all day"
    return f"{block.start:%a %d %b} {block.start:%H:%M}-{block.end:%H:%M}"


def _names(days: Sequence[str]) -> str:
    names = [d.capitalize() for d in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _say(template: str, **values: object) -> str:
    return " ".join(template.format(**values).split())


def _condition(report: BalanceReport, content: TimeSplitContent, field: str) -> str:
    """A sentence of ``balance.text`` (``field``) filled from the report: why a practice is
    suggested (the field of a condition, :data:`REASONS`), or the trend's own sentence."""
    text = content.balance.text
    worse = report.worsening
    values: dict[str, object] = {
        "broken": report.broken,
        "blocks": len(report.blocks),
        "outside": hours_text(report.outside_hours),
        "share": f"{report.outside_share or 0:.0%}",
        "weekend": hours_text(report.weekend_hours),
        "days": report.weekend_days,
    }
    if worse is not None:
        values |= {
            "weeks": len(worse.weeks),
            "first": f"{worse.first:.0%}",
            "latest": f"{worse.latest:.0%}",
            "week": f"{worse.weeks[-1].week_start:%d %b %Y}",
            "rise": f"{content.balance.worsening_rise * 100:g} points",
        }
    return _say(getattr(text, field), **values)


def explain_balance(report: BalanceReport, content: TimeSplitContent) -> list[str]:
    """Sentences about hours outside the working day, protected blocks and the trend, in the
    content's words (``balance.text``); participant text (a block's title) is in them as
    typed, for the page to escape.

    >>> from datetime import date
    >>> from playbook.time_split import balance_report, load_content
    >>> content = load_content()
    >>> explain_balance(balance_report([], content, (date(2026, 3, 2), date(2026, 3, 8))),
    ...                 content)[0][:39]
    'No working hours from 02 Mar 2026 to 08'
    """
    b = content.balance
    t = b.text
    say = _say
    span = date_span(report.start, report.end)
    if not report.has_data:
        return [say(t.no_work, span=span)]
    lines = []
    if report.work_hours > 1e-9:
        start, end = report.workday
        lines.append(
            say(
                t.summary,
                span=span,
                outside=hours_text(report.outside_hours),
                work=f"{round(report.work_hours, 2):g}",
                share=f"{report.outside_share or 0:.0%}",
                after=hours_text(report.after_hours),
                weekend=hours_text(report.weekend_hours),
                workday=f"{start:%H:%M}-{end:%H:%M}",
                weekend_days=_names(b.weekend_days) if b.weekend_days else "no day",
            )
        )
    if report.untimed_hours > 1e-9:
        lines.append(say(t.untimed, hours=hours_text(report.untimed_hours)))
    if report.blocks:
        # each block, kept or broken, is a row of the page's table (protected_rows)
        lines.append(
            say(t.blocks, kept=report.kept, broken=report.broken, blocks=len(report.blocks))
        )
    else:
        lines.append(say(t.no_blocks))
    if report.untimed_blocks:
        lines.append(say(t.untimed_blocks, count=report.untimed_blocks))
    worked = [w for w in report.weeks if w.outside_share is not None]
    rise = f"{b.worsening_rise * 100:g} points"
    if report.worsening is not None:
        lines += [_condition(report, content, "worsening"), say(t.to_plan)]
    elif len(worked) < report.trend_weeks:
        lines.append(say(t.too_few_weeks, weeks=report.trend_weeks, have=len(worked)))
    else:
        latest = worked[-1].outside_share or 0
        lines.append(say(t.steady, weeks=report.trend_weeks, latest=f"{latest:.0%}", rise=rise))
    return lines


def balance_practices(
    report: BalanceReport, content: TimeSplitContent
) -> list[tuple[BalancePractice, list[str]]]:
    """The article's practices in content order, each with the sentences saying why these
    weeks suggest it (none: shown as the playbook's advice only).

    >>> from datetime import date
    >>> from playbook.time_split import balance_report, load_content
    >>> content = load_content()
    >>> r = balance_report([], content, (date(2026, 3, 2), date(2026, 3, 8)))
    >>> [(p.id, why) for p, why in balance_practices(r, content)][0]
    ('protected_time', [])
    """
    return [
        (p, [_condition(report, content, REASONS[c]) for c in p.when if c in report.conditions])
        for p in content.balance.practices
    ]


def protected_rows(
    report: BalanceReport, content: TimeSplitContent
) -> list[tuple[str, str, str, bool]]:
    """Each protected block as a row: its title (participant text, as typed), when, kept or
    the work inside it (the content's words), and whether it is broken.

    >>> from datetime import datetime, timezone
    >>> from playbook.imports import make_entry
    >>> from playbook.time_split import balance_report, classify_entries, load_content
    >>> content = load_content()
    >>> at = lambda h, m=0: datetime(2026, 3, 4, h, m, tzinfo=timezone.utc)
    >>> day = [make_entry("ics", "Protected: school run", at(15, 30), at(16, 30)),
    ...        make_entry("ics", "Supplier call", at(16), at(16, 30))]
    >>> protected_rows(balance_report(classify_entries(day, content), content), content)
    [('Protected: school run', 'Wed 04 Mar 15:30-16:30', '0.5 h of work inside it: Supplier call', True)]
    """
    t = content.balance.text
    return [
        (
            b.label or "untitled",
            _block_when(b),
            _say(t.broken_block, hours=hours_text(b.overlap_hours), by="; ".join(b.broken_by))
            if b.broken
            else _say(t.kept_block),
            b.broken,
        )
        for b in report.blocks
    ]
