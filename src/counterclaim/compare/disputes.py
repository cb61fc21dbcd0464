"""Disputes: claims on one proposition that cannot all be true, within and across articles.

Two claims conflict when they share a proposition (:func:`proposition_key`) and overlapping
event times and have opposite values, incompatible figures for the same event (the same
linked event and phase when both name one, :func:`~counterclaim.compare.model.same_event`;
claims about two different linked events never conflict), or put one person in two places
at once; an explicit denial conflicts with the claims it responds to (in its article, or
across articles through ``Said.answers``), an opposed assertion with the one it opposes.
Conflicting claims are grouped into one :class:`Dispute` per connected group.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from counterclaim.compare.model import (
    ABOUT_EVENTS,
    FIGURE_TYPES,
    NOT_DISPUTED,
    UNTYPED,
    WINDOW_DAYS,
    LedgerClaim,
    Ref,
    Said,
    best_of,
    comparable,
    describe,
    event_time,
    figures_disagree,
    overlaps,
    places_apart,
    proposition_key,
    same_event,
)


@dataclass(frozen=True, slots=True, eq=False)
class Dispute:
    """Claims on one proposition that cannot all be true; ``kind`` says why."""

    proposition: str
    type: str
    kind: Literal["polarity", "figures", "location", "denial", "opposed"]
    for_: tuple[LedgerClaim, ...]
    against: tuple[LedgerClaim, ...]
    also_against: tuple[LedgerClaim, ...] = ()

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.said.doc_id for c in (*self.for_, *self.against)))

    @property
    def cross_document(self) -> bool:
        return len(self.documents) > 1


def _answered(b: Said) -> int | None:
    """The attribution ``b`` answers in its document: the one it denies, or the one it
    opposes."""
    return b.responds_to if b.responds_to is not None else b.opposes


def _denies(a: LedgerClaim, b: LedgerClaim) -> bool:
    """``b`` comes from an explicit denial of ``a``'s attribution (``responds_to``), or from
    an assertion opposing it (``opposes``), in the same document; or from a denial found to
    answer it across documents (``answers``)."""
    if a.said.doc_id == b.said.doc_id:
        linked = _answered(b.said) == a.claim.attribution
    else:
        linked = (a.said.doc_id, a.claim.attribution) in b.said.answers
    return linked and (a.claim.type == b.claim.type or UNTYPED in (a.claim.type, b.claim.type))


def same_party(a: LedgerClaim, b: LedgerClaim) -> bool:
    """Both claims come from one named speaker: a later figure or a changed account is that
    source's revision (:func:`revisions`), not a dispute between parties."""
    if a.said.speaker is not None and a.said.speaker == b.said.speaker:
        return True
    name_a, name_b = a.said.speaker_name.casefold(), b.said.speaker_name.casefold()
    return a.said.doc_id == b.said.doc_id and name_a not in ("", "?") and name_a == name_b


def conflict(a: LedgerClaim, b: LedgerClaim, window: int = WINDOW_DAYS) -> str | None:
    """Why ``a`` and ``b`` cannot both be true ("polarity", "figures", "location",
    "denial", "opposed": two parties' assertions set against each other), or None. Claims of one attribution never conflict."""
    if (a.said.doc_id, a.claim.attribution) == (b.said.doc_id, b.claim.attribution):
        return None
    if same_party(a, b):
        return None
    if _denies(a, b) or _denies(b, a):
        denied = any(s.responds_to is not None or s.answers for s in (a.said, b.said))
        return "denial" if denied and "deny" in (a.said.stance, b.said.stance) else "opposed"
    if proposition_key(a) != proposition_key(b):
        return None
    if a.claim.type in ABOUT_EVENTS and None not in (a.event, b.event) and a.event != b.event:
        return None  # who did one attack, and who did another
    tight = a.claim.type == "person_location"
    if not overlaps(event_time(a), event_time(b), 0 if tight else window):
        return None
    if tight and a.arg("place") != b.arg("place"):
        return "location" if a.claim.value and b.claim.value and places_apart(a, b) else None
    if a.claim.value != b.claim.value:
        return "polarity"
    if (
        a.claim.type in FIGURE_TYPES
        and a.claim.count
        and b.claim.count
        and a.claim.value
        and figures_disagree(a.claim.count, b.claim.count)
        and same_event(a, b)
    ):
        return "figures"
    return None


def implied_denials(claims: Sequence[LedgerClaim], denials: Iterable[Said]) -> list[LedgerClaim]:
    """Negated copies of the denied claims, for denials that carry no claim of their own.

    "The resistance refuted these reports" holds no proposition; it denies the claims of the
    attribution it responds to, so each of those is copied with the opposite value.
    """
    have = {(c.said.doc_id, c.claim.attribution) for c in claims}
    out = []
    for said in denials:
        if said.stance != "deny" or said.responds_to is None:
            continue
        if (said.doc_id, said.attribution) in have:
            continue
        for target in claims:
            if (target.said.doc_id, target.claim.attribution) != (said.doc_id, said.responds_to):
                continue
            claim = replace(target.claim, id=-target.claim.id, attribution=said.attribution,
                            value=not target.claim.value, evidence=None,
                            date=None, period=None)  # fmt: skip
            out.append(replace(target, claim=claim, said=said))
    return out


def _disputable(lc: LedgerClaim) -> bool:
    return (
        lc.claim.modality not in NOT_DISPUTED
        and lc.claim.type not in NOT_DISPUTED
        and comparable(lc)
    )


