"""Pages that stay blank: browsers loading workbook pages in turn against one ``playbook serve``,
counting the pages whose widgets never show (docs/SERVING.md, "A page that stayed blank").

Each browser (Debian's Chromium) opens a fresh context per round and loads the leadership,
mentor sessions, career and mentor sessions pages in it one after another, as
``tests/browser/test_mentoring_browser.py`` does; a page counts as blank when its widgets are not
on screen within ``--timeout`` seconds. For each blank page the page's console, its kernel
websocket's frames (message types only) and its HTML are written to ``--keep``.

    .venv/bin/python benchmarks/bench_blank_pages.py [--rounds 25] [--browsers 3]
        [--timeout 30] [--keep DIR] [--without-fix]

``--without-fix`` serves with ``PlaybookKernelManager.patch_front_end=False`` (jupyterlab-manager's
renderer as installed, ipywidgets#4026). Prints pages loaded, blank pages, and the median and
longest time to widgets of the others.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
import conftest  # noqa: E402,F401  (isolates Jupyter dirs and the store, as the tests do)
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server  # noqa: E402

PAGES = (
    ("02_leadership_style.ipynb", ".pb-leadership"),
    ("08_mentor_sessions.ipynb", ".pb-mentoring .pb-make-session-link"),
    ("01_career_path.ipynb", ".pb-header"),
    ("08_mentor_sessions.ipynb", ".pb-mentoring .pb-make-session-link"),
)
MSG_TYPE = re.compile(r'"msg_type":\s*"(\w+)"')


def frame(kind: str, message: str | bytes) -> str:
    text = message if isinstance(message, str) else message.decode("latin-1")
    types = MSG_TYPE.findall(text)[:2]
    return f"{kind} {len(text)} bytes {'/'.join(types)}"


def browse(server, args, keep: Path, index: int, times: list[float], blank: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for round_ in range(args.rounds):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            for notebook, ready in PAGES:
                log: list[str] = []
                started = time.monotonic()

                def note(text: str, started: float = started, log: list[str] = log) -> None:
                    log.append(f"{time.monotonic() - started:7.3f} {text}")

                def on_ws(ws, note=note) -> None:
                    ws.on("framesent", lambda m: note(frame("sent", m)))
                    ws.on("framereceived", lambda m: note(frame("recv", m)))

                listeners = {
                    "console": lambda m, note=note: note(f"console {m.type}: {m.text[:300]}"),
                    "pageerror": lambda e, note=note: note(f"pageerror {e}"),
                    "websocket": on_ws,
                }
                for event, listener in listeners.items():
                    page.on(event, listener)
                response = page.goto(server.render_url(notebook), timeout=90_000)
                try:
                    page.wait_for_selector(ready, timeout=args.timeout * 1000)
                    times.append(time.monotonic() - started)
                except Exception:
                    name = f"blank-{index}-{round_}-{notebook}.json"
                    blank.append(name)
                    html = response.text() if response is not None else ""
                    (keep / name).write_text(json.dumps({"log": log, "html": html}, indent=1))
                    print(f"blank: browser {index} round {round_} {notebook} -> {name}", flush=True)
                for event, listener in listeners.items():
                    page.remove_listener(event, listener)
            for open_page in context.pages:
                open_page.close(run_before_unload=True)
            context.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=25, help="rounds per browser")
    parser.add_argument("--browsers", type=int, default=3, help="browsers at once")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds until blank")
    parser.add_argument("--keep", type=Path, help="folder for the blank pages' records")
    parser.add_argument("--without-fix", action="store_true", help="renderer as installed")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-blank-"))
    keep = args.keep or tmp
    keep.mkdir(parents=True, exist_ok=True)
    extra = ["--", "--PlaybookKernelManager.patch_front_end=False"] if args.without_fix else []
    server = start_server(tmp / "served", args=extra)
    times: list[float] = []
    blank: list[str] = []
    try:
        threads = [
            threading.Thread(target=browse, args=(server, args, keep, i, times, blank))
            for i in range(args.browsers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        stop_server(server)
    loaded = len(times) + len(blank)
    fix = "off" if args.without_fix else "on"
    print(
        f"renderer fix {fix}: {loaded} pages, {len(blank)} blank; widgets on screen median "
        f"{statistics.median(times):.1f} s, longest {max(times):.1f} s; records in {keep}"
        if times
        else f"renderer fix {fix}: {loaded} pages, {len(blank)} blank"
    )


if __name__ == "__main__":
    main()
