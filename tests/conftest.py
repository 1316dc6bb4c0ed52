"""Shared fixtures. The environment isolation lives in the root ``conftest.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    """A fresh SQLite store file for one test."""
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


@pytest.fixture
def store(store_url: str):
    from playbook.store import Store

    s = Store(store_url)
    yield s
    s.close()


@pytest.fixture
def session(store):
    """A participant's session on a new private workbook (as in the served app)."""
    from playbook.session import Session

    s = Session(store, identity="none")
    s.start_new()
    return s


@pytest.fixture
def content_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A coach's content folder, pointed to by PLAYBOOK_CONTENT."""
    folder = tmp_path / "content"
    folder.mkdir()
    monkeypatch.setenv("PLAYBOOK_CONTENT", str(folder))
    return folder
