"""Global entities in the ledger: rows <-> ``crossdoc`` records, links, and user pins."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import String, cast, delete, func, insert, literal, or_, select, update
from sqlalchemy.orm import Session

from counterclaim.records import Entity
from counterclaim.resolve.crossdoc import GlobalEntity, Link, Pin, Ref, name_key
from counterclaim.resolve.sides import load_actors, side_evidence
from counterclaim.store import disputes as dispute_store
from counterclaim.store import entityrows, propositions, readrows
from counterclaim.store.engine import chunks
from counterclaim.store.models import (
    ClaimArgRow,
    DocumentRow,
    EntityCountRow,
    EntityFormRow,
    EntityLinkRow,
    EntityRow,
    GlobalEntityRow,
    PinRow,
)
from counterclaim.store.rows import geo_json, geo_record, to_entity


def _global(row: GlobalEntityRow) -> GlobalEntity:
    return GlobalEntity(row.id, row.name, row.type, row.side, tuple(row.roles or ()),
                        tuple(row.aliases or ()), row.documents, geo_record(row.geo))  # fmt: skip


def load_entities(session: Session) -> list[tuple[str, list[Entity]]]:
    """Every document's entities, documents in the order they were ingested."""
    return [(doc_id, entities) for doc_id, _, entities in load_dated_entities(session)]


def load_dated_entities(
    session: Session, doc_ids: Sequence[str] | None = None
) -> list[tuple[str, dt.date | None, list[Entity]]]:
    """Every (or these) document's id, date and entities, documents in the order they were
    ingested."""
    stmt = select(EntityRow, DocumentRow.date, DocumentRow.ingested_at).join(DocumentRow)
    if doc_ids is None:
        parts = [stmt]
    else:
        parts = [stmt.where(EntityRow.doc_id.in_(c)) for c in chunks(sorted(set(doc_ids)))]
    found = [
        (when, row.doc_id, row.position, row, date)
        for part in parts
        for row, date, when in session.execute(part)
    ]
    found.sort(key=lambda x: x[:3])
    out: list[tuple[str, dt.date | None, list[Entity]]] = []
    for _, _, _, row, date in found:
        if not out or out[-1][0] != row.doc_id:
            out.append((row.doc_id, date, []))
        out[-1][2].append(to_entity(row))
    return out


def load_links(session: Session, doc_ids: Iterable[str] | None = None) -> dict[Ref, str]:
    """(doc id, entity key) -> global id, for all or the given documents."""
    stmt = select(EntityLinkRow.doc_id, EntityLinkRow.entity_key, EntityLinkRow.global_id)
    if doc_ids is not None:
        stmt = stmt.where(EntityLinkRow.doc_id.in_(list(doc_ids)))
    return {(d, k): g for d, k, g in session.execute(stmt)}


def link_reasons(session: Session, global_id: str) -> list[tuple[str, str, str]]:
    """(doc id, entity key, reason) of every document entity linked to ``global_id``."""
    stmt = select(EntityLinkRow.doc_id, EntityLinkRow.entity_key, EntityLinkRow.reason).where(
        EntityLinkRow.global_id == global_id
    )
    return [tuple(r) for r in session.execute(stmt)]  # type: ignore[misc]


