"""Entity resolution within one document, on literal mention records (no model needed)."""

from __future__ import annotations

import re

import pytest

from counterclaim.records import Analysis, Attribution, Document, Entity, Mention, Span
from counterclaim.resolve.document import media_name, person_form, resolve_document, slug

MARK = re.compile(r"\[([^\]]+)\]\(([^)]*)\)")


def parse(marked: str) -> tuple[str, tuple[Mention, ...]]:
    """Plain text and mentions from ``[surface](LABEL; role=...; ante=N)`` markup."""
    text, mentions, cursor = "", [], 0
    for match in MARK.finditer(marked):
        text += marked[cursor : match.start()]
        label, *options = [part.strip() for part in match.group(2).split(";")]
        extra = dict(option.split("=", 1) for option in options)
        ante = int(extra["ante"]) if "ante" in extra else None
        span = Span(len(text), len(text) + len(match.group(1)), match.group(1))
        mentions.append(Mention(span, label, role=extra.get("role"), antecedent=ante))
        text += match.group(1)
        cursor = match.end()
    return text + marked[cursor:], tuple(mentions)


def resolve(marked: str, publisher: str | None = None, **kw) -> Analysis:
    text, mentions = parse(marked)
    doc = Document(id="d1", text=text, publisher=publisher)
    return resolve_document(Analysis(document=doc, mentions=mentions, **kw))


def groups(analysis: Analysis) -> list[list[str]]:
    """Mention texts grouped by entity, in order of mention."""
    by_key: dict[str, list[str]] = {}
    for mention in analysis.mentions:
        by_key.setdefault(mention.entity, []).append(mention.span.text)
    return list(by_key.values())


def entity(analysis: Analysis, surface: str) -> Entity:
    key = next(m.entity for m in analysis.mentions if m.span.text == surface)
    return next(e for e in analysis.entities if e.key == key)


# ---------------------------------------------------------------- persons


def test_titles_possessives_and_surname_merge() -> None:
    a = resolve(
        "[Ukraine’s Deputy Defence Minister Olena Marchuk](PERSON) said on Monday the line "
        "held. Later [Minister Olena Marchuk's](PERSON) office added details. [Marchuk](PERSON) "
        "did not say more about [Ukraine](PLACE)."
    )
    person = entity(a, "Marchuk")
    assert (person.key, person.name, person.type) == ("olena-marchuk", "Olena Marchuk", "PERSON")
    assert len(person.mentions) == 3
    assert "Deputy Defence Minister" in person.roles
    assert entity(a, "Ukraine").type == "PLACE"


@pytest.mark.parametrize(
    ("marked", "name"),
    [
        ("[Gen. Tomas Ruud](PERSON) spoke. [Ruud](PERSON) left.", "Tomas Ruud"),
        ("[Bashar al-Hadid](PERSON) spoke. [Hadid](PERSON) left.", "Bashar al-Hadid"),
        ("[Maria Ines Duarte](PERSON) spoke. [Ines Duarte](PERSON) left.", "Maria Ines Duarte"),
        ("[Maria Ines Duarte](PERSON) spoke. [Maria Ines](PERSON) left.", "Maria Ines Duarte"),
        ("[K. Osei](PERSON) spoke. [Kwame Osei](PERSON) left.", "Kwame Osei"),
        ("[Kwame Osei](PERSON) spoke. [KWAME OSEI](PERSON) left.", "Kwame Osei"),
    ],
)
def test_short_forms_merge(marked: str, name: str) -> None:
    a = resolve(marked)
    assert len(a.entities) == 1
    assert a.entities[0].name == name


def test_person_form_splits_role_and_name() -> None:
    form = person_form("Resistance spokesman Fahim Fashti")
    assert (form.core, form.role, form.tokens) == (
        "Fahim Fashti",
        "Resistance spokesman",
        ("fahim", "fashti"),
    )
    assert (
        person_form("Afghanistan’s former Vice President Amrullah Saleh").core == "Amrullah Saleh"
    )


def test_spelling_variant_merges_when_given_name_and_role_agree() -> None:
    a = resolve(
        "[Army spokesman Yusuf Karimov](PERSON) said the bridge held. [Yusuf Karimoff]"
        "(PERSON; role=spokesman for the army), told reporters the town was calm. "
        "According to [Karimoff](PERSON), ten were hurt."
    )
    assert len(groups(a)) == 1
    assert a.entities[0].name == "Yusuf Karimoff"  # the spelling the short form supports
    assert a.entities[0].key == "yusuf-karimoff"


