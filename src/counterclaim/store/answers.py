"""Stored answers across documents: denials linked to the claims of other documents they
answer (:func:`counterclaim.compare.answers.match_answers`).

:func:`refresh_answers` runs after cross-document linking (speakers and the entities a
content names need their global ids), for the documents whose events are due (a new or
re-analysed document; ``*``: all): it finds again every answer between those documents and
the documents said within the matcher's window of them, stores them (``answer``), and marks
due the disputes of the claims on either side of an answer that came or went, so the
stored disputes follow (:mod:`counterclaim.store.propositions` reads answers as denial
links). :func:`answers_of` reads them for compare's records.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from counterclaim.compare.answers import WINDOW_DAYS, Answer, Statement, match_answers
from counterclaim.store import disputes as dispute_store
from counterclaim.store import entities as entity_store
from counterclaim.store.engine import chunks
from counterclaim.store.models import (
    AnswerRow,
    AttributionRow,
    ClaimRow,
    DocumentRow,
    EventDueRow,
    MentionRow,
)
from counterclaim.store.propositions import refresh_claims

ALL = "*"
type Pair = tuple[str, int]  # (doc id, attribution local id)


def refresh_answers(session: Session) -> int:
    """Find again the answers touching the documents whose events are due (see the module
    doc); returns how many answers are stored for them. Call inside the writer's
    transaction, before the events are linked (which clears the due marks)."""
    due = set(session.scalars(select(EventDueRow.doc_id)))
    if not due:
        return 0
    docs = _reach(session, None if ALL in due else due)
    old = _stored(session, docs)
    for chunk in chunks(sorted(docs)):
        session.execute(delete(AnswerRow).where(
            or_(AnswerRow.doc_id.in_(chunk), AnswerRow.target_doc.in_(chunk))))  # fmt: skip
    found = match_answers(_statements(session, sorted(docs)))
    session.add_all(AnswerRow(doc_id=a.doc_id, attribution=a.attribution, target_doc=a.target_doc,
                              target_attribution=a.target_attribution, score=a.score, why=a.why)
                    for a in found)  # fmt: skip
    session.flush()
    new = {(a.doc_id, a.attribution, a.target_doc, a.target_attribution) for a in found}
    changed = old ^ new
    if changed:
        touched = {d for x in changed for d in (x[0], x[2])}
        refresh_claims(session, sorted(touched))  # the denial flags of both sides
        _mark(session, {(x[0], x[1]) for x in changed} | {(x[2], x[3]) for x in changed})
    return len(found)


def _reach(session: Session, due: set[str] | None) -> set[str]:
    """The due documents, the undated ones and those dated within the window of one of
    them: index ranges over the documents' dates, never every document."""
    d = DocumentRow
    if due is None:
        return set(session.scalars(select(d.id)))
    days: set[dt.date] = set()
    for chunk in chunks(sorted(due)):
        days |= {x for x in session.scalars(select(d.date).where(d.id.in_(chunk))) if x}
    pad = dt.timedelta(days=WINDOW_DAYS + 1)
    spans: list[list[dt.date]] = []
    for day in sorted(days):  # the days within the window of a due one, merged
        if spans and day - pad <= spans[-1][1]:
            spans[-1][1] = day + pad
        else:
            spans.append([day - pad, day + pad])
    near = set(session.scalars(select(d.id).where(d.date.is_(None))))
    for lo, hi in spans:
        near |= set(session.scalars(select(d.id).where(d.date.between(lo, hi))))
    return near | due


def _stored(session: Session, docs: set[str]) -> set[tuple[str, int, str, int]]:
    out = set()
    for chunk in chunks(sorted(docs)):
        stmt = select(AnswerRow).where(or_(AnswerRow.doc_id.in_(chunk),
                                           AnswerRow.target_doc.in_(chunk)))  # fmt: skip
        out |= {(r.doc_id, r.attribution, r.target_doc, r.target_attribution)
                for r in session.scalars(stmt)}  # fmt: skip
    return out


