"""Schema version 12: the stable key of a statement whose span an analyst corrected.

``attribution.review_key`` keeps the key of the machine's cue and content spans
(:mod:`counterclaim.store.reviewkeys`) once a correction moved them, so the statement's
corrections, its claims' keys and its disputes' keys stay the same.

Revision ID: 0013
Revises: 0010
Create Date: 2026-12-03 20:10:00

"""
import datetime as dt
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: Union[str, Sequence[str], None] = "0010"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add the column and its index (unless the models made them), record version 12."""
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("attribution")}
    if "review_key" not in columns:
        with op.batch_alter_table("attribution") as batch:
            batch.add_column(sa.Column("review_key", sa.String(length=300), nullable=True))
        op.create_index("ix_attribution_review_key", "attribution", ["review_key"])
    version = sa.table("schema_version", sa.column("version", sa.Integer),
                       sa.column("applied_at", sa.DateTime(timezone=True)))  # fmt: skip
    op.bulk_insert(version, [{"version": 12, "applied_at": dt.datetime.now(dt.UTC)}])


def downgrade() -> None:
    """Drop the column."""
    op.drop_index("ix_attribution_review_key", table_name="attribution")
    with op.batch_alter_table("attribution") as batch:
        batch.drop_column("review_key")
