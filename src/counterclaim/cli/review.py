"""The ``review`` commands: correct the ledger with an audit trail, read the trail and the queue.

Registered on :data:`counterclaim.cli.app` by :func:`register`; a thin layer over
:mod:`counterclaim.pipeline.review`. Every correction needs a reviewer (``--reviewer`` or
``COUNTERCLAIM_REVIEWER``); each option given is stored as one correction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from counterclaim.cli.common import DbOption, JsonOption, engine_for, user_errors
from counterclaim.pipeline import review

ReviewerOption = Annotated[
    str | None,
    typer.Option(
        "--reviewer",
        envvar=review.ENV_REVIEWER,
        help="Who decides (required; or $COUNTERCLAIM_REVIEWER).",
        show_envvar=True,
    ),
]
ReasonOption = Annotated[
    str | None, typer.Option("--reason", help="Why, in words (kept in the log).")
]
ConfirmOption = Annotated[
    bool, typer.Option("--confirm", help="Mark it reviewed: the machine had it right.")
]

app = typer.Typer(
    name="review",
    help="Correct the ledger (statements, claims, entities, disputes); every decision is "
    "logged with its reviewer and survives re-ingest and relinking.\n\n"
    "Example: counterclaim review claim e8fe5bb7:7 --value 3-5 --reviewer ana",
    no_args_is_help=True,
)


@contextmanager
def _errors(db: str | None) -> Iterator[None]:
    with user_errors(db):
        try:
            yield
        except review.ReviewError as err:
            raise typer.BadParameter(str(err)) from err
        except review.TargetNotFound as err:
            raise typer.BadParameter(str(err), param_hint="ID") from err


def _apply(
    db: str | None,
    kind: str,
    ident: str,
    changes: list[tuple[str, Any]],
    reviewer: str | None,
    reason: str | None,
    as_json: bool,
) -> None:
    if not changes:
        raise typer.BadParameter(
            f"nothing to do: give a change (see counterclaim review {kind} --help)"
        )
    with _errors(db):
        who = review.reviewer_from_env(reviewer)
        engine = engine_for(db)
        done = [
            review.correct(engine, kind, ident, field, value, reviewer=who, reason=reason)
            for field, value in changes
        ]
    for c in done:
        if as_json:
            typer.echo(json.dumps(c.record(), ensure_ascii=False))
        else:
            typer.echo(_line(c))


def _line(c: review.Correction) -> str:
    when = c.created_at.strftime("%Y-%m-%d %H:%M")
    if c.field == "confirm":
        change = "confirmed"
    elif c.field == "reject" and c.target_kind == "dispute":
        change = "rejected"
    elif c.field == "reject":
        change = "rejected" if c.new_value else "restored"
    else:
        change = f"{c.field}: {_show(c.old_value)} -> {_show(c.new_value)}"
    status = "" if c.status == "applied" else f" [{c.status}]"
    reason = f" ({c.reason})" if c.reason else ""
    return f"#{c.id} {when} {c.reviewer}: {c.target_kind} {c.target_ref or c.target_key} {change}{status}{reason}"


def _show(value: Any) -> str:
    if isinstance(value, dict):  # a place
        return str(value.get("name"))
    if isinstance(value, list):
        return "/".join("?" if v is None else str(v) for v in value)
    return "none" if value is None else str(value)


@app.command("attribution")
def attribution(
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="DOC:N (document id or prefix, statement number) or its key."
        ),
    ],
    stance: Annotated[str | None, typer.Option(help="assert or deny.")] = None,
    kind: Annotated[str | None, typer.Option(help="direct, indirect, call or narrator.")] = None,
    speaker: Annotated[
        str | None, typer.Option(help="The speaker: a name or entity key of the document.")
    ] = None,
    responds_to: Annotated[
        str | None, typer.Option(help="The statement number a denial answers, or none.")
    ] = None,
    cue: Annotated[
        str | None,
        typer.Option(help="The cue's span: START-END, character offsets into the article."),
    ] = None,
    content: Annotated[
        str | None,
        typer.Option(help="What was said: START-END, character offsets into the article."),
    ] = None,
    chain: Annotated[
        str | None,
        typer.Option(help="The intermediaries, nearest first, joined with ';' (or none)."),
    ] = None,
    confirm: ConfirmOption = False,
    reviewer: ReviewerOption = None,
    reason: ReasonOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Correct a statement: its stance, kind, speaker, what a denial answers, its cue or
    content span (the text is read again from the article) or its chain.

    Example: counterclaim review attribution e8fe5bb7:2 --content 91-125 --reviewer ana
    """
    changes = [(f, v) for f, v in (("stance", stance), ("kind", kind), ("speaker", speaker),
                                   ("responds_to", responds_to), ("cue", cue),
                                   ("content", content), ("chain", chain)) if v is not None]  # fmt: skip
    if confirm:
        changes.append(("confirm", True))
    _apply(db, "attribution", ident, changes, reviewer, reason, as_json)


