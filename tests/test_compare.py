"""compare on literal records: disputes, denials, independence, figures, silences, timelines."""

from __future__ import annotations

from typing import Any

import pytest

from counterclaim.compare import (
    LedgerClaim,
    Said,
    conflict,
    corroborations,
    describe,
    fatalities,
    find_disputes,
    find_silences,
    independence,
    timeline,
    unanswered,
)
from counterclaim.records import Claim, Count, Geo, Span

NAMES = {
    "taliban": "Taliban", "nrf": "National Resistance Front", "panjshir": "Panjshir",
    "saleh": "Amrullah Saleh", "tajikistan": "Tajikistan", "kabul": "Kabul",
    "afghanistan": "Afghanistan", "dashti": "Fahim Dashti",
}  # fmt: skip
SIDES = {"taliban": "Taliban", "nrf": "resistance", "saleh": "resistance", "dashti": "resistance"}
PLACES = {
    "panjshir": Geo("Panjshir", "region", "AF", "AF-PAN"),
    "kabul": Geo("Kabul", "town", "AF", "AF-KAB"),
    "afghanistan": Geo("Afghanistan", "country", "AF"),
    "tajikistan": Geo("Tajikistan", "country", "TJ"),
}


def said(doc: str = "d1", attr: int = 1, speaker: str | None = "taliban", **kw: Any) -> Said:
    defaults: dict[str, Any] = {
        "speaker_name": NAMES.get(speaker or "", "?"),
        "side": SIDES.get(speaker or ""),
        "chain": ("TASS",),
        "doc_date": "2021-09-03",
        "publisher": "TASS",
    }
    return Said(doc, attr, speaker, **{**defaults, **kw})


def lc(
    type_: str, args: dict[str, Any], by: Said, cid: int | None = None, **kw: Any
) -> LedgerClaim:
    claim = Claim(by.doc_id, cid if cid is not None else by.attribution, by.attribution,
                  type_, args=args, **kw)  # fmt: skip
    return LedgerClaim(claim, by, args, NAMES, SIDES, PLACES)


CONTROL = {"actor": "taliban", "place": "panjshir"}


def refs(claims: tuple[LedgerClaim, ...]) -> set[tuple[str, int]]:
    return {c.ref for c in claims}


# ---------------------------------------------------------------- disputes


def test_opposite_values_within_an_article_are_a_dispute() -> None:
    reuters = said(attr=7, named=False, chain=("a Taliban source", "Reuters", "TASS"))
    claim = lc("territorial_control", CONTROL, reuters, date="2021-09-03")
    denial = lc("territorial_control", CONTROL, said(attr=8, speaker="nrf"), value=False)
    failed = lc("territorial_control", CONTROL, said(attr=9, speaker="dashti"), value=False,
                date="2021-09-02")  # fmt: skip
    [dispute] = find_disputes([claim, denial, failed])
    assert dispute.proposition == "Taliban control Panjshir (2021-09-03)"
    assert refs(dispute.for_) == {claim.ref}
    assert refs(dispute.against) == {denial.ref, failed.ref}
    assert dispute.kind == "polarity" and not dispute.cross_document
    assert dispute.for_[0].said.chain == ("a Taliban source", "Reuters", "TASS")


def test_claims_across_articles_meet_through_global_ids() -> None:
    a = lc("territorial_control", CONTROL, said("doc-a", 1), date="2021-09-06")
    b = lc("territorial_control", CONTROL, said("doc-b", 3, "nrf", doc_date="2021-09-06"),
           value=False)  # fmt: skip
    [dispute] = find_disputes([a, b])
    assert dispute.cross_document and dispute.documents == ("doc-a", "doc-b")


def test_claims_far_apart_in_time_do_not_conflict() -> None:
    a = lc("territorial_control", CONTROL, said("doc-a", 1), date="2021-09-06")
    b = lc("territorial_control", CONTROL, said("doc-b", 1, "nrf"), value=False, date="2021-07-01")
    assert find_disputes([a, b]) == []


