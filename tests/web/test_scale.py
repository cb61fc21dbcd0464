"""Costs that must not grow faster than the data: an article page is linear in the
article (no title: the headline is cut from a bounded window), and the list endpoints
page in SQL with a default limit."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from webdata import BASE_URL, ROOMY

from counterclaim import pipeline
from counterclaim.records import Analysis, Attribution, Document, Span
from counterclaim.store import make_engine, save_analysis
from counterclaim.web import create_app

SENTENCE = "The spokesman said that the convoy had reached the northern town before dusk. "


def _article(doc_id: str, sentences: int) -> Analysis:
    """An untitled article of ``sentences`` sentences, each with one attribution."""
    text = SENTENCE * sentences
    doc = Document(doc_id, text, 0, dt.date(2024, 1, 1), "Wire")
    attrs = []
    for n in range(sentences):
        at = n * len(SENTENCE)
        cue = Span.of(text, at + 14, at + 18)  # "said"
        content = Span.of(text, at + 24, at + len(SENTENCE) - 2)
        source = Span.of(text, at, at + 13)
        attrs.append(Attribution(doc_id, n + 1, cue, content, source=source))
    return Analysis(doc, tuple(attrs))


def _page_seconds(tmp_path: Path, sentences: int) -> float:
    engine = make_engine(f"sqlite:///{tmp_path / f'ledger-{sentences}.db'}")
    doc_id = f"{sentences:016x}"
    with Session(engine) as session, session.begin():
        save_analysis(session, _article(doc_id, sentences))
    best = float("inf")
    with TestClient(create_app(engine, limits=ROOMY), base_url=BASE_URL) as client:
        for _ in range(3):
            start = time.perf_counter()
            page = client.get(f"/documents/{doc_id}")
            best = min(best, time.perf_counter() - start)
            assert page.status_code == 200 and page.text.count('class="hl ') >= sentences
    engine.dispose()
    return best


def test_an_untitled_article_page_grows_linearly(tmp_path: Path) -> None:
    small, large = _page_seconds(tmp_path, 150), _page_seconds(tmp_path, 1200)
    assert large < 16 * small, (small, large)  # 8 times the article; quadratic would be 64


def test_every_list_endpoint_has_a_default_limit(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'ledger.db'}")
    with Session(engine) as session, session.begin():
        for n in range(60):
            save_analysis(session, _article(f"{n:016x}", 2))
    pipeline.link_entities(engine)
    with TestClient(create_app(engine, limits=ROOMY), base_url=BASE_URL) as client:
        for url in ("/api/documents", "/api/attributions", "/api/claims", "/api/disputes",
                    "/api/entities"):  # fmt: skip
            page = client.get(url).json()
            assert page["limit"] == 50 and len(page["items"]) <= 50, url
        documents = client.get("/api/documents").json()
        assert documents["total"] == 60 and len(documents["items"]) == 50
        attributions = client.get("/api/attributions").json()
        assert attributions["total"] == 120 and len(attributions["items"]) == 50
    engine.dispose()
