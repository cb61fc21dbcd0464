"""Scoring against a gold file: hand-built analyses of a fixture article (no model).

The article is the invented wire story in ``tests/fixtures/wire`` (see its README).
"""

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

WIRE = Path(__file__).resolve().parent / "fixtures" / "wire"
GOLD = WIRE / "khorpress-2025-03-28-ostona.gold.json"
ARTICLE = WIRE / "khorpress-2025-03-28-ostona.txt"
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
        document.id, 99, span(gold["attributions"][0]["cue"]), Span(0, 49, ""), kind="narrator"
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
    attrs[a1.id] = dataclasses.replace(
        a1, speaker="jamshid-rakhmonov", speaker_name="Jamshid Rakhmonov"
    )
    attrs[a4.id] = dataclasses.replace(a4, source=Span(0, 4, " dat"), speaker_name="someone")
    attrs[a5.id] = dataclasses.replace(a5, responds_to=ids["a1"])
    attrs[a6.id] = dataclasses.replace(a6, stance="deny", chain=("Reuters", "KhorPress"))
    del attrs[a8.id]  # a miss
    last = document.text.rindex("Ostona is the last province")  # no attribution there
    extra = dataclasses.replace(
        a1, id=100, cue=Span(last, last + 4, "xxxx"), content=Span(last + 5, last + 20, "x")
    )
    mentions = tuple(
        dataclasses.replace(m, entity="khorpress") if m.entity == "reuters"  # merged
        else dataclasses.replace(m, entity="kasimov") if m.span.text == "Kasimov"  # split
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
    assert failed == {"daniyar-kasimov", "reuters", "khorpress"}
    assert report.merge_errors == [("khorpress", "reuters")]
    lines = report.lines()
    assert lines[-1] == f"attribution F1 {report.f1:.3f}"
    row = next(line for line in lines if line.strip().startswith("a8 "))
    assert " no " in row
    assert any(
        line.startswith("  FAIL daniyar-kasimov: split over daniyar-kasimov, kasimov")
        for line in lines
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
    (president,) = occurrences(text, "Veshtar's President Jamshid Rakhmonov")
    mentions = [Mention(president, "PERSON", entity="rakhmonov")]
    mentions += [
        Mention(s, "PLACE", entity="veshtar")
        for s in occurrences(text, "Veshtar")
        if s.start != president.start
    ]
    mentions += [Mention(s, "ORG", entity="arslan") for s in occurrences(text, "Arslan")]
    assert predicted_entities("Rakhmonov", text, mentions) == {"rakhmonov"}  # inside a name
    assert predicted_entities("Veshtar", text, mentions) == {"veshtar"}  # not the name it is in
    assert predicted_entities("Arslan fighters", text, mentions) == {"arslan"}
    assert predicted_entities("Tavrin", text, mentions) == set()


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


@pytest.fixture(scope="module")
def measured() -> GoldReport:
    return evaluate_gold(GOLD)


@pytest.mark.model
def test_pipeline_on_the_fixture_article(measured: GoldReport) -> None:
    report = measured
    lines = report.lines()
    # all 16 gold attributions found, one extra ("still rejects the new rulers")
    assert (report.match.tp, report.match.fp, report.match.fn) == (16, 1, 0), "\n".join(lines)
    assert report.f1 == pytest.approx(32 / 33)
    assert lines[-1] == "attribution F1 0.970"
    # "From time to time it reports ...": "it" resolves to the Arslan Movement
    assert (report.source.ok, report.chain.ok, report.stance.ok) == (16, 16, 16)
    results = {e.key: e for e in report.entities}
    assert results["daniyar-kasimov"].resolved, "the spelling variant must merge"
    assert not results["timur-alimov"].merged_with, "father and son must stay apart"
    assert results["nodir-ashurov"].ok
    assert report.merge_errors == []


@pytest.mark.model
def test_claims_and_disputes_on_the_fixture_article(measured: GoldReport) -> None:
    scores = measured.claims
    # found (each in its gold claim's own attribution): both control claims of the central
    # dispute and fighting; missed: the two location claims (their values are swapped
    # between the media and the denier, see test_pipeline), "failed to capture any of the
    # villages in the province" (no place), the 120 "Arslan militants" (victim left a
    # description), "heavy losses" in a two-part content, and the intention's action; every
    # predicted claim counts, statements included (16 match no gold claim)
    assert (scores.claims.tp, scores.claims.fp, scores.claims.fn) == (3, 16, 6)
    assert (scores.disputes.ok, scores.disputes.total) == (2, 2)
    assert (scores.predicted_disputes.ok, scores.predicted_disputes.total) == (2, 3)
    lines = measured.lines()
    assert any(line.startswith("disputes found 2/2") for line in lines)
    assert lines[-1].startswith("attribution F1 ")


@pytest.mark.model
@pytest.mark.xfail(
    strict=True,
    reason="the 120 'Arslan militants' keep the victim 'militants' (the name used as a "
    "modifier of a two-word group is not linked), so the figure is not tied to the side "
    "that 'has said nothing about its losses'",
)
def test_both_one_sided_figures_on_the_fixture_article(measured: GoldReport) -> None:
    scores = measured.claims
    assert (scores.unanswered.ok, scores.unanswered.total) == (2, 2)


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

    def gold_span(needle: str) -> dict[str, Any]:
        s = at(needle)
        return {"text": s.text, "start": s.start, "end": s.end}

    gold = {
        "entities": {"taliban": {"mentions": ["Taliban"]}, "panjshir": {"mentions": ["Panjshir"]}},
        "attributions": [
            {"id": "a1", "cue": gold_span("took"), "content": gold_span("The Taliban took")},
            {"id": "a2", "cue": gold_span("said"), "content": gold_span("did not take")},
        ],
        "claims": [
            {
                "id": "c1",
                "from": "a1",
                "type": "territorial_control",
                "actor": "taliban",
                "place": "panjshir",
            },
            {
                "id": "c2",
                "from": "a2",
                "type": "territorial_control",
                "actor": "taliban",
                "place": "panjshir",
                "value": False,
            },
            {"id": "c3", "from": "a2", "type": "fatalities", "victim": "taliban"},
        ],
        "disputes": [{"id": "d1", "for": ["c1"], "against": ["c2"]}],
    }
    report = score_claims([("", gold, analysis)])
    # the untyped claim 3 matches nothing in the gold: it counts against precision
    assert (report.claims.tp, report.claims.fp, report.claims.fn) == (2, 1, 1)
    assert (report.disputes.ok, report.predicted_disputes.ok) == (1, 1)
    assert report.lines()[1] == "disputes found 1/1 gold; predicted disputes matching gold 1/1"


def test_gold_mentions_are_matched_case_sensitively_on_whole_words() -> None:
    # "IS" (the Islamic State) must not stand for the verb "is", nor "ISIS" for "IS"
    text = "IS said the leader is dead. ISIS fighters fled. The group is weak."
    mentions = [
        Mention(Span.of(text, 0, 2), "ORG", entity="is-group"),
        Mention(Span.of(text, 19, 21), "ORG", entity="verb"),  # a bogus mention on "is"
        Mention(Span.of(text, 28, 32), "ORG", entity="isis"),
    ]
    assert predicted_entities("IS", text, mentions) == {"is-group"}
    # a sentence may open with a lowercase gold mention: only the first letter may differ
    group = Mention(Span.of(text, 48, 57), "ORG", entity="group")
    assert predicted_entities("the group", text, [*mentions, group]) == {"group"}
    assert predicted_entities("the GROUP", text, [*mentions, group]) == set()
    gold = {"is-group": {"mentions": ["IS"]}, "isis": {"mentions": ["ISIS"]}}
    analysis = Analysis(Document("d", text), (), (), tuple(mentions))
    from counterclaim.evaluate.gold import entity_results

    results = {r.key: r for r in entity_results(gold, analysis)}
    assert results["is-group"].ok and results["is-group"].predicted == ("is-group",)
    assert results["isis"].ok


def test_claim_precision_counts_every_predicted_claim() -> None:
    # two typed claims and a statement, all matched: precision 1, never 3/2
    from counterclaim.evaluate.claims import score_claims
    from counterclaim.records import Claim

    text = "Kabul fell, the Taliban said. Officials said talks continue."
    attrs = (Attribution("d", 1, Span.of(text, 24, 28), Span.of(text, 0, 10)),
             Attribution("d", 2, Span.of(text, 40, 44), Span.of(text, 45, 59)))  # fmt: skip
    assert [a.cue.text for a in attrs] == ["said", "said"]
    claims = (Claim("d", 1, 1, "fighting_ongoing"), Claim("d", 2, 1, "losses"),
              Claim("d", 3, 2, "statement"))  # fmt: skip
    analysis = Analysis(Document("d", text), attrs, claims=claims)
    gold = {"attributions": [{"id": "a1", "cue": _gold_span(text, "said"),
                              "content": _gold_span(text, "Kabul fell")},
                             {"id": "a2", "cue": {"start": 40, "end": 44},
                              "content": _gold_span(text, "talks continue")}],
            "claims": [{"id": "c1", "from": "a1", "type": "fighting_ongoing"},
                       {"id": "c2", "from": "a1", "type": "losses"},
                       {"id": "c3", "from": "a2", "type": "statement",
                        "proposition": "talks continue"}]}  # fmt: skip
    report = score_claims([("", gold, analysis)])
    assert (report.claims.tp, report.claims.fp, report.claims.fn) == (3, 0, 0)
    assert report.claims.precision == 1.0
    extra = dataclasses.replace(analysis, claims=(*claims, Claim("d", 4, 2, "statement")))
    report = score_claims([("", gold, extra)])
    assert (report.claims.tp, report.claims.fp) == (3, 1)
    assert report.claims.precision == 0.75


def _voa_like(tmp_path: Path) -> Path:
    """A gold file beside an article whose bare date header names no publisher."""
    text = " date 2025-03-14 Officials said the attack was planned in a neighbouring country."
    (tmp_path / "story.txt").write_text(text, encoding="utf-8")
    cue, content = text.index("said"), text.index("the attack")
    gold = {
        "article": "story.txt",
        "document": {"publisher": "voa", "date": "2025-03-14"},
        "entities": {"voa": {"type": "MEDIA", "name": "Voice of America", "mentions": []}},
        "attributions": [{
            "id": "a1", "source": "officials (unnamed)", "kind": "indirect", "stance": "assert",
            "cue": {"text": "said", "start": cue, "end": cue + 4},
            "content": {"text": text[content:-1], "start": content, "end": len(text) - 1},
            "reported_by": ["voa"],
        }],
        "claims": [], "disputes": [],
    }  # fmt: skip
    path = tmp_path / "story.gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


def test_the_gold_publisher_is_given_as_ingest_publisher(tmp_path: Path) -> None:
    from counterclaim.evaluate.gold import gold_publisher

    path = _voa_like(tmp_path)
    entry = load_gold(path)[0]
    assert gold_publisher(entry) == "voa"
    assert gold_publisher({"document": {}}) is None
    assert read_article(tmp_path / "story.txt", gold_publisher(entry)).publisher == "voa"
    assert read_article(tmp_path / "story.txt").publisher is None


@pytest.mark.model
def test_chains_end_with_the_gold_publisher(tmp_path: Path) -> None:
    report = evaluate_gold(_voa_like(tmp_path))
    assert report.match.tp == 1, "\n".join(report.lines())
    assert report.chain_accuracy == 1.0, "\n".join(report.lines())


def _gold_span(text: str, needle: str) -> dict[str, Any]:
    start = text.index(needle)
    return {"text": needle, "start": start, "end": start + len(needle)}


def test_disputes_match_through_attributions_whatever_the_claim_types() -> None:
    # the gold holds two statements; the ledger a typed claim and the denial it implies
    from counterclaim.evaluate.claims import score_claims
    from counterclaim.records import Claim

    text = "The Taliban took Panjshir, a commander said. The resistance denied it."
    t, p = Mention(Span.of(text, 4, 11), "ORG", "t"), Mention(Span.of(text, 17, 25), "GPE", "p")
    attrs = (
        Attribution("d", 1, Span.of(text, 39, 43), Span.of(text, 0, 25)),
        Attribution("d", 2, Span.of(text, 60, 66), Span.of(text, 67, 69), stance="deny",
                    responds_to=1),
    )  # fmt: skip
    claim = Claim("d", 1, 1, "territorial_control", args={"actor": "t", "place": "p"})
    entities = (Entity("t", "Taliban", "ORG"), Entity("p", "Panjshir", "PLACE"))
    analysis = Analysis(Document("d", text), attrs, entities, (t, p), (claim,))
    gold = {
        "attributions": [
            {"id": "a1", "cue": _gold_span(text, "said"),
             "content": _gold_span(text, "The Taliban took Panjshir")},
            {"id": "a2", "cue": _gold_span(text, "denied"), "content": _gold_span(text, "it")},
        ],
        "claims": [
            {"id": "c1", "from": "a1", "type": "statement", "proposition": "Taliban took Panjshir"},
            {"id": "c2", "from": "a2", "type": "statement", "proposition": "they did not"},
        ],
        "disputes": [{"id": "d1", "proposition": "Taliban took Panjshir", "for": ["c1"],
                      "against": ["c2"]}],
    }  # fmt: skip
    report = score_claims([("", gold, analysis)])
    assert (report.disputes.ok, report.disputes.total) == (1, 1)
    assert (report.predicted_disputes.ok, report.predicted_disputes.total) == (1, 1)
    assert report.missed == [] and report.unmatched == []
    # without the denial's attribution behind the gold against side, nothing matches
    gold["claims"][1]["from"] = "a1"
    report = score_claims([("", gold, analysis)])
    assert (report.disputes.ok, report.predicted_disputes.ok) == (0, 0)
    assert report.lines()[1] == "disputes found 0/1 gold; predicted disputes matching gold 0/1"
    assert report.lines()[2] == "  missed d1: Taliban took Panjshir"
    assert report.lines()[3].startswith("  unmatched prediction (denial, territorial_control)")


def _lc(doc: str, attribution: int, claim_id: int, kind: str = "statement") -> Any:
    from counterclaim.compare import LedgerClaim, Said
    from counterclaim.records import Claim

    return LedgerClaim(Claim(doc, claim_id, attribution, kind), Said(doc, attribution))


def test_dispute_rule_sides_either_way_round_and_also_against() -> None:
    from counterclaim.compare import Dispute
    from counterclaim.evaluate.claims import (
        ClaimReport,
        GoldDispute,
        dispute_matches,
        score_disputes,
    )

    behind = {("x", 1): {("f1", "a1")}, ("x", 2): {("f1", "a2")}, ("y", 7): {("f2", "a9")}}
    gold = GoldDispute("d1", "p", frozenset({("f1", "a1")}), frozenset({("f2", "a9")}))
    straight = Dispute("p", "fatalities", "figures", (_lc("x", 1, 1),), (_lc("y", 7, 2),))
    swapped = Dispute("p", "fatalities", "figures", (_lc("y", 7, 2),), (_lc("x", 1, 1),))
    implied = Dispute("p", "fatalities", "polarity", (_lc("x", 1, 1),), (),
                      also_against=(_lc("y", 7, 2),))  # fmt: skip
    one_side = Dispute("p", "losses", "polarity", (_lc("x", 1, 1),), (_lc("x", 2, 3),))
    assert dispute_matches(straight, gold, behind) and dispute_matches(swapped, gold, behind)
    assert dispute_matches(implied, gold, behind)
    assert not dispute_matches(one_side, gold, behind)  # both sides behind gold "for"
    report = ClaimReport()
    score_disputes(report, [straight, one_side], [gold], behind)
    assert (report.disputes.ok, report.disputes.total) == (1, 1)
    assert (report.predicted_disputes.ok, report.predicted_disputes.total) == (1, 2)
    assert report.unmatched == [one_side]


def test_a_claim_matches_only_a_gold_claim_of_its_attribution() -> None:
    # a statement has no arguments: without the attribution it would match any statement
    from counterclaim.evaluate.claims import score_claims
    from counterclaim.records import Claim

    text = "Kabul fell, the Taliban said. Officials said talks continue."
    attrs = (Attribution("d", 1, Span.of(text, 24, 28), Span.of(text, 0, 10)),
             Attribution("d", 2, Span.of(text, 40, 44), Span.of(text, 45, 59)))  # fmt: skip
    gold = {"attributions": [{"id": "a1", "cue": _gold_span(text, "said"),
                              "content": _gold_span(text, "Kabul fell")},
                             {"id": "a2", "cue": {"start": 40, "end": 44},
                              "content": _gold_span(text, "talks continue")}],
            "claims": [{"id": "c1", "from": "a2", "type": "statement",
                        "proposition": "talks continue"}]}  # fmt: skip
    wrong = Analysis(Document("d", text), attrs, claims=(Claim("d", 1, 1, "statement"),))
    assert score_claims([("", gold, wrong)]).claims.tp == 0
    right = Analysis(Document("d", text), attrs, claims=(Claim("d", 1, 2, "statement"),))
    assert score_claims([("", gold, right)]).claims.tp == 1


def test_a_casualty_figure_is_found_only_with_its_count() -> None:
    from counterclaim.evaluate.claims import count_agrees
    from counterclaim.records import Count

    assert count_agrees({"best": 33}, Count(33, 33, 33, False, "33"))
    assert count_agrees({"approx": 350}, Count(None, 350, None, True, "about 350"))
    assert count_agrees({"low": 200}, Count(200, 200, None, False, "more than 200"))
    assert not count_agrees({"best": 33}, Count(30, 30, 30, False, "30"))
    assert not count_agrees({"low": 200, "high": 300}, Count(200, 200, None, False, "200"))
    assert not count_agrees({"best": 5}, None)
