"""Sides: which party to a conflict each entity belongs to, and how each source relates.

The parties come from an editable actor file (``data/actors.yaml``; or the file named by
``COUNTERCLAIM_ACTORS``, or an ``actors=`` argument), with the ``actors.yaml`` of any user
data folder merged over it (:mod:`counterclaim.lexicon`). ``tag_sides(analysis)`` fills
``Entity.side``:

- a person whose full name is listed as a member takes that party ("Amrullah Saleh");
- any entity whose name, mentions or roles contain a party's name takes it ("Taliban
  fighters", "a Taliban source", "Resistance spokesman");
- a party's generic phrases ("opposition forces", "resistance forces") count only once the
  document has named one of that conflict's parties: elsewhere they mean someone else;
- a place takes a side only when it speaks ("Russia said ..."): "outlawed in Russia" does
  not make Russia a party to the story.

``source_relation(entity)`` tells how a source stands to the conflict: ``party``,
``party official``, ``party outlet``, ``third-party outlet``, ``third-party official`` or
``unnamed``.

Limits: one side per entity; no dates (a party's members change); an entity that matches
two parties keeps the first in file order.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from counterclaim import lexicon
from counterclaim.records import Analysis, Entity

ENV_VAR = "COUNTERCLAIM_ACTORS"


@dataclass(frozen=True, slots=True)
class Party:
    """One party to one conflict, with the phrases that name it."""

    side: str
    conflict: str
    names: tuple[str, ...] = ()
    generic: tuple[str, ...] = ()
    members: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DescriptionClass:
    """A kind of party named by common nouns in any conflict ("government troops" are
    state forces, "the rebels" an armed group): ``phrases`` that describe one and
    ``name_words`` that mark an organisation's name as one ("Liberation Front")."""

    name: str
    phrases: tuple[str, ...] = ()
    name_words: tuple[str, ...] = ()

    @property
    def regex(self) -> re.Pattern[str]:
        return _class_regex(self.phrases)

    @property
    def name_regex(self) -> re.Pattern[str]:
        return _class_regex(self.name_words)


