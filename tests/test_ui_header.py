"""The page header without a browser: where the workbook is kept, and how to keep it."""

from __future__ import annotations

import pytest

from playbook.session import BINDER_ENV, open_session
from playbook.ui.common import BINDER_NOTE, WorkbookHeader

NOTEBOOK = "01_career_path.ipynb"


@pytest.fixture(autouse=True)
def _off_binder(monkeypatch):
    for name in BINDER_ENV:
        monkeypatch.delenv(name, raising=False)


def _text(header: WorkbookHeader) -> str:
    """What the header's details say (the HTML of its text widgets, escaped as shown)."""
    return " ".join(str(getattr(w, "value", "")) for w in header.details.children)


def _served(monkeypatch, query: str = "") -> None:
    monkeypatch.setenv("VOILA_KERNEL_ID", "k1")
    monkeypatch.setenv("QUERY_STRING", query)


def _on_binder(monkeypatch) -> None:
    # What BinderHub's spawner sets in a mybinder.org session (and the hub's user name).
    monkeypatch.setenv("JUPYTERHUB_USER", "production-playbook-abc123")
    monkeypatch.setenv("BINDER_LAUNCH_HOST", "https://mybinder.org/")
    monkeypatch.setenv("BINDER_REQUEST", "v2/gh/production-playbook/playbook-workbook/HEAD")
    monkeypatch.setenv(
        "BINDER_REPO_URL", "https://github.com/production-playbook/playbook-workbook"
    )


def test_on_binder_the_page_says_nothing_is_kept_and_offers_the_download(store, monkeypatch):
    """On Binder, does the header say nothing is kept, point to the download, and not claim
    a hub account keeps the workbook?"""
    _on_binder(monkeypatch)
    session = open_session(store=store)
    header = WorkbookHeader(session, NOTEBOOK, "Career path")
    text = _text(header)
    assert "keeps nothing" in text and "Download your workbook before you leave" in text
    assert "upload the file on the Start page" in text
    assert "JupyterHub account" not in text and "Bookmark" not in text
    assert header.binder_note in header.details.children
    assert header.download_row in header.details.children
    assert "Download my workbook" in header.download.value
    assert "background:#1f6f8b" in header.download.value  # drawn as a filled button
    assert BINDER_NOTE in header.binder_note.text


def test_on_binder_a_private_link_is_not_offered_as_the_way_back(store, monkeypatch):
    """On Binder with a key in the link, is the participant told to download, not to bookmark?"""
    _on_binder(monkeypatch)
    first = store.create_workbook()[1]
    _served(monkeypatch, f"key={first}")
    session = open_session(store=store)
    assert session.identity == "key"
    header = WorkbookHeader(session, NOTEBOOK, "Career path")
    assert header.link_box not in header.details.children
    assert "keeps nothing" in _text(header) and "Bookmark" not in _text(header)


def test_a_large_workbook_on_binder_gets_a_primary_download_button(store, monkeypatch):
    """When the download is built on request (a large workbook), is its button prominent?"""
    _on_binder(monkeypatch)
    session = open_session(store=store)
    header = WorkbookHeader(session, NOTEBOOK, "Career path")
    monkeypatch.setattr(header, "LIVE_DOWNLOAD_LIMIT", 0)
    session.save_section("career", {"context": {"transition": "major"}})
    assert header.prepare_button in header.download_row.children
    assert header.prepare_button.button_style == "primary"


def test_on_a_jupyterhub_the_workbook_is_kept_with_the_account(store, monkeypatch):
    """On a JupyterHub (not Binder), does the header say the hub account keeps it?"""
    monkeypatch.setenv("JUPYTERHUB_USER", "ada")
    header = WorkbookHeader(open_session(store=store), NOTEBOOK, "Career path")
    text = _text(header)
    assert "Your workbook is kept with your JupyterHub account." in text
    assert "keeps nothing" not in text
    assert "background:#1f6f8b" not in header.download.value


def test_on_a_private_link_the_workbook_is_kept_on_this_server(store, monkeypatch):
    """Served with a private link, does the header say this server keeps it: bookmark the link?"""
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    _served(monkeypatch)
    session = open_session(store=store)
    header = WorkbookHeader(session, NOTEBOOK, "Career path")
    text = _text(header)
    assert "Your workbook is kept on this server." in text and "Bookmark this link" in text
    assert header.link_box in header.details.children and session.key in header.link_box.value
    assert "keeps nothing" not in text and "JupyterHub" not in text


def test_on_ones_own_computer_the_workbook_is_kept_there(store, monkeypatch):
    """In JupyterLab on one's own machine, does the header say so?"""
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    header = WorkbookHeader(open_session(store=store), NOTEBOOK, "Career path")
    assert "kept on this computer" in _text(header)
