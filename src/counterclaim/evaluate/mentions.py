"""Which predicted entities a gold mention stands for (shared by the gold and claim scorers)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from counterclaim.records import Mention

GOOD_OVERLAP = 0.5  # overlap / union above which a predicted mention stands for a gold one


def predicted_entities(surface: str, text: str, mentions: Iterable[Mention]) -> set[str]:
    """Entity keys of the predicted mentions that stand for the gold mention ``surface``.

    Each occurrence of ``surface`` in ``text`` (whole words, same case but for the first
    letter, so "the commander" stands for "The commander" opening a sentence while "IS",
    the Islamic State, never matches the verb "is") is paired with the predicted mention
    overlapping it most (by overlap over union).
    Occurrences paired well (at least ``GOOD_OVERLAP``) decide; if none is, the best
    pairings do ("Saleh" inside "Vice President Amrullah Saleh"); occurrences no mention
    touches are ignored.
    """
    mentions = list(mentions)
    good: set[str] = set()
    fallback: set[str] = set()
    for occurrence in re.finditer(_surface_pattern(surface), text):
        start, end = occurrence.span()
        best, score = None, 0.0
        for mention in mentions:
            shared = min(end, mention.span.end) - max(start, mention.span.start)
            union = max(end, mention.span.end) - min(start, mention.span.start)
            if shared > 0 and shared / union > score:
                best, score = mention, shared / union
        if best is not None:
            (good if score >= GOOD_OVERLAP else fallback).add(best.entity)
    return good or fallback


def _surface_pattern(surface: str) -> str:
    """Whole-word ``surface``, its first letter in either case, the rest as written."""
    if not surface:
        return r"(?!)"
    first = surface[0]
    head = re.escape(first)
    if first.isalpha():
        head = f"(?:{re.escape(first.upper())}|{re.escape(first.lower())})"
    return rf"(?<!\w){head}{re.escape(surface[1:])}(?!\w)"
