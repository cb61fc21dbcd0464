"""What the pages and the API return: frozen dataclasses over the ledger's records.

A page and its JSON twin are built from the same object (as in Datasette), so they cannot
drift apart. Records from :mod:`counterclaim.records` are returned as they are; these
classes only add what a reader needs next to them (a headline, a formatted chain, totals).
Pydantic is used for HTTP input only (:mod:`counterclaim.web.upload`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from counterclaim.records import Attribution, Claim, Document, Entity, Geo, Mention


@dataclass(frozen=True, slots=True)
class Snippet:
    """A few words around a search match, the match apart so it can be marked."""

    before: str
    match: str
    after: str


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """Enough of a document to name and link it."""

    id: str
    headline: str
    date: dt.date | None = None
    publisher: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A row of the document list."""

    id: str
    headline: str
    date: dt.date | None
    publisher: str | None
    dateline: str | None
    title: str | None
    url: str | None
    origin: str | None
    attributions: int
    snippet: Snippet | None = None


@dataclass(frozen=True, slots=True)
class DocumentPage:
    """One page of documents and how many match in all."""

    items: list[DocumentSummary]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class DocumentView:
    """An article with everything extracted from it; every span is an offset into ``text``."""

    document: Document
    headline: str
    attributions: list[Attribution]
    entities: list[Entity]
    mentions: list[Mention]
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class AttributionItem:
    """An attribution with its printable chain and the document it is from."""

    attribution: Attribution
    speaker: str  # printable: resolved name, else source phrase
    chain: str  # "Taliban ← a Taliban source ← Reuters ← TASS"
    document: DocumentRef
    side: str | None = None  # the speaker's side of the conflict, when known
    review_state: str = "machine"  # machine, reviewed (confirmed) or corrected


@dataclass(frozen=True, slots=True)
class AttributionPage:
    """One page of attributions and how many match in all."""

    items: list[AttributionItem]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """An entity across documents: the same key in several documents is one entity."""

    key: str
    name: str
    type: str
    side: str | None
    aliases: list[str]
    roles: list[str]
    documents: int
    mentions: int
    statements: int  # attributions it is the speaker of


@dataclass(frozen=True, slots=True)
class EntityPage:
    """One page of entities and how many match in all."""

    items: list[EntitySummary]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class EntityView:
    """Every attribution by and about an entity, with its names and documents."""

    entity: EntitySummary
    geo: Geo | None
    documents: list[DocumentRef]
    by: list[AttributionItem]  # it is the speaker
    about: list[AttributionItem]  # it is named in the content, or is the recipient
    via: list[AttributionItem]  # it passed the statement on (an intermediary of the chain)


@dataclass(frozen=True, slots=True)
class SearchView:
    """Articles, attributions and claims matching a query (one page of each)."""

    q: str
    documents: DocumentPage
    attributions: AttributionPage
    claims: ClaimPage


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What ``POST /api/documents`` did with the text."""

    status: Literal["added", "unchanged"]
    document: DocumentSummary
    url: str  # the article page
    api_url: str


# -- claims, from counterclaim.store.queries (the JSON records of pipeline.*_record) ---------


@dataclass(frozen=True, slots=True)
class ClaimPage:
    """One page of claims (``pipeline.claim_record``) and how many match in all."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class DisputePage:
    """Disputed propositions (``pipeline.dispute_record``), newest first."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    notice: str | None = None  # e.g. an unknown place in the filter


@dataclass(frozen=True, slots=True)
class TimelineView:
    """Claims about a place or an entity by event date (``pipeline.entry_record``)."""

    subject: str
    entries: list[dict[str, Any]]
    notice: str | None = None
    places: list[dict[str, Any]] = field(default_factory=list)  # landing: what has entries
    actors: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0  # entries in all (``entries`` is one page of them)
    limit: int = 0
    offset: int = 0


@dataclass(frozen=True, slots=True)
class FatalitiesView:
    """Figures by source, low/best/high, per victim, place and period."""

    tallies: list[dict[str, Any]]
    total: int = 0  # tallies in all (``tallies`` is one page of them)
    limit: int = 0
    offset: int = 0
    notice: str | None = None  # e.g. an unknown place in the filter


@dataclass(frozen=True, slots=True)
class PlacesView:
    """Places across the ledger with coordinates (``pipeline.entity_record``)."""

    places: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class EventPage:
    """Events linked across articles (``pipeline.event_record``), latest first."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    notice: str | None = None  # e.g. an unknown place in the filter
