"""Entities across outlets, round 2: names' edges repaired, countries' bodies named alike,
demonyms as their country, offices resolved from roles, descriptions never linked across
documents, transliterations linked only with context, the reason behind each place kept."""

from __future__ import annotations

from counterclaim.records import Analysis, Document, Entity, Geo, Mention, Span
from counterclaim.resolve.crossdoc import doc_entities, resolve_all
from counterclaim.resolve.document import (
    name_form,
    owned_body,
    person_form,
    repair_spans,
    resolve_document,
)
from counterclaim.resolve.geocode import lookup
from counterclaim.store.rows import geo_json, geo_record


def mention(text: str, surface: str, label: str, nth: int = 1, **kw: object) -> Mention:
    start = -1
    for _ in range(nth):
        start = text.index(surface, start + 1)
    return Mention(span=Span.of(text, start, start + len(surface)), label=label, **kw)


def analysis_of(text: str, mentions: list[Mention], doc: str = "d") -> Analysis:
    return Analysis(document=Document(id=doc, text=text), mentions=tuple(mentions))


def entity_of(resolved: Analysis, surface: str) -> Entity:
    key = next(m.entity for m in resolved.mentions if m.span.text == surface)
    return next(e for e in resolved.entities if e.key == key)


# ---------------------------------------------------------------- edges


def test_a_name_cut_at_a_hyphenated_particle_is_joined_up() -> None:
    text = "Police blamed Harakat-ul-Mujahideen Nepal for the raid."
    fixed = repair_spans(
        [mention(text, "Harakat", "PLACE"), mention(text, "Nepal", "PLACE", role="ul - M")], text
    )
    assert [(m.span.text, m.label, m.role) for m in fixed] == [
        ("Harakat-ul-Mujahideen Nepal", "ORG", None)
    ]


def test_a_demonym_split_from_its_group_is_joined_and_the_group_keeps_its_short_name() -> None:
    text = "The Sudanese Janjaweed denied it. Janjaweed commanders said so."
    resolved = resolve_document(
        analysis_of(
            text,
            [
                mention(text, "The Sudanese", "NORP"),
                mention(text, "Janjaweed", "ORG"),
                mention(text, "Janjaweed", "ORG", 2),
            ],
        )
    )
    group = entity_of(resolved, "The Sudanese Janjaweed")
    assert group.type == "ORG"
    assert len(group.mentions) == 2  # "Janjaweed" is the same group


def test_a_name_ending_in_of_runs_on_to_its_end() -> None:
    text = "The Popular Front of Karenia said it held the pass."
    fixed = repair_spans([mention(text, "Popular Front of", "ORG")], text)
    assert [m.span.text for m in fixed] == ["Popular Front of Karenia"]


def test_antecedents_are_remapped_after_a_join() -> None:
    text = "The Sudanese Janjaweed attacked. It later withdrew."
    ms = [
        mention(text, "The Sudanese", "NORP"),
        mention(text, "Janjaweed", "ORG"),
        mention(text, "It", "PRON", antecedent=1),
    ]
    fixed = repair_spans(ms, text)
    assert fixed[fixed[-1].antecedent].span.text == "The Sudanese Janjaweed"


# ---------------------------------------------------------------- bodies and demonyms


def test_a_countrys_body_is_one_name_however_written() -> None:
    french = owned_body("the French Ministry of Foreign Affairs")
    assert french == owned_body("France's foreign ministry") == ("france", "foreign", "ministry")
    assert owned_body("Ministry of Foreign Affairs of France") == french
    assert owned_body("the Kenyan army") == owned_body("Kenya's military")
    assert owned_body("the Kenyan army") != owned_body("Kenya's foreign ministry")
    assert owned_body("Ministry of Truth of Oceania") is None


def test_a_demonym_is_its_country_and_a_body_is_its_own_entity() -> None:
    text = "Kenya said the Kenyan army repelled an attack. Kenyan officials urged the Somali side."
    ms = [
        mention(text, "Kenya", "PLACE"),
        mention(text, "Kenyan", "NORP"),
        mention(text, "Kenyan", "NORP", 2),
        mention(text, "Somali", "NORP"),
    ]
    resolved = resolve_document(analysis_of(text, ms))
    army = entity_of(resolved, "Kenyan army")
    country = entity_of(resolved, "Kenya")
    assert army.key != country.key and army.type == "ORG"
    assert entity_of(resolved, "Kenyan").key == country.key  # "Kenyan officials"
    assert name_form("Somali", "NORP").tokens == ("somalia",)


