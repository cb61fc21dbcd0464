"""Extraction on the packaged English model: one row per form users ask for."""

import datetime as dt

import pytest

pytestmark = pytest.mark.model


def one(attrs, cue):
    found = [a for a in attrs if a.cue.text == cue]
    assert found, f"no attribution with cue {cue!r} in {[a.cue.text for a in attrs]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "cue", "source", "content", "kind"),
    [
        # indirect speech with several reporting verbs, not only "say"
        (
            "The minister said that the bridge had been destroyed.",
            "said",
            "The minister",
            "the bridge had been destroyed",
            "indirect",
        ),
        (
            "Police confirmed that two people were arrested.",
            "confirmed",
            "Police",
            "two people were arrested",
            "indirect",
        ),
        (
            "The army claimed it had recaptured the town.",
            "claimed",
            "The army",
            "it had recaptured the town",
            "indirect",
        ),
        (
            "The rebels warned that they would attack the airport.",
            "warned",
            "The rebels",
            "they would attack the airport",
            "indirect",
        ),
        (
            "Officials announced a ceasefire in the region.",
            "announced",
            "Officials",
            "a ceasefire in the region",
            "indirect",
        ),
        # appositive speaker
        (
            'Hugh Hill, a doctor, said: "The hospital is full and we have no power."',
            "said",
            "Hugh Hill",
            "The hospital is full and we have no power.",
            "direct",
        ),
        # inverted direct quote
        (
            '"We will not surrender the city," said General Ivan Petrov.',
            "said",
            "Ivan Petrov",
            "We will not surrender the city,",
            "direct",
        ),
        # according to
        (
            "According to the health ministry, 40 people died in the strike.",
            "According to",
            "the health ministry",
            "40 people died in the strike",
            "indirect",
        ),
        (
            "At least 12 soldiers were killed, according to local officials.",
            "according to",
            "local officials",
            "At least 12 soldiers were killed",
            "indirect",
        ),
        # calls
        (
            "The UN chief called for an immediate ceasefire in Gaza.",
            "called for",
            "The UN chief",
            "an immediate ceasefire in Gaza",
            "call",
        ),
        (
            "The president urged citizens to stay at home.",
            "urged",
            "The president",
            "to stay at home",
            "call",
        ),
    ],
)
def test_forms(analyse, text, cue, source, content, kind):
    found = one(analyse(text), cue)
    assert found.source is not None and source in found.source.text
    assert content in found.content.text
    assert len(found.content.text) <= len(content) + 30  # the content, not the whole sentence
    assert found.kind == kind


def test_dash_quote(analyse):
    text = '"We are not leaving this land." - Maria Lopez\n\nThe talks continue.'
    found = [a for a in analyse(text) if a.kind == "direct"]
    assert found and found[0].source.text == "Maria Lopez"
    assert found[0].content.text == "We are not leaving this land."


def test_unpaired_quote_does_not_crash_or_leak(analyse):
    text = (
        'The governor said "the dam will hold and nobody should leave.\n\n'
        "Residents began to evacuate on Tuesday. The river rose overnight."
    )
    attrs = analyse(text)
    for a in attrs:
        assert "Residents" not in a.content.text


def test_quote_continued_after_cue_sentence(analyse):
    text = (
        '"We hold the pass," the commander told reporters. "Nobody has crossed it. '
        'We will stay here until the end."\n\nThe enemy made no comment.'
    )
    attrs = [a for a in analyse(text) if a.kind == "direct"]
    assert len(attrs) == 2
    assert attrs[1].content.text.startswith("Nobody has crossed it.")
    assert attrs[1].source.text == attrs[0].source.text == "the commander"
    assert attrs[0].recipient == "reporters"


def test_quote_does_not_run_across_paragraphs(analyse):
    text = (
        'The spokesman said: "We have no information.\n\n'
        "Meanwhile the army said that it had shelled the village."
    )
    attrs = analyse(text)
    army = [a for a in attrs if "shelled" in a.content.text]
    assert army and army[0].source.text == "the army"
    assert [a.content.text for a in attrs if a.kind == "direct"] == ["We have no information."]


def test_pronoun_speaker_and_date(analyse):
    text = (
        "Defence Minister Oleg Brenko spoke on Tuesday. "
        "He said on Monday that the troops had withdrawn from the border."
    )
    found = one(analyse(text, date=dt.date(2024, 5, 8)), "said")
    assert found.speaker_name == "Oleg Brenko"
    assert found.date == "2024-05-06"


def test_negated_reporting_is_not_an_attribution(analyse):
    attrs = analyse("He did not say how many soldiers had died. The army has said nothing.")
    assert attrs == []


def test_citing_chain_and_denial(analyse):
    text = (
        "Reuters said on Friday citing a rebel source that the rebels claim to have taken "
        "the airport. An army spokesman denied these reports."
    )
    attrs = analyse(text, publisher="VOA")
    claim = one(attrs, "claim")
    assert claim.chain == ("a rebel source", "Reuters", "VOA")
    denial = one(attrs, "denied")
    assert denial.stance == "deny" and denial.responds_to == claim.id


def test_channel_and_recipient(analyse):
    text = "In a video message to the BBC, the mayor said that the city would not fall."
    found = one(analyse(text), "said")
    assert found.channel == "video message" and found.recipient == "BBC"
    text = "The mayor wrote on Telegram that the city would not fall."
    assert one(analyse(text), "wrote").channel == "Telegram"


def test_unfamiliar_town_is_a_place_by_its_apposition(rules_nlp):
    from counterclaim.extract import extract_one
    from counterclaim.records import Document

    # the NER tags "Dargah" ORG here and PERSON in the quote: the apposition decides
    text = (
        "Insurgents of the Valley Liberation Front said on Wednesday they had taken control "
        "of most of Dargah, the capital of Veshtar's restive Karsan province. "
        '"Dargah is ours," a spokesman said.'
    )
    analysis = extract_one(Document(id="t", text=text), rules_nlp)
    labels = [m.label for m in analysis.mentions if m.span.text == "Dargah"]
    assert labels == ["PLACE", "PLACE"]
    speaker = next(a for a in analysis.attributions if a.cue.text == "said")
    assert speaker.source.text == "the Valley Liberation Front"


def test_members_speak_for_their_group(analyse):
    found = one(analyse("Taliban fighters said that they had captured the pass."), "said")
    assert found.source.text == "Taliban"


def test_sentence_does_not_start_with_the_previous_closing_quote(rules_nlp):
    from counterclaim.extract import extract_one
    from counterclaim.records import Document

    text = (
        '"We will stay here," he wrote.\n\n"The line holds."\n\n'
        "In a message to the BBC, he denied reports that he had fled."
    )
    analysis = extract_one(Document(id="t", text=text), rules_nlp)
    denial = next(a for a in analysis.attributions if a.cue.text == "denied")
    assert denial.sentence.text.startswith("In a message")


def test_quote_introduced_by_a_colon_in_the_sentence_before(analyse):
    text = (
        "The interior minister said in a statement:\n\n"
        '"The border stays closed until the attacks stop. Nobody will cross it."'
    )
    found = [a for a in analyse(text) if a.kind == "direct"]
    assert found and found[0].cue.text == "said"
    assert found[0].content.text.startswith("The border stays closed")
