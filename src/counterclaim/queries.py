"""Library queries over the claims in a ledger: claims, disputes, figures, timelines, entities.

Re-exported by :mod:`counterclaim.pipeline` (the library API). Each function opens one
session, reads stored claims with their attributions, maps document entity keys to global
entity ids (``entity_link``) and hands :class:`~counterclaim.compare.LedgerClaim` records to
:mod:`counterclaim.compare`. Filters by place or entity go through ``claim_arg``'s index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from counterclaim import compare
from counterclaim.compare import Dispute, Entry, LedgerClaim, Said, Tally, Unanswered
from counterclaim.crossdoc import GlobalEntity, Ref
from counterclaim.records import Attribution, Entity
from counterclaim.store import claims as claim_store
from counterclaim.store import entities as entity_store
from counterclaim.store import propositions
from counterclaim.store.engine import LedgerError
from counterclaim.store.models import DocumentRow

UNNAMED_ORIGIN = re.compile(r"^(?:a|an|the|one|two|several|some|unnamed|sources?)\b|^[a-z]")


class EntityNotFound(LedgerError, LookupError):
    """No global entity has this id, name or alias."""


# ---------------------------------------------------------------- building LedgerClaims


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
    return [_ledger_claim(s, links, local, globals_) for s in stored]


def _refs(doc_id: str, values: Iterable[object], attr: Attribution | None) -> Iterator[Ref]:
    """The (doc id, entity key) refs a claim's arguments and its speaker may name."""
    for value in values:
        for key in value if isinstance(value, tuple) else (value,):
            if isinstance(key, str):
                yield (doc_id, key)
    if attr is not None and attr.speaker:
        yield (doc_id, attr.speaker)


def _gid(ref: Ref, links: dict[Ref, str]) -> str:
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
            entity, gid = local.get((doc, key)), _gid((doc, key), links)
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
    gid = _gid(ref, links) if attr.speaker else None
    g = globals_.get(gid or "")
    source = attr.source.text if attr.source else "?"
    name = (g.name if g else None) or attr.speaker_name or source
    return Said(
        doc_id=attr.doc_id, attribution=attr.id, speaker=gid, speaker_name=name,
        side=(speaker.side if speaker else None) or (g.side if g else None),
        named=_named(attr, speaker), chain=attr.chain, stance=attr.stance,
        responds_to=attr.responds_to, date=attr.date,
        sentence=attr.sentence.text if attr.sentence else attr.content.text,
        doc_date=doc_date, publisher=publisher,
    )  # fmt: skip


def _load(session: Session, **filters: object) -> list[LedgerClaim]:
    stmt = claim_store.claim_query(**filters)  # type: ignore[arg-type]
    return ledger_claims(session, list(claim_store.iter_claims(session, stmt)))


def _denials(session: Session, claims: Sequence[LedgerClaim]) -> list[Said]:
    """Denials without claims of their own, in the documents of ``claims``."""
    doc_ids = sorted({c.said.doc_id for c in claims})
    found = claim_store.denials(session, doc_ids)
    refs = {(a.doc_id, a.speaker) for a in found if a.speaker}
    links = entity_store.links_at(session, refs)
    local = entity_store.entities_at(session, refs)
    dates = {c.said.doc_id: (c.said.doc_date, c.said.publisher) for c in claims}
    return [said_of(a, links, local, {}, *dates[a.doc_id]) for a in found]


def resolve_subject(session: Session, text: str) -> list[str]:
    """Global ids named by ``text`` (id, name or alias).

    Raises:
        EntityNotFound: Nothing in the ledger goes by that name.
    """
    found = entity_store.find_globals(session, text)
    if not found:
        raise EntityNotFound(f"no entity called {text!r} in the ledger")
    return [g.id for g in found]


# ---------------------------------------------------------------- queries


def claims(
    engine: Engine, *, type_: str | None = None, doc: str | None = None
) -> list[LedgerClaim]:
    """Stored claims, optionally of one type or one document (id or unique prefix)."""
    from counterclaim.store import ledger

    with Session(engine) as session:
        doc_id = ledger.find_document(session, doc).id if doc is not None else None
        return _load(session, type_=type_, doc_id=doc_id)