def save_links(
    session: Session, links: Iterable[Link], entities: Iterable[GlobalEntity], *, replace: bool
) -> None:
    """Store global entities and links; ``replace`` drops every earlier one first.

    Global entities left without links are deleted; ``claim_arg.global_id`` is refreshed;
    the stored disputes that show an entity whose record or links changed are marked due
    (their names, sides and speakers are copied into them).
    """
    entities, links = list(entities), list(links)
    docs = {link.doc_id for link in links}
    scope_ids = None if replace else [e.id for e in entities]
    before = global_entities(session, scope_ids)
    links_before = load_links(session, None if replace else docs)
    if replace:
        session.execute(delete(EntityLinkRow))
        session.execute(delete(GlobalEntityRow))
    rows = [
        {"id": e.id, "name": e.name, "type": e.type, "side": e.side, "roles": list(e.roles),
         "aliases": list(e.aliases), "documents": e.documents, "geo": geo_json(e.geo)}
        for e in entities
    ]  # fmt: skip
    have = set(session.scalars(select(GlobalEntityRow.id))) if rows and not replace else set()
    _bulk(session, GlobalEntityRow, rows, lambda r: r["id"] in have)
    linked = set() if replace else set(links_before)
    link_rows = [{"doc_id": k.doc_id, "entity_key": k.key, "global_id": k.global_id,
                  "reason": k.reason} for k in links]  # fmt: skip
    _bulk(session, EntityLinkRow, link_rows, lambda r: (r["doc_id"], r["entity_key"]) in linked)
    used = select(EntityLinkRow.global_id).distinct()
    session.execute(delete(GlobalEntityRow).where(GlobalEntityRow.id.not_in(used)))
    refresh_claim_args(session, None if replace else docs)
    after = global_entities(session, scope_ids)
    links_after = load_links(session, None if replace else docs)
    touched = {i for i in before.keys() | after.keys()
               if _shown(before.get(i)) != _shown(after.get(i))}  # fmt: skip
    for ref in links_before.keys() | links_after.keys():
        if links_before.get(ref) != links_after.get(ref):
            touched |= {links_before.get(ref), links_after.get(ref)} - {None}  # type: ignore[arg-type]
    dispute_store.mark_subjects_due(session, touched)
    readrows.mark_tallies_of(session, touched)
    if not replace:  # a relink of every document made every entity item again
        _names_changed(session, before, after)


def _names_changed(
    session: Session, before: dict[str, GlobalEntity], after: dict[str, GlobalEntity]
) -> None:
    """Entities renamed or given another alias: their ``via`` entity items are made again
    (a chain names them by these), and the documents of the claims naming a renamed one
    are marked due (the claims' search texts print its name)."""

    def names(g: GlobalEntity | None) -> frozenset[str]:
        return frozenset(n.casefold() for n in (g.name, *g.aliases)) if g else frozenset()

    changed = [i for i in before.keys() & after.keys() if names(before[i]) != names(after[i])]
    entityrows.refresh_via(session, changed)
    renamed = sorted(i for i in before.keys() & after.keys() if before[i].name != after[i].name)
    docs: set[str] = set()
    for chunk in chunks(renamed):
        stmt = select(ClaimArgRow.doc_id).where(ClaimArgRow.global_id.in_(chunk)).distinct()
        docs |= set(session.scalars(stmt))
    readrows.mark_due(session, readrows.TIMELINE, docs)


def _shown(entity: GlobalEntity | None) -> tuple[object, ...] | None:
    """What a stored dispute copies of a global entity: its name, side and place."""
    return None if entity is None else (entity.name, entity.side, entity.geo)


def _bulk(session: Session, model: type, rows: list[dict[str, Any]], exists: Any) -> None:
    """Insert new rows and update existing ones (by primary key), in two bulk statements."""
    old = [r for r in rows if exists(r)]
    new = [r for r in rows if not exists(r)]
    if old:
        session.execute(update(model), old)
    if new:
        session.execute(insert(model), new)


def refresh_claim_args(session: Session, doc_ids: Iterable[str] | None = None) -> None:
    """Copy each claim argument's global id from ``entity_link`` (all or some documents),
    then refresh those claims' stored propositions (:mod:`.propositions`)."""
    if doc_ids is not None:
        doc_ids = list(doc_ids)
    linked = (
        select(EntityLinkRow.global_id)
        .where(EntityLinkRow.doc_id == ClaimArgRow.doc_id)
        .where(EntityLinkRow.entity_key == ClaimArgRow.entity_key)
        .scalar_subquery()
    )
    stmt = update(ClaimArgRow).values(global_id=linked)
    if doc_ids is not None:
        stmt = stmt.where(ClaimArgRow.doc_id.in_(list(doc_ids)))
    session.execute(stmt.execution_options(synchronize_session=False))
    propositions.refresh_claims(session, doc_ids)


