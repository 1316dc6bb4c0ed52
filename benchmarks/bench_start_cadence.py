"""What the start page's cadence costs (issue 20): the start page built on an empty workbook
and on the demo workbook (its lists and its calendar file), each in a fresh interpreter, as a
new kernel would, with the heavy libraries it loaded; the calendar a calendar app's visit
gets, built from the store; and, with ``--served``, a real ``playbook serve`` answering the
subscription address: each visit's time, the server's memory, a revisit with the ETag.

    .venv/bin/python benchmarks/bench_start_cadence.py [--runs 3] [--served]

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
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

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
    parser.add_argument("--served", action="store_true", help="also a real playbook serve")
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
    if args.served:
        served(demo)
    return 0


def served(demo: str) -> None:
    """Four visits of a calendar app to a real server's subscription address, and a fifth
    with the ETag of the last."""
    import psutil

    import conftest  # noqa: F401  (isolates Jupyter dirs and the store, as the tests do)
    from playbook import subscription
    from playbook.store import Store
    from tests.browser.conftest import start_server, stop_server

    server = start_server(Path(tempfile.mkdtemp()), preheat=False)
    try:
        store = Store(f"sqlite:///{server.store}")
        wid, _ = store.create_workbook()
        store.replace_record(wid, json.loads(Path(demo).read_bytes()), "import from file")
        url = f"{server.url}/{subscription.FEED_PATH}?share={subscription.subscribe(store, wid)}"
        store.close()
        proc = psutil.Process(server.proc.pid)
        time.sleep(3)
        before = proc.memory_info().rss
        etag = ""
        for visit in range(1, 5):
            started = time.perf_counter()
            with urllib.request.urlopen(url, timeout=120) as r:  # noqa: S310
                size, etag = len(r.read()), r.headers["Etag"]
            grown = (proc.memory_info().rss - before) / 2**20
            print(
                f"served visit {visit}: {time.perf_counter() - started:.2f} s, {size} bytes, "
                f"server memory +{grown:.0f} MB"
            )
        started = time.perf_counter()
        request = urllib.request.Request(url, headers={"If-None-Match": etag})
        try:
            urllib.request.urlopen(request, timeout=120)  # noqa: S310
            status = 200
        except urllib.error.HTTPError as err:
            status = err.code
        print(f"served revisit with its ETag: {status} in {time.perf_counter() - started:.2f} s")
    finally:
        stop_server(server)


if __name__ == "__main__":
    sys.exit(main())
