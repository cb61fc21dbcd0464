"""What a timeline can be drawn for: the places and actors that claims in the ledger are
about, with how many claims each, for the timeline's landing page."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from counterclaim.store.models import ClaimArgRow, GlobalEntityRow

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


def timeline_subjects(engine: Engine, limit: int = 200) -> list[Subject]:
    """Entities named as an argument of at least one stored claim, most claims first."""
    count = func.count(func.distinct(ClaimArgRow.claim_id))
    stmt = (
        select(GlobalEntityRow.id, GlobalEntityRow.name, GlobalEntityRow.type, count)
        .join(ClaimArgRow, ClaimArgRow.global_id == GlobalEntityRow.id)
        .group_by(GlobalEntityRow.id, GlobalEntityRow.name, GlobalEntityRow.type)
        .order_by(count.desc(), GlobalEntityRow.name)
        .limit(limit)
    )
    with Session(engine) as session:
        return [Subject(*row) for row in session.execute(stmt)]
