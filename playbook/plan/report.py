"""The development plan's report for a mentor: one self-contained HTML file and Markdown.

The HTML file carries everything it shows (styles, plotly.js and the charts' data), so it
reads offline and prints to PDF from a browser (a print style sheet keeps sections whole).
Every text a participant typed is escaped (``html.escape`` in HTML, :func:`md` in Markdown,
:func:`~playbook.charts.text.plot_text` in charts): the report shows it as typed, never as
markup. The same parts (:func:`report_parts`) make the read-only page a mentor opens through
a share link.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass

import plotly.graph_objects as go

from playbook.charts.plan import elements_chart, goals_chart
from playbook.plan import (
    PlanContent,
    PlanSection,
    Results,
    balance,
    check_learning,
    check_tools,
    link_options,
    standings,
)

#: plotly.js settings of the report's charts: static enough to print, no mode bar.
CHART_CONFIG = {"displayModeBar": False, "responsive": True, "typesetMath": False}


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def md(text: object) -> str:
    """Participant text for Markdown: shown as typed by any renderer (HTML's ``<``, ``&``
    as entities, Markdown's own marks escaped, one line).

    >>> md("<img src=x> *bold* [a](b)")
    '&lt;img src=x&gt; \\\\*bold\\\\* \\\\[a\\\\](b)'
    """
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


@dataclass(frozen=True)
class ReportPart:
    """One section of the report: its heading, its HTML (escaped) and Markdown, and the
    name of its chart (in :func:`report_figures`), if any."""

    id: str
    title: str
    html: str
    markdown: str
    figure: str | None = None


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else ""


def _standing(results: Results) -> ReportPart:
    h, m = [], []
    for s in standings(results):
        lines = [esc(x) for x in s.lines] + (
            [f"<i>Not done yet: {esc(s.todo)}</i>"] if s.todo else []
        )
        h.append(
            f"<h3>{esc(s.title)} <span class='state state-{esc(s.state.replace(' ', '-'))}'>"
            f"{esc(s.state)}</span></h3>" + _list(lines)
        )
        m.append(f"### {s.title} ({s.state})\n")
        m += [f"- {md(x)}" for x in s.lines]
        m += [f"- *Not done yet:* {md(s.todo)}"] if s.todo else []
        m.append("")
    return ReportPart("standing", "Where I stand", "".join(h), "\n".join(m))


def _goals(section: PlanSection) -> ReportPart:
    if not section.goals:
        return ReportPart("goals", "Development plan", "<p>No goals yet.</p>", "No goals yet.\n")
    rows, m = [], []
    for n, g in enumerate(section.goals, 1):
        due = g.due.isoformat() if g.due else "no date"
        source = f"<div class='source'>{esc(g.source)}</div>" if g.source else ""
        rows.append(
            f"<tr><td>{n}</td><td class='pb-report-goal'>{esc(g.text)}{source}</td>"
            f"<td>{esc(due)}</td><td>{g.progress}%</td></tr>"
        )
        m.append(f"{n}. {md(g.text)} (due {due}, {g.progress}% done)")
        if g.source:
            m.append(f"   - {md(g.source)}")
    table = (
        "<table><tr><th>#</th><th>Goal</th><th>Due</th><th>Progress</th></tr>"
        + "".join(rows)
        + "</table>"
    )
    return ReportPart("goals", "Development plan", table, "\n".join(m) + "\n", "goals")


def _impacts(section: PlanSection, results: Results, content: PlanContent) -> ReportPart:
    trap = f"<p class='attributed'>{esc(content.competency_trap.text)}</p>"
    trap_md = f"> {md(content.competency_trap.text)}\n"
    if not section.impacts:
        return ReportPart("impacts", "Impact log", trap + "<p>No entries yet.</p>", trap_md)
    kinds = {k.id: k.name for k in content.impact_kinds}
    links = {value: label for label, value in link_options(results)}
    h, m = [], [trap_md]
    for i in section.impacts:
        when = i.day.isoformat() if i.day else "undated"
        link = links.get(i.link, "")
        extra = f" <span class='link'>Linked to: {esc(link)}</span>" if link else ""
        h.append(
            f"<div class='impact'><b>{esc(i.delivered)}</b> <span class='kind'>"
            f"{esc(kinds.get(i.kind, i.kind))}, {esc(when)}</span>{extra}"
            f"<div>How: {esc(i.how) or '–'}</div><div>Result: {esc(i.result)}</div></div>"
        )
        m.append(f"- **{md(i.delivered)}** ({kinds.get(i.kind, i.kind)}, {when})")
        m.append(f"  - How: {md(i.how) or '–'}")
        m.append(f"  - Result: {md(i.result)}")
        if link:
            m.append(f"  - Linked to: {md(link)}")
    return ReportPart("impacts", "Impact log", trap + "".join(h), "\n".join(m) + "\n")


def _elements(section: PlanSection, content: PlanContent) -> ReportPart:
    b = balance(section, content)
    reflection = esc(section.reflection) or "–"
    h = f"<p>{esc(b.text)}</p><p>Reflection: <span class='pb-report-reflection'>{reflection}</span></p>"
    mdown = f"{b.text}\n\nReflection: {md(section.reflection) or '–'}\n"
    return ReportPart("elements", "The three elements", h, mdown, "elements")


def _tools(section: PlanSection, content: PlanContent) -> ReportPart:
    if not section.tools:
        return ReportPart("tools", "Tool stack", "<p>No tools listed.</p>", "No tools listed.\n")
    cats = {c.id: c.name for c in content.tools.categories}
    rows = "".join(
        f"<tr><td>{esc(t.name)}</td><td>{esc(cats.get(t.category, t.category))}</td></tr>"
        for t in section.tools
    )
    findings = check_tools(section.tools, content)
    items = [f"{'✓' if f.ok else '!'} {esc(f.text)}" for f in findings]
    h = f"<table><tr><th>Tool</th><th>Kind</th></tr>{rows}</table>" + _list(items)
    m = [f"- {md(t.name)}: {cats.get(t.category, t.category)}" for t in section.tools]
    m += [""] + [f"- {'OK' if f.ok else 'Check'}: {md(f.text)}" for f in findings]
    return ReportPart("tools", "Tool stack", h, "\n".join(m) + "\n")


def _learning(section: PlanSection, results: Results, content: PlanContent) -> ReportPart:
    check = check_learning(section, results.time_split, content)
    names = {t.id: t.name for t in content.trends.items}
    items = [
        f"{esc(names.get(i.trend, i.trend))}: {esc(i.action)} ({i.hours:g} h a month)"
        for i in section.learning
    ]
    h = f"<p>{esc(check.text)}</p>" + _list(items)
    m = [check.text, ""] + [
        f"- {names.get(i.trend, i.trend)}: {md(i.action)} ({i.hours:g} h a month)"
        for i in section.learning
    ]
    return ReportPart("learning", "Future trends: learning plan", h, "\n".join(m) + "\n")


def report_parts(section: PlanSection, results: Results, content: PlanContent) -> list[ReportPart]:
    """The report's sections, in order, from the plan and the other workbooks' results."""
    return [
        _standing(results),
        _goals(section),
        _impacts(section, results, content),
        _elements(section, content),
        _tools(section, content),
        _learning(section, results, content),
    ]


def report_figures(section: PlanSection, content: PlanContent) -> dict[str, go.Figure]:
    """The report's charts, by the name its parts refer to them."""
    figures = {"elements": elements_chart(section.elements, content)}
    if section.goals:
        figures["goals"] = goals_chart(section.goals)
    return figures


STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #222;
       max-width: 52em; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #1f6f8b;
     padding-bottom: 0.15em; margin-top: 1.6em; } h3 { font-size: 1.05em; margin: 1em 0 0.2em; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #ccc;
        padding: 4px 8px; text-align: left; vertical-align: top; }
