"""Parallel ingest: extraction on a Dask cluster, one writer in this process.

``counterclaim ingest --workers N`` starts a :class:`distributed.LocalCluster` of N
single-threaded worker processes; ``--scheduler tcp://HOST:PORT`` uses a running cluster
instead (its workers need counterclaim and the model installed). This process reads the
inputs, leaves out what the ledger already holds (document ids are content hashes, so an
interrupted run started again analyses only what is missing), sends the rest to the workers
in batches and stores each returned batch in one transaction. At most a few batches per
worker thread are in flight, so memory stays flat however many documents there are.

Each worker process loads the pipeline once (:func:`worker_pipeline`, a cache keyed by the
loader) and analyses whole batches (:func:`analyse_batch`). A batch whose task fails (an
exception, or a worker that died) is split and each of its documents is tried once more on
its own; a document that fails twice becomes a :class:`~counterclaim.records.Skipped` in the
report, with the reason. Nothing is lost silently.
"""

from __future__ import annotations

import logging
import os
import resource
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import Engine

from counterclaim import lexicon
from counterclaim.pipeline.analysis import analyze_documents, load_pipeline
from counterclaim.pipeline.batches import IngestReport, chunks, store_batch, triage
from counterclaim.records import Analysis, Document, Skipped
from counterclaim.store.linker import RunLinker

if TYPE_CHECKING:
    from distributed import Client, Future
    from spacy.language import Language


log = logging.getLogger(__name__)

DEFAULT_TASK_SIZE = 8  # at most this many documents per task
TASK_WORDS = 1_500  # ... and a task is closed once it holds this many words: tasks of
# about equal work, so the workers finish a run together whatever the articles' lengths
TRIAGE_CHUNK = 64  # inputs looked up in the ledger together before tasks are cut
IN_FLIGHT_PER_THREAD = 2  # tasks queued per worker thread: busy workers, bounded memory
HELD_PER_IN_FLIGHT = 3  # batches given out and not yet stored, per task in flight: done
# batches wait for those before them (stored in input order), so memory stays bounded
# one thread per library in each worker process: the workers are the parallelism
SINGLE_THREADED = {
    name: "1"
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                 "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")
}  # fmt: skip


class PipelineLoader(Protocol):
    """Builds the analysis pipeline in a worker; ``key`` names it in the worker's cache.

    It travels to the workers by pickle, so it must be a small picklable object.
    """

    @property
    def key(self) -> str: ...

    def __call__(self) -> Language: ...


@dataclass(frozen=True, slots=True)
class ModelLoader:
    """The standard pipeline (:func:`counterclaim.pipeline.analysis.load_pipeline`) for a model."""

    model: str | None = None
    #: User data folders (:mod:`counterclaim.lexicon`) in effect where the loader was made:
    #: a worker lays the same folders over its word lists before it builds the pipeline.
    data: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.data is None:
            object.__setattr__(self, "data", tuple(str(d) for d in lexicon.data_dirs()))

    @property
    def key(self) -> str:
        key = f"model:{self.model or os.environ.get('COUNTERCLAIM_MODEL') or 'default'}"
        return f"{key} data:{os.pathsep.join(self.data)}" if self.data else key

    def __call__(self) -> Language:
        lexicon.use_data(self.data or ())
        return load_pipeline(self.model)


# -- worker side ----------------------------------------------------------------------

_PIPELINES: dict[str, Language] = {}
_LOADS: Counter[str] = Counter()


def worker_pipeline(loader: PipelineLoader) -> Language:
    """The pipeline ``loader`` builds, loaded once per worker process and then reused."""
    nlp = _PIPELINES.get(loader.key)
    if nlp is None:
        nlp = _PIPELINES[loader.key] = loader()
        _LOADS[loader.key] += 1
    return nlp


def analyse_batch(docs: Sequence[Document], loader: PipelineLoader) -> list[Analysis]:
    """Analyse a batch in a worker (extract, resolve, later stages), one result per document.

    Any failure fails the whole task: the caller splits the batch and retries.
    """
    nlp = worker_pipeline(loader)
    found = analyze_documents(docs, nlp, batch_size=max(1, len(docs)))
    return [replace(a, parse=None) for a in found]  # the parse is never stored: not sent back


def warm_up(loader: PipelineLoader, docs: Sequence[Document] = ()) -> int:
    """Load the pipeline (and analyse ``docs``, to fill lazy caches); return the process id."""
    analyse_batch(docs, loader) if docs else worker_pipeline(loader)
    return os.getpid()


@dataclass(frozen=True, slots=True)
class WorkerState:
    """What a worker process reports about itself."""

    pid: int
    loads: dict[str, int]
    peak_rss: int  # bytes
    cpu: float  # seconds of CPU used so far


