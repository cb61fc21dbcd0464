"""What the CLI's commands share: options, the console, and errors a user can fix.

Library errors a user can fix (bad URL, unknown document, missing model or file) become
``typer.BadParameter`` messages and exit codes, never tracebacks.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date as Date
from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy import Engine

from counterclaim.store import AmbiguousDocument, DocumentNotFound, LedgerError, make_engine

WIDE = 100  # narrower terminals get one line per row instead of a table

DbOption = Annotated[
    str,
    typer.Option(
        "--db", envvar="COUNTERCLAIM_DB", metavar="URL", help="Ledger database (SQLAlchemy URL)."
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        metavar="NAME_OR_PATH",
        help="spaCy model package or directory (default: $COUNTERCLAIM_MODEL or en_core_web_md).",
    ),
]
DocArgument = Annotated[str, typer.Argument(metavar="DOC", help="Document id or unique prefix.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON lines.")]


def new_console() -> Console:
    return Console(highlight=False, soft_wrap=False)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn library errors a user can fix into clean CLI errors."""
    try:
        yield
    except (DocumentNotFound, AmbiguousDocument) as err:
        raise typer.BadParameter(str(err), param_hint="DOC") from err
    except LedgerError as err:
        raise typer.BadParameter(str(err), param_hint="--db") from err
    except Exception as err:
        from counterclaim.language import ModelNotFound

        if isinstance(err, ModelNotFound):
            raise typer.BadParameter(str(err), param_hint="--model") from err
        raise


def engine_for(db: str) -> Engine:
    with user_errors():
        return make_engine(db)


def parse_date(value: str | None) -> Date | None:
    if value is None:
        return None
    try:
        return Date.fromisoformat(value)
    except ValueError as err:
        raise typer.BadParameter(f"{value!r} is not a date like 2021-09-03") from err
