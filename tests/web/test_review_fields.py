"""Analyst review of spans, chains, claim arguments and places: checked against the
article, applied to every reader (disputes, tallies, origins, exports, the API and the
CLI), and kept through re-ingest and relinking, on real SQLite files."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from reviewdata import FRONT_ID, MINISTRY, MINISTRY_ID, aid, front, ministry
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typer.testing import CliRunner
from webdata import AUTH, BASE_URL, ROOMY, TOKEN, fake_analyzer, span

from counterclaim import pipeline
from counterclaim.cli import app as cli
from counterclaim.pipeline import review
from counterclaim.records import Analysis, Attribution, Claim, Count, Document, Entity, Mention
from counterclaim.store import load_analysis, make_engine, save_analysis
from counterclaim.store.reviewkeys import claim_keys
from counterclaim.web import create_app
from counterclaim.web.security import WriteAccess


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'fields.db'}"


@pytest.fixture
def ledger(db: str) -> Iterator[Engine]:
    engine = make_engine(db)
    with Session(engine) as session, session.begin():
        save_analysis(session, ministry())
        save_analysis(session, front())
    pipeline.link_entities(engine)
    yield engine
    engine.dispose()


def where(text: str, part: str) -> str:
    start = text.index(part)
    return f"{start}-{start + len(part)}"


def statements(engine: Engine, doc_id: str) -> dict[int, tuple[str, str, tuple[str, ...]]]:
    with Session(engine) as session:
        found = load_analysis(session, doc_id).attributions
    return {a.id: (a.cue.text, a.content.text, a.chain) for a in found}


def exported(engine: Engine, table: str) -> list[dict[str, object]]:
    out = io.StringIO()
    pipeline.write_table(engine, table, "jsonl", out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def relink_and_reingest(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        assert save_analysis(session, ministry()) == "unchanged"
        assert save_analysis(session, aid()) == "added"
    pipeline.link_entities(engine)
    pipeline.relink_entities(engine)


def test_a_content_span_is_read_again_from_the_article_and_keeps_its_key(ledger: Engine) -> None:
    with Session(ledger) as session:
        keys_before = claim_keys(session, [MINISTRY_ID, FRONT_ID])
    review.correct(ledger, "claim", f"{MINISTRY_ID}:1", "confirm", reviewer="ana")
    done = review.correct(ledger, "attribution", f"{MINISTRY_ID}:1", "content",
                          where(MINISTRY, "40 insurgents were killed"), reviewer="ana")  # fmt: skip
    assert done.status == "applied" and done.new_value == [42, 67]
    assert statements(ledger, MINISTRY_ID)[1][1] == "40 insurgents were killed"
    cue = review.correct(ledger, "attribution", f"{MINISTRY_ID}:2", "cue",
                         where(MINISTRY, "said on Monday"), reviewer="bo")  # fmt: skip
    assert statements(ledger, MINISTRY_ID)[2][0] == "said on Monday"
    # the same key names the statement after its spans moved, and so do its claims'
    again = review.correct(ledger, "attribution", done.target_key, "stance", "deny",
                           reviewer="ana")  # fmt: skip
    assert again.target_key == done.target_key and again.target_ref == f"{MINISTRY_ID}:1"
    with Session(ledger) as session:
        assert claim_keys(session, [MINISTRY_ID, FRONT_ID]) == keys_before
    relink_and_reingest(ledger)
    assert statements(ledger, MINISTRY_ID)[1][1] == "40 insurgents were killed"
    assert statements(ledger, MINISTRY_ID)[2][0] == "said on Monday"
    log = review.review_log(ledger)
    assert [c.status for c in log] == ["applied"] * 4 and cue.status == "applied"
    rows = {r["attribution"]: r for r in exported(ledger, "attributions")
            if r["doc_id"] == MINISTRY_ID}  # fmt: skip
    assert rows[1]["content"] == "40 insurgents were killed" and rows[1]["content_start"] == 42
    assert rows[1]["review_state"] == "corrected" and rows[2]["cue"] == "said on Monday"


def test_spans_are_checked_against_the_article(ledger: Engine) -> None:
    for value in (f"100-{len(MINISTRY) + 1}", "30-20", "lots", "5"):
        with pytest.raises(review.ReviewError):
            review.correct(ledger, "attribution", f"{MINISTRY_ID}:1", "content", value,
                           reviewer="ana")  # fmt: skip
    blank = MINISTRY.index(" 40")
    with pytest.raises(review.ReviewError, match="no words"):
        review.correct(ledger, "attribution", f"{MINISTRY_ID}:1", "cue", f"{blank}-{blank + 1}",
                       reviewer="ana")  # fmt: skip
    assert review.review_log(ledger) == []
    assert statements(ledger, MINISTRY_ID)[1][1] == "40 insurgents were killed near Velmora"


def test_a_corrected_chain_reaches_the_filters_origins_and_exports(ledger: Engine) -> None:
    review.correct(ledger, "attribution", f"{MINISTRY_ID}:1", "chain",
                   "the ministry's channel; Ostrava Wire", reviewer="ana")  # fmt: skip
    assert statements(ledger, MINISTRY_ID)[1][2] == ("the ministry's channel", "Ostrava Wire")
    via = pipeline.attributions(ledger, via="the ministry's channel")
    assert [(a.doc_id, a.id) for a in via] == [(MINISTRY_ID, 1)]
    claim = next(c for c in pipeline.claims(ledger) if c.claim.doc_id == MINISTRY_ID)
    assert claim.said.chain == ("the ministry's channel", "Ostrava Wire")
    relink_and_reingest(ledger)
    rows = {r["doc_id"]: r for r in exported(ledger, "claims")}
    assert "the ministry's channel" in rows[MINISTRY_ID]["chain"]
    review.correct(ledger, "attribution", f"{MINISTRY_ID}:1", "chain", "none", reviewer="ana")
    assert statements(ledger, MINISTRY_ID)[1][2] == ()
    assert pipeline.attributions(ledger, via="the ministry's channel") == []


def test_a_claim_argument_moves_its_claim_out_of_and_into_a_dispute(ledger: Engine) -> None:
    assert [d.kind for d in pipeline.disputes(ledger)] == ["figures"]
    done = review.correct(ledger, "claim", f"{FRONT_ID}:1", "arg.place", "none", reviewer="ana",
                          reason="the toll is for the whole front")  # fmt: skip
    assert (done.old_value, done.new_value) == ("Velmora", None)
    assert pipeline.disputes(ledger) == []
    tallies = sorted((t.low, t.place) for t in pipeline.fatalities(ledger))
    assert tallies == [(4, None), (40, "Velmora")]
    relink_and_reingest(ledger)
    assert pipeline.disputes(ledger) == []
    review.correct(ledger, "claim", f"{FRONT_ID}:1", "arg.place", "velmora", reviewer="ana")
    assert [d.kind for d in pipeline.disputes(ledger)] == ["figures"]
    victim = review.correct(ledger, "claim", f"{MINISTRY_ID}:1", "arg.victim", "civilians",
                            reviewer="bo")  # fmt: skip
    assert victim.old_value == "Drava Front" and pipeline.disputes(ledger) == []
    row = next(r for r in exported(ledger, "claims") if r["doc_id"] == MINISTRY_ID)
    assert (row["victim"], row["review_state"]) == ("civilians", "corrected")
    with pytest.raises(review.ReviewError):
        review.correct(ledger, "claim", f"{FRONT_ID}:1", "arg.Place!", "x", reviewer="ana")
    with pytest.raises(review.ReviewError):
        review.correct(ledger, "claim", f"{FRONT_ID}:1", "arg", "x", reviewer="ana")


def test_an_entity_place_comes_from_the_gazetteer(ledger: Engine) -> None:
    done = review.correct(ledger, "entity", "Velmora", "place", "Moldova", reviewer="ana")
    assert done.new_value["country"] == "MD"
    relink_and_reingest(ledger)
    velmora = next(g for g in pipeline.entities(ledger) if g.name == "Velmora")
    assert velmora.geo is not None and velmora.geo.country == "MD"
    row = next(r for r in exported(ledger, "entities") if r["name"] == "Velmora")
    assert (row["country"], row["review_state"]) == ("MD", "corrected")
    with pytest.raises(review.ReviewError, match="gazetteer"):
        review.correct(ledger, "entity", "Velmora", "place", "Nowhere-on-earth", reviewer="ana")


def run(*args: str) -> object:
    return CliRunner(env={"COLUMNS": "200", "COUNTERCLAIM_REVIEWER": "ana"}).invoke(cli, list(args))


def test_the_cli_corrects_spans_chains_arguments_and_places(ledger: Engine, db: str) -> None:
    done = run("review", "attribution", f"{MINISTRY_ID}:2", "--content",
               where(MINISTRY, "lost its depot"), "--chain", "none", "--db", db)  # fmt: skip
    assert done.exit_code == 0, done.output  # type: ignore[attr-defined]
    assert "content: 91/125 -> 111/125" in done.output  # type: ignore[attr-defined]
    bad = run("review", "attribution", f"{MINISTRY_ID}:2", "--content", "0-9999", "--db", db)
    assert bad.exit_code != 0 and "ends after" in bad.output  # type: ignore[attr-defined]
    arg = run("review", "claim", f"{FRONT_ID}:1", "--arg", "place=none", "--db", db)
    assert arg.exit_code == 0 and "arg.place: Velmora -> none" in arg.output  # type: ignore[attr-defined]
    assert run("review", "claim", f"{FRONT_ID}:1", "--arg", "place", "--db", db).exit_code != 0  # type: ignore[attr-defined]
    place = run("review", "entity", "Velmora", "--place", "Moldova", "--db", db)
    assert place.exit_code == 0 and "-> Moldova" in place.output  # type: ignore[attr-defined]
    shown = run("attributions", "--json", "--db", db)
    said = [json.loads(x) for x in shown.output.splitlines()]  # type: ignore[attr-defined]
    assert any(a["content_text"] == "lost its depot" for a in said)


def test_the_api_takes_spans_lists_and_arguments(ledger: Engine) -> None:
    access = WriteAccess(TOKEN)
    with TestClient(create_app(ledger, analyzer=fake_analyzer, write_access=access,
                               limits=ROOMY), base_url=BASE_URL) as client:  # fmt: skip
        span = client.post("/api/review/attribution", headers=AUTH, json={
            "target": f"{MINISTRY_ID}:1", "field": "content",
            "value": where(MINISTRY, "40 insurgents")})  # fmt: skip
        assert span.status_code == 201, span.text
        chain = client.post("/api/review/attribution", headers=AUTH, json={
            "target": f"{MINISTRY_ID}:1", "field": "chain", "value": ["a source", "Ostrava Wire"]})  # fmt: skip
        assert chain.status_code == 201, chain.text
        outside = client.post("/api/review/attribution", headers=AUTH, json={
            "target": f"{MINISTRY_ID}:1", "field": "cue", "value": "0-5000"})  # fmt: skip
        assert outside.status_code == 422
        arg = client.post("/api/review/claim", headers=AUTH, json={
            "target": f"{FRONT_ID}:1", "field": "arg.place", "value": "none"})  # fmt: skip
        assert arg.status_code == 201 and client.get("/api/disputes").json()["items"] == []
        doc = client.get(f"/api/documents/{MINISTRY_ID}").json()
        first = doc["attributions"][0]
        assert first["content"]["text"] == "40 insurgents"
        assert first["chain"] == ["a source", "Ostrava Wire"]


def test_lists_filter_by_review_state_and_exports_carry_it(ledger: Engine, db: str) -> None:
    review.correct(ledger, "attribution", f"{MINISTRY_ID}:1", "confirm", reviewer="ana")
    review.correct(ledger, "claim", f"{FRONT_ID}:1", "figure", "5", reviewer="ana")
    refs = {state: [(a.doc_id, a.id) for a in pipeline.attributions(ledger, review_state=state)]
            for state in ("machine", "reviewed", "corrected")}  # fmt: skip
    assert refs == {"machine": [(MINISTRY_ID, 2), (FRONT_ID, 1)],
                    "reviewed": [(MINISTRY_ID, 1)], "corrected": []}  # fmt: skip
    claims = {state: [c.claim.doc_id for c in pipeline.claims(ledger, review_state=state)]
              for state in ("machine", "reviewed", "corrected")}  # fmt: skip
    assert claims == {"machine": [], "reviewed": [MINISTRY_ID], "corrected": [FRONT_ID]}
    shown = run("claims", "--review-state", "corrected", "--json", "--db", db)
    records = [json.loads(x) for x in shown.output.splitlines()]  # type: ignore[attr-defined]
    assert [(r["doc_id"], r["review_state"]) for r in records] == [(FRONT_ID, "corrected")]
    shown = run("attributions", "--review-state", "reviewed", "--json", "--db", db)
    records = [json.loads(x) for x in shown.output.splitlines()]  # type: ignore[attr-defined]
    assert [(r["doc_id"], r["id"], r["review_state"]) for r in records] == [
        (MINISTRY_ID, 1, "reviewed")]  # fmt: skip
    assert run("claims", "--review-state", "odd", "--db", db).exit_code != 0  # type: ignore[attr-defined]
    with TestClient(create_app(ledger, analyzer=fake_analyzer, limits=ROOMY),
                    base_url=BASE_URL) as client:  # fmt: skip
        items = client.get("/api/claims", params={"review_state": "reviewed"}).json()["items"]
        assert [(c["doc_id"], c["review_state"]) for c in items] == [(MINISTRY_ID, "reviewed")]
        items = client.get("/api/attributions", params={"review_state": "machine"}).json()
        assert [(i["attribution"]["doc_id"], i["review_state"]) for i in items["items"]] == [
            (MINISTRY_ID, "machine"), (FRONT_ID, "machine")]  # fmt: skip
        assert client.get("/api/claims", params={"review_state": "odd"}).status_code == 422
    board = pipeline.reviewed_disputes(ledger)
    review.correct(ledger, "dispute", board[0][0], "confirm", reviewer="ana")
    rows = exported(ledger, "disputes")
    assert {(r["dispute_key"], r["dispute_review_state"]) for r in rows} == {
        (board[0][0], "reviewed")}  # fmt: skip
    assert {r["doc_id"]: r["review_state"] for r in rows} == {
        MINISTRY_ID: "reviewed", FRONT_ID: "corrected"}  # fmt: skip


WATCH = "Monitors said 12 Drava Front fighters were killed near Velmora on Monday."
WATCH_ID = "ab5e1e5500000009"


def watch() -> Analysis:
    """A third figure for the same toll: the dispute's claims change, so does its key."""
    text = WATCH
    doc = Document(WATCH_ID, text, 0, dt.date(2026, 3, 3), "Border Monitor", origin="watch.txt")
    said = Attribution(doc.id, 1, span(text, "said"),
                       span(text, "12 Drava Front fighters were killed near Velmora on Monday"),
                       source=span(text, "Monitors"), speaker="monitors", speaker_name="Monitors",
                       chain=("Border Monitor",), date="2026-03-02", confidence=0.8)  # fmt: skip
    entities = (
        Entity("monitors", "Monitors", "UNNAMED", (span(text, "Monitors"),)),
        Entity("drava-front", "Drava Front", "ORG", (span(text, "Drava Front"),),
               side="Drava Front"),
        Entity("velmora", "Velmora", "PLACE", (span(text, "Velmora"),)),
    )  # fmt: skip
    claim = Claim(doc.id, 1, 1, "fatalities", True,
                  args={"victim": "drava-front", "place": "velmora"},
                  count=Count(12, 12, 12, text="12"), date="2026-03-02", evidence=said.content,
                  text="12 Drava Front killed near Velmora")  # fmt: skip
    mentions = (Mention(span(text, "Drava Front"), "ORG", "drava-front"),
                Mention(span(text, "Velmora"), "PLACE", "velmora"))  # fmt: skip
    return Analysis(doc, (said,), entities, mentions, (claim,))