def worker_state() -> WorkerState:
    """This process's id, pipeline loads so far, peak resident memory and CPU time."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux
    return WorkerState(os.getpid(), dict(_LOADS), peak, time.process_time())


# -- cluster --------------------------------------------------------------------------


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A client on the cluster at ``scheduler``, or on a new local one of ``workers``
    single-threaded processes (closed on exit)."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler is not None:
        with Client(scheduler) as client:
            yield client
        return
    if workers is None or workers < 1:
        raise ValueError("give a number of workers (1 or more) or a scheduler address")
    # Dask's own default also sets MALLOC_TRIM_THRESHOLD_, whose frequent trims slow
    # spaCy's many allocations; a worker's memory stays flat without it
    settings = {"distributed.nanny.pre-spawn-environ": SINGLE_THREADED,
                # a task whose worker dies fails at once (analyse_parallel retries it), and
                # only the task running there dies with it: no task waits on a worker
                "distributed.scheduler.allowed-failures": 0,
                "distributed.scheduler.worker-saturation": 1.0,
                # background work that costs CPU the analysis needs: profiler sampling
                # every 10 ms, event-loop ticks every 20 ms, memory polls every 100 ms
                "distributed.worker.profile.enabled": False,
                "distributed.admin.tick.interval": "200ms",
                "distributed.worker.memory.monitor-interval": "1s",
                "distributed.admin.system-monitor.interval": "2s",
                "distributed.admin.system-monitor.gil.enabled": False}  # fmt: skip
    with dask.config.set(settings):
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True,
            dashboard_address=":0", silence_logs=logging.ERROR,
        )  # fmt: skip
        with cluster, Client(cluster) as client:
            yield client


def warm_workers(client: Client, loader: PipelineLoader, docs: Sequence[Document] = ()) -> None:
    """Run :func:`warm_up` once on every worker (as a task, so heartbeats go on meanwhile).

    Raises:
        counterclaim.language.ModelNotFound: The workers cannot load the model.
    """
    workers = list(client.scheduler_info(n_workers=-1)["workers"])
    futures = [client.submit(warm_up, loader, docs, workers=[w], allow_other_workers=False,
                             pure=False) for w in workers]  # fmt: skip
    client.gather(futures)


def worker_states(client: Client) -> dict[str, WorkerState]:
    """:func:`worker_state` of every worker, by worker address."""
    return client.run(worker_state)


def _thread_count(client: Client) -> int:
    workers = client.scheduler_info(n_workers=-1)["workers"]
    return max(1, sum(w.get("nthreads", 1) for w in workers.values()))


# -- the analysis loop ----------------------------------------------------------------


def tasks_of(
    docs: Iterable[Document], max_docs: int = DEFAULT_TASK_SIZE, words: int = TASK_WORDS
) -> Iterator[list[Document]]:
    """Cut documents, in order, into tasks of at most ``max_docs`` documents that close
    once they hold ``words`` words (a long article can be a task of its own)."""
    task: list[Document] = []
    held = 0
    for doc in docs:
        task.append(doc)
        held += len(doc.body.split())
        if len(task) >= max(1, max_docs) or held >= words:
            yield task
            task, held = [], 0
    if task:
        yield task


@dataclass(slots=True)
class _Task:
    docs: list[Document]
    retry: bool  # a single document tried again after its batch failed
    seq: int = 0  # the batch it belongs to, in the order the batches were given
    slot: int = 0  # a retried document: its place in its batch


@dataclass(slots=True)
class _Pending:
    """A batch given out and not yet yielded: its results, slot by slot once split."""

    size: int
    results: list[Analysis | Skipped] | None = None
    slots: dict[int, list[Analysis | Skipped]] = field(default_factory=dict)
    split: bool = False

    def complete(self) -> bool:
        return self.results is not None or (self.split and len(self.slots) == self.size)

    def gathered(self) -> list[Analysis | Skipped]:
        if self.results is not None:
            return self.results
        return [r for i in range(self.size) for r in self.slots[i]]


def analyse_parallel(
    client: Client,
    batches: Iterable[list[Document]],
    loader: PipelineLoader,
    *,
    ordered: bool = False,
) -> Iterator[list[Analysis | Skipped]]:
    """Analyse batches on the cluster; yield each batch's results as it completes, or,
    ``ordered``, in the order the batches were given (a finished batch waits for those
    before it; a few such are held, then no new task goes out until the first is back).

    ``batches`` is consumed lazily, keeping a few tasks per worker thread in flight. A
    failed batch is split into single documents, each tried once more; a document that
    fails again is yielded as a :class:`Skipped`. A :class:`ModelNotFound` stops the run.
    """
    from distributed import as_completed

    limit = IN_FLIGHT_PER_THREAD * _thread_count(client)
    tasks: dict[str, _Task] = {}
    pending: dict[int, _Pending] = {}
    done = as_completed()
    source = iter(batches)
    given = 0  # batches given out
    nxt = 0  # the next batch to yield, when ordered

    def submit(task: _Task) -> None:
        future = client.submit(analyse_batch, task.docs, loader, pure=False, retries=0)
        tasks[future.key] = task
        done.add(future)

    def refill() -> None:
        nonlocal given
        while done.count() < limit and len(pending) < HELD_PER_IN_FLIGHT * limit:
            batch = next(source, None)
            if batch is None:
                return
            pending[given] = _Pending(len(batch))
            submit(_Task(batch, retry=False, seq=given))
            given += 1

    def ready() -> Iterator[list[Analysis | Skipped]]:
        nonlocal nxt
        while ordered and nxt in pending and pending[nxt].complete():
            results = pending.pop(nxt).gathered()
            nxt += 1
            if results:
                yield results

    refill()
    for future in done:
        task = tasks.pop(future.key)
        results = _outcome(future, task, submit)
        future.release()
        batch = pending[task.seq]
        if results is None:
            batch.split = True
        elif task.retry:
            batch.slots[task.slot] = results
        else:
            batch.results = results
        if ordered:
            yield from ready()
        elif batch.complete():
            del pending[task.seq]
            if batch_results := batch.gathered():
                yield batch_results
        refill()


def _outcome(
    future: Future, task: _Task, submit: Callable[[_Task], None]
) -> list[Analysis | Skipped] | None:
    """The results of a finished task; a failure resubmits its documents one by one (None)
    or reports its document."""
    from counterclaim.language import ModelNotFound

    try:
        return future.result()
    except ModelNotFound:
        raise
    except Exception as err:
        reason = f"{type(err).__name__}: {err}"
        if not task.retry:
            log.info("batch of %d failed (%s); retrying one by one", len(task.docs), reason)
            for slot, doc in enumerate(task.docs):
                submit(_Task([doc], retry=True, seq=task.seq, slot=slot))
            return None
        doc = task.docs[0]
        origin = doc.origin or doc.id
        log.warning("extraction failed twice for %s: %s", origin, reason)
        return [Skipped(origin, f"extraction failed: {reason}")]


# -- ingest ---------------------------------------------------------------------------


def ingest_parallel(
    items: Iterable[Document | Skipped],
    engine: Engine,
    client: Client,
    *,
    loader: PipelineLoader,
    batch_size: int = DEFAULT_TASK_SIZE,
    progress: bool = False,
) -> IngestReport:
    """Analyse ``items`` on the cluster behind ``client`` and store them, in this process.

    Documents already stored (or seen earlier in this run) are not sent. The batches are
    stored in the order of the inputs, each in one transaction by the bulk writer
    (:func:`~counterclaim.pipeline.batches.store_batch`; a document stored meanwhile by
    another process counts as unchanged) while the workers analyse the next ones, so the
    ledger is the one a single-process ingest of the same inputs makes. Each stored batch's
    entities are linked then too (:class:`~counterclaim.store.linker.RunLinker`); answers,
    events, disputes and read models are made at the end, as in the single-process ingest.

    Raises:
        counterclaim.language.ModelNotFound: The workers cannot load the model.
    """
    report = IngestReport()
    seen: set[str] = set()
    linker = RunLinker(engine)
    with _throughput_bar(progress) as advance:

        def fresh_batches() -> Iterator[list[Document]]:
            for chunk in chunks(items, max(batch_size, TRIAGE_CHUNK)):
                fresh = triage(chunk, engine, seen, report)
                advance(len(chunk) - len(fresh), 0)
                yield from tasks_of(fresh, batch_size)

        batches = _warming(fresh_batches(), client, loader)
        for results in analyse_parallel(client, batches, loader, ordered=True):
            store_batch(engine, results, report, linker)
            advance(len(results), sum(_words(r) for r in results))
    if report.added:
        report.linked = linker.finish()
    return report


def _warming(
    batches: Iterator[list[Document]], client: Client, loader: PipelineLoader
) -> Iterator[list[Document]]:
    """Pass ``batches`` through; before the first, load the pipeline on every worker, so a
    missing model stops the run at once (and nothing is loaded when nothing is new)."""
    first = next(batches, None)
    if first is None:
        return
    warm_workers(client, loader)
    yield first
    yield from batches


def _words(result: Analysis | Skipped) -> int:
    return len(result.document.body.split()) if isinstance(result, Analysis) else 0


@dataclass(slots=True)
class _Rate:
    start: float = field(default_factory=time.perf_counter)
    words: int = 0

    def per_second(self) -> float:
        return self.words / max(1e-9, time.perf_counter() - self.start)


@contextmanager
def _throughput_bar(enabled: bool) -> Iterator[Callable[[int, int], None]]:
    """``advance(inputs, words)``: a Rich bar with inputs done and words analysed per second."""
    if not enabled:
        yield lambda _n, _w: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("ingesting: {task.completed} inputs, {task.fields[rate]} words/s"),
        TimeElapsedColumn(),
    )
    rate = _Rate()
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingest", total=None, rate="-")

        def advance(inputs: int, words: int) -> None:
            rate.words += words
            bar.update(task, advance=inputs, rate=f"{rate.per_second():,.0f}")

        yield advance
