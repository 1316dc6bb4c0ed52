"""The store as it was before migrations: workbooks, sections, snapshots, shares, contributions.

A database made before migrations existed (by ``metadata.create_all``) already has exactly these
tables; :func:`playbook.store.migrate` stamps it with this revision instead of running it.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workbooks",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("key_hash", sa.String(64), unique=True, nullable=True),
        sa.Column("owner", sa.String(200), unique=True, nullable=True),
        sa.Column("schema_version", sa.Integer, nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "sections",
        sa.Column("workbook_id", sa.String(32), sa.ForeignKey("workbooks.id"), primary_key=True),
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "snapshots",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("workbook_id", sa.String(32), sa.ForeignKey("workbooks.id"), nullable=False),
        sa.Column("taken", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("record", sa.Text, nullable=False),
    )
    op.create_index("ix_snapshots_workbook_id", "snapshots", ["workbook_id"])
    op.create_table(
        "shares",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("workbook_id", sa.String(32), sa.ForeignKey("workbooks.id"), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False),
    )
    op.create_index("ix_shares_workbook_id", "shares", ["workbook_id"])
    op.create_table(
        "contributions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("workbook_id", sa.String(32), sa.ForeignKey("workbooks.id"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_contributions_workbook_id", "contributions", ["workbook_id"])
    op.create_index("ix_contributions_token_hash", "contributions", ["token_hash"])


def downgrade() -> None:
    for table in ("contributions", "shares", "snapshots", "sections", "workbooks"):
        op.drop_table(table)
