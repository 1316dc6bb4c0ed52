"""Two `playbook serve` processes on different ports sharing one PostgreSQL store behave as one
service: a participant answers on one and reopens their private link on the other, and a
mentor's rating sent through one server reaches the participant's page on the other (#12)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import REPO, Server, free_port, open_page, private_key, stop_server, wait_saved
from .test_leadership_browser import INST, MENTOR, SELF, answer_everything

pytestmark = pytest.mark.browser


def serve_on(store_url: str, tmp: Path) -> Server:
    """``playbook serve --store URL`` on a free loopback port, started without waiting."""
    port = free_port()
    tmp.mkdir(parents=True, exist_ok=True)
    log = tmp / "serve.log"
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env.pop("PLAYBOOK_STORE", None)
    cmd = [sys.executable, "-m", "playbook.cli", "--store", store_url, "serve", f"--port={port}"]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    return Server(f"http://127.0.0.1:{port}", tmp, log, proc)


def wait_up(server: Server) -> None:
    deadline = time.time() + 90
    while time.time() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"playbook serve exited: {server.log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(server.url + "/voila/static/voila.js", timeout=2)  # noqa: S310
            return
        except Exception:
            time.sleep(0.3)
    raise RuntimeError("playbook serve did not start in 90 s")


@pytest.fixture
def two_servers(pg_url, tmp_path):
    # Both start at once on an empty database: each applies the migrations at start-up.
    servers = [serve_on(pg_url, tmp_path / name) for name in ("a", "b")]
    try:
        for s in servers:
            wait_up(s)
        yield servers
    finally:
        for s in servers:
            stop_server(s)


@pytest.mark.slow
def test_two_servers_on_one_postgresql_store_are_one_service(page, browser, two_servers):
    """Answers given on server A are all there through the private link on server B; a mentor
    link made on B, answered on A, shows up on B as the mentor's rating?"""
    a, b = two_servers
    open_page(page, a, "02_leadership_style.ipynb", ready=".pb-leadership")
    key = private_key(page)
    answer_everything(page, ".pb-leadership", SELF)
    wait_saved(page)

    open_page(page, b, "02_leadership_style.ipynb", f"key={key}", ready=".pb-leadership")
    page.wait_for_function(
        "() => document.querySelector('.pb-primary').textContent.includes('primary style is Architect')"
    )
    total = len(INST.items) + len(INST.forced_choice)
    progress = page.locator(".pb-leadership .pb-progress").first.inner_text()
    assert f"{total} / {total} answered" in progress
    page.locator(".pb-compare input[type=text]").first.fill("Alex")
    page.get_by_role("button", name="Create a link for my mentor").click()
    link_box = page.locator(".pb-share-link input")
    link_box.wait_for()
    link = link_box.input_value()
    query = link.split("?", 1)[1]

    mentor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    try:
        open_page(mentor, a, "02_leadership_style.ipynb", query, ready=".pb-leadership-rating")
        answer_everything(mentor, ".pb-leadership-rating", MENTOR)
        mentor.get_by_role("button", name="Send my rating").click()
        mentor.wait_for_selector(".pb-msg-success")
    finally:
        mentor.close(run_before_unload=True)

    page.get_by_role("button", name="Refresh ratings").click()
    page.wait_for_function(
        "() => document.querySelector('.pb-gaps').textContent.includes('1 mentor answered')"
    )
    assert "Architect" in page.locator(".pb-gaps").inner_text()
