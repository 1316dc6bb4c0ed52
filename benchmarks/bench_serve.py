"""Served-app figures for the career workbook (issue: foundation).

Prints, against a real `playbook serve` in Debian's Chromium:
  * median time from request to an interactive career workbook, preheated vs. cold kernels
    (and their ratio: the cold run is the baseline measured in the same run);
  * median time from clicking an answer to the page showing it saved;
  * resident memory (RSS) of the kernels that served the pages.

    .venv/bin/python benchmarks/bench_serve.py [--loads 5] [--answers 10]

Targets (issue #2): interactive under 1 s preheated, saved under 1 s, kernel under 150 MB.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import conftest  # noqa: E402,F401  (isolates Jupyter dirs and the store, as the tests do)
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server  # noqa: E402

QUESTIONS = [
    ("standardization", "Mostly ad hoc"),
    ("work_type", "Creative work (film"),
    ("transition", "A major transition"),
    ("cross_functional", "Most of it"),
    ("stakeholders", "Five or more"),
    ("complexity", "Complex, with"),
    ("demand", "Both in equal"),
    ("tech_stability", "Frequent change"),
    ("energy", "Mastering a tool"),
    ("asked_for", "A precise"),
]


def kernel_rss(server_pid: int, only: str = "") -> list[float]:
    """RSS in MB of the server's kernels (or of the one whose id is ``only``)."""
    out = []
    for child in psutil.Process(server_pid).children(recursive=True):
        try:
            cmd = " ".join(child.cmdline())
            if "ipykernel" in cmd and only in cmd:
                out.append(child.memory_info().rss / 1048576)
        except psutil.Error:
            pass
    return out


def wait_pool(server, n_kernels: int, timeout: float = 60) -> None:
    """Wait until at least n kernels exist and have been idle for a moment (pool refilled)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if len(kernel_rss(server.proc.pid)) >= n_kernels:
            time.sleep(3)  # let the new pool kernel run its notebook up to wait_for_request
            return
        time.sleep(0.5)


def measure_loads(
    browser,
    server,
    loads: int,
    preheat: bool,
    notebook: str = "01_career_path.ipynb",
    ready: str = ".pb-q-standardization input",
) -> list[float]:
    times = []
    for _ in range(loads):
        if preheat:
            wait_pool(server, n_kernels=len(kernel_rss(server.proc.pid)))
        ctx = browser.new_context()
        page = ctx.new_page()
        t0 = time.perf_counter()
        page.goto(server.render_url(notebook))
        page.locator(ready).first.wait_for(state="visible", timeout=120_000)
        times.append(time.perf_counter() - t0)
        page.close(run_before_unload=True)
        ctx.close()
    return times


def measure_saves(browser, server, answers: int) -> tuple[list[float], list[float]]:
    ctx = browser.new_context()
    page = ctx.new_page()
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    page.goto(server.render_url("01_career_path.ipynb"))
    page.wait_for_selector(".pb-career", timeout=120_000)
    times = []
    for i in range(answers):
        qid, label = QUESTIONS[i % len(QUESTIONS)]
        if i >= len(QUESTIONS):  # flip between two answers so each click is a change
            label = page.locator(f".pb-q-{qid} label").nth(0).inner_text()
        before = page.locator(".pb-save-state").inner_text()
        t0 = time.perf_counter()
        page.locator(f".pb-q-{qid} label", has_text=label).first.click()
        page.wait_for_function(
            "(b) => { const e = document.querySelector('.pb-save-state [data-state]');"
            " return e && e.dataset.state === 'saved' && e.textContent !== b; }",
            arg=before,
            timeout=20_000,
        )
        times.append(time.perf_counter() - t0)
        time.sleep(1.05)  # the saved time has a one-second resolution
    kernel_id = next(
        u.split("/api/kernels/")[1].split("/")[0] for u in sockets if "/api/kernels/" in u
    )
    rss = kernel_rss(server.proc.pid, only=kernel_id)
    page.close(run_before_unload=True)
    ctx.close()
    return times, rss


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--loads", type=int, default=5)
    ap.add_argument("--answers", type=int, default=10)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tmp = Path(tempfile.mkdtemp())
        hot = start_server(tmp / "hot")
        wait_pool(hot, n_kernels=6, timeout=120)
        hot_times = measure_loads(browser, hot, args.loads, preheat=True)
        # Voila's own floor: the start page has a tenth of the career page's widgets
        floor_times = measure_loads(browser, hot, args.loads, True, "00_start.ipynb", ".pb-new")
        save_times, rss = measure_saves(browser, hot, args.answers)
        pool_rss = kernel_rss(hot.proc.pid)
        stop_server(hot)

        cold = start_server(tmp / "cold", preheat=False)
        cold_times = measure_loads(browser, cold, args.loads, preheat=False)
        stop_server(cold)
        browser.close()

    hot_med, cold_med = statistics.median(hot_times), statistics.median(cold_times)
    print(
        f"request -> interactive career workbook, preheated: median {hot_med:.2f} s "
        f"(n={len(hot_times)}, min {min(hot_times):.2f}, max {max(hot_times):.2f}) target < 1 s"
    )
    print(
        f"request -> interactive career workbook, cold:      median {cold_med:.2f} s "
        f"(n={len(cold_times)}, min {min(cold_times):.2f}, max {max(cold_times):.2f})"
    )
    floor = statistics.median(floor_times)
    print(f"preheated / cold ratio: {hot_med / cold_med:.2f}")
    print(
        f"start page (about 30 widget models; Voila's own floor), preheated: median {floor:.2f} s; "
        f"career page / start page ratio: {hot_med / floor:.2f}"
    )
    print(
        f"answer -> saved state shown: median {statistics.median(save_times) * 1000:.0f} ms "
        f"(n={len(save_times)}, max {max(save_times) * 1000:.0f} ms) target < 1000 ms"
    )
    print(
        f"career kernel RSS after {len(save_times)} answers: {rss[0]:.0f} MB target < 150 MB; "
        f"all kernels of the server (pool of 6 workbooks): median {statistics.median(pool_rss):.0f} MB, "
        f"max {max(pool_rss):.0f} MB (n={len(pool_rss)})"
    )


if __name__ == "__main__":
    main()
