"""The edits a page makes to one pilot: measurements (typed by hand, removed, imported from a
CSV file), the decision, and the adoption tracker's entries.

Each edit returns a new pilot (``model_copy``; the models are frozen), which the page puts
into the section with :func:`playbook.pilots.section.replace_pilot` and saves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from playbook.errors import InputError
from playbook.imports import measurements as csv_file
from playbook.imports.measurements import DuplicateDateError, parse_date, parse_value
from playbook.limits import MAX_ADOPTION, MAX_MEASUREMENTS, LimitError, check_count, check_text
from playbook.pilots.content import DecisionChoice
from playbook.pilots.section import AdoptionEntry, Decision, Measurement, Metric, Pilot
from playbook.pilots.wording import format_number

__all__ = [
    "add_adoption",
    "add_measurement",
    "adoption_shares",
    "merge_measurements",
    "parse_measurements_csv",
    "phase_label",
    "remove_adoption",
    "remove_measurement",
    "set_decision",
]

# --------------------------------------------------------------------------------------------
# Measurements: by hand and from CSV text
# --------------------------------------------------------------------------------------------


def phase_label(pilot: Pilot, day: dt.date) -> str:
    """Which phase a measurement of ``day`` belongs to, in the participant's words ("" while
    the change date is not set).

    >>> p = Pilot(id="p", baseline_start=dt.date(2026, 1, 5), change_date=dt.date(2026, 2, 2))
    >>> [phase_label(p, dt.date(2026, m, d)) for m, d in ((1, 1), (1, 12), (2, 2))]
    ['before the baseline', 'baseline', 'pilot']
    """
    if pilot.baseline_start and day < pilot.baseline_start:
        return "before the baseline"
    if pilot.change_date is None:
        return ""
    return "baseline" if day < pilot.change_date else "pilot"


def add_measurement(
    pilot: Pilot,
    metric_id: str,
    when: str | dt.date,
    value: str | float,
    note: str = "",
) -> Pilot:
    """A copy of ``pilot`` with one more measurement, typed by hand.

    Dates may be entered in any order (a forgotten week can be added later); a second value for
    the same metric and date is refused rather than overwriting the first.

    Raises
    ------
    MeasurementError
        When the value or the date cannot be read.
    DuplicateDateError
        When the metric already has a value on that date.
    """
    pilot.metric(metric_id)
    day = parse_date(when)
    number = parse_value(value)
    for m in pilot.measurements:
        if m.metric == metric_id and m.date == day:
            raise DuplicateDateError(
                f"There is already a value for {day.isoformat()} ({format_number(m.value)}). "
                "Remove it first if you want to replace it."
            )
    check_count(len(pilot.measurements) + 1, MAX_MEASUREMENTS, "measurements in one pilot")
    check_text(note.strip(), "the note")
    new = Measurement(metric=metric_id, date=day, value=number, note=note.strip())
    return pilot.model_copy(update={"measurements": [*pilot.measurements, new]})


def remove_measurement(pilot: Pilot, metric_id: str, when: str | dt.date) -> Pilot:
    """A copy of ``pilot`` without the metric's measurement on that date."""
    day = parse_date(when)
    kept = [m for m in pilot.measurements if not (m.metric == metric_id and m.date == day)]
    return pilot.model_copy(update={"measurements": kept})


def merge_measurements(pilot: Pilot, new: Iterable[Measurement]) -> Pilot:
    """A copy of ``pilot`` with imported measurements added.

    A row identical to one already there is skipped, so importing the same file twice is
    harmless; a row with a different value for a date already there is refused, so nothing
    entered before is silently replaced.

    Raises
    ------
    DuplicateDateError
        When an imported value conflicts with one already entered.
    LimitError
        When the pilot would hold more than :data:`~playbook.limits.MAX_MEASUREMENTS`.
    """
    known = {m.id for m in pilot.metrics}
    existing = {(m.metric, m.date): m for m in pilot.measurements}
    added: list[Measurement] = []
    for m in new:
        if len(pilot.measurements) + len(added) >= MAX_MEASUREMENTS and (
            (m.metric, m.date) not in existing
        ):
            raise LimitError(
                f"Refused: this pilot would hold more than {MAX_MEASUREMENTS:,} measurements "
                f"(it has {len(pilot.measurements):,}); a pilot keeps at most "
                f"{MAX_MEASUREMENTS:,}, so that its charts and statistics stay quick."
            )
        if m.metric not in known:
            raise InputError(f"This pilot has no metric '{m.metric}'.")
        old = existing.get((m.metric, m.date))
        if old is None:
            existing[(m.metric, m.date)] = m
            added.append(m)
        elif old.value != m.value:
            raise DuplicateDateError(
                f"{m.date.isoformat()} already has a value for {m.metric} ({format_number(old.value)}); "
                f"the file says {format_number(m.value)}. Remove one of them, then import again."
            )
    return pilot.model_copy(update={"measurements": [*pilot.measurements, *added]})


