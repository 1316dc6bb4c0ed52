"""The demo workbook in data/: a newcomer uploads it on the start page and sees every workbook filled."""

from __future__ import annotations

from pathlib import Path

from playbook.career import assess, load_content, parse_section
from playbook.contract import sections
from playbook.record import SCHEMA_VERSION, parse_workbook_file
from playbook.session import Session
from playbook.ui.career import CareerPathView
from playbook.ui.pilots import PilotsView
from playbook.ui.time_split import TimeSplitView

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_workbook.json"


def test_demo_workbook_is_a_valid_current_workbook():
    """Does the demo file pass the import checks, at the current schema, with every section?"""
    record = parse_workbook_file(DEMO.read_bytes())
    assert record["schema_version"] == SCHEMA_VERSION
    assert set(record["sections"]) == set(sections())


def test_demo_workbook_restores_with_results_on_every_page(store):
    """Restored into a new workbook, do the pages show a recommendation, the time split and the
    pilot's evidence?"""
    session = Session(store, identity="none")
    session.start_from_file(DEMO.read_bytes())
    a = assess(parse_section(session.section("career")), load_content())
    assert a.recommended == ["hybrid_integrator"] and a.preferred == ["technical_specialist"]
    career = CareerPathView(session)
    assert "Hybrid Integrator" in career.recommendation.value
    time_split = TimeSplitView(session)
    assert time_split.figures and time_split.messages.kind != "error"
    pilots = PilotsView(session)
    assert "data-verdict=" in pilots.evidence_box.value
