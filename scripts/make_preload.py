"""Record the scripts the workbook pages load, for the pages' preload hints
(playbook/serving/preload.py), into playbook/serving/config/preload.json.

    .venv/bin/python scripts/make_preload.py

Starts `playbook serve` on a free port (Jupyter folders and the store isolated as in the tests),
opens every workbook page once in Debian's Chromium with an empty cache, and keeps the
same-origin scripts the page requested until its network was quiet, in the order it asked for
them, with the fingerprint of this environment's front-end. Run it again after upgrading Voila
or a lab extension (the browser test of the hints fails until then).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import conftest  # noqa: E402,F401  (isolates Jupyter dirs and the store, as the tests do)
from playbook.serving import preload  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server  # noqa: E402


def page_scripts(browser, url: str, origin: str) -> list[str]:
    """The same-origin scripts a page loads on opening, in request order, below ``origin``."""
    context = browser.new_context()
    try:
        page = context.new_page()
        seen: list[str] = []

        def on_request(request) -> None:
            if request.resource_type == "script" and request.url.startswith(origin + "/"):
                path = request.url[len(origin) + 1 :]
                if path not in seen:
                    seen.append(path)

        page.on("request", on_request)
        page.goto(url, wait_until="networkidle", timeout=180_000)
        page.wait_for_timeout(2000)  # late chunks (a widget's first drawing)
        return seen
    finally:
        context.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    notebooks = sorted(p.name for p in (ROOT / "workbooks").glob("*.ipynb"))
    server = start_server(Path(tempfile.mkdtemp(prefix="make-preload-")))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            pages = {}
            for notebook in notebooks:
                pages[notebook] = page_scripts(browser, server.render_url(notebook), server.url)
                print(f"{notebook}: {len(pages[notebook])} scripts", flush=True)
            browser.close()
    finally:
        stop_server(server)
    # every page loads the same front-end (measured: the same 96 scripts on each); the list is
    # their union, in the order first asked for
    scripts: list[str] = []
    for found in pages.values():
        scripts += [s for s in found if s not in scripts]
    out = {"fingerprint": preload.fingerprint(), "scripts": scripts}
    preload.LIST.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"written: {preload.LIST.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
