"""A too-large upload in Chromium against a real `playbook serve` (issue 14): a message beside
the upload button, nothing sent, and the page still connected (the next file imports).

The served pages carry ``playbook.upload_guard.UPLOAD_GUARD_JS`` in their ``<head>`` (put there
by ``playbook.serving``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.upload_guard import MAX_UPLOAD_BYTES, REFUSED_CLASS

from .conftest import open_page

pytestmark = pytest.mark.browser

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo_workbook.json"


def choose(page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.locator(".pb-upload").click()
    chooser.value.set_files(str(path))


def test_a_50_mb_upload_gets_a_message_and_the_page_stays_connected(page, server, tmp_path):
    """Does a 50 MB file get a message naming it, its size and the limit, with nothing sent
    to the kernel; and does the next, right-sized file still import on the same page?"""
    big = tmp_path / "my <i>big workbook.json"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    open_page(page, server, "00_start.ipynb", ready=".pb-start .pb-upload")
    sent: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda f: sent.append(len(f))))
    choose(page, big)
    refused = page.locator(f".{REFUSED_CLASS}")
    refused.wait_for()
    text = refused.inner_text()
    assert "“my <i>big workbook.json” is 50.0 MB" in text  # the name as text, not HTML
    assert f"at most {MAX_UPLOAD_BYTES / 1048576:.1f} MB" in text and "nothing was uploaded" in text
    assert not any(n > 1024 * 1024 for n in sent)

    choose(page, DEMO)
    page.wait_for_selector(".pb-msg-success")
    assert "was imported" in page.locator(".pb-msg-success").inner_text()
    assert page.locator(f".{REFUSED_CLASS}").count() == 0
