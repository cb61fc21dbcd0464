"""Corroboration: which agreeing claims come from independent origins, and why.

Two claims agree when they share a proposition, a value and an overlapping time (and, for
figures, compatible counts). They corroborate each other only if their chains do not meet
in one original source: the same named speaker, or the same intermediary below the
publishers ("Reuters" in both chains), is one origin; two unnamed or role-only sources of
one party ("a Taliban source", "a Taliban spokesman") may well be one, and are reported as
"possibly same origin".
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

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
from counterclaim.ingest.media import media_key, media_name

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
    """Chain links below the publisher (the last link), as outlet keys."""
    return {_outlet_key(name) for name in _links(said)}


def independence(a: Said, b: Said) -> Independence:
    """Judge whether two statements may share an original source.

    Rules, first match wins: one attribution; the same named speaker; a shared intermediary
    below the publishers; the same speaker without a named person behind it; the same party
    with an unnamed or role-only source on either side; the same party with two named
    sources ("same side": independent, but partisan); otherwise independent.
    """
    if (a.doc_id, a.attribution) == (b.doc_id, b.attribution):
        return Independence("same origin", "one statement")
    if a.stance == b.stance and shared_text(a.sentence, b.sentence) >= SHARED_TEXT:
        return Independence("same origin", "the same text (copied wire copy)")
    if a.speaker is not None and a.speaker == b.speaker:
        if a.named and b.named:
            return Independence("same origin", f"both from {a.speaker_name}")
        return Independence(
            "possibly same origin", f"both attributed to {a.speaker_name}, no named person"
        )
    shared = _intermediaries(a) & _intermediaries(b)
    if shared:
        via = next(n for n in (*_links(a), *_links(b)) if _outlet_key(n) in shared)
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
    if a.said.stance != b.said.stance:
        return False  # a denier never corroborates what it denies
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


# ---------------------------------------------------------------- origins

#: Word n-grams compared to find copied wire text, and the share of the shorter
#: sentence's n-grams two reports must share to be one text.
SHINGLE = 5
SHARED_TEXT = 0.5
#: Days apart two statements of one speaker may be dated and still be one statement.
STATEMENT_DAYS = 1
#: How alike two statements of one speaker must read (token-set ratio, 0-100) when
#: neither gives a date.
ALIKE = 70
_WORD = re.compile(r"\w+(?:['’]\w+)?")


@dataclass(frozen=True, slots=True)
class Origin:
    """One original statement and every report of it: who said it, when, who passed it on.

    ``via`` lists the intermediaries below the publishers (agencies, outlets told),
    ``publishers`` the outlets that published a report; ``why`` says what joined the
    reports (same speaker and date, shared text, a shared intermediary).
    """

    speaker: str
    speaker_id: str | None
    date: str | None
    reports: tuple[Said, ...]
    via: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()
    why: tuple[str, ...] = ()

    def describe(self) -> str:
        """ "Karim Duran's statement of 14 May, via AFP and Reuters"."""
        owner = self.speaker if self.speaker and self.speaker != "?" else "an unnamed source"
        text = f"{owner}’s statement" if not owner.endswith("s") else f"{owner}’ statement"
        if self.date:
            text += f" of {_day(self.date)}"
        through = self.via or (self.publishers if len(self.reports) > 1 else ())
        if through:
            text += f", via {_and(through)}"
        return text

    def record(self) -> dict[str, object]:
        return {
            "speaker": self.speaker, "speaker_id": self.speaker_id, "date": self.date,
            "via": list(self.via), "publishers": list(self.publishers),
            "reports": [{"doc_id": s.doc_id, "attribution": s.attribution,
                         "publisher": s.publisher, "chain": list(s.chain)}
                        for s in self.reports],
            "why": list(self.why), "description": self.describe(),
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class SideIndependence:
    """How many reports a side of a dispute rests on, and how many independent origins."""

    reports: int
    origins: tuple[Origin, ...]

    def summary(self) -> str:
        """ "5 reports, 1 origin (Karim Duran's statement of 14 May, via AFP and Reuters)"."""
        n, m = self.reports, len(self.origins)
        head = f"{n} report{'' if n == 1 else 's'}, {m} origin{'' if m == 1 else 's'}"
        shown = [o.describe() for o in self.origins[:3]]
        more = f"; and {m - 3} more" if m > 3 else ""
        return f"{head} ({'; '.join(shown)}{more})" if shown else head

    def record(self) -> dict[str, object]:
        return {
            "reports": self.reports,
            "origins": len(self.origins),
            "summary": self.summary(),
            "listed": [o.record() for o in self.origins],
        }


def _day(iso: str) -> str:
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.day} {day.strftime('%B')} {day.year}"


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _links(said: Said) -> list[str]:
    """Intermediaries below the publisher, side-by-side positions ("AFP, Reuters") split,
    the speaker itself left out."""
    out: list[str] = []
    for position in said.chain[:-1] if said.chain else ():
        for name in re.split(r"\s*,\s*|\s+and\s+", position):
            name = name.strip()
            if name and name.casefold() != said.speaker_name.casefold() and name not in out:
                out.append(name)
    return out


def _outlet_key(name: str) -> str:
    return media_key(media_name(name) or name)


def shingles(text: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    """Word n-grams of ``text`` (case-folded): what copied wire text shares."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def shared_text(a: str, b: str, n: int = SHINGLE) -> float:
    """Share of the shorter text's n-grams found in the other (0 when either is empty)."""
    sa, sb = shingles(a, n), shingles(b, n)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def _when(said: Said) -> dt.date | None:
    for value in (said.date, said.doc_date):
        if value:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def same_statement(a: Said, b: Said) -> str | None:
    """Why two reports carry one original statement, or None.

    The same speaker on the same day (or, undated, saying nearly the same thing); the
    same text (copied wire copy: shared word n-grams); or the same intermediary below the
    publishers passing on a speaker that is the same or unnamed on both sides.
    """
    if (a.doc_id, a.attribution) == (b.doc_id, b.attribution):
        return "one statement"
    if a.stance != b.stance:
        return None  # a denial and a claim are never one statement
    if shared_text(a.sentence, b.sentence) >= SHARED_TEXT:
        return "shared text"
    if a.speaker is not None and a.speaker == b.speaker:
        da, db = _when(a), _when(b)
        if da and db and abs((da - db).days) <= STATEMENT_DAYS:
            return "same speaker and date"
        if not (da and db) and fuzz.token_set_ratio(a.sentence, b.sentence) >= ALIKE:
            return "same speaker, same words"
    shared = {_outlet_key(x) for x in _links(a)} & {_outlet_key(x) for x in _links(b)}
    if shared and (a.speaker == b.speaker or not (a.named and b.named)):
        via = next(x for x in (*_links(a), *_links(b)) if _outlet_key(x) in shared)
        return f"both passed on by {via}"
    return None


