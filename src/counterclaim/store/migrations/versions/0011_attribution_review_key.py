"""Schema version 12: the stable key of a statement whose span an analyst corrected.

``attribution.review_key`` keeps the key of the machine's cue and content spans
(:mod:`counterclaim.store.reviewkeys`) once a correction moved them, so the statement's
corrections, its claims' keys and its disputes' keys stay the same. Stored disputes
without a ``review_key`` (found before revision 0008) get theirs, so no reader computes
keys at request time.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 20:10:00

"""
import datetime as dt
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
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
    _key_disputes()
    version = sa.table("schema_version", sa.column("version", sa.Integer),
                       sa.column("applied_at", sa.DateTime(timezone=True)))  # fmt: skip
    op.bulk_insert(version, [{"version": 12, "applied_at": dt.datetime.now(dt.UTC)}])


def _key_disputes() -> None:
    """Store the key of every dispute stored without one."""
    from sqlalchemy.orm import Session

    from counterclaim.store.disputes import keys_of

    session = Session(bind=op.get_bind())
    dispute = sa.table("dispute", sa.column("id", sa.Integer),
                       sa.column("review_key", sa.String))  # fmt: skip
    missing = [i for (i,) in session.execute(
        sa.select(dispute.c.id).where(dispute.c.review_key.is_(None)))]  # fmt: skip
    for dispute_id, key in keys_of(session, missing).items():
        session.execute(sa.update(dispute).where(dispute.c.id == dispute_id)
                        .values(review_key=key))  # fmt: skip
    session.flush()


def downgrade() -> None:
    """Drop the column."""
    op.drop_index("ix_attribution_review_key", table_name="attribution")
    with op.batch_alter_table("attribution") as batch:
        batch.drop_column("review_key")