def test_different_arguments_are_different_propositions() -> None:
    a = lc("territorial_control", CONTROL, said(attr=1))
    b = lc("territorial_control", {"actor": "taliban", "place": "kabul"}, said(attr=2, speaker="nrf"),
           value=False)  # fmt: skip
    assert find_disputes([a, b]) == []


def test_a_denial_without_a_claim_negates_the_denied_claims() -> None:
    claim = lc("territorial_control", CONTROL, said(attr=7))
    denial = said(attr=8, speaker="nrf", stance="deny", responds_to=7)
    [dispute] = find_disputes([claim], denials=[denial])
    assert dispute.kind == "denial"
    assert [c.said.speaker for c in dispute.against] == ["nrf"]
    assert dispute.against[0].claim.value is False


def test_a_denial_with_a_different_reading_still_disputes_what_it_denies() -> None:
    fled = lc("person_location", {"person": "saleh", "place": "tajikistan"},
              said(attr=4, speaker=None, named=False))  # fmt: skip
    denial = lc("person_location", {"person": "saleh", "place": "afghanistan"},
                said(attr=5, speaker="saleh", stance="deny", responds_to=4), value=False)  # fmt: skip
    [dispute] = find_disputes([fled, denial])
    assert dispute.kind == "denial" and refs(dispute.against) == {denial.ref}


def test_incompatible_figures_for_one_event() -> None:
    by_nrf = lc("fatalities", {"victim": "taliban", "place": "panjshir"}, said(attr=1, speaker="dashti"),
                count=Count(best=350, approx=True))  # fmt: skip
    by_taliban = lc("fatalities", {"victim": "taliban", "place": "panjshir"},
                    said("doc-b", 2), count=Count(best=12))  # fmt: skip
    close = lc("fatalities", {"victim": "taliban", "place": "panjshir"},
               said("doc-c", 2, "nrf"), count=Count(low=300, high=400))  # fmt: skip
    [dispute] = find_disputes([by_nrf, by_taliban, close])
    assert dispute.kind == "figures"
    assert refs(dispute.for_) == {by_nrf.ref, close.ref}
    assert refs(dispute.against) == {by_taliban.ref}
    assert dispute.proposition.startswith("Taliban killed in Panjshir: 350")


def test_a_person_in_two_places_at_once() -> None:
    here = lc(
        "person_location", {"person": "saleh", "place": "panjshir"}, said(attr=1, speaker="saleh")
    )
    there = lc("person_location", {"person": "saleh", "place": "tajikistan"},
               said("doc-b", 1, speaker=None, named=False))  # fmt: skip
    inside = lc(
        "person_location", {"person": "saleh", "place": "afghanistan"}, said("doc-c", 1, "nrf")
    )
    assert conflict(here, there) == "location"
    assert conflict(here, inside) is None  # Panjshir is in Afghanistan
    [dispute] = find_disputes([here, there, inside])
    assert dispute.kind == "location"


def test_fighting_in_a_place_is_also_against_control() -> None:
    claim = lc("territorial_control", CONTROL, said(attr=7))
    denial = lc("territorial_control", CONTROL, said(attr=8, speaker="nrf"), value=False)
    fighting = lc("fighting_ongoing", {"sides": ("taliban", "nrf"), "place": "panjshir"},
                  said(attr=1, speaker="saleh"))  # fmt: skip
    [dispute] = find_disputes([claim, denial, fighting])
    assert refs(dispute.also_against) == {fighting.ref}


def test_intentions_are_not_disputed() -> None:
    intent = lc("intention", {"actor": "taliban", "place": "panjshir", "action": "take control"},
                said(attr=12), modality="intention")  # fmt: skip
    denial = lc("intention", {"actor": "taliban", "place": "panjshir", "action": "take control"},
                said(attr=13, speaker="nrf"), value=False, modality="intention")  # fmt: skip
    assert find_disputes([intent, denial]) == []


# ---------------------------------------------------------------- independence


