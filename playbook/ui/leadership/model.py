"""What the leadership page's panels share: the section, the assessment and others' ratings."""

from __future__ import annotations

from typing import Any

from playbook.contract import workbook
from playbook.errors import PlaybookError
from playbook.leadership import (
    RATER_KINDS,
    Comparison,
    Instrument,
    LeadershipSection,
    RaterKind,
    RatingPayload,
    SelfAssessment,
    assess,
    compare_raters,
    dump_section,
    latest_per_rater,
    parse_rating,
    rating_subject,
    salvage_section,
)
from playbook.session import Session
from playbook.ui.common import Quiet, SectionModel

NOTEBOOK = workbook("leadership").notebook
SECTION = "leadership"

#: Share-link kinds, one per kind of rater (a link is for one person: see ``rater_id``).
SHARE_KINDS: dict[RaterKind, str] = {"mentor": "leadership-mentor", "peer": "leadership-peer"}
KIND_OF_SHARE = {v: k for k, v in SHARE_KINDS.items()}

#: The self-assessment (and the comparison with others' ratings) was computed again.
ASSESSED = "assessed"


class LeadershipModel(SectionModel[LeadershipSection]):
    """The ``leadership`` section, its assessment, and the ratings others sent (read on page
    load, on "Refresh ratings" and after an upload, not on every answer)."""

    def __init__(self, session: Session, instrument: Instrument, quiet: Quiet) -> None:
        self.instrument = instrument
        #: What the saved section held that the page cannot show (named on the page).
        self.unreadable: list[str] = []
        super().__init__(session, SECTION, self._open_saved, dump_section, quiet, instrument)
        self.assessment: SelfAssessment | None = None
        self.comparison: Comparison | None = None
        #: How many ratings were set aside (another version of the statements, or someone else).
        self.skipped = 0
        self._ratings: list[RatingPayload] | None = None

    def _open_saved(self, data: Any) -> LeadershipSection:
        section, self.unreadable = salvage_section(data, self.instrument)
        return section

    def subject(self) -> str:
        assert self.session.workbook_id
        return rating_subject(self.session.workbook_id)

    def assess(self, section: LeadershipSection, *, reload_ratings: bool = False) -> None:
        """Assess ``section`` against the ratings, and have the panels show it."""
        self.assessment = assess(section, self.instrument)
        if reload_ratings or self._ratings is None:
            self._ratings, self.skipped = self._read_ratings(section)
        ratings = self._ratings
        scores = self.assessment.scores
        self.comparison = compare_raters(scores, ratings, self.instrument) if ratings else None
        self.announce(ASSESSED)

    def others(self) -> dict[str, Any]:
        """Each group of raters' scores by style."""
        c = self.comparison
        return {k: g.scores for k, g in c.groups.items()} if c else {}

    def _read_ratings(self, section: LeadershipSection) -> tuple[list[RatingPayload], int]:
        """Every usable rating (latest per rater), and how many were set aside."""
        found: list[RatingPayload] = []
        skipped = 0
        subject = self.subject()
        # A rating file was checked against this workbook when it was added; kept in the
        # section, it moves with the workbook (a downloaded file restored gets a new id).
        raw: list[tuple[dict[str, Any], str | None]] = [(r, None) for r in section.file_ratings]
        for kind in RATER_KINDS:
            for c in self.session.contributions(SHARE_KINDS[kind]):
                # the link it came through identifies the rater, not what the payload claims
                raw.append((dict(c, rater=f"link:{c['share_id']}"), subject))
        for data, about in raw:
            try:
                found.append(parse_rating(data, self.instrument, subject=about))
            except PlaybookError:
                skipped += 1  # e.g. made with an older instrument version
        return latest_per_rater(found), skipped
