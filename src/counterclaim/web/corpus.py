"""Reading the ledger for the web: reads go through :mod:`counterclaim.pipeline`.

These helpers shape what the pipeline returns (headlines, snippets, document references,
matching names); the one read of their own is :func:`global_keys`, the table of
cross-document entity links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from counterclaim import pipeline
from counterclaim.records import Analysis, Attribution, Document, Entity
from counterclaim.web.schemas import AttributionItem, DocumentRef, DocumentSummary, Snippet

HEADLINE_CHARS = 90
SNIPPET_CHARS = 80
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s")


HEADLINE_WINDOW = 8 * HEADLINE_CHARS  # body characters read for a headline


def headline(doc: Document) -> str:
    """The title, else the body's first sentence cut to about :data:`HEADLINE_CHARS`.

    Only the body's first :data:`HEADLINE_WINDOW` characters are read, so the cost does not
    grow with the article (pages call this once per statement)."""
    if doc.title:
        return doc.title
    body = " ".join(doc.text[doc.body_start : doc.body_start + HEADLINE_WINDOW].split())
    if not body:
        return doc.id
    first = _SENTENCE_END.split(body, maxsplit=1)[0]
    if len(first) <= HEADLINE_CHARS:
        return first
    cut = first[:HEADLINE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def ref(doc: Document) -> DocumentRef:
    """A link-sized reference to a document."""
    return DocumentRef(doc.id, headline(doc), doc.date, doc.publisher)


def summary(doc: Document, attributions: int, snippet: Snippet | None = None) -> DocumentSummary:
    """A document-list row."""
    return DocumentSummary(
        id=doc.id,
        headline=headline(doc),
        date=doc.date,
        publisher=doc.publisher,
        dateline=doc.dateline.text if doc.dateline else None,
        title=doc.title,
        url=doc.url,
        origin=doc.origin,
        attributions=attributions,
        snippet=snippet,
    )


def snippet(text: str, needle: str) -> Snippet | None:
    """The first case-insensitive match of ``needle`` in ``text`` with some context."""
    found = re.search(re.escape(needle), text, re.IGNORECASE) if needle else None
    if found is None:
        return None
    at, end = found.span()
    lo, hi = max(0, at - SNIPPET_CHARS), min(len(text), end + SNIPPET_CHARS)
    before = ("…" if lo else "") + _SPACE.sub(" ", text[lo:at]).lstrip()
    after = _SPACE.sub(" ", text[end:hi]).rstrip() + ("…" if hi < len(text) else "")
    return Snippet(before, text[at:end], after)


def documents(engine: Engine) -> list[tuple[Document, int]]:
    """Every stored document with its number of attributions, newest first."""
    found = pipeline.documents(engine)  # oldest first, undated last
    dated = [item for item in found if item[0].date is not None]
    undated = [item for item in found if item[0].date is None]
    return dated[::-1] + undated


def analyses(engine: Engine, docs: Iterable[Document] | None = None) -> Iterator[Analysis]:
    """Everything stored for each document (all of them by default), newest first."""
    for doc in docs if docs is not None else (d for d, _ in documents(engine)):
        yield pipeline.document_analysis(engine, doc.id)


def global_keys(engine: Engine) -> dict[tuple[str, str], str]:
    """(document id, entity key) -> the global entity it is linked to across documents."""
    from counterclaim.store.entities import load_links

    with Session(engine) as session:
        return load_links(session)


def item(attr: Attribution, doc: DocumentRef, side: str | None = None) -> AttributionItem:
    """An attribution with its printable speaker and chain, and the speaker's side."""
    label, chain = pipeline.speaker_label(attr), pipeline.format_chain(attr)
    return AttributionItem(attr, label, chain, doc, side)


def names(entity: Entity) -> set[str]:
    """Every way the entity is written, case-folded: key, name and mention texts."""
    return {entity.key.casefold(), entity.name.casefold()} | {
        m.text.casefold() for m in entity.mentions
    }


def entity_matches(entity: Entity, query: str) -> bool:
    """Whether ``query`` names the entity: its key or a written form, or part of its name."""
    q = query.strip().casefold()
    return bool(q) and (q in names(entity) or q in entity.name.casefold())


def sides(analysis: Analysis) -> dict[str, str]:
    """Entity key -> side of the conflict, for the entities whose side is known."""
    return {e.key: e.side for e in analysis.entities if e.side}


def mentioned_in(analysis: Analysis, attr: Attribution) -> set[str]:
    """Keys of the entities named inside the attribution's content."""
    span = attr.content
    return {
        m.entity
        for m in analysis.mentions
        if m.entity is not None and span.start <= m.span.start and m.span.end <= span.end
    }
