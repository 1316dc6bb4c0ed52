"""Preload hints (playbook.serving.preload): a workbook page names, at its top, exactly the
scripts the browser then loads for it, so they are fetched while the page is still sent."""

from __future__ import annotations

import json
import re

from playbook.serving import preload

RECORDED = json.loads(preload.LIST.read_text(encoding="utf-8"))


def test_the_recorded_list_is_this_front_ends():
    """Was the list recorded with the front-end installed here? (After an upgrade of Voila or
    a lab extension: run scripts/make_preload.py.)"""
    assert RECORDED["fingerprint"] == preload.fingerprint(), (
        "the front-end changed since playbook/serving/config/preload.json was recorded: "
        "run scripts/make_preload.py"
    )
    assert len(RECORDED["scripts"]) == len(set(RECORDED["scripts"])) > 20


def test_a_page_preloads_exactly_the_scripts_it_loads(server, browser):
    """Does the career page's head name every same-origin script the page then asks for at its
    start, in the order asked, and nothing it does not ask for (the chart's renderer, loaded
    after the first paint, is not named)?"""
    context = browser.new_context()
    try:
        page = context.new_page()
        asked: list[str] = []
        page.on(
            "request",
            lambda r: (
                asked.append(r.url[len(server.url) + 1 :])
                if r.resource_type == "script" and r.url.startswith(server.url + "/")
                else None
            ),
        )
        page.goto(server.render_url("01_career_path.ipynb"), wait_until="networkidle")
        page.wait_for_selector(".pb-q-standardization input", timeout=60_000)
        page.wait_for_timeout(2000)
        hints = page.evaluate(
            """() => Array.from(document.head.querySelectorAll('link[rel="preload"]'))
                   .map(l => [l.getAttribute('as'), l.getAttribute('href')])"""
        )
    finally:
        context.close()
    assert {kind for kind, _ in hints} == {"script"}
    named = [re.sub(r"^/", "", href) for _, href in hints]
    assert named == list(preload.page_scripts())
    asked_once = list(dict.fromkeys(asked))
    at_start = [s for s in asked_once if not preload.loaded_later(s)]
    assert set(named) == set(at_start)  # every hint used, every script of the start hinted
    assert any(preload.loaded_later(s) for s in asked_once)  # the chart's renderer, later
    assert asked_once.index("voila/static/voila.js") < asked_once.index(named[-1])
