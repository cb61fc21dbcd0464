"""Denials answered across articles: a denial in one article linked to the claim it answers
in another (no I/O).

Within an article :mod:`counterclaim.normalize.answers` points a denial at what it answers
(``responds_to``). A denial often answers another party's claim reported elsewhere: "the
Front rejected the army's claim", "denied Northland's allegation that ...". :func:`match_answers`
links such a denial to the assertions of other articles it may answer:

- the denial names an owner of a claim noun ("the army's claim", "allegations made by X")
  and the candidate's speaker (its name or side) carries the owner's words;
- the two are said by different parties (speaker and side), the claim on the day of the
  denial or at most :data:`WINDOW_DAYS` before it (a denial answers nothing said later);
- their contents agree: :data:`MIN_NAMED` of the denial's content words (besides the
  owner's) in the claim (:func:`counterclaim.normalize.answers.similarity`, two words at
  least), or :data:`MIN_WITH_ENTITY` and a resolved entity both name.

Each denial keeps its best candidate per article. A denial naming no owner is left to its
own article (measured on wire stories, word overlap alone links too much that answers
nothing).

Limits: words and resolved entities only (no word vectors across articles); an owner named
only by a pronoun ("their claim") matches no one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from counterclaim.normalize.answers import OWNER_GENERIC, owners, similarity, word_stems

WINDOW_DAYS = 7  # a denial answers a claim made up to this many days before it
MIN_NAMED = 0.4  # share of the denial's content words found in the claim
MIN_WITH_ENTITY = 0.25  # ... when both also name one resolved entity


@dataclass(frozen=True, slots=True)
class Statement:
    """One attribution as the matcher sees it: global ids, content, day said."""

    doc_id: str
    attribution: int
    stance: str
    content: str
    speaker: str | None = None
    speaker_name: str = ""
    side: str | None = None
    day: str | None = None  # ISO day said (else the article's)
    entities: frozenset[str] = frozenset()  # global ids named in the content


@dataclass(frozen=True, slots=True)
class Answer:
    """``doc_id``/``attribution`` (a denial) answers ``target_doc``/``target_attribution``."""

    doc_id: str
    attribution: int
    target_doc: str
    target_attribution: int
    score: float
    why: str


def _days(a: str | None, b: str | None) -> int | None:
    try:
        return (dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days  # type: ignore[index]
    except (TypeError, ValueError):
        return None


def _one_party(a: Statement, b: Statement) -> bool:
    if a.speaker is not None and a.speaker == b.speaker:
        return True
    return a.side is not None and a.side == b.side


def match_answers(statements: Iterable[Statement], window: int = WINDOW_DAYS) -> list[Answer]:
    """The answers across articles among ``statements`` (see the module doc)."""
    items = list(statements)
    claims = [s for s in items if s.stance == "assert"]
    out = []
    for denial in (s for s in items if s.stance == "deny"):
        owner_words = {w for o in owners(denial.content) for w in word_stems(o)} - OWNER_GENERIC
        if not owner_words:
            continue
        content = " ".join(w for w in denial.content.split()
                           if not set(word_stems(w)) & owner_words)  # fmt: skip
        best: dict[str, tuple[float, Answer]] = {}
        for claim in _candidates(denial, claims, window):
            if not owner_words & set(word_stems(f"{claim.speaker_name} {claim.side or ''}")):
                continue
            score = similarity(content, claim.content)
            shared = denial.entities & claim.entities
            if not (score >= MIN_NAMED or (shared and score >= MIN_WITH_ENTITY)):
                continue
            why = "names the claim's owner" + (", shares entities" if shared else "")
            answer = Answer(denial.doc_id, denial.attribution, claim.doc_id, claim.attribution,
                            round(score, 3), why)  # fmt: skip
            if claim.doc_id not in best or score > best[claim.doc_id][0]:
                best[claim.doc_id] = (score, answer)
        out += [a for _, a in best.values()]
    return sorted(out, key=lambda a: (a.doc_id, a.attribution, a.target_doc))


def _candidates(denial: Statement, claims: Sequence[Statement], window: int) -> Iterable[Statement]:
    for claim in claims:
        if claim.doc_id == denial.doc_id or _one_party(claim, denial):
            continue
        gap = _days(denial.day, claim.day)
        if gap is not None and not 0 <= gap <= window:
            continue
        yield claim
