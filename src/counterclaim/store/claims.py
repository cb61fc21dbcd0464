"""Claims in the ledger: rows <-> ``records.Claim``, and the queries compare needs.

A claim is stored with its arguments as JSON (document entity keys, as normalize wrote
them) and once per (role, entity) in ``claim_arg``, where cross-document resolution fills
the global entity id; filters by entity go through that table's index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from counterclaim.compare import parse_when
from counterclaim.records import Attribution, Claim, Count, Span
from counterclaim.store.engine import chunks
from counterclaim.store.models import AttributionRow, ClaimArgRow, ClaimRow, DocumentRow
from counterclaim.store.propositions import pairs_match
from counterclaim.store.rows import to_attribution


@dataclass(frozen=True, slots=True)
class StoredClaim:
    """A stored claim with the attribution it came from and its document's date/publisher."""

    claim: Claim
    attribution: Attribution | None
    doc_date: dt.date | None
    publisher: str | None


def _bounds(claim: Claim) -> tuple[str | None, str | None]:
    """First and last ISO day of the claim's period or date ("2021-09" -> 09-01, 09-30)."""
    start, end = parse_when(claim.period or claim.date)
    return (start.isoformat() if start else None, end.isoformat() if end else None)


def _arg_items(args: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for role, value in args.items():
        for key in value if isinstance(value, list | tuple) else [value]:
            if isinstance(key, str):
                yield role, key


def claim_values(doc_id: str, claim: Claim) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The ``claim`` row of a claim and its ``claim_arg`` rows (without ``claim_id``, which
    the claim row gets when stored), as column values."""
    count, evidence = claim.count, claim.evidence
    args = {r: list(v) if isinstance(v, tuple) else v for r, v in claim.args.items()}
    start, end = _bounds(claim)
    row = {
        "doc_id": doc_id, "local_id": claim.id, "attribution": claim.attribution,
        "type": claim.type, "value": claim.value, "modality": claim.modality, "args": args,
        "count_low": count.low if count else None, "count_best": count.best if count else None,
        "count_high": count.high if count else None,
        "count_approx": count.approx if count else None,
        "count_text": count.text if count else None, "magnitude": claim.magnitude,
        "date": claim.date, "period": claim.period, "period_start": start, "period_end": end,
        "evidence_start": evidence.start if evidence else None,
        "evidence_end": evidence.end if evidence else None,
        "evidence_text": evidence.text if evidence else None, "text": claim.text,
        "confidence": claim.confidence,
    }  # fmt: skip
    arg_rows = [{"position": i, "role": role, "doc_id": doc_id, "entity_key": key}
                for i, (role, key) in enumerate(_arg_items(args))]  # fmt: skip
    return row, arg_rows


def claim_record(row: ClaimRow) -> Claim:
    """The record for a claim row."""
    has_count = row.count_approx is not None or row.count_best is not None
    count = (
        Count(row.count_low, row.count_best, row.count_high, bool(row.count_approx),
              row.count_text or "")
        if has_count else None
    )  # fmt: skip
    evidence = (
        Span(row.evidence_start, row.evidence_end, row.evidence_text or "")
        if row.evidence_start is not None and row.evidence_end is not None
        else None
    )
    args = {r: tuple(v) if isinstance(v, list) else v for r, v in (row.args or {}).items()}
    return Claim(
        doc_id=row.doc_id, id=row.local_id, attribution=row.attribution, type=row.type,
        value=row.value, modality=row.modality,  # type: ignore[arg-type]  # written from one
        args=args, count=count, magnitude=row.magnitude, date=row.date, period=row.period,
        evidence=evidence, text=row.text,
        confidence=row.confidence if row.confidence is not None else 1.0,
    )  # fmt: skip


def claim_query(
    type_: str | None = None,
    doc_id: str | None = None,
    global_ids: Sequence[str] | None = None,
    roles: Sequence[str] | None = None,
    doc_ids: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
) -> Select[tuple[ClaimRow]]:
    """Claims filtered by type, document(s), and an argument among ``global_ids``
    (in one of ``roles`` when given); oldest document first."""
    stmt = select(ClaimRow).join(DocumentRow).where(ClaimRow.rejected.is_(False))
    if type_ is not None:
        stmt = stmt.where(ClaimRow.type == type_)
    if exclude:
        stmt = stmt.where(ClaimRow.type.not_in(list(exclude)))
    if doc_id is not None:
        stmt = stmt.where(ClaimRow.doc_id == doc_id)
    if doc_ids is not None:
        stmt = stmt.where(ClaimRow.doc_id.in_(list(doc_ids)))
    if global_ids is not None:
        sub = select(ClaimArgRow.claim_id).where(ClaimArgRow.global_id.in_(list(global_ids)))
        if roles:
            sub = sub.where(ClaimArgRow.role.in_(list(roles)))
        stmt = stmt.where(ClaimRow.id.in_(sub))
    return stmt.order_by(
        DocumentRow.date.is_(None), DocumentRow.date, ClaimRow.doc_id, ClaimRow.local_id
    )


def iter_claims(session: Session, stmt: Select[tuple[ClaimRow]]) -> Iterator[StoredClaim]:
    """Run a :func:`claim_query` and yield each claim with its attribution and document."""
    yield from stored_claims(session, list(session.scalars(stmt)))


def stored_claims(
    session: Session, rows: Sequence[ClaimRow], *, ordered: bool = True
) -> list[StoredClaim]:
    """Claim rows with their attributions and documents' dates and publishers.

    Only the attributions the claims come from are read. With ``ordered`` False the rows
    are sorted as :func:`claim_query` sorts them (oldest document first, undated last).
    """
    doc_ids = sorted({r.doc_id for r in rows})
    docs: dict[str, tuple[dt.date | None, str | None]] = {}
    attrs: dict[tuple[str, int], Attribution] = {}
    wanted = {(r.doc_id, r.attribution) for r in rows}
    for chunk in chunks(doc_ids):
        docs.update({d.id: (d.date, d.publisher) for d in session.execute(
            select(DocumentRow.id, DocumentRow.date, DocumentRow.publisher)
            .where(DocumentRow.id.in_(chunk))
        )})  # fmt: skip
    for chunk in chunks(sorted(wanted), 250):
        cond, params = pairs_match(AttributionRow.doc_id, AttributionRow.local_id, chunk)
        stmt_a = select(*AttributionRow.__table__.columns).where(cond)
        for a in session.execute(stmt_a, params):  # plain rows, read like ORM objects
            if (a.doc_id, a.local_id) in wanted:
                attrs[(a.doc_id, a.local_id)] = to_attribution(a)
    if not ordered:

        def order(r: ClaimRow) -> tuple[object, ...]:
            date = docs.get(r.doc_id, (None, None))[0]
            return (date is None, date or dt.date.min, r.doc_id, r.local_id)

        rows = sorted(rows, key=order)
    out = []
    for row in rows:
        date, publisher = docs.get(row.doc_id, (None, None))
        out.append(StoredClaim(claim_record(row), attrs.get((row.doc_id, row.attribution)),
                               date, publisher))  # fmt: skip
    return out


def denials(session: Session, doc_ids: Iterable[str]) -> list[Attribution]:
    """Denying attributions (with ``responds_to``) of the given documents."""
    out = []
    for chunk in chunks(sorted(set(doc_ids))):
        stmt = (
            select(AttributionRow)
            .where(
                AttributionRow.doc_id.in_(chunk),
                AttributionRow.stance == "deny",
                AttributionRow.responds_to.is_not(None),
            )
            .order_by(AttributionRow.doc_id, AttributionRow.local_id)
        )
        out.extend(to_attribution(row) for row in session.scalars(stmt))
    return out


def claim_counts(session: Session) -> dict[str, int]:
    """Number of claims per type."""
    from sqlalchemy import func

    stmt = select(ClaimRow.type, func.count()).group_by(ClaimRow.type)
    return {kind: n for kind, n in session.execute(stmt)}
