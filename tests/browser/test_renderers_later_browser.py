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


def test_a_chart_drawn_before_plotly_came_is_drawn_again_with_it(browser, server):
    """When a chart is drawn before plotly's renderer is registered (an answer changed while
    its 1.4 MB are still on their way), does the page draw it again once the renderer came,
    instead of leaving the chart's text stand-in?"""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    held: list = []
    try:
        page = context.new_page()
        page.route("**/jupyterlab-plotly/static/0.*.js*", lambda route: held.append(route))
        page.goto(server.render_url("01_career_path.ipynb"))
        page.wait_for_selector(".pb-q-standardization input", timeout=RENDER_TIMEOUT_MS)
        for _ in range(600):  # the page asks for plotly once its widgets are restored
            if held:
                break
            page.wait_for_timeout(50)
        assert held, "the page never asked for plotly's renderer"
        page.locator(".pb-q-standardization label", has_text="Mostly ad hoc").click()
        stand_in = page.get_by_text("<plotly figure", exact=False).first
        stand_in.wait_for(timeout=60_000)  # drawn at once, without plotly's renderer
        assert page.locator(".js-plotly-plot").count() == 0
        for route in held:
            route.continue_()
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        stand_in.wait_for(state="detached", timeout=30_000)
    finally:
        context.close()


def test_the_charts_picture_placeholder_is_decorative(browser, server):
    """Does plotly's renderer's picture placeholder (an ``<img>`` shown until the chart is
    drawn) carry an empty alt, so no unnamed image is met while charts are on their way
    (``assets.PLOTLY_IMAGE``)?"""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(server.render_url("01_career_path.ipynb"))
        page.wait_for_selector(".pb-q-standardization input", timeout=RENDER_TIMEOUT_MS)
        page.wait_for_selector(".jp-RenderedPlotly img", state="attached", timeout=60_000)
        alts = page.eval_on_selector_all(
            ".jp-RenderedPlotly img", "els => els.map(e => e.getAttribute('alt'))"
        )
    finally:
        context.close()
    assert alts and all(alt == "" for alt in alts), alts
