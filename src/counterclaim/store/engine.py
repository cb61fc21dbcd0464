"""Building the engine: the ledger's only constructor, and schema creation on first use."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import batched
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError

from counterclaim.store.models import SCHEMA_VERSION, Base, SchemaVersionRow

DEFAULT_URL = "sqlite:///counterclaim.db"
MIGRATIONS = Path(__file__).with_name("migrations")
BASELINE_REVISION = "0001"  # the Alembic revision that creates schema version 2
BASELINE_VERSION = 2  # later versions are recorded by their own revisions (0002: version 3)
_LOCK_KEY = 0x636F756E  # PostgreSQL advisory lock taken by schema changes and linking
BUSY_TIMEOUT = 30.0  # seconds an SQLite connection waits for another writer's lock
RETRIES = 3  # attempts of a write transaction that found the database locked
RETRY_PAUSE = 0.2  # seconds before the second attempt (doubled each time)

log = logging.getLogger(__name__)


class LedgerError(Exception):
    """A problem with the ledger a user can act on (bad URL, unknown document, ...)."""


class DatabaseUnavailable(LedgerError):
    """The database URL cannot be parsed, reached, or has an incompatible schema."""


class DatabaseBusy(LedgerError):
    """Another writer held the database for longer than the busy timeout (try again)."""


_BUSY_MARKS = (
    "database is locked",
    "database table is locked",
    "database is busy",
    "could not serialize access",
    "deadlock detected",
    "lock timeout",
    "canceling statement due to lock timeout",
)


def is_busy(err: BaseException) -> bool:
    """Whether a database error means "locked by another writer: try again"."""
    text = str(getattr(err, "orig", None) or err).casefold()
    return isinstance(err, (OperationalError, DBAPIError, sqlite3.OperationalError)) and any(
        mark in text for mark in _BUSY_MARKS
    )


_DAMAGED_MARKS = ("malformed", "not a database", "corrupt", "file is encrypted",
                  "vtable constructor failed")  # fmt: skip
_MISSING_MARKS = ("no such table", "no such column", "does not exist")  # PostgreSQL: relation
_DENIED_MARKS = ("readonly", "read-only", "permission", "unable to open", "access denied")
_FULL_MARKS = ("database or disk is full", "no space left", "disk full")
KEPT = "what was committed before is kept"
_SQLITE_MARKS = {  # SQLITE_<NAME>[_DETAIL] -> a mark below
    "CORRUPT": "corrupt", "NOTADB": "not a database", "FULL": "disk full",
    "CANTOPEN": "unable to open", "PERM": "permission", "READONLY": "readonly",
    "IOERR": "disk i/o error",
}  # fmt: skip


def fault_reason(err: BaseException) -> str:
    """The first line of the driver's message under an SQLAlchemy error."""
    orig = getattr(err, "orig", None)
    lines = str(orig if orig is not None else err).strip().splitlines()
    return lines[0] if lines else type(err).__name__


def ledger_fault(err: BaseException, where: str = "the ledger") -> str | None:
    """One line naming the ledger (``where``), what is wrong and what to do, for a database
    error a user can act on: a full disk, a damaged file, missing tables, no permission, a
    lock held by another writer. ``None`` for anything else (a bug to report).
    :class:`DatabaseUnavailable` already carries such a line and is given back as it is."""
    if isinstance(err, DatabaseUnavailable):
        return str(err)
    if not isinstance(err, (DBAPIError, sqlite3.Error)):
        return None
    reason = fault_reason(err)
    orig = getattr(err, "orig", err)
    code = getattr(orig, "sqlite_errorname", "") or ""  # SQLite's own name for the fault
    low = f"{reason} {_SQLITE_MARKS.get(code.split('_')[1] if code.count('_') else '', '')}"
    low = low.casefold()
    if any(mark in low for mark in _FULL_MARKS):
        return f"{where}: {reason}: free disk space and try again ({KEPT})"
    if any(mark in low for mark in _DAMAGED_MARKS):
        return (f"{where} is damaged ({reason}): restore it from a backup, or recover what is "
                "left with `sqlite3 FILE .recover | sqlite3 NEW.db` and use NEW.db")  # fmt: skip
    if any(mark in low for mark in _MISSING_MARKS):
        return (f"{where} lacks part of its schema ({reason}): it is damaged or not a "
                "counterclaim ledger; restore it from a backup or use another ledger")  # fmt: skip
    if "disk i/o error" in low:
        return f"{where} could not be read or written ({reason}): check the disk ({KEPT})"
    if any(mark in low for mark in _DENIED_MARKS):
        return f"{where} cannot be opened or written ({reason}): check its permissions and its folder's"
    if is_busy(err):
        return f"{where} is busy with another writer ({reason}): try again ({KEPT})"
    return None


def diagnose(engine: Engine, err: BaseException, where: str = "the ledger") -> str | None:
    """:func:`ledger_fault`, except that a missing table or column in a ledger that a newer
    counterclaim has since upgraded is named as such (the schema version is read again)."""
    problem = ledger_fault(err, where)
    if problem is None or not any(m in fault_reason(err).casefold() for m in _MISSING_MARKS):
        return problem
    try:
        with engine.connect() as conn:
            stored = conn.scalar(select(func.max(SchemaVersionRow.version)))
            conn.rollback()
        _check_not_newer(stored, where)
    except DatabaseUnavailable as newer:
        return str(newer)
    except SQLAlchemyError:
        pass
    return problem


