"""Figures: casualty counts by source with UCDP-style aggregates, and one-sided figures.

:func:`fatalities` groups figure claims per victim, place and period and lists each
source's figure with an aggregate low/best/high, as UCDP GED codes events: low is the
lowest credible estimate, high the highest, best (here) the median of the figures once
claims that may share an origin are counted once. :func:`unanswered` finds figures a party
gives about another party's losses that the victim side has not answered, with sentences
such as "The Taliban have said nothing about their losses" as evidence
(:func:`find_silences`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import median

from counterclaim.compare.model import (
    FIGURE_TYPES,
    WINDOW_DAYS,
    LedgerClaim,
    When,
    best_of,
    count_range,
    event_time,
    overlaps,
)
from counterclaim.compare.sources import independence
from counterclaim.records import Span

SILENT = re.compile(
    r"\b(?:said nothing|say nothing|(?:did|does|do|have|has|had) not (?:say|said|disclose\w*|"
    r"reveal\w*|give|given|provide\w*|report\w*|comment\w*|confirm\w*|specify)|"
    r"(?:didn't|doesn't|don't|haven't|hasn't) (?:say|disclose|reveal|give|provide|report|"
    r"comment|confirm|specify)|declined to (?:say|comment|give|disclose|specify)|"
    r"no (?:official )?(?:figures?|word|information|comment)|silent)\b",
    re.IGNORECASE,
)
LOSS_WORDS = re.compile(
    r"\b(?:loss(?:es)?|casualt\w+|killed|dead|deaths?|fatalit\w+|wounded|injur\w+|toll)\b",
    re.IGNORECASE,
)
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’]?|$)")
NOT_PARTIES = frozenset({"PERSON", "MEDIA", "PLACE"})  # descriptions ("the resistance") count


@dataclass(frozen=True, slots=True)
class Figure:
    """One source's figure in a tally."""

    claim: LedgerClaim
    source: str  # printable speaker
    side: str | None
    low: int | None
    best: int | None
    high: int | None


@dataclass(frozen=True, slots=True)
class Tally:
    """Figures for one victim, place and period, with the aggregate across sources."""

    type: str
    victim: str | None  # printable names
    place: str | None
    period: When
    figures: tuple[Figure, ...]
    low: int | None
    best: int | None
    high: int | None


@dataclass(frozen=True, slots=True)
class Silence:
    """A sentence saying a party has not given figures for its losses."""

    doc_id: str
    span: Span
    parties: tuple[str, ...]  # global ids of the organisations or groups it names
    names: tuple[str, ...] = ()
    doc_date: str | None = None


@dataclass(frozen=True, slots=True)
class Unanswered:
    """A one-sided figure (or, with ``claim`` None, a silence no figure goes with)."""

    claim: LedgerClaim | None
    victim: str | None  # global id
    evidence: tuple[Silence, ...]
    why: str


def _figure(lc: LedgerClaim) -> Figure:
    count = lc.claim.count
    assert count is not None
    span = count_range(count) or (None, None)
    return Figure(lc, lc.said.speaker_name, lc.said.side, span[0], best_of(count), span[1])


def _periods(claims: list[LedgerClaim], window: int) -> list[list[LedgerClaim]]:
    """Split claims into runs whose times overlap (claims without a time join every run)."""
    timed = sorted((c for c in claims if event_time(c)[0]), key=lambda c: event_time(c)[0])
    untimed = [c for c in claims if not event_time(c)[0]]
    runs: list[list[LedgerClaim]] = []
    for lc in timed:
        if runs and any(overlaps(event_time(lc), event_time(o), window) for o in runs[-1]):
            runs[-1].append(lc)
        else:
            runs.append([lc])
    return [run + untimed for run in runs] or ([untimed] if untimed else [])


def _aggregate(figures: Sequence[Figure]) -> tuple[int | None, int | None, int | None]:
    """low, best, high; best is the median over origins (shared origins counted once)."""
    kept: list[Figure] = []
    for fig in figures:
        if all(independence(fig.claim.said, k.claim.said).independent for k in kept):
            kept.append(fig)
    lows = [f.low for f in figures if f.low is not None]
    highs = [f.high for f in figures if f.high is not None]
    bests = [f.best for f in kept if f.best is not None]
    return (min(lows, default=None), int(median(bests)) if bests else None,
            max(highs, default=None))  # fmt: skip


def fatalities(
    claims: Iterable[LedgerClaim], types: Iterable[str] = ("fatalities",), window: int = WINDOW_DAYS
) -> list[Tally]:
    """Per type, victim, place and period: each source's figure and the aggregate.

    Only asserted claims with a count are tallied (``value`` False means "not killed").
    Figures are pooled only for the same victim (entity or victim noun, so "33 militants"
    and "5 passengers" are two tallies); a figure without a victim is a tally of its own,
    and so is each of one article's different figures for one victim (:func:`_apart`).
    """
    wanted = set(types)
    groups: dict[tuple[str, str | None, str | None, object], list[LedgerClaim]] = defaultdict(list)
    for lc in claims:
        if lc.claim.type in wanted and lc.claim.value and lc.claim.count:
            victim = lc.arg("victim")
            # a figure with no victim is tallied alone: it is never pooled with (and
            # averaged over) figures for other groups ("33 militants" and "5 passengers")
            alone = None if victim else lc.ref
            groups[(lc.claim.type, victim, lc.arg("place"), alone)].append(lc)
    tallies = []
    for (kind, victim, place, _), group in groups.items():
        for run in [r for pooled in _periods(group, window) for r in _apart(pooled)]:
            figures = tuple(_figure(c) for c in run)
            times = [event_time(c) for c in run if event_time(c)[0]]
            period = (min(t[0] for t in times), max(t[1] for t in times)) if times else (None, None)
            low, best, high = _aggregate(figures)
            names = run[0].names
            who = names.get(victim, victim) if victim else None
            where = names.get(place, place) if place else None
            tallies.append(Tally(kind, who, where, period, figures, low, best, high))
    return sorted(tallies, key=_tally_order)


