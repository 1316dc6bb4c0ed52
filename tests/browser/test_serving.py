"""Serving that holds, against a real ``playbook serve``: no page hangs, kernels stay bounded,
a full server says so, and no private key reaches the log.

The servers here use short graces (set on the command line, as an operator would) so that the
checks fit in CI; the defaults are in voila.json.
"""

from __future__ import annotations

import concurrent.futures
import gzip
import json
import re
import signal
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psutil
import pytest

from tests.browser.conftest import (
    Server,
    open_page,
    private_key,
    start_server,
    stop_server,
    wait_saved,
)

WORKBOOKS = [p.name for p in sorted((Path(__file__).parents[2] / "workbooks").glob("*.ipynb"))]
PAGE_BOUND_S = 60.0  # no page may take longer than this, even 20 arriving at once
GRACE = 15  # seconds a page's kernel waits for its page to connect (default 60)


def fetch(url: str, timeout: float = PAGE_BOUND_S, headers: dict[str, str] | None = None):
    """(status, headers, body, seconds) of one GET; a hang fails at ``timeout``."""
    request = urllib.request.Request(url, headers=headers or {})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read()
            return response.status, response.headers, body, time.monotonic() - started
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read(), time.monotonic() - started


def wait_for(predicate, timeout: float, step: float = 1.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


@pytest.fixture(scope="module")
def short_grace_server(tmp_path_factory) -> Server:
    s = start_server(
        tmp_path_factory.mktemp("short-grace"),
        extra_env={"PYTHONFAULTHANDLER": "1"},  # a kernel that crashes says where
        args=[
            "--",
            f"--PlaybookKernelManager.connect_grace={GRACE}",
            "--PlaybookKernelManager.closed_grace=5",
            "--PlaybookKernelManager.watch_interval=2",
            "--PlaybookKernelManager.page_timeout=45",
        ],
    )
    # the pool: one preheated kernel per workbook
    assert wait_for(lambda: len(s.kernels()) >= len(WORKBOOKS), 90)
    yield s
    stop_server(s)


def rendered(body: bytes) -> bool:
    """Did the page come back whole, with the workbook's widgets in it?"""
    return b"application/vnd.jupyter.widget-view+json" in body and body.rstrip().endswith(
        b"</html>"
    )


def outputs(body: bytes) -> list[str]:
    """The text outputs of a rendered page (where an error would show)."""
    return re.findall(r'"text": "([^"]{0,300})', body.decode("utf-8", "replace"))


def page_kernel(page) -> str:
    """The id of the kernel a served page works with (from Voila's page configuration)."""
    return page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )


def load(server: Server, notebook: str) -> tuple[int, bytes, float, int]:
    """Load a page as a browser does: a page that gave up (it says "This page did not start"
    and reloads itself) is loaded again. (status, body, seconds in all, reloads)."""
    started, reloads = time.monotonic(), 0
    while True:
        status, _, body, _ = fetch(server.render_url(notebook))
        if b"This page did not start" not in body or reloads == 2:
            return status, body, time.monotonic() - started, reloads
        reloads += 1


@pytest.mark.slow
def test_no_page_hangs_and_unconnected_kernels_go(short_grace_server):
    """Do 36 page requests one after another (6 per workbook) and then 20 at once all complete
    within the bound, with the workbook rendered, and are the kernels of those pages (which no
    browser ever connects to) gone within the grace, leaving only the preheated pool?

    A page whose rendering stalls is given up by the server and reloads itself, as a browser
    would follow it here; each such reload is logged and counted (issue 13's note)."""
    server = short_grace_server
    pool = len(server.kernels())
    results = []
    for _ in range(6):
        for notebook in WORKBOOKS:
            status, body, seconds, reloads = load(server, notebook)
            if not rendered(body):
                (server.log.parent / f"failed-{notebook}.html").write_bytes(body)
            assert status == 200 and rendered(body), f"{notebook}: {status} {outputs(body)}"
            results.append((seconds, reloads))
    with concurrent.futures.ThreadPoolExecutor(20) as pool_:
        concurrent_ = list(pool_.map(lambda _: load(server, "01_career_path.ipynb"), range(20)))
    failed = [(st, round(sec, 1), outputs(b)) for st, b, sec, _ in concurrent_ if not rendered(b)]
    assert not failed, failed
    results += [(sec, reloads) for _, _, sec, reloads in concurrent_]
    assert max(sec for sec, _ in results) < PAGE_BOUND_S
    reloads = sum(r for _, r in results)
    log = server.log.read_text()
    assert log.count("given up:") == reloads
    # Measured: 0 to 3 of 56 pages stall with their kernel idle (cause open, see the note);
    # more than 6 is a regression.
    assert reloads <= 6, f"{reloads} of {len(results)} pages had to be reloaded"

    # every page's kernel is stopped once its grace is over (the pool, which grew with the
    # arrivals, stays ready)
    def page_kernels() -> set[str]:
        handed = set(
            re.findall(r"Page request handed to kernel ([-0-9a-f]+)", server.log.read_text())
        )
        assert len(handed) == len(results) + reloads
        return handed & server.kernels()

    assert wait_for(lambda: not page_kernels(), GRACE + 45), page_kernels()
    log = server.log.read_text()
    assert log.count("its page never connected") == len(results)
    assert log.count("Traceback") <= reloads  # (Voila logs the given-up page's failed cell)
    assert pool <= len(server.kernels()) <= 8 * len(WORKBOOKS)


