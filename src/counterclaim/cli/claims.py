"""The claim commands of the ``counterclaim`` CLI: claims, disputes, fatalities, timeline,
entities. Registered on :data:`counterclaim.cli.app` by :func:`register`; each is a thin
layer over one :mod:`counterclaim.pipeline` query, printing text or JSON lines."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from counterclaim import pipeline
from counterclaim.cli.common import (
    WIDE,
    DbOption,
    JsonOption,
    ReviewStateOption,
    engine_for,
    user_errors,
)
from counterclaim.compare import LedgerClaim, describe, side_independence
from counterclaim.records import ClaimType

#: Below this calibrated confidence a claim or figure is shown as low confidence (as the
#: web pages do).
LOW_CONFIDENCE = 0.5
MinConfidence = Annotated[
    float,
    typer.Option(min=0.0, max=1.0,
                 help="Only claims whose calibrated confidence is at least this (0-1)."),
]  # fmt: skip


@contextmanager
def _errors(db: str | None = None) -> Iterator[None]:
    with user_errors(db):
        try:
            yield
        except pipeline.EntityNotFound as err:
            raise typer.BadParameter(str(err)) from err


def _emit(records: Iterable[dict[str, Any]]) -> None:
    for record in records:
        typer.echo(json.dumps(record, ensure_ascii=False, default=str))


def _who(lc: LedgerClaim) -> str:
    names = [lc.said.speaker_name]
    for name in lc.said.chain:
        if name.casefold() != names[-1].casefold():
            names.append(name)
    return pipeline.CHAIN_ARROW.join(names)


def _value(lc: LedgerClaim) -> str:
    count = lc.claim.count
    figure = f" {count.text or count.best}" if count else ""
    return ("yes" if lc.claim.value else "NO") + figure


def claims(
    type_: Annotated[
        ClaimType | None, typer.Option("--type", help="Only claims of this type.")
    ] = None,
    doc: Annotated[str | None, typer.Option(help="Only this document (id or prefix).")] = None,
    q: Annotated[
        str | None, typer.Option("--q", help="Only claims whose proposition or evidence has this.")
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Only this many.")] = None,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many (with --limit).")] = 0,
    min_confidence: MinConfidence = 0.0,
    review_state: ReviewStateOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List the typed claims in the ledger: what each source says, as propositions.

    Filtered and paged in the database: ``--q`` finds words in the proposition or the
    evidence (apart from case); ``--limit``/``--offset`` read one page.

    Example: counterclaim claims --type territorial_control --q Panjshir --limit 20
    """
    engine = engine_for(db)
    with _errors(db):
        found, _ = pipeline.claim_page(engine, type_=type_.value if type_ else None, doc=doc,
                                       q=q, min_confidence=min_confidence,
                                       review_state=review_state, limit=limit,
                                       offset=offset if limit is not None else 0)  # fmt: skip
    if as_json:
        states = pipeline.claim_states(engine, found)
        _emit({**pipeline.claim_record(c), "review_state": s}
              for c, s in zip(found, states, strict=True))  # fmt: skip
        return
    rows = [(c.claim.doc_id[:8], str(c.claim.id), c.claim.type, describe(c), _value(c),
             _who(c), c.said.date or c.said.doc_date or "", f"{c.claim.confidence:.2f}")
            for c in found]  # fmt: skip
    _print_rows(("doc", "#", "type", "proposition", "value", "who", "said", "conf"), rows)
    Console(highlight=False).print(f"{len(found)} claim(s)")


