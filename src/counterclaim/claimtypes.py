"""Claim triggers and the arguments each type of claim takes around its trigger.

:func:`find_triggers` finds the words of ``data/claims.yaml`` in a text; :func:`build`
turns one trigger, with the entity occurrences of its clause, into the fields of a claim
of that type (or None when the type's arguments are not there: "captured" with no place
after it is no territorial claim). :mod:`counterclaim.normalize` drives it.

Arguments come from the parse when the analysis carries one (:mod:`counterclaim.syntax`):
the subject of "killed / seized / attacked / took control of" is the perpetrator or actor,
its object the victim, target or place; the subject of a passive ("were killed", "was
captured") is the victim or place and "by X" the perpetrator; "fell to X" gives X the
place. The phrase a role heads names its entity (a mention, a party phrase, a pronoun), so
"fighters of the group" is the group.

Limits: a clause is the text between the neighbouring triggers, cut at ";", ":", a full
stop and ", but"; without a parse (an analysis loaded from the ledger) a subject is the
last actor before the trigger and an object the first after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from counterclaim.claimargs import Occurrence
from counterclaim.numbers import find_counts
from counterclaim.records import Attribution, Count
from counterclaim.syntax import Roles, Syntax

PASSIVE = re.compile(r"^(?:were|was|have|had|been|are|is|died|dead|death|lost|fatalities)", re.I)
ONGOING = re.compile(r"\b(?:continu\w*|ongoing|rag\w+|persist\w*|still|resum\w+|erupt\w*|"
                     r"broke out|intensif\w+|under way|underway)\b", re.I)
FAILED = re.compile(r"\b(?:refused|rejected|collapsed|broke down|no)\b", re.I)
DEPARTURE = re.compile(r"^(?:has |had |have )?(?:fled|left|escaped)$", re.I)
BOUNDARY = re.compile(r"[;:]|\.\s|,\s+(?:but|while|whereas)\b")


QUANTITIES = frozenset(
    "dozen dozens hundred hundreds thousand thousands score scores many most some all none "
    "several few one two three four five six seven eight nine ten number".split()
)
# heads whose phrase names its group: "the group's fighters", "insurgents of the Front"
MEMBER_HEADS = frozenset(
    "fighter militant soldier troop force member unit militia militiaman rebel insurgent "
    "serviceman personnel gunman guerrilla jihadist mujahid army".split()
)


@cache
def lexicon() -> dict:
    """The trigger lexicon, compiled: ``triggers`` [(regex, type)] and the word classes."""
    data = yaml.safe_load(
        resources.files("counterclaim").joinpath("data/claims.yaml").read_text("utf-8"))
    triggers = [(re.compile(rf"\b{p}\b", re.I), kind)
                for kind, patterns in data["types"].items() for p in patterns]
    words = {name: re.compile(data[name], re.I)
             for name in ("negators", "stopped", "place_nouns", "victim_nouns", "magnitudes")}
    actions = {label: re.compile(rf"^\s*{p}\b", re.I) for label, p in data["actions"].items()}
    return {"triggers": triggers, "actions": actions, **words}


@dataclass(slots=True)
class Trigger:
    start: int
    end: int
    kinds: list[str]
    text: str


@dataclass(slots=True)
class Unit:
    """One stretch of text to type: an attribution's content."""

    attribution: Attribution
    start: int
    end: int
    speaker: str | None
    occurrences: list[Occurrence]
    syntax: Syntax | None = None


def find_triggers(text: str, offset: int = 0) -> list[Trigger]:
    """Claim triggers in ``text``: longest first, overlaps dropped, same span merged."""
    found: list[Trigger] = []
    for regex, kind in lexicon()["triggers"]:
        for m in regex.finditer(text):
            found.append(Trigger(offset + m.start(), offset + m.end(), [kind], m[0]))
    found.sort(key=lambda t: (t.start, t.start - t.end))
    kept: list[Trigger] = []
    for trig in found:
        same = next((k for k in kept if (k.start, k.end) == (trig.start, trig.end)), None)
        if same is not None:
            same.kinds += [k for k in trig.kinds if k not in same.kinds]
        elif not any(k.start < trig.end and trig.start < k.end for k in kept):
            kept.append(trig)
    return sorted(kept, key=lambda t: t.start)


# ------------------------------------------------------------------ one trigger


