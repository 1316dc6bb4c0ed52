"""The development plan: the other workbooks' results on one page, turned into goals.

Pure logic over the record's ``plan`` section and the other workbooks' public results, which
it reads through the registry only (:func:`gather`), naming no domain: where the participant
stands (:func:`standings`, each domain's ``standing`` hook), the goals those results suggest
(:func:`suggest`, each domain's ``suggest`` hook worded by the rules of
``development_plan.yaml``), the impact log (the article's remedy for the competency trap),
the balance of the three elements (and what moved in them since an earlier snapshot,
:mod:`~playbook.plan.retake`), what moved in each workbook since last quarter
(:func:`since_last_quarter`), a tool-stack check against the article's rules
(:func:`check_tools`) and a learning plan against its three trends, feeding the 10% learning
target of the time split (:func:`check_learning`).

Examples
--------
>>> from playbook.plan import gather, load_content, suggest, standings
>>> results = gather({})
>>> [s.state for s in standings(results)]
['not started', 'not started', 'not started', 'not started', 'not started', 'not started']
>>> suggest(results, load_content())
[]
"""

from __future__ import annotations

from playbook.contract import Domain
from playbook.plan.content import (
    RULE_FIELDS,
    AreaPractice,
    Element,
    ElementsContent,
    Named,
    PlanChanges,
    PlanContent,
    PlanDates,
    PlanThresholds,
    ReportContent,
    Rule,
    RuleId,
    Sourced,
    StyleIdea,
    ToolCategory,
    ToolsContent,
    TrendsContent,
    load_content,
    sources,
)
from playbook.plan.dates import dates
from playbook.plan.elements import Balance, balance, set_element
from playbook.plan.goals import (
    add_goal,
    add_impact,
    goal_link,
    goal_notes,
    link_options,
    link_targets,
    linked_notes,
    remove,
    set_progress,
    suggested_due,
    suggestion_link,
)
from playbook.plan.learning import (
    LearningCheck,
    add_learning,
    check_learning,
    learning_target_hours,
)
from playbook.plan.result import PlanResult, assess
from playbook.plan.retake import changes, snapshot
from playbook.plan.section import (
    Goal,
    Impact,
    Learning,
    PlanSection,
    Tool,
    dump_section,
    parse_section,
)
from playbook.plan.standing import Results, StandingRow, gather, since_last_quarter, standings
from playbook.plan.suggest import Suggestion, suggest
from playbook.plan.tools import ToolFinding, add_tool, check_tools

__all__ = [
    "DOMAIN",
    "RULE_FIELDS",
    "AreaPractice",
    "Balance",
    "Element",
    "ElementsContent",
    "Goal",
    "Impact",
    "Learning",
    "LearningCheck",
    "Named",
    "PlanChanges",
    "PlanContent",
    "PlanDates",
    "PlanResult",
    "PlanSection",
    "PlanThresholds",
    "ReportContent",
    "Results",
    "Rule",
    "RuleId",
    "Sourced",
    "StandingRow",
    "StyleIdea",
    "Suggestion",
    "Tool",
    "ToolCategory",
    "ToolFinding",
    "ToolsContent",
    "TrendsContent",
    "add_goal",
    "add_impact",
    "add_learning",
    "add_tool",
    "assess",
    "balance",
    "changes",
    "check_learning",
    "check_tools",
    "dates",
    "dump_section",
    "gather",
    "goal_link",
    "goal_notes",
    "learning_target_hours",
    "link_options",
    "link_targets",
    "linked_notes",
    "load_content",
    "parse_section",
    "remove",
    "set_element",
    "set_progress",
    "since_last_quarter",
    "snapshot",
    "sources",
    "standings",
    "suggest",
    "suggested_due",
    "suggestion_link",
]

#: The domain's one face to the rest of the app (registered in playbook.contract).
DOMAIN: Domain[PlanSection, PlanContent, PlanResult] = Domain.of(__name__, "plan", PlanSection)
