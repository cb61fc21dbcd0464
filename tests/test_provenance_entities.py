"""Entities across outlets: standard short names, bracketed acronyms, no merge by likeness,
and geocoding only for places, by prominence."""

from __future__ import annotations

from counterclaim.records import Analysis, Document, Entity, Mention, Span
from counterclaim.resolve.document import name_form, relation, resolve_document
from counterclaim.resolve.geocode import _wanted, lookup


def analysis_of(text: str, names: list[tuple[str, str]]) -> Analysis:
    mentions = []
    for name, label in names:
        start = text.index(name)
        mentions.append(Mention(span=Span.of(text, start, start + len(name)), label=label))
    return Analysis(document=Document(id="d", text=text), mentions=tuple(mentions))


def test_us_and_united_states_are_one_name() -> None:
    assert name_form("U.S.", "ORG").tokens == name_form("the United States", "PLACE").tokens
    assert name_form("U.N.", "ORG").tokens == ("united", "nations")
    assert name_form("us", "ORG").tokens == ("us",)  # the pronoun is not the country


def test_a_bracketed_acronym_binds_to_its_name_everywhere() -> None:
    text = ("The Liberation Army of the North (LAN) said it attacked a convoy. "
            "Officials blamed LAN for the blast.")  # fmt: skip
    resolved = resolve_document(analysis_of(text, [("Liberation Army of the North", "ORG")]))
    keys = {
        m.entity
        for m in resolved.mentions
        if m.span.text in {"LAN", "Liberation Army of the North"}
    }
    assert len([m for m in resolved.mentions if m.span.text == "LAN"]) == 2
    assert len(keys) == 1


def test_an_acronym_after_or_binds_too() -> None:
    text = "The Liberation Army of the North, or LAN, claimed the attack. LAN fighters fled."
    resolved = resolve_document(analysis_of(text, [("Liberation Army of the North", "ORG")]))
    assert len({m.entity for m in resolved.mentions}) == 1


def test_no_merge_by_string_likeness_alone() -> None:
    assert relation(name_form("Borneo", "PLACE"), name_form("Borno", "PLACE")) == 0


def test_washington_is_the_capital_not_a_town_in_kansas() -> None:
    geo = lookup("Washington")
    assert (geo.country, geo.iso3166_2) == ("US", "US-DC")
    assert lookup("Washington state").iso3166_2 == "US-WA"


def test_a_group_is_not_geocoded_as_a_town() -> None:
    text = "Fighters of the Taliban entered the city. Talks with the Taliban stalled."
    start = text.index("Taliban")
    group = Entity(key="taliban", name="Taliban", type="ORG",
                   mentions=(Span.of(text, start, start + 7),))  # fmt: skip
    assert not _wanted(group, text)
