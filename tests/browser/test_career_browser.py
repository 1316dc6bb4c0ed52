"""The career-path workbook in Chromium against a real `playbook serve`."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from .conftest import open_page, private_key, wait_saved

pytestmark = pytest.mark.browser

ANSWERS = [
    ("standardization", "Mostly ad hoc"),
    ("work_type", "Creative work (film"),
    ("transition", "A major transition"),
    ("cross_functional", "Most of it"),
    ("energy", "Mastering a tool"),
]


def kill_kernel(server, kernel_id: str) -> bool:
    """SIGKILL the kernel process whose connection file names ``kernel_id``."""
    import psutil

    for child in psutil.Process(server.proc.pid).children(recursive=True):
        try:
            if kernel_id in " ".join(child.cmdline()):
                child.kill()
                child.wait(10)
                return True
        except psutil.Error:
            continue
    return False


def choose(page, qid: str, label: str) -> None:
    page.locator(f".pb-q-{qid} label", has_text=label).click()


def test_new_participant_answers_reloads_and_a_second_sees_nothing(page, browser, server):
    """Does a new participant get a private link, see the recommendation and chart, find every
    answer after a reload, while a second participant sees none of them?"""
    open_page(page, server, "01_career_path.ipynb", ready=".pb-career")
    key = private_key(page)
    assert len(key) == 43
    for qid, label in ANSWERS:
        choose(page, qid, label)
    page.wait_for_function(
        "() => document.querySelector('.pb-recommendation').textContent.includes('Community Builder')"
    )
    # The recommendation reads the environment answers only; the preference answers (clicked
    # last) may still be on their way to the kernel, so wait for the gap they produce.
    page.wait_for_function(
        "() => document.querySelector('.pb-gap').textContent.includes('choose by environment')"
    )
    wait_saved(page)
    # plotly draws its container first and the traces after (Plotly.react is asynchronous):
    # the bars are waited for, not counted the moment the container shows (CI, stop 25)
    page.wait_for_selector(".pb-chart .js-plotly-plot .bars")

    # reload through the private link: a new kernel, everything from the store
    page.goto(server.render_url("01_career_path.ipynb", f"key={key}"))
    page.wait_for_selector(".pb-career")
    for qid, label in ANSWERS:
        checked = page.locator(f".pb-q-{qid} label", has_text=label).locator("input")
        assert checked.is_checked(), qid
    assert "Community Builder" in page.locator(".pb-recommendation").inner_text()

    other = browser.new_context().new_page()
    try:
        open_page(other, server, "01_career_path.ipynb", ready=".pb-career")
        assert private_key(other) != key
        for qid, _ in ANSWERS:
            assert other.locator(f".pb-q-{qid} input:checked").count() == 0
        assert "Answer 4 more" in other.locator(".pb-recommendation").inner_text()
    finally:
        other.close(run_before_unload=True)


def test_unknown_key_shows_a_message_in_place(page, server):
    """Does a link with an unknown key say so on the page and offer a new workbook?"""
    open_page(page, server, "01_career_path.ipynb", "key=" + "Z" * 43)
    page.wait_for_selector(".pb-msg-error")
    assert "No workbook was found" in page.locator(".pb-msg-error").inner_text()
    page.get_by_role("button", name="Start a new private workbook").click()
    page.wait_for_selector(".pb-private-link input")
    assert len(private_key(page)) == 43


def test_start_page_links_carry_the_key(page, server):
    """Does the start page create a workbook whose links to the workbooks carry its key?"""
    open_page(page, server, "00_start.ipynb", ready=".pb-start")
    page.get_by_role("button", name="Start a new private workbook").first.click()
    page.wait_for_selector(".pb-workbooks a")
    key = private_key(page)
    href = page.locator(".pb-workbooks a", has_text="Career path").get_attribute("href")
    assert href == f"01_career_path.ipynb?key={key}"


@pytest.mark.parametrize(
    "path",
    [
        "/voila/files/01_career_path.ipynb",
        "/voila/files/../playbook/store.py",
        "/voila/files/..%2Fplaybook%2Fstore.py",
        "/voila/files/../pyproject.toml",
        "/voila/render/../playbook/session.py",
        "/files/01_career_path.ipynb",
        "/api/contents/01_career_path.ipynb",
    ],
)
def test_sources_notebooks_and_store_are_refused_over_http(server, path):
    """Are notebooks, Python files and project files refused over HTTP?"""
    try:
        resp = urllib.request.urlopen(server.url + path, timeout=10)  # noqa: S310
        body = resp.read()
        pytest.fail(f"{path} answered {resp.status}: {body[:120]!r}")
    except urllib.error.HTTPError as err:
        assert err.code in (403, 404, 405)


def test_the_listing_api_gives_names_never_sources(server):
    """Does Voila's contents API (used by its tree page) give file names but no notebook source?"""
    import json

    for path in (
        "/voila/api/contents/01_career_path.ipynb",
        "/voila/api/contents/01_career_path.ipynb?content=1",
    ):
        meta = json.loads(urllib.request.urlopen(server.url + path, timeout=10).read())  # noqa: S310
        assert meta["content"] is None


