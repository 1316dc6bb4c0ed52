"""Preload hints: a page names the scripts it will load in its ``<head>``, so a browser fetches
them while the page is still being sent.

Voila's page asks for its front-end only at its end (``voila.js``, after the last cell's
output), and the front-end then discovers its scripts in waves: Voila's chunks, each lab
extension's entry, the extensions' own chunks (plotly's 1.4 MB among them). On a home link that
is a chain of round trips after the page has arrived (``benchmarks/trace_front_end.py``). With
``<link rel="preload" as="script">`` for each of them at the top of the page, the browser
downloads them all while the kernel still finishes the page, and the front-end starts from its
cache.

Which scripts a page loads is what a browser shows, not something the server can work out, so
``scripts/make_preload.py`` records them (a real page load of every workbook in Chromium) into
``config/preload.json``, with the fingerprint of the front-end it recorded: Voila's version and
each lab extension's entry file, whose name carries a hash of its build. A server whose
front-end has another fingerprint (an upgrade, another extension) sends no hints and says so
once in its log; ``tests/browser/test_serving.py`` fails then, asking for the list to be made
again.
"""

from __future__ import annotations

import html
import json
import logging
from functools import cache
from pathlib import Path
from typing import Any

LIST = Path(__file__).parent / "config" / "preload.json"
log = logging.getLogger("Voila")


def fingerprint() -> dict[str, Any]:
    """The front-end this environment serves: Voila's version and each lab extension's entry
    (its file name changes with its build)."""
    import voila
    from jupyterlab_server.config import get_federated_extensions
    from voila.utils import get_voila_labextensions_path

    found = get_federated_extensions(get_voila_labextensions_path())
    loads = {
        name: ext.get("jupyterlab", {}).get("_build", {}).get("load", "")
        for name, ext in found.items()
    }
    return {"voila": voila.__version__, "extensions": dict(sorted(loads.items()))}


@cache
def page_scripts(path: Path = LIST) -> tuple[str, ...]:
    """The scripts a workbook page loads (paths below the server's base URL; every workbook
    loads the same front-end), if the list was recorded with this environment's front-end;
    else none."""
    try:
        recorded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.info("No preload list (%s): pages load without preload hints", path.name)
        return ()
    if recorded.get("fingerprint") != fingerprint():
        log.info(
            "The preload list was recorded with another front-end (Voila or a lab extension "
            "changed): pages load without preload hints (scripts/make_preload.py records it)"
        )
        return ()
    return tuple(s for s in recorded.get("scripts", ()) if not loaded_later(s))


def loaded_later(script: str) -> bool:
    """Whether ``script`` is loaded only after the page's first paint: a chunk of a lab
    extension whose renderer is registered then (``patches.LATER``; its entry still loads at
    start), so a hint would make it compete with the page's start for the link."""
    from playbook.serving.patches import LATER

    return any(
        script.startswith(f"voila/labextensions/{name}/static/") and "/remoteEntry." not in script
        for name in LATER
    )


@cache
def links(base_url: str) -> bytes:
    """The ``<link rel="preload">`` tags of a workbook page (made once, sent with every page)."""
    return "".join(
        f'<link rel="preload" as="script" href="{html.escape(base_url + s)}">'
        for s in page_scripts()
    ).encode()
