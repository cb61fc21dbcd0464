"""The window of one claim trigger: its clause, the entities around it, its roles.

:func:`find_triggers` finds the words of ``data/claims.yaml`` (:func:`lexicon`) in a
text; :func:`window` gives one trigger its :class:`Window`: the entity occurrences left
and right of it in its clause (the text between the neighbouring triggers, cut at ";",
":", a full stop and ", but") and, when the analysis carries a parse, its grammatical
roles (:mod:`counterclaim.normalize.syntax`) with the entity each role's phrase names.
:mod:`counterclaim.normalize.claimtypes` builds claims from windows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from counterclaim.lexicon import Words, cached, table
from counterclaim.normalize.claimargs import Occurrence
from counterclaim.normalize.numbers import people_counts
from counterclaim.normalize.syntax import Roles, Syntax
from counterclaim.records import Attribution, Count

#: Plural nouns of people by their ending ("fishermen", "protesters", "Islamists",
#: "civilians", "residents", "detainees"): victims the noun list does not name.
PERSON_ENDINGS = re.compile(r"[a-z]+(?:men|women|ers|ors|ists|ians|ants|ents|ees|ites|ies)", re.I)
#: Nouns with those endings, or counted like victims, that are not people: animals,
#: things, numbers ("millions of dogs are killed").
NOT_PEOPLE_NOUNS = Words("not_people_nouns")

#: Verbs whose object noun is an act of their subject ("the group launched attacks",
#: "carried out a raid"): the noun's doer is that subject. Not so for "Islamabad has
#: blamed attacks on militants", "condemned the attack", "denied the killing".
DOING_VERBS = Words("doing_verbs")

#: A possessor that is a time, not a doer ("Tuesday's attack", "last year's raid").
TIME_WORDS = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|tonight|week|weekend|"
    r"month|year|night|morning|evening|afternoon|january|february|march|april|may|june|"
    r"july|august|september|october|november|december|\d{4}",
    re.I,
)

#: Dependencies that start another clause: a place under them is not the trigger's.
CLAUSE_DEPS = frozenset({"relcl", "ccomp", "parataxis", "conj", "advcl", "csubj", "mark"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Prepositions that bring in another event by its time ("a day after an attack in X").
OTHER_TIME_PREPOSITIONS = frozenset({"after", "before", "since", "until", "following"})
BOUNDARY = re.compile(r"[;:]|\.\s|,\s+(?:but|while|whereas)\b")
QUANTITIES = Words("quantity_words")
#: Modifiers before a noun that name the group it belongs to or acts for ("BLA militants",
#: "Taliban fighters"); not a possessor ("his father") nor an adjective of origin ("a
#: British aid worker" is no member of Britain).
MODIFIERS = frozenset({"compound", "nmod"})
# heads whose phrase names its group: "the group's fighters", "insurgents of the Front"
MEMBER_HEADS = Words("member_nouns", "member_heads", form="first")


@cached
def lexicon() -> dict:
    """The trigger lexicon, compiled: ``triggers`` [(regex, type)] and the word classes."""
    data = table("claims")
    triggers = [
        (re.compile(rf"\b{p}\b", re.I), kind)
        for kind, patterns in data["types"].items()
        for p in patterns
    ]
    words = {
        name: re.compile(data[name], re.I)
        for name in ("negators", "stopped", "place_nouns", "victim_nouns", "magnitudes")
    }
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
        speaker's own phrase: not for a verb with no subject at all (a fragment:
        "attacked a train near X"), a passive without "by X" ("he was arrested"), a
        subject the content names but no entity, someone else outside the content, or a
        bare noun ("the attack")."""
        key = self.subject()
        if key is not None or self.roles is None:
            return key or fallback
        unit, syn = self.unit, self.syntax
        if syn is None or unit is None:
            return fallback
        doer = self.doer_token()
        if doer is not None:  # outside the content, the speaker ("X announced plans to")
            source = unit.attribution.source
            at = syn.parse.starts[doer]
            said = source is not None and source.start <= at < source.end
            return fallback if said and not unit.start <= at < unit.end else None
        return None  # no doer in the parse: a fragment ("attacked a train ..."), not the speaker

    def doer_token(self) -> int | None:
        """Who does it: subject, or "by X" of a passive; a noun's possessor ("the group's
        attack") or the subject of a verb of doing it is the object of ("launched attacks",
        "announced plans to"; :data:`DOING_VERBS`), never of "blamed attacks on X"."""
        r, syn = self.roles, self.syntax
        if r is None or syn is None:
            return None
        if r.verbal:
            return r.agent if r.passive else r.subject
        if r.possessor is not None:
            word = self.text[syn.parse.starts[r.possessor] : syn.parse.ends[r.possessor]]
            return None if TIME_WORDS.fullmatch(word) else r.possessor  # "Tuesday's attack"
        governor = syn.parse.heads[r.head]
        if syn.parse.deps[r.head] == "dobj" and syn.parse.lemmas[governor].lower() in DOING_VERBS:
            return syn.roles_of_token(governor).subject
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
        appos = syn.child(token, "appos")  # "his brother, John Smith,"
        if appos is not None:
            a_start, a_end = syn.parse.starts[appos], syn.parse.ends[appos]
            named = next((o for o in wanted if o.start <= a_start and a_end <= o.end), None)
            if named is not None:
                return named
        if place is not True:  # "33 BLA militants", "Front fighters"
            for c in syn.children[token]:
                if c < token and syn.parse.deps[c] in MODIFIERS:
                    c_start, c_end = syn.parse.starts[c], syn.parse.ends[c]
                    named = next((o for o in wanted if o.start <= c_start and c_end <= o.end), None)
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
        if nouns.fullmatch(word) or nouns.fullmatch(word + "s"):
            return word.lower()
        if word.lower() not in NOT_PEOPLE_NOUNS and PERSON_ENDINGS.fullmatch(word):
            return word.lower()
        return None

    def count_in(self, token: int | None) -> Count | None:
        """The first count in the phrase ``token`` heads ("31 people, including 23 ...")."""
        if token is None or self.syntax is None:
            return None
        lo, hi = self.syntax.phrase(token)
        return next((c for _, _, c in people_counts(self.text[lo:hi])), None)

    def place_under(self) -> Occurrence | None:
        """A place the parse hangs on the trigger, through prepositions and the event
        nouns they govern ("was killed in an airstrike on his hideout in X's Y desert"),
        never across a clause nor through another event's time ("a day after an attack
        in X"); a possessor place ("X's") only when no other is there."""
        syn, unit, r = self.syntax, self.unit, self.roles
        if syn is None or unit is None or r is None:
            return None
        p = syn.parse
        under: set[int] = set()
        stack = [r.head]
        while stack:
            t = stack.pop()
            under.add(t)
            stack += [c for c in syn.children[t] if p.deps[c] not in CLAUSE_DEPS
                      and p.lemmas[c].lower() not in OTHER_TIME_PREPOSITIONS
                      and not (t == r.head and p.deps[c] in SUBJECT_DEPS)]  # fmt: skip
        found = []
        for occ in unit.occurrences:
            if not occ.place:
                continue
            token = syn.head_of(occ.start, occ.end)
            if token is not None and token in under and token != r.head:
                found.append((p.deps[token] == "poss", occ.start, occ))
        return min(found, key=lambda f: (f[0], f[1]))[2] if found else None

    def first(self, *, place: bool, limit: int | None = None) -> Occurrence | None:
        for occ in self.right:
            if occ.place == place and (limit is None or occ.start - self.right_start <= limit):
                return occ
        return None

    def negated(self) -> bool:
        return bool(lexicon()["negators"].search(self.left_text[-40:]))


def window(unit: Unit, triggers: list[Trigger], index: int, text: str) -> Window:
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
    return Window(
        trig, left, right, text[lo : trig.start], text[trig.end : hi], trig.end, unit, roles, text
    )
