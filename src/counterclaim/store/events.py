"""Stored events: each document's event mentions, and the events linked across documents.

:func:`save_mentions` stores an analysis' :class:`~counterclaim.records.EventMention` records
and marks its document due (``event_due``). :func:`refresh_events`, run after cross-document
entity linking (places need their global ids), links the due documents' events again with
the stored events they may join (same family, days within reach) and nothing else: those
events are dropped and linked afresh from their members' mentions
(:func:`counterclaim.compare.events.link_events`). ``*`` due (a relink, or a ledger migrated
to this schema) links every document's events again.

:func:`read_events` gives the stored events with the claims about them and the stored
disputes those claims are in.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.orm import Session

from counterclaim.compare.disputes import Dispute
from counterclaim.compare.events import (
    RECENT_DAYS,
    SLACK_DAYS,
    DocEvent,
    link_events,
    shift_day,
    summary,
)
from counterclaim.compare.model import FIGURE_TYPES, LedgerClaim
from counterclaim.records import EventMention, Span
from counterclaim.store import disputes as dispute_store
from counterclaim.store import entities as entity_store
from counterclaim.store.claims import stored_claims
from counterclaim.store.claimview import ledger_claims
from counterclaim.store.engine import chunks, write_lock
from counterclaim.store.models import (
    ClaimRow,
    DisputeClaimRow,
    DisputeRow,
    DocumentRow,
    EventClaimRow,
    EventDueRow,
    EventMemberRow,
    EventMentionRow,
    EventRow,
)

log = logging.getLogger(__name__)
ALL = "*"
REACH_DAYS = RECENT_DAYS + SLACK_DAYS + 1  # stored events a due document's event may join


# -- rows <-> records --------------------------------------------------------------------


def mention_values(doc_id: str, m: EventMention) -> dict[str, Any]:
    """The ``event_mention`` row of an event mention, as column values."""
    return dict(
        doc_id=doc_id, local_id=m.id, event=m.event, span_start=m.span.start,
        span_end=m.span.end, span_text=m.span.text, head_start=m.head.start,
        head_end=m.head.end, head_text=m.head.text, type=m.type, family=m.family,
        place=m.place, date=m.date, period=m.period, target=m.target, weapon=m.weapon,
        origin=m.origin, attribution=m.attribution, definite=m.definite, other=m.other,
        claims=list(m.claims),
    )  # fmt: skip


def mention_record(r: EventMentionRow) -> EventMention:
    return EventMention(
        doc_id=r.doc_id, id=r.local_id, span=Span(r.span_start, r.span_end, r.span_text),
        head=Span(r.head_start, r.head_end, r.head_text), type=r.type, family=r.family,
        event=r.event, place=r.place, date=r.date, period=r.period, target=r.target,
        weapon=r.weapon, origin=r.origin, attribution=r.attribution, definite=r.definite,
        other=r.other, claims=tuple(r.claims or ()),
    )  # fmt: skip


def save_mentions(session: Session, mentions: Mapping[str, Sequence[EventMention]]) -> None:
    """Store new documents' event mentions (by document id) and mark those documents due."""
    rows = [mention_values(doc_id, m) for doc_id, found in mentions.items() for m in found]
    if rows:
        session.execute(insert(EventMentionRow), rows)
    mark_due(session, [doc_id for doc_id, found in mentions.items() if found])


def mark_due(session: Session, doc_ids: Iterable[str]) -> None:
    """Mark documents (or ``*``: all) as having events to link again."""
    wanted = sorted(set(doc_ids))
    if not wanted:
        return
    have = set()
    for chunk in chunks(wanted):
        have |= set(
            session.scalars(select(EventDueRow.doc_id).where(EventDueRow.doc_id.in_(chunk)))
        )
    new = [{"doc_id": d} for d in wanted if d not in have]
    if new:
        session.execute(insert(EventDueRow), new)


