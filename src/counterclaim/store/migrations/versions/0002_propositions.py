"""Schema version 3: stored propositions (``claim.proposition`` etc. and ``proposition``).

Adds the hashed proposition key, resolved place, last event day and denial flag of each
claim, the ``proposition`` summary table and their indexes, then fills them for the claims
already stored. Every step checks what is there first: ledgers written before Alembic get
their tables from the models (``create_all``) before being stamped at revision 0001.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 22:20:00

"""
import datetime as dt
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision: str = "0002"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

CLAIM_COLUMNS = (
    sa.Column("proposition", sa.String(length=40), nullable=True),
    sa.Column("place_ref", sa.String(length=200), nullable=True),
    sa.Column("day", sa.String(length=10), nullable=True),
    sa.Column("denial", sa.Boolean(), nullable=False, server_default=sa.false()),
)
CLAIM_INDEXES = {
    "ix_claim_proposition": ["proposition"],
    "ix_claim_type_place": ["type", "place_ref"],
    "ix_claim_doc_attribution": ["doc_id", "attribution"],
}


def _create_proposition_table() -> None:
    op.create_table(
        "proposition",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("asserted", sa.Integer(), nullable=False),
        sa.Column("negated", sa.Integer(), nullable=False),
        sa.Column("figures", sa.Integer(), nullable=False),
        sa.Column("max_low", sa.Integer(), nullable=True),
        sa.Column("min_high", sa.Integer(), nullable=True),
        sa.Column("denials", sa.Integer(), nullable=False),
        sa.Column("min_place", sa.String(length=200), nullable=True),
        sa.Column("max_place", sa.String(length=200), nullable=True),
        sa.Column("first_day", sa.String(length=10), nullable=True),
        sa.Column("last_day", sa.String(length=10), nullable=True),
        sa.Column("contested", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_proposition_contested_last", "proposition", ["contested", "last_day", "id"]
    )


def upgrade() -> None:
    """Add the columns, table and indexes that are missing, then backfill."""
    from counterclaim.store import propositions

    bind = op.get_bind()
    inspector = sa.inspect(bind)
    have = {c["name"] for c in inspector.get_columns("claim")}
    missing = [c for c in CLAIM_COLUMNS if c.name not in have]
    if missing:
        with op.batch_alter_table("claim") as batch_op:
            for column in missing:
                batch_op.add_column(column)
    indexes = {i["name"] for i in inspector.get_indexes("claim")}
    for name, columns in CLAIM_INDEXES.items():
        if name not in indexes:
            op.create_index(name, "claim", columns)
    if not inspector.has_table("proposition"):
        _create_proposition_table()
    else:  # made by an early draft of this revision, without the figure bounds
        have = {c["name"] for c in inspector.get_columns("proposition")}
        with op.batch_alter_table("proposition") as batch_op:
            for name in ("max_low", "min_high"):
                if name not in have:
                    batch_op.add_column(sa.Column(name, sa.Integer(), nullable=True))
    session = Session(bind=bind)
    propositions.refresh_claims(session, mark_due=False, read_rows=False)  # 0003 marks them
    propositions.refresh_summaries(session, mark_due=False)
    session.close()
    version = sa.table("schema_version", sa.column("version", sa.Integer),
                       sa.column("applied_at", sa.DateTime(timezone=True)))
    op.bulk_insert(version, [{"version": 3, "applied_at": dt.datetime.now(dt.UTC)}])


def downgrade() -> None:
    """Drop the proposition table, columns and indexes."""
    op.drop_index("ix_proposition_contested_last", table_name="proposition")
    op.drop_table("proposition")
    for name in CLAIM_INDEXES:
        op.drop_index(name, table_name="claim")
    with op.batch_alter_table("claim") as batch_op:
        for column in CLAIM_COLUMNS:
            batch_op.drop_column(column.name)
    op.execute(sa.text("DELETE FROM schema_version WHERE version = 3"))
