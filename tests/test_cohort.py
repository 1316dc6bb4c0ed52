"""The coach's cohort aggregates (playbook/cohort.py), on hand-built workbook records."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd
import pingouin
import pytest

from playbook import audit, career, cohort, leadership
from playbook.contract import sections
from playbook.errors import ContentError
from playbook.record import dump_workbook_file, new_record, validate_sections
from tests.test_cohort_records import SECRET, make_record

CONTENT = cohort.load_content()


def record(**sections: Any) -> dict[str, Any]:
    r = new_record()
    r["sections"] = validate_sections(sections)
    return r


def career_for(path: str) -> dict[str, Any]:
    """Every context question answered with the option that weighs most for ``path``; the
    preference questions likewise (so preference and environment agree)."""
    c = career.load_content()

    def best(q: career.Question) -> str:
        return max(q.options, key=lambda o: o.weights[path] - max(o.weights.values()) / 10).id

    return {
        "context": {q.id: best(q) for q in c.context_questions},
        "preference": {q.id: best(q) for q in c.preference_questions},
    }


def leadership_for(high: str, mid: str, mentor_high: str | None = None) -> dict[str, Any]:
    """Answers 5 on ``high``'s items, 3 on ``mid``'s, 1 on the rest (reverse-keyed items
    mirrored); optionally a mentor's rating file that sees ``mentor_high`` instead."""
    inst = leadership.load_content()

    def answers(top: str, middle: str) -> dict[str, int]:
        level = {top: 5, middle: 3}
        out = {}
        for i in inst.items:
            v = level.get(i.style, 1)
            out[i.id] = 6 - v if i.reverse else v
        return out

    section: dict[str, Any] = {
        "instrument_version": inst.instrument_version,
        "answers": answers(high, mid),
    }
    if mentor_high:
        rating = leadership.new_rating(inst, "mentor")
        rating.update(answers=answers(mentor_high, high), rater="m1")
        section["file_ratings"] = [rating]
    return section


def week(delivery: float, plan: bool = False) -> dict[str, Any]:
    """A week of 40 hours, ``delivery`` of them delivery (hands-on technical work when the
    workbook has a transition plan, so the plan has a technical share to follow)."""
    kind = "hands_on" if plan else "delivery"
    entries = [
        {
            "id": "a",
            "source": "manual",
            "day": "2026-03-02",
            "hours": delivery,
            "category": kind,
        },
        {
            "id": "b",
            "source": "manual",
            "day": "2026-03-03",
            "hours": 40 - delivery,
            "category": "visibility",
        },
    ]
    section: dict[str, Any] = {"entries": entries}
    if plan:
        section["plan"] = {"start_date": "2026-03-02", "start_share": 0.7, "target_share": 0.3}
    return section


BASE = [10, 11, 10, 9, 10, 11, 9, 10]


def pilot(pid: str, after: list[float], decision: str | None) -> dict[str, Any]:
    """A pilot on team feedback (higher is better): 8 weekly baseline points, then ``after``."""
    values = BASE + after
    return {
        "id": pid,
        "practice": f"{SECRET} practice",
        "metrics": [{"id": "team_feedback", "name": "Team feedback score", "better": "higher"}],
        "baseline_start": "2026-01-05",
        "change_date": "2026-03-02",
        "measurements": [
            {"metric": "team_feedback", "date": _monday(w), "value": v}
            for w, v in enumerate(values)
        ],
        "decision": {"choice": decision, "reason": f"{SECRET} why", "decided_on": "2026-05-01"}
        if decision
        else {},
    }


def _monday(w: int) -> str:
    return (dt.date(2026, 1, 5) + dt.timedelta(weeks=w)).isoformat()


def audit_at(level: int) -> dict[str, Any]:
    """Every audit item answered so that each area scores ``level``."""
    c = audit.load_content()
    answers = {i.id: (6 - level if i.reverse else level) for a in c.areas for i in a.items}
    return {"quarters": [{"quarter": "2026-Q1", "answers": answers, "notes": f"{SECRET} notes"}]}