def load_mentions(session: Session, doc_id: str) -> tuple[EventMention, ...]:
    stmt = select(EventMentionRow).where(EventMentionRow.doc_id == doc_id)
    return tuple(
        mention_record(r) for r in session.scalars(stmt.order_by(EventMentionRow.local_id))
    )


# -- linking -----------------------------------------------------------------------------


def _doc_events(session: Session, doc_ids: Sequence[str] | None) -> list[DocEvent]:
    """Each document's events, places as global ids (``doc_ids`` None: every document)."""
    stmt = select(EventMentionRow).order_by(EventMentionRow.doc_id, EventMentionRow.local_id)
    rows: list[EventMentionRow] = []
    if doc_ids is None:
        rows = list(session.scalars(stmt))
    else:
        for chunk in chunks(sorted(set(doc_ids))):
            rows += session.scalars(stmt.where(EventMentionRow.doc_id.in_(chunk)))
    docs = {r.doc_id for r in rows}
    dates = {}
    for chunk in chunks(sorted(docs)):
        for doc_id, date in session.execute(
            select(DocumentRow.id, DocumentRow.date).where(DocumentRow.id.in_(chunk))
        ):
            dates[doc_id] = date.isoformat() if date else None
    refs = {(r.doc_id, r.place) for r in rows if r.place}
    links = entity_store.links_at(session, refs)
    local = entity_store.entities_at(session, refs)
    grouped: dict[tuple[str, int], list[EventMentionRow]] = {}
    for r in rows:
        grouped.setdefault((r.doc_id, r.event), []).append(r)
    out = []
    for (doc_id, event), members in grouped.items():
        placed = [r.place for r in members if r.place]
        ranked = sorted(placed, key=lambda k: _rank(local.get((doc_id, k))))
        key = ranked[0] if ranked else None
        entity = local.get((doc_id, key)) if key else None
        out.append(DocEvent(
            doc_id=doc_id, event=event, family=members[0].family,
            types=tuple(r.type for r in members),
            place=(links.get((doc_id, key)) or f"{doc_id[:8]}:{key}") if key else None,
            geo=entity.geo if entity else None,
            dates=tuple(r.date for r in members if r.date and len(r.date) == 10),
            periods=tuple(r.period for r in members if r.period),
            doc_date=dates.get(doc_id),
            targets=tuple(r.target for r in members if r.target and r.target.isalpha()),
        ))  # fmt: skip
    return out


def _rank(entity: object) -> int:
    geo = getattr(entity, "geo", None)
    return {"town": 0, "region": 1, "country": 2}.get(geo.kind, 3) if geo else 3


def refresh_events(engine: Engine) -> int:
    """Link again the events of the documents marked due; returns how many were due."""
    with Session(engine) as session:
        if session.scalar(select(EventDueRow.doc_id).limit(1)) is None:
            return 0
    with Session(engine) as session, session.begin():
        write_lock(session.connection())
        due = set(session.scalars(select(EventDueRow.doc_id)))
        if not due:
            return 0
        if ALL in due:
            session.execute(delete(EventRow))
            items = _doc_events(session, None)
        else:
            fresh = _doc_events(session, sorted(due))
            stale = _reachable(session, fresh)
            members = _members_of(session, stale)
            session.execute(delete(EventRow).where(EventRow.id.in_(stale)))
            # a due document's old events go too (it may have been analysed again)
            old = select(EventMemberRow.event_id).where(EventMemberRow.doc_id.in_(sorted(due)))
            session.execute(delete(EventRow).where(EventRow.id.in_(old)))
            items = fresh + [d for d in _doc_events(session, sorted(members - due))]
        _save(session, link_events(items))
        _figures_due(session, {d.doc_id for d in items})
        session.execute(delete(EventDueRow))
        log.info("events linked again for %d documents", len(due))
        return len(due)


