"""Bad days for the ledger: processes racing on a new file, a read-only ledger, a full disk,
lock contention. Each ends in a clear error or a success, and nothing committed is lost."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from test_ledger import make_analysis, save, sql

from counterclaim import pipeline
from counterclaim.store import (
    DatabaseBusy,
    known_ids,
    list_documents,
    make_engine,
    save_analysis,
)
from counterclaim.store.engine import retrying

REPETITIONS = 10


def _first_use(folder: str, name: str, start: Any, results: Any) -> None:
    """Open a new ledger file together with the other process, store a document, link."""
    outcomes = []
    for rep in range(REPETITIONS):
        url = f"sqlite:///{folder}/ledger-{rep}.db"
        start.wait(timeout=60)
        try:
            engine = make_engine(url)
            doc_id = f"{name}{rep:02d}" + "9" * 61
            with Session(engine) as s, s.begin():
                save_analysis(s, make_analysis(doc_id))
            pipeline.link_entities(engine)
            engine.dispose()
            outcomes.append("ok")
        except Exception as err:  # reported to the test, which fails on it
            outcomes.append(f"{type(err).__name__}: {err}")
    results.put((name, outcomes))


def test_two_processes_opening_one_new_sqlite_file_both_succeed(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_first_use, args=(str(tmp_path), name, start, results))
             for name in ("a", "b")]  # fmt: skip
    for p in procs:
        p.start()
    outcomes = dict(results.get(timeout=300) for _ in procs)
    for p in procs:
        p.join(timeout=60)
    assert outcomes == {"a": ["ok"] * REPETITIONS, "b": ["ok"] * REPETITIONS}
    for rep in range(REPETITIONS):
        engine = make_engine(f"sqlite:///{tmp_path}/ledger-{rep}.db")
        assert sql(engine, "select count(*) from document") == [(2,)]
        engine.dispose()


def test_a_read_only_ledger_opens_for_reading(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    engine = make_engine(f"sqlite:///{path}")
    save(engine, make_analysis())
    pipeline.link_entities(engine)
    engine.dispose()
    read_only = make_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        with Session(read_only) as s:
            assert [d.id for d in list_documents(s)] == [make_analysis().document.id]
        assert pipeline.disputes(read_only) == []  # reads take no write lock
        assert len(pipeline.attributions(read_only)) == 2
        with pytest.raises(OperationalError, match="readonly"):
            save(read_only, make_analysis("cd" * 32))
    finally:
        read_only.dispose()


def _limit_pages(pages: int):
    def on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    return on_connect


def test_a_full_disk_keeps_what_was_committed(tmp_path: Path) -> None:
    """SQLite's own "database or disk is full" (SQLITE_FULL), from a page limit."""
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    engine = make_engine(url)
    save(engine, make_analysis())
    pages = sql(engine, "pragma page_count")[0][0]
    engine.dispose()
    full = make_engine(url)
    event.listen(full, "connect", _limit_pages(pages))
    full.dispose()  # the next connections have the limit
    big = make_analysis("ef" * 32, text=make_analysis().document.text + " x" * 200_000)
    with pytest.raises(OperationalError, match="full"):
        save(full, big)
    with Session(full) as s:
        assert known_ids(s, ["ab12cd34" * 8, "ef" * 32]) == {"ab12cd34" * 8}
    full.dispose()


def test_a_locked_ledger_is_retried_then_reported_busy(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    engine = make_engine(url, connect_args={"timeout": 0.05})
    holder = sqlite3.connect(tmp_path / "ledger.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        with pytest.raises(DatabaseBusy, match="busy"):
            retrying(lambda: save(engine, make_analysis()), attempts=2)
        with Session(engine) as s:  # reads go on in WAL while the writer holds the lock
            assert list_documents(s) == []
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert retrying(lambda: save(engine, make_analysis())) == "added"
    with engine.connect() as con:
        assert con.execute(text("select count(*) from document")).scalar() == 1
    engine.dispose()
