"""What the cohort view counts of the pilots: one workbook's pilots reduced to ids and numbers
(:func:`digest`), and the cohort's tables from every workbook's digest (:func:`aggregate`),
the domain's hooks of :class:`playbook.contract.Domain`.

A pilot's practice and a metric the participant named are free text, so pilots are grouped by
decision and by the playbook's metrics ("own" for any other), never by those names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from playbook.contract import Cell, TableMaker
from playbook.pilots.content import PilotsContent
from playbook.pilots.section import parse_section

__all__ = ["OWN_METRIC", "UNDECIDED", "PilotDigest", "PilotsDigest", "aggregate", "digest"]

#: The group of a metric the participant named, and of a pilot not decided yet.
OWN_METRIC = "own"
UNDECIDED = "undecided"


@dataclass(frozen=True)
class PilotDigest:
    """One pilot, for the cohort: no free text."""

    decision: str  # adopt / adapt / abandon / undecided
    metrics: tuple[str, ...]  # the playbook's metric ids; "own" for a participant's own metric
    signal: bool  # some metric's verdict is better or worse (the charts showed a signal)


@dataclass(frozen=True)
class PilotsDigest:
    """One workbook's pilots, for the cohort, in the section's order."""

    pilots: tuple[PilotDigest, ...] = ()


def digest(data: Mapping[str, Any], content: PilotsContent) -> PilotsDigest:
    """One workbook's ``pilots`` section (the record's plain dict) reduced to each pilot's
    decision, the playbook's metrics it measures and whether its charts showed a signal (a
    section that cannot be read: an :class:`InputError`, as the contract's ``digest`` says).

    Examples
    --------
    >>> from playbook.pilots.content import load_content
    >>> digest({"pilots": [{"id": "p1", "metrics": [
    ...     {"id": "revision_count", "name": "Revisions", "better": "lower"},
    ...     {"id": "budget", "name": "Budget", "better": "lower"}]}]}, load_content())
    PilotsDigest(pilots=(PilotDigest(decision='undecided', metrics=('own', 'revision_count'), signal=False),))
    """
    section = parse_section(data)
    from playbook.pilots.result import assess  # numpy and scipy, only with pilots to read

    result = assess(section, content)
    suggested = {m.id for m in content.metrics}
    out = []
    for pilot, r in zip(section.pilots, result.pilots, strict=True):
        metrics = tuple(sorted({m.id if m.id in suggested else OWN_METRIC for m in pilot.metrics}))
        signal = any(v in ("better", "worse") for v in r.verdicts.values())
        out.append(PilotDigest(r.decision or UNDECIDED, metrics, signal))
    return PilotsDigest(tuple(out))


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def aggregate(
    digests: Sequence[PilotsDigest | None], content: PilotsContent, tables: TableMaker
) -> None:
    """The cohort's two pilot tables: pilots by decision, and by what they measured (each
    with the workbooks, the pilots, those that showed a signal and their share); a workbook
    whose section was not begun or not readable (``None``) has no pilots to count."""
    decisions = {d.id: d.label for d in content.decisions} | {UNDECIDED: "Not decided yet"}
    metrics = {m.id: m.name for m in content.metrics} | {OWN_METRIC: "A metric of their own"}
    ds = [d for d in digests if d is not None]
    rows: list[tuple[Cell, ...]] = []
    for dec, name in decisions.items():
        books = [d for d in ds if any(p.decision == dec for p in d.pilots)]
        ps = [p for d in ds for p in d.pilots if p.decision == dec]
        signal = sum(p.signal for p in ps)
        rows.append((name, len(books), len(ps), signal, _share(signal, len(ps))))
    header = ("Decision", "Workbooks", "Pilots", "Showed a signal", "Share with a signal")
    tables.add("pilot_decisions", "Pilots by decision", header, rows)
    rows = []
    for metric, name in metrics.items():
        books = [d for d in ds if any(metric in p.metrics for p in d.pilots)]
        ps = [p for d in ds for p in d.pilots if metric in p.metrics]
        signal = sum(p.signal for p in ps)
        rows.append((name, len(books), len(ps), signal, _share(signal, len(ps))))
    tables.add(
        "pilot_metrics",
        "Pilots by what they measured",
        ("Metric",) + header[1:],
        rows,
        note="Grouped by the playbook's metrics: a practice's name is the participant's "
        "own words, so it is not shown.",
    )
