"""Outlets as chain links: every common way wire news names an intermediary."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def one(analyse, text: str, publisher: str = "VOA"):
    found = analyse(text, publisher=publisher)
    assert found, text
    return found


def chains(analyse, text: str, publisher: str = "VOA") -> set[tuple[str | None, tuple[str, ...]]]:
    return {(a.speaker_name, a.chain) for a in one(analyse, text, publisher)}


@pytest.mark.parametrize(
    ("text", "speaker", "chain"),
    [
        (
            "Army spokesman Karim Duran said the town had fallen, the state-run SANA news "
            "agency reported.",
            "Karim Duran",
            ("SANA", "VOA"),
        ),
        (
            "Reuters quoted army spokesman Karim Duran as saying the town had fallen.",
            "Karim Duran",
            ("Reuters", "VOA"),
        ),
        (
            "The spokesman told Reuters the bridge had been destroyed.",
            "The spokesman",
            ("Reuters", "VOA"),
        ),
        ("The minister told the BBC that the talks had failed.", "The minister", ("BBC", "VOA")),
        (
            "In an interview with the BBC, the minister said the talks had failed.",
            "the minister",
            ("BBC", "VOA"),
        ),
        (
            "The ministry said in a statement carried by the state news agency IRNA that the "
            "talks had failed.",
            "The ministry",
            ("IRNA", "VOA"),
        ),
        (
            "A militia spokesman disclosed the decision to Afghan broadcaster TOLOnews late "
            "Tuesday.",
            "A militia spokesman",
            ("TOLOnews", "VOA"),
        ),
    ],
)
def test_outlet_links(analyse, text: str, speaker: str, chain: tuple[str, ...]) -> None:
    assert (speaker, chain) in chains(analyse, text)


def test_told_an_outlet_is_a_link_not_a_recipient(analyse) -> None:
    (a,) = one(analyse, "The minister told the BBC that the talks had failed.")
    assert a.recipient is None
    assert a.chain == ("BBC", "VOA")


def test_told_the_publisher_stays_a_recipient(analyse) -> None:
    (a,) = one(analyse, "The minister told VOA that the talks had failed.")
    assert a.chain == ("VOA",)
    assert a.recipient == "VOA"


def test_told_reporters_is_no_link(analyse) -> None:
    (a,) = one(analyse, "The minister told reporters that the talks had failed.")
    assert a.chain == ("VOA",)
    assert a.recipient == "reporters"


def test_a_message_to_an_outlet_is_addressed_to_it(analyse) -> None:
    found = one(analyse, "In an audio message to the BBC, he denied reports that he had fled.")
    assert all("BBC" not in a.chain for a in found)


def test_reported_citing_is_not_reversed(analyse) -> None:
    found = one(analyse, "The bridge had been destroyed, Interfax reported, citing a military "
                         "source.")  # fmt: skip
    assert {(a.source.text, a.chain) for a in found} == {("a military source",
                                                          ("Interfax", "VOA"))}  # fmt: skip


def test_trailing_and_inverted_outlet_report(analyse) -> None:
    (a,) = one(analyse, "The rebels captured the town of Velmor on Monday, reported AFP.")
    assert a.source.text == "AFP"
    assert "Velmor" in a.content.text
    (b,) = one(analyse, "The rebels captured the town of Velmor on Monday, AFP reported.")
    assert b.source.text == "AFP"


def test_according_to_a_report_by_an_outlet(analyse) -> None:
    (a,) = one(analyse, "The town had fallen, according to a report by the Associated Press.")
    assert a.source.text == "the Associated Press"


@pytest.mark.parametrize(
    "text",
    [
        "KABUL, March 3 (Reuters) - The army said the town had fallen.",
        "The army said the town had fallen.\n\n(Reporting by Reuters; Editing by Jane Roe)",
        "The army said the town had fallen.\n\nSome information for this report came from Reuters.",
    ],
)
def test_dateline_and_credit_line_agencies(analyse, text: str) -> None:
    found = one(analyse, text, publisher="The Hindu")
    assert ("The army", ("Reuters", "The Hindu")) in {(a.speaker_name, a.chain) for a in found}


def test_credits_to_the_publishers_own_service_are_not_links(analyse) -> None:
    text = ("The army said the town had fallen.\n\nJohn Roe of VOA's Urdu Service contributed "
            "to this report.")  # fmt: skip
    assert {a.chain for a in one(analyse, text, publisher="voa")} == {("voa",)}


def test_side_by_side_credits_are_one_position(analyse) -> None:
    text = (
        "The army said the town had fallen.\n\n"
        "Some information for this report came from AFP and Reuters."
    )
    found = one(analyse, text, publisher="The Hindu")
    assert found[0].chain == ("AFP, Reuters", "The Hindu")
