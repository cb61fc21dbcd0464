"""Denials answered across articles: the matcher on literal records, and the real pipeline
storing the answer and the dispute it makes. Texts are written for these tests."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterclaim.compare.answers import Statement, match_answers

CLAIM = Statement("a", 1, "assert", "Front fighters shelled the water station in Korvan",
                  speaker="army", speaker_name="The army", day="2024-05-13")  # fmt: skip
DENIAL = Statement("b", 1, "deny", "the army's claim that its fighters shelled the water station",
                   speaker="front", speaker_name="The Northern Front", day="2024-05-14")  # fmt: skip


def test_a_denial_naming_the_claims_owner_answers_it_in_another_article() -> None:
    [answer] = match_answers([CLAIM, DENIAL])
    assert (answer.doc_id, answer.attribution, answer.target_doc, answer.target_attribution) == (
        "b", 1, "a", 1)  # fmt: skip


def test_no_answer_to_a_claim_made_later_by_another_owner_or_by_the_same_party() -> None:
    later = Statement(**{**{f: getattr(CLAIM, f) for f in CLAIM.__slots__}, "day": "2024-05-20"})
    police = Statement(**{**{f: getattr(CLAIM, f) for f in CLAIM.__slots__},
                          "speaker": "police", "speaker_name": "Police"})  # fmt: skip
    itself = Statement(**{**{f: getattr(CLAIM, f) for f in CLAIM.__slots__},
                          "speaker": "front"})  # fmt: skip
    for claim in (later, police, itself):
        assert match_answers([claim, DENIAL]) == []


def test_a_denial_naming_no_owner_is_left_to_its_article() -> None:
    bare = Statement(**{**{f: getattr(DENIAL, f) for f in DENIAL.__slots__},
                        "content": "that its fighters shelled the water station"})  # fmt: skip
    assert match_answers([CLAIM, bare]) == []


ARTICLES = {
    "claim.txt": (
        "date 2024-05-13 The army said on Monday that Northern Front fighters shelled the water "
        "station in Korvan, cutting supplies to the town."
    ),
    "denial.txt": (
        "date 2024-05-14 The Northern Front rejected the army's claim that its fighters shelled "
        "the water station in Korvan. Repair crews reached the station on Tuesday."
    ),
}


@pytest.mark.model
def test_a_denial_of_another_articles_claim_is_stored_and_on_the_board(tmp_path: Path) -> None:
    from counterclaim.cli import app

    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = tmp_path / "ledger.db"
    db = f"sqlite:///{path}"
    runner = CliRunner()
    done = runner.invoke(app, ["ingest", str(tmp_path), "--publisher", "agency", "--db", db])
    assert done.exit_code == 0, done.output
    with sqlite3.connect(path) as con:
        stored = con.execute("select doc_id, target_doc from answer").fetchall()
    assert len(stored) == 1 and stored[0][0] != stored[0][1]
    listed = runner.invoke(app, ["disputes", "--json", "--db", db])
    disputes = [json.loads(line) for line in listed.stdout.splitlines()]
    across = [d for d in disputes if d["cross_document"]]
    assert across, disputes
    sides = [c["said"] for d in across for c in (*d["for"], *d["against"])]
    assert any(s["answers"] for s in sides)  # the denial shows what it answers
    from fastapi.testclient import TestClient

    from counterclaim.store import make_engine
    from counterclaim.web import create_app

    with TestClient(create_app(make_engine(db)), base_url="http://localhost") as client:
        page = client.get("/disputes")
    assert page.status_code == 200
    assert "a statement in another article" in page.text  # the board links the answer
