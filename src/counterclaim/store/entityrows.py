"""The stored entity index: each global entity's documents and the statements by, about and
through it, in page order (``entity_item``), and what the entity list orders by
(``entity_count``).

:func:`counterclaim.store.propositions.refresh_claims` makes a document's timeline
entries again whenever it is saved, relinked or corrected; it calls
:func:`replace_documents` for the same documents, which makes their entity items again
from the stored rows:

- ``doc``: the document, for each global entity one of its entities is linked to, with
  the mentions of those entities in it;
- ``by``: an attribution whose speaker is linked to the entity;
- ``about``: an attribution with a mention of such an entity inside its content (not said
  by that same entity key);
- ``via``: an attribution whose chain names the entity (its name or an alias, apart from
  case), in a document where it is linked (not said by it).

``entity_count`` is kept equal to the entity's rows (statements: ``by`` rows; documents:
``doc`` rows; mentions: their sum) by adding what changed, in the same transaction. The
names a ``via`` row matches change when the linker renames an entity or gives it a new
alias: :func:`refresh_via` makes those entities' ``via`` rows again.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, insert, select, tuple_, update
from sqlalchemy.orm import Session

from counterclaim.store.engine import chunks
from counterclaim.store.models import (
    AttributionRow,
    ChainLinkRow,
    DocumentRow,
    EntityCountRow,
    EntityFormRow,
    EntityItemRow,
    EntityLinkRow,
    GlobalEntityRow,
    MentionRow,
    TimelineEntryRow,
)

DOC, BY, ABOUT, VIA = "doc", "by", "about", "via"
PRONOUN_LABELS = frozenset({"PRON"})  # mentions that are no way of writing a name
RELS = (BY, ABOUT, VIA)


def ingested_key(value: dt.datetime | None) -> str:
    """A UTC timestamp as text that sorts as the time does."""
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.%f")


def entity_names(session: Session, ids: Iterable[str]) -> dict[str, frozenset[str]]:
    """Global id -> its name and aliases, case-folded (what a ``via`` chain name matches)."""
    out: dict[str, frozenset[str]] = {}
    for chunk in chunks(sorted(set(ids))):
        stmt = select(GlobalEntityRow.id, GlobalEntityRow.name, GlobalEntityRow.aliases)
        for gid, name, aliases in session.execute(stmt.where(GlobalEntityRow.id.in_(chunk))):
            out[gid] = frozenset(n.casefold() for n in (name, *(aliases or ())) if n)
    return out


def document_items(session: Session, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The entity items of these documents, from their stored rows (see the module doc)."""
    docs = {r.id: r for r in session.execute(
        select(DocumentRow.id, DocumentRow.date, DocumentRow.ingested_at)
        .where(DocumentRow.id.in_(list(doc_ids))))}  # fmt: skip
    links: dict[str, dict[str, str]] = defaultdict(dict)  # doc -> key -> global id
    for d, k, g in session.execute(
        select(EntityLinkRow.doc_id, EntityLinkRow.entity_key, EntityLinkRow.global_id)
        .where(EntityLinkRow.doc_id.in_(list(doc_ids)))):  # fmt: skip
        links[d][k] = g
    if not links:
        return []
    names = entity_names(session, {g for keys in links.values() for g in keys.values()})
    mentions: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    written: dict[tuple[str, str], dict[str, None]] = defaultdict(dict)  # (doc, gid) -> forms
    m = MentionRow
    for d, start, end, key, text, label in session.execute(
        select(m.doc_id, m.span_start, m.span_end, m.entity_key, m.span_text, m.label)
        .where(m.doc_id.in_(list(links)), m.entity_key.is_not(None))
        .order_by(m.doc_id, m.position)):  # fmt: skip
        mentions[d].append((start, end, key))
        if key in links[d] and label not in PRONOUN_LABELS and (form := " ".join(text.split())):
            written[(d, links[d][key])][form[:500]] = None
    a = AttributionRow
    attrs = list(session.execute(
        select(a.id, a.doc_id, a.local_id, a.speaker, a.content_start, a.content_end)
        .where(a.doc_id.in_(list(links)))))  # fmt: skip
    chain: dict[int, set[str]] = defaultdict(set)
    for i, name in session.execute(
        select(ChainLinkRow.attribution_id, ChainLinkRow.name).join(a)
        .where(a.doc_id.in_(list(links)))):  # fmt: skip
        chain[i].add(name.casefold())
    rows: dict[tuple[str, str, str, int], dict[str, Any]] = {}

    def add(gid: str, rel: str, doc_id: str, local_id: int, mentions: int = 0) -> None:
        forms = list(written.get((doc_id, gid), ())) if rel == DOC else None
        doc = docs.get(doc_id)
        date = doc.date if doc is not None else None
        key = (gid, rel, doc_id, local_id)
        if key in rows:
            rows[key]["mentions"] += mentions
            return
        rows[key] = {"global_id": gid, "rel": rel, "doc_id": doc_id, "local_id": local_id,
                     "undated": int(date is None), "doc_date": date.isoformat() if date else "",
                     "ingested": ingested_key(doc.ingested_at if doc is not None else None),
                     "mentions": mentions, "forms": forms}  # fmt: skip

    for doc_id, keys in links.items():
        counted: dict[str, int] = defaultdict(int)
        for _, _, key in mentions[doc_id]:
            if key in keys:
                counted[keys[key]] += 1
        for gid in set(keys.values()):
            add(gid, DOC, doc_id, 0, counted[gid])
    for r in attrs:
        keys = links[r.doc_id]
        if r.speaker in keys:
            add(keys[r.speaker], BY, r.doc_id, r.local_id)
        for start, end, key in mentions[r.doc_id]:
            if (
                key in keys
                and key != r.speaker
                and r.content_start <= start
                and end <= r.content_end
            ):
                add(keys[key], ABOUT, r.doc_id, r.local_id)
        if r.id in chain:
            for key, gid in keys.items():
                if key != r.speaker and chain[r.id] & names.get(gid, frozenset()):
                    add(gid, VIA, r.doc_id, r.local_id)
    return list(rows.values())


