"""Cross-document entity linking over the ledger: the I/O side of :mod:`counterclaim.resolve.crossdoc`.

:func:`link_entities` runs after every ingest and links only documents whose entities have
no global entity yet; :func:`pin_entities` stores a user's merge or split and re-resolves
everything (:func:`relink_entities`), keeping global ids where it can. Both end by finding
again the stored disputes their changes touched (:mod:`counterclaim.store.dispute_cache`) and
linking again the events of what they added (:mod:`counterclaim.store.events`). Both
apply the analysts' corrections again over what they wrote (:mod:`counterclaim.store.review`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from counterclaim.records import Analysis, Document
from counterclaim.resolve.crossdoc import (
    DocEntity,
    EntityIndex,
    GlobalEntity,
    Pin,
    doc_entities,
    name_key,
    resolve_all,
)
from counterclaim.store import entities as entity_store
from counterclaim.store import events as event_store
from counterclaim.store import review
from counterclaim.store.answers import refresh_answers
from counterclaim.store.dispute_cache import refresh_disputes
from counterclaim.store.engine import write_lock
from counterclaim.store.events import refresh_events
from counterclaim.store.queries import resolve_subject
from counterclaim.store.readmodels import refresh_read_models


def link_entities(engine: Engine) -> int:
    """Link the entities of documents not yet linked against the global index (incremental).

    The index is rebuilt in memory from the stored links, then each unlinked document's
    entities are added in ingestion order. Returns the number of links made or changed.
    """
    with Session(engine) as session, session.begin():
        write_lock(session.connection())  # two ingesting processes link one at a time
        links = entity_store.load_links(session)
        index = EntityIndex(entity_store.load_pins(session))
        fresh = []
        for doc_id, items in _stored_doc_entities(session):
            if all((doc_id, i.entity.key) in links for i in items):
                for item in items:
                    index.restore(item, links[item.ref])
            else:
                fresh.append(items)
        changed = [link for items in fresh for link in index.add(items)]
        touched = {link.global_id for link in changed}
        entity_store.save_links(
            session, changed, [g for g in index.entities() if g.id in touched], replace=False
        )
        refresh_answers(session)  # denials answering other documents: needs the global ids
        review.apply_corrections(session)  # analysts' pins over what was just written
    refresh_events(engine)  # the events of what this ingest added (figures compare in one)
    refresh_disputes(engine)  # the stored disputes of what this ingest and linking changed
    review.settle_disputes(engine)  # dispute corrections: applied or orphaned now
    refresh_read_models(engine)  # the tallies (and any timelines left due)
    return len(changed)


def _stored_doc_entities(session: Session) -> Iterator[tuple[str, list[DocEntity]]]:
    for doc_id, date, entities_ in entity_store.load_dated_entities(session):
        document = Document(doc_id, "", date=date)
        yield doc_id, doc_entities(Analysis(document, entities=tuple(entities_)))


def relink_entities(engine: Engine) -> int:
    """Resolve every document's entities again from scratch (after a pin), keeping ids."""
    with Session(engine) as session, session.begin():
        write_lock(session.connection())
        previous = entity_store.load_links(session)
        docs = [items for _, items in _stored_doc_entities(session)]
        index = resolve_all(docs, entity_store.load_pins(session), previous)
        entity_store.save_links(session, index.links(), index.entities(), replace=True)
        event_store.mark_due(session, [event_store.ALL])  # places may have new global ids
        refresh_answers(session)
        review.apply_corrections(session)  # analysts' pins over the rebuilt entities
        linked = len(index.links())
    refresh_events(engine)
    refresh_disputes(engine)
    review.settle_disputes(engine)
    refresh_read_models(engine)
    return linked


def pin_entities(
    engine: Engine, kind: Literal["merge", "split"], a: str, b: str | None = None
) -> list[str]:
    """Store a user pin and re-resolve; return the names pinned.

    ``merge A B`` joins the names of global entities A and B (ids, names or aliases);
    ``split A`` keeps every name global entity A goes by apart from the others (a name that
    is not a global id splits from the other names of its entity).

    Raises:
        EntityNotFound: A or B names no global entity.
        ValueError: ``split`` of an entity with one name only.
    """
    with Session(engine) as session, session.begin():
        first = entity_store.global_entities(session, resolve_subject(session, a))
        entity_a = next(iter(first.values()))
        if kind == "merge":
            if b is None:
                raise ValueError("merge needs two entities")
            second = entity_store.global_entities(session, resolve_subject(session, b))
            pins = [Pin("merge", entity_a.name, next(iter(second.values())).name)]
        else:
            pins = _split_pins(a, entity_a)
        for pin in pins:
            entity_store.add_pin(session, pin)
    relink_entities(engine)
    return sorted({n for p in pins for n in (p.a, p.b)})


def _split_pins(asked: str, entity: GlobalEntity) -> list[Pin]:
    names = list(dict.fromkeys(entity.aliases or (entity.name,)))
    if asked != entity.id and name_key(asked) in {name_key(n) for n in names}:
        chosen = next(n for n in names if name_key(n) == name_key(asked))
        return [Pin("split", chosen, other) for other in names if other != chosen]
    if len(names) < 2:
        raise ValueError(f"{entity.id} goes by one name only ({entity.name}); nothing to split")
    return [Pin("split", x, y) for i, x in enumerate(names) for y in names[i + 1 :]]
