"""Kernels that start cheaply: each workbook page imports only what it uses (issue 13).

Every served page is a kernel of its own, and a workshop starts dozens at once, so what a page
imports is paid in memory and start-up time by every participant. Each test runs a workbook's
code cells, exactly as its notebook has them, in a fresh interpreter on a temporary store, and
lists the heavy libraries that ended up loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

# Run the notebook's code cells in order (the views are built as the notebook builds them,
# warm-up included), then report which of the heavy modules were imported.
PROBE = """
import json, sys
cells = json.load(open(sys.argv[1], encoding="utf-8"))["cells"]
for cell in cells:
    if cell["cell_type"] == "code":
        exec("".join(cell["source"]), globals())
heavy = ("scipy", "pandas", "numpy", "icalendar", "recurring_ical_events")
print(json.dumps(sorted(m for m in heavy if m in sys.modules)))
"""

# What each page must not load: scipy (about 1 s and 75 MB in a new kernel), pandas (about
# 0.35 s and 50 MB: no page uses it), numpy where the page does not compute with it, and the
# calendar parser until someone imports a calendar.
NOT_NEEDED = {
    "00_start.ipynb": {"scipy", "pandas", "numpy", "icalendar"},
    "01_career_path.ipynb": {"scipy", "pandas", "numpy", "icalendar"},
    "02_leadership_style.ipynb": {"scipy", "pandas", "numpy", "icalendar"},
    "03_time_split.ipynb": {"scipy", "pandas", "numpy", "icalendar", "recurring_ical_events"},
    "04_pilot_experiments.ipynb": {"pandas", "icalendar"},  # its analysis is scipy's bootstrap
    "05_quarterly_audit.ipynb": {"scipy", "pandas", "numpy", "icalendar"},
    # reads the pilots' results (scipy's bootstrap) only once the workbook has pilots
    "06_development_plan.ipynb": {"scipy", "pandas", "numpy", "icalendar"},
    "07_cohort.ipynb": {"pandas", "icalendar"},
    # reads the plan's summary and link targets (the pilots' results) only once there are pilots
    "08_mentor_sessions.ipynb": {"scipy", "pandas", "numpy", "icalendar"},
}


def _loaded_by(notebook: str, tmp_path: Path) -> set[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("VOILA_", "JUPYTERHUB_", "BINDER_")) and k != "QUERY_STRING"
    }
    env["PLAYBOOK_STORE"] = str(tmp_path / "store.sqlite")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(REPO / "workbooks" / notebook)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_every_workbook_is_listed():
    """Does the check cover every workbook notebook?"""
    assert set(NOT_NEEDED) == {p.name for p in (REPO / "workbooks").glob("*.ipynb")}


@pytest.mark.parametrize("notebook", sorted(NOT_NEEDED))
def test_a_page_loads_only_what_it_uses(notebook: str, tmp_path: Path):
    """Does running the workbook's notebook leave out the libraries its page does not use
    (the career and start pages: neither scipy nor pandas)?"""
    loaded = _loaded_by(notebook, tmp_path)
    assert not loaded & NOT_NEEDED[notebook], f"{notebook} loaded {sorted(loaded)}"
