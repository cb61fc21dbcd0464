"""Saving analyses to the ledger and reading them back: documents, attributions, entities.

Every function takes an open :class:`~sqlalchemy.orm.Session`; the caller owns the unit
of work (``with Session(engine) as s, s.begin(): ...``). Nothing here returns a row:
callers get the frozen records of :mod:`counterclaim.records`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Literal

from sqlalchemy import ColumnElement, Select, String, cast, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from counterclaim.records import Analysis, Attribution, Document
from counterclaim.store import events as event_store
from counterclaim.store.claims import claim_record, claim_row
from counterclaim.store.engine import LedgerError
from counterclaim.store.models import (
    AttributionRow,
    ChainLinkRow,
    DocumentRow,
    EntityLinkRow,
    EntityRow,
    GlobalEntityRow,
)
from counterclaim.store.propositions import refresh_claims
from counterclaim.store.rows import (
    attribution_row,
    document_row,
    entity_row,
    mention_row,
    to_attribution,
    to_document,
    to_entity,
    to_mention,
)

type SaveStatus = Literal["added", "unchanged"]

AMBIGUOUS_SHOWN = 5  # candidate ids listed when a prefix is ambiguous


class DocumentNotFound(LedgerError, LookupError):
    """No stored document has this id (or id prefix)."""


class AmbiguousDocument(LedgerError, LookupError):
    """An id prefix matches more than one stored document."""

    def __init__(self, prefix: str, candidates: Sequence[str]) -> None:
        shown = ", ".join(c[:12] for c in candidates[:AMBIGUOUS_SHOWN])
        more = "" if len(candidates) <= AMBIGUOUS_SHOWN else ", ..."
        super().__init__(f"document prefix {prefix!r} is ambiguous: {shown}{more}")
        self.prefix = prefix
        self.candidates = tuple(candidates)


def _insert_new_document(session: Session, row: DocumentRow) -> bool:
    """Insert the document row unless its id is stored; True if it was inserted."""
    table = DocumentRow.__table__
    values = {c.name: getattr(row, c.key) for c in table.columns}
    values["body_start"] = row.body_start or 0
    dialect = session.get_bind().dialect.name
    if dialect in ("postgresql", "sqlite"):
        from sqlalchemy.dialects import postgresql, sqlite

        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        stmt = insert(table).values(values).on_conflict_do_nothing(index_elements=[table.c.id])
        # RETURNING, not rowcount: psycopg reports no row count for this statement
        return session.execute(stmt.returning(table.c.id)).first() is not None
    try:  # pragma: no cover - other databases: a savepoint around a plain insert
        with session.begin_nested():
            session.execute(table.insert().values(values))
    except IntegrityError:  # pragma: no cover
        return False
    return True  # pragma: no cover


# -- public API -----------------------------------------------------------------------


def save_analysis(
    session: Session, analysis: Analysis, *, ingested_at: dt.datetime | None = None
) -> SaveStatus:
    """Store one analysed document, unless its id is already in the ledger.

    Args:
        session: An open session; the caller commits.
        analysis: The document with its attributions, entities, mentions and claims.
        ingested_at: When it was ingested (UTC-aware); defaults to now.

    Returns:
        ``"added"``, or ``"unchanged"`` when a document with this id (the content hash)
        was stored before: the stored copy is left exactly as it was. The document row
        goes in with ``INSERT ... ON CONFLICT DO NOTHING``, so when another process stores
        the same document at the same time exactly one of them adds it (on PostgreSQL
        the second waits for the first to commit, then finds it there).
    """
    row = document_row(analysis, ingested_at or dt.datetime.now(dt.UTC))
    if not _insert_new_document(session, row):
        return "unchanged"
    doc_id = row.id
    children: list[object] = [
        *(entity_row(i, e) for i, e in enumerate(analysis.entities)),
        *(mention_row(i, m) for i, m in enumerate(analysis.mentions)),
        *(attribution_row(a) for a in analysis.attributions),
        *(claim_row(doc_id, c) for c in analysis.claims),
    ]
    for child in children:
        child.doc_id = doc_id  # type: ignore[attr-defined]
    session.add_all(children)
    session.flush()
    if analysis.claims:
        refresh_claims(session, [doc_id])
    if analysis.events:
        event_store.save_mentions(session, doc_id, analysis.events)
    return "added"


def known_ids(session: Session, ids: Sequence[str]) -> set[str]:
    """The subset of ``ids`` already stored."""
    if not ids:
        return set()
    return set(session.scalars(select(DocumentRow.id).where(DocumentRow.id.in_(list(ids)))))


def load_analysis(session: Session, doc_id: str) -> Analysis:
    """Read back everything stored for a document (by full id).

    Raises:
        DocumentNotFound: No document has this id.
    """
    stmt = (
        select(DocumentRow)
        .where(DocumentRow.id == doc_id)
        .options(
            selectinload(DocumentRow.entities),
            selectinload(DocumentRow.mentions),
            selectinload(DocumentRow.attributions),
            selectinload(DocumentRow.claims),
        )
    )
    row = session.scalar(stmt)
    if row is None:
        raise DocumentNotFound(f"no document with id {doc_id!r}")
    return Analysis(
        document=to_document(row),
        attributions=tuple(to_attribution(a) for a in row.attributions),
        entities=tuple(to_entity(e) for e in row.entities),
        mentions=tuple(to_mention(m) for m in row.mentions),
        claims=tuple(claim_record(c) for c in row.claims),
        warnings=tuple(row.warnings or ()),
        events=event_store.load_mentions(session, doc_id),
    )


def _attribution_query(
    source: str | None, doc: str | None, kind: str | None, stance: str | None, via: str | None
) -> Select[tuple[AttributionRow]]:
    stmt = select(AttributionRow).join(DocumentRow)
    if doc is not None:
        stmt = stmt.where(AttributionRow.doc_id == doc)
    if kind is not None:
        stmt = stmt.where(AttributionRow.kind == kind)
    if stance is not None:
        stmt = stmt.where(AttributionRow.stance == stance)
    if source is not None and source.strip():
        stmt = stmt.where(_speaker_filter(source))
    if via is not None:
        through = select(ChainLinkRow.attribution_id).where(
            func.lower(ChainLinkRow.name) == via.strip().lower()
        )
        stmt = stmt.where(AttributionRow.id.in_(through))
    return stmt.order_by(
        DocumentRow.date.is_(None), DocumentRow.date, DocumentRow.id, AttributionRow.local_id
    )


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def speaker_entities(name: str) -> Select[tuple[str]]:
    """The global entities ``name`` may mean as a speaker: the ids whose name or an alias is
    ``name`` apart from case, or, for a person, ends with it as whole words (a surname:
    "Balkhi", "Qahar Balkhi" for "Abdul Qahar Balkhi"). Aliases (a JSON list) match as text."""
    wanted = _like_escape(" ".join(name.lower().split()))
    text = func.lower(GlobalEntityRow.name)
    aliases = func.lower(cast(GlobalEntityRow.aliases, String))
    person = GlobalEntityRow.type == "PERSON"
    return select(GlobalEntityRow.id).where(
        or_(
            text == " ".join(name.lower().split()),
            aliases.like(f'%"{wanted}"%', escape="\\"),
            person & text.like(f"% {wanted}", escape="\\"),
            person & aliases.like(f'% {wanted}"%', escape="\\"),
        )
    )


def _speaker_filter(source: str) -> ColumnElement[bool]:
    """An attribution's speaker is ``source``: by its printable name, entity key or source
    phrase; by the name or an alias of the global entity it is linked to; or, for a person,
    by surname (the last words of the name in its document or across documents)."""
    name = " ".join(source.lower().split())
    linked = select(EntityLinkRow.doc_id).where(
        EntityLinkRow.doc_id == AttributionRow.doc_id,
        EntityLinkRow.entity_key == AttributionRow.speaker,
        EntityLinkRow.global_id.in_(speaker_entities(source)),
    )
    surname = select(EntityRow.id).where(
        EntityRow.doc_id == AttributionRow.doc_id,
        EntityRow.key == AttributionRow.speaker,
        EntityRow.type == "PERSON",
        func.lower(EntityRow.name).like(f"% {_like_escape(name)}", escape="\\"),
    )
    return or_(
        func.lower(AttributionRow.speaker_name) == name,
        func.lower(AttributionRow.speaker) == name,
        func.lower(AttributionRow.source_text) == name,
        linked.exists(),
        surname.exists(),
    )


def iter_attributions(
    session: Session,
    source: str | None = None,
    doc: str | None = None,
    kind: str | None = None,
    stance: str | None = None,
    *,
    via: str | None = None,
) -> Iterator[Attribution]:
    """Stored attributions, oldest document first, filtered on any of:

    Args:
        session: An open session.
        source: The speaker, matched case-insensitively against its printable name, its
            entity key, or the source phrase ("Fahim Dashti", "fahim-dashti", "he"), the
            name or an alias of its global entity, or a person's surname ("Dashti").
        doc: A full document id (use :func:`find_document` for a prefix).
        kind: ``direct``, ``indirect``, ``call`` or ``narrator``.
        stance: ``assert`` or ``deny``.
        via: An intermediary in the chain, case-insensitively ("Reuters").

    Names match whole apart from case and surrounding spaces (a surname matches the last
    words of a person's name).
    """
    stmt = _attribution_query(source, doc, kind, stance, via)
    for row in session.scalars(stmt):
        yield to_attribution(row)


def find_document(session: Session, prefix_or_id: str) -> Document:
    """The document whose id is, or uniquely starts with, ``prefix_or_id`` (like git).

    Raises:
        DocumentNotFound: Nothing matches (or the prefix is empty).
        AmbiguousDocument: More than one document starts with the prefix.
    """
    key = prefix_or_id.strip()
    if not key:
        raise DocumentNotFound("empty document id")
    exact = session.get(DocumentRow, key)
    if exact is not None:
        return to_document(exact)
    stmt = (
        select(DocumentRow.id)
        .where(DocumentRow.id.startswith(key, autoescape=True))
        .order_by(DocumentRow.id)
        .limit(AMBIGUOUS_SHOWN + 1)
    )
    ids = list(session.scalars(stmt))
    if not ids:
        raise DocumentNotFound(f"no document id starts with {key!r}")
    if len(ids) > 1:
        raise AmbiguousDocument(key, ids)
    row = session.get(DocumentRow, ids[0])
    assert row is not None
    return to_document(row)


def list_documents(session: Session) -> list[Document]:
    """Every stored document, by date (undated last), then ingestion time."""
    stmt = select(DocumentRow).order_by(
        DocumentRow.date.is_(None), DocumentRow.date, DocumentRow.ingested_at, DocumentRow.id
    )
    return [to_document(row) for row in session.scalars(stmt)]


def attribution_counts(session: Session) -> dict[str, int]:
    """Number of stored attributions per document id."""
    stmt = select(AttributionRow.doc_id, func.count()).group_by(AttributionRow.doc_id)
    return {doc_id: count for doc_id, count in session.execute(stmt)}