def test_reuters_and_al_jazeera_citing_taliban_sources_may_be_one_origin() -> None:
    reuters = said("doc-a", 1, named=False, chain=("a Taliban source", "Reuters", "TASS"))
    aljazeera = said("doc-b", 1, "taliban-2", named=False, side="Taliban",
                     speaker_name="Taliban", chain=("a Taliban spokesman", "Al Jazeera"))  # fmt: skip
    verdict = independence(reuters, aljazeera)
    assert verdict.verdict == "possibly same origin" and not verdict.independent
    assert "a Taliban source" in verdict.reason and "Taliban" in verdict.reason


@pytest.mark.parametrize(
    ("a", "b", "verdict", "reason"),
    [
        (said("x", 1, "dashti"), said("y", 2, "dashti"), "same origin", "both from Fahim Dashti"),
        (said("x", 1, "taliban", chain=("Reuters", "TASS")),
         said("y", 1, "nrf", chain=("Reuters", "RIA")), "same origin", "passed on by Reuters"),
        (said("x", 1, "dashti"), said("y", 1, "saleh"), "same side", "two named sources"),
        (said("x", 1, "dashti"), said("y", 1, "taliban"), "independent", "different sides"),
    ],
)  # fmt: skip
def test_independence_rules(a: Said, b: Said, verdict: str, reason: str) -> None:
    found = independence(a, b)
    assert found.verdict == verdict and reason in found.reason


def test_corroborations_count_independent_origins() -> None:
    args = {"actor": "taliban", "place": "panjshir"}
    reuters = lc("territorial_control", args, said("doc-a", 1, named=False,
                 chain=("a Taliban source", "Reuters", "TASS")))  # fmt: skip
    aljazeera = lc("territorial_control", args, said("doc-b", 1, named=False,
                   chain=("a Taliban spokesman", "Al Jazeera")))  # fmt: skip
    [group] = corroborations([reuters, aljazeera])
    assert group.independent_origins == 1
    assert group.pairs[0][2].verdict == "possibly same origin"


# ---------------------------------------------------------------- figures


def test_fatalities_by_source_with_an_aggregate() -> None:
    args = {"victim": "taliban", "place": "panjshir"}
    a = lc("fatalities", args, said("doc-a", 1, "dashti"), count=Count(best=350, approx=True),
           period="2021-08-30/2021-09-03")  # fmt: skip
    b = lc("fatalities", args, said("doc-b", 1, "dashti"), count=Count(best=300))  # same origin
    c = lc("fatalities", args, said("doc-c", 1, "taliban"), count=Count(low=10, high=40))
    old = lc("fatalities", args, said("doc-d", 1, "nrf"), count=Count(best=5), date="2021-05-01")
    tallies = fatalities([a, b, c, old])
    assert [t.period[0].isoformat() for t in tallies] == ["2021-05-01", "2021-08-30"]
    tally = tallies[1]
    assert (tally.victim, tally.place) == ("Taliban", "Panjshir")
    assert [f.source for f in tally.figures] == ["Fahim Dashti", "Fahim Dashti", "Taliban"]
    assert (tally.low, tally.high) == (10, 350)
    assert tally.best == (350 + 25) // 2  # Dashti counted once: median of 350 and 25


TEXT = (
    "According to Dashti, about 350 Taliban militants were killed. He did not say how many "
    "casualties there were on the side of the resistance. The Taliban, however, have said "
    "nothing about their losses."
)


def mention(text: str, needle: str, gid: str, kind: str) -> tuple[Span, str, str, str]:
    start = text.index(needle)
    return (Span.of(text, start, start + len(needle)), gid, kind, NAMES[gid])


def test_silences_and_one_sided_figures() -> None:
    mentions = [
        mention(TEXT, "Dashti", "dashti", "PERSON"),
        mention(TEXT, "Taliban militants", "taliban", "ORG"),
        mention(TEXT, "He", "dashti", "PERSON"),
        mention(TEXT, "the resistance", "nrf", "ORG"),
        mention(TEXT, "The Taliban", "taliban", "ORG"),
    ]
    silences = find_silences("d1", TEXT, mentions, doc_date="2021-09-03")
    assert [s.span.text[:10] for s in silences] == ["He did not", "The Taliba"]
    assert [s.parties for s in silences] == [("nrf",), ("taliban",)]
    figure = lc("fatalities", {"victim": "taliban", "place": "panjshir"},
                said(attr=10, speaker="dashti"), count=Count(best=350, approx=True))  # fmt: skip
    found = unanswered([figure], silences)
    assert [(u.claim is figure, u.victim) for u in found] == [(True, "taliban"), (False, "nrf")]
    assert found[0].evidence[0].span.text.startswith("The Taliban, however")


