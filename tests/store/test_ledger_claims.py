"""Claims, global entities, links and pins on SQLite and PostgreSQL; migration from schema 1
(SQLite, the only backend ledgers were written on before Alembic)."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.orm import Session

from counterclaim import pipeline
from counterclaim.records import Analysis, Attribution, Claim, Count, Document, Entity, Geo, Span
from counterclaim.store import SCHEMA_VERSION, load_analysis, make_engine, save_analysis

TEXT = (
    "Reuters said citing a Taliban source that the Taliban claims to have taken control of "
    "Panjshir. A source in the region told TASS that the national resistance forces refuted "
    "these reports. According to Dashti, about 350 Taliban militants were killed."
)


def span(needle: str) -> Span:
    start = TEXT.index(needle)
    return Span.of(TEXT, start, start + len(needle))


def analysis(doc_id: str = "d" * 64, date: dt.date = dt.date(2021, 9, 3)) -> Analysis:
    doc = Document(doc_id, TEXT, 0, date, "tass")
    attrs = (
        Attribution(doc_id, 1, span("claims"), span("to have taken control of Panjshir"),
                    speaker="taliban", speaker_name="Taliban",
                    chain=("a Taliban source", "Reuters", "TASS")),
        Attribution(doc_id, 2, span("refuted"), span("these reports"), stance="deny",
                    speaker="nrf", speaker_name="National Resistance Front", responds_to=1,
                    chain=("a source in the region", "TASS")),
        Attribution(doc_id, 3, span("According to"), span("about 350 Taliban militants were killed"),
                    speaker="dashti", speaker_name="Fahim Dashti", chain=("TASS",)),
    )  # fmt: skip
    entities = (
        Entity("taliban", "Taliban", "ORG", (span("Taliban"),), side="Taliban"),
        Entity("nrf", "National Resistance Front", "ORG", side="resistance"),
        Entity("panjshir", "Panjshir", "PLACE", (span("Panjshir"),),
               geo=Geo("Panjshir", "region", "AF", "AF-PAN", 35.3, 69.6)),
        Entity("dashti", "Fahim Dashti", "PERSON", (span("Dashti"),), ("spokesman",), "resistance"),
    )  # fmt: skip
    claims = (
        Claim(doc_id, 1, 1, "territorial_control", args={"actor": "taliban", "place": "panjshir"},
              date="2021-09-03", evidence=span("taken control"), text="Taliban control Panjshir"),
        Claim(doc_id, 2, 2, "territorial_control", value=False,
              args={"actor": "taliban", "place": "panjshir"}, date="2021-09-03"),
        Claim(doc_id, 3, 3, "fatalities", args={"victim": "taliban", "place": "panjshir",
              "sides": ("taliban", "nrf")}, count=Count(350, 350, 350, True, "about 350"),
              period="2021-08-30/2021-09-03", magnitude=None),
    )  # fmt: skip
    return Analysis(doc, attrs, entities, claims=claims)


def store(engine: Engine, *analyses: Analysis) -> None:
    with Session(engine) as session, session.begin():
        for a in analyses:
            save_analysis(session, a)
    pipeline.link_entities(engine)


def test_claims_round_trip_every_field(engine: Engine) -> None:
    original = analysis()
    store(engine, original)
    with Session(engine) as session:
        back = load_analysis(session, original.document.id)
    assert back.claims == original.claims
    assert back.entities[2].geo == original.entities[2].geo
    assert back.entities[0].side == "Taliban"


def test_claim_args_are_indexed_with_global_ids(engine: Engine) -> None:
    store(engine, analysis(), analysis("e" * 64))
    with engine.connect() as con:
        rows = [tuple(r) for r in con.execute(text(
            "select c.local_id, a.role, a.entity_key, a.global_id from claim_arg a "
            "join claim c on c.id = a.claim_id where c.doc_id like 'e%' order by 1, a.position"
        ))]  # fmt: skip
        period = tuple(con.execute(text(
            "select period_start, period_end from claim where local_id = 3 and doc_id like 'e%'"
        )).one())  # fmt: skip
        indexes = {i["name"] for t in ("claim", "claim_arg") for i in inspect(con).get_indexes(t)}
    assert rows[:2] == [(1, "actor", "taliban", "taliban"), (1, "place", "panjshir", "panjshir")]
    assert (3, "sides", "nrf", "national-resistance-front") in rows
    assert period == ("2021-08-30", "2021-09-03")
    assert {"ix_claim_arg_global_role", "ix_claim_type_start"} <= indexes


def test_disputes_and_timelines_from_the_ledger(engine: Engine) -> None:
    store(engine, analysis(), analysis("e" * 64, dt.date(2021, 9, 4)))
    [dispute] = pipeline.disputes(engine, place="Panjshir")
    assert dispute.cross_document and len(dispute.for_) == 2 and len(dispute.against) == 2
    assert pipeline.disputes(engine, actor="Fahim Dashti") == []
    entries = pipeline.timeline(engine, "panjshir")
    assert [e.claim.claim.id for e in entries] == [3, 3, 1, 2, 1, 2]
    [tally] = pipeline.fatalities(engine)
    assert (tally.victim, tally.best, len(tally.figures)) == ("Taliban", 350, 2)
    [one_sided, _] = pipeline.unanswered(engine)
    assert one_sided.claim is not None and one_sided.victim == "taliban"


def test_pins_are_stored_and_applied(engine: Engine) -> None:
    other = Analysis(Document("e" * 64, "Fahim Fashti"), (),
                     (Entity("fashti", "Fahim Fashti", "PERSON"),))  # fmt: skip
    store(engine, analysis(), other)
    names = {g.name for g in pipeline.entities(engine)}
    assert {"Fahim Dashti", "Fahim Fashti"} <= names  # no shared role, side or context
    pipeline.pin_entities(engine, "merge", "fahim-dashti", "Fahim Fashti")
    merged = [g for g in pipeline.entities(engine) if g.type == "PERSON"]
    assert [(g.id, g.documents) for g in merged] == [("fahim-dashti", 2)]
    pipeline.pin_entities(engine, "split", "fahim-dashti")
    assert len([g for g in pipeline.entities(engine) if g.type == "PERSON"]) == 2
    with engine.connect() as con:
        assert [
            tuple(r) for r in con.execute(text("select kind, a, b from entity_pin order by id"))
        ] == [
            ("merge", "Fahim Dashti", "Fahim Fashti"),
            ("split", "Fahim Dashti", "Fahim Fashti"),
        ]


SCHEMA_1 = """
create table schema_version (version integer primary key, applied_at datetime not null);
insert into schema_version values (1, '2026-01-01 00:00:00');
create table document (id varchar(128) primary key, text text not null, body_start integer not null,
  date date, publisher varchar(200), dateline_start integer, dateline_end integer, dateline_text text,
  header_start integer, header_end integer, header_text text, title text, url text, origin text,
  warnings json not null, ingested_at datetime not null);
