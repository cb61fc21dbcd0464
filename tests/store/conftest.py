"""The ``engine`` fixture: every storage test runs on SQLite and on PostgreSQL.

PostgreSQL runs when ``COUNTERCLAIM_TEST_PG`` holds a URL whose role may create databases
(``.ci/run`` starts a server and sets it). One database is created per test session and
dropped after it; each test gets a fresh schema in it. Without the variable the PostgreSQL
variants skip, except under CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url

from counterclaim.store import make_engine

PG_VAR = "COUNTERCLAIM_TEST_PG"


@pytest.fixture(scope="session")
def pg_database() -> Iterator[URL]:
    """A fresh PostgreSQL database for this session (dropped afterwards)."""
    url = os.environ.get(PG_VAR)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_VAR} is not set: CI must run the PostgreSQL storage tests")
        pytest.skip(f"PostgreSQL tests need {PG_VAR}=postgresql+psycopg://user:pass@host/db")
    server = make_url(url)
    name = f"counterclaim_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\' '
                          "LC_COLLATE 'C' LC_CTYPE 'C'"))  # fmt: skip
    try:
        yield server.set(database=name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty ledger's URL: a new SQLite file, or a new schema in the session database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ledger.db'}"
        return
    database: URL = request.getfixturevalue("pg_database")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = database.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def engine(ledger_url: str) -> Iterator[Engine]:
    engine = make_engine(ledger_url)
    yield engine
    engine.dispose()
