"""Independence: one statement reaching five publishers through two agencies, and denied.

``tests/outlets/kelsk.jsonl`` (written for this test): a rebel spokesman's claim of 14 May
carried by AFP (France 24, Al Arabiya, Daily Sabah) and Reuters (The Guardian, named only
by its URL; Hindustan Times), and the army's denial in a sixth article.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from counterclaim import compare
from counterclaim.cli import app
from counterclaim.compare import Said

CORPUS = Path(__file__).parent / "outlets" / "kelsk.jsonl"


def said(doc: str, n: int = 1, **kw: object) -> Said:
    base = dict(doc_id=doc, attribution=n, speaker="g1", speaker_name="Idris Tarkan",
                chain=("AFP", "France 24"), date="2025-05-14", publisher="France 24",
                sentence=f"words of report {doc}")  # fmt: skip
    base.update(kw)
    return Said(**base)  # type: ignore[arg-type]


def test_same_speaker_and_day_is_one_origin_through_two_agencies() -> None:
    reports = [said("a"), said("b", chain=("Reuters", "The Guardian"), publisher="The Guardian")]
    (origin,) = compare.origins(reports)
    assert origin.via == ("AFP", "Reuters")
    assert origin.describe() == "Idris Tarkan’s statement of 14 May 2025, via AFP and Reuters"


def test_copied_wire_text_is_one_origin_even_without_a_resolved_speaker() -> None:
    text = "The rebels took the river port after a night of heavy shelling, a spokesman said."
    a = said("a", speaker=None, speaker_name="a spokesman", named=False, sentence=text,
             chain=("The Hindu",), publisher="The Hindu")  # fmt: skip
    b = said("b", speaker=None, speaker_name="a spokesman", named=False, sentence=text,
             chain=("Dawn",), publisher="Dawn")  # fmt: skip
    assert compare.sources.same_statement(a, b) == "shared text"
    assert len(compare.origins([a, b])) == 1


def test_different_days_and_speakers_are_different_origins() -> None:
    a = said("a")
    b = said("b", speaker="g2", speaker_name="Ana Ruiz", date="2025-05-20", chain=("Dawn",))
    assert len(compare.origins([a, b])) == 2


def test_a_denial_is_never_the_same_statement_as_the_claim() -> None:
    a = said("a", sentence="the rebels took the river port after a night of shelling")
    b = said(
        "b", stance="deny", sentence="the rebels took the river port after a night of shelling"
    )
    assert compare.sources.same_statement(a, b) is None


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = f"sqlite:///{tmp_path_factory.mktemp('origins') / 'ledger.db'}"
    result = CliRunner().invoke(app, ["ingest", str(CORPUS), "--db", db])
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.model
def test_disputes_json_shows_five_reports_one_origin_and_the_denial_apart(ledger: str) -> None:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["disputes", "--json", "--db", ledger])
    assert result.exit_code == 0, result.output
    (dispute,) = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    for_side, against = dispute["independence"]["for"], dispute["independence"]["against"]
    assert (for_side["reports"], for_side["origins"]) == (5, 1)
    (origin,) = for_side["listed"]
    assert origin["speaker"] == "Idris Tarkan"
    assert set(origin["via"]) == {"AFP", "Reuters"}
    assert {r["publisher"] for r in origin["reports"]} == {
        "France 24", "Al Arabiya", "Daily Sabah", "The Guardian", "Hindustan Times",
    }  # fmt: skip
    assert (against["reports"], against["origins"]) == (1, 1)
    assert against["listed"][0]["speaker"] == "Lev Harun"
    assert (
        "5 reports, 1 origin (Idris Tarkan’s statement of 14 May 2025, via AFP and Reuters)"
        in (for_side["summary"])
    )


@pytest.mark.model
def test_cli_and_board_say_the_same(ledger: str) -> None:
    from counterclaim.store import make_engine
    from counterclaim.web import create_app

    text = CliRunner(env={"COLUMNS": "250"}).invoke(app, ["disputes", "--db", ledger]).output
    assert "for: 5 reports, 1 origin" in text
    assert "against: 1 report, 1 origin" in text
    engine = make_engine(ledger)
    with TestClient(create_app(engine), base_url="http://localhost") as client:
        page = client.get("/disputes").text
        api = client.get("/api/disputes").json()
    assert (
        "5 reports, 1 origin (Idris Tarkan’s statement of 14 May 2025, via AFP and Reuters)" in page
    )
    assert api["items"][0]["independence"]["for"]["origins"] == 1
    # each side of the board carries its own count: the denial is one report, one origin
    for_part, against_part = page.split('class="against"', 1)
    assert "5 reports, 1 origin" in for_part and "5 reports" not in against_part
    assert "1 report, 1 origin (Lev Harun" in against_part


@pytest.mark.model
def test_origins_command_lists_who_carried_what(ledger: str) -> None:
    result = CliRunner(env={"COLUMNS": "250"}).invoke(
        app, ["origins", "Idris Tarkan", "--json", "--db", ledger]
    )
    assert result.exit_code == 0, result.output
    groups = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    top = groups[0]
    assert (top["reports"], top["origins"]) == (5, 1)
    publishers = {r["publisher"] for r in top["listed"][0]["reports"]}
    assert len(publishers) == 5
