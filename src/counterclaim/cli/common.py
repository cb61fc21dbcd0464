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


def database_problem(err: BaseException, db: str | None = None) -> str | None:
    """One line naming the ledger, what went wrong and what to do; ``None`` when ``err``
    is not a database fault a user can act on (full disk, damaged file, no permission,
    locked by another writer)."""
    from sqlalchemy.exc import DBAPIError

    from counterclaim.store.engine import is_busy

    if not isinstance(err, DBAPIError):
        return None
    reason = str(err.orig).strip().splitlines()[0] if err.orig is not None else str(err)
    where = _ledger_name(db)
    low = reason.casefold()
    kept = "what was committed before is kept"
    if "full" in low or "no space" in low:
        return f"{where}: {reason}: free disk space and run the command again ({kept})"
    if "malformed" in low or "not a database" in low or "corrupt" in low:
        return (f"{where} is damaged ({reason}): restore a backup, or recover what is left "
                "with `sqlite3 FILE .recover | sqlite3 NEW.db`")  # fmt: skip
    if "readonly" in low or "read-only" in low or "permission" in low or "unable to open" in low:
        return f"{where} cannot be written ({reason}): check its permissions and its folder's"
    if is_busy(err):
        return f"{where} is busy with another writer ({reason}): run the command again ({kept})"
    return None


def _ledger_name(db: str | None) -> str:
    if not db:
        return "the ledger"
    from sqlalchemy.engine import make_url

    try:
        url = make_url(db)
    except Exception:
        return "the ledger"
    if url.get_backend_name() == "sqlite" and url.database:
        return f"the ledger {url.database.removeprefix('file:').split('?')[0]}"
    return f"the ledger {url.render_as_string(hide_password=True)}"


@contextmanager
def user_errors(db: str | None = None) -> Iterator[None]:
    """Turn library errors a user can fix into clean CLI errors (one line, no traceback)."""
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
        if (problem := database_problem(err, db)) is not None:
            raise typer.BadParameter(problem, param_hint="--db") from err
        if isinstance(err, OSError) and err.filename:
            raise typer.BadParameter(
                f"cannot use {err.filename}: {err.strerror or err}", param_hint="PATH"
            ) from err
        raise


def engine_for(db: str) -> Engine:
    with user_errors(db):
        return make_engine(db)


def parse_date(value: str | None) -> Date | None:
    if value is None:
        return None
    try:
        return Date.fromisoformat(value)
    except ValueError as err:
        raise typer.BadParameter(f"{value!r} is not a date like 2021-09-03") from err
