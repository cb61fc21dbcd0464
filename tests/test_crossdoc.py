"""Cross-document entities: what merges across articles and what stays apart."""

from __future__ import annotations

import pytest

from counterclaim.records import Analysis, Document, Entity, Geo, Span
from counterclaim.resolve.crossdoc import (
    DocEntity,
    EntityIndex,
    Pin,
    doc_entities,
    resolve_all,
    translit,
    variant_of,
)


def ent(name: str, type_: str = "PERSON", roles: tuple[str, ...] = (), side: str | None = None,
        mentions: tuple[str, ...] = (), geo: Geo | None = None) -> Entity:  # fmt: skip
    key = name.lower().replace(" ", "-")
    spans = tuple(Span(0, len(m), m) for m in (name, *mentions))
    return Entity(key, name, type_, spans, roles, side, geo)


def doc(doc_id: str, *entities: Entity) -> list[DocEntity]:
    analysis = Analysis(Document(doc_id, ""), entities=entities)
    return doc_entities(analysis)


def same(index: EntityIndex, a: tuple[str, str], b: tuple[str, str]) -> bool:
    ga, gb = index.global_of(a), index.global_of(b)
    assert ga is not None and gb is not None
    return ga == gb


PANJSHIR = ent("Panjshir", "PLACE")
TALIBAN = ent("Taliban", "ORG")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (ent("Fahim Dashti", roles=("spokesman",)), ent("Fahim Fashti", roles=("spokesman",))),
        (ent("Ahmad Massoud"), ent("Ahmad Masood")),
        (ent("Rustam Karimov"), ent("Rustam Karimoff")),
        (ent("Ashraf Ghani"), ent("Ghani", roles=("President",))),
        (ent("National Resistance Front", "ORG"), ent("NRF", "ORG")),
        (ent("Taliban", "ORG"), ent("Taliban", "NORP")),
        (ent("Reuters", "MEDIA"), ent("Reuters", "MEDIA")),
        (ent("Panjshir", "PLACE"), ent("Panjsher", "PLACE")),
    ],
    ids=lambda e: e.name,
)
def test_merges_across_documents(a: Entity, b: Entity) -> None:
    index = resolve_all([doc("d1", a, PANJSHIR, TALIBAN), doc("d2", b, PANJSHIR, TALIBAN)])
    assert same(index, ("d1", a.key), ("d2", b.key))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (ent("Ahmad Massoud"), ent("Ahmad Shah Massoud")),  # son and father
        (ent("Fahim Dashti", side="resistance"), ent("Fahim Dashti", side="Taliban")),
        (ent("Kabul", "PLACE"), ent("Kabul", "PERSON")),  # different kinds of thing
        (ent("National Resistance Front", "ORG"), ent("NRF", "PERSON")),
        (ent("Jordan", "PLACE", geo=Geo("Jordan", "country", "JO")),
         ent("Jordan", "PLACE", geo=Geo("Jordan", "town", "US"))),
    ],
    ids=lambda e: f"{e.name}/{e.type}/{e.side}",
)  # fmt: skip
def test_keeps_apart(a: Entity, b: Entity) -> None:
    index = resolve_all([doc("d1", a, TALIBAN), doc("d2", b, TALIBAN)])
    assert not same(index, ("d1", a.key), ("d2", b.key))


def test_a_variant_needs_agreeing_context() -> None:
    lone = resolve_all([doc("d1", ent("Fahim Dashti")), doc("d2", ent("Fahim Fashti"))])
    assert not same(lone, ("d1", "fahim-dashti"), ("d2", "fahim-fashti"))
    [link] = [l for l in resolve_all([doc("d1", ent("Fahim Dashti"), PANJSHIR),
                                      doc("d2", ent("Fahim Fashti"), PANJSHIR)]).links()
              if l.key == "fahim-fashti"]  # fmt: skip
    assert link.reason == "spelling variant of Fahim Dashti (shared context)"


