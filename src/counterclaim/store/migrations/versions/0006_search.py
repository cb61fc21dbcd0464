"""Schema version 7: full-text search over statements (contents, speakers, titles).

SQLite: an FTS5 table ``search_fts`` (rowid = ``attribution.id``; columns title, speaker,
content; Porter stemming) kept current by triggers on ``attribution`` and on a document's
title, and filled from the attributions already stored. PostgreSQL: a GIN index on the
same words as an English ``tsvector`` expression (see ``store/search.py``). Other
databases search with LIKE.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 15:40:00

"""
import datetime as dt
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: Union[str, Sequence[str], None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_ROW = """(SELECT coalesce(title, '') FROM document WHERE id = {a}.doc_id),
           trim(coalesce({a}.speaker_name, '') || ' ' || coalesce({a}.source_text, '')),
           coalesce({a}.content_text, '')"""

SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, speaker, content, tokenize = 'porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS search_fts_insert AFTER INSERT ON attribution BEGIN "
    f"INSERT INTO search_fts(rowid, title, speaker, content) VALUES (new.id, {_ROW.format(a='new')}); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_delete AFTER DELETE ON attribution BEGIN "
    "DELETE FROM search_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_update AFTER UPDATE ON attribution BEGIN "
    "DELETE FROM search_fts WHERE rowid = old.id; "
    f"INSERT INTO search_fts(rowid, title, speaker, content) VALUES (new.id, {_ROW.format(a='new')}); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_title AFTER UPDATE OF title ON document BEGIN "
    "UPDATE search_fts SET title = coalesce(new.title, '') "
    "WHERE rowid IN (SELECT id FROM attribution WHERE doc_id = new.id); END",
    "DELETE FROM search_fts",
    f"INSERT INTO search_fts(rowid, title, speaker, content) SELECT a.id, {_ROW.format(a='a')} "
    "FROM attribution AS a",
]

POSTGRESQL = [
    "CREATE INDEX IF NOT EXISTS ix_attribution_search ON attribution USING GIN ("
    "to_tsvector('english', coalesce(speaker_name, '') || ' ' || coalesce(source_text, '') "
    "|| ' ' || coalesce(content_text, '')))",
    "CREATE INDEX IF NOT EXISTS ix_document_title_search ON document USING GIN ("
    "to_tsvector('english', coalesce(title, '')))",
]


def upgrade() -> None:
    """Create the search table or indexes, record version 7."""
    bind = op.get_bind()
    for statement in {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(bind.dialect.name, []):
        op.execute(statement)
    version = sa.table("schema_version", sa.column("version", sa.Integer),
                       sa.column("applied_at", sa.DateTime(timezone=True)))  # fmt: skip
    op.bulk_insert(version, [{"version": 7, "applied_at": dt.datetime.now(dt.UTC)}])


def downgrade() -> None:
    """Drop the search table, its triggers and indexes."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("insert", "delete", "update", "title"):
            op.execute(f"DROP TRIGGER IF EXISTS search_fts_{name}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_attribution_search")
        op.execute("DROP INDEX IF EXISTS ix_document_title_search")
