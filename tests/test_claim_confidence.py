"""Claim and figure confidence: evidence keys, the composed probability, the ledger's
column, and the --min-confidence filters of the CLI and the API."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from counterclaim import pipeline
from counterclaim.cli import app
from counterclaim.normalize.confidence import basis, confidence
from counterclaim.records import Analysis, Attribution, Claim, Count, Document, Entity, Span
from counterclaim.store import make_engine, save_analysis

TEXT = "The army said 12 rebels were killed in Dargah. The rebels said 40 soldiers died."
ENTITIES = {
    "army": Entity("army", "Army", "ORG"),
    "dargah": Entity("dargah", "Dargah", "PLACE"),
    "rebels": Entity("rebels", "rebels", "UNNAMED"),
}


def test_basis_keys() -> None:
    assert basis("statement", {}, ENTITIES) == "statement"
    named = basis("fatalities", {"perpetrator": "army", "place": "dargah"}, ENTITIES, parsed=True)
    assert named == "typed|parse|own|named"
    described = basis("fatalities", {"victim": "civilians"}, ENTITIES, context_place=True)
    assert described == "typed|position|context|described"
    assert basis("fatalities", {"victim": "rebels"}, ENTITIES).endswith("|described")
    assert basis("attack", {}, ENTITIES).endswith("|described")  # nothing named at all


def test_claim_confidence_is_the_attribution_times_the_rate() -> None:
    table = {"keys": {"typed|parse|own|named": [90, 100], "statement": [1, 10]},
             "families": {"typed": 0.5, "statement": 0.2}}  # fmt: skip
    sure = confidence("typed|parse|own|named", 1.0, table)
    assert sure == pytest.approx((90 + 5 * 0.5) / 105, abs=1e-3)
    assert confidence("typed|parse|own|named", 0.5, table) == pytest.approx(sure / 2, abs=2e-3)
    # an unseen key falls back to its family's rate
    assert confidence("typed|position|context|described", 1.0, table) == 0.5
    assert confidence("statement", 1.0, table) < 0.2


def _analysis() -> Analysis:
    doc = Document("d" * 64, TEXT, 0, dt.date(2025, 3, 5), "wire")
    said = Attribution(doc.id, 1, Span.of(TEXT, 9, 13), Span.of(TEXT, 14, 45), source=Span.of(TEXT, 0, 8),
                       speaker="army", speaker_name="Army", confidence=0.9)  # fmt: skip
    other = Attribution(doc.id, 2, Span.of(TEXT, 58, 62), Span.of(TEXT, 63, 80),
                        source=Span.of(TEXT, 47, 57), speaker="rebels", speaker_name="rebels",
                        confidence=0.6)  # fmt: skip
    sure = Claim(doc.id, 1, 1, "fatalities", args={"victim": "rebels", "place": "dargah"},
                 count=Count(12, 12, 12, False, "12"), evidence=Span.of(TEXT, 30, 36),
                 confidence=0.81)  # fmt: skip
    doubtful = Claim(doc.id, 2, 2, "fatalities", args={"victim": "soldiers"},
                     count=Count(40, 40, 40, False, "40"), evidence=Span.of(TEXT, 75, 79),
                     confidence=0.31)  # fmt: skip
    return Analysis(doc, (said, other), tuple(ENTITIES.values()), claims=(sure, doubtful))


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    engine = make_engine(url)
    with Session(engine) as s, s.begin():
        save_analysis(s, _analysis())
    pipeline.link_entities(engine)  # as ingest does: the stored tallies are made by the writer
    engine.dispose()
    return url


def test_the_ledger_keeps_each_claims_confidence(url: str) -> None:
    engine = make_engine(url)
    found = {c.claim.id: c.claim.confidence for c in pipeline.claims(engine)}
    assert found == {1: 0.81, 2: 0.31}
    assert [c.claim.id for c in pipeline.claims(engine, min_confidence=0.5)] == [1]
    tallies = pipeline.fatalities(engine, min_confidence=0.5)
    assert [t.best for t in tallies] == [12]
    record = pipeline.tally_record(tallies[0])
    assert record["confidence"] == 0.81 and record["figures"][0]["confidence"] == 0.81
    engine.dispose()


def test_cli_claims_and_fatalities_filter_by_confidence(url: str) -> None:
    runner = CliRunner()
    every = runner.invoke(app, ["claims", "--db", url, "--json"])
    assert every.exit_code == 0, every.output
    assert sorted(json.loads(x)["confidence"] for x in every.stdout.splitlines()) == [0.31, 0.81]
    sure = runner.invoke(app, ["claims", "--db", url, "--json", "--min-confidence", "0.5"])
    assert [json.loads(x)["id"] for x in sure.stdout.splitlines()] == [1]
    figures = runner.invoke(app, ["fatalities", "--db", url, "--json", "--min-confidence", "0.5"])
    tallies = [json.loads(x) for x in figures.stdout.splitlines() if '"tally"' in x]
    assert [t["best"] for t in tallies] == [12] and tallies[0]["confidence"] == 0.81
    text = runner.invoke(app, ["fatalities", "--db", url])
    assert "LOW CONFIDENCE" in text.stdout  # the 40 at 0.31
    bad = runner.invoke(app, ["claims", "--db", url, "--min-confidence", "2"])
    assert bad.exit_code != 0


def test_api_and_pages_filter_and_mark_low_confidence(url: str) -> None:
    from fastapi.testclient import TestClient

    from counterclaim.web.app import create_app

    engine = make_engine(url)
    with TestClient(create_app(engine), base_url="http://127.0.0.1") as client:
        every = client.get("/api/claims").json()
        assert sorted(i["confidence"] for i in every["items"]) == [0.31, 0.81]
        assert client.get("/api/claims", params={"min_confidence": 0.5}).json()["total"] == 1
        assert client.get("/api/claims", params={"min_confidence": 1.5}).status_code == 422
        statements = client.get("/api/attributions", params={"min_confidence": 0.7}).json()
        assert client.get("/api/attributions").json()["total"] == 2
        assert (
            statements["total"] == 1 and statements["items"][0]["attribution"]["confidence"] == 0.9
        )
        tallies = client.get("/api/fatalities", params={"min_confidence": 0.5}).json()["tallies"]
        assert [t["best"] for t in tallies] == [12]
        page = client.get("/fatalities").text
        assert page.count("low confidence") == 1 and "0.31" in page
        assert "low confidence" in client.get("/claims").text
        assert "low confidence" not in client.get("/claims?min_confidence=0.5").text
    engine.dispose()


@pytest.mark.model
def test_pipeline_claims_carry_a_calibrated_confidence() -> None:
    from counterclaim.pipeline import analyze_documents

    text = ("The army said its soldiers killed 30 rebels near the town of Dargah on Monday. "
            "The rebels said talks with the government would resume.")  # fmt: skip
    doc = Document("t", text, date=dt.date(2025, 3, 5), publisher="WIRE")
    analysis = next(analyze_documents([doc]))
    attrs = {a.id: a for a in analysis.attributions}
    assert analysis.claims
    for claim in analysis.claims:
        assert claim.basis
        assert 0.0 < claim.confidence <= attrs[claim.attribution].confidence
