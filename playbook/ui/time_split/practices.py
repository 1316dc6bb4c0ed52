"""The community practices chosen on the pilots page, in the time split: read through the
registry and kept in this page's section (so every result of it counts them), and how many
of the community hours came from them, under the community chart."""

from __future__ import annotations

from typing import Any

import playbook.time_split as ts
from playbook.contract import domain, workbook
from playbook.errors import PlaybookError
from playbook.ui.common import NO_MATH, esc, html_box
from playbook.ui.time_split.model import REFRESHED, TimeSplitModel
from playbook.ui.time_split.results import ResultsPanel

#: The pilots' section, where the practices are chosen.
PILOTS = "pilots"


def chosen_on_the_pilots_page(session: Any) -> list[ts.CountedPractice] | None:
    """The practices chosen in the pilots' section, through the registry (``None`` when that
    section or its content cannot be read: the ones kept here stay as they are)."""
    pilots = domain(PILOTS)
    try:
        content = pilots.load_content()
        section = pilots.parse_section(session.section(PILOTS))
    except PlaybookError:
        return None
    chosen = set(section.practices)
    return ts.counted_practices(p for p in content.practices if p.id in chosen)


class PracticesNote:
    """Keeps the chosen practices in the section, and says under the community chart how many
    of the community hours came from them (or where to choose some)."""

    def __init__(self, results: ResultsPanel, model: TimeSplitModel) -> None:
        self.model = model
        self.box = html_box("pb-ts-practices")
        children = list(results.children)
        children.insert(children.index(results.outputs["community"]) + 1, self.box)
        results.children = children
        model.listen(REFRESHED, self._show)

    def sync(self) -> None:
        """Count the practices chosen on the pilots page now (page load): saved when they
        changed since this page last read them, or, on a time split not begun yet, kept with
        the first thing saved (so that opening the page does not begin it)."""
        chosen = chosen_on_the_pilots_page(self.model.session)
        if chosen is None:
            return
        section = ts.with_practices(self.model.section, chosen)
        if section is self.model.section:
            return
        if self.model.section == ts.parse_section(None):
            self.model.section = section  # derived from the pilots' section: nothing to lose
        else:
            self.model.save(section)

    def _show(self) -> None:
        m = self.model
        report = m.report()
        if not report.has_data:
            self.box.value = ""
            return
        chosen = m.section.community_practices
        if chosen:
            found = ts.practice_hours(m.counted, chosen, (report.start, report.end))
            text = esc(ts.describe_practices(found, report.overall.community_hours))
        else:
            href = esc(m.session.link(workbook(PILOTS).notebook))
            text = (
                f"No community practice chosen yet: on the <a href='{href}'>pilots page</a>, "
                "“Count its hours” beside a practice of the catalogue makes this page count "
                "the entries that name it as community time."
            )
        self.box.value = f"<p class='{NO_MATH}'>{text}</p>"
