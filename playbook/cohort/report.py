"""The cohort's exports: a CSV of the aggregate tables and a self-contained HTML report, and
the logic of ``playbook report FILES... [-o report.html] [--csv out.csv]``.

Both exports are made from a :class:`~playbook.cohort.Cohort`, whose tables already leave
out every group under the minimum and hold no free text, so an export cannot show more than
the page: no person-level row, no participant's words. The functions here take and return
bytes and text; the command (:func:`playbook.cli.cmd_report`) reads and writes the files.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from playbook.cohort import (
    Cohort,
    CohortContent,
    FileProblem,
    Table,
    load_content,
    read_files,
    summarize,
)

CSV_HEADER = ("table", "title", "group", "subgroup", "measure", "value")


@dataclass(frozen=True)
class Loaded:
    """A cohort read from files, with the files that could not be read."""

    cohort: Cohort
    problems: tuple[FileProblem, ...]
    content: CohortContent


def from_files(files: Iterable[tuple[str, bytes]], content: CohortContent | None = None) -> Loaded:
    """Read workbook files (name, bytes) and aggregate them."""
    content = content or load_content()
    records, problems = read_files(files)
    return Loaded(summarize(records, content), tuple(problems), content)


def cohort_csv(cohort: Cohort) -> str:
    """The aggregate tables in one long CSV: a row per (table, group, measure), the hidden
    groups as a count per table, the alphas with their number of workbooks. No row is a person.

    Examples
    --------
    >>> from playbook.cohort import load_content, summarize
    >>> text = cohort_csv(summarize([{"sections": {}}] * 3, load_content()))
    >>> text.splitlines()[:2]
    ['table,title,group,subgroup,measure,value', 'summary,Cohort,,,workbooks,3']
    """
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_HEADER)
    w.writerow(("summary", "Cohort", "", "", "workbooks", cohort.n_workbooks))
    w.writerow(("summary", "Cohort", "", "", "minimum group size", cohort.min_group))
    for t in cohort.tables:
        k = t.count_column
        for row in t.rows:
            group, sub = str(row[0]), str(row[1]) if k == 2 else ""
            for measure, value in zip(t.header[k:], row[k:], strict=True):
                w.writerow((t.id, t.title, group, sub, measure.lower(), _cell(value)))
        w.writerow((t.id, t.title, "", "", "groups hidden (fewer than the minimum)", t.hidden))
    for a in cohort.alphas:
        shown = a.alpha is not None
        w.writerow(("alpha", "Cronbach's alpha", a.style, "", "alpha", _cell(a.alpha)))
        w.writerow(("alpha", "Cronbach's alpha", a.style, "", "workbooks used", a.n_workbooks))
        if not shown:
            w.writerow(("alpha", "Cronbach's alpha", a.style, "", "not shown", a.reason))
    return out.getvalue()


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _esc(text: object) -> str:
    import html

    return html.escape(str(text), quote=True)


def table_html(t: Table) -> str:
    """One aggregate table as escaped HTML, with its note on hidden groups."""
    head = "".join(f"<th>{_esc(h)}</th>" for h in t.header)
    body = "".join(
        "<tr>" + "".join(f"<td>{_esc(_fmt(v))}</td>" for v in row) + "</tr>" for row in t.rows
    )
    notes = [n for n in (t.hidden_note, t.note) if n]
    if not t.rows:
        notes.insert(0, "Nothing to show yet.")
    note = "".join(f"<p class='pb-cohort-note'>{_esc(n)}</p>" for n in notes)
    return (
        f"<table class='pb-cohort-table' data-table='{_esc(t.id)}'><tr>{head}</tr>{body}</table>"
        + note
    )


def _fmt(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def alpha_html(cohort: Cohort) -> str:
    """The alphas as an escaped table (withheld ones with the reason)."""
    rows = "".join(
        f"<tr><td>{_esc(a.name or a.style)}</td>"
        f"<td>{_esc('–' if a.alpha is None else f'{a.alpha:.3f}')}</td>"
        f"<td>{a.n_workbooks}</td><td>{a.n_items}</td><td>{_esc(a.reason)}</td></tr>"
        for a in cohort.alphas
    )
    return (
        "<table class='pb-cohort-table' data-table='alpha'><tr><th>Scale</th><th>Cronbach's "
        "alpha</th><th>Workbooks</th><th>Items</th><th>Note</th></tr>" + rows + "</table>"
    )


def cohort_html(cohort: Cohort, content: CohortContent) -> str:
    """A self-contained HTML report of the cohort: every table and its chart (plotly.js is
    embedded once, so the file opens offline), the minimums and a note on what is hidden."""
    from playbook.charts.cohort import alpha_chart, table_chart

    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{_esc(content.title)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;"
        "padding:0 1em}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid "
        "#ccc;padding:4px 8px;text-align:left}.pb-cohort-note{color:#555}</style></head><body>",
        f"<h1>{_esc(content.title)}</h1><p>{_esc(content.intro)}</p>",
        f"<p>{_workbooks(cohort.n_workbooks)}. Groups of fewer than {cohort.min_group} "
        f"workbooks are hidden; Cronbach's alpha is shown from {cohort.min_alpha_workbooks} "
        "workbooks with leadership answers (both defaults of this workbook, not the "
        "article's).</p>",
    ]
    first = True
    for t in cohort.tables:
        fig = table_chart(t)
        parts.append(f"<h2>{_esc(t.title)}</h2>")
        parts.append(fig.to_html(full_html=False, include_plotlyjs=first, config=_CONFIG))
        parts.append(table_html(t))
        first = False
    parts.append("<h2>Cronbach's alpha of each leadership scale</h2>")
    parts.append(
        alpha_chart(cohort.alphas).to_html(full_html=False, include_plotlyjs=first, config=_CONFIG)
    )
    parts.append(alpha_html(cohort))
    parts.append("</body></html>")
    return "\n".join(parts)


_CONFIG = {"displaylogo": False, "responsive": True, "typesetMath": False}


def text_summary(loaded: Loaded) -> str:
    """The tables as plain text, for the terminal."""
    c = loaded.cohort
    lines = [
        f"{_workbooks(c.n_workbooks)} (groups of fewer than {c.min_group} hidden, a default of "
        "this workbook)."
    ]
    for t in c.tables:
        lines.append("")
        lines.append(t.title)
        for row in t.rows:
            lines.append("  " + " | ".join(_fmt(v) for v in row))
        for n in (t.hidden_note,) if t.hidden_note else ():
            lines.append("  (" + n + ")")
    lines.append("")
    lines.append("Cronbach's alpha")
    for a in c.alphas:
        value = f"{a.alpha:.3f}" if a.alpha is not None else a.reason
        lines.append(f"  {a.style}: {value} (workbooks: {a.n_workbooks})")
    return "\n".join(lines) + "\n"


def _workbooks(n: int) -> str:
    """``n`` workbooks, in the singular for one.

    >>> _workbooks(1), _workbooks(20)
    ('1 workbook', '20 workbooks')
    """
    return f"{n} workbook" if n == 1 else f"{n} workbooks"
