"""Events: the list of events linked across articles, and one event's page.

Each view calls :func:`counterclaim.pipeline.events` (or ``event``) and returns its JSON
records (``pipeline.event_record``) unchanged, so the page and ``/api/events`` show the same
data: the event's descriptions, tolls by source as series, responsibility claims and the
disputes its claims are in.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Engine

from counterclaim import pipeline
from counterclaim.web.deps import NOT_FOUND, EngineDep, PageDep, Paging, clean, render
from counterclaim.web.schemas import EventPage

router = APIRouter(tags=["events"])

Place = Annotated[str | None, Query(max_length=200, description="A place: name, alias or id.")]
EventId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The event's id.")]


def event_list(engine: Engine, place: str | None, page: Paging) -> EventPage:
    """Stored events at a place (or all), latest first, one page with the total."""
    try:
        found = pipeline.events(engine, place=clean(place))
    except pipeline.EntityNotFound as err:
        return EventPage([], 0, page.limit, page.offset, notice=str(err))
    records = [pipeline.event_record(v) for v in found]
    return EventPage(page.take(records), len(records), page.limit, page.offset)


def event_view(engine: Engine, event_id: int) -> dict[str, Any]:
    return pipeline.event_record(pipeline.event(engine, event_id))


@router.get("/api/events", response_model=EventPage, summary="Events across articles")
def api_events(engine: EngineDep, page: PageDep, place: Place = None) -> EventPage:
    """Events (attacks, bombings, clashes, ...) linked across articles, each with its
    descriptions, casualty figures as series per source, responsibility claims and
    disputes; filter by a place."""
    return event_list(engine, place, page)


@router.get("/api/events/{event_id}", responses={**NOT_FOUND}, summary="One event")
def api_event(engine: EngineDep, event_id: EventId) -> dict[str, Any]:
    """One event with everything said about it."""
    return event_view(engine, event_id)


@router.get("/events", response_class=HTMLResponse, include_in_schema=False)
def events_page(request: Request, engine: EngineDep, page: PageDep, place: Place = None
                ) -> HTMLResponse:  # fmt: skip
    view = event_list(engine, place, page)
    return render(request, "events.html", view, place=place or "")


@router.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
def event_page(request: Request, engine: EngineDep, event_id: EventId) -> HTMLResponse:
    return render(request, "event.html", event_view(engine, event_id))
