"""The bulk writer and per-batch linking store the ledger that storing one document per
transaction and linking once at the end stores, on real SQLite files: every table, row for
row (documents, attributions, claims, entities, links, disputes, events, read models), row
ids included; only timestamps are left out of the comparison.

The fast test builds its analyses by hand; the model tests analyse VOA dev stories (public
domain, in tests/fixtures) single-process, and with ``--workers 2`` (slow).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from counterclaim import pipeline
from counterclaim.ingest.readers import read_paths
from counterclaim.pipeline.api import ingest_documents
from counterclaim.records import Analysis, Attribution, Document, Entity, Span
from counterclaim.store import make_engine, save_analyses, save_analysis
from counterclaim.store.linker import RunLinker, link_entities

VOA = Path(__file__).resolve().parent / "fixtures" / "voa" / "voa_dev_stories.jsonl"
TIMES = {"ingested_at", "created_at", "applied_at", "ingested"}  # when written: not compared
SKIP = ("schema_version", "alembic_version", "search_fts")


def _engine(path: Path) -> Engine:
    return make_engine(f"sqlite:///{path}")


def stored(path: Path) -> dict[str, list[str]]:
    """Every table's rows (timestamps left out), as sorted JSON."""
    out: dict[str, list[str]] = {}
    with sqlite3.connect(path) as con:
        tables = [r[0] for r in con.execute("select name from sqlite_master where type='table'")]
        for table in sorted(t for t in tables if not t.startswith(SKIP)):
            cols = [r[1] for r in con.execute(f'pragma table_info("{table}")')]
            cols = [c for c in cols if c not in TIMES]
            rows = con.execute(f'select {", ".join(f"{chr(34)}{c}{chr(34)}" for c in cols)} '
                               f'from "{table}"').fetchall()  # fmt: skip
            out[table] = sorted(json.dumps(dict(zip(cols, r, strict=True)), default=str)
                                for r in rows)  # fmt: skip
    return out


def _entity(key: str, name: str, type_: str, text: str) -> Entity:
    start = text.index(name)
    return Entity(key, name, type_, (Span(start, start + len(name), name),))


def story(n: int, names: list[tuple[str, str, str]]) -> Analysis:
    """A document naming ``names`` ((key, name, type)) with one attribution."""
    text = f"{names[0][1]} said on day {n} that fighting went on. " + " ".join(
        f"{name} was there." for _, name, _ in names[1:]
    )
    doc = Document(f"{n:02d}" + "a" * 14, text)
    cue = text.index("said")
    said = Attribution(doc.id, 1, Span(cue, cue + 4, "said"), Span(cue + 5, cue + 40, text[cue + 5 : cue + 40]),
                       "indirect", "assert", source=Span(0, len(names[0][1]), names[0][1]),
                       speaker=names[0][0], speaker_name=names[0][1], chain=("Reuters",))  # fmt: skip
    entities = tuple(_entity(k, name, t, text) for k, name, t in names)
    return Analysis(doc, (said,), entities)


STORIES = [
    [("fahim-dashti", "Fahim Dashti", "PERSON"), ("panjshir", "Panjshir", "PLACE")],
    [("dashti", "Dashti", "PERSON"), ("panjshir", "Panjshir", "PLACE")],
    [("ahmad-massoud", "Ahmad Massoud", "PERSON"), ("kabul", "Kabul", "PLACE")],
    [("massoud", "Massoud", "PERSON"), ("panjsher", "Panjsher", "PLACE")],
    [("kabul", "Kabul", "PLACE"), ("fahim-dashti", "Fahim Dashti", "PERSON")],
]


def one_by_one(path: Path, analyses: list[Analysis]) -> None:
    """The reference: one document per transaction, linked once at the end."""
    engine = _engine(path)
    for analysis in analyses:
        with Session(engine) as session, session.begin():
            assert save_analysis(session, analysis) == "added"
    link_entities(engine)


def test_batches_linked_as_stored_give_the_ledger_of_one_by_one(tmp_path: Path) -> None:
    analyses = [story(i, names) for i, names in enumerate(STORIES)]
    one_by_one(tmp_path / "one.db", analyses)
    engine = _engine(tmp_path / "bulk.db")
    linker = RunLinker(engine)
    for batch in ([analyses[0]], analyses[1:4], analyses[4:]):
        with Session(engine) as session, session.begin():
            statuses = save_analyses(session, [*batch, batch[0]])  # a repeat is added once
        assert statuses == ["added"] * len(batch) + ["unchanged"]
        linker.link([a.document.id for a in batch])
    assert linker.finish() > 0
    want = stored(tmp_path / "one.db")
    assert len(want["entity_link"]) == 10 and len(want["chain_link"]) == 5
    assert stored(tmp_path / "bulk.db") == want


def test_a_writer_between_two_batches_makes_the_linker_start_again(tmp_path: Path) -> None:
    analyses = [story(i, names) for i, names in enumerate(STORIES)]
    one_by_one(tmp_path / "one.db", analyses)
    engine = _engine(tmp_path / "run.db")
    linker = RunLinker(engine)
    with Session(engine) as session, session.begin():
        save_analyses(session, analyses[:2])
    linker.link([a.document.id for a in analyses[:2]])
    one_by_one(tmp_path / "run.db", analyses[2:4])  # another process stores and links
    with Session(engine) as session, session.begin():
        save_analyses(session, analyses[4:])
    linker.link([analyses[4].document.id])
    linker.finish()
    # the global entities count the documents of the other writer too ("Kabul": 2, not 1)
    assert stored(tmp_path / "run.db") == stored(tmp_path / "one.db")


# -- the packaged model ------------------------------------------------------------------


def stories(count: int) -> list[Document]:
    return [d for d in read_paths([VOA]) if isinstance(d, Document)][:count]


@pytest.mark.model
def test_ingest_in_batches_stores_what_one_by_one_stores(tmp_path: Path) -> None:
    nlp = pipeline.load_pipeline()
    docs = stories(5)
    one_by_one(tmp_path / "one.db", list(pipeline.analyze_documents(docs, nlp)))
    report = ingest_documents(docs, _engine(tmp_path / "bulk.db"), nlp=nlp, batch_size=2)
    assert len(report.added) == 5 and report.linked > 0
    want = stored(tmp_path / "one.db")
    for table in ("document", "attribution", "claim", "entity", "entity_link", "dispute"):
        assert want[table], table
    assert stored(tmp_path / "bulk.db") == want


@pytest.mark.slow
@pytest.mark.model
def test_ingest_with_two_workers_stores_what_one_process_stores(tmp_path: Path) -> None:
    one = pipeline.ingest([VOA], _engine(tmp_path / "one.db"))
    two = pipeline.ingest([VOA], _engine(tmp_path / "two.db"), workers=2, batch_size=2)
    assert sorted(two.added) == sorted(one.added) and len(one.added) == 10
    assert two.linked == one.linked
    want = stored(tmp_path / "one.db")
    assert want["dispute"] and want["claim"]
    assert stored(tmp_path / "two.db") == want
