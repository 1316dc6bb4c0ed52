"""The store's schema: Alembic migrations, databases made before them, unreachable servers."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text

from playbook import cli
from playbook.store import (
    HEAD_REVISION,
    Store,
    StoreUnavailableError,
    current_revision,
    metadata,
)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


def test_head_revision_is_the_newest_migration():
    """Does the revision a Store expects name the newest file in playbook/migrations?"""
    from alembic.script import ScriptDirectory

    from playbook.store import alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


def test_migrations_make_exactly_the_tables_the_store_declares(store_url):
    """After migrating an empty database, does Alembic find nothing left to change?"""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    store = Store(store_url)
    with store.engine.connect() as conn:
        assert current_revision(conn) == HEAD_REVISION
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    store.close()


def test_a_store_made_before_migrations_is_stamped_and_keeps_its_rows(store_url):
    """Is a database made by the old create_all adopted at the baseline, its workbooks kept?"""
    engine = create_engine(store_url)
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO workbooks (id, owner, schema_version, created, updated) "
                "VALUES ('w1', 'hub:ada', 1, '2026-01-01', CURRENT_TIMESTAMP)"
            )
        )
    engine.dispose()
    store = Store(store_url)
    assert store.owned_workbook("hub:ada") == "w1"
    with store.engine.connect() as conn:
        assert current_revision(conn) == HEAD_REVISION
        assert "alembic_version" in inspect(conn).get_table_names()
    store.close()


BAD = "postgresql+psycopg://playbook_test:Sekr3t-not-this@127.0.0.1:{port}/playbook_test"


@pytest.mark.parametrize("port", [5432, 1])
def test_an_unreachable_store_is_one_line_without_the_password(port, capsys):
    """A wrong password or no server: one line naming host and database, never the password?"""
    url = BAD.format(port=port)
    with pytest.raises(StoreUnavailableError) as caught:
        Store(url)
    message = str(caught.value)
    assert "\n" not in message and "Sekr3t" not in message
    assert f"127.0.0.1:{port}" in message and "'playbook_test'" in message
    assert cli.main(["--store", url, "export", "--user", "ada"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Sekr3t" not in err and "could not be reached" in err