def retrying[T](work: Callable[[], T], *, attempts: int = RETRIES) -> T:
    """Run a whole write transaction, again (after a pause) when the database was locked.

    ``work`` must open and commit its own transaction, so a failed attempt left nothing.

    Raises:
        DatabaseBusy: Still locked after ``attempts`` tries.
    """
    pause = RETRY_PAUSE
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except (OperationalError, DBAPIError) as err:
            if not is_busy(err):
                raise
            if attempt == attempts:
                raise DatabaseBusy(f"the ledger is busy with another writer: {err.orig}") from err
            log.info("ledger locked (attempt %d of %d); retrying", attempt, attempts)
            time.sleep(pause)
            pause *= 2
    raise AssertionError("unreachable")  # pragma: no cover


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):  # pragma: no cover - other driver
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        with contextlib.suppress(sqlite3.OperationalError):  # a read-only file keeps its mode
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

    For SQLite, foreign keys are enforced, the journal is switched to WAL on every
    connection, and a connection waits up to :data:`BUSY_TIMEOUT` seconds for another
    writer. A read-only ledger (``sqlite:///file:ledger.db?mode=ro&uri=true``, or a file
    this user may not write) opens for reading when its schema is current. The tables and a ``schema_version`` row are created on first use, by the
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
        if url.startswith("sqlite"):
            connect_args = dict(kwargs.pop("connect_args", {}))
            connect_args.setdefault("timeout", BUSY_TIMEOUT)
            kwargs["connect_args"] = connect_args
        engine = create_engine(url, **kwargs)
    except (ArgumentError, ImportError) as err:
        raise DatabaseUnavailable(f"invalid database URL {_safe(url)}: {err}") from err
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if create:
        try:
            ensure_schema(engine)
        except DatabaseUnavailable as err:
            engine.dispose()
            raise DatabaseUnavailable(f"the ledger {_safe(url)}: {err}") from err
        except SQLAlchemyError as err:
            engine.dispose()
            where = f"the ledger {_safe(url)}"
            problem = ledger_fault(err, where) or f"cannot open {where}: {fault_reason(err)}"
            raise DatabaseUnavailable(problem) from err
    return engine


def ensure_schema(engine: Engine) -> int:
    """Create or upgrade the schema and return its version.

    A fresh database is built by running the Alembic migrations. A database written before
    Alembic came in (it has ``schema_version`` but no ``alembic_version``) is brought to
    version 2 in place by :func:`migrate`, then stamped with the baseline revision; after
    that every schema change is an Alembic revision, applied here on first use. On
    PostgreSQL the whole step holds an advisory lock, so processes starting together
    do not race.

    A ledger whose schema is current is only read (no write lock, so a read-only ledger
    opens). On SQLite the creation or upgrade runs in one ``BEGIN IMMEDIATE``
    transaction, so two processes opening a new file together take turns: the second
    waits for the first and then finds the schema there.

    Raises:
        DatabaseUnavailable: The database holds a newer schema than this code knows.
    """
    if _current(engine):
        return SCHEMA_VERSION
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock, even with no tables yet
        write_lock(conn)
        _create_or_upgrade(conn)
        conn.commit()
    return SCHEMA_VERSION


def _current(engine: Engine) -> bool:
    """Whether the schema is this code's, read without taking any lock.

    Raises:
        DatabaseUnavailable: The database holds a newer schema than this code knows.
    """
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if not {"schema_version", "alembic_version"} <= tables:
            _check_not_foreign(conn, tables)
            return False
        stored = conn.scalar(select(func.max(SchemaVersionRow.version)))
        _check_not_newer(stored)
        revision = conn.scalar(text("SELECT version_num FROM alembic_version"))
        conn.rollback()
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if revision != ScriptDirectory.from_config(config).get_current_head():
        return False
    if missing := sorted(set(Base.metadata.tables) - tables):
        raise DatabaseUnavailable(
            f"it lacks the tables {', '.join(missing)}: it is damaged; restore it "
            "from a backup, or start a new ledger and ingest the articles again"
        )
    return True


def _check_not_foreign(conn: Connection, tables: set[str]) -> None:
    """Refuse an SQLite file that holds another program's tables and none of the ledger's,
    rather than add the ledger's tables to it (a shared PostgreSQL database is fine)."""
    ours = set(Base.metadata.tables) | {"alembic_version"}
    others = {t for t in tables if not t.startswith("sqlite_")}
    if conn.dialect.name == "sqlite" and others and not others & ours:
        shown = ", ".join(sorted(others)[:5]) + (", ..." if len(others) > 5 else "")
        raise DatabaseUnavailable(
            f"not a counterclaim ledger (it holds other tables: {shown}); name a ledger file, "
            "or a new file to start one"
        )


def _check_not_newer(stored: int | None, where: str = "the database") -> None:
    if stored is not None and stored > SCHEMA_VERSION:
        raise DatabaseUnavailable(
            f"{where} has schema version {stored}, newer than this counterclaim's "
            f"({SCHEMA_VERSION}): upgrade counterclaim, or use a ledger this version wrote"
        )


def _create_or_upgrade(conn: Connection) -> None:
    tables = set(inspect(conn).get_table_names())
    if "schema_version" in tables:
        stored = conn.scalar(select(func.max(SchemaVersionRow.version)))
        _check_not_newer(stored)
        if "alembic_version" not in tables:  # written before Alembic: schema 1 or 2
            Base.metadata.create_all(conn)
            if stored is None:
                _record_version(conn, BASELINE_VERSION)
            elif stored < BASELINE_VERSION:
                migrate(conn, stored)
            _alembic(conn, "stamp", BASELINE_REVISION)
    _alembic(conn, "upgrade", "head")


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
