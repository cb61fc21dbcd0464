"""The README's commands run as written.

Every line of a fenced block in README.md that starts with ``counterclaim`` is run, in
order, on a fresh ledger, from a folder that holds the repository's ``tests/`` (so relative
paths resolve as they do from a clone). Lines that need a server or the network (``serve``,
URLs, Dask clusters) are left out and listed; every other one must exit 0. Ingest loads the
English model, so the test is marked ``model`` (it runs by default).
"""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterclaim.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
NEEDS_SERVER = re.compile(r"\bserve\b|https?://|--workers|--scheduler")


SETUP = ("mkdir ", "printf ")  # shell lines that make a file an example then uses


def fenced_commands(text: str, setup: bool = False) -> list[str]:
    """``counterclaim ...`` lines of fenced code blocks, comments stripped (with
    ``setup``, the ``mkdir``/``printf`` lines too, as written)."""
    commands, inside = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            inside = not inside
            continue
        if inside and line.startswith("counterclaim "):
            commands.append(shlex.join(shlex.split(line, comments=True)))
        elif inside and setup and line.startswith(SETUP):
            commands.append(line)
    return commands


def test_readme_says_how_to_get_counterclaim_on_the_path() -> None:
    text = README.read_text(encoding="utf-8")
    assert ". .venv/bin/activate" in text and "pipx install ." in text
    assert text.index("make demo") < text.index(". .venv/bin/activate")


def test_readme_examples_have_no_placeholders() -> None:
    for command in fenced_commands(README.read_text(encoding="utf-8")):
        assert not re.search(r"\b[A-Z]{3,}[A-Z_.]*\b(?!\.)", command.replace("--", "")), command


@pytest.mark.model
def test_readme_commands_run_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commands = fenced_commands(README.read_text(encoding="utf-8"), setup=True)
    runnable = [c for c in commands if not NEEDS_SERVER.search(c)]
    left_out = [c for c in commands if NEEDS_SERVER.search(c)]
    assert len(runnable) >= 15 and len(left_out) <= 4, left_out
    (tmp_path / "tests").symlink_to(ROOT / "tests", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("COUNTERCLAIM_DB", raising=False)
    runner = CliRunner(env={"COLUMNS": "160"})
    outputs = {}
    for command in runnable:
        if command.startswith(SETUP):
            subprocess.run(["bash", "-c", command], cwd=tmp_path, check=True)
            continue
        result = runner.invoke(app, shlex.split(command)[1:])
        assert result.exit_code == 0, f"{command}\n{result.output}\n{result.exception!r}"
        outputs[command] = result.output
    ingest = next(o for c, o in outputs.items() if c.startswith("counterclaim ingest"))
    assert "13 added" in ingest and "skipped tests/corpus/README.md" in ingest
    massoud = next(o for c, o in outputs.items() if "--source Massoud" in c)
    assert "Farid Massoud" in massoud
    assert (tmp_path / "claims.xlsx").stat().st_size > 0
    assert (tmp_path / "events.csv").read_text(encoding="utf-8").startswith("event_id_cnty,")
    assert (tmp_path / "data" / "counterclaim" / "ledger.db").exists()


def test_pyproject_declares_what_the_code_imports_without_deprecated_tables() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    # a TOML-table license makes setuptools >= 77 warn on every install (SPDX string now)
    assert isinstance(project["project"]["license"], str)
    assert any(r.startswith("setuptools>=77") for r in project["build-system"]["requires"])
    names = {re.split(r"[<>=\[ ]", d)[0].lower() for d in project["project"]["dependencies"]}
    assert {"httpx", "pypdf", "openpyxl", "fastapi-offline", "geo-intel-offline"} <= names