@pytest.mark.parametrize(
    ("marked", "n_entities"),
    [
        ("[Yusuf Karimov](PERSON) met [Yusuf Karimoff](PERSON).", 2),  # no role evidence
        (
            "[Yusuf Karimov](PERSON; role=spokesman) met [Anwar Karimoff](PERSON; role=spokesman).",
            2,
        ),
        ("[Yusuf Karimov](PERSON; role=spokesman) met [Yusuf Karimoff](PERSON; role=general).", 2),
        ("[Yusuf Karimov](PERSON; role=spokesman) met [Yusuf Kaplan](PERSON; role=spokesman).", 2),
        ("[Li Wen](PERSON; role=spokesman) met [Li Wan](PERSON; role=spokesman).", 1),
        ("[Li Wen](PERSON; role=spokesman) met [Li Wun](PERSON; role=spokesman).", 1),
        ("[Li Wen](PERSON; role=spokesman) met [Li Won](PERSON; role=spokeswoman).", 1),
        ("[Wen](PERSON; role=spokesman) met [Wan](PERSON; role=spokesman).", 2),  # no given name
    ],
)
def test_near_identical_names_need_evidence(marked: str, n_entities: int) -> None:
    assert len(resolve(marked).entities) == n_entities


def test_extra_middle_name_is_another_person_and_bare_surname_goes_to_latest() -> None:
    a = resolve(
        "[Khaled](PERSON) spoke first. [Omar Khaled](PERSON) leads the council. [Khaled](PERSON) "
        "said talks failed. His father [Omar Faris Khaled](PERSON) founded it. [Khaled](PERSON) "
        "died in 2001."
    )
    assert groups(a) == [["Khaled", "Omar Khaled", "Khaled"], ["Omar Faris Khaled", "Khaled"]]
    assert [e.key for e in a.entities] == ["omar-khaled", "omar-faris-khaled"]


def test_a_surname_under_another_ner_label_joins_the_person() -> None:
    a = resolve("[David Lammy](PERSON) spoke. [Lammy](ORG) added, and [Lammy](NORP) left.")
    assert [(e.key, e.type, len(e.mentions)) for e in a.entities] == [("david-lammy", "PERSON", 3)]


def test_a_capitalised_description_is_tried_as_a_name() -> None:
    a = resolve(
        "[Donald Trump](PERSON) met [the Kremlin](ORG). [Trump](DESC) said so; [Kremlin](DESC) "
        "said no; [Officials](DESC) said more."
    )
    assert groups(a) == [["Donald Trump", "Trump"], ["the Kremlin", "Kremlin"], ["Officials"]]


def test_person_initials() -> None:
    a = resolve("[Mohammed bin Salman](PERSON) spoke. [MBS](PERSON) left.")
    assert groups(a) == [["Mohammed bin Salman", "MBS"]]
    assert len(resolve("[Mohammed bin Salman](PERSON) met [Mbs](PERSON).").entities) == 2


# ---------------------------------------------------------------- organisations, media, places


def test_organisation_variants_merge_across_org_and_norp() -> None:
    a = resolve(
        "[The Hezb-e-Nur](ORG) said it advanced. [Hezb-e-Nur fighters](ORG) entered the town, "
        "and [Hezb-e-Nur militants](NORP) held it; [the Hezb-e-Nur's](NORP) envoy denied losses."
    )
    assert len(a.entities) == 1
    assert (a.entities[0].name, a.entities[0].type, a.entities[0].key) == (
        "Hezb-e-Nur",
        "ORG",
        "hezb-e-nur",
    )


def test_capitalised_name_words_are_kept() -> None:
    a = resolve(
        "[Free Valley Forces](ORG) and [Free Valley](ORG) and [the Free Valley forces](ORG)."
    )
    assert groups(a) == [["Free Valley Forces"], ["Free Valley", "the Free Valley forces"]]


def test_acronym_joins_its_expansion_and_stays_alone_otherwise() -> None:
    a = resolve(
        "The [ELA](ORG) said so. The [Eastern Liberation Army](ORG) denied it. The [ELA](ORG) "
        "repeated it. The [KDP](ORG) agreed."
    )
    assert groups(a) == [["ELA", "Eastern Liberation Army", "ELA"], ["KDP"]]
    assert a.entities[0].name == "Eastern Liberation Army"
    not_acronyms = resolve("[Ali](ORG) met the [Arab League Institute](ORG).")
    assert len(not_acronyms.entities) == 2


def test_media_outlets_are_typed_and_aliases_merge() -> None:
    a = resolve(
        "[Reuters](ORG) reported it. [The Associated Press](ORG) confirmed; [AP](ORG) said more. "
        "[Zarya TV](ORG) and [Ariana News Agency](PERSON) too."
    )
    assert groups(a) == [
        ["Reuters"],
        ["The Associated Press", "AP"],
        ["Zarya TV"],
        ["Ariana News Agency"],
    ]
    assert {e.type for e in a.entities} == {"MEDIA"}
    assert entity(a, "AP").name == "Associated Press"
    assert media_name("the Kabul Times") is None
    assert media_name("Voice of America") == "Voice of America"


