"""The command line: a thin Typer layer over :mod:`counterclaim.pipeline`.

Takes the user's arguments; gives printed tables, JSON lines and exit codes. Each command
parses its arguments, calls one library function and prints the result. Modules:
:mod:`.common` (options, console, user errors), :mod:`.ledger` (ingest, attributions, show,
documents, export, eval, serve), :mod:`.claims` (claims, disputes, fatalities, timeline,
entities); the application is built here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from counterclaim import lexicon
from counterclaim.cli import claims, events, ledger, review

app = typer.Typer(
    name="counterclaim",
    help="An auditable ledger of who claims what, through whom, in conflict news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode="markdown",
)


@app.callback()
def data_folders(
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            metavar="DIR",
            help="A data folder laid over the shipped word lists and tables (repeatable; "
            "after $COUNTERCLAIM_DATA). See README: Word lists and your own data folder.",
        ),
    ] = None,
) -> None:
    """Global options (before the command): ``--data DIR``."""
    # set before any stage runs; exported so Dask workers started later read the same data
    lexicon.use_data(data or (), export=bool(data))


ledger.register(app)
claims.register(app)
events.register(app)
review.register(app)


def main() -> None:  # pragma: no cover - console entry point alias
    app()
