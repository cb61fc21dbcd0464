"""A speaker filter finds a person by full name, alias or surname across documents, and
an organisation only by its own name or alias."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from counterclaim import pipeline
from counterclaim.records import Analysis, Attribution, Document, Entity, Span
from counterclaim.store import save_analysis


def span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span.of(text, start, start + len(needle))


def said(doc_id: str, text: str, speaker: Entity, source: str, n: int = 1) -> Attribution:
    return Attribution(doc_id, n, span(text, "said"), span(text, "the talks"),
                       source=span(text, source), speaker=speaker.key,
                       speaker_name=speaker.name)  # fmt: skip


def ledger(engine: Engine) -> Engine:
    """Three documents quoting one person, one an organisation (SQLite and PostgreSQL)."""
    docs = [
        ("a" * 16, "Abdul Qahar Balkhi said the talks were over. Pakistani Taliban said the talks failed.",
         Entity("abdul-qahar-balkhi", "Abdul Qahar Balkhi", "PERSON"), "Abdul Qahar Balkhi"),
        ("b" * 16, "Spokesman Balkhi said the talks would resume on Monday in the capital.",
         Entity("balkhi", "Balkhi", "PERSON"), "Spokesman Balkhi"),
        ("c" * 16, "Abdul Qahar Balkhi, the spokesman, said the talks had been useful.",
         Entity("abdul-qahar-balkhi", "Abdul Qahar Balkhi", "PERSON"), "Abdul Qahar Balkhi"),
    ]  # fmt: skip
    with Session(engine) as s, s.begin():
        for doc_id, text, person, source in docs:
            attrs = [said(doc_id, text, person, source)]
            entities = [person]
            if "Pakistani Taliban" in text:
                ttp = Entity("pakistani-taliban", "Pakistani Taliban", "ORG")
                cue = Span.of(text, text.rindex("said"), text.rindex("said") + 4)
                second = Attribution(doc_id, 2, cue, span(text, "the talks failed"),
                                     source=span(text, "Pakistani Taliban"), speaker=ttp.key,
                                     speaker_name=ttp.name)  # fmt: skip
                attrs.append(second)
                entities.append(ttp)
            save_analysis(s, Analysis(Document(doc_id, text), tuple(attrs), tuple(entities)))
    pipeline.link_entities(engine)
    return engine


def speakers(engine: Engine, source: str) -> list[tuple[str, str]]:
    found = pipeline.attributions(engine, source=source)
    return [(a.doc_id[0], a.speaker_name) for a in found]


def test_surname_and_full_name_find_the_same_statements(engine: Engine) -> None:
    url = ledger(engine)
    by_surname = speakers(url, "Balkhi")
    assert [d for d, _ in by_surname] == ["a", "b", "c"]
    assert speakers(url, "balkhi") == by_surname
    assert speakers(url, "Qahar Balkhi") == by_surname
    # the full name reaches the document that only says "Balkhi" through the linked entity
    assert speakers(url, "Abdul Qahar Balkhi") == by_surname
    assert ("b", "Balkhi") in by_surname


def test_organisations_match_whole_names_only(engine: Engine) -> None:
    url = ledger(engine)
    assert speakers(url, "Taliban") == []
    assert speakers(url, "Pakistani Taliban") == [("a", "Pakistani Taliban")]
    assert speakers(url, "Qahar") == []  # a middle name is not a surname
    assert speakers(url, "%") == [] and speakers(url, "_alkhi") == []
