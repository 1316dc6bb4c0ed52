"""What the development plan says of the pilots: "Where I stand" (:func:`standing`) and the
goals the pilots' results suggest (:func:`suggest`), the domain's hooks of
:class:`playbook.contract.Domain`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from playbook.contract import Standing, Suggestion, SuggestionMaker
from playbook.pilots.content import PilotsContent

if TYPE_CHECKING:
    from playbook.pilots.result import PilotsResult

__all__ = ["metric_name", "standing", "suggest"]


def metric_name(content: PilotsContent, metric: str) -> str:
    """The suggested metric's name, or the id itself for a metric of the participant's own.

    >>> from playbook.pilots.content import load_content
    >>> metric_name(load_content(), "revision_count"), metric_name(load_content(), "budget")
    ('Revision count', 'budget')
    """
    return next((m.name for m in content.metrics if m.id == metric), metric)


def standing(result: PilotsResult | None, content: PilotsContent | None) -> Standing:
    """Each pilot's verdicts and decision in a sentence, and how many are still to decide.

    Examples
    --------
    >>> from playbook.pilots import PilotsResult, load_content
    >>> standing(PilotsResult(()), load_content())
    Standing(state='not started', lines=(), todo='Plan a first pilot.')
    """
    if result is None or content is None or not result.pilots:
        return Standing("not started", (), "Plan a first pilot.")
    lines = []
    for p in result.pilots:
        verdicts = ", ".join(f"{metric_name(content, m)} {v}" for m, v in p.verdicts.items())
        decision = p.decision or "not decided yet"
        lines.append(f"'{p.practice}': {verdicts or 'not enough data yet'}; decision: {decision}.")
    undecided = sum(1 for p in result.pilots if p.decision is None)
    todo = f"Decide {undecided} pilot(s) on the evidence." if undecided else ""
    return Standing("in progress" if undecided else "done", tuple(lines), todo)


def suggest(
    result: PilotsResult, content: PilotsContent, maker: SuggestionMaker
) -> list[Suggestion]:
    """The plan's ``pilot_to_scale`` goal for each pilot whose every metric is better and
    which is not adopted yet."""
    return [
        maker.make("pilot_to_scale", p.pilot_id, practice=p.practice)
        for p in result.pilots
        if p.verdicts and all(v == "better" for v in p.verdicts.values()) and p.decision != "adopt"
    ]


def links(result: PilotsResult) -> list[tuple[str, str]]:
    """What a plan entry can be linked to here: each pilot, as (label, value).

    >>> from playbook.pilots import PilotResult, PilotsResult
    >>> links(PilotsResult((PilotResult("pilot-1", "Daily stand-up", {}, "", None),)))
    [('Pilot: Daily stand-up', 'pilots:pilot-1')]
    """
    return [(f"Pilot: {p.practice}", f"pilots:{p.pilot_id}") for p in result.pilots]
