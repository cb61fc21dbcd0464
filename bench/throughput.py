"""Throughput: words/second of bare spaCy, counterclaim in one process, and on Dask.

All on the same texts (the 10 VOA dev stories in tests/fixtures/voa, public domain; the
other VOA stories are the project's held-out measure and are never read; or the files
given as arguments), in one run, best of ``--rounds``:

- bare spaCy: the English model alone (``nlp.pipe``);
- extraction: model + attribution tagger + rules, then resolve (one process);
- full pipeline: extraction, resolve, sides, places and claims (``analyze_documents``,
  one process): the work each Dask worker does;
- Dask, 1 and 2 workers (``counterclaim.pipeline.parallel``: single-threaded worker processes,
  ``--task-size`` documents per task); cluster start-up and model loading are not timed;
- ingest in one process: the full pipeline with this process storing every batch in a
  fresh SQLite ledger (``ingest``, as ``counterclaim ingest`` runs: bulk writer, entity
  linking, disputes, events and read models included);
- Dask, 2 workers, with this process storing every batch in a fresh SQLite ledger
  (``ingest_parallel``, as ``counterclaim ingest --workers 2`` runs, the same included).
  The ledgers' schemas are made before the timing starts.

Before timing, this process and every worker analyse all the texts once: model loading,
lazy imports and the caches the stages fill (dates, places, names) are then alike in every
mode, and rounds alternate between modes so a busy moment hits all alike. CPU seconds are
given for this process (with the Dask scheduler) and for the workers. Ratios: extraction/bare,
full/bare, dask2/full, dask2/dask1, and the two ingests' (``--workers 2`` over one process),
beside how many times the work of one process two CPU-bound processes do at once on this
machine (measured before and after: about 2 on two free cores); then each worker's peak
memory.

    python bench/throughput.py [--rounds 2] [--limit 45] [--task-size 4] [FILE.jsonl ...]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from spacy.language import Language
from sqlalchemy import Engine

from counterclaim.extract import build_nlp, extract
from counterclaim.ingest.readers import read_paths
from counterclaim.language import load_nlp
from counterclaim.pipeline import analyze_documents, parallel
from counterclaim.pipeline.api import ingest_documents
from counterclaim.records import Document
from counterclaim.resolve.document import resolve_document
from counterclaim.store import make_engine

DEFAULT = (
    Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "voa" / "voa_dev_stories.jsonl"
)


def documents(paths: list[str], limit: int) -> list[Document]:
    docs = [d for d in read_paths(paths or [DEFAULT]) if isinstance(d, Document)]
    return docs[:limit]


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def bare(nlp: Language, docs: list[Document], batch_size: int) -> None:
    for _ in nlp.pipe((d.body for d in docs), batch_size=batch_size):
        pass


def extraction(nlp: Language, docs: list[Document], batch_size: int) -> None:
    for analysis in extract(docs, nlp, batch_size=batch_size):
        resolve_document(analysis)


def full(nlp: Language, docs: list[Document], batch_size: int) -> None:
    for _ in analyze_documents(docs, nlp, batch_size):
        pass


def on_dask(client: object, docs: list[Document], task_size: int) -> None:
    loader = parallel.ModelLoader()
    results = parallel.analyse_parallel(client, parallel.tasks_of(docs, task_size), loader)
    done = sum(len(batch) for batch in results)
    assert done == len(docs), (done, len(docs))


class Ledgers:
    """A fresh SQLite ledger per timed ingest, its schema made before the timing starts."""

    def __init__(self) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        self.made = 0
        self.next = self._new()

    def _new(self) -> Engine:
        self.made += 1
        return make_engine(f"sqlite:///{self.tmp.name}/ledger{self.made}.db")

    def take(self) -> Engine:
        return self.next

    def after(self, engine: Engine) -> None:
        """Untimed: dispose of a used ledger and make the next one."""
        engine.dispose()
        self.next = self._new()


def ingest_here(nlp: Language, engine: Engine, docs: list[Document], batch_size: int) -> None:
    report = ingest_documents(docs, engine, nlp=nlp, batch_size=batch_size)
    assert len(report.added) == len(docs), report.skipped


def ingest_on_dask(client: object, engine: Engine, docs: list[Document], task_size: int) -> None:
    report = parallel.ingest_parallel(docs, engine, client, loader=parallel.ModelLoader(),
                                      batch_size=task_size)  # fmt: skip
    assert len(report.added) == len(docs), report.skipped


class Mode:
    """One way of running the analysis, timed in wall-clock and CPU seconds.

    With ``ledgers``, ``run`` takes a fresh ledger made (and afterwards disposed of)
    outside the timing."""

    def __init__(
        self, run: Callable[..., object], client: object | None = None,
        ledgers: Ledgers | None = None,
    ) -> None:  # fmt: skip
        self.run, self.client, self.ledgers = run, client, ledgers
        self.wall: list[float] = []
        self.cpu: list[tuple[float, float]] = []  # (this process, the workers)

    def once(self) -> None:
        engine = self.ledgers.take() if self.ledgers else None
        args = () if engine is None else (engine,)
        here, workers = time.process_time(), self._worker_cpu()
        self.wall.append(timed(lambda: self.run(*args)))
        self.cpu.append((time.process_time() - here, self._worker_cpu() - workers))
        if self.ledgers and engine is not None:
            self.ledgers.after(engine)

    def _worker_cpu(self) -> float:
        workers = parallel.worker_states(self.client).values() if self.client else ()
        return sum(w.cpu for w in workers)


def burn(n: int = 6_000_000) -> float:
    """Seconds a plain CPU-bound loop takes."""
    start, total = time.perf_counter(), 0
    for i in range(n):
        total += i * i
    return time.perf_counter() - start


def parallel_capacity() -> float:
    """How many times the work of one process two CPU-bound processes do at once: about 2
    on two free cores, less when the cores are busy with other work or shared by the host."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as pool:
        list(pool.map(burn, [10, 10]))  # processes started before timing
        alone = min(pool.submit(burn).result() for _ in range(2))
        together = max(pool.map(burn, [6_000_000] * 2))
    return 2 * alone / together


