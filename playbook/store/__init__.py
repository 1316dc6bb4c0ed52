"""Where workbooks live: an embedded SQLite file by default, PostgreSQL by URL.

One row per workbook (identity: a hash of its private key, or an owner name such as a
JupyterHub user), one row per (workbook, section), so that saving one section never loses
another that a second kernel saved at the same moment. Before an import replaces a workbook's
sections the old ones are kept as a snapshot. Share links and the contributions that arrive
through them (a mentor's ratings, a colleague's audit answers) have tables of their own and
never touch the owner's sections.

The default file is ``<user data dir>/playbook/workbooks.sqlite`` (platformdirs), outside any
folder that Voila serves; ``PLAYBOOK_STORE`` takes a path or an SQLAlchemy URL.

The tables are made and changed by Alembic migrations (``playbook/migrations``), applied by
:func:`migrate`: once by ``playbook serve`` at start-up, and by a :class:`Store` that finds its
database behind (a first run in JupyterLab), under a lock so that kernels opening an empty
database at once never race to create the same tables.
"""

from __future__ import annotations

from playbook.store.keys import KEY_PATTERN, check_key, hash_key, new_key
from playbook.store.location import (
    STORE_ENV,
    StoreUnavailableError,
    default_store_url,
    describe_failure,
    store_path,
)
from playbook.store.records import SHARE_ID_CHARS, Share, Store, prepare_store, share_id
from playbook.store.schema import (
    BASELINE_REVISION,
    HEAD_REVISION,
    MIGRATION_LOCK,
    alembic_config,
    contributions,
    current_revision,
    metadata,
    migrate,
    sections,
    shares,
    snapshots,
    workbooks,
)

__all__ = [
    "BASELINE_REVISION",
    "HEAD_REVISION",
    "KEY_PATTERN",
    "MIGRATION_LOCK",
    "SHARE_ID_CHARS",
    "STORE_ENV",
    "Share",
    "Store",
    "StoreUnavailableError",
    "alembic_config",
    "check_key",
    "contributions",
    "current_revision",
    "default_store_url",
    "describe_failure",
    "hash_key",
    "metadata",
    "migrate",
    "new_key",
    "prepare_store",
    "sections",
    "share_id",
    "shares",
    "snapshots",
    "store_path",
    "workbooks",
]
