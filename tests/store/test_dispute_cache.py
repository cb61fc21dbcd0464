"""Stored disputes: kept current by writes, equal to finding them all again from scratch.

On SQLite and PostgreSQL (the ``engine`` fixture), on randomized ledgers from
``test_propositions``: documents saved a few at a time, linked, pinned; after each step
the stored disputes must equal the former all-claims computation.
"""

from __future__ import annotations

import random

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from test_propositions import old_disputes, random_analysis, random_ledger, records

from counterclaim import pipeline
from counterclaim.store import disputes as dispute_store
from counterclaim.store import linker, save_analysis
from counterclaim.store.dispute_cache import refresh_disputes
from counterclaim.store.models import DisputeDueRow, DisputeRow


def _stored(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return records(dispute_store.read(session))


def _rebuilt(engine: Engine) -> list[str]:
    """The disputes found again for the whole ledger (every proposition due)."""
    with Session(engine) as session, session.begin():
        dispute_store.mark_due(session, None)
    refresh_disputes(engine)
    return _stored(engine)


def test_disputes_saved_a_few_documents_at_a_time_equal_a_full_rebuild(engine: Engine) -> None:
    rng = random.Random(11)
    seen = 0
    for start in range(0, 36, 6):
        with Session(engine) as session, session.begin():
            for n in range(start, start + 6):
                save_analysis(session, random_analysis(rng, n))
        pipeline.link_entities(engine)  # ends by finding again what became due
        with Session(engine) as session:
            assert not dispute_store.due(session)
        stored = _stored(engine)
        assert stored == records(old_disputes(engine))
        seen = len(stored)
    assert seen > 10
    assert _stored(engine) == _rebuilt(engine)


def test_a_query_reads_the_stored_disputes_and_the_next_writer_finds_the_due_ones(
    engine: Engine,
) -> None:
    rng = random.Random(12)
    with Session(engine) as session, session.begin():
        for n in range(20):
            save_analysis(session, random_analysis(rng, n))
    pipeline.link_entities(engine)
    before = records(pipeline.disputes(engine))
    with Session(engine) as session, session.begin():  # saved, not linked: due, not found
        for n in range(20, 30):
            save_analysis(session, random_analysis(rng, n))
    with Session(engine) as session:
        assert dispute_store.due(session)
    assert records(pipeline.disputes(engine)) == before  # a read takes no write lock
    pipeline.link_entities(engine)  # the next write finds the due ones
    after = records(pipeline.disputes(engine))
    assert after != before
    assert after == records(old_disputes(engine))
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(DisputeDueRow)) == 0


def test_a_pin_finds_the_disputes_of_what_it_changed(engine: Engine) -> None:
    random_ledger(engine, 13, 30)
    before = _stored(engine)
    linker.pin_entities(engine, "merge", "Rebels", "Police")
    after = _stored(engine)
    assert after != before
    assert after == records(old_disputes(engine)) == _rebuilt(engine)


def test_pages_come_from_the_stored_rows(engine: Engine) -> None:
    random_ledger(engine, 14, 25)
    every = pipeline.disputes(engine)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(DisputeRow)) == len(every) > 5
    pages = [d for off in range(0, len(every), 4) for d in pipeline.disputes(engine, limit=4,
                                                                            offset=off)]  # fmt: skip
    assert sorted(records(pages)) == sorted(records(every))
    assert records(pages) == records(pipeline.disputes(engine, limit=len(every)))


def test_a_dispute_survives_its_json_round_trip(engine: Engine) -> None:
    random_ledger(engine, 15, 15)
    for dispute in old_disputes(engine):
        again = dispute_store.load(dispute_store.dump(dispute))
        assert records([again]) == records([dispute])
        assert [c.claim for c in again.for_] == [c.claim for c in dispute.for_]
        assert [c.said for c in again.against] == [c.said for c in dispute.against]
        assert [dict(c.args) for c in again.against] == [dict(c.args) for c in dispute.against]
