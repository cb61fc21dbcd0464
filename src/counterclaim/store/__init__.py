"""The store stage: the ledger (SQLite or PostgreSQL) and everything that reads it.

Takes analyses (documents, attributions, entities, claims); gives a ledger and the queries
over it. Build the engine with :func:`make_engine` (the only constructor), then open a unit
of work with ``with Session(engine) as s, s.begin():`` and call the :mod:`.ledger` functions.

Modules, lowest first: :mod:`.models` (tables), :mod:`.engine` (URLs, schema, locks),
:mod:`.rows` (rows <-> records), :mod:`.disputes` (stored disputes), :mod:`.propositions`
(proposition keys and summaries), :mod:`.claims`, :mod:`.ledger` (save and load analyses),
:mod:`.entities` (global entities), :mod:`.claimview` (claims as compare's records),
:mod:`.dispute_cache` (keeping stored disputes current), :mod:`.queries` (the library's
reading functions), :mod:`.linker` (cross-document linking and pins), :mod:`.reviewkeys`
and :mod:`.review` (analysts' corrections, applied over the machine's output).
"""

from counterclaim.store.engine import (
    DEFAULT_URL,
    DatabaseBusy,
    DatabaseUnavailable,
    LedgerError,
    ensure_schema,
    make_engine,
)
from counterclaim.store.ledger import (
    AmbiguousDocument,
    DocumentNotFound,
    SaveStatus,
    attribution_counts,
    find_document,
    iter_attributions,
    known_ids,
    list_documents,
    load_analysis,
    save_analyses,
    save_analysis,
)
from counterclaim.store.models import SCHEMA_VERSION, Base

__all__ = [
    "DEFAULT_URL",
    "SCHEMA_VERSION",
    "AmbiguousDocument",
    "Base",
    "DatabaseBusy",
    "DatabaseUnavailable",
    "DocumentNotFound",
    "LedgerError",
    "SaveStatus",
    "attribution_counts",
    "ensure_schema",
    "find_document",
    "iter_attributions",
    "known_ids",
    "list_documents",
    "load_analysis",
    "make_engine",
    "save_analyses",
    "save_analysis",
]
