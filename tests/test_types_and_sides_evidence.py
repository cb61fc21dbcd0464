"""One type per entity across the ledger (a vote, its evidence kept), and sides only with
evidence, shown (issue 11)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterclaim.cli import app
from counterclaim.records import Analysis, Document, Entity, Geo, Span
from counterclaim.resolve.crossdoc import doc_entities, resolve_all
from counterclaim.resolve.sides import load_actors, side_evidence, tag_sides


def ent(name: str, type_: str, roles: tuple[str, ...] = (), geo: Geo | None = None,
        mentions: tuple[str, ...] = ()) -> Entity:  # fmt: skip
    spans = tuple(Span(0, len(m), m) for m in (name, *mentions))
    return Entity(name.lower().replace(" ", "-"), name, type_, spans, roles, None, geo)


def index_of(*docs: Entity):
    return resolve_all([doc_entities(Analysis(Document(f"d{n}", ""), entities=(e,)))
                        for n, e in enumerate(docs)])  # fmt: skip


VALDORIA = Geo("Valdoria", "country", "VD")
MERRICK = Geo("Merrick", "town", "VD", None, 1.0, 2.0)


def test_a_country_typed_as_an_actor_and_as_a_place_is_one_entity_typed_by_vote() -> None:
    index = index_of(ent("Valdoria", "NORP"), ent("Valdoria", "PLACE", geo=VALDORIA),
                     ent("Valdoria", "PLACE", geo=VALDORIA))  # fmt: skip
    (one,) = index.entities()
    assert one.type == "PLACE" and one.documents == 3
    reasons = {link.reason for link in index.links()}
    assert any("type by vote" in r for r in reasons)


def test_a_town_the_ner_called_a_person_joins_the_geocoded_town() -> None:
    index = index_of(ent("Merrick", "PLACE", geo=MERRICK), ent("Merrick", "PERSON"),
                     ent("Merrick", "PLACE", geo=MERRICK))  # fmt: skip
    (one,) = index.entities()
    assert one.type == "PLACE"


@pytest.mark.parametrize(
    "person",
    [
        ent("Merrick", "PERSON", roles=("striker",)),  # a titled person
        ent("Anna Merrick", "PERSON", mentions=("Merrick",)),  # a full name
    ],
)
def test_a_named_person_never_joins_a_place(person: Entity) -> None:
    index = index_of(ent("Merrick", "PLACE", geo=MERRICK), person)
    assert len(index.entities()) == 2


def test_no_place_evidence_no_merge_with_a_person() -> None:
    index = index_of(ent("Merrick", "PLACE"), ent("Merrick", "PERSON"))
    assert len(index.entities()) == 2


def _tag(entity: Entity) -> Entity:
    analysis = Analysis(Document("d", "The Taliban said so."), entities=(entity,))
    return tag_sides(analysis).entities[0]


def test_a_role_naming_another_party_is_no_side() -> None:
    group = ent("Eastern Jihad Council", "ORG", roles=("an ideological offshoot of the Taliban",))
    assert _tag(group).side is None
    assert side_evidence(group, load_actors()) is None


def test_side_evidence_names_what_put_it_there() -> None:
    actors = load_actors()
    spokesman = ent("Omar Selin", "PERSON", roles=("Taliban spokesman",))
    found = side_evidence(spokesman, actors)
    assert found is not None and (found.side, found.kind, found.phrase) == (
        "Taliban", "role", "Taliban",
    )  # fmt: skip
    described = ent("Omar Selin", "PERSON",
                    mentions=("Selin", "the Taliban foreign ministry spokesperson"))  # fmt: skip
    found = side_evidence(described, actors)
    assert found is not None and (found.side, found.kind) == ("Taliban", "description")
    member = side_evidence(ent("Amrullah Saleh", "PERSON"), actors)
    assert member is not None and member.kind == "member"
    assert "actor file" in member.record()["summary"]
    assert side_evidence(ent("Omar Selin", "PERSON", mentions=("he", "Selin")), actors) is None


TEXTS = {
    "a.txt": "date 2025-05-02\nTaliban spokesman Omar Selin said on Friday that the road to "
    "Merrick was open. Selin said the Taliban held the pass.\n",
    "b.txt": "date 2025-05-03\nOmar Selin said on Saturday that fighters had left Merrick. "
    "Residents of Merrick said the market reopened.\n",
}


@pytest.mark.model
def test_entities_json_shows_type_votes_and_side_evidence(tmp_path: Path) -> None:
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'ledger.db'}"
    runner = CliRunner(env={"COLUMNS": "200"})
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", db])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["entities", "Omar Selin", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    (selin,) = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert selin["side"] == "Taliban"
    assert selin["type_votes"] == {"PERSON": 2}
    (evidence,) = selin["side_evidence"]  # one document says so, the other does not
    assert evidence["kind"] == "role" and "Taliban" in evidence["summary"]
    listed = runner.invoke(app, ["entities", "--json", "--db", db])
    records = [json.loads(line) for line in listed.output.splitlines() if line.strip()]
    assert all("type_votes" in r and "side_evidence" in r for r in records)
