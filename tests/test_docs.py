"""Every command documents itself with an ``Example:`` line (as sqlite-utils does)."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from counterclaim.cli import app

COMMANDS = typer.main.get_command(app)  # a group (Typer ships its own Click)
NAMES = sorted(COMMANDS.commands)
USES_LEDGER = {
    "ingest", "attributions", "show", "documents", "export", "info", "search",
    "claims", "disputes", "fatalities", "timeline", "entities", "events", "origins",
}  # fmt: skip


def test_the_expected_commands_exist() -> None:
    assert {"ingest", "attributions", "show", "export", "eval"} <= set(NAMES)
    assert {"claims", "disputes", "fatalities", "timeline", "entities"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_command_has_help_with_an_example(name: str) -> None:
    command = COMMANDS.commands[name]
    assert command.help, f"{name} has no help"
    examples = [line for line in command.help.splitlines() if line.strip().startswith("Example:")]
    assert examples, f"{name} help has no 'Example:' line"
    assert all(f"counterclaim {name}" in line for line in examples)


@pytest.mark.parametrize("name", NAMES)
def test_help_renders(name: str) -> None:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output


@pytest.mark.parametrize("name", sorted(USES_LEDGER))
def test_ledger_commands_take_db(name: str) -> None:
    params = {p.name: p for p in COMMANDS.commands[name].params}
    db = params["db"]
    assert db.opts == ["--db"] and db.envvar == "COUNTERCLAIM_DB"
    assert db.default is None  # $COUNTERCLAIM_DB, else the user's ledger (`info` says where)
    assert "counterclaim info" in db.help and "file path" in db.help
