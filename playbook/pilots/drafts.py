"""Choices made on the pilots page and not yet sent (a metric chosen but not added, a decision
not recorded, a measurement, an adoption entry or pasted rows not yet added), kept as drafts in
the section, pilot by pilot, so that a reload brings them back (as the time split keeps its
typed rows, :class:`playbook.time_split.ManualDraft`).

A draft is kept only while it says something the pilot does not: each ``*_draft`` function
returns ``None`` for what is already saved (or was never typed), and :func:`keep_draft` then
drops it. The models hold what the page shows as typed (a date or a number as text): a draft
is checked only when it is sent.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from playbook.limits import MAX_TEXT_CHARS
from playbook.models import Strict
from playbook.pilots.content import Better, DecisionChoice

if TYPE_CHECKING:
    from playbook.pilots.section import Pilot, PilotsSection

__all__ = [
    "AdoptionDraft",
    "DecisionDraft",
    "DraftPart",
    "MeasurementDraft",
    "MetricDraft",
    "PilotDraft",
    "adoption_draft",
    "decision_draft",
    "keep_draft",
    "measurement_draft",
    "metric_draft",
    "paste_draft",
    "pilot_draft",
]

#: The parts of a pilot's draft, one a button that sends it.
DraftPart = Literal["metric", "measurement", "paste", "decision", "adoption"]

_SHORT = 200  # a typed date, number or name: more is not a draft of one


class MetricDraft(Strict):
    """A metric chosen and not added: a suggestion's id, or the page's "own metric" choice
    with the name, unit and direction typed."""

    choice: str = Field(max_length=64)
    name: str = Field(default="", max_length=_SHORT)
    unit: str = Field(default="", max_length=50)
    better: Better = "higher"


class MeasurementDraft(Strict):
    """A measurement typed and not added."""

    metric: str | None = Field(default=None, max_length=64)
    date: str = Field(default="", max_length=_SHORT)
    value: str = Field(default="", max_length=_SHORT)
    note: str = Field(default="", max_length=MAX_TEXT_CHARS)


class DecisionDraft(Strict):
    """Adopt, adapt or abandon chosen (or a reason typed) and not recorded."""

    choice: DecisionChoice | None = None
    reason: str = Field(default="", max_length=MAX_TEXT_CHARS)
    decided_on: str = Field(default="", max_length=_SHORT)


class AdoptionDraft(Strict):
    """An adoption-tracker entry typed and not added."""

    date: str = Field(default="", max_length=_SHORT)
    using: str = Field(default="", max_length=_SHORT)
    total: str = Field(default="", max_length=_SHORT)


class PilotDraft(Strict):
    """Everything unsent on the page for one pilot (each part ``None`` or empty when there is
    nothing)."""

    metric: MetricDraft | None = None
    measurement: MeasurementDraft | None = None
    paste: str = Field(default="", max_length=MAX_TEXT_CHARS)
    decision: DecisionDraft | None = None
    adoption: AdoptionDraft | None = None

    @property
    def empty(self) -> bool:
        return not (self.metric or self.measurement or self.paste or self.decision or self.adoption)


def pilot_draft(section: PilotsSection, pilot_id: str) -> PilotDraft:
    """The pilot's draft (an empty one when nothing is kept)."""
    return section.drafts.get(pilot_id) or PilotDraft()


def keep_draft(section: PilotsSection, pilot_id: str, part: DraftPart, value: Any) -> PilotsSection:
    """A copy of the section with one part of the pilot's draft set (``None`` or ``""``:
    dropped); a pilot whose draft is empty keeps none. The section itself when nothing
    changes, so that a page saves only a real change.

    >>> from playbook.pilots.section import Pilot, PilotsSection
    >>> s = PilotsSection(pilots=[Pilot(id="p1")])
    >>> s = keep_draft(s, "p1", "decision", DecisionDraft(choice="adapt"))
    >>> s.drafts["p1"].decision.choice
    'adapt'
    >>> keep_draft(s, "p1", "decision", None).drafts
    {}
    """
    before = pilot_draft(section, pilot_id)
    after = before.model_copy(update={part: value if value else ("" if part == "paste" else None)})
    if after == before:
        return section
    drafts = {k: v for k, v in section.drafts.items() if k != pilot_id}
    if not after.empty:
        drafts[pilot_id] = after
    return section.model_copy(update={"drafts": drafts})


# --------------------------------------------------------------------------------------------
# What is unsent, part by part (None: nothing the pilot does not already say)
# --------------------------------------------------------------------------------------------


def metric_draft(
    pilot: Pilot, choice: str | None, own: str, name: str, unit: str, better: Better
) -> MetricDraft | None:
    """The metric chosen on the page, if it is not one of the pilot's yet: a suggestion
    (``choice``) not added, or one's own metric (``choice == own``) with a name typed.

    >>> from playbook.pilots.section import Metric, Pilot
    >>> p = Pilot(id="p", metrics=[Metric(id="revision_count", name="R", better="lower")])
    >>> metric_draft(p, "revision_count", "_own", "", "", "higher") is None
    True
    >>> metric_draft(p, "_own", "_own", "Budget variance", "%", "lower").name
    'Budget variance'
    """
    if choice is None:
        return None
    if choice == own:
        if not name.strip():
            return None
        return MetricDraft(choice=own, name=name[:_SHORT], unit=unit[:50], better=better)
    if choice in {m.id for m in pilot.metrics}:
        return None
    return MetricDraft(choice=choice)


def measurement_draft(
    metric: str | None, date: str, value: str, note: str
) -> MeasurementDraft | None:
    """A measurement typed and not added: a value or a note typed (the date alone is the
    page's suggestion of the next one, not a draft)."""
    if not value.strip() and not note.strip():
        return None
    return MeasurementDraft(
        metric=metric, date=date[:_SHORT], value=value[:_SHORT], note=note[:MAX_TEXT_CHARS]
    )


def paste_draft(text: str) -> str | None:
    """Pasted rows not yet imported, if they fit in a draft (``None`` when there are none or
    when they are too long to keep: the page says so)."""
    if not text.strip() or len(text) > MAX_TEXT_CHARS:
        return None
    return text


def decision_draft(
    pilot: Pilot, choice: DecisionChoice | None, reason: str, decided_on: str, today: dt.date
) -> DecisionDraft | None:
    """The decision on the page, if it differs from the one recorded: another choice, another
    reason, or a date other than the recorded one (the page shows today's date before a first
    decision: that is not a draft).

    >>> from playbook.pilots.section import Pilot
    >>> p = Pilot(id="p")
    >>> decision_draft(p, None, "", "2026-03-30", dt.date(2026, 3, 30)) is None
    True
    >>> decision_draft(p, "adapt", "", "2026-03-30", dt.date(2026, 3, 30)).choice
    'adapt'
    """
    saved = pilot.decision
    shown_date = (saved.decided_on or today).isoformat()
    if (
        choice == saved.choice
        and reason.strip() == saved.reason.strip()
        and decided_on.strip() == shown_date
    ):
        return None
    return DecisionDraft(
        choice=choice, reason=reason[:MAX_TEXT_CHARS], decided_on=decided_on[:_SHORT]
    )


def adoption_draft(date: str, using: str, total: str) -> AdoptionDraft | None:
    """An adoption entry typed and not added: the teams using the practice typed (the page
    keeps the date and the total after an entry, for the next one)."""
    if not using.strip():
        return None
    return AdoptionDraft(date=date[:_SHORT], using=using[:_SHORT], total=total[:_SHORT])
