"""The ``events`` command: events linked across articles, with what each source says of them.

Registered on :data:`counterclaim.cli.app` by :func:`register`; a thin layer over
:func:`counterclaim.pipeline.events`, printing text or JSON lines (:func:`pipeline.event_record`).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from counterclaim import pipeline
from counterclaim.cli.common import DbOption, JsonOption, engine_for, user_errors


def _figure(f: dict[str, Any]) -> str:
    count = f["count"] or {}
    return f"{count.get('text') or count.get('best')} ({f['said_on'] or '?'})"


def events(
    place: Annotated[
        str | None, typer.Option(help="Only events at this place (name, alias or id).")
    ] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List events linked across articles, with their claims, tolls by source and disputes.

    Example: counterclaim events --place Kharkiv --db sqlite:///ledger.db
    """
    engine = engine_for(db)
    with user_errors():
        try:
            found = pipeline.events(engine, place=place)
        except pipeline.EntityNotFound as err:
            raise typer.BadParameter(str(err)) from err
    records = [pipeline.event_record(v) for v in found]
    if as_json:
        for record in records:
            typer.echo(json.dumps(record, ensure_ascii=False, default=str))
        return
    console = Console(highlight=False)
    for r in records:
        docs = len(r["documents"])
        console.print(Text(f"#{r['id']} {r['title']}  ({docs} article{'s' * (docs != 1)}, "
                           f"{len(r['mentions'])} mentions)", style="bold"))  # fmt: skip
        names = list(dict.fromkeys(m["text"] for m in r["mentions"]))
        console.print(Text("  named: " + "; ".join(names[:6]) + (" ..." if len(names) > 6 else "")))
        for s in r["tolls"]:
            kind = "revised" if s["revised"] else "series"
            victim = f" {s['victim']}" if s["victim"] else ""
            figures = " -> ".join(_figure(f) for f in s["figures"])
            console.print(Text(f"  {s['type']}{victim}, {s['source']} ({kind}): {figures}"))
        for c in r["compared"]:
            mark = "differ" if c["differ"] else "agree"
            sides = "; ".join(f"{x['source']} {_figure(x)}" for x in c["latest"])
            console.print(Text(f"  compared {c['type']} {c['victim']} ({mark}): {sides}"))
        for w in r["weapons"]:
            console.print(Text(f"  weapon: {w['weapon']} ({w['source']})"))
        for o in r["launched_from"]:
            console.print(Text(f"  launched from: {o['place']} ({o['source']})"))
        for c in r["responsibility"]:
            console.print(Text(f"  responsibility: {c['said']['speaker_name']}: "
                               f"{c['proposition']}"))  # fmt: skip
        for d in r["disputes"]:
            console.print(Text(f"  dispute: {d['proposition']} ({d['kind']})"))
        console.print()
    console.print(f"{len(records)} event(s)")


def register(app: typer.Typer) -> None:
    """Add the ``events`` command to ``app``."""
    app.command("events")(events)
