"""Stored timelines and fatality tallies: made again where a write left them due, read by page.

A write marks what it touches (:mod:`counterclaim.store.readrows`: a saved or relinked
document's timeline entries are made in the write itself; its figure claims' tally groups
are marked due). :func:`refresh_read_models`, run by every writer after linking (as
:func:`counterclaim.store.dispute_cache.refresh_disputes` is), makes the due tallies again
with :func:`counterclaim.compare.fatalities` over the claims of each group and stores them
as JSON with the keys pages are ordered by. A ``*`` mark (a migrated ledger, a synthetic
one) is first spread into one mark per document / group, then worked off in chunks of
``chunk`` committed one by one: a build that is killed resumes where it stopped.

Reads (:func:`read_tallies`, :func:`timeline_page`) are index ranges with ``LIMIT`` /
``OFFSET`` and take no write lock.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Engine, delete, func, insert, literal, select
from sqlalchemy.orm import Session

from counterclaim import compare
from counterclaim.compare import Entry, LedgerClaim, Tally
from counterclaim.store import readrows
from counterclaim.store.claims import stored_claims
from counterclaim.store.claimview import ledger_claims
from counterclaim.store.engine import chunks, write_lock
from counterclaim.store.models import (
    ClaimRow,
    DocumentRow,
    ReadDueRow,
    TallyClaimRow,
    TallyRow,
    TimelineEntryRow,
)
from counterclaim.store.propositions import refresh_claims

log = logging.getLogger(__name__)
DOCS_CHUNK = 500  # documents whose timeline entries are made in one transaction
TALLY_CHUNK = 2000  # tally groups made again in one transaction

type Progress = Callable[[str, int], None]


@cache
def _adapter() -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(Tally)


def dump(tally: Tally) -> str:
    """A tally as JSON text (each figure with its claim, source and sentence)."""
    return _adapter().dump_json(tally).decode()


def load(text: str) -> Tally:
    """A tally from :func:`dump`'s JSON."""
    return _adapter().validate_json(text)


# ---------------------------------------------------------------- building


def refresh_read_models(
    engine: Engine,
    *,
    docs_chunk: int = DOCS_CHUNK,
    tally_chunk: int = TALLY_CHUNK,
    progress: Progress | None = None,
) -> int:
    """Make the due timeline entries and tallies again, one committed chunk at a time;
    returns how many documents and groups were due. Safe to kill and run again."""
    with Session(engine) as session:  # the common case, nothing due: no write lock
        if session.scalar(select(ReadDueRow.key).limit(1)) is None:
            return 0
    done = 0
    for kind, chunk, step in ((readrows.TIMELINE, docs_chunk, _timeline_chunk),
                              (readrows.TALLY, tally_chunk, _tally_chunk)):  # fmt: skip
        while True:
            with Session(engine) as session, session.begin():
                write_lock(session.connection())
                keys = readrows.due(session, kind, chunk)
                if not keys:
                    break
                if readrows.ALL in keys:
                    _spread(session, kind)
                    continue
                step(session, keys)
                readrows.clear_due(session, kind, keys)
            done += len(keys)
            if progress is not None:
                progress(kind, len(keys))
    if done:
        log.info("read models made again for %d due documents and tally groups", done)
    return done


def _spread(session: Session, kind: str) -> None:
    """Replace a ``*`` mark by one mark per document (timeline) or per group (tally)."""
    if kind == readrows.TIMELINE:
        source = select(literal(kind), DocumentRow.id)
    else:
        session.execute(delete(TallyRow))
        source = select(literal(kind), TallyClaimRow.key).distinct()
    table = ReadDueRow.__table__
    readrows.clear_due(session, kind, [readrows.ALL])
    have = select(ReadDueRow.key).where(ReadDueRow.kind == kind)
    column = DocumentRow.id if kind == readrows.TIMELINE else TallyClaimRow.key
    session.execute(insert(table).from_select(["kind", "key"], source.where(column.not_in(have))))


def _timeline_chunk(session: Session, doc_ids: Sequence[str]) -> None:
    refresh_claims(session, doc_ids)  # facts, timeline entries, tally groups (marked due)


