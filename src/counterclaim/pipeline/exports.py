"""Exports an analyst opens: the ledger's tables as CSV, JSON Lines or XLSX.

Each table (:data:`TABLES`: attributions, claims, disputes, fatalities, events, entities) is
a list of flat rows that start with what an analyst filters on: the document's title, URL,
date, publisher and byline, who said it (speaker, chain), the calibrated confidence (of the
statement; for claims and figures, of the claim, with its statement's beside it) and the
review state (``machine`` until a person reviews a row, then ``reviewed`` or ``corrected``:
:mod:`counterclaim.store.review`). Lists are joined with ``; `` (chains
with ``←``) in CSV and XLSX and kept as lists in JSON Lines. :func:`acled_events` gives
events in the columns of an ACLED export (event_id_cnty, event_date, event_type, actor1,
location, latitude, fatalities, source, notes, ...) for tools that read those.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from counterclaim.pipeline import api
from counterclaim.records import Attribution, Document
from counterclaim.store import ledger
from counterclaim.store import queries as q
from counterclaim.store import review as review_store
from counterclaim.store.eventview import event_record, events
from counterclaim.store.models import AttributionRow, ClaimRow, DocumentRow

REVIEW_STATE = "machine"  # a row no person has reviewed
_RANK = {"machine": 0, "reviewed": 1, "corrected": 2}
FORMATS = ("csv", "jsonl", "xlsx")
DOC_COLUMNS = ("doc_id", "title", "url", "date", "publisher", "author")
Row = dict[str, Any]


def document_record(doc: Document, attributions: int | None = None) -> Row:
    """A JSON-ready document without its text: id, title, URL, date, publisher, byline,
    section, keywords, origin (and its number of attributions when given)."""
    record: Row = {
        "id": doc.id, "title": doc.title, "url": doc.url,
        "date": doc.date.isoformat() if doc.date else None, "publisher": doc.publisher,
        "author": doc.author, "section": doc.section, "keywords": list(doc.keywords),
        "origin": doc.origin,
    }  # fmt: skip
    if attributions is not None:
        record["attributions"] = attributions
    return record


def ledger_counts(engine: Engine) -> dict[str, int]:
    """How many documents, attributions and claims the ledger holds."""
    with Session(engine) as session:
        return {
            name: session.scalar(select(func.count()).select_from(model)) or 0
            for name, model in (("documents", DocumentRow), ("attributions", AttributionRow),
                                ("claims", ClaimRow))
        }  # fmt: skip


class _Context:
    """Documents and attributions by id, read once for the rows that point at them."""

    def __init__(self, engine: Engine) -> None:
        with Session(engine) as session:
            self.docs = {d.id: d for d in ledger.list_documents(session)}
            self.attrs = {(a.doc_id, a.id): a for a in ledger.iter_attributions(session)}
            self.states = {k: review_store.states(session, k) for k in ("attribution", "claim",
                                                                        "entity")}  # fmt: skip

    def state(self, kind: str, *refs: str) -> str:
        """The review state of an item (the furthest of several: a claim and its statement)."""
        found = [self.states[kind if i == 0 else "attribution"].get(r, REVIEW_STATE)
                 for i, r in enumerate(refs)]  # fmt: skip
        return max(found, key=_RANK.__getitem__, default=REVIEW_STATE)

    def doc(self, doc_id: str) -> Row:
        d = self.docs.get(doc_id)
        if d is None:
            return dict.fromkeys(DOC_COLUMNS) | {"doc_id": doc_id}
        date = d.date.isoformat() if d.date else None
        return {"doc_id": d.id, "title": d.title, "url": d.url, "date": date,
                "publisher": d.publisher, "author": d.author}  # fmt: skip

    def confidence(self, doc_id: str, attribution: int | None) -> float | None:
        attr = self.attrs.get((doc_id, attribution)) if attribution is not None else None
        return attr.confidence if attr is not None else None


def _attribution_row(ctx: _Context, a: Attribution) -> Row:
    return {
        **ctx.doc(a.doc_id), "attribution": a.id, "speaker": api.speaker_label(a),
        "speaker_id": a.speaker, "chain": api.format_chain(a), "kind": a.kind,
        "stance": a.stance, "cue": a.cue.text, "content": a.content.text,
        "said_on": a.date, "channel": a.channel, "recipient": a.recipient,
        "responds_to": a.responds_to, "opposes": a.opposes, "sentence": a.sentence.text if a.sentence else None,
        "content_start": a.content.start, "content_end": a.content.end,
        "confidence": a.confidence, "method": a.method,
        "review_state": ctx.state("attribution", f"{a.doc_id}:{a.id}"),
    }  # fmt: skip


def _claim_row(ctx: _Context, lc: Any, **extra: Any) -> Row:
    record = q.claim_record(lc)
    said = lc.said
    count = record["count"] or {}
    names = [said.speaker_name, *said.chain]
    chain = [n for i, n in enumerate(names) if i == 0 or n.casefold() != names[i - 1].casefold()]
    args = {role: lc.names.get(v, v) if isinstance(v, str) else "; ".join(lc.names.get(x, x) for x in v)
            for role, v in lc.args.items()}  # fmt: skip
    return {
        **ctx.doc(said.doc_id), **extra, "claim": record["id"], "attribution": said.attribution,
        "type": record["type"], "proposition": record["proposition"], "value": record["value"],
        "modality": record["modality"], "actor": args.get("actor"), "place": args.get("place"),
        "victim": args.get("victim"), "count_low": count.get("low"),
        "count_best": count.get("best"), "count_high": count.get("high"),
        "count_text": count.get("text"), "event_date": record["date"],
        "speaker": said.speaker_name, "side": said.side,
        "chain": api.CHAIN_ARROW.join(chain), "said_on": said.date, "sentence": said.sentence,
        "confidence": record["confidence"],
        "attribution_confidence": ctx.confidence(said.doc_id, said.attribution),
        "review_state": ctx.state("claim", f"{said.doc_id}:{record['id']}",
                                  f"{said.doc_id}:{said.attribution}"),
    }  # fmt: skip


def attribution_rows(engine: Engine, ctx: _Context) -> Iterator[Row]:
    for a in ctx.attrs.values():
        yield _attribution_row(ctx, a)


def claim_rows(engine: Engine, ctx: _Context) -> Iterator[Row]:
    for lc in q.claims(engine):
        yield _claim_row(ctx, lc)


def dispute_rows(engine: Engine, ctx: _Context) -> Iterator[Row]:
    """One row per claim in a dispute, with the dispute's number, key, review state
    (machine or reviewed), side and proposition."""
    for number, (key, state, d) in enumerate(q.reviewed_disputes(engine), 1):
        for side, claims in (("for", d.for_), ("against", d.against), ("also", d.also_against)):
            for lc in claims:
                yield _claim_row(ctx, lc, dispute=number, dispute_key=key,
                                 dispute_review_state=state, dispute_kind=d.kind,
                                 dispute_side=side, disputed=d.proposition)  # fmt: skip


def fatality_rows(engine: Engine, ctx: _Context) -> Iterator[Row]:
    """One row per figure, with its tally's low/best/high."""
    for number, t in enumerate(q.fatalities(engine), 1):
        start, end = t.period
        tally = {"tally": number, "tally_victim": t.victim, "tally_place": t.place,
                 "period": None if start is None else f"{start}/{end}", "tally_low": t.low,
                 "tally_best": t.best, "tally_high": t.high}  # fmt: skip
        for f in t.figures:
            yield _claim_row(ctx, f.claim, **tally, source=f.source)


