"""The store's tables and their migrations (Alembic scripts in ``playbook/migrations``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    text,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

__all__ = [
    "BASELINE_REVISION",
    "HEAD_REVISION",
    "MIGRATION_LOCK",
    "alembic_config",
    "contributions",
    "current_revision",
    "metadata",
    "migrate",
    "sections",
    "shares",
    "snapshots",
    "workbooks",
]

metadata = MetaData()

workbooks = Table(
    "workbooks",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("key_hash", String(64), unique=True, nullable=True),
    Column("owner", String(200), unique=True, nullable=True),
    Column("schema_version", Integer, nullable=False),
    Column("created", String(32), nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
)

sections = Table(
    "sections",
    metadata,
    Column("workbook_id", String(32), ForeignKey("workbooks.id"), primary_key=True),
    Column("name", String(64), primary_key=True),
    Column("data", Text, nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
)

snapshots = Table(
    "snapshots",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("workbook_id", String(32), ForeignKey("workbooks.id"), nullable=False, index=True),
    Column("taken", DateTime(timezone=True), nullable=False),
    Column("reason", String(200), nullable=False),
    Column("record", Text, nullable=False),
)

shares = Table(
    "shares",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("workbook_id", String(32), ForeignKey("workbooks.id"), nullable=False, index=True),
    Column("kind", String(64), nullable=False),
    Column("label", String(200), nullable=False, default=""),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("revoked", Boolean, nullable=False, default=False),
)

contributions = Table(
    "contributions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("workbook_id", String(32), ForeignKey("workbooks.id"), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, index=True),
    Column("kind", String(64), nullable=False),
    Column("payload", Text, nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
)


#: PostgreSQL advisory lock held while migrating ("playbook" in ASCII): one migrator at a time.
MIGRATION_LOCK = 0x706C6179626F6F6B
#: The first revision: the tables as they were made before migrations existed.
BASELINE_REVISION = "0001"
#: The newest migration in playbook/migrations/versions (a test keeps the two equal), so that
#: opening an up-to-date store, as every kernel does, needs no Alembic import.
HEAD_REVISION = "0001"


def alembic_config() -> Any:
    """Alembic's configuration for the store's migrations (the package's own scripts)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "playbook:migrations")
    return config


def current_revision(conn: Connection) -> str | None:
    """The revision a database is at (None: never migrated), read as Alembic keeps it."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Bring the store's tables to the newest migration, safely while others do the same.

    On PostgreSQL an advisory lock held for the transaction makes migrators wait in turn (the
    next one finds the work done); SQLite's ``BEGIN IMMEDIATE`` (see :class:`Store`) does the
    same. A database made before migrations existed is stamped with the baseline revision."""
    from alembic import command

    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
        current = current_revision(conn)
        if current == HEAD_REVISION:
            return
        config = alembic_config()
        config.attributes["connection"] = conn
        if current is None and inspect(conn).has_table("workbooks"):
            command.stamp(config, BASELINE_REVISION)
        command.upgrade(config, "head")
