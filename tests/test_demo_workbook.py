"""The demo workbook in data/: a newcomer uploads it on the start page and sees every workbook filled."""

from __future__ import annotations

import html
import re
from pathlib import Path

import ipywidgets as widgets

from playbook.contract import domain, sections
from playbook.record import SCHEMA_VERSION, parse_workbook_file
from playbook.session import Session
from playbook.ui.career import CareerPathView
from playbook.ui.pilots import PilotsView
from playbook.ui.time_split import TimeSplitView

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_workbook.json"


def page_html(widget: widgets.Widget) -> list[str]:
    """Every HTML and Label value under ``widget`` that is shown (not ``display: none``)."""
    if getattr(getattr(widget, "layout", None), "display", None) == "none":
        return []
    found = []
    if isinstance(widget, widgets.HTML | widgets.HTMLMath | widgets.Label):
        found.append(widget.value)
    for child in getattr(widget, "children", ()):
        found += page_html(child)
    return found


def page_text(widget: widgets.Widget) -> str:
    """The text a participant reads on a view: tags removed, entities decoded, as the browser
    would show them."""
    texts = [html.unescape(re.sub(r"<[^>]+>", " ", value)) for value in page_html(widget)]
    return " ".join(" ".join(texts).split())


def test_demo_workbook_is_a_valid_current_workbook():
    """Does the demo file pass the import checks, at the current schema, with every section?"""
    record = parse_workbook_file(DEMO.read_bytes())
    assert record["schema_version"] == SCHEMA_VERSION
    assert set(record["sections"]) == set(sections())


def test_demo_workbook_restores_with_results_on_every_page(store):
    """Restored into a new workbook, do the pages show the recommendation, the time split and
    the pilot's verdict, with the numbers the domain computes for that workbook?"""
    session = Session(store, identity="none")
    session.start_from_file(DEMO.read_bytes())
    results = {}
    for name in ("career", "time_split"):
        d = domain(name)
        results[name] = d.assess(d.parse_section(session.section(name)), d.load_content())

    career = results["career"]
    assert career.recommended == ["hybrid_integrator"] and career.preferred == [
        "technical_specialist"
    ]
    fit = round(career.fit["hybrid_integrator"].score)
    shown = page_text(CareerPathView(session))
    assert f"Your environment calls for the Hybrid Integrator path (fit {fit}/100)." in shown
    assert fit == 94

    split = results["time_split"].report.overall
    time_split = TimeSplitView(session)
    assert time_split.messages.kind != "error"
    shown = page_text(time_split)
    delivery, outward = round(split.delivery_share * 100), 100 - round(split.delivery_share * 100)
    assert (
        f"From 02 Mar 2026 to 05 Apr 2026: {delivery}% delivery and {outward}% visibility & "
        f"relationships ({split.delivery_hours:.1f} h and {split.outward_hours:.1f} h)."
    ) in shown
    assert (delivery, f"{split.delivery_hours:.1f}", f"{split.outward_hours:.1f}") == (
        # 112.5 / (112.5 + 14.75): the 2 h company brunch counts as community, and the run
        # week adds 39.75 h and 2 h (#21)
        88,
        "112.5",
        "14.8",
    )
    assert "Week by week: 1 of 5 weeks on target, 4 mostly delivery, 0 mostly outward." in shown

    pilots = PilotsView(session)
    assert any("data-verdict='better'" in value for value in page_html(pilots))
    shown = page_text(pilots)
    assert (
        "Baseline: 10 points, median 5 revisions. Since the change on 2026-03-16: 10 points."
        in (shown)
    )
    assert "The median went down by 2 revisions (from 5 to 3;" in shown
    assert "the whole interval is on the better side" in shown
    assert "Next step: The evidence supports the practice." in shown


def test_demo_workbook_shows_every_feature_filled_in(store):
    """Restored, does the demo show a mentor's rating with its gaps, a recorded pilot decision
    with adoption entries, and the audit's actions, next audit and three colleagues' averages?"""
    from playbook.ui.audit import AuditView
    from playbook.ui.leadership import LeadershipView

    session = Session(store, identity="none")
    session.start_from_file(DEMO.read_bytes())
    leadership = LeadershipView(session)
    assert "1 mentor answered" in leadership.gaps.value
    assert "blind spot" in page_text(leadership).lower()
    pilots = PilotsView(session)
    assert "Decision (2026-03-30): Adopt." in page_text(pilots)
    assert "2026-05-04: 3 of 8 (38%)" in pilots.adoption_table.value
    audit = AuditView(session)
    shown = page_text(audit)
    assert "Train a second contact for the rigging supplier" in shown
    assert audit.next_audit.value == "2026-05-12"
    assert "3 colleagues" in audit.colleagues.value
