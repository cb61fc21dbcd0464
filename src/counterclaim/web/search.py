"""Search across articles, attributions and claims.

Statements are found by full-text search (:func:`counterclaim.pipeline.search_statements`:
contents, speakers with their surnames and their entities' aliases, reporting verbs, and
article titles; stemmed, ranked best first);
articles and claims by the words they contain."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Engine

from counterclaim import pipeline
from counterclaim.web import corpus
from counterclaim.web.claims import claim_list
from counterclaim.web.deps import DateRange, EngineDep, PageDep, Paging, clean, render
from counterclaim.web.documents import DocumentFilters, list_documents
from counterclaim.web.schemas import (
    AttributionPage,
    ClaimPage,
    DocumentPage,
    DocumentRef,
    SearchView,
)

router = APIRouter(tags=["search"])

QueryParam = Annotated[
    str | None, Query(max_length=200, description="Words to find (case-insensitive).")
]


def search(engine: Engine, q: str | None, page: Paging) -> SearchView:
    """Documents (title or text), attributions (content) and claims containing ``q``."""
    q = clean(q)
    if q is None:
        return SearchView("", DocumentPage([], 0, page.limit, page.offset),
                          AttributionPage([], 0, page.limit, page.offset),
                          ClaimPage([], 0, page.limit, page.offset))  # fmt: skip
    docs = list_documents(engine, DocumentFilters(q=q), DateRange(), page)
    return SearchView(q, docs, statements(engine, q, page), claim_list(engine, None, None, q, page))


def statements(engine: Engine, q: str, page: Paging) -> AttributionPage:
    """A page of the statements full-text search finds, best first, with the total."""
    found = pipeline.search_statements(engine, q, limit=page.limit, offset=page.offset)
    refs: dict[str, DocumentRef] = {}
    items = []
    for hit in found.hits:
        doc_id = hit.attribution.doc_id
        if doc_id not in refs:
            refs[doc_id] = corpus.ref(pipeline.document_analysis(engine, doc_id).document)
        items.append(corpus.item(hit.attribution, refs[doc_id]))
    return AttributionPage(items, found.total, page.limit, page.offset)


@router.get("/api/search", response_model=SearchView, summary="Search")
def api_search(engine: EngineDep, page: PageDep, q: QueryParam = None) -> SearchView:
    """Articles, attributions and claims containing the words, a page of each with totals."""
    return search(engine, q, page)


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(
    request: Request, engine: EngineDep, page: PageDep, q: QueryParam = None
) -> HTMLResponse:
    return render(request, "search.html", search(engine, q, page))
