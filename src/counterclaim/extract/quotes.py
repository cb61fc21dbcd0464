"""Quotation spans found in raw text, robust to real wire copy.

Handles curly and straight double quotes and guillemets, mixed in one text; an unpaired
opening mark runs to the end of its paragraph and never across it (the wire convention
that a quote continued in the next paragraph re-opens with a new mark); a stray closing
mark is ignored. Single quotes are not treated as quotation marks (they are apostrophes
far more often). Misses: quotes nested in quotes with the same mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

OPENERS = {"“": "”", "«": "»", "„": "“"}
CLOSERS = {"”", "»"}
STRAIGHT = '"'
PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[\"“«])")


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each paragraph (blank-line or newline-before-quote breaks)."""
    start = 0
    for match in PARAGRAPH.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _inner(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim whitespace inside a quote; None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Character spans of quoted text (inside the marks) within ``text[start:end]``."""
    end = len(text) if end is None else end
    text = text.replace("''", '" ')  # ''typewriter quotes'' (NYT style); same length
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs(text[start:end]):
        spans.extend(_quotes_in_paragraph(text, start + p_start, start + p_end))
    return spans


def _quotes_in_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    open_at: int | None = None
    expected: str | None = None
    for i in range(start, end):
        ch = text[i]
        if open_at is None:
            if ch in OPENERS or ch == STRAIGHT:
                open_at, expected = i, OPENERS.get(ch, STRAIGHT)
            continue
        closes = (
            ch == expected
            or (ch in CLOSERS and expected != STRAIGHT)
            or (ch == STRAIGHT and expected != STRAIGHT)
            or (ch in CLOSERS and expected == STRAIGHT)
        )
        if closes:
            inner = _inner(text, open_at + 1, i)
            if inner:
                spans.append(inner)
            open_at, expected = None, None
    if open_at is not None:  # unpaired: runs to the end of the paragraph, not beyond
        inner = _inner(text, open_at + 1, end)
        if inner and len(text[inner[0] : inner[1]].split()) >= 3:
            spans.append(inner)
    return spans
