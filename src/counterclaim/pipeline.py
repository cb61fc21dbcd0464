"""The library API: the one module that knows the order of the stages.

ingest -> extract -> resolve -> sides -> geocode -> normalize -> store -> crossdoc. The CLI
and the web app call these functions and only format what they return. Stage modules are
imported where they are used, so ``counterclaim --help`` does not load spaCy. The claim
queries (disputes, fatalities, timelines, entities) live in :mod:`counterclaim.queries` and
are re-exported here.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counterclaim.linker import link_entities, pin_entities, relink_entities  # noqa: F401
from counterclaim.queries import (  # noqa: F401 - the library API re-exports the queries
    EntityNotFound,
    claim_record,
    claims,
    dispute_record,
    disputes,
    entities,
    entity_links,
    entity_record,
    entry_record,
    fatalities,
    tally_record,
    timeline,
    unanswered,
    unanswered_record,
)
from counterclaim.records import Analysis, Attribution, Document, Skipped, Span
from counterclaim.store import ledger

if TYPE_CHECKING:
    from spacy.language import Language


    from counterclaim.scoring import Item

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 16
CHAIN_ARROW = " ← "
# stages after resolve, in order: (module, function Analysis -> Analysis); a missing module
# is skipped, so the pipeline runs before every stage has landed
LATER_STAGES = (
    ("counterclaim.sides", "tag_sides"),
    ("counterclaim.geocode", "geocode"),
    ("counterclaim.normalize", "normalize"),
)
type ExportFormat = Literal["jsonl", "csv"]

EXPORT_FIELDS = (
    "doc_id", "id", "kind", "stance", "speaker", "speaker_name",
    "source_start", "source_end", "source_text",
    "cue_start", "cue_end", "cue_text",
    "content_start", "content_end", "content_text",
    "responds_to", "chain", "channel", "recipient", "date",
    "sentence_start", "sentence_end", "sentence_text", "confidence", "method",
)  # fmt: skip


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


# -- analysis and ingestion -----------------------------------------------------------


def analyze_documents(
    docs: Iterable[Document], nlp: Language | None = None, batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[Analysis]:
    """Extract attributions, resolve their speakers to entities, then run the later stages
    (sides, places, claims: :data:`LATER_STAGES`) on each document.

    A later stage that fails on a document leaves a warning on the analysis and the
    document goes on without that stage's output.

    Args:
        docs: Ingested documents.
        nlp: A pipeline from :func:`load_pipeline` (English model plus the attribution
            component); by default extract builds the configured one.
        batch_size: Documents parsed together.
    """
    from counterclaim.extract import extract
    from counterclaim.resolve import resolve_document

    for analysis in extract(docs, nlp=nlp, batch_size=batch_size):
        yield later_stages(resolve_document(analysis))


@cache
def _stage_functions() -> tuple[tuple[str, Callable[[Analysis], Analysis]], ...]:
    found = []
    for module, name in LATER_STAGES:
        try:
            found.append((name, getattr(importlib.import_module(module), name)))
        except ModuleNotFoundError as err:
            if err.name != module:
                raise
            log.info("%s is not installed: %s skipped", module, name)
    return tuple(found)


def later_stages(analysis: Analysis) -> Analysis:
    """Run sides, geocode and normalize (those installed) on a resolved analysis."""
    for name, stage in _stage_functions():
        try:
            analysis = stage(analysis)
        except Exception as err:  # noqa: BLE001 - keep the attributions, report the stage
            log.warning("%s failed on %s: %s: %s", name, analysis.document.id[:12],
                        type(err).__name__, err)  # fmt: skip
            warning = f"{name} failed: {type(err).__name__}: {err}"
            analysis = replace(analysis, warnings=(*analysis.warnings, warning))
    return analysis


def load_pipeline(model: str | None = None) -> Language:
    """The English model named by ``model`` (or the setting) with the attribution component.

    Raises:
        counterclaim.language.ModelNotFound: The model cannot be loaded.
    """
    from counterclaim.extract import build_nlp

    return build_nlp(model)


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
            (:mod:`counterclaim.parallel`); this process stays the only writer.
        scheduler: Analyse on the running Dask cluster at this address
            (``tcp://HOST:PORT``) instead. ``nlp`` is not used on a cluster: each worker
            loads ``model`` once.

    Returns:
        The ids added and unchanged, and every input skipped with its reason. A document
        whose extraction raises is logged and skipped; the rest of the batch goes on.

    Raises:
        counterclaim.language.ModelNotFound: The model cannot be loaded.
    """
    from counterclaim.ingest import read_paths

    items = read_paths(paths, publisher=publisher, date=date)
    if workers is not None or scheduler is not None:
        return _ingest_on_cluster(items, engine, model, batch_size, progress, workers, scheduler)
    batch_size = batch_size or DEFAULT_BATCH_SIZE
    report = IngestReport()
    seen: set[str] = set()
    with _progress_bar(progress) as advance:
        for chunk in _chunks(items, batch_size):
            fresh = _triage(chunk, engine, seen, report)
            advance(len(chunk) - len(fresh))
            if not fresh:
                continue
            if nlp is None:
                nlp = load_pipeline(model)
            for result in _analyse_batch(fresh, nlp, batch_size):
                _store(engine, result, report)
                advance(1)
    if report.added:
        report.linked = link_entities(engine)
    return report


