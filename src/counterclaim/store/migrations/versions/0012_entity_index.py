"""Schema version 13: the stored entity index (``entity_item``, ``entity_count``) and each
claim's folded search text (``claim.search_text``), kept current with the timeline entries.

A ledger that has documents gets its timelines marked due as a whole (``*``): the next
writer (or ``counterclaim.store.readmodels.refresh_read_models``) makes every document's
timeline entries, entity items and claim search texts again, in resumable chunks.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 20:00:00

"""
import datetime as dt
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: Union[str, Sequence[str], None] = "0011"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Create the tables and the column, mark the timelines due, record version 13."""
    bind = op.get_bind()
    have = set(sa.inspect(bind).get_table_names())
    if "entity_item" not in have:
        op.create_table(
            "entity_item",
            sa.Column("global_id", sa.String(length=200), nullable=False),
            sa.Column("rel", sa.String(length=8), nullable=False),
            sa.Column("doc_id", sa.String(length=128), nullable=False),
            sa.Column("local_id", sa.Integer(), autoincrement=False, nullable=False),
            sa.Column("undated", sa.Integer(), nullable=False),
            sa.Column("doc_date", sa.String(length=10), nullable=False),
            sa.Column("ingested", sa.String(length=32), nullable=False),
            sa.Column("mentions", sa.Integer(), nullable=False),
            sa.Column("forms", sa.JSON(), nullable=True),
            sa.PrimaryKeyConstraint("global_id", "rel", "doc_id", "local_id"),
        )
        op.create_index("ix_entity_item_doc_id", "entity_item", ["doc_id"])
        op.create_index(
            "ix_entity_item_page",
            "entity_item",
            ["global_id", "rel", "undated", sa.text("doc_date DESC"), sa.text("ingested DESC"),
             sa.text("doc_id DESC"), "local_id"],
        )  # fmt: skip
    if "entity_count" not in have:
        op.create_table(
            "entity_count",
            sa.Column("global_id", sa.String(length=200), nullable=False),
            sa.Column("statements", sa.Integer(), nullable=False),
            sa.Column("documents", sa.Integer(), nullable=False),
            sa.Column("mentions", sa.Integer(), nullable=False),
            sa.Column("claims", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("global_id"),
        )
        op.create_index("ix_entity_count_claims", "entity_count", ["claims"])
        op.create_index(
            "ix_entity_count_order",
            "entity_count",
            [sa.text("statements DESC"), sa.text("documents DESC"), sa.text("mentions DESC")],
        )
    if "entity_form" not in have:
        op.create_table(
            "entity_form",
            sa.Column("global_id", sa.String(length=200), nullable=False),
            sa.Column("form", sa.String(length=500), nullable=False),
            sa.Column("documents", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("global_id", "form"),
        )
    # the counts equal the rows they count from the start: the claims each subject is an
    # argument of, from the timeline entries already stored (the rebuild adds what changes)
    bind.execute(sa.text(
        "INSERT INTO entity_count (global_id, statements, documents, mentions, claims) "
        "SELECT subject, 0, 0, 0, count(*) FROM timeline_entry WHERE role <> 'speaker' "
        "AND subject NOT IN (SELECT global_id FROM entity_count) "  # a ledger that has them
        "GROUP BY subject"))  # fmt: skip
    if "search_text" not in {c["name"] for c in sa.inspect(bind).get_columns("claim")}:
        op.add_column("claim", sa.Column("search_text", sa.Text(), nullable=True))
    if "ix_claim_list" not in {i["name"] for i in sa.inspect(bind).get_indexes("claim")}:
        op.create_index("ix_claim_list", "claim", ["rejected", "type", "confidence"])
    if bind.execute(sa.text("SELECT 1 FROM document LIMIT 1")).first() is not None:
        bind.execute(sa.text("DELETE FROM read_due WHERE kind = 'timeline' AND key = '*'"))
        due = sa.table("read_due", sa.column("kind", sa.String), sa.column("key", sa.String))
        op.bulk_insert(due, [{"kind": "timeline", "key": "*"}])
    version = sa.table("schema_version", sa.column("version", sa.Integer),
                       sa.column("applied_at", sa.DateTime(timezone=True)))  # fmt: skip
    op.bulk_insert(version, [{"version": 13, "applied_at": dt.datetime.now(dt.UTC)}])


def downgrade() -> None:
    """Drop the tables and the column."""
    op.drop_index("ix_claim_list", table_name="claim")
    op.drop_table("entity_form")
    op.drop_table("entity_count")
    op.drop_table("entity_item")
    with op.batch_alter_table("claim") as batch:
        batch.drop_column("search_text")
