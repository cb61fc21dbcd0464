"""One global entity's page read by index: its documents and the statements by, about and
through it, newest document first, a page of each (never every document's analysis).

- ``by``: attributions whose speaker is a document entity linked to it;
- ``about``: attributions with a mention of such an entity inside their content (not
  said by it);
- ``via``: attributions whose chain names it (its name or an alias, apart from case), in
  documents where it is linked (not said by it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from counterclaim.records import Attribution, Document
from counterclaim.resolve.crossdoc import GlobalEntity
from counterclaim.store.entities import global_entities
from counterclaim.store.models import (
    AttributionRow,
    ChainLinkRow,
    DocumentRow,
    EntityLinkRow,
    EntityRow,
    MentionRow,
)
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


def _newest(stmt: Any) -> Any:
    d = DocumentRow
    return stmt.order_by(d.date.is_(None), d.date.desc(), d.ingested_at.desc(), d.id.desc())


def entity_page(
    session: Session, key: str, doc: str | None = None, *, limit: int = 50
) -> EntityPageData | None:
    """The page of the entity ``key`` (see :func:`global_key`), ``limit`` of each list."""
    gid = global_key(session, key, doc)
    entity = global_entities(session, [gid]).get(gid) if gid else None
    if entity is None:
        return None
    link, a = EntityLinkRow, AttributionRow
    linked = select(link.doc_id, link.entity_key).where(link.global_id == entity.id).subquery()
    docs_of = select(linked.c.doc_id)
    documents = [to_document(r) for r in session.scalars(
        _newest(select(DocumentRow).where(DocumentRow.id.in_(docs_of))).limit(limit))]  # fmt: skip
    document_total = session.scalar(select(func.count()).select_from(linked)) or 0
    mentions = session.scalar(select(func.count()).select_from(MentionRow).join(
        linked, and_(MentionRow.doc_id == linked.c.doc_id,
                     MentionRow.entity_key == linked.c.entity_key))) or 0  # fmt: skip
    said_by = and_(a.doc_id == linked.c.doc_id, a.speaker == linked.c.entity_key)
    statements = session.scalar(select(func.count()).select_from(a).join(linked, said_by)) or 0
    by = select(a.id).join(linked, said_by)
    not_by = or_(a.speaker.is_(None), a.speaker != linked.c.entity_key)
    m = MentionRow
    about = (
        select(a.id)
        .join(m, a.doc_id == m.doc_id)
        .join(linked, and_(m.doc_id == linked.c.doc_id, m.entity_key == linked.c.entity_key))
        .where(a.content_start <= m.span_start, m.span_end <= a.content_end, not_by)
    )
    names = sorted({n.casefold() for n in (entity.name, *entity.aliases)})
    via = (
        select(a.id)
        .join(linked, a.doc_id == linked.c.doc_id)
        .join(ChainLinkRow, ChainLinkRow.attribution_id == a.id)
        .where(func.lower(ChainLinkRow.name).in_(names), not_by)
    )
    return EntityPageData(entity, documents, document_total, mentions, statements,
                          _items(session, by, limit), _items(session, about, limit),
                          _items(session, via, limit))  # fmt: skip


def _items(session: Session, ids: Any, limit: int) -> list[Item]:
    """A page of the attributions ``ids`` selects, newest document first, with their
    documents and their speakers' sides."""
    a = AttributionRow
    stmt = _newest(select(a).join(DocumentRow).where(a.id.in_(ids))).order_by(a.local_id)
    rows = list(session.scalars(stmt.limit(limit)))
    docs = {d.id: to_document(d) for d in session.scalars(
        select(DocumentRow).where(DocumentRow.id.in_({r.doc_id for r in rows})))}  # fmt: skip
    sides: dict[tuple[str, str], str | None] = {}
    speakers = {(r.doc_id, r.speaker) for r in rows if r.speaker}
    if speakers:
        for doc_id, k, side in session.execute(
            select(EntityRow.doc_id, EntityRow.key, EntityRow.side).where(
                EntityRow.doc_id.in_({d for d, _ in speakers}),
                EntityRow.key.in_({k for _, k in speakers}),
            )
        ):
            sides[(doc_id, k)] = side
    return [(to_attribution(r), docs[r.doc_id], sides.get((r.doc_id, r.speaker or "")))
            for r in rows]  # fmt: skip