def parse_measurements_csv(
    data: bytes | str, metrics: Sequence[Metric], default_metric: str | None = None
) -> list[Measurement]:
    """A pilot's measurements from a CSV file's content: the file is read by
    :func:`playbook.imports.measurements.parse_measurements_csv` (which documents the format
    and its errors), each row made a :class:`Measurement`.

    Examples
    --------
    >>> m = Metric(id="revisions", name="Revisions per cut", unit="revisions", better="lower")
    >>> rows = parse_measurements_csv("date,value\\n2026-01-05,5\\n2026-01-12,4", [m], "revisions")
    >>> [(r.date.isoformat(), r.value) for r in rows]
    [('2026-01-05', 5.0), ('2026-01-12', 4.0)]
    """
    return csv_file.parse_measurements_csv(data, metrics, default_metric, row=Measurement)


# --------------------------------------------------------------------------------------------
# Decision and adoption
# --------------------------------------------------------------------------------------------


def set_decision(
    pilot: Pilot, choice: DecisionChoice, reason: str, decided_on: str | dt.date
) -> Pilot:
    """A copy of ``pilot`` with its decision recorded.

    Raises
    ------
    InputError
        When the choice is not adopt, adapt or abandon, or the reason is empty (the playbook
        asks to document the evidence behind a change).
    """
    if choice not in ("adopt", "adapt", "abandon"):
        raise InputError("Choose adopt, adapt or abandon.")
    if not reason.strip():
        raise InputError("Write the reason for the decision in a sentence or two.")
    check_text(reason.strip(), "the reason")
    decision = Decision(choice=choice, reason=reason.strip(), decided_on=parse_date(decided_on))
    return pilot.model_copy(update={"decision": decision})


def add_adoption(
    pilot: Pilot,
    when: str | dt.date,
    teams_using: int | str,
    teams_total: int | str,
    note: str = "",
) -> Pilot:
    """A copy of ``pilot`` with an adoption-tracker entry (teams using the practice on a date).

    Raises
    ------
    InputError
        When the counts are not whole numbers, there are more teams using than in total, or the
        date already has an entry.
    """
    day = parse_date(when)
    try:
        using = int(str(teams_using).strip())
        total = int(str(teams_total).strip())
    except ValueError:
        raise InputError("Team counts must be whole numbers, for example 3 of 12.") from None
    if total < 1:
        raise InputError("The number of teams in total must be at least 1.")
    if not 0 <= using <= total:
        raise InputError(f"Teams using the practice must be between 0 and {total}.")
    if any(a.date == day for a in pilot.adoption):
        raise DuplicateDateError(
            f"There is already an adoption entry for {day.isoformat()}. Remove it first."
        )
    check_text(note.strip(), "the note")
    check_count(len(pilot.adoption) + 1, MAX_ADOPTION, "adoption entries in one pilot")
    entry = AdoptionEntry(date=day, teams_using=using, teams_total=total, note=note.strip())
    entries = sorted([*pilot.adoption, entry], key=lambda a: a.date)
    return pilot.model_copy(update={"adoption": entries})


def remove_adoption(pilot: Pilot, when: str | dt.date) -> Pilot:
    """A copy of ``pilot`` without the adoption entry on that date."""
    day = parse_date(when)
    return pilot.model_copy(update={"adoption": [a for a in pilot.adoption if a.date != day]})


def adoption_shares(entries: Sequence[AdoptionEntry]) -> list[tuple[dt.date, float]]:
    """(date, share of teams) pairs, oldest first; share between 0 and 1.

    Examples
    --------
    >>> e = [AdoptionEntry(date="2026-01-01", teams_using=3, teams_total=12)]
    >>> adoption_shares(e)
    [(datetime.date(2026, 1, 1), 0.25)]
    """
    return [(a.date, a.share) for a in sorted(entries, key=lambda a: a.date)]