def disputes(
    engine: Engine,
    *,
    place: str | None = None,
    actor: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Dispute]:
    """Disputes in the ledger, optionally about one place and/or involving one actor.

    The disputes are read as stored (:mod:`counterclaim.dispute_cache` keeps them current,
    and first finds again whatever a write left due). ``place`` keeps the disputes with a
    claim on that place (as its ``place`` argument); ``actor`` those where it is an
    argument of a claim (actor, victim, person, sides, ...) or its speaker.

    Without ``limit``, every dispute, ordered by proposition (as compare orders them).
    With it, one page (``offset`` skipped) of the disputes on the most recently claimed
    propositions first, each proposition's latest dispute first.

    Raises:
        EntityNotFound: ``place`` or ``actor`` names nothing in the ledger.
    """
    from counterclaim.dispute_cache import refresh_disputes
    from counterclaim.store import disputes as dispute_store

    with Session(engine) as session:
        places = resolve_subject(session, place) if place else None
        actors = resolve_subject(session, actor) if actor else None
    refresh_disputes(engine)  # a no-op unless a write left propositions due
    with Session(engine) as session:
        return dispute_store.read(session, places=places, actors=actors, limit=limit,
                                  offset=offset)  # fmt: skip


def disputes_touching(
    session: Session, props: Sequence[str]
) -> tuple[list[Dispute], propositions.Closure]:
    """Every dispute touching the contested propositions ``props``, and what was read to
    find them (:mod:`counterclaim.dispute_cache` stores them)."""
    return _disputes_of(session, props)


def _disputes_of(
    session: Session, props: Sequence[str]
) -> tuple[list[Dispute], propositions.Closure]:
    """The disputes touching contested propositions ``props``."""
    skip = sorted(compare.NOT_DISPUTED)
    reach = propositions.closure(session, props, skip)
    rows = list(reach.rows.values())
    found = ledger_claims(session, claim_store.stored_claims(session, rows, ordered=False))
    result = compare.find_disputes(found, _denials(session, found))
    spans = _control_spans(result)
    context = [r for r in propositions.fighting(session, spans, skip)
               if r.id not in reach.rows] if spans else []  # fmt: skip
    if not context:
        return result, reach
    # fighting is only evidence (``also_against``): group again with it, in claim order
    found = ledger_claims(session, claim_store.stored_claims(session, rows + context,
                                                             ordered=False))  # fmt: skip
    evidence = {(r.doc_id, r.local_id) for r in context}
    return compare.find_disputes(found, _denials(session, found), evidence_only=evidence), reach


def _control_spans(result: Sequence[Dispute]) -> dict[str | None, tuple[str, str]]:
    """Place id -> (first, last) ISO day, widened by compare's window, of the asserted
    control claims in disputes: where fighting may count against them."""
    import datetime as dt

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


def _involves(lc: LedgerClaim, ids: set[str]) -> bool:
    values = {v for x in lc.args.values() for v in (x if isinstance(x, tuple) else (x,))}
    return bool(ids & values) or lc.said.speaker in ids


def fatalities(engine: Engine, *, types: Iterable[str] = ("fatalities",)) -> list[Tally]:
    """Figures by source with low/best/high, per victim, place and period."""
    with Session(engine) as session:
        found = [c for t in types for c in _load(session, type_=t)]
    return compare.fatalities(found, types)


def unanswered(engine: Engine) -> list[Unanswered]:
    """One-sided figures, with "have said nothing about their losses" sentences as evidence."""
    with Session(engine) as session:
        found = [c for t in sorted(compare.FIGURE_TYPES) for c in _load(session, type_=t)]
        silences = _silences(session)
    return compare.unanswered(found, silences)


def _silences(session: Session) -> list[compare.Silence]:
    """Silence sentences of every document (a regex prefilter, then mentions for parties)."""
    rows = session.execute(
        select(DocumentRow.id, DocumentRow.text, DocumentRow.body_start, DocumentRow.date)
    ).all()
    candidates = [r for r in rows if compare.figures.SILENT.search(r.text[r.body_start :])]
    if not candidates:
        return []
    from counterclaim.store import ledger

    out = []
    links = entity_store.load_links(session, [r.id for r in candidates])
    globals_ = entity_store.global_entities(session, set(links.values()))
    for row in candidates:
        analysis = ledger.load_analysis(session, row.id)
        kinds = {e.key: e for e in analysis.entities}
        mentions = [
            (m.span, _gid((row.id, m.entity), links), kinds[m.entity].type,
             (globals_.get(links.get((row.id, m.entity), "")) or kinds[m.entity]).name)
            for m in analysis.mentions if m.entity in kinds
        ]  # fmt: skip
        date = row.date.isoformat() if row.date else None
        out.extend(compare.find_silences(row.id, row.text, mentions, row.body_start, date))
    return out


def timeline(engine: Engine, subject: str) -> list[Entry]:
    """Claims about a place or entity (an argument, or the speaker), by event date."""
    with Session(engine) as session:
        ids = resolve_subject(session, subject)
        found = _load(session, global_ids=ids)
    return compare.timeline(found, ids)