def test_a_surname_fitting_father_and_son_stays_apart() -> None:
    index = resolve_all([
        doc("d1", ent("Ahmad Massoud"), PANJSHIR),
        doc("d2", ent("Ahmad Shah Massoud"), PANJSHIR),
        doc("d3", ent("Massoud"), PANJSHIR),
    ])  # fmt: skip
    g3 = index.global_of(("d3", "massoud"))
    assert g3 not in {
        index.global_of(("d1", "ahmad-massoud")),
        index.global_of(("d2", "ahmad-shah-massoud")),
    }
    assert [l.reason for l in index.links() if l.doc_id == "d3" and l.key == "massoud"] == [
        "new: surname fits several"
    ]


def test_incremental_add_reuses_the_index() -> None:
    index = EntityIndex()
    index.add(doc("d1", ent("Fahim Dashti", roles=("spokesman",)), TALIBAN))
    [link, taliban] = index.add(doc("d2", ent("Dashti", roles=("spokesman",)), TALIBAN))
    assert link.global_id == "fahim-dashti" and link.reason == "short form of Fahim Dashti"
    assert taliban.reason == "same name"
    [entity] = [e for e in index.entities() if e.id == "fahim-dashti"]
    assert entity.documents == 2 and entity.name == "Fahim Dashti"


def test_ids_are_kept_on_re_resolution() -> None:
    docs = [doc("d1", ent("Fahim Dashti")), doc("d2", ent("Fahim Dashti"))]
    first = resolve_all(docs)
    previous = {(l.doc_id, l.key): l.global_id for l in first.links()}
    again = resolve_all(reversed(docs), previous=previous)
    assert {l.global_id for l in again.links()} == {"fahim-dashti"}


def test_pins_merge_and_split_by_name() -> None:
    docs = [doc("d1", ent("Fahim Dashti")), doc("d2", ent("Fahim Fashti")),
            doc("d3", ent("Ahmad Massoud")), doc("d4", ent("Ahmad Massoud"))]  # fmt: skip
    merged = resolve_all(docs, [Pin("merge", "Fahim Dashti", "fahim fashti")])
    assert same(merged, ("d1", "fahim-dashti"), ("d2", "fahim-fashti"))
    assert any(l.reason.startswith("pinned merge") for l in merged.links())
    split = resolve_all(docs, [Pin("split", "Ahmad Massoud", "Ahmad Massoud")])
    assert not same(split, ("d3", "ahmad-massoud"), ("d4", "ahmad-massoud"))


def test_mentions_add_forms_and_unnamed_entities_are_skipped() -> None:
    nrf = ent("National Resistance Front", "ORG", mentions=("NRF", "the resistance movement"))
    unnamed = ent("a source in the region", "UNNAMED")
    index = resolve_all([doc("d1", nrf, unnamed), doc("d2", ent("NRF", "ORG"))])
    assert same(index, ("d1", nrf.key), ("d2", "nrf"))
    assert index.global_of(("d1", unnamed.key)) is None


def test_transliteration_keys() -> None:
    assert translit("massoud") == translit("masood") == translit("masud")
    assert translit("karimoff") == translit("karimov")
    assert variant_of(("fahim", "dashti"), ("fahim", "fashti"))
    assert not variant_of(("ahmad", "massoud"), ("ahmad", "shah", "massoud"))


def test_a_bare_surname_stays_off_when_its_document_has_another_namesake() -> None:
    first = doc("d1", ent("Ilyas Nurov", roles=("governor",)), TALIBAN)
    second = doc("d2", ent("Nurov"), ent("Timur Nurov", roles=("commander",)), TALIBAN)
    index = resolve_all([first, second])
    assert not same(index, ("d2", "nurov"), ("d1", "ilyas-nurov"))


def test_a_bare_surname_stays_off_a_person_of_another_role() -> None:
    first = doc("d1", ent("Ilyas Nurov", roles=("governor",)), TALIBAN)
    second = doc("d2", ent("Nurov", roles=("commander",)), TALIBAN)
    index = resolve_all([first, second])
    assert not same(index, ("d2", "nurov"), ("d1", "ilyas-nurov"))


def test_a_bare_surname_still_joins_its_one_namesake() -> None:
    first = doc("d1", ent("Ilyas Nurov", roles=("governor",)), TALIBAN)
    second = doc("d2", ent("Nurov", roles=("governor",)), TALIBAN)
    index = resolve_all([first, second])
    assert same(index, ("d2", "nurov"), ("d1", "ilyas-nurov"))
