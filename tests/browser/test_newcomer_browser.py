"""What a newcomer meets first (issue 9): a new workbook's address can be bookmarked."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.browser.conftest import open_page, private_key


def test_a_new_workbook_is_in_the_address_bar_and_survives_a_reload(page, server):
    """After "Start a new private workbook", does the address bar hold the workbook's key (what
    a bookmark saves), and does a reload open that workbook rather than an empty start page?"""
    open_page(page, server, "00_start.ipynb", ready=".pb-start")
    assert "key=" not in page.url
    page.get_by_role("button", name="Start a new private workbook").click()
    page.wait_for_selector(".pb-workbooks li", timeout=30_000)
    key = private_key(page)
    page.wait_for_function(
        "k => new URL(location.href).searchParams.get('key') === k", arg=key, timeout=15_000
    )
    assert urlsplit(page.url).path.endswith("/00_start.ipynb")
    assert parse_qs(urlsplit(page.url).query) == {"key": [key]}
    page.reload()
    page.wait_for_selector(".pb-workbooks li", timeout=90_000)
    assert private_key(page) == key