def test_a_figure_answered_by_the_victim_side_is_not_one_sided() -> None:
    args = {"victim": "taliban", "place": "panjshir"}
    claim = lc("fatalities", args, said(attr=1, speaker="dashti"), count=Count(best=350))
    answer = lc("fatalities", args, said("doc-b", 1, "taliban"), count=Count(best=12))
    assert unanswered([claim, answer]) == []
    own = lc("fatalities", args, said("doc-c", 1, "taliban"), count=Count(best=3))
    assert unanswered([own]) == []  # a party's figure for its own losses


# ---------------------------------------------------------------- timelines


def test_timeline_orders_claims_by_event_date() -> None:
    late = lc("territorial_control", CONTROL, said("doc-b", 1), date="2021-09-06")
    early = lc("territorial_control", CONTROL, said("doc-a", 2, "dashti"), value=False,
               date="2021-09-02")  # fmt: skip
    elsewhere = lc("territorial_control", {"actor": "taliban", "place": "kabul"}, said("doc-c", 1),
                   date="2021-08-15")  # fmt: skip
    entries = timeline([late, early, elsewhere], ["panjshir"])
    assert [e.claim for e in entries] == [early, late]
    assert entries[0].role == "place" and entries[0].proposition == "Taliban control Panjshir"
    assert [e.claim for e in timeline([late, early, elsewhere], ["taliban"])] == [
        elsewhere,
        early,
        late,
    ]


def test_describe_uses_names_and_dates() -> None:
    claim = lc("fighting_ongoing", {"sides": ("taliban", "nrf"), "place": "panjshir"},
               said(), date="2021-09-03")  # fmt: skip
    assert describe(claim) == (
        "fighting between Taliban and National Resistance Front in Panjshir (2021-09-03)"
    )


def test_figures_for_different_victims_are_never_averaged() -> None:
    militants = lc("fatalities", {"victim": "militants", "place": "panjshir"},
                   said("doc-a", 1, "taliban"), count=Count(best=33), date="2021-09-01")  # fmt: skip
    passengers = lc("fatalities", {"victim": "passengers", "place": "panjshir"},
                    said("doc-a", 2, "taliban"), count=Count(best=5), date="2021-09-01")  # fmt: skip
    blank_a = lc("fatalities", {"place": "panjshir"}, said("doc-a", 3, "nrf"),
                 count=Count(best=12), date="2021-09-01")  # fmt: skip
    blank_b = lc("fatalities", {"place": "panjshir"}, said("doc-a", 4, "dashti"),
                 count=Count(best=70), date="2021-09-01")  # fmt: skip
    tallies = fatalities([militants, passengers, blank_a, blank_b])
    assert sorted(t.best for t in tallies) == [5, 12, 33, 70]
    assert all(len(t.figures) == 1 for t in tallies)


def test_one_articles_different_figures_are_not_averaged() -> None:
    args = {"victim": "nrf", "place": "panjshir"}
    first = lc("fatalities", args, said("doc-a", 1, "taliban"), count=Count(best=18),
               date="2021-09-01")  # fmt: skip
    also = lc("fatalities", args, said("doc-a", 2, "nrf"), count=Count(best=5), date="2021-09-01")
    other = lc("fatalities", args, said("doc-b", 1, "dashti"), count=Count(best=20),
               date="2021-09-01")  # fmt: skip
    tallies = fatalities([first, also, other])
    assert sorted((t.best, len(t.figures)) for t in tallies) == [(5, 1), (18, 1), (20, 1)]
