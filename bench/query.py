"""Ledger queries at scale: disputes, fatalities, timelines, entity pages, the entity list,
the claim list and its search over a synthetic ledger, through the library, and through
the HTTP API and pages.

Builds (or reuses) a ledger of ``--claims`` claims (1M by default) with the shape of a news
ledger: many documents (20 claims each), thousands of places and actors named with a
long-tailed frequency, events over ten years each claimed by several documents, a few
percent of them disputed (a denial, a different figure, the person somewhere else), and
denials without claims of their own. Rows go in with bulk inserts (no NLP pipeline); the
stored propositions are computed by the same code as on ingest, and the stored disputes
(:mod:`counterclaim.store.dispute_cache`) and the stored timelines and tallies
(:mod:`counterclaim.store.readmodels`, with the entity index and the claims' search texts)
built as a writer builds them (chunked and resumable: a killed run resumes; the times are
printed). Then each query runs ``--runs`` times and the
median is printed, with the machine and database versions: through the library, then the
same pages through the web app (a TestClient: the API's JSON and the HTML pages).

``--pg auto`` starts a throwaway PostgreSQL cluster on loopback as ``.ci/run`` does (when
Debian's server is installed and this runs as root), else PostgreSQL is skipped with a
message; ``--pg URL`` uses a server (its tables are replaced).

    python bench/query.py [--db /tmp/cc-query-1m.db] [--pg auto|postgresql+psycopg://...]
                          [--claims 1000000] [--runs 5] [--rebuild] [--all]

Printed figures, not timed tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import JSON, Connection, Engine, delete, func, select, text
from sqlalchemy.orm import Session

from counterclaim.records import Claim
from counterclaim.store import make_engine, queries, readrows
from counterclaim.store import propositions as props
from counterclaim.store.dispute_cache import refresh_disputes
from counterclaim.store.models import (
    AttributionRow,
    ClaimArgRow,
    ClaimRow,
    DisputeClaimRow,
    DisputeDueRow,
    DisputeRow,
    DisputeSubjectRow,
    DocumentRow,
    EntityCountRow,
    EntityFormRow,
    EntityItemRow,
    EntityLinkRow,
    EntityRow,
    GlobalEntityRow,
    PropositionRow,
    ReadDueRow,
    TallyClaimRow,
    TallyRow,
    TimelineEntryRow,
)
from counterclaim.store.readmodels import refresh_read_models
from counterclaim.store.subjects import timeline_subjects

CLAIMS_PER_DOC = 20
ATTRS_PER_DOC = 8
PLACES, ACTORS, PEOPLE = 3000, 2000, 600
DISPUTED = 0.03  # share of events some claim contradicts
DENIAL_DOCS = 0.02  # share of documents with a denial that has no claim of its own
START = dt.date(2015, 1, 1)
DAYS = 3650
BATCH = 20_000
TYPES = [("territorial_control", 30), ("fatalities", 22), ("injuries", 5),
         ("person_location", 10), ("fighting_ongoing", 10), ("attack", 5), ("statement", 18)]  # fmt: skip


def _gid(kind: str, i: int) -> str:
    return f"{kind}-{i:05d}"


_CUMULATIVE: dict[int, list[float]] = {}


def _zipf(rng: random.Random, n: int) -> int:
    """A long-tailed rank in [0, n): rank r drawn with weight 1 / (r + 10)."""
    if n not in _CUMULATIVE:
        total, cum = 0.0, []
        for r in range(n):
            total += 1 / (r + 10)
            cum.append(total)
        _CUMULATIVE[n] = cum
    return rng.choices(range(n), cum_weights=_CUMULATIVE[n])[0]


class Builder:
    """Generates the synthetic ledger's rows, document by document."""

    def __init__(self, claims: int, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.docs = max(1, claims // CLAIMS_PER_DOC)
        self.events = self._events(claims // 5)
        self.claim_id = 0
        self.attr_id = 0
        self.entity_id = 0

    def _events(self, n: int) -> list[dict[str, Any]]:
        rng, out = self.rng, []
        kinds = [k for k, w in TYPES if k != "statement" for _ in range(w)]
        for _ in range(n):
            kind = rng.choice(kinds)
            place = _gid("pl", _zipf(rng, PLACES))
            a, b = _gid("ac", _zipf(rng, ACTORS)), _gid("ac", rng.randrange(ACTORS))
            b = b if b != a else _gid("ac", (int(a[3:]) + 1) % ACTORS)
            args: dict[str, Any] = {
                "territorial_control": {"actor": a, "place": place},
                "fatalities": {"victim": a, "place": place},
                "injuries": {"victim": a, "place": place},
                "person_location": {"person": _gid("pe", rng.randrange(PEOPLE)), "place": place},
                "fighting_ongoing": {"sides": [a, b], "place": place},
                "attack": {"actor": a, "target": b, "place": place},
            }[kind]
            best = (
                rng.choice([3, 7, 12, 25, 40, 100, 350])
                if kind in ("fatalities", "injuries")
                else None
            )
            out.append({"type": kind, "args": args, "day": START + dt.timedelta(rng.randrange(DAYS)),
                        "best": best, "disputed": rng.random() < DISPUTED})  # fmt: skip
        return out

    def _claim(self, event: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        value, best, args = True, event["best"], dict(event["args"])
        if event["disputed"] and rng.random() < 0.3:
            if best is not None:
                best *= 3
            elif event["type"] == "person_location":
                args["place"] = _gid("pl", rng.randrange(PLACES))
            else:
                value = False
        return {"type": event["type"], "args": args, "value": value, "best": best,
                "date": event["day"].isoformat() if rng.random() < 0.7 else None}  # fmt: skip

    def documents(self) -> Iterator[dict[str, list[dict[str, Any]]]]:
        """The rows of each document: document, attributions, entities, links, claims, args."""
        rng = self.rng
        for n in range(self.docs):
            doc_id = f"{n:012x}".rjust(64, "0")
            claims = [self._claim(rng.choice(self.events)) if rng.random() > 0.18 else
                      {"type": "statement", "args": {"actor": _gid("ac", _zipf(rng, ACTORS))},
                       "value": True, "best": None, "date": None}
                      for _ in range(CLAIMS_PER_DOC)]  # fmt: skip
            dates = [c["date"] for c in claims if c["date"]]
            day = dt.date.fromisoformat(max(dates)) if dates else START
            yield self._rows(doc_id, day + dt.timedelta(rng.randrange(3)), claims)

    def _rows(
        self, doc_id: str, day: dt.date, claims: list[dict[str, Any]]
    ) -> dict[str, list[dict[str, Any]]]:
        rng = self.rng
        speakers = [_gid("ac", _zipf(rng, ACTORS)) for _ in range(ATTRS_PER_DOC)]
        keys = {k for c in claims for v in c["args"].values()
                for k in (v if isinstance(v, list) else [v])} | set(speakers)  # fmt: skip
        deny = rng.random() < DENIAL_DOCS
        attrs = [self._attribution(doc_id, i + 1, speakers[i], deny and i + 1 == ATTRS_PER_DOC)
                 for i in range(ATTRS_PER_DOC)]  # fmt: skip
        rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        rows["document"].append({"id": doc_id, "text": "synthetic", "body_start": 0, "date": day,
                                 "publisher": f"wire-{rng.randrange(40)}", "warnings": [],
                                 "ingested_at": dt.datetime.now(dt.UTC)})  # fmt: skip
        rows["attribution"] = attrs
        for position, key in enumerate(sorted(keys)):
            self.entity_id += 1
            kind = {"pl": "PLACE", "ac": "ORG", "pe": "PERSON"}[key[:2]]
            geo = {"name": key, "kind": "town", "country": "AF", "iso3166_2": None,
                   "lat": 34.0, "lon": 69.0} if kind == "PLACE" else None  # fmt: skip
            rows["entity"].append({"id": self.entity_id, "doc_id": doc_id, "position": position,
                                   "key": key, "name": key, "type": kind, "mentions": [],
                                   "roles": [], "side": None, "geo": geo})  # fmt: skip
            rows["entity_link"].append({"doc_id": doc_id, "entity_key": key, "global_id": key,
                                        "reason": "synthetic"})  # fmt: skip
        local = {(doc_id, k) for k in keys}
        links = {(doc_id, k): k for k in keys}
        denials = props.denial_pairs([(doc_id, a["local_id"], a["responds_to"])
                                      for a in attrs if a["stance"] == "deny"])  # fmt: skip
        for i, c in enumerate(claims, 1):
            self._claim_rows(rows, doc_id, i, rng.randrange(1, ATTRS_PER_DOC), c, day,
                             local, links, denials)  # fmt: skip
        return rows

    def _attribution(self, doc_id: str, i: int, speaker: str, deny: bool) -> dict[str, Any]:
        self.attr_id += 1
        return {"id": self.attr_id, "doc_id": doc_id, "local_id": i, "cue_start": 0, "cue_end": 4,
                "cue_text": "said", "content_start": 0, "content_end": 9, "content_text": "synthetic",
                "kind": "indirect", "stance": "deny" if deny else "assert", "speaker": speaker,
                "speaker_name": speaker, "responds_to": 1 if deny else None, "chain": ["wire"],
                "confidence": 1.0, "method": "rules", "date": None}  # fmt: skip

    def _claim_rows(self, rows: dict[str, list[dict[str, Any]]], doc_id: str, i: int, attr: int,
                    c: dict[str, Any], day: dt.date, local: set[tuple[str, str]],
                    links: dict[tuple[str, str], str], denials: set[tuple[str, int]]) -> None:  # fmt: skip
        self.claim_id += 1
        args = {r: tuple(v) if isinstance(v, list) else v for r, v in c["args"].items()}
        claim = Claim(doc_id, i, attr, c["type"], c["value"], "claim", args, date=c["date"])
        f = props.facts(claim, props.resolve_args(claim, links, local), None, day.isoformat(),
                        (doc_id, attr) in denials)  # fmt: skip
        best = c["best"]
        rows["claim"].append({
            "id": self.claim_id, "doc_id": doc_id, "local_id": i, "attribution": attr,
            "type": c["type"], "value": c["value"], "modality": "claim", "args": c["args"],
            "count_low": best, "count_best": best, "count_high": best,
            "count_approx": False if best is not None else None,
            "count_text": str(best) if best is not None else None, "date": c["date"],
            "period_start": c["date"], "period_end": c["date"], "text": "",
            "proposition": f.proposition, "place_ref": f.place_ref, "day": f.day, "denial": f.denial,
        })  # fmt: skip
        position = 0
        for role, value in c["args"].items():
            for key in value if isinstance(value, list) else [value]:
                rows["claim_arg"].append({"claim_id": self.claim_id, "position": position,
                                          "role": role, "doc_id": doc_id, "entity_key": key,
                                          "global_id": key})  # fmt: skip
                position += 1

    def global_entities(self) -> list[dict[str, Any]]:
        out = []
        for kind, n, type_ in (
            ("pl", PLACES, "PLACE"),
            ("ac", ACTORS, "ORG"),
            ("pe", PEOPLE, "PERSON"),
        ):
            for i in range(n):
                gid = _gid(kind, i)
                geo = {"name": gid, "kind": "town", "country": "AF", "iso3166_2": None,
                       "lat": 34.0, "lon": 69.0} if kind == "pl" else None  # fmt: skip
                out.append({"id": gid, "name": gid, "type": type_, "side": None, "roles": [],
                            "aliases": [gid], "documents": 0, "geo": geo})  # fmt: skip
        return out


TABLES = (("document", DocumentRow), ("attribution", AttributionRow), ("entity", EntityRow),
          ("entity_link", EntityLinkRow), ("claim", ClaimRow), ("claim_arg", ClaimArgRow))  # fmt: skip


def _value(value: Any, column: Any, sqlite: bool) -> Any:
    """A Python value as the driver takes it in a raw insert / COPY."""
    if value is None:
        return None
    if isinstance(column.type, JSON):
        return json.dumps(value)
    if sqlite and isinstance(value, bool):
        return int(value)
    if sqlite and isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if sqlite and isinstance(value, dt.date):
        return value.isoformat()
    return value


def _write(conn: Connection, model: Any, rows: list[dict[str, Any]]) -> None:
    """Bulk-insert rows with the driver itself: ``executemany`` on SQLite, ``COPY`` on
    PostgreSQL (the ORM's bulk insert would take an hour for a million claims)."""
    table = model.__table__
    cols = [c for c in table.columns if any(c.name in r for r in rows[:50])]
    sqlite = conn.dialect.name == "sqlite"
    values = [tuple(_value(r.get(c.name), c, sqlite) for c in cols) for r in rows]
    names = ", ".join(c.name for c in cols)
    raw = conn.connection.driver_connection
    if sqlite:
        marks = ", ".join("?" for _ in cols)
        raw.executemany(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", values)
        return
    with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
        for row in values:
            copy.write_row(row)


def build(engine: Engine, claims: int) -> float:
    """Fill an empty ledger with the synthetic rows; returns the seconds taken."""
    started = time.perf_counter()
    builder = Builder(claims)
    with engine.begin() as conn:
        for model in (TimelineEntryRow, TallyClaimRow, TallyRow, ReadDueRow, EntityItemRow,
                      EntityCountRow, EntityFormRow):  # fmt: skip
            conn.execute(delete(model))
        for _, model in reversed(TABLES):
            conn.execute(delete(model))
        for model in (DisputeSubjectRow, DisputeClaimRow, DisputeRow, DisputeDueRow,
                      PropositionRow, GlobalEntityRow):  # fmt: skip
            conn.execute(delete(model))
        _write(conn, GlobalEntityRow, builder.global_entities())
    pending: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n, rows in enumerate(builder.documents(), 1):
        for name, items in rows.items():
            pending[name].extend(items)
        if len(pending["claim"]) >= BATCH or n == builder.docs:
            with engine.begin() as conn:
                for name, model in TABLES:
                    if pending[name]:
                        _write(conn, model, pending[name])
            pending.clear()
            print(f"\r  {n:,}/{builder.docs:,} documents", end="", file=sys.stderr, flush=True)
    with Session(engine) as session, session.begin():
        props.refresh_summaries(session)  # marks every dispute due
        readrows.mark_due(session, readrows.TIMELINE, [readrows.ALL])
        readrows.mark_due(session, readrows.TALLY, [readrows.ALL])
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    print(file=sys.stderr)
    return time.perf_counter() - started


def ledger(url: str, claims: int, rebuild: bool) -> Engine:
    """The engine of a ledger holding exactly ``claims`` synthetic claims (built if needed)."""
    engine = make_engine(url)
    with Session(engine) as session:
        have = session.scalar(select(func.count()).select_from(ClaimRow))
    if have != claims or rebuild:
        print(f"building {claims:,} claims in {url.split('@')[-1]} ...", file=sys.stderr)
        print(f"  built in {build(engine, claims):.0f} s", file=sys.stderr)
    for name, build_step in (("disputes", refresh_disputes), ("timelines and tallies",
                                                              refresh_read_models)):  # fmt: skip
        started = time.perf_counter()
        due = build_step(engine, progress=_progress)  # as a writer does after linking
        if due:
            print(
                f"\nstored {name} built for {due:,} due items in "
                f"{time.perf_counter() - started:.0f} s (chunked, resumable)"
            )
    return engine


def _progress(kind: str, n: int) -> None:
    _DONE[kind] = _DONE.get(kind, 0) + n
    print(f"\r  {kind}: {_DONE[kind]:,}", end="", file=sys.stderr, flush=True)


_DONE: dict[str, int] = {}


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, int]:
    """Median wall time in ms over ``runs`` calls, and the size of the answer."""
    times, size = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        size = len(fn())
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), size


def measure(engine: Engine, runs: int, every: bool = False) -> list[tuple[str, float, int]]:
    """Time each query on a ledger, through the library."""
    place, actor = _gid("pl", 10), _gid("ac", 10)

    def entity_page() -> list[object]:
        found = queries.entity_page(engine, actor)
        assert found is not None
        return [*found.documents, *found.by, *found.about, *found.via]

    cases: list[tuple[str, Callable[[], Any], int]] = [
        ("disputes, first page (limit 50)", lambda: queries.disputes(engine, limit=50), runs),
        ("disputes, page 3 (limit 50, offset 100)",
         lambda: queries.disputes(engine, limit=50, offset=100), runs),
        (f"disputes --place {place} (all)", lambda: queries.disputes(engine, place=place), runs),
        (f"disputes --actor {actor}, first page",
         lambda: queries.disputes(engine, actor=actor, limit=50), runs),
        (f"disputes --actor {actor} (all)", lambda: queries.disputes(engine, actor=actor), runs),
        ("fatalities, first page (limit 50)", lambda: queries.fatalities(engine, limit=50), runs),
        ("fatalities, page 3 (limit 50, offset 100)",
         lambda: queries.fatalities(engine, limit=50, offset=100), runs),
        (f"fatalities --place {place} (all its tallies)",
         lambda: queries.fatalities(engine, place=place), runs),
        (f"timeline {place}, first page (limit 50)",
         lambda: queries.timeline(engine, place, limit=50), runs),
        (f"timeline {actor}, first page (limit 50)",
         lambda: queries.timeline(engine, actor, limit=50), runs),
        (f"entity page {actor} (50 of each list)", entity_page, runs),
        (f"entity page {actor}, page 3 (offset 100)",
         lambda: _entity_items(queries.entity_page(engine, actor, offset=100)), runs),
        ("entity list, first page (limit 50)",
         lambda: queries.entity_list(engine, limit=50)[0], runs),
        ("entity list --q ac-0001 (limit 50)",
         lambda: queries.entity_list(engine, q="ac-0001", limit=50)[0], runs),
        ("claims, first page (limit 50)", lambda: queries.claim_page(engine, limit=50)[0], runs),
        (f"claims --q {place}, first page (limit 50)",
         lambda: queries.claim_page(engine, q=place, limit=50)[0], runs),
        ("timeline subjects (landing, 200)", lambda: timeline_subjects(engine), runs),
    ]  # fmt: skip
    if every:
        cases += [
            (f"timeline {place} (all)", lambda: queries.timeline(engine, place), 1),
            ("disputes, all", lambda: queries.disputes(engine), 1),
            ("fatalities, all", lambda: queries.fatalities(engine), 1),
        ]
    return _run(cases)


def _entity_items(found: Any) -> list[object]:
    assert found is not None
    return [*found.documents, *found.by, *found.about, *found.via]


def _run(cases: list[tuple[str, Callable[[], Any], int]]) -> list[tuple[str, float, int]]:
    out = []
    for name, fn, n in cases:
        ms, size = timed(fn, n)
        print(f"  {name:<50} {ms:>10.1f} ms  ({size:,} results, median of {n})", flush=True)
        out.append((name, ms, size))
    return out


def measure_http(engine: Engine, runs: int) -> list[tuple[str, float, int]]:
    """Time the same pages through the web app (TestClient: the ASGI app in this process,
    with its middleware, validation, JSON and templates; no network)."""
    from fastapi.testclient import TestClient

    from counterclaim.web import create_app
    from counterclaim.web.security import Limits

    place, actor = _gid("pl", 10), _gid("ac", 10)
    limits = Limits(reads_per_minute=1_000_000, writes_per_minute=1_000)
    client = TestClient(create_app(engine, limits=limits), base_url="http://localhost")

    def get(path: str) -> Callable[[], Any]:
        def call() -> Any:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            return response.content

        return call

    paths = [
        "/api/disputes?limit=50", "/disputes",
        "/api/fatalities?limit=50", "/fatalities", f"/api/fatalities?place={place}&limit=200",
        f"/api/timeline?subject={place}&limit=50", f"/timeline?subject={place}",
        f"/api/entities/{actor}", f"/entities/{actor}",
        "/api/entities?limit=50", "/entities", f"/api/claims?q={place}&limit=50",
        "/api/claims?limit=50", "/timeline",
    ]  # fmt: skip
    with client:
        print("  through HTTP (bytes in the response):")
        return _run([(f"GET {p}", get(p), runs) for p in paths])


def machine() -> str:
    """CPU model, cores and RAM of this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(
                (ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), cpu
            )
        with open("/proc/meminfo") as f:
            kb = int(next(ln.split()[1] for ln in f if ln.startswith("MemTotal")))
    except OSError:
        kb = 0
    return f"{cpu}, {os.cpu_count()} cores, {kb / 2**20:.0f} GiB RAM, Python {platform.python_version()}"


def describe(engine: Engine) -> str:
    """The database and its size in rows."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            version = "SQLite " + conn.scalar(text("select sqlite_version()"))
        else:
            version = conn.scalar(text("select version()")).split(" on ")[0]
        counts = {name: conn.scalar(select(func.count()).select_from(model.__table__))
                  for name, model in (*TABLES, ("proposition", PropositionRow))}  # fmt: skip
        contested = conn.scalar(select(func.count()).select_from(PropositionRow.__table__)
                                .where(PropositionRow.contested.is_(True)))  # fmt: skip
    sizes = ", ".join(f"{n:,} {name}" for name, n in counts.items())
    return f"{version}; {sizes} ({contested:,} contested)"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db", default="/tmp/counterclaim-query-bench.db", help="SQLite file (reused)"
    )
    parser.add_argument("--pg", default=None,
                        help="PostgreSQL URL (its tables are replaced), or 'auto' to start one")  # fmt: skip
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="build even if the ledger exists")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--build-only", action="store_true", help="build the ledgers, time nothing")
    parser.add_argument("--all", action="store_true", help="also read everything (slow)")
    parser.add_argument("--no-http", action="store_true", help="skip the web app")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}")
    urls = [] if args.skip_sqlite else [f"sqlite:///{args.db}"]
    server = None
    if args.pg == "auto":
        server = LocalPostgres.start()
        if server is None:
            print("PostgreSQL: skipped (no server could be started: needs Debian's postgresql "
                  "package and root, as in .ci/run; or pass --pg URL)")  # fmt: skip
        else:
            urls.append(server.url)
    elif args.pg:
        urls.append(args.pg)
    else:
        print("PostgreSQL: skipped (no --pg URL given; --pg auto starts one)")
    try:
        for url in urls:
            engine = ledger(url, args.claims, args.rebuild)
            print(describe(engine))
            if not args.build_only:
                measure(engine, args.runs, args.all)
                if not args.no_http:
                    measure_http(engine, args.runs)
            engine.dispose()
    finally:
        if server is not None:
            server.stop()


