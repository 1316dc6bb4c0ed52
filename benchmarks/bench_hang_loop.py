"""The hang loop of issue 13: page requests one after another, then many at once, and what is
left running afterwards; ``playbook serve`` against plain Voila serving the same workbooks.

Prints, for each server: how many of the requests completed with the workbook rendered, the
median and the longest time, how many kernels were alive right after the requests and again
after ``--wait`` seconds (kernels of pages that no browser ever connects to), and their memory.
The baseline is plain ``voila`` 0.5.13 over the same workbooks with one preheated kernel per
workbook and no configuration of ours, as ``playbook serve`` ran before issue 13.

    .venv/bin/python benchmarks/bench_hang_loop.py [--rounds 6] [--concurrent 20] [--wait 150]
        [--timeout 60] [--grace 120] [--only ours|plain] [--without-fix]
        [--transport auto|ipc|tcp]

For ours it also counts, from the server's log, the pages given up as stuck (the 10 s safety
net, ``STUCK_SECONDS``), every other give-up, and the lost wake-ups the fix of issue 18
restored (``--without-fix`` serves with ``PlaybookKernelManager.fix_lost_wakeup=False``).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
import conftest  # noqa: E402,F401  (isolates Jupyter dirs and the store, as the tests do)
from tests.browser.conftest import free_port  # noqa: E402

WORKBOOKS = sorted(p.name for p in (REPO / "workbooks").glob("*.ipynb"))


def fetch(url: str, timeout: float) -> tuple[str, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            body = response.read()
        ok = b"application/vnd.jupyter.widget-view+json" in body
        return ("ok" if ok else "no widgets"), time.monotonic() - started
    except urllib.error.HTTPError as err:
        return f"HTTP {err.code}", time.monotonic() - started
    except (TimeoutError, OSError) as err:
        return type(err).__name__, time.monotonic() - started


def kernels(pid: int) -> list[float]:
    out = []
    for child in psutil.Process(pid).children(recursive=True):
        try:
            if "ipykernel" in " ".join(child.cmdline()):
                out.append(child.memory_info().rss / 1048576)
        except psutil.Error:
            pass
    return out


def start(
    kind: str, tmp: Path, grace: float, fix: bool = True, transport: str = "auto"
) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, PLAYBOOK_STORE=str(tmp / f"{kind}.sqlite"), PYTHONUNBUFFERED="1")
    if kind == "ours":
        cmd = [sys.executable, "-m", "playbook.cli", "serve", f"--port={port}", "--"]
        cmd.append(f"--PlaybookKernelManager.connect_grace={grace}")
        cmd.append(f"--PlaybookKernelManager.fix_lost_wakeup={fix}")
        cmd.append(f"--PlaybookKernelManager.kernel_transport={transport}")
    else:
        empty = tmp / "no-config"
        empty.mkdir(exist_ok=True)
        cmd = [
            str(Path(sys.executable).parent / "voila"),
            str(REPO / "workbooks"),
            f"--port={port}",
            "--no-browser",
            f"--Voila.config_file_paths={empty}",
            "--VoilaConfiguration.preheat_kernel=True",
            "--VoilaConfiguration.default_pool_size=1",
            "--MappingKernelManager.cull_idle_timeout=900",
        ]
    log = (tmp / f"{kind}.log").open("w")
    proc = subprocess.Popen(cmd, cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/voila/static/voila.js", timeout=2)  # noqa: S310
            break
        except OSError:
            time.sleep(0.5)
    while time.time() < deadline and len(kernels(proc.pid)) < len(WORKBOOKS):
        time.sleep(1)
    time.sleep(5)
    return proc, url


def run(kind: str, args: argparse.Namespace, tmp: Path) -> None:
    proc, url = start(kind, tmp, args.grace, not args.without_fix, args.transport)
    try:
        results = []
        for _ in range(args.rounds):
            for notebook in WORKBOOKS:
                results.append(fetch(f"{url}/voila/render/{notebook}", args.timeout))
        sequential = len(results)
        with concurrent.futures.ThreadPoolExecutor(args.concurrent) as pool:
            page = f"{url}/voila/render/01_career_path.ipynb"
            results += list(pool.map(lambda _: fetch(page, args.timeout), range(args.concurrent)))
        after = kernels(proc.pid)
        time.sleep(args.wait)
        later = kernels(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
    ok = [t for status, t in results if status == "ok"]
    failed = [(status, round(t, 1)) for status, t in results if status != "ok"]
    times = [t for _, t in results]
    print(
        f"{kind:5}: {len(ok)}/{len(results)} pages rendered ({sequential} one after another, "
        f"{args.concurrent} at once); median {statistics.median(times):.1f} s, "
        f"longest {max(times):.1f} s; not rendered: {failed or 'none'}"
    )
    print(
        f"{kind:5}: kernels right after: {len(after)} ({sum(after) / 1024:.1f} GB); "
        f"{args.wait:.0f} s later: {len(later)} ({sum(later) / 1024:.1f} GB)"
    )
    if kind == "ours":
        log = (tmp / f"{kind}.log").read_text(errors="replace")
        stuck = log.count("Stuck page of kernel")
        given_up = log.count(" given up: ")
        restored = log.count("Restored a lost wake-up")
        print(
            f"{kind:5}: fix of issue 18 {'off' if args.without_fix else 'on'}: stuck pages "
            f"given up after {10:.0f} s idle: {stuck}; all give-ups: {given_up}; lost "
            f"wake-ups restored: {restored}"
        )
        for line in log.splitlines():
            if "Stuck page of kernel" in line or " given up: " in line:
                print("       " + line.strip()[:200])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--rounds", type=int, default=6, help="sequential rounds over all workbooks")
    p.add_argument("--concurrent", type=int, default=20)
    p.add_argument(
        "--timeout", type=float, default=60.0, help="seconds before a page counts as hung"
    )
    p.add_argument(
        "--wait", type=float, default=150.0, help="seconds before counting kernels again"
    )
    p.add_argument("--grace", type=float, default=120.0, help="our connect grace (default 120)")
    p.add_argument("--only", choices=["ours", "plain"])
    p.add_argument("--transport", choices=["auto", "ipc", "tcp"], default="auto")
    p.add_argument(
        "--without-fix", action="store_true", help="serve ours without the fix of issue 18"
    )
    args = p.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}; {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("plain", "ours"):
            if args.only in (None, kind):
                run(kind, args, Path(tmp))
                print(f"  (load average after: {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
