"""Varied, realistic workbook records for the cohort tests, the browser test and the benchmark.

:func:`make_record` fills each part the way a participant would, with the domains' own
content (question and option ids, items, metrics, audit items), and its output is read back by
the same code that reads a downloaded workbook file (the tests below check that), so the
records have the shape the current playbook writes.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import random
from typing import Any

from playbook import audit, career, leadership, pilots, time_split
from playbook.record import (
    dump_workbook_file,
    new_record,
    parse_workbook_file,
    validate_sections,
)

#: Free text every generated workbook carries (pilot practice, audit notes, own metric name):
#: the cohort view must never show it.
SECRET = "SECRET-NOTE"


@functools.cache
def _content(module: str) -> Any:
    """Each domain's content, loaded once for all the generated records."""
    return {"career": career, "leadership": leadership, "pilots": pilots, "audit": audit}[
        module
    ].load_content()


def _career(rng: random.Random) -> dict[str, Any]:
    c = _content("career")
    answered = rng.choice([len(c.context_questions)] * 4 + [1])  # a few barely started
    qs = rng.sample(list(c.context_questions), answered)
    return {
        "context": {q.id: rng.choice(q.options).id for q in qs},
        "preference": {q.id: rng.choice(q.options).id for q in c.preference_questions},
        "areas": [a.id for a in rng.sample(list(c.adjacent_areas), 3)],
        "own_areas": [f"{SECRET} area"],
    }


def _leadership(rng: random.Random, mentor: bool) -> dict[str, Any]:
    inst = _content("leadership")
    styles = [s.id for s in inst.styles]
    trait = {s: rng.gauss(3, 1) for s in styles}  # one latent level per style: alpha is real

    def answers() -> dict[str, int]:
        out = {}
        for item in inst.items:
            v = min(5, max(1, round(trait[item.style] + rng.gauss(0, 0.8))))
            out[item.id] = 6 - v if item.reverse else v
        return out

    def orders() -> dict[str, list[str]]:
        return {
            b.id: sorted(styles, key=lambda s: -trait[s] + rng.gauss(0, 0.7))
            for b in inst.forced_choice
        }

    section: dict[str, Any] = {
        "instrument_version": inst.instrument_version,
        "answers": answers(),
        "forced_choice": orders(),
    }
    if mentor:
        trait = {s: rng.gauss(3, 1.2) for s in styles}  # the mentor sees someone else
        rating = leadership.new_rating(inst, "mentor")
        rating.update(answers=answers(), forced_choice=orders(), rater=f"m{rng.randrange(10**6)}")
        section["file_ratings"] = [rating]
    return section


def _time_split(rng: random.Random, plan: bool) -> dict[str, Any]:
    monday = dt.date(2026, 3, 2)
    entries = []
    for week in range(rng.randint(1, 4)):
        delivery = rng.uniform(20, 38)
        for i, (hours, cat) in enumerate([(delivery, "delivery"), (40 - delivery, "visibility")]):
            day = monday + dt.timedelta(weeks=week, days=i)
            entries.append(
                {
                    "id": f"w{week}-{i}",
                    "source": "manual",
                    "day": day.isoformat(),
                    "hours": round(hours, 1),
                    "category": cat,
                }
            )
    section: dict[str, Any] = {"entries": entries}
    if plan:
        section["plan"] = {
            "start_share": 0.7,
            "target_share": 0.3,
            "months": 6,
            "start_date": "2026-02-02",
        }
    return section


def _pilot(rng: random.Random, n: int) -> dict[str, Any]:
    content = _content("pilots")
    chosen = rng.sample(list(content.metrics), 2)
    metrics = [{"id": m.id, "name": m.name, "unit": m.unit, "better": m.better} for m in chosen]
    if rng.random() < 0.2:
        metrics.append({"id": "own", "name": f"{SECRET} metric", "unit": "", "better": "higher"})
    start = dt.date(2026, 1, 5)
    change = start + dt.timedelta(weeks=8)
    shift = rng.choice([0, 0, 3])  # some pilots move their metrics clearly
    measurements = []
    for m in metrics:
        sign = 1 if m["better"] == "higher" else -1
        for week in range(16):
            value = 10 + rng.gauss(0, 1) + (sign * shift if week >= 8 else 0)
            day = start + dt.timedelta(weeks=week)
            measurements.append(
                {"metric": m["id"], "date": day.isoformat(), "value": round(value, 2)}
            )
    decision: dict[str, Any] = {}
    choice = rng.choice([None, "adopt", "adapt", "abandon"])
    if choice:
        decision = {"choice": choice, "reason": f"{SECRET} reason", "decided_on": "2026-04-30"}
    return {
        "id": f"pilot-{n}",
        "practice": f"{SECRET} practice {n}",
        "project": "P",
        "metrics": metrics,
        "baseline_start": start.isoformat(),
        "change_date": change.isoformat(),
        "measurements": measurements,
        "decision": decision,
    }


def _audit(rng: random.Random) -> dict[str, Any]:
    content = _content("audit")
    level = rng.uniform(1.5, 4.5)
    answers = {
        i.id: min(5, max(1, round(level + rng.gauss(0, 0.8))))
        for a in content.areas
        for i in a.items
    }
    return {
        "quarters": [
            {
                "quarter": "2026-Q1",
                "answers": answers,
                "notes": f"{SECRET} notes",
                "actions": [{"text": f"{SECRET} action", "owner": "me"}],
            }
        ]
    }


def make_record(seed: int) -> dict[str, Any]:
    """One participant's workbook, filled as far as a participant of a workshop might get."""
    rng = random.Random(seed)
    record = new_record()
    parts = rng.choice([5, 5, 5, 4, 3, 2, 1])
    sections: dict[str, Any] = {"career": _career(rng)}
    if parts >= 2:
        sections["leadership"] = _leadership(rng, mentor=rng.random() < 0.4)
    if parts >= 3:
        sections["time_split"] = _time_split(rng, plan=rng.random() < 0.5)
    if parts >= 4:
        sections["pilots"] = {"pilots": [_pilot(rng, n) for n in range(rng.randint(0, 2))]}
    if parts >= 5:
        sections["audit"] = _audit(rng)
    record["sections"] = validate_sections(sections)  # as the playbook saves them
    return record


def make_files(n: int, first_seed: int = 0) -> list[bytes]:
    """``n`` workbook files as a participant downloads them."""
    return [dump_workbook_file(make_record(first_seed + i)) for i in range(n)]


def test_generated_records_read_back_as_downloaded_workbook_files():
    """Does every generated file pass the checks of an uploaded workbook file, unchanged?"""
    for data in make_files(12):
        record = parse_workbook_file(data)
        assert record["sections"] == json.loads(data)["sections"]


def test_generated_records_vary():
    """Do the records differ in how far they got and in their results (not 20 copies)?"""
    records = [make_record(i) for i in range(20)]
    assert len({len(r["sections"]) for r in records}) >= 3
    assert len({json.dumps(r["sections"]["career"]["context"]) for r in records}) == 20


def test_time_split_generator_uses_known_categories():
    """Are the generated entries in categories the time split knows?"""
    known = {c.id for c in time_split.load_content().categories}
    assert {"delivery", "visibility"} <= known
