"""Stored events on SQLite and PostgreSQL: mentions round trip, linking kept current as
documents are added, tolls as series, the events query and its JSON."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine
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
from counterclaim.store import load_analysis, save_analysis

TOWNS = {
    "Peshawar": Geo("Peshawar", "town", "PK", "PK-KP", 34.0, 71.5),
    "Quetta": Geo("Quetta", "town", "PK", "PK-BA", 30.2, 67.0),
}


def article(doc_id: str, day: dt.date, town: str, toll: int, *, event_day: str | None,
            speaker: str = "Ministry") -> Analysis:  # fmt: skip
    text = f"{speaker} said the attack in {town} killed {toll} people."
    doc = Document(doc_id, text, 0, day, "agency")

    def span(needle: str) -> Span:
        start = text.index(needle)
        return Span.of(text, start, start + len(needle))

    key = speaker.lower()
    attr = Attribution(doc_id, 1, span("said"), span(f"the attack in {town} killed {toll} people"),
                       speaker=key, speaker_name=speaker, chain=("agency",))  # fmt: skip
    entities = (
        Entity(key, speaker, "ORG", (span(speaker),)),
        Entity(town.lower(), town, "PLACE", (span(town),), geo=TOWNS[town]),
    )
    claim = Claim(doc_id, 1, 1, "fatalities", args={"victim": "people", "place": town.lower()},
                  count=Count(toll, toll, toll, text=str(toll)), date=event_day,
                  evidence=span("killed"))  # fmt: skip
    mention = EventMention(doc_id, 1, span(f"the attack in {town}"), span("attack"), "attack",
                           "attack", event=1, place=town.lower(), date=event_day,
                           target="station", weapon="bomb", attribution=1, definite=True,
                           claims=(1,))  # fmt: skip
    return Analysis(doc, (attr,), entities, claims=(claim,), events=(mention,))


def add(engine: Engine, *analyses: Analysis) -> None:
    with Session(engine) as session, session.begin():
        for a in analyses:
            save_analysis(session, a)
    pipeline.link_entities(engine)


def test_mentions_round_trip(engine: Engine) -> None:
    a = article("a" * 16, dt.date(2024, 5, 14), "Peshawar", 20, event_day="2024-05-13")
    add(engine, a)
    with Session(engine) as session:
        assert load_analysis(session, a.document.id).events == a.events


def test_events_are_linked_and_kept_current_as_documents_come(engine: Engine) -> None:
    add(engine, article("a" * 16, dt.date(2024, 5, 14), "Peshawar", 20, event_day="2024-05-13"))
    assert len(pipeline.events(engine)) == 1
    add(engine, article("b" * 16, dt.date(2024, 5, 16), "Peshawar", 40, event_day="2024-05-13"),
        article("c" * 16, dt.date(2024, 5, 16), "Peshawar", 12, event_day=None,
                speaker="Rebels"))  # fmt: skip
    add(engine, article("d" * 16, dt.date(2024, 5, 16), "Quetta", 3, event_day="2024-05-14"))
    add(engine, article("e" * 16, dt.date(2024, 6, 20), "Peshawar", 5, event_day="2024-06-19"))
    found = {v.event.first_day: v for v in pipeline.events(engine)}
    assert sorted(found) == ["2024-05-13", "2024-05-14", "2024-06-19"]
    peshawar = found["2024-05-13"]
    assert {d[0][0] for d in peshawar.event.documents} == {"a", "b", "c"}
    record = pipeline.event_record(peshawar)
    series = {s["source"]: [f["count"]["best"] for f in s["figures"]] for s in record["tolls"]}
    assert series == {"Ministry": [20, 40], "Rebels": [12]}
    assert [s["revised"] for s in record["tolls"] if s["source"] == "Ministry"] == [True]
    [compared] = record["compared"]
    assert compared["differ"] and {x["source"] for x in compared["latest"]} == {"Ministry",
                                                                              "Rebels"}  # fmt: skip
    assert record["weapons"] and record["place_name"] == "Peshawar"
    only = pipeline.events(engine, place="Quetta")
    assert [v.event.first_day for v in only] == ["2024-05-14"]
    assert pipeline.event(engine, peshawar.event.id).event.id == peshawar.event.id


def test_a_relink_links_every_event_again(engine: Engine) -> None:
    add(engine, article("a" * 16, dt.date(2024, 5, 14), "Peshawar", 20, event_day="2024-05-13"),
        article("b" * 16, dt.date(2024, 5, 16), "Peshawar", 40, event_day="2024-05-13"))  # fmt: skip
    pipeline.relink_entities(engine)
    [view] = pipeline.events(engine)
    assert len(view.event.documents) == 2 and len(view.event.claims) == 2
