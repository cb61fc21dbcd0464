"""The ledger commands of the ``counterclaim`` CLI: ingest, attributions, show, documents,
export, eval, serve. Each command parses its arguments, calls one pipeline function and prints the result.
Library errors a user can fix (bad URL, unknown document, missing model or file) become
``typer.BadParameter`` messages and exit codes, never tracebacks.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.table import Table
from rich.text import Text

from counterclaim import pipeline
from counterclaim.cli.common import (
    WIDE,
    DbOption,
    DocArgument,
    JsonOption,
    ModelOption,
    ReviewStateOption,
    default_ledger,
    engine_for,
    ledger_url,
    new_console,
    parse_date,
    sqlite_file,
    user_errors,
)
from counterclaim.records import Analysis, Attribution, Kind, Stance

STYLES = {"source": "bold cyan", "cue": "bold magenta", "content": "green", "header": "dim"}

# attribution table: (header, may wrap)
COLUMNS = (
    ("doc", False), ("#", False), ("speaker", True), ("cue", True), ("content", True),
    ("kind", False), ("stance", False), ("chain", True), ("date", False), ("channel", True),
    ("recipient", True),
)  # fmt: skip

OPTIONAL_COLUMNS = frozenset({"date", "channel", "recipient"})


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


# -- commands -------------------------------------------------------------------------


def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH_OR_URL",
            help="Files, folders (their .txt, .jsonl and .html files) or http(s):// URLs; "
            "a file named explicitly is read whatever its type (PDF too).",
        ),
    ],
    publisher: Annotated[
        str | None, typer.Option(help="Publisher for documents that name none.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="Date for documents that carry none."),
    ] = None,
    model: ModelOption = None,
    db: DbOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help="Extract on a local Dask cluster of N worker processes (one model each); "
            "this process writes the ledger.",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            metavar="tcp://HOST:PORT",
            help="Extract on a running Dask cluster (its workers need counterclaim and the "
            "model installed).",
        ),
    ] = None,
) -> None:
    """Read articles, extract who claims what, and add them to the ledger.

    Documents already in the ledger (same content) are left unchanged and not re-analysed,
    so an interrupted run started again analyses only what is missing. Inputs that cannot
    be read are listed with the reason. The exit code is 1 when nothing could be ingested
    (for instance a single file that was rejected).

    Example: counterclaim ingest articles/ --publisher tass --db sqlite:///ledger.db --workers 2
    """
    day = parse_date(date)
    if workers is not None and scheduler is not None:
        raise typer.BadParameter("give --workers or --scheduler, not both", param_hint="--workers")
    engine = engine_for(db, create=True)
    with user_errors(db):
        report = pipeline.ingest(
            paths, engine, publisher=publisher, date=day, model=model,
            progress=sys.stderr.isatty(), workers=workers, scheduler=scheduler,
        )  # fmt: skip
    typer.echo(
        f"{len(report.added)} added, {len(report.unchanged)} unchanged, "
        f"{len(report.skipped)} skipped"
    )
    for skip in report.skipped:
        typer.echo(f"skipped {skip.origin}: {skip.reason}")
    if report.skipped and not report.stored:
        raise typer.Exit(1)


def _attribution_table(attrs: list[Attribution]) -> Table:
    """One row per attribution; optional columns that are empty for every row are left out."""
    rows = [
        (a.doc_id[:8], str(a.id), pipeline.speaker_label(a), a.cue.text, a.content.text, a.kind,
         a.stance, pipeline.format_chain(a), a.date or "", a.channel or "", a.recipient or "")
        for a in attrs
    ]  # fmt: skip
    keep = [
        i
        for i, (name, _) in enumerate(COLUMNS)
        if name not in OPTIONAL_COLUMNS or any(row[i] for row in rows)
    ]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for i in keep:
        name, wraps = COLUMNS[i]
        table.add_column(name, no_wrap=not wraps, overflow="fold")
    for row in rows:
        table.add_row(*(Text(row[i], style=STYLES.get(COLUMNS[i][0], "")) for i in keep))
    return table


def attributions(
    source: Annotated[
        str | None, typer.Option(help="Only this speaker (name, entity key or source phrase).")
    ] = None,
    doc: Annotated[str | None, typer.Option(help="Only this document (id or prefix).")] = None,
    via: Annotated[
        str | None, typer.Option(help="Only attributions passed on by this intermediary.")
    ] = None,
    kind: Annotated[
        Kind | None, typer.Option(help="Only this kind: direct, indirect, call, narrator.")
    ] = None,
    stance: Annotated[Stance | None, typer.Option(help="Only this stance: assert or deny.")] = None,
    min_confidence: Annotated[
        float,
        typer.Option(
            min=0.0, max=1.0, help="Only attributions whose calibrated confidence is at least this."
        ),
    ] = 0.0,
    review_state: ReviewStateOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List who claims what, through whom, as a table or JSON lines.

    Example: counterclaim attributions --source Taliban --db sqlite:///ledger.db
    """
    engine = engine_for(db)
    with user_errors(db):
        found = pipeline.attributions(
            engine, source=source, doc=doc, via=via, kind=kind, stance=stance,
            min_confidence=min_confidence, review_state=review_state,
        )  # fmt: skip
    if as_json:
        states = pipeline.attribution_states(engine, found)
        for attr, state in zip(found, states, strict=True):
            record = {**pipeline.attribution_record(attr), "review_state": state}
            typer.echo(json.dumps(record, ensure_ascii=False))
        return
    console = new_console()
    if console.width >= WIDE:
        console.print(_attribution_table(found))
    else:  # too narrow for eleven columns: one line per attribution
        for attr in found:
            console.print(Text(f"{attr.doc_id[:8]} ", style="dim") + _describe(attr))
    console.print(f"{len(found)} attribution(s)")


