"""The ledger's tables: SQLAlchemy 2.0 typed ORM with generic column types.

Only portable types are used (``String``, ``Text``, ``Integer``, ``Float``, ``Date``,
``JSON``, and a UTC ``DateTime``), so the same models run on SQLite now and PostgreSQL
later. Rows never leave ``store/``: :mod:`counterclaim.store.ledger` converts them to and
from the frozen records of :mod:`counterclaim.records`.

Every span is stored as three columns (``<name>_start``, ``<name>_end``, ``<name>_text``),
character offsets into ``document.text`` exactly as ingested.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

SCHEMA_VERSION = 13
"""Bump when the tables change, so an older or newer database can be detected.

Version 2 added claims (``claim``, ``claim_arg``), global entities (``global_entity``,
``entity_link``), user pins (``entity_pin``) and ``entity.side`` / ``entity.geo``;
:func:`counterclaim.store.engine.ensure_schema` migrates a version 1 database in place.
Version 3 (Alembic revision 0002) added the stored proposition of a claim
(``claim.proposition``, ``place_ref``, ``day``, ``denial``) and the ``proposition`` table.
Version 4 (revision 0003) added stored disputes (``dispute``, ``dispute_claim``,
``dispute_subject``) and the propositions whose disputes are due (``dispute_due``).
Version 5 (revision 0004) added events: each document's event mentions (``event_mention``),
the events linked across documents (``event``, ``event_member``, ``event_claim``) and the
documents whose events are due (``event_due``).
Version 6 (revision 0005) added a document's byline, section and keywords
(``document.author``, ``section``, ``keywords``).
Version 7 (revision 0006) added full-text search over statements: an FTS5 table
``search_fts`` with triggers on SQLite, GIN ``tsvector`` indexes on PostgreSQL
(:mod:`counterclaim.store.search`).
Version 8 (revision 0007) added ``attribution.opposes`` (an opposed assertion's target;
``responds_to`` is for denials only) and ``answer`` (denials answering another document).
Version 9 (revision 0008) added analysts' corrections (``correction``), a claim's
``rejected`` flag and a stored dispute's ``review_key`` and ``review`` state
(:mod:`counterclaim.store.review`).
Version 10 (revision 0009) added each claim's calibrated ``confidence``.
Version 11 (revision 0010) added the stored read models kept current like the disputes:
``timeline_entry`` (one row per subject and claim, in timeline order), ``tally_claim`` (a
figure claim's tally group), ``tally`` (the fatality tallies as compare makes them) and
``read_due`` (the documents and tally groups whose rows must be made again).
Version 12 (revision 0011) added ``attribution.review_key``: the stable key of a statement
whose cue or content span an analyst corrected (the key of the machine's spans, which its
corrections and its claims' keys go on naming).
Version 13 (revision 0012) added the stored entity index kept current with the timeline
entries: ``entity_item`` (a global entity's documents and the statements by, about and
through it, in page order), ``entity_count`` (its statements, documents and mentions, for
the entity list) and ``claim.search_text`` (the claim's proposition and evidence, folded,
for the claim search).
"""


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite drops the offset; this keeps values comparable across backends.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; store UTC-aware timestamps only")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    """Declarative base of every ledger table."""

    type_annotation_map = {
        dt.datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


class SchemaVersionRow(Base):
    """One row per schema version applied to this database."""

    __tablename__ = "schema_version"

    version: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    applied_at: Mapped[dt.datetime]


class DocumentRow(Base):
    """One ingested article; ``id`` is the content hash given by ingest."""

    __tablename__ = "document"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    body_start: Mapped[int] = mapped_column(default=0)
    date: Mapped[dt.date | None] = mapped_column(index=True)
    publisher: Mapped[str | None] = mapped_column(String(200), index=True)
    dateline_start: Mapped[int | None]
    dateline_end: Mapped[int | None]
    dateline_text: Mapped[str | None] = mapped_column(Text)
    header_start: Mapped[int | None]
    header_end: Mapped[int | None]
    header_text: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    section: Mapped[str | None] = mapped_column(String(200))
    keywords: Mapped[list[Any] | None] = mapped_column(JSON)
    warnings: Mapped[list[Any]] = mapped_column(default=list)
    ingested_at: Mapped[dt.datetime] = mapped_column(index=True)

    entities: Mapped[list[EntityRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="EntityRow.position"
    )
    mentions: Mapped[list[MentionRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="MentionRow.position"
    )
    attributions: Mapped[list[AttributionRow]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        order_by="AttributionRow.local_id",
    )
    claims: Mapped[list[ClaimRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="ClaimRow.local_id"
    )


class EntityRow(Base):
    """A document-level entity (a cluster of mentions naming the same thing)."""

    __tablename__ = "entity"
    __table_args__ = (
        UniqueConstraint("doc_id", "key"),
        Index("ix_entity_name", "name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(32))
    mentions: Mapped[list[Any]] = mapped_column(default=list)  # [[start, end, text], ...]
    roles: Mapped[list[Any]] = mapped_column(default=list)
    side: Mapped[str | None] = mapped_column(String(200))  # schema 2
    geo: Mapped[dict[str, Any] | None]  # schema 2: ``records.Geo`` fields

    document: Mapped[DocumentRow] = relationship(back_populates="entities")


class MentionRow(Base):
    """A typed name, pronoun or description; ``position`` is its index in the analysis."""

    __tablename__ = "mention"
    __table_args__ = (
        UniqueConstraint("doc_id", "position"),
        Index("ix_mention_doc_entity", "doc_id", "entity_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    span_start: Mapped[int]
    span_end: Mapped[int]
    span_text: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(32))
    entity_key: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(Text)
    antecedent: Mapped[int | None]

    document: Mapped[DocumentRow] = relationship(back_populates="mentions")


class AttributionRow(Base):
    """Who said what, through whom: every field of ``records.Attribution``."""

    __tablename__ = "attribution"
    __table_args__ = (UniqueConstraint("doc_id", "local_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[int]  # ``Attribution.id``, unique within its document
    cue_start: Mapped[int]
    cue_end: Mapped[int]
    cue_text: Mapped[str] = mapped_column(Text)
    content_start: Mapped[int]
    content_end: Mapped[int]
    content_text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    stance: Mapped[str] = mapped_column(String(16), index=True)
    source_start: Mapped[int | None]
    source_end: Mapped[int | None]
    source_text: Mapped[str | None] = mapped_column(Text)
    speaker: Mapped[str | None] = mapped_column(String(200), index=True)
    speaker_name: Mapped[str | None] = mapped_column(String(500), index=True)
    responds_to: Mapped[int | None]  # a denial: the attribution it denies
    opposes: Mapped[int | None]  # schema 8: an assertion set against another's
    chain: Mapped[list[Any]] = mapped_column(default=list)
    channel: Mapped[str | None] = mapped_column(Text)
    recipient: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(32))
    sentence_start: Mapped[int | None]
    sentence_end: Mapped[int | None]
    sentence_text: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(default=1.0)
    method: Mapped[str] = mapped_column(String(64), default="rules")
    # schema 12: the key of the machine's spans, once an analyst corrected a span
    review_key: Mapped[str | None] = mapped_column(String(300), index=True)

    document: Mapped[DocumentRow] = relationship(back_populates="attributions")
    links: Mapped[list[ChainLinkRow]] = relationship(
        back_populates="attribution", cascade="all, delete-orphan", order_by="ChainLinkRow.position"
    )


class ChainLinkRow(Base):
    """One intermediary of an attribution's chain (innermost first), for queries by name.

    The chain is also kept as JSON on the attribution; these rows only make
    "everything that came through Reuters" an indexed query.
    """

    __tablename__ = "chain_link"

    attribution_id: Mapped[int] = mapped_column(
        ForeignKey("attribution.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(500), index=True)

    attribution: Mapped[AttributionRow] = relationship(back_populates="links")


class ClaimRow(Base):
    """A typed proposition: every field of ``records.Claim``, arguments as JSON.

    ``period_start`` / ``period_end`` hold the first and last ISO day of the claim's date or
    period, so time filters are plain string comparisons on an index.
    """

    __tablename__ = "claim"
    __table_args__ = (
        UniqueConstraint("doc_id", "local_id"),
        Index("ix_claim_type_start", "type", "period_start"),
        Index("ix_claim_proposition", "proposition"),
        Index("ix_claim_type_place", "type", "place_ref"),
        Index("ix_claim_doc_attribution", "doc_id", "attribution"),
        Index("ix_claim_list", "rejected", "type", "confidence"),  # schema 12: list totals
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[int]  # ``Claim.id``, unique within its document
    attribution: Mapped[int]  # ``Attribution.id`` within the document
    type: Mapped[str] = mapped_column(String(64))
    value: Mapped[bool] = mapped_column(Boolean, default=True)
    modality: Mapped[str] = mapped_column(String(16), default="claim")
    args: Mapped[dict[str, Any]] = mapped_column(default=dict)
    count_low: Mapped[int | None]
    count_best: Mapped[int | None]
    count_high: Mapped[int | None]
    count_approx: Mapped[bool | None] = mapped_column(Boolean)
    count_text: Mapped[str | None] = mapped_column(Text)
    magnitude: Mapped[str | None] = mapped_column(String(64))
    date: Mapped[str | None] = mapped_column(String(32))
    period: Mapped[str | None] = mapped_column(String(64))
    period_start: Mapped[str | None] = mapped_column(String(10))
    period_end: Mapped[str | None] = mapped_column(String(10))
    evidence_start: Mapped[int | None]
    evidence_end: Mapped[int | None]
    evidence_text: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")
    # schema 0009: the claim's calibrated confidence (``records.Claim.confidence``)
    confidence: Mapped[float] = mapped_column(default=1.0, server_default="1.0")
    # schema 3, kept by ``store.propositions``: the hashed proposition key (None when the
    # claim is never disputed), its place argument's resolved id, the last day of its event
    # time, and whether its attribution denies or is denied by another in its document
    proposition: Mapped[str | None] = mapped_column(String(40))
    place_ref: Mapped[str | None] = mapped_column(String(200))
    day: Mapped[str | None] = mapped_column(String(10))
    denial: Mapped[bool] = mapped_column(Boolean, default=False)
    # schema 8: an analyst rejected it (``store.review``): no dispute, tally or listing uses it
    rejected: Mapped[bool] = mapped_column(Boolean, default=False)
    # schema 12, kept by ``store.propositions``: "<proposition> <evidence>" case-folded, as
    # the claim search matches it (``store.claimsearch``)
    search_text: Mapped[str | None] = mapped_column(Text)

    document: Mapped[DocumentRow] = relationship(back_populates="claims")
    arg_rows: Mapped[list[ClaimArgRow]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", order_by="ClaimArgRow.position"
    )


class ClaimArgRow(Base):
    """One (claim, role, entity) of a claim's arguments, for filtering by entity.

    ``global_id`` is filled from ``entity_link`` whenever cross-document resolution runs.
    """

    __tablename__ = "claim_arg"
    __table_args__ = (
        Index("ix_claim_arg_global_role", "global_id", "role"),
        Index("ix_claim_arg_doc_key", "doc_id", "entity_key"),
    )

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    role: Mapped[str] = mapped_column(String(32))
    doc_id: Mapped[str] = mapped_column(String(128))
    entity_key: Mapped[str] = mapped_column(String(200))
    global_id: Mapped[str | None] = mapped_column(String(200))

    claim: Mapped[ClaimRow] = relationship(back_populates="arg_rows")


class PropositionRow(Base):
    """What the claims on one proposition add up to, for picking the contested ones by index.

    Recomputed from ``claim`` for the propositions a write touches
    (:func:`counterclaim.store.propositions.refresh_summaries`). ``contested`` marks the
    propositions whose claims may conflict (both values, two asserted figures, two places
    for one person, or a denial); compare decides on their claims.
    """

    __tablename__ = "proposition"
    __table_args__ = (Index("ix_proposition_contested_last", "contested", "last_day", "id"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    type: Mapped[str] = mapped_column(String(64))
    claims: Mapped[int] = mapped_column(default=0)
    asserted: Mapped[int] = mapped_column(default=0)
    negated: Mapped[int] = mapped_column(default=0)
    figures: Mapped[int] = mapped_column(default=0)  # asserted claims with a count
    max_low: Mapped[int | None]  # of those figures: the largest low end (or above it)
    min_high: Mapped[int | None]  # ... and the smallest high end (or below it)
    denials: Mapped[int] = mapped_column(default=0)
    min_place: Mapped[str | None] = mapped_column(String(200))
    max_place: Mapped[str | None] = mapped_column(String(200))
    first_day: Mapped[str | None] = mapped_column(String(10))
    last_day: Mapped[str | None] = mapped_column(String(10))
    contested: Mapped[bool] = mapped_column(Boolean, default=False)


class DisputeRow(Base):
    """A dispute as compare found it, stored ready to read (``record``: its JSON).

    Kept current by :mod:`counterclaim.store.dispute_cache`: writes mark the propositions they
    touch as due (``dispute_due``); the disputes touching those are found again.
    """

    __tablename__ = "dispute"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposition: Mapped[str] = mapped_column(Text)  # compare's printable proposition
    type: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    # the order of pages: the most recently claimed of its contested propositions (its
    # last day, "" none, and id), then its own latest event day, then proposition and
    # documents (space-joined ids), as compare orders disputes
    rank_day: Mapped[str] = mapped_column(String(10), default="")
    rank_prop: Mapped[str] = mapped_column(String(40), default="")
    last_day: Mapped[str] = mapped_column(String(10), default="")
    doc_key: Mapped[str] = mapped_column(Text, default="")
    documents: Mapped[int] = mapped_column(default=1)
    record: Mapped[str] = mapped_column(Text)
    # schema 8: the dispute's stable key (from its claims' keys, ``store.reviewkeys``) and
    # its review state (machine, reviewed, rejected) from the analysts' corrections
    review_key: Mapped[str | None] = mapped_column(String(40), index=True)
    review: Mapped[str] = mapped_column(String(16), default="machine")


Index(
    "ix_dispute_page",
    DisputeRow.rank_day.desc(),
    DisputeRow.rank_prop.desc(),
    DisputeRow.last_day.desc(),
    DisputeRow.proposition,
    DisputeRow.doc_key,
)


class DisputeClaimRow(Base):
    """A stored claim in a dispute, with the proposition it had then."""

    __tablename__ = "dispute_claim"

    dispute_id: Mapped[int] = mapped_column(
        ForeignKey("dispute.id", ondelete="CASCADE"), primary_key=True
    )
    claim_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False, index=True)
    proposition: Mapped[str | None] = mapped_column(String(40), index=True)


class DisputeSubjectRow(Base):
    """An id a dispute is about: a place argument (``place``), or any argument or speaker
    of its claims (``actor``), for the ``--place`` / ``--actor`` filters."""

    __tablename__ = "dispute_subject"
    __table_args__ = (Index("ix_dispute_subject", "role", "subject", "dispute_id"),)

    dispute_id: Mapped[int] = mapped_column(
        ForeignKey("dispute.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(8), primary_key=True)
    subject: Mapped[str] = mapped_column(String(200), primary_key=True)


class AnswerRow(Base):
    """A denial answering an attribution of another document (schema 8;
    :mod:`counterclaim.store.answers`, found by :func:`counterclaim.compare.answers.match_answers`)."""

    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("doc_id", "attribution", "target_doc", "target_attribution"),
        Index("ix_answer_target", "target_doc", "target_attribution"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    attribution: Mapped[int]  # local id of the denial
    target_doc: Mapped[str] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    target_attribution: Mapped[int]
    score: Mapped[float] = mapped_column(default=0.0)
    why: Mapped[str] = mapped_column(String(200), default="")


class DisputeDueRow(Base):
    """A proposition whose stored disputes must be found again (``*``: all of them)."""

    __tablename__ = "dispute_due"

    proposition: Mapped[str] = mapped_column(String(40), primary_key=True)


class GlobalEntityRow(Base):
    """A thing named across documents (see :mod:`counterclaim.resolve.crossdoc`)."""

    __tablename__ = "global_entity"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(Text, index=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    side: Mapped[str | None] = mapped_column(String(200))
    roles: Mapped[list[Any]] = mapped_column(default=list)
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    documents: Mapped[int] = mapped_column(default=0)
    geo: Mapped[dict[str, Any] | None]


class EntityLinkRow(Base):
    """A document entity's global entity, with the reason it was linked."""

    __tablename__ = "entity_link"
    __table_args__ = (Index("ix_entity_link_key", "entity_key"),)

    doc_id: Mapped[str] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), primary_key=True
    )
    entity_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    global_id: Mapped[str] = mapped_column(
        ForeignKey("global_entity.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(Text, default="")


class PinRow(Base):
    """A user's decision to always merge, or always split, two names."""

    __tablename__ = "entity_pin"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    a: Mapped[str] = mapped_column(Text)
    b: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime]


class EventMentionRow(Base):
    """One document's mention of an event (``records.EventMention``); ``event`` numbers the
    document's events, ``claims`` holds the local ids of the claims about it."""

    __tablename__ = "event_mention"
    __table_args__ = (
        UniqueConstraint("doc_id", "local_id"),
        Index("ix_event_mention_doc_event", "doc_id", "event"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[int]
    event: Mapped[int]
    span_start: Mapped[int]
    span_end: Mapped[int]
    span_text: Mapped[str] = mapped_column(Text)
    head_start: Mapped[int]
    head_end: Mapped[int]
    head_text: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(64))
    family: Mapped[str] = mapped_column(String(64))
    place: Mapped[str | None] = mapped_column(String(200))  # document entity key
    date: Mapped[str | None] = mapped_column(String(32))
    period: Mapped[str | None] = mapped_column(String(64))
    target: Mapped[str | None] = mapped_column(String(200))
    weapon: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str | None] = mapped_column(String(200))  # document entity key
    attribution: Mapped[int | None]
    definite: Mapped[bool] = mapped_column(Boolean, default=False)
    other: Mapped[bool] = mapped_column(Boolean, default=False)
    claims: Mapped[list[Any]] = mapped_column(default=list)


class EventRow(Base):
    """An event linked across documents (:func:`counterclaim.compare.events.link_events`).

    Kept current by :mod:`counterclaim.store.events`: a saved document is marked due
    (``event_due``) and the events it may join are linked again.
    """

    __tablename__ = "event"
    __table_args__ = (Index("ix_event_family_days", "family", "first_day", "last_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    family: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(64))
    place: Mapped[str | None] = mapped_column(String(200), index=True)  # global id
    first_day: Mapped[str | None] = mapped_column(String(10))
    last_day: Mapped[str | None] = mapped_column(String(10))
    documents: Mapped[int] = mapped_column(default=1)


class EventMemberRow(Base):
    """A document's event (``event_mention.event``) that is part of a linked event."""

    __tablename__ = "event_member"
    __table_args__ = (Index("ix_event_member_doc", "doc_id", "event"),)

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    doc_id: Mapped[str] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), primary_key=True
    )
    event: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)