def _figures_due(session: Session, doc_ids: Iterable[str]) -> None:
    """Mark due the stored disputes of these documents' figures: compare sets figures
    against each other only within one linked event, which linking may have changed."""
    props: set[str] = set()
    for chunk in chunks(sorted(doc_ids)):
        stmt = select(ClaimRow.proposition).where(
            ClaimRow.doc_id.in_(chunk), ClaimRow.type.in_(sorted(FIGURE_TYPES)),
            ClaimRow.proposition.is_not(None))  # fmt: skip
        props |= set(session.scalars(stmt.distinct()))
    if props:
        dispute_store.mark_due(session, props)


def _reachable(session: Session, fresh: Sequence[DocEvent]) -> list[int]:
    """Stored events of the families of ``fresh`` whose days come within reach of theirs."""
    found: set[int] = set()
    for item in fresh:
        days = [*item.dates, *(p.split("/")[0] for p in item.periods)]
        days += [item.doc_date] if item.doc_date else []
        stmt = select(EventRow.id).where(EventRow.family == item.family)
        if days:
            lo, hi = shift_day(min(days), -REACH_DAYS), shift_day(max(days), REACH_DAYS)
            stmt = stmt.where(
                (EventRow.first_day.is_(None))
                | ((EventRow.first_day <= hi) & (EventRow.last_day >= lo))
            )
        found |= set(session.scalars(stmt))
    return sorted(found)


def _members_of(session: Session, events: Sequence[int]) -> set[str]:
    out: set[str] = set()
    for chunk in chunks(events):
        out |= set(session.scalars(select(EventMemberRow.doc_id).where(
            EventMemberRow.event_id.in_(chunk))))  # fmt: skip
    return out


def _save(session: Session, groups: list[list[DocEvent]]) -> None:
    claim_ids = _claim_ids(session, [m for g in groups for m in g])
    for group in groups:
        info = summary(group)
        row = EventRow(
            family=info["family"], type=info["type"], place=info["place"],
            first_day=info["first_day"], last_day=info["last_day"],
            documents=info["documents"],
        )  # fmt: skip
        session.add(row)
        session.flush()
        session.add_all(EventMemberRow(event_id=row.id, doc_id=m.doc_id, event=m.event)
                        for m in group)  # fmt: skip
        ids = sorted({c for m in group for c in claim_ids.get((m.doc_id, m.event), ())})
        session.add_all(EventClaimRow(event_id=row.id, claim_id=c) for c in ids)
    session.flush()


def _claim_ids(session: Session, items: Sequence[DocEvent]) -> dict[tuple[str, int], set[int]]:
    """The stored claim ids of each document event's mentions."""
    docs = sorted({d.doc_id for d in items})
    local: dict[tuple[str, int], set[int]] = {}
    for chunk in chunks(docs):
        for r in session.scalars(select(EventMentionRow).where(EventMentionRow.doc_id.in_(chunk))):
            for c in r.claims or ():
                local.setdefault((r.doc_id, c), set()).add(r.event)
    out: dict[tuple[str, int], set[int]] = {}
    for chunk in chunks(docs):
        stmt = select(ClaimRow.id, ClaimRow.doc_id, ClaimRow.local_id).where(
            ClaimRow.doc_id.in_(chunk))  # fmt: skip
        for cid, doc_id, local_id in session.execute(stmt):
            for event in local.get((doc_id, local_id), ()):
                out.setdefault((doc_id, event), set()).add(cid)
    return out


# -- reading -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """A linked event as stored, with its mentions, its claims and their disputes."""

    id: int
    family: str
    type: str
    place: str | None
    place_name: str | None
    first_day: str | None
    last_day: str | None
    mentions: tuple[EventMention, ...]
    claims: tuple[LedgerClaim, ...]
    disputes: tuple[Dispute, ...]
    documents: tuple[tuple[str, str | None, str | None], ...]  # (id, date, publisher)
    places: dict[str, str]  # document entity refs "doc:key" -> printable name