class LocalPostgres:
    """A throwaway PostgreSQL cluster on loopback (as ``.ci/run`` starts one)."""

    def __init__(self, folder: str, bin_dir: str, url: str) -> None:
        self.folder, self.bin_dir, self.url = folder, bin_dir, url

    @classmethod
    def start(cls) -> LocalPostgres | None:
        import glob
        import shutil
        import socket
        import subprocess
        import tempfile

        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found or os.geteuid() != 0 or shutil.which("runuser") is None:
            return None
        bin_dir = os.path.dirname(found[-1])
        folder = tempfile.mkdtemp(prefix="counterclaim-bench-pg.")
        shutil.chown(folder, "postgres")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]

        def run(*cmd: str) -> None:
            subprocess.run(["runuser", "-u", "postgres", "--", *cmd], check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip

        try:
            run(f"{bin_dir}/initdb", "-D", f"{folder}/data", "-A", "trust", "-E", "UTF8",
                "--locale=C.UTF-8")  # fmt: skip
            run(f"{bin_dir}/pg_ctl", "-D", f"{folder}/data", "-l", f"{folder}/server.log", "-w",
                "-o", f"-k {folder} -c listen_addresses=127.0.0.1 -p {port}", "start")  # fmt: skip
            run(f"{bin_dir}/psql", "-h", folder, "-p", str(port), "-d", "postgres", "-q",
                "-c", "CREATE ROLE counterclaim LOGIN PASSWORD 'counterclaim'",
                "-c", "CREATE DATABASE counterclaim OWNER counterclaim")  # fmt: skip
        except (OSError, subprocess.CalledProcessError) as err:
            print(f"PostgreSQL: could not start a local server ({err})")
            shutil.rmtree(folder, ignore_errors=True)
            return None
        url = f"postgresql+psycopg://counterclaim:counterclaim@127.0.0.1:{port}/counterclaim"
        return cls(folder, bin_dir, url)

    def stop(self) -> None:
        import shutil
        import subprocess

        subprocess.run(["runuser", "-u", "postgres", "--", f"{self.bin_dir}/pg_ctl", "-D",
                        f"{self.folder}/data", "-m", "immediate", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)


if __name__ == "__main__":
    main()
