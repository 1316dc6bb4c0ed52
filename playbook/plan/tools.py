"""The tool stack, checked against the article's rules for platforms, specialized tools and
custom builds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from playbook.contract import by_id
from playbook.models import next_id, required
from playbook.plan.content import PlanContent
from playbook.plan.section import PlanSection, Tool

__all__ = ["ToolFinding", "add_tool", "check_tools"]


@dataclass(frozen=True)
class ToolFinding:
    """One check of the tool stack against the article's rules: ``ok`` or advice."""

    rule: str  # "fit", "maintenance", "systems"
    ok: bool
    text: str
    tool: str = ""  # the tool's id, for a check of one tool


def add_tool(
    section: PlanSection,
    content: PlanContent,
    name: str,
    category: str,
    process: str,
    build_cost: float | None = None,
    maintenance: float | None = None,
) -> PlanSection:
    by_id(content.tools.categories, category, "tool category")
    by_id(content.tools.processes, process, "kind of process")
    tool = Tool(
        id=next_id("tool", (t.id for t in section.tools)),
        name=required(name, "the tool's name"),
        category=category,
        process=process,
        build_cost=build_cost,
        maintenance=maintenance,
    )
    return section.model_copy(update={"tools": [*section.tools, tool]})


def check_tools(tools: Sequence[Tool], content: PlanContent) -> list[ToolFinding]:
    """Each tool against the article's rules (platforms for standardized work, specialized
    tools within their domain, custom builds only for unique high-value processes with about
    15% of the build cost a year for maintenance), and the stack as a whole (2-3 integrated
    systems rather than one monolith).

    Examples
    --------
    >>> from playbook.plan import Tool, check_tools, load_content
    >>> c = load_content()
    >>> stack = [Tool(id="t1", name="Tracker", category="custom", process="unique",
    ...               build_cost=200000, maintenance=10000)]
    >>> [(f.rule, f.ok) for f in check_tools(stack, c)]
    [('fit', True), ('maintenance', False), ('systems', False)]
    """
    t = content.tools
    share = content.thresholds.maintenance_share
    out: list[ToolFinding] = []
    for tool in tools:
        cat = by_id(t.categories, tool.category, "tool category")
        process = by_id(t.processes, tool.process, "kind of process").name.lower()
        fits = tool.process == cat.fits
        verdict = "fits" if fits else "does not fit"
        out.append(
            ToolFinding(
                "fit", fits, f"{tool.name} ({process}) {verdict} its kind. {cat.advice}", tool.id
            )
        )
        if tool.category == "custom":
            if not tool.build_cost:
                text = f"{tool.name}: give its build cost to check the maintenance budget."
                out.append(ToolFinding("maintenance", False, text, tool.id))
            else:
                yearly = (tool.maintenance or 0) / tool.build_cost
                ok = yearly >= share - 1e-9
                text = (
                    f"{tool.name}: a yearly maintenance budget of {yearly:.0%} of its build "
                    f"cost. {t.maintenance_advice}"
                )
                out.append(ToolFinding("maintenance", ok, text, tool.id))
    if tools:
        n = len(tools)
        lo, hi = content.thresholds.min_systems, content.thresholds.max_systems
        ok = lo <= n <= hi
        what = "one system" if n == 1 else f"{n} systems"
        out.append(ToolFinding("systems", ok, f"Your stack has {what}. {t.systems_advice}"))
    return out
