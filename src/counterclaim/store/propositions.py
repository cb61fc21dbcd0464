"""Stored propositions: each claim's hashed proposition key, and what each proposition adds up to.

Compare matches claims on :func:`~counterclaim.compare.proposition_key`, built from the
claim's type and its subject arguments as resolved ids (a global entity id through
``entity_link``, ``<doc id prefix>:<key>`` for a document entity without one, else the key
itself). That key is stored, hashed, on ``claim.proposition`` (None for claims compare
never disputes), with the claim's resolved place, the last day of its event time and
whether a denial links its attribution to another. The ``proposition`` table sums the
claims of each proposition and flags the ``contested`` ones: both values, two asserted
figures, two places for one person, or a denial. Disputes only need the claims of
contested propositions (:mod:`counterclaim.store.queries`).

The key is computed from whatever arguments are stored, so it is refreshed when a
document is saved and when cross-document links change (``store.entities``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Boolean,
    and_,
    case,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import Session

from counterclaim.compare import model as cm
from counterclaim.records import Claim
from counterclaim.store import claimsearch, entityrows, readrows
from counterclaim.store import disputes as dispute_store
from counterclaim.store.engine import chunks
from counterclaim.store.models import (
    AnswerRow,
    AttributionRow,
    ClaimRow,
    DocumentRow,
    EntityLinkRow,
    EntityRow,
    PropositionRow,
)

type Ref = tuple[str, str]  # (doc id, entity key)
type Ref2 = tuple[str, int]  # (doc id, attribution local id)


@dataclass(frozen=True, slots=True)
class Facts:
    """The stored facts of one claim (``claim.proposition``, ``place_ref``, ``day``, ``denial``)."""

    proposition: str | None
    place_ref: str | None
    day: str | None
    denial: bool


NO_FACTS = Facts(None, None, None, False)  # a claim an analyst rejected: never disputed


def resolve_ref(doc_id: str, key: str, links: Mapping[Ref, str], local: set[Ref]) -> str:
    """The id compare sees for an argument key: its global id, ``<doc[:8]>:<key>`` for a
    document entity without one, the key itself when no entity has that key."""
    if (doc_id, key) not in local:
        return key
    return links.get((doc_id, key)) or f"{doc_id[:8]}:{key}"


def resolve_args(
    claim: Claim, links: Mapping[Ref, str], local: set[Ref]
) -> dict[str, str | tuple[str, ...]]:
    """The claim's arguments as resolved ids (tuples stay tuples)."""
    doc = claim.doc_id
    out: dict[str, str | tuple[str, ...]] = {}
    for role, value in claim.args.items():
        if isinstance(value, tuple):
            out[role] = tuple(resolve_ref(doc, k, links, local) for k in value)
        else:
            out[role] = resolve_ref(doc, value, links, local)
    return out


