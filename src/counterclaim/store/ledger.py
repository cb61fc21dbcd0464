"""Converting between ledger rows and records, and the queries built on them.

Every function takes an open :class:`~sqlalchemy.orm.Session`; the caller owns the unit
of work (``with Session(engine) as s, s.begin(): ...``). Nothing here returns a row:
callers get the frozen records of :mod:`counterclaim.records`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict
from typing import Any, Literal

from sqlalchemy import Select, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from counterclaim.records import Analysis, Attribution, Document, Entity, Geo, Mention, Span
from counterclaim.store.claims import claim_record, claim_row
from counterclaim.store.engine import LedgerError
from counterclaim.store.propositions import refresh_claims
from counterclaim.store.models import (
    AttributionRow,
    ChainLinkRow,
    DocumentRow,
    EntityRow,
    MentionRow,
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


# -- records -> rows ------------------------------------------------------------------


def geo_json(geo: Geo | None) -> dict[str, Any] | None:
    """A ``Geo`` as a JSON object (None stays None)."""
    return asdict(geo) if geo is not None else None


def geo_record(data: Mapping[str, Any] | None) -> Geo | None:
    """The ``Geo`` stored by :func:`geo_json`."""
    return Geo(**data) if data else None


def _span_cols(prefix: str, span: Span | None) -> dict[str, object]:
    if span is None:
        return {f"{prefix}_start": None, f"{prefix}_end": None, f"{prefix}_text": None}
    return {f"{prefix}_start": span.start, f"{prefix}_end": span.end, f"{prefix}_text": span.text}


def _document_row(analysis: Analysis, ingested_at: dt.datetime) -> DocumentRow:
    doc = analysis.document
    return DocumentRow(
        id=doc.id,
        text=doc.text,
        body_start=doc.body_start,
        date=doc.date,
        publisher=doc.publisher,
        title=doc.title,
        url=doc.url,
        origin=doc.origin,
        warnings=list(analysis.warnings),
        ingested_at=ingested_at,
        **_span_cols("dateline", doc.dateline),
        **_span_cols("header", doc.header),
    )


def _attribution_row(attr: Attribution) -> AttributionRow:
    return AttributionRow(
        local_id=attr.id,
        kind=attr.kind,
        stance=attr.stance,
        speaker=attr.speaker,
        speaker_name=attr.speaker_name,
        responds_to=attr.responds_to,
        chain=list(attr.chain),
        channel=attr.channel,
        recipient=attr.recipient,
        date=attr.date,
        confidence=attr.confidence,
        method=attr.method,
        links=[ChainLinkRow(position=i, name=name) for i, name in enumerate(attr.chain)],
        **_span_cols("cue", attr.cue),
        **_span_cols("content", attr.content),
        **_span_cols("source", attr.source),
        **_span_cols("sentence", attr.sentence),
    )


def _entity_row(position: int, entity: Entity) -> EntityRow:
    return EntityRow(
        position=position,
        key=entity.key,
        name=entity.name,
        type=entity.type,
        mentions=[[s.start, s.end, s.text] for s in entity.mentions],
        roles=list(entity.roles),
        side=entity.side,
        geo=geo_json(entity.geo),
    )


def _mention_row(position: int, mention: Mention) -> MentionRow:
    return MentionRow(
        position=position,
        label=mention.label,
        entity_key=mention.entity,
        role=mention.role,
        antecedent=mention.antecedent,
        **_span_cols("span", mention.span),
    )


# -- rows -> records ------------------------------------------------------------------


def _span(start: int | None, end: int | None, text: str | None) -> Span | None:
    if start is None or end is None:
        return None
    return Span(start, end, text if text is not None else "")


def _document(row: DocumentRow) -> Document:
    return Document(
        id=row.id,
        text=row.text,
        body_start=row.body_start,
        date=row.date,
        publisher=row.publisher,
        dateline=_span(row.dateline_start, row.dateline_end, row.dateline_text),
        header=_span(row.header_start, row.header_end, row.header_text),
        title=row.title,
        url=row.url,
        origin=row.origin,
    )


def _attribution(row: AttributionRow) -> Attribution:
    return Attribution(
        doc_id=row.doc_id,
        id=row.local_id,
        cue=Span(row.cue_start, row.cue_end, row.cue_text),
        content=Span(row.content_start, row.content_end, row.content_text),
        kind=row.kind,  # type: ignore[arg-type]  # written from a Kind
        stance=row.stance,  # type: ignore[arg-type]  # written from a Stance
        source=_span(row.source_start, row.source_end, row.source_text),
        speaker=row.speaker,
        speaker_name=row.speaker_name,
        responds_to=row.responds_to,
        chain=tuple(row.chain or ()),
        channel=row.channel,
        recipient=row.recipient,
        date=row.date,
        sentence=_span(row.sentence_start, row.sentence_end, row.sentence_text),
        confidence=row.confidence,
        method=row.method,
    )


def _entity(row: EntityRow) -> Entity:
    return Entity(
        key=row.key,
        name=row.name,
        type=row.type,
        mentions=tuple(Span(start, end, text) for start, end, text in row.mentions or ()),
        roles=tuple(row.roles or ()),
        side=row.side,
        geo=geo_record(row.geo),
    )


def _mention(row: MentionRow) -> Mention:
    return Mention(
        span=Span(row.span_start, row.span_end, row.span_text),
        label=row.label,
        entity=row.entity_key,
        role=row.role,
        antecedent=row.antecedent,
    )


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
    row = _document_row(analysis, ingested_at or dt.datetime.now(dt.UTC))
    if not _insert_new_document(session, row):
        return "unchanged"
    doc_id = row.id
    children: list[object] = [
        *(_entity_row(i, e) for i, e in enumerate(analysis.entities)),
        *(_mention_row(i, m) for i, m in enumerate(analysis.mentions)),
        *(_attribution_row(a) for a in analysis.attributions),
        *(claim_row(doc_id, c) for c in analysis.claims),
    ]
    for child in children:
        child.doc_id = doc_id  # type: ignore[attr-defined]
    session.add_all(children)
    session.flush()
    if analysis.claims:
        refresh_claims(session, [doc_id])
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
        document=_document(row),
        attributions=tuple(_attribution(a) for a in row.attributions),
        entities=tuple(_entity(e) for e in row.entities),
        mentions=tuple(_mention(m) for m in row.mentions),
        claims=tuple(claim_record(c) for c in row.claims),
        warnings=tuple(row.warnings or ()),
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
    if source is not None:
        name = source.strip().lower()
        stmt = stmt.where(
            or_(
                func.lower(AttributionRow.speaker_name) == name,
                func.lower(AttributionRow.speaker) == name,
                func.lower(AttributionRow.source_text) == name,
            )
        )
    if via is not None:
        through = select(ChainLinkRow.attribution_id).where(
            func.lower(ChainLinkRow.name) == via.strip().lower()
        )
        stmt = stmt.where(AttributionRow.id.in_(through))
    return stmt.order_by(
        DocumentRow.date.is_(None), DocumentRow.date, DocumentRow.id, AttributionRow.local_id
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
            entity key, or the source phrase ("Fahim Dashti", "fahim-dashti", "he").
        doc: A full document id (use :func:`find_document` for a prefix).
        kind: ``direct``, ``indirect``, ``call`` or ``narrator``.
        stance: ``assert`` or ``deny``.
        via: An intermediary in the chain, case-insensitively ("Reuters").

    Names match exactly apart from case and surrounding spaces.
    """
    stmt = _attribution_query(source, doc, kind, stance, via)
    for row in session.scalars(stmt):
        yield _attribution(row)


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
        return _document(exact)
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
    return _document(row)


def list_documents(session: Session) -> list[Document]:
    """Every stored document, by date (undated last), then ingestion time."""
    stmt = select(DocumentRow).order_by(
        DocumentRow.date.is_(None), DocumentRow.date, DocumentRow.ingested_at, DocumentRow.id
    )
    return [_document(row) for row in session.scalars(stmt)]


def attribution_counts(session: Session) -> dict[str, int]:
    """Number of stored attributions per document id."""
    stmt = select(AttributionRow.doc_id, func.count()).group_by(AttributionRow.doc_id)
    return {doc_id: count for doc_id, count in session.execute(stmt)}
