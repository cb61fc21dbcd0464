"""Stored disputes: rows <-> ``compare.Dispute``, and the propositions whose disputes are due.

Finding disputes reads every claim of the contested propositions and compares them in
pairs: fine for one query on a small ledger, too slow on a million claims. So the disputes
compare finds are stored (``dispute.record``, the dispute as JSON, with the claims in it
and the ids it is about) and read back by index. :mod:`counterclaim.store.dispute_cache`
decides what to find again; this module only reads and writes the rows.

Every write that changes a claim's proposition summary marks that proposition as due
(:func:`mark_due`, called by ``propositions.refresh_summaries``); ``*`` marks them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from counterclaim.compare.disputes import Dispute
from counterclaim.compare.model import LedgerClaim
from counterclaim.store.engine import chunks
from counterclaim.store.models import (
    ClaimRow,
    CorrectionRow,
    DisputeClaimRow,
    DisputeDueRow,
    DisputeRow,
    DisputeSubjectRow,
    PropositionRow,
)
from counterclaim.store.reviewkeys import claim_keys, dispute_key

ALL = "*"  # due marker: every proposition


@cache
def _adapter() -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(Dispute)


def dump(dispute: Dispute) -> str:
    """A dispute as JSON text (every claim, its source and chain, its sentence)."""
    return _adapter().dump_json(dispute).decode()


def load(text: str) -> Dispute:
    """A dispute from :func:`dump`'s JSON."""
    return _adapter().validate_json(text)


# ---------------------------------------------------------------- due propositions


