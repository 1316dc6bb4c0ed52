"""A room arriving at once, a mentee's home link, and kernel memory (issue 13, items 3 and 4).

One command, with plain Voila measured in the same run as the baseline:

* **Arrivals.** N page requests of the career page started within W seconds (spread evenly),
  each in its own Chromium context: how many completed, p50/p95 time until the page's widgets
  are on screen, peak number of kernels and peak total kernel RSS (psutil over the server's
  child processes). The same for plain ``voila`` (default settings, its own port) serving a
  one-slider plotly toy notebook generated in a temp dir, to the same arrival schedule.
* **Home link.** Time to widgets on screen with an empty cache on an emulated 20 Mbit/s, 40 ms
  link (CDP ``Network.emulateNetworkConditions``), median over a few loads, ours vs the toy in
  plain Voila; bytes over the wire (sum of CDP ``encodedDataLength``), requests, how many were
  compressed, and the five largest responses with their Cache-Control.
* **Memory.** RSS of one page's kernel once it rendered (median over the home-link loads) and
  of an idle preheated kernel.

    .venv/bin/python benchmarks/bench_arrivals.py [--arrivals 30] [--window 10] [--loads 3]
        [--page-timeout 180] [--server-args="--pool-size 4"] [--client http]
        [--profile server.txt] [--with-chart]

``--server-args`` is passed through to ``playbook serve`` (write it with ``=`` when it starts
with ``--``). ``--arrivals 0`` or ``--loads 0`` skips that part. Every server starts fresh for
each part, on loopback, with Jupyter dirs and the store isolated as in the tests; every server,
kernel and browser started here is stopped at the end, also on error.

Targets (issue 13): arrivals faster than plain Voila; widgets on screen within 3 s on the
emulated link with an empty cache, and faster than plain Voila there.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import conftest  # noqa: E402,F401  (isolates Jupyter dirs and the store, as the tests do)
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402

CAREER = "01_career_path.ipynb"
#: The career page is on screen when its first question's answers are visible.
CAREER_READY = (".pb-q-standardization input",)
#: ``--with-chart``: also its chart, drawn after the first paint (as the toy's counts its chart)
CAREER_CHART = (".js-plotly-plot .main-svg",)
TOY = "toy_slider_plotly.ipynb"
#: The toy is on screen when its slider and its chart are visible.
TOY_READY = (".widget-slider", ".js-plotly-plot")
VOILA = Path(sys.executable).parent / "voila"
HOME_LINK = {  # 20 Mbit/s both ways, 40 ms
    "offline": False,
    "latency": 40,
    "downloadThroughput": 20e6 / 8,
    "uploadThroughput": 20e6 / 8,
}
VIEWPORT = {"width": 1280, "height": 900}

TOY_CELLS = [
    (
        "import ipywidgets as widgets\n"
        "import plotly.graph_objects as go\n"
        "from IPython.display import display\n"
    ),
    (
        'slider = widgets.IntSlider(value=5, min=1, max=20, description="Points")\n'
        "out = widgets.Output()\n"
        "\n"
        "def draw(change=None):\n"
        "    n = slider.value\n"
        "    fig = go.Figure(go.Scatter(x=list(range(n)), y=[i * i for i in range(n)]))\n"
        '    fig.update_layout(title="Squares", height=320)\n'
        "    with out:\n"
        "        out.clear_output(wait=True)\n"
        "        fig.show()\n"
        "\n"
        'slider.observe(draw, names="value")\n'
        "draw()\n"
        "display(widgets.VBox([slider, out]))\n"
    ),
]


def write_toy(folder: Path) -> Path:
    """A one-slider plotly notebook, as DESIGN.md describes (go.Figure shown in an Output)."""
    folder.mkdir(parents=True, exist_ok=True)
    nb = {
        "cells": [
            {"cell_type": "markdown", "id": "toy-md", "metadata": {}, "source": "# Toy"},
            *(
                {
                    "cell_type": "code",
                    "execution_count": None,
                    "id": f"toy-{i}",
                    "metadata": {},
                    "outputs": [],
                    "source": src,
                }
                for i, src in enumerate(TOY_CELLS)
            ),
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = folder / TOY
    path.write_text(json.dumps(nb, indent=1))
    return path


# --------------------------------------------------------------------------- servers


@dataclass
class Served:
    name: str
    url: str
    notebook: str
    ready: tuple[str, ...]
    proc: subprocess.Popen
    log: Path
    seen: set[int] = field(default_factory=set)  # every descendant pid ever seen

    @property
    def page_url(self) -> str:
        return f"{self.url}/voila/render/{self.notebook}"


RUNNING: list[Served] = []


def start(name: str, cmd: list[str], cwd: Path, tmp: Path, notebook: str, ready) -> Served:
    """Start a server on a free loopback port (``{port}`` in ``cmd``); wait until it answers."""
    port = free_port()
    tmp.mkdir(parents=True, exist_ok=True)
    log = tmp / f"{name}.log"
    env = dict(
        os.environ,
        PLAYBOOK_STORE=str(tmp / "store" / "workbooks.sqlite"),
        PYTHONUNBUFFERED="1",
    )
    fh = log.open("w")
    proc = subprocess.Popen(
        [c.format(port=port) for c in cmd],
        cwd=cwd,
        env=env,
        stdout=fh,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Served(name, f"http://127.0.0.1:{port}", notebook, tuple(ready), proc, log)
    RUNNING.append(server)
    deadline = time.time() + 90
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited: {log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(server.url + "/voila/static/voila.js", timeout=2)  # noqa: S310
            return server
        except Exception:
            time.sleep(0.3)
    raise RuntimeError(f"{name} did not answer in 90 s: {log.read_text()[-2000:]}")


def start_ours(tmp: Path, server_args: list[str], ready: tuple[str, ...] = CAREER_READY) -> Served:
    cmd = [sys.executable, "-m", "playbook.cli", "serve", "--port={port}", *server_args]
    began = time.time()
    server = start("playbook-serve", cmd, ROOT, tmp, CAREER, ready)
    if any(a.startswith("--workshop") for a in server_args):
        # the room arrives once the stock is warm, as the README tells the host to wait
        deadline = time.time() + 900
        while "Workshop stock is warm:" not in server.log.read_text():  # not the advice line
            if time.time() > deadline or server.proc.poll() is not None:
                raise RuntimeError(f"the stock did not warm: {server.log.read_text()[-2000:]}")
            time.sleep(1)
        print(
            f"workshop stock warm {time.time() - began:.0f} s after the command started "
            "(the server's log says how long after its own start-up)",
            flush=True,
        )
    return server


def start_plain(tmp: Path, toy_dir: Path) -> Served:
    # Voila's defaults: no voila.json from the environment's config folders (the package
    # installs none there since issue 18, but another install into this venv might have).
    bare = tmp / "no-config"
    bare.mkdir(parents=True, exist_ok=True)
    cmd = [
        str(VOILA),
        str(toy_dir),
        "--port={port}",
        "--Voila.ip=127.0.0.1",
        f"--Voila.config_file_paths={bare}",
        "--no-browser",
    ]
    return start("plain-voila", cmd, toy_dir, tmp, TOY, TOY_READY)


def descendants(server: Served) -> list[psutil.Process]:
    try:
        kids = psutil.Process(server.proc.pid).children(recursive=True)
    except psutil.Error:
        return []
    server.seen.update(k.pid for k in kids)
    return kids


def kernels(server: Served) -> list[psutil.Process]:
    out = []
    for child in descendants(server):
        try:
            if "ipykernel" in " ".join(child.cmdline()):
                out.append(child)
        except psutil.Error:
            pass
    return out


def rss_mb(procs: list[psutil.Process]) -> list[float]:
    out = []
    for p in procs:
        with contextlib.suppress(psutil.Error):
            out.append(p.memory_info().rss / 1048576)
    return out


def kernel_rss(server: Served, kernel_id: str) -> float | None:
    for k in kernels(server):
        try:
            if kernel_id in " ".join(k.cmdline()):
                return k.memory_info().rss / 1048576
        except psutil.Error:
            pass
    return None


def stop(server: Served) -> None:
    """Stop the server, then anything it started that outlived it."""
    descendants(server)
    if server.proc.poll() is None:
        server.proc.terminate()
        try:
            server.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.proc.kill()
            server.proc.wait(timeout=10)
    left = []
    for pid in server.seen:
        try:
            p = psutil.Process(pid)
            if p.status() != psutil.STATUS_ZOMBIE:
                p.terminate()
                left.append(p)
        except psutil.Error:
            pass
    _, alive = psutil.wait_procs(left, timeout=10)
    for p in alive:
        with contextlib.suppress(psutil.Error):
            p.kill()
    if server in RUNNING:
        RUNNING.remove(server)


def wait_settled(server: Served, timeout: float = 240, quiet: int = 3) -> None:
    """Wait until the server and its kernels have been idle (same kernels, under 10% of a core
    together) for ``quiet`` consecutive seconds: the preheated pool is full and waiting."""
    deadline = time.time() + timeout
    prev: tuple[frozenset[int], float] | None = None
    calm = 0
    while time.time() < deadline:
        procs = [psutil.Process(server.proc.pid), *descendants(server)]
        cpu = 0.0
        for p in procs:
            try:
                t = p.cpu_times()
                cpu += t.user + t.system
            except psutil.Error:
                pass
        now = (frozenset(p.pid for p in procs), cpu)
        if prev and now[0] == prev[0] and now[1] - prev[1] < 0.1:
            calm += 1
            if calm >= quiet:
                return
        else:
            calm = 0
        prev = now
        time.sleep(1)
    print(f"({server.name} still busy after {timeout:.0f} s; measuring anyway)", flush=True)


class Sampler(threading.Thread):
    """Peak number of kernels, peak total kernel RSS and peak server RSS, every 0.5 s."""

    def __init__(self, server: Served) -> None:
        super().__init__(daemon=True)
        self.server = server
        self.halt = threading.Event()
        self.peak_kernels = 0
        self.peak_rss = 0.0
        self.peak_server_rss = 0.0
        # CPU seconds spent during the arrivals, by the server process, by its kernels (every
        # kernel ever seen, also those stopped meanwhile) and by every other process of the
        # machine (the browser's renderers: on this machine the room's browsers share the cores)
        self.cpu: dict[str, float] = {"server": 0.0, "kernels": 0.0, "other": 0.0}
        self._last: dict[int, float] = {}
        self._began = time.monotonic()
        self._machine0 = _machine_cpu()
        self.wall = 0.0

    def _account(self) -> None:
        own = self.server.proc.pid
        for proc in [psutil.Process(own), *descendants(self.server)]:
            try:
                t = proc.cpu_times()
            except psutil.Error:
                continue
            used = t.user + t.system
            if proc.pid not in self._last and proc.pid != own:
                self._last[proc.pid] = used  # a kernel started before: count from now on
                if not self._counting:
                    continue
                self._last[proc.pid] = 0.0  # started during the arrivals: all of it counts
            before = self._last.get(proc.pid, used)
            self.cpu["server" if proc.pid == own else "kernels"] += used - before
            self._last[proc.pid] = used

    def sample(self) -> None:
        self._account()
        ks = rss_mb(kernels(self.server))
        self.peak_kernels = max(self.peak_kernels, len(ks))
        self.peak_rss = max(self.peak_rss, sum(ks))
        try:
            own = psutil.Process(self.server.proc.pid).memory_info().rss / 1048576
            self.peak_server_rss = max(self.peak_server_rss, own)
        except psutil.Error:
            pass

    _counting = False

    def run(self) -> None:
        self._last[self.server.proc.pid] = _own_cpu(self.server.proc.pid)
        self._account()  # the kernels already there count from now on
        self._counting = True
        self._began, self._machine0 = time.monotonic(), _machine_cpu()
        while not self.halt.wait(0.5):
            self.sample()

    def stop(self) -> None:
        self.halt.set()
        self.join(timeout=10)
        self.sample()
        self.wall = time.monotonic() - self._began
        machine = _machine_cpu() - self._machine0
        self.cpu["other"] = max(0.0, machine - self.cpu["server"] - self.cpu["kernels"])


def _own_cpu(pid: int) -> float:
    try:
        t = psutil.Process(pid).cpu_times()
        return t.user + t.system
    except psutil.Error:
        return 0.0


def _machine_cpu() -> float:
    t = psutil.cpu_times()
    return (
        t.user
        + t.system
        + getattr(t, "nice", 0.0)
        + getattr(t, "irq", 0.0)
        + getattr(t, "softirq", 0.0)
    )


# --------------------------------------------------------------------------- browser


#: Runs in every page from its first script on: notes, on the page's own clock (ms since the
#: navigation started), when all the ready selectors first have a box on screen. The page's
#: clock is used because with 30 pages on 2 cores the driver's own polling lags behind.
READY_SCRIPT = """(() => {
  const sels = %s;
  const shown = (s) => { const e = document.querySelector(s);
    if (!e) return false; const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const t = setInterval(() => {
    if (sels.every(shown)) { window.__benchReady = performance.now(); clearInterval(t); }
  }, 50);
})();"""


async def new_context(browser, server: Served):
    ctx = await browser.new_context(viewport=VIEWPORT)
    await ctx.add_init_script(READY_SCRIPT % json.dumps(list(server.ready)))
    return ctx


async def wait_ready(page, deadline: float) -> float:
    """Seconds from navigation start until the page's widgets were on screen (page clock)."""
    while True:
        try:
            at = await page.evaluate("window.__benchReady ?? null")
        except Exception:  # navigating: the context is being replaced
            at = None
        if at is not None:
            return float(at) / 1000
        if time.perf_counter() > deadline:
            raise TimeoutError("widgets not on screen")
        await asyncio.sleep(0.25)


async def describe(page, server: Served) -> str:
    """What a page that did not render shows: which ready selectors are missing, its text."""
    if page is None:
        return "no page"
    try:
        missing = [s for s in server.ready if not await page.locator(s).first.is_visible()]
        text = " ".join((await page.locator("body").inner_text(timeout=2000)).split())
        return f"missing {', '.join(missing) or 'nothing'}; page says: {text[:160]!r}"
    except Exception as err:
        return f"({type(err).__name__})"


async def close_context(ctx) -> None:
    try:
        for pg in ctx.pages:
            await pg.close(run_before_unload=True)
        await asyncio.sleep(0.2)
        await ctx.close()
    except Exception:
        pass


@dataclass
class Arrival:
    started: float
    outcome: str = "not started"
    seconds: float | None = None
    detail: str = ""


def fetch_page(url: str, timeout: float) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def whole(body: bytes) -> bool:
    """The page came back whole, with its widgets in it (as tests/browser/test_serving.py)."""
    return b"application/vnd.jupyter.widget-view+json" in body and body.rstrip().endswith(
        b"</html>"
    )


async def arrivals(
    browser,
    server: Served,
    n: int,
    window: float,
    timeout: float,
    profile: Path | None = None,
    client: str = "browser",
):
    """n requests of the page started evenly within ``window`` seconds, each in its own context.
    With ``profile``, py-spy samples the server process meanwhile (collapsed stacks there).

    ``client="http"``: each request is a plain HTTP GET read to its end (no browser, no
    scripts): the time until the server has sent the whole rendered page, the server's part
    of a participant's wait, measured without 30 browsers sharing the server's cores."""
    results = [Arrival(started=i * window / n) for i in range(n)]
    if client == "http":
        return await http_arrivals(server, results, window, timeout, profile)
    contexts: list[Any] = []
    t_start = time.perf_counter()

    async def one(a: Arrival) -> None:
        await asyncio.sleep(max(0.0, t_start + a.started - time.perf_counter()))
        t0 = time.perf_counter()
        deadline = t0 + timeout
        page = None
        try:
            ctx = await new_context(browser, server)
            contexts.append(ctx)
            page = await ctx.new_page()
            resp = await page.goto(server.page_url, wait_until="commit", timeout=timeout * 1000)
            if resp is not None and resp.status >= 400:
                a.outcome = f"HTTP {resp.status}"
                return
            a.seconds = await wait_ready(page, deadline)
            a.outcome = "ok"
        except Exception as err:
            a.outcome = "timeout" if "Timeout" in type(err).__name__ else type(err).__name__
            a.detail = await describe(page, server)

    sampler = Sampler(server)
    sampler.start()
    spy = start_profile(server, profile) if profile else None
    try:
        await asyncio.wait_for(
            asyncio.gather(*(one(a) for a in results)), timeout=window + timeout + 60
        )
    except TimeoutError:
        pass
    finally:
        sampler.stop()
        if spy is not None:
            spy.send_signal(signal.SIGINT)
            await asyncio.to_thread(spy.wait, 60)
        await asyncio.gather(*(close_context(c) for c in contexts))
    return results, sampler


async def http_arrivals(
    server: Served, results: list[Arrival], window: float, timeout: float, profile: Path | None
):
    t_start = time.perf_counter()

    def one(a: Arrival) -> None:
        time.sleep(max(0.0, t_start + a.started - time.perf_counter()))
        t0 = time.perf_counter()
        a.outcome = "no answer within the page timeout"
        try:
            status, body = fetch_page(server.page_url, timeout)
        except Exception as err:  # a timeout, a reset connection
            a.outcome, a.detail = type(err).__name__, str(err)[:200]
            return
        if status >= 400:
            a.outcome = f"HTTP {status}"
        elif not whole(body):
            said = "gave up" if b"did not start" in body else "incomplete"
            a.outcome, a.detail = said, f"{len(body)} bytes"
        else:
            a.seconds, a.outcome = time.perf_counter() - t0, "ok"

    sampler = Sampler(server)
    sampler.start()
    spy = start_profile(server, profile) if profile else None
    try:
        threads = [threading.Thread(target=one, args=(a,), daemon=True) for a in results]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + window + timeout + 10
        for thread in threads:  # one deadline for all: a stuck page ends as "no answer"
            await asyncio.to_thread(thread.join, max(0.0, deadline - time.monotonic()))
    finally:
        sampler.stop()
        if spy is not None:
            spy.send_signal(signal.SIGINT)
            await asyncio.to_thread(spy.wait, 60)
    return results, sampler


@dataclass
class Load:
    seconds: float | None
    bytes_at_ready: int
    bytes_total: int
    requests: list[dict]
    ws_bytes: int
    kernel_mb: float | None


async def home_load(browser, server: Served, timeout: float) -> Load:
    """One page load in a fresh context (empty cache) on the emulated home link."""
    ctx = await new_context(browser, server)
    try:
        page = await ctx.new_page()
        cdp = await ctx.new_cdp_session(page)
        reqs: dict[str, dict] = {}
        opened: list[tuple[float, str]] = []  # each websocket: when (since the start), its url
        ws = [0]
        t0 = time.perf_counter()

        def entry(e: dict) -> dict:
            return reqs.setdefault(e["requestId"], {"url": "", "bytes": 0, "done": False})

        def on_sent(e: dict) -> None:
            r = entry(e)
            r["url"] = e["request"]["url"]
            r["sent"] = time.perf_counter() - t0

        def on_response(e: dict) -> None:
            r = entry(e)
            r["url"] = e["response"]["url"]
            r["status"] = e["response"]["status"]
            r["headers"] = {k.lower(): v for k, v in e["response"].get("headers", {}).items()}

        def on_finished(e: dict) -> None:
            r = entry(e)
            r["bytes"] = int(e.get("encodedDataLength", 0))
            r["done"] = True
            r["finished"] = time.perf_counter() - t0

        def on_failed(e: dict) -> None:
            entry(e)["done"] = True

        def on_frame(e: dict) -> None:
            ws[0] += len(e["response"].get("payloadData", ""))

        cdp.on("Network.requestWillBeSent", on_sent)
        cdp.on("Network.responseReceived", on_response)
        cdp.on("Network.loadingFinished", on_finished)
        cdp.on("Network.loadingFailed", on_failed)
        cdp.on(
            "Network.webSocketCreated",
            lambda e: opened.append((time.perf_counter() - t0, e["url"])),
        )
        cdp.on("Network.webSocketFrameReceived", on_frame)
        await cdp.send("Network.enable")
        await cdp.send("Network.emulateNetworkConditions", HOME_LINK)

        t0 = time.perf_counter()
        seconds = None
        try:
            await page.goto(server.page_url, wait_until="commit", timeout=timeout * 1000)
            seconds = await wait_ready(page, t0 + timeout)
        except Exception as err:
            print(f"  ({server.name}: load failed: {type(err).__name__})", flush=True)
        at_ready = sum(r["bytes"] for r in reqs.values())
        kernel_mb = None
        kid = next(
            (u.split("/api/kernels/")[1].split("/")[0] for _, u in opened if "/api/kernels/" in u),
            None,
        )
        if kid:
            kernel_mb = kernel_rss(server, kid)
        # let the page finish what it still loads (bounded): no request open for 1.5 s
        quiet_since = time.perf_counter()
        end = time.perf_counter() + 20
        while time.perf_counter() < end:
            if any(not r["done"] for r in reqs.values()):
                quiet_since = time.perf_counter()
            elif time.perf_counter() - quiet_since > 1.5:
                break
            await asyncio.sleep(0.25)
        total = sum(r["bytes"] for r in reqs.values())
        if seconds is None or seconds > SLOW_S:
            slow_report(server.name, seconds, reqs, opened)
        return Load(seconds, at_ready, total, list(reqs.values()), ws[0], kernel_mb)
    finally:
        await close_context(ctx)


#: A home-link load slower than this prints when each of its requests was sent and finished.
SLOW_S = 15.0


def slow_report(
    name: str, seconds: float | None, reqs: dict[str, dict], opened: list[tuple[float, str]]
) -> None:
    """What a slow load waited for: its websockets' opening times and the requests that took
    longest or finished last (seconds since the page was asked for)."""
    print(f"  ({name}: a slow load, {seconds} s; sent -> finished, seconds since the start)")
    for at, url in opened:
        print(f"    websocket {at:6.2f}  {url.split('?')[0][-70:]}")
    last = sorted(reqs.values(), key=lambda r: -(r.get("finished") or 1e9))[:6]
    longest = sorted(reqs.values(), key=lambda r: -((r.get("finished") or 1e9) - r.get("sent", 0)))[
        :8
    ]
    for title, rows in (("finished last", last), ("took longest", longest)):
        print(f"    {title}:")
        for r in rows:
            done = f"{r['finished']:6.2f}" if "finished" in r else "  open"
            print(f"    {r.get('sent', 0):6.2f} -> {done}  {r['url'].split('?')[0][-80:]}")


async def home_loads(browser, server: Served, loads: int, timeout: float) -> list[Load]:
    out = []
    for _ in range(loads):
        await asyncio.to_thread(wait_settled, server)  # a server at rest, pool refilled
        out.append(await home_load(browser, server, timeout))
    return out


# --------------------------------------------------------------------------- report


def start_profile(server: Served, out: Path) -> subprocess.Popen:
    """py-spy (``pip install -e .[bench]``) sampling the server process's Python stacks, idle time
    left out, written as collapsed stacks (``frame;frame;... count``)."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    return subprocess.Popen(
        [
            spy,
            "record",
            "--pid",
            str(server.proc.pid),
            "--rate",
            "100",
            "--format",
            "raw",
            "--nonblocking",
            "-o",
            str(out),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def summarize_profile(path: Path, top: int = 25) -> None:
    """Where the server process spent its samples: the functions holding the most samples
    (inclusive, each function once per stack) and the leaves (self time)."""
    if not path.is_file():
        print(f"(no profile: py-spy wrote nothing to {path})")
        return
    inclusive: dict[str, int] = {}
    leaves: dict[str, int] = {}
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = [f.split(" (")[0] + " (" + _short(f) + ")" for f in stack.split(";")]
        for f in set(frames):
            inclusive[f] = inclusive.get(f, 0) + n
        leaves[frames[-1]] = leaves.get(frames[-1], 0) + n
    if not total:
        print("(empty profile)")
        return
    print(
        f"\n== Server process profile: {total} busy samples at 100 Hz ({total / 100:.0f} s of CPU) =="
    )
    print("inclusive (a function and all it called):")
    for f, n in sorted(inclusive.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {100 * n / total:5.1f}%  {f}")
    print("self (the leaf of the stack):")
    for f, n in sorted(leaves.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {100 * n / total:5.1f}%  {f}")
    print(f"(collapsed stacks: {path}; a flame graph: flamegraph.pl or speedscope.app)")


def _short(frame: str) -> str:
    """``name (path/to/module.py:123)`` -> ``module.py``: one entry per function, any line."""
    where = frame.rpartition(" (")[2].rstrip(")")
    file = where.rsplit(":", 1)[0]
    return "/".join(Path(file).parts[-2:])


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    s = sorted(values)
    return s[max(0, min(len(s) - 1, int(round(q / 100 * len(s) + 0.5)) - 1))]


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}" if a is not None and b else "n/a"


def summarize_arrivals(label: str, results: list[Arrival], sampler: Sampler, before: int):
    times = [a.seconds for a in results if a.seconds is not None]
    outcomes: dict[str, int] = {}
    for a in results:
        outcomes[a.outcome] = outcomes.get(a.outcome, 0) + 1
    p50 = statistics.median(times) if times else None
    p95 = pct(times, 95) if times else None
    line = f"{label}: completed {len(times)}/{len(results)}"
    if times:
        line += f", p50 {p50:.1f} s, p95 {p95:.1f} s, max {max(times):.1f} s"
    others = {k: v for k, v in outcomes.items() if k != "ok"}
    if others:
        line += f" (others: {', '.join(f'{k} x{v}' for k, v in sorted(others.items()))})"
    print(line)
    for a in [a for a in results if a.outcome != "ok"][:3]:
        print(f"    arrival at {a.started:.1f} s: {a.outcome}: {a.detail}")
    print(
        f"{label}: kernels before {before}, peak {sampler.peak_kernels}; "
        f"peak total kernel RSS {sampler.peak_rss:.0f} MB; "
        f"peak server process RSS {sampler.peak_server_rss:.0f} MB"
    )
    cpu = sampler.cpu
    print(
        f"{label}: CPU over the {sampler.wall:.0f} s of the arrivals "
        f"({os.cpu_count()} cores = {sampler.wall * (os.cpu_count() or 1):.0f} core-s): "
        f"server process {cpu['server']:.0f} s, kernels {cpu['kernels']:.0f} s, "
        f"the rest of the machine (the browsers and this driver) {cpu['other']:.0f} s"
    )
    return {
        "p50": p50,
        "p95": p95,
        "done": len(times),
        "peak_k": sampler.peak_kernels,
        "peak_rss": sampler.peak_rss,
    }


def summarize_loads(label: str, loads: list[Load]) -> dict:
    times = [x.seconds for x in loads if x.seconds is not None]
    med = statistics.median(times) if times else None
    print(
        f"{label}: widgets on screen, median {med:.2f} s "
        f"(n={len(times)}/{len(loads)}, {', '.join(f'{t:.2f}' for t in times)})"
        if times
        else f"{label}: no load completed"
    )
    done = [x for x in loads if x.seconds is not None] or loads  # figures of completed loads
    last = done[-1]
    reqs = [r for r in last.requests if r.get("status") is not None or r["bytes"]]
    compressed = [r for r in reqs if r.get("headers", {}).get("content-encoding")]
    total = statistics.median([x.bytes_total for x in done])
    at_ready = statistics.median([x.bytes_at_ready for x in done])
    print(
        f"{label}: over the wire {total / 1e6:.2f} MB in {len(reqs)} requests "
        f"({at_ready / 1e6:.2f} MB before widgets showed), {len(compressed)} compressed; "
        f"websocket frames received {last.ws_bytes / 1e3:.0f} kB"
    )
    print(f"{label}: five largest responses:")
    for r in sorted(reqs, key=lambda r: -r["bytes"])[:5]:
        h = r.get("headers", {})
        path = r["url"].split("127.0.0.1", 1)[-1].split(":", 1)[-1]
        path = path[path.find("/") :] if "/" in path else path
        print(
            f"    {r['bytes'] / 1e3:8.0f} kB  {path[:90]}  "
            f"Cache-Control: {h.get('cache-control', '-')}; "
            f"Content-Encoding: {h.get('content-encoding', '-')}"
        )
    kernel = [x.kernel_mb for x in loads if x.kernel_mb is not None]
    return {
        "med": med,
        "bytes": total,
        "requests": len(reqs),
        "kernel": statistics.median(kernel) if kernel else None,
    }


# --------------------------------------------------------------------------- main


def load_note(what: str) -> None:
    one, five, _ = os.getloadavg()
    print(f"({what}: machine load average {one:.1f} (1 min), {five:.1f} (5 min))", flush=True)


async def run(args: argparse.Namespace, tmp: Path) -> None:
    from playwright.async_api import async_playwright

    server_args = shlex.split(args.server_args)
    toy_dir = tmp / "toy"
    write_toy(toy_dir)
    print(
        f"bench_arrivals: arrivals {args.arrivals} within {args.window:.0f} s, "
        f"home-link loads {args.loads}, page timeout {args.page_timeout:.0f} s; "
        f"playbook serve {' '.join(server_args) or '(defaults)'}; "
        f"plain voila (defaults) on a one-slider plotly toy; {os.cpu_count()} cores",
        flush=True,
    )
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            ours_home = plain_home = None
            idle_pool: list[float] = []
            if args.loads:
                ready = CAREER_READY + CAREER_CHART if args.with_chart else CAREER_READY
                ours = await asyncio.to_thread(start_ours, tmp / "ours-home", server_args, ready)
                await asyncio.to_thread(wait_settled, ours)
                idle_pool = rss_mb(kernels(ours))
                load_note("home link, ours")
                loads = await home_loads(browser, ours, args.loads, args.page_timeout)
                await asyncio.to_thread(stop, ours)
                plain = await asyncio.to_thread(start_plain, tmp / "plain-home", toy_dir)
                load_note("home link, plain")
                plain_loads = await home_loads(browser, plain, args.loads, args.page_timeout)
                await asyncio.to_thread(stop, plain)
                print("\n== Home link: 20 Mbit/s, 40 ms, empty cache ==")
                ours_home = summarize_loads("ours  (career page)", loads)
                plain_home = summarize_loads("plain (toy, voila)  ", plain_loads)
                print(
                    f"ratio ours/plain: time {ratio(ours_home['med'], plain_home['med'])}, "
                    f"bytes {ratio(ours_home['bytes'], plain_home['bytes'])}, "
                    f"requests {ratio(ours_home['requests'], plain_home['requests'])} "
                    f"(target: ours < 3 s and faster than plain)"
                )
                print("\n== Memory ==")
                for label, h in (
                    ("ours  (career page)", ours_home),
                    ("plain (toy, voila)  ", plain_home),
                ):
                    k = h["kernel"]
                    print(
                        f"{label}: page kernel RSS once rendered, median "
                        + (f"{k:.0f} MB" if k is not None else "n/a")
                    )
                print(
                    f"ratio ours/plain page kernel RSS: {ratio(ours_home['kernel'], plain_home['kernel'])}"
                )
                if idle_pool:
                    print(
                        f"ours idle preheated kernels: median {statistics.median(idle_pool):.0f} MB "
                        f"(min {min(idle_pool):.0f}, max {max(idle_pool):.0f}, n={len(idle_pool)}, "
                        f"one pool per workbook); plain voila: no preheated kernels"
                    )
                else:
                    print("ours idle preheated kernels: none (no preheat)")
                sys.stdout.flush()

            if args.arrivals:

                async def one_run(name: str, start: Any, *start_args: Any) -> tuple[Any, Any, int]:
                    server = await asyncio.to_thread(start, *start_args)
                    await asyncio.to_thread(wait_settled, server)
                    kernels_before = len(kernels(server))
                    load_note(f"arrivals, {name}")
                    profile = args.profile if name == "ours" else None
                    result, samples = await arrivals(
                        browser,
                        server,
                        args.arrivals,
                        args.window,
                        args.page_timeout,
                        profile,
                        args.client,
                    )
                    await asyncio.to_thread(stop, server)
                    return result, samples, kernels_before

                res, samp, before = await one_run(
                    "ours", start_ours, tmp / "ours-arrivals", server_args
                )
                pres, psamp, pbefore = await one_run(
                    "plain", start_plain, tmp / "plain-arrivals", toy_dir
                )
                what = (
                    "until widgets are on screen in Chromium"
                    if args.client == "browser"
                    else "until the whole rendered page is sent (plain HTTP, no browser)"
                )
                print(
                    f"\n== Arrivals: {args.arrivals} page requests within {args.window:.0f} s, "
                    f"{what} =="
                )
                a = summarize_arrivals("ours  (career page)", res, samp, before)
                b = summarize_arrivals("plain (toy, voila)  ", pres, psamp, pbefore)
                if args.profile:
                    summarize_profile(args.profile)
                print(
                    f"ratio ours/plain: p50 {ratio(a['p50'], b['p50'])}, p95 {ratio(a['p95'], b['p95'])}, "
                    f"peak kernels {ratio(a['peak_k'], b['peak_k'])}, "
                    f"peak kernel RSS {ratio(a['peak_rss'], b['peak_rss'])}"
                )
        finally:
            await browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--arrivals", type=int, default=30, help="page requests (0: skip)")
    ap.add_argument("--window", type=float, default=10.0, help="seconds they start within")
    ap.add_argument("--loads", type=int, default=3, help="home-link loads per server (0: skip)")
    ap.add_argument("--page-timeout", type=float, default=180.0, help="seconds per page")
    ap.add_argument(
        "--server-args",
        default="",
        help='passed to playbook serve, e.g. --server-args="--pool-size 4"',
    )
    ap.add_argument(
        "--with-chart",
        action="store_true",
        help="home link: count ours on screen once its chart is drawn too (the toy always is)",
    )
    ap.add_argument(
        "--client",
        choices=("browser", "http"),
        default="browser",
        help="arrivals as Chromium pages (widgets on screen; the browsers share this machine's "
        "cores with the server) or as plain HTTP requests (the whole rendered page sent: the "
        "server's part alone)",
    )
    ap.add_argument(
        "--profile",
        type=Path,
        default=None,
        help="with py-spy installed: sample our server process during its arrivals into this "
        "file (collapsed stacks) and print where its time went",
    )
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the cleanup below
    tmp = Path(tempfile.mkdtemp(prefix="bench-arrivals-"))
    try:
        asyncio.run(run(args, tmp))
    finally:
        for server in list(RUNNING):
            stop(server)


if __name__ == "__main__":
    main()