def key_hash(key: tuple[object, ...]) -> str:
    """A short stable hash of a proposition key."""
    data = json.dumps(key, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(data.encode()).hexdigest()[:32]


def facts(
    claim: Claim,
    args: dict[str, str | tuple[str, ...]],
    said_date: str | None,
    doc_date: str | None,
    denial: bool,
) -> Facts:
    """The stored facts of a claim whose arguments are resolved ids."""
    lc = cm.LedgerClaim(claim, cm.Said(claim.doc_id, claim.attribution, date=said_date,
                                       doc_date=doc_date), args)  # fmt: skip
    disputable = (
        claim.modality not in cm.NOT_DISPUTED
        and claim.type not in cm.NOT_DISPUTED
        and cm.comparable(lc)
    )
    last = cm.event_time(lc)[1]
    place = args.get("place")
    return Facts(
        key_hash(cm.proposition_key(lc)) if disputable else None,
        place if isinstance(place, str) else None,
        last.isoformat() if last else None,
        denial,
    )


def denial_pairs(rows: Iterable[tuple[str, int, int | None]]) -> set[tuple[str, int]]:
    """(doc id, attribution) of answering attributions (denials, opposed assertions) and
    of those they answer, from (doc id, local id, responds_to) of the answering ones."""
    out: set[tuple[str, int]] = set()
    for doc_id, local_id, responds_to in rows:
        if responds_to is not None:
            out.update({(doc_id, local_id), (doc_id, responds_to)})
    return out


# ---------------------------------------------------------------- refreshing claims


def pairs_match(
    left: Any, right: Any, pairs: Sequence[tuple[Any, Any]]
) -> tuple[Any, dict[str, Any]]:
    """``(left, right)`` is one of ``pairs``, and its parameters for ``execute`` (none).

    ``left IN (...)`` comes first so SQLite searches the index on ``left`` and checks the
    row values on what it finds (a bare row-value ``IN`` scans the table).
    """
    firsts = sorted({a for a, _ in pairs})
    return and_(left.in_(firsts), tuple_(left, right).in_(list(pairs))), {}


def _claim_cols() -> tuple[Any, ...]:
    c = ClaimRow
    return (c.id, c.doc_id, c.local_id, c.attribution, c.type, c.value, c.modality, c.args,
            c.date, c.period, c.proposition, c.place_ref, c.day, c.denial, c.rejected,
            c.count_best, c.count_approx, c.text, c.evidence_text, c.search_text)  # fmt: skip


def _doc_context(
    session: Session, doc_ids: Sequence[str], speakers: dict[tuple[str, int], str] | None = None
) -> tuple[dict[Ref, str], set[Ref], dict[tuple[str, int], str | None], dict[str, str | None],
           set[tuple[str, int]]]:  # fmt: skip
    """Links, entity keys, attribution dates, document dates and denial pairs of documents
    (and each attribution's speaker key into ``speakers``)."""
    links: dict[Ref, str] = {}
    local: set[Ref] = set()
    said: dict[tuple[str, int], str | None] = {}
    speakers = {} if speakers is None else speakers
    dates: dict[str, str | None] = {}
    denied: list[tuple[str, int, int | None]] = []
    for chunk in chunks(doc_ids):
        stmt_l = select(EntityLinkRow.doc_id, EntityLinkRow.entity_key, EntityLinkRow.global_id)
        links.update({(d, k): g for d, k, g in session.execute(
            stmt_l.where(EntityLinkRow.doc_id.in_(chunk)))})  # fmt: skip
        local.update((d, k) for d, k in session.execute(
            select(EntityRow.doc_id, EntityRow.key).where(EntityRow.doc_id.in_(chunk))))  # fmt: skip
        stmt_a = select(AttributionRow.doc_id, AttributionRow.local_id, AttributionRow.date,
                        AttributionRow.responds_to, AttributionRow.opposes,
                        AttributionRow.speaker)  # fmt: skip
        for d, i, day, responds, opposes, speaker in session.execute(
                stmt_a.where(AttributionRow.doc_id.in_(chunk))):  # fmt: skip
            said[(d, i)] = day
            if speaker:
                speakers[(d, i)] = speaker
            for answered in (responds, opposes):  # a denial, or an assertion opposing another
                if answered is not None:
                    denied.append((d, i, answered))
        dates.update({d: (day.isoformat() if day else None) for d, day in session.execute(
            select(DocumentRow.id, DocumentRow.date).where(DocumentRow.id.in_(chunk)))})  # fmt: skip
    pairs = denial_pairs(denied)
    for (d, i), (t, j) in _answers_touching(session, doc_ids):  # denials across documents
        pairs |= {(d, i), (t, j)}
    return links, local, said, dates, pairs


def _answers_touching(session: Session, doc_ids: Sequence[str]) -> set[tuple[Ref2, Ref2]]:
    """Stored answers across documents (denial, target) with an end in these documents."""
    out: set[tuple[Ref2, Ref2]] = set()
    for chunk in chunks(sorted(set(doc_ids))):
        stmt = select(AnswerRow.doc_id, AnswerRow.attribution, AnswerRow.target_doc,
                      AnswerRow.target_attribution).where(
            or_(AnswerRow.doc_id.in_(chunk), AnswerRow.target_doc.in_(chunk)))  # fmt: skip
        out |= {((d, i), (t, j)) for d, i, t, j in session.execute(stmt)}
    return out


def row_claim(row: Any) -> Claim:
    """A ``Claim`` with the fields the key needs, from a row of :func:`_claim_cols`."""
    args = {r: tuple(v) if isinstance(v, list) else v for r, v in (row.args or {}).items()}
    return Claim(row.doc_id, row.local_id, row.attribution, row.type, bool(row.value),
                 row.modality, args, date=row.date, period=row.period)  # fmt: skip


def refresh_claims(
    session: Session,
    doc_ids: Iterable[str] | None = None,
    *,
    mark_due: bool = True,
    read_rows: bool = True,
) -> int:
    """Recompute the stored facts of the claims of some (or all) documents and the
    summaries of every proposition that changed; returns the claims changed.
    ``mark_due=False`` leaves the stored disputes alone (a migration before they exist).
    The documents' timeline entries and tally groups are made again
    (:func:`counterclaim.store.readrows.replace_documents`) unless ``read_rows`` is False
    (a migration before their tables exist)."""
    if doc_ids is None:
        docs = list(session.scalars(select(DocumentRow.id).order_by(DocumentRow.id)))
    else:
        docs = sorted(set(doc_ids))
    changed, touched = 0, set()
    for chunk in chunks(docs, 2000):
        speakers: dict[tuple[str, int], str] = {}
        links, local, said, dates, denials = _doc_context(session, chunk, speakers)
        globals_ = set(links.values())
        names = claimsearch.arg_names(session, chunk, links) if read_rows else {}
        updates, entries, figures = [], [], []
        for sub in chunks(chunk):
            for row in session.execute(select(*_claim_cols()).where(ClaimRow.doc_id.in_(sub))):
                claim = row_claim(row)
                args = resolve_args(claim, links, local)
                said_on, doc_date = said.get((row.doc_id, row.attribution)), dates.get(row.doc_id)
                new = NO_FACTS if row.rejected else facts(
                    claim, args, said_on, doc_date,
                    (row.doc_id, row.attribution) in denials)  # fmt: skip
                text = row.search_text
                if read_rows:
                    text = claimsearch.search_text(row, claim, args, names, said_on, doc_date)
                if not row.rejected:  # a rejected claim is on no timeline and in no tally
                    key = speakers.get((row.doc_id, row.attribution))
                    speaker = links.get((row.doc_id, key)) if key else None
                    mine, figure = readrows.claim_rows(
                        row, args, globals_, speaker, said_on, doc_date
                    )
                    entries += mine
                    if figure is not None:
                        figures.append(figure)
                old = Facts(row.proposition, row.place_ref, row.day, bool(row.denial))
                if new != old:
                    touched.update({old.proposition, new.proposition})
                    changed += 1
                if new != old or text != row.search_text:
                    updates.append({"id": row.id, "proposition": new.proposition,
                                    "place_ref": new.place_ref, "day": new.day,
                                    "denial": new.denial, "search_text": text})  # fmt: skip
        if updates:
            session.execute(update(ClaimRow), updates)
        if read_rows:
            entityrows.replace_documents(session, chunk, entries)  # before the entries go
            readrows.replace_documents(session, chunk, entries, figures)
    touched.discard(None)
    refresh_summaries(session, sorted(touched), mark_due=mark_due)  # type: ignore[arg-type]
    return changed


# ---------------------------------------------------------------- proposition summaries


def _summary_select() -> Any:
    c = ClaimRow
    one = literal(1)
    has_count = or_(c.count_best.is_not(None), c.count_approx.is_not(None))
    asserted = func.sum(case((c.value.is_(True), one), else_=0))
    negated = func.sum(case((c.value.is_(False), one), else_=0))
    figures = func.sum(case((and_(c.value.is_(True), has_count), one), else_=0))
    denials = func.sum(case((c.denial.is_(True), one), else_=0))
    kind = func.min(c.type)
    # bounds on each figure's range (count_range): a low end no lower, a high end no higher
    low = func.max(
        case((c.value.is_(True), func.coalesce(c.count_low, c.count_best, c.count_high)))
    )
    high = func.min(
        case((c.value.is_(True), func.coalesce(c.count_high, c.count_best, c.count_low)))
    )
    contested = or_(
        and_(asserted > 0, negated > 0),
        and_(
            kind.in_(sorted(cm.FIGURE_TYPES)),
            figures > 1,
            low * (1 - cm.SLACK) + 0.001 > high * (1 + cm.SLACK),
        ),  # + float error
        and_(kind == "person_location", func.min(c.place_ref) != func.max(c.place_ref)),
        denials > 0,
    )
    return select(
        c.proposition, kind, func.count(), asserted, negated, figures, low, high, denials,
        func.min(c.place_ref), func.max(c.place_ref), func.min(c.day), func.max(c.day),
        case((contested, True), else_=False).cast(Boolean),
    ).where(c.proposition.is_not(None)).group_by(c.proposition)  # fmt: skip


_SUMMARY_COLS = (
    "id",
    "type",
    "claims",
    "asserted",
    "negated",
    "figures",
    "max_low",
    "min_high",
    "denials",
    "min_place",
    "max_place",
    "first_day",
    "last_day",
    "contested",
)


def refresh_summaries(
    session: Session, ids: Sequence[str] | None = None, *, mark_due: bool = True
) -> None:
    """Recompute the ``proposition`` rows of the given (or all) propositions from ``claim``,
    and mark their stored disputes due (:func:`counterclaim.store.disputes.mark_due`)."""
    if mark_due:
        dispute_store.mark_due(session, ids)
    table = PropositionRow.__table__
    cols = [table.c[name] for name in _SUMMARY_COLS]
    if ids is None:
        session.execute(delete(PropositionRow))
        session.execute(insert(PropositionRow).from_select(cols, _summary_select()))
        return
    for chunk in chunks(list(ids)):
        session.execute(delete(PropositionRow).where(PropositionRow.id.in_(chunk)))
        stmt = _summary_select().where(ClaimRow.proposition.in_(chunk))
        session.execute(insert(PropositionRow).from_select(cols, stmt))


def related_attributions(
    session: Session, pairs: Iterable[tuple[str, int]]
) -> set[tuple[str, int]]:
    """The attributions linked to any of (doc id, attribution) ``pairs`` by a chain of
    denials in their document (a denial of a denial of it too), or by a stored answer
    across documents (and on along the chains of the documents it reaches)."""
    reached: set[Ref2] = set(pairs)
    seen_docs: set[str] = set()
    edges: set[tuple[Ref2, Ref2]] = set()
    a = AttributionRow
    while True:
        docs = sorted({d for d, _ in reached} - seen_docs)
        if docs:
            seen_docs |= set(docs)
            for chunk in chunks(docs):
                stmt = select(a.doc_id, a.local_id, a.responds_to, a.opposes).where(
                    a.doc_id.in_(chunk), a.responds_to.is_not(None) | a.opposes.is_not(None)
                )
                for doc_id, local_id, responds_to, opposes in session.execute(stmt):
                    for answered in (responds_to, opposes):
                        if answered is not None:
                            edges.add(((doc_id, local_id), (doc_id, answered)))
            edges |= _answers_touching(session, docs)
        linked = {x for e in edges if reached & set(e) for x in e}
        if linked <= reached:
            return reached
        reached |= linked


# ---------------------------------------------------------------- reading candidates


@dataclass
class Closure:
    """Claims loaded for disputes: whole contested propositions, linked by denials."""

    rows: dict[int, ClaimRow]
    propositions: set[str]


def _load(
    session: Session, cond: Any, skip: Sequence[str], params: dict[str, Any] | None = None
) -> list[ClaimRow]:
    stmt = select(*ClaimRow.__table__.columns).where(
        cond, ClaimRow.type.not_in(list(skip)), ClaimRow.rejected.is_(False)
    )
    return list(session.execute(stmt, params or {}))  # plain rows: ORM objects cost 10x


def _by_pairs(
    session: Session, pairs: Sequence[tuple[str, int]], skip: Sequence[str]
) -> Iterator[ClaimRow]:
    for chunk in chunks(sorted(pairs), 250):
        cond, params = pairs_match(ClaimRow.doc_id, ClaimRow.attribution, chunk)
        yield from _load(session, cond, skip, params)


def closure(session: Session, props: Iterable[str], skip: Sequence[str] = ()) -> Closure:
    """The claims (of types not in ``skip``) compare needs to find
    every dispute touching the contested propositions ``props``, and no partial one.

    Loaded, until nothing new comes: every claim of each proposition reached, and the
    claims of the attributions a chain of denials links to a loaded claim's attribution
    (with their propositions). A dispute is a connected group of conflicting claims, and a
    conflict is either within one proposition or along a denial, so each group found here
    is whole. Fighting in the places of territorial claims is read apart
    (:func:`fighting`).
    """
    found = Closure({}, set())
    todo, expanded, loaded = set(props), set(), set()
    while todo:
        new: list[ClaimRow] = []
        for chunk in chunks(sorted(todo - found.propositions)):
            new += _load(session, ClaimRow.proposition.in_(chunk), skip)
        found.propositions |= todo
        todo = set()
        while new:
            fresh = [r for r in new if r.id not in found.rows]
            found.rows.update((r.id, r) for r in fresh)
            pairs = {(r.doc_id, r.attribution) for r in fresh if r.denial} - expanded
            expanded |= pairs
            related = (related_attributions(session, pairs) | pairs) - loaded if pairs else set()
            loaded |= related
            new = [r for r in _by_pairs(session, sorted(related), skip)
                   if r.id not in found.rows]  # fmt: skip
            todo |= {r.proposition for r in new if r.proposition} - found.propositions
    return found


def fighting(
    session: Session,
    spans: Mapping[str | None, tuple[str, str]],
    skip: Sequence[str] = (),
) -> list[Any]:
    """Fighting claims that may be evidence against control of a place (``also_against``):
    in each place of ``spans`` (place id -> first and last ISO day the control claims cover,
    already widened by the window; None: no place), at a time that may overlap, or
    undated; with every claim a denial links to one of them (compare implies denials from
    those)."""
    out: dict[int, Any] = {}
    c = ClaimRow
    for place, (first, last) in spans.items():
        when = and_(or_(c.day.is_(None), c.day >= first),
                    or_(c.period_start.is_(None), c.period_start <= last))  # fmt: skip
        where = c.place_ref == place if place is not None else c.place_ref.is_(None)
        cond = and_(c.type == "fighting_ongoing", where, or_(when, c.denial.is_(True)))
        out.update((r.id, r) for r in _load(session, cond, skip))
    pairs = {(r.doc_id, r.attribution) for r in out.values() if r.denial}
    if pairs:
        related = related_attributions(session, pairs) | pairs
        out.update((r.id, r) for r in _by_pairs(session, sorted(related), skip))
    return list(out.values())
