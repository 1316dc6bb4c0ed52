"""Choices made on the pilots page and not yet sent, kept as drafts in the section.

A metric chosen (with its direction) and not added, Adopt/Adapt/Abandon chosen and not
recorded, a measurement, an adoption entry or pasted rows typed and not added: each is saved as
a draft of the pilot on screen (:mod:`playbook.pilots.drafts`) while it differs from the pilot,
a reload brings it back, and the page says plainly, beside its button, that it is not sent yet,
so "All changes saved" is true of everything chosen (as the time split keeps its typed rows,
:mod:`playbook.ui.time_split.draft`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

import playbook.pilots as pl
from playbook.limits import MAX_TEXT_CHARS
from playbook.ui.common import MessageArea, guard
from playbook.ui.pilots.act import AdoptionPanel, DecisionPanel
from playbook.ui.pilots.measurements import MeasurementsPanel
from playbook.ui.pilots.model import SHOWN, PilotsModel
from playbook.ui.pilots.plan import OWN_METRIC, PlanPanel

#: Said after each note: what a reload does with it.
KEPT = "It is kept as a draft (a reload brings it back) until you press “{button}”."


def _note(panel: widgets.Box, after: widgets.Widget, cls: str) -> MessageArea:
    """A message area in ``panel``, right after its child ``after``."""
    note = MessageArea()
    note.add_class(cls)
    children = list(panel.children)
    children.insert(children.index(after) + 1, note)
    panel.children = children
    return note


def _row_of(panel: widgets.Box, widget: widgets.Widget) -> widgets.Widget:
    """The child of ``panel`` that holds ``widget`` (itself, or the row it is in)."""
    for child in panel.children:
        if child is widget or widget in getattr(child, "children", ()):
            return child
    raise ValueError("the widget is not in the panel")


class PilotDrafts:
    """Keeps the unsent choices of the pilot on screen as its draft, restores them when the
    pilot is shown again (a reload, another pilot chosen and back), and says what is unsent."""

    def __init__(
        self,
        model: PilotsModel,
        messages: MessageArea,
        plan: PlanPanel,
        measurements: MeasurementsPanel,
        decision: DecisionPanel,
        adoption: AdoptionPanel,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.model, self.messages, self.today = model, messages, today
        self.plan, self.measurements = plan, measurements
        self.decision, self.adoption = decision, adoption
        self.metric_pending = plan.metric_pending
        self.measurement_pending = _note(
            measurements, _row_of(measurements, measurements.add_button), "pb-measurement-pending"
        )
        self.paste_pending = _note(
            measurements, _row_of(measurements, measurements.paste_button), "pb-paste-pending"
        )
        self.decision_pending = _note(
            decision, _row_of(decision, decision.decide_button), "pb-decision-pending"
        )
        self.adoption_pending = _note(
            adoption, _row_of(adoption, adoption.adopt_button), "pb-adoption-pending"
        )
        measurements.paste.continuous_update = False  # a draft when the box is left, not per key
        parts: dict[pl.DraftPart, tuple[widgets.Widget, ...]] = {
            "metric": (plan.metric_choice, plan.own_name, plan.own_unit, plan.own_better),
            "measurement": (
                measurements.entry_metric,
                measurements.entry_date,
                measurements.entry_value,
                measurements.entry_note,
            ),
            "paste": (measurements.paste,),
            "decision": (decision.decision, decision.reason, decision.decided_on),
            "adoption": (adoption.adopt_date, adoption.adopt_using, adoption.adopt_total),
        }
        sends: dict[pl.DraftPart, widgets.Button] = {
            "metric": plan.add_metric_button,
            "measurement": measurements.add_button,
            "paste": measurements.paste_button,
            "decision": decision.decide_button,
            "adoption": adoption.adopt_button,
        }
        for part, sources in parts.items():
            for w in sources:
                w.observe(self._typed(part), names="value")
            # after the panel's own handler (registered first): what is left unsent now
            sends[part].on_click(self._typed(part))
        model.listen(SHOWN, self.restore)

    # --- what is on the page, part by part --------------------------------------------------

    def _draft(self, part: pl.DraftPart, pilot: pl.Pilot) -> Any:
        p, m, d, a = self.plan, self.measurements, self.decision, self.adoption
        if part == "metric":
            return pl.metric_draft(
                pilot,
                p.metric_choice.value,
                OWN_METRIC,
                p.own_name.value,
                p.own_unit.value,
                p.own_better.value,
            )
        if part == "measurement":
            return pl.measurement_draft(
                m.entry_metric.value, m.entry_date.value, m.entry_value.value, m.entry_note.value
            )
        if part == "paste":
            return pl.paste_draft(m.paste.value)
        if part == "decision":
            return pl.decision_draft(
                pilot, d.decision.value, d.reason.value, d.decided_on.value, self.today()
            )
        return pl.adoption_draft(a.adopt_date.value, a.adopt_using.value, a.adopt_total.value)

    def _typed(self, part: pl.DraftPart) -> Callable[[Any], None]:
        def on_change(_change: Any = None) -> None:
            pilot = self.model.pilot
            if self.model.quiet or pilot is None or self.model.session.role != "owner":
                return
            with guard(self.messages, clear=False):
                draft = self._draft(part, pilot)
                section = pl.keep_draft(self.model.section, pilot.id, part, draft)
                if section is not self.model.section:
                    self.model.save(section)
                self._say(part, draft)

        return on_change

    # --- back on the page --------------------------------------------------------------------

    def restore(self) -> None:
        """Put the shown pilot's draft back into the widgets (after the panels showed the
        pilot itself) and say what is unsent."""
        pilot = self.model.pilot
        if pilot is None:
            return
        draft = pl.pilot_draft(self.model.section, pilot.id)
        p, m, d, a = self.plan, self.measurements, self.decision, self.adoption
        with self.model.quiet():
            # what was typed for another pilot is that pilot's draft, not this one's
            p.own_name.value = p.own_unit.value = ""
            m.entry_value.value = m.entry_note.value = a.adopt_using.value = ""
            if draft.metric is not None:
                p.metric_choice.value = draft.metric.choice
                p.own_name.value, p.own_unit.value = draft.metric.name, draft.metric.unit
                p.own_better.value = draft.metric.better
            if draft.measurement is not None:
                if draft.measurement.metric in {x.id for x in pilot.metrics}:
                    m.entry_metric.value = draft.measurement.metric
                m.entry_date.value = draft.measurement.date
                m.entry_value.value = draft.measurement.value
                m.entry_note.value = draft.measurement.note
            m.paste.value = draft.paste
            if draft.decision is not None:
                d.decision.value = draft.decision.choice
                d.reason.value = draft.decision.reason
                d.decided_on.value = draft.decision.decided_on
            if draft.adoption is not None:
                a.adopt_date.value = draft.adoption.date
                a.adopt_using.value = draft.adoption.using
                a.adopt_total.value = draft.adoption.total
        for part, value in (
            ("metric", draft.metric),
            ("measurement", draft.measurement),
            ("paste", draft.paste),
            ("decision", draft.decision),
            ("adoption", draft.adoption),
        ):
            self._say(part, value)

    # --- the notes ---------------------------------------------------------------------------

    def _say(self, part: pl.DraftPart, draft: Any) -> None:
        notes: dict[str, tuple[MessageArea, Callable[[Any], str]]] = {
            "metric": (self.metric_pending, self._metric_text),
            "measurement": (self.measurement_pending, self._measurement_text),
            "paste": (self.paste_pending, self._paste_text),
            "decision": (self.decision_pending, self._decision_text),
            "adoption": (self.adoption_pending, self._adoption_text),
        }
        note, text = notes[part]
        words = text(draft)
        if words:
            note.show(words, "info")
        else:
            note.clear()

    def _metric_text(self, draft: pl.MetricDraft | None) -> str:
        if draft is None:
            return ""
        if draft.choice == OWN_METRIC:
            what = f"your metric “{draft.name}” ({draft.better} is better)"
        else:
            s = self.model.content.metric(draft.choice)
            what = f"{s.name} ({s.better} is better)"
        return f"Not yet added: {what}. " + KEPT.format(button="Add metric")

    def _measurement_text(self, draft: pl.MeasurementDraft | None) -> str:
        if draft is None:
            return ""
        what = f"the value “{draft.value}”" if draft.value.strip() else "a note"
        when = f" of {draft.date}" if draft.date.strip() else ""
        return f"Not yet added: {what}{when}. " + KEPT.format(button="Add measurement")

    def _paste_text(self, draft: str | None) -> str:
        text = self.measurements.paste.value
        if draft:
            return "Not yet imported: the pasted rows. " + KEPT.format(button="Import pasted rows")
        if len(text) > MAX_TEXT_CHARS:
            return (
                f"Not yet imported: the pasted rows are longer than {MAX_TEXT_CHARS:,} "
                "characters, too long to keep as a draft. Press “Import pasted rows” before "
                "you leave the page."
            )
        return ""

    def _decision_text(self, draft: pl.DecisionDraft | None) -> str:
        if draft is None:
            return ""
        if draft.choice is None:
            what = "your reason and date"
        else:
            what = next(o.label for o in self.model.content.decisions if o.id == draft.choice)
        return f"Not yet recorded: {what}. " + KEPT.format(button="Record decision")

    def _adoption_text(self, draft: pl.AdoptionDraft | None) -> str:
        if draft is None:
            return ""
        total = f" of {draft.total}" if draft.total.strip() else ""
        return f"Not yet added: {draft.using}{total} teams on {draft.date or 'a date'}. " + (
            KEPT.format(button="Add to tracker")
        )
