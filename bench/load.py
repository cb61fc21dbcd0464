"""A bounded load test of ``counterclaim serve`` on loopback: readers and writers at once.

Starts the app (the real pipeline, a write token) with uvicorn on 127.0.0.1 over a new
SQLite ledger, then runs ``--readers`` threads reading pages and API lists and
``--writers`` threads posting the given articles, for ``--seconds`` (at most 300) or
``--max-requests``, whichever comes first; then it stops by itself and checks:

- no 5xx other than 503 (busy: nothing stored, says Retry-After), and no 5xx at all by default;
- every 201 is stored; every non-2xx write is not stored (unless a later write of the
  same text succeeded).

It prints the counts per status and the p50/p95/p99 latencies of reads and writes.
Exit code 1 when a check fails.

    PYTHONPATH=src python bench/load.py tests/corpus --seconds 60
"""

from __future__ import annotations

import argparse
import itertools
import random
import socket
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy.orm import Session

from counterclaim.ingest.readers import read_paths
from counterclaim.records import Document
from counterclaim.store import known_ids, make_engine
from counterclaim.web import create_app
from counterclaim.web.security import Limits, WriteAccess
from counterclaim.web.upload import PipelineAnalyzer

MAX_SECONDS = 300
TOKEN = "load-test-token-" + "0123456789abcdef"
READS = ("/api/documents", "/documents", "/api/attributions", "/attributions", "/api/disputes",
         "/disputes", "/api/entities", "/api/claims", "/api/fatalities", "/api/search?q=said")  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Run:
    """What every thread recorded (appends are atomic under the GIL)."""

    def __init__(self, deadline: float, max_requests: int) -> None:
        self.deadline = deadline
        self.budget = itertools.count()
        self.max_requests = max_requests
        self.reads: list[tuple[int, float]] = []
        self.writes: list[tuple[str, int, float, float]] = []  # doc id, status, latency, at
        self.errors: list[str] = []

    def going(self) -> bool:
        return time.monotonic() < self.deadline and next(self.budget) < self.max_requests


def reader(base: str, run: Run, seed: int, doc_ids: list[str]) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=120) as client:
        while run.going():
            url = rng.choice([*READS, *(f"/documents/{d}" for d in doc_ids[:5])])
            start = time.monotonic()
            try:
                status = client.get(url).status_code
            except httpx.HTTPError as err:
                run.errors.append(f"GET {url}: {err}")
                continue
            run.reads.append((status, time.monotonic() - start))


def writer(base: str, run: Run, docs: list[Document]) -> None:
    headers = {"authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=base, timeout=300, headers=headers) as client:
        for doc in itertools.cycle(docs):
            if not run.going():
                return
            payload = {"text": doc.text, "title": doc.title, "publisher": doc.publisher}
            start = time.monotonic()
            try:
                response = client.post("/api/documents", json=payload)
            except httpx.HTTPError as err:
                run.errors.append(f"POST {doc.origin}: {err}")
                continue
            run.writes.append((doc.id, response.status_code, time.monotonic() - start, start))
            if response.status_code == 503:
                time.sleep(float(response.headers.get("retry-after", "1")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", nargs="+", type=Path, help="Article files or folders.")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--readers", type=int, default=16)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)
    seconds = min(args.seconds, MAX_SECONDS)

    docs = [d for d in read_paths(args.articles) if isinstance(d, Document)]
    if not docs:
        print("no articles read", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="counterclaim-load-"))
    engine = make_engine(f"sqlite:///{folder / 'ledger.db'}")
    analyzer = PipelineAnalyzer(args.model)
    print(f"loading the model and warming up on {len(docs)} articles ...", file=sys.stderr)
    analyzer(docs[0])  # the model loads before the clock starts; nothing stored
    roomy = Limits(reads_per_minute=10**7, writes_per_minute=10**6,
                   write_bytes_per_minute=10**9)  # fmt: skip
    app = create_app(engine, analyzer=analyzer, write_access=WriteAccess(TOKEN), limits=roomy)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"

    run = Run(time.monotonic() + seconds, args.max_requests)
    shares = [docs[i :: args.writers] for i in range(args.writers)]
    threads = [threading.Thread(target=reader, args=(base, run, n, [d.id for d in docs]))
               for n in range(args.readers)]  # fmt: skip
    threads += [threading.Thread(target=writer, args=(base, run, share)) for share in shares]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 360)
    elapsed = time.monotonic() - started
    server.should_exit = True
    thread.join(timeout=30)

    with Session(engine) as session:
        stored = known_ids(session, [d.id for d in docs])
    engine.dispose()
    read_codes = Counter(code for code, _ in run.reads)
    write_codes = Counter(code for _, code, _, _ in run.writes)
    ok_ids = {d for d, code, _, _ in run.writes if 200 <= code < 300}
    created = {d for d, code, _, _ in run.writes if code == 201}
    failures = []
    if any(code >= 500 for code in read_codes):
        failures.append(f"5xx on reads: {dict(read_codes)}")
    if any(code >= 500 for code in write_codes):
        failures.append(f"5xx on writes: {dict(write_codes)}")
    if missing := created - stored:
        failures.append(f"{len(missing)} documents answered 201 but not stored")
    refused = {d for d, code, _, _ in run.writes if code >= 300}
    if wrongly := (refused & stored) - ok_ids:
        failures.append(f"{len(wrongly)} documents refused but stored")
    if run.errors:
        failures.append(f"{len(run.errors)} connection errors, first: {run.errors[0]}")

    read_lat = [lat for _, lat in run.reads]
    write_lat = [lat for _, lat, _ in ((c, lat, at) for _, c, lat, at in run.writes)]
    print(f"load: {args.readers} readers + {args.writers} writers, {elapsed:.1f} s on loopback, "
          f"{len(docs)} articles")  # fmt: skip
    print(f"reads:  {len(run.reads)} ({len(run.reads) / elapsed:.1f}/s) statuses {dict(read_codes)}"
          f"  p50 {_percentile(read_lat, .5) * 1000:.0f} ms  p95 {_percentile(read_lat, .95) * 1000:.0f} ms"
          f"  p99 {_percentile(read_lat, .99) * 1000:.0f} ms")  # fmt: skip
    print(f"writes: {len(run.writes)} statuses {dict(write_codes)}  201 stored {len(created & stored)}"
          f"/{len(created)}  p50 {_percentile(write_lat, .5) * 1000:.0f} ms"
          f"  p95 {_percentile(write_lat, .95) * 1000:.0f} ms")  # fmt: skip
    print(f"ledger: {len(stored)} of {len(docs)} articles stored")
    for failure in failures:
        print(f"FAIL: {failure}")
    print("OK" if not failures else "FAILED")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
