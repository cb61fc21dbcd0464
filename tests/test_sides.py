"""Sides from the actor file, and each source's relation to the conflict."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterclaim.records import Analysis, Attribution, Document, Entity, Span
from counterclaim.resolve.sides import load_actors, source_relation, tag_sides


def _analysis(body: str, entities: list[Entity], speakers: tuple[str, ...] = ()) -> Analysis:
    doc = Document("d", body)
    attrs = tuple(
        Attribution("d", i, Span(0, 1, body[:1]), Span(0, 1, body[:1]), speaker=s)
        for i, s in enumerate(speakers, 1)
    )
    return Analysis(doc, attributions=attrs, entities=tuple(entities))


def _sides(analysis: Analysis) -> dict[str, str | None]:
    return {e.key: e.side for e in tag_sides(analysis).entities}


def test_names_members_roles_and_generic_phrases() -> None:
    entities = [
        Entity("taliban", "Taliban", "ORG", (Span(0, 7, "Taliban"),)),
        Entity("fighters", "Taliban fighters", "UNNAMED", (Span(0, 16, "Taliban fighters"),)),
        Entity("saleh", "Amrullah Saleh", "PERSON"),
        Entity("dashti", "Fahim Dashti", "PERSON", roles=("Resistance spokesman",)),
        Entity("opposition", "opposition forces", "UNNAMED", (Span(0, 17, "opposition forces"),)),
        Entity("ghani", "Ashraf Ghani", "PERSON"),
    ]
    sides = _sides(_analysis("The Taliban seized Kabul.", entities))
    assert sides == {
        "taliban": "Taliban",
        "fighters": "Taliban",
        "saleh": "anti-Taliban resistance",
        "dashti": "anti-Taliban resistance",
        "opposition": "anti-Taliban resistance",
        "ghani": None,
    }


def test_generic_phrases_need_the_conflict_in_the_document() -> None:
    entity = Entity("opposition", "opposition forces", "UNNAMED")
    assert _sides(_analysis("Opposition forces held a rally.", [entity])) == {"opposition": None}


def test_a_place_takes_a_side_only_when_it_speaks() -> None:
    russia = Entity("russia", "Russia", "PLACE")
    body = "The Taliban are outlawed in Russia."
    assert _sides(_analysis(body, [russia])) == {"russia": None}
    assert _sides(_analysis(body, [russia], speakers=("russia",))) == {"russia": "Russia"}


@pytest.mark.parametrize(
    ("entity", "relation"),
    [
        (Entity("t", "Taliban", "ORG", side="Taliban"), "party"),
        (Entity("d", "Fahim Dashti", "PERSON", side="anti-Taliban resistance"), "party official"),
        (Entity("r", "Reuters", "MEDIA"), "third-party outlet"),
        (Entity("b", "Biden", "PERSON"), "third-party official"),
        (Entity("s", "a source in the region", "UNNAMED"), "unnamed"),
    ],
)
def test_source_relation(entity: Entity, relation: str) -> None:
    assert source_relation(entity) == relation


def test_own_actor_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(
        "conflicts:\n  - name: test\n    parties:\n      - side: Blue\n        names: [Blue Army]\n"
    )
    entity = Entity("b", "Blue Army", "ORG")
    analysis = _analysis("The Blue Army advanced.", [entity])
    assert tag_sides(analysis, path).entities[0].side == "Blue"
    monkeypatch.setenv("COUNTERCLAIM_ACTORS", str(path))
    assert load_actors().parties[0].side == "Blue"
    assert tag_sides(analysis).entities[0].side == "Blue"
