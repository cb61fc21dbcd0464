"""Bad days on the command line: a damaged ledger, a read-only one, a full disk, an
unreadable folder. Each gives one line naming the file and what to do (no traceback), and
what was committed before stays."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from counterclaim.ingest.readers import read_paths
from counterclaim.records import Document, Skipped
from counterclaim.store import make_engine, save_analysis
from test_cli import DOC_ID, OTHER_ID, TEXT, analysis, run

CORPUS = Path(__file__).parent / "corpus"
NOBODY = 65534


def _ledger(path: Path) -> str:
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    with Session(engine) as s, s.begin():
        save_analysis(s, analysis())
        save_analysis(s, analysis(OTHER_ID, TEXT + "\n"))
    engine.dispose()  # the last connection checkpoints the WAL into the file
    return url


def test_a_damaged_ledger_is_one_line_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    url = _ledger(path)
    data = bytearray(path.read_bytes())
    page = 4096
    for at in range(page, len(data), page):  # every page after the first: garbage
        data[at : at + page] = os.urandom(page)
    path.write_bytes(bytes(data))
    result = run("documents", "--db", url)
    assert result.exit_code == 2, result.output
    message = " ".join(result.output.split())
    assert "malformed" in message and "ledger.db" in message, message
    assert "Traceback" not in result.output


def test_a_read_only_ledger_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    _ledger(path)
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    for command in (["documents"], ["attributions", "--json"], ["disputes"], ["show", DOC_ID[:8]]):
        result = run(*command, "--db", url)
        assert result.exit_code == 0, (command, result.output)
    assert DOC_ID[:12] in run("documents", "--db", url).output


def _as_nobody[T](work: Callable[[], T]) -> T:
    """Run ``work`` as an unprivileged user when the tests run as root (root reads any
    folder); in a forked child that has every module it needs already loaded."""
    if os.geteuid() != 0:
        return work()
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()

    def child() -> None:
        os.setgid(NOBODY)
        os.setuid(NOBODY)
        results.put(work())

    proc = ctx.Process(target=child)
    proc.start()
    found = results.get(timeout=60)
    proc.join(timeout=30)
    return found


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A temporary folder another user may enter (pytest's own is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="counterclaim-faults-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder)


def test_an_unreadable_folder_is_reported_not_skipped_silently(open_tmp: Path) -> None:
    articles = open_tmp / "articles"
    (articles / "locked").mkdir(parents=True)
    shutil.copy(next(iter(sorted(CORPUS.glob("*.txt")))), articles / "readable.txt")
    shutil.copy(next(iter(sorted(CORPUS.glob("*.txt")))), articles / "locked" / "hidden.txt")
    articles.chmod(0o755)
    (articles / "locked").chmod(0o000)

    def read() -> list[tuple[str, str, str]]:
        out = []
        for item in read_paths([articles, articles / "locked" / "hidden.txt"]):
            if isinstance(item, Skipped):
                out.append(("skipped", item.origin, item.reason))
            else:
                assert isinstance(item, Document)
                out.append(("document", item.origin or "", ""))
        return out

    found = _as_nobody(read)
    kinds = sorted((kind, Path(origin).name) for kind, origin, _ in found)
    assert kinds == [("document", "readable.txt"), ("skipped", "hidden.txt"),
                     ("skipped", "locked")], found  # fmt: skip
    reasons = {Path(origin).name: reason for _, origin, reason in found}
    assert "cannot read folder" in reasons["locked"] and "ermission" in reasons["locked"]
    assert "ermission" in reasons["hidden.txt"]


@pytest.fixture(params=[pytest.param("tmpfs", marks=pytest.mark.slow), "page-limit"])
def small_disk(request: pytest.FixtureRequest) -> Iterator[Path]:
    """A ledger folder whose disk fills up mid-ingest, two ways.

    ``tmpfs``: a real 640 KB tmpfs, where this machine lets the tests mount one (root).
    ``page-limit``: everywhere else, SQLite itself is told the disk holds 200 pages
    (``PRAGMA max_page_count`` on every new connection): past them every write fails with
    SQLITE_FULL, the very error (``database or disk is full``) a full disk gives. This one
    never skips and is fast, so the behaviour is checked on every run, CI included.
    """
    folder = Path(tempfile.mkdtemp(prefix="counterclaim-disk-"))
    if request.param == "tmpfs":
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=640k", "tmpfs", str(folder)],
                                 capture_output=True, check=False)  # fmt: skip
        if mounted.returncode != 0:
            folder.rmdir()
            pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
        yield folder
        # the CLI's engine may still hold the mount
        subprocess.run(["umount", "--lazy", str(folder)], check=False)
        folder.rmdir()
        return

    def limit(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute("PRAGMA max_page_count = 200")  # type: ignore[attr-defined]

    event.listen(Engine, "connect", limit)
    try:
        yield folder
    finally:
        event.remove(Engine, "connect", limit)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.model
def test_a_full_disk_mid_ingest_is_one_line_and_keeps_what_was_committed(
    small_disk: Path,
) -> None:
    url = f"sqlite:///{small_disk / 'ledger.db'}"
    result = run("ingest", str(CORPUS), "--db", url)
    assert result.exit_code == 2, result.output
    message = " ".join(result.output.split())
    assert "full" in message and "ledger.db" in message and "free disk space" in message, message
    assert "Traceback" not in result.output
    engine = make_engine(f"sqlite:///file:{small_disk / 'ledger.db'}?mode=ro&uri=true")
    with Session(engine) as s:
        from counterclaim.store import list_documents

        kept = list_documents(s)
    engine.dispose()
    assert kept, "the documents committed before the disk filled are kept"


def test_a_ledger_missing_tables_is_one_line(tmp_path: Path) -> None:
    """Tables dropped behind the ledger's back: refused on opening, not a traceback later."""
    import sqlite3

    path = tmp_path / "ledger.db"
    url = _ledger(path)
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA foreign_keys=OFF")
        con.execute("DROP TABLE attribution")
    con.close()
    for command in (["documents"], ["attributions"], ["serve", "--port", "1"]):
        result = run(*command, "--db", url)
        assert result.exit_code == 2, (command, result.output)
        message = " ".join(result.output.split())
        assert "lacks the tables attribution" in message and "ledger.db" in message, message
        assert "Traceback" not in result.output


def test_another_programs_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "recipes.db"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE recipe (name TEXT, minutes INTEGER)")
        con.execute("INSERT INTO recipe VALUES ('lentil soup', 40)")
    con.close()
    for command in (["documents"], ["ingest", str(CORPUS)]):
        result = run(*command, "--db", str(path))
        assert result.exit_code == 2, (command, result.output)
        message = " ".join(result.output.split())
        assert "not a counterclaim ledger (it holds other tables: recipe)" in message, message
    with sqlite3.connect(path) as con:  # no ledger table was added to it
        tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master")}
        rows = con.execute("SELECT * FROM recipe").fetchall()
    con.close()
    assert tables == {"recipe"} and rows == [("lentil soup", 40)]


def test_a_damaged_ledger_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    path.write_bytes(b"plain words, not a database\n" * 300)
    result = run("attributions", "--db", str(path))
    assert result.exit_code == 2, result.output
    message = " ".join(result.output.split())
    assert "is damaged (file is not a database)" in message, message
    assert "restore it from a backup" in message and ".recover" in message, message
