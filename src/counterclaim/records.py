"""Small typed records passed between stages.

Data flows one way: ingest -> extract -> resolve -> store -> serve. Every stage reads and
writes these frozen dataclasses; no record holds a spaCy ``Doc``. Every span is a character
range into ``Document.text`` exactly as read, so anything shown to a user can be traced back
to the sentence it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """How a statement is reported."""

    DIRECT = "direct"  # quoted words
    INDIRECT = "indirect"  # reported speech: "he said that ..."
    CALL = "call"  # a call for action: "urged", "demanded"
    NARRATOR = "narrator"  # the publisher's own statement


class Stance(StrEnum):
    """Whether the source asserts the content or denies it (denies what someone else said)."""

    ASSERT = "assert"
    DENY = "deny"


class Method(StrEnum):
    """Which extractor produced an attribution."""

    RULES = "rules"  # the dependency rules
    RULES_DASH = "rules-dash"  # a quote signed '"..." -Name'
    RULES_CONTINUED = "rules-continued"  # a quote continued after its cue sentence
    LEARNED = "learned"  # the tagger trained on PolNeAR
    NARRATOR = "narrator"  # a sentence no attribution covers


class Modality(StrEnum):
    """What kind of statement a claim is."""

    FACT = "fact"  # the publisher states it
    CLAIM = "claim"  # a source says it is so
    INTENTION = "intention"  # a source says it will do it
    CALL = "call"  # a source calls for it


class ClaimType(StrEnum):
    """The typed propositions claims are normalized into (``statement`` for the rest)."""

    TERRITORIAL_CONTROL = "territorial_control"
    FATALITIES = "fatalities"
    INJURIES = "injuries"
    LOSSES = "losses"
    PERSON_LOCATION = "person_location"
    FIGHTING_ONGOING = "fighting_ongoing"
    ATTACK = "attack"
    CAPTURE = "capture"
    NEGOTIATIONS = "negotiations"
    RESPONSIBILITY = "responsibility"  # who carried it out: blame, accusation, claim, denial
    INTENTION = "intention"
    STATEMENT = "statement"


@dataclass(frozen=True, slots=True)
class Span:
    """A character range ``[start, end)`` of a document's text, with that text."""

    start: int
    end: int
    text: str

    def overlap(self, other: Span) -> int:
        """Number of characters shared with ``other``."""
        return max(0, min(self.end, other.end) - max(self.start, other.start))

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass(frozen=True, slots=True)
class Document:
    """One article as ingested.

    ``text`` is the article exactly as read (after decoding), header included, so offsets
    match the file. ``body_start`` is where the analysed body begins: the wire header
    (``date 2021-09-03 CAIRO, September 3. /TASS/.``) is kept out of extraction.
    """

    id: str
    text: str
    body_start: int = 0
    date: dt.date | None = None
    publisher: str | None = None
    dateline: Span | None = None
    header: Span | None = None
    title: str | None = None
    url: str | None = None
    origin: str | None = None  # file path (and line) the document was read from
    author: str | None = None  # byline
    section: str | None = None  # the publication's section or category
    keywords: tuple[str, ...] = ()  # the publisher's tags

    @property
    def body(self) -> str:
        return self.text[self.body_start :]


@dataclass(frozen=True, slots=True)
class Mention:
    """A typed name (or pronoun / description) in a document, linked to an entity."""

    span: Span
    label: str  # PERSON, ORG, MEDIA, PLACE, NORP, PRON, DESC
    entity: str | None = None  # key of the document-level entity it resolves to
    role: str | None = None  # a title or apposition seen with it: "spokesman", "Vice President"
    antecedent: int | None = (
        None  # for a pronoun / short description: index of the mention it refers to
    )


