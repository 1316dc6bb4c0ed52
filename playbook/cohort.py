"""A coach's view of many workbooks: counts and averages, small groups hidden, no free text.

A mentor with several mentees, a facilitator after a Binder workshop (each participant
downloaded their workbook file) or a company serving the workbook sees the cohort as a set
of aggregate tables, each read from the other workbooks' public results through the domain
contract (:mod:`playbook.contract`), never from their widgets or storage.

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
>>> c = summarize([{"sections": {}}] * 3, load_content())
>>> c.n_workbooks, c.table("progress").rows[0][1], c.table("paths").rows
(3, 3, ())
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from playbook.contract import AlphaRow, domain, sections, workbooks
from playbook.errors import InputError, PlaybookError

# --------------------------------------------------------------------------------------------
# Content
# --------------------------------------------------------------------------------------------


class CohortContent(BaseModel):
    """``cohort.yaml``: the page's words and the documented minimums."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1)
    intro: str = Field(min_length=1)
    min_group: int = Field(ge=2)
    min_alpha_workbooks: int = Field(ge=3)
    gap_band_points: float = Field(gt=0, lt=100)
    delivery_bin: float = Field(gt=0, le=0.5)


def load_content() -> CohortContent:
    """The cohort view's content (the coach's copy under ``PLAYBOOK_CONTENT`` if any)."""
    from playbook.content import load_content as load

    return load("cohort", CohortContent)


# --------------------------------------------------------------------------------------------
# One workbook, reduced to what the cohort counts (never shown on its own)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PilotDigest:
    decision: str  # adopt / adapt / abandon / undecided
    metrics: tuple[str, ...]  # the playbook's metric ids; "own" for a participant's own metric
    signal: bool  # some metric's verdict is better or worse (the charts showed a signal)


@dataclass(frozen=True)
class Digest:
    """What one workbook contributes to the cohort: ids and numbers, no free text."""

    begun: tuple[str, ...]  # the sections with answers
    recommended: str | None = None  # a path id, "tie", or None (not enough answers)
    agrees: bool | None = None
    gaps: Mapping[str, float] = field(default_factory=dict)  # path -> preference minus fit
    primary: str | None = None
    secondary: str | None = None
    mentor_flags: tuple[tuple[str, str], ...] = ()  # (style, blind_spot|hidden_strength)
    split_status: str | None = None  # the latest week's: balanced / inward / outward
    delivery_share: float | None = None
    plan_status: str | None = None  # the latest measured week against the transition plan
    pilots: tuple[PilotDigest, ...] = ()
    audit_scores: Mapping[str, float] = field(default_factory=dict)
    pitfalls: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()  # sections that could not be read (counted, not shown)


class Contents:
    """Every domain's content, loaded once for a whole cohort."""

    def __init__(self) -> None:
        from playbook import leadership

        self.by_section = {name: domain(name).load_content() for name in _READERS}
        self.instrument: leadership.Instrument = self.by_section["leadership"]


def _begun(data: Any) -> bool:
    return isinstance(data, Mapping) and any(bool(v) for v in data.values())


def digest(record: Mapping[str, Any], contents: Contents) -> Digest:
    """Reduce one workbook record (already read and upgraded) to what the cohort counts.

    A section that cannot be read is counted as a problem and left out; the rest still count.
    """
    raw = record.get("sections") or {}
    begun = tuple(n for n in sections() if _begun(raw.get(n)))
    found: dict[str, Any] = {"begun": begun}
    problems = []
    for name in begun:
        reader = _READERS.get(name)
        if reader is None:  # a part the cohort does not aggregate: counted as begun only
            continue
        try:
            found.update(reader(raw[name], contents))
        except (PlaybookError, ValueError):  # pydantic's ValidationError is a ValueError
            problems.append(name)
    return Digest(**found, problems=tuple(problems))


