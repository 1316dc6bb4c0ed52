"""The pilot-experiments page: plan a small experiment, measure, study the evidence, decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

import playbook.pilots as pl
from playbook.charts.pilots import adoption_chart, change_chart, run_chart, xmr_chart
from playbook.errors import InputError, PlaybookError
from playbook.session import Session
from playbook.ui.common import (
    MessageArea,
    WorkbookHeader,
    button,
    chart_output,
    claims_html,
    esc,
    guard,
    guarded,
    heading,
    html_box,
    para,
    show_figure,
    uploaded_file,
)

NOTEBOOK = "04_pilot_experiments.ipynb"
OWN_METRIC = "_own"
_WIDE = widgets.Layout(width="95%")
_STYLE = {"description_width": "150px"}
_SELECT = widgets.Layout(width="480px")


def warm_up() -> None:
    """Load the content, run the analysis once and build a chart: done at import, which a
    preheated kernel runs before the participant's request arrives, so the first study shown
    does not pay for scipy's and plotly's first calls."""
    from playbook.ui.common import figure_bundle

    try:
        content = pl.load_content()
    except PlaybookError:
        return  # the page shows the content error in place
    metric = pl.metric_from_suggestion(content.metrics[0])
    start = dt.date(2026, 1, 5)
    values = [5.0, 6.0, 5.0, 4.0, 6.0, 5.0, 3.0, 3.0, 2.0, 4.0, 3.0, 2.0]
    pilot = pl.Pilot(
        id="warm-up",
        metrics=[metric],
        change_date=start + dt.timedelta(weeks=6),
        measurements=[
            pl.Measurement(metric=metric.id, date=start + dt.timedelta(weeks=i), value=v)
            for i, v in enumerate(values)
        ],
    )
    fast = content.thresholds.model_copy(update={"bootstrap_resamples": 200})
    evidence = pl.evaluate_metric(pilot, metric.id, fast)
    pl.summarize_evidence(evidence, content)
    figure_bundle(run_chart(evidence))


warm_up()


def _text(
    description: str, placeholder: str = "", cls: str = "", area: bool = False, narrow: bool = False
) -> Any:
    cls_ = widgets.Textarea if area else widgets.Text
    narrow = narrow or cls.endswith("date")
    w = cls_(
        description=description,
        placeholder=placeholder,
        continuous_update=False,
        layout=widgets.Layout(width="330px") if narrow and not area else _WIDE,
        style=_STYLE,
    )
    if cls:
        w.add_class(cls)
    return w


class PilotsView(widgets.VBox):
    """Pilot experiments in the shape of a PDSA cycle, saved as the participant works.

    Plan (practice, project, question, prediction, teams, metrics), do (baseline start, change
    date, measurements by hand or CSV), study (run chart, XmR chart, change interval, evidence in
    plain words), act (adopt, adapt or abandon with a reason; adoption tracker).
    """

    def __init__(self, session: Session, content: pl.PilotsContent | None = None) -> None:
        super().__init__()
        self.session = session
        self.add_class("pb-pilots")
        self.header = WorkbookHeader(session, NOTEBOOK, "Pilot experiments: decide on evidence")
        self.messages = MessageArea()
        try:
            self.content = content or pl.load_content()
        except PlaybookError as err:  # a coach's edited content file is invalid
            self.messages.show(f"The pilot workbook's content cannot be loaded: {err}")
            self.children = [self.header, self.messages]
            return
        self.section = pl.PilotsSection()
        self.current: str | None = None
        self.evidence: pl.MetricEvidence | None = None
        self.figures: dict[str, Any] = {}  # the figures last drawn (tests read them)
        self._loading = False
        self._confirm_delete = False
        c = self.content
        prompts = c.pdsa_prompts

        # choose a pilot
        self.pilot_select = widgets.Dropdown(
            description="Pilot", options=[], style=_STYLE, layout=_SELECT
        )
        self.pilot_select.add_class("pb-pilot-select")
        self.new_button = button("New pilot", "pb-new-pilot", "plus", "primary")
        self.delete_button = button("Delete this pilot", "pb-delete-pilot", "trash")

        # plan
        self.practice = _text("Practice", prompts.get("practice", ""), "pb-practice")
        self.project = _text("Project", prompts.get("project", ""), "pb-project")
        self.question = _text("Question", prompts.get("question", ""), "pb-question", area=True)
        self.prediction = _text("Prediction", prompts.get("prediction", ""), "pb-prediction", True)
        self.teams = _text("Teams", "comma-separated, e.g. Editorial, Post", "pb-teams")
        self.metric_choice = widgets.Dropdown(
            description="Metric",
            options=[(m.name, m.id) for m in c.metrics] + [("Your own metric…", OWN_METRIC)],
            style=_STYLE,
        )
        self.metric_choice.add_class("pb-metric-choice")
        self.metric_hint = html_box("pb-metric-hint")
        self.own_name = _text("Name", "e.g. Budget variance", "pb-own-name")
        self.own_unit = _text("Unit", "e.g. %, days, points", "pb-own-unit")
        self.own_better = widgets.ToggleButtons(
            description="Better is",
            options=[("higher", "higher"), ("lower", "lower")],
            style=_STYLE,
        )
        self.own_box = widgets.VBox([self.own_name, self.own_unit, self.own_better])
        self.add_metric_button = button("Add metric", "pb-add-metric", "plus")
        self.metrics_list = html_box("pb-metrics")

        # do
        self.baseline_start = _text("Baseline from", "YYYY-MM-DD (optional)", "pb-baseline-date")
        self.change_date = _text("Change started", "YYYY-MM-DD", "pb-change-date")
        self.entry_metric = widgets.Dropdown(
            description="Metric", options=[], style=_STYLE, layout=_SELECT
        )
        self.entry_metric.add_class("pb-entry-metric")
        self.entry_date = _text("Date", "YYYY-MM-DD", "pb-entry-date")
        self.entry_value = _text("Value", "a number, e.g. 4.5", "pb-entry-value", narrow=True)
        self.entry_note = _text("Note", "optional", "pb-entry-note")
        self.add_button = button("Add measurement", "pb-add-measurement", "plus")
        self.upload = widgets.FileUpload(
            accept=".csv,text/csv", multiple=False, description="Import CSV"
        )
        self.upload.add_class("pb-upload")
        self.paste = widgets.Textarea(
            placeholder="Or paste rows from a spreadsheet here, column names first, e.g.\n"
            "date,value\n2026-01-05,4\n2026-01-12,5",
            layout=widgets.Layout(width="95%", height="90px"),
        )
        self.paste.add_class("pb-paste")
        self.paste_button = button("Import pasted rows", "pb-import-paste", "paste")
        self.remove_choice = widgets.Dropdown(
            description="Remove", options=[], style=_STYLE, layout=_SELECT
        )
        self.remove_choice.add_class("pb-remove-choice")
        self.remove_button = button("Remove measurement", "pb-remove-measurement", "minus")
        self.table = html_box("pb-measurements")

        # study
        self.study_metric = widgets.Dropdown(
            description="Study metric", options=[], style=_STYLE, layout=_SELECT
        )
        self.study_metric.add_class("pb-study-metric")
        self.evidence_box = html_box("pb-evidence")
        self.run_out = chart_output("pb-run-chart")
        self.change_out = chart_output("pb-change-chart", "220px")
        self.xmr_out = chart_output("pb-xmr-chart")

        # act
        self.next_step = html_box("pb-next-step")
        self.decision = widgets.ToggleButtons(
            options=[(d.label, d.id) for d in c.decisions],
            value=None,
            style=_STYLE,
            tooltips=[d.meaning for d in c.decisions],
        )
        self.decision.add_class("pb-decision")
        self.reason = _text(
            "Reason", "What in the evidence led to this decision?", "pb-reason", True
        )
        self.decided_on = _text("Decided on", "YYYY-MM-DD", "pb-decided-date")
        self.decide_button = button("Record decision", "pb-decide", "check", "success")
        self.decision_state = html_box("pb-decision-state")
        self.adopt_date = _text("Date", "YYYY-MM-DD", "pb-adopt-date")
        self.adopt_using = _text("Teams using it", "e.g. 3", "pb-adopt-using", narrow=True)
        self.adopt_total = _text("Teams in total", "e.g. 12", "pb-adopt-total", narrow=True)
        self.adopt_button = button("Add to tracker", "pb-add-adoption", "plus")
        self.adoption_out = chart_output("pb-adoption-chart", "0px")
        self.adoption_table = html_box("pb-adoption")

        self.body = widgets.VBox(
            [
                para(c.intro),
                widgets.HBox([self.pilot_select, self.new_button, self.delete_button]),
                heading("1. Plan"),
                self.practice,
                self.project,
                self.question,
                self.prediction,
                self.teams,
                heading("Metrics", 4),
                para(
                    "Choose one or more metrics, each with its unit and which direction is better."
                ),
                widgets.HBox([self.metric_choice, self.add_metric_button]),
                self.metric_hint,
                self.own_box,
                self.metrics_list,
                heading("2. Do: baseline, change and measurements"),
                para(
                    "Measurements dated before the change form the baseline; those on or after it, "
                    "the pilot. Enter them one by one, or import a CSV file with the columns date "
                    "and value (and, if you like, metric and note)."
                ),
                self.baseline_start,
                self.change_date,
                self.entry_metric,
                widgets.HBox([self.entry_date, self.entry_value]),
                self.entry_note,
                widgets.HBox([self.add_button, self.upload]),
                self.paste,
                widgets.HBox([self.paste_button]),
                widgets.HBox([self.remove_choice, self.remove_button]),
                self.table,
                heading("3. Study: what the evidence says"),
                self.study_metric,
                widgets.HBox(
                    [
                        widgets.VBox([self.evidence_box], layout=widgets.Layout(flex="1 1 380px")),
                        widgets.VBox(
                            [
                                heading("4. Act: your decision", 4),
                                self.next_step,
                                self.decision,
                                self.reason,
                                self.decided_on,
                                widgets.HBox([self.decide_button]),
                                self.decision_state,
                            ],
                            layout=widgets.Layout(flex="1 1 380px"),
                        ),
                    ],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self.run_out,
                self.change_out,
                self.xmr_out,
                heading("Adoption tracker", 4),
                para(
                    "When the evidence supports the practice, widen it team by team and track how "
                    "many teams use it."
                ),
                widgets.HBox([self.adopt_date, self.adopt_using, self.adopt_total]),
                widgets.HBox([self.adopt_button]),
                self.adoption_table,
                self.adoption_out,
            ]
        )
        self.plan_box = self.body.children[2:]
        self.children = [self.header, self.messages, self.body, self._about()]

        self.pilot_select.observe(self._on_select, names="value")
        self.new_button.on_click(guarded(self.messages, self._on_new))
        self.delete_button.on_click(guarded(self.messages, self._on_delete))
        for w in (self.practice, self.project, self.question, self.prediction, self.teams):
            w.observe(self._on_plan, names="value")
        self.metric_choice.observe(self._on_metric_choice, names="value")
        self.add_metric_button.on_click(guarded(self.messages, self._on_add_metric))
        self.baseline_start.observe(self._on_dates, names="value")
        self.change_date.observe(self._on_dates, names="value")
        self.add_button.on_click(guarded(self.messages, self._on_add_measurement))
        self.upload.observe(self._on_upload, names="value")
        self.paste_button.on_click(guarded(self.messages, self._on_paste))
        self.remove_button.on_click(guarded(self.messages, self._on_remove_measurement))
        self.study_metric.observe(self._on_study_metric, names="value")
        self.decide_button.on_click(guarded(self.messages, self._on_decide))
        self.adopt_button.on_click(guarded(self.messages, self._on_add_adoption))
        session.observe(self._on_reload, names="revision")
        self._on_metric_choice()
        self._on_reload()

    # --- static explanation ---------------------------------------------------------------

    def _about(self) -> widgets.Widget:
        c = self.content
        advice = "".join(f"<li>{esc(a)}</li>" for a in c.advice)
        t = c.thresholds
        return widgets.HTML(
            f"<h3>The playbook's advice</h3><ul class='pb-advice'>{advice}</ul>"
            + claims_html(cl.text for cl in c.claims)
            + "<h4>How the evidence is read</h4><p class='pb-method'>"
            f"{esc(self._method_text(t))}</p>"
        )

    @staticmethod
    def _method_text(t: pl.PilotThresholds) -> str:
        return (
            "Run chart: the baseline median is the centre line; a run of points on one side "
            "longer than round(log2(n)) + 3, or fewer crossings of the median than the 5th "
            "percentile of Binomial(n - 1, 0.5), signals a non-random change (the Anhøj rules, "
            "as in the R package qicharts2). XmR chart: limits are the baseline mean plus or "
            "minus 2.66 times its mean moving range. The change in median and mean comes with a "
            f"bootstrap {round(100 * t.confidence_level)}% interval. No verdict is given with "
            f"fewer than {t.min_baseline_points} baseline points, {t.min_pilot_points} points "
            f"since the change, or {t.min_useful_points} points off the median: these minimums "
            "are the workbook's defaults (a coach can change them), not the article's."
        )

    # --- state ----------------------------------------------------------------------------

    @property
    def pilot(self) -> pl.Pilot | None:
        """The pilot on screen."""
        if self.current is None:
            return None
        return next((p for p in self.section.pilots if p.id == self.current), None)

    def _save(self, pilot: pl.Pilot) -> None:
        section = pl.replace_pilot(self.section, pilot)
        self.session.save_section("pilots", pl.dump_section(section))
        self.section = section

    def _on_reload(self, _change: Any = None) -> None:
        """Show the saved pilots (page load, new workbook, import)."""
        enabled = self.session.role == "owner"
        self.body.layout.display = None if enabled else "none"
        if not enabled:
            if self.session.role == "contributor":
                self.messages.show("This page has nothing to fill in through a share link.", "info")
            return
        with guard(self.messages):
            self.section = pl.parse_section(self.session.section("pilots"))
            ids = [p.id for p in self.section.pilots]
            if self.current not in ids:
                self.current = ids[0] if ids else None
            self._show_pilot()

    def _pilot_options(self) -> list[tuple[str, str]]:
        return [
            (f"{p.practice or 'Untitled pilot'}{' · ' + p.project if p.project else ''}", p.id)
            for p in self.section.pilots
        ]

    def _show_pilot(self) -> None:
        """Put the current pilot into every widget and recompute the study."""
        p = self.pilot
        self._loading = True
        try:
            self.pilot_select.options = self._pilot_options()
            self.pilot_select.value = self.current
            has = p is not None
            for w in self.plan_box:
                w.layout.display = None if has else "none"
            self.delete_button.layout.display = None if has else "none"
            if has:
                self._on_metric_choice()
            self.pilot_select.layout.display = None if has else "none"
            self._reset_delete()
            if p is None:
                self.metrics_list.value = ""
                return
            self.practice.value = p.practice
            self.project.value = p.project
            self.question.value = p.question
            self.prediction.value = p.prediction
            self.teams.value = ", ".join(p.teams)
            self.baseline_start.value = p.baseline_start.isoformat() if p.baseline_start else ""
            self.change_date.value = p.change_date.isoformat() if p.change_date else ""
            metric_options = [(m.name, m.id) for m in p.metrics]
            for dd in (self.entry_metric, self.study_metric):
                keep = dd.value
                dd.options = metric_options
                ids = [m.id for m in p.metrics]
                dd.value = keep if keep in ids else (ids[0] if ids else None)
            d = p.decision
            self.decision.value = d.choice
            self.reason.value = d.reason
            self.decided_on.value = (d.decided_on or dt.date.today()).isoformat()
        finally:
            self._loading = False
        self._show_metrics(p)
        self._show_measurements(p)
        self._show_decision(p)
        self._show_adoption(p)
        self._study()

    # --- plan -----------------------------------------------------------------------------

    def _on_select(self, change: Any) -> None:
        if self._loading or change["new"] is None:
            return
        with guard(self.messages):
            self.current = change["new"]
            self._show_pilot()

    def _on_new(self, _button: Any = None) -> None:
        pilot = pl.Pilot(id=pl.new_pilot_id(self.section))
        self._save(pilot)
        self.current = pilot.id
        self._show_pilot()
        self.messages.show("A new pilot: describe the practice and the project first.", "info")

    def _reset_delete(self) -> None:
        self._confirm_delete = False
        self.delete_button.description = "Delete this pilot"
        self.delete_button.button_style = ""

    def _on_delete(self, _button: Any = None) -> None:
        if self.pilot is None:
            return
        if not self._confirm_delete:
            self._confirm_delete = True
            self.delete_button.description = "Click again to delete it for good"
            self.delete_button.button_style = "danger"
            return
        section = pl.remove_pilot(self.section, self.pilot.id)
        self.session.save_section("pilots", pl.dump_section(section))
        self.section = section
        self.current = section.pilots[0].id if section.pilots else None
        self._show_pilot()
        self.messages.show("The pilot was deleted.", "info")

    def _on_plan(self, _change: Any = None) -> None:
        if self._loading or self.pilot is None:
            return
        with guard(self.messages):
            teams = [t.strip() for t in self.teams.value.split(",") if t.strip()]
            pilot = self.pilot.model_copy(
                update={
                    "practice": self.practice.value.strip(),
                    "project": self.project.value.strip(),
                    "question": self.question.value.strip(),
                    "prediction": self.prediction.value.strip(),
                    "teams": teams,
                }
            )
            self._save(pl.Pilot.model_validate(pilot.model_dump()))
            self._loading = True
            try:
                self.pilot_select.options = self._pilot_options()
                self.pilot_select.value = self.current
            finally:
                self._loading = False

    def _on_metric_choice(self, _change: Any = None) -> None:
        own = self.metric_choice.value == OWN_METRIC
        self.own_box.layout.display = None if own else "none"
        hint = "" if own else self.content.metric(self.metric_choice.value).hint
        self.metric_hint.value = f"<small style='color:#555'>{esc(hint)}</small>" if hint else ""

    def _on_add_metric(self, _button: Any = None) -> None:
        p = self.pilot
        if p is None:
            return
        if self.metric_choice.value == OWN_METRIC:
            name = self.own_name.value.strip()
            if not name:
                raise InputError("Give your metric a name.")
            base = "".join(ch if ch.isalnum() else "_" for ch in name.lower()).strip("_")[:40]
            mid = base or "metric"
            used = {m.id for m in p.metrics}
            n = 2
            while mid in used:
                mid, n = f"{base}_{n}", n + 1
            metric = pl.Metric(
                id=mid, name=name, unit=self.own_unit.value.strip(), better=self.own_better.value
            )
        else:
            suggestion = self.content.metric(self.metric_choice.value)
            if suggestion.id in {m.id for m in p.metrics}:
                raise InputError(f"{suggestion.name} is already one of this pilot's metrics.")
            metric = pl.metric_from_suggestion(suggestion)
        self._save(p.model_copy(update={"metrics": [*p.metrics, metric]}))
        self.own_name.value = self.own_unit.value = ""
        self._show_pilot()

    def _show_metrics(self, p: pl.Pilot) -> None:
        if not p.metrics:
            self.metrics_list.value = "<p><i>No metric yet: add at least one.</i></p>"
            return
        items = "".join(
            f"<li><b>{esc(m.name)}</b> ({esc(m.unit) + ', ' if m.unit else ''}"
            f"{esc(m.better)} is better)</li>"
            for m in p.metrics
        )
        self.metrics_list.value = f"<ul>{items}</ul>"

    # --- do -------------------------------------------------------------------------------

    def _on_dates(self, _change: Any = None) -> None:
        if self._loading or self.pilot is None:
            return
        with guard(self.messages):
            start = self.baseline_start.value.strip()
            change = self.change_date.value.strip()
            pilot = self.pilot.model_copy(
                update={
                    "baseline_start": pl.parse_date(start) if start else None,
                    "change_date": pl.parse_date(change) if change else None,
                }
            )
            self._save(pilot)
            self._show_measurements(pilot)
            problem, pending = self._study()
            if problem:
                self.messages.show(problem, "info" if pending else "error")

    def _on_add_measurement(self, _button: Any = None) -> None:
        p = self.pilot
        if p is None:
            return
        if self.entry_metric.value is None:
            raise InputError("Add a metric first: the measurement needs one.")
        pilot = pl.add_measurement(
            p,
            self.entry_metric.value,
            self.entry_date.value,
            self.entry_value.value,
            self.entry_note.value,
        )
        self._save(pilot)
        self.entry_value.value = self.entry_note.value = ""
        self._next_entry_date(pilot)
        self._show_measurements(pilot)
        self._study()
        self.messages.show("Saved.", "success")

    def _next_entry_date(self, pilot: pl.Pilot) -> None:
        """Suggest the next date at the same interval as the last two measurements."""
        series = pilot.series(self.entry_metric.value) if self.entry_metric.value else []
        if len(series) >= 2:
            step = series[-1].date - series[-2].date
            self.entry_date.value = (series[-1].date + step).isoformat()

    def _import(self, name: str, data: bytes | str) -> None:
        """Add the measurements of a CSV file or pasted text; all or nothing."""
        try:
            p = self.pilot
            if p is None:
                raise InputError("Create a pilot first, then import its measurements.")
            if not p.metrics:
                raise InputError("Add the pilot's metrics first, then import the measurements.")
            rows = pl.parse_measurements_csv(data, p.metrics, self.entry_metric.value)
            pilot = pl.merge_measurements(p, rows)
            self._save(pilot)
        except PlaybookError as err:
            raise type(err)(f"{name}: {err} Nothing was imported.") from None
        added = len(pilot.measurements) - len(p.measurements)
        self._show_measurements(pilot)
        self._study()
        skipped = len(rows) - added
        note = f" ({skipped} already there)" if skipped else ""
        self.messages.show(f"Imported {added} measurements from {name}{note}.", "success")

    def _on_upload(self, _change: Any = None) -> None:
        with guard(self.messages):
            got = uploaded_file(self.upload)
            if got is None:
                return
            name, data = got
            self.upload.value = ()  # reset first: the reset re-enters this handler
            self._import(name, data)

    def _on_paste(self, _button: Any = None) -> None:
        text = self.paste.value
        if not text.strip():
            raise InputError("Paste the rows first (with the column names on the first line).")
        self._import("The pasted rows", text)
        self.paste.value = ""  # only once imported: a refused paste stays for correction

    def _on_remove_measurement(self, _button: Any = None) -> None:
        p = self.pilot
        if p is None or not self.remove_choice.value:
            return
        metric_id, day = self.remove_choice.value.split("|", 1)
        pilot = pl.remove_measurement(p, metric_id, day)
        self._save(pilot)
        self._show_measurements(pilot)
        self._study()

    def _show_measurements(self, p: pl.Pilot) -> None:
        names = {m.id: m.name for m in p.metrics}
        rows = sorted(p.measurements, key=lambda m: (m.date, m.metric))
        self._loading = True
        try:
            self.remove_choice.options = [("", "")] + [
                (
                    f"{m.date.isoformat()} · {names.get(m.metric, m.metric)} · {pl.format_number(m.value)}",
                    f"{m.metric}|{m.date.isoformat()}",
                )
                for m in rows
            ]
        finally:
            self._loading = False
        if not rows:
            self.table.value = "<p><i>No measurements yet.</i></p>"
            return
        body = "".join(
            f"<tr><td>{esc(m.date.isoformat())}</td><td>{esc(names.get(m.metric, m.metric))}</td>"
            f"<td align=right>{esc(pl.format_number(m.value))}</td><td>{esc(pl.phase_label(p, m.date))}</td>"
            f"<td>{esc(m.note)}</td></tr>"
            for m in rows
        )
        self.table.value = (
            "<div style='max-height:260px;overflow:auto'><table cellpadding=4 "
            "style='border-collapse:collapse'><tr><th align=left>Date</th><th align=left>Metric"
            "</th><th>Value</th><th align=left>Phase</th><th align=left>Note</th></tr>"
            f"{body}</table></div><small>{len(rows)} measurements</small>"
        )

    # --- study ----------------------------------------------------------------------------

    def _on_study_metric(self, _change: Any = None) -> None:
        if self._loading:
            return
        with guard(self.messages):
            self._study()

    def _study(self) -> tuple[str, bool]:
        """Recompute and show the evidence; returns the change-date problem, if any, and
        whether it only means the pilot is not far enough along yet."""
        p = self.pilot
        self.evidence = None
        for key in ("run", "change", "xmr"):
            self.figures.pop(key, None)
        problem, pending = "", True
        if p is None or not p.metrics:
            self._evidence_text(["Add a metric and its measurements to see the evidence."])
            self.next_step.value = ""
            self._clear_charts()
            return problem, pending
        all_evidence: dict[str, pl.MetricEvidence] = {}
        problems: dict[str, pl.ChangeDateError] = {}
        for m in p.metrics:
            try:
                all_evidence[m.id] = pl.evaluate_metric(p, m.id, self.content.thresholds)
            except pl.ChangeDateError as err:
                problems[m.id] = err
        metric_id = self.study_metric.value
        evidence = all_evidence.get(metric_id) if metric_id else None
        if evidence is None:
            found = problems.get(metric_id or "")
            problem = str(found) if found else "Choose a metric to study."
            pending = found.pending if found else True
            self._evidence_text([problem])
            self._clear_charts()
        else:
            self.evidence = evidence
            lines = pl.summarize_evidence(evidence, self.content).split("\n")
            self._evidence_text(lines, evidence.verdict)
            self._draw("run", self.run_out, run_chart(evidence))
            if evidence.median_change is not None:
                self._draw("change", self.change_out, change_chart(evidence))
            else:
                self.change_out.clear_output()
            self._draw("xmr", self.xmr_out, xmr_chart(evidence))
        step = pl.next_step(list(all_evidence.values()), self.content) if all_evidence else ""
        self.next_step.value = f"<p><b>Next step:</b> {esc(step)}</p>" if step else ""
        return problem, pending

    def _evidence_text(self, lines: list[str], verdict: str = "") -> None:
        paragraphs = "".join(f"<p style='margin:0.2em 0'>{esc(line)}</p>" for line in lines)
        self.evidence_box.value = (
            f"<div data-verdict='{esc(verdict)}' style='line-height:1.45'>{paragraphs}</div>"
        )

    def _draw(self, key: str, out: widgets.Output, fig: Any) -> None:
        self.figures[key] = fig
        show_figure(out, fig)

    def _clear_charts(self) -> None:
        for out in (self.run_out, self.change_out, self.xmr_out):
            out.clear_output()

    # --- act ------------------------------------------------------------------------------

    def _on_decide(self, _button: Any = None) -> None:
        p = self.pilot
        if p is None:
            return
        if self.decision.value is None:
            raise InputError("Choose adopt, adapt or abandon.")
        pilot = pl.set_decision(p, self.decision.value, self.reason.value, self.decided_on.value)
        self._save(pilot)
        self._show_decision(pilot)
        self.messages.show("Decision recorded.", "success")

    def _show_decision(self, p: pl.Pilot) -> None:
        d = p.decision
        if d.choice is None:
            self.decision_state.value = "<p><i>No decision recorded yet.</i></p>"
            return
        label = next(o.label for o in self.content.decisions if o.id == d.choice)
        when = d.decided_on.isoformat() if d.decided_on else ""
        self.decision_state.value = (
            f"<p><b>Decision ({esc(when)}): {esc(label)}.</b> {esc(d.reason)}</p>"
        )

    def _on_add_adoption(self, _button: Any = None) -> None:
        p = self.pilot
        if p is None:
            return
        pilot = pl.add_adoption(
            p, self.adopt_date.value, self.adopt_using.value, self.adopt_total.value
        )
        self._save(pilot)
        self.adopt_using.value = ""
        self._show_adoption(pilot)

    def _show_adoption(self, p: pl.Pilot) -> None:
        if not p.adoption:
            self.adoption_table.value = "<p><i>No adoption entries yet.</i></p>"
            self.adoption_out.clear_output()
            self.figures.pop("adoption", None)
            return
        items = ", ".join(
            f"{a.date.isoformat()}: {a.teams_using} of {a.teams_total} ({round(100 * a.share)}%)"
            for a in p.adoption
        )
        self.adoption_table.value = f"<p>{esc(items)}</p>"
        self._draw("adoption", self.adoption_out, adoption_chart(p.adoption))
