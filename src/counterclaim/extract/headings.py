"""Headlines and subheads are not speech.

A heading is a short line with no closing punctuation that stands as its own paragraph
("Separatists surge in the southwest", between blank lines), or a run-in subhead: a short
unpunctuated line after a blank line, directly followed by a much longer line that starts
a sentence ("Rebels warn of more strikes" / "The rebels said ..."). The first line of a
hard-wrapped paragraph is as long as the next one, so it is no subhead.

:func:`keep_off_headings` applies two rules to the candidates of one document:

- a candidate whose cue lies in a heading is dropped unless the cue is a reporting cue
  ("say", "claim", "deny", "warn": :func:`counterclaim.extract.confidence.cue_class`):
  "Army launches offensive", "BLA surges" are no one's statement;
- a content running over a heading from a statement outside it (the parser joined the
  heading to the next sentence) is cut at the heading, or dropped when nothing is left.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .confidence import cue_class
from .patterns import Found

#: A line that ends like a sentence (or a clause, a quotation, a bracket) is no heading.
CLOSED = re.compile(r"[.!?:;,\"”’'…)\]]$")
#: Nor one holding a finished sentence ('"We are not leaving." - Maria Lopez').
SENTENCE = re.compile(r"[a-z0-9]{2,}[.!?][\"”’']?\s")
MAX_WORDS = 14  # a heading standing alone
MAX_RUN_IN_WORDS = 10  # a run-in subhead
RUN_IN_RATIO = 2.0  # the line after a run-in subhead is at least this much longer
REPORTING = frozenset({"say", "report"})


def heading_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges (stripped) of the heading lines of ``text`` (see the module doc)."""
    lines: list[tuple[int, int]] = []
    at = 0
    for line in text.split("\n"):
        lines.append((at, at + len(line)))
        at += len(line) + 1
    out = []
    for n, (start, end) in enumerate(lines):
        words = text[start:end].strip()
        if not words or CLOSED.search(words) or SENTENCE.search(words):
            continue
        if len(words.split()) > MAX_WORDS:
            continue
        alone_before = n == 0 or not text[slice(*lines[n - 1])].strip()
        if not alone_before or n + 1 >= len(lines):
            continue  # a line inside a paragraph, or the last line (a sign-off)
        after = text[slice(*lines[n + 1])].strip()
        run_in = (
            bool(after)
            and after[0].isupper()
            and len(words.split()) <= MAX_RUN_IN_WORDS
            and len(after) >= RUN_IN_RATIO * len(words)
        )
        if not after or run_in:
            lead = start + len(text[start:end]) - len(text[start:end].lstrip())
            out.append((lead, lead + len(words)))
    return out


def _inside(span: tuple[int, int], heading: tuple[int, int]) -> bool:
    return heading[0] <= span[0] and span[1] <= heading[1]


def _cut(content: tuple[int, int], heading: tuple[int, int], text: str) -> tuple[int, int]:
    """``content`` without the heading (and the whitespace beside it)."""
    start, end = content
    if heading[0] <= start < heading[1] or (start <= heading[0] and heading[1] <= end):
        if heading[1] <= end and text[heading[1] : end].strip():
            cut = heading[1]
            return cut + len(text[cut:end]) - len(text[cut:end].lstrip()), end
        if start < heading[0]:
            return start, start + len(text[start : heading[0]].rstrip())
        return start, start
    if heading[0] < end <= heading[1]:
        return start, start + len(text[start : heading[0]].rstrip())
    return content


def keep_off_headings(found: Iterable[Found], text: str) -> None:
    """Mark dropped the candidates whose cue is in a heading without being a reporting
    cue, and cut contents that run over a heading (``text`` is what the spans index)."""
    headings = heading_lines(text)
    if not headings:
        return
    for f in found:
        if f.dropped:
            continue
        home = next((h for h in headings if _inside(f.cue, h)), None)
        if home is not None:
            if cue_class(text[f.cue[0] : f.cue[1]]) not in REPORTING:
                f.dropped = True
            continue
        for heading in headings:
            if f.content[0] < heading[1] and heading[0] < f.content[1]:
                f.content = _cut(f.content, heading, text)
        if f.content[1] <= f.content[0]:
            f.dropped = True