def test_store_file_is_outside_the_served_folder_and_refused(server):
    """Is the store file outside the served folder, and unreachable by any served path?"""
    from .conftest import REPO

    workbooks = (REPO / "workbooks").resolve()
    assert workbooks not in server.store.resolve().parents
    for path in (f"/voila/files/{server.store}", "/voila/files/../" + server.store.name):
        try:
            urllib.request.urlopen(server.url + path, timeout=10)  # noqa: S310
            pytest.fail(f"{path} was served")
        except urllib.error.HTTPError as err:
            assert err.code in (403, 404)


def test_served_page_has_no_sources_or_tracebacks(server):
    """Is the notebook's source code stripped from the served page?"""
    html = urllib.request.urlopen(server.render_url("00_start.ipynb"), timeout=60).read().decode()  # noqa: S310
    assert "open_session(" not in html and "from playbook" not in html


def _upload(page, path) -> None:
    with page.expect_file_chooser() as chooser:
        page.locator(".pb-upload").click()
    chooser.value.set_files(str(path))


def test_start_page_uploads_a_downloaded_workbook_and_refuses_bad_files(page, server, tmp_path):
    """Does a downloaded workbook restore into a new private workbook, while a foreign file and
    a file over the limit (11 MB) get a message and change nothing?"""
    import json

    foreign = tmp_path / "photo.json"
    foreign.write_text('{"not": "a workbook"}')
    too_big = tmp_path / "huge.json"
    too_big.write_bytes(b" " * (11 * 1024 * 1024))
    good = tmp_path / "mine.json"
    good.write_text(
        json.dumps(
            {
                "format": "playbook-workbook",
                "schema_version": 1,
                "answers": {
                    "standardization": "high",
                    "work_type": "industrial",
                    "tech_stability": "stable",
                    "demand": "precision",
                },
            }
        )
    )

    open_page(page, server, "00_start.ipynb", ready=".pb-start")
    _upload(page, foreign)
    page.wait_for_selector(".pb-msg-error")
    assert "not a playbook workbook" in page.locator(".pb-msg-error").inner_text()
    _upload(page, too_big)  # over every import's limit: refused in the page, nothing sent
    page.wait_for_function(
        "() => { const e = document.querySelector('.pb-upload-refused');"
        " return e && e.textContent.includes('nothing was uploaded'); }"
    )
    assert page.locator(".pb-workbooks a").count() == 0  # still no workbook

    _upload(page, good)
    page.wait_for_selector(".pb-msg-success")
    key = private_key(page)
    open_page(page, server, "01_career_path.ipynb", f"key={key}", ready=".pb-career")
    assert "Technical Specialist" in page.locator(".pb-recommendation").inner_text()


def test_answers_shown_as_saved_survive_a_killed_kernel(browser, tmp_path):
    """With the page's kernel killed outright (SIGKILL) right after "saved" shows, does the
    private link bring every answer back? (A server of its own, without preheating, so that the
    kill cannot disturb the shared server's kernel pool.)"""
    from .conftest import start_server, stop_server

    server = start_server(tmp_path / "kill", preheat=False)
    context = browser.new_context()
    try:
        page = context.new_page()
        sockets: list[str] = []
        page.on("websocket", lambda ws: sockets.append(ws.url))
        open_page(page, server, "01_career_path.ipynb", ready=".pb-career")
        key = private_key(page)
        for qid, label in ANSWERS[:2]:
            choose(page, qid, label)
        page.wait_for_function(
            "() => document.querySelector('.pb-progress').textContent.startsWith('2 of')"
        )
        wait_saved(page)
        kernel_id = next(
            u.split("/api/kernels/")[1].split("/")[0] for u in sockets if "/api/kernels/" in u
        )
        assert kill_kernel(server, kernel_id), "the page's kernel process was not found"
        page.close()
        again = context.new_page()
        open_page(again, server, "01_career_path.ipynb", f"key={key}", ready=".pb-career")
        for qid, label in ANSWERS[:2]:
            assert again.locator(f".pb-q-{qid} label", has_text=label).locator("input").is_checked()
    finally:
        context.close()
        stop_server(server)
