"""Cross-document entity linking over the ledger: the I/O side of :mod:`counterclaim.resolve.crossdoc`.

:func:`link_entities` runs after every ingest and links only documents whose entities have
no global entity yet; :func:`pin_entities` stores a user's merge or split and re-resolves
everything (:func:`relink_entities`), keeping global ids where it can. Both end by finding
again the stored disputes their changes touched (:mod:`counterclaim.store.dispute_cache`) and
linking again the events of what they added (:mod:`counterclaim.store.events`). Both
apply the analysts' corrections again over what they wrote (:mod:`counterclaim.store.review`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from sqlalchemy import Engine, func, select
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
from counterclaim.store.models import (
    CorrectionRow,
    DocumentRow,
    EntityLinkRow,
    GlobalEntityRow,
    PinRow,
)
from counterclaim.store.queries import resolve_subject
from counterclaim.store.readmodels import refresh_read_models


def link_entities(engine: Engine) -> int:
    """Link the entities of documents not yet linked against the global index (incremental).

    The index is rebuilt in memory from the stored links, then each unlinked document's
    entities are added in ingestion order. Returns the number of links made or changed.
    """
    linker = RunLinker(engine)
    linker.link([])
    return linker.finish()


@dataclass(frozen=True, slots=True)
class _Mark:
    """What the ledger holds after a link: if another writer changed any of it, the index
    in memory is stale."""

    documents: int
    links: int
    entities: int
    pins: int
    corrections: int


def _mark(session: Session) -> _Mark:
    def count(model: type) -> int:
        return session.scalar(select(func.count()).select_from(model)) or 0

    return _Mark(count(DocumentRow), count(EntityLinkRow), count(GlobalEntityRow), count(PinRow),
                 count(CorrectionRow))  # fmt: skip


class RunLinker:
    """Cross-document linking over an ingest run, batch by batch.

    The writer calls :meth:`link` with the ids of each batch it stored (while the workers
    analyse the next batch), then :meth:`finish` once. The first :meth:`link` rebuilds
    the global index in memory from the stored links and adds every unlinked document, in
    ingestion order, as :func:`link_entities` does; later ones add only the batch's
    documents to that index, unless another writer changed the ledger meanwhile (then it
    is rebuilt). The index thus sees the documents in the same order however they were
    batched, and the links are those of linking the whole run at its end. :meth:`finish`
    finds the answers across documents, applies the analysts' corrections again, links
    the events, and makes the due disputes and read models again.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._index: EntityIndex | None = None
        self._mark: _Mark | None = None
        self._changed: set[tuple[str, str]] = set()
        self._fresh_docs: set[str] = set()  # documents linked for the first time in the run

    def link(self, doc_ids: Sequence[str]) -> None:
        """Link the entities of these newly stored documents (and any left unlinked)."""
        with Session(self.engine) as session, session.begin():
            write_lock(session.connection())  # two ingesting processes link one at a time
            expected = self._mark and replace(
                self._mark, documents=self._mark.documents + len(set(doc_ids))
            )
            if self._index is None or expected != _mark(session):
                self._index, fresh = _rebuilt(session)
            else:
                fresh = [items for _, items in _stored_doc_entities(session, doc_ids)]
            index = self._index
            changed = [link for items in fresh for link in index.add(items)]
            touched = {link.global_id for link in changed}
            entity_store.save_links(
                session, changed, [g for g in index.entities() if g.id in touched], replace=False
            )
            self._changed |= {(link.doc_id, link.key) for link in changed}
            self._fresh_docs |= {items[0].doc_id for items in fresh if items}
            self._mark = _mark(session)

    def finish(self) -> int:
        """Answers, corrections, events, disputes and read models after the run's links;
        returns the number of document entities linked or moved in the run."""
        with Session(self.engine) as session, session.begin():
            write_lock(session.connection())
            refresh_answers(session)  # denials answering other documents: needs the global ids
            # analysts' pins over what the run added (a stored document's rows are never
            # written again: the others' corrections still hold)
            review.apply_corrections(session, docs=sorted(self._fresh_docs))
        refresh_events(self.engine)  # the events of what this ingest added
        refresh_disputes(self.engine)  # the stored disputes of what this run changed
        review.settle_disputes(self.engine)  # dispute corrections: applied or orphaned now
        refresh_read_models(self.engine)  # the tallies (and any timelines left due)
        return len(self._changed)


def _rebuilt(session: Session) -> tuple[EntityIndex, list[list[DocEntity]]]:
    """The index of the stored links, and the entities of the documents not linked yet."""
    links = entity_store.load_links(session)
    index = EntityIndex(entity_store.load_pins(session))
    fresh = []
    for doc_id, items in _stored_doc_entities(session):
        if all((doc_id, i.entity.key) in links for i in items):
            for item in items:
                index.restore(item, links[item.ref])
        else:
            fresh.append(items)
    return index, fresh


def _stored_doc_entities(
    session: Session, doc_ids: Sequence[str] | None = None
) -> Iterator[tuple[str, list[DocEntity]]]:
    for doc_id, date, entities_ in entity_store.load_dated_entities(session, doc_ids):
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