def test_a_dispute_whose_claims_changed_is_reported_orphaned(ledger: Engine, db: str) -> None:
    [(key, _, _)] = pipeline.reviewed_disputes(ledger)
    done = review.correct(ledger, "dispute", key, "reject", reviewer="ana", reason="two events")
    assert done.status == "applied" and pipeline.disputes(ledger) == []
    with Session(ledger) as session, session.begin():
        assert save_analysis(session, watch()) == "added"
    pipeline.link_entities(ledger)
    pipeline.relink_entities(ledger)
    [(new_key, state, _)] = pipeline.reviewed_disputes(ledger)  # 40 vs 12 vs 4: a new dispute
    assert new_key != key and state == "machine"
    [gone] = review.review_log(ledger)
    assert (gone.status, gone.target_key, gone.reason) == ("orphaned", key, "two events")
    shown = run("review", "status", "--db", db)
    assert shown.exit_code == 0, shown.output  # type: ignore[attr-defined]
    assert "0 correction(s) applied, 1 orphaned" in shown.output  # type: ignore[attr-defined]
    assert f"dispute {key}" in shown.output  # type: ignore[attr-defined]
    as_json = json.loads(run("review", "status", "--json", "--db", db).output)  # type: ignore[attr-defined]
    assert as_json["by_kind"]["dispute"] == {"applied": 0, "orphaned": 1}
    log = run("review", "log", "--status", "orphaned", "--db", db).output  # type: ignore[attr-defined]
    assert "[orphaned]" in log and "ana" in log
    with TestClient(create_app(ledger, analyzer=fake_analyzer, limits=ROOMY),
                    base_url=BASE_URL) as client:  # fmt: skip
        status = client.get("/api/review/status").json()
        assert status["orphaned"] == 1 and [c["key"] for c in status["orphans"]] == [key]
        page = client.get("/review/log")
        assert "1 correction orphaned" in page.text
        only = client.get("/review/log", params={"status": "orphaned"}).text
        assert only.count('class="status-orphaned"') == 1
        assert client.get("/review/log", params={"status": "applied"}).text.count(
            'class="status-orphaned"') == 0  # fmt: skip


