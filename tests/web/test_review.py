"""Analyst review: corrections over the machine's output, their audit trail and their
durability, through the library, the CLI and the API, on real SQLite files."""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from reviewdata import AID_ID, FRONT_ID, MINISTRY_ID, aid, front, ministry
from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session
from typer.testing import CliRunner
from webdata import AUTH, BASE_URL, ROOMY, TOKEN, fake_analyzer

from counterclaim import pipeline
from counterclaim.cli import app as cli
from counterclaim.pipeline import review
from counterclaim.store import load_analysis, make_engine, save_analysis
from counterclaim.store.models import DocumentRow
from counterclaim.web import create_app
from counterclaim.web.security import WriteAccess, hash_password

PASSWORD = "correct horse battery"
CSRF = {"x-counterclaim-csrf": "1"}


def basic(name: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{name}:{password}".encode()).decode()
    return {"authorization": f"Basic {token}"}


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'review.db'}"


@pytest.fixture
def ledger(db: str) -> Iterator[Engine]:
    """Two reports that disagree on a toll (40 vs 4), linked as ingest links them."""
    engine = make_engine(db)
    with Session(engine) as session, session.begin():
        save_analysis(session, ministry())
        save_analysis(session, front())
    pipeline.link_entities(engine)
    yield engine
    engine.dispose()


def tallies(engine: Engine) -> list[tuple[int | None, int | None, list[int | None]]]:
    return [(t.low, t.high, sorted(f.best for f in t.figures)) for t in pipeline.fatalities(engine)]


def stance(engine: Engine, doc_id: str, local_id: int) -> str:
    with Session(engine) as session:
        return next(a.stance for a in load_analysis(session, doc_id).attributions
                    if a.id == local_id)  # fmt: skip


# ---------------------------------------------------------------- the library


def test_a_rejected_claim_leaves_its_dispute_and_its_tally(ledger: Engine) -> None:
    assert [d.kind for d in pipeline.disputes(ledger)] == ["figures"]
    assert tallies(ledger) == [(4, 40, [4, 40])]
    done = review.correct(ledger, "claim", f"{FRONT_ID}:1", "reject", reviewer="ana",
                          reason="a statement about a drill")  # fmt: skip
    assert (done.status, done.old_value, done.new_value) == ("applied", False, True)
    assert pipeline.disputes(ledger) == []
    assert tallies(ledger) == [(40, 40, [40])]
    assert [c.claim.doc_id for c in pipeline.claims(ledger)] == [MINISTRY_ID]
    review.correct(ledger, "claim", f"{FRONT_ID}:1", "reject", False, reviewer="bo")
    assert [d.kind for d in pipeline.disputes(ledger)] == ["figures"]


def test_a_corrected_figure_changes_the_tally_and_the_dispute(ledger: Engine) -> None:
    review.correct(ledger, "claim", f"{FRONT_ID}:1", "figure", "40", reviewer="ana")
    assert tallies(ledger) == [(40, 40, [40, 40])]
    assert pipeline.disputes(ledger) == []  # both now say 40
    review.correct(ledger, "claim", f"{FRONT_ID}:1", "figure", "3-5", reviewer="ana")
    assert tallies(ledger)[0][0] == 3
    assert [d.kind for d in pipeline.disputes(ledger)] == ["figures"]


def test_corrections_survive_reingest_of_the_same_and_a_new_article_and_a_relink(
    ledger: Engine,
) -> None:
    review.correct(ledger, "attribution", f"{MINISTRY_ID}:2", "stance", "deny", reviewer="ana")
    review.correct(ledger, "claim", f"{FRONT_ID}:1", "figure", "40", reviewer="ana")
    review.correct(ledger, "entity", "Drava Front", "name", "Drava Liberation Front",
                   reviewer="bo", reason="its full name")  # fmt: skip
    review.correct(ledger, "entity", "Drava Liberation Front", "side", "rebels", reviewer="bo")
    with Session(ledger) as session, session.begin():
        assert save_analysis(session, front()) == "unchanged"
        assert save_analysis(session, aid()) == "added"
    pipeline.link_entities(ledger)
    pipeline.relink_entities(ledger)  # global entities rebuilt from scratch
    assert stance(ledger, MINISTRY_ID, 2) == "deny"
    assert tallies(ledger) == [(40, 40, [40, 40])]
    front_entity = [g for g in pipeline.entities(ledger) if "Drava Front" in g.aliases]
    assert [(g.name, g.side) for g in front_entity] == [("Drava Liberation Front", "rebels")]
    claim = next(c for c in pipeline.claims(ledger) if c.claim.doc_id == FRONT_ID)
    assert claim.said.side == "rebels"
    log = review.review_log(ledger)
    assert [c.status for c in log] == ["applied"] * 4
    assert [c.reviewer for c in log] == ["bo", "bo", "ana", "ana"]
    assert log[1].reason == "its full name" and log[1].old_value == "Drava Front"