.state { font-size: 0.8em; font-weight: normal; padding: 1px 6px; border-radius: 3px;
         background: #eee; } .state-done { background: #e9f6ec; }
.state-not-started { background: #fdecea; } .source, .kind, .link, .made { color: #555;
         font-size: 0.9em; } .impact { margin: 0.6em 0; } .attributed { font-style: italic; }
.chart { width: 100%; height: 340px; } .claims { font-size: 0.9em; color: #444; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; } section, .impact, tr, .chart { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def report_html(section: PlanSection, results: Results, content: PlanContent, made: dt.date) -> str:
    """The whole report as one HTML document: styles, plotly.js and the charts inline."""
    from plotly.offline import get_plotlyjs

    parts = report_parts(section, results, content)
    figures = report_figures(section, content)
    body, scripts = [], []
    for part in parts:
        chart = ""
        if part.figure and part.figure in figures:
            div = f"chart-{part.figure}"
            height = figures[part.figure].layout.height or 340
            chart = f"<div class='chart' id='{div}' style='height:{height}px'></div>"
            spec = figures[part.figure].to_json().replace("</", "<\\/")
            scripts.append(
                f"(function(){{var f={spec};Plotly.newPlot('{div}',f.data,f.layout,"
                f"{json.dumps(CHART_CONFIG)});}})();"
            )
        body.append(
            f"<section id='{part.id}'><h2>{esc(part.title)}</h2>{part.html}{chart}</section>"
        )
    claims = "".join(f"<li>{esc(c.text)}</li>" for c in content.claims)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{esc(content.report.title)}</title>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<style>{STYLE}</style><script>{get_plotlyjs()}</script></head><body>"
        f"<h1>{esc(content.report.title)}</h1><p class='made'>Made on {made.isoformat()}.</p>"
        + "".join(body)
        + f"<section class='claims'><h2>What the playbook claims</h2><ul>{claims}</ul>"
        f"<p><i>{esc(content.report.note)}</i></p></section>"
        f"<script>{''.join(scripts)}</script></body></html>"
    )


def report_markdown(
    section: PlanSection, results: Results, content: PlanContent, made: dt.date
) -> str:
    """The report as Markdown (no charts: their numbers are in the text and the tables)."""
    out = [f"# {content.report.title}", "", f"Made on {made.isoformat()}.", ""]
    for part in report_parts(section, results, content):
        out += [f"## {part.title}", "", part.markdown]
    out += ["## What the playbook claims", ""]
    out += [f"- {c.text.strip()}" for c in content.claims]
    out += ["", f"*{content.report.note.strip()}*", ""]
    return "\n".join(out)