@cache
def _class_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    body = "|".join(
        r"\s+".join(re.escape(w) for w in p.split()) for p in sorted(phrases, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.I) if body else re.compile(r"(?!)")


@dataclass(frozen=True, slots=True)
class Actors:
    """The parties of an actor file, with their phrases compiled, and the description
    classes (state forces, armed group) that hold in any conflict."""

    parties: tuple[Party, ...]
    classes: tuple[DescriptionClass, ...] = ()

    def description_class(self, text: str) -> DescriptionClass | None:
        """The class whose phrase ``text`` contains ("two government soldiers"), or None."""
        return next((c for c in self.classes if c.regex.search(text)), None)

    def name_class(self, name: str) -> DescriptionClass | None:
        """The class an organisation's name marks it as ("Baloch Liberation Army")."""
        return next((c for c in self.classes if c.name_regex.search(name)), None)

    def find(
        self, text: str, conflicts: Iterable[str] | None = None
    ) -> Iterator[tuple[int, int, Party]]:
        """Every party phrase in ``text``: ``(start, end, party)``, longest first at a place.

        Args:
            text: Any text.
            conflicts: Conflicts whose generic phrases count; None: names only.
        """
        active = frozenset(conflicts or ())
        lowered = text.lower()
        for pattern, party in _patterns(self):
            if pattern.generic and party.conflict not in active:
                continue
            if pattern.word not in lowered:  # a quick check before the pattern
                continue
            for match in pattern.regex.finditer(text):
                yield match.start(), match.end(), party

    def side_in(self, text: str, conflicts: Iterable[str] | None = None) -> str | None:
        """The side of the first (then longest) party phrase in ``text``, or None."""
        found = sorted(self.find(text, conflicts), key=lambda f: (f[0], f[0] - f[1]))
        return found[0][2].side if found else None


@dataclass(frozen=True, slots=True)
class _Pattern:
    regex: re.Pattern[str]
    generic: bool
    word: str  # its first word, lower-cased: the text must hold it


@cache
def _patterns(actors: Actors) -> tuple[tuple[_Pattern, Party], ...]:
    out = []
    for party in actors.parties:
        for phrase in party.names:
            out.append((_Pattern(_phrase_regex(phrase), False, phrase.split()[0].lower()), party))
        for phrase in party.generic:
            out.append((_Pattern(_phrase_regex(phrase), True, phrase.split()[0].lower()), party))
    return tuple(out)


def _phrase_regex(phrase: str) -> re.Pattern[str]:
    """Whole-word pattern; a single capitalised word or an acronym must match its case."""
    body = r"\s+".join(re.escape(w) for w in phrase.split())
    exact_case = " " not in phrase and phrase[:1].isupper()
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", 0 if exact_case else re.I)


def _default_path() -> Path | None:
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else None


@lexicon.cached
def _load(path: Path | None) -> Actors:
    data = lexicon.table("actors", base=path)
    parties = []
    for conflict in data.get("conflicts", []):
        for party in conflict.get("parties", []):
            parties.append(Party(
                side=party["side"], conflict=conflict.get("name", ""),
                names=tuple(party.get("names", ())), generic=tuple(party.get("generic", ())),
                members=tuple(party.get("members", ())),
            ))  # fmt: skip
    classes = tuple(
        DescriptionClass(name, tuple(spec.get("phrases", ())), tuple(spec.get("name_words", ())))
        for name, spec in (data.get("descriptions") or {}).items()
    )
    return Actors(tuple(parties), classes)


def load_actors(path: str | Path | None = None) -> Actors:
    """The actor file at ``path``, else ``$COUNTERCLAIM_ACTORS``, else the shipped one.

    The ``actors.yaml`` of user data folders (:mod:`counterclaim.lexicon`) is merged over
    whichever file is the base.
    """
    return _load(Path(path) if path is not None else _default_path())


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


@dataclass(frozen=True, slots=True)
class SideEvidence:
    """Why an entity is on a side: ``kind`` is ``member`` (listed in the actor file),
    ``name``, ``mention``, ``role`` or ``description`` (a party's name or phrase in it,
    read from the text);
    ``text`` is what matched, ``phrase`` the party phrase found in it."""

    side: str
    kind: str
    text: str
    phrase: str = ""

    def describe(self) -> str:
        if self.kind == "member":
            return f"{self.text} is listed as a member of {self.side} (actor file)"
        return f"{self.kind} “{self.text}” names {self.side} (“{self.phrase}”)"

    def record(self) -> dict[str, str]:
        return {"side": self.side, "kind": self.kind, "text": self.text, "phrase": self.phrase,
                "summary": self.describe()}  # fmt: skip


#: Words in a role that make a party named in it someone else's ("an offshoot of the
#: Taliban", "a critic of Hamas"): the role is no affiliation.
NOT_AFFILIATION = lexicon.Words("not_affiliation_words")


def _member_side(entity: Entity, actors: Actors) -> SideEvidence | None:
    names = {_fold(entity.name): entity.name}
    names.update((_fold(m.text), m.text) for m in entity.mentions)
    for party in actors.parties:
        for member in party.members:
            if _fold(member) in names:
                return SideEvidence(party.side, "member", names[_fold(member)])
    return None


def _texts(entity: Entity) -> list[tuple[str, str]]:
    texts = [("name", entity.name), *(("role", r) for r in entity.roles)]
    if entity.type != "PERSON":
        texts += [("mention", m.text) for m in entity.mentions]
    else:  # a person's names and pronouns say nothing; a description of them may
        texts += [("description", m.text) for m in entity.mentions if _description(m.text)]
    return texts


def _description(text: str) -> bool:
    """ "the Taliban foreign ministry spokesperson", not "Amrullah Saleh" or "he"."""
    words = text.split()
    return len(words) > 1 and (words[0].islower() or words[0].lower() in {"the", "a", "an"})


def _affiliating(text: str, start: int) -> bool:
    """Whether the party phrase at ``start`` of a role makes the entity the party's: not
    after "offshoot of", "critic of", "enemy of" and the like."""
    before = {w.strip(".,;:()").lower() for w in text[:start].split()}
    return not before & NOT_AFFILIATION.set


def side_evidence(
    entity: Entity, actors: Actors, conflicts: Iterable[str] = ()
) -> SideEvidence | None:
    """The side of one entity and the evidence for it: the member list first, then party
    phrases in its name, roles and (for groups) mentions; None without evidence."""
    found = _member_side(entity, actors)
    if found is not None:
        return found
    conflicts = tuple(conflicts)
    for kind, text in _texts(entity):
        hits = sorted(actors.find(text, conflicts), key=lambda f: (f[0], f[0] - f[1]))
        for start, end, party in hits:
            if kind in {"role", "description"} and not _affiliating(text, start):
                continue
            return SideEvidence(party.side, kind, text, text[start:end])
    return None


def side_of(entity: Entity, actors: Actors, conflicts: Iterable[str] = ()) -> str | None:
    """The side of one entity: member list first, then party phrases in its names and roles."""
    found = side_evidence(entity, actors, conflicts)
    return found.side if found is not None else None


def active_conflicts_in(text: str, actors: Actors) -> frozenset[str]:
    """Conflicts ``text`` names a party of by proper name."""
    lowered = text.lower()
    return frozenset(
        conflict for conflict, names in _conflict_names(actors)
        if any(word in lowered and regex.search(text) for word, regex in names)
    )  # fmt: skip


@cache
def _conflict_names(
    actors: Actors,
) -> tuple[tuple[str, tuple[tuple[str, re.Pattern[str]], ...]], ...]:
    """Per conflict, its parties' proper names: (a word to look for first, the pattern)."""
    out: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for party in actors.parties:
        for phrase in party.names:
            out.setdefault(party.conflict, []).append(
                (phrase.split()[0].lower(), _phrase_regex(phrase))
            )
    return tuple((c, tuple(names)) for c, names in out.items())


def active_conflicts(analysis: Analysis, actors: Actors) -> frozenset[str]:
    """Conflicts the document names a party of (by proper name or member)."""
    found = set(active_conflicts_in(analysis.document.body, actors))
    for entity in analysis.entities:
        for party in actors.parties:
            if _fold(entity.name) in {_fold(m) for m in party.members}:
                found.add(party.conflict)
    return frozenset(found)


def tag_sides(analysis: Analysis, actors: Actors | str | Path | None = None) -> Analysis:
    """The analysis with ``Entity.side`` filled from the actor file.

    Args:
        analysis: A resolved analysis.
        actors: Loaded actors, or a path to an actor file; default: :func:`load_actors`.
    """
    if not isinstance(actors, Actors):
        actors = load_actors(actors)
    conflicts = active_conflicts(analysis, actors)
    speakers = {a.speaker for a in analysis.attributions if a.kind != "narrator"}
    entities = []
    for entity in analysis.entities:
        side = entity.side
        if side is None and (entity.type != "PLACE" or entity.key in speakers):
            side = side_of(entity, actors, conflicts)
        entities.append(replace(entity, side=side) if side != entity.side else entity)
    return replace(analysis, entities=tuple(entities))


def source_relation(entity: Entity) -> str:
    """How a source stands to the conflict, from its type and side.

    Returns:
        ``party`` (an organisation, group or state on a side), ``party official`` (a
        person on a side), ``party outlet`` (a medium on a side), ``third-party outlet``,
        ``third-party official`` (a person or body on no side), or ``unnamed``.
    """
    if entity.type == "UNNAMED":
        return "unnamed"
    if entity.type == "MEDIA":
        return "party outlet" if entity.side else "third-party outlet"
    if entity.side:
        return "party official" if entity.type == "PERSON" else "party"
    return "third-party official"
