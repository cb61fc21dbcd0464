"""Building the engine: the ledger's only constructor, and schema creation on first use."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from itertools import batched
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from counterclaim.store.models import SCHEMA_VERSION, Base, SchemaVersionRow

DEFAULT_URL = "sqlite:///counterclaim.db"
MIGRATIONS = Path(__file__).with_name("migrations")
BASELINE_REVISION = "0001"  # the Alembic revision that creates schema version 2
BASELINE_VERSION = 2  # later versions are recorded by their own revisions (0002: version 3)
_LOCK_KEY = 0x636F756E  # PostgreSQL advisory lock taken by schema changes and linking


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
    connection. The tables and a ``schema_version`` row are created on first use, by the
    Alembic migrations in ``store/migrations`` (see :func:`ensure_schema`).

    Args:
        url: An SQLAlchemy URL, e.g. ``sqlite:///counterclaim.db`` or
            ``postgresql+psycopg://user:password@host/db``.
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
    """Create or upgrade the schema and return its version.

    A fresh database is built by running the Alembic migrations. A database written before
    Alembic came in (it has ``schema_version`` but no ``alembic_version``) is brought to
    version 2 in place by :func:`migrate`, then stamped with the baseline revision; after
    that every schema change is an Alembic revision, applied here on first use. On
    PostgreSQL the whole step holds an advisory lock, so processes starting together
    do not race.

    Raises:
        DatabaseUnavailable: The database holds a newer schema than this code knows.
    """
    with engine.begin() as conn:
        write_lock(conn)
        tables = set(inspect(conn).get_table_names())
        if "schema_version" in tables:
            stored = conn.scalar(select(func.max(SchemaVersionRow.version)))
            if stored is not None and stored > SCHEMA_VERSION:
                raise DatabaseUnavailable(
                    f"database schema version {stored} is newer than this counterclaim "
                    f"(version {SCHEMA_VERSION}); upgrade counterclaim"
                )
            if "alembic_version" not in tables:  # written before Alembic: schema 1 or 2
                Base.metadata.create_all(conn)
                if stored is None:
                    _record_version(conn, BASELINE_VERSION)
                elif stored < BASELINE_VERSION:
                    migrate(conn, stored)
                _alembic(conn, "stamp", BASELINE_REVISION)
        _alembic(conn, "upgrade", "head")
    return SCHEMA_VERSION


def _alembic(conn: Connection, command: str, revision: str) -> None:
    """Run an Alembic command (``upgrade``/``stamp``) on an open connection."""
    from alembic import command as commands
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    getattr(commands, command)(config, revision)


IN_LIST = 500  # values per IN (...) list


def chunks[T](items: Iterable[T], size: int = IN_LIST) -> Iterator[tuple[T, ...]]:
    """``items`` in tuples of at most ``size``, one ``IN (...)`` list each."""
    return batched(items, size)


def write_lock(conn: Connection) -> None:
    """Serialize this transaction with other writers that call it (schema, linking).

    Call it first in the transaction. PostgreSQL: a transaction-scoped advisory lock.
    SQLite: a write that changes nothing, so the database write lock is taken now (waiting
    up to the busy timeout) rather than at a later write after reads, where another
    process's commit in between would fail it (there is nothing to lock in a database
    without tables yet).
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    elif conn.dialect.name == "sqlite" and inspect(conn).has_table("schema_version"):
        conn.execute(text("UPDATE schema_version SET version = version WHERE 1 = 0"))


def _record_version(conn: Connection, version: int) -> None:
    conn.execute(
        SchemaVersionRow.__table__.insert().values(
            version=version, applied_at=dt.datetime.now(dt.UTC)
        )
    )


# columns added to existing tables by schema 2 (new tables come from ``create_all``); only
# for ledgers written before Alembic: later changes are revisions in ``store/migrations``
ADDED_COLUMNS: dict[int, tuple[tuple[str, str, str], ...]] = {
    2: (("entity", "side", "VARCHAR(200)"), ("entity", "geo", "JSON")),
}


def migrate(conn: Connection, stored: int) -> None:
    """Bring a pre-Alembic database at schema version ``stored`` up to version 2.

    Each step adds the columns its version introduced (if missing) and records the version,
    in the caller's transaction. Stored documents keep their data; their entities get
    linked to global entities on the next ingest (see ``pipeline.link_entities``).
    """
    for version in range(stored + 1, max(ADDED_COLUMNS) + 1):
        for table, column, sql_type in ADDED_COLUMNS.get(version, ()):
            if column not in {c["name"] for c in inspect(conn).get_columns(table)}:
                conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}"))
        _record_version(conn, version)
