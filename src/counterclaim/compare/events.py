"""Events across documents, and what sources say about each (no I/O).

:func:`link_events` joins the events of several documents (each a :class:`DocEvent`: one
document's mentions of one event, :mod:`counterclaim.normalize.events`) into events of the
ledger. Two join when they are of one family (an attack, a hijacking and a bombing may be
one incident; a clash is another family), their places can hold each other (the same place,
or a town inside the region or country named), their times overlap (day dates at most
:data:`SLACK_DAYS` apart; an undated event counts as having happened in the
:data:`RECENT_DAYS` before its article), and something positive ties them: the same day,
the same place below country level, or the same target ("train"). Documents are taken
dated first, then each pair of resulting events is tried once more.

:func:`toll_series` reads the casualty claims of one event as series per source: one
source's successive tolls (20, then 40 two days later) are one series, a *revision*, not a
dispute; :func:`compare_tolls` sets different sources' latest figures side by side.

Limits: no coreference beyond place, time and target (two attacks in one town on one day
are one event); a source is its global entity, else its printed name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from counterclaim.compare.model import LedgerClaim
from counterclaim.normalize.events import GEO_RANK, days_apart, places_fit
from counterclaim.records import Count, Geo

SLACK_DAYS = 1  # two day dates of one event may differ by this much (time zones, night)
RECENT_DAYS = 7  # an undated event: within this many days before its article
TOLL_TYPES = ("fatalities", "injuries")
VICTIM_WORDS = frozenset({"people", "personnel", "staff", "police", "crew", "military"})
RESPONSIBILITY_TYPES = frozenset({"responsibility", "accusation", "attack", "capture"})
RESPONSIBILITY_WORDS = (
    "responsib", "blame", "accus", "behind", "carried out", "orchestrat", "masterminded",
    "directed", "planned", "perpetrat", "involvement", "sponsor",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class DocEvent:
    """One document's mentions of one event, with its place as a global id."""

    doc_id: str
    event: int
    family: str
    types: tuple[str, ...] = ()
    place: str | None = None  # global id
    geo: Geo | None = None
    dates: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    doc_date: str | None = None
    targets: tuple[str, ...] = ()


@dataclass(slots=True)
class _Group:
    members: list[DocEvent] = field(default_factory=list)

    @property
    def family(self) -> str:
        return self.members[0].family

    @property
    def places(self) -> list[tuple[str, Geo | None]]:
        return [(m.place, m.geo) for m in self.members if m.place]

    @property
    def dates(self) -> list[str]:
        return [d for m in self.members for d in m.dates]

    def window(self) -> tuple[str, str] | None:
        dates = self.dates
        if dates:
            return shift_day(min(dates), -SLACK_DAYS), shift_day(max(dates), SLACK_DAYS)
        periods = [p.split("/") for m in self.members for p in m.periods]
        if periods:
            return max(p[0] for p in periods), min(p[-1] for p in periods)
        days = [m.doc_date for m in self.members if m.doc_date]
        if not days:
            return None
        return shift_day(max(days), -RECENT_DAYS), min(days)


