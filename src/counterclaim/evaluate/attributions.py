"""Gold and predicted attributions as scoring items, and which gold items a prediction matches.

Shared by the gold scorer (:mod:`.gold`) and the claim and dispute scorers (:mod:`.claims`,
:mod:`.corpus`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from counterclaim.evaluate import scoring
from counterclaim.evaluate.scoring import Item, Pieces
from counterclaim.records import Analysis, Attribution, Span

type Gold = Mapping[str, Any]


def pieces(span: Any) -> Pieces:
    """Pieces of a gold span (``{"start", "end"}``, or a list of them) or a ``Span``."""
    if span is None:
        return ()
    if isinstance(span, Span):
        return ((span.start, span.end),)
    if isinstance(span, list):
        return tuple(p for s in span for p in pieces(s))
    return ((int(span["start"]), int(span["end"])),)


def gold_item(gold: Gold) -> Item:
    return Item(cue=pieces(gold["cue"]), content=pieces(gold["content"]),
                source=pieces(gold.get("source_span")), ref=gold)  # fmt: skip


def pred_item(pred: Attribution) -> Item:
    return Item(
        cue=pieces(pred.cue), content=pieces(pred.content), source=pieces(pred.source), ref=pred
    )


def attribution_matches(gold: Gold, analysis: Analysis) -> dict[int, set[str]]:
    """Predicted attribution id -> ids of the gold attributions it matches by the rule
    (:func:`counterclaim.evaluate.scoring.matches`, not the one-to-one alignment: a compound gold
    source, two gold items with one cue and content, is matched by the one prediction)."""
    golds = [gold_item(g) for g in gold.get("attributions") or []]
    out: dict[int, set[str]] = {}
    for attr in analysis.attributions:
        if attr.kind == "narrator":
            continue
        pred = pred_item(attr)
        if hit := {str(g.ref["id"]) for g in golds if scoring.matches(pred, g)}:
            out[attr.id] = hit
    return out
