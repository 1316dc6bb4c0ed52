"""The 70/30 time split, measured on a real week: pure logic, no widgets, no I/O.

What the playbook says (docs/CONTENT.md, section 4; numbers and sources in
``content/time_split.yaml``): 70% of energy on delivery and 30% on strategic visibility and
relationships; 15-20 hours a month of intentional community building; 10% of development
time on emerging methods; and, for someone moving from technical work into leadership, a
six-month plan taking direct technical work from 70% to 30%.

The flow, each step a function of plain data, one module a step:

1. entries come from a manual week (:func:`manual_entries`, :mod:`.manual`) or an import
   (:mod:`playbook.imports`), merged without duplicates (:func:`merge_entries`,
   :mod:`.merge`; the log's edits in :mod:`.log`);
2. each entry gets a category (:class:`Classifier`, :mod:`.classify`): the participant's own
   choice for that entry, else a category the entry carries, else the participant's rules,
   else the keywords of the community practices they chose on the pilots page (community
   time; :mod:`.practices`), else the content's keyword rules, else ``other``;
3. :func:`split_report` (:mod:`.split`) adds the hours up per week and month against the
   targets; :func:`focus_report` (:mod:`.focus`) finds focus and fragmented time;
   :func:`balance_report` (:mod:`.balance`) finds the hours outside the working day, the
   protected blocks kept or broken and whether the trend worsens; :func:`find_overlaps`
   finds double-counted hours;
4. :func:`transition_plan` and :func:`plan_progress` (:mod:`.transition`) lay out and follow
   the technical-to-leadership plan;
5. :func:`assess` (:mod:`.result`) gives what other workbooks read, the plan's status
   included; :mod:`.text` words it for the participant, :mod:`.standing` for the development
   plan, :mod:`.digest` for the cohort.

The content is a :class:`TimeSplitContent` (:mod:`.content`); the participant's part of the
workbook record is a :class:`TimeSplitSection` (:mod:`.section`).
"""

from __future__ import annotations

from playbook.contract import Domain
from playbook.time_split.balance import (
    BalanceReport,
    ProtectedBlock,
    WeekBalance,
    Worsening,
    balance_report,
)
from playbook.time_split.classify import (
    PRACTICE_RULE,
    Classified,
    Classifier,
    add_user_rule,
    classify_entries,
    classify_section,
)
from playbook.time_split.content import (
    BalancePractice,
    BalanceSettings,
    BalanceText,
    CalendarSettings,
    CategoryDef,
    Checkpoint,
    CommunityTarget,
    FocusSettings,
    LearningTarget,
    Rule,
    SplitAdvice,
    SplitTarget,
    Targets,
    TimeSplitContent,
    TimeSplitDates,
    TransitionDefaults,
    load_content,
)
from playbook.time_split.dates import WeeklyReminder, dates, set_reminder
from playbook.time_split.digest import TimeSplitDigest, aggregate, digest
from playbook.time_split.focus import Block, DayFocus, FocusReport, WeekFocus, focus_report
from playbook.time_split.log import (
    MAX_ENTRIES,
    SOURCE_NAMES,
    apply_import,
    check_entry_limit,
    reclassify,
    remove_entries,
    source_counts,
)
from playbook.time_split.manual import (
    ManualActivity,
    draft_is_saved,
    manual_entries,
    replace_manual_week,
)
from playbook.time_split.merge import (
    CALENDAR_SOURCES,
    TRACKER_SOURCES,
    DoubleLog,
    MergeResult,
    Overlap,
    counted_classified,
    counted_entries,
    double_log,
    find_overlaps,
    merge_entries,
)
from playbook.time_split.practices import (
    PracticeHours,
    counted_practices,
    describe_practices,
    practice_hours,
    with_practices,
)
from playbook.time_split.result import TimeSplitResult, assess
from playbook.time_split.section import (
    CountedPractice,
    DateRange,
    DraftRow,
    ImportRecord,
    ManualDraft,
    PlanSettings,
    TimeSplitSection,
    check_range,
    dump_section,
    parse_section,
)
from playbook.time_split.split import (
    MonthCommunity,
    PeriodSplit,
    SplitReport,
    default_range,
    range_covering,
    split_report,
    week_start,
)
from playbook.time_split.standing import standing, suggest
from playbook.time_split.text import (
    balance_practices,
    date_span,
    describe_double_log,
    describe_overlaps,
    explain_balance,
    explain_focus,
    explain_progress,
    explain_split,
    protected_rows,
)
from playbook.time_split.transition import (
    Milestone,
    PlanStatus,
    TransitionPlan,
    TransitionStatus,
    WeekProgress,
    measured_technical_share,
    plan_progress,
    plan_start,
    transition_plan,
    transition_status,
)

__all__ = [
    "CALENDAR_SOURCES",
    "DOMAIN",
    "MAX_ENTRIES",
    "PRACTICE_RULE",
    "SOURCE_NAMES",
    "TRACKER_SOURCES",
    "BalancePractice",
    "BalanceReport",
    "BalanceSettings",
    "BalanceText",
    "Block",
    "CalendarSettings",
    "CategoryDef",
    "Checkpoint",
    "Classified",
    "Classifier",
    "CommunityTarget",
    "CountedPractice",
    "DateRange",
    "DayFocus",
    "DoubleLog",
    "DraftRow",
    "FocusReport",
    "FocusSettings",
    "ImportRecord",
    "LearningTarget",
    "ManualActivity",
    "ManualDraft",
    "MergeResult",
    "Milestone",
    "MonthCommunity",
    "Overlap",
    "PeriodSplit",
    "PlanSettings",
    "PlanStatus",
    "PracticeHours",
    "ProtectedBlock",
    "Rule",
    "SplitAdvice",
    "SplitReport",
    "SplitTarget",
    "Targets",
    "TimeSplitContent",
    "TimeSplitDates",
    "TimeSplitDigest",
    "TimeSplitResult",
    "TimeSplitSection",
    "TransitionDefaults",
    "TransitionPlan",
    "TransitionStatus",
    "WeekBalance",
    "WeekFocus",
    "WeekProgress",
    "WeeklyReminder",
    "Worsening",
    "add_user_rule",
    "aggregate",
    "apply_import",
    "assess",
    "balance_practices",
    "balance_report",
    "check_entry_limit",
    "check_range",
    "classify_entries",
    "classify_section",
    "counted_classified",
    "counted_entries",
    "counted_practices",
    "date_span",
    "dates",
    "default_range",
    "describe_double_log",
    "describe_overlaps",
    "describe_practices",
    "digest",
    "double_log",
    "draft_is_saved",
    "dump_section",
    "explain_balance",
    "explain_focus",
    "explain_progress",
    "explain_split",
    "find_overlaps",
    "focus_report",
    "load_content",
    "manual_entries",
    "measured_technical_share",
    "merge_entries",
    "parse_section",
    "plan_progress",
    "plan_start",
    "practice_hours",
    "protected_rows",
    "range_covering",
    "reclassify",
    "remove_entries",
    "replace_manual_week",
    "set_reminder",
    "source_counts",
    "split_report",
    "standing",
    "suggest",
    "transition_plan",
    "transition_status",
    "week_start",
    "with_practices",
]

#: The domain's one face to the rest of the app (registered in playbook.contract): the
#: contract, "Where I stand" and the suggestions (:mod:`.standing`), the cohort's digest and
#: tables (:mod:`.digest`).
DOMAIN: Domain[TimeSplitSection, TimeSplitContent, TimeSplitResult] = Domain.of(
    __name__, "time_split", TimeSplitSection
)
