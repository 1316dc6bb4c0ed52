"""A participant reopening a filled workbook sees its charts at once (issue 9, item 1).

The charts used to be drawn 0 px high on opening: the JupyterLab plotly renderer resizes a chart
drawn in a visible page, which drops the figure's height, and a "responsive" chart then takes
the height of a container that has none. They appeared only after an answer changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.record import parse_workbook_file
from playbook.store import Store
from tests.browser.conftest import RENDER_TIMEOUT_MS, open_page

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo_workbook.json"

#: Every workbook page with charts, and how many a filled workbook shows at least.
CHARTED = {
    "01_career_path.ipynb": 1,
    "02_leadership_style.ipynb": 1,
    "03_time_split.ipynb": 2,
    "04_pilot_experiments.ipynb": 1,
    "05_quarterly_audit.ipynb": 1,
    "06_development_plan.ipynb": 1,
}

DRAWN = """() => {
  const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
  return plots.map(p => [p.getBoundingClientRect().height, (p.data || []).length]);
}"""


@pytest.fixture(scope="module")
def demo_key(server) -> str:
    """A workbook on the served store holding the demo workbook, as restored from its file."""
    store = Store(f"sqlite:///{server.store}")
    workbook_id, key = store.create_workbook()
    store.replace_record(workbook_id, parse_workbook_file(DEMO.read_bytes()), "restored")
    store.close()
    assert key
    return key


@pytest.mark.parametrize("notebook", sorted(CHARTED))
def test_a_reopened_workbook_shows_its_charts(page, server, demo_key, notebook):
    """Opening a filled workbook, with no answer changed: is every chart drawn, with a height
    and data?"""
    open_page(page, server, notebook, f"key={demo_key}")
    # (30 s was not enough once in a CI rehearsal with another test run beside it: the career
    # page's header was there, its chart not yet; cause not found, see the closing note)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=RENDER_TIMEOUT_MS)
    page.wait_for_timeout(1500)  # the renderer's resize runs 100 ms after the chart is drawn
    charts = page.evaluate(DRAWN)
    assert len(charts) >= CHARTED[notebook], charts
    assert all(height > 100 and traces > 0 for height, traces in charts), charts
