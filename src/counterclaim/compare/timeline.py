"""Timelines: a place's or an entity's claims ordered by event date (who claimed what, when)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from counterclaim.compare.model import LedgerClaim, When, describe, event_time, parse_when


@dataclass(frozen=True, slots=True)
class Entry:
    """One claim on a timeline: when it happened, the role the subject plays, the claim."""

    when: When
    role: str  # the argument role the subject fills ("place", "actor"), or "speaker"
    claim: LedgerClaim
    proposition: str


def _roles(lc: LedgerClaim, subject: str) -> list[str]:
    roles = [
        role
        for role, value in lc.args.items()
        if value == subject or (isinstance(value, tuple) and subject in value)
    ]
    if lc.said.speaker == subject:
        roles.append("speaker")
    return roles


def timeline(claims: Iterable[LedgerClaim], subjects: Iterable[str]) -> list[Entry]:
    """Claims naming any of ``subjects`` (global ids) as an argument or as the speaker.

    Ordered by event date (undated last), then when it was said, document, claim id.
    """
    wanted = set(subjects)
    entries = []
    for lc in claims:
        roles = [r for s in wanted for r in _roles(lc, s)]
        if roles:
            entries.append(Entry(event_time(lc), roles[0], lc, describe(lc, when=False)))

    def order(e: Entry) -> tuple[object, ...]:
        said = parse_when(e.claim.said.date or e.claim.said.doc_date)[0]
        claim = e.claim
        return (e.when[0] or dt.date.max, said or dt.date.max, claim.said.doc_id, claim.claim.id)

    return sorted(entries, key=order)
