"""Attributions across the ledger: who claims what, through whom; page and JSON."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Engine

from counterclaim import pipeline
from counterclaim.records import Kind, Stance
from counterclaim.web import corpus
from counterclaim.web.deps import (
    AMBIGUOUS,
    NOT_FOUND,
    DateRange,
    DatesDep,
    EngineDep,
    PageDep,
    Paging,
    ReviewState,
    clean,
    render,
)
from counterclaim.web.schemas import AttributionItem, AttributionPage

router = APIRouter(tags=["attributions"])


@dataclass(frozen=True, slots=True)
class AttributionFilters:
    """What to look for among attributions; names match apart from case."""

    source: str | None = None
    via: str | None = None
    doc: str | None = None
    kind: str | None = None
    stance: str | None = None
    q: str | None = None
    min_confidence: float = 0.0
    review_state: str | None = None


def get_filters(
    source: Annotated[
        str | None,
        Query(max_length=200, description="Speaker: name, entity key or source phrase."),
    ] = None,
    via: Annotated[
        str | None, Query(max_length=200, description="An intermediary in the chain: Reuters.")
    ] = None,
    doc: Annotated[
        str | None, Query(max_length=128, description="Document id or unique prefix.")
    ] = None,
    kind: Annotated[Kind | None, Query(description="Kind of statement.")] = None,
    stance: Annotated[Stance | None, Query(description="assert or deny.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the content.")] = None,
    min_confidence: Annotated[
        float,
        Query(ge=0.0, le=1.0, description="Only statements at least this likely right (0-1)."),
    ] = 0.0,
    review_state: Annotated[
        ReviewState | None,
        Query(
            description="Only statements a person left as the machine made them, "
            "confirmed (reviewed) or corrected."
        ),
    ] = None,
) -> AttributionFilters:
    """Attribution filters from the query string."""
    return AttributionFilters(
        clean(source), clean(via), clean(doc), kind, stance, clean(q), min_confidence,
        review_state,
    )  # fmt: skip


FiltersDep = Annotated[AttributionFilters, Depends(get_filters)]


def list_attributions(
    engine: Engine, filters: AttributionFilters, dates: DateRange, page: Paging
) -> AttributionPage:
    """Attributions matching the filters, one page of them with the total.

    The date of an attribution is the statement's own date, else its document's.

    Raises:
        DocumentNotFound, AmbiguousDocument: ``doc`` matches no / several documents.
    """
    found = pipeline.attributions(
        engine,
        source=filters.source,
        doc=filters.doc,
        kind=filters.kind,
        stance=filters.stance,
        via=filters.via,
        min_confidence=filters.min_confidence,
        review_state=filters.review_state,
    )
    docs = {d.id: d for d, _ in pipeline.documents(engine)}
    items: list[AttributionItem] = []
    for attr in found:
        doc = docs.get(attr.doc_id)
        if doc is None:
            continue
        if dates and not dates.contains(attr.date or doc.date):
            continue
        if filters.q and corpus.snippet(attr.content.text, filters.q) is None:
            continue
        items.append(corpus.item(attr, corpus.ref(doc)))
    shown = _with_sides(engine, page.take(items))
    states = pipeline.attribution_states(engine, [i.attribution for i in shown])
    shown = [replace(i, review_state=s) for i, s in zip(shown, states, strict=True)]
    return AttributionPage(shown, len(items), page.limit, page.offset)


def _with_sides(engine: Engine, items: list[AttributionItem]) -> list[AttributionItem]:
    """Fill in the speakers' sides from the entities of the documents on this page."""
    sides: dict[str, dict[str, str]] = {}
    for doc_id in dict.fromkeys(i.attribution.doc_id for i in items):
        sides[doc_id] = corpus.sides(pipeline.document_analysis(engine, doc_id))
    return [
        replace(i, side=sides[i.attribution.doc_id].get(i.attribution.speaker or "")) for i in items
    ]


@router.get(
    "/api/attributions",
    response_model=AttributionPage,
    responses={**NOT_FOUND, **AMBIGUOUS},
    summary="List attributions",
)
def api_attributions(
    engine: EngineDep, filters: FiltersDep, dates: DatesDep, page: PageDep
) -> AttributionPage:
    """Who claims what, through whom: filter by speaker, intermediary, document, kind,
    stance, words in the content and date."""
    return list_attributions(engine, filters, dates, page)


@router.get("/attributions", response_class=HTMLResponse, include_in_schema=False)
def attributions_page(
    request: Request, engine: EngineDep, filters: FiltersDep, dates: DatesDep, page: PageDep
) -> HTMLResponse:
    view = list_attributions(engine, filters, dates, page)
    return render(request, "attributions.html", view, filters=filters, dates=dates)
