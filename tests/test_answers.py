"""Open-domain disputes: denials linked to what they answer, whatever the claim type.

Texts are written for these tests. The model tests run the real pipeline (extract, resolve,
normalize) and compare; the others build records by hand.
"""

from __future__ import annotations

import datetime as dt

import pytest

from counterclaim import compare
from counterclaim.compare import LedgerClaim, Said
from counterclaim.normalize.answers import link_answers, owners, similarity
from counterclaim.records import Analysis, Attribution, Claim, Count, Document, Span

DAY = dt.date(2024, 5, 3)


def _said(attribution: int, speaker: str, stance: str = "assert", responds_to=None) -> Said:
    return Said("d", attribution, speaker, speaker, stance=stance, responds_to=responds_to,
                doc_date=DAY.isoformat())  # fmt: skip


def _statement(cid: int, attribution: int, text: str, value: bool = True) -> Claim:
    return Claim("d", cid, attribution, "statement", value=value, text=text)


def test_an_untyped_denial_is_a_dispute_with_the_statement_it_answers() -> None:
    accusation = LedgerClaim(_statement(1, 1, "the rocket was fired by the Front"),
                             _said(1, "army"))  # fmt: skip
    denial = LedgerClaim(_statement(2, 2, "the rocket was fired by the Front", value=False),
                         _said(2, "front", "deny", responds_to=1))  # fmt: skip
    [dispute] = compare.find_disputes([accusation, denial])
    assert dispute.kind == "denial"
    assert dispute.proposition.startswith("The rocket was fired by the Front")
    assert dispute.for_ == (accusation,) and dispute.against == (denial,)


def test_statements_without_a_denial_are_never_matched() -> None:
    a = LedgerClaim(_statement(1, 1, "talks will resume"), _said(1, "army"))
    b = LedgerClaim(_statement(2, 2, "talks will resume", value=False), _said(2, "front"))
    assert compare.find_disputes([a, b]) == []


def test_one_source_revising_its_toll_is_not_a_dispute() -> None:
    def toll(cid: int, n: int, day: str, speaker: str) -> LedgerClaim:
        claim = Claim("d", cid, cid, "fatalities", args={"victim": "people", "place": "korvan"},
                      count=Count(best=n), date=day)  # fmt: skip
        return LedgerClaim(claim, _said(cid, speaker), dict(claim.args))

    revised = [toll(1, 20, "2024-05-01", "police"), toll(2, 40, "2024-05-01", "police")]
    assert compare.find_disputes(revised) == []
    other = [toll(1, 20, "2024-05-01", "police"), toll(2, 40, "2024-05-01", "rebels")]
    assert [d.kind for d in compare.find_disputes(other)] == ["figures"]


def _hand(text: str, specs: list[tuple[str, str, str, str]]) -> Analysis:
    """Attributions as (speaker, cue, content, kind)."""
    atts = []
    for i, (speaker, cue, content, kind) in enumerate(specs, 1):
        c, s = text.index(cue), text.index(content)
        atts.append(Attribution("d", i, Span.of(text, c, c + len(cue)),
                                Span.of(text, s, s + len(content)), kind=kind,
                                speaker=speaker, speaker_name=speaker.title()))  # fmt: skip
    doc = Document(id="d", text=text, date=DAY)
    return Analysis(document=doc, attributions=tuple(atts))


def test_a_direct_quote_rejection_is_a_denial_of_the_party_it_names() -> None:
    text = ('Northland accused its neighbour of arming the rebels. Southland\'s minister said: '
            '"We strongly reject the baseless allegations made by Northland."')  # fmt: skip
    analysis = _hand(text, [
        ("northland", "accused", "its neighbour of arming the rebels", "indirect"),
        ("minister", "said", "We strongly reject the baseless allegations made by Northland.",
         "direct"),
    ])  # fmt: skip
    linked = link_answers(analysis)
    assert [(a.stance, a.responds_to) for a in linked.attributions] == [
        ("assert", None), ("deny", 1)]  # fmt: skip


@pytest.mark.parametrize(
    ("content", "owner"),
    [
        ("the army's claim that it had taken the town", "the army"),
        ("allegations made by Northland", "Northland"),
        ("the panel of experts' findings", "the panel of experts"),
    ],
)
def test_owner_of_a_claim_noun(content: str, owner: str) -> None:
    assert any(owner.lower() in o.lower() for o in owners(content))


def test_similarity_needs_shared_words() -> None:
    assert similarity("weapons from the north shipped south", "the north shipped weapons") > 0.4
    assert similarity("the talks failed", "a storm hit the coast") == 0.0


# ---------------------------------------------------------------- the real pipeline


@pytest.fixture(scope="module")
def run():
    from counterclaim.normalize.claims import normalize
    from counterclaim.pipeline import analyze_documents

    def analyse(text: str) -> tuple[Analysis, list[compare.Dispute]]:
        doc = Document(id="t", text=text, date=DAY, publisher="AGENCY")
        analysis = normalize(next(analyze_documents([doc])))
        return analysis, compare.find_disputes(_ledger(analysis), _denials(analysis))

    return analyse


