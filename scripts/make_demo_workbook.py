"""Write ``data/demo_workbook.json``: a filled-in workbook a newcomer can upload on the start page.

It is made by driving the real views without a browser (as the headless tests do), from the
sample files in ``data/``, so it always has the shape the current playbook writes:

    .venv/bin/python scripts/make_demo_workbook.py
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
STAMP = dt.datetime(2026, 3, 30, tzinfo=dt.UTC)


def _file(name: str, data: bytes) -> tuple[dict[str, Any], ...]:
    return (
        {
            "name": name,
            "type": "",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": STAMP,
        },
    )


def build() -> dict[str, Any]:
    from playbook.contract import sections
    from playbook.session import Session
    from playbook.store import Store
    from playbook.ui.audit import AuditView
    from playbook.ui.career import CareerPathView
    from playbook.ui.leadership import LeadershipView
    from playbook.ui.pilots import PilotsView
    from playbook.ui.plan import PlanView
    from playbook.ui.time_split import TimeSplitView

    store = Store(f"sqlite:///{tempfile.mkdtemp()}/demo.sqlite")
    session = Session(store, identity="none")
    session.start_new()

    career = CareerPathView(session)
    for qid, oid in {
        "standardization": "mixed",
        "tech_stability": "frequent",
        "work_type": "creative",
        "transition": "minor",
        "stakeholders": "many",
        "complexity": "complex",
        "cross_functional": "most",
        "demand": "both",
        "energy": "tools",
        "asked_for": "answers",
        "three_years": "director",
        "preferred_path": "technical_specialist",
    }.items():
        (career.context_qs.get(qid) or career.preference_qs[qid]).buttons.value = oid
    career.area_boxes["budgeting"].value = True
    career.area_boxes["technology_integration"].value = True

    leadership = LeadershipView(session)
    levels = {"facilitator": 3, "architect": 5, "integrator": 4}
    for w in leadership.pager.items.values():
        level = levels[w.item.style]
        w.buttons.value = 6 - level if w.item.reverse else level
    for b in leadership.pager.blocks.values():
        b.most.value, b.least.value = "architect", "facilitator"

    time_split = TimeSplitView(session)
    time_split.range_start.value, time_split.range_end.value = (
        dt.date(2026, 3, 2),
        dt.date(2026, 3, 29),
    )
    time_split.timezone.value = "Europe/London"
    time_split.upload.value = _file(
        "sample_calendar.ics", (DATA / "sample_calendar.ics").read_bytes()
    )

    pilots = PilotsView(session)
    pilots.new_button.click()
    pilots.practice.value = "Joint planning sessions with editorial"
    pilots.project.value = "Documentary series, season 2"
    for mid in ("revision_count", "team_feedback"):
        pilots.metric_choice.value = mid
        pilots.add_metric_button.click()
    pilots.upload.value = _file(
        "sample_pilot_measurements.csv", (DATA / "sample_pilot_measurements.csv").read_bytes()
    )
    pilots.change_date.value = "2026-03-16"

    audit = AuditView(session)
    audit.held_on.value = "2026-02-10"
    audit.open_button.click()
    for n, w in enumerate(audit.items.values()):
        w.buttons.value = 2 + n % 3
    audit.notes.value = "A supplier delay in week 6 was absorbed; two late scripts were not."

    plan = PlanView(session)
    plan.goal_text.value = "Present the joint-planning results to the head of production"
    plan.goal_due.value = "2026-05-29"
    plan.add_goal_button.click()
    plan.delivered.value = "Season 2 rough cuts with fewer revisions"
    plan.how.value = "Joint planning sessions with editorial before each cut (a collaboration)"
    plan.result.value = "Median revisions per cut down from 5 to 3"
    plan.day.value, plan.link.value = "2026-03-30", "pilots:pilot-1"
    plan.kind.value = "collaboration"
    plan.add_impact_button.click()
    for element, rating in (
        ("technical_precision", 5),
        ("emotional_intelligence", 3),
        ("strategic_foresight", 2),
    ):
        plan.ratings[element].value = rating
    plan.tool_name.value = "Asana"
    plan.add_tool_button.click()
    plan.tool_name.value = "ShotGrid"
    plan.tool_category.value, plan.tool_process.value = "specialized", "domain"
    plan.add_tool_button.click()
    plan.trend.value, plan.learning_hours.value = "ai_planning", 3
    plan.learning_action.value = "Try an AI scheduling assistant on the next episode"
    plan.add_learning_button.click()

    problems = [
        v.messages.text
        for v in (career, leadership, time_split, pilots, audit, plan)
        if v.messages.kind == "error"
    ]
    if problems:
        raise SystemExit("could not build the demo workbook: " + "; ".join(problems))
    record = json.loads(session.export_bytes())
    missing = set(sections()) - set(record["sections"])
    if missing:  # a registered workbook the demo does not fill yet: add it above
        raise SystemExit("the demo workbook does not fill: " + ", ".join(sorted(missing)))
    record.pop("exported", None)
    record["created"] = STAMP.isoformat(timespec="seconds")
    return record


def main() -> int:
    sys.path.insert(0, str(REPO))
    record = build()
    out = DATA / "demo_workbook.json"
    out.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"wrote {out} ({out.stat().st_size // 1024} KB, sections: {', '.join(record['sections'])})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