def _career(data: Mapping[str, Any], contents: Contents) -> dict[str, Any]:
    # career.assess also searches which answer changes would change the recommendation (about
    # 0.1 s a workbook, most of a cohort's time), which the cohort does not show; so the
    # recommendation, agreement and gaps are made here from the same public scoring functions
    # (tests/test_cohort.py checks them against career.assess on generated workbooks).
    from playbook import career

    content = contents.by_section["career"]
    section = career.parse_section(data, content)
    fit = career.score_paths(content.context_questions, section.context)
    pref = career.score_paths(content.preference_questions, section.preference)
    answered = sum(1 for q in content.context_questions if q.id in section.context)
    leaders = career.leaders(fit) if answered >= content.thresholds.min_context_answers else []
    preferred = career.leaders(pref)
    recommended = None
    if leaders:
        recommended = leaders[0] if len(leaders) == 1 else "tie"
    agrees = bool(set(leaders) & set(preferred)) if leaders and preferred else None
    gaps = {}
    for p in fit:
        f, s = fit[p].score, pref[p].score
        if f is not None and s is not None:
            gaps[p] = round(s - f, 1)
    return {"recommended": recommended, "agrees": agrees, "gaps": gaps}


def _leadership(data: Mapping[str, Any], contents: Contents) -> dict[str, Any]:
    # The section is read against the instrument loaded once for the cohort (the contract's
    # one-argument parse_section would load it again for every workbook).
    from playbook import leadership

    section = leadership.parse_section(data, contents.instrument)
    a = leadership.assess(section, contents.instrument)
    flags = tuple(sorted((g.style, g.flag) for g in a.mentor_gaps.values() if g.flag))
    return {"primary": a.primary, "secondary": a.secondary, "mentor_flags": flags}


def _time_split(data: Mapping[str, Any], contents: Contents) -> dict[str, Any]:
    from playbook import time_split

    content = contents.by_section["time_split"]
    section = time_split.parse_section(data)
    result = time_split.assess(section, content)
    latest = result.latest
    out: dict[str, Any] = {}
    if latest is not None:
        out["split_status"] = latest.status
        out["delivery_share"] = latest.delivery_share
    if section.plan.start_date is not None:  # a plan the participant set up
        plan = time_split.transition_plan(section.plan, content)
        measured = [
            w
            for w in time_split.plan_progress(plan, result.report)
            if w.status not in ("no data", "before the plan")
        ]
        out["plan_status"] = measured[-1].status if measured else "no data yet"
    return out


def _pilots(data: Mapping[str, Any], contents: Contents) -> dict[str, Any]:
    pilots = domain("pilots")
    content = contents.by_section["pilots"]
    section = pilots.parse_section(data)
    result = pilots.assess(section, content)
    suggested = {m.id for m in content.metrics}
    out = []
    for pilot, r in zip(section.pilots, result.pilots, strict=True):
        metrics = tuple(sorted({m.id if m.id in suggested else "own" for m in pilot.metrics}))
        signal = any(v in ("better", "worse") for v in r.verdicts.values())
        out.append(PilotDigest(r.decision or "undecided", metrics, signal))
    return {"pilots": tuple(out)}


def _audit(data: Mapping[str, Any], contents: Contents) -> dict[str, Any]:
    from playbook import audit

    content = contents.by_section["audit"]
    r = audit.assess(audit.parse_section(data, content), content)
    scores = {k: v for k, v in r.scores.items() if v is not None}
    pitfalls = tuple(f.pitfall.id for f in audit.pitfalls_indicated(r.scores, content))
    return {"audit_scores": scores, "pitfalls": pitfalls}


_READERS = {
    "career": _career,
    "leadership": _leadership,
    "time_split": _time_split,
    "pilots": _pilots,
    "audit": _audit,
}


# --------------------------------------------------------------------------------------------
# Tables with small groups hidden
# --------------------------------------------------------------------------------------------

Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    """One aggregate table: a header and rows of (group labels..., workbooks, numbers...).

    ``rows`` holds only the groups of at least the minimum; ``hidden`` says how many groups
    were left out. ``count_column`` is the column with the number of workbooks.
    """

    id: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    hidden: int
    min_group: int
    count_column: int
    note: str = ""

    @property
    def hidden_note(self) -> str:
        """What the page says about hidden groups ("" when none was hidden)."""
        if not self.hidden:
            return ""
        groups = "group" if self.hidden == 1 else "groups"
        return (
            f"{self.hidden} {groups} of fewer than {self.min_group} workbooks hidden, so that "
            "no one's answers can be read off."
        )