def event_rows(engine: Engine, ctx: _Context) -> Iterator[Row]:
    """One row per event and document reporting it."""
    for view in events(engine):
        r = event_record(view)
        for d in r["documents"]:
            doc_claims = [c for c in r["claims"] if c["doc_id"] == d["doc_id"]]
            speakers = dict.fromkeys(c["said"]["speaker_name"] for c in doc_claims)
            yield {
                **ctx.doc(d["doc_id"]), "event": r["id"], "event_title": r["title"],
                "family": r["family"], "type": r["type"], "place": r["place_name"],
                "first_day": r["first_day"], "last_day": r["last_day"],
                "mentions": "; ".join(m["text"] for m in r["mentions"] if m["doc_id"] == d["doc_id"]),
                "speaker": "; ".join(speakers), "claims": len(doc_claims),
                "disputes": len(r["disputes"]), "review_state": REVIEW_STATE,
            }  # fmt: skip


def entity_rows(engine: Engine, ctx: _Context) -> Iterator[Row]:
    for g in q.entities(engine):
        geo = g.geo
        yield {
            "entity": g.id, "name": g.name, "type": g.type, "side": g.side,
            "aliases": "; ".join(g.aliases), "roles": "; ".join(g.roles), "documents": g.documents,
            "country": geo.country if geo else None, "lat": geo.lat if geo else None,
            "lon": geo.lon if geo else None, "review_state": ctx.state("entity", g.id),
        }  # fmt: skip


ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "actor2", "country", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
)  # fmt: skip
_ACLED_TYPE = {"violence": "Battles", "attack": "Violence against civilians",
               "explosion": "Explosions/Remote violence"}  # fmt: skip


