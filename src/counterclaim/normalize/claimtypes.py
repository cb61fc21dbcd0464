"""Claim triggers and the arguments each type of claim takes around its trigger.

:func:`find_triggers` finds the words of ``data/claims.yaml`` in a text; :func:`build`
turns one trigger, with the entity occurrences of its clause, into the fields of a claim
of that type (or None when the type's arguments are not there: "captured" with no place
after it is no territorial claim). :mod:`counterclaim.normalize.claims` drives it.

Arguments come from the parse when the analysis carries one (:mod:`counterclaim.normalize.syntax`):
the subject of "killed / seized / attacked / took control of" is the perpetrator or actor,
its object the victim, target or place; the subject of a passive ("were killed", "was
captured") is the victim or place and "by X" the perpetrator; "fell to X" gives X the
place. The phrase a role heads names its entity (a mention, a party phrase, a pronoun), so
"fighters of the group" is the group.

Limits: a clause is the text between the neighbouring triggers
(:mod:`counterclaim.normalize.claimwindow`); without a parse (an analysis loaded from the ledger) a
subject is the last actor before the trigger and an object the first after it.
"""

from __future__ import annotations

import re

from counterclaim.lexicon import Words
from counterclaim.normalize.claimargs import Occurrence
from counterclaim.normalize.claimwindow import (  # noqa: F401 - find_triggers: the module's API
    Trigger,
    Unit,
    Window,
    find_triggers,
    lexicon,
    window,
)
from counterclaim.normalize.numbers import people_counts
from counterclaim.records import Count