def suppress(
    rows: Iterable[tuple[Cell, ...]], min_group: int, count_column: int
) -> tuple[tuple[tuple[Cell, ...], ...], int]:
    """The rows whose group has at least ``min_group`` workbooks, and how many were hidden.

    Examples
    --------
    >>> suppress([("a", 2), ("b", 3), ("c", 0)], 3, 1)
    ((('b', 3),), 1)

    A group of no workbooks is not a group: it is dropped without counting as hidden.
    """
    kept, hidden = [], 0
    for row in rows:
        n = row[count_column]
        assert isinstance(n, int)
        if n >= min_group:
            kept.append(tuple(row))
        elif n > 0:
            hidden += 1
    return tuple(kept), hidden


def _mean(values: Sequence[float]) -> float:
    return round(math.fsum(values) / len(values), 2)


@dataclass(frozen=True)
class Cohort:
    """The cohort's aggregate tables (no person-level rows), in page order."""

    n_workbooks: int
    tables: tuple[Table, ...]
    alphas: tuple[AlphaRow, ...]
    min_group: int
    min_alpha_workbooks: int
    unreadable_parts: int = 0

    def table(self, table_id: str) -> Table:
        """The table with this id.

        >>> summarize([], load_content()).table("styles").title
        'Primary and secondary leadership styles'
        """
        from playbook.contract import by_id

        return by_id(self.tables, table_id, "cohort table")


def _names(contents: Contents) -> dict[str, dict[str, str]]:
    """Display names of the content ids the tables group by."""
    c, ld, p, a = (contents.by_section[s] for s in ("career", "leadership", "pilots", "audit"))
    titles = {w.section: w.title for w in workbooks() if w.section}
    return {
        "section": titles,
        "path": {x.id: x.name for x in c.paths} | {"tie": "A tie between paths"},
        "style": {s.id: s.name for s in ld.styles},
        "metric": {m.id: m.name for m in p.metrics} | {"own": "A metric of their own"},
        "decision": {d.id: d.label for d in p.decisions} | {"undecided": "Not decided yet"},
        "area": {x.id: x.name for x in a.areas},
        "pitfall": {x.id: x.name for x in a.pitfalls},
    }


def summarize(
    records: Iterable[Mapping[str, Any]],
    content: CohortContent,
    *,
    contents: Contents | None = None,
    digests: Sequence[Digest] | None = None,
) -> Cohort:
    """Every aggregate of the cohort from its workbook records (already read and upgraded).

    ``digests`` (one per record, from :func:`digest`) may be given when already computed.
    """
    records = list(records)
    contents = contents or Contents()
    if digests is None:
        digests = [digest(r, contents) for r in records]
    names = _names(contents)
    k = content.min_group
    builder = _Builder(k, names)
    builder.progress(digests)
    builder.career(digests, content.gap_band_points)
    builder.leadership(digests)
    builder.time_split(digests, content.delivery_bin)
    builder.pilots(digests)
    builder.audit(digests)
    return Cohort(
        n_workbooks=len(digests),
        tables=tuple(builder.tables),
        alphas=alpha_rows(records, contents, content.min_alpha_workbooks),
        min_group=k,
        min_alpha_workbooks=content.min_alpha_workbooks,
        unreadable_parts=sum(len(d.problems) for d in digests),
    )