def read_events(
    session: Session, *, places: Sequence[str] | None = None, event_id: int | None = None
) -> list[StoredEvent]:
    """Stored events (one, or those at one of ``places``: global ids), latest first."""
    stmt = select(EventRow).order_by(EventRow.last_day.desc(), EventRow.id)
    if event_id is not None:
        stmt = stmt.where(EventRow.id == event_id)
    rows = list(session.scalars(stmt))
    if places is not None:
        rows = [r for r in rows if r.place in set(places) or _has_place(session, r.id, places)]
    return [_read(session, r) for r in rows]


def _has_place(session: Session, event_id: int, places: Sequence[str]) -> bool:
    members = session.execute(select(EventMemberRow.doc_id, EventMemberRow.event).where(
        EventMemberRow.event_id == event_id)).all()  # fmt: skip
    refs = set()
    for doc_id, event in members:
        stmt = select(EventMentionRow.place).where(
            EventMentionRow.doc_id == doc_id, EventMentionRow.event == event,
            EventMentionRow.place.is_not(None))  # fmt: skip
        refs |= {(doc_id, k) for k in session.scalars(stmt)}
    return bool(set(entity_store.links_at(session, refs).values()) & set(places))


def _read(session: Session, row: EventRow) -> StoredEvent:
    members = session.execute(select(EventMemberRow.doc_id, EventMemberRow.event).where(
        EventMemberRow.event_id == row.id)).all()  # fmt: skip
    mentions: list[EventMention] = []
    for doc_id, event in members:
        stmt = select(EventMentionRow).where(EventMentionRow.doc_id == doc_id,
                                             EventMentionRow.event == event)  # fmt: skip
        mentions += [mention_record(r) for r in session.scalars(stmt)]
    mentions.sort(key=lambda m: (m.doc_id, m.id))
    claim_ids = list(session.scalars(select(EventClaimRow.claim_id).where(
        EventClaimRow.event_id == row.id)))  # fmt: skip
    claim_rows = []
    for chunk in chunks(claim_ids):
        claim_rows += session.scalars(
            select(ClaimRow).where(ClaimRow.id.in_(chunk), ClaimRow.rejected.is_(False))
        )
    claims = ledger_claims(session, stored_claims(session, claim_rows, ordered=False))
    records = []
    for chunk in chunks(claim_ids):
        sub = select(DisputeClaimRow.dispute_id).where(DisputeClaimRow.claim_id.in_(chunk))
        records += session.scalars(select(DisputeRow.record).where(DisputeRow.id.in_(sub)))
    disputes = tuple(dispute_store.load(t) for t in dict.fromkeys(records))
    docs = sorted({m.doc_id for m in mentions})
    documents = []
    for chunk in chunks(docs):
        stmt = select(DocumentRow.id, DocumentRow.date, DocumentRow.publisher).where(
            DocumentRow.id.in_(chunk))  # fmt: skip
        documents += [(i, d.isoformat() if d else None, p) for i, d, p in session.execute(stmt)]
    documents.sort(key=lambda d: (d[1] or "", d[0]))
    refs = {(m.doc_id, k) for m in mentions for k in (m.place, m.origin) if k}
    local = entity_store.entities_at(session, refs)
    names = {f"{d}:{k}": e.name for (d, k), e in local.items()}
    place_name = None
    if row.place:
        found = entity_store.global_entities(session, [row.place])
        place_name = found[row.place].name if row.place in found else None
        if place_name is None:
            place_name = next((n for r, n in names.items() if r.endswith(row.place.split(":")[-1])),
                              row.place)  # fmt: skip
    return StoredEvent(
        row.id,
        row.family,
        row.type,
        row.place,
        place_name,
        row.first_day,
        row.last_day,
        tuple(mentions),
        tuple(claims),
        disputes,
        tuple(documents),
        names,
    )