def test_a_correction_whose_target_is_gone_is_reported_not_dropped(ledger: Engine) -> None:
    review.correct(ledger, "attribution", f"{MINISTRY_ID}:1", "stance", "deny", reviewer="ana")
    with Session(ledger) as session, session.begin():
        session.execute(delete(DocumentRow).where(DocumentRow.id == MINISTRY_ID))
    pipeline.relink_entities(ledger)
    [gone] = review.review_log(ledger)
    assert gone.status == "orphaned" and gone.target_ref is None
    assert gone.target_key.startswith(f"attribution:{MINISTRY_ID}:")
    assert [c.status for c in review.review_log(ledger, status="orphaned")] == ["orphaned"]
    with Session(ledger) as session, session.begin():  # the article comes back, as analysed
        save_analysis(session, ministry())
    pipeline.link_entities(ledger)
    assert review.review_log(ledger)[0].status == "applied"
    assert stance(ledger, MINISTRY_ID, 1) == "deny"


def test_a_rejected_dispute_stays_rejected_when_disputes_are_found_again(ledger: Engine) -> None:
    [(key, state, _)] = pipeline.reviewed_disputes(ledger)
    assert key.startswith("dispute:") and state == "machine"
    review.correct(ledger, "dispute", key.removeprefix("dispute:")[:8], "reject", reviewer="cy")
    assert pipeline.disputes(ledger) == []
    with Session(ledger) as session, session.begin():
        save_analysis(session, aid())
    pipeline.link_entities(ledger)
    pipeline.relink_entities(ledger)
    assert pipeline.disputes(ledger) == []
    assert [(k, s) for k, s, _ in pipeline.reviewed_disputes(ledger, rejected=True)] == [
        (key, "rejected")
    ]
    assert review.review_log(ledger)[0].status == "applied"
    review.correct(ledger, "claim", f"{FRONT_ID}:1", "figure", "40", reviewer="ana")
    assert review.review_log(ledger, kind="dispute")[0].status == "orphaned"  # no dispute now


def test_the_newest_decision_on_a_dispute_wins_after_a_relink(ledger: Engine) -> None:
    [(key, _, _)] = pipeline.reviewed_disputes(ledger)
    short = key.removeprefix("dispute:")[:8]
    review.correct(ledger, "dispute", short, "reject", reviewer="cy")
    review.correct(ledger, "dispute", short, "confirm", True, reviewer="ana")
    review.correct(ledger, "dispute", short, "reject", reviewer="cy")  # the last word
    pipeline.relink_entities(ledger)  # every correction applied again, oldest first
    assert pipeline.disputes(ledger) == []
    assert [s for _, s, _ in pipeline.reviewed_disputes(ledger, rejected=True)] == ["rejected"]


def test_corrections_are_checked(ledger: Engine) -> None:
    with pytest.raises(review.ReviewError, match="reviewer"):
        review.correct(ledger, "claim", f"{FRONT_ID}:1", "reject", reviewer=" ")
    with pytest.raises(review.ReviewError, match="no field"):
        review.correct(ledger, "claim", f"{FRONT_ID}:1", "colour", "red", reviewer="ana")
    with pytest.raises(review.ReviewError, match="figure"):
        review.correct(ledger, "claim", f"{FRONT_ID}:1", "figure", "many", reviewer="ana")
    with pytest.raises(review.ReviewError):
        review.correct(ledger, "attribution", f"{FRONT_ID}:1", "stance", "maybe", reviewer="ana")
    with pytest.raises(review.TargetNotFound):
        review.correct(ledger, "claim", f"{FRONT_ID}:9", "reject", reviewer="ana")
    with pytest.raises(review.TargetNotFound):
        review.correct(ledger, "entity", "Nobody At All", "side", "x", reviewer="ana")
    assert review.review_log(ledger) == []


