"""The owner's result: primary and secondary style, scores, adaptability, advice, rankings."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from playbook.charts.leadership import radar_chart
from playbook.history import Moved, day_text
from playbook.history import load_content as history_content
from playbook.leadership import (
    RATER_KINDS,
    STYLES,
    SelfAssessment,
    describe_ranking,
    round_half_up,
    snapshot_scores,
)
from playbook.ui.common import Panel, SinceBox, esc, heading, html_box, show_figure
from playbook.ui.leadership.model import ASSESSED, LeadershipModel


class ResultsPanel(Panel[LeadershipModel]):
    """The assessment, with the mentor's and peers' scores beside the owner's."""

    TITLE = "Your result"

    def build(self, model: LeadershipModel) -> list[widgets.Widget]:
        inst = model.instrument
        self.summary = html_box("pb-primary")
        self.since = SinceBox()
        self.scores = html_box("pb-scores")
        self.chart = widgets.Output(layout=widgets.Layout(min_height="400px"))
        self.chart.add_class("pb-radar")
        self.figure = radar_chart(inst, dict.fromkeys(STYLES))
        self.adaptability = html_box("pb-adaptability")
        self.advice = html_box("pb-advice")
        self.forced = html_box("pb-forced-choice")
        self._last_chart: tuple[object, ...] | None = None
        self.layout = widgets.Layout(flex="1 1 420px", min_width="340px")
        children = [
            self.summary,
            self.since,
            self.chart,
            self.scores,
            heading("Adaptability", 4),
            self.adaptability,
            heading("How to develop", 4),
            self.advice,
            heading("Your ranking blocks", 4),
            self.forced,
        ]
        model.listen(ASSESSED, self._show)
        return children

    def _show(self) -> None:
        a = self.model.assessment
        assert a is not None
        inst = self.model.instrument
        if a.ranking is not None:
            self.summary.value = (
                f"<p style='font-size:1.1em'><b>{esc(describe_ranking(a.ranking, inst))}</b></p>"
            )
        else:
            self.summary.value = f"<p><i>{esc(a.message)}</i></p>"
        self._show_scores(a)
        self.since.show(self.model.since_last_time(a))
        if a.adaptability is None:
            self.adaptability.value = "<p><i>Shown once every style has a score.</i></p>"
        else:
            self.adaptability.value = (
                f"<p><b>{round_half_up(a.adaptability)} / 100</b></p>"
                f"<p><small>{esc(inst.adaptability.explanation)}</small></p>"
                f"<p><small><i>{esc(inst.adaptability.playbook_reports)}</i></small></p>"
            )
        if a.advice is None:
            self.advice.value = "<p><i>Shown once your primary style is known.</i></p>"
        else:
            steps = "".join(f"<li>{esc(x)}</li>" for x in a.advice.steps)
            self.advice.value = (
                f"<p><b>{esc(a.advice.summary)}</b></p><ul>{steps}</ul>"
                f"<p><small><i>{esc(a.advice.basis)}</i></small></p>"
            )
        fc = a.forced_choice
        points = ", ".join(f"{inst.style(s).name} {fc.points[s]}" for s in STYLES)
        self.forced.value = (
            f"<p>{fc.blocks_answered} of {fc.blocks_total} blocks ranked. Points (2 for “most "
            f"like me”, 1 for the middle): {esc(points)}.</p>"
            f"<p><small>{esc(inst.forced_choice_note)}</small></p>"
        )
        self._show_chart(a)

    def _show_scores(self, a: SelfAssessment) -> None:
        inst, comparison = self.model.instrument, self.model.comparison
        groups = comparison.groups if comparison else {}
        rows = []
        for style in STYLES:
            s = a.scores[style]
            cells = [
                f"<td><b>{esc(inst.style(style).name)}</b></td>",
                f"<td class='pb-score-{style}'>{esc(s.display())}</td>",
                f"<td><small>{s.answered} of {s.n_items} rated</small></td>",
            ]
            for kind in RATER_KINDS:
                if kind in groups:
                    other = groups[kind].scores[style]
                    cells.append(f"<td>{'–' if other is None else round_half_up(other)}</td>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        extra = "".join(
            f"<th align=left>{'Mentor' if k == 'mentor' else 'Peers (average)'}</th>"
            for k in RATER_KINDS
            if k in groups
        )
        self.scores.value = (
            "<table cellpadding='4'><tr><th align=left>Style</th><th align=left>You (0-100)</th>"
            f"<th></th>{extra}</tr>{''.join(rows)}</table>"
            f"<p><small>0 means you disagreed with every statement of the style, 100 that you "
            f"strongly agreed with all of them (reverse-worded statements counted the other way). "
            f"A style needs {inst.thresholds.min_answered_per_scale} rated statements for a "
            "score (a default of this workbook that a coach can change).</small></p>"
        )

    def _show_chart(self, a: SelfAssessment) -> None:
        """Redraw the radar when a score changed (not on every answer), with the earlier
        snapshot "since last time" compares with as a dashed outline."""
        others = self.model.others()
        earlier = _earlier(self.since.moved)
        key = (
            tuple(a.scores[s].score for s in STYLES),
            tuple((k, tuple(v.values())) for k, v in others.items()),
            earlier and (earlier[0], tuple(earlier[1].values())),
        )
        if key != self._last_chart:
            self._last_chart = key
            self.figure = radar_chart(self.model.instrument, a.scores, others, earlier)
            show_figure(self.chart, self.figure)


def _earlier(moved: Moved | None) -> tuple[str, dict[Any, float | None]] | None:
    """The radar's earlier outline: the label of the snapshot compared with, its scores."""
    if moved is None or moved.day is None or moved.before is None:
        return None
    label = history_content().wording.earlier_trace.format(day=day_text(moved.day))
    return label, dict(snapshot_scores(moved.before))
