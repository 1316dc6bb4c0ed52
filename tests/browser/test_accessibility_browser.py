"""axe-core on every workbook page, empty and filled: no critical or serious violation (issue 9,
item 9).

``axe.min.js`` beside this file is axe-core 4.14.1 exactly as published on the npm registry
(``npm pack axe-core@4.14.1``; Mozilla Public License 2.0, its notice kept at the top of the
file). It is injected with playwright into the served page and run with its default rules
(WCAG 2.x A and AA plus best practices); the test fails on any violation whose impact is
"critical" or "serious", naming the rule and the elements.

One browser page visits the 16 pages in turn (a fresh workbook, then the demo workbook restored
on the served store), so the whole file costs one page's start-up and 16 renders.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.record import parse_workbook_file
from playbook.store import Store
from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser

AXE = Path(__file__).with_name("axe.min.js")
DEMO = Path(__file__).resolve().parents[2] / "data" / "demo_workbook.json"
PAGES = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "workbooks").glob("*.ipynb"))
#: What shows that a page's widgets are drawn.
READY = {"07_cohort.ipynb": ".pb-cohort-upload, .pb-cohort-share, .pb-cohort-shared"}

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "critical" || v.impact === "serious")
    .map(v => ({id: v.id, impact: v.impact,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary)}));
}"""


def _key(server, filled: bool) -> str:
    store = Store(f"sqlite:///{server.store}")
    workbook_id, key = store.create_workbook()
    if filled:
        store.replace_record(workbook_id, parse_workbook_file(DEMO.read_bytes()), "restored")
    store.close()
    assert key
    return key


def _violations(page, server, notebook: str, key: str) -> list[dict]:
    open_page(page, server, notebook, f"key={key}", ready=READY.get(notebook, ".pb-header"))
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # the last widgets and charts of the first render
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN_AXE)


@pytest.mark.slow
def test_no_critical_or_serious_violation_on_any_page(page, server):
    """Does axe-core find no critical or serious violation on any workbook page, opened on a
    fresh workbook and on the filled demo workbook?"""
    assert len(PAGES) >= 8, PAGES
    found: dict[str, list[dict]] = {}
    for state, filled in (("empty", False), ("filled", True)):
        key = _key(server, filled)
        for notebook in PAGES:
            if bad := _violations(page, server, notebook, key):
                found[f"{notebook} ({state})"] = bad
    # the check itself can fail: the same script finds an unnamed select on a page of its own
    page.set_content("<main><select><option>a</option></select></main>")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    assert "select-name" in [v["id"] for v in page.evaluate(RUN_AXE)]
    if found:
        pytest.fail(
            "\n".join(
                f"{where}: {v['impact']} {v['id']}: " + " | ".join(v["nodes"])
                for where, bad in found.items()
                for v in bad
            )
        )
