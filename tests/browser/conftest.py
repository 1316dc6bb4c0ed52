"""A real ``playbook serve`` and Debian's Chromium, driven by playwright.

Fixtures
--------
server     one served app for the whole test session (preheated kernels, its own store file)
browser    Chromium from /usr/bin/chromium (playwright cannot download browsers here)
page       a fresh browser context (no shared cookies or storage) per test; closed with
           run_before_unload so Voila is asked to stop the kernel
open_page  ``open_page(page, "01_career_path.ipynb", key=...)`` -> page, once widgets render
restore_demo  data/demo_workbook.json as a new private workbook in a server's store: its key
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "data" / "demo_workbook.json"
RENDER_TIMEOUT_MS = 90_000

pytestmark = pytest.mark.browser


def restore_demo(server: Server) -> str:
    """The demo workbook restored into the server's store as a new private workbook: its key."""
    from playbook.store import Store

    store = Store(f"sqlite:///{server.store}")
    try:
        wid, key = store.create_workbook()
        store.replace_record(wid, json.loads(DEMO.read_bytes()), "import from file")
    finally:
        store.close()
    assert key is not None
    return key


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    store: Path
    log: Path
    proc: subprocess.Popen

    def kernels(self) -> set[str]:
        """Ids of the kernels this server runs now (from their connection files' names)."""
        import psutil

        ids = set()
        for child in psutil.Process(self.proc.pid).children(recursive=True):
            try:
                cmd = " ".join(child.cmdline())
            except psutil.Error:
                continue
            if "ipykernel" in cmd and "kernel-" in cmd:
                ids.add(cmd.split("kernel-", 1)[1].split(".json", 1)[0])
        return ids

    def render_url(self, notebook: str, query: str = "") -> str:
        return f"{self.url}/voila/render/{notebook}" + (f"?{query}" if query else "")


def start_server(
    tmp: Path,
    *,
    preheat: bool = True,
    extra_env: dict[str, str] | None = None,
    args: list[str] | None = None,
) -> Server:
    """Start ``playbook serve`` on a free loopback port; wait until it answers. ``args`` go to
    ``playbook serve`` (e.g. ``["--max-kernels=1", "--", "--PlaybookKernelManager.x=1"]``)."""
    port = free_port()
    tmp.mkdir(parents=True, exist_ok=True)
    store = tmp / "store" / "workbooks.sqlite"
    log = tmp / "serve.log"
    env = dict(os.environ, PLAYBOOK_STORE=str(store), PYTHONUNBUFFERED="1", **(extra_env or {}))
    cmd = [sys.executable, "-m", "playbook.cli", "serve", f"--port={port}"]
    if not preheat:
        cmd.append("--no-preheat")
    cmd += args or []
    fh = log.open("w")
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=fh, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"playbook serve exited: {log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(url + "/voila/static/voila.js", timeout=2)  # noqa: S310
            break
        except Exception:
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError("playbook serve did not start in 60 s")
    return Server(url, store, log, proc)


def stop_server(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.proc.kill()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    s = start_server(tmp_path_factory.mktemp("served"))
    yield s
    stop_server(s)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Debian's chromium is not installed (apt-get install chromium): run scripts/test"
        )
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield PatientBrowser(b)
        b.close()


class PatientBrowser:
    """The browser, whose every new context waits as long as a served page may take.

    Playwright's default of 30 s is too short for a page that gets a cold kernel (the pool still
    refilling after earlier pages) on a loaded 2-core machine; a page that never renders still
    fails, after RENDER_TIMEOUT_MS.
    """

    def __init__(self, browser) -> None:
        self._browser = browser

    def new_context(self, **kwargs):
        context = self._browser.new_context(**kwargs)
        context.set_default_timeout(RENDER_TIMEOUT_MS)
        context.set_default_navigation_timeout(RENDER_TIMEOUT_MS)
        return context

    def __getattr__(self, name: str):
        return getattr(self._browser, name)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(RENDER_TIMEOUT_MS)
    yield pg
    for p in context.pages:
        p.close(run_before_unload=True)
    context.close()


def open_page(page, server: Server, notebook: str, query: str = "", ready: str = ".pb-header"):
    """Go to a workbook page and wait until its widgets are rendered."""
    page.goto(server.render_url(notebook, query))
    page.wait_for_selector(ready, timeout=RENDER_TIMEOUT_MS)
    return page


def wait_saved(page, timeout: float = 20.0, after: str | None = None) -> None:
    """Wait until the page's saved-state indicator says everything is saved; with ``after``
    (what :func:`saved_at` read before an edit), until a save newer than that one ended (the
    indicator may still say "saved" from the save before, while the edit is on its way)."""
    page.wait_for_function(
        "(after) => { const e = document.querySelector('.pb-save-state [data-state]');"
        " return e && e.dataset.state === 'saved' && e.textContent.includes('·')"
        " && (after === null || e.dataset.savedAt !== after); }",
        arg=after,
        timeout=timeout * 1000,
    )


def saved_at(page) -> str:
    """When the page's last save ended (the indicator's ``data-saved-at``), for
    :func:`wait_saved`'s ``after``."""
    return page.locator(".pb-save-state [data-state]").get_attribute("data-saved-at") or ""


def private_key(page) -> str:
    """The key in the page's private-link box."""
    value = page.locator(".pb-private-link input").input_value()
    return value.split("key=", 1)[1]
