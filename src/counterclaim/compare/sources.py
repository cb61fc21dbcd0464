"""Corroboration: which agreeing claims come from independent origins, and why.

Two claims agree when they share a proposition, a value and an overlapping time (and, for
figures, compatible counts). They corroborate each other only if their chains do not meet
in one original source: the same named speaker, or the same intermediary below the
publishers ("Reuters" in both chains), is one origin; two unnamed or role-only sources of
one party ("a Taliban source", "a Taliban spokesman") may well be one, and are reported as
"possibly same origin".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from counterclaim.compare.model import (
    FIGURE_TYPES,
    NOT_DISPUTED,
    WINDOW_DAYS,
    LedgerClaim,
    Said,
    comparable,
    describe,
    event_time,
    figures_disagree,
    overlaps,
    proposition_key,
)

type Verdict = Literal["same origin", "possibly same origin", "same side", "independent"]


@dataclass(frozen=True, slots=True)
class Independence:
    """Whether two agreeing claims come from independent origins, and why."""

    verdict: Verdict
    reason: str

    @property
    def independent(self) -> bool:
        return self.verdict in ("independent", "same side")


@dataclass(frozen=True, slots=True, eq=False)
class Corroboration:
    """Agreeing claims on one proposition, each pair judged for independence."""

    proposition: str
    claims: tuple[LedgerClaim, ...]
    pairs: tuple[tuple[LedgerClaim, LedgerClaim, Independence], ...]

    @property
    def independent_origins(self) -> int:
        """How many origins remain once claims that may share one are counted once."""
        parent = {id(c): id(c) for c in self.claims}

        def find(x: int) -> int:
            while parent[x] != x:
                x = parent[x]
            return x

        for a, b, why in self.pairs:
            if not why.independent:
                parent[find(id(a))] = find(id(b))
        return len({find(id(c)) for c in self.claims})


def _intermediaries(said: Said) -> set[str]:
    """Chain links below the publisher (the last link), case-folded."""
    return {name.casefold() for name in said.chain[:-1]}


def independence(a: Said, b: Said) -> Independence:
    """Judge whether two statements may share an original source.

    Rules, first match wins: one attribution; the same named speaker; a shared intermediary
    below the publishers; the same speaker without a named person behind it; the same party
    with an unnamed or role-only source on either side; the same party with two named
    sources ("same side": independent, but partisan); otherwise independent.
    """
    if (a.doc_id, a.attribution) == (b.doc_id, b.attribution):
        return Independence("same origin", "one statement")
    if a.speaker is not None and a.speaker == b.speaker:
        if a.named and b.named:
            return Independence("same origin", f"both from {a.speaker_name}")
        return Independence(
            "possibly same origin", f"both attributed to {a.speaker_name}, no named person"
        )
    shared = _intermediaries(a) & _intermediaries(b)
    if shared:
        via = next(n for n in (*a.chain, *b.chain) if n.casefold() in shared)
        return Independence("same origin", f"both passed on by {via}")
    if a.side and a.side == b.side:
        if not (a.named and b.named):
            return Independence(
                "possibly same origin",
                f"same party ({a.side}) and an unnamed or role source: "
                f"{_origin(a)!r} / {_origin(b)!r}",
            )
        return Independence("same side", f"two named sources of one party ({a.side})")
    sides = f" on different sides ({a.side} / {b.side})" if a.side and b.side else ""
    return Independence("independent", f"different sources{sides}")


def _origin(said: Said) -> str:
    return said.chain[0] if said.chain and not said.named else said.speaker_name


def agree(a: LedgerClaim, b: LedgerClaim, window: int = WINDOW_DAYS) -> bool:
    """Same proposition, value and time; figures (when both give one) compatible."""
    if proposition_key(a) != proposition_key(b) or a.claim.value != b.claim.value:
        return False
    if a.claim.type == "person_location" and a.arg("place") != b.arg("place"):
        return False
    if not overlaps(event_time(a), event_time(b), window):
        return False
    ca, cb = a.claim.count, b.claim.count
    return not (a.claim.type in FIGURE_TYPES and ca and cb and figures_disagree(ca, cb))


def corroborations(claims: Sequence[LedgerClaim], window: int = WINDOW_DAYS) -> list[Corroboration]:
    """Groups of agreeing claims from at least two attributions, pairs judged.

    Intentions and calls are left out, as in :func:`~counterclaim.compare.find_disputes`.
    """
    groups: dict[tuple[object, ...], list[LedgerClaim]] = defaultdict(list)
    for lc in claims:
        if (
            lc.claim.modality not in NOT_DISPUTED
            and lc.claim.type not in NOT_DISPUTED
            and (comparable(lc))
        ):
            groups[proposition_key(lc)].append(lc)
    out = []
    for group in groups.values():
        for cluster in _agreeing_clusters(group, window):
            pairs = tuple(
                (a, b, independence(a.said, b.said))
                for i, a in enumerate(cluster)
                for b in cluster[i + 1 :]
            )
            out.append(Corroboration(describe(cluster[0]), tuple(cluster), pairs))
    return sorted(out, key=lambda c: c.proposition)


def _agreeing_clusters(group: list[LedgerClaim], window: int) -> list[list[LedgerClaim]]:
    """Greedy clusters of mutually agreeing claims spanning two attributions or more."""
    clusters: list[list[LedgerClaim]] = []
    for lc in group:
        home = next((c for c in clusters if all(agree(lc, o, window) for o in c)), None)
        if home is None:
            clusters.append([lc])
        else:
            home.append(lc)
    return [c for c in clusters if len({(x.said.doc_id, x.claim.attribution) for x in c}) > 1]
