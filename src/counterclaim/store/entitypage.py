"""One global entity's page read by index: its documents and the statements by, about and
through it, newest document first, a page of each (never every document's analysis), from
the stored entity index (:mod:`counterclaim.store.entityrows`):

- ``by``: attributions whose speaker is a document entity linked to it;
- ``about``: attributions with a mention of such an entity inside their content (not
  said by it);
- ``via``: attributions whose chain names it (its name or an alias, apart from case), in
  documents where it is linked (not said by it).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterclaim.records import Attribution, Document
from counterclaim.resolve.crossdoc import GlobalEntity
from counterclaim.store import entityrows
from counterclaim.store.engine import chunks
from counterclaim.store.entities import global_entities
from counterclaim.store.models import AttributionRow, DocumentRow, EntityLinkRow, EntityRow
from counterclaim.store.propositions import pairs_match
from counterclaim.store.rows import to_attribution, to_document

type Item = tuple[Attribution, Document, str | None]  # with the speaker's side


@dataclass(frozen=True, slots=True)
class EntityPageData:
    """A page of what the ledger holds about one global entity, with the totals."""

    entity: GlobalEntity
    documents: list[Document]
    document_total: int
    mentions: int
    statements: int
    by: list[Item]
    about: list[Item]
    via: list[Item]


def global_key(session: Session, key: str, doc: str | None = None) -> str | None:
    """The global entity a page address names: ``key`` in document ``doc``, a global id,
    or a document key every document links to one global entity; None if none."""
    link = EntityLinkRow
    if doc is not None:
        stmt = select(link.global_id).where(link.doc_id == doc, link.entity_key == key)
        return session.scalar(stmt)
    if global_entities(session, [key]):
        return key
    linked = list(session.scalars(select(link.global_id).where(link.entity_key == key)
                                  .distinct().limit(2)))  # fmt: skip
    return linked[0] if len(linked) == 1 else None


def entity_page(
    session: Session, key: str, doc: str | None = None, *, limit: int = 50, offset: int = 0
) -> EntityPageData | None:
    """The page of the entity ``key`` (see :func:`global_key`), ``limit`` of each list
    (after ``offset``): index ranges of the stored entity index
    (:mod:`counterclaim.store.entityrows`), then only the rows of the page are read."""
    gid = global_key(session, key, doc)
    entity = global_entities(session, [gid]).get(gid) if gid else None
    if entity is None:
        return None
    statements, document_total, mentions = entityrows.counts(session, entity.id)
    refs = entityrows.page(session, entity.id, entityrows.DOC, limit=limit, offset=offset)
    docs = _documents(session, {d for d, _ in refs})
    documents = [docs[d] for d, _ in refs if d in docs]
    lists = [_items(session, entityrows.page(session, entity.id, rel, limit=limit, offset=offset))
             for rel in entityrows.RELS]  # fmt: skip
    return EntityPageData(entity, documents, document_total, mentions, statements, *lists)


def _documents(session: Session, ids: set[str]) -> dict[str, Document]:
    out: dict[str, Document] = {}
    for chunk in chunks(sorted(ids)):
        stmt = select(DocumentRow).where(DocumentRow.id.in_(chunk))
        out.update({r.id: to_document(r) for r in session.scalars(stmt)})
    return out


def _items(session: Session, refs: list[tuple[str, int]]) -> list[Item]:
    """The attributions at ``refs`` (in that order) with their documents and their
    speakers' sides."""
    if not refs:
        return []
    a = AttributionRow
    cond, params = pairs_match(a.doc_id, a.local_id, refs)
    found = {(r.doc_id, r.local_id): r for r in session.scalars(select(a).where(cond), params)}
    rows = [found[r] for r in refs if r in found]
    docs = _documents(session, {r.doc_id for r in rows})
    sides: dict[tuple[str, str], str | None] = {}
    speakers = sorted({(r.doc_id, r.speaker) for r in rows if r.speaker})
    if speakers:
        e = EntityRow
        cond, params = pairs_match(e.doc_id, e.key, speakers)
        for doc_id, k, side in session.execute(select(e.doc_id, e.key, e.side).where(cond), params):
            sides[(doc_id, k)] = side
    return [(to_attribution(r), docs[r.doc_id], sides.get((r.doc_id, r.speaker or "")))
            for r in rows]  # fmt: skip