@dataclass(slots=True)
class Window:
    """What surrounds a trigger inside its clause, and its roles in the parse."""

    trig: Trigger
    left: list[Occurrence]
    right: list[Occurrence]
    left_text: str
    right_text: str
    right_start: int
    unit: Unit | None = None
    roles: Roles | None = None
    text: str = ""

    def subject(self) -> str | None:
        """The actor: the parse's subject (agent of a passive), else the last actor before."""
        if self.roles is not None:
            occ = self.occ(self.doer_token(), place=False)
            return occ.key if occ else None
        actors = [o for o in self.left if not o.place]
        return actors[-1].key if actors else None

    def actor(self, fallback: str | None) -> str | None:
        """The actor, else ``fallback`` (the speaker: "the Taliban claimed to have taken
        control"); with a parse, the speaker stands in only where the parse's doer is the
        speaker's own phrase, or an active verb has no subject at all: not for a passive
        without "by X" ("he was arrested"), a subject the content names but no entity,
        someone else outside the content, or a bare noun ("the attack")."""
        key = self.subject()
        if key is not None or self.roles is None:
            return key or fallback
        r, unit, syn = self.roles, self.unit, self.syntax
        if syn is None or unit is None:
            return fallback
        doer = self.doer_token()
        if doer is not None:  # outside the content, the speaker ("X announced plans to")
            source = unit.attribution.source
            at = syn.parse.starts[doer]
            said = source is not None and source.start <= at < source.end
            return fallback if said and not unit.start <= at < unit.end else None
        return fallback if r.verbal and not r.passive else None

    def doer_token(self) -> int | None:
        """Who does it: subject, or "by X" of a passive; a noun's possessor ("the group's
        attack") or the subject of the verb it is the object of ("announced plans to")."""
        r, syn = self.roles, self.syntax
        if r is None or syn is None:
            return None
        if r.verbal:
            return r.agent if r.passive else r.subject
        if r.possessor is not None:
            return r.possessor
        if syn.parse.deps[r.head] == "dobj":
            return syn.roles_of_token(syn.parse.heads[r.head]).subject
        return None

    def undergoer_token(self) -> int | None:
        """Who or what undergoes it: the object, a passive's subject, "attack on X"."""
        r, syn = self.roles, self.syntax
        if r is None or syn is None:
            return None
        if r.verbal:
            return r.subject if r.passive else r.object
        return syn.pobj(r.head, "of", "on", "against", "in")

    @property
    def syntax(self) -> Syntax | None:
        return self.unit.syntax if self.unit is not None else None

    def occ(self, token: int | None, *, place: bool | None) -> Occurrence | None:
        """The entity the phrase headed by ``token`` names, inside the unit (or None)."""
        syn, unit = self.syntax, self.unit
        if token is None or syn is None or unit is None:
            return None
        start, end = syn.parse.starts[token], syn.parse.ends[token]
        if not unit.start <= start < unit.end:
            return None
        if syn.parse.pos[token] == "NUM" or syn.parse.lemmas[token].lower() in QUANTITIES:
            inner = syn.pobj(token, "of")  # "dozens of soldiers", "three of them"
            if inner is not None:
                return self.occ(inner, place=place)
        wanted = [o for o in unit.occurrences if place is None or o.place == place]
        covering = [o for o in wanted if o.start <= start and end <= o.end]
        if covering:
            return covering[0]
        appos = syn.child(token, "appos")  # "his father, Rustam Karimov,"
        if appos is not None:
            a_start, a_end = syn.parse.starts[appos], syn.parse.ends[appos]
            named = next((o for o in wanted if o.start <= a_start and a_end <= o.end), None)
            if named is not None:
                return named
        if place is not True and syn.parse.lemmas[token].lower() not in MEMBER_HEADS:
            return None  # "his father", "the leader of the VLF": not the possessor's entity
        lo, hi = syn.phrase(token)  # "the group's fighters", "soldiers of the army"
        return next((o for o in wanted if lo <= o.start and o.end <= hi), None)

    def noun(self, token: int | None) -> str | None:
        """The victim noun ("civilians", "dozens of civilians") ``token`` is, when it is one."""
        if token is None or self.syntax is None:
            return None
        if self.syntax.parse.lemmas[token].lower() in QUANTITIES:
            token = self.syntax.pobj(token, "of") or token
        word = self.text[self.syntax.parse.starts[token] : self.syntax.parse.ends[token]]
        nouns = lexicon()["victim_nouns"]
        return word.lower() if nouns.fullmatch(word) or nouns.fullmatch(word + "s") else None

    def count_in(self, token: int | None) -> Count | None:
        """The first count in the phrase ``token`` heads ("31 people, including 23 ...")."""
        if token is None or self.syntax is None:
            return None
        lo, hi = self.syntax.phrase(token)
        return next((c for _, _, c in find_counts(self.text[lo:hi])), None)

    def first(self, *, place: bool, limit: int | None = None) -> Occurrence | None:
        for occ in self.right:
            if occ.place == place and (limit is None or occ.start - self.right_start <= limit):
                return occ
        return None

    def negated(self) -> bool:
        return bool(lexicon()["negators"].search(self.left_text[-40:]))