def highlighted(analysis: Analysis) -> Text:
    doc = analysis.document
    text = Text(doc.text)
    if doc.body_start:
        text.stylize(STYLES["header"], 0, doc.body_start)
    for kind in ("content", "source", "cue"):  # narrower spans last, so they win
        for attr in analysis.attributions:
            span = getattr(attr, kind)
            if span is not None:
                text.stylize(STYLES[kind], span.start, span.end)
    return text


def _describe(attr: Attribution) -> Text:
    line = Text(f"[{attr.id}] ")
    line.append(pipeline.speaker_label(attr), STYLES["source"])
    if attr.cue.text:  # a narrator statement has no cue
        line.append(" ")
        line.append(attr.cue.text, STYLES["cue"])
    line.append(" “")
    line.append(attr.content.text, STYLES["content"])
    line.append(f"” ({attr.kind}, {attr.stance})")
    if attr.chain and attr.chain != (pipeline.speaker_label(attr),):
        line.append(f" via {pipeline.CHAIN_ARROW.join(attr.chain)}")
    extras = [f"{k} {v}" for k, v in (("on", attr.date), ("channel", attr.channel),
                                      ("to", attr.recipient)) if v]  # fmt: skip
    if extras:
        line.append("; " + ", ".join(extras))
    if attr.stance == "deny" and attr.responds_to is not None:
        line.append(f"; responds to [{attr.responds_to}]", "bold")
    return line


