"""Schema version 11: stored timeline entries and fatality tallies, kept current by writes.

``timeline_entry`` (a claim on a global entity's timeline, with its order keys),
``tally_claim`` (a figure claim's tally group), ``tally`` (the tallies, as JSON, with their
order keys) and ``read_due`` (what must be made again). A ledger that has claims gets
both read models marked due as a whole (``*``); the next writer (or
``counterclaim.store.tallies.refresh_read_models``) builds them in resumable chunks.

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-03 17:30:00

"""
import datetime as dt
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: Union[str, Sequence[str], None] = "0009"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Create the read-model tables, mark them due on a ledger with claims, record version 11."""
    have = set(sa.inspect(op.get_bind()).get_table_names())
    if "timeline_entry" not in have:
        op.create_table(
            "timeline_entry",
            sa.Column("subject", sa.String(length=200), nullable=False),
            sa.Column("claim_id", sa.Integer(), nullable=False),
            sa.Column("role", sa.String(length=32), nullable=False),
            sa.Column("when_day", sa.String(length=10), nullable=False),
            sa.Column("said_day", sa.String(length=10), nullable=False),
            sa.Column("doc_id", sa.String(length=128), nullable=False),
            sa.Column("local_id", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(["claim_id"], ["claim.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("subject", "claim_id"),
        )
        op.create_index("ix_timeline_page", "timeline_entry",
                        ["subject", "when_day", "said_day", "doc_id", "local_id"])  # fmt: skip
        op.create_index("ix_timeline_entry_claim_id", "timeline_entry", ["claim_id"])
        op.create_index("ix_timeline_entry_doc_id", "timeline_entry", ["doc_id"])
    if "tally_claim" not in have:
        op.create_table(
            "tally_claim",
            sa.Column("claim_id", sa.Integer(), autoincrement=False, nullable=False),
            sa.Column("key", sa.String(length=40), nullable=False),
            sa.Column("doc_id", sa.String(length=128), nullable=False),
            sa.ForeignKeyConstraint(["claim_id"], ["claim.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("claim_id"),
        )
        op.create_index("ix_tally_claim_key", "tally_claim", ["key"])
        op.create_index("ix_tally_claim_doc_id", "tally_claim", ["doc_id"])
    if "tally" not in have:
        op.create_table(
            "tally",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("key", sa.String(length=40), nullable=False),
            sa.Column("type", sa.String(length=64), nullable=False),
            sa.Column("victim", sa.String(length=200), nullable=True),
            sa.Column("place", sa.String(length=200), nullable=True),
            sa.Column("sort_day", sa.String(length=10), nullable=False),
            sa.Column("place_name", sa.String(length=500), nullable=False),
            sa.Column("victim_name", sa.String(length=500), nullable=False),
            sa.Column("seq", sa.String(length=200), nullable=False),
            sa.Column("run", sa.Integer(), nullable=False),
            sa.Column("record", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_tally_key", "tally", ["key"])
        op.create_index("ix_tally_victim", "tally", ["victim"])
        op.create_index("ix_tally_page", "tally",
                        ["type", "sort_day", "place_name", "victim_name", "seq", "run"])  # fmt: skip
        op.create_index("ix_tally_place", "tally",
                        ["place", "type", "sort_day", "place_name", "victim_name", "seq",
                         "run"])  # fmt: skip
    if "read_due" not in have:
        op.create_table(
            "read_due",
            sa.Column("kind", sa.String(length=16), nullable=False),
            sa.Column("key", sa.String(length=200), nullable=False),
            sa.PrimaryKeyConstraint("kind", "key"),
        )
    indexes = {i["name"] for i in sa.inspect(op.get_bind()).get_indexes("entity_link")}
    if "ix_entity_link_key" not in indexes:  # entity pages find a document key's entity
        op.create_index("ix_entity_link_key", "entity_link", ["entity_key"])
    due = sa.table("read_due", sa.column("kind", sa.String), sa.column("key", sa.String))
    if op.get_bind().execute(sa.text("SELECT 1 FROM claim LIMIT 1")).first() is not None:
        op.bulk_insert(due, [{"kind": "timeline", "key": "*"}, {"kind": "tally", "key": "*"}])
    version = sa.table("schema_version", sa.column("version", sa.Integer),
                       sa.column("applied_at", sa.DateTime(timezone=True)))  # fmt: skip
    op.bulk_insert(version, [{"version": 11, "applied_at": dt.datetime.now(dt.UTC)}])


def downgrade() -> None:
    """Drop the read-model tables."""
    op.drop_index("ix_entity_link_key", table_name="entity_link")
    for name in ("read_due", "tally", "tally_claim", "timeline_entry"):
        op.drop_table(name)