def test_places_merge_on_the_same_name() -> None:
    a = resolve(
        "Fighting in [the northern Ghor province](PLACE) went on. [Ghor](PLACE) is calm. "
        "[Kandahar](PLACE) and [Ghor Valley](PLACE) too."
    )
    assert groups(a) == [["the northern Ghor province", "Ghor"], ["Kandahar"], ["Ghor Valley"]]
    assert (a.entities[0].type, a.entities[0].name) == ("PLACE", "Ghor")


def test_one_name_under_several_ner_labels_is_one_entity() -> None:
    a = resolve("In [Ghor](PLACE) and [Ghor](ORG), [Ghor](PERSON) and [Ghor](PLACE) again.")
    assert [(e.key, e.type, len(e.mentions)) for e in a.entities] == [("ghor", "PLACE", 4)]


def test_a_place_does_not_join_a_named_person() -> None:
    a = resolve("[Michael Jordan](PERSON) spoke. [Jordan](PERSON) left [Jordan](PLACE).")
    assert groups(a) == [["Michael Jordan", "Jordan"], ["Jordan"]]
    assert [e.key for e in a.entities] == ["michael-jordan", "jordan"]


def test_the_dateline_is_a_place_mention() -> None:
    text = "KABUL, May 2. /Ariana/. Calm in [Kabul](PLACE)."
    plain, mentions = parse(text)
    doc = Document(id="d1", text=plain, dateline=Span.of(plain, 0, 5))
    a = resolve_document(Analysis(document=doc, mentions=mentions))
    assert [(e.key, e.type, [s.text for s in e.mentions]) for e in a.entities] == [
        ("kabul", "PLACE", ["KABUL", "Kabul"])
    ]
    assert a.entities[0].name == "Kabul"


# ---------------------------------------------------------------- pronouns and descriptions


def test_pronouns_follow_antecedents_and_unresolved_stay_alone() -> None:
    a = resolve(
        "[Commander Idris Bako](PERSON) said it. [He](PRON; ante=0) added that [he](PRON; ante=1) "
        "would stay. [She](PRON) disagreed."
    )
    assert groups(a) == [["Commander Idris Bako", "He", "he"], ["She"]]
    assert (entity(a, "She").type, entity(a, "She").name) == ("UNNAMED", "She")


def test_descriptions() -> None:
    a = resolve(
        "The [Eastern Liberation Army](ORG) and [the Taliban](ORG) fought. "
        "[A Taliban source](DESC) and [a source in the region](DESC) disagreed, but "
        "[the liberation forces](DESC) held the pass, [the officials](DESC) said, and "
        "[the group](DESC; ante=1) did not."
    )
    assert groups(a) == [
        ["Eastern Liberation Army", "the liberation forces"],
        ["the Taliban", "the group"],
        ["A Taliban source"],
        ["a source in the region"],
        ["the officials"],
    ]
    unnamed = entity(a, "a source in the region")
    assert (unnamed.type, unnamed.name, unnamed.key) == (
        "UNNAMED",
        "a source in the region",
        "source-in-the-region",
    )


# ---------------------------------------------------------------- speakers


def _said(
    text: str, n: int, source: str | None, kind: str = "indirect", at: int = 0
) -> Attribution:
    """An attribution on the first "said" after ``at``, its source the next ``source``."""
    start = text.index("said", at)
    src = None
    if source is not None:
        s = text.index(source, at)
        src = Span.of(text, s, s + len(source))
    cue, content = Span.of(text, start, start + 4), Span.of(text, start + 5, start + 12)
    return Attribution(doc_id="d1", id=n, cue=cue, content=content, kind=kind, source=src)


def test_speakers_are_resolved_through_mentions() -> None:
    marked = (
        "Army spokesman [Yusuf Karimov](PERSON; role=spokesman) said it was calm. [He](PRON; "
        "ante=0) said the road was open. The town said nothing. [Karimov](PERSON), spokesman "
        "for the army, said more."
    )
    text, _ = parse(marked)
    attributions = (
        _said(text, 0, "Army spokesman Yusuf Karimov"),  # a title before the mention
        _said(text, 1, "He", at=40),
        _said(text, 2, None, kind="narrator", at=70),
        _said(text, 3, "The town", at=70),  # no mention there: a description is added
        _said(text, 4, "Karimov, spokesman for the army", at=90),  # an apposition after it
    )
    a = resolve(marked, publisher="Ariana News Agency", attributions=attributions)
    speakers = [(x.speaker, x.speaker_name) for x in a.attributions]
    assert speakers == [
        ("yusuf-karimov", "Yusuf Karimov"),
        ("yusuf-karimov", "Yusuf Karimov"),
        ("ariana-news-agency", "Ariana News Agency"),
        ("town", "The town"),
        ("yusuf-karimov", "Yusuf Karimov"),
    ]
    publisher = next(e for e in a.entities if e.key == "ariana-news-agency")
    assert (publisher.type, publisher.mentions) == ("MEDIA", ())


