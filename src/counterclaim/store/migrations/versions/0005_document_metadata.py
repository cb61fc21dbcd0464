"""Schema version 6: a document's byline, section and keywords (``document.author``,
``section``, ``keywords``).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 15:30:00

"""
import datetime as dt
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: Union[str, Sequence[str], None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

COLUMNS = (
    ("author", sa.Text()),
    ("section", sa.String(length=200)),
    ("keywords", sa.JSON()),
)


def upgrade() -> None:
    """Add the missing columns, record version 6."""
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("document")}
    for name, type_ in COLUMNS:
        if name not in have:
            op.add_column("document", sa.Column(name, type_, nullable=True))
    version = sa.table("schema_version", sa.column("version", sa.Integer),
                       sa.column("applied_at", sa.DateTime(timezone=True)))  # fmt: skip
    op.bulk_insert(version, [{"version": 6, "applied_at": dt.datetime.now(dt.UTC)}])


def downgrade() -> None:
    """Drop the columns."""
    with op.batch_alter_table("document") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
