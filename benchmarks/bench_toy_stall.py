"""Plain Voila's stall on a toy notebook with an ``Output`` widget, with and without our fix of
the lost wake-up (issue 18), and the same toy without the ``Output``.

The stall: a page stays at "Executing 2 of 3" although its kernel finished the cell (nbclient
awaits the ``execute_reply`` on an asyncio socket while it sends an ``Output`` widget's
``comm_msg`` through a plain shadow of it; docs/SERVING.md, "The lost wake-up"). It needs no
code of ours but the toy: plain ``voila`` with Voila's defaults (no configuration folder of
ours, no preheating: a kernel per page), the page fetched as a plain HTTP client reads it, to
its end. "With the fix" is the same server started through a two-line wrapper that applies
``playbook.serving.patches.fix_lost_wakeup`` and nothing else.

    .venv/bin/python benchmarks/bench_toy_stall.py [--pages 60] [--concurrent 6] [--timeout 45]
        [--burn 2] [--modes output,output+fix,no-output]

``--burn N`` keeps N busy-looping processes running during the requests ("under load"; 0: a
quiet machine). Prints, per mode: pages whole, pages stalled (no end within ``--timeout``, the
page's last progress message named), other failures, median and longest time.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
import bench_arrivals as ba  # noqa: E402  (isolates Jupyter dirs, as the tests do)

CELLS = {
    "output": [
        "import ipywidgets as widgets",
        # nbclient answers each output the Output captures with a comm_msg to the kernel; the
        # last just before the cell's execute_reply arrives (the race of the lost wake-up)
        "out = widgets.Output()\nslider = widgets.IntSlider(5)\ndisplay(widgets.VBox([slider, out]))\n"
        "for i in range(30):\n    with out:\n        print(i)",
        "x = 1",
    ],
    "no-output": [
        "import ipywidgets as widgets",
        "label = widgets.Label('0')\nslider = widgets.IntSlider(5)\n"
        "display(widgets.VBox([slider, label]))\nfor i in range(30):\n    print(i)",
        "x = 1",
    ],
}
RUN = """
import sys
if sys.argv.pop(1) == "fix":
    from playbook.serving import patches
    patches.fix_lost_wakeup()
from voila.app import main
sys.exit(main())
"""


def toy(folder: Path, kind: str) -> Path:
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "source": s,
                "outputs": [],
                "execution_count": None,
            }
            for s in CELLS[kind]
        ],
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = folder / f"toy_{kind}.ipynb"
    path.write_text(json.dumps(nb))
    return path


def burn(stop) -> None:  # noqa: ANN001
    while not stop.is_set():
        sum(i * i for i in range(10_000))


def fetch(url: str, timeout: float) -> tuple[str, float, str]:
    """(outcome, seconds, the last progress message the page sent)."""
    started = time.monotonic()
    seen = b""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:  # noqa: S310
            deadline = started + timeout
            while time.monotonic() < deadline:
                chunk = r.read1(65536)
                if not chunk:
                    break
                seen += chunk
        whole = b"</html>" in seen
    except TimeoutError:
        whole = False
    except Exception as err:  # a refused or reset connection
        return f"failed ({type(err).__name__})", time.monotonic() - started, ""
    text = seen.decode(errors="replace")
    # Voila's progress call before each cell: voila_process(cell, cells); "" if none came
    progress = (
        text.rsplit("voila_process(", 1)[-1].split(")")[0] if "voila_process(" in text else ""
    )
    return ("whole" if whole else "stalled"), time.monotonic() - started, progress


def run_mode(mode: str, args: argparse.Namespace, tmp: Path) -> None:
    kind = "no-output" if mode == "no-output" else "output"
    notebook = toy(tmp, kind)
    empty = tmp / "no-config"
    empty.mkdir(exist_ok=True)
    cmd = [sys.executable, "-c", RUN, "fix" if mode.endswith("+fix") else "plain",
           str(notebook), "--no-browser", "--port={port}", f"--Voila.config_file_paths={empty}"]  # fmt: skip
    # started, awaited and stopped (its kernels too) as bench_arrivals does
    server = ba.start(mode, cmd, tmp, tmp / mode, notebook.name, ())
    try:
        stop = multiprocessing.Event()
        burners = [multiprocessing.Process(target=burn, args=(stop,)) for _ in range(args.burn)]
        for b in burners:
            b.start()
        try:
            with concurrent.futures.ThreadPoolExecutor(args.concurrent) as pool:
                results = list(
                    pool.map(lambda _: fetch(server.url + "/", args.timeout), range(args.pages))
                )
        finally:
            stop.set()
            for b in burners:
                b.join()
    finally:
        ba.stop(server)
    whole = [s for o, s, _ in results if o == "whole"]
    stalled = [p for o, _, p in results if o == "stalled"]
    failed = [o for o, _, _ in results if o.startswith("failed")]
    times = [s for _, s, _ in results]
    print(
        f"{mode:10s}: {len(whole)}/{len(results)} whole, {len(stalled)} stalled"
        + (f" (last progress: {', '.join(sorted(set(stalled)))})" if stalled else "")
        + f", {len(failed)} failed; median {statistics.median(times):.1f} s, "
        f"longest {max(times):.1f} s",
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--concurrent", type=int, default=6)
    ap.add_argument("--timeout", type=float, default=45)
    ap.add_argument("--burn", type=int, default=2)
    ap.add_argument("--modes", default="output,output+fix,no-output")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="toy-stall-"))
    print(
        f"bench_toy_stall: {args.pages} pages, {args.concurrent} at a time, timeout "
        f"{args.timeout:.0f} s, {args.burn} busy processes, {os.cpu_count()} cores; plain voila",
        flush=True,
    )
    for mode in args.modes.split(","):
        run_mode(mode, args, tmp)


if __name__ == "__main__":
    main()
