"""Entities across outlets (issue 11): capitals standing for governments, other names of
one group, an outlet's services, group and office descriptions, and what holds across
documents. Invented places and groups come from a data folder made here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from counterclaim import lexicon
from counterclaim.records import Analysis, Document, Mention, Span
from counterclaim.resolve.crossdoc import doc_entities, resolve_all
from counterclaim.resolve.document import owned_body, resolve_document

GOVERNMENTS = """\
capitals:
  Port Vella: Valdoria
  Sarn: Ostrava
rulers:
  Ostrava: {by: Northern Front, since: 2020-06-01}
aliases:
  - [Northern Front, Free State of the North]
"""


@pytest.fixture(autouse=True)
def invented_world(tmp_path: Path) -> Iterator[None]:
    (tmp_path / "governments.yaml").write_text(GOVERNMENTS, encoding="utf-8")
    lexicon.use_data([tmp_path])
    yield
    lexicon.use_data(())


def analysis_of(
    text: str,
    names: list[tuple[str, str] | tuple[str, str, int] | tuple[str, str, int, str]],
    date: dt.date | None = None,
) -> Analysis:
    """Mentions at the n-th occurrence (default the first) of each name, with its label
    (and a role)."""
    mentions = []
    for name, label, *rest in names:
        nth = rest[0] if rest else 0
        start = -1
        for _ in range(nth + 1):
            start = text.index(name, start + 1)
        role = rest[1] if len(rest) > 1 else None
        mentions.append(Mention(Span.of(text, start, start + len(name)), label, role=role))
    return Analysis(Document(id="d", text=text, date=date), mentions=tuple(mentions))


def entity_at(resolved: Analysis, text: str, nth: int = 0) -> str | None:
    found = [m for m in resolved.mentions
             if m.span.text == text or m.span.text.endswith(" " + text)]  # fmt: skip
    found.sort(key=lambda m: m.span.start)
    return found[nth].entity


# ---------------------------------------------------------------- capitals


def test_a_capital_that_acts_is_its_government_and_a_capital_as_a_place_is_not() -> None:
    text = ("Valdoria closed its border on Monday. Port Vella said the rebels had crossed "
            "it. Thousands marched through Port Vella's streets.")  # fmt: skip
    resolved = resolve_document(
        analysis_of(
            text, [("Valdoria", "PLACE"), ("Port Vella", "PLACE"), ("Port Vella", "PLACE", 1)]
        )  # fmt: skip
    )
    assert entity_at(resolved, "Port Vella", 0) == entity_at(resolved, "Valdoria")
    assert entity_at(resolved, "Port Vella", 1) != entity_at(resolved, "Valdoria")


@pytest.mark.parametrize(
    "sentence",
    [
        "Port Vella has rejected the charge.",
        "Port Vella was refusing to talk.",
        "Port Vella must act now.",
        "The Port Vella authorities denied it.",
        "Port Vella's stance has not changed.",
    ],
)
def test_the_ways_a_capital_acts(sentence: str) -> None:
    text = "Valdoria is a small country. " + sentence
    resolved = resolve_document(analysis_of(text, [("Valdoria", "PLACE"), ("Port Vella", "PLACE")]))
    assert entity_at(resolved, "Port Vella") == entity_at(resolved, "Valdoria")


@pytest.mark.parametrize(
    "sentence",
    ["A bomb went off in Port Vella.", "Port Vella was shelled overnight.", "Port Vella is calm."],
)
def test_a_capital_named_as_a_place_stays_the_town(sentence: str) -> None:
    text = "Valdoria is a small country. " + sentence
    resolved = resolve_document(analysis_of(text, [("Valdoria", "PLACE"), ("Port Vella", "PLACE")]))
    assert entity_at(resolved, "Port Vella") != entity_at(resolved, "Valdoria")


def test_the_government_in_a_capital_is_the_country() -> None:
    text = "Valdoria held talks. Farmers blame the government in Port Vella for the drought."
    resolved = resolve_document(
        analysis_of(text, [("Valdoria", "PLACE"), ("the government", "DESC")])
    )
    government = [m for m in resolved.mentions if m.span.text.startswith("the government")]
    assert government[0].span.text == "the government in Port Vella"
    assert government[0].entity == entity_at(resolved, "Valdoria")


def test_a_ruling_group_is_the_government_from_its_date_on() -> None:
    text = ("The Northern Front took more ground. The Sarn authorities said the road "
            "was open. The interim government of Ostrava said talks would resume.")  # fmt: skip
    names = [("Northern Front", "ORG"), ("Sarn", "PLACE"), ("The interim government", "DESC")]
    after = resolve_document(analysis_of(text, names, dt.date(2021, 1, 5)))
    front = entity_at(after, "Northern Front")
    assert entity_at(after, "Sarn") == front
    assert entity_at(after, "The interim government of Ostrava") == front
    before = resolve_document(analysis_of(text, names, dt.date(2019, 1, 5)))
    assert entity_at(before, "Sarn") != entity_at(before, "Northern Front")


def test_a_ruling_groups_bodies_are_the_countrys() -> None:
    with_date = [("2021-01-01", True), ("2019-01-01", False)]
    for day, same in with_date:
        resolved = resolve_document(
            analysis_of(
                "Ostrava's foreign ministry spoke. The Northern Front foreign ministry agreed.",
                [("Ostrava's foreign ministry", "ORG"), ("Northern Front foreign ministry", "ORG")],
                dt.date.fromisoformat(day),
            )
        )
        a = entity_at(resolved, "Ostrava's foreign ministry")
        assert (a == entity_at(resolved, "Northern Front foreign ministry")) is same


def test_owned_body_reads_capitals_and_qualifiers() -> None:
    assert owned_body("the government in Port Vella") == ("valdoria",)
    assert owned_body("the Port Vella authorities") == ("valdoria",)
    assert owned_body("the interim government of Valdoria") == ("valdoria",)
    assert owned_body("the government in Bigtown") is None  # no capital, no owner


# ---------------------------------------------------------------- other names


def test_another_name_from_the_table() -> None:
    text = "The Northern Front advanced. The Free State of the North said it held the pass."
    resolved = resolve_document(
        analysis_of(text, [("Northern Front", "ORG"), ("Free State of the North", "ORG")])
    )
    assert entity_at(resolved, "Northern Front") == entity_at(resolved, "Free State of the North")


@pytest.mark.parametrize(
    "text",
    [
        "The Sun Brigade, also known as the Dawn Legion, attacked. Later the Dawn Legion said so.",
        "The Sun Brigade (Dawn Legion) attacked. Later the Dawn Legion said so.",
        "The Sun Brigade refer to their army as the Dawn Legion. Later the Dawn Legion said so.",
        "The Sun Brigade, which calls itself the Dawn Legion, attacked. The Dawn Legion said so.",
    ],
)
def test_another_name_read_from_the_text(text: str) -> None:
    resolved = resolve_document(
        analysis_of(
            text, [("Sun Brigade", "ORG"), ("Dawn Legion", "ORG"), ("Dawn Legion", "ORG", 1)]
        )
    )
    keys = {m.entity for m in resolved.mentions}
    assert len(keys) == 1


def test_a_place_in_brackets_is_no_other_name() -> None:
    text = "The Sun Brigade (Valdoria) attacked. Valdoria protested."
    resolved = resolve_document(
        analysis_of(text, [("Sun Brigade", "ORG"), ("Valdoria", "PLACE", 1)])
    )
    assert entity_at(resolved, "Sun Brigade") != entity_at(resolved, "Valdoria")


# ---------------------------------------------------------------- outlets and descriptions


def test_an_outlets_service_is_the_outlet() -> None:
    text = "Reuters said the road was cut, Lina Dorr of Reuters' Arabic Service reported."
    resolved = resolve_document(
        analysis_of(text, [("Reuters", "ORG"), ("Reuters", "ORG", 1), ("Arabic Service", "ORG")])
    )
    service = [m for m in resolved.mentions if "Service" in m.span.text][0]
    assert service.span.text == "Reuters' Arabic Service"
    assert service.entity == entity_at(resolved, "Reuters")
    assert {e.type for e in resolved.entities if e.key == service.entity} == {"MEDIA"}


def test_group_descriptions_reach_the_one_named_armed_group() -> None:
    text = ("The Coastal Liberation Front, or CLF, bombed a bridge. The separatist group said "
            "CLF would strike again. The banned militant group gave a deadline.")  # fmt: skip
    resolved = resolve_document(
        analysis_of(
            text,
            [
                ("Coastal Liberation Front", "ORG"),
                ("CLF", "PERSON", 1),
                ("The separatist group", "DESC"),
                ("The banned militant group", "DESC"),
            ],
        )  # fmt: skip
    )
    front = entity_at(resolved, "Coastal Liberation Front")
    assert entity_at(resolved, "CLF") == front
    assert entity_at(resolved, "The separatist group") == front
    assert entity_at(resolved, "The banned militant group") == front


def test_an_office_description_leaving_the_owner_out_of_the_roles() -> None:
    text = ("Foreign ministry spokesperson Ana Petrova said the claim was false. "
            "The Valdorian foreign ministry spokesperson added that talks go on.")  # fmt: skip
    names = [("Ana Petrova", "PERSON", 0, "Foreign ministry spokesperson"),
             ("The Valdorian foreign ministry spokesperson", "DESC")]  # fmt: skip
    resolved = resolve_document(analysis_of(text, names))
    # "Valdorian" is no demonym the data knows: the owner stays, nobody fits
    assert entity_at(resolved, "Ana Petrova") != entity_at(
        resolved, "The Valdorian foreign ministry spokesperson"
    )
    text = text.replace("Valdorian", "Kenyan")
    names[1] = ("The Kenyan foreign ministry spokesperson", "DESC")
    resolved = resolve_document(analysis_of(text, names))
    assert entity_at(resolved, "Ana Petrova") == entity_at(
        resolved, "The Kenyan foreign ministry spokesperson"
    )


def test_an_office_description_with_another_owner_in_the_roles_stays_apart() -> None:
    text = ("Ugandan foreign ministry spokesperson Ana Petrova spoke. "
            "The Kenyan foreign ministry spokesperson added that talks go on.")  # fmt: skip
    names = [("Ana Petrova", "PERSON", 0, "Ugandan foreign ministry spokesperson"),
             ("The Kenyan foreign ministry spokesperson", "DESC")]  # fmt: skip
    resolved = resolve_document(analysis_of(text, names))
    assert entity_at(resolved, "Ana Petrova") != entity_at(
        resolved, "The Kenyan foreign ministry spokesperson"
    )


# ---------------------------------------------------------------- across documents


def test_across_documents_the_capital_as_government_does_not_pull_the_town() -> None:
    one = resolve_document(replace_id(analysis_of(
        "Valdoria shut the pass. Port Vella said the rebels crossed it.",
        [("Valdoria", "PLACE"), ("Port Vella", "PLACE")],
    ), "one"))  # fmt: skip
    two = resolve_document(replace_id(analysis_of(
        "A bomb went off in Port Vella. Valdoria blamed rebels.",
        [("Port Vella", "PLACE"), ("Valdoria", "PLACE")],
    ), "two"))  # fmt: skip
    three = resolve_document(replace_id(analysis_of(
        "The Port Vella authorities closed schools.", [("Port Vella", "PLACE")]
    ), "three"))  # fmt: skip
    index = resolve_all([doc_entities(a) for a in (one, two, three)])

    def glob(analysis: Analysis, text: str) -> str | None:
        return index.global_of((analysis.document.id, entity_at(analysis, text) or ""))

    assert glob(one, "Valdoria") == glob(two, "Valdoria") == glob(three, "Port Vella")
    assert glob(two, "Port Vella") != glob(one, "Valdoria")


def test_across_documents_a_role_description_does_not_block_the_person() -> None:
    one = resolve_document(replace_id(analysis_of(
        "Valdorian army spokesperson Omar Selin said the town fell. Selin said more.",
        [("Valdorian army spokesperson", "DESC"), ("Omar Selin", "PERSON"),
         ("Selin", "PERSON", 1)],
    ), "one"))  # fmt: skip
    # the description joins Selin's entity in the first document only if it is his;
    # either way it must not keep the two documents' Omar Selin apart
    two = resolve_document(replace_id(analysis_of(
        "General Omar Selin said the road was open.", [("Omar Selin", "PERSON")]
    ), "two"))  # fmt: skip
    index = resolve_all([doc_entities(a) for a in (one, two)])
    a = index.global_of(("one", entity_at(one, "Omar Selin") or ""))
    assert a is not None and a == index.global_of(("two", entity_at(two, "Omar Selin") or ""))


def replace_id(analysis: Analysis, doc_id: str) -> Analysis:
    from dataclasses import replace

    return replace(analysis, document=replace(analysis.document, id=doc_id))


def test_a_description_written_before_a_name_stands_for_it_later() -> None:
    text = ("Colonel Ivo Marek, head of the army's press wing Northern Media Bureau, spoke. "
            "Later the army's press wing repeated the claim. The navy's press wing did not.")  # fmt: skip
    resolved = resolve_document(
        analysis_of(
            text,
            [
                ("Northern Media Bureau", "ORG"),
                ("the army's press wing", "DESC", 1),
                ("The navy's press wing", "DESC"),
            ],
        )  # fmt: skip
    )
    bureau = entity_at(resolved, "Northern Media Bureau")
    assert entity_at(resolved, "the army's press wing") == bureau
    assert entity_at(resolved, "The navy's press wing") != bureau  # another owner


def test_the_groups_spokesman_is_a_person_speaking_for_that_group() -> None:
    text = ("The Free Coast Liberation Army attacked a convoy. The group's spokesman Haris "
            "Demir said 12 soldiers were killed.")  # fmt: skip
    resolved = resolve_document(
        analysis_of(
            text,
            [
                ("Free Coast Liberation Army", "ORG"),
                ("spokesman Haris Demir", "PERSON", 0, "spokesman"),
            ],
        )  # fmt: skip
    )
    (demir,) = [e for e in resolved.entities if e.name == "Haris Demir"]
    assert demir.type == "PERSON"
    assert "spokesman of Free Coast Liberation Army" in demir.roles
