"""Library queries over the claims in a ledger: claims, disputes, figures, timelines, entities.

Re-exported by :mod:`counterclaim.pipeline` (the library API). Each function opens one
session, reads stored claims with their attributions, maps document entity keys to global
entity ids (``entity_link``) and hands :class:`~counterclaim.compare.LedgerClaim` records to
:mod:`counterclaim.compare`. Filters by place or entity go through ``claim_arg``'s index.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from counterclaim import compare
from counterclaim.compare import Dispute, Entry, LedgerClaim, Said, Tally, Unanswered
from counterclaim.records import Attribution
from counterclaim.resolve.crossdoc import GlobalEntity
from counterclaim.store import claimsearch, entitypage, ledger, readmodels, review
from counterclaim.store import disputes as dispute_store
from counterclaim.store import entities as entity_store
from counterclaim.store.claims import stored_claims
from counterclaim.store.claimview import global_id, ledger_claims, load_claims
from counterclaim.store.engine import LedgerError
from counterclaim.store.entitypage import EntityPageData
from counterclaim.store.models import DocumentRow


class EntityNotFound(LedgerError, LookupError):
    """No global entity has this id, name or alias."""


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
    engine: Engine,
    *,
    type_: str | None = None,
    doc: str | None = None,
    min_confidence: float = 0.0,
    review_state: str | None = None,
) -> list[LedgerClaim]:
    """Stored claims, optionally of one type or one document (id or unique prefix), and
    only those whose calibrated confidence is at least ``min_confidence`` and whose
    review state (:func:`claim_states`) is ``review_state``."""
    with Session(engine) as session:
        doc_id = ledger.find_document(session, doc).id if doc is not None else None
        found = load_claims(session, type_=type_, doc_id=doc_id)
    found = [c for c in found if c.claim.confidence >= min_confidence]
    if review_state is None:
        return found
    return [c for c, s in zip(found, claim_states(engine, found), strict=True) if s == review_state]


def claim_states(engine: Engine, found: Iterable[LedgerClaim]) -> list[str]:
    """The review state of each claim (``machine``, ``reviewed``, ``corrected``: its own
    or its statement's, the furthest)."""
    with Session(engine) as session:
        mine, said = review.states(session, "claim"), review.states(session, "attribution")
    return [review.claim_state(mine, said, c.claim.doc_id, c.claim.id, c.said.attribution)
            for c in found]  # fmt: skip


def attribution_states(engine: Engine, found: Iterable[Attribution]) -> list[str]:
    """The review state of each attribution."""
    with Session(engine) as session:
        said = review.states(session, "attribution")
    return [said.get(f"{a.doc_id}:{a.id}", "machine") for a in found]


def claim_page(
    engine: Engine,
    *,
    type_: str | None = None,
    doc: str | None = None,
    q: str | None = None,
    min_confidence: float = 0.0,
    review_state: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> tuple[list[LedgerClaim], int]:
    """One page of the stored claims (of one type, one document: an id or unique prefix;
    at least ``min_confidence`` likely right; whose proposition or evidence holds ``q``,
    apart from case), oldest document first as :func:`claims` orders them, and how many
    match in all. Filtered, ordered and paged in SQL (:mod:`counterclaim.store.claimsearch`):
    only the claims of the page are read.

    With ``review_state`` the state decides (it is not a column: :func:`claim_states`), so
    the claims of that state are read whole and paged here."""
    if review_state is not None:
        found = claims(engine, type_=type_, doc=doc, min_confidence=min_confidence,
                       review_state=review_state)  # fmt: skip
        if q:
            needle = q.casefold()
            found = [c for c in found if needle in " ".join(
                str(claim_record(c)[k] or "") for k in ("proposition", "evidence")).casefold()]  # fmt: skip
        end = None if limit is None else offset + limit
        return found[offset:end], len(found)
    with Session(engine) as session:
        doc_id = ledger.find_document(session, doc).id if doc is not None else None
        rows, total = claimsearch.claim_page(session, type_=type_, doc_id=doc_id, q=q,
                                             min_confidence=min_confidence, limit=limit,
                                             offset=offset)  # fmt: skip
        return ledger_claims(session, stored_claims(session, rows)), total


def disputes(
    engine: Engine,
    *,
    place: str | None = None,
    actor: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Dispute]:
    """Disputes in the ledger, optionally about one place and/or involving one actor.

    The disputes are read as stored: a read takes no write lock (so a read-only ledger
    and a busy one answer). Writers keep them current (:mod:`counterclaim.store.dispute_cache`:
    ingest, the web upload and pins find again what they left due, and a writer that
    stopped half-way leaves its due propositions to the next one). ``place`` keeps the disputes with a
    claim on that place (as its ``place`` argument); ``actor`` those where it is an
    argument of a claim (actor, victim, person, sides, ...) or its speaker.

    Without ``limit``, every dispute, ordered by proposition (as compare orders them).
    With it, one page (``offset`` skipped) of the disputes on the most recently claimed
    propositions first, each proposition's latest dispute first.

    Raises:
        EntityNotFound: ``place`` or ``actor`` names nothing in the ledger.
    """
    found = reviewed_disputes(engine, place=place, actor=actor, limit=limit, offset=offset)
    return [d for _, _, d in found]


def reviewed_disputes(
    engine: Engine,
    *,
    place: str | None = None,
    actor: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    rejected: bool = False,
) -> list[tuple[str, str, Dispute]]:
    """:func:`disputes`, each with its stable key (what ``review dispute`` takes) and its
    review state (``machine``, ``reviewed``, ``rejected``); rejected ones only when asked.

    Raises:
        EntityNotFound: ``place`` or ``actor`` names nothing in the ledger.
    """
    with Session(engine) as session:
        places = resolve_subject(session, place) if place else None
        actors = resolve_subject(session, actor) if actor else None
    with Session(engine) as session:
        return dispute_store.read_reviewed(session, places=places, actors=actors, limit=limit,
                                           offset=offset, rejected=rejected)  # fmt: skip


def totals(
    engine: Engine,
    what: str,
    *,
    subject: str | None = None,
    actor: str | None = None,
    types: Iterable[str] = ("fatalities",),
) -> int:
    """How many ``disputes`` (about place ``subject``, involving ``actor``), ``fatalities``
    tallies (at place ``subject``) or ``timeline`` entries (of ``subject``) there are: the
    total beside a page, counted by index.

    Raises:
        EntityNotFound: ``subject`` or ``actor`` names nothing in the ledger.
    """
    with Session(engine) as session:
        ids = resolve_subject(session, subject) if subject else None
        if what == "disputes":
            actors = resolve_subject(session, actor) if actor else None
            return dispute_store.count(session, places=ids, actors=actors)
        if what == "fatalities":
            return readmodels.count_tallies(session, sorted(set(types)), ids)
        if what == "timeline" and ids is not None:
            return readmodels.count_entries(session, ids)
    raise ValueError(f"no total for {what!r}")


def _involves(lc: LedgerClaim, ids: set[str]) -> bool:
    values = {v for x in lc.args.values() for v in (x if isinstance(x, tuple) else (x,))}
    return bool(ids & values) or lc.said.speaker in ids


def fatalities(
    engine: Engine,
    *,
    types: Iterable[str] = ("fatalities",),
    place: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    min_confidence: float = 0.0,
) -> list[Tally]:
    """Figures by source with low/best/high, per victim, place and period, in compare's
    order (period, place, victim): all of them, or one page (``limit``, ``offset``),
    optionally at one place (a name, alias or id).

    The tallies are read as stored (:mod:`counterclaim.store.readmodels`, kept current by
    the writers as the disputes are): an index range, whatever the size of the ledger.
    With ``min_confidence``, only figures at least that likely right are tallied: those
    tallies are made at read time from the claims (the stored ones hold every figure).

    Raises:
        EntityNotFound: ``place`` names nothing in the ledger.
    """
    with Session(engine) as session:
        places = resolve_subject(session, place) if place else None
        if min_confidence <= 0.0:
            return readmodels.read_tallies(session, sorted(set(types)), places=places,
                                           limit=limit, offset=offset)  # fmt: skip
        found = [c for t in types for c in load_claims(session, type_=t)
                 if c.claim.confidence >= min_confidence
                 and (places is None or _involves_place(c, set(places)))]  # fmt: skip
    tallies = compare.fatalities(found, types)
    return tallies[offset : None if limit is None else offset + limit]


def _involves_place(lc: LedgerClaim, ids: set[str]) -> bool:
    where = lc.args.get("place")
    return bool(ids & set(where if isinstance(where, tuple) else (where,)))


def unanswered(engine: Engine) -> list[Unanswered]:
    """One-sided figures, with "have said nothing about their losses" sentences as evidence."""
    with Session(engine) as session:
        found = [c for t in sorted(compare.FIGURE_TYPES) for c in load_claims(session, type_=t)]
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
    out = []
    links = entity_store.load_links(session, [r.id for r in candidates])
    globals_ = entity_store.global_entities(session, set(links.values()))
    for row in candidates:
        analysis = ledger.load_analysis(session, row.id)
        kinds = {e.key: e for e in analysis.entities}
        mentions = [
            (m.span, global_id((row.id, m.entity), links), kinds[m.entity].type,
             (globals_.get(links.get((row.id, m.entity), "")) or kinds[m.entity]).name)
            for m in analysis.mentions if m.entity in kinds
        ]  # fmt: skip
        date = row.date.isoformat() if row.date else None
        out.extend(compare.find_silences(row.id, row.text, mentions, row.body_start, date))
    return out


def timeline(
    engine: Engine, subject: str, *, limit: int | None = None, offset: int = 0
) -> list[Entry]:
    """Claims about a place or entity (an argument, or the speaker), by event date: all,
    or one page (``limit``, ``offset``) read from the stored timeline entries by index.

    Raises:
        EntityNotFound: ``subject`` names nothing in the ledger.
    """
    with Session(engine) as session:
        ids = resolve_subject(session, subject)
        return readmodels.timeline_page(session, ids, limit=limit, offset=offset)


def origins(engine: Engine, subject: str) -> list[tuple[str, list[LedgerClaim]]]:
    """Who carried what: the claims about (or by) ``subject`` grouped by proposition and
    value, for :func:`counterclaim.compare.side_independence` to count reports and origins.

    ``subject`` is a claim (``<doc id prefix>:<claim id>``: that claim and those agreeing
    with it across the ledger) or an entity's id, name or alias.

    Raises:
        EntityNotFound: ``subject`` names neither a stored claim nor an entity.
    """
    with Session(engine) as session:
        doc, _, number = subject.rpartition(":")
        if doc and number.isdigit():
            try:
                doc_id = ledger.find_document(session, doc).id
            except LedgerError:
                doc_id = None
            if doc_id is not None:
                mine = [c for c in load_claims(session, doc_id=doc_id) if c.claim.id == int(number)]
                if mine:
                    same = load_claims(session, type_=mine[0].claim.type)
                    key = compare.proposition_key(mine[0])
                    found = [c for c in same if compare.proposition_key(c) == key]
                    return _by_proposition(found, only=_group_key(mine[0]))
        ids = set(resolve_subject(session, subject))
        return _by_proposition(c for c in load_claims(session) if _involves(c, ids))


def _group_key(lc: LedgerClaim) -> tuple[str, object, str]:
    return (compare.describe(lc), lc.claim.value, lc.said.stance)


def _by_proposition(
    found: Iterable[LedgerClaim], only: tuple[str, object, str] | None = None
) -> list[tuple[str, list[LedgerClaim]]]:
    groups: dict[tuple[str, object, str], list[LedgerClaim]] = {}
    for lc in found:
        key = _group_key(lc)
        if only is None or key == only:
            groups.setdefault(key, []).append(lc)
    out = []
    for (proposition, value, stance), claims in groups.items():
        label = proposition if value is not False else f"not: {proposition}"
        out.append((f"{label} (denied)" if stance == "deny" else label, claims))
    return sorted(out, key=lambda g: (-len(g[1]), g[0]))


def origins_record(proposition: str, claims: list[LedgerClaim]) -> dict[str, object]:
    """A JSON-ready proposition with its reports and origins."""
    return {"proposition": proposition, **compare.side_independence(claims).record()}


# ---------------------------------------------------------------- entities


def entities(engine: Engine, limit: int | None = None, offset: int = 0) -> list[GlobalEntity]:
    """Global entities, most documents first (one page: ``limit`` after ``offset``)."""
    with Session(engine) as session:
        return entity_store.list_globals(session, limit, offset)


def entity_list(
    engine: Engine,
    *,
    q: str | None = None,
    type_: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> tuple[list[entity_store.Listed], int]:
    """One page of the global entities, most quoted first, each with its statements,
    documents and mentions, and how many match in all: ``q`` is the id or part of a name
    or alias, ``type_`` the type (:func:`counterclaim.store.entities.entity_list`)."""
    with Session(engine) as session:
        return entity_store.entity_list(session, q=q, type_=type_, limit=limit, offset=offset)


def entity_evidence(engine: Engine, ids: Iterable[str]) -> dict[str, dict[str, object]]:
    """Type votes and side evidence of global entities (:func:`.entities.entity_evidence`)."""
    with Session(engine) as session:
        return entity_store.entity_evidence(session, ids)  # type: ignore[return-value]


def entity_page(
    engine: Engine, key: str, doc: str | None = None, *, limit: int = 50, offset: int = 0
) -> EntityPageData | None:
    """One entity's page (a global id, or ``key`` in document ``doc``): its documents and
    the statements by, about and through it, ``limit`` of each after ``offset``, read by
    index; None when no entity goes by ``key``."""
    with Session(engine) as session:
        return entitypage.entity_page(session, key, doc, limit=limit, offset=offset)


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
        "opposes": said.opposes, "answers": [list(x) for x in said.answers], "said_on": said.date, "doc_date": said.doc_date, "publisher": said.publisher,
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
        "evidence": c.evidence.text if c.evidence else None, "confidence": c.confidence,
        "proposition": compare.describe(lc), "said": said_record(lc.said),
    }  # fmt: skip


def dispute_record(d: Dispute) -> dict[str, object]:
    """A JSON-ready dispute with both sides in full, and how independent each side is:
    ``independence`` maps ``for`` / ``against`` to ``{"reports": N, "origins": M,
    "summary": ..., "listed": [origin, ...]}`` (:func:`counterclaim.compare.side_independence`)."""
    against = (*d.against, *d.also_against)
    return {
        "proposition": d.proposition, "type": d.type, "kind": d.kind,
        "documents": list(d.documents), "cross_document": d.cross_document,
        "for": [claim_record(c) for c in d.for_],
        "against": [claim_record(c) for c in d.against],
        "also_against": [claim_record(c) for c in d.also_against],
        "independence": {"for": compare.side_independence(d.for_).record(),
                         "against": compare.side_independence(against).record()},
    }  # fmt: skip


def tally_record(t: Tally) -> dict[str, object]:
    """A JSON-ready fatalities tally; each figure carries its claim's calibrated
    ``confidence``, the tally the highest of them (how likely its best figure is right)."""
    start, end = t.period
    return {
        "type": t.type, "victim": t.victim, "place": t.place,
        "period": None if start is None else f"{start}/{end}",
        "low": t.low, "best": t.best, "high": t.high,
        "confidence": max((f.claim.claim.confidence for f in t.figures), default=None),
        "figures": [{"source": f.source, "side": f.side, "low": f.low, "best": f.best,
                     "high": f.high, "confidence": f.claim.claim.confidence,
                     "claim": claim_record(f.claim)} for f in t.figures],
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


def entity_record(
    g: GlobalEntity, evidence: dict[str, dict[str, object]] | None = None
) -> dict[str, object]:
    """A JSON-ready global entity; with ``evidence`` (:func:`entity_evidence`), its type
    votes and the evidence for its side."""
    record: dict[str, object] = {
        "id": g.id, "name": g.name, "type": g.type, "side": g.side, "roles": list(g.roles),
        "aliases": list(g.aliases), "documents": g.documents,
        "geo": None if g.geo is None else {"kind": g.geo.kind, "country": g.geo.country,
                                           "iso3166_2": g.geo.iso3166_2, "lat": g.geo.lat,
                                           "lon": g.geo.lon},
    }  # fmt: skip
    return record | ((evidence or {}).get(g.id) or {})
