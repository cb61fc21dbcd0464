"""The events API and pages over a real SQLite ledger holding one event in two articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from counterclaim import pipeline
from counterclaim.records import (
    Analysis,
    Attribution,
    Claim,
    Count,
    Document,
    Entity,
    EventMention,
    Geo,
    Span,
)
from counterclaim.store import make_engine, save_analysis
from counterclaim.web import create_app

TOWN = Geo("Peshawar", "town", "PK", "PK-KP", 34.0, 71.5)


def article(doc_id: str, day: dt.date, toll: int, who: str) -> Analysis:
    text = f"{who} said the <b>attack</b> in Peshawar on Monday killed {toll} people."
    doc = Document(doc_id, text, 0, day, "agency")

    def span(needle: str) -> Span:
        start = text.index(needle)
        return Span.of(text, start, start + len(needle))

    attr = Attribution(doc_id, 1, span("said"), span("the <b>attack</b> in Peshawar"),
                       speaker="who", speaker_name=who)  # fmt: skip
    entities = (Entity("who", who, "ORG", (span(who),)),
                Entity("peshawar", "Peshawar", "PLACE", (span("Peshawar"),), geo=TOWN))  # fmt: skip
    claim = Claim(doc_id, 1, 1, "fatalities", args={"place": "peshawar"},
                  count=Count(toll, toll, toll, text=str(toll)), date="2024-05-13",
                  evidence=span("killed"))  # fmt: skip
    mention = EventMention(doc_id, 1, span("the <b>attack</b> in Peshawar"), span("attack"),
                           "attack", "attack", 1, "peshawar", "2024-05-13", claims=(1,),
                           attribution=1)  # fmt: skip
    return Analysis(doc, (attr,), entities, claims=(claim,), events=(mention,))


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    engine = make_engine(f"sqlite:///{tmp_path / 'ledger.db'}")
    with Session(engine) as session, session.begin():
        save_analysis(session, article("a" * 16, dt.date(2024, 5, 14), 20, "Ministry"))
        save_analysis(session, article("b" * 16, dt.date(2024, 5, 15), 35, "Rebels"))
    pipeline.link_entities(engine)
    with TestClient(create_app(engine), base_url="http://localhost") as client:
        yield client
    engine.dispose()


def test_api_lists_the_event_with_tolls_by_source(client: TestClient) -> None:
    page = client.get("/api/events").json()
    assert page["total"] == 1
    [event] = page["items"]
    assert event["place_name"] == "Peshawar" and len(event["documents"]) == 2
    assert {s["source"]: s["figures"][0]["count"]["best"] for s in event["tolls"]} == {
        "Ministry": 20, "Rebels": 35}  # fmt: skip
    one = client.get(f"/api/events/{event['id']}")
    assert one.status_code == 200 and one.json()["id"] == event["id"]
    assert client.get("/api/events/99999").status_code == 404
    assert client.get("/api/events", params={"place": "Quetta"}).json()["total"] == 0


def test_event_page_escapes_text(client: TestClient) -> None:
    [event] = client.get("/api/events").json()["items"]
    html = client.get(f"/events/{event['id']}").text
    assert "&lt;b&gt;attack&lt;/b&gt;" in html and "<b>attack</b>" not in html
    listing = client.get("/events").text
    assert f'href="/events/{event["id"]}"' in listing
    assert 'href="/events"' in client.get("/disputes").text