def rows(c: cohort.Cohort, table: str) -> dict[Any, tuple[Any, ...]]:
    """A table's rows by their first cell (or first two cells when the group has two)."""
    t = c.table(table)
    key = t.count_column
    return {(r[0] if key == 1 else tuple(r[:key])): r[key:] for r in t.rows}


# --------------------------------------------------------------------------------------------


def test_a_group_of_two_is_hidden_and_a_group_of_three_shown():
    """Is the suppression rule exact at its boundary (2 hidden, 3 shown), with a note?"""
    records = [record(career=career_for("technical_specialist")) for _ in range(3)]
    records += [record(career=career_for("community_builder")) for _ in range(2)]
    c = cohort.summarize(records, CONTENT)
    paths = rows(c, "paths")
    assert paths == {"Technical Specialist": (3,)}
    assert c.table("paths").hidden == 1
    assert "1 group of fewer than 3 workbooks hidden" in c.table("paths").hidden_note
    # one more, and the group of Community Builders is shown
    records.append(record(career=career_for("community_builder")))
    c = cohort.summarize(records, CONTENT)
    assert rows(c, "paths") == {"Technical Specialist": (3,), "Community Builder": (3,)}
    assert c.table("paths").hidden == 0 and c.table("paths").hidden_note == ""


def test_the_minimum_is_the_coachs_to_change(tmp_path, monkeypatch):
    """Does a coach's cohort.yaml change the minimum, and is a minimum of 1 refused?"""
    from playbook.content import content_path

    original = content_path("cohort").read_text(encoding="utf-8")
    (tmp_path / "cohort.yaml").write_text(original.replace("min_group: 3", "min_group: 2"))
    monkeypatch.setenv("PLAYBOOK_CONTENT", str(tmp_path))
    assert cohort.load_content().min_group == 2
    (tmp_path / "cohort.yaml").write_text(original.replace("min_group: 3", "min_group: 1"))
    with pytest.raises(ContentError, match="cohort.yaml"):
        cohort.load_content()


def test_progress_counts_the_parts_each_workbook_began():
    """Are workbooks counted by how many parts they began, and each part by its workbooks?"""
    ts = career_for("technical_specialist")
    records = [record(career=ts)] * 3 + [record(career=ts, audit=audit_at(3))] * 4
    records += [record()] * 3  # opened, nothing answered
    c = cohort.summarize(records, CONTENT)
    assert c.n_workbooks == 10
    n = len(sections())
    assert rows(c, "progress") == {f"0 of {n}": (3,), f"1 of {n}": (3,), f"2 of {n}": (4,)}
    assert rows(c, "parts") == {"Career path": (7,), "Quarterly audit": (4,)}


def test_career_paths_agreement_and_gaps_are_counted_by_the_domains_own_results():
    """Do the path, agreement and gap tables count what career.assess says of each workbook?"""
    ts, hi = career_for("technical_specialist"), career_for("hybrid_integrator")
    differ = dict(ts, preference=career_for("community_builder")["preference"])
    records = [record(career=ts)] * 3 + [record(career=hi)] * 3 + [record(career=differ)] * 4
    c = cohort.summarize(records, CONTENT)
    assert rows(c, "paths") == {"Technical Specialist": (7,), "Hybrid Integrator": (3,)}
    assert rows(c, "career_agree") == {"Agree": (6,), "Differ": (4,)}
    # the gap bands, from career.assess's own gaps (preference minus fit, in points)
    band = CONTENT.gap_band_points
    expected: dict[tuple[str, str], int] = {}
    names = {p.id: p.name for p in career.load_content().paths}
    for r in records:
        a = career.assess(career.parse_section(r["sections"]["career"]), career.load_content())
        for p, g in a.gap.items():
            assert g is not None
            side = (
                f"Preference above fit by more than {band:g} points"
                if g > band
                else f"Preference below fit by more than {band:g} points"
                if g < -band
                else f"Within {band:g} points"
            )
            expected[(names[p], side)] = expected.get((names[p], side), 0) + 1
    shown = {k: v for k, v in expected.items() if v >= 3}
    assert {k: v[0] for k, v in rows(c, "career_gaps").items()} == shown
    assert c.table("career_gaps").hidden == sum(1 for v in expected.values() if 0 < v < 3)