class _Builder:
    """Builds the tables one family at a time (each method one family of results)."""

    def __init__(self, min_group: int, names: dict[str, dict[str, str]]) -> None:
        self.k, self.names = min_group, names
        self.tables: list[Table] = []

    def add(
        self,
        id: str,
        title: str,
        header: Sequence[str],
        rows: Iterable[tuple[Cell, ...]],
        count_column: int = 1,
        note: str = "",
    ) -> None:
        kept, hidden = suppress(rows, self.k, count_column)
        self.tables.append(
            Table(id, title, tuple(header), kept, hidden, self.k, count_column, note)
        )

    def name(self, kind: str, id: str) -> str:
        return self.names[kind].get(id, id)

    def progress(self, ds: Sequence[Digest]) -> None:
        total = len(sections())
        by_n = Counter(len(d.begun) for d in ds)
        self.add(
            "progress",
            "How far each workbook got (parts begun)",
            ("Parts begun", "Workbooks"),
            [(f"{n} of {total}", by_n[n]) for n in range(total + 1)],
        )
        by_part = Counter(p for d in ds for p in d.begun)
        self.add(
            "parts",
            "Workbooks that began each part",
            ("Part", "Workbooks"),
            [(self.name("section", s), by_part[s]) for s in sections()],
        )

    def career(self, ds: Sequence[Digest], band: float) -> None:
        paths = [p for p in self.names["path"] if p != "tie"]
        rec = Counter(d.recommended for d in ds if d.recommended)
        self.add(
            "paths",
            "Recommended career paths (by the environment)",
            ("Path", "Workbooks"),
            [(self.name("path", p), rec[p]) for p in [*paths, "tie"]],
        )
        gaps: Counter[tuple[str, str]] = Counter()
        for d in ds:
            for p, g in d.gaps.items():
                side = "higher" if g > band else "lower" if g < -band else "close"
                gaps[(p, side)] += 1
        sides = {
            "lower": f"Preference below fit by more than {band:g} points",
            "close": f"Within {band:g} points",
            "higher": f"Preference above fit by more than {band:g} points",
        }
        self.add(
            "career_gaps",
            "Preference against the environment's fit, per path",
            ("Path", "Gap", "Workbooks"),
            [(self.name("path", p), sides[s], gaps[(p, s)]) for p in paths for s in sides],
            count_column=2,
        )
        agree = Counter(d.agrees for d in ds if d.agrees is not None)
        self.add(
            "career_agree",
            "Preference and environment point to the same path",
            ("Preference and environment", "Workbooks"),
            [("Agree", agree[True]), ("Differ", agree[False])],
        )

    def leadership(self, ds: Sequence[Digest]) -> None:
        styles = list(self.names["style"])
        prim = Counter(d.primary for d in ds if d.primary)
        sec = Counter(d.secondary for d in ds if d.secondary)
        self.add(
            "styles",
            "Primary and secondary leadership styles",
            ("Style", "Role", "Workbooks"),
            [(self.name("style", s), "primary", prim[s]) for s in styles]
            + [(self.name("style", s), "secondary", sec[s]) for s in styles],
            count_column=2,
        )
        flags = Counter(f for d in ds for f in d.mentor_flags)
        words = {"blind_spot": "blind spot", "hidden_strength": "hidden strength"}
        rows = [(self.name("style", s), words[f], n) for (s, f), n in flags.most_common()]
        self.add(
            "mentor_gaps",
            "Most common self-mentor gaps",
            ("Style", "Gap", "Workbooks"),
            rows,
            count_column=2,
            note="From mentors' ratings kept in the workbooks (rating files the owner imported).",
        )

    def time_split(self, ds: Sequence[Digest], width: float) -> None:
        status = Counter(d.split_status for d in ds if d.split_status)
        words = {
            "balanced": "On target",
            "inward": "More delivery than the target",
            "outward": "Less delivery than the target",
        }
        self.add(
            "split_status",
            "The latest week's 70/30 split against the target",
            ("Latest week", "Workbooks"),
            [(w, status[s]) for s, w in words.items()],
        )
        shares = [d.delivery_share for d in ds if d.delivery_share is not None]
        n_bins = round(1 / width)
        bins = Counter(min(int(s / width + 1e-9), n_bins - 1) for s in shares)
        self.add(
            "delivery",
            "The latest week's delivery share",
            ("Delivery share", "Workbooks"),
            [(f"{i * width:.0%}-{(i + 1) * width:.0%}", bins[i]) for i in range(n_bins)],
        )
        plan = Counter(d.plan_status for d in ds if d.plan_status)
        self.add(
            "plan",
            "Transition plans: the latest measured week against the plan",
            ("Against the plan", "Workbooks"),
            [(s.capitalize(), plan[s]) for s in ("ahead", "on track", "behind", "no data yet")],
        )

    def pilots(self, ds: Sequence[Digest]) -> None:
        decisions = list(self.names["decision"])
        rows: list[tuple[Cell, ...]] = []
        for dec in decisions:
            books = [d for d in ds if any(p.decision == dec for p in d.pilots)]
            ps = [p for d in ds for p in d.pilots if p.decision == dec]
            signal = sum(p.signal for p in ps)
            rows.append(
                (self.name("decision", dec), len(books), len(ps), signal, _share(signal, len(ps)))
            )
        header = ("Decision", "Workbooks", "Pilots", "Showed a signal", "Share with a signal")
        self.add("pilot_decisions", "Pilots by decision", header, rows)
        rows = []
        for metric in self.names["metric"]:
            books = [d for d in ds if any(metric in p.metrics for p in d.pilots)]
            ps = [p for d in ds for p in d.pilots if metric in p.metrics]
            signal = sum(p.signal for p in ps)
            rows.append(
                (self.name("metric", metric), len(books), len(ps), signal, _share(signal, len(ps)))
            )
        self.add(
            "pilot_metrics",
            "Pilots by what they measured",
            ("Metric",) + header[1:],
            rows,
            note="Grouped by the playbook's metrics: a practice's name is the participant's "
            "own words, so it is not shown.",
        )

    def audit(self, ds: Sequence[Digest]) -> None:
        rows: list[tuple[Cell, ...]] = []
        for area in self.names["area"]:
            scores = [d.audit_scores[area] for d in ds if area in d.audit_scores]
            rows.append((self.name("area", area), len(scores), _mean(scores) if scores else None))
        self.add(
            "audit_scores",
            "Audit scores per area (latest quarter)",
            ("Area", "Workbooks", "Average score"),
            rows,
        )
        pit = Counter(p for d in ds for p in d.pitfalls)
        self.add(
            "pitfalls",
            "Most common pitfalls the audits point to",
            ("Pitfall", "Workbooks"),
            [(self.name("pitfall", p), n) for p, n in pit.most_common()]
            + [(self.name("pitfall", p), 0) for p in self.names["pitfall"] if p not in pit],
        )


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def alpha_rows(
    records: Sequence[Mapping[str, Any]], contents: Contents, min_workbooks: int
) -> tuple[AlphaRow, ...]:
    """Each leadership scale's Cronbach's alpha across the workbooks
    (:func:`playbook.leadership.workbook_alphas`), withheld below ``min_workbooks``.

    The number of workbooks is those with leadership answers (the respondents alpha used).
    """
    from playbook import leadership

    answer_sets, _ = leadership.answers_from_records(records, contents.instrument)
    n = len(answer_sets)
    if n < min_workbooks:
        reason = f"shown from {min_workbooks} workbooks with leadership answers ({n} so far)"
        return tuple(
            AlphaRow(s.id, None, n, len(contents.instrument.items_of(s.id)), reason)
            for s in contents.instrument.styles
        )
    alphas = leadership.scale_alphas(answer_sets, contents.instrument)
    return tuple(
        AlphaRow(s, None if r.alpha is None else round(r.alpha, 3), n, r.n_items, r.reason)
        for s, r in alphas.items()
    )