def machine() -> dict[str, object]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gib": round(ram, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--limit", type=int, default=45)
    parser.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch, one process")
    parser.add_argument("--task-size", type=int, default=parallel.DEFAULT_TASK_SIZE,
                        help="documents per Dask task")  # fmt: skip
    args = parser.parse_args()
    docs = documents(args.paths, args.limit)
    words = sum(len(d.body.split()) for d in docs)
    print(json.dumps({"documents": len(docs), "words": words, **machine()}))
    capacity = parallel_capacity()
    print(f"two CPU-bound processes at once do {capacity:.2f}x the work of one")
    plain, ours = load_nlp(), build_nlp()  # two separate copies, loaded before timing
    bare(plain, docs[:2], args.batch_size)
    full(ours, docs, args.batch_size)  # warms lazy imports and caches, as in the workers
    with parallel.dask_client(workers=1) as one, parallel.dask_client(workers=2) as two:
        for client in (one, two):  # model loaded and caches warmed in every worker
            parallel.warm_workers(client, parallel.ModelLoader(), docs)
        modes = {
            "bare": Mode(lambda: bare(plain, docs, args.batch_size)),
            "extraction": Mode(lambda: extraction(ours, docs, args.batch_size)),
            "full": Mode(lambda: full(ours, docs, args.batch_size)),
            "dask1": Mode(lambda: on_dask(one, docs, args.task_size), one),
            "dask2": Mode(lambda: on_dask(two, docs, args.task_size), two),
        }
        ledgers = Ledgers()
        engine = ledgers.take()
        ingest_here(ours, engine, docs, args.batch_size)  # warms the writer's code
        ledgers.after(engine)
        modes["ingest1"] = Mode(
            lambda engine: ingest_here(ours, engine, docs, args.batch_size), ledgers=ledgers
        )
        modes["dask2+writer"] = Mode(
            lambda engine: ingest_on_dask(two, engine, docs, args.task_size), two, ledgers
        )
        for _ in range(args.rounds):  # alternating, so a busy moment hits all alike
            for mode in modes.values():
                mode.once()
        capacity_after = parallel_capacity()
        peaks = {n: [w.peak_rss for w in parallel.worker_states(c).values()]
                 for n, c in (("1 worker", one), ("2 workers", two))}  # fmt: skip
    report(modes, words, plain, ours, peaks, (capacity, capacity_after))


def report(
    modes: dict[str, Mode],
    words: int,
    plain: Language,
    ours: Language,
    peaks: dict[str, list[int]],
    capacity: tuple[float, float],
) -> None:
    """Print words/s (best round), CPU seconds per 1,000 words, ratios and worker memory."""
    rate = {name: words / min(mode.wall) for name, mode in modes.items()}
    labels = {
        "bare": f"bare spaCy ({', '.join(plain.pipe_names)})",
        "extraction": f"extraction ({', '.join(ours.pipe_names)} + resolve)",
        "full": "full pipeline, one process (+ sides, places, claims)",
        "dask1": "dask, 1 worker",
        "dask2": "dask, 2 workers",
        "ingest1": "ingest, one process (SQLite writer and linking included)",
        "dask2+writer": "ingest --workers 2 (SQLite writer and linking included)",
    }
    for name, mode in modes.items():
        here, workers = (1000 * t / words for t in min(mode.cpu, key=sum))
        cpu = f"{here:.2f}" + (f" here + {workers:.2f} in workers" if mode.client else "")
        print(f"{labels[name]}: {rate[name]:,.0f} words/s (CPU s per 1k words: {cpu})")
    print(
        f"ratios: extraction/bare {rate['extraction'] / rate['bare']:.2f}, full/bare "
        f"{rate['full'] / rate['bare']:.2f}, dask2/full {rate['dask2'] / rate['full']:.2f}, "
        f"dask2/dask1 {rate['dask2'] / rate['dask1']:.2f}, dask1/full "
        f"{rate['dask1'] / rate['full']:.2f}"
    )
    print(
        f"ingest --workers 2 / ingest in one process: {rate['dask2+writer'] / rate['ingest1']:.2f}"
        f" (writer and linking in both); two processes' capacity on this machine: "
        f"{capacity[0]:.2f} before, {capacity[1]:.2f} after; ingest one process / full "
        f"pipeline: {rate['ingest1'] / rate['full']:.2f}"
    )
    print(
        "peak RSS per worker (MiB): "
        + "; ".join(f"{n} {', '.join(f'{p / 2**20:,.0f}' for p in ps)}" for n, ps in peaks.items())
    )


if __name__ == "__main__":
    main()
