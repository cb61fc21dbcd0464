"""The pipeline stage: the library API that runs the stages in order, in one process or on Dask.

Takes paths (files, folders, JSON Lines, HTML) and a ledger engine; gives an
:class:`~counterclaim.pipeline.batches.IngestReport` and the stored ledger. Reading
functions (attributions, claims, disputes, fatalities, timelines, entities, events) are re-exported
here from :mod:`counterclaim.store.queries`, so the CLI and the web app need one import.

Modules: :mod:`.analysis` (extract, resolve, sides, places, claims on documents),
:mod:`.batches` (what is new, storing results), :mod:`.parallel` (Dask workers, one
writer), :mod:`.api` (ingest and the read/export functions).
"""

from counterclaim.pipeline import review
from counterclaim.pipeline.analysis import analyze_documents, later_stages, load_pipeline
from counterclaim.pipeline.api import (
    CHAIN_ARROW,
    EXPORT_FIELDS,
    ExportFormat,
    attribution_record,
    attributions,
    document_analysis,
    documents,
    export_attributions,
    format_chain,
    ingest,
    speaker_label,
)
from counterclaim.pipeline.batches import IngestReport
from counterclaim.pipeline.exports import TABLES, document_record, ledger_counts, write_table
from counterclaim.store.entitypage import EntityPageData
from counterclaim.store.eventview import EventNotFound, EventView, event, event_record, events
from counterclaim.store.linker import link_entities, pin_entities, relink_entities
from counterclaim.store.queries import (
    EntityNotFound,
    attribution_states,
    claim_page,
    claim_record,
    claim_states,
    claims,
    dispute_record,
    disputes,
    entities,
    entity_evidence,
    entity_links,
    entity_list,
    entity_page,
    entity_record,
    entry_record,
    fatalities,
    origins,
    origins_record,
    reviewed_disputes,
    tally_record,
    timeline,
    totals,
    unanswered,
    unanswered_record,
)
from counterclaim.store.search import Hit, SearchResult, search_statements
from counterclaim.store.subjects import Subject, timeline_subjects

__all__ = [
    "Subject", "timeline_subjects", "Hit", "SearchResult", "search_statements", "TABLES", "document_record", "ledger_counts", "write_table",
    "CHAIN_ARROW", "EXPORT_FIELDS", "EntityNotFound", "EventNotFound", "EventView",
    "ExportFormat", "IngestReport", "event", "event_record", "events",
    "analyze_documents", "attribution_record", "attribution_states", "attributions",
    "claim_page", "claim_record", "claim_states", "claims",
    "dispute_record", "disputes", "document_analysis", "documents", "entities",
    "entity_evidence", "entity_links", "entity_list", "entity_page", "entity_record", "EntityPageData",
    "entry_record", "export_attributions", "fatalities",
    "format_chain", "ingest", "later_stages", "link_entities", "load_pipeline", "origins",
    "origins_record",
    "pin_entities", "relink_entities", "review", "reviewed_disputes", "speaker_label",
    "tally_record", "timeline", "totals",
    "unanswered", "unanswered_record",
]  # fmt: skip
