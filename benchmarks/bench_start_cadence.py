"""What the start page's cadence costs (issue 20): the start page built on an empty workbook
and on the demo workbook (its lists and its calendar file), each in a fresh interpreter, as a
new kernel would, with the heavy libraries it loaded; and the calendar a calendar app's visit
gets, built from the store.

    .venv/bin/python benchmarks/bench_start_cadence.py [--runs 3]

Each run prints the seconds of ``StartView(session)`` and of ``subscription.calendar_of`` and
the modules among scipy, numpy and icalendar that ended up loaded. The target: no scipy or
numpy on either path (the pilots' dates come from their light ``dates_basis``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

PROBE = """
import json, sys, tempfile, time
from playbook.store import Store
from playbook.session import Session
empty = sys.argv[1] == "empty"
s = Store(f"sqlite:///{tempfile.mkdtemp()}/s.sqlite")
wid, key = s.create_workbook()
if not empty:
    s.replace_record(wid, json.load(open(sys.argv[2])), "import from file")
t = time.perf_counter()
if sys.argv[3] == "page":
    from playbook.ui.start import StartView
    sess = Session(s, identity="key", workbook_id=wid, key=key,
                   base_url="http://h/voila/render/00_start.ipynb")
    StartView(sess)
else:
    from playbook import subscription
    subscription.calendar_of(s, subscription.subscribe(s, wid))
took = time.perf_counter() - t
heavy = sorted(m for m in ("scipy", "numpy", "icalendar") if m in sys.modules)
print(json.dumps({"seconds": round(took, 2), "loaded": heavy}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    demo = str(REPO / "data" / "demo_workbook.json")
    cases = [("empty", "page"), ("demo", "page"), ("demo", "feed")]
    for workbook, path in cases:
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                out = subprocess.run(
                    [sys.executable, "-c", PROBE, workbook, demo, path],
                    capture_output=True,
                    text=True,
                    check=True,
                    cwd=tmp,
                )
            result = json.loads(out.stdout.strip().splitlines()[-1])
            what = "start page" if path == "page" else "subscription"
            print(f"{workbook:6} {what:13} {result['seconds']:5.2f} s  loaded {result['loaded']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
