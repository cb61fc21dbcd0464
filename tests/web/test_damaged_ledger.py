"""A damaged ledger under the web app: every page and JSON route answers 503 with one line
naming what is wrong and what to do (never a bare 500 or a traceback), the visitor is not
told the file's path, and the server's log names it. Real SQLite files, damaged for real."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from webdata import BASE_URL, PANJSHIR_ID, hostile, panjshir

from counterclaim import pipeline
from counterclaim.store import make_engine, save_analysis
from counterclaim.web import create_app

PAGE = 4096
URLS = (
    "/api/documents",
    "/documents",
    "/api/attributions",
    "/attributions",
    f"/documents/{PANJSHIR_ID}",
    f"/api/documents/{PANJSHIR_ID}",
    "/search?q=Panjshir",
    "/api/entities/taliban",
    "/claims",
)  # fmt: skip (the entity list reads no document)


def _ledger(path: Path) -> None:
    engine = make_engine(f"sqlite:///{path}")
    with Session(engine) as session, session.begin():
        save_analysis(session, panjshir())
        save_analysis(session, hostile())
    pipeline.link_entities(engine)
    engine.dispose()  # the last connection folds the WAL into the file


def _garbage(path: Path) -> None:
    """Every byte replaced by text: not an SQLite file any more."""
    path.write_bytes(b"these bytes were a ledger once. " * (path.stat().st_size // 32))


def _pages(path: Path) -> None:
    """The header kept, every later page overwritten: "database disk image is malformed"."""
    data = bytearray(path.read_bytes())
    for at in range(PAGE, len(data), PAGE):
        data[at : at + PAGE] = os.urandom(PAGE)
    path.write_bytes(bytes(data))


def _dropped(path: Path) -> None:
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA foreign_keys=OFF")
        con.execute("DROP TABLE attribution")
        con.execute("DROP TABLE document")
    con.close()


def _newer(path: Path) -> None:
    """What a later counterclaim might do: record version 99 and rename a table."""
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO schema_version VALUES (99, '2030-01-01 00:00:00')")
        con.execute("ALTER TABLE document RENAME TO document_v99")
    con.close()


@pytest.mark.parametrize(
    ("damage", "problem", "advice"),
    [
        (_garbage, "is damaged (file is not a database)", "restore it from a backup"),
        (_pages, "is damaged", "sqlite3 FILE .recover"),
        (_dropped, "lacks part of its schema (no such table", "restore it from a backup"),
        (_newer, "has schema version 99, newer than", "upgrade counterclaim"),
    ],
)
def test_a_ledger_damaged_while_served_answers_503_with_what_to_do(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    damage: Callable[[Path], None],
    problem: str,
    advice: str,
) -> None:
    path = tmp_path / "team-ledger.db"
    _ledger(path)
    engine = make_engine(f"sqlite:///{path}")
    client = TestClient(create_app(engine), base_url=BASE_URL, raise_server_exceptions=False)
    assert client.get("/api/documents").json()["total"] == 2
    damage(path)
    engine.dispose()  # connections opened from now on read the damaged file
    for url in URLS:
        with caplog.at_level(logging.ERROR, logger="counterclaim.web.app"):
            response = client.get(url)
        assert response.status_code == 503, (url, response.text[:300])
        body = response.text
        assert "Traceback" not in body and "team-ledger.db" not in body, url
        if url.startswith("/api/"):
            detail = response.json()["detail"]
        else:
            assert response.headers["content-type"].startswith("text/html")
            detail = body
        assert f"the ledger {problem}" in detail.replace("&#39;", "'"), (url, detail)
        assert advice in detail, (url, detail)
    assert "team-ledger.db" in caplog.text  # the operator's log names the file
    engine.dispose()


def test_an_unreadable_file_from_the_start_answers_503(tmp_path: Path) -> None:
    """An app given an engine over a file that was never a ledger (no schema check)."""
    path = tmp_path / "notes.db"
    path.write_text("shopping list: bread, milk\n" * 400)
    engine = make_engine(f"sqlite:///{path}", create=False)
    client = TestClient(create_app(engine), base_url=BASE_URL, raise_server_exceptions=False)
    for url in ("/api/documents", "/documents", "/disputes", "/api/map"):
        response = client.get(url)
        assert response.status_code == 503, (url, response.text[:200])
        assert "is damaged (file is not a database)" in response.text
    engine.dispose()


def test_a_healthy_ledger_is_untouched_by_the_handler(engine: Engine) -> None:
    client = TestClient(create_app(engine), base_url=BASE_URL)
    for url in URLS:
        assert client.get(url).status_code == 200, url
