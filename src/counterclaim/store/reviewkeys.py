"""Stable keys for what an analyst corrects: they survive re-ingest and relinking.

A key is built from the document's id (the hash of its text) and character offsets into
that text, never from a row id: re-ingesting the same article finds the same key, and a
re-analysis that finds the same statement again finds it too.

- an attribution: ``attribution:<doc>:<cue start>-<cue end>:<content start>-<content end>``
  of the machine's spans (kept in ``attribution.review_key`` when an analyst moves one);
- a claim: ``claim:<doc>:<start>-<end>`` over the words it rests on (its evidence, else
  its statement's content), ``#n`` after it for the n-th further claim on the same words;
- a document entity (standing for the global entity it is linked to):
  ``entity:<doc>:<start>-<end>`` of its first mention (``entity:<doc>:=<key>`` without one);
- a dispute: ``dispute:`` and a hash of its claims' keys.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterclaim.store.engine import chunks
from counterclaim.store.models import AttributionRow, ClaimRow

type Ref = tuple[str, int]  # (doc id, local id)


def attribution_key(doc_id: str, row: Any) -> str:
    """The key of an attribution row (any object with ``cue_*`` and ``content_*``): its
    ``review_key`` once an analyst moved a span (the key of the machine's spans)."""
    stable = getattr(row, "review_key", None)
    if stable:
        return str(stable)
    return (
        f"attribution:{doc_id}:{row.cue_start}-{row.cue_end}:{row.content_start}-{row.content_end}"
    )


def content_of(key: str) -> tuple[int, int] | None:
    """The content offsets an attribution key was made from."""
    start, _, end = key.rpartition(":")[2].partition("-")
    return (int(start), int(end)) if start.isdigit() and end.isdigit() else None


def claim_keys(session: Session, doc_ids: Iterable[str]) -> dict[Ref, str]:
    """(doc id, claim local id) -> key, for every claim of the given documents."""
    out: dict[Ref, str] = {}
    for chunk in chunks(sorted(set(doc_ids))):
        content = {
            (d, i): (content_of(k) if k else None) or (s, e)  # the machine's span
            for d, i, s, e, k in session.execute(
                select(AttributionRow.doc_id, AttributionRow.local_id,
                       AttributionRow.content_start, AttributionRow.content_end,
                       AttributionRow.review_key)
                .where(AttributionRow.doc_id.in_(chunk))
            )
        }  # fmt: skip
        seen: dict[tuple[str, int | None, int | None], int] = defaultdict(int)
        stmt = (
            select(ClaimRow.doc_id, ClaimRow.local_id, ClaimRow.attribution,
                   ClaimRow.evidence_start, ClaimRow.evidence_end)
            .where(ClaimRow.doc_id.in_(chunk))
            .order_by(ClaimRow.doc_id, ClaimRow.local_id)
        )  # fmt: skip
        for doc_id, local_id, attribution, ev_start, ev_end in session.execute(stmt):
            start, end = (
                (ev_start, ev_end)
                if ev_start is not None
                else content.get((doc_id, attribution), (None, None))
            )
            n = seen[(doc_id, start, end)]
            seen[(doc_id, start, end)] += 1
            out[(doc_id, local_id)] = f"claim:{doc_id}:{start}-{end}" + (f"#{n}" if n else "")
    return out


def entity_key(doc_id: str, key: str, mentions: Iterable[Any]) -> str:
    """The key of a document entity from its stored mentions (``[[start, end, text]]``)."""
    spans = sorted((m[0], m[1]) for m in mentions if len(m) >= 2)
    if not spans:
        return f"entity:{doc_id}:={key}"
    start, end = spans[0]
    return f"entity:{doc_id}:{start}-{end}"


def dispute_key(claim_keys_: Iterable[str]) -> str:
    """The key of a dispute from the keys of its claims (order does not matter)."""
    data = "\n".join(sorted(set(claim_keys_))).encode()
    return "dispute:" + hashlib.sha1(data).hexdigest()[:24]


def doc_of(key: str) -> str | None:
    """The document id in an attribution, claim or entity key."""
    parts = key.split(":")
    return parts[1] if len(parts) > 2 and parts[0] in ("attribution", "claim", "entity") else None
