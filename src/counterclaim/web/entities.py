"""Entities across documents: the list, and every attribution by, about and through one.

Document entities are grouped by the global entity the cross-document linker put them in
(:mod:`counterclaim.resolve.crossdoc`), so "Fashti" in one article and "Dashti" in another are
one page when the ledger linked them. An entity not linked (yet) keeps its document key.
Links from an article carry ``?doc=ID`` with the document's own key; the page resolves
that to the global entity and redirects to its address.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine

from counterclaim import pipeline
from counterclaim.resolve.crossdoc import GlobalEntity
from counterclaim.web import corpus
from counterclaim.web.deps import NOT_FOUND, EngineDep, PageDep, Paging, clean, render
from counterclaim.web.schemas import AttributionItem, EntityPage, EntitySummary, EntityView

router = APIRouter(tags=["entities"])

ITEMS = 50  # statements of each kind (by, about, via) on an entity page


@dataclass(frozen=True, slots=True)
class EntityFilters:
    """What to look for in the entity list."""

    q: str | None = None
    type: str | None = None


def get_filters(
    q: Annotated[str | None, Query(max_length=200, description="Part of a name.")] = None,
    type: Annotated[
        str | None, Query(max_length=32, description="PERSON, ORG, MEDIA, PLACE, NORP, UNNAMED.")
    ] = None,
) -> EntityFilters:
    """Entity filters from the query string."""
    return EntityFilters(clean(q), clean(type))


FiltersDep = Annotated[EntityFilters, Depends(get_filters)]


def list_entities(engine: Engine, filters: EntityFilters, page: Paging) -> EntityPage:
    """Entities matching the filters, most quoted first (statements, documents, mentions,
    name), one page of them with the total: ordered and paged in SQL over the stored counts
    (:func:`counterclaim.pipeline.entity_list`)."""
    found, total = pipeline.entity_list(engine, q=filters.q, type_=filters.type,
                                        limit=page.limit, offset=page.offset)  # fmt: skip
    items = [_summary(g, documents, mentions, statements)
             for g, statements, documents, mentions in found]  # fmt: skip
    return EntityPage(items, total, page.limit, page.offset)


def _summary(g: GlobalEntity, documents: int, mentions: int, statements: int) -> EntitySummary:
    aliases = [a for a in g.aliases if a.casefold() != g.name.casefold()]
    return EntitySummary(g.id, g.name, g.type, g.side, aliases, list(g.roles), documents,
                         mentions, statements)  # fmt: skip


def entity_view(
    engine: Engine, key: str, doc: str | None = None, limit: int = ITEMS, offset: int = 0
) -> EntityView:
    """The statements by, about and through the entity with this key, ``limit`` of each
    after ``offset`` (newest document first), read by index from the stored entity index
    (:func:`counterclaim.pipeline.entity_page`).

    ``key`` is a global entity id, or with ``doc`` that document's own entity key.

    Raises:
        HTTPException: 404 when no entity goes by this key.
    """
    found = pipeline.entity_page(engine, key, doc, limit=limit, offset=offset)
    if found is None:
        raise HTTPException(404, f"no entity with key {key!r}")
    g = found.entity
    summary = _summary(g, found.document_total, found.mentions, found.statements)

    def items(rows: list[tuple[Any, Any, str | None]]) -> list[AttributionItem]:
        return [corpus.item(attr, corpus.ref(d), side) for attr, d, side in rows]

    return EntityView(summary, g.geo, [corpus.ref(d) for d in found.documents],
                      items(found.by), items(found.about), items(found.via))  # fmt: skip


DocQuery = Annotated[
    str | None,
    Query(max_length=64, description="A document id: then `key` is that document's entity key."),
]


# -- routes ---------------------------------------------------------------------------


@router.get("/api/entities", response_model=EntityPage, summary="List entities")
def api_entities(engine: EngineDep, filters: FiltersDep, page: PageDep) -> EntityPage:
    """People, groups, media and places across documents, most quoted first."""
    return list_entities(engine, filters, page)


@router.get(
    "/api/entities/{key}", response_model=EntityView, responses=NOT_FOUND, summary="One entity"
)
def api_entity(key: str, engine: EngineDep, page: PageDep, doc: DocQuery = None) -> EntityView:
    """The attributions by, about and through an entity (a page of each: ``limit`` after
    ``offset``, newest document first), with its aliases, documents and totals.

    Entities are grouped across documents; ``key`` is the global id (``?doc=`` to name a
    document's own entity key instead).
    """
    return entity_view(engine, key, doc, page.limit, page.offset)


@router.get("/entities", response_class=HTMLResponse, include_in_schema=False)
def entities_page(
    request: Request, engine: EngineDep, filters: FiltersDep, page: PageDep
) -> HTMLResponse:
    view = list_entities(engine, filters, page)
    return render(request, "entities.html", view, filters=filters)


@router.get(
    "/entities/{key}", response_class=HTMLResponse, response_model=None, include_in_schema=False
)
def entity_page(
    request: Request, key: str, engine: EngineDep, page: PageDep, doc: DocQuery = None
) -> Response:
    view = entity_view(engine, key, doc, page.limit, page.offset)
    if view.entity.key != key or doc is not None:
        return RedirectResponse(request.url_for("entity_page", key=view.entity.key), 303)
    return render(request, "entity.html", view)
