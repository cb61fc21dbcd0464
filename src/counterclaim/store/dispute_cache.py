"""Stored disputes kept current: find again only the disputes a write may have changed.

A write (a saved document, new cross-document links, a pin) refreshes the summaries of
the propositions its claims are on, which marks them due (``store.disputes.mark_due``).
:func:`refresh_disputes` then, under the ledger's write lock:

1. widens the due set with the contested control propositions in the places of due
   fighting propositions (fighting counts against control, ``also_against``);
2. drops the stored disputes holding a claim that was on a due proposition (and finds
   the propositions of their other claims again too);
3. finds the disputes touching the due propositions that are contested, as the query
   always did (:func:`counterclaim.store.claimview.disputes_touching`: whole propositions, and
   what chains of denials link them to), drops any stored dispute sharing a claim with
   what was read, and stores what was found.

A dispute is a connected group of conflicting claims and the reading in 3 follows every
connection, so each group is stored whole and once. Every writer refreshes after linking
(ingest, the web upload, pins); readers never do, so a read takes no write lock. A writer
that stopped between its save and its refresh leaves the due marks for the next writer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from counterclaim.store import disputes as dispute_store
from counterclaim.store.claimview import disputes_touching
from counterclaim.store.engine import chunks, write_lock
from counterclaim.store.models import ClaimRow, DisputeDueRow, PropositionRow

log = logging.getLogger(__name__)
CHUNK = 500  # due propositions found again together (and committed together in a build)


def refresh_disputes(
    engine: Engine, *, chunk: int = CHUNK, progress: Callable[[str, int], None] | None = None
) -> int:
    """Find again the disputes of the propositions marked due; returns how many were due.

    A whole build (``*`` due: a migrated or synthetic ledger, ``disputes`` found again from
    scratch) drops every stored dispute, marks each contested proposition due and then
    finds them ``chunk`` at a time, each chunk its own committed transaction: a build that
    is killed leaves its remaining propositions due, and the next writer resumes there.
    ``progress`` is called after each committed chunk with ``"disputes"`` and its size.
    """
    with Session(engine) as session:  # the common case, nothing due: no write lock
        if not dispute_store.due(session, limit=1):
            return 0
    with Session(engine) as session, session.begin():
        write_lock(session.connection())
        due = dispute_store.due(session)
        if not due:
            return 0
        if dispute_store.ALL not in due:
            return _refresh_some(session, due)
        _spread(session)
    return _build(engine, chunk, progress)


def _refresh_some(session: Session, due: set[str]) -> int:
    """Find again the disputes of the due propositions (and what they reach), in one go."""
    due |= _control_near_fighting(session, due)
    # what the dropped disputes were on is found again too: a group may outlive
    # the change of one of its claims
    wider = due | dispute_store.drop_propositions(session, due)
    props = _contested(session, sorted(wider))
    done: set[str] = set()
    queue = list(props)
    while queue:
        chunk, queue = queue[:CHUNK], queue[CHUNK:]
        read, dropped = _find_again(session, [p for p in chunk if p not in done])
        done |= read | set(chunk)
        queue += _contested(session, sorted(dropped - done - set(queue)))
    dispute_store.clear_due(session, due)
    log.info("disputes found again for %d propositions", len(props))
    return len(due)


def _spread(session: Session) -> None:
    """Drop every stored dispute and mark each contested proposition due instead of ``*``."""
    dispute_store.clear(session)
    p = PropositionRow
    have = select(DisputeDueRow.proposition)
    fresh = select(p.id).where(p.contested.is_(True), p.id.not_in(have))
    session.execute(insert(DisputeDueRow).from_select(["proposition"], fresh))
    dispute_store.clear_due(session, [dispute_store.ALL])


def _build(engine: Engine, chunk: int, progress: Callable[[str, int], None] | None) -> int:
    """Work off the due propositions ``chunk`` at a time, committing each chunk."""
    total, done = 0, set()
    while True:
        with Session(engine) as session, session.begin():
            write_lock(session.connection())
            stmt = select(DisputeDueRow.proposition).order_by(DisputeDueRow.proposition)
            batch = list(session.scalars(stmt.limit(chunk)))
            if not batch:
                break
            if dispute_store.ALL in batch:  # another writer asked for everything again
                _spread(session)
                done = set()
                continue
            read, dropped = _find_again(session, _contested(session, [p for p in batch
                                                                      if p not in done]))  # fmt: skip
            done |= read | set(batch)
            # the propositions of disputes this replaced are found again in a later chunk
            dispute_store.mark_due(session, _contested(session, sorted(dropped - done)))
            dispute_store.clear_due(session, set(batch) | read)
        total += len(batch)
        if progress is not None:
            progress("disputes", len(batch))
    log.info("disputes found again for %d propositions", total)
    return total


def _contested(session: Session, ids: Sequence[str] | None) -> list[str]:
    p = PropositionRow
    stmt = select(p.id).where(p.contested.is_(True)).order_by(p.id)
    if ids is None:
        return list(session.scalars(stmt))
    return [i for chunk in chunks(ids) for i in session.scalars(stmt.where(p.id.in_(chunk)))]


def _control_near_fighting(session: Session, due: set[str]) -> set[str]:
    """Contested control propositions in the places of due fighting propositions."""
    places: set[str | None] = set()
    for chunk in chunks(sorted(due)):
        stmt = select(ClaimRow.place_ref).where(
            ClaimRow.proposition.in_(chunk), ClaimRow.type == "fighting_ongoing"
        )
        places |= set(session.scalars(stmt))
    if not places:
        return set()
    p = PropositionRow
    stmt = select(p.id).where(p.contested.is_(True), p.type == "territorial_control")
    named = sorted(x for x in places if x is not None)
    found = set(session.scalars(stmt.where(p.min_place.in_(named)))) if named else set()
    if None in places:
        found |= set(session.scalars(stmt.where(p.min_place.is_(None))))
    return found


def _find_again(session: Session, props: Sequence[str]) -> tuple[set[str], set[str]]:
    """Find and store the disputes touching ``props``; return the propositions read and
    those of the stored disputes this replaced."""
    if not props:
        return set(), set()
    found, reach = disputes_touching(session, props)
    dropped = dispute_store.drop_claims(session, reach.rows.keys())
    rows = {(r.doc_id, r.local_id): (r.id, r.proposition, r.day) for r in reach.rows.values()}
    dispute_store.save(session, found, rows)
    return reach.propositions, dropped
