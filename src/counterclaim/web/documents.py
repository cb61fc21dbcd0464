"""Documents: the list (with search and filters) and the article reader, page and JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Engine

from counterclaim import pipeline
from counterclaim.records import Analysis, Document
from counterclaim.web import corpus
from counterclaim.web.deps import (
    AMBIGUOUS,
    NOT_FOUND,
    DateRange,
    DatesDep,
    EngineDep,
    PageDep,
    Paging,
    clean,
    render,
)
from counterclaim.web.highlight import segments
from counterclaim.web.review import can_review
from counterclaim.web.schemas import DocumentPage, DocumentView

router = APIRouter(tags=["documents"])
ROLES = ("actor", "place", "target", "victim")  # the roles the argument control offers first

PLACE_TYPES = frozenset({"PLACE", "GPE", "LOC"})


@dataclass(frozen=True, slots=True)
class DocumentFilters:
    """What to look for in the document list; words and names match apart from case."""

    q: str | None = None
    publisher: str | None = None
    place: str | None = None
    actor: str | None = None


def get_filters(
    q: Annotated[
        str | None, Query(max_length=200, description="Words in the title or text.")
    ] = None,
    publisher: Annotated[
        str | None, Query(max_length=200, description="Publisher, e.g. TASS.")
    ] = None,
    place: Annotated[
        str | None, Query(max_length=200, description="A place in the dateline or the text.")
    ] = None,
    actor: Annotated[
        str | None, Query(max_length=200, description="A person or group named in the text.")
    ] = None,
) -> DocumentFilters:
    """Document filters from the query string."""
    return DocumentFilters(clean(q), clean(publisher), clean(place), clean(actor))


FiltersDep = Annotated[DocumentFilters, Depends(get_filters)]


def _names_place(analysis: Analysis, place: str) -> bool:
    doc = analysis.document
    if doc.dateline is not None and place.casefold() in doc.dateline.text.casefold():
        return True
    return any(e.type in PLACE_TYPES and corpus.entity_matches(e, place) for e in analysis.entities)


def _names_actor(analysis: Analysis, actor: str) -> bool:
    return any(
        e.type not in PLACE_TYPES and corpus.entity_matches(e, actor) for e in analysis.entities
    )


def list_documents(
    engine: Engine, filters: DocumentFilters, dates: DateRange, page: Paging
) -> DocumentPage:
    """Documents matching the filters, newest first, one page of them with the total."""
    q, publisher, place, actor = filters.q, filters.publisher, filters.place, filters.actor
    found = []
    for doc, count in corpus.documents(engine):
        if publisher and (doc.publisher or "").casefold() != publisher.casefold():
            continue
        if dates and not dates.contains(doc.date):
            continue
        snip = None
        if q:
            snip = corpus.snippet(doc.title or "", q) or corpus.snippet(doc.text, q)
            if snip is None:
                continue
        found.append((doc, count, snip))
    if place or actor:
        kept = []
        for doc, count, snip in found:
            analysis = pipeline.document_analysis(engine, doc.id)
            if (not place or _names_place(analysis, place)) and (
                not actor or _names_actor(analysis, actor)
            ):
                kept.append((doc, count, snip))
        found = kept
    items = [corpus.summary(d, n, s) for d, n, s in page.take(found)]
    return DocumentPage(items, len(found), page.limit, page.offset)


def document_view(engine: Engine, doc_id: str) -> DocumentView:
    """The article with its attributions, entities, mentions and claims.

    Raises:
        DocumentNotFound, AmbiguousDocument: ``doc_id`` is not a stored id or unique prefix.
    """
    analysis = pipeline.document_analysis(engine, doc_id)
    return _view(analysis)


def _view(analysis: Analysis) -> DocumentView:
    doc: Document = analysis.document
    return DocumentView(
        document=doc,
        headline=corpus.headline(doc),
        attributions=list(analysis.attributions),
        entities=list(analysis.entities),
        mentions=list(analysis.mentions),
        claims=list(analysis.claims),
        warnings=list(analysis.warnings),
    )


# -- routes ---------------------------------------------------------------------------


@router.get("/api/documents", response_model=DocumentPage, summary="List or search documents")
def api_documents(
    engine: EngineDep, filters: FiltersDep, dates: DatesDep, page: PageDep
) -> DocumentPage:
    """Stored documents, newest first, filtered by words, publisher, place, actor and date."""
    return list_documents(engine, filters, dates, page)


@router.get(
    "/api/documents/{doc_id}",
    response_model=DocumentView,
    responses={**NOT_FOUND, **AMBIGUOUS},
    summary="One document",
)
def api_document(doc_id: str, engine: EngineDep) -> DocumentView:
    """A document with its text and every span extracted from it (offsets into the text).

    ``doc_id`` may be a unique prefix of the id.
    """
    return document_view(engine, doc_id)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
@router.get("/documents", response_class=HTMLResponse, include_in_schema=False)
def documents_page(
    request: Request, engine: EngineDep, filters: FiltersDep, dates: DatesDep, page: PageDep
) -> HTMLResponse:
    view = list_documents(engine, filters, dates, page)
    return render(request, "documents.html", view, filters=filters, dates=dates)


@router.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
def document_page(request: Request, doc_id: str, engine: EngineDep) -> HTMLResponse:
    analysis = pipeline.document_analysis(engine, doc_id)
    view = _view(analysis)
    sides = corpus.sides(analysis)
    by_id = {a.id: a for a in view.attributions}
    denied_by: dict[int, list[int]] = {}
    for attr in view.attributions:
        if attr.responds_to is not None and attr.responds_to in by_id:
            denied_by.setdefault(attr.responds_to, []).append(attr.id)
    keys = {e.key for e in view.entities}
    attr_states, claim_states, rejected = pipeline.review.document_review(engine, view.document.id)
    claims_of: dict[int, list[tuple[object, str]]] = {}
    for c in view.claims:
        state = "rejected" if c.id in rejected else claim_states.get(c.id, "machine")
        claims_of.setdefault(c.attribution, []).append((c, state))
    names = {e.key: e.name for e in view.entities}
    args = {
        c.id: [(role, "; ".join(names.get(k, k) for k in (v if isinstance(v, tuple) else (v,))))
               for role, v in sorted(c.args.items())]
        for c in view.claims
    }  # fmt: skip
    reviews = {
        a.id: {"can": can_review(request), "state": attr_states.get(a.id, "machine"),
               "claims": claims_of.get(a.id, []), "args": args, "roles": list(ROLES)}
        for a in view.attributions
    }  # fmt: skip
    return render(
        request,
        "document.html",
        view,
        segments=segments(analysis, sides),
        items={
            a.id: corpus.item(a, corpus.ref(view.document), sides.get(a.speaker or ""))
            for a in view.attributions
        },
        by_id=by_id,
        denied_by=denied_by,
        entity_keys=keys,
        entity_by_name=_entity_by_name(analysis),
        sides=sorted(set(sides.values())),
        reviews=reviews,
        can_review=can_review(request),
        entity_reviews=[(e, pipeline.review.entity_review_key(view.document.id, e))
                        for e in view.entities],
    )  # fmt: skip


def _entity_by_name(analysis: Analysis) -> dict[str, str]:
    """Written form (case-folded) -> entity key, to link the names in a chain."""
    found: dict[str, str] = {}
    for entity in analysis.entities:
        for name in corpus.names(entity):
            found.setdefault(name, entity.key)
    return found
