"""Parallel ingest on a real Dask LocalCluster, into a real SQLite ledger.

The fast tests run a blank English pipeline with the attribution component and a component
that raises on a marker word (or ends its worker process on another), built in each worker
by :class:`FragileLoader`; the slow ones run the packaged model through the CLI.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from sqlalchemy import Engine

from counterclaim import pipeline
from counterclaim.extract import COMPONENT
from counterclaim.ingest.readers import read_paths
from counterclaim.pipeline import parallel
from counterclaim.store import make_engine

VOA = Path(__file__).resolve().parent / "fixtures" / "voa" / "voa_dev_stories.jsonl"  # dev set
COUNTERCLAIM = Path(sys.executable).with_name("counterclaim")
SPEAKERS = ("Reuters", "A spokesman", "The ministry", "TASS", "An official", "The governor")
_MARKED: Counter[str] = Counter()  # worker side: documents with a marker word seen


@Language.component("cc_test_fragile")
def fragile(doc: Doc) -> Doc:
    """Fail on EXPLODE; end the whole worker process on CRASH (like a segfault would)."""
    if "CRASH" in doc.text:
        os._exit(3)
    if "EXPLODE" in doc.text:
        _MARKED["EXPLODE"] += 1
        raise ValueError("boom")
    return doc


@dataclass(frozen=True)
class FragileLoader:
    """A blank English pipeline with the attribution component and :func:`fragile`."""

    @property
    def key(self) -> str:
        return "fragile"

    def __call__(self) -> Language:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("cc_test_fragile")
        nlp.add_pipe(COMPONENT)
        return nlp


def marked() -> int:
    """Worker side: how many EXPLODE documents this process has tried."""
    return _MARKED["EXPLODE"]


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with parallel.dask_client(workers=2) as client:
        yield client


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    for i in range(11):
        speaker = SPEAKERS[i % len(SPEAKERS)]
        text = f"{speaker} said on Friday that {i + 2} soldiers had been killed in the town."
        (root / f"{i:02}.txt").write_text(text + "\n", encoding="utf-8")
    (root / "bad.txt").write_text("TASS said that EXPLODE forces held the pass.\n", "utf-8")
    return root


def _engine(path: Path) -> Engine:
    return make_engine(f"sqlite:///{path}")


def _ledger(path: Path) -> dict[str, int]:
    """Attributions per document origin (file name), as stored."""
    with sqlite3.connect(path) as con:
        rows = con.execute(
            "select d.origin, count(a.id) from document d left join attribution a "
            "on a.doc_id = d.id group by d.id"
        ).fetchall()
    return {Path(origin).name: n for origin, n in rows}


def test_workers_analyse_and_one_writer_stores_what_a_single_process_would(
    client: object, folder: Path, tmp_path: Path
) -> None:
    single = pipeline.ingest([folder], _engine(tmp_path / "one.db"), nlp=FragileLoader()())
    before = sum(client.run(marked).values())
    report = parallel.ingest_parallel(
        read_paths([folder]), _engine(tmp_path / "dask.db"), client,
        loader=FragileLoader(), batch_size=3,
    )  # fmt: skip
    assert sorted(report.added) == sorted(single.added) and len(report.added) == 11
    assert [(Path(s.origin).name, s.reason) for s in report.skipped] == [
        ("bad.txt", "extraction failed: ValueError: boom")
    ]
    assert sum(client.run(marked).values()) - before == 2  # in its batch, then alone
    stored = _ledger(tmp_path / "dask.db")
    assert stored == _ledger(tmp_path / "one.db")
    assert all(n >= 1 for n in stored.values()), stored
    assert report.linked == single.linked


def test_each_worker_loads_the_pipeline_once(client: object, folder: Path, tmp_path: Path) -> None:
    engine = _engine(tmp_path / "dask.db")
    parallel.ingest_parallel(read_paths([folder]), engine, client, loader=FragileLoader(),
                             batch_size=1)  # fmt: skip
    states = parallel.worker_states(client)
    assert len(states) == 2
    assert [s.loads.get("fragile") for s in states.values()] == [1, 1]
    assert all(s.peak_rss > 10_000_000 for s in states.values())


def test_a_second_run_analyses_only_what_is_missing(
    client: object, folder: Path, tmp_path: Path
) -> None:
    path = tmp_path / "dask.db"
    first = sorted(folder.glob("0*.txt"))[:4]
    pipeline.ingest(first, _engine(path), nlp=FragileLoader()())  # an interrupted earlier run
    report = parallel.ingest_parallel(read_paths([folder]), _engine(path), client,
                                      loader=FragileLoader(), batch_size=2)  # fmt: skip
    assert len(report.unchanged) == 4 and len(report.added) == 7
    again = parallel.ingest_parallel(read_paths([folder]), _engine(path), client,
                                     loader=FragileLoader())  # fmt: skip
    assert len(again.unchanged) == 11 and again.added == []
    assert len(_ledger(path)) == 11


def test_a_running_cluster_is_used_through_its_scheduler_address(
    client: object, folder: Path, tmp_path: Path
) -> None:
    address = client.scheduler.address
    with parallel.dask_client(scheduler=address) as other:
        report = parallel.ingest_parallel(read_paths([folder]), _engine(tmp_path / "d.db"),
                                          other, loader=FragileLoader(), progress=True)  # fmt: skip
    assert len(report.added) == 11 and len(report.skipped) == 1
    assert client.scheduler_info()["workers"]  # the cluster itself is left running


def test_a_model_the_workers_cannot_load_stops_the_run(
    client: object, folder: Path, tmp_path: Path
) -> None:
    from counterclaim.language import ModelNotFound

    with pytest.raises(ModelNotFound, match="no-such-model"):
        parallel.ingest_parallel(read_paths([folder]), _engine(tmp_path / "d.db"), client,
                                 loader=parallel.ModelLoader("no-such-model"))  # fmt: skip
    assert _stored(tmp_path / "d.db") == 0


def test_the_cli_refuses_workers_and_scheduler_together(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from counterclaim.cli import app

    args = ["ingest", str(tmp_path), "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "not both" in result.output


@pytest.mark.slow
def test_a_document_that_kills_its_worker_is_reported_and_the_rest_stored(
    folder: Path, tmp_path: Path
) -> None:
    (folder / "crash.txt").write_text("Reuters said CRASH units withdrew.\n", encoding="utf-8")
    with parallel.dask_client(workers=2) as own:
        report = parallel.ingest_parallel(read_paths([folder]), _engine(tmp_path / "d.db"),
                                          own, loader=FragileLoader(), batch_size=4)  # fmt: skip
    reasons = {Path(s.origin).name: s.reason for s in report.skipped}
    assert reasons.keys() == {"bad.txt", "crash.txt"}
    assert reasons["crash.txt"].startswith("extraction failed: KilledWorker")
    assert len(report.added) == 11 == len(_ledger(tmp_path / "d.db"))


# -- the packaged model, through the command line ---------------------------------------


def _voa_feed(path: Path, count: int) -> Path:
    lines = VOA.read_text(encoding="utf-8").splitlines()[:count]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _stored(path: Path) -> int:
    try:
        with sqlite3.connect(path) as con:
            return con.execute("select count(*) from document").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _ingest(feed: Path, db: Path, *extra: str) -> str:
    done = subprocess.run(
        [str(COUNTERCLAIM), "ingest", str(feed), "--db", f"sqlite:///{db}", *extra],
        capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    return done.stdout


@pytest.mark.slow
@pytest.mark.model
def test_a_killed_cli_run_resumes_with_only_the_missing_documents(tmp_path: Path) -> None:
    feed, db = _voa_feed(tmp_path / "voa.jsonl", 10), tmp_path / "dask.db"
    command = [str(COUNTERCLAIM), "ingest", str(feed), "--db", f"sqlite:///{db}",
               "--workers", "2"]  # fmt: skip
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 300
    while _stored(db) < 3 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    os.killpg(run.pid, signal.SIGKILL)  # the CLI and its cluster, half way
    run.wait()
    kept = _stored(db)
    assert 3 <= kept < 10, kept
    out = _ingest(feed, db, "--workers", "2")
    assert out.splitlines()[0] == f"{10 - kept} added, {kept} unchanged, 0 skipped"
    _ingest(feed, tmp_path / "one.db")
    assert _ledger(db) == _ledger(tmp_path / "one.db")
    assert sum(_ledger(db).values()) > 10


def test_tasks_hold_about_equal_work_and_keep_every_document_in_order() -> None:
    from counterclaim.records import Document

    lengths = [100, 2_000, 300, 300, 300, 300, 50, 50, 50, 50, 50, 50, 50, 50, 50, 900, 700]
    docs = [Document(f"{i:064d}", " ".join(["w"] * n)) for i, n in enumerate(lengths)]
    tasks = list(parallel.tasks_of(docs, max_docs=8, words=1_000))
    assert [d.id for t in tasks for d in t] == [d.id for d in docs]  # all, once, in order
    sizes = [[len(d.body.split()) for d in t] for t in tasks]
    assert sizes == [[100, 2_000], [300, 300, 300, 300], [50] * 8, [50, 900, 700]]
    assert all(len(t) <= 8 for t in tasks)
