"""From the component's linked candidates to frozen records in document offsets."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from ..records import Analysis, Attribution, Document, Kind, Mention, Method, Parse, Span
from .component import SpeakerNames
from .confidence import confidence
from .dates import resolve_date
from .headings import keep_off_headings
from .outlets import chain_links, document_outlets
from .patterns import Found, sentence_bounds, text_of

MIN_NARRATOR_WORDS = 4


def to_analysis(doc: Doc, document: Document) -> Analysis:
    """Turn a parsed body into an ``Analysis`` whose spans index ``document.text``."""
    offset = document.body_start
    text = document.text
    keep_off_headings(doc._.cc_found or [], text_of(doc))  # headings are not speech
    found: list[Found] = [f for f in (doc._.cc_found or []) if not f.dropped and not f.carrier]
    mentions = doc._.cc_mentions or []
    ids = {id(f): n for n, f in enumerate(found, start=1)}
    names = SpeakerNames(mentions, text_of(doc))
    bounds = sentence_bounds(doc)
    starts = [b[0] for b in bounds]

    def span(rng: tuple[int, int] | None) -> Span | None:
        return Span.of(text, rng[0] + offset, rng[1] + offset) if rng else None

    outlets = document_outlets(doc, document.publisher)
    carriers = [", ".join(outlets)] if outlets else []  # side by side: one position
    attributions = []
    for f in found:
        links, recipient = chain_links(f, text_of(doc), document.publisher)
        at = bisect_right(starts, f.cue[0]) - 1
        sentence = bounds[at] if at >= 0 else None
        attributions.append(
            Attribution(
                doc_id=document.id,
                id=ids[id(f)],
                cue=span(f.cue),
                content=span(f.content),
                kind=f.kind,
                stance=f.stance,
                source=span(f.source),
                speaker_name=names(f) or None,
                responds_to=ids.get(id(f.responds_to)) if f.responds_to else None,
                chain=_chain(f, names, text_of(doc), document.publisher, links, carriers),
                channel=f.channel,
                recipient=text_of(doc)[recipient[0] : recipient[1]] if recipient else None,
                date=resolve_date(f.date_phrase, document.date) if f.date_phrase else None,
                sentence=span(sentence),
                method=f.method,
                confidence=confidence(
                    f.method,
                    text_of(doc)[f.cue[0] : f.cue[1]],
                    f.source is not None,
                    f.kind == Kind.DIRECT,
                ),  # fmt: skip
            )
        )
    attributions.extend(
        _narrator(doc, document, found, start_id=len(attributions) + 1, carriers=carriers)
    )
    records = tuple(
        Mention(
            span=span((m["start"], m["end"])),
            label=m["label"],
            role=m.get("role"),
            antecedent=m.get("antecedent"),
        )
        for m in mentions
    )
    return Analysis(
        document=document,
        attributions=tuple(attributions),
        mentions=records,
        parse=parse_of(doc, offset),
    )


def parse_of(doc: Doc, offset: int = 0) -> Parse:
    """The compact dependency parse of ``doc``, offsets shifted by ``offset``."""
    tokens = list(doc)
    starts = tuple(t.idx + offset for t in tokens)
    return Parse(
        starts=starts,
        ends=tuple(s + len(t) for s, t in zip(starts, tokens, strict=True)),
        heads=tuple(t.head.i for t in tokens),
        deps=tuple(t.dep_ for t in tokens),
        pos=tuple(t.pos_ for t in tokens),
        lemmas=tuple(t.lemma_ for t in tokens),
    )


def _chain(
    f: Found,
    names: SpeakerNames,
    text: str,
    publisher: str | None,
    links: list[str],
    carriers: list[str],
) -> tuple[str, ...]:
    """Intermediaries, innermost first, ending with the publisher.

    The outlets the statement went through ("told Reuters") come first, then the speakers
    of the attributions that carry it, then the outlets that carried the whole report
    (agency dateline, credit lines), then the publisher. A link naming the speaker itself,
    or repeating the link before it, is left out.
    """
    chain: list[str] = list(links)
    outer = f.via
    while outer is not None:
        if outer.cited:
            chain.append(text[outer.cited[0] : outer.cited[1]])
        name = names(outer)
        if name:
            chain.append(name)
        outer = outer.via
    if f.cited and f.via is None and not f.dropped:
        chain.insert(0, text[f.cited[0] : f.cited[1]])
    chain.extend(c for c in carriers if c.casefold() not in {x.casefold() for x in chain})
    if publisher:
        chain.append(publisher)
    speaker = names(f).casefold()
    out: list[str] = []
    for link in chain:
        if link.casefold() == speaker and not out:
            continue  # "G7 said ..." carried by the G7's own statement: not a link
        if out and out[-1].casefold() == link.casefold():
            continue
        out.append(link)
    return tuple(out)


def _narrator(
    doc: Doc, document: Document, found: list[Found], start_id: int, carriers: list[str]
) -> list[Attribution]:
    """Sentences that carry no attribution: the publisher's own statements."""
    covered = [(min(f.cue[0], f.content[0]), max(f.cue[1], f.content[1])) for f in found]
    out = []
    for sent in doc.sents:
        words = [t for t in sent if t.is_alpha]
        if len(words) < MIN_NARRATOR_WORDS:
            continue
        if any(s < sent.end_char and e > sent.start_char for s, e in covered):
            continue
        start, end = sent.start_char + document.body_start, sent.end_char + document.body_start
        text = document.text[start:end].strip()
        start = document.text.index(text, start) if text else start
        out.append(
            Attribution(
                doc_id=document.id,
                id=start_id + len(out),
                cue=Span(start, start, ""),
                content=Span(start, start + len(text), text),
                kind=Kind.NARRATOR,
                speaker_name=document.publisher,
                chain=(*carriers, document.publisher) if document.publisher else tuple(carriers),
                sentence=Span(start, start + len(text), text),
                method=Method.NARRATOR,
            )
        )
    return out