def _apart(run: list[LedgerClaim]) -> list[list[LedgerClaim]]:
    """One article's different figures for one victim are different counts ("18 killed in
    the attack ... five were also killed"), not estimates of one toll: each is a tally of
    its own; the rest (one figure per article, or the same one repeated) are pooled."""
    bests: dict[str, set[object]] = defaultdict(set)
    for lc in run:
        bests[lc.said.doc_id].add(best_of(lc.claim.count))
    pooled = [lc for lc in run if len(bests[lc.said.doc_id]) == 1]
    alone = [[lc] for lc in run if len(bests[lc.said.doc_id]) > 1]
    return ([pooled] if pooled else []) + alone


def _tally_order(t: Tally) -> tuple[object, ...]:
    return (t.period[0] or dt.date.max, t.place or "", t.victim or "")


def find_silences(
    doc_id: str,
    text: str,
    mentions: Iterable[tuple[Span, str, str, str]],
    start: int = 0,
    doc_date: str | None = None,
) -> list[Silence]:
    """Sentences of ``text`` (from ``start``) saying a party gave no figures for its losses.

    Args:
        doc_id: The document.
        text: Its text.
        mentions: (span, global id, entity type, name) of its resolved mentions.
        start: Where the body begins (the wire header is skipped).
        doc_date: The document's date, for matching figures in time.

    A sentence counts when it has a "said nothing / did not say / declined to comment"
    phrase and a loss word; its parties are the organisations, groups and descriptions
    ("the resistance") it mentions, not persons, outlets or places.
    """
    mentions = list(mentions)
    out = []
    for match in SENTENCE.finditer(text, start):
        sentence = match.group()
        if not (SILENT.search(sentence) and LOSS_WORDS.search(sentence)):
            continue
        lead = len(sentence) - len(sentence.lstrip())
        span = Span(match.start() + lead, match.end(), sentence.strip())
        named = {
            gid: name
            for s, gid, kind, name in mentions
            if span.start <= s.start and s.end <= span.end and kind not in NOT_PARTIES
        }
        out.append(Silence(doc_id, span, tuple(named), tuple(named.values()), doc_date))
    return out


def _answers(figure: LedgerClaim, other: LedgerClaim, window: int) -> bool:
    """``other`` is a figure from the victim's own side about the same victim and time."""
    victim = figure.arg("victim")
    own = other.said.speaker == victim or (
        other.said.side is not None and other.said.side == figure.sides.get(victim or "")
    )
    return (
        own
        and other.claim.type in FIGURE_TYPES
        and other.arg("victim") == victim
        and (other.claim.count is not None or other.claim.magnitude is not None)
        and overlaps(event_time(figure), event_time(other), window)
    )


def _one_sided(lc: LedgerClaim) -> bool:
    """A party's figure about another party's losses: both sides known and different."""
    victim = lc.arg("victim")
    if victim is None or lc.said.speaker == victim or lc.claim.count is None:
        return False
    victim_side = lc.sides.get(victim)
    return bool(victim_side and lc.said.side and lc.said.side != victim_side)


def unanswered(
    claims: Sequence[LedgerClaim], silences: Iterable[Silence] = (), window: int = WINDOW_DAYS
) -> list[Unanswered]:
    """Figures about a party's losses the party's side has not answered with its own.

    A silence naming the victim and within the window of the figure is its evidence; a
    silence no one-sided figure goes with is reported alone (``claim`` None).
    """
    silences = list(silences)
    used: set[int] = set()
    out = []
    for lc in claims:
        if lc.claim.type not in FIGURE_TYPES or not lc.claim.value or not _one_sided(lc):
            continue
        if any(_answers(lc, other, window) for other in claims if other is not lc):
            continue
        victim = lc.arg("victim")
        evidence = tuple(
            s for s in silences
            if victim in s.parties and overlaps(event_time(lc), _when(s.doc_date), window)
        )  # fmt: skip
        used.update(id(s) for s in evidence)
        who = lc.names.get(victim or "", victim)
        out.append(Unanswered(lc, victim, evidence, f"no figure from {who}'s side"))
    for s in silences:
        if id(s) not in used:
            names = ", ".join(s.names)
            why = f"no figure for the losses of {names}" if names else "no figure for losses"
            out.append(Unanswered(None, s.parties[0] if s.parties else None, (s,), why))
    return out


def _when(day: str | None) -> When:
    if not day:
        return (None, None)
    d = dt.date.fromisoformat(day[:10])
    return (d, d)