# --------------------------------------------------------------------------------------------
# Coaches
# --------------------------------------------------------------------------------------------

_CODE = re.compile(r"^[0-9a-f]{16}$")


def coach_code(workbook_id: str) -> str:
    """The code a coach gives the people they coach, so that they can share their workbooks
    with the coach: derived from the coach's own workbook (no key or id can be read from it).

    Examples
    --------
    >>> coach_code("abc") == coach_code("abc") != coach_code("abd"), len(coach_code("abc"))
    (True, 16)
    """
    return hashlib.sha256(f"playbook-coach:{workbook_id}".encode()).hexdigest()[:16]


def check_coach_code(text: str) -> str:
    """A coach's code as given in a link; ``InputError`` when it is not one.

    >>> check_coach_code(" 0123456789abcdef ")
    '0123456789abcdef'
    """
    code = text.strip().lower()
    if not _CODE.match(code):
        raise InputError(
            "This coach's link is not complete: its coach code should be 16 letters and "
            "digits. Ask your coach to send the link again."
        )
    return code


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileProblem:
    """A file that could not be read, and why (for the coach who loaded it)."""

    name: str
    message: str


def read_files(
    files: Iterable[tuple[str, bytes]],
) -> tuple[list[dict[str, Any]], list[FileProblem]]:
    """Read downloaded workbook files (checked, upgraded and validated as the start page does);
    a file that cannot be read is set aside with its message, the others still count."""
    from playbook.record import parse_workbook_file

    records, problems = [], []
    for name, data in files:
        try:
            records.append(parse_workbook_file(data))
        except PlaybookError as err:
            problems.append(FileProblem(name, str(err)))
    return records, problems