def _ingest_on_cluster(
    items: Iterable[Document | Skipped],
    engine: Engine,
    model: str | None,
    batch_size: int | None,
    progress: bool,
    workers: int | None,
    scheduler: str | None,
) -> IngestReport:
    from counterclaim import parallel

    with parallel.dask_client(workers, scheduler) as client:
        return parallel.ingest_parallel(
            items, engine, client, loader=parallel.ModelLoader(model),
            batch_size=batch_size or parallel.DEFAULT_TASK_SIZE, progress=progress,
        )  # fmt: skip


def _chunks[T](items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= max(1, size):
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _triage(
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


def _analyse_batch(
    docs: Sequence[Document], nlp: Language, batch_size: int
) -> list[Analysis | Skipped]:
    """Analyse a batch; if it fails, analyse the rest one by one to isolate the culprit."""
    from counterclaim.language import ModelNotFound

    done: list[Analysis | Skipped] = []
    try:
        for analysis in analyze_documents(docs, nlp, batch_size):
            done.append(analysis)
        return done
    except ModelNotFound:
        raise
    except Exception:  # noqa: BLE001 - one bad document must not sink the batch
        log.debug("batch extraction failed; retrying one by one", exc_info=True)
    finished = {a.document.id for a in done if isinstance(a, Analysis)}
    for doc in docs:
        if doc.id in finished:
            continue
        try:
            done.extend(analyze_documents([doc], nlp))
        except ModelNotFound:
            raise
        except Exception as err:  # noqa: BLE001 - reported as a skip, with the reason
            origin = doc.origin or doc.id
            log.warning("extraction failed for %s: %s: %s", origin, type(err).__name__, err)
            log.debug("extraction traceback for %s", origin, exc_info=True)
            done.append(Skipped(origin, f"extraction failed: {type(err).__name__}: {err}"))
    return done


def _store(engine: Engine, result: Analysis | Skipped, report: IngestReport) -> None:
    if isinstance(result, Skipped):
        report.skipped.append(result)
        return
    doc = result.document
    try:
        with Session(engine) as session, session.begin():
            status = ledger.save_analysis(session, result)
    except IntegrityError as err:
        origin = doc.origin or doc.id
        log.warning("could not store %s: %s", origin, err.orig)
        report.skipped.append(Skipped(origin, f"could not store analysis: {err.orig}"))
        return
    (report.added if status == "added" else report.unchanged).append(doc.id)


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


# -- queries --------------------------------------------------------------------------


def attributions(
    engine: Engine,
    *,
    source: str | None = None,
    doc: str | None = None,
    kind: str | None = None,
    stance: str | None = None,
    via: str | None = None,
) -> list[Attribution]:
    """Stored attributions matching the filters; ``doc`` may be a unique id prefix.

    Raises:
        ledger.DocumentNotFound, ledger.AmbiguousDocument: ``doc`` matches no / several ids.
    """
    with Session(engine) as session:
        doc_id = ledger.find_document(session, doc).id if doc is not None else None
        found = ledger.iter_attributions(session, source, doc_id, kind, stance, via=via)
        return list(found)


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


# -- evaluation -----------------------------------------------------------------------


def polnear_predictor(nlp: Language | None = None) -> Callable[[str], list[Item]]:
    """A ``predict(text) -> items`` function for :func:`counterclaim.polnear.evaluate_dir`.

    Narrator attributions are left out, as in :mod:`counterclaim.evaluate`: PolNeAR
    annotates reported speech, not the publisher's own statements. Quote pieces with one cue
    and speaker are scored as one attribution, as PolNeAR annotates them
    (:func:`counterclaim.scoring.group_by_cue`). Only extraction runs: claims do not count.
    """
    from counterclaim.extract import build_nlp, extract_one
    from counterclaim.ingest import document_id
    from counterclaim.scoring import Item, group_by_cue

    nlp = nlp or build_nlp()

    def pieces(span: Span | None) -> tuple[tuple[int, int], ...]:
        return () if span is None else ((span.start, span.end),)

    def predict(text: str) -> list[Item]:
        analysis = extract_one(Document(id=document_id(text), text=text), nlp)
        return group_by_cue([
            Item(cue=pieces(a.cue), content=pieces(a.content), source=pieces(a.source), ref=a)
            for a in analysis.attributions
            if a.kind != "narrator"  # the publisher's own statements: not annotated attributions
        ])

    return predict


def evaluate_gold(
    gold: str | Path, article: str | Path | None = None, *, model: str | None = None
) -> list[str]:
    """Score the pipeline against one gold file; return the report's printable lines."""
    from counterclaim.evaluate import evaluate_gold as run

    nlp = load_pipeline(model) if model is not None else None
    return run(gold, article, nlp=nlp).lines()


def evaluate_corpus(
    paths: Iterable[str | Path], *, model: str | None = None, db: str | None = None
) -> list[str]:
    """Ingest the articles of gold and cross-document files (or folders of them) into one
    ledger (a temporary one unless ``db``) and score it; return the printable lines."""
    from counterclaim.evaluate_corpus import evaluate_corpus as run

    return run(paths, model=model, db=db).lines()


def evaluate_polnear(directory: str | Path, *, model: str | None = None) -> list[str]:
    """Score the pipeline on a PolNeAR split folder; return the report's printable lines."""
    from counterclaim.polnear import evaluate_dir

    nlp = load_pipeline(model)  # once, not per article
    return evaluate_dir(directory, polnear_predictor(nlp)).lines()