def test_a_person_described_by_an_office_is_the_one_holding_it() -> None:
    text = (
        "Army spokesman Col. Ade Musa said 12 died. Foreign ministry spokesman Ola Bako "
        "rejected it. The army spokesman said more had died."
    )
    ms = [
        mention(text, "Ade Musa", "PERSON", role="Army spokesman"),
        mention(text, "Ola Bako", "PERSON", role="Foreign ministry spokesman"),
        mention(text, "The army spokesman", "DESC", antecedent=1),  # nearest: the wrong one
    ]
    resolved = resolve_document(analysis_of(text, ms))
    assert entity_of(resolved, "The army spokesman").name == "Ade Musa"


def test_the_military_is_not_the_general_named_before_it() -> None:
    text = "General Ade Musa spoke first. Later the military said the road was open."
    ms = [
        mention(text, "Ade Musa", "PERSON", role="General"),
        mention(text, "the military", "DESC", antecedent=0),
    ]
    resolved = resolve_document(analysis_of(text, ms))
    assert entity_of(resolved, "the military").type != "PERSON"


def test_titles_and_offices_are_freed_from_a_speakers_name() -> None:
    form = person_form("Head of the Regional Military Administration Ivan Petrenko")
    assert form.core == "Ivan Petrenko"
    assert form.role and "Military Administration" in form.role


# ---------------------------------------------------------------- across documents


def doc(doc_id: str, *entities: Entity) -> Analysis:
    return Analysis(document=Document(id=doc_id, text=""), entities=entities)


def ent(key: str, name: str, kind: str, *surfaces: str, **kw: object) -> Entity:
    spans = tuple(Span(0, len(s), s) for s in (name, *surfaces))
    return Entity(key=key, name=name, type=kind, mentions=spans, **kw)


def test_a_description_in_a_persons_mentions_does_not_split_them_across_documents() -> None:
    a = doc("a", ent("bako", "Ola Bako", "PERSON", "The military spokesperson"))
    b = doc("b", ent("bako", "Ola Bako", "PERSON", "Bako"))
    index = resolve_all([doc_entities(a), doc_entities(b)])
    assert index.global_of(("a", "bako")) == index.global_of(("b", "bako"))


def test_transliterations_link_with_context_not_across_regions() -> None:
    ukraine = Geo("Ukraine", "country", "UA")
    a = doc(
        "a",
        ent("kharkiv", "Kharkiv", "PLACE", geo=Geo("Kharkiv", "town", "UA")),
        ent("ukraine", "Ukraine", "PLACE", geo=ukraine),
    )
    b = doc(
        "b",
        ent("kharkov", "Kharkov", "PLACE"),
        ent("ukraine", "Ukraine", "PLACE", geo=ukraine),
    )
    c = doc("c", ent("kharkov", "Kharkov", "PLACE", geo=Geo("Kharkov", "town", "US")))
    index = resolve_all([doc_entities(a), doc_entities(b), doc_entities(c)])
    assert index.global_of(("a", "kharkiv")) == index.global_of(("b", "kharkov"))
    assert index.global_of(("c", "kharkov")) != index.global_of(("a", "kharkiv"))


def test_spelling_variants_of_a_person_need_context() -> None:
    a = doc("a", ent("m", "Mohammed Saleh", "PERSON", roles=("spokesman",)))
    b = doc("b", ent("m", "Muhammad Saleh", "PERSON", roles=("army spokesman",)))
    c = doc("c", ent("m", "Muhammad Salih", "PERSON", roles=("farmer",)))
    index = resolve_all([doc_entities(a), doc_entities(b), doc_entities(c)])
    assert index.global_of(("a", "m")) == index.global_of(("b", "m"))
    assert index.global_of(("c", "m")) != index.global_of(("a", "m"))


def test_a_country_and_its_army_stay_apart_across_documents() -> None:
    a = doc("a", ent("k", "Kenya", "PLACE"), ent("ka", "Kenyan army", "ORG"))
    b = doc("b", ent("k", "Kenya", "PLACE"), ent("ka", "Kenya's military", "ORG"))
    index = resolve_all([doc_entities(a), doc_entities(b)])
    assert index.global_of(("a", "ka")) == index.global_of(("b", "ka"))
    assert index.global_of(("a", "ka")) != index.global_of(("a", "k"))


# ---------------------------------------------------------------- places


def test_each_place_keeps_the_reason_it_was_chosen() -> None:
    assert lookup("Kenya").reason == "country name"
    here = lookup("Kisumu", frozenset({"KE"}))
    assert here is not None and "country the article names" in (here.reason or "")


def test_stored_places_without_a_reason_still_read() -> None:
    old = {"name": "Kenya", "kind": "country", "country": "KE", "iso3166_2": None,
           "lat": None, "lon": None}  # fmt: skip
    assert geo_record(old) == Geo("Kenya", "country", "KE")
    geo = Geo("Kenya", "country", "KE", reason="country name")
    assert geo_record(geo_json(geo)) == geo
