"""The matching rule shared by every evaluation (see GOLD_FORMAT.md, "Scoring").

A predicted attribution matches a gold one when its content span overlaps the gold content
span by at least half of the shorter of the two, and its cue overlaps the gold cue. Matching
is one-to-one, greedy by content overlap, so one prediction cannot claim two gold items.
Spans here are lists of ``(start, end)`` pieces, because PolNeAR spans may be discontinuous.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

type Pieces = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Item:
    """One attribution reduced to what scoring needs."""

    cue: Pieces
    content: Pieces
    source: Pieces = ()
    ref: object = None  # the record it stands for (gold dict, Attribution, ...)


def length(pieces: Pieces) -> int:
    return sum(end - start for start, end in pieces)


def overlap(a: Pieces, b: Pieces) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def matches(pred: Item, gold: Item) -> bool:
    """The rule: content overlap >= half the shorter content, and cues overlap."""
    shorter = min(length(pred.content), length(gold.content))
    if shorter <= 0 or overlap(pred.cue, gold.cue) <= 0:
        return False
    return overlap(pred.content, gold.content) * 2 >= shorter


def align(preds: Sequence[Item], golds: Sequence[Item]) -> list[tuple[int, int]]:
    """One-to-one pairs ``(pred index, gold index)`` under the matching rule."""
    candidates = [
        (overlap(p.content, g.content) + overlap(p.cue, g.cue), i, j)
        for i, p in enumerate(preds)
        for j, g in enumerate(golds)
        if matches(p, g)
    ]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return sorted(pairs)


@dataclass(slots=True)
class PRF:
    """Counts with precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.fp += n_pred - tp
        self.fn += n_gold - tp

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def exact_span_prf(preds: Sequence[Pieces], golds: Sequence[Pieces]) -> tuple[int, int, int]:
    """(true positives, predicted, gold) for exact span equality, as in CofeNet's table."""
    gold_set = {tuple(g) for g in golds if g}
    pred_set = {tuple(p) for p in preds if p}
    return len(gold_set & pred_set), len(pred_set), len(gold_set)


def group_by_cue(items: Sequence[Item]) -> list[Item]:
    """One item per cue: the pieces of a quote split around its cue join one content.

    PolNeAR annotates ``"A," he said. "B."`` as one attribution with a discontinuous
    content, where the ledger keeps two (same cue, same speaker); and ``"X and Y said"``
    as one attribution whose source spans both, where the ledger keeps one per speaker
    (same cue, same content): their sources join.
    """
    speakers: dict[tuple, Item] = {}
    for item in items:
        key = (item.cue, item.content)
        if key in speakers:
            first = speakers[key]
            source = tuple(sorted(set(first.source) | set(item.source)))
            speakers[key] = Item(cue=first.cue, content=first.content, source=source, ref=first.ref)
        else:
            speakers[key] = item
    items = list(speakers.values())
    grouped: dict[tuple, Item] = {}
    for item in items:
        key = (item.cue, item.source)
        if key in grouped:
            first = grouped[key]
            pieces = tuple(sorted(set(first.content) | set(item.content)))
            grouped[key] = Item(cue=first.cue, content=pieces, source=first.source, ref=first.ref)
        else:
            grouped[key] = item
    return list(grouped.values())
