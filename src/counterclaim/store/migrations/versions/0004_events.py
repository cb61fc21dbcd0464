"""Schema version 5: events (``event_mention``, ``event``, ``event_member``, ``event_claim``,
``event_due``).

Creates the tables that are missing and marks every document due, so the next ingest or
events query links the events of a ledger that has them (documents stored before this
revision have no mentions: they are found when those documents are analysed again).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 10:00:00

"""
import datetime as dt
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: Union[str, Sequence[str], None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _create_tables(have: set[str]) -> None:
    if "event_mention" not in have:
        op.create_table(
            "event_mention",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("doc_id", sa.String(length=128), nullable=False),
            sa.Column("local_id", sa.Integer(), nullable=False),
            sa.Column("event", sa.Integer(), nullable=False),
            sa.Column("span_start", sa.Integer(), nullable=False),
            sa.Column("span_end", sa.Integer(), nullable=False),
            sa.Column("span_text", sa.Text(), nullable=False),
            sa.Column("head_start", sa.Integer(), nullable=False),
            sa.Column("head_end", sa.Integer(), nullable=False),
            sa.Column("head_text", sa.Text(), nullable=False),
            sa.Column("type", sa.String(length=64), nullable=False),
            sa.Column("family", sa.String(length=64), nullable=False),
            sa.Column("place", sa.String(length=200), nullable=True),
            sa.Column("date", sa.String(length=32), nullable=True),
            sa.Column("period", sa.String(length=64), nullable=True),
            sa.Column("target", sa.String(length=200), nullable=True),
            sa.Column("weapon", sa.Text(), nullable=True),
            sa.Column("origin", sa.String(length=200), nullable=True),
            sa.Column("attribution", sa.Integer(), nullable=True),
            sa.Column("definite", sa.Boolean(), nullable=False),
            sa.Column("other", sa.Boolean(), nullable=False),
            sa.Column("claims", sa.JSON(), nullable=False),
            sa.ForeignKeyConstraint(["doc_id"], ["document.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("doc_id", "local_id"),
        )
        op.create_index("ix_event_mention_doc_id", "event_mention", ["doc_id"])
        op.create_index("ix_event_mention_doc_event", "event_mention", ["doc_id", "event"])
    if "event" not in have:
        op.create_table(
            "event",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("family", sa.String(length=64), nullable=False),
            sa.Column("type", sa.String(length=64), nullable=False),
            sa.Column("place", sa.String(length=200), nullable=True),
            sa.Column("first_day", sa.String(length=10), nullable=True),
            sa.Column("last_day", sa.String(length=10), nullable=True),
            sa.Column("documents", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_event_place", "event", ["place"])
        op.create_index("ix_event_family_days", "event", ["family", "first_day", "last_day"])
    if "event_member" not in have:
        op.create_table(
            "event_member",
            sa.Column("event_id", sa.Integer(), nullable=False),
            sa.Column("doc_id", sa.String(length=128), nullable=False),
            sa.Column("event", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(["event_id"], ["event.id"], ondelete="CASCADE"),
            sa.ForeignKeyConstraint(["doc_id"], ["document.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("event_id", "doc_id", "event"),
        )
        op.create_index("ix_event_member_doc", "event_member", ["doc_id", "event"])
    if "event_claim" not in have:
        op.create_table(
            "event_claim",
            sa.Column("event_id", sa.Integer(), nullable=False),
            sa.Column("claim_id", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(["event_id"], ["event.id"], ondelete="CASCADE"),
            sa.ForeignKeyConstraint(["claim_id"], ["claim.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("event_id", "claim_id"),
        )
        op.create_index("ix_event_claim_claim_id", "event_claim", ["claim_id"])
    if "event_due" not in have:
        op.create_table(
            "event_due",
            sa.Column("doc_id", sa.String(length=128), nullable=False),
            sa.PrimaryKeyConstraint("doc_id"),
        )


def upgrade() -> None:
    """Add the missing tables, mark every document due, record version 5."""
    bind = op.get_bind()
    _create_tables(set(sa.inspect(bind).get_table_names()))
    due = sa.table("event_due", sa.column("doc_id", sa.String))
    if bind.execute(sa.select(sa.func.count()).select_from(due)).scalar() == 0:
        op.bulk_insert(due, [{"doc_id": "*"}])
    version = sa.table("schema_version", sa.column("version", sa.Integer),
                       sa.column("applied_at", sa.DateTime(timezone=True)))  # fmt: skip
    op.bulk_insert(version, [{"version": 5, "applied_at": dt.datetime.now(dt.UTC)}])


def downgrade() -> None:
    """Drop the event tables."""
    for name in ("event_due", "event_claim", "event_member", "event", "event_mention"):
        op.drop_table(name)