class _Union:
    def __init__(self) -> None:
        self.parent: dict[Ref, Ref] = {}

    def find(self, x: Ref) -> Ref:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: Ref, b: Ref) -> None:
        self.parent[self.find(a)] = self.find(b)


def _candidate_pairs(pool: Sequence[LedgerClaim]) -> Iterator[tuple[LedgerClaim, LedgerClaim]]:
    """Pairs sharing a proposition key, plus denial pairs (which may differ in key)."""
    groups: dict[tuple[object, ...], list[LedgerClaim]] = defaultdict(list)
    by_attr: dict[tuple[str, int], list[LedgerClaim]] = defaultdict(list)
    for lc in pool:
        groups[proposition_key(lc)].append(lc)
        by_attr[(lc.said.doc_id, lc.claim.attribution)].append(lc)
    for group in groups.values():
        for i, a in enumerate(group):
            yield from ((a, b) for b in group[i + 1 :])
    for lc in pool:
        answered = _answered(lc.said)
        refs = [(lc.said.doc_id, answered)] if answered is not None else []
        for ref in [*refs, *lc.said.answers]:
            for target in by_attr.get(ref, ()):
                if proposition_key(target) != proposition_key(lc):
                    yield (target, lc)


def find_disputes(
    claims: Sequence[LedgerClaim],
    denials: Iterable[Said] = (),
    window: int = WINDOW_DAYS,
    *,
    evidence_only: Collection[Ref] = (),
) -> list[Dispute]:
    """Group claims that cannot all be true, within and across documents.

    Args:
        claims: Claims of any number of documents, arguments as global entity ids.
        denials: Denying attributions without claims of their own (see
            :func:`implied_denials`).
        window: Days within which two claims about a state overlap.
        evidence_only: Refs of claims among ``claims`` that are only evidence for
            ``also_against`` (fighting in a place), never grouped, nor the denials implied
            from them: a caller that reads a part of the ledger passes the fighting it read
            for that alone.

    Returns:
        One dispute per connected group of conflicting claims, ordered by proposition. The
        ``for`` side holds the anchor (the largest figure, else the first claim asserting the
        proposition) and every claim not in conflict with it; ``against`` the rest.
    """
    skip = set(evidence_only)
    pool = [c for c in (*claims, *implied_denials(claims, denials)) if _disputable(c)]
    grouped = [c for c in pool if (c.claim.doc_id, abs(c.claim.id)) not in skip] if skip else pool
    union, kinds = _Union(), {}
    for a, b in _candidate_pairs(grouped):
        if kind := conflict(a, b, window):
            union.join(a.ref, b.ref)
            kinds[union.find(a.ref)] = kinds.get(union.find(a.ref)) or kind
    members: dict[Ref, list[LedgerClaim]] = defaultdict(list)
    for lc in grouped:
        if lc.ref in union.parent:
            members[union.find(lc.ref)].append(lc)
    disputes = [_dispute(group, pool, window) for group in members.values() if len(group) > 1]
    return sorted(disputes, key=lambda d: (d.proposition, d.documents))


def _said_order(lc: LedgerClaim) -> tuple[object, ...]:
    start = event_time(lc)[0] or dt.date.max
    return (start, lc.said.doc_date or "", lc.said.doc_id, lc.claim.attribution, lc.claim.id)


def _anchor(group: Sequence[LedgerClaim]) -> LedgerClaim:
    figures = [c for c in group if c.claim.value and c.claim.count and best_of(c.claim.count)]
    if figures:
        return max(figures, key=lambda c: best_of(c.claim.count) or 0)  # type: ignore[arg-type]
    asserted = [c for c in group if c.claim.value and c.said.stance == "assert"] or list(group)
    return min(asserted, key=_said_order)


def _dispute(group: list[LedgerClaim], pool: Sequence[LedgerClaim], window: int) -> Dispute:
    anchor = _anchor(group)
    against = [c for c in group if c is not anchor and conflict(anchor, c, window)]
    for_ = [c for c in group if c not in against]
    kinds = {conflict(anchor, c, window) for c in against}
    order = ("denial", "opposed", "location", "figures", "polarity")
    kind = next((k for k in order if k in kinds), "polarity")
    text = describe(anchor)
    if kind == "figures":
        shown = sorted({str(best_of(c.claim.count)) for c in group if c.claim.count}, key=int)
        text = f"{describe(anchor, when=False)}: {' vs '.join(reversed(shown))}"
    return Dispute(
        proposition=text,
        type=anchor.claim.type,
        kind=kind,  # type: ignore[arg-type]
        for_=tuple(sorted(for_, key=_said_order)),
        against=tuple(sorted(against, key=_said_order)),
        also_against=tuple(_implied_against(anchor, pool, group, window)),
    )


def _implied_against(
    anchor: LedgerClaim, pool: Sequence[LedgerClaim], group: Sequence[LedgerClaim], window: int
) -> Iterator[LedgerClaim]:
    """Fighting going on in a place, with the actor as a side, implies it does not control it."""
    if anchor.claim.type != "territorial_control" or not anchor.claim.value:
        return
    actor, place = anchor.arg("actor"), anchor.arg("place")
    for lc in pool:
        sides = lc.args.get("sides") or ()
        if (
            lc.claim.type == "fighting_ongoing"
            and lc.claim.value
            and lc.arg("place") == place
            and actor in sides
            and lc not in group
            and overlaps(event_time(lc), event_time(anchor), window)
        ):
            yield lc