class ColorMode(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def show(
    doc: DocArgument,
    color: Annotated[
        ColorMode,
        typer.Option(
            "--color",
            help="Highlight with colours: always (also when piped, e.g. into `less -R`), "
            "never, or auto (only on a terminal).",
        ),
    ] = ColorMode.auto,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Print an article with its sources, cues and contents highlighted, then its attributions.

    Example: counterclaim show 3fa9 --color always | less -R
    """
    engine = engine_for(db)
    with user_errors(db):
        analysis = pipeline.document_analysis(engine, doc)
    d = analysis.document
    if as_json:
        record = pipeline.document_record(d, len(analysis.attributions))
        record["text"] = d.text
        record["attributions"] = [pipeline.attribution_record(a) for a in analysis.attributions]
        typer.echo(json.dumps(record, ensure_ascii=False, default=str))
        return
    console = new_console(color.value)
    facts = [d.id, d.publisher, d.date.isoformat() if d.date else None, d.origin, d.url]
    if d.title:
        console.print(Text(d.title, style="bold"))
    console.print(Text(" | ".join(f for f in facts if f), style="dim"))
    legend = ((f"{k} ", STYLES[k]) for k in ("source", "cue", "content"))
    console.print(Text.assemble("key: ", *legend))
    console.print()
    console.print(highlighted(analysis))
    console.print()
    console.print(Text(f"{len(analysis.attributions)} attribution(s)", style="bold"))
    for attr in analysis.attributions:
        console.print(_describe(attr))


def documents(as_json: JsonOption = False, db: DbOption = None) -> None:
    """List the documents in the ledger with their number of attributions.

    Example: counterclaim documents --json
    """
    engine = engine_for(db)
    if as_json:
        for d, count in pipeline.documents(engine):
            record = pipeline.document_record(d, count)
            typer.echo(json.dumps(record, ensure_ascii=False, default=str))
        return
    table = Table()
    for name in ("id", "date", "publisher", "title", "attributions", "origin"):
        table.add_column(name, overflow="fold")
    for d, count in pipeline.documents(engine):
        date = d.date.isoformat() if d.date else ""
        values = (d.id[:12], date, d.publisher or "", d.title or "", str(count), d.origin or "")
        table.add_row(*(Text(v) for v in values))
    new_console().print(table)


class ExportTable(StrEnum):
    attributions = "attributions"
    claims = "claims"
    disputes = "disputes"
    fatalities = "fatalities"
    events = "events"
    entities = "entities"
    acled = "acled"


def export(
    table: Annotated[
        ExportTable,
        typer.Argument(help="What to export (acled: events in ACLED's CSV columns)."),
    ] = ExportTable.attributions,
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format", help="Output format (default: from --output's suffix, else jsonl)."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", dir_okay=False, help="File (default: stdout).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Write a table of the ledger as CSV, JSON lines or an Excel workbook (XLSX).

    Every row carries the document's title, URL, date, publisher and byline, the speaker and
    chain, the confidence and a review state ("machine": not reviewed by a person).

    Example: counterclaim export claims --output claims.xlsx
    """
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output is not None else ""
        fmt = ExportFormat(suffix) if suffix in set(ExportFormat) else ExportFormat.jsonl
    if fmt is ExportFormat.xlsx and output is None:
        raise typer.BadParameter("an XLSX workbook needs --output FILE.xlsx", param_hint="--output")
    engine = engine_for(db)
    with user_errors():
        try:
            count = pipeline.write_table(engine, table.value, fmt.value, output or sys.stdout)
        except OSError as err:
            raise typer.BadParameter(
                f"cannot write {output}: {err.strerror}", param_hint="--output"
            ) from err
    if output is not None:
        typer.echo(f"{count} {table.value} row(s) written to {output}", err=True)


def evaluate(
    gold: Annotated[
        Path | None,
        typer.Argument(metavar="GOLD.json", exists=True, dir_okay=False, help="Gold file."),
    ] = None,
    article: Annotated[
        Path | None,
        typer.Argument(
            metavar="ARTICLE",
            exists=True,
            dir_okay=False,
            help="Article (default: the one the gold file names).",
        ),
    ] = None,
    polnear: Annotated[
        Path | None,
        typer.Option(
            "--polnear", metavar="DIR", exists=True, file_okay=False, help="PolNeAR split folder."
        ),
    ] = None,
    corpus: Annotated[
        list[Path] | None,
        typer.Option(
            "--corpus",
            metavar="PATH",
            exists=True,
            help="Cross-document file, gold file or folder of them (repeatable): ingest "
            "all their articles into one ledger and score its disputes.",
        ),
    ] = None,
    ledger: Annotated[
        str | None,
        typer.Option(
            "--ledger",
            metavar="URL",
            help="With --corpus: build the ledger here (an empty one) instead of in a "
            "temporary file, to look at it afterwards.",
        ),
    ] = None,
    model: ModelOption = None,
) -> None:
    """Score the pipeline against a gold file, a PolNeAR folder (--polnear), or a corpus
    of gold files read as one ledger (--corpus).

    Prints the evaluation report; its last line is the headline score.

    With GOLD.json, the article is read with the publisher the gold names, as
    `ingest --publisher` does. A predicted dispute matches a gold one when one of its sides
    holds a claim made in an attribution matching one behind the gold `for` side, and the
    other side one behind its `against` (or `also_against`) side; claim types are not
    compared.

    With --corpus, the articles of every gold file named (a cross-document file brings
    the gold files of its `documents`; a folder, its `*.json`) are ingested into one fresh
    SQLite ledger through the normal pipeline (cross-document linking, stored disputes).
    Recall is over every gold dispute: the within-story disputes of each gold file plus
    the cross-document ones. Precision is over every dispute the ledger stores: those
    matching any of those gold disputes count as right. The report gives
    `cross-document entities X/Y, merge errors Z` and `cross-document disputes found
    X/Y` for cross-document files, and ends with `dispute recall X.XXX precision Y.YYY`.

    Example: counterclaim eval examples/tass-2021-09-03-panjshir.gold.json

    Example: counterclaim eval --corpus data/voa/gold/crossdoc-pakistan-train.json

    Example: counterclaim eval --corpus data/voa/gold/
    """
    targets = sum(x is not None for x in (gold, polnear, corpus))
    if targets != 1:
        raise typer.BadParameter(
            "give one of GOLD.json, --polnear DIR or --corpus PATH", param_hint="GOLD.json"
        )
    if gold is None and article is not None:
        raise typer.BadParameter("ARTICLE goes with GOLD.json only", param_hint="ARTICLE")
    if ledger is not None and corpus is None:
        raise typer.BadParameter("--ledger goes with --corpus", param_hint="--ledger")
    from counterclaim.evaluate.gold import GoldError
    from counterclaim.evaluate.run import evaluate_corpus, evaluate_gold, evaluate_polnear

    with user_errors():
        try:
            if polnear is not None:
                lines = evaluate_polnear(polnear, model=model)
            elif corpus is not None:
                lines = evaluate_corpus(corpus, model=model, db=ledger)
            else:
                assert gold is not None
                lines = evaluate_gold(gold, article, model=model)
        except (GoldError, FileNotFoundError, json.JSONDecodeError) as err:
            raise typer.BadParameter(str(err), param_hint="GOLD.json") from err
    for line in lines:
        typer.echo(line)


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            metavar="NAME",
            help="A Host name the server answers to (repeat; *.example.org for subdomains). "
            "Loopback names are always allowed.",
        ),
    ] = None,
    reads_per_minute: Annotated[
        int, typer.Option(min=1, metavar="N", help="Page and API reads per client and minute.")
    ] = 600,
    writes_per_minute: Annotated[
        int, typer.Option(min=1, metavar="N", help="Writes per client and minute.")
    ] = 30,
    max_bytes: Annotated[
        int, typer.Option(min=1_000, metavar="BYTES", help="Largest document accepted by POST.")
    ] = 200_000,
) -> None:
    """Serve the analyst's web pages and the HTTP API (OpenAPI at /openapi.json).

    Read-only unless write credentials are set in the environment: COUNTERCLAIM_TOKEN (a
    shared token, 16 characters or more) or COUNTERCLAIM_REVIEWERS / COUNTERCLAIM_REVIEWERS_FILE
    (name:hash pairs from `counterclaim hash-password`). See the README before exposing it.

    Example: COUNTERCLAIM_TOKEN=... counterclaim serve --db sqlite:///ledger.db --port 8000
    """
    import uvicorn

    from counterclaim.web import create_app
    from counterclaim.web.security import (
        LOOPBACK_HOSTS,
        ConfigError,
        Limits,
        WriteAccess,
        host_of,
        is_loopback,
    )

    try:
        access = WriteAccess.from_env()
    except ConfigError as err:
        raise typer.BadParameter(str(err), param_hint="environment") from err
    hosts = [*LOOPBACK_HOSTS, *(allowed_host or [])]
    bind = host_of(host) if host.startswith("[") else host
    if not is_loopback(bind):
        if bind not in ("0.0.0.0", "::"):
            hosts.append(bind)
        typer.echo(
            f"counterclaim: warning: listening on {host}, reachable from other machines. "
            "Serve it behind a TLS reverse proxy (see the README)"
            + ("" if allowed_host else "; pass --allowed-host NAME for the name clients use"),
            err=True,
        )
        if access.enabled:
            typer.echo(
                "counterclaim: warning: writes are enabled: credentials sent over plain HTTP "
                "can be read on the network",
                err=True,
            )
    mode = "writes need credentials" if access.enabled else "read-only"
    typer.echo(f"counterclaim: http://{host}:{port}/ ({mode}; API: /docs)", err=True)
    limits = Limits(reads_per_minute=reads_per_minute, writes_per_minute=writes_per_minute)
    app = create_app(engine_for(db, create=True), write_access=access, allowed_hosts=hosts, limits=limits,
                     max_bytes=max_bytes)  # fmt: skip
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)


