"""Stored propositions: disputes read through them equal the all-in-Python computation.

The reference below is the former query: every claim of the ledger loaded, arguments
mapped through all links of their documents, handed to compare (then the disputes about a
place or involving an actor kept). It runs
on a randomized ledger (denials with and without claims of their own, figures, places,
periods, unlinked descriptions), after a merge pin, and on the invented wire article of ``tests/fixtures`` and the
test corpus (``model`` tests), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from counterclaim import compare, pipeline
from counterclaim.records import Analysis, Attribution, Claim, Count, Document, Entity, Geo, Span
from counterclaim.store import claims as claim_store
from counterclaim.store import claimview, linker, queries, save_analysis
from counterclaim.store import entities as entity_store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "wire" / "khorpress-2025-03-28-ostona.txt"
CORPUS = ROOT / "tests" / "corpus"
ACTORS = ["Taliban", "National Resistance Front", "Army", "Rebels", "Police"]
PEOPLE = ["Fahim Dashti", "Amrullah Saleh", "Ahmad Massoud"]
PLACES = ["Panjshir", "Kabul", "Dargah", "Bazarak", "Herat"]


# ---------------------------------------------------------------- the former computation


def _old_ledger_claims(session: Session, stored: list[claim_store.StoredClaim]) -> list:
    doc_ids = sorted({s.claim.doc_id for s in stored})
    links = entity_store.load_links(session, doc_ids)
    local = entity_store.entity_records(session, doc_ids)
    globals_ = entity_store.global_entities(session, set(links.values()))
    return [claimview._ledger_claim(s, links, local, globals_) for s in stored]


def _old_load(session: Session, **filters: object) -> list:
    stmt = claim_store.claim_query(**filters)  # type: ignore[arg-type]
    return _old_ledger_claims(session, list(claim_store.iter_claims(session, stmt)))


def _ids(lc: object, roles: tuple[str, ...] | None = None) -> set[str]:
    args = {r: v for r, v in lc.args.items() if roles is None or r in roles}  # type: ignore[attr-defined]
    values = {v for x in args.values() for v in (x if isinstance(x, tuple) else (x,))}
    speaker = {lc.said.speaker} if roles is None and lc.said.speaker else set()  # type: ignore[attr-defined]
    return values | speaker


def old_disputes(engine: Engine, place: str | None = None, actor: str | None = None) -> list:
    """Every dispute of the ledger from all its claims; with ``place``, those with a claim
    on that place; with ``actor``, those with a claim naming it or said by it."""
    with Session(engine) as session:
        skip = sorted(compare.NOT_DISPUTED)
        places = set(queries.resolve_subject(session, place)) if place else None
        actors = set(queries.resolve_subject(session, actor)) if actor else None
        found = _old_load(session, exclude=skip)
        result = compare.find_disputes(found, claimview.denials_for(session, found))
    if places is not None:
        result = [d for d in result if any(_ids(c, ("place",)) & places
                                           for c in (*d.for_, *d.against))]  # fmt: skip
    if actors is not None:
        result = [d for d in result if any(_ids(c) & actors for c in (*d.for_, *d.against))]
    return result


def records(disputes: list) -> list[str]:
    return [json.dumps(queries.dispute_record(d), sort_keys=True) for d in disputes]


def recency(engine: Engine, disputes: list) -> list[tuple[str, str]]:
    """(latest last day of its propositions, its own latest day), digits flipped so that
    ascending is latest first, of each dispute."""
    with engine.connect() as con:
        rows = con.execute(text(
            "select c.doc_id, c.local_id, c.day, p.last_day from claim c "
            "join proposition p on p.id = c.proposition")).all()  # fmt: skip
    facts = {(d, i): (day or "", last or "") for d, i, day, last in rows}
    flip = str.maketrans("0123456789", "9876543210")
    out = []
    for d in disputes:
        known = [facts[c.ref] for c in (*d.for_, *d.against) if c.ref in facts]
        out.append(
            (max(x[1] for x in known).translate(flip), max(x[0] for x in known).translate(flip))
        )
    return out


def assert_same(engine: Engine, subjects: list[tuple[str | None, str | None]]) -> int:
    """New and old disputes agree for each (place, actor); returns how many were compared."""
    total = 0
    for place, actor in subjects:
        old = old_disputes(engine, place, actor)
        new = pipeline.disputes(engine, place=place, actor=actor)
        assert records(new) == records(old), (place, actor)
        paged = [
            d
            for off in range(0, len(old) + 3, 3)
            for d in pipeline.disputes(engine, place=place, actor=actor, limit=3, offset=off)
        ]
        whole = pipeline.disputes(engine, place=place, actor=actor, limit=len(old) + 1)
        assert records(paged) == records(whole), (place, actor)  # pages are one order
        assert sorted(records(paged)) == sorted(records(old)), (place, actor)
        latest = [first for first, _ in recency(engine, whole)]
        assert latest == sorted(latest), (place, actor)  # latest propositions first
        total += len(old)
    return total


# ---------------------------------------------------------------- a randomized ledger


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def random_analysis(rng: random.Random, n: int) -> Analysis:
    doc_id = f"{n:04d}" + "f" * 60
    names = rng.sample(ACTORS, 3) + rng.sample(PEOPLE, 2) + rng.sample(PLACES, 3)
    text_ = " ".join(names) + " said things."
    ents = []
    for name in names:
        kind = "PLACE" if name in PLACES else "PERSON" if name in PEOPLE else "ORG"
        start = text_.index(name)
        geo = Geo(name, "town", "AF", None, 34.0 + len(name), 69.0) if kind == "PLACE" else None
        ents.append(Entity(_slug(name), name, kind, (Span(start, start + len(name), name),),
                           geo=geo))  # fmt: skip
    ents.append(Entity("the-fighters", "the fighters", "GROUP"))  # never linked across docs
    actors = [_slug(x) for x in names[:3]] + ["the-fighters"]
    people, places = [_slug(x) for x in names[3:5]], [_slug(x) for x in names[5:]]
    date = dt.date(2021, 9, 1) + dt.timedelta(days=rng.randrange(12))
    span = Span(0, 4, text_[:4])
    attrs, claims = [], []
    for a in range(1, rng.randrange(3, 7)):
        deny = a > 1 and rng.random() < 0.3
        attrs.append(
            Attribution(
                doc_id,
                a,
                span,
                span,
                stance="deny" if deny else "assert",
                speaker=rng.choice(actors + people),
                responds_to=rng.randrange(1, a) if deny else None,
                date=rng.choice([None, (date - dt.timedelta(days=1)).isoformat()]),
            )
        )
        if deny and rng.random() < 0.5:
            continue  # a denial with no claim of its own: compare implies one
        for _ in range(rng.randrange(1, 4)):
            claims.append(
                _random_claim(rng, doc_id, len(claims) + 1, a, actors, people, places, date)
            )
    return Analysis(Document(doc_id, text_, 0, rng.choice([date, None]), "wire"),
                    tuple(attrs), tuple(ents), claims=tuple(claims))  # fmt: skip


def _random_claim(rng: random.Random, doc_id: str, i: int, attr: int, actors: list[str],
                  people: list[str], places: list[str], date: dt.date) -> Claim:  # fmt: skip
    kind = rng.choice(["territorial_control", "fatalities", "person_location", "fighting_ongoing",
                       "negotiations", "statement", "losses", "capture"])  # fmt: skip
    place = rng.choice(places + ["nowhere"])
    args: dict[str, str | tuple[str, ...]] = {
        "territorial_control": {"actor": rng.choice(actors), "place": place},
        "fatalities": {"victim": rng.choice(actors), "place": place},
        "losses": {"victim": rng.choice(actors)},
        "person_location": {"person": rng.choice(people), "place": place},
        "fighting_ongoing": {"sides": tuple(rng.sample(actors, 2)), "place": place},
        "negotiations": {"sides": tuple(rng.sample(actors, 2))},
        "statement": {"actor": rng.choice(actors)},
        "capture": {"actor": rng.choice(actors), "target": rng.choice(places), "place": place},
    }[kind]
    if args.get("place") == "nowhere" and rng.random() < 0.5:
        args = {r: v for r, v in args.items() if r != "place"}  # no place at all
    best = rng.choice([None, 10, 12, 50, 300])
    count = (
        Count(best, best, best, False, str(best)) if best and kind in compare.FIGURE_TYPES else None
    )
    when = rng.choice([None, date.isoformat(), f"{date.isoformat()}/{(date + dt.timedelta(days=2))}",
                       date.isoformat()[:7]])  # fmt: skip
    return Claim(doc_id, i, attr, kind, value=rng.random() < 0.75,
                 modality=rng.choice(["claim", "claim", "claim", "intention"]), args=args,
                 count=count, date=when if when and "/" not in when else None,
                 period=when if when and "/" in when else None)  # fmt: skip


def random_ledger(engine: Engine, seed: int, docs: int) -> None:
    rng = random.Random(seed)
    with Session(engine) as session, session.begin():
        for n in range(docs):
            save_analysis(session, random_analysis(rng, n))
    pipeline.link_entities(engine)


SUBJECTS = [(None, None), ("Panjshir", None), ("Kabul", None), (None, "Taliban"),
            (None, "Fahim Dashti"), (None, "Army")]  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2])
def test_randomized_ledger_disputes_equal_the_former_computation(engine: Engine, seed: int) -> None:
    random_ledger(engine, seed, 40)
    assert assert_same(engine, SUBJECTS) > 20  # the ledger has disputes to compare


def test_propositions_follow_link_changes(engine: Engine) -> None:
    random_ledger(engine, 3, 30)
    before = records(pipeline.disputes(engine))
    linker.pin_entities(engine, "merge", "Rebels", "Police")
    assert assert_same(engine, [(None, None), (None, "Rebels")]) > 0
    assert records(pipeline.disputes(engine)) != before  # the merge made new disputes


def test_contested_flags_only_what_may_conflict(engine: Engine) -> None:
    random_ledger(engine, 4, 30)
    with engine.connect() as con:
        flags = dict(
            con.execute(text("select contested, count(*) from proposition group by 1")).all()
        )
        orphans = con.execute(text(
            "select count(*) from claim c left join proposition p on p.id = c.proposition "
            "where c.proposition is not null and p.id is null")).scalar()  # fmt: skip
    assert flags.get(True) and flags.get(False)  # some propositions are left out
    assert orphans == 0


def test_timeline_and_fatalities_equal_the_former_computation(engine: Engine) -> None:
    random_ledger(engine, 5, 30)
    with Session(engine) as session:
        ids = queries.resolve_subject(session, "Kabul")
        old_entries = compare.timeline(_old_load(session, global_ids=ids), ids)
        old_tallies = compare.fatalities(_old_load(session, type_="fatalities"))
    assert old_entries and old_tallies
    new_entries = pipeline.timeline(engine, "Kabul")
    assert [queries.entry_record(e) for e in new_entries] == [
        queries.entry_record(e) for e in old_entries]  # fmt: skip
    assert [queries.tally_record(t) for t in pipeline.fatalities(engine)] == [
        queries.tally_record(t) for t in old_tallies]  # fmt: skip


@pytest.mark.model
@pytest.mark.slow
def test_example_and_corpus_disputes_equal_the_former_computation(engine: Engine) -> None:
    report = pipeline.ingest([EXAMPLE, *sorted(CORPUS.glob("*.txt"))], engine)
    assert len(report.added) > 10
    assert assert_same(engine, [(None, None), ("Ostona", None), (None, "Arslan Movement")]) > 1


def test_cli_pages_disputes_most_recent_first(engine: Engine) -> None:
    from typer.testing import CliRunner

    from counterclaim.cli import app

    random_ledger(engine, 6, 20)
    url = engine.url.render_as_string(hide_password=False)
    args = ["disputes", "--json", "--limit", "2", "--offset", "1", "--db", url]
    result = CliRunner(env={"COUNTERCLAIM_DB": None}).invoke(app, args)
    assert result.exit_code == 0, result.output
    shown = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(r.pop("key").startswith("dispute:") and r.pop("review_state") == "machine"
               for r in shown)  # fmt: skip
    expected = records(pipeline.disputes(engine, limit=10))[1:3]
    assert [json.dumps(r, sort_keys=True) for r in shown] == expected