class EventClaimRow(Base):
    """A stored claim about a linked event."""

    __tablename__ = "event_claim"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class EventDueRow(Base):
    """A document whose events must be linked again (``*``: every document)."""

    __tablename__ = "event_due"

    doc_id: Mapped[str] = mapped_column(String(128), primary_key=True)


class CorrectionRow(Base):
    """An analyst's decision over the machine's output, with who made it and when.

    ``target_key`` names the item by what survives re-ingest and relinking (the document's
    content hash and character offsets, :mod:`counterclaim.store.reviewkeys`), never by a
    row id; ``target_ref`` is where it was found when last applied (``doc:local id``, a
    global entity id, a dispute key). ``status`` is ``applied`` or ``orphaned`` (the target
    is gone: reported, never dropped).
    """

    __tablename__ = "correction"
    __table_args__ = (Index("ix_correction_target", "target_kind", "target_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target_kind: Mapped[str] = mapped_column(String(16))
    target_key: Mapped[str] = mapped_column(String(300))
    target_ref: Mapped[str | None] = mapped_column(String(300), index=True)
    field: Mapped[str] = mapped_column(String(32))
    old_value: Mapped[Any | None] = mapped_column(JSON)
    new_value: Mapped[Any | None] = mapped_column(JSON)
    reviewer: Mapped[str] = mapped_column(String(200), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="applied")
    label: Mapped[str | None] = mapped_column(Text)  # what it was, in words, for the log
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class TimelineEntryRow(Base):
    """A claim on the timeline of one global entity (an argument of it, or its speaker),
    with the keys the timeline is ordered by (undated: ``9999-12-31``), so a page is an
    index range. Kept by :mod:`counterclaim.store.readmodels`."""

    __tablename__ = "timeline_entry"
    __table_args__ = (
        Index("ix_timeline_page", "subject", "when_day", "said_day", "doc_id", "local_id"),
    )

    subject: Mapped[str] = mapped_column(String(200), primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(32))  # the first role it fills, or "speaker"
    when_day: Mapped[str] = mapped_column(String(10))
    said_day: Mapped[str] = mapped_column(String(10))
    doc_id: Mapped[str] = mapped_column(String(128), index=True)
    local_id: Mapped[int]


class TallyClaimRow(Base):
    """A figure claim (asserted, with a count, of a figure type) and its tally group:
    the hash of (type, victim, place) as resolved ids (the claim itself when no victim)."""

    __tablename__ = "tally_claim"

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    key: Mapped[str] = mapped_column(String(40), index=True)
    doc_id: Mapped[str] = mapped_column(String(128), index=True)


class TallyRow(Base):
    """A tally as compare makes it (``record``: its JSON), with the keys pages are read by."""

    __tablename__ = "tally"
    __table_args__ = (
        Index("ix_tally_page", "type", "sort_day", "place_name", "victim_name", "seq", "run"),
        Index(
            "ix_tally_place", "place", "type", "sort_day", "place_name", "victim_name", "seq", "run"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), index=True)
    type: Mapped[str] = mapped_column(String(64))
    victim: Mapped[str | None] = mapped_column(String(200), index=True)
    place: Mapped[str | None] = mapped_column(String(200))
    sort_day: Mapped[str] = mapped_column(String(10))
    place_name: Mapped[str] = mapped_column(String(500), default="")
    victim_name: Mapped[str] = mapped_column(String(500), default="")
    # compare's order among equal keys: its group's first claim in ledger order (undated
    # document last, document, claim), then the run within the group
    seq: Mapped[str] = mapped_column(String(200), default="")
    run: Mapped[int] = mapped_column(default=0)
    record: Mapped[str] = mapped_column(Text)


class ReadDueRow(Base):
    """What a read model must make again: ``kind`` ``timeline`` (a document id) or
    ``tally`` (a tally group key); ``*`` as key: all of that kind."""

    __tablename__ = "read_due"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)


class EntityItemRow(Base):
    """One line of a global entity's page (:mod:`counterclaim.store.entityrows`): a
    document it is linked in (``rel`` ``doc``, ``local_id`` 0, with its ``mentions`` there)
    or a statement by, about or through it (``by``, ``about``, ``via``: the attribution's
    local id), with the keys the page is ordered by (newest document first), so a page is
    one index range. Made again with a document's timeline entries."""

    __tablename__ = "entity_item"

    global_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    rel: Mapped[str] = mapped_column(String(8), primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(128), primary_key=True, index=True)
    local_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    undated: Mapped[int] = mapped_column(default=0)  # 1: the document has no date (last)
    doc_date: Mapped[str] = mapped_column(String(10), default="")
    ingested: Mapped[str] = mapped_column(String(32), default="")  # ISO, UTC
    mentions: Mapped[int] = mapped_column(default=0)
    forms: Mapped[list[Any] | None] = mapped_column(JSON)  # ``doc``: how it is written there


Index(
    "ix_entity_item_page",
    EntityItemRow.global_id,
    EntityItemRow.rel,
    EntityItemRow.undated,
    EntityItemRow.doc_date.desc(),
    EntityItemRow.ingested.desc(),
    EntityItemRow.doc_id.desc(),
    EntityItemRow.local_id,
)


class EntityCountRow(Base):
    """What the entity list orders a global entity by: the statements it made, the
    documents it is in and its mentions there, kept equal to its ``entity_item`` rows; and
    the claims it is an argument of (its ``timeline_entry`` rows but as speaker only), for
    the timeline's landing page."""

    __tablename__ = "entity_count"

    global_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    statements: Mapped[int] = mapped_column(default=0)
    documents: Mapped[int] = mapped_column(default=0)
    mentions: Mapped[int] = mapped_column(default=0)
    claims: Mapped[int] = mapped_column(default=0, index=True)


class EntityFormRow(Base):
    """A way a global entity is written in the documents (a mention's text, pronouns
    aside) and in how many documents, kept equal to its ``entity_item`` rows: the aliases
    of the entity list, and what its search matches."""

    __tablename__ = "entity_form"

    global_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    form: Mapped[str] = mapped_column(String(500), primary_key=True)
    documents: Mapped[int] = mapped_column(default=0)


Index(
    "ix_entity_count_order",
    EntityCountRow.statements.desc(),
    EntityCountRow.documents.desc(),
    EntityCountRow.mentions.desc(),
)
