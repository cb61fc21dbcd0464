"""The ledger: SQLAlchemy tables and the conversions between rows and records.

Build the engine with :func:`make_engine` (the only constructor), then open a unit of
work with ``with Session(engine) as s, s.begin():`` and call the :mod:`.ledger` functions.
"""

from counterclaim.store.engine import (
    DEFAULT_URL,
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
    save_analysis,
)
from counterclaim.store.models import SCHEMA_VERSION, Base

__all__ = [
    "DEFAULT_URL",
    "SCHEMA_VERSION",
    "AmbiguousDocument",
    "Base",
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
]