def shift_day(day: str, days: int) -> str:
    try:
        return (dt.date.fromisoformat(day[:10]) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return day


def _fits(a: _Group, b: _Group) -> int:
    """0 when the two cannot be one event, else how many positive ties they have."""
    if a.family != b.family:
        return 0
    if {m.doc_id for m in a.members} & {m.doc_id for m in b.members}:
        return 0  # a document's own reading keeps its events apart
    for pa, ga in a.places:
        for pb, gb in b.places:
            if not places_fit(ga, gb, pa == pb):
                return 0
    wa, wb = a.window(), b.window()
    if wa and wb and (wa[1] < wb[0] or wb[1] < wa[0]):
        return 0
    ties = 0
    if a.dates and b.dates and any(days_apart(x, y) <= SLACK_DAYS
                                   for x in a.dates for y in b.dates):  # fmt: skip
        ties += 2
    local = [(p, g) for p, g in a.places + b.places if g is None or g.kind != "country"]
    if (
        local
        and a.places
        and b.places
        and any((p, g) in a.places for p, g in local)
        and any((p, g) in b.places for p, g in local)
    ):
        ties += 1
    if {t for m in a.members for t in m.targets} & {t for m in b.members for t in m.targets}:
        ties += 1
    return ties


def link_events(items: Iterable[DocEvent]) -> list[list[DocEvent]]:
    """Documents' events joined into events of the ledger (see the module doc), each a
    list of its members, in the order of their first member."""

    def order(d: DocEvent) -> tuple[object, ...]:
        return (not d.dates, d.place is None, d.doc_date or "", d.doc_id, d.event)

    groups: list[_Group] = []
    for item in sorted(items, key=order):
        single = _Group([item])
        scored = [(_fits(single, g), -n, g) for n, g in enumerate(groups)]
        best = max(scored, key=lambda s: (s[0], s[1]), default=None)
        if best is not None and best[0] > 0:
            best[2].members.append(item)
        else:
            groups.append(single)
    merged = True
    while merged:  # events whose ties showed only once both were complete
        merged = False
        for i, a in enumerate(groups):
            for b in groups[i + 1 :]:
                if _fits(a, b):
                    a.members += b.members
                    groups.remove(b)
                    merged = True
                    break
            if merged:
                break
    return [g.members for g in groups]


def summary(members: Sequence[DocEvent]) -> dict[str, object]:
    """Family, most named type, most specific place, first and last day of linked members."""
    types = Counter(t for m in members for t in m.types)
    placed = [(GEO_RANK.get(m.geo.kind, 3) if m.geo else 3, m.place) for m in members if m.place]
    place_counts = Counter(p for _, p in placed)
    place = min(placed, key=lambda x: (x[0], -place_counts[x[1]]))[1] if placed else None
    days = sorted({d[:10] for m in members for d in m.dates})
    if not days:
        days = sorted({p.split("/")[0] for m in members for p in m.periods})
    if not days:
        days = sorted({m.doc_date for m in members if m.doc_date})
    return {
        "family": members[0].family,
        "type": types.most_common(1)[0][0] if types else members[0].family,
        "place": place,
        "first_day": days[0] if days else None,
        "last_day": days[-1] if days else None,
        "documents": len({m.doc_id for m in members}),
    }


# -- what sources say about an event ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Series:
    """One source's figures of one kind for one event, in the order they were given."""

    type: str  # fatalities, injuries
    source: str  # printable
    speaker: str | None
    victim: str  # printable ("" when the figure names none)
    points: tuple[LedgerClaim, ...]

    @property
    def revised(self) -> bool:
        """The source gave different figures over time (a revision, not a dispute)."""
        return len({_best(p.claim.count) for p in self.points}) > 1


@dataclass(frozen=True, slots=True)
class Comparison:
    """Different sources' latest figures of one kind for the same victims, side by side."""

    type: str
    victim: str
    latest: tuple[tuple[str, LedgerClaim], ...]  # (source, claim)

    @property
    def differ(self) -> bool:
        bests = {_best(c.claim.count) for _, c in self.latest}
        return len(bests) > 1


def _best(count: Count | None) -> int | None:
    if count is None:
        return None
    return count.best if count.best is not None else count.low or count.high


def said_on(lc: LedgerClaim) -> str:
    return lc.said.date or lc.said.doc_date or ""


def source_of(lc: LedgerClaim) -> tuple[str, str, str | None]:
    """(key, printable name, speaker id) of who gave a claim; the publisher for narration."""
    s = lc.said
    named = s.speaker_name if s.speaker_name and s.speaker_name != "?" else None
    if s.speaker and ":" not in s.speaker:
        return s.speaker, named or s.speaker, s.speaker
    name = named or s.publisher or "?"
    return name.casefold(), name, s.speaker


def victim_of(lc: LedgerClaim) -> str:
    """Who the figure counts: the victim argument, else the noun after the figure in its
    sentence ("killed 30 terrorists" -> "terrorists")."""
    value = lc.args.get("victim")
    if isinstance(value, tuple):
        return " and ".join(lc.names.get(v, v) for v in value)
    if value:
        return lc.names.get(value, value)
    count = lc.claim.count
    if count is None or not count.text:
        return ""
    at = lc.said.sentence.find(count.text)
    if at < 0:
        return ""
    words = re.findall(r"[\w'-]+", lc.said.sentence[at + len(count.text) :])[:5]
    for word in words:
        if word.lower() in VICTIM_WORDS or (word.islower() and word.endswith("s")):
            return word.lower()
    return ""


def toll_series(claims: Iterable[LedgerClaim]) -> list[Series]:
    """Casualty figures as series per (type, source, victim), oldest statement first."""
    groups: dict[tuple[str, str, str], list[LedgerClaim]] = {}
    names: dict[tuple[str, str, str], tuple[str, str | None]] = {}
    for lc in claims:
        c = lc.claim
        if c.type not in TOLL_TYPES or c.count is None or not c.value:
            continue
        if c.modality not in {"claim", "fact"}:
            continue
        key, name, speaker = source_of(lc)
        group = (c.type, key, victim_of(lc).casefold())
        groups.setdefault(group, []).append(lc)
        names.setdefault(group, (name, speaker))
    out = []
    for group, points in groups.items():
        ordered = sorted(points, key=lambda p: (said_on(p), p.said.doc_id, p.claim.id))
        name, speaker = names[group]
        out.append(Series(group[0], name, speaker, victim_of(ordered[0]), tuple(ordered)))
    return sorted(out, key=lambda s: (TOLL_TYPES.index(s.type), s.victim.casefold(), s.source))


def compare_tolls(series: Sequence[Series]) -> list[Comparison]:
    """For each (type, victim) given by two sources or more: each one's latest figure."""
    by: dict[tuple[str, str], list[Series]] = {}
    for s in series:
        by.setdefault((s.type, s.victim.casefold()), []).append(s)
    return [
        Comparison(kind, group[0].victim, tuple((s.source, s.points[-1]) for s in group))
        for (kind, victim), group in by.items()
        if victim and len({s.source for s in group}) > 1
    ]


def responsibility(claims: Iterable[LedgerClaim]) -> list[LedgerClaim]:
    """Claims about who carried the event out (or denials of it)."""
    out = []
    for lc in claims:
        c = lc.claim
        words = f"{c.text} {lc.said.sentence}".casefold()
        typed = c.type in RESPONSIBILITY_TYPES and any(
            r in c.args for r in ("actor", "perpetrator")
        )
        if typed or (c.type not in TOLL_TYPES and any(w in words for w in RESPONSIBILITY_WORDS)):
            out.append(lc)
    return out
