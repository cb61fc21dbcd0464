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
from collections.abc import Sequence

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from counterclaim.store import disputes as dispute_store
from counterclaim.store.claimview import disputes_touching
from counterclaim.store.engine import chunks, write_lock
from counterclaim.store.models import ClaimRow, PropositionRow

log = logging.getLogger(__name__)
CHUNK = 500  # due propositions found again together


def refresh_disputes(engine: Engine) -> int:
    """Find again the disputes of the propositions marked due; returns how many were due."""
    with Session(engine) as session:  # the common case, nothing due: no write lock
        if not dispute_store.due(session, limit=1):
            return 0
    with Session(engine) as session, session.begin():
        write_lock(session.connection())
        due = dispute_store.due(session)
        if not due:
            return 0
        if dispute_store.ALL in due:
            dispute_store.clear(session)
            props = _contested(session, None)
        else:
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
