"""Entities across documents: the list, and every attribution by, about and through one.

Document entities are grouped by the global entity the cross-document linker put them in
(:mod:`counterclaim.resolve.crossdoc`), so "Fashti" in one article and "Dashti" in another are
one page when the ledger linked them. An entity not linked (yet) keeps its document key.
Links from an article carry ``?doc=ID`` with the document's own key; the page resolves
that to the global entity and redirects to its address.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine

from counterclaim import pipeline
from counterclaim.records import Analysis, Entity, Geo
from counterclaim.web import corpus
from counterclaim.web.deps import NOT_FOUND, EngineDep, PageDep, Paging, clean, render
from counterclaim.web.schemas import (
    AttributionItem,
    DocumentRef,
    EntityPage,
    EntitySummary,
    EntityView,
)

router = APIRouter(tags=["entities"])

PRONOUN_LABELS = frozenset({"PRON"})
ITEMS = 50  # statements of each kind (by, about, via) on an entity page


@dataclass(slots=True)
class _Group:
    """One entity key gathered over the documents it appears in."""

    key: str
    names: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    aliases: dict[str, None] = field(default_factory=dict)
    roles: dict[str, None] = field(default_factory=dict)
    side: str | None = None
    geo: Geo | None = None
    docs: list[DocumentRef] = field(default_factory=list)
    mentions: int = 0
    by: list[AttributionItem] = field(default_factory=list)
    about: list[AttributionItem] = field(default_factory=list)
    via: list[AttributionItem] = field(default_factory=list)

    def summary(self) -> EntitySummary:
        name = max(self.names, key=lambda n: (self.names[n], len(n)))
        kind = self.types.most_common(1)[0][0]
        aliases = [a for a in self.aliases if a.casefold() != name.casefold()]
        return EntitySummary(self.key, name, kind, self.side, aliases, list(self.roles),
                             len(self.docs), self.mentions, len(self.by))  # fmt: skip


def _add(
    groups: dict[str, _Group],
    analysis: Analysis,
    links: dict[tuple[str, str], str],
    with_items: bool,
) -> None:
    doc = corpus.ref(analysis.document)

    def gid(key: str) -> str:
        return links.get((doc.id, key), key)

    written: dict[str, list[str]] = defaultdict(list)
    for mention in analysis.mentions:
        if mention.entity is not None and mention.label not in PRONOUN_LABELS:
            written[mention.entity].append(" ".join(mention.span.text.split()))
    by_name: dict[str, str] = {}
    sides = corpus.sides(analysis)
    for entity in analysis.entities:
        group = groups.setdefault(gid(entity.key), _Group(gid(entity.key)))
        _merge(group, entity, written.get(entity.key, []), doc)
        for name in corpus.names(entity):
            by_name.setdefault(name, entity.key)
    for attr in analysis.attributions:
        said = corpus.item(attr, doc, sides.get(attr.speaker or ""))
        speaker = gid(attr.speaker) if attr.speaker else None
        if speaker in groups:
            groups[speaker].by.append(said)
        if not with_items:
            continue
        about = corpus.mentioned_in(analysis, attr)
        if attr.recipient and attr.recipient.casefold() in by_name:
            about.add(by_name[attr.recipient.casefold()])
        for key in {gid(k) for k in about} - {speaker}:
            groups[key].about.append(said)
        through = {gid(by_name[n.casefold()]) for n in attr.chain if n.casefold() in by_name}
        for key in through - {speaker}:
            groups[key].via.append(said)


def _merge(group: _Group, entity: Entity, written: list[str], doc: DocumentRef) -> None:
    group.names[entity.name] += 1
    group.types[entity.type] += 1
    group.aliases.update(dict.fromkeys(written))
    group.roles.update(dict.fromkeys(entity.roles))
    group.side = group.side or entity.side
    group.geo = group.geo or entity.geo
    group.mentions += len(entity.mentions)
    if not group.docs or group.docs[-1].id != doc.id:
        group.docs.append(doc)


def _groups(
    engine: Engine, links: dict[tuple[str, str], str], with_items: bool = False
) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    for analysis in corpus.analyses(engine):
        _add(groups, analysis, links, with_items)
    return groups


def global_key(links: dict[tuple[str, str], str], key: str, doc: str | None) -> str:
    """The global entity a page address names.

    ``key`` with ``doc`` is that document's entity key; ``key`` alone is a global id, or a
    document key that every document links to the same global entity.
    """
    if doc is not None:
        return links.get((doc, key), key)
    if key in links.values():
        return key
    linked = {g for (_, k), g in links.items() if k == key}
    return linked.pop() if len(linked) == 1 else key


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
    """Entities matching the filters, most quoted first, one page of them with the total."""
    found = []
    for group in _groups(engine, corpus.global_keys(engine)).values():
        entity = group.summary()
        if filters.type and entity.type.casefold() != filters.type.casefold():
            continue
        if filters.q and not _matches(entity, filters.q):
            continue
        found.append(entity)
    found.sort(key=lambda e: (-e.statements, -e.documents, -e.mentions, e.name.casefold()))
    return EntityPage(page.take(found), len(found), page.limit, page.offset)


def _matches(entity: EntitySummary, q: str) -> bool:
    q = q.casefold()
    return q == entity.key.casefold() or any(
        q in name.casefold() for name in (entity.name, *entity.aliases)
    )


def entity_view(engine: Engine, key: str, doc: str | None = None, limit: int = ITEMS) -> EntityView:
    """The statements by, about and through the entity with this key, ``limit`` of each
    (newest document first), read by index (:func:`counterclaim.pipeline.entity_page`).

    ``key`` is a global entity id, or with ``doc`` that document's own entity key.

    Raises:
        HTTPException: 404 when no entity goes by this key.
    """
    found = pipeline.entity_page(engine, key, doc, limit=limit)
    if found is None:
        raise HTTPException(404, f"no entity with key {key!r}")
    g = found.entity
    aliases = [a for a in g.aliases if a.casefold() != g.name.casefold()]
    summary = EntitySummary(g.id, g.name, g.type, g.side, aliases, list(g.roles),
                            found.document_total, found.mentions, found.statements)  # fmt: skip

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
def api_entity(key: str, engine: EngineDep, doc: DocQuery = None) -> EntityView:
    """Every attribution by, about and through an entity, with its aliases and documents.

    Entities are grouped across documents; ``key`` is the global id (``?doc=`` to name a
    document's own entity key instead).
    """
    return entity_view(engine, key, doc)


@router.get("/entities", response_class=HTMLResponse, include_in_schema=False)
def entities_page(
    request: Request, engine: EngineDep, filters: FiltersDep, page: PageDep
) -> HTMLResponse:
    view = list_entities(engine, filters, page)
    return render(request, "entities.html", view, filters=filters)


@router.get(
    "/entities/{key}", response_class=HTMLResponse, response_model=None, include_in_schema=False
)
def entity_page(request: Request, key: str, engine: EngineDep, doc: DocQuery = None) -> Response:
    view = entity_view(engine, key, doc)
    if view.entity.key != key or doc is not None:
        return RedirectResponse(request.url_for("entity_page", key=view.entity.key), 303)
    return render(request, "entity.html", view)
