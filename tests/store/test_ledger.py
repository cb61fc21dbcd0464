"""Round trips, idempotency, filters, prefix lookup and concurrent writers, on a real
SQLite file and a PostgreSQL schema (the ``engine`` fixture of ``conftest.py``)."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from counterclaim.records import Analysis, Attribution, Document, Entity, Mention, Span
from counterclaim.store import (
    SCHEMA_VERSION,
    AmbiguousDocument,
    DatabaseUnavailable,
    DocumentNotFound,
    find_document,
    iter_attributions,
    known_ids,
    list_documents,
    load_analysis,
    make_engine,
    save_analysis,
)

TEXT = (
    " date 2021-09-03 CAIRO, September 3. /TASS/. Reuters said on Friday citing a Taliban "
    "source that the Taliban claims to have taken control of Panjshir. Meanwhile a source in "
    "the region told TASS that the national resistance forces refuted these reports."
)


def span(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span.of(text, start, start + len(needle))


def make_analysis(doc_id: str = "ab12cd34" * 8, text: str = TEXT) -> Analysis:
    """A literal analysis of the Reuters/TASS pair from the Panjshir example."""
    body = text.index("Reuters")
    doc = Document(
        id=doc_id,
        text=text,
        body_start=body,
        date=dt.date(2021, 9, 3),
        publisher="tass",
        dateline=span(text, "CAIRO"),
        header=Span.of(text, 0, body - 1),
        title="Panjshir",
        url="https://example.org/panjshir",
        origin="examples/tass.txt",
    )
    taliban = [span(text, "Taliban", 0), span(text, "Taliban", 1)]
    mentions = (
        Mention(span(text, "Reuters"), "MEDIA", entity="reuters"),
        Mention(taliban[1], "ORG", entity="taliban"),
        Mention(span(text, "the national resistance forces"), "ORG", entity="nrf", role="forces"),
        Mention(span(text, "these reports"), "DESC", antecedent=1),
    )
    entities = (
        Entity("taliban", "Taliban", "ORG", mentions=tuple(taliban)),
        Entity("reuters", "Reuters", "MEDIA", mentions=(mentions[0].span,)),
        Entity("nrf", "National Resistance Front", "ORG", roles=("resistance",)),
    )
    claim = Attribution(
        doc_id=doc_id,
        id=1,
        cue=span(text, "claims"),
        content=span(text, "to have taken control of Panjshir"),
        source=taliban[1],
        speaker="taliban",
        speaker_name="Taliban",
        chain=("a Taliban source", "Reuters", "TASS"),
        date="2021-09-03",
        sentence=span(
            text,
            "Reuters said on Friday citing a Taliban source that the Taliban "
            "claims to have taken control of Panjshir.",
        ),
    )
    denial = Attribution(
        doc_id=doc_id,
        id=2,
        cue=span(text, "refuted"),
        content=span(text, "these reports"),
        stance="deny",
        source=span(text, "the national resistance forces"),
        speaker="nrf",
        speaker_name="National Resistance Front",
        responds_to=1,
        chain=("a source in the region", "TASS"),
        recipient="TASS",
        channel=None,
        confidence=0.75,
        method="learned",
    )
    return Analysis(doc, (claim, denial), entities, mentions, warnings=("one warning",))


def save(engine: Engine, analysis: Analysis) -> str:
    with Session(engine) as s, s.begin():
        return save_analysis(s, analysis)


def sql(engine: Engine, query: str) -> list[tuple[Any, ...]]:
    with engine.connect() as con:
        return [tuple(row) for row in con.execute(text(query))]


def test_round_trip_is_exact(engine: Engine) -> None:
    analysis = make_analysis()
    assert save(engine, analysis) == "added"
    with Session(engine) as s:
        assert load_analysis(s, analysis.document.id) == analysis


def test_saving_twice_leaves_the_stored_copy_unchanged(engine: Engine) -> None:
    analysis = make_analysis()
    save(engine, analysis)
    altered = Analysis(analysis.document, analysis.attributions[:1])
    assert save(engine, altered) == "unchanged"
    with Session(engine) as s:
        assert load_analysis(s, analysis.document.id) == analysis
    assert sql(engine, "select count(*) from document") == [(1,)]
    assert sql(engine, "select count(*) from attribution") == [(2,)]


def test_rows_are_queryable_with_plain_sql(engine: Engine) -> None:
    save(engine, make_analysis())
    links = sql(
        engine,
        "select a.local_id, l.position, l.name from chain_link l "
        "join attribution a on a.id = l.attribution_id order by a.local_id, l.position",
    )
    version = sql(engine, "select version from schema_version")
    [(ingested,)] = sql(engine, "select ingested_at from document")
    if isinstance(ingested, str):  # SQLite keeps timestamps as text
        ingested = dt.datetime.fromisoformat(ingested)
    assert links == [
        (1, 0, "a Taliban source"),
        (1, 1, "Reuters"),
        (1, 2, "TASS"),
        (2, 0, "a source in the region"),
        (2, 1, "TASS"),
    ]
    assert version == [
        (2,),
        (3,),
        (4,),
        (5,),
        (6,),
        (7,),
        (8,),
        (9,),
        (10,),
        (11,),
        (12,),
        (SCHEMA_VERSION,),
    ]  # the baseline, then 0002-0012
    assert ingested.year >= 2024
    assert sql(engine, "select version_num from alembic_version") == [("0012",)]


def test_sqlite_pragmas(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert con.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_ingested_at_reads_back_utc(engine: Engine) -> None:
    when = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    analysis = make_analysis()
    with Session(engine) as s, s.begin():
        save_analysis(s, analysis, ingested_at=when)
    from counterclaim.store.models import DocumentRow

    with Session(engine) as s:
        stored = s.get(DocumentRow, analysis.document.id)
        assert stored is not None
        assert stored.ingested_at == when
        assert stored.ingested_at.utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, [1, 2]),
        ({"source": "taliban"}, [1]),
        ({"source": "National Resistance Front"}, [2]),
        ({"source": "the national resistance forces"}, [2]),
        ({"source": "Nobody"}, []),
        ({"stance": "deny"}, [2]),
        ({"kind": "direct"}, []),
        ({"kind": "indirect", "stance": "assert"}, [1]),
        ({"via": "reuters"}, [1]),
        ({"via": "TASS"}, [1, 2]),
    ],
)
def test_filters(engine: Engine, filters: dict[str, str], expected: list[int]) -> None:
    save(engine, make_analysis())
    with Session(engine) as s:
        assert [a.id for a in iter_attributions(s, **filters)] == expected


def test_filter_by_document(engine: Engine) -> None:
    first, second = make_analysis("aaaa1111"), make_analysis("bbbb2222", TEXT + " ")
    save(engine, first)
    save(engine, second)
    with Session(engine) as s:
        assert {a.doc_id for a in iter_attributions(s)} == {"aaaa1111", "bbbb2222"}
        assert {a.doc_id for a in iter_attributions(s, doc="bbbb2222")} == {"bbbb2222"}
        assert known_ids(s, ["aaaa1111", "cccc"]) == {"aaaa1111"}
        assert [d.id for d in list_documents(s)] == ["aaaa1111", "bbbb2222"]


def test_find_document_by_unique_prefix(engine: Engine) -> None:
    for doc_id in ("abc123", "abd456", "abd789"):
        save(engine, make_analysis(doc_id))
    with Session(engine) as s:
        assert find_document(s, "abc").id == "abc123"
        assert find_document(s, "abd4").id == "abd456"
        assert find_document(s, "abd789").id == "abd789"
        with pytest.raises(AmbiguousDocument, match="abd456, abd789"):
            find_document(s, "abd")
        with pytest.raises(DocumentNotFound):
            find_document(s, "zzz")
        with pytest.raises(DocumentNotFound):
            find_document(s, "a%")
        with pytest.raises(DocumentNotFound):
            find_document(s, "  ")
        with pytest.raises(DocumentNotFound):
            load_analysis(s, "abc")


@pytest.mark.parametrize(
    "url",
    ["not a url", "nosuchdialect://x", "sqlite:////no/such/dir/x.db",
     "postgresql+psycopg://nobody:secret@127.0.0.1:1/nothing?connect_timeout=2"],
)  # fmt: skip
def test_bad_urls_raise_a_clear_error(url: str) -> None:
    with pytest.raises(DatabaseUnavailable):
        make_engine(url)


def test_newer_schema_is_refused(ledger_url: str) -> None:
    from counterclaim.store.models import SchemaVersionRow

    engine = make_engine(ledger_url)
    with engine.begin() as con:
        newer = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
        con.execute(SchemaVersionRow.__table__.insert().values(
            version=SCHEMA_VERSION + 1, applied_at=newer))  # fmt: skip
    engine.dispose()
    with pytest.raises(DatabaseUnavailable, match="newer"):
        make_engine(ledger_url)


# -- two processes writing one ledger ------------------------------------------------

SHARED = [f"{i:02d}" + "5" * 62 for i in range(12)]  # both processes store these


def _writer(url: str, name: str, start: Any, results: Any) -> None:
    """Store the shared documents and a few of this process's own, one per transaction."""
    engine = make_engine(url)
    own = [f"{name}{i:02d}" + "7" * 56 for i in range(4)]
    statuses: dict[str, str] = {}
    start.wait(timeout=60)
    for doc_id in [*SHARED, *own] if name == "a" else [*own, *SHARED[::-1]]:
        with Session(engine) as s, s.begin():
            statuses[doc_id] = save_analysis(s, make_analysis(doc_id))
    engine.dispose()
    results.put((name, statuses))


def test_two_processes_lose_nothing_and_duplicate_nothing(ledger_url: str) -> None:
    make_engine(ledger_url).dispose()  # the schema exists before the writers start
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(2), ctx.Queue()
    writers = [ctx.Process(target=_writer, args=(ledger_url, name, start, results))
               for name in ("a", "b")]  # fmt: skip
    for w in writers:
        w.start()
    reports = dict(results.get(timeout=120) for _ in writers)
    for w in writers:
        w.join(timeout=60)
        assert w.exitcode == 0
    added = [d for statuses in reports.values() for d, st in statuses.items() if st == "added"]
    assert sorted(added) == sorted({*SHARED, *(d for s in reports.values() for d in s)})
    assert len(added) == len(SHARED) + 8  # each shared document added by exactly one
    engine = make_engine(ledger_url)
    try:
        assert sql(engine, "select count(*), count(distinct id) from document") == [(20, 20)]
        assert sql(engine, "select count(*) from attribution") == [(40,)]
        assert sql(engine, "select count(*) from chain_link") == [(100,)]
        assert sql(engine, "select count(*) from mention") == [(80,)]
        with Session(engine) as s:
            assert load_analysis(s, SHARED[0]) == make_analysis(SHARED[0])
    finally:
        engine.dispose()
