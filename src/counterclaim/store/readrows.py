"""Rows of the stored read models a write keeps current: timeline entries and tally groups.

:func:`counterclaim.store.propositions.refresh_claims` resolves each claim's arguments
whenever a document is saved or its cross-document links change; it hands what it
resolved to :func:`claim_rows`, and :func:`replace_documents` swaps the documents' rows:

- ``timeline_entry``: one row per (global entity, claim) the entity is an argument or the
  speaker of, with the keys the timeline is ordered by (event day, day said, document,
  claim; undated last), so a timeline page is one index range;
- ``tally_claim``: each figure claim's tally group (type, victim, place as resolved ids),
  whose old and new groups are marked due (``read_due``) for
  :mod:`counterclaim.store.tallies` to make their tallies again.

``read_due`` also holds documents (kind ``timeline``) and ``*`` marks (everything of a
kind): a ledger migrated to this schema, or a relink, is rebuilt in resumable chunks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from counterclaim.compare import model as cm
from counterclaim.store.engine import chunks
from counterclaim.store.models import ReadDueRow, TallyClaimRow, TallyRow, TimelineEntryRow

ALL = "*"
TIMELINE, TALLY = "timeline", "tally"
UNDATED = "9999-12-31"  # sorts after every day: undated entries come last


def _day(value: Any) -> str:
    return value.isoformat() if value is not None else UNDATED


def tally_key(kind: str, victim: str | None, place: str | None, ref: str) -> str:
    """A figure claim's tally group: compare pools figures of one type, victim and place;
    a figure without a victim (``ref``: its document and claim) is a group of its own."""
    key = (kind, victim, place, None if victim else ref)
    data = json.dumps(key, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(data.encode()).hexdigest()[:32]


def claim_rows(
    row: Any,
    args: Mapping[str, str | tuple[str, ...]],
    globals_: set[str],
    speaker: str | None,
    said_date: str | None,
    doc_date: str | None,
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """The timeline entries and the tally group row of one claim.

    ``row`` has the claim's ``id``, ``doc_id``, ``local_id``, ``type``, ``value``,
    ``date``, ``period`` and count columns; ``args`` are its resolved arguments, of which
    only ``globals_`` (global entity ids) get entries; ``speaker`` is the speaker's global id.
    """
    when = (None, None)
    for value in (row.period, row.date, said_date, doc_date):
        when = cm.parse_when(value)
        if when[0] is not None:
            break
    said = cm.parse_when(said_date or doc_date)[0]
    roles: dict[str, str] = {}
    for role, value in args.items():
        for v in value if isinstance(value, tuple) else (value,):
            if v in globals_:
                roles.setdefault(v, role)
    if speaker:
        roles.setdefault(speaker, "speaker")
    base = {"claim_id": row.id, "when_day": _day(when[0]), "said_day": _day(said),
            "doc_id": row.doc_id, "local_id": row.local_id}  # fmt: skip
    entries = [{"subject": s, "role": r, **base} for s, r in roles.items()]
    figure = None
    has_count = row.count_best is not None or row.count_approx is not None
    if row.type in cm.FIGURE_TYPES and row.value and has_count:
        victim, place = args.get("victim"), args.get("place")
        victim = victim if isinstance(victim, str) else None
        place = place if isinstance(place, str) else None
        key = tally_key(row.type, victim, place, f"{row.doc_id}:{row.local_id}")
        figure = {"claim_id": row.id, "key": key, "doc_id": row.doc_id}
    return entries, figure


def replace_documents(
    session: Session,
    doc_ids: Sequence[str],
    entries: list[dict[str, Any]],
    figures: list[dict[str, Any]],
) -> None:
    """Replace the timeline entries and tally groups of these documents' claims; the tally
    groups they were and are in are marked due."""
    old: set[str] = set()
    for chunk in chunks(sorted(set(doc_ids))):
        old |= set(
            session.scalars(select(TallyClaimRow.key).where(TallyClaimRow.doc_id.in_(chunk)))
        )
        session.execute(delete(TimelineEntryRow).where(TimelineEntryRow.doc_id.in_(chunk)))
        session.execute(delete(TallyClaimRow).where(TallyClaimRow.doc_id.in_(chunk)))
    if entries:
        session.execute(insert(TimelineEntryRow), entries)
    if figures:
        session.execute(insert(TallyClaimRow), figures)
    mark_due(session, TALLY, old | {f["key"] for f in figures})


# ---------------------------------------------------------------- due marks


def mark_due(session: Session, kind: str, keys: Iterable[str]) -> None:
    """Mark documents (``timeline``) or tally groups (``tally``), or ``*``, due."""
    rows = [{"kind": kind, "key": k} for k in sorted(set(keys))]
    for part in chunks(rows, 5000):
        _insert_ignore(session, list(part))


def _insert_ignore(session: Session, rows: list[dict[str, Any]]) -> None:
    table = ReadDueRow.__table__
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        session.execute(pg_insert(table).on_conflict_do_nothing(), rows)
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        session.execute(sqlite_insert(table).on_conflict_do_nothing(), rows)
    else:  # pragma: no cover - other databases: skip what is there
        have = {(k, v) for k, v in session.execute(select(ReadDueRow.kind, ReadDueRow.key))}
        fresh = [r for r in rows if (r["kind"], r["key"]) not in have]
        if fresh:
            session.execute(insert(table), fresh)


def mark_tallies_of(session: Session, ids: Iterable[str]) -> None:
    """Mark due the tallies whose victim or place is one of these global entities (their
    printable names are copied in them)."""
    keys: set[str] = set()
    for chunk in chunks(sorted(set(ids))):
        for column in (TallyRow.victim, TallyRow.place):
            keys |= set(session.scalars(select(TallyRow.key).where(column.in_(chunk))))
    mark_due(session, TALLY, keys)


def due(session: Session, kind: str, limit: int | None = None) -> list[str]:
    """The keys of ``kind`` marked due, in order (``*`` sorts first)."""
    stmt = select(ReadDueRow.key).where(ReadDueRow.kind == kind).order_by(ReadDueRow.key)
    return list(session.scalars(stmt.limit(limit)))


def clear_due(session: Session, kind: str, keys: Iterable[str]) -> None:
    for chunk in chunks(sorted(set(keys))):
        session.execute(
            delete(ReadDueRow).where(ReadDueRow.kind == kind, ReadDueRow.key.in_(chunk))
        )
