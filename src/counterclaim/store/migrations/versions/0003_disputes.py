"""Schema version 4: stored disputes (``dispute``, ``dispute_claim``, ``dispute_subject``,
``dispute_due``).

Creates the tables that are missing (ledgers written before Alembic got them from the
models) and marks every proposition due, so the first disputes query (or the next ingest)
finds and stores the disputes of a ledger that has claims.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 23:40:00

"""
import datetime as dt
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _create_tables(have: set[str]) -> None:
    if "dispute" not in have:
        op.create_table(
            "dispute",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("proposition", sa.Text(), nullable=False),
            sa.Column("type", sa.String(length=64), nullable=False),
            sa.Column("kind", sa.String(length=16), nullable=False),
            sa.Column("rank_day", sa.String(length=10), nullable=False),
            sa.Column("rank_prop", sa.String(length=40), nullable=False),
            sa.Column("last_day", sa.String(length=10), nullable=False),
            sa.Column("doc_key", sa.Text(), nullable=False),
            sa.Column("documents", sa.Integer(), nullable=False),
            sa.Column("record", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index(
            "ix_dispute_page",
            "dispute",
            [sa.text("rank_day DESC"), sa.text("rank_prop DESC"), sa.text("last_day DESC"),
             "proposition", "doc_key"],  # fmt: skip
        )
    if "dispute_claim" not in have:
        op.create_table(
            "dispute_claim",
            sa.Column("dispute_id", sa.Integer(), nullable=False),
            sa.Column("claim_id", sa.Integer(), nullable=False),
            sa.Column("proposition", sa.String(length=40), nullable=True),
            sa.ForeignKeyConstraint(["dispute_id"], ["dispute.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("dispute_id", "claim_id"),
        )
        op.create_index("ix_dispute_claim_claim_id", "dispute_claim", ["claim_id"])
        op.create_index("ix_dispute_claim_proposition", "dispute_claim", ["proposition"])
    if "dispute_subject" not in have:
        op.create_table(
            "dispute_subject",
            sa.Column("dispute_id", sa.Integer(), nullable=False),
            sa.Column("role", sa.String(length=8), nullable=False),
            sa.Column("subject", sa.String(length=200), nullable=False),
            sa.ForeignKeyConstraint(["dispute_id"], ["dispute.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("dispute_id", "role", "subject"),
        )
        op.create_index(
            "ix_dispute_subject", "dispute_subject", ["role", "subject", "dispute_id"]
        )
    if "dispute_due" not in have:
        op.create_table(
            "dispute_due",
            sa.Column("proposition", sa.String(length=40), nullable=False),
            sa.PrimaryKeyConstraint("proposition"),
        )


def upgrade() -> None:
    """Add the missing tables, mark every proposition due, record version 4."""
    bind = op.get_bind()
    _create_tables(set(sa.inspect(bind).get_table_names()))
    due = sa.table("dispute_due", sa.column("proposition", sa.String))
    if bind.execute(sa.select(sa.func.count()).select_from(due)).scalar() == 0:
        op.bulk_insert(due, [{"proposition": "*"}])
    version = sa.table("schema_version", sa.column("version", sa.Integer),
                       sa.column("applied_at", sa.DateTime(timezone=True)))  # fmt: skip
    op.bulk_insert(version, [{"version": 4, "applied_at": dt.datetime.now(dt.UTC)}])


def downgrade() -> None:
    """Drop the dispute tables."""
    for name in ("dispute_due", "dispute_subject", "dispute_claim", "dispute"):
        op.drop_table(name)
