"""Scoring one ledger built from several gold articles (``eval --corpus``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from counterclaim.evaluate.corpus import collect, evaluate_corpus
from counterclaim.evaluate.gold import GoldError

CLAIMED = " date 2021-09-03 The Taliban said they had taken control of Panjshir province on Friday."
DENIED = (" date 2021-09-03 Resistance spokesman Fahim Dashti said the Taliban had not taken "
          "control of Panjshir province.")  # fmt: skip
ENTITIES = {
    "taliban": {"type": "ORG", "name": "Taliban", "mentions": ["Taliban"]},
    "panjshir": {"type": "PLACE", "name": "Panjshir", "mentions": ["Panjshir province"]},
    "voa": {"type": "MEDIA", "name": "Voice of America", "mentions": []},
}


def _span(text: str, needle: str) -> dict[str, Any]:
    start = text.index(needle)
    return {"text": needle, "start": start, "end": start + len(needle)}


def _gold(name: str, text: str, source: str, content: str, claim: dict[str, Any]) -> dict:
    return {
        "article": f"{name}.txt",
        "document": {"publisher": "voa", "date": "2021-09-03"},
        "entities": ENTITIES,
        "attributions": [{"id": "a1", "source": source, "cue": _span(text, "said"),
                          "content": _span(text, content), "kind": "indirect",
                          "stance": "assert", "reported_by": ["voa"]}],
        "claims": [{"id": "c1", "from": "a1", **claim}],
        "disputes": [],
    }  # fmt: skip


def write_corpus(folder: Path) -> Path:
    """Two stories, a claim and its denial (a ``statement`` in the gold), and the
    cross-document file that sets them against each other."""
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(CLAIMED, encoding="utf-8")
    (folder / "b.txt").write_text(DENIED, encoding="utf-8")
    a = _gold(
        "a",
        CLAIMED,
        "taliban",
        "they had taken control of Panjshir province on Friday",
        {"type": "territorial_control", "actor": "taliban", "place": "panjshir"},
    )
    b = _gold(
        "b",
        DENIED,
        "fahim dashti (unnamed)",
        "the Taliban had not taken control of Panjshir province",
        {"type": "statement", "proposition": "the Taliban do not control Panjshir"},
    )
    (folder / "a.gold.json").write_text(json.dumps(a), encoding="utf-8")
    (folder / "b.gold.json").write_text(json.dumps(b), encoding="utf-8")
    both = [{"file": "a.gold.json", "entity": k} for k in ("taliban", "panjshir")]
    crossdoc = {
        "documents": ["a.txt", "b.txt"],
        "entities": [
            {"name": "Taliban", "mentions": [both[0], {**both[0], "file": "b.gold.json"}]},
            {"name": "Panjshir", "mentions": [both[1], {**both[1], "file": "b.gold.json"}]},
            {"name": "VOA", "mentions": [{"file": "a.gold.json", "entity": "voa"}]},
        ],
        "disputes": [{"id": "x1", "proposition": "Taliban control Panjshir",
                      "for": [{"file": "a.gold.json", "claim": "c1"}],
                      "against": [{"file": "b.gold.json", "claim": "c1"}]}],
    }  # fmt: skip
    path = folder / "crossdoc.json"
    path.write_text(json.dumps(crossdoc), encoding="utf-8")
    return path


def test_collect_takes_files_folders_and_crossdoc_documents(tmp_path: Path) -> None:
    crossdoc = write_corpus(tmp_path / "gold")
    folder = crossdoc.parent
    golds, crossdocs = collect([crossdoc])
    assert [p.name for p in golds] == ["a.gold.json", "b.gold.json"]
    assert [p.name for p, _ in crossdocs] == ["crossdoc.json"]
    golds, crossdocs = collect([folder, folder / "a.gold.json"])  # named twice: once
    assert [p.name for p in golds] == ["a.gold.json", "b.gold.json"]
    assert len(crossdocs) == 1
    golds, crossdocs = collect([folder / "b.gold.json"])
    assert [p.name for p in golds] == ["b.gold.json"] and crossdocs == []
    (folder / "b.gold.json").unlink()
    with pytest.raises(GoldError, match="no gold file b.gold.json"):
        collect([crossdoc])


@pytest.mark.model
def test_a_claim_and_its_denial_across_stories_is_one_dispute(tmp_path: Path) -> None:
    report = evaluate_corpus([write_corpus(tmp_path / "gold")])
    lines = report.lines()
    assert (report.entities.ok, report.entities.total) == (2, 2), lines  # VOA never named
    assert report.merges == []
    assert (report.cross.disputes.ok, report.cross.disputes.total) == (1, 1), lines
    assert (report.recall, report.precision) == (1.0, 1.0), lines
    assert "cross-document entities 2/2, merge errors 0" in lines
    assert "cross-document disputes found 1/1" in lines
    assert lines[-1] == "dispute recall 1.000 precision 1.000"


@pytest.mark.model
def test_within_story_gold_disputes_count_too(tmp_path: Path) -> None:
    # a gold dispute inside story a that the ledger cannot see: recall 1/2, precision 1/1
    crossdoc = write_corpus(tmp_path / "gold")
    a = json.loads((crossdoc.parent / "a.gold.json").read_text(encoding="utf-8"))
    a["disputes"] = [{"id": "d1", "proposition": "unseen", "for": ["c1"], "against": ["c1"]}]
    (crossdoc.parent / "a.gold.json").write_text(json.dumps(a), encoding="utf-8")
    report = evaluate_corpus([crossdoc.parent])
    assert (report.within.disputes.ok, report.within.disputes.total) == (0, 1)
    assert (report.disputes.disputes.ok, report.disputes.disputes.total) == (1, 2)
    lines = report.lines()
    assert "  missed a.gold.json d1: unseen" in lines
    assert lines[-1] == "dispute recall 0.500 precision 1.000"
