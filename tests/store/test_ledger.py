"""Round trips, idempotency, filters and prefix lookup on a real SQLite file."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
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
        sentence=span(text, "Reuters said on Friday citing a Taliban source that the Taliban "
                      "claims to have taken control of Panjshir."),
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
        method="rules+resolve",
    )
    return Analysis(doc, (claim, denial), entities, mentions, warnings=("one warning",))


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'ledger.db'}")
    yield engine
    engine.dispose()


def save(engine: Engine, analysis: Analysis) -> str:
    with Session(engine) as s, s.begin():
        return save_analysis(s, analysis)


def test_round_trip_is_exact(engine: Engine) -> None:
    analysis = make_analysis()
    assert save(engine, analysis) == "added"
    with Session(engine) as s:
        assert load_analysis(s, analysis.document.id) == analysis


def test_saving_twice_leaves_the_stored_copy_unchanged(engine: Engine, tmp_path: Path) -> None:
    analysis = make_analysis()
    save(engine, analysis)
    altered = Analysis(analysis.document, analysis.attributions[:1])
    assert save(engine, altered) == "unchanged"
    with Session(engine) as s:
        assert load_analysis(s, analysis.document.id) == analysis
    with sqlite3.connect(tmp_path / "ledger.db") as con:
        assert con.execute("select count(*) from document").fetchone() == (1,)
        assert con.execute("select count(*) from attribution").fetchone() == (2,)


def test_rows_are_queryable_with_plain_sql(engine: Engine, tmp_path: Path) -> None:
    save(engine, make_analysis())
    with sqlite3.connect(tmp_path / "ledger.db") as con:
        links = con.execute(
            "select a.local_id, l.position, l.name from chain_link l "
            "join attribution a on a.id = l.attribution_id order by a.local_id, l.position"
        ).fetchall()
        version = con.execute("select version from schema_version").fetchall()
        ingested = con.execute("select ingested_at from document").fetchone()[0]
    assert links == [
        (1, 0, "a Taliban source"), (1, 1, "Reuters"), (1, 2, "TASS"),
        (2, 0, "a source in the region"), (2, 1, "TASS"),
    ]
    assert version == [(SCHEMA_VERSION,)]
    assert dt.datetime.fromisoformat(ingested).year >= 2024


def test_sqlite_pragmas(engine: Engine) -> None:
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


@pytest.mark.parametrize("url", ["not a url", "nosuchdialect://x", "sqlite:////no/such/dir/x.db"])
def test_bad_urls_raise_a_clear_error(url: str) -> None:
    with pytest.raises(DatabaseUnavailable):
        make_engine(url)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    make_engine(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as con:
        newer = (SCHEMA_VERSION + 1,)
        con.execute("insert into schema_version values (?, '2030-01-01 00:00:00')", newer)
    with pytest.raises(DatabaseUnavailable, match="newer"):
        make_engine(f"sqlite:///{path}")
