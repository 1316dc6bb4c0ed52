"""The career-path navigator page."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from playbook.career import (
    PATH_IDS,
    Assessment,
    CareerContent,
    CareerSection,
    Question,
    assess,
    dump_section,
    explain_change,
    explain_gap,
    explain_reasons,
    explain_recommendation,
    load_content,
    salvage_section,
)
from playbook.charts.career import fit_chart
from playbook.ui.common import (
    SectionModel,
    SectionView,
    SinceBox,
    claims_html,
    esc,
    heading,
    para,
    show_figure,
    table_html,
    warm_up,
)
from playbook.ui.common.choice import RadioGroup


def _first_figure() -> Any:
    content = load_content()
    return fit_chart(content, assess(CareerSection(), content))


warm_up(_first_figure)


class QuestionWidget(widgets.VBox):
    """One multiple-choice question: text, help, and radio buttons (no answer at first)."""

    def __init__(self, question: Question) -> None:
        self.question = question
        self.buttons = RadioGroup(
            [(o.label, o.id) for o in question.options], label=question.text, vertical=True
        )
        self.buttons.add_class(f"pb-q-{question.id}")
        children: list[widgets.Widget] = [widgets.HTML(f"<b>{esc(question.text)}</b>")]
        if question.help:
            children.append(widgets.HTML(f"<small style='color:#555'>{esc(question.help)}</small>"))
        children.append(self.buttons)
        super().__init__(children, layout=widgets.Layout(margin="0 0 10px 0"))


class CareerPathView(SectionView):
    """Choose a career path by organizational context, with preference shown beside it.

    Every answer is saved at once and every result recomputed from the saved answers.
    """

    SECTION = "career"
    CONTENT = "The career paths"
    content: CareerContent

    def build(self) -> None:
        self.unreadable: list[str] = []
        self.model = SectionModel(
            self.session, "career", self._open_saved, dump_section, self.quiet, self.content
        )
        c = self.content

        self.context_qs = {q.id: QuestionWidget(q) for q in c.context_questions}
        self.preference_qs = {q.id: QuestionWidget(q) for q in c.preference_questions}
        self.area_boxes = {
            a.id: widgets.Checkbox(description=a.label, value=False, indent=False)
            for a in c.adjacent_areas
        }
        self.own_areas = widgets.Text(
            description="Your own areas",
            placeholder="e.g. union negotiations, live-stream tech (comma-separated)",
            continuous_update=False,
            layout=widgets.Layout(width="95%"),
            style={"description_width": "initial"},
        )
        self.progress = widgets.HTML()
        self.progress.add_class("pb-progress")

        # results
        self.recommendation = widgets.HTML()
        self.recommendation.add_class("pb-recommendation")
        self.gap = widgets.HTML()
        self.gap.add_class("pb-gap")
        self.since = SinceBox()
        self.chart = widgets.Output(layout=widgets.Layout(min_height="360px"))
        self.chart.add_class("pb-chart")
        self.reasons = widgets.HTML()
        self.changes = widgets.HTML()
        self.changes.add_class("pb-changes")
        self.diversification = widgets.HTML()
        self.diversification.add_class("pb-diversification")
        self._last_chart_key: tuple[Any, ...] | None = None
        self.figure: Any = None  # the figure last drawn (tests read it; no kernel needed)

        questions, results = self._questions_box(), self._results_box()
        self.lay_out(
            widgets.HBox([questions, results], layout=widgets.Layout(flex_flow="row wrap")),
            self._about_paths(),
        )

        buttons = [w.buttons for w in [*self.context_qs.values(), *self.preference_qs.values()]]
        self.on_value(self._on_answer, *buttons, *self.area_boxes.values(), self.own_areas)
        self.start()

    def _questions_box(self) -> widgets.Widget:
        """The questions: the organization, the participant, the adjacent areas."""
        c = self.content
        return widgets.VBox(
            [
                heading("1. Your organization"),
                para(
                    "The playbook's rule: choose your path from your organizational context, "
                    "not from personal preference. Describe the environment you work in now."
                ),
                *self.context_qs.values(),
                heading("2. Your preferences and strengths"),
                para(
                    "Answer for yourself. These are shown beside the environment, never mixed into it."
                ),
                *self.preference_qs.values(),
                heading("3. Skill diversification"),
                para(
                    f"The playbook advises building at least {c.thresholds.min_adjacent_areas} "
                    "adjacent areas. Tick the ones you are building, or add your own."
                ),
                *self.area_boxes.values(),
                self.own_areas,
            ],
            layout=widgets.Layout(flex="1 1 420px", min_width="340px", padding="0 16px 0 0"),
        )

    def _results_box(self) -> widgets.Widget:
        """The result beside the questions: recommendation, chart, reasons."""
        return widgets.VBox(
            [
                heading("Your result"),
                self.progress,
                self.recommendation,
                self.since,
                self.chart,
                self.gap,
                heading("Why: the answers that moved each score", 4),
                self.reasons,
                heading("What would change the recommendation", 4),
                self.changes,
                heading("Skill diversification check", 4),
                self.diversification,
            ],
            layout=widgets.Layout(flex="1 1 420px", min_width="340px"),
        )

    # --- static explanation ---------------------------------------------------------------

    def _about_paths(self) -> widgets.Widget:
        c = self.content
        header = ("Path", "What it is", "Fits", "Limitation named")
        paths = ((p.name, p.summary, p.fits, p.limitation) for p in c.paths)
        return widgets.HTML(
            "<h3>The three paths</h3>"
            + table_html(header, paths, "pb-paths")
            + claims_html(cl.text for cl in c.claims)
            + f"<p class='pb-disclaimer'><i>{esc(c.disclaimer)}</i></p>"
        )

    # --- state <-> widgets ----------------------------------------------------------------

    def _section_from_widgets(self) -> CareerSection:
        return CareerSection(
            context={qid: w.buttons.value for qid, w in self.context_qs.items() if w.buttons.value},
            preference={
                qid: w.buttons.value for qid, w in self.preference_qs.items() if w.buttons.value
            },
            areas=[aid for aid, box in self.area_boxes.items() if box.value],
            own_areas=[a for a in self.own_areas.value.split(",") if a.strip()],
        )

    def _open_saved(self, data: Any) -> CareerSection:
        """The saved answers the navigator can show; those it cannot are named on the page."""
        section, self.unreadable = salvage_section(data, self.content)
        return section

    def reload(self) -> None:
        """Put the saved answers into the widgets (page load, new workbook, import); name
        any saved answer that is not on the content's scale."""
        section = self.model.read()
        if self.unreadable:
            self.messages.show(
                " ".join(self.unreadable) + " Answer again where you like: the page saves as "
                "you answer.",
                "info",
            )
        with self.quiet():
            for qid, w in self.context_qs.items():
                w.buttons.value = section.context.get(qid)
            for qid, w in self.preference_qs.items():
                w.buttons.value = section.preference.get(qid)
            for aid, box in self.area_boxes.items():
                box.value = aid in section.areas
            self.own_areas.value = ", ".join(section.own_areas)
        self._show(assess(section, self.content))

    def _on_answer(self, _change: Any = None) -> None:
        section = self._section_from_widgets()
        result = assess(section, self.content)  # once: the save's snapshot is of it too
        self.model.save(section, result)
        self._show(result)

    # --- results --------------------------------------------------------------------------

    def _show(self, a: Assessment) -> None:
        c = self.content
        self.progress.value = (
            f"<small>{a.context_answered} of {a.context_total} questions about your organization, "
            f"{a.preference_answered} of {len(c.preference_questions)} about you answered.</small>"
        )
        self.recommendation.value = (
            f"<p style='font-size:1.1em'><b>{esc(explain_recommendation(c, a))}</b></p>"
        )
        self.gap.value = f"<p>{esc(explain_gap(c, a))}</p>"
        self.since.show(self.model.since_last_time(a))

        blocks = []
        for p in PATH_IDS:
            lines = explain_reasons(c, a.fit[p])
            if lines:
                items = "".join(f"<li>{esc(line)}</li>" for line in lines)
                blocks.append(
                    f"<p><b>{esc(c.path(p).name)}</b> (fit {a.fit[p].score:.0f})</p><ul>{items}</ul>"
                )
        self.reasons.value = (
            "".join(blocks) or "<p><i>Answer the questions about your organization.</i></p>"
        )

        if not a.enough:
            self.changes.value = "<p><i>Shown once there are enough answers.</i></p>"
        else:
            lines = [explain_change(c, ch) for ch in a.changes]
            unanswered = [
                q.text
                for q in c.context_questions
                if q.id not in self._section_from_widgets().context
            ]
            if unanswered:
                lines.append(
                    f"{len(unanswered)} question(s) about your organization are still unanswered and could move the result."
                )
            self.changes.value = (
                "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in lines) + "</ul>"
                if lines
                else ("<p>No change of one or two answers would put another path first.</p>")
            )

        n, need = len(a.areas), a.areas_needed
        if a.diversified:
            text = f"✓ {n} adjacent areas: {', '.join(a.areas)}. That meets the playbook's “at least {need}”."
        else:
            listed = f": {', '.join(a.areas)}" if a.areas else ""
            text = f"{n} of {need} adjacent areas{listed}. Add {need - n} more to meet the playbook's “at least {need}”."
        self.diversification.value = f"<p>{esc(text)}</p>"

        key = tuple((a.fit[p].score, a.preference[p].score) for p in PATH_IDS)
        if key != self._last_chart_key:
            self._last_chart_key = key
            self.figure = fit_chart(c, a)
            show_figure(self.chart, self.figure)
