"""5. The balance of the three elements, and a tool-stack check against the article's rules."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

import playbook.plan as pn
from playbook.charts.plan import elements_chart
from playbook.errors import InputError
from playbook.ui.common import (
    NO_MATH,
    Panel,
    SinceBox,
    button,
    chart_output,
    esc,
    heading,
    html_box,
    para,
    wide_text,
)
from playbook.ui.plan.model import PlanModel, dropdown, removable

ELEMENTS = "elements"
TOOLS = "tools"


class ElementsPanel(Panel[PlanModel]):
    """The three elements rated 1-5, a reflection, and whether they are in balance."""

    TITLE = "5. The three elements"

    def build(self, model: PlanModel) -> list[widgets.Widget]:
        c = model.content
        self.ratings: dict[str, widgets.ToggleButtons] = {}
        rows: list[widgets.Widget] = [para(c.elements.intro)]
        for e in c.elements.items:
            buttons = widgets.ToggleButtons(
                options=[(str(v), v) for v in range(1, 6)],
                value=None,
                style={"button_width": "44px"},
            )
            buttons.add_class(f"pb-element-{e.id}")
            buttons.observe(self.quietly(self._on_rating), names="value")
            self.ratings[e.id] = buttons
            rows += [widgets.HTML(f"<b>{esc(e.name)}</b>: {esc(e.question)}"), buttons]
        self.reflection = wide_text(
            "Reflection", "what would you change?", "pb-reflection", area=True
        )
        self.balance = html_box("pb-balance")
        self.elements_since = SinceBox("pb-elements-since")
        self.elements_out = chart_output("pb-elements-chart", "300px")
        self.on_value(self._on_reflection, self.reflection)
        model.listen(ELEMENTS, self._show)
        return [*rows, self.reflection, self.balance, self.elements_since, self.elements_out]

    def _on_rating(self, change: Any) -> None:
        m = self.model
        element = next(k for k, w in self.ratings.items() if w is change["owner"])
        m.change(pn.set_element(m.section, m.content, element, change["new"]), ELEMENTS)

    def _on_reflection(self, _change: Any = None) -> None:
        m = self.model
        m.change(m.section.model_copy(update={"reflection": self.reflection.value}))

    def _show(self) -> None:
        m = self.model
        with self.quiet():
            for k, w in self.ratings.items():
                w.value = m.section.elements.get(k)
            self.reflection.value = m.section.reflection
        b = pn.balance(m.section, m.content)
        self.balance.value = f"<p>{esc(b.text)}</p>"
        self.elements_since.show(m.since_last_time(pn.assess(m.section, m.content)))
        self.draw("elements", self.elements_out, elements_chart(m.section.elements, m.content))


def _number(text: str, what: str) -> float | None:
    text = text.strip().replace(",", "")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise InputError(f'{what}: "{text}" is not a number.') from None
    if value < 0:
        raise InputError(f"{what} cannot be negative.")
    return value


class ToolsPanel(Panel[PlanModel]):
    """The team's tools, what each serves, and the article's rules about them."""

    TITLE = "6. The tool stack"

    def build(self, model: PlanModel) -> list[widgets.Widget]:
        t = model.content.tools
        self.tool_name = wide_text("Tool", "e.g. Asana", "pb-tool-name")
        self.tool_category = dropdown(
            "Kind", [(c.name, c.id) for c in t.categories], "pb-tool-category"
        )
        self.tool_process = dropdown(
            "Used for", [(p.name, p.id) for p in t.processes], "pb-tool-process"
        )
        self.build_cost = wide_text(
            "Build cost", "custom builds only", "pb-tool-build", width="330px"
        )
        self.maintenance = wide_text(
            "Maintenance a year", "custom builds only", "pb-tool-maintenance", width="330px"
        )
        self.add_tool_button = button("Add tool", "pb-add-tool", "plus")
        self.tools_box = widgets.VBox()
        self.tools_box.add_class("pb-tools")
        self.findings = html_box("pb-tool-findings")
        self.on_click(self.add_tool_button, self._on_add)
        model.listen(TOOLS, self._show)
        return [
            para(t.intro),
            self.tool_name,
            self.tool_category,
            self.tool_process,
            widgets.HBox([self.build_cost, self.maintenance]),
            widgets.HBox([self.add_tool_button]),
            self.tools_box,
            self.findings,
        ]

    def _on_add(self, _button: Any = None) -> None:
        m = self.model
        section = pn.add_tool(
            m.section,
            m.content,
            self.tool_name.value,
            self.tool_category.value,
            self.tool_process.value,
            _number(self.build_cost.value, "Build cost"),
            _number(self.maintenance.value, "Maintenance"),
        )
        m.change(section, TOOLS)
        self.tool_name.value = self.build_cost.value = self.maintenance.value = ""

    def _show(self) -> None:
        m = self.model
        cats = {c.id: c.name for c in m.content.tools.categories}
        self.tools_box.children = [
            removable(
                self,
                f"<b>{esc(tool.name)}</b>: {esc(cats.get(tool.category, tool.category))}",
                TOOLS,
                tool.id,
                "pb-remove-tool",
            )
            for tool in m.section.tools
        ]
        findings = pn.check_tools(m.section.tools, m.content)
        items = "".join(
            f"<li data-ok='{str(f.ok).lower()}'>{'✓' if f.ok else '!'} {esc(f.text)}</li>"
            for f in findings
        )
        note = m.content.tools.checks_note
        self.findings.value = (
            heading("Against the playbook's advice", 4).value
            + (f"<p class='pb-tool-checks-note'><i>{esc(note)}</i></p>" if note else "")
            + f"<ul class='{NO_MATH}'>{items}</ul>"
            if findings
            else ""
        )