def test_damaged_links_are_refused_before_any_kernel_starts(short_grace_server):
    """Does a malformed or 60 KB ``key`` get a clear page at once, with no kernel started, and
    does a failed request with a key leave no key in the log?"""
    server = short_grace_server
    handed = server.log.read_text().count("Page request handed")
    for query in ("key=short", "key=" + "A" * 60_000, "share=../../etc"):
        status, _, body, seconds = fetch(server.render_url("01_career_path.ipynb", query))
        assert status == 400 and b"This link is damaged" in body and seconds < 5
    secret = "S3cr3tKeyS3cr3tKeyS3cr3tKeyS3cr3tKeyS3cr3tK"
    status, _, _, _ = fetch(server.render_url("01_carer_path.ipynb", f"key={secret}"))
    assert status == 404
    time.sleep(1)
    assert server.log.read_text().count("Page request handed") == handed  # no kernel used
    assert secret not in server.log.read_text()
    assert "AAAAAAAA" not in server.log.read_text()


def test_assets_are_compressed_cached_and_our_own(short_grace_server):
    """Are pages and scripts compressed, content-hashed assets cached for a year, a referrer
    policy sent, and Font Awesome served by this server instead of a public CDN?"""
    server = short_grace_server
    status, headers, body, _ = fetch(
        server.render_url("00_start.ipynb"), headers={"Accept-Encoding": "gzip"}
    )
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert headers["Referrer-Policy"] == "no-referrer"
    page = gzip.decompress(body).decode()
    assert "cdn.jsdelivr.net" not in page
    css = re.search(r'href="([^"]*fontawesome[^"]*all\.min\.css)"', page)
    assert css and css.group(1).startswith("/playbook/static/")
    status, headers, _, _ = fetch(server.url + css.group(1))
    assert status == 200 and "max-age=31536000" in headers["Cache-Control"]
    config = re.search(
        r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S
    )
    assert config
    plotly = [
        e
        for e in json.loads(config.group(1))["federated_extensions"]
        if e["name"] == "jupyterlab-plotly"
    ]
    assert plotly
    url = f"{server.url}/voila/labextensions/jupyterlab-plotly/{plotly[0]['load']}"
    status, headers, first, _ = fetch(url, headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    # compressed once (playbook.serving.compression): the next visitor gets the same bytes,
    # sent whole with their length
    status, headers, again, _ = fetch(url, headers={"Accept-Encoding": "gzip"})
    assert status == 200 and again == first and headers["Content-Length"] == str(len(first))
    assert len(gzip.decompress(again)) > 2 * len(again)


@pytest.fixture(scope="module")
def tiny_server(tmp_path_factory) -> Server:
    """No pool, room for one page kernel, three anonymous page loads a minute."""
    s = start_server(
        tmp_path_factory.mktemp("tiny"),
        preheat=False,
        args=["--max-kernels=1", "--", "--PlaybookKernelManager.anonymous_page_rate=3"],
    )
    yield s
    stop_server(s)


def test_a_full_server_says_so_and_a_loop_is_limited(tiny_server):
    """Beyond the kernel cap, does a newcomer get a clear 'busy' page (503, Retry-After) at
    once instead of another kernel; and does a client repeating requests get 429?"""
    server = tiny_server
    status, _, body, _ = fetch(server.render_url("00_start.ipynb"))
    assert status == 200 and rendered(body)
    assert len(server.kernels()) == 1
    status, headers, body, seconds = fetch(server.render_url("01_career_path.ipynb"))
    assert status == 503 and b"The workbook server is busy" in body and seconds < 5
    assert headers["Retry-After"]
    assert len(server.kernels()) == 1
    fetch(server.render_url("01_career_path.ipynb"))
    status, _, body, _ = fetch(server.render_url("01_career_path.ipynb"))
    assert status == 429 and b"Too many page loads" in body


def test_a_closed_page_frees_its_kernel_and_keeps_the_answers(short_grace_server, browser):
    """Is the kernel of a page that was closed gone within the grace, and is the answer given
    on it there when the private link is opened again?"""
    server = short_grace_server
    context = browser.new_context()
    page = context.new_page()
    open_page(page, server, "01_career_path.ipynb")
    mine = {page_kernel(page)}
    assert mine <= server.kernels()
    page.locator(".pb-q-standardization label", has_text="Mostly ad hoc").click()
    wait_saved(page)
    key = private_key(page)
    page.close(run_before_unload=True)
    assert wait_for(lambda: not (mine & server.kernels()), 5 + 10), "kernel still running"
    again = context.new_page()
    open_page(again, server, "01_career_path.ipynb", f"key={key}")
    answer = again.locator(".pb-q-standardization label", has_text="Mostly ad hoc")
    assert answer.locator("input").is_checked(), "the answer did not come back"
    again.close(run_before_unload=True)
    context.close()


def test_logs_keep_no_key_answer_or_file_content(short_grace_server, browser):
    """After a session that imports a workbook file, answers, opens its private link and makes
    a share link, does the server log (with the kernels' output in it) hold none of the key,
    the share token, the answer or the file's content; and did the pages ask no other host?"""
    server = short_grace_server
    context = browser.new_context()
    page = context.new_page()
    hosts: set[str] = set()
    page.on(
        "request",
        lambda request: (
            request.url.startswith("http") and hosts.add(urllib.parse.urlsplit(request.url).netloc)
        ),
    )
    open_page(page, server, "00_start.ipynb", ready=".pb-start")
    with page.expect_file_chooser() as chooser:
        page.locator(".pb-upload").click()
    chooser.value.set_files(str(Path(__file__).parents[2] / "data" / "demo_workbook.json"))
    page.wait_for_selector(".pb-msg-success")
    key = private_key(page)
    open_page(page, server, "01_career_path.ipynb", f"key={key}")
    page.locator(".pb-q-standardization label", has_text="Mostly ad hoc").click()
    wait_saved(page)
    open_page(page, server, "02_leadership_style.ipynb", f"key={key}")
    page.locator(".pb-compare input[type=text]").first.fill("Alex")
    page.get_by_role("button", name="Create a link for my mentor").click()
    link_box = page.locator(".pb-share-link input")
    link_box.wait_for()
    link = link_box.input_value()
    token = link.split("share=", 1)[1]
    page.close(run_before_unload=True)
    context.close()
    time.sleep(1)
    log = server.log.read_text()
    for secret in (key, token, "Joint planning sessions with editorial", "Mostly ad hoc"):
        assert secret not in log, secret
    # the pages asked no host but their own (no CDN fonts, no MathJax from a CDN)
    assert hosts == {urllib.parse.urlsplit(server.url).netloc}, hosts


def test_a_page_whose_kernel_was_stopped_says_so(short_grace_server, browser):
    """When a page's kernel is gone (stopped after the page was left asleep, say), does the
    page say so and offer to reload, rather than silently ignoring clicks?"""
    server = short_grace_server
    context = browser.new_context()
    page = context.new_page()
    open_page(page, server, "01_career_path.ipynb")
    kernel = page_kernel(page)
    request = urllib.request.Request(f"{server.url}/voila/api/shutdown/{kernel}", method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        assert response.status == 204
    assert wait_for(lambda: kernel not in server.kernels(), 20)
    banner = page.locator(".pb-kernel-gone")
    banner.wait_for(timeout=30_000)
    assert "Your answers are saved" in banner.inner_text()
    assert page.get_by_role("button", name="Reload the page").is_visible()
    page.close()
    context.close()


def test_a_kernel_that_died_is_never_handed_to_a_page(short_grace_server, browser):
    """A preheated kernel that dies before its page asks for it (killed by the system, or a
    port taken between the server choosing it and the kernel binding it: seen in CI) is
    restarted empty by jupyter_client. Is it replaced in the pool, so that every workbook still
    opens at once, with no page given up; and does a page in use whose kernel dies say so?"""
    server = short_grace_server
    # a page in use, then every kernel of the server killed at once
    context = browser.new_context()
    page = context.new_page()
    open_page(page, server, "01_career_path.ipynb")
    in_use = page_kernel(page)
    assert wait_for(lambda: len(server.kernels()) > len(WORKBOOKS), 60)
    killed = []
    for child in psutil.Process(server.proc.pid).children(recursive=True):
        if "ipykernel" in " ".join(child.cmdline()):
            child.send_signal(signal.SIGKILL)
            killed.append(child)
    assert len(killed) > len(WORKBOOKS)

    def dead(p: psutil.Process) -> bool:
        try:
            return p.status() == psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return True

    assert wait_for(lambda: all(dead(p) for p in killed), 10, step=0.05)
    before = server.log.read_text().count("given up:")
    for notebook in WORKBOOKS:
        status, body, seconds, reloads = load(server, notebook)
        assert status == 200 and rendered(body), f"{notebook}: {status} {outputs(body)}"
        assert reloads == 0, notebook
    log = server.log.read_text()
    assert log.count("given up:") == before
    assert log.count("failed (its kernel died); starting another") >= len(WORKBOOKS)
    # the page whose kernel died offers a reload instead of ignoring clicks
    assert wait_for(lambda: in_use not in server.kernels(), 60)
    page.locator(".pb-kernel-gone").wait_for(timeout=30_000)
    context.close()
