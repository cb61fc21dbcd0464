"""Schema version 10: each claim's calibrated confidence (``claim.confidence``; claims
stored before get 1.0 until their document is analysed again).

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-03 17:40:00

"""
import datetime as dt
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: Union[str, Sequence[str], None] = "0008"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add the column, record version 10."""
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("claim")}
    if "confidence" not in have:
        op.add_column(
            "claim", sa.Column("confidence", sa.Float(), nullable=False, server_default="1.0")
        )
    version = sa.table("schema_version", sa.column("version", sa.Integer),
                       sa.column("applied_at", sa.DateTime(timezone=True)))  # fmt: skip
    op.bulk_insert(version, [{"version": 10, "applied_at": dt.datetime.now(dt.UTC)}])


def downgrade() -> None:
    """Drop the column."""
    with op.batch_alter_table("claim") as batch:
        batch.drop_column("confidence")
