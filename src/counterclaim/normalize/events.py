"""Event mentions in one document: what happened, where, when, and the claims about it.

``find_events(analysis)`` reads the dependency parse (:mod:`counterclaim.normalize.syntax`)
for the words that name a violent event, nouns ("Tuesday's attack", "the station attack",
"the hijacking", "a bomb and gun attack") and verbs ("militants stormed a train"), and gives
one :class:`~counterclaim.records.EventMention` each, with:

- ``type`` and ``family`` from the word (``data/events.yaml`` through :func:`noun_types`,
  :func:`verb_types`; :data:`FAMILIES`); plurals ("504 attacks"), predicates ("is an attack
  on national security"), compounds ("attack helicopters"), negated or hypothetical verbs ("threatened
  to attack", "did not attack") are not mentions;
- ``place``: a place named in a locative phrase of the mention ("an attack on a train in
  X province", "attacked a train near X") or of the verb it depends on ("came under attack
  near X"), the most specific one (town before region before country);
- ``date`` / ``period``: a time phrase of the mention or of its verb ("Tuesday's attack",
  "ambushed a bus last month"), resolved against the article date
  (:func:`counterclaim.normalize.periods.find_time`);
- ``target``, ``weapon`` and ``origin`` ("orchestrated ... from X": where a source says it
  was launched from);
- ``event``: the document's event it names. A definite mention ("the attack", "Tuesday's
  attack") names the most recent compatible event (same family, places that can hold each
  other, times that overlap); an indefinite one or a verb does so only when that event was
  named in the two sentences before, and never with a vaguer time of its own ("earlier
  this month"); "another attack", "a similar strike" always starts a new one;
- ``claims``: the claims about it. A casualty claim belongs to the event its verb names
  ("killed in the attack", "the blast killed 11"), else to the event whose relative clause
  holds it ("a strike on another town last month that killed 17" is that strike's toll, not
  this attack's), else the event named in its sentence, else the last event named in the two
  sentences before (unless its sentence has a time or a year of its own or speaks of many
  attacks); any other claim belongs to the event its statement names.

Limits: English only; one place per mention; coordinated events ("the attack and the ensuing
battle") are two mentions; a mention without a parse (an analysis loaded from the ledger)
is not found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from counterclaim import lexicon
from counterclaim.lexicon import Words
from counterclaim.normalize.claimargs import Context
from counterclaim.normalize.periods import find_time
from counterclaim.normalize.syntax import Syntax
from counterclaim.records import Analysis, Claim, EventMention, Geo, Span

# -- vocabulary ----------------------------------------------------------------------


@lexicon.cached
def noun_types() -> dict[str, str]:
    """Event noun lemma -> event type (``nouns`` in ``data/events.yaml``)."""
    return {str(k).lower(): str(v) for k, v in lexicon.table("events").get("nouns", {}).items()}


@lexicon.cached
def verb_types() -> dict[str, str]:
    """Event verb lemma -> event type (``verbs`` in ``data/events.yaml``)."""
    return {str(k).lower(): str(v) for k, v in lexicon.table("events").get("verbs", {}).items()}


MULTIWORD = {
    re.compile(r"\bhostage[- ]taking\b", re.I): "hostage-taking",
    re.compile(r"\b(?:car|truck|suicide|roadside)[- ]bomb(?:ing)?\b", re.I): "bombing",
    re.compile(r"\bair[- ]strike\b", re.I): "airstrike",
    re.compile(r"\b(?:drone|missile|rocket)[- ]strike\b", re.I): "strike",
}
FAMILIES = {
    **dict.fromkeys(
        ("attack", "raid", "ambush", "strike", "airstrike", "bombing", "explosion",
         "hijacking", "hostage-taking", "siege", "massacre", "shooting", "shelling",
         "kidnapping"),
        "attack",
    ),
    "clash": "combat",
    "offensive": "combat",
    "capture": "capture",
}  # fmt: skip
STRIKE_WORDS = frozenset(
    {
        "air",
        "drone",
        "missile",
        "rocket",
        "military",
        "artillery",
        "precision",
        "deadly",
        "israeli",
        "russian",
        "ukrainian",
        "american",
        "u.s.",
        "retaliatory",
        "overnight",
    }
)  # fmt: skip  - "strike" is an event with one of these (else a labour strike)
NOT_EVENT_MODIFIERS = frozenset({"heart", "panic", "asthma", "hunger", "cyber", "charm"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
#: Modifiers of a mention that name a different event ("another attack").
OTHER = Words("other_event_modifiers")
#: Modifiers naming one phase of an event ("the initial attack", "the ensuing battle").
PHASES = Words("event_phase_modifiers")
LIKENESS = frozenset({"similar", "like", "unlike", "recall", "comparable", "reminiscent"})
HYPOTHETICAL = frozenset({"would", "could", "might", "may", "will", "shall", "should", "can"})
INTENT = frozenset({"threaten", "vow", "plan", "warn", "pledge", "promise", "seek"})
PLACE_PREPS = frozenset({"in", "near", "at", "outside", "inside", "around", "across"})
TARGET_PREPS = frozenset({"on", "against"})
TIME_DEPS = frozenset({"npadvmod", "tmod", "nmod", "poss", "compound", "advmod", "prep"})
CASUALTY_TYPES = frozenset({"fatalities", "injuries", "losses"})
EVENT_PREPS = frozenset({"in", "during", "from", "after", "since", "by", "of"})
WEAPON_RE = re.compile(
    r"\b(?:suicide (?:bomb(?:er|ing)?s?|jackets?|vests?)|car bombs?|roadside bombs?|bombs?|"
    r"IEDs?|improvised explosive devices?|explosives?|missiles?|rockets?|drones?|mortars?|"
    r"artillery|grenades?|guns?|gunfire|rifles?|shells?)\b",
    re.I,
)
LAUNCH_RE = re.compile(
    r"\b(?:launched|fired|directed|planned|orchestrated|masterminded|operating|operated|"
    r"based|came|coming)\s+(?:[\w-]+\s+){0,4}?from\s+|\b(?:bases|based|hideouts|havens)\s+in\s+",
    re.I,
)
SEPARATE_RE = re.compile(r"\b(?:separate(?:ly)?|unrelated|elsewhere|meanwhile|in another)\b", re.I)
YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
PLURAL_EVENTS_RE = re.compile(
    r"\b(?:attacks|strikes|bombings|raids|ambushes|clashes|explosions|blasts)\b", re.I
)
GEO_RANK = {"town": 0, "region": 1, "country": 2}
RECENT_SENTENCES = 2  # an indefinite mention or a verb names an event this close before it
SAME_DAY_SLACK = 1  # days two day dates of one event may differ by


def find_events(analysis: Analysis, ctx: Context | None = None) -> Analysis:
    """The analysis with ``events`` filled (see the module doc); unchanged without a parse."""
    if analysis.parse is None:
        return analysis
    ctx = ctx or Context.of(analysis)
    return replace(analysis, events=tuple(_Finder(analysis, ctx).run()))


@dataclass
class _Cluster:
    id: int
    family: str
    places: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    last_sentence: int = 0


class _Finder:
    def __init__(self, analysis: Analysis, ctx: Context) -> None:
        assert analysis.parse is not None
        self.analysis = analysis
        self.ctx = ctx
        self.syn: Syntax = ctx.syntax or Syntax(analysis.parse)
        self.p = analysis.parse
        self.text = analysis.document.text
        self.date = analysis.document.date
        self.roots = self._sentences()
        self.order = {root: n for n, root in enumerate(sorted(set(self.roots)))}

    # -- sentences ---------------------------------------------------------------------

    def _sentences(self) -> list[int]:
        roots = []
        for i in range(len(self.p.heads)):
            j, seen = i, set()
            while self.p.heads[j] != j and j not in seen:
                seen.add(j)
                j = self.p.heads[j]
            roots.append(j)
        return roots

    def sentence_of(self, token: int) -> int:
        """The sentence number (index of its root among the roots, in order)."""
        return self.order[self.roots[token]]

    def sentence_span(self, token: int) -> tuple[int, int]:
        root = self.roots[token]
        members = [i for i, r in enumerate(self.roots) if r == root]
        return self.p.starts[members[0]], self.p.ends[members[-1]]

    # -- the run -------------------------------------------------------------------------

    def run(self) -> list[EventMention]:
        heads = self._triggers()
        mentions = [m for m in (self._mention(i, t) for i, t in heads) if m is not None]
        mentions = self._cluster(mentions)
        return self._attach(mentions)

    def _triggers(self) -> list[tuple[int, str]]:
        p = self.p
        found: dict[int, str] = {}
        body = self.analysis.document.body_start
        for regex, kind in MULTIWORD.items():
            for match in regex.finditer(self.text, body):
                token = self.syn.token_at(match.end() - 1)
                if (
                    token is not None
                    and p.pos[token] in {"NOUN", "VERB", "PROPN"}
                    and (
                        p.deps[token] != "compound"  # "a roadside bomb blast": the blast
                    )
                ):
                    found[token] = kind
        for i, lemma in enumerate(p.lemmas):
            if i in found or p.starts[i] < body:
                continue
            word = lemma.lower()
            nouns, verbs = noun_types(), verb_types()
            if p.pos[i] == "NOUN" and word in nouns and self._noun_event(i):
                found[i] = nouns[word]
            elif p.pos[i] == "VERB" and word in verbs and self._verb_event(i):
                found[i] = verbs[word]
        return sorted(found.items())

    def _noun_event(self, i: int) -> bool:
        p, word = self.p, self.text[self.p.starts[i] : self.p.ends[i]].lower()
        if word != p.lemmas[i].lower() and word.endswith("s"):
            return False  # plural: "504 attacks", "recent attacks"
        if p.deps[i] in {"compound", "attr"}:
            return False  # "attack helicopters", "is an attack on national security"
        mods = {p.lemmas[c].lower() for c in self.syn.children[i]}
        if mods & NOT_EVENT_MODIFIERS:
            return False
        if p.lemmas[i].lower() == "strike":
            on = self.syn.pobj(i, *TARGET_PREPS) is not None
            return on or bool(mods & STRIKE_WORDS)
        return True

    def _verb_event(self, i: int) -> bool:
        p, syn = self.p, self.syn
        deps = {p.deps[c]: c for c in syn.children[i]}
        if "neg" in deps:
            return False
        if any(p.lemmas[c].lower() in HYPOTHETICAL for c in syn.children[i]
               if p.deps[c] == "aux"):  # fmt: skip
            return False
        head = p.heads[i]
        return not (p.deps[i] == "xcomp" and p.lemmas[head].lower() in INTENT)

    def _mention(self, i: int, kind: str) -> EventMention | None:
        p, syn = self.p, self.syn
        verbal = p.pos[i] == "VERB"
        lo, hi = syn.phrase(i)
        if not verbal:
            lo = min(lo, p.starts[i])
        span = Span.of(self.text, lo, hi) if not verbal else Span.of(self.text, p.starts[i],
                                                                      p.ends[i])  # fmt: skip
        mods = [c for c in syn.children[i] if p.deps[c] in {"det", "poss", "amod", "compound"}]
        words = {p.lemmas[c].lower() for c in mods}
        definite = not verbal and bool(words & DEFINITE or any(p.deps[c] == "poss" for c in mods))
        other = bool(words & OTHER) or self._likened(i) or self._separate(i)
        date, period = self._time(i, verbal)
        return EventMention(
            doc_id=self.analysis.document.id, id=0, span=span,
            head=Span.of(self.text, p.starts[i], p.ends[i]), type=kind, family=FAMILIES[kind],
            place=self._place(i, verbal), date=date, period=period,
            target=self._target(i, verbal), weapon=self._weapon(i, verbal),
            attribution=self._attribution(p.starts[i]), definite=definite, other=other,
        )  # fmt: skip

    def _separate(self, i: int) -> bool:
        """ "In a separate incident, ...": the sentence tells of another event."""
        start, _ = self.sentence_span(i)
        return bool(SEPARATE_RE.search(self.text, start, self.p.starts[i]))

    def _likened(self, i: int) -> bool:
        """ "similar to a strike ...", "like the attack ...": another event."""
        j = i
        for _ in range(3):
            if self.p.heads[j] == j:
                return False
            j = self.p.heads[j]
            if self.p.lemmas[j].lower() in LIKENESS:
                return True
        return False

    # -- arguments -----------------------------------------------------------------------

    def _governor(self, i: int) -> int | None:
        """The verb a noun mention hangs on (as subject, object, or through a preposition)."""
        p = self.p
        j = p.heads[i]
        if p.deps[i] == "pobj" and p.deps[j] == "prep":
            j = p.heads[j]
        elif p.deps[i] not in {"dobj", "nsubj", "nsubjpass", "npadvmod", "conj"}:
            return None
        return j if p.pos[j] in {"VERB", "AUX"} and j != i else None

    def _subtree(self, i: int, skip: frozenset[str] = frozenset({"relcl"})) -> list[int]:
        out, stack = [], [i]
        while stack:
            t = stack.pop()
            out.append(t)
            stack += [c for c in self.syn.children[t] if self.p.deps[c] not in skip]
        return sorted(out)

    def _places_under(self, i: int, exclude: int | None = None) -> list[str]:
        p, found = self.p, []
        skip = frozenset({"relcl", "advcl", "ccomp", "parataxis"})
        for t in self._subtree(i, skip):
            if exclude is not None and t == exclude:
                continue
            if p.deps[t] == "prep" and p.lemmas[t].lower() in PLACE_PREPS:
                obj = self.syn.child(t, "pobj")
                if obj is not None:
                    found += self._places_in(*self.syn.phrase(obj))
            elif t != i and p.deps[t] == "compound" and p.heads[t] == i:
                found += self._places_in(p.starts[t], p.ends[t])
        return found

    def _places_in(self, start: int, end: int) -> list[str]:
        occ = self.ctx.occurrences(start, end, None)
        return [
            o.key
            for o in occ
            if o.place
            and self._geo(o.key) is not None
            and self.text[o.start : o.start + 1].isupper()
        ]  # fmt: skip  - named, not
        # "the city" (a guess from context)

    def _geo(self, key: str) -> Geo | None:
        entity = self.ctx.entities.get(key)
        return entity.geo if entity is not None else None

    def _place(self, i: int, verbal: bool) -> str | None:
        keys = self._places_under(i)
        if not keys and not verbal:
            gov = self._governor(i)
            if gov is not None:
                keys = self._places_under_direct(gov, i)
        return self._most_specific(keys)

    def _places_under_direct(self, verb: int, mention: int) -> list[str]:
        """Places of a verb's own locative phrases (not those inside the mention)."""
        p, out = self.p, []
        for c in self.syn.children[verb]:
            if p.deps[c] == "prep" and p.lemmas[c].lower() in PLACE_PREPS:
                obj = self.syn.child(c, "pobj")
                if obj is not None and obj != mention:
                    out += self._places_in(*self.syn.phrase(obj))
        return out

    def _most_specific(self, keys: Iterable[str]) -> str | None:
        ranked = [(GEO_RANK.get(g.kind, 3), n, k) for n, k in enumerate(keys)
                  if (g := self._geo(k)) is not None]  # fmt: skip
        return min(ranked)[2] if ranked else None

    def _time(self, i: int, verbal: bool) -> tuple[str | None, str | None]:
        candidates = [c for c in self.syn.children[i] if self.p.deps[c] in TIME_DEPS]
        gov = None if verbal else self._governor(i)
        if gov is not None:
            candidates += [c for c in self.syn.children[gov]
                           if self.p.deps[c] in TIME_DEPS and c != i
                           and not (self.p.deps[i] == "pobj" and c == self.p.heads[i])]  # fmt: skip
        for c in candidates:
            date, period = find_time(self.text[slice(*self._full(c))], self.date)
            if date or period:
                return date, period
        return None, None

    def _full(self, i: int) -> tuple[int, int]:
        tokens = self._subtree(i, frozenset())
        return self.p.starts[tokens[0]], self.p.ends[tokens[-1]]

    def _target(self, i: int, verbal: bool) -> str | None:
        obj = self.syn.child(i, "dobj") if verbal else self.syn.pobj(i, *TARGET_PREPS, "of")
        if obj is None and not verbal:  # "the train hijacking", "the station attack"
            obj = next((c for c in self.syn.children[i] if self.p.deps[c] == "compound"
                        and self.p.pos[c] == "NOUN"), None)  # fmt: skip
        if obj is None or self.p.pos[obj] != "NOUN":
            return None  # "on Tuesday", "attacked Kabul": no target noun
        return self.p.lemmas[obj].lower()

    def _weapon(self, i: int, verbal: bool) -> str | None:
        tokens = self._subtree(i, frozenset({"relcl", "advcl", "ccomp", "parataxis"}))
        start, end = self.p.starts[tokens[0]], self.p.ends[tokens[-1]]
        if not verbal:
            start = min(start, self.p.starts[i])
        found = dict.fromkeys(m[0].lower() for m in WEAPON_RE.finditer(self.text[start:end]))
        return ", ".join(found) or None

    def _attribution(self, offset: int) -> int | None:
        """The reported statement holding ``offset`` (the narrowest), None for the narrator."""
        holding = [a for a in self.analysis.attributions if a.kind != "narrator"
                   and a.content.start <= offset < a.content.end]  # fmt: skip
        return min(holding, key=lambda a: a.content.end - a.content.start).id if holding else None

    def _origin(self, mention: EventMention) -> str | None:
        """Where the statement holding the mention says the event was launched from."""
        attr = next((a for a in self.analysis.attributions if a.id == mention.attribution), None)
        start, end = (attr.content.start, attr.content.end) if attr else (
            self.sentence_span(self.syn.token_at(mention.head.start) or 0))  # fmt: skip
        for match in LAUNCH_RE.finditer(self.text, start, end):
            places = self._places_in(match.end(), min(end, match.end() + 60))
            if places:
                return places[0]
        return None

    # -- events of the document ----------------------------------------------------------

    def _cluster(self, mentions: list[EventMention]) -> list[EventMention]:
        clusters: list[_Cluster] = []
        out = []
        for n, m in enumerate(mentions, 1):
            token = self.syn.token_at(m.head.start) or 0
            sentence = self.sentence_of(token)
            chosen = None
            joined = self._coordinated(m, out)
            if joined is not None:  # "the attack and the ensuing battle": one incident
                chosen = next(c for c in clusters if c.id == joined)
            elif not m.other:
                for c in reversed(clusters):
                    if not self._compatible(m, c, strict=not m.definite):
                        continue
                    if not m.definite and self._new_place(m, c):
                        break
                    if m.definite or sentence - c.last_sentence <= RECENT_SENTENCES:
                        chosen = c
                    break
            if chosen is None:
                chosen = _Cluster(len(clusters) + 1, m.family)
                clusters.append(chosen)
            if m.place:
                chosen.places.append(m.place)
            if m.date:
                chosen.dates.append(m.date)
            if m.period:
                chosen.periods.append(m.period)
            chosen.last_sentence = sentence
            out.append(replace(m, id=n, event=chosen.id, origin=self._origin(m)))
        return out

    def _new_place(self, m: EventMention, c: _Cluster) -> bool:
        """An indefinite mention names a town its event has not been placed in."""
        geo = self._geo(m.place) if m.place else None
        return geo is not None and geo.kind == "town" and not c.places

    def _coordinated(self, m: EventMention, done: list[EventMention]) -> int | None:
        """The event of the mention this one is coordinated with, if any."""
        token = self.syn.token_at(m.head.start)
        if token is None or self.p.deps[token] != "conj":
            return None
        head = self.p.heads[token]
        return next((d.event for d in done if self.syn.token_at(d.head.start) == head), None)

    def _compatible(self, m: EventMention, c: _Cluster, *, strict: bool) -> bool:
        if m.family != c.family:
            return False
        if m.period and any(not periods_meet(m.period, q) for q in c.periods):
            return False
        if m.date and any(not in_period(m.date, q) for q in c.periods):
            return False
        if m.place and not all(places_fit(self._geo(m.place), self._geo(k), m.place == k)
                               for k in c.places):  # fmt: skip
            return False
        if m.date and c.dates:
            return any(days_apart(m.date, d) <= SAME_DAY_SLACK for d in c.dates)
        if m.period and c.dates:
            return not strict and any(in_period(d, m.period) for d in c.dates)
        return True

    # -- claims about each event ---------------------------------------------------------

    def _attach(self, mentions: list[EventMention]) -> list[EventMention]:
        by_token = {self.syn.token_at(m.head.start): m for m in mentions}
        owned: dict[int, list[int]] = {m.id: [] for m in mentions}
        for claim in self.analysis.claims:
            found = self._owner(claim, by_token, mentions)
            if found is not None:
                owned[found.id].append(claim.id)
        return [replace(m, claims=tuple(owned[m.id])) for m in mentions]

    def _owner(
        self, claim: Claim, by_token: dict[int | None, EventMention], mentions: list[EventMention]
    ) -> EventMention | None:
        if claim.evidence is None:
            return None
        token = self.syn.token_at(claim.evidence.start)
        if claim.type not in CASUALTY_TYPES:
            return self._named_in_statement(claim, mentions)
        if token is None:
            return None
        p = self.p
        # the event the casualty verb names: "killed in the attack", "the blast killed 11"
        for c in self.syn.children[token]:
            if p.deps[c] in {"nsubj", "nsubjpass"} and c in by_token:
                return by_token[c]
            if p.deps[c] in {"prep", "agent"} and p.lemmas[c].lower() in EVENT_PREPS:
                for t in self._subtree(c, frozenset({"relcl"}))[:12]:
                    if t in by_token and not by_token[t].other:
                        return by_token[t]
        # the event whose relative clause holds it: "a strike ... that killed 17"
        j = token
        for _ in range(4):
            if p.heads[j] == j:
                break
            if p.deps[j] in {"relcl", "acl"} and p.heads[j] in by_token:
                return by_token[p.heads[j]]
            j = p.heads[j]
        sentence = self.sentence_of(token)
        same = [m for m in mentions if self.sentence_of(self.syn.token_at(m.head.start) or 0)
                == sentence and not m.other and not self._in_relative(m)]  # fmt: skip
        if same:
            return min(same, key=lambda m: abs(m.head.start - claim.evidence.start))
        if self._own_time(token):
            return None
        before = [m for m in mentions if m.head.start < claim.evidence.start and not m.other]
        if before:
            last = before[-1]
            gap = sentence - self.sentence_of(self.syn.token_at(last.head.start) or 0)
            if gap <= RECENT_SENTENCES:
                return last
        return None

    def _in_relative(self, m: EventMention) -> bool:
        j = self.syn.token_at(m.head.start)
        for _ in range(6):
            if j is None or self.p.heads[j] == j:
                return False
            if self.p.deps[j] == "relcl":
                return True
            j = self.p.heads[j]
        return False

    def _own_time(self, token: int) -> bool:
        """The sentence has a time, a year, or many attacks of its own."""
        start, end = self.sentence_span(token)
        text = self.text[start:end]
        date, period = find_time(text, self.date)
        return bool(date or period or YEAR_RE.search(text) or PLURAL_EVENTS_RE.search(text))

    def _named_in_statement(
        self, claim: Claim, mentions: list[EventMention]
    ) -> EventMention | None:
        attr = next((a for a in self.analysis.attributions if a.id == claim.attribution), None)
        if attr is None:
            return None
        inside = [m for m in mentions if attr.content.start <= m.head.start < attr.content.end
                  and not m.other]  # fmt: skip
        if not inside:
            return None
        assert claim.evidence is not None
        return min(inside, key=lambda m: abs(m.head.start - claim.evidence.start))


