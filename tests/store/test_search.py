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


# -- a speaker's other names, and the reporting verb --------------------------------------

NAMED = [
    ("d" * 16, "Convoy leaves", "Zabihullah Mujahid said the convoy had left the city at dawn.",
     "Zabihullah Mujahid", "said"),
    ("e" * 16, "Convoy delayed", "Zabiullah Mujahed told reporters the convoy was delayed.",
     "Zabiullah Mujahed", "told reporters"),
    ("f" * 16, "River crossing", "The ministry denied that troops had crossed the river.",
     "The ministry", "denied"),
]  # fmt: skip


def named_ledger(engine: Engine) -> Engine:
    """Two spellings of one spokesman in two stories, merged as one global entity by the
    linker's real merge pin; a ministry's denial."""
    from counterclaim.records import Entity
    from counterclaim.store.linker import link_entities, pin_entities

    with Session(engine) as s, s.begin():
        for doc_id, title, text, source, cue in NAMED:
            person = Entity(source.lower().replace(" ", "-"), source,
                            "ORG" if source.startswith("The") else "PERSON", (span(text, source),))  # fmt: skip
            content = span(text, text.split(cue, 1)[1].strip(" ."))
            attr = Attribution(doc_id, 1, span(text, cue), content, source=span(text, source),
                               speaker=person.key, speaker_name=source)  # fmt: skip
            save_analysis(s, Analysis(Document(doc_id, text, title=title), (attr,), (person,)))
    link_entities(engine)
    pin_entities(engine, "merge", "Zabihullah Mujahid", "Zabiullah Mujahed")
    return engine


def test_a_speaker_is_found_by_another_spelling_of_the_name(engine: Engine) -> None:
    named_ledger(engine)
    assert sorted(found(engine, "Mujahed")) == ["d", "e"]  # d's text says "Mujahid" only
    assert sorted(found(engine, "Zabihullah")) == ["d", "e"]
    assert sorted(found(engine, "Mujahid convoy")) == ["d", "e"]
    assert found(engine, "Mujahed dawn") == ["d"]  # the other words still have to match
    result = search_statements(engine, "Mujahed")
    assert result.total == 2 and result.hits[0].attribution.doc_id[0] == "e"  # text match first


def test_a_statement_is_found_by_its_reporting_verb_stemmed(engine: Engine) -> None:
    named_ledger(engine)
    assert found(engine, "denied") == ["f"]
    assert found(engine, "denies") == ["f"]  # stemmed like the index
    assert found(engine, "ministry deny river") == ["f"]
    assert found(engine, "told") == ["e"]
    assert found(engine, "Mujahid told") == ["e"]
    assert found(engine, "reporters") == ["e"]  # a word of a longer cue
    assert found(engine, "accused") == []


def test_a_new_statement_is_found_by_its_cue_at_once(engine: Engine) -> None:
    named_ledger(engine)
    assert found(engine, "warned") == []
    text = "The governor warned that the dam could burst within days."
    attr = Attribution("g" * 16, 1, span(text, "warned"), span(text, "the dam could burst within days"),
                       source=span(text, "The governor"), speaker_name="The governor")  # fmt: skip
    with Session(engine) as s, s.begin():
        save_analysis(s, Analysis(Document("g" * 16, text), (attr,)))
    assert found(engine, "warning") == ["g"]
