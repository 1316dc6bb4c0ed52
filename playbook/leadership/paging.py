"""The instrument in short pages, in an order that mixes the styles, and how much of it is
answered."""

from __future__ import annotations

from dataclasses import dataclass

from playbook.leadership.content import STYLES, Instrument
from playbook.leadership.section import LeadershipSection

__all__ = ["Progress", "pages", "presentation_order", "progress"]


def presentation_order(instrument: Instrument) -> list[str]:
    """Item ids interleaved across styles, so that no page shows one style's items together.

    Examples
    --------
    >>> from playbook.leadership import load_content
    >>> presentation_order(load_content())[:3]
    ['fac_remove_obstacles', 'arc_design_systems', 'int_connective_tissue']
    """
    columns = [list(instrument.items_of(s)) for s in STYLES]
    order: list[str] = []
    for row in range(max(len(c) for c in columns)):
        order.extend(c[row].id for c in columns if row < len(c))
    return order


def pages(
    instrument: Instrument, items_per_page: int = 6, blocks_per_page: int = 2
) -> list[list[str]]:
    """Split the instrument into short pages: Likert items first, then ranking blocks.

    Each page is a list of item or block ids.

    Examples
    --------
    >>> from playbook.leadership import load_content
    >>> p = pages(load_content())
    >>> len(p), len(p[0]), p[-1]
    (9, 6, ['fc_new_team'])
    """
    if items_per_page < 1 or blocks_per_page < 1:
        raise ValueError("pages need at least one entry each")
    ids = presentation_order(instrument)
    out = [ids[i : i + items_per_page] for i in range(0, len(ids), items_per_page)]
    blocks = [b.id for b in instrument.forced_choice]
    out += [blocks[i : i + blocks_per_page] for i in range(0, len(blocks), blocks_per_page)]
    return out


@dataclass(frozen=True)
class Progress:
    """How much of the instrument is answered ("not sure" counts as an answer)."""

    answered: int
    total: int

    @property
    def complete(self) -> bool:
        """Whether every item and block has an answer."""
        return self.answered >= self.total

    def __str__(self) -> str:
        return f"{self.answered} / {self.total} answered"


def progress(section: LeadershipSection, instrument: Instrument) -> Progress:
    """Answered / total over items and ranking blocks.

    Examples
    --------
    >>> from playbook.leadership import load_content
    >>> str(progress(LeadershipSection(answers={"fac_mediate": 0}), load_content()))
    '1 / 34 answered'
    """
    items = {i.id for i in instrument.items}
    blocks = {b.id for b in instrument.forced_choice}
    done = sum(1 for k in section.answers if k in items)
    done += sum(1 for k, v in section.forced_choice.items() if k in blocks and len(v) == 3)
    return Progress(done, len(items) + len(blocks))