def replace_documents(
    session: Session, doc_ids: Sequence[str], entries: Sequence[dict[str, Any]]
) -> None:
    """Make the entity items of these documents again, and the counts of the entities
    whose items changed; ``entries`` are the documents' new timeline entries (call this
    before they replace the stored ones: the claims counted change by the difference)."""
    by_doc: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for x in entries:
        by_doc[x["doc_id"]].append((x["subject"], x["role"]))
    for chunk in chunks(sorted(set(doc_ids))):
        e, t = EntityItemRow, TimelineEntryRow
        stored = session.execute(
            select(e.global_id, e.rel, e.mentions, e.forms).where(e.doc_id.in_(chunk))).all()  # fmt: skip
        before = _tallies((g, r, n) for g, r, n, _ in stored)
        forms_before = _forms((g, f) for g, r, _, f in stored if r == DOC)
        for gid, n in _claims(session.execute(
                select(t.subject, t.role).where(t.doc_id.in_(chunk)))).items():  # fmt: skip
            before[gid][3] += n
        session.execute(delete(e).where(e.doc_id.in_(chunk)))
        items = document_items(session, chunk)
        if items:
            session.execute(insert(e), items)
        after = _tallies((r["global_id"], r["rel"], r["mentions"]) for r in items)
        for gid, n in _claims(x for d in chunk for x in by_doc.get(d, ())).items():
            after[gid][3] += n
        _add_counts(session, before, after)
        _add_forms(session, forms_before,
                   _forms((r["global_id"], r["forms"]) for r in items if r["rel"] == DOC))  # fmt: skip


def _forms(rows: Iterable[tuple[str, list[str] | None]]) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = defaultdict(int)
    for gid, forms in rows:
        for form in forms or ():
            out[(gid, form)] += 1
    return out


def _add_forms(
    session: Session, before: dict[tuple[str, str], int], after: dict[tuple[str, str], int]
) -> None:
    """Add what changed to ``entity_form``; forms left in no document are deleted."""
    delta = {k: after.get(k, 0) - before.get(k, 0) for k in before.keys() | after.keys()}
    delta = {k: n for k, n in delta.items() if n}
    if not delta:
        return
    f = EntityFormRow.__table__
    pairs = sorted(delta)
    have: set[tuple[str, str]] = set()
    for chunk in chunks(pairs, 250):
        cond = and_(f.c.global_id.in_(sorted({g for g, _ in chunk})),
                    tuple_(f.c.global_id, f.c.form).in_(list(chunk)))  # fmt: skip
        have |= {(g, x) for g, x in session.execute(select(f.c.global_id, f.c.form).where(cond))}
    old = [{"g": g, "f": x, "n": delta[(g, x)]} for g, x in pairs if (g, x) in have]
    new = [{"global_id": g, "form": x, "documents": delta[(g, x)]}
           for g, x in pairs if (g, x) not in have]  # fmt: skip
    if old:
        session.execute(update(f).where(f.c.global_id == bindparam("g"), f.c.form == bindparam("f"))
                        .values(documents=f.c.documents + bindparam("n")), old)  # fmt: skip
    if new:
        session.execute(insert(f), new)
    for chunk in chunks(sorted({g for g, _ in pairs})):
        session.execute(delete(f).where(f.c.global_id.in_(chunk), f.c.documents <= 0))


def forms_of(session: Session, ids: Iterable[str]) -> dict[str, list[str]]:
    """Global id -> the ways it is written, in the most documents first."""
    f = EntityFormRow
    out: dict[str, list[str]] = defaultdict(list)
    for chunk in chunks(sorted(set(ids))):
        stmt = (select(f.global_id, f.form).where(f.global_id.in_(chunk))
                .order_by(f.global_id, f.documents.desc(), f.form))  # fmt: skip
        for gid, form in session.execute(stmt):
            out[gid].append(form)
    return out


type Counts = dict[str, list[int]]  # global id -> [statements, documents, mentions, claims]