def _window(unit: Unit, triggers: list[Trigger], index: int, text: str) -> Window:
    trig = triggers[index]
    lo = triggers[index - 1].end if index else unit.start
    hi = triggers[index + 1].start if index + 1 < len(triggers) else unit.end
    left_text = text[lo : trig.start]
    cut = list(BOUNDARY.finditer(left_text))
    if cut:
        lo += cut[-1].end()
    right_text = text[trig.end : hi]
    stop = BOUNDARY.search(right_text)
    if stop:
        hi = trig.end + stop.start()
    left = [o for o in unit.occurrences if lo <= o.start and o.end <= trig.start]
    right = [o for o in unit.occurrences if trig.end <= o.start and o.end <= hi]
    roles = unit.syntax.roles(trig.start, trig.end) if unit.syntax is not None else None
    return Window(trig, left, right, text[lo : trig.start], text[trig.end : hi], trig.end,
                  unit, roles, text)


def _territorial(w: Window, kind: str, fallback: str | None) -> dict | None:
    if kind == "territorial_loss":
        return _fell_to(w)
    place = _parsed_place(w)
    if place is False:
        return None  # the parse says it took people or things: a capture, not a place
    if place is None:
        place = w.first(place=True, limit=60)
    if place is None and not lexicon()["place_nouns"].match(w.right_text.strip()):
        return None
    value = kind != "lost_control" and not w.negated()
    return {"actor": w.actor(fallback), "place": place and place.key, "value": value}


def _parsed_place(w: Window) -> Occurrence | None | bool:
    """The place the parse gives the trigger's object (or passive subject); False when
    the object is something else ("seized 12 soldiers", "held talks"), None when unknown
    (no object, or a place noun no entity names: "seized the airport")."""
    token = w.undergoer_token()
    if token is None or w.trig.start <= w.syntax.parse.starts[token] < w.trig.end:
        return None  # no object, or the trigger's own ("took control of X")
    place = w.occ(token, place=True)
    if place is not None:
        return place
    if lexicon()["place_nouns"].search(w.text[slice(*w.syntax.phrase(token))]):
        return None  # "seized the airport": a place no entity names
    return False


def _fell_to(w: Window) -> dict | None:
    """"X fell to Y", "X was captured by Y", "X came under the control of Y": X the
    place, Y the actor."""
    if w.roles is not None and w.roles.verbal and w.syntax is not None:
        place = w.occ(w.roles.subject, place=True)
        by = w.roles.agent if w.roles.passive else w.syntax.pobj(w.roles.head, "to")
        actor = w.occ(by, place=False) or w.first(place=False)  # "under the control of X"
    else:
        place = next((o for o in reversed(w.left) if o.place), None)
        actor = w.first(place=False)
    return {"actor": actor and actor.key, "place": place and place.key} if place else None


def _count_near(w: Window) -> tuple[Count | None, bool]:
    """The count nearest the trigger, and whether it stands before it."""
    before = list(find_counts(w.left_text))
    after = [c for c in find_counts(w.right_text) if c[0] < 25]
    if after and not PASSIVE.match(w.trig.text):
        return after[0][2], False
    if before:
        return before[-1][2], True
    return (after[0][2], False) if after else (None, False)


INTRANSITIVE = frozenset({"die", "dead", "perish", "lose", "death", "fatality", "toll"})
CASUALTY_VERBS = frozenset({"die", "kill", "wound", "injure", "perish"})