def acled_rows(engine: Engine, ctx: _Context) -> Iterator[Row]:
    """Events in ACLED's export columns: one row per event, fatalities the lowest latest
    figure any source gave (ACLED's conservative rule), sources joined with ``; ``."""
    places = {g.id: g for g in q.entities(engine)}
    for view in events(engine):
        r = event_record(view)
        place = places.get(r["place"]) if r["place"] else None
        geo = place.geo if place else None
        actors: list[str] = []
        for c in r["responsibility"] or r["claims"]:
            actor = c["args"].get("actor")
            for a in [actor] if isinstance(actor, str) else actor or []:
                name = places[a].name if a in places else a
                if name not in actors:
                    actors.append(name)
        killed = [f["count"]["low"] or f["count"]["best"] for s in r["tolls"]
                  if s["type"] == "fatalities" for f in s["figures"][-1:] if f.get("count")]  # fmt: skip
        killed = [k for k in killed if k is not None]
        day = r["first_day"]
        yield {
            "event_id_cnty": f"CC{r['id']}", "event_date": day, "year": day[:4] if day else None,
            "time_precision": 1 if day and day == r["last_day"] else 2,
            "disorder_type": "Political violence", "event_type": _ACLED_TYPE.get(r["family"], r["family"]),
            "sub_event_type": r["type"], "actor1": actors[0] if actors else None,
            "actor2": actors[1] if len(actors) > 1 else None,
            "country": geo.country if geo else None, "location": r["place_name"],
            "latitude": geo.lat if geo else None, "longitude": geo.lon if geo else None,
            "geo_precision": 1 if geo and geo.kind != "country" else 3 if geo else None,
            "source": "; ".join(dict.fromkeys(d["publisher"] or "?" for d in r["documents"])),
            "source_scale": "Other", "notes": r["title"],
            "fatalities": min(killed) if killed else 0,
            "tags": "disputed" if r["disputes"] else None,
        }  # fmt: skip


TABLES: dict[str, Callable[[Engine, _Context], Iterator[Row]]] = {
    "attributions": attribution_rows,
    "claims": claim_rows,
    "disputes": dispute_rows,
    "fatalities": fatality_rows,
    "events": event_rows,
    "entities": entity_rows,
    "acled": acled_rows,
}


def rows(engine: Engine, table: str) -> list[Row]:
    """The rows of one export table (see :data:`TABLES`)."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; use one of {', '.join(TABLES)}")
    return list(TABLES[table](engine, _Context(engine)))


def _columns(found: Iterable[Row], table: str) -> list[str]:
    if table == "acled":
        return list(ACLED_COLUMNS)
    return list(dict.fromkeys(k for r in found for k in r))


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_table(engine: Engine, table: str, fmt: str, out: IO[str] | Path) -> int:
    """Write one table as ``csv``, ``jsonl`` or ``xlsx`` (a file path only) and return its
    number of rows. An XLSX file has one sheet named after the table, a bold frozen header
    and an autofilter."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    found = rows(engine, table)
    columns = _columns(found, table)
    if fmt == "xlsx":
        if not isinstance(out, Path):
            raise ValueError("xlsx is written to a file: give --output FILE.xlsx")
        _write_xlsx(out, table, columns, found)
        return len(found)
    stream = out.open("w", encoding="utf-8", newline="") if isinstance(out, Path) else out
    try:
        if fmt == "jsonl":
            for r in found:
                stream.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        else:
            writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for r in found:
                writer.writerow({k: _cell(v) for k, v in r.items()})
    finally:
        if isinstance(out, Path):
            stream.close()
    return len(found)


def _write_xlsx(path: Path, table: str, columns: list[str], found: list[Row]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r in found:
        sheet.append([_cell(r.get(c)) for c in columns])
    sheet.freeze_panes = "A2"
    if found:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(found) + 1}"
    for i, name in enumerate(columns, 1):
        width = max([len(name), *(len(str(r.get(name) or "")) for r in found[:200])])
        sheet.column_dimensions[get_column_letter(i)].width = min(60, max(8, width + 2))
    book.save(path)