def global_entities(session: Session, ids: Iterable[str] | None = None) -> dict[str, GlobalEntity]:
    """Global entities by id (all, or the given ids)."""
    if ids is None:
        return {row.id: _global(row) for row in session.scalars(select(GlobalEntityRow))}
    wanted = sorted(set(ids))
    out = {}
    for i in range(0, len(wanted), 500):
        stmt = select(GlobalEntityRow).where(GlobalEntityRow.id.in_(wanted[i : i + 500]))
        out.update({row.id: _global(row) for row in session.scalars(stmt)})
    return out


def find_globals(session: Session, text: str) -> list[GlobalEntity]:
    """Global entities whose id is ``text``, else whose name or an alias is (folded), else
    those linked to a document entity with that key."""
    exact = session.get(GlobalEntityRow, text.strip())
    if exact is not None:
        return [_global(exact)]
    wanted = name_key(text)
    found = []
    for row in session.scalars(select(GlobalEntityRow).order_by(GlobalEntityRow.documents.desc())):
        if wanted in {name_key(n) for n in (row.name, *(row.aliases or ()))}:
            found.append(_global(row))
    if not found:  # a document entity key ("nrf") names its global entity
        stmt = select(EntityLinkRow.global_id).where(EntityLinkRow.entity_key == text.strip())
        found = list(global_entities(session, set(session.scalars(stmt))).values())
    return found


def list_globals(session: Session, limit: int | None = None, offset: int = 0) -> list[GlobalEntity]:
    """Global entities, most documents first (one page, or all)."""
    stmt = select(GlobalEntityRow).order_by(GlobalEntityRow.documents.desc(), GlobalEntityRow.id)
    return [_global(row) for row in session.scalars(stmt.limit(limit).offset(offset or None))]


def entity_records(session: Session, doc_ids: Sequence[str]) -> dict[Ref, Entity]:
    """The document entities of the given documents, by (doc id, key)."""
    stmt = select(EntityRow).where(EntityRow.doc_id.in_(list(doc_ids)))
    return {(row.doc_id, row.key): to_entity(row) for row in session.scalars(stmt)}


def entities_at(session: Session, refs: Iterable[Ref]) -> dict[Ref, Entity]:
    """The document entities at the given (doc id, key) refs that exist, without their
    mentions (names, types, roles, sides and places only)."""
    wanted = sorted(set(refs))
    out: dict[Ref, Entity] = {}
    e = EntityRow
    cols = (e.doc_id, e.key, e.name, e.type, e.roles, e.side, e.geo)
    for i in range(0, len(wanted), 250):
        cond, params = propositions.pairs_match(e.doc_id, e.key, wanted[i : i + 250])
        for r in session.execute(select(*cols).where(cond), params):
            out[(r.doc_id, r.key)] = Entity(r.key, r.name, r.type, (), tuple(r.roles or ()),
                                            r.side, geo_record(r.geo))  # fmt: skip
    return out


def links_at(session: Session, refs: Iterable[Ref]) -> dict[Ref, str]:
    """(doc id, entity key) -> global id for the given refs that are linked."""
    wanted = sorted(set(refs))
    out: dict[Ref, str] = {}
    link = EntityLinkRow
    for i in range(0, len(wanted), 250):
        cond, params = propositions.pairs_match(link.doc_id, link.entity_key, wanted[i : i + 250])
        stmt = select(link.doc_id, link.entity_key, link.global_id).where(cond)
        out.update({(d, k): g for d, k, g in session.execute(stmt, params)})
    return out


def load_pins(session: Session) -> list[Pin]:
    """Every user pin, oldest first."""
    stmt = select(PinRow).order_by(PinRow.id)
    return [Pin(row.kind, row.a, row.b) for row in session.scalars(stmt)]  # type: ignore[arg-type]


