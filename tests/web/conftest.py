"""Fixtures for the web tests: a real SQLite ledger built from literal records.

No model is needed: the articles and their attributions are written by hand (``webdata``),
and ``POST /api/documents`` gets a stand-in analyzer. Tests that need the real pipeline
are marked ``model``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from webdata import BASE_URL, MAX_BYTES, ROOMY, TOKEN, fake_analyzer, hostile, panjshir

from counterclaim import pipeline
from counterclaim.store import make_engine, save_analysis
from counterclaim.web import create_app
from counterclaim.web.security import WriteAccess


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """A real SQLite ledger file holding the two literal articles."""
    engine = make_engine(f"sqlite:///{tmp_path / 'ledger.db'}")
    with Session(engine) as session, session.begin():
        save_analysis(session, panjshir())
        save_analysis(session, hostile())
    pipeline.link_entities(engine)  # cross-document entities, as ingest does
    yield engine
    engine.dispose()


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    """The app over that ledger, with the stand-in analyzer, a small upload limit and a
    write token (``webdata.AUTH``)."""
    app = create_app(engine, analyzer=fake_analyzer, max_bytes=MAX_BYTES,
                     write_access=WriteAccess(TOKEN), limits=ROOMY)  # fmt: skip
    with TestClient(app, base_url=BASE_URL) as client:
        yield client