def _said_of(analysis: Analysis, a: Attribution) -> Said:
    return Said(analysis.document.id, a.id, a.speaker, a.speaker_name or "?", stance=a.stance,
                responds_to=a.responds_to, doc_date=DAY.isoformat())  # fmt: skip


def _ledger(analysis: Analysis) -> list[LedgerClaim]:
    attrs = {a.id: a for a in analysis.attributions}
    return [LedgerClaim(c, _said_of(analysis, attrs[c.attribution]), dict(c.args))
            for c in analysis.claims]  # fmt: skip


def _denials(analysis: Analysis) -> list[Said]:
    return [_said_of(analysis, a) for a in analysis.attributions
            if a.stance == "deny" and a.responds_to is not None]  # fmt: skip


def _pairs(analysis: Analysis, disputes: list[compare.Dispute]) -> set[tuple[int, int]]:
    return {(f.said.attribution, x.said.attribution)
            for d in disputes for f in d.for_ for x in d.against}  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # identity form, denial of involvement
        "Officials said the missile was one of the army's own. "
        "The army denied involvement in the strike.",
        # agentive passive, denial of the allegation
        "The army said the rocket was fired by the Northern Front. "
        "The Northern Front rejected the allegation.",
        # denial of a claim noun naming its owner
        "The defense ministry said government troops had recaptured Korvan. "
        "A rebel spokesman dismissed the ministry's claim.",
    ],
)
def test_accusation_and_denial_form_a_dispute(run, text: str) -> None:
    analysis, disputes = run(text)
    assert (1, 2) in _pairs(analysis, disputes)


@pytest.mark.model
def test_coordinated_accusations_keep_their_own_speakers(run) -> None:
    analysis, _ = run("The interior minister accused the Northern Front of the bombing, "
                      "while the opposition leader blamed government agents for the blast.")  # fmt: skip
    speakers = [a.speaker_name for a in analysis.attributions]
    assert speakers == ["The interior minister", "the opposition leader"]


@pytest.mark.model
def test_negation_in_content_is_no_claim_that_it_holds(run) -> None:
    analysis, _ = run("A rebel commander said the rebels haven't captured the city of Korvan.")
    held = [c for c in analysis.claims if c.type == "territorial_control" and c.value]
    assert held == []


@pytest.mark.model
def test_a_source_revising_its_toll_is_not_a_dispute(run) -> None:
    _, disputes = run("Police said 20 people were killed in the bombing in Korvan on Monday. "
                      "Police said on Wednesday that 40 people were killed in the bombing "
                      "in Korvan.")  # fmt: skip
    assert disputes == []


# ---------------------------------------------------------------- responsibility claims


def _responsible(analysis: Analysis) -> set[tuple[str, bool]]:
    names = {e.key: e.name for e in analysis.entities}
    return {(names.get(str(c.args.get("actor")), str(c.args.get("actor"))), c.value)
            for c in analysis.claims if c.type == "responsibility"}  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The interior minister blamed the Northern Front for the bombing of the market.",
         ("Northern Front", True)),
        ("Police accused the Northern Front of planning the ambush on the convoy.",
         ("Northern Front", True)),
        ("The Northern Front claimed responsibility for the attack on the depot.",
         ("Northern Front", True)),
        ("The governor said the Northern Front was behind the blast at the depot.",
         ("Northern Front", True)),
        ("Officials said the attack was orchestrated by the Northern Front.",
         ("Northern Front", True)),
    ],
)  # fmt: skip
def test_who_did_it_is_a_responsibility_claim(run, text: str, expected: tuple[str, bool]) -> None:
    analysis, _ = run(text)
    found = _responsible(analysis)
    assert any(expected[0] in name and value == expected[1] for name, value in found), found


@pytest.mark.model
def test_an_accusation_and_the_accused_partys_denial_are_one_typed_dispute(run) -> None:
    analysis, disputes = run("The interior minister blamed the Northern Front for the bombing "
                             "of the market. The Northern Front denied any involvement in the "
                             "bombing.")  # fmt: skip
    found = _responsible(analysis)
    assert any("Northern Front" in n and v for n, v in found), found
    assert any("Northern Front" in n and not v for n, v in found), found
    typed = [d for d in disputes if d.type == "responsibility"]
    assert typed and (1, 2) in _pairs(analysis, typed)


@pytest.mark.model
def test_a_third_partys_rejection_does_not_deny_the_doer(run) -> None:
    analysis, disputes = run("The governor said the attack was orchestrated by the Northern "
                             "Front from bases in Eastmark, a charge Eastmark's foreign ministry "
                             "rejected.")  # fmt: skip
    assert not any(not v for _, v in _responsible(analysis))  # Eastmark denies no doer
    assert disputes  # the charge and its rejection are still a dispute