def hash_password() -> None:
    """Print the hash of a reviewer's password (asked twice, not echoed) for
    COUNTERCLAIM_REVIEWERS="name:HASH" or a line of COUNTERCLAIM_REVIEWERS_FILE.

    Example: counterclaim hash-password >> /etc/counterclaim/reviewers (then prefix the name)
    """
    from counterclaim.web.security import hash_password as make_hash

    password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 10:
        raise typer.BadParameter("use 10 characters or more", param_hint="password")
    typer.echo(make_hash(password))


def search(
    query: Annotated[
        list[str], typer.Argument(metavar="WORDS...", help="Words, all of which must match.")
    ],
    limit: Annotated[int, typer.Option(min=1, max=500, help="Statements per page.")] = 20,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many (the next page).")] = 0,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Full-text search over statements: contents, speakers, cues and titles, best first.

    Words are stemmed ("talks" finds "talk"); a surname, or another name or spelling
    recorded for the speaker's entity, finds the speaker's statements; a reporting verb
    ("denied", "warned") finds the statements it introduces.

    Example: counterclaim search Balkhi talks --limit 10
    """
    engine = engine_for(db)
    with user_errors():
        found = pipeline.search_statements(engine, " ".join(query), limit=limit, offset=offset)
    if as_json:
        for hit in found.hits:
            record = pipeline.attribution_record(hit.attribution)
            typer.echo(json.dumps({"rank": round(hit.rank, 4), "title": hit.title, **record},
                                  ensure_ascii=False))  # fmt: skip
        return
    console = new_console()
    for hit in found.hits:
        title = f" {hit.title}" if hit.title else ""
        console.print(Text(f"{hit.attribution.doc_id[:8]}{title}", style="dim"))
        console.print(Text("  ") + _describe(hit.attribution))
    shown = f"{offset + 1}-{offset + len(found.hits)} of " if found.hits else ""
    console.print(f"{shown}{found.total} statement(s)")


def info(as_json: JsonOption = False, db: DbOption = None) -> None:
    """Where the ledger is (and the default one), and what it holds.

    Example: counterclaim info
    """
    url = ledger_url(db)
    path = sqlite_file(url)
    facts: dict[str, object] = {
        "ledger": str(path) if path is not None else url.split("@")[-1],
        "default ledger": str(default_ledger()),
        "exists": path is None or path.exists(),
    }
    if facts["exists"]:
        facts.update(pipeline.ledger_counts(engine_for(db)))
    if as_json:
        typer.echo(json.dumps(facts, ensure_ascii=False))
        return
    for key, value in facts.items():
        typer.echo(f"{key}: {value}")
    if not facts["exists"]:
        typer.echo("(no ledger there yet: `counterclaim ingest FILE` creates it)")


COMMANDS: tuple[tuple[str, Callable[..., None]], ...] = (
    ("info", info),
    ("search", search),
    ("ingest", ingest),
    ("attributions", attributions),
    ("show", show),
    ("documents", documents),
    ("export", export),
    ("eval", evaluate),
    ("serve", serve),
    ("hash-password", hash_password),
)


def register(app: typer.Typer) -> None:
    """Add the ledger commands to ``app`` (:mod:`counterclaim.cli` does, once)."""
    for name, command in COMMANDS:
        app.command(name)(command)
