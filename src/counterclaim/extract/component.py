"""The spaCy component that finds attributions in a parsed ``Doc``.

It composes the pattern functions, then nests, links and resolves speakers, and writes
its results into ``doc.spans`` (``cc_cue``, ``cc_content``, ``cc_source``: they serialize
and show in displaCy) and the linked candidates into ``doc._.cc_found``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Kind
from . import cues as C
from .direct import quote_attributions, transcript_turns
from .linking import collect_mentions, link_denials, nest, resolve_speakers
from .outlets import link_outlets
from .patterns import (
    Found,
    according_to,
    noun_attributions,
    text_of,
    verb_attributions,
)
from .quotes import find_quotes

for _attr in ("cc_found", "cc_mentions"):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=None)

QUOTE_SHARE = 0.6  # a content this much inside one quote is a direct quotation
MIN_QUOTE_WORDS = 3  # shorter quoted words are scare quotes or names, not quotations


@Language.factory(
    "counterclaim_attribution",
    default_config={
        "verbs": {"@misc": "counterclaim.reporting_verbs.v1"},
        "nouns": {"@misc": "counterclaim.reporting_nouns.v1"},
        "learned": False,
        "statements_only": True,
    },
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents", "doc.sents"],
    assigns=["doc.spans", "doc._.cc_found", "doc._.cc_mentions"],
)
def make_attribution(
    nlp: Language,
    name: str,
    verbs: list[str],
    nouns: list[str],
    learned: bool,
    statements_only: bool = True,
) -> AttributionFinder:
    return AttributionFinder(
        verbs=frozenset(verbs),
        nouns=frozenset(nouns),
        learned=learned,
        statements_only=statements_only,
    )


class AttributionFinder:
    """Finds, nests and links attributions; see the module docstring."""

    def __init__(
        self,
        verbs: frozenset[str] = C.REPORTING_VERBS,
        nouns: frozenset[str] = C.REPORTING_NOUNS,
        learned: bool = False,
        statements_only: bool = True,
    ) -> None:
        self.verbs = verbs
        self.nouns = nouns
        self.learned = learned
        #: the tagger adds only statements on record (:func:`merge.speech_cue`); False
        #: for PolNeAR's scheme, which also annotates beliefs, wishes and positions
        self.statements_only = statements_only

    def __call__(self, doc: Doc) -> Doc:
        quotes = find_quotes(text_of(doc))
        found = [
            *verb_attributions(doc, self.verbs),
            *noun_attributions(doc, self.nouns),
            *according_to(doc),
        ]
        for f in found:
            _prefer_quote(f, quotes, text_of(doc))
        found.extend(quote_attributions(doc, quotes, found))
        found.extend(transcript_turns(doc))
        found = [f for f in _outside_quotes(found) if _well_formed(f)]
        found.sort(key=lambda f: f.cue[0])
        nest(found, doc)
        if self.learned:  # the tagger adds what the rules' surviving attributions miss
            from .merge import merge_tagged

            kept = [f for f in found if not f.dropped and not f.carrier]
            found.extend(
                f for f in merge_tagged(doc, kept, self.statements_only) if _well_formed(f)
            )
            found.sort(key=lambda f: f.cue[0])
        link_outlets(found, doc)
        mentions = collect_mentions(doc, found)
        resolve_speakers(found, doc, mentions)
        link_denials(found, text_of(doc), SpeakerNames(mentions, text_of(doc)))
        doc._.cc_found = found
        doc._.cc_mentions = mentions
        self._write_spans(doc, found)
        return doc

    @staticmethod
    def _write_spans(doc: Doc, found: list[Found]) -> None:
        for key, attr in (("cc_cue", "cue"), ("cc_content", "content"), ("cc_source", "source")):
            spans = []
            for f in found:
                rng = getattr(f, attr)
                span = doc.char_span(*rng, alignment_mode="expand") if rng else None
                if span is not None and not f.dropped and not f.carrier:
                    spans.append(span)
            doc.spans[key] = spans


def _prefer_quote(found: Found, quotes: list[tuple[int, int]], text: str) -> None:
    """A content that is mostly one quotation becomes that quotation, kind ``direct``."""
    start, end = found.content
    for q_start, q_end in quotes:
        if q_start <= found.cue[0] < q_end or len(text[q_start:q_end].split()) < MIN_QUOTE_WORDS:
            continue  # a cue inside the quote, or a scare quote: not a quotation of the speaker
        shared = max(0, min(end, q_end) - max(start, q_start))
        if shared and shared >= QUOTE_SHARE * (end - start):
            if (q_start, q_end) != found.content:  # the complement with the whole quotation
                found.clause = (min(start, q_start), max(end, q_end))
            found.content = (q_start, q_end)
            if found.kind == "indirect":
                found.kind = Kind.DIRECT
            return


def _outside_quotes(found: list[Found]) -> list[Found]:
    """Cues inside a quotation that is itself attributed are part of that quote.

    ("\"I think we will win,\" he said": one attribution, as the gold conventions have it.)
    """
    quoted = [f.content for f in found if f.kind == "direct"]
    return [
        f
        for f in found
        if f.kind == "direct" or not any(s <= f.cue[0] and f.cue[1] <= e for s, e in quoted)
    ]


def _well_formed(found: Found) -> bool:
    spans = (found.cue, found.content, found.source, found.recipient, found.cited)
    return all(s is None or s[0] < s[1] for s in spans)


class SpeakerNames:
    """The speaker's words as written, following a pronoun to its antecedent."""

    def __init__(self, mentions: list[dict], text: str) -> None:
        self.mentions = mentions
        self.text = text
        self.by_span = {(m["start"], m["end"]): m for m in mentions}

    def __call__(self, found: Found) -> str:
        if found.source is None:
            return ""
        mention = self.by_span.get(found.source)
        if mention is not None and mention.get("antecedent") is not None:
            ante = self.mentions[mention["antecedent"]]
            return self.text[ante["start"] : ante["end"]]
        return self.text[found.source[0] : found.source[1]]