@app.command("claim")
def claim(
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="DOC:N (document id or prefix, claim number) or its key."
        ),
    ],
    reject: Annotated[
        bool,
        typer.Option("--reject", help="Not a claim: drop it from disputes, tallies and listings."),
    ] = False,
    restore: Annotated[bool, typer.Option("--restore", help="Undo a rejection.")] = False,
    value: Annotated[
        str | None,
        typer.Option("--value", "--figure", help="The figure: N, LOW-HIGH or LOW:BEST:HIGH."),
    ] = None,
    type_: Annotated[str | None, typer.Option("--type", help="The claim type.")] = None,
    polarity: Annotated[
        str | None, typer.Option(help="true (it is so) or false (it is not).")
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="The event's date (YYYY-MM-DD, YYYY-MM).")
    ] = None,
    arg: Annotated[
        list[str] | None,
        typer.Option(
            "--arg",
            help="An argument: ROLE=VALUE (actor, place, target, victim, ...): an entity of "
            "the article by name, several joined with ';', a class, or none. Repeatable.",
        ),
    ] = None,
    confirm: ConfirmOption = False,
    reviewer: ReviewerOption = None,
    reason: ReasonOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Correct a claim: reject it, or fix its figure, type, polarity, date or arguments.

    Example: counterclaim review claim e8fe5bb7:3 --value 40 --arg place=Kabul --reviewer ana
    """
    changes: list[tuple[str, Any]] = [(f, v) for f, v in (("type", type_), ("figure", value),
                                      ("polarity", polarity), ("date", date)) if v is not None]  # fmt: skip
    for item in arg or []:
        role, sep, given = item.partition("=")
        if not sep or not role.strip():
            raise typer.BadParameter(f"{item!r}: give ROLE=VALUE", param_hint="--arg")
        changes.append((f"arg.{role.strip()}", given))
    if reject or restore:
        changes.append(("reject", not restore))
    if confirm:
        changes.append(("confirm", True))
    _apply(db, "claim", ident, changes, reviewer, reason, as_json)


@app.command("entity")
def entity(
    ident: Annotated[str, typer.Argument(metavar="ENTITY", help="An entity's id, name or alias.")],
    name: Annotated[
        str | None, typer.Option(help="Rename it (the old name stays an alias).")
    ] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PERSON, ORG, PLACE, ...")] = None,
    side: Annotated[str | None, typer.Option(help="The party it belongs to.")] = None,
    place: Annotated[
        str | None, typer.Option(help="Where it is: a place name from the gazetteer, or none.")
    ] = None,
    merge: Annotated[str | None, typer.Option(help="Merge it with this entity.")] = None,
    split: Annotated[bool, typer.Option("--split", help="Split its names apart.")] = False,
    confirm: ConfirmOption = False,
    reviewer: ReviewerOption = None,
    reason: ReasonOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Correct an entity: rename it, fix its type, side or place, merge or split it.

    Example: counterclaim review entity "Drava Front" --side rebels --reviewer ana
    """
    changes: list[tuple[str, Any]] = [(f, v) for f, v in (("name", name), ("type", type_),
                                      ("side", side), ("place", place), ("merge", merge)) if v is not None]  # fmt: skip
    if split:
        changes.append(("split", True))
    if confirm:
        changes.append(("confirm", True))
    _apply(db, "entity", ident, changes, reviewer, reason, as_json)


