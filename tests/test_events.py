"""Events: mentions in one document (the real parse), linking across documents, toll series.

Texts are written for these tests. Model tests run the real pipeline; the compare tests
feed literal records.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterclaim.compare.events import DocEvent, compare_tolls, link_events, toll_series
from counterclaim.compare.model import LedgerClaim, Said
from counterclaim.records import Analysis, Claim, Count, Document, Geo

THURSDAY = dt.date(2024, 5, 16)

# -- detection on the real parse ---------------------------------------------------------


@pytest.fixture(scope="module")
def run():
    from counterclaim.pipeline import analyze_documents

    def analyse(text: str, date: dt.date = THURSDAY) -> Analysis:
        doc = Document(id="t", text=text, date=date, publisher="agency")
        return next(analyze_documents([doc]))

    return analyse


def _name(analysis: Analysis, key: str | None) -> str | None:
    return next((e.name for e in analysis.entities if e.key == key), None)


@pytest.mark.model
def test_noun_and_verb_mentions_with_type_place_and_date(run) -> None:
    a = run(
        "Police said Tuesday's bombing of a market in Kandahar killed 12 people. "
        "Gunmen stormed a bus near Herat on Wednesday, officials said."
    )
    found = {m.head.text: m for m in a.events}
    bombing, stormed = found["bombing"], found["stormed"]
    assert (bombing.type, bombing.family) == ("bombing", "attack")
    assert _name(a, bombing.place) == "Kandahar" and bombing.date == "2024-05-14"
    assert bombing.target == "market" and bombing.definite
    assert stormed.type == "attack" and _name(a, stormed.place) == "Herat"
    assert stormed.date == "2024-05-15" and stormed.target == "bus"
    assert bombing.event != stormed.event  # different place and day: two events
    tolls = [c for c in a.claims if c.type == "fatalities"]
    assert tolls and all(c.id in bombing.claims for c in tolls)


@pytest.mark.model
def test_plurals_predicates_and_threats_are_not_mentions(run) -> None:
    a = run(
        "The group has carried out 300 attacks since 2020. The minister said the decision "
        "was an attack on democracy. The rebels threatened to attack the city."
    )
    assert a.events == ()


@pytest.mark.model
def test_a_relative_clause_about_another_attack_is_not_this_attacks_toll(run) -> None:
    a = run(
        "A suicide bombing in Mosul on Wednesday killed 9 people, police said. The blast "
        "was similar to a strike on another town last month that killed 17 people."
    )
    this = next(m for m in a.events if m.type == "bombing")
    other = next(m for m in a.events if m.head.text == "strike")
    assert other.other and other.event != this.event and other.period == "2024-04-01/2024-04-30"
    counts = {c.id: c.count.best for c in a.claims if c.type == "fatalities" and c.count}
    this_event = {c for m in a.events if m.event == this.event for c in m.claims}
    assert {counts[c] for c in this_event if c in counts} == {9}
    assert {counts[c] for c in other.claims if c in counts} == {17}


@pytest.mark.model
def test_definite_descriptions_refer_back_to_the_event(run) -> None:
    a = run(
        "Militants attacked a police station in Peshawar on Monday. The station attack "
        "lasted four hours. Officials said the attack killed six officers."
    )
    assert len({m.event for m in a.events}) == 1 and len(a.events) == 3


# -- linking across documents ------------------------------------------------------------

PK = dict(kind="region", country="PK", iso3166_2="PK-KP")


def _doc_event(doc: str, *, place: str | None = "peshawar", geo: Geo | None = None,
               dates: tuple[str, ...] = (), doc_date: str = "2024-05-15",
               targets: tuple[str, ...] = (), family: str = "attack") -> DocEvent:  # fmt: skip
    town = Geo("Peshawar", "town", "PK", "PK-KP")
    return DocEvent(doc, 1, family, ("attack",), place, geo or (town if place else None),
                    dates, (), doc_date, targets)  # fmt: skip


def test_one_event_in_three_documents() -> None:
    province = Geo("Khyber Pakhtunkhwa", **PK)
    groups = link_events([
        _doc_event("a", dates=("2024-05-13",)),
        _doc_event("b", place="kp", geo=province, dates=("2024-05-13",), doc_date="2024-05-14"),
        _doc_event("c", place=None, targets=("station",), doc_date="2024-05-16"),
        _doc_event("d", place=None, targets=("station",), dates=("2024-05-13",)),
    ])  # fmt: skip
    assert len(groups) == 1 and {m.doc_id for m in groups[0]} == {"a", "b", "c", "d"}


def test_another_place_or_another_week_is_another_event() -> None:
    quetta = Geo("Quetta", "town", "PK", "PK-BA")
    groups = link_events([
        _doc_event("a", dates=("2024-05-13",)),
        _doc_event("b", place="quetta", geo=quetta, dates=("2024-05-13",)),
        _doc_event("c", dates=("2024-04-02",), doc_date="2024-04-03"),
        _doc_event("d", dates=("2024-05-13",), family="combat"),
    ])  # fmt: skip
    assert len(groups) == 4


def _toll(doc: str, n: int, best: int, said_on: str, speaker: str) -> LedgerClaim:
    claim = Claim(doc, n, n, "fatalities", count=Count(best, best, best, text=str(best)),
                  args={"victim": "civilians"})  # fmt: skip
    said = Said(doc, n, speaker=speaker, speaker_name=speaker.title(), date=said_on,
                doc_date=said_on, sentence=f"{best} civilians were killed")  # fmt: skip
    return LedgerClaim(claim, said, {"victim": "civilians"}, {"civilians": "civilians"})


def test_one_sources_successive_tolls_are_a_series_not_a_dispute() -> None:
    series = toll_series([
        _toll("b", 1, 40, "2024-05-15", "ministry"),
        _toll("a", 1, 20, "2024-05-13", "ministry"),
        _toll("c", 1, 35, "2024-05-15", "rebels"),
    ])  # fmt: skip
    ministry = next(s for s in series if s.source == "Ministry")
    assert [p.claim.count.best for p in ministry.points] == [20, 40] and ministry.revised
    rebels = next(s for s in series if s.source == "Rebels")
    assert not rebels.revised
    [compared] = compare_tolls(series)
    assert compared.differ
    assert {(s, lc.claim.count.best) for s, lc in compared.latest} == {("Ministry", 40),
                                                                     ("Rebels", 35)}  # fmt: skip


# -- the whole chain: three articles, one ledger, the CLI --------------------------------

ARTICLES = {
    "one.txt": (
        "date 2024-05-14 Gunmen attacked a police station in Peshawar on Monday, killing 20 "
        "people, the provincial government said."
    ),
    "two.txt": (
        "date 2024-05-16 The provincial government said Monday's attack on the police station "
        "in Peshawar killed 40 people. Rebels said the attack killed 12 soldiers."
    ),
    "three.txt": (
        "date 2024-05-15 Officials in Peshawar said the station attack was the deadliest this "
        "year. In a separate incident, a bombing in Quetta on Tuesday killed three people, "
        "police said."
    ),
}


@pytest.mark.model
def test_three_articles_give_one_event_and_the_cli_lists_it(tmp_path: Path) -> None:
    from counterclaim.cli import app

    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'ledger.db'}"
    runner = CliRunner()
    done = runner.invoke(app, ["ingest", str(tmp_path), "--publisher", "agency", "--db", db])
    assert done.exit_code == 0, done.output
    listed = runner.invoke(app, ["events", "--json", "--db", db])
    assert listed.exit_code == 0, listed.output
    events = [json.loads(line) for line in listed.stdout.splitlines()]
    peshawar = [e for e in events if e["place_name"] == "Peshawar"]
    assert len(peshawar) == 1 and len(peshawar[0]["documents"]) == 3
    assert peshawar[0]["first_day"] == "2024-05-13"
    quetta = [e for e in events if e["place_name"] == "Quetta"]
    assert len(quetta) == 1 and quetta[0]["id"] != peshawar[0]["id"]
    tolls = {(s["source"], tuple(f["count"]["best"] for f in s["figures"]))
             for s in peshawar[0]["tolls"]}  # fmt: skip
    government = [t for t in tolls if t[1] == (20, 40)]
    assert government, tolls  # one source, two days: one series
    only = runner.invoke(app, ["events", "--place", "Quetta", "--json", "--db", db])
    assert [json.loads(x)["id"] for x in only.stdout.splitlines()] == [quetta[0]["id"]]