def _print_rows(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """A table on a wide terminal, else one ``column: value`` line per row."""
    console = Console(highlight=False)
    if console.width < WIDE:
        for row in rows:
            console.print(" | ".join(v for v in row if v))
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for name in columns:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def _side_lines(label: str, side: Iterable[LedgerClaim]) -> Iterator[Text]:
    for c in side:
        line = Text(f"  {label:<8}", style="bold")
        line.append(_who(c), "cyan")
        line.append(f"  [{_value(c)}; said {c.said.date or c.said.doc_date or '?'}; "
                    f"doc {c.said.doc_id[:8]}]\n", "dim")  # fmt: skip
        line.append(f"           “{' '.join(c.said.sentence.split())}”", "green")
        yield line


def disputes(
    place: Annotated[
        str | None, typer.Option(help="Only disputes with a claim about this place.")
    ] = None,
    actor: Annotated[
        str | None, typer.Option(help="Only disputes naming this actor in a claim, or said by it.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Only this many, the most recent first.")
    ] = None,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many (with --limit).")] = 0,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Show where sources disagree: claims on one proposition that cannot all be true.

    Example: counterclaim disputes --place Panjshir --limit 20 --db sqlite:///ledger.db
    """
    engine = engine_for(db)
    with _errors(db):
        reviewed = pipeline.reviewed_disputes(engine, place=place, actor=actor, limit=limit,
                                              offset=offset if limit is not None else 0)  # fmt: skip
    found = [d for _, _, d in reviewed]
    if as_json:
        _emit({**pipeline.dispute_record(d), "key": key, "review_state": state}
              for key, state, d in reviewed)  # fmt: skip
        return
    console = Console(highlight=False)
    for key, state, d in reviewed:
        where = f"{len(d.documents)} documents" if d.cross_document else "one document"
        mark = "" if state == "machine" else f", {state}"
        console.print(Text(f"{d.proposition}  ({d.kind}, {where}{mark})  "
                           f"[{key.removeprefix('dispute:')[:12]}]", style="bold"))  # fmt: skip
        for label, side in (("for", d.for_), ("against", d.against), ("also", d.also_against)):
            for line in _side_lines(label, side):
                console.print(line)
        for label, side in (("for", d.for_), ("against", (*d.against, *d.also_against))):
            if side:
                summary = side_independence(side).summary()
                console.print(Text(f"  {label}: {summary}", style="magenta"))
        console.print()
    console.print(f"{len(found)} dispute(s)")


def fatalities(
    place: Annotated[str | None, typer.Option(help="Only the tallies at this place.")] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Only this many tallies (one-sided figures left out).")
    ] = None,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many (with --limit).")] = 0,
    min_confidence: MinConfidence = 0.0,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Casualty figures by source with low/best/high, and figures one side never answered.

    The tallies are read as stored, by period; ``--limit``/``--offset`` page them and
    ``--place`` keeps one place's (both leave out the one-sided figures, which read every
    figure of the ledger).

    ``--min-confidence`` tallies only the figures at least that likely right.

    Example: counterclaim fatalities --place Panjshir --limit 20 --db sqlite:///ledger.db
    """
    engine = engine_for(db)
    with _errors(db):
        tallies = pipeline.fatalities(engine, place=place, limit=limit,
                                      offset=offset if limit is not None else 0,
                                      min_confidence=min_confidence)  # fmt: skip
        whole = limit is None and place is None
        one_sided = pipeline.unanswered(engine) if whole else []
    if as_json:
        _emit({"kind": "tally", **pipeline.tally_record(t)} for t in tallies)
        _emit({"kind": "unanswered", **pipeline.unanswered_record(u)} for u in one_sided)
        return
    console = Console(highlight=False)
    for t in tallies:
        start, end = t.period
        period = "" if start is None else f", {start}" + ("" if start == end else f"/{end}")
        console.print(Text(f"{t.victim or '?'} killed in {t.place or '?'}{period}: "
                           f"low {t.low}, best {t.best}, high {t.high}", style="bold"))  # fmt: skip
        for f in t.figures:
            side = f" ({f.side})" if f.side else ""
            words = f.claim.claim.count.text if f.claim.claim.count else ""
            sure = f.claim.claim.confidence
            low = " LOW CONFIDENCE" if sure < LOW_CONFIDENCE else ""
            console.print(f"  {_who(f.claim)}{side}: {words or f.best} "
                          f"(confidence {sure:.2f}{low})")  # fmt: skip
    console.print(f"{len(tallies)} tally(ies)")
    for u in one_sided:
        what = describe(u.claim) + f" according to {_who(u.claim)}" if u.claim else u.why
        console.print(Text(f"one-sided: {what}", style="bold"))
        for s in u.evidence:
            console.print(Text(f"  “{s.span.text}” [doc {s.doc_id[:8]}]", style="green"))
    console.print(f"{len(one_sided)} one-sided figure(s)")


def timeline(
    subject: Annotated[str, typer.Argument(metavar="PLACE_OR_ENTITY", help="Name or id.")],
    limit: Annotated[
        int | None, typer.Option(min=1, help="Only this many, earliest first.")
    ] = None,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many (with --limit).")] = 0,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Claims about a place or entity in order of event date: who claimed what, when.

    Example: counterclaim timeline Panjshir --limit 50 --db sqlite:///ledger.db
    """
    engine = engine_for(db)
    with _errors(db):
        entries = pipeline.timeline(engine, subject, limit=limit,
                                    offset=offset if limit is not None else 0)  # fmt: skip
    if as_json:
        _emit(pipeline.entry_record(e) for e in entries)
        return
    rows = []
    for e in entries:
        start, end = e.when
        when = "?" if start is None else str(start) if start == end else f"{start}/{end}"
        rows.append((when, e.proposition, _value(e.claim), _who(e.claim), e.claim.said.doc_id[:8]))
    _print_rows(("when", "proposition", "value", "who", "doc"), rows)
    Console(highlight=False).print(f"{len(entries)} claim(s)")


def origins(
    subject: Annotated[
        str,
        typer.Argument(
            metavar="CLAIM_OR_ENTITY",
            help="A claim (<doc id prefix>:<claim id>) or an entity's name or id.",
        ),
    ],
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Who carried what: each claim's reports grouped by original statement.

    "5 reports, 1 origin" means five articles carried one statement (the same speaker and
    date, or copied text), however many outlets and agencies passed it on.

    Example: counterclaim origins "Karim Duran" --db sqlite:///ledger.db
    """
    engine = engine_for(db)
    with _errors():
        groups = pipeline.origins(engine, subject)
    if as_json:
        _emit(pipeline.origins_record(p, claims) for p, claims in groups)
        return
    console = Console(highlight=False)
    for proposition, claims in groups:
        found = side_independence(claims)
        console.print(Text(proposition, style="bold"))
        console.print(Text(f"  {found.summary()}", style="magenta"))
        for origin in found.origins:
            console.print(Text(f"  · {origin.describe()}", style="cyan"))
            for said in origin.reports:
                chain = " ← ".join((said.speaker_name, *said.chain))
                console.print(Text(f"      {chain}  [doc {said.doc_id[:8]}]", style="dim"))
    console.print(f"{len(groups)} proposition(s)")


def entities(
    name: Annotated[
        str | None, typer.Argument(metavar="[ENTITY]", help="Show one entity's links.")
    ] = None,
    merge: Annotated[
        tuple[str, str] | None,
        typer.Option(metavar="A B", help="Always merge these two entities (ids or names)."),
    ] = None,
    split: Annotated[
        str | None, typer.Option(metavar="A", help="Split an entity into its names, for good.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Entities listed.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many (the next page).")] = 0,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List entities resolved across documents; pin a merge or a split (kept on re-resolution).

    Example: counterclaim entities --merge fahim-dashti "Fahim Fashti" --db sqlite:///ledger.db
    """
    engine = engine_for(db)
    with _errors(db):
        try:
            if merge is not None or split is not None:
                kind, a, b = ("merge", *merge) if merge else ("split", split, None)
                names = pipeline.pin_entities(engine, kind, a, b)  # type: ignore[arg-type]
                typer.echo(f"pinned {kind}: {', '.join(names)}", err=True)
        except ValueError as err:
            raise typer.BadParameter(str(err)) from err
        if name is not None:
            _show_links(pipeline.entity_links(engine, name), as_json, engine)
            return
        found = pipeline.entities(engine, limit, offset)
    if as_json:
        evidence = pipeline.entity_evidence(engine, [g.id for g in found])
        _emit(pipeline.entity_record(g, evidence) for g in found)
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("id", "name", "type", "side", "docs", "aliases"):
        table.add_column(column, overflow="fold")
    for g in found:
        table.add_row(g.id, g.name, g.type, g.side or "", str(g.documents), ", ".join(g.aliases))
    Console(highlight=False).print(table)


def _show_links(
    found: list[tuple[Any, list[tuple[str, str, str]]]], as_json: bool, engine: Any
) -> None:
    evidence = pipeline.entity_evidence(engine, [e.id for e, _ in found])
    for entity, links in found:
        if as_json:
            record = pipeline.entity_record(entity, evidence)
            record["links"] = [{"doc_id": d, "key": k, "reason": r} for d, k, r in links]
            _emit([record])
            continue
        typer.echo(f"{entity.id}: {entity.name} ({entity.type}, {entity.documents} documents)")
        found_evidence = evidence.get(entity.id) or {}
        votes = found_evidence.get("type_votes") or {}
        if len(votes) > 1:
            typer.echo("  type by vote: " + ", ".join(f"{t} {n}" for t, n in votes.items()))
        for item in found_evidence.get("side_evidence") or []:
            typer.echo(f"  side {item['side']} ({str(item['doc_id'])[:8]}): {item['summary']}")
        for doc_id, key, reason in links:
            typer.echo(f"  {doc_id[:8]} {key}: {reason}")


COMMANDS: tuple[Callable[..., None], ...] = (
    claims,
    disputes,
    fatalities,
    timeline,
    origins,
    entities,
)


def register(app: typer.Typer) -> None:
    """Add the claim commands to ``app`` (:mod:`counterclaim.cli` does, once)."""
    for command in COMMANDS:
        app.command(command.__name__)(command)