def _casualties(w: Window) -> dict | None:
    parsed = _parsed_casualties(w) if w.roles is not None else None
    if parsed is None:
        return _positional_casualties(w)
    if not parsed:
        return None
    victim_token, perpetrator_token = parsed
    occ = w.occ(victim_token, place=False)
    victim = occ.key if occ else w.noun(victim_token)
    by = w.occ(perpetrator_token, place=False)
    count = w.count_in(victim_token)
    if count is None and not (occ is not None and occ.person):  # a named person is one
        count = _count_near(w)[0]
    if victim is None and count is None:
        return None
    place = w.first(place=True)
    return {"victim": victim, "perpetrator": by and by.key, "value": not w.negated(),
            "place": place and place.key, "count": count}


def _parsed_casualties(w: Window) -> tuple[int | None, int | None] | None | bool:
    """(victim, perpetrator) tokens: "X killed Y", "Y were killed by X", "Y died", "the
    deaths of Y"; None when the trigger is a noun with nothing attached; False for a noun
    inside a casualty verb's phrase ("died a heroic death": one event, the verb's)."""
    r, syn = w.roles, w.syntax
    if r is None or syn is None:
        return None
    lemma = syn.parse.lemmas[r.head].lower()
    if r.verbal:
        if r.passive or lemma in INTRANSITIVE:
            return r.subject, r.agent
        return r.object, r.subject
    governor = syn.parse.heads[r.head]
    if {syn.parse.lemmas[governor].lower(),
            syn.parse.lemmas[syn.parse.heads[governor]].lower()} & CASUALTY_VERBS:
        return False
    victim = syn.pobj(r.head, "of", "among")
    if victim is None and r.possessor is None:
        return None
    return victim, r.possessor


def _positional_casualties(w: Window) -> dict | None:
    count, before = _count_near(w)
    passive = before or bool(PASSIVE.match(w.trig.text)) or not w.right
    if passive:
        actors = [o for o in w.left if not o.place]
        victim = actors[-1].key if actors else None
        by = re.match(r"\s*by\b", w.right_text)
        agent = w.first(place=False) if by else None
        perpetrator = agent.key if agent else None
        noun_text = w.left_text
    else:
        first = w.first(place=False, limit=40)
        victim, perpetrator = first and first.key, w.subject()
        noun_text = w.right_text[:40]
    if victim is None:
        noun = lexicon()["victim_nouns"].search(noun_text)
        victim = noun[0].lower() if noun else None
    if victim is None and count is None:
        return None
    place = w.first(place=True)
    return {"victim": victim, "perpetrator": perpetrator, "value": not w.negated(),
            "place": place and place.key, "count": count}


def _losses(w: Window, fallback: str | None) -> dict:
    magnitude = lexicon()["magnitudes"].search(w.trig.text)
    victim = w.subject()
    on = re.match(r"\s*on\b", w.right_text)
    if on and w.first(place=False):
        victim = w.first(place=False).key
    return {"victim": victim or fallback, "magnitude": magnitude and magnitude[1].lower()}


def _location(w: Window, previous: dict | None, fallback: str | None) -> dict | None:
    place = w.first(place=True, limit=40)
    if w.roles is not None and w.syntax.parse.lemmas[w.roles.head].lower() == "visit":
        token = w.roles.object if w.roles.verbal else w.syntax.pobj(w.roles.head, "to")
        place = (w.occ(token, place=True)  # what is visited, not a place further on
                 or w.occ(w.syntax.pobj(w.roles.head, "in"), place=True))
    if place is None:
        return None
    persons = [o for o in w.left if o.person]
    person = persons[-1].key if persons else (previous or {}).get("person", fallback)
    if w.roles is not None:  # "X fled to", "X's visit to"
        token = w.roles.subject if w.roles.verbal else w.roles.possessor
        who = w.occ(token, place=False)
        inside = token is not None and w.unit is not None and (
            w.unit.start <= w.syntax.parse.starts[token] < w.unit.end)
        person = who.key if who else None if inside else (previous or {}).get("person", fallback)
    departure = bool(DEPARTURE.match(w.trig.text))
    return {"person": person, "place": place.key, "value": not departure and not w.negated(),
            "departure": departure}