def _tally_chunk(session: Session, keys: Sequence[str]) -> None:
    """Make the tallies of these groups again."""
    members: dict[int, str] = {}
    for chunk in chunks(keys):
        session.execute(delete(TallyRow).where(TallyRow.key.in_(chunk)))
        stmt = select(TallyClaimRow.claim_id, TallyClaimRow.key).where(TallyClaimRow.key.in_(chunk))
        members.update({c: k for c, k in session.execute(stmt)})
    rows: list[Any] = []
    for chunk in chunks(sorted(members)):
        rows += session.execute(select(*ClaimRow.__table__.columns).where(ClaimRow.id.in_(chunk)))
    by_ref = {(r.doc_id, r.local_id): members[r.id] for r in rows}
    groups: dict[str, list[LedgerClaim]] = defaultdict(list)
    for lc in ledger_claims(session, stored_claims(session, rows, ordered=False)):
        groups[by_ref[lc.ref]].append(lc)
    out = []
    for key, claims in groups.items():
        first = claims[0].said
        seq = f"{'0' + first.doc_date if first.doc_date else '1'} {first.doc_id} " + (
            f"{claims[0].claim.id:09d}"
        )
        for run, t in enumerate(compare.fatalities(claims, [claims[0].claim.type])):
            start = t.period[0]
            out.append({
                "key": key, "type": t.type, "victim": claims[0].arg("victim"),
                "place": claims[0].arg("place"),
                "sort_day": start.isoformat() if start else readrows.UNDATED,
                "place_name": t.place or "", "victim_name": t.victim or "", "seq": seq,
                "run": run, "record": dump(t),
            })  # fmt: skip
    if out:
        session.execute(insert(TallyRow), out)


# ---------------------------------------------------------------- reading


def _order(stmt: Any) -> Any:
    t = TallyRow
    return stmt.order_by(t.sort_day, t.place_name, t.victim_name, t.seq, t.run)


def read_tallies(
    session: Session,
    types: Sequence[str],
    *,
    places: Sequence[str] | None = None,
    victims: Sequence[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Tally]:
    """Stored tallies of ``types`` (at one of ``places``, of one of ``victims``: global
    ids), in compare's order (period, place, victim), one page or all."""
    stmt = select(TallyRow.record).where(TallyRow.type.in_(list(types)))
    if places is not None:
        stmt = stmt.where(TallyRow.place.in_(list(places)))
    if victims is not None:
        stmt = stmt.where(TallyRow.victim.in_(list(victims)))
    stmt = _order(stmt).limit(limit).offset(offset or None)
    return [load(text) for text in session.scalars(stmt)]


def count_tallies(
    session: Session, types: Sequence[str], places: Sequence[str] | None = None
) -> int:
    """How many tallies :func:`read_tallies` would give in all."""
    stmt = select(func.count()).select_from(TallyRow).where(TallyRow.type.in_(list(types)))
    if places is not None:
        stmt = stmt.where(TallyRow.place.in_(list(places)))
    return session.scalar(stmt) or 0


def timeline_page(
    session: Session, subjects: Sequence[str], *, limit: int | None = None, offset: int = 0
) -> list[Entry]:
    """The timeline entries of ``subjects`` (global ids) in timeline order, one page or all:
    an index range over ``timeline_entry``; only the claims of the page are read."""
    e = TimelineEntryRow
    stmt = select(e.claim_id, e.role).where(e.subject.in_(list(subjects)))
    stmt = stmt.order_by(e.when_day, e.said_day, e.doc_id, e.local_id, e.subject)
    if len(set(subjects)) > 1:  # one claim may be on several: keep its first entry
        picked: dict[int, str] = {}
        for claim_id, role in session.execute(stmt):
            picked.setdefault(claim_id, role)
        ids = list(picked.items())
        ids = ids[offset:] if limit is None else ids[offset : offset + limit]
    else:
        ids = [(c, r) for c, r in session.execute(stmt.limit(limit).offset(offset or None))]
    rows: list[Any] = []
    for chunk in chunks([c for c, _ in ids]):
        rows += session.execute(select(*ClaimRow.__table__.columns).where(ClaimRow.id.in_(chunk)))
    by_id = {r.id: (r.doc_id, r.local_id) for r in rows}
    found = {lc.ref: lc for lc in ledger_claims(session, stored_claims(session, rows))}
    out = []
    for claim_id, role in ids:
        lc = found[by_id[claim_id]]
        out.append(Entry(compare.event_time(lc), role, lc, compare.describe(lc, when=False)))
    return out


def count_entries(session: Session, subjects: Sequence[str]) -> int:
    """How many claims are on the timeline of ``subjects``."""
    e = TimelineEntryRow
    stmt = select(func.count(e.claim_id.distinct())).where(e.subject.in_(list(subjects)))
    return session.scalar(stmt) or 0