# -- places and times (shared with compare's linking through plain values) ---------------


def phase_of(span: str, head: str = "") -> str | None:
    """The phase of an event a mention names ("the initial attack" -> "initial"; the words
    before its head word, :data:`PHASES`), None for the event as a whole."""
    cut = span.lower().find(head.lower()) if head else -1
    words = re.findall(r"[a-z][a-z\-]*", span.lower()[: cut if cut >= 0 else len(span)])
    return next((w for w in words if w in PHASES), None)


def places_fit(a: Geo | None, b: Geo | None, same: bool) -> bool:
    """Two places can hold one event: the same, or one inside the other."""
    if same:
        return True
    if a is None or b is None:
        return False
    if a.kind == b.kind:
        return a.name == b.name and a.country == b.country
    inner, outer = (a, b) if GEO_RANK.get(a.kind, 3) < GEO_RANK.get(b.kind, 3) else (b, a)
    if outer.kind == "country":
        return inner.country == outer.country
    return inner.iso3166_2 is not None and inner.iso3166_2 == outer.iso3166_2


def days_apart(a: str, b: str) -> int:
    import datetime as dt

    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)
    except ValueError:
        return 0 if a[:7] == b[:7] else 999


def in_period(day: str, period: str) -> bool:
    start, _, end = period.partition("/")
    return start <= day[:10] <= (end or start)


def periods_meet(a: str, b: str) -> bool:
    """Two ISO intervals share a day."""
    a0, _, a1 = a.partition("/")
    b0, _, b1 = b.partition("/")
    return a0 <= (b1 or b0) and b0 <= (a1 or a0)
