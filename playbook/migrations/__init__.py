"""Alembic migrations of the workbook store (applied by :func:`playbook.store.migrate`).

A change to a table in :mod:`playbook.store` needs a new revision here, so that it reaches
databases that already exist: ``alembic revision -m "what changed"`` from the repository root
(``alembic.ini``), then write its ``upgrade``. ``tests/test_store_migrations.py`` fails while
the tables and the migrations disagree.
"""
