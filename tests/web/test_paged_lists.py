"""The lists read one page in SQL from stored rows (the entity index, the claims' search
texts, the entity counts) give what reading every row gave: the same items in the same
order, each page a slice of the whole, and still after new documents are ingested and
linked (the stored rows follow every write), and after a rebuild from scratch."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from sqlalchemy import Engine, and_, func, or_, select
from sqlalchemy.orm import Session
from webdata import hostile, panjshir, resistance_statement

from counterclaim import pipeline
from counterclaim.records import Analysis
from counterclaim.store import make_engine, readrows, save_analysis
from counterclaim.store.models import (
    AttributionRow,
    ChainLinkRow,
    ClaimArgRow,
    ClaimRow,
    DocumentRow,
    EntityCountRow,
    EntityItemRow,
    EntityLinkRow,
    GlobalEntityRow,
    MentionRow,
)
from counterclaim.store.readmodels import refresh_read_models


def _copy(analysis: Analysis, doc_id: str, day: dt.date) -> Analysis:
    """The same article under another id and date (another wire's copy of it)."""

    def moved(x: object) -> object:
        return dataclasses.replace(x, doc_id=doc_id)  # type: ignore[type-var]

    doc = dataclasses.replace(analysis.document, id=doc_id, date=day)
    return dataclasses.replace(
        analysis, document=doc, attributions=tuple(moved(a) for a in analysis.attributions),
        claims=tuple(moved(c) for c in analysis.claims),
    )  # fmt: skip


def _ledger(path: Path, copies: int) -> Engine:
    engine = make_engine(f"sqlite:///{path}")
    with Session(engine) as session, session.begin():
        save_analysis(session, panjshir())
        save_analysis(session, hostile())
        for n in range(copies):  # some dated the same day: the order falls to the id
            day = dt.date(2021, 9, 1 + n % 3) if n % 4 else None
            save_analysis(session, _copy(panjshir(), f"c0py{n:012x}", day))  # type: ignore[arg-type]
    pipeline.link_entities(engine)
    return engine


# ---------------------------------------------------------------- the old all-rows paths


def _old_entity_lists(engine: Engine, gid: str) -> dict[str, list[tuple[str, int]]]:
    """The entity page's lists as the page read them before the entity index: joins over
    every linked document, sorted newest document first (``store/entitypage.py`` on main)."""
    a, link, d, m = AttributionRow, EntityLinkRow, DocumentRow, MentionRow
    with Session(engine) as session:
        linked = select(link.doc_id, link.entity_key).where(link.global_id == gid).subquery()
        g = session.get(GlobalEntityRow, gid)
        assert g is not None
        names = sorted({n.casefold() for n in (g.name, *g.aliases)})
        said_by = and_(a.doc_id == linked.c.doc_id, a.speaker == linked.c.entity_key)
        not_by = or_(a.speaker.is_(None), a.speaker != linked.c.entity_key)
        queries = {
            "by": select(a.id).join(linked, said_by),
            "about": select(a.id).join(m, a.doc_id == m.doc_id)
            .join(linked, and_(m.doc_id == linked.c.doc_id, m.entity_key == linked.c.entity_key))
            .where(a.content_start <= m.span_start, m.span_end <= a.content_end, not_by),
            "via": select(a.id).join(linked, a.doc_id == linked.c.doc_id)
            .join(ChainLinkRow, ChainLinkRow.attribution_id == a.id)
            .where(func.lower(ChainLinkRow.name).in_(names), not_by),
        }  # fmt: skip
        newest = (d.date.is_(None), d.date.desc(), d.ingested_at.desc(), d.id.desc())
        out = {}
        for rel, ids in queries.items():
            stmt = select(a.doc_id, a.local_id).join(d).where(a.id.in_(ids))
            out[rel] = [tuple(r) for r in session.execute(stmt.order_by(*newest, a.local_id))]
        docs = select(d.id).where(d.id.in_(select(linked.c.doc_id))).order_by(*newest)
        out["doc"] = [(i, 0) for i in session.scalars(docs)]
    return out  # type: ignore[return-value]


def _old_entity_summaries(engine: Engine) -> list[tuple[str, int, int, int, set[str]]]:
    """(key, statements, documents, mentions, aliases) of every linked entity, most quoted
    first, as the list grouped every document's analysis before (``web/entities.py`` on
    main, which also listed unlinked document keys, whose entity page is a 404)."""
    links = {(dd, k): g for dd, k, g in _rows(engine, select(EntityLinkRow.doc_id,
             EntityLinkRow.entity_key, EntityLinkRow.global_id))}  # fmt: skip
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    written: dict[str, set[str]] = defaultdict(set)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for (doc_id,) in _rows(engine, select(DocumentRow.id)):
        analysis = pipeline.document_analysis(engine, doc_id)
        seen = set()
        for e in analysis.entities:
            gid = links.get((doc_id, e.key), e.key)
            names[gid][e.name] += 1
            if gid not in seen:
                stats[gid][1] += 1
                seen.add(gid)
        for mention in analysis.mentions:  # (mentions counted as the entity page counts)
            if mention.entity is not None:
                stats[links.get((doc_id, mention.entity), mention.entity)][2] += 1
            if mention.entity is not None and mention.label != "PRON":
                written[links.get((doc_id, mention.entity), mention.entity)].add(
                    " ".join(mention.span.text.split())
                )
        for attr in analysis.attributions:
            if attr.speaker:
                stats[links.get((doc_id, attr.speaker), attr.speaker)][0] += 1
    # an entity the linker leaves alone (an unnamed description) has no page: not listed
    rows = [(g, s, dd, n, written[g]) for g, (s, dd, n) in stats.items()
            if g in set(links.values())]  # fmt: skip
    return sorted(rows, key=lambda r: (-r[1], -r[2], -r[3], r[0]))


def _rows(engine: Engine, stmt: object) -> list[tuple[object, ...]]:
    with Session(engine) as session:
        return [tuple(r) for r in session.execute(stmt)]  # type: ignore[call-overload]


def _old_claims(engine: Engine, q: str | None = None) -> list[tuple[str, int]]:
    """Every claim read and filtered in Python, as ``/api/claims`` did before."""
    found = [pipeline.claim_record(c) for c in pipeline.claims(engine)]
    if q:
        found = [r for r in found
                 if q.casefold() in f"{r['proposition']} {r['evidence'] or ''}".casefold()]  # fmt: skip
    return [(r["doc_id"], r["id"]) for r in found]  # type: ignore[misc]


def _old_subjects(engine: Engine) -> list[tuple[str, int]]:
    count = func.count(func.distinct(ClaimArgRow.claim_id))
    stmt = (select(GlobalEntityRow.id, count)
            .join(ClaimArgRow, ClaimArgRow.global_id == GlobalEntityRow.id)
            .group_by(GlobalEntityRow.id).order_by(count.desc(), GlobalEntityRow.name))  # fmt: skip
    return [(str(g), int(n)) for g, n in _rows(engine, stmt)]  # type: ignore[call-overload]


# ---------------------------------------------------------------- the checks


def _check(engine: Engine) -> None:
    """Every paged list equals its all-rows reading, and its pages are slices of it."""
    entities = [g.id for g in pipeline.entities(engine)]
    assert entities
    for gid in entities:
        old = _old_entity_lists(engine, gid)
        page = pipeline.entity_page(engine, gid, limit=1000)
        assert page is not None
        new = {
            "doc": [(doc.id, 0) for doc in page.documents],
            **{rel: [(a.doc_id, a.id) for a, _, _ in getattr(page, rel)]
               for rel in ("by", "about", "via")},
        }  # fmt: skip
        assert new == old, gid
        assert page.statements == len(old["by"]) and page.document_total == len(old["doc"])
        for offset in (0, 1, 3):
            part = pipeline.entity_page(engine, gid, limit=2, offset=offset)
            assert part is not None
            assert [(a.doc_id, a.id) for a, _, _ in part.by] == old["by"][offset : offset + 2]
            assert [(doc.id, 0) for doc in part.documents] == old["doc"][offset : offset + 2]
    summaries, total = pipeline.entity_list(engine, limit=None)
    got = [(g.id, s, d, n, set(g.aliases)) for g, s, d, n in summaries]
    want = _old_entity_summaries(engine)
    assert total == len(want)
    assert [r[:4] for r in got] == [r[:4] for r in want]  # ties: by name, then id
    assert all(r[4] == w[4] for r, w in zip(got, want, strict=True) if w[4])
    for offset in (0, 2, 5):
        part, _ = pipeline.entity_list(engine, limit=3, offset=offset)
        assert [g.id for g, *_ in part] == [r[0] for r in got][offset : offset + 3]
    for q in (None, "panjshir", "KILLED", "taliban control", "nothing like this"):
        old_claims = _old_claims(engine, q)
        found, n = pipeline.claim_page(engine, q=q, limit=None)
        assert [c.ref for c in found] == old_claims and n == len(old_claims), q
        for offset in (0, 4, len(old_claims) - 1):
            part, n = pipeline.claim_page(engine, q=q, limit=4, offset=max(0, offset))
            assert [c.ref for c in part] == old_claims[max(0, offset) : max(0, offset) + 4], q
    subjects = [(s.id, s.claims) for s in pipeline.timeline_subjects(engine)]
    assert sorted(subjects) == sorted(_old_subjects(engine))
    with Session(engine) as session:  # the counts are the sums of the items
        items = Counter((g, r) for g, r in session.execute(
            select(EntityItemRow.global_id, EntityItemRow.rel)))  # fmt: skip
        for row in session.scalars(select(EntityCountRow)):
            assert row.statements == items[(row.global_id, "by")]
            assert row.documents == items[(row.global_id, "doc")]


def _stored(engine: Engine) -> tuple[list[tuple[object, ...]], ...]:
    return tuple(sorted(_rows(engine, select(*m.__table__.columns)))
                 for m in (EntityItemRow, EntityCountRow))  # fmt: skip


def test_paged_lists_equal_the_all_rows_reading_and_follow_ingests(tmp_path: Path) -> None:
    engine = _ledger(tmp_path / "ledger.db", copies=7)
    _check(engine)
    with Session(engine) as session, session.begin():  # a new document, a new key for the NRF
        save_analysis(session, resistance_statement())
        save_analysis(session, _copy(hostile(), "h0st00000000000a", dt.date(2021, 9, 9)))  # type: ignore[arg-type]
    pipeline.link_entities(engine)
    refresh_read_models(engine)
    _check(engine)
    nrf, _ = pipeline.entity_list(engine, q="resistance forces")
    assert [g.id for g, *_ in nrf] == ["national-resistance-front"]
    incremental = _stored(engine)
    with Session(engine) as session, session.begin():  # rebuilt from scratch
        readrows.mark_due(session, readrows.TIMELINE, [readrows.ALL])
    assert refresh_read_models(engine, docs_chunk=3) > 0
    assert _stored(engine) == incremental
    engine.dispose()


def test_a_rejected_claim_leaves_the_list_and_its_search(tmp_path: Path) -> None:
    engine = _ledger(tmp_path / "ledger.db", copies=2)
    found, total = pipeline.claim_page(engine, q="Killed", limit=10)
    assert total == 3 and {c.claim.type for c in found} == {"fatalities"}
    with Session(engine) as session, session.begin():
        row = session.scalars(select(ClaimRow).where(ClaimRow.type == "fatalities")).first()
        assert row is not None
        row.rejected = True
    assert pipeline.claim_page(engine, q="killed")[1] == 2
    assert pipeline.claim_page(engine)[1] == len(_old_claims(engine)) == 8
    engine.dispose()


@pytest.mark.parametrize("limit", [1, 50])
def test_the_api_lists_page_with_their_limit(tmp_path: Path, limit: int) -> None:
    from fastapi.testclient import TestClient
    from webdata import BASE_URL, ROOMY

    from counterclaim.web import create_app

    engine = _ledger(tmp_path / "ledger.db", copies=3)
    with TestClient(create_app(engine, limits=ROOMY), base_url=BASE_URL) as client:
        for url in ("/api/entities", "/api/claims", "/api/claims?q=panjshir",
                    "/api/entities/taliban"):  # fmt: skip
            page = client.get(url, params={"limit": limit}).json()
            lists = [page[k] for k in ("items", "by", "documents") if k in page]
            assert lists and all(len(x) <= limit for x in lists), url
        whole = client.get("/api/claims", params={"q": "panjshir"}).json()
        second = client.get("/api/claims", params={"q": "panjshir", "limit": 2, "offset": 2})
        assert second.json()["items"] == whole["items"][2:4]
        assert second.json()["total"] == whole["total"] > 4
    engine.dispose()
