"""A page whose widget state arrives while a widget's renderer is giving up still shows its
widgets (``assets.WIDGET_RENDERER``: ipywidgets#4026; docs/SERVING.md, "A page that stayed blank").

The race, made to happen on purpose: the page's clock is Playwright's (it moves only when the
test moves it) and the kernel's websocket goes through the test, which holds the widgets'
state back. The renderer of each view asks the widget manager for its model, which looks for
it every 100 ms for 2 s; the test lets the state through while the clock stands still (the
manager restores every model and says it is restored), then jumps the clock 2.1 s ahead: the
renderer's wait ends without looking again, and it finds a restored manager. Without the
patch the page says "Error displaying widget: model not found" for good (seen in 16 of about
540 loads with three browsers at once before the patch)."""

from __future__ import annotations

import datetime
import re
import urllib.request

import pytest

from playbook.serving import assets

CHANNELS = re.compile(r"/api/kernels/[-\w]+/channels")
START = datetime.datetime(2026, 12, 7, 9, 0, 0)


@pytest.mark.parametrize("asset", assets.ASSETS, ids=[a.path for a in assets.ASSETS])
def test_the_served_file_is_the_patched_one(server, asset):
    """Does the page get each front-end file we change (jupyterlab-manager's renderer,
    plotly's) with the change made, at its address?"""
    url = f"{server.url}/voila/labextensions/{asset.path}"
    body = urllib.request.urlopen(url, timeout=30).read()  # noqa: S310
    assert body.count(asset.new) == 1
    assert asset.old not in body.replace(asset.new, b"")


def test_a_view_whose_state_came_as_its_renderer_gave_up_is_shown(browser, server):
    """Does a page show its widgets when the state was restored during the renderer's last
    wait for its model, instead of "model not found"?"""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    held: list[str | bytes] = []
    holding = [True]
    to_page: list = []

    def through_the_test(ws) -> None:
        kernel = ws.connect_to_server()
        ws.on_message(kernel.send)

        def down(message: str | bytes) -> None:
            text = message if isinstance(message, str) else message.decode("latin-1")
            if holding[0] and (held or "update_states" in text):
                held.append(message)
            else:
                ws.send(message)

        kernel.on_message(down)
        to_page.append(ws)

    try:
        page.route_web_socket(CHANNELS, through_the_test)
        page.clock.install(time=START)
        page.clock.pause_at(START + datetime.timedelta(seconds=1))
        page.goto(server.render_url("01_career_path.ipynb"), wait_until="commit")
        # the clock moves only here, until a renderer waits for its model
        for _ in range(2000):
            page.clock.run_for(50)
            if page.evaluate("(document.body?.innerText || '').includes('Loading widget...')"):
                break
            page.wait_for_timeout(20)
        else:
            raise AssertionError("no widget renderer started within 100 s of the page's time")
        for _ in range(1800):
            if held:
                break
            page.wait_for_timeout(50)
        assert held, "the widgets' state never came"
        holding[0] = False
        for message in held:
            to_page[-1].send(message)
        restored = (
            "() => !!(window.jupyterapp && window.jupyterapp.widgetManager"
            " && window.jupyterapp.widgetManager.restoredStatus)"
        )
        for _ in range(1800):
            if page.evaluate(restored):
                break
            page.wait_for_timeout(50)
        assert page.evaluate(restored), "the widget manager never restored the state"
        page.clock.fast_forward(2100)  # the renderers' 2 s wait ends, without a last look
        page.clock.resume()
        page.wait_for_selector(".pb-header", timeout=30_000)
        assert "model not found" not in page.inner_text("body")
    finally:
        context.close()
