"""4. Work-life balance: hours outside the working day and at weekends, protected blocks kept
or broken, the trend week by week, and the article's practices as suggestions."""

from __future__ import annotations

import ipywidgets as widgets

import playbook.charts.time_split as charts
import playbook.time_split as ts
from playbook.ui.common import NO_MATH, Panel, chart_output, esc, heading, html_box, para
from playbook.ui.time_split.model import REFRESHED, TimeSplitModel


class BalancePanel(Panel[TimeSplitModel]):
    """Redrawn with the split on every change; reads only :func:`playbook.time_split.balance_report`
    and the content's words (``balance`` in ``time_split.yaml``)."""

    TITLE = "4. Work-life balance: hours outside the working day"

    def build(self, model: TimeSplitModel) -> list[widgets.Widget]:
        b = model.content.balance
        self.balance_summary = html_box("pb-ts-balance-summary")
        self.balance_out = chart_output("pb-ts-balance-chart", "380px")
        self.protected_table = html_box("pb-ts-protected")
        self.balance_practices = html_box("pb-ts-balance-practices")
        claims = [text for text in (b.claim,) if text]
        model.listen(REFRESHED, self._show)
        return [
            para(b.intro),
            self.balance_summary,
            self.balance_out,
            self.protected_table,
            heading("What the playbook suggests", 4),
            para(b.source),
            self.balance_practices,
            *(para(text, "pb-ts-balance-claim") for text in claims),
            *([para(b.only_contact, "pb-ts-only-contact")] if b.only_contact else []),
        ]

    def report(self) -> ts.BalanceReport:
        """The balance over the page's range: the counted entries' hours, the protected blocks
        of every entry (a calendar's block against a tracker's work)."""
        m = self.model
        return ts.balance_report(m.counted, m.content, m.range(), m.classified)

    def _show(self) -> None:
        content = self.model.content
        report = self.report()
        lines = ts.explain_balance(report, content)
        self.balance_summary.value = (
            f"<div class='{NO_MATH}'>" + "".join(f"<p>{esc(line)}</p>" for line in lines) + "</div>"
        )
        self.balance_out.layout.display = None if report.work_hours > 0 else "none"
        if report.work_hours > 0:
            self.draw("balance", self.balance_out, charts.balance_chart(report))
        else:
            self.model.figures.pop("balance", None)
            self.balance_out.clear_output()
        self.protected_table.value = self._blocks(report)
        self.balance_practices.value = self._practices(report)

    def _blocks(self, report: ts.BalanceReport) -> str:
        rows = []
        for label, when, state, broken in ts.protected_rows(report, self.model.content):
            mark = "pb-ts-block-broken" if broken else "pb-ts-block-kept"
            rows.append(
                f"<tr class='{mark}'><td>{esc(label)}</td><td>{esc(when)}</td>"
                f"<td>{esc(state)}</td></tr>"
            )
        if not rows:
            return ""
        return (
            f"<table class='{NO_MATH}' cellpadding='4' style='border-collapse:collapse'>"
            "<tr><th align=left>Protected block</th><th align=left>When</th>"
            f"<th align=left>Kept?</th></tr>{''.join(rows)}</table>"
        )

    def _practices(self, report: ts.BalanceReport) -> str:
        items = []
        for practice, why in ts.balance_practices(report, self.model.content):
            reasons = (
                "<p class='pb-ts-practice-why'><b>Suggested for you:</b> "
                + " ".join(esc(w) for w in why)
                + "</p>"
                if why
                else ""
            )
            cls = "pb-ts-practice pb-ts-practice-suggested" if why else "pb-ts-practice"
            items.append(
                f"<li class='{cls}' data-practice='{esc(practice.id)}'>"
                f"<b>{esc(practice.name)}</b>. {esc(practice.quote)}"
                f"<p><b>Try:</b> {esc(practice.try_it)}</p>{reasons}</li>"
            )
        return f"<ul class='{NO_MATH}'>{''.join(items)}</ul>"
