"""Shared fixtures. Every test runs against a throwaway store and throwaway Jupyter dirs.

The environment is set at import time, before any kernel starts, so that nbval's kernels and
the served app's kernels inherit it too: no test touches ~/.jupyter, ~/.local/share/jupyter,
~/.ipython or the real user data directory.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

_ROOT = Path(tempfile.mkdtemp(prefix="playbook-tests-"))
for var, sub in (
    ("JUPYTER_CONFIG_DIR", "jupyter-config"),
    ("JUPYTER_DATA_DIR", "jupyter-data"),
    ("IPYTHONDIR", "ipython"),
    ("XDG_DATA_HOME", "xdg-data"),
):
    (_ROOT / sub).mkdir(parents=True, exist_ok=True)
    os.environ[var] = str(_ROOT / sub)
os.environ["PLAYBOOK_STORE"] = str(_ROOT / "default-store" / "workbooks.sqlite")
os.environ.pop("JUPYTERHUB_USER", None)
os.environ.pop("PLAYBOOK_CONTENT", None)

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
