"""What a timeline can be drawn for: the places and actors that claims in the ledger are
about, with how many claims each, for the timeline's landing page."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from counterclaim.store.models import EntityCountRow, GlobalEntityRow

PLACE_TYPES = frozenset({"PLACE", "GPE", "LOC"})


@dataclass(frozen=True, slots=True)
class Subject:
    """A global entity that claims are about, and in how many claims."""

    id: str
    name: str
    type: str
    claims: int

    @property
    def is_place(self) -> bool:
        return self.type in PLACE_TYPES


def timeline_subjects(engine: Engine, limit: int = 200, offset: int = 0) -> list[Subject]:
    """Entities named as an argument of at least one stored claim (not rejected), most
    claims first: one page of the stored counts (``entity_count.claims``, kept with the
    timeline entries), never a count over every claim."""
    g, c = GlobalEntityRow, EntityCountRow
    stmt = (
        select(g.id, g.name, g.type, c.claims)
        .join(c, c.global_id == g.id)
        .where(c.claims > 0)
        .order_by(c.claims.desc(), g.name, g.id)
        .limit(limit)
        .offset(offset or None)
    )
    with Session(engine) as session:
        return [Subject(*row) for row in session.execute(stmt)]
