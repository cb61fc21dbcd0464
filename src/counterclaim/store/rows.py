"""Converting between ledger rows and records (documents, attributions, entities, mentions).

Nothing here queries: each function turns one record into its row or one row back into
its frozen record of :mod:`counterclaim.records`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, fields
from typing import Any

from counterclaim.records import Analysis, Attribution, Document, Entity, Geo, Mention, Span
from counterclaim.store.models import (
    AttributionRow,
    DocumentRow,
    EntityRow,
    MentionRow,
)

# -- records -> rows ------------------------------------------------------------------


def geo_json(geo: Geo | None) -> dict[str, Any] | None:
    """A ``Geo`` as a JSON object (None stays None)."""
    return asdict(geo) if geo is not None else None


def geo_record(data: Mapping[str, Any] | None) -> Geo | None:
    """The ``Geo`` stored by :func:`geo_json`."""
    if not data:
        return None
    known = {f.name for f in fields(Geo)}  # stored before or after a field was added
    return Geo(**{k: v for k, v in data.items() if k in known})


def span_cols(prefix: str, span: Span | None) -> dict[str, object]:
    if span is None:
        return {f"{prefix}_start": None, f"{prefix}_end": None, f"{prefix}_text": None}
    return {f"{prefix}_start": span.start, f"{prefix}_end": span.end, f"{prefix}_text": span.text}


def document_values(analysis: Analysis, ingested_at: dt.datetime) -> dict[str, Any]:
    """The ``document`` row of an analysis, as column values."""
    doc = analysis.document
    return {
        "id": doc.id,
        "text": doc.text,
        "body_start": doc.body_start or 0,
        "date": doc.date,
        "publisher": doc.publisher,
        "title": doc.title,
        "url": doc.url,
        "origin": doc.origin,
        "author": doc.author,
        "section": doc.section,
        "keywords": list(doc.keywords) or None,
        "warnings": list(analysis.warnings),
        "ingested_at": ingested_at,
        **span_cols("dateline", doc.dateline),
        **span_cols("header", doc.header),
    }


def attribution_values(doc_id: str, attr: Attribution) -> dict[str, Any]:
    """The ``attribution`` row of an attribution, as column values (its chain links are
    :func:`chain_values`, once the row has its id)."""
    return {
        "doc_id": doc_id,
        "local_id": attr.id,
        "kind": attr.kind,
        "stance": attr.stance,
        "speaker": attr.speaker,
        "speaker_name": attr.speaker_name,
        "responds_to": attr.responds_to,
        "opposes": attr.opposes,
        "chain": list(attr.chain),
        "channel": attr.channel,
        "recipient": attr.recipient,
        "date": attr.date,
        "confidence": attr.confidence,
        "method": attr.method,
        **span_cols("cue", attr.cue),
        **span_cols("content", attr.content),
        **span_cols("source", attr.source),
        **span_cols("sentence", attr.sentence),
    }


def chain_values(attribution_id: int, attr: Attribution) -> list[dict[str, Any]]:
    """The ``chain_link`` rows of a stored attribution, innermost first."""
    return [
        {"attribution_id": attribution_id, "position": i, "name": name}
        for i, name in enumerate(attr.chain)
    ]


def entity_values(doc_id: str, position: int, entity: Entity) -> dict[str, Any]:
    """The ``entity`` row of a document entity, as column values."""
    return {
        "doc_id": doc_id,
        "position": position,
        "key": entity.key,
        "name": entity.name,
        "type": entity.type,
        "mentions": [[s.start, s.end, s.text] for s in entity.mentions],
        "roles": list(entity.roles),
        "side": entity.side,
        "geo": geo_json(entity.geo),
    }


def mention_values(doc_id: str, position: int, mention: Mention) -> dict[str, Any]:
    """The ``mention`` row of a mention, as column values."""
    return {
        "doc_id": doc_id,
        "position": position,
        "label": mention.label,
        "entity_key": mention.entity,
        "role": mention.role,
        "antecedent": mention.antecedent,
        **span_cols("span", mention.span),
    }


# -- rows -> records ------------------------------------------------------------------


def span_of(start: int | None, end: int | None, text: str | None) -> Span | None:
    if start is None or end is None:
        return None
    return Span(start, end, text if text is not None else "")


def to_document(row: DocumentRow) -> Document:
    return Document(
        id=row.id,
        text=row.text,
        body_start=row.body_start,
        date=row.date,
        publisher=row.publisher,
        dateline=span_of(row.dateline_start, row.dateline_end, row.dateline_text),
        header=span_of(row.header_start, row.header_end, row.header_text),
        title=row.title,
        url=row.url,
        origin=row.origin,
        author=row.author,
        section=row.section,
        keywords=tuple(row.keywords or ()),
    )


def to_attribution(row: AttributionRow) -> Attribution:
    return Attribution(
        doc_id=row.doc_id,
        id=row.local_id,
        cue=Span(row.cue_start, row.cue_end, row.cue_text),
        content=Span(row.content_start, row.content_end, row.content_text),
        kind=row.kind,  # type: ignore[arg-type]  # written from a Kind
        stance=row.stance,  # type: ignore[arg-type]  # written from a Stance
        source=span_of(row.source_start, row.source_end, row.source_text),
        speaker=row.speaker,
        speaker_name=row.speaker_name,
        responds_to=row.responds_to,
        opposes=row.opposes,
        chain=tuple(row.chain or ()),
        channel=row.channel,
        recipient=row.recipient,
        date=row.date,
        sentence=span_of(row.sentence_start, row.sentence_end, row.sentence_text),
        confidence=row.confidence,
        method=row.method,
    )


def to_entity(row: EntityRow) -> Entity:
    return Entity(
        key=row.key,
        name=row.name,
        type=row.type,
        mentions=tuple(Span(start, end, text) for start, end, text in row.mentions or ()),
        roles=tuple(row.roles or ()),
        side=row.side,
        geo=geo_record(row.geo),
    )


def to_mention(row: MentionRow) -> Mention:
    return Mention(
        span=Span(row.span_start, row.span_end, row.span_text),
        label=row.label,
        entity=row.entity_key,
        role=row.role,
        antecedent=row.antecedent,
    )
