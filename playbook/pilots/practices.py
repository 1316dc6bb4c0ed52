"""The community practice catalogue (the content's ``practices``): a practice chosen, so that
its hours count as community time in the time split, and a practice started as a pilot in one
step, with its suggested metric.

The time split reads the chosen practices through the registry (the pilots domain's
``parse_section`` and ``load_content``; :func:`chosen_practices` is what it needs of them) and
counts, with its own rules, the entries whose text names one of their keywords.
"""

from __future__ import annotations

from playbook.limits import MAX_PILOTS, check_count
from playbook.pilots.content import PilotsContent, Practice
from playbook.pilots.section import (
    Pilot,
    PilotsSection,
    metric_from_suggestion,
    new_pilot_id,
    replace_pilot,
)

__all__ = ["choose_practice", "chosen_practices", "pilot_practice", "practice_pilots"]


def chosen_practices(section: PilotsSection, content: PilotsContent) -> list[Practice]:
    """The practices the participant chose, in the catalogue's order (a choice of a practice a
    coach has since removed from the catalogue is left out).

    >>> from playbook.pilots import load_content
    >>> c = load_content()
    >>> s = PilotsSection(practices=["beyond_team", "gone", "joint_planning"])
    >>> [p.id for p in chosen_practices(s, c)]
    ['joint_planning', 'beyond_team']
    """
    chosen = set(section.practices)
    return [p for p in content.practices if p.id in chosen]


def choose_practice(
    section: PilotsSection, practice_id: str, chosen: bool, content: PilotsContent
) -> PilotsSection:
    """A copy of the section with the practice chosen (or no longer chosen).

    Raises
    ------
    UnknownIdError
        When the catalogue has no such practice.

    >>> from playbook.pilots import load_content
    >>> s = choose_practice(PilotsSection(), "feedback_loops", True, load_content())
    >>> s.practices, choose_practice(s, "feedback_loops", False, load_content()).practices
    (['feedback_loops'], [])
    """
    content.practice(practice_id)
    kept = [p for p in section.practices if p != practice_id]
    practices = [*kept, practice_id] if chosen else kept
    if practices == section.practices:
        return section
    check_count(len(practices), MAX_PILOTS, "chosen practices")
    return section.model_copy(update={"practices": practices})


def pilot_practice(
    section: PilotsSection, practice_id: str, content: PilotsContent
) -> tuple[PilotsSection, Pilot]:
    """A new pilot of the practice, in one step: named after it, with its question and its
    suggested metric, and the practice chosen (its hours count as community time). The
    project, the prediction and the teams are the participant's to fill in.

    Raises
    ------
    UnknownIdError
        When the catalogue has no such practice.
    LimitError
        When the workbook holds as many pilots as it can.

    >>> from playbook.pilots import load_content
    >>> section, pilot = pilot_practice(PilotsSection(), "joint_planning", load_content())
    >>> pilot.practice, [m.id for m in pilot.metrics], pilot.practice_id, section.practices
    ('Joint planning sessions', ['revision_count'], 'joint_planning', ['joint_planning'])
    """
    practice = content.practice(practice_id)
    pilot = Pilot(
        id=new_pilot_id(section),
        practice=practice.name,
        question=practice.question,
        metrics=[metric_from_suggestion(content.metric(practice.metric))],
        practice_id=practice.id,
    )
    section = replace_pilot(section, pilot)
    return choose_practice(section, practice.id, True, content), pilot


def practice_pilots(section: PilotsSection) -> dict[str, list[Pilot]]:
    """The pilots started from each practice of the catalogue, by practice id.

    >>> s = PilotsSection(pilots=[Pilot(id="p1", practice_id="feedback_loops"), Pilot(id="p2")])
    >>> {k: [p.id for p in v] for k, v in practice_pilots(s).items()}
    {'feedback_loops': ['p1']}
    """
    found: dict[str, list[Pilot]] = {}
    for p in section.pilots:
        if p.practice_id:
            found.setdefault(p.practice_id, []).append(p)
    return found
