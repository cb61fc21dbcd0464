"""Merging the learned tagger's attributions with the rules'.

The rules carry structure the tagger does not (nesting, denials, channels, dates), so where
both find the same attribution the rules' version is kept; the tagger adds what the rules
missed (cues outside the lexicon, unusual constructions). Its spans become :class:`Found`
candidates and go through the same linking as the rules' (speakers, chains, denials).
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..lexicon import Words
from ..records import Kind, Method, Stance
from . import cues as C
from .patterns import EMPTY_OBJECTS, Found, dates_and_channel, negated, text_of
from .quotes import find_quotes

#: A tagged attribution whose score is below this is not added.
MIN_SCORE = 0.0

#: Verbs that put a finding or charge on record ("cited records", "blamed India"):
#: cues the tagger may add beside the reporting verbs (``data/words/evidence_verbs.txt``).
EVIDENCE_VERBS = Words("evidence_verbs")
#: Verbs of mental state, wish or plan: what the tagger marks with them ("Malaysia hopes
#: to get loans", "offered no evidence") is no statement on record.
NOT_STATEMENT_VERBS = Words("not_statement_verbs")
#: Cues the tagger may add: a reporting verb or noun, a denial, a call, or a verb of
#: putting something on record, unless a :data:`NOT_STATEMENT_VERBS` one. Verbs of action
#: ("launched", "attacked", "has seen", "experienced") are not speech.
LEARNED_CUE_LEMMAS = Words(
    "reporting_verbs",
    "denial_verbs",
    "call_verbs",
    "object_content_verbs",
    "reporting_nouns",
    "evidence_verbs",
    extra=("according",),
)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _same(cue: tuple[int, int], content: tuple[int, int], f: Found) -> bool:
    if _overlap(cue, f.cue) > 0:
        return True
    shorter = min(content[1] - content[0], f.content[1] - f.content[0])
    return shorter > 0 and _overlap(content, f.content) * 2 >= shorter


def speech_cue(cue: SpacySpan) -> bool:
    """Whether a tagged cue is a statement on record: a reporting, citing or blaming
    word (:data:`LEARNED_CUE_LEMMAS`), in the active voice ("was declared", "is viewed
    as" report no speaker), not a relation ("reports to the council", "adds to
    tensions")."""
    head = cue.root
    lemmas = [head.lemma_.lower(), cue[0].lemma_.lower()]
    if not any(lem in LEARNED_CUE_LEMMAS and lem not in NOT_STATEMENT_VERBS for lem in lemmas):
        return False
    if (
        any(c.dep_ in {"auxpass", "nsubjpass"} for c in head.children)
        or head.tag_ == "VBN"
        and (head.dep_ in {"acl", "amod"})
    ):
        return False
    last = cue[-1]
    return not (len(cue) > 1 and last.lower_ == "to" and last.pos_ in {"ADP", "PART"})


def merge_tagged(doc: Doc, found: list[Found], statements_only: bool = True) -> list[Found]:
    """Candidates from the learned tagger that the rules did not already find; with
    ``statements_only``, only statements on record with a speaker (:func:`speech_cue`)."""
    from .learned import tag

    quotes = find_quotes(text_of(doc))
    extra: list[Found] = []
    for t in tag(doc):
        if t.score < MIN_SCORE:
            continue
        cue, content = (t.cue.start, t.cue.end), (t.content.start, t.content.end)
        if any(_same(cue, content, f) for f in [*found, *extra]):
            continue
        cue_span = doc.char_span(*cue, alignment_mode="expand")
        content_span = doc.char_span(*content, alignment_mode="expand")
        if cue_span is None or content_span is None:
            continue
        head = cue_span.root
        if negated(head) or any(t.dep_ == "neg" for t in cue_span):
            continue  # "did not say": no statement
        if statements_only and (not speech_cue(cue_span) or t.source is None):
            continue  # a verb of action, a mental state, or no one saying it
        if content_span[0].lower_ in EMPTY_OBJECTS:
            continue  # "have said nothing about their losses": no statement either
        inside_quote = any(q[0] <= content[0] and content[1] <= q[1] + 1 for q in quotes)
        f = Found(
            cue=cue,
            content=content,
            cue_token=head.i,
            method=Method.LEARNED,
            kind=Kind.DIRECT if inside_quote else Kind.INDIRECT,
            stance=Stance.DENY if head.lemma_ in C.DENIAL_VERBS else Stance.ASSERT,
        )
        if head.lemma_ in C.CALL_VERBS and not inside_quote:
            f.kind = Kind.CALL
        if t.source is not None:
            src = doc.char_span(t.source.start, t.source.end, alignment_mode="expand")
            if src is not None:
                src = name_before_comma(src)
                f.source, f.source_token = (src.start_char, src.end_char), src.root.i
        dates_and_channel(f, head, {tok.i for tok in content_span})
        extra.append(f)
    return extra


def name_before_comma(src: SpacySpan) -> SpacySpan:
    """A tagged source that opens with a name and runs on past a comma ("The Free Army,
    or FA,", "Ana Ruiz, a lawyer,"): the name, as the rules take it."""
    comma = next((tok for tok in src if tok.text == ","), None)
    if comma is None or comma.i == src.start:
        return src
    head = src.doc[src.start : comma.i]
    ents = [e for e in head.ents if e.end == comma.i and e.label_ in {"PERSON", "ORG", "NORP"}]
    return head if ents else src