def test_the_queue_puts_low_confidence_first_and_drops_what_was_reviewed(ledger: Engine) -> None:
    queue = review.review_queue(ledger)
    assert [q["confidence"] for q in queue] == [0.41, 0.88, 0.93]
    review.correct(ledger, "attribution", f"{MINISTRY_ID}:2", "confirm", reviewer="ana")
    assert [q["confidence"] for q in review.review_queue(ledger)] == [0.88, 0.93]


def test_exports_carry_the_review_state(ledger: Engine) -> None:
    review.correct(ledger, "claim", f"{FRONT_ID}:1", "figure", "40", reviewer="ana")
    review.correct(ledger, "attribution", f"{MINISTRY_ID}:1", "confirm", reviewer="ana")
    out = io.StringIO()
    pipeline.write_table(ledger, "claims", "jsonl", out)
    rows = {r["doc_id"]: r for r in map(json.loads, out.getvalue().splitlines())}
    assert rows[FRONT_ID]["review_state"] == "corrected" and rows[FRONT_ID]["count_best"] == 40
    assert rows[MINISTRY_ID]["review_state"] == "reviewed"
    out = io.StringIO()
    pipeline.write_table(ledger, "attributions", "csv", out)
    states = [line.rsplit(",", 1)[1].strip() for line in out.getvalue().splitlines()[1:]]
    assert sorted(states) == ["machine", "machine", "reviewed"]


# ---------------------------------------------------------------- the CLI


def run(*args: str, **env: str) -> object:
    return CliRunner(env={"COLUMNS": "200", "COUNTERCLAIM_REVIEWER": None, **env}).invoke(
        cli, list(args)
    )


def test_the_cli_corrects_with_a_reviewer_and_lists_the_log(ledger: Engine, db: str) -> None:
    refused = run("review", "claim", f"{FRONT_ID}:1", "--value", "40", "--db", db)
    assert refused.exit_code != 0 and "reviewer" in refused.output  # type: ignore[attr-defined]
    done = run("review", "claim", f"{FRONT_ID}:1", "--value", "40", "--reason", "misread",
               "--db", db, COUNTERCLAIM_REVIEWER="ana")  # fmt: skip
    assert done.exit_code == 0, done.output  # type: ignore[attr-defined]
    assert "figure: 4/4/4 -> 40/40/40" in done.output  # type: ignore[attr-defined]
    run("review", "attribution", f"{MINISTRY_ID}:2", "--stance", "deny", "--reviewer", "bo",
        "--db", db)  # fmt: skip
    log = run("review", "log", "--json", "--db", db)
    records = [json.loads(line) for line in log.output.splitlines()]  # type: ignore[attr-defined]
    assert [(r["reviewer"], r["field"], r["new"]) for r in records] == [
        ("bo", "stance", "deny"), ("ana", "figure", [40, 40, 40])]  # fmt: skip
    assert records[1]["reason"] == "misread"
    assert run("disputes", "--db", db).output.strip().endswith("0 dispute(s)")  # type: ignore[attr-defined]
    fatal = run("fatalities", "--json", "--db", db)
    tally = json.loads(fatal.output.splitlines()[0])  # type: ignore[attr-defined]
    assert (tally["low"], tally["high"]) == (40, 40)
    unknown = run("review", "claim", f"{FRONT_ID}:7", "--reject", "--reviewer", "ana", "--db", db)
    assert unknown.exit_code != 0 and "no claim" in unknown.output  # type: ignore[attr-defined]


# ---------------------------------------------------------------- the API


def app_for(engine: Engine, access: WriteAccess | None) -> TestClient:
    return TestClient(create_app(engine, analyzer=fake_analyzer, write_access=access,
                                 limits=ROOMY), base_url=BASE_URL)  # fmt: skip


REVIEWERS = WriteAccess(TOKEN, {"ana": hash_password(PASSWORD)})
BODY = {"target": f"{FRONT_ID}:1", "field": "reject", "reason": "not a toll"}


