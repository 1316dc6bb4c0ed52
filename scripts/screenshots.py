"""Make ``docs/screenshots/``: every workbook page, filled with the demo workbook, at 1280 px,
at 390 px and in the dark theme (the system's dark setting, emulated).

It serves the app with ``playbook serve`` on a free loopback port and a store of its own in a
temporary folder, restores ``data/demo_workbook.json`` into it, and photographs each page with
Debian's Chromium (playwright): one viewport-high shot per page and look, reduced to a 256-colour
palette so the PNGs stay small.

    .venv/bin/python scripts/screenshots.py            # all pages
    .venv/bin/python scripts/screenshots.py 01 03      # only the pages whose names start so
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots"
DEMO = REPO / "data" / "demo_workbook.json"
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
#: name -> (viewport width, height, colour scheme)
LOOKS = {
    "1280": (1280, 800, "light"),
    "390": (390, 844, "light"),
    "dark": (1280, 800, "dark"),
}


def notebooks() -> list[str]:
    return sorted(p.name for p in (REPO / "workbooks").glob("0*.ipynb"))


def serve(tmp: Path) -> tuple[subprocess.Popen, str, Path]:
    """``playbook serve`` on a free port with its own store; returns once it answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    store = tmp / "workbooks.sqlite"
    env = dict(os.environ, PLAYBOOK_STORE=str(store), PYTHONUNBUFFERED="1")
    log = (tmp / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "playbook.cli", "serve", f"--port={port}"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "/voila/static/voila.js", timeout=2)  # noqa: S310
            return proc, url, store
        except Exception:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("playbook serve did not start")


def demo_key(store: Path) -> str:
    """A workbook in ``store`` holding the demo workbook, as restored from its file."""
    from playbook.record import parse_workbook_file
    from playbook.store import Store

    st = Store(f"sqlite:///{store}")
    workbook_id, key = st.create_workbook()
    st.replace_record(workbook_id, parse_workbook_file(DEMO.read_bytes()), "restored")
    st.close()
    assert key
    return key


def small_png(png: bytes) -> bytes:
    """The screenshot in a 256-colour palette, compressed as far as PNG goes."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()


def shoot(browser, url: str, key: str, notebook: str, look: str) -> Path:
    width, height, scheme = LOOKS[look]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    context.set_default_timeout(90_000)
    page = context.new_page()
    page.goto(f"{url}/voila/render/{notebook}?key={key}")
    page.wait_for_selector(".pb-header")
    page.wait_for_timeout(2500)  # charts drawn and resized, the saved state shown
    target = OUT / f"{notebook.split('_')[0]}-{look}.png"
    target.write_bytes(small_png(page.screenshot()))
    page.close(run_before_unload=True)
    context.close()
    return target


def main(prefixes: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    chosen = [n for n in notebooks() if not prefixes or n.startswith(tuple(prefixes))]
    with tempfile.TemporaryDirectory() as tmp:
        proc, url, store = serve(Path(tmp))
        try:
            key = demo_key(store)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for notebook in chosen:
                    for look in LOOKS:
                        path = shoot(browser, url, key, notebook, look)
                        print(f"{path.relative_to(REPO)}  {path.stat().st_size // 1024} KB")
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=20)


if __name__ == "__main__":
    main(sys.argv[1:])
