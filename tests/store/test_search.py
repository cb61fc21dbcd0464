"""Full-text search over statements: contents, speakers (surnames too) and titles, stemmed,
ranked, paged; kept current when documents come and go."""

from __future__ import annotations

from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from counterclaim.records import Analysis, Attribution, Document, Span
from counterclaim.store import save_analysis
from counterclaim.store.models import DocumentRow
from counterclaim.store.search import search_statements


def span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span.of(text, start, start + len(needle))


STORIES = [
    ("a" * 16, "Ceasefire talks", "Abdul Qahar Balkhi said the talks with the envoy were over."),
    ("b" * 16, "Bridge destroyed", "The army said the bridge near the border was destroyed."),
    ("c" * 16, "Talks resume", "A spokesman said the talk would resume in the capital."),
]


def ledger(engine: Engine) -> Engine:
    """The three stories in ``engine`` (SQLite and PostgreSQL: the ``engine`` fixture)."""
    with Session(engine) as s, s.begin():
        for doc_id, title, text in STORIES:
            source = text.split(" said")[0]
            attr = Attribution(doc_id, 1, span(text, "said"), Span.of(text, text.index("said") + 5,
                               len(text) - 1), source=span(text, source), speaker_name=source)  # fmt: skip
            save_analysis(s, Analysis(Document(doc_id, text, title=title), (attr,)))
    return engine


def found(engine, q: str, **kw) -> list[str]:
    return [h.attribution.doc_id[0] for h in search_statements(engine, q, **kw).hits]


def test_contents_speakers_and_titles(engine: Engine) -> None:
    ledger(engine)
    assert found(engine, "Balkhi") == ["a"]  # a speaker's surname
    assert found(engine, "bridge destroyed") == ["b"]
    assert found(engine, "Ceasefire") == ["a"]  # the title only
    assert found(engine, "envoy balkhi") == ["a"]  # words in different columns
    assert found(engine, "capital envoy") == []  # every word must match


def test_stemming_ranking_and_paging(engine: Engine) -> None:
    ledger(engine)
    # "talks" finds "talk" too; the title "Talks resume" ranks c with a title match first
    result = search_statements(engine, "talks")
    assert {h.attribution.doc_id[0] for h in result.hits} == {"a", "c"} and result.total == 2
    assert result.hits[0].rank >= result.hits[1].rank
    first = found(engine, "talks", limit=1)
    second = found(engine, "talks", limit=1, offset=1)
    assert len(first) == len(second) == 1 and first != second
    assert search_statements(engine, "talks", limit=1).total == 2


def test_operators_are_words_and_deletes_are_followed(engine: Engine) -> None:
    ledger(engine)
    assert found(engine, 'bridge "army" (*') == ["b"]
    assert found(engine, "AND( OR NOT") == []
    assert found(engine, "!!!") == []
    with Session(engine) as s, s.begin():
        s.execute(delete(DocumentRow).where(DocumentRow.id == "b" * 16))
    assert found(engine, "bridge") == []
