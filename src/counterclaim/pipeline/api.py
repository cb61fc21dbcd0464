"""The library API: the one module that knows the order of the stages.

ingest -> extract -> resolve -> sides -> geocode -> normalize -> store -> link. The CLI
and the web app call these functions and only format what they return. Stage modules are
imported where they are used, so ``counterclaim --help`` does not load spaCy. The claim
queries (disputes, fatalities, timelines, entities) live in :mod:`counterclaim.store.queries` and
are re-exported here.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from counterclaim.pipeline.analysis import DEFAULT_BATCH_SIZE, analyse_isolated, load_pipeline
from counterclaim.pipeline.batches import IngestReport, chunks, store_batch, triage
from counterclaim.records import Analysis, Attribution, Document, Skipped, Span
from counterclaim.store import ledger
from counterclaim.store.linker import RunLinker
from counterclaim.store.queries import attribution_states

if TYPE_CHECKING:
    from spacy.language import Language

CHAIN_ARROW = " ← "
type ExportFormat = Literal["jsonl", "csv"]

EXPORT_FIELDS = (
    "doc_id", "id", "kind", "stance", "speaker", "speaker_name",
    "source_start", "source_end", "source_text",
    "cue_start", "cue_end", "cue_text",
    "content_start", "content_end", "content_text",
    "responds_to", "opposes", "chain", "channel", "recipient", "date",
    "sentence_start", "sentence_end", "sentence_text", "confidence", "method",
)  # fmt: skip


# -- analysis and ingestion -----------------------------------------------------------


def ingest(
    paths: Iterable[str | Path] | str | Path,
    engine: Engine,
    *,
    publisher: str | None = None,
    date: dt.date | None = None,
    nlp: Language | None = None,
    model: str | None = None,
    batch_size: int | None = None,
    progress: bool = False,
    workers: int | None = None,
    scheduler: str | None = None,
) -> IngestReport:
    """Read, analyse and store articles; documents already in the ledger are not re-analysed.

    Args:
        paths: Files and folders (text, JSONL, HTML), as :func:`ingest.read_paths` reads them.
        engine: The ledger, from :func:`store.make_engine`.
        publisher: Publisher for documents that name none themselves.
        date: Date for documents that carry none themselves.
        nlp: A pipeline from :func:`load_pipeline`; by default ``model`` is loaded, once,
            and only if there is something new to analyse.
        model: A spaCy package name or model path (see :mod:`counterclaim.language`).
        batch_size: Documents analysed together (default 16; 4 per task on a cluster).
        progress: Show a Rich progress bar on stderr.
        workers: Analyse on a local Dask cluster of this many processes
            (:mod:`counterclaim.pipeline.parallel`); this process stays the only writer.
        scheduler: Analyse on the running Dask cluster at this address
            (``tcp://HOST:PORT``) instead. ``nlp`` is not used on a cluster: each worker
            loads ``model`` once.

    Returns:
        The ids added and unchanged, and every input skipped with its reason. A document
        whose extraction raises is logged and skipped; the rest of the batch goes on.

    Raises:
        counterclaim.language.ModelNotFound: The model cannot be loaded.
    """
    from counterclaim.ingest.readers import read_paths

    items = read_paths(paths, publisher=publisher, date=date)
    if workers is not None or scheduler is not None:
        return _ingest_on_cluster(items, engine, model, batch_size, progress, workers, scheduler)
    return ingest_documents(
        items, engine, nlp=nlp, model=model, batch_size=batch_size, progress=progress
    )


def ingest_documents(
    items: Iterable[Document | Skipped],
    engine: Engine,
    *,
    nlp: Language | None = None,
    model: str | None = None,
    batch_size: int | None = None,
    progress: bool = False,
) -> IngestReport:
    """Analyse and store documents already read, in this process (see :func:`ingest`):
    each batch is stored by the bulk writer in one transaction, its entities linked, and
    answers, events, disputes and read models made at the end."""
    batch_size = batch_size or DEFAULT_BATCH_SIZE
    report = IngestReport()
    seen: set[str] = set()
    linker = RunLinker(engine)
    with _progress_bar(progress) as advance:
        for chunk in chunks(items, batch_size):
            fresh = triage(chunk, engine, seen, report)
            advance(len(chunk) - len(fresh))
            if not fresh:
                continue
            if nlp is None:
                nlp = load_pipeline(model)
            results = analyse_isolated(fresh, nlp, batch_size)
            store_batch(engine, results, report, linker)  # the bulk writer, then linking
            advance(len(results))
    if report.added:
        report.linked = linker.finish()
    return report


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[Callable[[int], None]]:
    if not enabled:
        yield lambda _n: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("ingesting: {task.completed} inputs"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingest", total=None)
        yield lambda n: bar.advance(task, n)


def _ingest_on_cluster(
    items: Iterable[Document | Skipped],
    engine: Engine,
    model: str | None,
    batch_size: int | None,
    progress: bool,
    workers: int | None,
    scheduler: str | None,
) -> IngestReport:
    from counterclaim.pipeline import parallel

    with parallel.dask_client(workers, scheduler) as client:
        return parallel.ingest_parallel(
            items, engine, client, loader=parallel.ModelLoader(model),
            batch_size=batch_size or parallel.DEFAULT_TASK_SIZE, progress=progress,
        )  # fmt: skip


# -- queries --------------------------------------------------------------------------


def attributions(
    engine: Engine,
    *,
    source: str | None = None,
    doc: str | None = None,
    kind: str | None = None,
    stance: str | None = None,
    via: str | None = None,
    min_confidence: float = 0.0,
    review_state: str | None = None,
) -> list[Attribution]:
    """Stored attributions matching the filters; ``doc`` may be a unique id prefix;
    ``min_confidence`` keeps those whose calibrated confidence is at least that,
    ``review_state`` those in that state (``machine``, ``reviewed``, ``corrected``).

    Raises:
        ledger.DocumentNotFound, ledger.AmbiguousDocument: ``doc`` matches no / several ids.
    """
    with Session(engine) as session:
        doc_id = ledger.find_document(session, doc).id if doc is not None else None
        found = ledger.iter_attributions(session, source, doc_id, kind, stance, via=via)
        found = [a for a in found if a.confidence >= min_confidence]
    if review_state is None:
        return found
    states = attribution_states(engine, found)
    return [a for a, s in zip(found, states, strict=True) if s == review_state]


def document_analysis(engine: Engine, doc: str) -> Analysis:
    """Everything stored for the document whose id is, or uniquely starts with, ``doc``."""
    with Session(engine) as session:
        return ledger.load_analysis(session, ledger.find_document(session, doc).id)


def documents(engine: Engine) -> list[tuple[Document, int]]:
    """Every stored document with its number of attributions."""
    with Session(engine) as session:
        counts = ledger.attribution_counts(session)
        return [(d, counts.get(d.id, 0)) for d in ledger.list_documents(session)]


def speaker_label(attr: Attribution) -> str:
    """A printable speaker: the resolved name, else the source phrase, else ``?``."""
    if attr.speaker_name:
        return attr.speaker_name
    return attr.source.text if attr.source is not None else "?"


def format_chain(attr: Attribution) -> str:
    """The speaker then its intermediaries: ``Taliban ← a Taliban source ← Reuters ← TASS``.

    A name repeated next to itself (the publisher narrating: speaker TASS, chain TASS) is
    shown once.
    """
    names: list[str] = []
    for name in (speaker_label(attr), *attr.chain):
        if not names or names[-1].casefold() != name.casefold():
            names.append(name)
    return CHAIN_ARROW.join(names)


def _span_fields(name: str, span: Span | None) -> dict[str, Any]:
    if span is None:
        return {f"{name}_start": None, f"{name}_end": None, f"{name}_text": None}
    return {f"{name}_start": span.start, f"{name}_end": span.end, f"{name}_text": span.text}


def attribution_record(attr: Attribution) -> dict[str, Any]:
    """A flat, JSON-ready view of an attribution with its offsets and texts.

    Keys are :data:`EXPORT_FIELDS`, in that order.
    """
    return {
        "doc_id": attr.doc_id,
        "id": attr.id,
        "kind": attr.kind,
        "stance": attr.stance,
        "speaker": attr.speaker,
        "speaker_name": attr.speaker_name,
        **_span_fields("source", attr.source),
        **_span_fields("cue", attr.cue),
        **_span_fields("content", attr.content),
        "responds_to": attr.responds_to,
        "opposes": attr.opposes,
        "chain": list(attr.chain),
        "channel": attr.channel,
        "recipient": attr.recipient,
        "date": attr.date,
        **_span_fields("sentence", attr.sentence),
        "confidence": attr.confidence,
        "method": attr.method,
    }


def export_attributions(engine: Engine, fmt: ExportFormat, stream: TextIO) -> int:
    """Write every stored attribution to ``stream`` as JSON lines or CSV; return the count.

    In CSV the chain is a JSON array, so names containing commas survive.
    """
    if fmt not in ("jsonl", "csv"):
        raise ValueError(f"unknown export format {fmt!r}; use jsonl or csv")
    writer = csv.DictWriter(stream, fieldnames=EXPORT_FIELDS) if fmt == "csv" else None
    if writer is not None:
        writer.writeheader()
    count = 0
    with Session(engine) as session:
        for attr in ledger.iter_attributions(session):
            record = attribution_record(attr)
            if writer is None:
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                chain = json.dumps(record["chain"], ensure_ascii=False)
                writer.writerow({**record, "chain": chain})
            count += 1
    return count