def _fighting(w: Window, unit_text: str) -> dict | None:
    stopped = lexicon()["stopped"].search(w.right_text[:60])
    if not (stopped or ONGOING.search(unit_text)):
        return None
    place = w.first(place=True)
    sides = [o.key for o in w.left[-1:] if not o.place]
    sides += [o.key for o in w.right if not o.place and (place is None or o.start < place.start)]
    sides = list(dict.fromkeys(sides))
    return {"sides": tuple(sides), "place": place and place.key,
            "value": not stopped and not w.negated()}


def _object(w: Window, limit: int) -> tuple[Occurrence | None, Occurrence | None, int | None]:
    """(target, place, token) the trigger acts on: from the parse, else the first after it."""
    token = w.undergoer_token()
    if token is not None:
        return w.occ(token, place=False), w.occ(token, place=True), token
    if w.roles is not None and w.roles.verbal:
        return None, None, None
    return w.first(place=False, limit=limit), None, None


def _attack(w: Window, fallback: str | None) -> dict | None:
    target, place, _ = _object(w, 50)
    place = place or w.first(place=True)
    actor = w.actor(fallback)
    if not (target or place):
        return None
    return {"actor": actor, "target": target and target.key, "place": place and place.key,
            "value": not w.negated()}


def _capture(w: Window, fallback: str | None) -> dict | None:
    target, _, token = _object(w, 40)
    noun = w.noun(token) if token is not None else None
    if token is None and w.roles is None:
        found = lexicon()["victim_nouns"].search(w.right_text[:40])
        noun = found[0].lower() if found else None
    if target is None and noun is None:
        return None
    count = w.count_in(token) or next((c for s, _, c in find_counts(w.right_text[:30])), None)
    return {"actor": w.actor(fallback), "target": target.key if target else noun,
            "count": count, "value": not w.negated()}


def _negotiations(w: Window, fallback: str | None) -> dict | None:
    sides = [o.key for o in [*w.left[-1:], *w.right[:3]] if not o.place]
    sides = list(dict.fromkeys(sides or ([fallback] if fallback else [])))
    if not sides:
        return None
    failed = FAILED.search(w.left_text[-30:]) or w.negated()
    return {"sides": tuple(sides), "value": not failed}


def _intention(w: Window, fallback: str | None) -> dict | None:
    action = next((label for label, regex in lexicon()["actions"].items()
                   if regex.match(w.right_text)), None)
    if action is None:
        words = w.right_text.split()
        action = words[0].lower().strip(",.\"") if words else None
    place = w.first(place=True)
    actor = w.actor(fallback)
    target = w.first(place=False, limit=40)
    target_key = target.key if target and target.key not in {actor, fallback} else None
    return {"actor": actor, "action": action, "place": place and place.key, "target": target_key}


def build(unit: Unit, triggers: list[Trigger], index: int, text: str,
          previous: dict[str, dict]) -> tuple[str, dict] | None:
    """``(type, fields)`` of the claim trigger ``index`` makes in ``unit``, or None.

    Args:
        unit: The content being typed, with its entity occurrences.
        triggers: All triggers of the unit, in order.
        index: Which one.
        text: The document text.
        previous: The last fields built per type in this unit (a coordinated verb shares
            its subject: "he had fled the country and headed for Tajikistan").
    """
    w = _window(unit, triggers, index, text)
    fallback = unit.speaker
    for kind in w.trig.kinds:
        fields: dict | None = None
        if kind in {"territorial_control", "territorial_loss", "lost_control"}:
            subject = (previous.get("territorial_control") or {}).get("actor") or fallback
            fields, kind = _territorial(w, kind, subject), "territorial_control"
        elif kind in {"fatalities", "injuries"}:
            fields = _casualties(w)
        elif kind == "losses":
            fields = _losses(w, fallback)
        elif kind == "person_location":
            fields = _location(w, previous.get(kind), fallback)
        elif kind == "fighting_ongoing":
            fields = _fighting(w, text[unit.start : unit.end])
        elif kind == "attack":
            fields = _attack(w, fallback)
        elif kind == "capture":
            fields = _capture(w, fallback)
        elif kind == "negotiations":
            fields = _negotiations(w, fallback)
        elif kind == "intention":
            fields = _intention(w, fallback)
        if fields is not None:
            fields["evidence"] = (w.trig.start, w.trig.end)
            return kind, fields
    return None