def test_the_cohorts_career_reading_matches_career_assess():
    """Does the cohort's quicker reading of a career section (it skips the search of answer
    changes) give career.assess's recommendation, agreement and gaps, on 60 workbooks?"""
    content = cohort.Contents()
    for seed in range(15):
        data = make_record(seed)["sections"]["career"]
        a = career.assess(career.parse_section(data), content.by_section["career"])
        d = cohort.digest({"sections": {"career": data}}, content)
        expected = (
            (a.recommended[0] if len(a.recommended) == 1 else "tie") if a.recommended else None
        )
        assert d.parts["career"].recommended == expected
        assert d.parts["career"].agrees == a.agrees
        assert d.parts["career"].gaps == {p: g for p, g in a.gap.items() if g is not None}


def test_styles_and_the_most_common_mentor_gaps():
    """Are primary and secondary styles counted, and self-mentor gaps by style and kind?"""
    records = [record(leadership=leadership_for("facilitator", "architect"))] * 3
    records += [record(leadership=leadership_for("architect", "integrator", "integrator"))] * 4
    c = cohort.summarize(records, CONTENT)
    assert rows(c, "styles") == {
        ("Facilitator", "primary"): (3,),
        ("Architect", "primary"): (4,),
        ("Architect", "secondary"): (3,),
        ("Integrator", "secondary"): (4,),
    }
    # the mentor sees integrator at 5 where the owner said 3 (hidden strength), and architect
    # at 3 where the owner said 5 (blind spot); the reference is leadership.assess
    a = leadership.assess(
        leadership.parse_section(records[-1]["sections"]["leadership"]), leadership.load_content()
    )
    flagged = {(g.style, g.flag) for g in a.mentor_gaps.values() if g.flag}
    assert flagged == {("architect", "blind_spot"), ("integrator", "hidden_strength")}
    assert rows(c, "mentor_gaps") == {
        ("Architect", "blind spot"): (4,),
        ("Integrator", "hidden strength"): (4,),
    }


def test_the_70_30_split_and_transition_plans():
    """Is the latest week counted against the target (status and share bins), and each
    transition plan by its latest measured week?"""
    records = [record(time_split=week(28))] * 3  # 70%: on target
    records += [record(time_split=week(36, plan=True))] * 4  # 90%: inward; plan says 70% now
    records += [record(time_split=week(20))] * 2  # 50%: outward, a group of 2
    c = cohort.summarize(records, CONTENT)
    assert rows(c, "split_status") == {"On target": (3,), "More delivery than the target": (4,)}
    assert c.table("split_status").hidden == 1
    assert rows(c, "delivery") == {"70%-80%": (3,), "90%-100%": (4,)}
    # 90% delivery, 10% visibility: technical share vs the plan's line just under 70%
    # 90% hands-on work in the plan's first week, whose line is at about 70%: behind
    assert rows(c, "plan") == {"Behind": (4,)}


def test_pilots_by_decision_and_metric_with_the_share_that_showed_a_signal():
    """Are pilots counted by decision and metric, with the share whose verdict showed a change
    (better or worse: the charts' signal and the interval agreeing)?"""
    moved = [15, 16, 15, 14, 15, 16, 14, 15]  # clearly higher: better
    flat = [10, 11, 9, 10, 11, 10, 9, 10]  # no change
    records = [record(pilots={"pilots": [pilot("p1", moved, "adopt")]})] * 3
    records += [
        record(pilots={"pilots": [pilot("p1", flat, "abandon"), pilot("p2", flat, None)]})
    ] * 3
    c = cohort.summarize(records, CONTENT)
    decisions = rows(c, "pilot_decisions")
    assert decisions["Adopt"] == (3, 3, 3, 1.0)
    assert decisions["Abandon"] == (3, 3, 0, 0.0)
    assert decisions["Not decided yet"] == (3, 3, 0, 0.0)
    assert rows(c, "pilot_metrics") == {"Team feedback score": (6, 9, 3, 0.333)}