def _tallies(rows: Iterable[Any]) -> Counts:
    out: Counts = defaultdict(lambda: [0, 0, 0, 0])
    for gid, rel, mentions in rows:
        if rel == BY:
            out[gid][0] += 1
        elif rel == DOC:
            out[gid][1] += 1
            out[gid][2] += mentions
    return out


def _claims(rows: Iterable[Any]) -> dict[str, int]:
    """Timeline entries (subject, role) -> claims each subject is an argument of."""
    out: dict[str, int] = defaultdict(int)
    for subject, role in rows:
        if role != "speaker":
            out[subject] += 1
    return out


def _add_counts(session: Session, before: Counts, after: Counts) -> None:
    """Add what changed to ``entity_count``; rows left at zero are deleted."""
    zeros = [0, 0, 0, 0]
    delta = {g: [n - o for n, o in zip(after.get(g, zeros), before.get(g, zeros), strict=True)]
             for g in before.keys() | after.keys()}  # fmt: skip
    delta = {g: d for g, d in delta.items() if any(d)}
    if not delta:
        return
    c = EntityCountRow
    have: set[str] = set()
    for chunk in chunks(sorted(delta)):
        have |= set(session.scalars(select(c.global_id).where(c.global_id.in_(chunk))))
    old = [{"g": g, "s": d[0], "d": d[1], "m": d[2], "c": d[3]}
           for g, d in delta.items() if g in have]  # fmt: skip
    new = [{"global_id": g, "statements": d[0], "documents": d[1], "mentions": d[2],
            "claims": d[3]} for g, d in delta.items() if g not in have]  # fmt: skip
    if old:
        session.execute(
            update(c.__table__).where(c.__table__.c.global_id == bindparam("g")).values(
                statements=c.__table__.c.statements + bindparam("s"),
                documents=c.__table__.c.documents + bindparam("d"),
                mentions=c.__table__.c.mentions + bindparam("m"),
                claims=c.__table__.c.claims + bindparam("c"),
            ), old)  # fmt: skip
    if new:
        session.execute(insert(c), new)
    zero = (c.statements == 0) & (c.documents == 0) & (c.mentions == 0) & (c.claims == 0)
    for chunk in chunks(sorted(delta)):
        session.execute(delete(c).where(c.global_id.in_(chunk), zero))


def refresh_via(session: Session, ids: Iterable[str]) -> None:
    """Make the ``via`` rows of these global entities again (their names changed)."""
    wanted = sorted(set(ids))
    if not wanted:
        return
    names = entity_names(session, wanted)
    a, link = AttributionRow, EntityLinkRow
    for gid in wanted:
        session.execute(delete(EntityItemRow).where(EntityItemRow.global_id == gid,
                                                    EntityItemRow.rel == VIA))  # fmt: skip
        mine = names.get(gid)
        if not mine:
            continue
        stmt = (
            select(
                a.doc_id,
                a.local_id,
                link.entity_key,
                a.speaker,
                DocumentRow.date,
                DocumentRow.ingested_at,
            )
            .join(link, link.doc_id == a.doc_id)
            .join(DocumentRow, DocumentRow.id == a.doc_id)
            .join(ChainLinkRow, ChainLinkRow.attribution_id == a.id)
            .where(link.global_id == gid, func.lower(ChainLinkRow.name).in_(sorted(mine)))
        )  # a prefilter (lower() folds ASCII only), checked again with casefold below
        rows: dict[tuple[str, int], dict[str, Any]] = {}
        for r in session.execute(stmt):
            if r.speaker == r.entity_key or (r.doc_id, r.local_id) in rows:
                continue
            rows[(r.doc_id, r.local_id)] = {
                "global_id": gid, "rel": VIA, "doc_id": r.doc_id, "local_id": r.local_id,
                "undated": int(r.date is None), "doc_date": r.date.isoformat() if r.date else "",
                "ingested": ingested_key(r.ingested_at), "mentions": 0}  # fmt: skip
        if rows:
            session.execute(insert(EntityItemRow), list(rows.values()))


# ---------------------------------------------------------------- reading


def page(
    session: Session, gid: str, rel: str, *, limit: int | None = None, offset: int = 0
) -> list[tuple[str, int]]:
    """(doc id, local id) of one page of an entity's items of ``rel``, newest document
    first (documents: local id 0): an index range."""
    e = EntityItemRow
    stmt = (
        select(e.doc_id, e.local_id)
        .where(e.global_id == gid, e.rel == rel)
        .order_by(e.undated, e.doc_date.desc(), e.ingested.desc(), e.doc_id.desc(), e.local_id)
    )
    return [(d, i) for d, i in session.execute(stmt.limit(limit).offset(offset or None))]


def counts(session: Session, gid: str) -> tuple[int, int, int]:
    """An entity's statements, documents and mentions."""
    c = EntityCountRow
    row = session.execute(select(c.statements, c.documents, c.mentions)
                          .where(c.global_id == gid)).first()  # fmt: skip
    return (row[0], row[1], row[2]) if row is not None else (0, 0, 0)