@dataclass(frozen=True, slots=True)
class Entity:
    """A cluster of mentions in one document that name the same thing."""

    key: str  # document-local key, e.g. "fahim-dashti"
    name: str  # the canonical (longest, most complete) name
    type: str  # PERSON, ORG, MEDIA, PLACE, NORP, UNNAMED
    mentions: tuple[Span, ...] = ()
    roles: tuple[str, ...] = ()
    side: str | None = None  # the party it belongs to in the conflict, when known
    geo: Geo | None = None  # for places


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said what, through whom.

    ``responds_to`` is, for a denial only, the attribution it denies; ``opposes``, for an
    assertion, another party's statement it is set against without denying it ("A argues
    ..., B insists ...").

    ``source`` is the phrase naming the speaker where the statement is made ("he",
    "a source in the region"); ``speaker`` is the document entity it resolves to, and
    ``speaker_name`` a printable name for it. ``chain`` lists the intermediaries,
    innermost first, ending with the publisher: ("a Taliban source", "Reuters", "TASS").
    """

    doc_id: str
    id: int
    cue: Span
    content: Span
    kind: Kind = Kind.INDIRECT
    stance: Stance = Stance.ASSERT
    source: Span | None = None
    speaker: str | None = None
    speaker_name: str | None = None
    responds_to: int | None = None  # a denial: the attribution it denies
    chain: tuple[str, ...] = ()
    channel: str | None = None
    recipient: str | None = None
    date: str | None = None  # ISO date (or month) of the statement
    sentence: Span | None = None
    confidence: float = 1.0
    method: Method = Method.RULES  # which extractor produced it
    opposes: int | None = None  # an assertion set against another party's (not a denial)

    def __post_init__(self) -> None:
        # stored rows and JSON give plain strings: every Attribution holds the enums
        object.__setattr__(self, "kind", Kind(self.kind))
        object.__setattr__(self, "stance", Stance(self.stance))
        object.__setattr__(self, "method", Method(self.method))


@dataclass(frozen=True, slots=True)
class Parse:
    """The dependency parse of a document body, compact: one entry per token, in order.

    ``starts``/``ends`` are character offsets into ``Document.text``; ``heads`` are token
    indices (a root is its own head); ``deps``, ``pos`` and ``lemmas`` are spaCy's labels.
    Kept in memory for the claim stage (:mod:`counterclaim.normalize.syntax`); never stored.
    """

    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()
    heads: tuple[int, ...] = ()
    deps: tuple[str, ...] = ()
    pos: tuple[str, ...] = ()
    lemmas: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything extracted from one document.

    ``parse`` is the body's dependency parse when the analysis comes fresh from extract
    (None for one loaded from the ledger): the claim stage reads arguments from it.
    """

    document: Document
    attributions: tuple[Attribution, ...] = ()
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    events: tuple[EventMention, ...] = ()
    parse: Parse | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not ingested, and why (never silently lost)."""

    origin: str
    reason: str


@dataclass(frozen=True, slots=True)
class Geo:
    """Where a place is: ISO 3166 codes and coordinates, from offline gazetteers."""

    name: str
    kind: str  # country, region (ISO 3166-2 subdivision), town
    country: str | None = None  # ISO 3166-1 alpha-2
    iso3166_2: str | None = None
    lat: float | None = None
    lon: float | None = None
    reason: str | None = (
        None  # why this place: "country name", "town in a country the article names"
    )


@dataclass(frozen=True, slots=True)
class Count:
    """A number as UCDP GED codes it: low, best and high estimates."""

    low: int | None = None
    best: int | None = None
    high: int | None = None
    approx: bool = False
    text: str = ""  # the words it came from: "about 350", "dozens"


@dataclass(frozen=True, slots=True)
class Claim:
    """A typed proposition normalized from an attribution's content (or a narrator sentence).

    ``args`` maps a role (actor, place, victim, perpetrator, person, target, sides) to a
    document entity key, or to a tuple of keys for ``sides``. ``value`` is the polarity:
    False when the source says it is not so (a denial, "failed to seize").
    """

    doc_id: str
    id: int
    attribution: int  # Attribution.id within the document
    type: ClaimType
    value: bool = True
    modality: Modality = Modality.CLAIM
    args: dict[str, str | tuple[str, ...]] = field(default_factory=dict)
    count: Count | None = None
    magnitude: str | None = None  # "big" losses, "heavy" casualties
    date: str | None = None  # ISO date of the event, when known
    period: str | None = None  # ISO 8601 interval "2021-08-30/2021-09-03"
    evidence: Span | None = None  # the words the claim rests on
    text: str = ""  # a one-line human-readable proposition
    #: calibrated probability that the claim is right: its attribution is right and the
    #: claim's type, arguments and value are what the source says
    #: (:mod:`counterclaim.normalize.confidence`)
    confidence: float = 1.0
    #: the evidence the confidence rests on ("typed|parse|own|named"); not stored
    basis: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        # stored rows and JSON give plain strings: every Claim holds the enums
        object.__setattr__(self, "type", ClaimType(self.type))
        object.__setattr__(self, "modality", Modality(self.modality))


@dataclass(frozen=True, slots=True)
class EventMention:
    """A mention of an event in one document: "Tuesday's attack", "militants stormed a train".

    ``span`` is the phrase naming it and ``head`` its trigger word; ``type`` the kind of
    event (attack, bombing, hijacking, clash, ...), ``family`` the group of types that may
    name one event (``attack`` for all of those). ``place`` and ``origin`` (where it was
    launched from, as a source says) are document entity keys; ``date`` / ``period`` come from
    its own words, resolved against the article date. ``event`` numbers the document's
    events: mentions with the same number name one event. ``claims`` are the ids of the
    document's claims about it (tolls, responsibility, ...); ``attribution`` the statement
    whose content holds the mention (None: the narrator).
    """

    doc_id: str
    id: int
    span: Span
    head: Span
    type: str
    family: str
    event: int = 0
    place: str | None = None
    date: str | None = None
    period: str | None = None
    target: str | None = None  # what was attacked, as a noun: "train", "convoy"
    weapon: str | None = None  # "bomb, gun"
    origin: str | None = None
    attribution: int | None = None
    definite: bool = False  # "the attack", "Tuesday's attack": refers back
    other: bool = False  # "another attack", "a similar strike": a different event
    claims: tuple[int, ...] = ()
