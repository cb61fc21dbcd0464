"""Claim triggers and the arguments each type of claim takes around its trigger.

:func:`find_triggers` finds the words of ``data/claims.yaml`` in a text; :func:`build`
turns one trigger, with the entity occurrences of its clause, into the fields of a claim
of that type (or None when the type's arguments are not there: "captured" with no place
after it is no territorial claim). :mod:`counterclaim.normalize` drives it.

Limits: a clause is the text between the neighbouring triggers, cut at ";", ":", a full
stop and ", but"; there is no parse, so a subject is the last actor before the trigger.
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

PASSIVE = re.compile(r"^(?:were|was|have|had|been|are|is|died|dead|death|lost|fatalities)", re.I)
ONGOING = re.compile(r"\b(?:continu\w*|ongoing|rag\w+|persist\w*|still|resum\w+|erupt\w*|"
                     r"broke out|intensif\w+|under way|underway)\b", re.I)
FAILED = re.compile(r"\b(?:refused|rejected|collapsed|broke down|no)\b", re.I)
DEPARTURE = re.compile(r"^(?:has |had |have )?(?:fled|left|escaped)$", re.I)
BOUNDARY = re.compile(r"[;:]|\.\s|,\s+(?:but|while|whereas)\b")


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
    """What surrounds a trigger inside its clause."""

    trig: Trigger
    left: list[Occurrence]
    right: list[Occurrence]
    left_text: str
    right_text: str
    right_start: int

    def subject(self) -> str | None:
        actors = [o for o in self.left if not o.place]
        return actors[-1].key if actors else None

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
    return Window(trig, left, right, text[lo : trig.start], text[trig.end : hi], trig.end)


def _territorial(w: Window, kind: str, fallback: str | None) -> dict | None:
    if kind == "territorial_loss":
        place = next((o for o in reversed(w.left) if o.place), None)
        actor = w.first(place=False)
        return {"actor": actor and actor.key, "place": place and place.key} if place else None
    place = w.first(place=True, limit=60)
    if place is None and not lexicon()["place_nouns"].match(w.right_text.strip()):
        return None
    value = kind != "lost_control" and not w.negated()
    return {"actor": w.subject() or fallback, "place": place and place.key, "value": value}


def _count_near(w: Window) -> tuple[Count | None, bool]:
    """The count nearest the trigger, and whether it stands before it."""
    before = list(find_counts(w.left_text))
    after = [c for c in find_counts(w.right_text) if c[0] < 25]
    if after and not PASSIVE.match(w.trig.text):
        return after[0][2], False
    if before:
        return before[-1][2], True
    return (after[0][2], False) if after else (None, False)


def _casualties(w: Window) -> dict | None:
    count, before = _count_near(w)
    passive = before or bool(PASSIVE.match(w.trig.text)) or not w.right
    if passive:
        victim = w.subject()
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
    if place is None:
        return None
    persons = [o for o in w.left if o.person]
    person = persons[-1].key if persons else (previous or {}).get("person", fallback)
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


def _attack(w: Window, fallback: str | None) -> dict | None:
    target = w.first(place=False, limit=50)
    place = w.first(place=True)
    actor = w.subject() or fallback
    if not (target or place):
        return None
    return {"actor": actor, "target": target and target.key, "place": place and place.key,
            "value": not w.negated()}


def _capture(w: Window, fallback: str | None) -> dict | None:
    target = w.first(place=False, limit=40)
    noun = lexicon()["victim_nouns"].search(w.right_text[:40])
    if target is None and noun is None:
        return None
    count = next((c for s, _, c in find_counts(w.right_text[:30])), None)
    return {"actor": w.subject() or fallback, "target": target.key if target else noun[0].lower(),
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
    actor = w.subject() or fallback
    target = w.first(place=False, limit=40)
    target_key = target.key if target and target.key != actor else None
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
