"""Disputes without a denial cue: opposed assertions, appositive denials, nominal stances.

Texts are written for these tests. The hand-built analyses run :func:`link_answers` on
records made here (sentences, sources and mentions set as the extractor sets them); the
model tests run the real pipeline into a real SQLite ledger and read its stored disputes.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from counterclaim import compare
from counterclaim.compare import LedgerClaim, Said
from counterclaim.normalize.answers import link_answers
from counterclaim.records import Analysis, Attribution, Claim, Document, Mention, Span

DAY = dt.date(2024, 5, 3)


def _sentence(text: str, at: int) -> Span:
    start = max(text.rfind(". ", 0, at) + 2, 0) if text.rfind(". ", 0, at) >= 0 else 0
    end = text.find(". ", at)
    return Span.of(text, start, len(text) if end < 0 else end + 1)


def _analysis(
    text: str, specs: list[tuple[str, str, str, str, str]], names: dict[str, str] | None = None
) -> Analysis:
    """Attributions as (speaker key, source, cue, content, kind), each searched after the
    previous one; a kind "indirect:deny" is a denial; ``names`` maps surfaces to entity
    keys for mentions."""
    atts, pos = [], 0
    for i, (speaker, source, cue, content, kind) in enumerate(specs, 1):
        s = text.index(source, pos) if source else None
        c = text.index(cue, pos if s is None else s)
        b = text.index(content, pos)
        kind, _, stance = kind.partition(":")
        atts.append(Attribution(
            "d", i, Span.of(text, c, c + len(cue)), Span.of(text, b, b + len(content)),
            kind=kind, stance=stance or "assert", speaker=speaker, speaker_name=speaker.title(),
            source=Span.of(text, s, s + len(source)) if s is not None else None,
            sentence=_sentence(text, c), chain=("agency",),
        ))  # fmt: skip
        pos = max(c + len(cue), b + len(content))
    mentions = tuple(
        Mention(Span.of(text, m.start(), m.end()), "ORG", key)
        for surface, key in (names or {}).items()
        for m in re.finditer(re.escape(surface), text)
    )
    return Analysis(document=Document(id="d", text=text, date=DAY), attributions=tuple(atts),
                    mentions=mentions)  # fmt: skip


def _links(analysis: Analysis) -> list[tuple[str, int | None]]:
    """(stance, what it answers): ``responds_to`` of a denial, ``opposes`` of an assertion
    (``responds_to`` is for denials only, as in the gold format)."""
    out = []
    for a in link_answers(analysis).attributions:
        assert a.stance == "deny" or a.responds_to is None
        out.append((a.stance, a.responds_to if a.stance == "deny" else a.opposes))
    return out


# ---------------------------------------------------------------- opposed assertions


def test_opposite_evaluations_of_one_thing_are_opposed() -> None:
    text = ("Northland warned that the arms deal between Southland and Eastland is illegal and "
            "dangerous. Southland's envoy said the arms deal is lawful and defensive.")  # fmt: skip
    analysis = _analysis(text, [
        ("northland", "Northland", "warned", "the arms deal between Southland and Eastland is "
         "illegal and dangerous", "indirect"),
        ("envoy", "Southland's envoy", "said", "the arms deal is lawful and defensive",
         "indirect"),
    ])  # fmt: skip
    assert _links(analysis) == [("assert", None), ("assert", 1)]


def test_a_negated_evaluation_is_not_opposed() -> None:
    text = ("Northland warned that the arms deal is illegal. "
            "Southland's envoy said the arms deal could never be called legitimate.")  # fmt: skip
    analysis = _analysis(text, [
        ("northland", "Northland", "warned", "the arms deal is illegal", "indirect"),
        ("envoy", "Southland's envoy", "said", "the arms deal could never be called legitimate",
         "indirect"),
    ])  # fmt: skip
    assert _links(analysis) == [("assert", None), ("assert", None)]


def test_evaluations_of_different_things_are_not_opposed() -> None:
    text = ("Northland warned that the arms deal is illegal. "
            "Southland's envoy said the fishing season is legitimate.")  # fmt: skip
    analysis = _analysis(text, [
        ("northland", "Northland", "warned", "the arms deal is illegal", "indirect"),
        ("envoy", "Southland's envoy", "said", "the fishing season is legitimate", "indirect"),
    ])  # fmt: skip
    assert _links(analysis) == [("assert", None), ("assert", None)]


def test_two_positions_stated_back_to_back_are_opposed() -> None:
    text = ("Westland argues its sea border should follow the river mouth southward. "
            "Eastland claims the frontier should head in a straight line east.")  # fmt: skip
    analysis = _analysis(text, [
        ("westland", "Westland", "argues", "its sea border should follow the river mouth "
         "southward", "indirect"),
        ("eastland", "Eastland", "claims", "the frontier should head in a straight line east",
         "indirect"),
    ])  # fmt: skip
    assert _links(analysis) == [("assert", None), ("assert", 1)]


def test_claimed_responsibility_twice_is_not_a_contention() -> None:
    text = ("The Front claimed responsibility for the blast. "
            "The Legion claimed to be holding more than forty hostages.")  # fmt: skip
    analysis = _analysis(text, [
        ("front", "The Front", "claimed", "responsibility for the blast", "indirect"),
        ("legion", "The Legion", "claimed", "to be holding more than forty hostages",
         "indirect"),
    ])  # fmt: skip
    assert _links(analysis) == [("assert", None), ("assert", None)]


def test_a_contrast_opening_the_next_sentence_opposes_it() -> None:
    text = ("The rebels said they released dozens of passengers early on. "
            "However, police sources say the army rescued all the passengers freed so far.")  # fmt: skip
    analysis = _analysis(text, [
        ("rebels", "The rebels", "said", "they released dozens of passengers early on", "indirect"),
        ("police", "police sources", "say", "the army rescued all the passengers freed so far",
         "indirect"),
    ])  # fmt: skip
    assert _links(analysis) == [("assert", None), ("assert", 1)]


def test_a_contrast_adding_a_view_is_no_opposition() -> None:
    text = ("The minister said the farm reforms were working. "
            "But critics say the farm reforms have hurt small growers.")  # fmt: skip
    analysis = _analysis(text, [
        ("minister", "The minister", "said", "the farm reforms were working", "indirect"),
        ("critics", "critics", "say", "the farm reforms have hurt small growers", "indirect"),
    ])  # fmt: skip
    assert _links(analysis) == [("assert", None), ("assert", None)]


def test_a_narrators_contrast_is_no_opposition() -> None:
    text = ("The governor said 300 tickets were sold. "
            "However, passengers could board anywhere, which, the mayor said, explained the gap.")  # fmt: skip
    analysis = _analysis(text, [
        ("governor", "The governor", "said", "300 tickets were sold", "indirect"),
        ("mayor", "the mayor", "said", "explained the gap", "indirect"),
    ])  # fmt: skip
    assert _links(analysis) == [("assert", None), ("assert", None)]


def test_a_reply_answers_the_last_other_party() -> None:
    text = ("The ministry said the envoy was spreading propaganda. "
            "In his response, the envoy said he had always offered an impartial assessment.")  # fmt: skip
    analysis = _analysis(text, [
        ("ministry", "The ministry", "said", "the envoy was spreading propaganda", "indirect"),
        ("envoy", "the envoy", "said", "he had always offered an impartial assessment",
         "indirect"),
    ])  # fmt: skip
    assert _links(analysis) == [("assert", None), ("assert", 1)]


def test_an_opposed_assertion_is_a_dispute_between_two_parties() -> None:
    def lc(cid: int, speaker: str, opposes: int | None = None) -> LedgerClaim:
        claim = Claim("d", cid, cid, "statement", text=f"text {cid}")
        return LedgerClaim(claim, Said("d", cid, speaker, speaker, opposes=opposes,
                                       doc_date=DAY.isoformat()))  # fmt: skip

    [dispute] = compare.find_disputes([lc(1, "northland"), lc(2, "southland", 1)])
    assert dispute.kind == "opposed"
    assert compare.find_disputes([lc(1, "northland"), lc(2, "northland", 1)]) == []


# ---------------------------------------------------------------- appositive denials


def test_a_charge_rejected_in_apposition_is_a_denial() -> None:
    text = ("Officials accused Southland of arming the rebels in the hills, "
            "a charge Southland's foreign ministry quickly rejected.")  # fmt: skip
    analysis = _analysis(
        text,
        [("officials", "Officials", "accused", "Southland of arming the rebels in the hills",
          "indirect")],
        names={"Southland's foreign ministry": "southland-mfa"},
    )  # fmt: skip
    linked = link_answers(analysis).attributions
    assert len(linked) == 2
    denial = linked[1]
    assert (denial.cue.text, denial.content.text) == ("rejected", "a charge")
    assert (denial.stance, denial.responds_to, denial.speaker) == ("deny", 1, "southland-mfa")


def test_a_charge_rejected_answers_the_speaker_not_the_claim_noun_inside() -> None:
    text = ("The governor reiterated the claim that the depot raid was planned from across "
            "the border, a charge Eastmark's interior ministry rejected on Monday.")  # fmt: skip
    analysis = _analysis(
        text,
        [("governor", "The governor", "reiterated", "the claim that the depot raid was "
          "planned from across the border", "indirect")],
        names={"Eastmark's interior ministry": "eastmark-moi"},
    )  # fmt: skip
    outer = analysis.attributions[0]
    cue, content = text.index("claim"), text.index("the depot")
    noun = Attribution(  # the claim noun's statement, with no speaker (as extract gives it)
        "d", 2, Span.of(text, cue, cue + 5), Span.of(text, content, outer.content.end),
        sentence=outer.sentence, chain=("agency",),
    )  # fmt: skip
    analysis = Analysis(analysis.document, (outer, noun), mentions=analysis.mentions)
    denial = next(a for a in link_answers(analysis).attributions if a.cue.text == "rejected")
    assert (denial.stance, denial.speaker, denial.responds_to) == ("deny", "eastmark-moi", 1)


def test_a_charge_without_a_named_denier_adds_nothing() -> None:
    text = "Officials accused Southland of arming the rebels, a charge that was later rejected."
    analysis = _analysis(
        text, [("officials", "Officials", "accused", "Southland of arming the rebels",
                "indirect")])  # fmt: skip
    assert len(link_answers(analysis).attributions) == 1


# ---------------------------------------------------------------- nominal stances


def test_questions_raised_inside_a_statement_can_be_dismissed() -> None:
    text = ("The spokesman said the President still awaits answers after raising several "
            "questions about the truce terms. The opposition leader dismissed the President's "
            "response as a stalling tactic.")  # fmt: skip
    analysis = _analysis(
        text,
        [
            ("spokesman", "The spokesman", "said", "the President still awaits answers after "
             "raising several questions about the truce terms", "indirect"),
            ("leader", "The opposition leader", "dismissed", "the President's response as a "
             "stalling tactic", "indirect:deny"),
        ],
        names={"the President": "president"},
    )  # fmt: skip
    linked = link_answers(analysis).attributions
    raised = next(a for a in linked if a.cue.text == "raising")
    assert raised.content.text == "several questions about the truce terms"
    assert raised.speaker == "president" and raised.chain == ("spokesman", "agency")
    denial = next(a for a in linked if a.cue.text == "dismissed")
    assert (denial.stance, denial.responds_to) == ("deny", raised.id)


# ---------------------------------------------------------------- the real pipeline


@pytest.mark.model
def test_opposed_evaluations_reach_the_stored_dispute_board(tmp_path: Path) -> None:
    from counterclaim import pipeline
    from counterclaim.store import make_engine

    article = tmp_path / "deal.txt"
    article.write_text(
        "Northland warned on Friday that the arms deal between Southland and Eastland is "
        "illegal and a growing threat to the region. Southland's ambassador Pedro Alvarez "
        'said the arms deal "is exclusively constructive and legitimate in nature."\n',
        encoding="utf-8",
    )
    engine = make_engine(f"sqlite:///{tmp_path / 'ledger.db'}")
    try:
        report = pipeline.ingest([article], engine, publisher="agency")
        assert len(report.added) == 1, report.skipped
        disputes = pipeline.disputes(engine)
    finally:
        engine.dispose()
    assert [d.kind for d in disputes] == ["opposed"]
    [d] = disputes
    assert "illegal" in d.for_[0].said.sentence and "legitimate" in d.against[0].said.sentence
