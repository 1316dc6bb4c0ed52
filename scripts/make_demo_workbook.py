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
#: The day the demo's results are dated (their snapshots, issue 20), and a quarter before it,
#: when the career questions and the leadership statements were first answered.
DAY = STAMP.date()
EARLIER = DAY - dt.timedelta(days=90)


def _dated(view: Any, day: dt.date) -> None:
    """Date the snapshots ``view`` keeps by ``day`` (its model's ``today``)."""
    view.model.today = lambda: day


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
    from playbook.session import Session, open_session
    from playbook.store import Store
    from playbook.ui.audit import AuditView
    from playbook.ui.career import CareerPathView
    from playbook.ui.leadership import LeadershipView
    from playbook.ui.mentoring import MentoringView
    from playbook.ui.pilots import PilotsView
    from playbook.ui.plan import PlanView
    from playbook.ui.time_split import TimeSplitView

    store = Store(f"sqlite:///{tempfile.mkdtemp()}/demo.sqlite")
    session = Session(store, identity="none")
    session.start_new()

    career = CareerPathView(session)
    # A quarter earlier the environment was more standardized: answered then, the result is
    # kept as a dated snapshot, and "since last time" says what moved.
    _dated(career, EARLIER)
    for qid, oid in {
        "standardization": "mostly",
        "tech_stability": "yearly",
        "work_type": "creative",
        "transition": "minor",
        "stakeholders": "several",
        "complexity": "multi_phase",
        "cross_functional": "some",
        "demand": "precision",
        "energy": "tools",
        "asked_for": "answers",
        "three_years": "director",
        "preferred_path": "technical_specialist",
    }.items():
        (career.context_qs.get(qid) or career.preference_qs[qid]).buttons.value = oid
    _dated(career, DAY)
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
    # A quarter earlier, less of the Integrator and the Facilitator (the earlier snapshot).
    for day, levels in (
        (EARLIER, {"facilitator": 2, "architect": 5, "integrator": 3}),
        (DAY, {"facilitator": 3, "architect": 5, "integrator": 4}),
    ):
        _dated(leadership, day)
        for w in leadership.pager.items.values():
            level = levels[w.item.style]
            w.buttons.value = 6 - level if w.item.reverse else level
        for b in leadership.pager.blocks.values():
            b.most.value, b.least.value = "architect", "facilitator"
    # The mentor's rating, made on the rating page a mentor opens through the owner's link and
    # added as the rating file that page offers (a workbook file keeps ratings from files).
    leadership.owner_name.value, leadership.share_name.value = "Alex Morgan", "Jordan Lee"
    leadership.mentor_link_button.click()
    token = leadership.share_link.value.split("share=", 1)[1]
    mentor = LeadershipView(open_session(share=token, store=store)).rating_view
    mentor_levels = {"facilitator": 4, "architect": 4, "integrator": 2}
    for w in mentor.pager.items.values():
        level = mentor_levels[w.item.style]
        w.buttons.value = 6 - level if w.item.reverse else level
    for b in mentor.pager.blocks.values():
        b.most.value, b.least.value = "facilitator", "integrator"
    rating = json.dumps(mentor.payload()).encode()
    leadership.upload.value = _file("leadership-rating.json", rating)

    time_split = TimeSplitView(session)
    time_split.range_start.value, time_split.range_end.value = (
        dt.date(2026, 3, 2),
        dt.date(2026, 3, 29),
    )
    time_split.timezone.value = "Europe/London"
    time_split.upload.value = _file(
        "sample_calendar.ics", (DATA / "sample_calendar.ics").read_bytes()
    )
    # The first week of the run (issue 21's balance view): evening shows, a weekend matinee,
    # a dark day and a school run that work reached into.
    time_split.range_end.value = dt.date(2026, 4, 5)
    time_split.upload.value = _file(
        "sample_calendar_run_week.ics", (DATA / "sample_calendar_run_week.ics").read_bytes()
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
    pilots.decision.value = "adopt"
    pilots.reason.value = (
        "Fewer revisions and better feedback scores, the intervals on the better side"
    )
    pilots.decided_on.value = "2026-03-30"
    pilots.decide_button.click()
    for day, using in (("2026-03-30", 1), ("2026-05-04", 3)):
        pilots.adopt_date.value = day
        pilots.adopt_using.value, pilots.adopt_total.value = str(using), "8"
        pilots.adopt_button.click()
    # A community practice chosen from the catalogue (issue 21): the time split, opened again,
    # counts its entries (the coffee with the venue manager, the producers' network) as such.
    pilots.catalogue.cards["beyond_team"].count.value = True
    TimeSplitView(session)

    audit = AuditView(session)
    audit.held_on.value = "2026-02-10"
    audit.open_button.click()
    for n, w in enumerate(audit.items.values()):
        w.buttons.value = 2 + n % 3
    audit.notes.value = "A supplier delay in week 6 was absorbed; two late scripts were not."
    for text, owner, area, due in (
        ("Train a second contact for the rigging supplier", "Priya", "resilience", "2026-04-15"),
        ("Ask editorial how the weekly status note lands", "Alex", "communication", ""),
    ):
        audit.action_text.value, audit.action_owner.value = text, owner
        audit.action_area.value, audit.action_due.value = area, due
        audit.add_action_button.click()
    audit.next_audit.value = "2026-05-12"
    # Three colleagues from other departments (the fewest whose averages are shown), as the
    # page's CSV template has them.
    items = list(audit.items)
    rows = [
        ",".join([dept, *(str(1 + (n + k) % 5) for n in range(len(items)))])
        for k, dept in enumerate(("Editorial", "Finance", "Post-production"))
    ]
    colleagues = ",".join(["department", *items]) + "\n" + "\n".join(rows) + "\n"
    audit.upload.value = _file("audit-colleagues.csv", colleagues.encode())

    plan = PlanView(session)
    _dated(plan, DAY)
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

    # Two sessions with the mentor: the first with a private point and an action from each side
    # (the mentor's through their session link), the second ticking off the rehearsal, which
    # the plan's goal it links then shows as done (the mentor's own action stays open).
    mentoring = MentoringView(session)
    mentoring.me.value = "Alex Morgan"
    mentoring.new_day.value = "2026-04-07"
    mentoring.start_button.click()
    for text, private in (
        ("How to present the joint-planning results to the head of production", False),
        ("Whether I am ready to apply for the line producer role", True),
    ):
        mentoring.point_text.value, mentoring.private.value = text, private
        mentoring.add_point_button.click()
    mentoring.notes.value = "Rehearse with editorial first; lead with the revision counts."
    mentoring.action_text.value = "Rehearse the joint-planning presentation with the editorial lead"
    mentoring.action_due.value, mentoring.action_link.value = "2026-04-21", "plan:goal:goal-1"
    mentoring.add_action_button.click()
    mentoring.mentor_name.value = "Jordan Lee"
    mentoring.make_link_button.click()
    token = mentoring.session_link.value.split("share=", 1)[1]
    sessions_mentor = MentoringView(open_session(share=token, store=store))
    sessions_mentor.point_text.value = "Facilitation: a weekly meeting where you only ask questions"
    sessions_mentor.add_point_button.click()
    sessions_mentor.notes.value = "Strong data; the story for the head of production is missing."
    sessions_mentor.action_text.value = "Send two articles on facilitation"
    sessions_mentor.action_owner.value, sessions_mentor.action_due.value = "mentor", "2026-04-14"
    sessions_mentor.add_action_button.click()
    mentoring.refresh_button.click()
    mentoring.new_day.value = "2026-05-05"
    mentoring.start_button.click()
    for row in mentoring.actions_box.children:
        if row.children[0].text.startswith("Rehearse"):
            row.children[0].value = True
    mentoring.notes.value = (
        "Presented on 28 April; the head of production asked for a pilot report."
    )

    shown = [v.messages for v in (career, leadership, time_split, pilots, audit, plan, mentoring)]
    shown += [leadership.compare_messages, mentor.messages, time_split.import_messages]
    shown += [sessions_mentor.messages]
    problems = [m.text for m in shown if m.kind == "error"]
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
