"""Where a home-link page load's time goes, in Chromium: the network, the scripts, the widgets.

One load of the career page (our server, ``--workshop 1`` so a warm kernel waits) in a fresh
context on the emulated 20 Mbit/s, 40 ms link, with Chromium's performance trace on. Prints a
timeline (ms since navigation start, the page's clock):

* each request: when it was sent, when its last byte arrived, its compressed size;
* the kernel's websocket: when it opened, its first and last frame before the widgets were on
  screen, how many frames and bytes;
* the main thread's busy time before "widgets on screen", by kind (script compile, script run,
  style and layout, paint, HTML parse, garbage collection) and the longest tasks.

    .venv/bin/python benchmarks/trace_front_end.py [--loads 3] [--link home|none]
        [--server-args="--workshop 1"] [--trace-out trace.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shlex
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_arrivals as ba  # noqa: E402

CATEGORIES = "devtools.timeline,v8,disabled-by-default-devtools.timeline,blink.user_timing"
KINDS = {
    "v8.compile": "script compile",
    "v8.compileModule": "script compile",
    "V8.CompileCode": "script compile",
    "EvaluateScript": "script run",
    "v8.evaluateModule": "script run",
    "FunctionCall": "script run",
    "TimerFire": "script run",
    "EventDispatch": "script run",
    "FireAnimationFrame": "script run",
    "RunMicrotasks": "script run",
    "ParseHTML": "HTML parse",
    "ParseAuthorStyleSheet": "style and layout",
    "UpdateLayoutTree": "style and layout",
    "RecalculateStyles": "style and layout",
    "Layout": "style and layout",
    "Paint": "paint",
    "PrePaint": "paint",
    "Layerize": "paint",
    "MajorGC": "garbage collection",
    "MinorGC": "garbage collection",
    "V8.GC_MARK_COMPACTOR": "garbage collection",
}


def short(url: str) -> str:
    path = url.split("?")[0]
    for cut in ("/voila/", "/playbook/"):
        if cut in path:
            return path[path.index(cut) :][-70:]
    return path[-70:]


async def one_load(browser, server, link: bool, trace_out: Path | None) -> dict:
    ctx = await ba.new_context(browser, server)
    try:
        page = await ctx.new_page()
        cdp = await ctx.new_cdp_session(page)
        reqs: dict[str, dict] = {}
        frames: list[tuple[float, int]] = []
        opened: list[float] = []
        base: list[float] = []  # the navigation's monotonic start (CDP timestamps, seconds)

        def on_sent(e: dict) -> None:
            if not base:
                base.append(e["timestamp"])
            reqs[e["requestId"]] = {"url": e["request"]["url"], "sent": e["timestamp"]}

        def on_finished(e: dict) -> None:
            r = reqs.get(e["requestId"])
            if r is not None:
                r["done"], r["bytes"] = e["timestamp"], int(e.get("encodedDataLength", 0))

        cdp.on("Network.requestWillBeSent", on_sent)
        cdp.on("Network.loadingFinished", on_finished)
        cdp.on("Network.webSocketCreated", lambda e: opened.append(time.monotonic()))
        cdp.on(
            "Network.webSocketFrameReceived",
            lambda e: frames.append((e["timestamp"], len(e["response"].get("payloadData", "")))),
        )
        await cdp.send("Network.enable")
        if link:
            await cdp.send("Network.emulateNetworkConditions", ba.HOME_LINK)
        await browser.start_tracing(page=page, categories=CATEGORIES.split(","))
        t0 = time.perf_counter()
        await page.goto(server.page_url, wait_until="commit", timeout=120_000)
        ready_ms = 1000 * await ba.wait_ready(page, t0 + 120)
        await asyncio.sleep(0.5)
        trace = json.loads(await browser.stop_tracing())
        if trace_out is not None:
            trace_out.write_text(json.dumps(trace))
        nav = await page.evaluate("performance.timeOrigin")
        return {"ready": ready_ms, "reqs": reqs, "frames": frames, "base": base, "trace": trace,
                "origin_ms": nav}  # fmt: skip
    finally:
        await ba.close_context(ctx)


def main_thread_busy(trace: dict, ready_ms: float) -> tuple[dict[str, float], list, float]:
    """The page's renderer main thread before ready: time by kind (ms), its longest tasks
    (start ms, ms), and the navigation start in trace time (µs). The page's navigation is the
    ``navigationStart`` whose document is the rendered notebook."""
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    nav = next(
        e
        for e in events
        if e.get("name") == "navigationStart" and "/voila/render/" in json.dumps(e.get("args", {}))
    )
    thread, start = (nav["pid"], nav["tid"]), nav["ts"]
    end = start + ready_ms * 1000
    by_kind: dict[str, float] = {}
    tasks = []
    for e in events:
        if (e.get("pid"), e.get("tid")) != thread or e.get("ph") != "X" or "dur" not in e:
            continue
        if not start <= e["ts"] <= end:
            continue
        if e["name"] == "RunTask":
            tasks.append(((e["ts"] - start) / 1000, e["dur"] / 1000))
            continue
        kind = KINDS.get(e["name"])
        if kind:
            by_kind[kind] = by_kind.get(kind, 0.0) + e["dur"] / 1000
    return by_kind, sorted(tasks, key=lambda t: -t[1]), start


async def run(args: argparse.Namespace) -> None:
    from playwright.async_api import async_playwright

    tmp = Path(tempfile.mkdtemp(prefix="trace-front-"))
    server = ba.start_ours(tmp / "ours", shlex.split(args.server_args))
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(
                executable_path=ba.CHROMIUM, args=ba.CHROMIUM_ARGS, headless=True
            )
            readies = []
            for i in range(args.loads):
                await asyncio.to_thread(ba.wait_settled, server)
                out = args.trace_out if i == args.loads - 1 else None
                load = await one_load(browser, server, args.link == "home", out)
                readies.append(load["ready"])
                report(load, verbose=i == args.loads - 1)
            await browser.close()
        print(f"\nwidgets on screen: median {statistics.median(readies):.0f} ms "
              f"({', '.join(f'{r:.0f}' for r in readies)})")  # fmt: skip
    finally:
        ba.stop(server)


def report(load: dict, verbose: bool) -> None:
    ready = load["ready"]
    base = load["base"][0] if load["base"] else 0.0
    print(f"\n== one load: widgets on screen at {ready:.0f} ms")
    if not verbose:
        return
    print("requests (sent -> last byte, ms; KB over the wire):")
    for r in sorted(load["reqs"].values(), key=lambda r: r["sent"]):
        sent = 1000 * (r["sent"] - base)
        done = 1000 * (r.get("done", r["sent"]) - base)
        if sent > ready + 500:
            continue
        print(f"  {sent:7.0f} -> {done:7.0f}  {r.get('bytes', 0) / 1024:8.1f}  {short(r['url'])}")
    frames = [(1000 * (t - base), n) for t, n in load["frames"]]
    before = [f for f in frames if f[0] <= ready]
    if before:
        print(f"websocket frames before ready: {len(before)} ({sum(n for _, n in before) / 1024:.0f} KB), "
              f"first at {before[0][0]:.0f} ms, last at {before[-1][0]:.0f} ms")  # fmt: skip
    by_kind, tasks, _ = main_thread_busy(load["trace"], ready)
    busy = sum(by_kind.values())
    print(f"page's main thread before ready, by kind (ms; nested events overlap): {busy:.0f}")
    for kind, ms in sorted(by_kind.items(), key=lambda kv: -kv[1]):
        print(f"  {ms:7.0f}  {kind}")
    print("longest tasks (at ms, ms):")
    for at, dur in tasks[:12]:
        print(f"  {at:7.0f}  {dur:6.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--loads", type=int, default=3)
    ap.add_argument("--link", choices=("home", "none"), default="home")
    ap.add_argument("--server-args", default="--workshop 1")
    ap.add_argument("--trace-out", type=Path, default=None)
    asyncio.run(run(ap.parse_args()))


if __name__ == "__main__":
    main()
