"""Claims and what is made of them: the dispute board, timelines, fatalities, the map.

Every view calls one :mod:`counterclaim.pipeline` query (``disputes``, ``timeline``,
``fatalities``, ``claims``, ``entities``) and returns its JSON records unchanged, so the
page and ``/api/...`` show the same data; the pages add inline SVG charts (:mod:`.svg`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Engine

from counterclaim import pipeline
from counterclaim.compare import Entry
from counterclaim.web.deps import (
    AMBIGUOUS,
    NOT_FOUND,
    EngineDep,
    PageDep,
    Paging,
    ReviewState,
    clean,
    render,
)
from counterclaim.web.review import can_review
from counterclaim.web.schemas import (
    ClaimPage,
    DisputePage,
    FatalitiesView,
    PlacesView,
    TimelineView,
)
from counterclaim.web.svg import fatalities_chart, map_chart, timeline_chart

router = APIRouter(tags=["claims"])

Name = Annotated[str | None, Query(max_length=200, description="A name, alias or entity id.")]
MinConfidence = Annotated[
    float,
    Query(ge=0.0, le=1.0, description="Only claims at least this likely right (0-1)."),
]
#: Below this calibrated confidence a claim or figure is marked "low confidence".
LOW_CONFIDENCE = 0.5
PLACE_TYPES = frozenset({"PLACE", "GPE", "LOC"})


def dispute_board(
    engine: Engine, place: str | None, actor: str | None, page: Paging
) -> DisputePage:
    """Disputed propositions, the most recently claimed first: one page read from the
    stored disputes by index (``pipeline.disputes`` with a limit), and the total."""
    place, actor = clean(place), clean(actor)
    try:
        found = pipeline.reviewed_disputes(engine, place=place, actor=actor,
                                           limit=page.limit, offset=page.offset)  # fmt: skip
        total = pipeline.totals(engine, "disputes", subject=place, actor=actor)
    except pipeline.EntityNotFound as err:
        return DisputePage([], 0, page.limit, page.offset, notice=str(err))
    records = [{**pipeline.dispute_record(d), "key": key, "review_state": state}
               for key, state, d in found]  # fmt: skip
    return DisputePage(records, total, page.limit, page.offset)


def claim_list(
    engine: Engine,
    type_: str | None,
    doc: str | None,
    q: str | None,
    page: Paging,
    min_confidence: float = 0.0,
    review_state: str | None = None,
) -> ClaimPage:
    """One page of the stored claims of a type / document, whose proposition or evidence
    has ``q``, at least ``min_confidence`` likely right, in ``review_state`` (each with its
    state), and how many match: filtered and paged in SQL
    (:func:`counterclaim.pipeline.claim_page`)."""
    found, total = pipeline.claim_page(engine, type_=type_, doc=doc, q=q,
                                       min_confidence=min_confidence, review_state=review_state,
                                       limit=page.limit, offset=page.offset)  # fmt: skip
    states = pipeline.claim_states(engine, found)
    records = [{**pipeline.claim_record(c), "review_state": s}
               for c, s in zip(found, states, strict=True)]  # fmt: skip
    return ClaimPage(records, total, page.limit, page.offset)


def _timeline(
    engine: Engine, subject: str | None, page: Paging
) -> tuple[TimelineView, list[Entry]]:
    name = clean(subject)
    if name is None:  # the landing page: the places and actors that have entries
        found = pipeline.timeline_subjects(engine)
        rows = [{"id": x.id, "name": x.name, "type": x.type, "claims": x.claims} for x in found]
        places = [r for r, x in zip(rows, found, strict=True) if x.is_place]
        actors = [r for r, x in zip(rows, found, strict=True) if not x.is_place]
        return TimelineView("", [], places=places, actors=actors), []
    try:
        entries = pipeline.timeline(engine, name, limit=page.limit, offset=page.offset)
        total = pipeline.totals(engine, "timeline", subject=name)
    except pipeline.EntityNotFound as err:
        return TimelineView(name, [], notice=str(err)), []
    records = [pipeline.entry_record(e) for e in entries]
    return TimelineView(name, records, total=total, limit=page.limit,
                        offset=page.offset), entries  # fmt: skip


def fatality_tallies(
    engine: Engine, place: str | None, page: Paging, min_confidence: float = 0.0
) -> tuple[FatalitiesView, list[Any]]:
    """One page of the stored tallies (at one place), in compare's order, and the total;
    with ``min_confidence``, of the tallies of the figures at least that likely right (made
    at read time: the stored tallies hold every figure)."""
    place = clean(place)
    try:
        if min_confidence > 0.0:
            every = pipeline.fatalities(engine, place=place, min_confidence=min_confidence)
            tallies, total = page.take(every), len(every)
        else:
            tallies = pipeline.fatalities(engine, place=place, limit=page.limit,
                                          offset=page.offset)  # fmt: skip
            total = pipeline.totals(engine, "fatalities", subject=place)
    except pipeline.EntityNotFound as err:
        return FatalitiesView([], 0, page.limit, page.offset, notice=str(err)), []
    records = [pipeline.tally_record(t) for t in tallies]
    return FatalitiesView(records, total, page.limit, page.offset), tallies


def _places(engine: Engine) -> list[Any]:
    return [g for g in pipeline.entities(engine) if g.type in PLACE_TYPES and g.geo is not None]


# -- API ------------------------------------------------------------------------------


@router.get("/api/disputes", response_model=DisputePage, summary="Disputed propositions")
def api_disputes(engine: EngineDep, page: PageDep, place: Name = None, actor: Name = None
                 ) -> DisputePage:  # fmt: skip
    """Each disputed proposition with the claims for and against it (who, through whom,
    when, in which sentence), newest first; filter by a place or an actor."""
    return dispute_board(engine, place, actor, page)


@router.get("/api/claims", response_model=ClaimPage, responses={**NOT_FOUND, **AMBIGUOUS},
            summary="List claims")  # fmt: skip
def api_claims(
    engine: EngineDep,
    page: PageDep,
    type: Annotated[
        str | None, Query(max_length=64, description="fatalities, capture, ...")
    ] = None,
    doc: Annotated[str | None, Query(max_length=128, description="Document id or prefix.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the claim.")] = None,
    min_confidence: MinConfidence = 0.0,
    review_state: Annotated[
        ReviewState | None,
        Query(
            description="Only claims left as the machine made them, confirmed (reviewed) "
            "or corrected (the claim or its statement)."
        ),
    ] = None,
) -> ClaimPage:
    """Typed propositions normalized from the statements, with who said them, the
    calibrated probability that each is right (``confidence``) and the review state."""
    return claim_list(engine, clean(type), clean(doc), clean(q), page, min_confidence,
                      review_state)  # fmt: skip


@router.get("/api/timeline", response_model=TimelineView, summary="Timeline of a subject")
def api_timeline(engine: EngineDep, page: PageDep, subject: Name = None) -> TimelineView:
    """Claims about a place or an entity, by the date of the event, one page with the total."""
    return _timeline(engine, subject, page)[0]


@router.get("/api/fatalities", response_model=FatalitiesView, summary="Fatality figures")
def api_fatalities(engine: EngineDep, page: PageDep, place: Name = None,
                   min_confidence: MinConfidence = 0.0) -> FatalitiesView:  # fmt: skip
    """Figures by source (low, best, high) for each victim, place and period, each with
    its calibrated confidence, one page with the total; ``place`` keeps the tallies at one
    place, ``min_confidence`` tallies only figures at least that likely right."""
    return fatality_tallies(engine, place, page, min_confidence)[0]


@router.get("/api/map", response_model=PlacesView, summary="Places with coordinates")
def api_map(engine: EngineDep) -> PlacesView:
    """Places named across the ledger, with their coordinates where known."""
    return PlacesView([pipeline.entity_record(g) for g in _places(engine)])


# -- pages ----------------------------------------------------------------------------


@router.get("/disputes", response_class=HTMLResponse, include_in_schema=False)
def disputes_page(request: Request, engine: EngineDep, page: PageDep, place: Name = None,
                  actor: Name = None) -> HTMLResponse:  # fmt: skip
    view = dispute_board(engine, place, actor, page)
    return render(request, "disputes.html", view, place=place or "", actor=actor or "",
                  can_review=can_review(request))  # fmt: skip


@router.get("/claims", response_class=HTMLResponse, include_in_schema=False)
def claims_page(request: Request, engine: EngineDep, page: PageDep, type: str | None = None,
                doc: str | None = None, q: str | None = None,
                min_confidence: MinConfidence = 0.0) -> HTMLResponse:  # fmt: skip
    view = claim_list(engine, clean(type), clean(doc), clean(q), page, min_confidence)
    return render(request, "claims.html", view, type=type or "", q=q or "",
                  min_confidence=min_confidence, low=LOW_CONFIDENCE)  # fmt: skip


@router.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
def timeline_page(request: Request, engine: EngineDep, page: PageDep, subject: Name = None
                  ) -> HTMLResponse:  # fmt: skip
    view, entries = _timeline(engine, subject, page)
    return render(request, "timeline.html", view, chart=timeline_chart(entries))


@router.get("/fatalities", response_class=HTMLResponse, include_in_schema=False)
def fatalities_page(request: Request, engine: EngineDep, page: PageDep, place: Name = None,
                    min_confidence: MinConfidence = 0.0) -> HTMLResponse:  # fmt: skip
    view, tallies = fatality_tallies(engine, place, page, min_confidence)
    return render(request, "fatalities.html", view, charts=[fatalities_chart(t) for t in tallies],
                  min_confidence=min_confidence, low=LOW_CONFIDENCE)  # fmt: skip


@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def map_page(request: Request, engine: EngineDep) -> HTMLResponse:
    places = _places(engine)
    view = PlacesView([pipeline.entity_record(g) for g in places])
    return render(request, "map.html", view, chart=map_chart(places))