def test_the_queue_is_read_a_page_at_a_time(ledger: Engine) -> None:
    review.correct(ledger, "attribution", f"{MINISTRY_ID}:2", "confirm", reviewer="ana")
    pages = [review.review_queue(ledger, limit=1, offset=n) for n in range(3)]
    assert [[i["ref"] for i in p] for p in pages] == [
        [f"{FRONT_ID}:1"], [f"{MINISTRY_ID}:1"], []]  # fmt: skip
    assert [i["confidence"] for i in review.review_queue(ledger)] == [0.88, 0.93]


def test_disputes_stored_before_keys_are_keyed_by_the_migration(ledger: Engine, db: str) -> None:
    [(key, _, _)] = pipeline.reviewed_disputes(ledger)
    with ledger.begin() as conn:  # as a ledger written before revision 0008 keyed disputes
        conn.exec_driver_sql("UPDATE dispute SET review_key = NULL")
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0010'")
        conn.exec_driver_sql("DELETE FROM schema_version WHERE version >= 12")
    assert [k for k, _, _ in pipeline.reviewed_disputes(ledger)] == [""]
    ledger.dispose()
    upgraded = make_engine(
        db
    )  # upgrades to the head: 0011 keys them (0012 then adds to what it finds)
    assert [k for k, _, _ in pipeline.reviewed_disputes(upgraded)] == [key]
    done = review.correct(upgraded, "dispute", key[8:16], "confirm", reviewer="ana")
    assert done.status == "applied" and pipeline.reviewed_disputes(upgraded)[0][1] == "reviewed"
    upgraded.dispose()