create table entity (id integer primary key, doc_id varchar(128) not null references document(id),
  position integer not null, key varchar(200) not null, name text not null, type varchar(32) not null,
  mentions json not null, roles json not null, unique (doc_id, key));
insert into document values ('old', 'Fahim Dashti spoke.', 0, '2021-09-01', 'tass', null, null, null,
  null, null, null, null, null, null, '[]', '2021-09-01 00:00:00');
insert into entity values (1, 'old', 0, 'fahim-dashti', 'Fahim Dashti', 'PERSON', '[[0, 12, "Fahim Dashti"]]', '[]');
"""


def test_a_schema_1_ledger_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as con:
        con.executescript(SCHEMA_1)
    engine = make_engine(f"sqlite:///{path}")
    store(engine, analysis())
    with sqlite3.connect(path) as con:
        versions = [v for (v,) in con.execute("select version from schema_version order by 1")]
        columns = {r[1] for r in con.execute("pragma table_info(entity)")}
        stamped = con.execute("select version_num from alembic_version").fetchall()
        docs = con.execute("select doc_id, entity_key from entity_link "
                           "where global_id = 'fahim-dashti' order by doc_id").fetchall()  # fmt: skip
    assert (
        versions == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, SCHEMA_VERSION]
        and {"side", "geo"} <= columns
    )
    assert stamped == [("0012",)]  # stamped at the baseline 0001, then upgraded
    assert docs == [("d" * 64, "dashti"), ("old", "fahim-dashti")]  # the old one is linked too
    engine.dispose()


def _ingester(url: str, doc_ids: list[str], start: object) -> None:
    """Store and link documents one at a time, as ``pipeline.ingest`` does."""
    engine = make_engine(url)
    start.wait(timeout=60)  # type: ignore[attr-defined]
    for doc_id in doc_ids:
        store(engine, analysis(doc_id))
    engine.dispose()


def test_two_processes_store_and_link_one_ledger(ledger_url: str) -> None:
    make_engine(ledger_url).dispose()
    shared = [f"s{i}" + "0" * 63 for i in range(6)]
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(2)
    jobs = [shared + [f"a{i}" + "1" * 63 for i in range(3)],
            shared[::-1] + [f"b{i}" + "2" * 63 for i in range(3)]]  # fmt: skip
    writers = [ctx.Process(target=_ingester, args=(ledger_url, ids, start)) for ids in jobs]
    for w in writers:
        w.start()
    for w in writers:
        w.join(timeout=180)
        assert w.exitcode == 0
    engine = make_engine(ledger_url)
    with engine.connect() as con:

        def one(query: str) -> object:
            return con.execute(text(query)).scalar()

        assert one("select count(*) from document") == 12
        assert one("select count(*) from claim") == 36
        assert one("select count(*) from entity") == 48
        assert one("select count(*) from entity_link") == 48  # every entity linked, once
        assert one("select count(distinct global_id) from entity_link") == 4
        assert one("select count(*) from global_entity") == 4
        assert one("select count(*) from claim_arg where global_id is null") == 0
    engine.dispose()