@app.command("dispute")
def dispute(
    ident: Annotated[
        str,
        typer.Argument(
            metavar="KEY", help="A dispute's key or a unique start of it (see disputes)."
        ),
    ],
    confirm: ConfirmOption = False,
    reject: Annotated[
        bool, typer.Option("--reject", help="Not a real dispute: take it off the board.")
    ] = False,
    reviewer: ReviewerOption = None,
    reason: ReasonOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Confirm or reject a dispute.

    Example: counterclaim review dispute 3f9a0c --reject --reviewer ana --reason "two events"
    """
    if confirm and reject:
        raise typer.BadParameter("--confirm or --reject, not both")
    changes = [("reject", True)] if reject else [("confirm", True)] if confirm else []
    _apply(db, "dispute", ident, changes, reviewer, reason, as_json)


@app.command("log")
def log(
    limit: Annotated[int | None, typer.Option(min=1, help="Only this many, newest first.")] = None,
    reviewer: Annotated[str | None, typer.Option("--by", help="Only this reviewer's.")] = None,
    status: Annotated[str | None, typer.Option(help="applied or orphaned.")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The audit trail: every correction, who made it, when, what it replaced and why.

    Example: counterclaim review log --json
    """
    engine = engine_for(db)
    with _errors(db):
        found = review.review_log(engine, limit=limit, reviewer=reviewer, status=status)
    if as_json:
        for c in found:
            typer.echo(json.dumps(c.record(), ensure_ascii=False))
        return
    console = Console(highlight=False)
    for c in found:
        console.print(Text(_line(c)))
        if c.label:
            console.print(Text(f"    {c.label}", style="dim"))
    console.print(f"{len(found)} correction(s)")


@app.command("status")
def status(
    limit: Annotated[int, typer.Option(min=1, help="List this many orphaned, newest first.")] = 50,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """How the corrections stand: applied, and orphaned (their target is gone: a deleted
    article, a dispute whose claims changed); the orphaned ones are listed, never dropped.

    Example: counterclaim review status
    """
    engine = engine_for(db)
    with _errors(db):
        found = review.review_status(engine, limit=limit)
    orphans = found["orphans"]
    if as_json:
        typer.echo(json.dumps({**found, "orphans": [c.record() for c in orphans]},
                              ensure_ascii=False))  # fmt: skip
    else:
        console = Console(highlight=False)
        console.print(f"{found['applied']} correction(s) applied, {found['orphaned']} orphaned")
        for kind, counts in found["by_kind"].items():
            if counts["applied"] or counts["orphaned"]:
                console.print(
                    f"  {kind}: {counts['applied']} applied, {counts['orphaned']} orphaned"
                )
        for c in orphans:
            console.print(Text(f"orphaned {_line(c)}"))
            if c.label:
                console.print(Text(f"    {c.label}", style="dim"))


@app.command("queue")
def queue(
    limit: Annotated[int, typer.Option(min=1, help="How many.")] = 20,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Statements nobody has reviewed yet, lowest confidence first.

    Example: counterclaim review queue --limit 10
    """
    engine = engine_for(db)
    with _errors(db):
        found = review.review_queue(engine, limit=limit)
    if as_json:
        for item in found:
            typer.echo(json.dumps(item, ensure_ascii=False))
        return
    console = Console(highlight=False)
    for item in found:
        console.print(Text(f"{item['ref']}  {item['confidence']:.2f}  {item['speaker'] or '-'}: "
                           f"{item['content'][:100]}"))  # fmt: skip
    console.print(f"{len(found)} statement(s) to review")


def register(root: typer.Typer) -> None:
    """Add the ``review`` commands to ``root``."""
    root.add_typer(app, name="review")