def test_linking_applies_again_only_the_new_documents_corrections(ledger: Engine) -> None:
    review.correct(ledger, "attribution", f"{MINISTRY_ID}:2", "stance", "deny", reviewer="ana")
    review.correct(ledger, "attribution", f"{MINISTRY_ID}:2", "stance", "assert", reviewer="bo")
    review.correct(ledger, "attribution", f"{MINISTRY_ID}:1", "kind", "direct", reviewer="ana")
    with ledger.begin() as conn:  # a stored row changed behind the review's back
        conn.exec_driver_sql(f"UPDATE attribution SET kind = 'call' "
                             f"WHERE doc_id = '{MINISTRY_ID}' AND local_id = 1")  # fmt: skip
    with Session(ledger) as session, session.begin():
        assert save_analysis(session, aid()) == "added"
    pipeline.link_entities(ledger)  # the new article's corrections only: the row stays
    with Session(ledger) as session:
        said = {a.id: a for a in load_analysis(session, MINISTRY_ID).attributions}
    assert said[1].kind == "call" and said[2].stance == "assert"
    pipeline.relink_entities(ledger)  # every correction again; the newest decision wins
    with Session(ledger) as session:
        said = {a.id: a for a in load_analysis(session, MINISTRY_ID).attributions}
    assert said[1].kind == "direct" and said[2].stance == "assert"
    assert [c.status for c in review.review_log(ledger)] == ["applied"] * 3