def origins(reports: Sequence[Said]) -> list[Origin]:
    """Reports grouped by original statement (:func:`same_statement`, transitively).

    Each distinct attribution is one report; the groups come out largest first.
    """
    unique = list({(s.doc_id, s.attribution): s for s in reports}.values())
    parent = list(range(len(unique)))
    why: dict[int, list[str]] = defaultdict(list)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(unique):
        for j in range(i + 1, len(unique)):
            reason = same_statement(a, unique[j])
            if reason is not None:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[rj] = ri
                why[ri].append(reason)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(unique)):
        groups[find(i)].append(i)
    out = []
    for root, members in groups.items():
        said = [unique[i] for i in members]
        out.append(_origin_of(said, [w for m in members for w in why.get(m, [])] or why[root]))
    return sorted(out, key=lambda o: (-len(o.reports), o.speaker))


def _origin_of(said: list[Said], why: list[str]) -> Origin:
    named = [s for s in said if s.named] or said
    speaker = Counter(s.speaker_name for s in named).most_common(1)[0][0]
    ids = [s.speaker for s in said if s.speaker]
    dates = sorted(s.date for s in said if s.date) or sorted(s.doc_date for s in said if s.doc_date)
    via: dict[str, str] = {}
    for s in said:
        for name in _links(s):
            via.setdefault(_outlet_key(name), name)
    publishers: dict[str, str] = {}
    for s in said:
        if s.publisher:
            publishers.setdefault(_outlet_key(s.publisher), s.publisher)
    return Origin(
        speaker=speaker,
        speaker_id=Counter(ids).most_common(1)[0][0] if ids else None,
        date=dates[0] if dates else None,
        reports=tuple(said),
        via=tuple(sorted(via.values())),
        publishers=tuple(publishers.values()),
        why=tuple(dict.fromkeys(why)),
    )


def side_independence(claims: Sequence[LedgerClaim]) -> SideIndependence:
    """Reports and origins behind one side of a dispute (a denier is never on the side of
    the claim it denies: sides come from :func:`~counterclaim.compare.find_disputes`)."""
    found = origins([c.said for c in claims])
    return SideIndependence(sum(len(o.reports) for o in found), tuple(found))