# ---------------------------------------------------------------- entities


def entities(engine: Engine, limit: int | None = None) -> list[GlobalEntity]:
    """Global entities, most documents first."""
    with Session(engine) as session:
        return entity_store.list_globals(session, limit)


def entity_links(
    engine: Engine, subject: str
) -> list[tuple[GlobalEntity, list[tuple[str, str, str]]]]:
    """The global entities named ``subject`` with their (doc, key, reason) links."""
    with Session(engine) as session:
        found = entity_store.find_globals(session, subject)
        if not found:
            raise EntityNotFound(f"no entity called {subject!r} in the ledger")
        return [(g, entity_store.link_reasons(session, g.id)) for g in found]



# ---------------------------------------------------------------- JSON views


def said_record(said: Said) -> dict[str, object]:
    """Who said it, through whom, when, in which sentence."""
    return {
        "doc_id": said.doc_id, "attribution": said.attribution, "speaker": said.speaker,
        "speaker_name": said.speaker_name, "side": said.side, "named": said.named,
        "chain": list(said.chain), "stance": said.stance, "responds_to": said.responds_to,
        "said_on": said.date, "doc_date": said.doc_date, "publisher": said.publisher,
        "sentence": said.sentence,
    }  # fmt: skip


def claim_record(lc: LedgerClaim) -> dict[str, object]:
    """A JSON-ready claim: fields, global arguments, proposition and who said it."""
    c = lc.claim
    count = c.count
    return {
        "doc_id": c.doc_id, "id": c.id, "attribution": c.attribution, "type": c.type,
        "value": c.value, "modality": c.modality,
        "args": {r: list(v) if isinstance(v, tuple) else v for r, v in lc.args.items()},
        "local_args": {r: list(v) if isinstance(v, tuple) else v for r, v in c.args.items()},
        "count": None if count is None else {"low": count.low, "best": count.best,
                                             "high": count.high, "approx": count.approx,
                                             "text": count.text},
        "magnitude": c.magnitude, "date": c.date, "period": c.period,
        "evidence": c.evidence.text if c.evidence else None,
        "proposition": compare.describe(lc), "said": said_record(lc.said),
    }  # fmt: skip


def dispute_record(d: Dispute) -> dict[str, object]:
    """A JSON-ready dispute with both sides in full."""
    return {
        "proposition": d.proposition, "type": d.type, "kind": d.kind,
        "documents": list(d.documents), "cross_document": d.cross_document,
        "for": [claim_record(c) for c in d.for_],
        "against": [claim_record(c) for c in d.against],
        "also_against": [claim_record(c) for c in d.also_against],
    }  # fmt: skip


def tally_record(t: Tally) -> dict[str, object]:
    """A JSON-ready fatalities tally."""
    start, end = t.period
    return {
        "type": t.type, "victim": t.victim, "place": t.place,
        "period": None if start is None else f"{start}/{end}",
        "low": t.low, "best": t.best, "high": t.high,
        "figures": [{"source": f.source, "side": f.side, "low": f.low, "best": f.best,
                     "high": f.high, "claim": claim_record(f.claim)} for f in t.figures],
    }  # fmt: skip


def unanswered_record(u: Unanswered) -> dict[str, object]:
    """A JSON-ready one-sided figure with its evidence sentences."""
    return {
        "claim": claim_record(u.claim) if u.claim else None, "victim": u.victim, "why": u.why,
        "evidence": [{"doc_id": s.doc_id, "start": s.span.start, "end": s.span.end,
                      "text": s.span.text} for s in u.evidence],
    }  # fmt: skip


def entry_record(e: Entry) -> dict[str, object]:
    """A JSON-ready timeline entry."""
    start, end = e.when
    when = None if start is None else str(start) if start == end else f"{start}/{end}"
    return {"when": when, "role": e.role, "proposition": e.proposition,
            **{k: v for k, v in claim_record(e.claim).items() if k != "proposition"}}  # fmt: skip


def entity_record(g: GlobalEntity) -> dict[str, object]:
    """A JSON-ready global entity."""
    return {
        "id": g.id, "name": g.name, "type": g.type, "side": g.side, "roles": list(g.roles),
        "aliases": list(g.aliases), "documents": g.documents,
        "geo": None if g.geo is None else {"kind": g.geo.kind, "country": g.geo.country,
                                           "iso3166_2": g.geo.iso3166_2, "lat": g.geo.lat,
                                           "lon": g.geo.lon},
    }  # fmt: skip