def test_api_writes_need_credentials_and_the_csrf_header(ledger: Engine) -> None:
    with app_for(ledger, None) as client:  # read-only: no credentials configured
        assert client.post("/api/review/claim", json=BODY).status_code == 403
    with app_for(ledger, REVIEWERS) as client:
        assert client.post("/api/review/claim", json=BODY).status_code == 401
        wrong = basic("ana", "wrong password")
        assert (
            client.post("/api/review/claim", json=BODY, headers={**wrong, **CSRF}).status_code
            == 401
        )
        no_csrf = client.post("/api/review/claim", json=BODY, headers=basic("ana", PASSWORD))
        assert no_csrf.status_code == 403 and "csrf" in no_csrf.json()["detail"]
        cross = client.post("/api/review/claim", json=BODY, headers={
            **basic("ana", PASSWORD), **CSRF, "origin": "https://evil.example"})  # fmt: skip
        assert cross.status_code == 403
        site = client.post("/api/review/claim", json=BODY, headers={
            **basic("ana", PASSWORD), **CSRF, "sec-fetch-site": "cross-site"})  # fmt: skip
        assert site.status_code == 403
        form = client.post("/api/review/claim", content="target=x", headers={
            **basic("ana", PASSWORD), **CSRF, "content-type": "application/x-www-form-urlencoded"})  # fmt: skip
        assert form.status_code == 415
        assert client.get("/api/review/log").json()["items"] == []  # nothing was stored
        assert [d.kind for d in pipeline.disputes(ledger)] == ["figures"]
        done = client.post(
            "/api/review/claim", json=BODY, headers={**basic("ana", PASSWORD), **CSRF}
        )
        assert done.status_code == 201, done.text
        assert done.json()["reviewer"] == "ana" and done.json()["status"] == "applied"
    assert pipeline.disputes(ledger) == []


def test_api_corrections_show_in_the_api(ledger: Engine) -> None:
    with app_for(ledger, REVIEWERS) as client:
        done = client.post("/api/review/attribution", headers=AUTH, json={
            "target": f"{MINISTRY_ID}:2", "field": "stance", "value": "deny"})  # fmt: skip
        assert done.status_code == 201 and done.json()["reviewer"] == "token"
        doc = client.get(f"/api/documents/{MINISTRY_ID}").json()
        assert [a["stance"] for a in doc["attributions"]] == ["assert", "deny"]
        log = client.get("/api/review/log").json()["items"]
        assert [(c["kind"], c["old"], c["new"]) for c in log] == [("attribution", "assert", "deny")]
        queue = client.get("/api/review/queue").json()["items"]
        assert [q["attribution"] for q in queue if q["doc_id"] == MINISTRY_ID] == [1]
        assert client.post("/api/review/claim", headers=AUTH, json={
            "target": f"{FRONT_ID}:5", "field": "reject"}).status_code == 404  # fmt: skip
        bad = client.post("/api/review/claim", headers=AUTH, json={
            "target": f"{FRONT_ID}:1", "field": "figure", "value": "lots"})  # fmt: skip
        assert bad.status_code == 422
        assert client.post("/api/review/claim", headers=AUTH, json={
            "target": f"{FRONT_ID}:1", "field": "reject", "extra": 1}).status_code == 422  # fmt: skip
        board = client.get("/api/disputes").json()["items"]
        key = board[0]["key"]
        rejected = client.post("/api/review/dispute", headers=AUTH, json={
            "target": key, "field": "reject"})  # fmt: skip
        assert rejected.status_code == 201
        assert client.get("/api/disputes").json()["items"] == []
        page = client.get("/review/log")
        assert page.status_code == 200 and "token" in page.text and "rejected" in page.text


def test_pages_show_review_controls_only_when_writes_are_taken(ledger: Engine) -> None:
    with app_for(ledger, None) as client:
        page = client.get(f"/documents/{FRONT_ID}").text
        assert 'Review: <span class="state">machine</span>' in page
        assert "review-form" not in page
    with app_for(ledger, REVIEWERS) as client:
        page = client.get(f"/documents/{FRONT_ID}").text
        assert 'data-field="figure"' in page and 'data-field="reject"' in page
        assert "review-form" in client.get("/disputes").text
        assert client.get("/login").status_code == 401
        signed = client.get("/login?next=/disputes", headers=basic("ana", PASSWORD),
                            follow_redirects=False)  # fmt: skip
        assert signed.status_code == 303 and signed.headers["location"] == "/disputes"
        away = client.get("/login?next=//evil.example/", headers=basic("ana", PASSWORD),
                          follow_redirects=False)  # fmt: skip
        assert away.headers["location"] == "/review/queue"
        assert client.get("/review/queue").status_code == 200


def test_the_aid_article_is_not_in_the_queue_twice(ledger: Engine) -> None:
    with Session(ledger) as session, session.begin():
        save_analysis(session, aid())
        assert save_analysis(session, aid()) == "unchanged"
    assert [q["doc_id"] for q in review.review_queue(ledger)].count(AID_ID) == 1
