"""Pilot experiments: one practice, one project, measured before it is widened.

The playbook's way to change things (docs/CONTENT.md section 5) is a small, measurable
experiment: try one new practice on one project, track metrics such as team feedback scores,
revision counts and timeline adherence, and widen adoption on evidence. This package holds the
pilot record (in the shape of a PDSA cycle: plan, do, study, act) and the analysis that turns
measurements into evidence, one concern a module:

* :mod:`~playbook.pilots.content`: the content (``pilots.yaml``) and :func:`load_content`;
* :mod:`~playbook.pilots.section`: the section's models, :func:`parse_section`,
  :func:`dump_section`, and its edits (a new pilot, replaced, removed);
* :mod:`~playbook.pilots.edits`: a pilot's edits (measurements by hand or from a CSV file, the
  decision, adoption entries);
* :mod:`~playbook.pilots.practices`: the community practice catalogue (a practice chosen, so
  the time split counts its hours as community time; a practice started as a pilot);
* :mod:`~playbook.pilots.drafts`: the page's unsent choices, kept as drafts pilot by pilot;
* :mod:`~playbook.pilots.verdicts`: each metric's evidence and verdict, from a run chart
  against the baseline median (Anhøj rules), an XmR chart with the baseline's limits and the
  bootstrap interval of the change (the statistics are :mod:`playbook.stats`');
* :mod:`~playbook.pilots.text`: the evidence in plain words, and the next step;
* :mod:`~playbook.pilots.result`: :func:`assess`, for the other workbooks;
* :mod:`~playbook.pilots.dates`: the rhythm of measuring a pilot and its next measurement,
  the cadence's ``dates`` hook;
* :mod:`~playbook.pilots.standing` and :mod:`~playbook.pilots.digest`: the development plan's
  and the cohort view's hooks.

Everything here is pure: no widgets, no files. Measurements arrive as text or bytes
(:func:`parse_measurements_csv`, whose file format and errors are
:mod:`playbook.imports.measurements`') or one at a time (:func:`add_measurement`); bad input
raises a :class:`~playbook.errors.PlaybookError` whose message is written for the participant.

Examples
--------
>>> from playbook.pilots import assess, load_content, parse_section
>>> section = parse_section({"pilots": [{"id": "p1", "practice": "Joint planning"}]})
>>> assess(section, load_content()).decisions()
{'p1': None}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from playbook.contract import Domain
from playbook.pilots.content import (
    PilotDates,
    PilotsContent,
    PilotThresholds,
    Practice,
    Rhythm,
    load_content,
)
from playbook.pilots.dates import (
    PilotDated,
    PilotsDated,
    dates,
    dates_basis,
    finished,
    next_measurement,
    rhythm_label,
    set_rhythm,
)
from playbook.pilots.digest import aggregate, digest
from playbook.pilots.drafts import (
    AdoptionDraft,
    DecisionDraft,
    MeasurementDraft,
    MetricDraft,
    PilotDraft,
    adoption_draft,
    decision_draft,
    keep_draft,
    measurement_draft,
    metric_draft,
    paste_draft,
    pilot_draft,
)
from playbook.pilots.edits import (
    add_adoption,
    add_measurement,
    adoption_shares,
    merge_measurements,
    parse_measurements_csv,
    phase_label,
    remove_adoption,
    remove_measurement,
    set_decision,
)
from playbook.pilots.practices import (
    choose_practice,
    chosen_practices,
    pilot_practice,
    practice_pilots,
)
from playbook.pilots.section import (
    AdoptionEntry,
    Measurement,
    Metric,
    Pilot,
    PilotsSection,
    dump_section,
    metric_from_suggestion,
    new_pilot_id,
    parse_section,
    remove_pilot,
    replace_pilot,
    salvage_section,
)
from playbook.pilots.standing import links, standing, suggest
from playbook.pilots.wording import format_number

if TYPE_CHECKING:
    from playbook.pilots.result import PilotResult, PilotsResult, assess
    from playbook.pilots.text import XMR_REFERENCE, next_step, summarize_evidence
    from playbook.pilots.verdicts import (
        Change,
        ChangeDateError,
        MetricEvidence,
        bootstrap_change,
        evaluate_metric,
        evaluate_pilot,
    )

#: The names whose modules compute with numpy and scipy, imported on first use, so that a
#: page that only names the pilots (the plan's "Where I stand" of a workbook with none)
#: starts without them.
_HEAVY = {
    "PilotResult": "result",
    "PilotsResult": "result",
    "assess": "result",
    "XMR_REFERENCE": "text",
    "next_step": "text",
    "summarize_evidence": "text",
    "Change": "verdicts",
    "ChangeDateError": "verdicts",
    "MetricEvidence": "verdicts",
    "bootstrap_change": "verdicts",
    "evaluate_metric": "verdicts",
    "evaluate_pilot": "verdicts",
}


def __getattr__(name: str) -> Any:
    module = _HEAVY.get(name)
    if module is None:
        raise AttributeError(f"module 'playbook.pilots' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"playbook.pilots.{module}"), name)


def _assess(section: PilotsSection, content: PilotsContent) -> PilotsResult:
    from playbook.pilots.result import assess as run

    return run(section, content)


__all__ = [
    "AdoptionDraft",
    "AdoptionEntry",
    "Change",
    "ChangeDateError",
    "DOMAIN",
    "DecisionDraft",
    "Measurement",
    "MeasurementDraft",
    "Metric",
    "MetricDraft",
    "MetricEvidence",
    "Pilot",
    "PilotDated",
    "PilotDates",
    "PilotDraft",
    "PilotResult",
    "PilotThresholds",
    "PilotsContent",
    "PilotsDated",
    "PilotsResult",
    "PilotsSection",
    "Practice",
    "Rhythm",
    "XMR_REFERENCE",
    "add_adoption",
    "add_measurement",
    "adoption_draft",
    "adoption_shares",
    "aggregate",
    "assess",
    "bootstrap_change",
    "choose_practice",
    "chosen_practices",
    "dates",
    "dates_basis",
    "decision_draft",
    "digest",
    "dump_section",
    "evaluate_metric",
    "evaluate_pilot",
    "finished",
    "format_number",
    "keep_draft",
    "links",
    "load_content",
    "measurement_draft",
    "merge_measurements",
    "metric_draft",
    "metric_from_suggestion",
    "new_pilot_id",
    "next_measurement",
    "next_step",
    "parse_measurements_csv",
    "parse_section",
    "paste_draft",
    "phase_label",
    "pilot_draft",
    "pilot_practice",
    "practice_pilots",
    "remove_adoption",
    "remove_measurement",
    "remove_pilot",
    "replace_pilot",
    "rhythm_label",
    "salvage_section",
    "set_decision",
    "set_rhythm",
    "standing",
    "suggest",
    "summarize_evidence",
]

#: The domain's one face to the rest of the app (registered in playbook.contract).
DOMAIN: Domain[PilotsSection, PilotsContent, PilotsResult] = Domain.of(
    __name__, "pilots", PilotsSection, assess=_assess
)