def _insert_ignore(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        session.execute(pg_insert(table).on_conflict_do_nothing(), rows)
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        session.execute(sqlite_insert(table).on_conflict_do_nothing(), rows)
    else:  # pragma: no cover - other databases: skip what is there
        have = set(session.scalars(select(table.c.proposition)))
        fresh = [r for r in rows if r["proposition"] not in have]
        if fresh:
            session.execute(insert(table), fresh)


def mark_due(session: Session, propositions: Iterable[str] | None) -> None:
    """Mark the disputes of these propositions (None: of all) to be found again."""
    ids = sorted({ALL} if propositions is None else set(propositions))
    if ids:
        _insert_ignore(session, DisputeDueRow.__table__, [{"proposition": p} for p in ids])


def mark_subjects_due(session: Session, ids: Iterable[str]) -> None:
    """Mark due the propositions of the stored disputes that show one of these global
    entities (as an argument or a speaker): their names and sides are copied in them."""
    props: set[str] = set()
    for chunk in chunks(sorted(set(ids))):
        about = select(DisputeSubjectRow.dispute_id).where(
            DisputeSubjectRow.role == "actor", DisputeSubjectRow.subject.in_(chunk)
        )
        stmt = select(DisputeClaimRow.proposition).where(DisputeClaimRow.dispute_id.in_(about))
        props |= {p for p in session.scalars(stmt.distinct()) if p}
    mark_due(session, props)


def due(session: Session, limit: int | None = None) -> set[str]:
    """The propositions marked due (``*`` among them: all), or ``limit`` of them."""
    return set(session.scalars(select(DisputeDueRow.proposition).limit(limit)))


def clear_due(session: Session, propositions: Iterable[str]) -> None:
    """Unmark propositions whose disputes were found again."""
    for chunk in chunks(sorted(set(propositions))):
        session.execute(delete(DisputeDueRow).where(DisputeDueRow.proposition.in_(chunk)))


# ---------------------------------------------------------------- writing disputes


def clear(session: Session) -> None:
    """Drop every stored dispute."""
    for model in (DisputeSubjectRow, DisputeClaimRow, DisputeRow):
        session.execute(delete(model))


def _drop(session: Session, column: Any, values: Sequence[Any]) -> set[str]:
    """Drop the disputes with a member whose ``column`` is in ``values``; return the
    propositions their claims were and are on."""
    touched: set[str] = set()
    for chunk in chunks(sorted(set(values))):
        ids = set(session.scalars(select(DisputeClaimRow.dispute_id).where(column.in_(chunk))))
        for sub in chunks(sorted(ids)):
            members = select(DisputeClaimRow.claim_id, DisputeClaimRow.proposition).where(
                DisputeClaimRow.dispute_id.in_(sub)
            )
            claim_ids = set()
            for claim_id, proposition in session.execute(members):
                claim_ids.add(claim_id)
                touched.add(proposition)
            for part in chunks(sorted(claim_ids)):
                now = select(ClaimRow.proposition).where(ClaimRow.id.in_(part))
                touched |= set(session.scalars(now))
            for model in (DisputeSubjectRow, DisputeClaimRow):
                session.execute(delete(model).where(model.dispute_id.in_(sub)))
            session.execute(delete(DisputeRow).where(DisputeRow.id.in_(sub)))
    touched.discard(None)  # type: ignore[arg-type]
    return touched


def drop_propositions(session: Session, propositions: Iterable[str]) -> set[str]:
    """Drop the stored disputes with a claim that was on one of these propositions; return
    the propositions their claims were and are on."""
    return _drop(session, DisputeClaimRow.proposition, list(propositions))


def drop_claims(session: Session, claim_ids: Iterable[int]) -> set[str]:
    """Drop the stored disputes holding any of these claims (see :func:`drop_propositions`)."""
    return _drop(session, DisputeClaimRow.claim_id, list(claim_ids))


def _ids(lc: LedgerClaim) -> set[str]:
    values = {v for x in lc.args.values() for v in (x if isinstance(x, tuple) else (x,))}
    return values | ({lc.said.speaker} if lc.said.speaker else set())


def _recency(session: Session, propositions: set[str]) -> dict[str, tuple[str, str]]:
    """Contested proposition id -> (its last day or "", its id), the order pages rank by."""
    out: dict[str, tuple[str, str]] = {}
    p = PropositionRow
    for chunk in chunks(sorted(propositions)):
        stmt = select(p.id, p.last_day).where(p.id.in_(chunk), p.contested.is_(True))
        out.update((i, (day or "", i)) for i, day in session.execute(stmt))
    return out


def save(
    session: Session,
    found: Sequence[Dispute],
    rows: Mapping[tuple[str, int], tuple[int, str | None, str | None]],
) -> None:
    """Store disputes; ``rows`` maps a claim's (doc id, local id) to its stored claim id,
    proposition and event day."""
    recency = _recency(session, {p for _, p, _ in rows.values() if p})
    keys = claim_keys(session, {c.ref[0] for d in found for c in (*d.for_, *d.against)})
    members_of = [[c for c in (*d.for_, *d.against) if c.ref in rows] for d in found]
    key_of = [dispute_key(keys.get(c.ref, f"{c.ref[0]}:{c.ref[1]}") for c in members)
              for members in members_of]  # fmt: skip
    reviews = review_states(session, key_of)
    for dispute, members, key in zip(found, members_of, key_of, strict=True):
        days = [rows[c.ref][2] for c in members if rows[c.ref][2]]
        rank = max((recency[p] for c in members if (p := rows[c.ref][1]) in recency),
                   default=("", ""))  # fmt: skip
        stmt = insert(DisputeRow).values(
            proposition=dispute.proposition, type=dispute.type, kind=dispute.kind,
            rank_day=rank[0], rank_prop=rank[1], last_day=max(days, default=""),
            doc_key=" ".join(dispute.documents), documents=len(dispute.documents),
            record=dump(dispute), review_key=key, review=reviews.get(key, "machine"),
        )  # fmt: skip
        dispute_id = session.execute(stmt.returning(DisputeRow.id)).scalar_one()
        claims = {rows[c.ref][0]: rows[c.ref][1] for c in members}
        session.execute(insert(DisputeClaimRow), [
            {"dispute_id": dispute_id, "claim_id": i, "proposition": p} for i, p in claims.items()
        ])  # fmt: skip
        everyone = (*dispute.for_, *dispute.against)
        places = {lc.arg("place") for lc in everyone} - {None}
        subjects = {("place", p) for p in places} | {
            ("actor", x) for lc in everyone for x in _ids(lc)
        }
        session.execute(insert(DisputeSubjectRow), [
            {"dispute_id": dispute_id, "role": r, "subject": s} for r, s in sorted(subjects)
        ])  # fmt: skip


def review_states(session: Session, keys: Iterable[str] | None = None) -> dict[str, str]:
    """Dispute key -> ``reviewed`` or ``rejected``, from the latest correction of each: the
    one rule for a dispute's review state (:func:`save` stores it with a dispute found
    again, :func:`settle_reviews` sets it on the stored ones)."""
    c = CorrectionRow
    base = select(c.target_key, c.field).where(c.target_kind == "dispute").order_by(c.id)
    stmts = ([base] if keys is None else
             [base.where(c.target_key.in_(chunk)) for chunk in chunks(sorted(set(keys)))])  # fmt: skip
    found = sorted((row for stmt in stmts for row in session.execute(stmt.add_columns(c.id))),
                   key=lambda r: r[2])  # fmt: skip
    return {key: "rejected" if field_ == "reject" else "reviewed" for key, field_, _ in found}


def settle_reviews(session: Session, keys: Iterable[str] | None = None) -> int:
    """Set the review state of the stored disputes that corrections name (all, or those of
    ``keys``) by :func:`review_states`, and mark each such correction ``applied`` (its
    dispute is stored) or ``orphaned`` (none is: its claims changed, a document went).
    Writes only what changes; returns how many of those corrections are orphaned."""
    c = CorrectionRow
    stmt = select(c.id, c.target_key, c.status).where(c.target_kind == "dispute")
    if keys is not None:
        stmt = stmt.where(c.target_key.in_(sorted(set(keys))))
    rows = list(session.execute(stmt))
    if not rows:
        return 0
    wanted = review_states(session, {k for _, k, _ in rows})
    stored: dict[str, str] = {}
    for chunk in chunks(sorted(wanted)):
        sel = select(DisputeRow.review_key, DisputeRow.review).where(
            DisputeRow.review_key.in_(chunk)
        )
        stored.update((k, r) for k, r in session.execute(sel) if k is not None)
    for key, state in wanted.items():
        if key in stored and stored[key] != state:
            session.execute(update(DisputeRow).where(DisputeRow.review_key == key)
                            .values(review=state))  # fmt: skip
    for i, key, old in rows:
        status = "applied" if key in stored else "orphaned"
        if status != old:
            session.execute(update(c).where(c.id == i).values(
                status=status, target_ref=key if key in stored else None))  # fmt: skip
    return sum(1 for _, key, _ in rows if key not in stored)


def keys_of(session: Session, dispute_ids: Sequence[int]) -> dict[int, str]:
    """Dispute row id -> its key, computed from its claims (migration 0011 keys the rows
    stored before keys with it)."""
    members: dict[int, list[int]] = {}
    for chunk in chunks(sorted(set(dispute_ids))):
        stmt = select(DisputeClaimRow.dispute_id, DisputeClaimRow.claim_id).where(
            DisputeClaimRow.dispute_id.in_(chunk)
        )
        for dispute_id, claim_id in session.execute(stmt):
            members.setdefault(dispute_id, []).append(claim_id)
    refs: dict[int, tuple[str, int]] = {}
    for chunk in chunks(sorted({c for ids in members.values() for c in ids})):
        stmt_c = select(ClaimRow.id, ClaimRow.doc_id, ClaimRow.local_id).where(
            ClaimRow.id.in_(chunk)
        )
        refs.update({i: (d, n) for i, d, n in session.execute(stmt_c)})
    keys = claim_keys(session, {d for d, _ in refs.values()})
    return {
        dispute_id: dispute_key(keys[refs[c]] for c in ids if c in refs and refs[c] in keys)
        for dispute_id, ids in members.items()
    }


# ---------------------------------------------------------------- reading disputes


def _about(stmt: Any, places: Sequence[str] | None, actors: Sequence[str] | None) -> Any:
    for role, ids in (("place", places), ("actor", actors)):
        if ids is not None:
            about = select(DisputeSubjectRow.dispute_id).where(
                DisputeSubjectRow.role == role, DisputeSubjectRow.subject.in_(list(ids))
            )
            stmt = stmt.where(DisputeRow.id.in_(about))
    return stmt


def count(
    session: Session, *, places: Sequence[str] | None = None, actors: Sequence[str] | None = None
) -> int:
    """How many disputes are stored (about one of ``places``, involving one of ``actors``)."""
    stmt = _about(select(func.count()).select_from(DisputeRow), places, actors)
    stmt = stmt.where(DisputeRow.review != "rejected")  # as the pages read them
    return session.scalar(stmt) or 0


def read(
    session: Session,
    *,
    places: Sequence[str] | None = None,
    actors: Sequence[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
    rejected: bool = False,
) -> list[Dispute]:
    """Stored disputes about one of ``places`` (as a place argument) and involving one of
    ``actors`` (argument or speaker); a page (``limit``) is in the order of
    ``ix_dispute_page``, all of them (no limit) in compare's order (proposition,
    documents). Disputes an analyst rejected are left out unless ``rejected``."""
    found = read_reviewed(session, places=places, actors=actors, limit=limit, offset=offset,
                          rejected=rejected)  # fmt: skip
    return [d for _, _, d in found]


def read_reviewed(
    session: Session,
    *,
    places: Sequence[str] | None = None,
    actors: Sequence[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
    rejected: bool = False,
) -> list[tuple[str, str, Dispute]]:
    """:func:`read`, each dispute with its key (stored with it; migration 0011 keyed those
    stored before keys) and review state (machine, reviewed, rejected)."""
    found = _read_rows(session, places, actors, limit, offset, rejected)
    return [(key or "", review, d) for _, key, review, d in found]


def _read_rows(
    session: Session,
    places: Sequence[str] | None,
    actors: Sequence[str] | None,
    limit: int | None,
    offset: int,
    rejected: bool,
) -> list[tuple[int, str | None, str, Dispute]]:
    stmt = select(DisputeRow.id, DisputeRow.review_key, DisputeRow.review, DisputeRow.record)
    if not rejected:
        stmt = stmt.where(DisputeRow.review != "rejected")
    stmt = _about(stmt, places, actors)
    if limit is None:
        found = [(i, k, r, load(text)) for i, k, r, text in session.execute(stmt)]
        return sorted(found, key=lambda x: (x[3].proposition, x[3].documents))[offset:]
    d = DisputeRow
    stmt = stmt.order_by(d.rank_day.desc(), d.rank_prop.desc(), d.last_day.desc(),
                         d.proposition, d.doc_key).limit(limit).offset(offset)  # fmt: skip
    return [(i, k, r, load(text)) for i, k, r, text in session.execute(stmt)]
