"""A coach's view of many workbooks: counts and averages, small groups hidden, no free text.

A mentor with several mentees, a facilitator after a Binder workshop (each participant
downloaded their workbook file) or a company serving the workbook sees the cohort as a set
of aggregate tables, each read from the other workbooks' public results through the domain
registry (:mod:`playbook.contract`: each domain's ``digest`` and ``aggregate`` hooks), never
from their widgets or storage; this package names no domain.

Privacy, as the tables are built (not as they are drawn), so that the page, the charts, the
CSV and the HTML report all show the same thing:

* every group (a bar, a table row, an average) of fewer workbooks than ``min_group`` (default
  3, as in the audit) is left out of the table, and the table says how many were left out;
* no free text from a workbook reaches a table: groups are content ids (paths, styles,
  decisions, metrics the playbook suggests, audit areas and pitfalls) or numbers. A pilot's
  practice and a metric the participant named are free text, so pilots are grouped by the
  playbook's metrics and by decision, never by those names (no workbook part lets its owner
  mark text shareable yet);
* each leadership scale's Cronbach's alpha is given only over at least
  ``min_alpha_workbooks`` workbooks (default 20).

This module does no I/O: :func:`read_files` takes bytes.

Examples
--------
>>> from playbook.cohort import load_content, summarize
>>> c = summarize([{"sections": {}}] * 3, load_content())
>>> c.n_workbooks, c.table("progress").rows[0][1], c.table("paths").rows
(3, 3, ())
"""

from __future__ import annotations

from playbook.cohort.coach import check_coach_code, coach_code
from playbook.cohort.content import CohortContent, load_content
from playbook.cohort.files import FileProblem, read_files
from playbook.cohort.summary import Cohort, Contents, Digest, alpha_rows, digest, summarize
from playbook.cohort.tables import Cell, Table, Tables, mean_of, share_of, suppress
from playbook.contract import AlphaRow

__all__ = [
    "AlphaRow",
    "Cell",
    "Cohort",
    "CohortContent",
    "Contents",
    "Digest",
    "FileProblem",
    "Table",
    "Tables",
    "alpha_rows",
    "check_coach_code",
    "coach_code",
    "digest",
    "load_content",
    "mean_of",
    "read_files",
    "share_of",
    "summarize",
    "suppress",
]
