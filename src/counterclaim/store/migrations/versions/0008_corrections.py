"""Schema version 9: analysts' corrections with their audit trail.

A ``correction`` table (what was corrected, by its stable key; the field, old and new
value, reviewer, time, reason, and whether it still applies), a claim's ``rejected`` flag,
and a stored dispute's ``review_key`` and ``review`` state.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 17:30:00

"""
import datetime as dt
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: Union[str, Sequence[str], None] = "0007"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Create the correction table, add the columns (what is missing: a ledger written
    before Alembic gets its tables from the models), record version 9."""
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("correction"):
        op.create_table(
            "correction",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("target_kind", sa.String(length=16), nullable=False),
            sa.Column("target_key", sa.String(length=300), nullable=False),
            sa.Column("target_ref", sa.String(length=300), nullable=True),
            sa.Column("field", sa.String(length=32), nullable=False),
            sa.Column("old_value", sa.JSON(), nullable=True),
            sa.Column("new_value", sa.JSON(), nullable=True),
            sa.Column("reviewer", sa.String(length=200), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("reason", sa.Text(), nullable=True),
            sa.Column("status", sa.String(length=16), nullable=False),
            sa.Column("label", sa.Text(), nullable=True),
            sa.Column("detail", sa.JSON(), nullable=True),
        )
        op.create_index("ix_correction_target", "correction", ["target_kind", "target_key"])
        op.create_index("ix_correction_target_ref", "correction", ["target_ref"])
        op.create_index("ix_correction_reviewer", "correction", ["reviewer"])
        op.create_index("ix_correction_created_at", "correction", ["created_at"])
    claim = {c["name"] for c in inspector.get_columns("claim")}
    if "rejected" not in claim:
        with op.batch_alter_table("claim") as batch:
            batch.add_column(
                sa.Column("rejected", sa.Boolean(), nullable=False, server_default=sa.false())
            )
    dispute = {c["name"] for c in inspector.get_columns("dispute")}
    if "review_key" not in dispute:
        with op.batch_alter_table("dispute") as batch:
            batch.add_column(sa.Column("review_key", sa.String(length=40), nullable=True))
            batch.add_column(
                sa.Column("review", sa.String(length=16), nullable=False, server_default="machine")
            )
        op.create_index("ix_dispute_review_key", "dispute", ["review_key"])
    version = sa.table("schema_version", sa.column("version", sa.Integer),
                       sa.column("applied_at", sa.DateTime(timezone=True)))  # fmt: skip
    op.bulk_insert(version, [{"version": 9, "applied_at": dt.datetime.now(dt.UTC)}])


def downgrade() -> None:
    """Drop the corrections and the columns."""
    op.drop_index("ix_dispute_review_key", table_name="dispute")
    with op.batch_alter_table("dispute") as batch:
        batch.drop_column("review")
        batch.drop_column("review_key")
    with op.batch_alter_table("claim") as batch:
        batch.drop_column("rejected")
    op.drop_table("correction")
