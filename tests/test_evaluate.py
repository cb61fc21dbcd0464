"""Scoring against a gold file: hand-built analyses of the example article (no model)."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest

from counterclaim.evaluate.gold import (
    GoldReport,
    article_path_for,
    evaluate_gold,
    head_words,
    load_gold,
    predicted_entities,
    read_article,
    score_analysis,
)
from counterclaim.records import Analysis, Attribution, Document, Entity, Mention, Span

EXAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "examples"
GOLD = EXAMPLES / "tass-2021-09-03-panjshir.gold.json"
ARTICLE = EXAMPLES / "tass-2021-09-03-panjshir.txt"
LABELS = {"MEDIA": "ORG"}  # what NER would call them


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return load_gold(GOLD)[0]


@pytest.fixture(scope="module")
def document() -> Document:
    return read_article(ARTICLE)


def occurrences(text: str, surface: str) -> list[Span]:
    pattern = rf"(?<!\w){re.escape(surface)}(?!\w)"
    return [Span(m.start(), m.end(), m.group()) for m in re.finditer(pattern, text)]


def span(d: dict[str, Any]) -> Span:
    return Span(d["start"], d["end"], d["text"])


def perfect(gold: dict[str, Any], document: Document) -> Analysis:
    """The analysis a perfect system would output, built from the gold itself."""
    entities, mentions = gold["entities"], []
    for key, entity in entities.items():
        for surface in entity["mentions"]:
            label = LABELS.get(entity["type"], entity["type"])
            mentions += [Mention(s, label, entity=key) for s in occurrences(document.text, surface)]
    records = tuple(
        Entity(key, e["name"], e["type"], tuple(m.span for m in mentions if m.entity == key))
        for key, e in entities.items()
    )
    ids = {g["id"]: n for n, g in enumerate(gold["attributions"])}
    attributions = [
        _attribution(g, n, ids, entities, mentions, document)
        for n, g in enumerate(gold["attributions"])
    ]
    narrator = Attribution(
        document.id, 99, span(gold["attributions"][0]["cue"]), Span(0, 44, ""), kind="narrator"
    )
    return Analysis(document, (*attributions, narrator), records, tuple(mentions))


def _attribution(
    g: dict[str, Any],
    n: int,
    ids: dict[str, int],
    entities: dict[str, Any],
    mentions: list[Mention],
    document: Document,
) -> Attribution:
    if g["source"] in entities:
        source = next(m.span for m in mentions if m.entity == g["source"])
        speaker, name = g["source"], entities[g["source"]]["name"]
    else:
        phrase = re.sub(r"\s*\(.*\)", "", g["source"])
        source, speaker, name = occurrences(document.text, phrase)[0], None, phrase
    chain = tuple(entities[c]["name"] if c in entities else c for c in g["reported_by"])
    return Attribution(
        document.id, n, span(g["cue"]), span(g["content"]), kind=g["kind"], stance=g["stance"],
        source=source, speaker=speaker, speaker_name=name, chain=chain,
        responds_to=ids.get(g.get("responds_to")),
    )  # fmt: skip


def test_a_perfect_prediction_scores_one(gold: dict[str, Any], document: Document) -> None:
    report = score_analysis(gold, perfect(gold, document))
    assert (report.precision, report.recall, report.f1) == (1.0, 1.0, 1.0)
    assert report.match.tp == len(gold["attributions"])  # the narrator item is left out
    assert report.source_accuracy == report.stance_accuracy == report.chain_accuracy == 1.0
    assert (report.responds_to.ok, report.responds_to.total) == (2, 2)
    assert report.entity_accuracy == 1.0 and report.merge_errors == []
    assert report.exact["cue"].f1 == report.exact["content"].f1 == 1.0
    lines = report.lines()
    assert lines[-1] == "attribution F1 1.000"
    assert not any("FAIL" in line or "WRONG" in line for line in lines)


def _wrong(gold: dict[str, Any], document: Document) -> Analysis:
    """The perfect analysis with one mistake of each kind."""
    analysis = perfect(gold, document)
    attrs = {a.id: a for a in analysis.attributions}
    ids = {g["id"]: n for n, g in enumerate(gold["attributions"])}
    a1, a4, a5, a6, a8 = (attrs[ids[k]] for k in ("a1", "a4", "a5", "a6", "a8"))
    attrs[a1.id] = dataclasses.replace(a1, speaker="ashraf-ghani", speaker_name="Ashraf Ghani")
    attrs[a4.id] = dataclasses.replace(a4, source=Span(0, 4, " dat"), speaker_name="someone")
    attrs[a5.id] = dataclasses.replace(a5, responds_to=ids["a1"])
    attrs[a6.id] = dataclasses.replace(a6, stance="deny", chain=("Reuters", "TASS"))
    del attrs[a8.id]  # a miss
    extra = dataclasses.replace(
        a1, id=100, cue=Span(2450, 2454, "xxxx"), content=Span(2455, 2470, "x")
    )
    mentions = tuple(
        dataclasses.replace(m, entity="tass") if m.entity == "reuters"  # merged
        else dataclasses.replace(m, entity="dashti") if m.span.text == "Dashti"  # split
        else m
        for m in analysis.mentions
    )  # fmt: skip
    return dataclasses.replace(analysis, attributions=(*attrs.values(), extra), mentions=mentions)


def test_a_wrong_prediction_scores_less_and_says_where(
    gold: dict[str, Any], document: Document
) -> None:
    report = score_analysis(gold, _wrong(gold, document))
    n = len(gold["attributions"])
    assert (report.match.tp, report.match.fp, report.match.fn) == (n - 1, 1, 1)
    assert report.f1 == pytest.approx((n - 1) / n)
    assert (report.source.ok, report.source.total) == (n - 3, n - 1)  # a1 and a4 wrong
    assert (report.stance.ok, report.chain.ok) == (n - 2, n - 2)  # a6
    assert (report.responds_to.ok, report.responds_to.total) == (0, 1)  # a5; a8 was missed
    failed = {e.key for e in report.entities if not e.ok}
    assert failed == {"fahim-dashti", "reuters", "tass"}
    assert report.merge_errors == [("reuters", "tass")]
    lines = report.lines()
    assert lines[-1] == f"attribution F1 {report.f1:.3f}"
    row = next(line for line in lines if line.strip().startswith("a8 "))
    assert " no " in row
    assert any(
        line.startswith("  FAIL fahim-dashti: split over dashti, fahim-dashti") for line in lines
    )
    assert any(line.strip().startswith("- ") and "extra" in line for line in lines)


def test_report_adds_up_over_articles(gold: dict[str, Any], document: Document) -> None:
    report = GoldReport()
    score_analysis(gold, perfect(gold, document), report, name="one")
    score_analysis(gold, _wrong(gold, document), report, name="two")
    n = len(gold["attributions"])
    assert report.articles == ["one", "two"]
    assert (report.match.tp, report.match.fn) == (2 * n - 1, 1)


def test_chain_positions_with_several_outlets() -> None:
    text = "FT and WSJ reported, VOA said, that it rained."
    doc = Document("d", text)
    entities = {k: {"type": "MEDIA", "name": n, "mentions": [n]} for k, n in
                [("ft", "Financial Times"), ("wsj", "WSJ"), ("voa", "VOA")]}  # fmt: skip
    gold = {"entities": entities, "attributions": [{
        "id": "a1", "source": "a weather man", "cue": {"start": 26, "end": 30, "text": "said"},
        "content": {"start": 37, "end": 46, "text": "it rained"}, "kind": "indirect",
        "stance": "assert", "reported_by": [["ft", "wsj"], "voa"]}]}  # fmt: skip

    def score(chain: tuple[str, ...]) -> bool:
        pred = Attribution("d", 0, Span(26, 30, "said"), Span(37, 46, "it rained"), chain=chain)
        return score_analysis(gold, Analysis(doc, (pred,))).chain.ok == 1

    assert score(("WSJ and Financial Times", "VOA"))
    assert score(("financial times, wsj", "voa"))
    assert not score(("WSJ", "VOA"))
    assert not score(("WSJ and Financial Times",))
    assert not score(("FT and WSJ", "Reuters"))


def test_unnamed_sources_are_matched_by_head_words() -> None:
    assert head_words("media (unnamed)") == ["media"]
    assert head_words("a source in the region") == ["source", "region"]


def test_gold_mentions_found_by_overlap(document: Document) -> None:
    text = document.text
    saleh = occurrences(text, "Vice President Amrullah Saleh")[0]
    mentions = [Mention(saleh, "PERSON", entity="saleh")]
    mentions += [Mention(s, "PLACE", entity="afg") for s in occurrences(text, "Afghanistan")[1:]]
    mentions += [Mention(s, "ORG", entity="tal") for s in occurrences(text, "Taliban")]
    assert predicted_entities("Saleh", text, mentions) == {"saleh"}  # only inside a longer name
    assert predicted_entities("Afghanistan", text, mentions) == {"afg"}  # not the name it is in
    assert predicted_entities("Taliban fighters", text, mentions) == {"tal"}
    assert predicted_entities("Kabul", text, mentions) == set()


def test_load_gold_and_article_paths(tmp_path: Path, gold: dict[str, Any]) -> None:
    assert article_path_for(GOLD, gold) == ARTICLE
    assert article_path_for(tmp_path / "x.gold.json", {}) == tmp_path / "x.txt"
    several = tmp_path / "set.gold.json"
    several.write_text(json.dumps({"articles": [gold, {**gold, "article": "other.txt"}]}))
    assert [e["article"] for e in load_gold(several)] == [gold["article"], "other.txt"]
    bad = tmp_path / "bad.gold.json"
    bad.write_text("[1, 2]")
    with pytest.raises(ValueError, match="expected a gold object"):
        load_gold(bad)


@pytest.mark.model
def test_pipeline_on_the_example() -> None:
    report = evaluate_gold(GOLD)
    lines = report.lines()
    assert re.fullmatch(r"attribution F1 \d\.\d{3}", lines[-1])
    assert report.f1 >= 0.75, "\n".join(lines)
    results = {e.key: e for e in report.entities}
    assert results["fahim-dashti"].resolved, "the spelling variant must merge"
    assert not results["ahmad-massoud"].merged_with, "father and son must stay apart"
    assert results["amrullah-saleh"].ok


@pytest.mark.model
def test_claims_disputes_and_unanswered_on_the_example() -> None:
    report = evaluate_gold(GOLD)
    scores = report.claims
    assert scores.claims.recall >= 0.75
    assert (scores.disputes.ok, scores.disputes.total) == (2, 2)
    assert (scores.unanswered.ok, scores.unanswered.total) == (2, 2)
    lines = report.lines()
    assert any(line.startswith("disputes found 2/2") for line in lines)
    assert lines[-1].startswith("attribution F1 ")


def test_score_claims_on_literal_records() -> None:
    from counterclaim.evaluate.claims import score_claims
    from counterclaim.records import Claim, Entity, Mention

    text = "The Taliban took Panjshir. The resistance said the Taliban did not take Panjshir."

    def at(needle: str, nth: int = 0) -> Span:
        start = -1
        for _ in range(nth + 1):
            start = text.index(needle, start + 1)
        return Span.of(text, start, start + len(needle))

    mentions = (
        Mention(at("Taliban"), "ORG", "t"),
        Mention(at("Panjshir"), "PLACE", "p"),
        Mention(at("Taliban", 1), "ORG", "t"),
        Mention(at("Panjshir", 1), "PLACE", "p"),
    )
    attrs = (
        Attribution("d", 1, at("took"), at("The Taliban took Panjshir")),
        Attribution("d", 2, at("said"), at("the Taliban did not take Panjshir")),
    )
    claims = (
        Claim("d", 1, 1, "territorial_control", args={"actor": "t", "place": "p"}),
        Claim("d", 2, 2, "territorial_control", False, args={"actor": "t", "place": "p"}),
        Claim("d", 3, 2, "statement"),
    )
    analysis = Analysis(
        Document("d", text),
        attrs,
        (Entity("t", "Taliban", "ORG"), Entity("p", "Panjshir", "PLACE")),
        mentions,
        claims,
    )
    gold = {
        "entities": {"taliban": {"mentions": ["Taliban"]}, "panjshir": {"mentions": ["Panjshir"]}},
        "claims": [
            {"id": "c1", "type": "territorial_control", "actor": "taliban", "place": "panjshir"},
            {
                "id": "c2",
                "type": "territorial_control",
                "actor": "taliban",
                "place": "panjshir",
                "value": False,
            },
            {"id": "c3", "type": "fatalities", "victim": "taliban"},
        ],
        "disputes": [{"id": "d1", "for": ["c1"], "against": ["c2"]}],
    }
    report = score_claims([("", gold, analysis)])
    assert (report.claims.tp, report.claims.fp, report.claims.fn) == (2, 0, 1)
    assert (report.disputes.ok, report.predicted_disputes.ok) == (1, 1)
    assert report.lines()[1] == "disputes found 1/1 gold; predicted disputes matching gold 1/1"
