"""The claim list and its search, a page at a time in SQL.

A claim matches a search when its proposition (as :func:`counterclaim.compare.describe`
prints it, names and event time included) or its evidence holds the words, apart from
case. That text is stored folded (``claim.search_text``) by
:func:`counterclaim.store.propositions.refresh_claims` whenever the claim's document is
saved, relinked or corrected, so a search is a ``LIKE`` over one column (on SQLite and
PostgreSQL alike), and the page is read in the claim list's order (oldest document first,
undated last) with ``LIMIT``/``OFFSET``: only the claims of the page become records.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counterclaim.compare import model as cm
from counterclaim.records import Claim
from counterclaim.store.engine import chunks
from counterclaim.store.models import ClaimRow, DocumentRow, EntityRow, GlobalEntityRow

type Ref = tuple[str, str]


def arg_names(session: Session, doc_ids: Sequence[str], links: Mapping[Ref, str]) -> dict[str, str]:
    """Printable names of the ids claims of these documents resolve to: a global entity's
    name, a document entity's own (``<doc[:8]>:<key>``) when it has no global entity."""
    names: dict[str, str] = {}
    for chunk in chunks(sorted(set(doc_ids))):
        stmt = select(EntityRow.doc_id, EntityRow.key, EntityRow.name)
        for d, k, name in session.execute(stmt.where(EntityRow.doc_id.in_(chunk))):
            names.setdefault(f"{d[:8]}:{k}", name)
            if (d, k) in links:
                names.setdefault(links[(d, k)], name)
    for chunk in chunks(sorted(set(links.values()))):
        stmt = select(GlobalEntityRow.id, GlobalEntityRow.name)
        names.update(dict(session.execute(stmt.where(GlobalEntityRow.id.in_(chunk))).all()))  # type: ignore[arg-type]
    return names


def search_text(
    row: Any,
    claim: Claim,
    args: Mapping[str, str | tuple[str, ...]],
    names: Mapping[str, str],
    said_on: str | None,
    doc_date: str | None,
) -> str:
    """``"<proposition> <evidence>"`` case-folded, as the claim list's ``q`` matches it."""
    ids = {v for x in args.values() for v in (x if isinstance(x, tuple) else (x,))}
    lc = cm.LedgerClaim(
        replace(claim, text=row.text or ""),
        cm.Said(claim.doc_id, claim.attribution, date=said_on, doc_date=doc_date),
        dict(args), {i: names.get(i, i) for i in ids},
    )  # fmt: skip
    return f"{cm.describe(lc)} {row.evidence_text or ''}".casefold()


def _filtered(
    stmt: Any,
    type_: str | None,
    doc_id: str | None,
    q: str | None,
    min_confidence: float,
    counting: bool = False,
) -> Any:
    c = ClaimRow
    # a count reads the narrow index on (rejected, type, confidence); a page goes by the
    # documents' dates, so there the same test is one the planner cannot take an index for
    stmt = stmt.where(c.rejected.is_(False) if counting else c.rejected.is_not(True))
    if type_ is not None:
        stmt = stmt.where(c.type == type_)
    if doc_id is not None:
        stmt = stmt.where(c.doc_id == doc_id)
    if min_confidence > 0.0:
        stmt = stmt.where(c.confidence >= min_confidence)
    if q:
        stmt = stmt.where(c.search_text.contains(q.casefold(), autoescape=True))
    return stmt


def claim_page(
    session: Session,
    *,
    type_: str | None = None,
    doc_id: str | None = None,
    q: str | None = None,
    min_confidence: float = 0.0,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[list[ClaimRow], int]:
    """One page of the claims matching the filters in the list's order (oldest document
    first, undated last, then document and claim), and how many match in all."""
    c, d = ClaimRow, DocumentRow
    base = select(c.id).join(d, d.id == c.doc_id)
    ids: list[int] = []
    for dated in (True, False):  # dated documents by day, then the undated ones: two ranges
        part = _filtered(base.where(d.date.is_not(None) if dated else d.date.is_(None)),
                         type_, doc_id, q, min_confidence)  # fmt: skip
        part = part.order_by(d.date, c.doc_id, c.local_id) if dated else part.order_by(
            c.doc_id, c.local_id)  # fmt: skip
        want = None if limit is None else limit - len(ids)
        if want is not None and want <= 0:
            break
        skip = offset if not ids else 0
        if not dated and offset and not ids:  # what the dated part took of the offset
            skip = max(0, offset - _count(session, True, type_, doc_id, q, min_confidence))
        ids += session.scalars(part.limit(want).offset(skip or None))
    found: dict[int, ClaimRow] = {}
    for chunk in chunks(ids):  # the page's rows, by id (the ordered scan reads ids only)
        found.update({r.id: r for r in session.scalars(select(c).where(c.id.in_(chunk)))})
    total = _count(session, None, type_, doc_id, q, min_confidence)
    return [found[i] for i in ids], total


def _count(
    session: Session,
    dated: bool | None,
    type_: str | None,
    doc_id: str | None,
    q: str | None,
    min_confidence: float,
) -> int:
    c, d = ClaimRow, DocumentRow
    stmt = select(func.count()).select_from(c)
    if dated is not None:
        stmt = stmt.join(d, d.id == c.doc_id)
        stmt = stmt.where(d.date.is_not(None) if dated else d.date.is_(None))
    return session.scalar(_filtered(stmt, type_, doc_id, q, min_confidence, True)) or 0
