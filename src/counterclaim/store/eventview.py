"""Library queries over the stored events: each with its mentions, claims, tolls and disputes.

Re-exported by :mod:`counterclaim.pipeline`. :func:`events` first links whatever a write
left due (:func:`counterclaim.store.events.refresh_events`), then reads the stored events;
:func:`event_record` is the JSON both the CLI (``events --json``) and the API give:

- ``tolls``: casualty figures as series per source (:func:`counterclaim.compare.events.toll_series`:
  one source's successive figures are a revision, flagged ``revised``, never a dispute);
- ``compared``: different sources' latest figures for the same victims side by side;
- ``responsibility``: claims on who carried it out (or denials); ``weapons`` and
  ``launched_from`` with the statement each comes from; ``disputes``: the stored disputes
  holding one of its claims.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from counterclaim.compare.events import (
    Comparison,
    Series,
    compare_tolls,
    responsibility,
    said_on,
    toll_series,
)
from counterclaim.store.dispute_cache import refresh_disputes
from counterclaim.store.events import StoredEvent, read_events, refresh_events
from counterclaim.store.queries import (
    EntityNotFound,
    claim_record,
    dispute_record,
    resolve_subject,
)


class EventNotFound(EntityNotFound):
    """No stored event has this id."""


@dataclass(frozen=True, slots=True)
class EventView:
    event: StoredEvent
    series: tuple[Series, ...]
    compared: tuple[Comparison, ...]


def events(engine: Engine, *, place: str | None = None) -> list[EventView]:
    """Stored events, latest first, optionally at one place (a name, alias or id; an event
    counts as there when it or one of its mentions is placed there).

    Raises:
        EntityNotFound: ``place`` names nothing in the ledger.
    """
    with Session(engine) as session:
        places = resolve_subject(session, place) if place else None
    refresh_events(engine)
    refresh_disputes(engine)
    with Session(engine) as session:
        return [_view(e) for e in read_events(session, places=places)]


def event(engine: Engine, event_id: int) -> EventView:
    """One stored event.

    Raises:
        EventNotFound: No event has this id.
    """
    refresh_events(engine)
    refresh_disputes(engine)
    with Session(engine) as session:
        found = read_events(session, event_id=event_id)
    if not found:
        raise EventNotFound(f"no event with id {event_id}")
    return _view(found[0])


def _view(e: StoredEvent) -> EventView:
    series = toll_series(e.claims)
    return EventView(e, tuple(series), tuple(compare_tolls(series)))


def _figure(lc: object) -> dict[str, object]:
    record = claim_record(lc)  # type: ignore[arg-type]
    return {
        "said_on": said_on(lc),  # type: ignore[arg-type]
        "count": record["count"],
        "evidence": record["evidence"],
        "doc_id": record["doc_id"],
        "claim": record["id"],
        "sentence": record["said"]["sentence"],  # type: ignore[index]
    }


def event_record(view: EventView) -> dict[str, object]:
    """A JSON-ready event (see the module doc)."""
    e = view.event
    said = {(c.said.doc_id, c.said.attribution): c.said for c in e.claims}

    def who(doc_id: str, attribution: int | None) -> str:
        s = said.get((doc_id, attribution)) if attribution is not None else None
        if s is not None and s.speaker_name and s.speaker_name != "?":
            return s.speaker_name
        publisher = next((p for d, _, p in e.documents if d == doc_id), None)
        return publisher or "?" if attribution is None else "a source"

    return {
        "id": e.id, "family": e.family, "type": e.type, "place": e.place,
        "place_name": e.place_name, "first_day": e.first_day, "last_day": e.last_day,
        "title": title(e),
        "documents": [{"doc_id": d, "date": day, "publisher": p} for d, day, p in e.documents],
        "mentions": [{"doc_id": m.doc_id, "id": m.id, "text": m.span.text, "type": m.type,
                      "start": m.span.start, "end": m.span.end, "date": m.date or m.period,
                      "place": e.places.get(f"{m.doc_id}:{m.place}") if m.place else None}
                     for m in e.mentions],
        "tolls": [{"type": s.type, "source": s.source, "speaker": s.speaker, "victim": s.victim,
                   "revised": s.revised, "figures": [_figure(p) for p in s.points]}
                  for s in view.series],
        "compared": [{"type": c.type, "victim": c.victim, "differ": c.differ,
                      "latest": [{"source": src, **_figure(lc)} for src, lc in c.latest]}
                     for c in view.compared],
        "responsibility": [claim_record(c) for c in responsibility(e.claims)],
        "weapons": [{"weapon": m.weapon, "doc_id": m.doc_id, "source": who(m.doc_id, m.attribution)}
                    for m in e.mentions if m.weapon],
        "launched_from": [{"place": e.places.get(f"{m.doc_id}:{m.origin}", m.origin),
                           "doc_id": m.doc_id, "source": who(m.doc_id, m.attribution),
                           "text": m.span.text}
                          for m in e.mentions if m.origin],
        "claims": [claim_record(c) for c in e.claims],
        "disputes": [dispute_record(d) for d in e.disputes],
    }  # fmt: skip


def title(e: StoredEvent) -> str:
    """ "hijacking in Sibi, 2025-03-11"."""
    when = e.first_day if e.first_day == e.last_day else f"{e.first_day} to {e.last_day}"
    where = f" in {e.place_name}" if e.place_name else ""
    return f"{e.type}{where}" + (f", {when}" if e.first_day else "")
