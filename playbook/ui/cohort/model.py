"""What the cohort page's panels share: the workbooks loaded and the cohort made of them.

The uploaded files and the shared workbooks are kept in this kernel's memory only, for as long
as the page is open: nothing a coach loads is written anywhere (the coach downloads the
exports they want).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playbook.cohort import (
    Cohort,
    CohortContent,
    Contents,
    Digest,
    FileProblem,
    coach_code,
    digest,
    read_files,
    summarize,
)
from playbook.record import upgrade
from playbook.session import Session


class CohortModel:
    """The workbooks on the page (by source), their digests and the cohort made of them."""

    def __init__(self, session: Session, content: CohortContent) -> None:
        self.session, self.content = session, content
        self.contents = Contents()
        self.records: dict[str, list[dict[str, Any]]] = {"files": [], "shared": []}
        self._digests: dict[str, list[Digest]] = {"files": [], "shared": []}
        self.source = "files"
        self.cohort: Cohort | None = None
        self.problems: list[FileProblem] = []
        self.figures: dict[str, Any] = {}  # the figures last drawn (tests read them)
        self._listeners: list[Callable[[], None]] = []

    # --- sources -----------------------------------------------------------------------------

    def load_files(self, files: list[tuple[str, bytes]]) -> None:
        """Aggregate uploaded workbook files (replacing the files loaded before)."""
        records, self.problems = read_files(files)
        self._set("files", records)

    def coach(self) -> str | None:
        """This coach's code, when the page is open on the coach's own workbook."""
        wid = self.session.workbook_id
        return coach_code(wid) if self.session.role == "owner" and wid else None

    def load_shared(self) -> None:
        """Aggregate the workbooks shared with this coach and not revoked, read now."""
        code = self.coach()
        if code is None:
            raise_no_workbook()
        store = self.session.store
        records = [upgrade(store.load_record(wid)) for wid in store.coach_workbooks(str(code))]
        self.problems = []
        self._set("shared", records)

    def _set(self, source: str, records: list[dict[str, Any]]) -> None:
        self.records[source] = records
        self._digests[source] = [digest(r, self.contents) for r in records]
        self.source = source
        self.cohort = summarize(
            records, self.content, contents=self.contents, digests=self._digests[source]
        )
        for listener in self._listeners:
            listener()

    def listen(self, handler: Callable[[], None]) -> None:
        self._listeners.append(handler)


def raise_no_workbook() -> None:
    from playbook.errors import InputError

    raise InputError(
        "Open this page from your own private link to see the workbooks shared with you."
    )
