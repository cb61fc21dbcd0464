"""Who speaks: the speaker a reporting verb gets when the subject is not the plain name.

Sentences written for these tests. Each case is one cause of wrong or missing sources
seen on wire news: a title with the name in apposition, a name the parser left out of the
clause, "it" for an organisation, the author of a statement, coordinated speakers.
"""

from __future__ import annotations

import pytest

from counterclaim.evaluate.scoring import Item, group_by_cue
from counterclaim.resolve.document import resolve_document

pytestmark = pytest.mark.model


@pytest.fixture
def speakers(rules_nlp):
    """Resolved (source text, speaker name) per attribution with ``cue``."""
    from counterclaim.extract import extract_one
    from counterclaim.records import Document

    def run(text: str, cue: str) -> list[tuple[str | None, str | None]]:
        analysis = resolve_document(extract_one(Document(id="t", text=text), rules_nlp))
        return [
            (a.source.text if a.source else None, a.speaker_name)
            for a in analysis.attributions
            if a.kind != "narrator" and a.cue.text == cue
        ]

    return run


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The rebels' spokesman, Omar Haddad, said the convoy was ambushed.", "Omar Haddad"),
        (
            "Norway's ambassador to the United Nations, Ingrid Solberg, said the talks had failed.",
            "Ingrid Solberg",
        ),
        ("Army Chief of Staff, General Peter Olsen said the bridge was destroyed.", "Peter Olsen"),
    ],
)
def test_a_name_in_apposition_to_a_title_speaks(speakers, text: str, name: str) -> None:
    assert speakers(text, "said") == [(name, name)]


def test_a_name_the_parser_left_out_of_the_clause_speaks(speakers) -> None:
    text = (
        "Speaking alongside the governor, Interior Minister Rafael Osorio said 40 tickets were "
        "sold for the ferry."
    )
    assert speakers(text, "said") == [("Rafael Osorio", "Rafael Osorio")]


def test_it_for_an_organisation_takes_its_antecedent(speakers) -> None:
    text = (
        "The interior ministry said on Monday that 12 suspects were arrested. "
        "It said the suspects were planning an attack on the port."
    )
    assert [name for _, name in speakers(text, "said")][-1] == "The interior ministry"


def test_an_expletive_it_names_no_speaker(speakers) -> None:
    assert speakers("It is said that the town fell in the night.", "said") == [(None, None)]


def test_the_author_of_a_statement_speaks_but_a_report_speaks_for_itself(speakers) -> None:
    assert speakers("A statement from the Northern Alliance said five soldiers died.", "said") == [
        ("the Northern Alliance", "Northern Alliance")
    ]
    [(source, _)] = speakers("A new World Bank report said exports fell by half.", "said")
    assert source is not None and "report" in source


def test_coordinated_named_speakers_each_speak(speakers) -> None:
    text = "Canada and its allies warned on Friday that the missile tests were dangerous."
    assert [s for s, _ in speakers(text, "warned")] == ["Canada", "its allies"]


def test_coordinated_descriptions_are_one_speaker(speakers) -> None:
    text = "Diplomats and aid workers said the border crossing had been closed for weeks."
    assert [s for s, _ in speakers(text, "said")] == ["Diplomats and aid workers"]


def test_polnear_scores_coordinated_speakers_as_one_attribution() -> None:
    one = Item(cue=((10, 16),), content=((20, 40),), source=((0, 6),))
    two = Item(cue=((10, 16),), content=((20, 40),), source=((11, 12),))
    [joined] = group_by_cue([one, two])
    assert joined.source == ((0, 6), (11, 12))


@pytest.fixture
def found(rules_nlp):
    """(method, source, cue, content) of each non-narrator attribution of a text."""
    from counterclaim.extract import extract_one
    from counterclaim.records import Document

    def run(text: str) -> list[tuple[str, str | None, str, str]]:
        analysis = extract_one(Document(id="t", text=text), rules_nlp)
        return [
            (a.method, a.source.text if a.source else None, a.cue.text, a.content.text)
            for a in analysis.attributions
            if a.kind != "narrator"
        ]

    return run


def test_a_quote_signed_with_a_horizontal_bar(found) -> None:
    text = "“The mayor has let this town down for years. We deserve better.” ― Lidia Moreno"
    assert found(text) == [
        (
            "rules-dash",
            "Lidia Moreno",
            "―",
            "The mayor has let this town down for years. We deserve better.",
        )
    ]


def test_transcript_turns_are_spoken_by_their_labels(found) -> None:
    text = (
        "Partial transcript:\n\n"
        "HOST: Let us start with the vote. Why did the council delay it?\n\n"
        "GOMEZ: The budget was not ready, and we needed another week to finish it.\n\n"
        "HOST: Will the vote take place on Friday?\n"
    )
    turns = [(s, c) for m, s, _, c in found(text) if m == "rules-dash"]
    assert turns == [
        ("HOST", "Let us start with the vote. Why did the council delay it?"),
        ("GOMEZ", "The budget was not ready, and we needed another week to finish it."),
        ("HOST", "Will the vote take place on Friday?"),
    ]


def test_a_lone_capitalised_label_is_no_transcript(found) -> None:
    assert found("UPDATE: The bridge has reopened to traffic after the storm.") == []


def test_according_to_hung_on_a_participle_of_its_source(found) -> None:
    text = "According to a survey published Monday by the bureau, unemployment rose to 9 percent."
    assert [(s, c) for _, s, cue, c in found(text) if cue == "According to"] == [
        ("a survey", "unemployment rose to 9 percent")
    ]


def test_a_denial_in_a_relative_clause_denies_the_noun_it_modifies(found) -> None:
    text = "The army accused the rebels of shelling the market, a charge the rebels quickly denied."
    assert [(s, c) for _, s, cue, c in found(text) if cue == "denied"] == [
        ("the rebels", "a charge")
    ]


def test_a_word_of_the_quotation_parsed_as_subject_does_not_speak(speakers) -> None:
    text = (
        "“Our fighters shot down the drone over the valley. Debris & wreckage lie at the "
        "site,” rebel spokesman Idris Falah tweeted on Sunday."
    )
    assert speakers(text, "tweeted") == [("Idris Falah", "Idris Falah")]


def test_a_tagged_source_running_past_a_comma_is_cut_to_the_name(rules_nlp) -> None:
    from counterclaim.extract.merge import name_before_comma

    doc = rules_nlp("The National Liberation Front, or NLF, claimed the attack.")
    src = doc.char_span(0, doc.text.index(" claimed"), alignment_mode="expand")
    assert name_before_comma(src).text == "The National Liberation Front"
    plain = doc.char_span(0, doc.text.index(","), alignment_mode="expand")
    assert name_before_comma(plain).text == plain.text


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The envoy urged Lisbon on Monday to reopen the port.",
            "Lisbon on Monday to reopen the port",
        ),
        (
            "The council called on both sides to respect the truce.",
            "both sides to respect the truce",
        ),
    ],
)
def test_a_call_names_who_is_called_on(found, text: str, content: str) -> None:
    assert [c for _, _, cue, c in found(text) if cue in {"urged", "called"}] == [content]


def test_a_label_takes_its_object_and_the_label(found) -> None:
    text = "The mayor called the flood a disaster that nobody had prepared for."
    assert [c for _, _, cue, c in found(text) if cue == "called"] == [
        "the flood a disaster that nobody had prepared for"
    ]