def test_a_name_inside_a_description_is_not_its_speaker() -> None:
    marked = "A [Taliban](ORG) source said the pass fell."
    text, _ = parse(marked)
    a = resolve(marked, attributions=(_said(text, 0, "A Taliban source"),))
    assert a.attributions[0].speaker_name == "A Taliban source"
    assert entity(a, "A Taliban source").type == "UNNAMED"


def test_publisher_named_in_the_text_is_that_entity() -> None:
    marked = "A source told [TASS](ORG) it was over. [TASS](ORG) said more."
    text, _ = parse(marked)
    a = resolve(marked, publisher="TASS", attributions=(_said(text, 0, None, kind="narrator"),))
    assert [e.key for e in a.entities] == ["tass"]
    assert a.attributions[0].speaker == "tass"


def test_keys_are_unique_readable_slugs() -> None:
    a = resolve("[media](DESC) said, [media](DESC) said.")
    assert [e.key for e in a.entities] == ["media", "media-2"]
    assert slug("José Núñez") == "jose-nunez"
    assert all(m.entity for m in a.mentions)


# ---------------------------------------------------------------- descriptions to parties


def test_a_party_phrase_joins_the_named_party() -> None:
    a = resolve(
        "[Hamas](ORG) fired rockets, [the Israeli army](ORG) said. Later "
        "[militants in Gaza](DESC) fired again, and [a Hamas official](DESC) spoke."
    )
    assert entity(a, "militants in Gaza").key == entity(a, "Hamas").key
    assert entity(a, "a Hamas official").key != entity(a, "Hamas").key  # a person of it


def test_descriptions_join_the_one_armed_group_and_the_state_forces() -> None:
    a = resolve(
        "[The Northern Liberation Front](ORG) attacked the town, [government troops](DESC) "
        "said. [The rebels](DESC) lost ten men and [the group's fighters](DESC) withdrew; "
        "[the soldiers](DESC) held the bridge and [the army](DESC) said so."
    )
    front = entity(a, "The Northern Liberation Front").key
    assert entity(a, "The rebels").key == entity(a, "the group's fighters").key == front
    army = entity(a, "government troops")
    assert entity(a, "the soldiers").key == entity(a, "the army").key == army.key != front


def test_fighters_stay_alone_between_two_armed_groups() -> None:
    a = resolve(
        "[The Northern Liberation Front](ORG) and [the Southern Front](ORG) clashed, and "
        "[the fighters](DESC) left."
    )
    assert entity(a, "the fighters").type == "UNNAMED"


def test_a_proper_modifier_keeps_a_description_apart() -> None:
    a = resolve(
        "[The national army](ORG) fought on. [Foreign soldiers](DESC) watched, and "
        "[Chadian soldiers](DESC) too."
    )
    army = entity(a, "The national army").key
    assert entity(a, "Chadian soldiers").key != army
    assert entity(a, "Foreign soldiers").key != army


def test_a_body_description_does_not_follow_a_person_antecedent() -> None:
    a = resolve(
        "[The Ministry of Defence](ORG) spokesman [Oleg Petrov](PERSON) spoke. "
        "[The ministry](DESC; ante=1) later denied it."
    )
    assert entity(a, "The ministry").key == entity(a, "The Ministry of Defence").key


def test_a_titled_surname_goes_to_the_namesake_with_that_title() -> None:
    a = resolve(
        "[Governor Ilyas Nurov](PERSON; role=Governor) spoke after the rebel chief "
        "[Timur Nurov](PERSON) did. [Governor Nurov](PERSON; role=Governor) left."
    )
    assert entity(a, "Governor Nurov").key == entity(a, "Governor Ilyas Nurov").key


def test_a_group_s_head_noun_written_as_a_name_is_the_group() -> None:
    a = resolve(
        "[The Northern Liberation Front](ORG) attacked. [The Front](ORG) said so, and "
        "[the Union](ORG) of [the European Union](ORG) did not."
    )
    assert entity(a, "The Front").key == entity(a, "The Northern Liberation Front").key
    assert entity(a, "the Union").key != entity(a, "the European Union").key