def test_audit_scores_per_area_and_the_most_common_pitfalls():
    """Is each area's average over the workbooks that scored it, and each pitfall counted?"""
    records = [record(audit=audit_at(2))] * 3 + [record(audit=audit_at(4))] * 3
    c = cohort.summarize(records, CONTENT)
    assert rows(c, "audit_scores") == {
        "Resilience": (6, 3.0),
        "Balance": (6, 3.0),
        "Communication": (6, 3.0),
        "Human element": (6, 3.0),
    }
    assert {k: v[0] for k, v in rows(c, "pitfalls").items()} == {
        p.name: 3 for p in audit.load_content().pitfalls
    }
    few = cohort.summarize(records[:2], CONTENT)  # an average of 2 workbooks is hidden too
    # four areas hidden: the article's three and the human element (issue 21)
    assert rows(few, "audit_scores") == {} and few.table("audit_scores").hidden == 4


def test_alpha_matches_pingouin_on_the_same_records():
    """Is each scale's alpha across 25 workbooks pingouin's cronbach_alpha of the same item
    matrix (reverse-keyed items reversed), with the number of workbooks used?"""
    records = [make_record(seed) for seed in range(40)]
    records = [r for r in records if "leadership" in r["sections"]][:25]
    assert len(records) == 25
    inst = leadership.load_content()
    alphas = cohort.alpha_rows(records, cohort.Contents(), CONTENT.min_alpha_workbooks)
    for row in alphas:
        items = inst.items_of(row.style)
        matrix = pd.DataFrame(
            [
                [
                    6 - r["sections"]["leadership"]["answers"][i.id]
                    if i.reverse
                    else r["sections"]["leadership"]["answers"][i.id]
                    for i in items
                ]
                for r in records
            ]
        )
        reference, _ci = pingouin.cronbach_alpha(data=matrix)
        assert row.alpha == pytest.approx(reference, abs=5e-4)
        assert (row.n_workbooks, row.n_items) == (25, len(items))


def test_alpha_is_withheld_below_the_minimum_of_workbooks():
    """Is alpha given only from 20 workbooks with leadership answers (19: withheld)?"""
    records = [r for r in (make_record(s) for s in range(40)) if "leadership" in r["sections"]]
    contents, least = cohort.Contents(), CONTENT.min_alpha_workbooks
    assert least == 20
    few = cohort.alpha_rows(records[:19], contents, least)
    assert all(a.alpha is None and a.n_workbooks == 19 for a in few)
    assert "from 20 workbooks" in few[0].reason
    enough = cohort.alpha_rows(records[:20], contents, least)
    assert all(a.alpha is not None and a.n_workbooks == 20 for a in enough)


def test_no_free_text_reaches_any_table():
    """Is nothing a participant typed (practice, notes, reasons, own metric, own areas) in any
    table of 20 generated workbooks?"""
    c = cohort.summarize([make_record(s) for s in range(20)], CONTENT)
    assert SECRET not in repr(c)


def test_unreadable_files_are_set_aside_with_their_message():
    """Is a broken file named with its problem while the others still count?"""
    good = dump_workbook_file(make_record(1))
    records, problems = cohort.read_files(
        [("a.json", good), ("b.json", b"{not json"), ("c.json", json.dumps({"x": 1}).encode())]
    )
    assert len(records) == 1
    assert [p.name for p in problems] == ["b.json", "c.json"]
    assert "damaged" in problems[0].message and "not a playbook workbook" in problems[1].message
