"""A whole build of the stored disputes, timelines and tallies commits in chunks: killed
with SIGKILL half-way and started again, it stores exactly what an uninterrupted build does.

On SQLite and PostgreSQL (the ``engine`` fixture). The build runs in a subprocess that
prints a line after each committed chunk (and pauses, so the kill lands mid-build).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session
from test_propositions import random_ledger, records

from counterclaim import pipeline
from counterclaim.store import disputes as dispute_store
from counterclaim.store import readrows
from counterclaim.store.dispute_cache import refresh_disputes
from counterclaim.store.models import DisputeDueRow, ReadDueRow
from counterclaim.store.readmodels import refresh_read_models

SRC = Path(__file__).resolve().parents[2] / "src"
BUILD = """
import sys, time
from counterclaim.store import make_engine
from counterclaim.store.dispute_cache import refresh_disputes
from counterclaim.store.readmodels import refresh_read_models

def progress(kind, n):
    print(kind, n, flush=True)
    time.sleep(0.15)

engine = make_engine(sys.argv[1])
refresh_disputes(engine, chunk=3, progress=progress)
refresh_read_models(engine, docs_chunk=3, tally_chunk=3, progress=progress)
print("done", flush=True)
"""


def _mark_everything_due(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        dispute_store.mark_due(session, None)
        readrows.mark_due(session, readrows.TIMELINE, [readrows.ALL])
        readrows.mark_due(session, readrows.TALLY, [readrows.ALL])


def _stored(engine: Engine) -> tuple[list[str], list[tuple[object, ...]], list[tuple[object, ...]]]:
    with Session(engine) as session:
        disputes = sorted(records(dispute_store.read(session)))
    with engine.connect() as con:
        entries = sorted(tuple(r) for r in con.execute(text(
            "select subject, role, when_day, said_day, doc_id, local_id from timeline_entry")))  # fmt: skip
        tallies = sorted(tuple(r) for r in con.execute(text(
            "select key, type, victim, place, sort_day, place_name, victim_name, seq, run, record "
            "from tally")))  # fmt: skip
    return disputes, entries, tallies


def _build(url: str, kill_after: str | None) -> list[str]:
    """Run the build in a subprocess; SIGKILL it on the first line starting ``kill_after``."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen([sys.executable, "-c", BUILD, url], stdout=subprocess.PIPE,
                            text=True, env=env)  # fmt: skip
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        lines.append(line.strip())
        if kill_after and line.startswith(kill_after):
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=120)
    proc.stdout.close()
    return lines


def _due(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session:
        disputes = session.scalar(select(func.count()).select_from(DisputeDueRow)) or 0
        reads = session.scalar(select(func.count()).select_from(ReadDueRow)) or 0
    return disputes, reads


def test_a_killed_build_resumes_to_the_rows_of_an_uninterrupted_one(engine: Engine) -> None:
    random_ledger(engine, 21, 36)
    _mark_everything_due(engine)
    refresh_disputes(engine, chunk=3)
    refresh_read_models(engine, docs_chunk=3, tally_chunk=3)
    expected = _stored(engine)
    assert len(expected[0]) > 5 and len(expected[1]) > 50 and len(expected[2]) > 5
    url = engine.url.render_as_string(hide_password=False)

    _mark_everything_due(engine)
    lines = _build(url, kill_after="disputes")  # killed during the disputes
    assert lines[-1].startswith("disputes") and "done" not in lines
    left_disputes, left_reads = _due(engine)
    assert left_disputes > 0 and left_reads > 0  # it stopped half-way
    assert len(_stored(engine)[0]) < len(expected[0])

    lines = _build(url, kill_after="tally")  # resumed, killed again during the tallies
    assert "done" not in lines and any(ln.startswith("timeline") for ln in lines)
    assert _due(engine)[0] == 0 and _due(engine)[1] > 0

    lines = _build(url, kill_after=None)  # resumed to the end
    assert lines[-1] == "done"
    assert _due(engine) == (0, 0)
    assert _stored(engine) == expected
    assert sorted(records(pipeline.disputes(engine))) == expected[0]
