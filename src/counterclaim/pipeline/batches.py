"""Batches on the writer's side: what is new, and storing each result.

Takes the documents read by ingest and the analyses the stages give; gives an
:class:`IngestReport` (ids added, ids already stored, inputs skipped with the reason).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counterclaim.records import Analysis, Document, Skipped
from counterclaim.store import ledger
from counterclaim.store.engine import retrying
from counterclaim.store.linker import RunLinker

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did: ids added, ids already stored, inputs skipped (with why)."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    linked: int = 0  # document entities linked to global entities after the run

    @property
    def stored(self) -> int:
        """Documents now in the ledger from this run's inputs (added or unchanged)."""
        return len(self.added) + len(self.unchanged)


def chunks[T](items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= max(1, size):
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def triage(
    chunk: Sequence[Document | Skipped], engine: Engine, seen: set[str], report: IngestReport
) -> list[Document]:
    """Record skips and already-stored documents; return the documents to analyse."""
    with Session(engine) as session:
        stored = ledger.known_ids(session, [d.id for d in chunk if isinstance(d, Document)])
    fresh = []
    for item in chunk:
        if isinstance(item, Skipped):
            report.skipped.append(item)
        elif item.id in stored or item.id in seen:
            report.unchanged.append(item.id)
        else:
            seen.add(item.id)
            fresh.append(item)
    return fresh


def store_result(engine: Engine, result: Analysis | Skipped, report: IngestReport) -> None:
    if isinstance(result, Skipped):
        report.skipped.append(result)
        return
    doc = result.document

    def save() -> str:
        with Session(engine) as session, session.begin():
            return ledger.save_analysis(session, result)

    try:
        status = retrying(save)  # DatabaseBusy (a clear error) when still locked
    except IntegrityError as err:
        origin = doc.origin or doc.id
        log.warning("could not store %s: %s", origin, err.orig)
        report.skipped.append(Skipped(origin, f"could not store analysis: {err.orig}"))
        return
    (report.added if status == "added" else report.unchanged).append(doc.id)


def store_batch(
    engine: Engine,
    results: Sequence[Analysis | Skipped],
    report: IngestReport,
    linker: RunLinker | None = None,
) -> None:
    """Store a batch with the bulk writer (:func:`ledger.save_analyses`) in one transaction,
    in order (if that fails, its documents one by one); then link the entities of the
    documents it added with ``linker``."""
    before = len(report.added)
    _store(engine, results, report)
    if linker is not None and len(report.added) > before:
        linker.link(report.added[before:])


def _store(engine: Engine, results: Sequence[Analysis | Skipped], report: IngestReport) -> None:
    analyses = [r for r in results if isinstance(r, Analysis)]
    report.skipped.extend(r for r in results if isinstance(r, Skipped))
    if not analyses:
        return

    def save() -> list[ledger.SaveStatus]:
        with Session(engine) as session, session.begin():
            return ledger.save_analyses(session, analyses)

    try:
        statuses = retrying(save)  # DatabaseBusy (a clear error) when still locked
    except IntegrityError:
        log.debug("batch could not be stored together; storing one by one", exc_info=True)
        for analysis in analyses:
            store_result(engine, analysis, report)
        return
    for analysis, status in zip(analyses, statuses, strict=True):
        (report.added if status == "added" else report.unchanged).append(analysis.document.id)
