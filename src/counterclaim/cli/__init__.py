"""The command line: a thin Typer layer over :mod:`counterclaim.pipeline`.

Takes the user's arguments; gives printed tables, JSON lines and exit codes. Each command
parses its arguments, calls one library function and prints the result. Modules:
:mod:`.common` (options, console, user errors), :mod:`.ledger` (ingest, attributions, show,
documents, export, eval, serve), :mod:`.claims` (claims, disputes, fatalities, timeline,
entities); the application is built here.
"""

from __future__ import annotations

import typer

from counterclaim.cli import claims, events, ledger

app = typer.Typer(
    name="counterclaim",
    help="An auditable ledger of who claims what, through whom, in conflict news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode="markdown",
)

ledger.register(app)
claims.register(app)
events.register(app)


def main() -> None:  # pragma: no cover - console entry point alias
    app()
