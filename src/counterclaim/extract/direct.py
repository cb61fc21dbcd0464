"""Direct quotations: a quote, its cue and its speaker.

Forms: ``"...," he wrote``; ``"...," said X``; ``X said: "..."``; a quote that continues
after the cue sentence (it inherits that speaker); ``"..." -Name`` / ``"..." — Name``; and the
turns of a transcript (``WALLACE: ...``, a capitalised speaker label that opens two
paragraphs or more).
Misses: quotes attributed only by a later paragraph, and speakers named only in a headline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from ..records import Kind, Method
from . import cues as C
from .patterns import (
    Found,
    dates_and_channel,
    ents_of,
    fill_source,
    negated,
    sentence_bounds,
    text_of,
)

DASHES = "-–—―"
DASH_SOURCE = re.compile(r"^\s*[”\"»]?\s*[-–—―]{1,2}\s*")
#: A quote this short with no cue of its own is a scare quote, not a statement.
MIN_CUELESS_WORDS = 4
#: Fewer words and a quote is a scare quote or a name ("Spanish", "Evil Empire").
MIN_CUED_WORDS = 3
#: Characters between a quote and its continuation, at most.
MAX_CONTINUATION_GAP = 300


def _tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _sentences(doc: Doc, start: int, end: int) -> list:
    return [
        doc.char_span(s, e, alignment_mode="expand")
        for s, e in sentence_bounds(doc)
        if s < end and e > start
    ]


def _cue_near(doc: Doc, quote: tuple[int, int], quotes: Sequence[tuple[int, int]]) -> Token | None:
    """The reporting verb outside any quote in the quote's first or last sentence.

    ``X said: "..."`` needs nothing more: the parser keeps the colon's quote in X's sentence.
    """
    start, end = quote
    sents = _sentences(doc, start, end)
    if not sents:
        return None
    pool = sents[:1] + sents[-1:] if len(sents) > 1 else sents
    best: tuple[int, Token] | None = None
    for sent in pool:
        for tok in sent:
            if (
                tok.lemma_ not in C.REPORTING_VERBS
                or tok.pos_ not in {"VERB", "AUX"}
                or negated(tok)
            ):
                continue
            if any(qs <= tok.idx < qe for qs, qe in quotes):
                continue
            distance = start - tok.idx if tok.idx < start else tok.idx - end
            if best is None or distance < best[0]:
                best = (distance, tok)
    return best[1] if best is not None else None


def _dash_source(doc: Doc, quote: tuple[int, int]) -> Found | None:
    """``"..." -Name``: a dash after the closing mark, then a name."""
    tail = text_of(doc)[quote[1] : quote[1] + 60]
    match = DASH_SOURCE.match(tail)
    if not match or not any(ch in match.group() for ch in DASHES):
        return None
    name_start = quote[1] + match.end()
    for ent in ents_of(doc):
        # the NER may take the dash into the name ("― Ana Ruiz"): the name starts after it
        starts_here = ent.start_char == name_start or (
            ent.start_char >= quote[1] and ent.start_char < name_start < ent.end_char
        )
        if starts_here and ent.label_ in {"PERSON", "ORG", "NORP"}:
            dash = quote[1] + match.group().index(next(ch for ch in match.group() if ch in DASHES))
            found = Found(
                cue=(dash, dash + 1),
                content=quote,
                cue_token=ent.start,
                kind=Kind.DIRECT,
                method=Method.RULES_DASH,
            )
            found.source, found.source_token = (name_start, ent.end_char), ent.root.i
            return found
    return None


def quote_attributions(
    doc: Doc, quotes: Sequence[tuple[int, int]], taken: Sequence[Found]
) -> Iterator[Found]:
    """Attributions for quotes not already the content of an indirect attribution."""
    used = list(taken)
    for quote in quotes:
        if any(f.content[0] <= quote[0] and quote[1] <= f.content[1] + 1 for f in used):
            continue
        earlier = [f for f in used if f.kind == "direct" and f.content[1] <= quote[0]]
        previous = max(earlier, key=lambda f: f.content[1]) if earlier else None
        words = len(text_of(doc)[quote[0] : quote[1]].split())
        found = _dash_source(doc, quote)
        if found is None and words >= MIN_CUED_WORDS:
            cue = _cue_near(doc, quote, quotes)
            if cue is not None:
                found = Found(
                    cue=(cue.idx, cue.idx + len(cue.text)),
                    content=quote,
                    cue_token=cue.i,
                    kind=Kind.DIRECT,
                )
                fill_source(found, cue)
                dates_and_channel(found, cue, {t.i for t in _tokens_in(doc, *quote)})
            elif (
                previous is not None
                and words >= MIN_CUELESS_WORDS
                and _continues(doc, previous, quote)
            ):
                found = Found(
                    cue=previous.cue,
                    content=quote,
                    cue_token=previous.cue_token,
                    kind=Kind.DIRECT,
                    source=previous.source,
                    source_token=previous.source_token,
                    channel=previous.channel,
                    date_phrase=previous.date_phrase,
                    method=Method.RULES_CONTINUED,
                )
        if found is None:
            continue
        used.append(found)
        yield found


def _continues(doc: Doc, previous: Found, quote: tuple[int, int]) -> bool:
    """A cue-less quote that opens its sentence, at most two sentences after a direct quote."""
    sents = _sentences(doc, quote[0], quote[1])
    if not sents or text_of(doc)[sents[0].start_char : quote[0]].strip(' "“«\n'):
        return False
    between = _sentences(doc, previous.content[1], quote[0])
    return len(between) <= 2 and quote[0] - previous.content[1] < MAX_CONTINUATION_GAP


#: A transcript turn: a paragraph opening with a speaker label in capitals and a colon.
TURN = re.compile(
    r"(?m)^[ \t]*[\"“]?(?P<who>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):[ \t]+(?P<said>\S.*)$"
)
#: Some label must open at least this many paragraphs for the text to be a transcript
#: (a lone "UPDATE: ..." is not).
MIN_TURNS = 2


def transcript_turns(doc: Doc) -> Iterator[Found]:
    """``WALLACE: Let's start ...``: each turn of a transcript, spoken by its label."""
    text = text_of(doc)
    turns = list(TURN.finditer(text))
    counts: dict[str, int] = {}
    for turn in turns:
        counts[turn["who"]] = counts.get(turn["who"], 0) + 1
    for turn in turns:
        if max(counts.values()) < MIN_TURNS or len(turn["who"]) < 2:
            continue
        said = turn["said"].rstrip()
        end = turn.start("said") + len(said.rstrip('"”'))
        colon = turn.end("who")
        who = doc.char_span(turn.start("who"), colon, alignment_mode="expand")
        if who is None or end <= turn.start("said"):
            continue
        found = Found(
            cue=(colon, colon + 1),
            content=(turn.start("said"), end),
            cue_token=who[-1].i,
            kind=Kind.DIRECT,
            method=Method.RULES_DASH,
        )
        found.source, found.source_token = (who.start_char, who.end_char), who.root.i
        yield found
