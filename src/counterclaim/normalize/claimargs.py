"""Arguments of claims: which document entities a stretch of content names, and where.

``Context.of(analysis)`` prepares one document: places geocoded, sides tagged (for
looking up "resistance forces" -> the entity on that side), paragraphs found.
``Context.occurrences(start, end, speaker)`` lists, in text order, every entity a span
of the text refers to:

- resolved mentions (names, pronouns and descriptions ``resolve`` linked to an entity);
- party phrases from the actor file ("opposition forces", "Taliban militants") -> the
  document entity on that side;
- pronouns no mention covers ("their intention") -> the speaker;
- "the province", "the region", "the country", "the capital" -> the place in context
  (:func:`counterclaim.resolve.geocode.place_in_context`);
- description-class phrases ("40 soldiers", "the militants") -> the document's one entity
  of that class (:mod:`counterclaim.resolve.parties`), unless a modifier makes them someone else's
  ("Ukrainian soldiers", "foreign troops");
- "we"/"our" in a spokesman's mouth -> the organisation he speaks for.

A side-less organisation the text puts things in ("in Dargah") counts as a place.

Limits: which occurrence fills which role is :mod:`counterclaim.normalize.claimtypes`' business (from
the parse); "they"/"it" mean the speaker when resolve did not link them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from counterclaim.lexicon import Words
from counterclaim.normalize.syntax import Syntax
from counterclaim.records import Analysis, Attribution, Entity, Mention
from counterclaim.resolve.geocode import geocode, place_in_context
from counterclaim.resolve.parties import OTHERS
from counterclaim.resolve.sides import Actors, active_conflicts, load_actors, tag_sides

PRONOUN_RE = re.compile(r"\b(?:he|she|they|them|their|his|her|we|our|us|I|my|it|its)\b", re.I)
FIRST_PERSON = frozenset({"i", "my", "we", "our", "us"})
PLURAL_FIRST = frozenset({"we", "our", "us"})
SINGULAR = frozenset({"he", "she", "his", "her"})
ANAPHOR_RE = re.compile(
    r"\bthe\s+(?:[A-Z]\w+\s+)?(province|region|country|city|capital|oblast|governorate|area|"
    r"district|town|village|valley)\b"
)
PARAGRAPH_RE = re.compile(r"\n\s*")
BODY_WORDS = Words("body_words")
LOCATIVE_RE = re.compile(r"\b(?:in|into|near|outside|inside|around|across|towards?)\s+$")
ACTOR_TYPES = frozenset({"PERSON", "ORG", "NORP", "UNNAMED", "PLACE"})


@dataclass(frozen=True, slots=True)
class Occurrence:
    """An entity referred to at ``[start, end)`` of the document text."""

    start: int
    end: int
    key: str
    place: bool
    person: bool


@dataclass(slots=True)
class Context:
    """One document prepared for argument lookup."""

    analysis: Analysis  # geocoded and side-tagged
    entities: dict[str, Entity]
    actors: Actors
    conflicts: frozenset[str]
    side_entity: dict[str, str]
    paragraphs: list[tuple[int, int]]
    syntax: Syntax | None = None  # the parse, when the analysis carries one
    class_entity: dict[str, str] = field(default_factory=dict)  # "state forces" -> key
    located: frozenset[str] = frozenset()  # organisations the text uses as places

    @classmethod
    def of(cls, analysis: Analysis, actors: Actors | None = None) -> Context:
        """Geocode and tag a copy of ``analysis`` for lookups (the original is untouched)."""
        actors = actors or load_actors()
        tagged = tag_sides(geocode(analysis), actors)
        entities = {e.key: e for e in tagged.entities}
        syntax = Syntax(analysis.parse) if analysis.parse is not None else None
        return cls(
            tagged,
            entities,
            actors,
            active_conflicts(tagged, actors),
            _side_entities(tagged),
            _paragraphs(tagged.document.text),
            syntax,
            _class_entities(tagged, actors),
            _located(tagged),
        )

    @property
    def text(self) -> str:
        return self.analysis.document.text

    def is_place(self, key: str) -> bool:
        """A place: geocoded, typed PLACE, or an organisation on no side the text puts
        things in ("the operation in Dargah": an unknown town the NER called ORG)."""
        entity = self.entities.get(key)
        if entity is None:
            return False
        if entity.geo is not None or entity.type == "PLACE":
            return True
        return key in self.located

    def paragraph(self, offset: int) -> tuple[int, int]:
        """The paragraph holding ``offset``."""
        for start, end in self.paragraphs:
            if start <= offset < end:
                return start, end
        return 0, len(self.text)

    def occurrences(self, start: int, end: int, speaker: str | None) -> list[Occurrence]:
        """Entities the text ``[start, end)`` refers to, in order (see the module doc)."""
        found: list[Occurrence] = []
        for mention in self.analysis.mentions:
            span = mention.span
            if mention.entity and start <= span.start and span.end <= end:
                found.append(self._occurrence(span.start, span.end, mention.entity))
        text = self.text[start:end]
        for s, e, party in self.actors.find(text, self.conflicts):
            key = self.side_entity.get(party.side)
            if key and not _covered(found, start + s, start + e):
                found.append(self._occurrence(start + s, start + e, key))
        for s, e, key in self._class_phrases(text):
            if not _covered(found, start + s, start + e):
                found.append(self._occurrence(start + s, start + e, key))
        for match in ANAPHOR_RE.finditer(text):
            s = start + match.start()
            key = place_in_context(self.analysis, s, match[1])
            if key and not _covered(found, s, start + match.end()):
                found.append(self._occurrence(s, start + match.end(), key))
        for match in PRONOUN_RE.finditer(text):
            s, e = start + match.start(), start + match.end()
            key = self._pronoun(match[0], s, speaker)
            if key and not _covered(found, s, e):
                found.append(self._occurrence(s, e, key))
        return sorted(found, key=lambda o: (o.start, -o.end))

    def _class_phrases(self, text: str) -> list[tuple[int, int, str]]:
        """Description-class phrases ("40 soldiers", "the militants") -> the document's one
        entity of that class (:mod:`counterclaim.resolve.parties`)."""
        out = []
        for kind in self.actors.classes:
            key = self.class_entity.get(kind.name)
            if key is None:
                continue
            for match in kind.regex.finditer(text):
                if _proper_modifier_before(text, match.start()):
                    continue  # "Ukrainian soldiers": a modifier names whose they are
                out.append((match.start(), match.end(), key))
        return out

    def _pronoun(self, word: str, offset: int, speaker: str | None) -> str | None:
        """First person: the speaker; "he"/"she": the speaker if a person, else the last
        person named; "they", "it": the speaker if a group, else the last group named."""
        word = word.lower()
        if word in PLURAL_FIRST:
            return self.speaks_for(speaker) or speaker
        if word in FIRST_PERSON:
            return speaker
        wanted = {"PERSON"} if word in SINGULAR else {"ORG", "NORP", "UNNAMED"}
        entity = self.entities.get(speaker or "")
        speaks = wanted | {"PLACE"} if word in {"it", "its"} else wanted  # "Pakistan said it"
        if entity is not None and entity.type in speaks:
            return speaker
        best = None
        for mention in self.analysis.mentions:
            named = self.entities.get(mention.entity or "")
            if named is not None and named.type in wanted and mention.span.end <= offset:
                best = named.key
        return best

    def speaks_for(self, speaker: str | None) -> str | None:
        """The organisation a person speaks for ("we" in a spokesman's mouth): the entity
        of the person's side, else an organisation a capitalised word of the person's
        roles names ("VLF spokesman", "the Front's spokesman")."""
        person = self.entities.get(speaker or "")
        if person is None or person.type != "PERSON":
            return None
        if person.side and person.side in self.side_entity:
            return self.side_entity[person.side]
        titles = [
            *person.roles,
            *(
                a.source.text
                for a in self.analysis.attributions
                if a.speaker == speaker and a.source is not None
            ),
        ]
        names = {person.name}  # its mentions may carry a title ("Front spokesman Omar Haddad")
        words = {
            re.sub(r"['’]s?$", "", w).lower()
            for title in titles
            for w in title.split()
            if w[:1].isupper() and w not in names
        }
        words -= {w.lower() for name in names for w in name.split()}
        found = [
            e.key
            for e in self.entities.values()
            if e.type in {"ORG", "NORP"} and words & {w.lower() for w in e.name.split()}
        ]
        return found[0] if len(found) == 1 else None

    def _occurrence(self, start: int, end: int, key: str) -> Occurrence:
        entity = self.entities.get(key)
        person = entity is not None and entity.type == "PERSON" and entity.geo is None
        return Occurrence(start, end, key, self.is_place(key), person)

    def place_before(
        self, offset: int, where: Callable[[Mention], bool] | None = None
    ) -> str | None:
        """The last place below country level named in the paragraph before ``offset``
        (of those ``where`` accepts, when given)."""
        start, _ = self.paragraph(offset)
        best = None
        for mention in self.analysis.mentions:
            entity = self.entities.get(mention.entity or "")
            if (
                entity is None
                or entity.geo is None
                or entity.geo.kind == "country"
                or not start <= mention.span.start < offset
                or (where is not None and not where(mention))
            ):
                continue
            if best is None or mention.span.start > best[0]:
                best = (mention.span.start, entity.key)
        return best[1] if best else None

    def statements_before(self, attribution: Attribution) -> list[tuple[int, int]]:
        """Contents of this paragraph's earlier statements (narrator sentences included)."""
        start, _ = self.paragraph(attribution.content.start)
        spans = [
            (a.content.start, a.content.end)
            for a in self.analysis.attributions
            if start <= a.content.start < attribution.content.start
        ]
        return sorted(spans, reverse=True)


def _covered(found: list[Occurrence], start: int, end: int) -> bool:
    return any(o.start < end and start < o.end for o in found)


def _side_entities(analysis: Analysis) -> dict[str, str]:
    """Side -> the document entity that stands for it (an organisation, most mentioned)."""
    best: dict[str, tuple[tuple[int, int], str]] = {}
    counts = Counter(m.entity for m in analysis.mentions if m.entity)
    for entity in analysis.entities:
        if not entity.side or entity.type not in ACTOR_TYPES:
            continue
        rank = (entity.type in {"ORG", "NORP"}, counts[entity.key])
        if entity.side not in best or rank > best[entity.side][0]:
            best[entity.side] = (rank, entity.key)
    return {side: key for side, (_, key) in best.items()}


def _class_entities(analysis: Analysis, actors: Actors) -> dict[str, str]:
    """Description class -> the document's one entity of it: the one organisation whose
    name marks the class, else the one description entity resolve made for it."""
    named: dict[str, list[str]] = {}
    described: dict[str, list[str]] = {}
    for entity in analysis.entities:
        if entity.type in {"ORG", "NORP"}:
            kind = actors.name_class(entity.name)
            if kind is not None:
                named.setdefault(kind.name, []).append(entity.key)
        elif entity.type == "UNNAMED" and not _has_capital(entity.name):
            kind = actors.description_class(entity.name)
            if kind is not None:
                described.setdefault(kind.name, []).append(entity.key)
    out = {}
    for kind in actors.classes:
        keys = named.get(kind.name) or described.get(kind.name) or []
        if len(keys) == 1:
            out[kind.name] = keys[0]
    return out


def _located(analysis: Analysis) -> frozenset[str]:
    """Keys of side-less organisations named right after "in", "into", "near" ... (an
    unknown town the NER called ORG: "the operation in Dargah")."""
    text = analysis.document.text
    out = set()
    for entity in analysis.entities:
        words = {w.lower() for w in entity.name.split()}
        if entity.type != "ORG" or entity.side or len(words) > 2 or words & BODY_WORDS:
            continue
        if any(LOCATIVE_RE.search(text[max(0, m.start - 12) : m.start]) for m in entity.mentions):
            out.add(entity.key)
    return frozenset(out)


def _has_capital(name: str) -> bool:
    return any(w[:1].isupper() for w in name.split()[1:])


def _proper_modifier_before(text: str, offset: int) -> bool:
    """A capitalised word, not opening a sentence, right before ``offset``; or a word that
    makes them someone else's ("foreign troops")."""
    before = text[:offset].rstrip()
    word = before.split()[-1] if before.split() else ""
    if word.lower() in OTHERS:
        return True
    if not word[:1].isupper():
        return False
    rest = before[: len(before) - len(word)].rstrip()
    return bool(rest) and rest[-1] not in '.!?"“\n'


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in PARAGRAPH_RE.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
