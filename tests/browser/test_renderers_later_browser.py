"""Plotly's renderer is loaded after the page's first paint, not before its kernel connects
(``patches.LATER``, ``pages.RENDERERS_LATER``; docs/SERVING.md, "The front-end on a home
link"): the page starts without plotly's 1.4 MB, and its charts are still drawn."""

from __future__ import annotations

import json

from playbook.serving import patches, preload
from tests.browser.conftest import RENDER_TIMEOUT_MS


def test_a_page_starts_without_plotly_and_draws_its_chart(browser, server):
    """Is plotly's mime extension left out of what Voila loads at start, its chunk asked for
    only after the page connected its kernel, and the career page's chart drawn?"""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    events: list[tuple[str, str]] = []
    try:
        page = context.new_page()
        page.on("request", lambda r: events.append(("request", r.url)))
        page.on("websocket", lambda ws: events.append(("websocket", ws.url)))
        page.goto(server.render_url("01_career_path.ipynb"))
        page.wait_for_selector(".pb-q-standardization input", timeout=RENDER_TIMEOUT_MS)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        config = json.loads(page.inner_text("#jupyter-config-data"))
    finally:
        context.close()
    (plotly,) = [x for x in config["federated_extensions"] if x["name"] == "jupyterlab-plotly"]
    assert "mimeExtension" not in plotly and plotly["load"]
    later = [{"name": name, "module": "./mimeExtension"} for name in patches.LATER]
    assert config["playbookRenderersLater"] == later
    kinds = [kind for kind, _ in events]
    chunk = [
        i
        for i, (kind, url) in enumerate(events)
        if kind == "request" and preload.loaded_later(url.split("/", 3)[-1])
    ]
    assert chunk, "plotly's chunk was never asked for, yet the chart was drawn?"
    # Voila connects the kernel only once every extension it loads at start is loaded
    assert kinds.index("websocket") < chunk[0]
