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


#: The PostgreSQL test database that scripts/test creates (Debian's server on loopback).
PG_TEST_URL = "postgresql+psycopg://playbook_test:playbook_test@127.0.0.1:5432/playbook_test"


@pytest.fixture
def pg_url():
    """A fresh, empty schema of the PostgreSQL test database for one test, as a store URL.

    ``PLAYBOOK_TEST_POSTGRES`` (set by scripts/test) or the database scripts/test creates.
    Fails, never skips, when no server answers: the store's suites run on both back ends."""
    import os
    import uuid

    from sqlalchemy import create_engine, text

    base = os.environ.get("PLAYBOOK_TEST_POSTGRES") or PG_TEST_URL
    schema = "t_" + uuid.uuid4().hex[:16]
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as err:
        admin.dispose()
        pytest.fail(f"PostgreSQL test database unreachable (run scripts/test): {err!s:.200}")
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()