def add_pin(session: Session, pin: Pin) -> None:
    """Store a pin (unless the same one is there)."""
    same = (
        select(func.count())
        .select_from(PinRow)
        .where(PinRow.kind == pin.kind, PinRow.a == pin.a, PinRow.b == pin.b)
    )
    if not session.scalar(same):
        session.add(PinRow(kind=pin.kind, a=pin.a, b=pin.b, created_at=dt.datetime.now(dt.UTC)))


def entity_evidence(session: Session, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Why each global entity has its type and side, from its document entities:
    ``type_votes`` (document entities of each type: the type shown is the vote's winner) and
    ``side_evidence`` (per document entity on a side, what in the text or the actor file
    puts it there: :func:`counterclaim.resolve.sides.side_evidence`)."""
    wanted = sorted(set(ids))
    out: dict[str, dict[str, Any]] = {i: {"type_votes": {}, "side_evidence": []} for i in wanted}
    actors = load_actors()
    conflicts = {p.conflict for p in actors.parties}
    link = EntityLinkRow
    for i in range(0, len(wanted), 500):
        stmt = (
            select(link.global_id, EntityRow)
            .join(EntityRow, (EntityRow.doc_id == link.doc_id) & (EntityRow.key == link.entity_key))
            .where(link.global_id.in_(wanted[i : i + 500]))
            .order_by(link.global_id, link.doc_id, EntityRow.position)
        )
        for gid, row in session.execute(stmt):
            votes = out[gid]["type_votes"]
            votes[row.type] = votes.get(row.type, 0) + 1
            if not row.side:
                continue
            found = side_evidence(to_entity(row), actors, conflicts)
            record: dict[str, Any] = {"doc_id": row.doc_id, "entity": row.key, "side": row.side}
            if found is not None and found.side == row.side:
                record |= found.record()
            else:
                record |= {"kind": "text", "summary": f"tagged {row.side} when ingested"}
            out[gid]["side_evidence"].append(record)
    return out


type Listed = tuple[GlobalEntity, int, int, int]  # with its statements, documents, mentions


def entity_list(
    session: Session,
    *,
    q: str | None = None,
    type_: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> tuple[list[Listed], int]:
    """One page of the global entities, most quoted first (statements, then documents,
    then mentions, then name), with how many match in all: ``q`` is the id, or part of the
    name, of an alias or of a way the documents write it (apart from case), ``type_`` the
    type. Ordered and paged in SQL over ``entity_count`` (:mod:`counterclaim.store.entityrows`);
    each entity's aliases are the ways the documents write it (``entity_form``), most
    often first, when it has any."""
    g, c = GlobalEntityRow, EntityCountRow
    zero = literal(0)
    statements, documents = func.coalesce(c.statements, zero), func.coalesce(c.documents, zero)
    mentions = func.coalesce(c.mentions, zero)
    base = select(g, statements, documents, mentions).outerjoin(c, c.global_id == g.id)
    if type_:
        base = base.where(func.lower(g.type) == type_.casefold())
    if q:
        needle = q.casefold()
        quoted = json.dumps(needle)[1:-1]  # as the aliases' JSON text writes it
        written = select(EntityFormRow.global_id).where(
            EntityFormRow.global_id == g.id,
            func.lower(EntityFormRow.form).contains(needle, autoescape=True))  # fmt: skip
        base = base.where(or_(
            func.lower(g.id) == needle,
            func.lower(g.name).contains(needle, autoescape=True),
            func.lower(cast(g.aliases, String)).contains(quoted, autoescape=True),
            written.exists(),
        ))  # fmt: skip
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    stmt = base.order_by(statements.desc(), documents.desc(), mentions.desc(),
                         func.lower(g.name), g.id)  # fmt: skip
    rows = session.execute(stmt.limit(limit).offset(offset or None)).all()
    written = entityrows.forms_of(session, [row.id for row, *_ in rows])
    out = []
    for row, s, d, m in rows:
        entity = _global(row)
        if forms := written.get(entity.id):  # as the documents write it, most often first
            entity = replace(entity, aliases=tuple(forms))
        out.append((entity, s, d, m))
    return out, total
