"""Building the engine: the ledger's only constructor, and schema creation on first use."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session

from counterclaim.store.models import SCHEMA_VERSION, Base, SchemaVersionRow

DEFAULT_URL = "sqlite:///counterclaim.db"


class LedgerError(Exception):
    """A problem with the ledger a user can act on (bad URL, unknown document, ...)."""


class DatabaseUnavailable(LedgerError):
    """The database URL cannot be parsed, reached, or has an incompatible schema."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):  # pragma: no cover - other driver
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
    finally:
        cursor.close()


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return repr(url)


def make_engine(url: str = DEFAULT_URL, *, create: bool = True, **kwargs: Any) -> Engine:
    """Build the engine for a ledger URL and make sure its schema exists.

    For SQLite, foreign keys are enforced and the journal is switched to WAL on every
    connection. The tables and a ``schema_version`` row are created on first use.

    Args:
        url: An SQLAlchemy URL, e.g. ``sqlite:///counterclaim.db``.
        create: Create the schema if it is missing (the default).
        **kwargs: Passed to :func:`sqlalchemy.create_engine`.

    Returns:
        A ready engine.

    Raises:
        DatabaseUnavailable: The URL is malformed, its driver is missing, the database
            cannot be opened, or it was written by a newer schema version.
    """
    try:
        engine = create_engine(url, **kwargs)
    except (ArgumentError, ImportError) as err:
        raise DatabaseUnavailable(f"invalid database URL {_safe(url)}: {err}") from err
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if create:
        try:
            ensure_schema(engine)
        except SQLAlchemyError as err:
            engine.dispose()
            reason = getattr(err, "orig", None) or err
            raise DatabaseUnavailable(f"cannot open database {_safe(url)}: {reason}") from err
    return engine


def ensure_schema(engine: Engine) -> int:
    """Create missing tables, migrate an older schema in place, and return the version.

    Raises:
        DatabaseUnavailable: The database holds a newer schema than this code knows.
    """
    Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        stored = session.scalar(select(func.max(SchemaVersionRow.version)))
        if stored is None:
            now = dt.datetime.now(dt.UTC)
            session.add(SchemaVersionRow(version=SCHEMA_VERSION, applied_at=now))
            return SCHEMA_VERSION
    if stored > SCHEMA_VERSION:
        raise DatabaseUnavailable(
            f"database schema version {stored} is newer than this counterclaim "
            f"(version {SCHEMA_VERSION}); upgrade counterclaim"
        )
    if stored < SCHEMA_VERSION:
        migrate(engine, stored)
    return SCHEMA_VERSION


# columns added to existing tables, by the version that added them (new tables come from
# ``create_all``); Alembic replaces this once migrations get more involved
ADDED_COLUMNS: dict[int, tuple[tuple[str, str, str], ...]] = {
    2: (("entity", "side", "VARCHAR(200)"), ("entity", "geo", "JSON")),
}


def migrate(engine: Engine, stored: int) -> None:
    """Bring a database at schema version ``stored`` up to :data:`SCHEMA_VERSION`.

    Each step adds the columns its version introduced (if missing) and records the version,
    in one transaction. Stored documents keep their data; their entities get linked to
    global entities on the next ingest (see ``pipeline.link_entities``).
    """
    for version in range(stored + 1, SCHEMA_VERSION + 1):
        with engine.begin() as conn:
            inspector = inspect(conn)
            for table, column, sql_type in ADDED_COLUMNS.get(version, ()):
                have = {c["name"] for c in inspector.get_columns(table)}
                if column not in have:
                    conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}"))
            conn.execute(
                SchemaVersionRow.__table__.insert().values(
                    version=version, applied_at=dt.datetime.now(dt.UTC)
                )
            )
