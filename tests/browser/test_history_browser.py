"""Earlier results in Chromium against a real `playbook serve` (issue 20): on the demo workbook,
restored with two snapshots of the career and leadership results (30 Dec 2025 and 30 Mar
2026), the "Since last time" block and the leadership radar's earlier outline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from playbook.store import Store

from .conftest import open_page

pytestmark = pytest.mark.browser

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo_workbook.json"
BLOCK = ".pb-since-block[data-since='2025-12-30']"


def restore_demo(server) -> str:
    """The demo workbook restored into the server's store as a new private workbook: its key."""
    record = json.loads(DEMO.read_bytes())
    for section in ("career", "leadership"):
        assert [s["day"] for s in record["sections"][section]["history"]] == [
            "2025-12-30",
            "2026-03-30",
        ]
    store = Store(f"sqlite:///{server.store}")
    try:
        wid, key = store.create_workbook()
        store.replace_record(wid, record, "import from file")
    finally:
        store.close()
    assert key is not None
    return key


def test_since_last_time_and_the_radars_earlier_outline(page, server):
    """Does the career page say what moved since 30 Dec 2025, and the leadership page too,
    with the earlier scores drawn as a dashed outline labelled with the day in the radar's
    legend?"""
    key = restore_demo(server)

    open_page(page, server, "01_career_path.ipynb", f"key={key}", ready=BLOCK)
    since = page.locator(f".pb-since {BLOCK}").inner_text()
    assert "Since last time (30 Dec 2025)" in since
    assert (
        "Your environment called for Technical Specialist; now it calls for Hybrid Integrator."
    ) in since
    assert "Hybrid Integrator: fit 59 → 94 (+35)." in since

    open_page(page, server, "02_leadership_style.ipynb", f"key={key}", ready=BLOCK)
    since = page.locator(f".pb-since {BLOCK}").inner_text()
    assert "Since last time (30 Dec 2025)" in since
    assert "Facilitator: 25 → 50 (+25)." in since and "Integrator: 50 → 75 (+25)." in since
    page.wait_for_function(
        "() => document.querySelector('.pb-radar .legend')?.textContent.includes('You, 30 Dec 2025')"
    )
    traces = page.evaluate(
        "() => document.querySelector('.pb-radar .js-plotly-plot').data"
        ".map(t => [t.name, t.line.dash || 'solid', t.r.slice(0, 3)])"
    )
    assert traces[0] == ["You", "solid", [50, 100, 75]]
    assert ["You, 30 Dec 2025", "dash", [25, 100, 50]] in traces
    # every outline is drawn: the earlier one as a dashed path in the polar plot
    dashed = page.locator(".pb-radar .scatterlayer .trace path.js-line[style*='stroke-dasharray']")
    assert dashed.count() >= 1
