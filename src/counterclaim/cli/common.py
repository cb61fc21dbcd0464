"""What the CLI's commands share: options, the console, and errors a user can fix.

Library errors a user can fix (bad URL, unknown document, missing model or file) become
``typer.BadParameter`` messages and exit codes, never tracebacks.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date as Date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from counterclaim.store import AmbiguousDocument, DocumentNotFound, LedgerError, make_engine

WIDE = 100  # narrower terminals get one line per row instead of a table

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="COUNTERCLAIM_DB",
        metavar="PATH_OR_URL",
        show_default=False,
        help="Ledger: a file path (SQLite) or an SQLAlchemy URL such as "
        "postgresql+psycopg://USER@HOST/DB. Default: $COUNTERCLAIM_DB, else the user's "
        "ledger (`counterclaim info` prints where).",
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


class ReviewState(StrEnum):
    """An item's review state: no person looked at it, confirmed it, or corrected it."""

    machine = "machine"
    reviewed = "reviewed"
    corrected = "corrected"


ReviewStateOption = Annotated[
    ReviewState | None,
    typer.Option("--review-state", help="Only items in this review state."),
]


def new_console(color: str = "auto") -> Console:
    """A console; ``color`` "always" keeps styles when piped, "never" drops them."""
    if color == "always":
        return Console(highlight=False, soft_wrap=False, force_terminal=True)
    if color == "never":
        return Console(highlight=False, soft_wrap=False, color_system=None)
    return Console(highlight=False, soft_wrap=False)


def database_problem(err: BaseException, db: str | None = None) -> str | None:
    """One line naming the ledger, what went wrong and what to do; ``None`` when ``err``
    is not a database fault a user can act on (full disk, damaged file, missing tables, no
    permission, locked by another writer): see :func:`counterclaim.store.engine.ledger_fault`."""
    from counterclaim.store.engine import ledger_fault

    return ledger_fault(err, _ledger_name(db))


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


def default_ledger() -> Path:
    """The ledger used when neither ``--db`` nor ``$COUNTERCLAIM_DB`` names one:
    ``$XDG_DATA_HOME/counterclaim/ledger.db`` (``~/.local/share/counterclaim/ledger.db``)."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "counterclaim" / "ledger.db"


def ledger_url(db: str | None) -> str:
    """An SQLAlchemy URL for ``--db``: a URL as given, a plain path as an SQLite file URL."""
    value = db or str(default_ledger())
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().absolute())


def sqlite_file(url: str) -> Path | None:
    """The file an SQLite URL names (``None`` for other databases and in-memory ones)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    database = parsed.database
    if str(parsed.query.get("uri", "")).lower() in ("true", "1") and database.startswith("file:"):
        # an SQLite URI ("sqlite:///file:/path/ledger.db?mode=ro&uri=true"): its file path
        database = database.removeprefix("file:").split("?", 1)[0]
        if database.startswith("//"):
            database = "/" + database.lstrip("/")
        if database in ("", ":memory:"):
            return None
    return Path(database)


def engine_for(db: str | None, *, create: bool = False) -> Engine:
    """The ledger's engine. Only commands that write (``create=True``: ingest) may start a
    new SQLite file; the others stop on a missing one rather than leave an empty ledger."""
    url = ledger_url(db)
    path = sqlite_file(url)
    if path is not None and not path.exists():
        if not create:
            raise typer.BadParameter(
                f"no ledger at {path}; run `counterclaim ingest` first or pass --db",
                param_hint="--db",
            )
        path.parent.mkdir(parents=True, exist_ok=True)
    with user_errors(url):
        return make_engine(url)


def choice[E: StrEnum](kind: type[E], value: str | None, option: str) -> E | None:
    """``value`` as a member of ``kind``, or a usage error listing the valid values."""
    if value is None:
        return None
    try:
        return kind(value)
    except ValueError:
        valid = ", ".join(member.value for member in kind)
        raise typer.BadParameter(f"{value!r} is not one of: {valid}", param_hint=option) from None


def parse_date(value: str | None) -> Date | None:
    if value is None:
        return None
    try:
        return Date.fromisoformat(value)
    except ValueError as err:
        raise typer.BadParameter(f"{value!r} is not a date like 2021-09-03") from err
