"""Saving analyses to the ledger and reading them back: documents, attributions, entities.

Every function takes an open :class:`~sqlalchemy.orm.Session`; the caller owns the unit
of work (``with Session(engine) as s, s.begin(): ...``). Nothing here returns a row:
callers get the frozen records of :mod:`counterclaim.records`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, String, Table, cast, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from counterclaim.records import Analysis, Attribution, Document
from counterclaim.store import events as event_store
from counterclaim.store.claims import claim_record, claim_values
from counterclaim.store.engine import LedgerError, chunks
from counterclaim.store.models import (
    AttributionRow,
    ChainLinkRow,
    ClaimArgRow,
    ClaimRow,
    DocumentRow,
    EntityLinkRow,
    EntityRow,
    GlobalEntityRow,
    MentionRow,
)
from counterclaim.store.propositions import refresh_claims
from counterclaim.store.rows import (
    attribution_values,
    chain_values,
    document_values,
    entity_values,
    mention_values,
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


def _defaults(table: Table) -> dict[str, Any]:
    """Each column's Python-side default (called when callable), as the ORM would fill a
    None: executemany needs every row to carry every column."""
    out = {}
    for col in table.columns:
        default = col.default
        if (
            default is None
            or not getattr(default, "is_scalar", False)
            and not getattr(default, "is_callable", False)
        ):
            continue
        out[col.key] = default
    return out


def _filled(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` with a column's default where its value is None (as the ORM inserts)."""
    for key, default in _defaults(table).items():
        for row in rows:
            if row.get(key) is None:
                row[key] = default.arg if default.is_scalar else default.arg(None)
    return rows


def _insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows with one executemany (SQLAlchemy sends multi-row inserts)."""
    if rows:
        session.execute(table.insert(), _filled(table, rows))


def _insert_new_documents(session: Session, rows: list[dict[str, Any]]) -> set[str]:
    """Insert the document rows whose id is not stored; the ids inserted."""
    table = DocumentRow.__table__
    rows = _filled(table, rows)
    dialect = session.get_bind().dialect.name
    if dialect in ("postgresql", "sqlite"):
        from sqlalchemy.dialects import postgresql, sqlite

        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        stmt = insert(table).on_conflict_do_nothing(index_elements=[table.c.id])
        # RETURNING, not rowcount: psycopg reports no row count for this statement
        return set(session.scalars(stmt.returning(table.c.id), rows))
    added = set()  # pragma: no cover - other databases: a savepoint around a plain insert
    for row in rows:  # pragma: no cover
        try:
            with session.begin_nested():
                session.execute(table.insert().values(row))
        except IntegrityError:
            continue
        added.add(row["id"])
    return added  # pragma: no cover


def _stored_ids(
    session: Session, column: Any, doc_ids: Sequence[str]
) -> dict[tuple[str, int], int]:
    """(doc id, local id) -> row id of the rows of ``column``'s table in these documents."""
    table = column.table
    out: dict[tuple[str, int], int] = {}
    for chunk in chunks(sorted(doc_ids)):
        stmt = select(table.c.doc_id, table.c.local_id, table.c.id).where(table.c.doc_id.in_(chunk))
        out.update({(d, i): row_id for d, i, row_id in session.execute(stmt)})
    return out


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
    return save_analyses(session, [analysis], ingested_at=ingested_at)[0]


def save_analyses(
    session: Session, analyses: Sequence[Analysis], *, ingested_at: dt.datetime | None = None
) -> list[SaveStatus]:
    """Store a batch of analysed documents, each unless its id is already in the ledger:
    one multi-row insert per table (the bulk writer :func:`save_analysis` also uses).

    The stored rows are those of storing the documents one by one in this order: row ids
    follow it, and each document's ``ingested_at`` is a microsecond after the one before
    (from ``ingested_at``, by default now), so the ingestion order that cross-document
    linking follows is the order given. A document given twice is added once.

    Returns:
        ``"added"`` or ``"unchanged"`` per analysis, in order (see :func:`save_analysis`).
    """
    start = ingested_at or dt.datetime.now(dt.UTC)
    first: dict[str, int] = {}
    for i, analysis in enumerate(analyses):
        first.setdefault(analysis.document.id, i)
    rows = [
        document_values(a, start + dt.timedelta(microseconds=i))
        for i, a in enumerate(analyses)
        if first[a.document.id] == i
    ]
    added = _insert_new_documents(session, rows) if rows else set()
    statuses: list[SaveStatus] = [
        "added" if a.document.id in added and first[a.document.id] == i else "unchanged"
        for i, a in enumerate(analyses)
    ]
    new = [a for a, status in zip(analyses, statuses, strict=True) if status == "added"]
    if new:
        _save_children(session, new)
    return statuses


def _save_children(session: Session, new: Sequence[Analysis]) -> None:
    """The rows of newly added documents under their document rows, then the claims'
    stored facts and the documents' event mentions (marking what they touch due)."""
    ids = [a.document.id for a in new]
    _insert(
        session,
        EntityRow.__table__,
        [entity_values(a.document.id, i, e) for a in new for i, e in enumerate(a.entities)],
    )
    _insert(
        session,
        MentionRow.__table__,
        [mention_values(a.document.id, i, m) for a in new for i, m in enumerate(a.mentions)],
    )
    attributions = [(a.document.id, x) for a in new for x in a.attributions]
    _insert(session, AttributionRow.__table__, [attribution_values(d, x) for d, x in attributions])
    if any(x.chain for _, x in attributions):
        stored = _stored_ids(session, AttributionRow.__table__.c.local_id, ids)
        _insert(
            session,
            ChainLinkRow.__table__,
            [link for d, x in attributions for link in chain_values(stored[(d, x.id)], x)],
        )
    claims = [(a.document.id, c, *claim_values(a.document.id, c)) for a in new for c in a.claims]
    _insert(session, ClaimRow.__table__, [row for _, _, row, _ in claims])
    if any(args for *_, args in claims):
        stored = _stored_ids(session, ClaimRow.__table__.c.local_id, ids)
        _insert(
            session,
            ClaimArgRow.__table__,
            [arg | {"claim_id": stored[(d, c.id)]} for d, c, _, args in claims for arg in args],
        )
    if claims:
        refresh_claims(session, sorted({d for d, *_ in claims}))
    event_store.save_mentions(session, {a.document.id: a.events for a in new if a.events})  # fmt: skip


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