def _mark(session: Session, pairs: set[Pair]) -> None:
    """Mark due the propositions of the claims of these attributions."""
    by_doc: dict[str, set[int]] = defaultdict(set)
    for doc_id, attr in pairs:
        by_doc[doc_id].add(attr)
    props: set[str] = set()
    for doc_id, attrs in by_doc.items():
        stmt = select(ClaimRow.proposition).where(
            ClaimRow.doc_id == doc_id, ClaimRow.attribution.in_(sorted(attrs)),
            ClaimRow.proposition.is_not(None))  # fmt: skip
        props |= set(session.scalars(stmt))
    if props:
        dispute_store.mark_due(session, props)


def _statements(session: Session, docs: Sequence[str]) -> list[Statement]:
    """The documents' statements (not narration, not calls) with global ids."""
    dates: dict[str, str | None] = {}
    attrs: list[AttributionRow] = []
    mentions: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for chunk in chunks(list(docs)):
        dates.update((d, day.isoformat() if day else None) for d, day in session.execute(
            select(DocumentRow.id, DocumentRow.date).where(DocumentRow.id.in_(chunk))))  # fmt: skip
        attrs += session.scalars(select(AttributionRow).where(
            AttributionRow.doc_id.in_(chunk), AttributionRow.kind.in_(["direct", "indirect"])))  # fmt: skip
        stmt = select(MentionRow.doc_id, MentionRow.span_start, MentionRow.span_end,
                      MentionRow.entity_key).where(MentionRow.doc_id.in_(chunk),
                                                   MentionRow.entity_key.is_not(None))  # fmt: skip
        for d, start, end, key in session.execute(stmt):
            mentions[d].append((start, end, key))
    refs = {(a.doc_id, a.speaker) for a in attrs if a.speaker}
    refs |= {(d, k) for d, items in mentions.items() for _, _, k in items}
    links = entity_store.links_at(session, refs)
    local = entity_store.entities_at(session, refs)
    out = []
    for a in attrs:
        speaker = (a.doc_id, a.speaker) if a.speaker else None
        named = frozenset(
            links[(a.doc_id, k)] for s, e, k in mentions[a.doc_id]
            if a.content_start <= s and e <= a.content_end and (a.doc_id, k) in links
            and (a.doc_id, k) != speaker
        )  # fmt: skip
        entity = local.get(speaker) if speaker else None
        out.append(Statement(
            doc_id=a.doc_id, attribution=a.local_id, stance=a.stance, content=a.content_text,
            speaker=links.get(speaker) if speaker else None,
            speaker_name=a.speaker_name or a.source_text or "",
            side=entity.side if entity else None, day=a.date or dates.get(a.doc_id),
            entities=named,
        ))  # fmt: skip
    return out


def answers_of(session: Session, pairs: Iterable[Pair]) -> dict[Pair, tuple[Pair, ...]]:
    """(doc id, attribution) of denials -> the attributions of other documents they answer."""
    wanted = set(pairs)
    out: dict[Pair, list[Pair]] = defaultdict(list)
    for chunk in chunks(sorted({d for d, _ in wanted})):
        for r in session.scalars(select(AnswerRow).where(AnswerRow.doc_id.in_(chunk))):
            if (r.doc_id, r.attribution) in wanted:
                out[(r.doc_id, r.attribution)].append((r.target_doc, r.target_attribution))
    return {k: tuple(sorted(v)) for k, v in out.items()}


def answer_edges(session: Session, pairs: Iterable[Pair]) -> set[tuple[Pair, Pair]]:
    """The stored answers with either end among ``pairs``, as (denial, target)."""
    wanted = set(pairs)
    docs = sorted({d for d, _ in wanted})
    out: set[tuple[Pair, Pair]] = set()
    for chunk in chunks(docs):
        stmt = select(AnswerRow).where(or_(AnswerRow.doc_id.in_(chunk),
                                           AnswerRow.target_doc.in_(chunk)))  # fmt: skip
        for r in session.scalars(stmt):
            edge = ((r.doc_id, r.attribution), (r.target_doc, r.target_attribution))
            if edge[0] in wanted or edge[1] in wanted:
                out.add(edge)
    return out


__all__ = ["Answer", "answer_edges", "answers_of", "refresh_answers"]