PASSIVE = re.compile(r"^(?:were|was|have|had|been|are|is|died|dead|death|lost|fatalities)", re.I)
ONGOING = re.compile(
    r"\b(?:continu\w*|ongoing|rag\w+|persist\w*|still|resum\w+|erupt\w*|"
    r"broke out|intensif\w+|under way|underway)\b",
    re.I,
)
FAILED = re.compile(r"\b(?:refused|rejected|collapsed|broke down|no)\b", re.I)
#: Words before a talks trigger that make it a prospect, not talks held ("future talks",
#: "hoped to settle it through negotiation").
PROSPECT = re.compile(
    r"\b(?:future|possible|potential|any|prospects? (?:of|for)|chance|hope[ds]?|hoping|"
    r"would|could|might|may|should|willing|ready|open to)\b",
    re.I,
)
DEPARTURE = re.compile(r"^(?:has |had |have )?(?:fled|left|escaped)$", re.I)
#: Deaths that are no casualties of violence or disaster: illness, accidents of daily
#: life, old age ("rabies deaths", "died of cancer", "overdose deaths").
NOT_VIOLENT = re.compile(
    r"\b(?:rabies|cholera|covid(?:-19)?|coronavirus|malaria|cancer|measles|ebola|flu|"
    r"influenza|tuberculosis|hiv|aids|disease|illness|infection|overdoses?|natural causes|"
    r"old age|heart attack|stroke|starvation|malnutrition|dehydration|heatstroke|"
    r"traffic|road|car crash)\b",
    re.I,
)


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
    """ "X fell to Y", "X was captured by Y", "X came under the control of Y": X the
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
    before = list(people_counts(w.left_text))
    after = [c for c in people_counts(w.right_text) if c[0] < 25]
    if after and not PASSIVE.match(w.trig.text):
        return after[0][2], False
    if before:
        return before[-1][2], True
    return (after[0][2], False) if after else (None, False)


RELATIVE_PRONOUNS = frozenset({"whom", "them", "which", "those", "these"})
INTRANSITIVE = Words("intransitive_casualty_words")
CASUALTY_VERBS = Words("casualty_verbs")


def _not_violent(w: Window) -> bool:
    """ "rabies deaths", "died of cancer": a death that is no casualty figure."""
    return bool(NOT_VIOLENT.search(w.left_text[-25:]) or NOT_VIOLENT.search(w.right_text[:30]))


def _casualties(w: Window) -> dict | None:
    """Victim, perpetrator, place and count of a killing or injury; None unless someone
    counted is there: a victim noun or entity ("30 terrorists", "the commander"), never a
    bare number ("millions of dogs are killed", "for three years there has been killing")."""
    if _not_violent(w):
        return None
    parsed = _parsed_casualties(w) if w.roles is not None else None
    if parsed is None:
        return _positional_casualties(w)
    if not parsed:
        return None
    victim_token, perpetrator_token = parsed
    victim_token = _among_those(w) or victim_token
    occ = w.occ(victim_token, place=False)
    victim = occ.key if occ else w.noun(victim_token)
    by = w.occ(perpetrator_token, place=False)
    count = w.count_in(victim_token)
    if victim is None and count is not None and _of_whom(w, victim_token):
        nouns = list(lexicon()["victim_nouns"].finditer(w.left_text))
        victim = nouns[-1][0].lower() if nouns else None  # "354 passengers ..., 37 of whom"
    if victim is None and count is not None and _including_people(w, victim_token):
        victim = "people"  # "40 killed, including six children": 40 people, six of them children
    if count is None and not (occ is not None and occ.person):  # a named person is one
        count = _count_near(w)[0]
    if victim is None:
        return None  # a number with no one counted
    place = w.first(place=True) or w.place_under()
    others = []
    for token in _co_victims(w, victim_token):
        other = w.occ(token, place=False)
        who = other.key if other else w.noun(token)
        figure = w.count_in(token)
        if who is not None and figure is not None:
            others.append({"victim": who, "count": figure})
    return {
        "victim": victim,
        "perpetrator": by and by.key,
        "value": not w.negated(),
        "place": place and place.key,
        "count": count,
        "others": others,
    }


def _among_those(w: Window) -> int | None:
    """ "X were among those killed": X is the victim of the participle."""
    syn = w.syntax
    if syn is None or w.roles is None:
        return None
    p, head = syn.parse, w.roles.head
    those = p.heads[head]
    if p.deps[head] != "acl" or p.lemmas[those].lower() not in {"those", "people", "dead"}:
        return None
    among = p.heads[those]
    if p.deps[those] != "pobj" or p.lemmas[among].lower() != "among":
        return None
    return syn.child(p.heads[among], "nsubj", "nsubjpass")


def _including_people(w: Window, token: int | None) -> bool:
    """ "40 killed, including six children": a bare number whose people are named by
    "including" (on the number or on the verb)."""
    syn = w.syntax
    if syn is None or token is None or syn.parse.pos[token] != "NUM":
        return False
    for holder in (token, w.roles.head if w.roles is not None else None):
        inner = syn.pobj(holder, "including", "include") if holder is not None else None
        if inner is not None and w.noun(inner) is not None:
            return True
    return False


def _of_whom(w: Window, token: int | None) -> bool:
    """ "37 of whom were injured": a number whose people are named before."""
    syn = w.syntax
    if syn is None or token is None:
        return False
    of = syn.pobj(token, "of")
    return of is not None and syn.parse.lemmas[of].lower() in RELATIVE_PRONOUNS


def _co_victims(w: Window, token: int | None) -> list[int]:
    """Others counted with the victim: conjuncts ("18 soldiers, three staff and five
    passengers") and "along with 563 security personnel"."""
    syn = w.syntax
    if syn is None or token is None:
        return []
    p = syn.parse
    out: list[int] = []
    head = p.heads[token]
    if head != token and p.deps[token] in {"nsubj", "nsubjpass", "dobj"}:
        # a list the parser split into two subjects: "18 soldiers, three staff ... were"
        out += [c for c in syn.children[head] if c != token and p.deps[c] == p.deps[token]]
    stack = [token, *out]
    while stack:
        for c in syn.children[stack.pop()]:
            if p.deps[c] == "conj":
                out.append(c)
                stack.append(c)
    for holder in (token, w.roles.head if w.roles is not None else None):
        for along in syn.children[holder] if holder is not None else ():
            if p.lemmas[along].lower() == "along" and p.deps[along] in {"prep", "advmod"}:
                with_obj = syn.pobj(along, "with")
                if with_obj is not None:
                    out.append(with_obj)
    return list(dict.fromkeys(out))


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
        subject = r.subject
        if (r.object is None and subject is not None and syn.parse.pos[subject] == "NUM"
                and syn.parse.heads[subject] == r.head):  # fmt: skip
            return subject, None  # "40 killed, including six children": a headline passive
        return r.object, r.subject
    governor = syn.parse.heads[r.head]
    if {
        syn.parse.lemmas[governor].lower(),
        syn.parse.lemmas[syn.parse.heads[governor]].lower(),
    } & CASUALTY_VERBS:
        return False
    victim = syn.pobj(r.head, "of", "among", "to")  # "injuries to eight soldiers"
    if victim is None and syn.parse.deps[r.head] == "pobj":  # "resulting in injuries to X"
        victim = syn.pobj(syn.parse.heads[syn.parse.heads[r.head]], "to")
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
    if victim is None:
        return None  # a number with no one counted
    place = w.first(place=True)
    return {
        "victim": victim,
        "perpetrator": perpetrator,
        "value": not w.negated(),
        "place": place and place.key,
        "count": count,
    }


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
        place = (
            w.occ(token, place=True)  # what is visited, not a place further on
            or w.occ(w.syntax.pobj(w.roles.head, "in"), place=True)
        )
    if place is None:
        return None
    persons = [o for o in w.left if o.person]
    person = persons[-1].key if persons else (previous or {}).get("person", fallback)
    if w.roles is not None:  # "X fled to", "X's visit to"
        token = w.roles.subject if w.roles.verbal else w.roles.possessor
        who = w.occ(token, place=False)
        inside = (
            token is not None
            and w.unit is not None
            and (w.unit.start <= w.syntax.parse.starts[token] < w.unit.end)
        )
        person = who.key if who else None if inside else (previous or {}).get("person", fallback)
    departure = bool(DEPARTURE.match(w.trig.text))
    return {
        "person": person,
        "place": place.key,
        "value": not departure and not w.negated(),
        "departure": departure,
    }


def _fighting(w: Window, unit_text: str) -> dict | None:
    stopped = lexicon()["stopped"].search(w.right_text[:60])
    if not (stopped or ONGOING.search(unit_text)):
        return None
    place = w.first(place=True)
    sides = [o.key for o in w.left[-1:] if not o.place]
    sides += [o.key for o in w.right if not o.place and (place is None or o.start < place.start)]
    sides = list(dict.fromkeys(sides))
    return {
        "sides": tuple(sides),
        "place": place and place.key,
        "value": not stopped and not w.negated(),
    }


def _object(w: Window, limit: int) -> tuple[Occurrence | None, Occurrence | None, int | None]:
    """(target, place, token) the trigger acts on: from the parse, else the first after it."""
    token = w.undergoer_token()
    if token is not None:
        return w.occ(token, place=False), w.occ(token, place=True), token
    if w.roles is not None and w.roles.verbal:
        return None, None, None
    return w.first(place=False, limit=limit), None, None


def _attack(w: Window, fallback: str | None) -> dict | None:
    if w.roles is not None and not w.roles.verbal and w.doer_token() is None:
        return None  # "Tuesday's attack was orchestrated by", "blamed attacks on": a reference
    target, place, _ = _object(w, 50)
    place = place or w.first(place=True)
    actor = w.actor(fallback)
    if not (target or place):
        return None
    return {
        "actor": actor,
        "target": target and target.key,
        "place": place and place.key,
        "value": not w.negated(),
    }


#: A trigger naming the speaker's own part ("claimed responsibility for", "denied any
#: involvement in"): who did it is the possessor, else the speaker.
OWN_PART = re.compile(r"^(?:any |its |their |his |her )?(?:responsibility|involvement|complicity)",
                      re.I)  # fmt: skip


def _responsibility(w: Window, fallback: str | None) -> dict | None:
    """Who carried it out: the agent of "orchestrated by X", the subject of "X was behind",
    the speaker (or possessor) of "responsibility for" / "involvement in"."""
    if w.trig.text.lower().endswith(" by"):
        occ = w.first(place=False, limit=60)
        actor = occ.key if occ else None
    elif OWN_PART.match(w.trig.text):
        actor = w.subject() or fallback
    else:
        actor = w.actor(fallback)
    if actor is None:
        return None
    return {"actor": actor, "value": not w.negated()}


def _capture(w: Window, fallback: str | None) -> dict | None:
    target, _, token = _object(w, 40)
    noun = w.noun(token) if token is not None else None
    if token is None and w.roles is None:
        found = lexicon()["victim_nouns"].search(w.right_text[:40])
        noun = found[0].lower() if found else None
    if target is None and noun is None:
        return None
    count = w.count_in(token) or next((c for s, _, c in people_counts(w.right_text[:30])), None)
    place = w.first(place=True, limit=80)
    return {
        "actor": w.actor(fallback),
        "target": target.key if target else noun,
        "count": count,
        "place": place and place.key,
        "value": not w.negated(),
    }


def _negotiations(w: Window, fallback: str | None) -> dict | None:
    if PROSPECT.search(w.left_text[-60:]):
        return None  # talks hoped for or foreseen, not held
    sides = list(dict.fromkeys(o.key for o in [*w.left[-1:], *w.right[:3]] if not o.place))
    if not sides or sides == [fallback]:
        return None  # no party named with the talks: the speaker alone is no side of them
    failed = FAILED.search(w.left_text[-30:]) or w.negated()
    return {"sides": tuple(sides), "value": not failed}


def _intention(w: Window, fallback: str | None) -> dict | None:
    action = next(
        (label for label, regex in lexicon()["actions"].items() if regex.match(w.right_text)), None
    )
    if action is None:
        words = w.right_text.split()
        action = words[0].lower().strip(',."') if words else None
    place = w.first(place=True)
    actor = w.actor(fallback)
    target = w.first(place=False, limit=40)
    target_key = target.key if target and target.key not in {actor, fallback} else None
    if actor is None:
        return None  # no one intends it ("unless they have intention to")
    return {"actor": actor, "action": action, "place": place and place.key, "target": target_key}


def build(
    unit: Unit, triggers: list[Trigger], index: int, text: str, previous: dict[str, dict]
) -> tuple[str, dict] | None:
    """``(type, fields)`` of the claim trigger ``index`` makes in ``unit``, or None.

    Args:
        unit: The content being typed, with its entity occurrences.
        triggers: All triggers of the unit, in order.
        index: Which one.
        text: The document text.
        previous: The last fields built per type in this unit (a coordinated verb shares
            its subject: "he had fled the country and headed for Tajikistan").
    """
    w = window(unit, triggers, index, text)
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
        elif kind == "responsibility":
            fields = _responsibility(w, fallback)
        elif kind == "negotiations":
            fields = _negotiations(w, fallback)
        elif kind == "intention":
            fields = _intention(w, fallback)
        if fields is not None:
            fields["evidence"] = (w.trig.start, w.trig.end)
            fields["parsed"] = w.roles is not None  # arguments read from the parse
            return kind, fields
    return None
