"""Stored claims read back as compare's records (:class:`~counterclaim.compare.LedgerClaim`).

Each claim comes with its attribution's context (:class:`~counterclaim.compare.Said`: the
speaker as a global id, side, chain, dates) and its arguments mapped from document entity
keys to global entity ids (``entity_link``). :func:`disputes_touching` is the one reading
the stored disputes are found by (:mod:`counterclaim.store.dispute_cache`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterclaim import compare
from counterclaim.compare import Dispute, LedgerClaim, Said
from counterclaim.normalize.events import phase_of
from counterclaim.records import Attribution, Entity
from counterclaim.resolve.crossdoc import GlobalEntity, Ref
from counterclaim.store import claims as claim_store
from counterclaim.store import entities as entity_store
from counterclaim.store import propositions
from counterclaim.store.answers import answers_of
from counterclaim.store.engine import chunks
from counterclaim.store.models import EventMemberRow, EventMentionRow

UNNAMED_ORIGIN = re.compile(r"^(?:a|an|the|one|two|several|some|unnamed|sources?)\b|^[a-z]")


def _named(attr: Attribution, speaker: Entity | None) -> bool:
    """A named person stands behind the statement (not "a Taliban source", not a group)."""
    if speaker is None or speaker.type != "PERSON":
        return False
    return not (attr.chain and UNNAMED_ORIGIN.match(attr.chain[0]) and len(attr.chain) > 1)


def ledger_claims(session: Session, stored: Sequence[claim_store.StoredClaim]) -> list[LedgerClaim]:
    """Stored claims as compare's records, arguments mapped to global ids.

    An argument whose document entity has no global entity (an unnamed description) keeps
    a document-scoped id ``<doc id prefix>:<key>``.
    """
    refs = {ref for s in stored for ref in _refs(s.claim.doc_id, s.claim.args.values(),
                                                 s.attribution)}  # fmt: skip
    links = entity_store.links_at(session, refs)
    local = entity_store.entities_at(session, refs)
    globals_ = entity_store.global_entities(session, set(links.values()))
    events = events_of(session, {s.claim.doc_id for s in stored})
    across = answers_of(session, {(s.claim.doc_id, s.claim.attribution) for s in stored})
    out = []
    for s in stored:
        lc = _ledger_claim(s, links, local, globals_)
        if answered := across.get((s.claim.doc_id, s.claim.attribution)):
            lc = replace(lc, said=replace(lc.said, answers=answered))
        event, phase, named = events.get((s.claim.doc_id, s.claim.id), (None, None, ""))
        # a phase counts only where the claim's own sentence names it ("killed in the
        # initial attack"), not for a claim given to the last event named before it
        out.append(replace(lc, event=event, phase=phase if named in lc.said.sentence else None))
    return out


def events_of(
    session: Session, doc_ids: Iterable[str]
) -> dict[tuple[str, int], tuple[int | None, str | None, str]]:
    """(doc id, claim local id) -> (linked event id, phase, the mention's words) of the
    claims an event mention of these documents holds; the event id is None while the
    document's events are not linked yet."""
    docs = sorted(set(doc_ids))
    local: dict[tuple[str, int], tuple[int, str | None, str]] = {}
    for chunk in chunks(docs):
        stmt = select(EventMentionRow).where(EventMentionRow.doc_id.in_(chunk))
        for r in session.scalars(stmt.order_by(EventMentionRow.doc_id, EventMentionRow.local_id)):
            phase = phase_of(r.span_text, r.head_text)
            for claim in r.claims or ():
                local.setdefault((r.doc_id, claim), (r.event, phase, r.span_text))
    linked: dict[tuple[str, int], int] = {}
    for chunk in chunks(docs):
        stmt = select(EventMemberRow).where(EventMemberRow.doc_id.in_(chunk))
        linked.update(((m.doc_id, m.event), m.event_id) for m in session.scalars(stmt))
    return {
        key: (linked.get((key[0], event)), phase, named)
        for key, (event, phase, named) in local.items()
    }


def _refs(doc_id: str, values: Iterable[object], attr: Attribution | None) -> Iterator[Ref]:
    """The (doc id, entity key) refs a claim's arguments and its speaker may name."""
    for value in values:
        for key in value if isinstance(value, tuple) else (value,):
            if isinstance(key, str):
                yield (doc_id, key)
    if attr is not None and attr.speaker:
        yield (doc_id, attr.speaker)


def global_id(ref: Ref, links: dict[Ref, str]) -> str:
    return links.get(ref) or f"{ref[0][:8]}:{ref[1]}"


def _ledger_claim(
    s: claim_store.StoredClaim,
    links: dict[Ref, str],
    local: dict[Ref, Entity],
    globals_: dict[str, GlobalEntity],
) -> LedgerClaim:
    doc = s.claim.doc_id
    args: dict[str, str | tuple[str, ...]] = {}
    names, sides, places = {}, {}, {}
    for role, value in s.claim.args.items():
        keys = value if isinstance(value, tuple) else (value,)
        ids = []
        for key in keys:
            entity, gid = local.get((doc, key)), global_id((doc, key), links)
            ids.append(gid if entity is not None else key)
            g = globals_.get(gid)
            names[ids[-1]] = g.name if g else entity.name if entity else key
            if side := (entity.side if entity else None) or (g.side if g else None):
                sides[ids[-1]] = side
            if geo := (entity.geo if entity else None) or (g.geo if g else None):
                places[ids[-1]] = geo
        args[role] = tuple(ids) if isinstance(value, tuple) else ids[0]
    return LedgerClaim(s.claim, _said(s, links, local, globals_), args, names, sides, places)


def _said(
    s: claim_store.StoredClaim,
    links: dict[Ref, str],
    local: dict[Ref, Entity],
    globals_: dict[str, GlobalEntity],
) -> Said:
    doc_date = s.doc_date.isoformat() if s.doc_date else None
    attr = s.attribution
    if attr is None:
        return Said(s.claim.doc_id, s.claim.attribution, doc_date=doc_date, publisher=s.publisher)
    return said_of(attr, links, local, globals_, doc_date, s.publisher)


def said_of(
    attr: Attribution,
    links: dict[Ref, str],
    local: dict[Ref, Entity],
    globals_: dict[str, GlobalEntity],
    doc_date: str | None,
    publisher: str | None,
) -> Said:
    """The context of an attribution, its speaker as a global id."""
    ref = (attr.doc_id, attr.speaker or "")
    speaker = local.get(ref) if attr.speaker else None
    gid = global_id(ref, links) if attr.speaker else None
    g = globals_.get(gid or "")
    source = attr.source.text if attr.source else "?"
    name = (g.name if g else None) or attr.speaker_name or source
    return Said(
        doc_id=attr.doc_id, attribution=attr.id, speaker=gid, speaker_name=name,
        side=(speaker.side if speaker else None) or (g.side if g else None),
        named=_named(attr, speaker), chain=attr.chain, stance=attr.stance,
        responds_to=attr.responds_to, opposes=attr.opposes, date=attr.date,
        sentence=attr.sentence.text if attr.sentence else attr.content.text,
        doc_date=doc_date, publisher=publisher,
    )  # fmt: skip


def load_claims(session: Session, **filters: object) -> list[LedgerClaim]:
    stmt = claim_store.claim_query(**filters)  # type: ignore[arg-type]
    return ledger_claims(session, list(claim_store.iter_claims(session, stmt)))


def denials_for(session: Session, claims: Sequence[LedgerClaim]) -> list[Said]:
    """Denials without claims of their own, in the documents of ``claims``."""
    doc_ids = sorted({c.said.doc_id for c in claims})
    found = claim_store.denials(session, doc_ids)
    refs = {(a.doc_id, a.speaker) for a in found if a.speaker}
    links = entity_store.links_at(session, refs)
    local = entity_store.entities_at(session, refs)
    dates = {c.said.doc_id: (c.said.doc_date, c.said.publisher) for c in claims}
    return [said_of(a, links, local, {}, *dates[a.doc_id]) for a in found]


def disputes_touching(
    session: Session, props: Sequence[str]
) -> tuple[list[Dispute], propositions.Closure]:
    """Every dispute touching the contested propositions ``props``, and what was read to
    find them (:mod:`counterclaim.store.dispute_cache` stores them)."""
    return _disputes_of(session, props)


def _disputes_of(
    session: Session, props: Sequence[str]
) -> tuple[list[Dispute], propositions.Closure]:
    """The disputes touching contested propositions ``props``."""
    skip = sorted(compare.NOT_DISPUTED)
    reach = propositions.closure(session, props, skip)
    rows = list(reach.rows.values())
    found = ledger_claims(session, claim_store.stored_claims(session, rows, ordered=False))
    result = compare.find_disputes(found, denials_for(session, found))
    spans = _control_spans(result)
    context = [r for r in propositions.fighting(session, spans, skip)
               if r.id not in reach.rows] if spans else []  # fmt: skip
    if not context:
        return result, reach
    # fighting is only evidence (``also_against``): group again with it, in claim order
    found = ledger_claims(session, claim_store.stored_claims(session, rows + context,
                                                             ordered=False))  # fmt: skip
    evidence = {(r.doc_id, r.local_id) for r in context}
    return compare.find_disputes(found, denials_for(session, found), evidence_only=evidence), reach


def _control_spans(result: Sequence[Dispute]) -> dict[str | None, tuple[str, str]]:
    """Place id -> (first, last) ISO day, widened by compare's window, of the asserted
    control claims in disputes: where fighting may count against them."""
    spans: dict[str | None, tuple[str, str]] = {}
    pad = dt.timedelta(days=compare.model.WINDOW_DAYS)
    for d in result:
        for lc in (*d.for_, *d.against):
            place = lc.arg("place")
            if lc.claim.type != "territorial_control" or not lc.claim.value:
                continue
            start, end = compare.event_time(lc)
            first = (start - pad).isoformat() if start else "0000-00-00"
            last = (end + pad).isoformat() if end else "9999-99-99"
            old = spans.get(place, (first, last))
            spans[place] = (min(old[0], first), max(old[1], last))
    return spans
