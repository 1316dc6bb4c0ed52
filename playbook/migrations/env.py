"""Alembic's entry point: run the store's migrations on a connection.

:func:`playbook.store.migrate` passes its own connection (inside a transaction that holds the
migration lock) as ``config.attributes["connection"]``; run from the command line (``alembic
upgrade head`` beside ``alembic.ini``) it opens the store named by ``PLAYBOOK_STORE``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from playbook.store import default_store_url, metadata


def run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # type: ignore[attr-defined]
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    config = context.config
    given = config.attributes.get("connection")
    if given is not None:
        run(given)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or default_store_url())
    with engine.begin() as conn:
        run(conn)
    engine.dispose()


if hasattr(context, "config"):  # run by Alembic (imported elsewhere, e.g. to collect doctests)
    main()
