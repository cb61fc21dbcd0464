"""Analyst review through the library: correct an item, read the audit trail and the queue.

:func:`correct` stores a correction (:mod:`counterclaim.store.review`) in one write
transaction, relinks entities for a merge or split, and finds again the disputes the
correction touched, so the next read of disputes, tallies and exports shows it.
"""

from __future__ import annotations

import os
from typing import Any, Literal, cast

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from counterclaim.records import Entity
from counterclaim.store import review as review_store
from counterclaim.store.dispute_cache import refresh_disputes
from counterclaim.store.engine import retrying, write_lock
from counterclaim.store.linker import pin_entities
from counterclaim.store.readmodels import refresh_read_models
from counterclaim.store.review import (
    FIELDS,
    KINDS,
    PINNED,
    Correction,
    ReviewError,
    TargetNotFound,
)
from counterclaim.store.reviewkeys import entity_key

ENV_REVIEWER = "COUNTERCLAIM_REVIEWER"

__all__ = [
    "ENV_REVIEWER", "FIELDS", "KINDS", "Correction", "ReviewError", "TargetNotFound",
    "correct", "review_log", "review_queue", "review_status", "reviewer_from_env",
]  # fmt: skip


def reviewer_from_env(given: str | None = None) -> str:
    """The reviewer: ``given``, else ``COUNTERCLAIM_REVIEWER``.

    Raises:
        ReviewError: Neither names anyone.
    """
    name = " ".join((given or os.environ.get(ENV_REVIEWER) or "").split())
    if not name:
        raise ReviewError(f"a correction needs a reviewer: --reviewer NAME or {ENV_REVIEWER}")
    return name


def correct(
    engine: Engine,
    kind: str,
    ident: str,
    field: str,
    value: Any = None,
    *,
    reviewer: str,
    reason: str | None = None,
) -> Correction:
    """Correct one item and keep the ledger's derived tables current.

    See :func:`counterclaim.store.review.record` for the arguments. A ``merge`` or
    ``split`` of an entity is pinned and every entity linked again first.

    Raises:
        ReviewError: No reviewer, a field or value not allowed.
        TargetNotFound: ``ident`` names nothing stored.
    """
    review_store.check_value(kind, field, value)
    if not " ".join((reviewer or "").split()):
        raise ReviewError("a correction needs a reviewer")
    if kind == "entity" and field in PINNED:
        with Session(engine) as session:
            review_store.entity_target(session, ident)  # TargetNotFound before pinning
            if field == "merge":
                review_store.entity_target(session, str(value))
        pin_entities(engine, cast(Literal["merge", "split"], field), ident,
                     None if value is None else str(value))  # fmt: skip

    def work() -> Correction:
        with Session(engine) as session, session.begin():
            write_lock(session.connection())
            return review_store.record(session, kind, ident, field, value, reviewer=reviewer,
                                       reason=reason)  # fmt: skip

    done = retrying(work)
    refresh_disputes(engine)
    review_store.settle_disputes(engine)
    refresh_read_models(engine)  # the tallies and timelines the correction touched
    return done


def entity_review_key(doc_id: str, entity: Entity) -> str:
    """The stable key a correction of a document entity (standing for its global entity)
    names it by."""
    return entity_key(doc_id, entity.key, [(m.start, m.end) for m in entity.mentions])


def review_log(engine: Engine, **filters: Any) -> list[Correction]:
    """The audit trail, newest first (``limit``, ``offset``, ``reviewer``, ``kind``,
    ``status``)."""
    with Session(engine) as session:
        return review_store.log(session, **filters)


def review_status(engine: Engine, *, limit: int = 50) -> dict[str, Any]:
    """How many corrections are applied and orphaned (by kind), with the newest orphaned
    (:func:`counterclaim.store.review.status`)."""
    with Session(engine) as session:
        return review_store.status(session, limit=limit)


def review_queue(engine: Engine, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Statements not reviewed yet, lowest confidence first."""
    with Session(engine) as session:
        return review_store.queue(session, limit=limit, offset=offset)


def document_review(engine: Engine, doc_id: str) -> tuple[dict[int, str], dict[int, str], set[int]]:
    """One document's review states: its statements' and claims' (by local id, those a
    person reviewed) and the local ids of its rejected claims."""
    with Session(engine) as session:
        attrs, claims = review_store.doc_states(session, doc_id)
        rejected = {i for _, i in review_store.rejected_claims(session, [doc_id])}
    return attrs, claims, rejected
