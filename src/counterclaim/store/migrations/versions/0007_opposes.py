"""Schema version 8: ``attribution.opposes``, the statement an opposed assertion is set
against; ``responds_to`` is kept for denials only (the gold format's meaning). Links an
earlier version stored in ``responds_to`` on asserting attributions are moved over. And
``answer``: a denial answering an attribution of another document (filled from the next
ingest on; ``store.answers``).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 17:40:00

"""
import datetime as dt
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: Union[str, Sequence[str], None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add the column, move the opposed links into it, record version 8."""
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("attribution")}
    if "opposes" not in have:
        op.add_column("attribution", sa.Column("opposes", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE attribution SET opposes = responds_to, responds_to = NULL "
        "WHERE stance <> 'deny' AND responds_to IS NOT NULL"
    )
    if "answer" not in sa.inspect(op.get_bind()).get_table_names():
        op.create_table(
            "answer",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("doc_id", sa.String(length=128),
                      sa.ForeignKey("document.id", ondelete="CASCADE"), nullable=False),
            sa.Column("attribution", sa.Integer(), nullable=False),
            sa.Column("target_doc", sa.String(length=128),
                      sa.ForeignKey("document.id", ondelete="CASCADE"), nullable=False),
            sa.Column("target_attribution", sa.Integer(), nullable=False),
            sa.Column("score", sa.Float(), nullable=False),
            sa.Column("why", sa.String(length=200), nullable=False),
            sa.UniqueConstraint("doc_id", "attribution", "target_doc", "target_attribution"),
        )  # fmt: skip
        op.create_index("ix_answer_doc_id", "answer", ["doc_id"])
        op.create_index("ix_answer_target", "answer", ["target_doc", "target_attribution"])
    version = sa.table("schema_version", sa.column("version", sa.Integer),
                       sa.column("applied_at", sa.DateTime(timezone=True)))  # fmt: skip
    op.bulk_insert(version, [{"version": 8, "applied_at": dt.datetime.now(dt.UTC)}])


def downgrade() -> None:
    """Drop ``answer``, put the opposed links back into ``responds_to``, drop the column."""
    op.drop_table("answer")
    op.execute("UPDATE attribution SET responds_to = opposes WHERE opposes IS NOT NULL")
    with op.batch_alter_table("attribution") as batch:
        batch.drop_column("opposes")
