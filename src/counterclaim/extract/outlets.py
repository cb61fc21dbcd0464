"""Outlets as chain links: how a statement reached the publisher through news media.

Wire news names its intermediaries in a handful of set ways; each makes the outlet a link
of the attribution's chain (innermost first), not its speaker or its recipient:

* "X told Reuters", "in an interview with the BBC", "disclosed ... to broadcaster TOLOnews",
  "in a statement to AFP": an outlet that is not the publisher is the link the statement
  went through (a recipient only when it is the publisher itself: "told VOA").
* "Reuters quoted X as saying ...", "X was quoted by Reuters as saying ...".
* "..., the SANA news agency reported." / "..., reported AFP." after another speaker's
  statement; "said in a statement carried by IRNA".
* "Interfax reported, citing a military source, that ...": the cited source is the
  speaker, the outlet its link (never the reverse).
* Document-wide: an agency dateline ("KABUL, March 3 (Reuters) -") and credit lines
  ("(Reporting by Reuters)", "Some information for this report came from AFP and
  Reuters", "Reuters contributed to this report"): outlets other than the publisher that
  carried the whole report.

An outlet is a name the media table knows (:mod:`counterclaim.ingest.media`), or a phrase
headed by an outlet noun ("the state news agency", "Afghan broadcaster TOLOnews").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ..ingest.media import media_name, same_outlet
from ..lexicon import Words
from .patterns import Found, ents_of, noun_phrase, sentence_bounds, text_of

#: Head nouns of a phrase that names an outlet without a known name.
OUTLET_NOUNS = Words("outlet_nouns")
#: Verbs through which an outlet passes a statement on ("carried by", "quoted by").
CARRY_VERBS = frozenset(["carry", "publish", "broadcast", "air", "run", "quote", "cite", "report"])
#: Nouns of a statement given to an outlet for publication ("in an interview with",
#: "in a statement to"); a message or letter to an outlet is addressed to it: a recipient.
TO_NOUNS = frozenset(["interview", "statement", "remarks", "comments"])
#: Modifiers that make an outlet noun name one outlet ("state media", "the official
#: news agency"); bare "media" or "reporters" are whom it was told, not a link.
NAMING_MODIFIERS = frozenset(
    ["state", "state-run", "state-owned", "official", "government", "government-run", "news"]
)
#: Verbs whose ``to``-object is who was told ("disclosed the decision to TOLOnews").
TO_VERBS = Words("to_verbs")
#: Verbs a "citing X" clause hangs on when X is the source passed on.
REPORT_HEADS = frozenset(["report", "say", "write", "claim", "announce", "tell", "state"])
#: Verbs of a trailing or inverted carrier clause ("..., AFP reported").
TRAILING_VERBS = r"reported|reports|said|says|wrote|writes|added|quoted|cited"
_TRAILING = re.compile(
    rf"^[\s,;—–-]*(?P<o>[^,.;:\"“”]{{1,80}}?)\s+(?:{TRAILING_VERBS})\b(?P<rest>[^.;]{{0,60}})"
)
_INVERTED = re.compile(rf"^[\s,;—–-]*(?:{TRAILING_VERBS})\s+(?P<o>[^,.;:\"“”]{{1,80}})")
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][\w.'’ -]{1,40},?\s+)?(?:[A-Z][a-z]{2,9}\.?\s+\d{1,2},?\s+)?"
    r"\((?P<a>[^()\n]{2,40})\)\s*[-—–]"
)
_CREDITS = (
    re.compile(r"\((?:Additional\s+)?[Rr]eporting\s+by\s+(?P<c>[^)]{2,300})\)"),
    re.compile(
        r"(?:Some\s+|Additional\s+)?[Ii]nformation\s+(?:for|in)\s+this\s+"
        r"(?:report|story|article)\s+(?:came|comes|was\s+provided)\s+(?:from|by)\s+"
        r"(?P<c>[^.\n]{2,200})"
    ),
    re.compile(r"(?:^|[.\n]\s*)(?P<c>[^.\n]{2,150}?)\s+contributed\s+(?:to\s+)?this\s+report"),
    re.compile(r"\b(?:Material|Reporting)\s+from\s+(?P<c>[^.\n]{2,150}?)\s+was\s+used"),
)


# ---------------------------------------------------------------- what names an outlet


def outlet_in(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The outlet named in ``doc``'s characters ``start:end``, as a character range."""
    if start >= end:
        return None
    for ent in ents_of(doc):
        if ent.start_char >= start and ent.end_char <= end and media_name(ent.text):
            return ent.start_char, ent.end_char
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    words = [t for t in span if not t.is_punct]
    if not words:
        return None
    if span[-1].lower_ in OUTLET_NOUNS and span.end < len(doc):
        after = doc[span.end]  # "the state news agency IRNA"
        ent = next((e for e in ents_of(doc) if e.start == after.i and e.label_ == "ORG"), None)
        if ent is not None:
            return ent.start_char, ent.end_char
    if media_name(span.text):
        return start, end
    heads = [i for i, t in enumerate(words) if t.lower_ in OUTLET_NOUNS]
    if not heads:
        return None
    i = heads[0]
    noun = words[i]
    named = [
        ent
        for ent in ents_of(doc)
        if ent.start_char >= span.start_char
        and ent.end_char <= span.end_char
        and ent.label_ in {"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "FAC", "GPE"}
        and ent.label_ != "GPE"
    ]
    if named:  # "broadcaster TOLOnews", "the SANA news agency"
        ent = named[0]
        return ent.start_char, ent.end_char
    before = {t.lower_ for t in words[:i]}
    if before & NAMING_MODIFIERS:
        first = words[0]
        if first.lower_ in {"a", "an"}:
            return None  # "a newspaper": unnamed, not a link to follow
        return first.idx, noun.idx + len(noun.text)
    return None


def _np_after(tok: Token) -> tuple[int, int] | None:
    """The noun phrase that is ``tok``'s object (a preposition's pobj, a verb's dobj)."""
    for child in tok.children:
        if child.dep_ in {"pobj", "dobj", "dative", "iobj"}:
            return noun_phrase(child)
    return None


# ---------------------------------------------------------------- per attribution


def link_outlets(found: Sequence[Found], doc: Doc) -> None:
    """Give each attribution the outlets it reached the publisher through (``outlets``).

    The publisher is not known here: :func:`chain_links` leaves it out later ("told VOA"
    in a VOA story stays a recipient).
    """
    text = text_of(doc)
    bounds = sentence_bounds(doc)
    live = [f for f in found if not f.dropped]
    carried = {id(f.via) for f in found if f.via is not None}
    for f in live:
        if f.carrier:
            continue
        _inverted_report(f, doc)
        _citing_cue(f, doc)
        _quoted_as_saying(f, doc)
        _told_outlet(f, doc)
        if f.cited and id(f) not in carried and f.kind != "direct":
            _cited_is_speaker(f, doc, found)
    for f in live:
        if f.carrier or f.dropped:
            continue
        sentence = next((b for b in bounds if b[0] <= f.cue[0] < b[1]), None)
        if sentence is not None:
            _trailing_outlet(f, doc, text, sentence, found)


def _add(f: Found, rng: tuple[int, int] | None) -> bool:
    if rng is None:
        return False
    if rng not in f.outlets and rng != f.source:
        f.outlets.append(rng)
    return True


def _told_outlet(f: Found, doc: Doc) -> None:
    """ "told Reuters", "in an interview with the BBC", "disclosed ... to TOLOnews"."""
    cue = doc[f.cue_token]
    if f.recipient is not None and _told_directly(doc, f.recipient, cue):
        rng = outlet_in(doc, *f.recipient)
        if rng is not None and _add(f, rng):
            return
    in_content = set(range(f.content[0], f.content[1]))
    for child in cue.children:
        if child.dep_ == "dobj" and cue.lemma_ in TO_VERBS:  # "disclosed the decision to X"
            for prep in child.children:
                rng = _np_after(prep) if prep.dep_ == "prep" and prep.lower_ == "to" else None
                out = outlet_in(doc, *rng) if rng is not None else None
                if _add(f, out):
                    if f.content[0] <= prep.idx < f.content[1]:
                        end = prep.idx
                        while end > f.content[0] and doc.text[end - 1].isspace():
                            end -= 1
                        f.content = (f.content[0], end)
                    if f.recipient is None:
                        f.recipient = out
                    return
        if child.idx in in_content:
            continue
        targets = []
        if child.dep_ == "prep" and child.lower_ == "to" and cue.lemma_ in TO_VERBS:
            targets.append(child)
        if child.dep_ == "prep" and child.lower_ in {"in", "during"}:
            for noun in child.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in TO_NOUNS:
                    targets += [p for p in noun.children if p.lower_ in {"to", "with"}]
        if child.dep_ == "prep" and child.lower_ in {"to", "with"} and cue.lemma_ == "speak":
            targets.append(child)
        for prep in targets:
            rng = _np_after(prep)
            out = outlet_in(doc, *rng) if rng is not None else None
            if _add(f, out):
                if f.recipient is None:
                    f.recipient = out
                return
        if child.dep_ == "prep" and child.lower_ == "in":  # "in a statement carried by IRNA"
            for tok in child.subtree:
                if tok.lemma_ in CARRY_VERBS and tok.dep_ == "acl":
                    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
                    rng = _np_after(agent) if agent is not None else None
                    if rng is None:  # the parser lost the agent: the words after "by"
                        rng = _words_after_by(doc, tok)
                    if rng is not None:
                        _add(f, outlet_in(doc, *rng))
                    return


def _told_directly(doc: Doc, recipient: tuple[int, int], cue: Token) -> bool:
    """The recipient hangs on the cue itself or on an interview/statement noun, not on a
    message or letter addressed to it ("in an audio message to the BBC")."""
    span = doc.char_span(*recipient, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for _ in range(6):
        if tok.i == cue.i:
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ == "NOUN" and tok.lemma_.lower() not in TO_NOUNS and tok.i != span.root.i:
            return False
    return False


def _words_after_by(doc: Doc, verb: Token) -> tuple[int, int] | None:
    after = doc[verb.i + 1 : verb.i + 10]
    if not after or after[0].lower_ != "by":
        return None
    end = after[0].i + 1
    while end < len(doc) and end < verb.i + 10 and not doc[end].is_punct and doc[end].lower_ not in {
        "that", "on", "as",
    }:  # fmt: skip
        end += 1
    span = doc[after[0].i + 1 : end]
    return (span.start_char, span.end_char) if len(span) else None


def _inverted_report(f: Found, doc: Doc) -> None:
    """ "The rebels took the town, reported AFP": the outlet after the verb speaks."""
    cue = doc[f.cue_token]
    if cue.lemma_ not in {"report", "say"} or cue.i == 0 or doc[cue.i - 1].text != ",":
        return
    obj = next((c for c in cue.children if c.dep_ in {"dobj", "nsubj"} and c.i > cue.i), None)
    if obj is None:
        return
    rng = noun_phrase(obj)
    if outlet_in(doc, *rng) is None:
        return
    sent = cue.sent
    f.source, f.source_token = rng, obj.i
    start = sent.start_char
    if start < doc[cue.i - 1].idx:
        f.content = (start, doc[cue.i - 1].idx)


def _citing_cue(f: Found, doc: Doc) -> None:
    """ "Interfax reported, citing a military source, that ..." found at "citing": the
    cited source speaks, the reporter of it is the link."""
    cue = doc[f.cue_token]
    if cue.lemma_ not in {"cite", "quote"} or cue.tag_ != "VBG" or f.source is None:
        return
    if cue.head.lemma_ not in REPORT_HEADS:
        return  # "did not invite them, citing their opposition": a reason, not a source
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if obj is None:
        return
    rng = noun_phrase(obj)
    if rng == f.source:
        return
    f.outlets.insert(0, f.source)
    f.source, f.source_token = rng, obj.i
    if f.content[0] <= rng[0] < f.content[1]:
        mark = next((t for t in obj.subtree if t.lower_ == "that" and t.dep_ == "mark"), None)
        start = mark.idx + len(mark.text) if mark is not None else rng[1]
        rest = text_of(doc)[start : f.content[1]]
        start += len(rest) - len(rest.lstrip(" ,"))
        if start < f.content[1]:
            f.content = (start, f.content[1])


def _quoted_as_saying(f: Found, doc: Doc) -> None:
    """ "Reuters quoted X as saying ...": X speaks, Reuters is the link."""
    cue = doc[f.cue_token]
    prep = cue.head if cue.dep_ in {"pcomp", "pobj", "advcl"} else None
    verb = prep.head if prep is not None and prep.lower_ == "as" else None
    if cue.dep_ == "advcl" and cue.head.lemma_ == "quote":
        verb = cue.head
    if verb is None or verb.lemma_ != "quote":
        return
    speaker = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    outlet = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        outlet = next((c for c in agent.children if c.dep_ == "pobj"), outlet)
    if speaker is None:
        return
    f.source = noun_phrase(speaker)
    f.source_token = speaker.i
    if outlet is not None and outlet.i != speaker.i:
        rng = noun_phrase(outlet) if outlet.pos_ != "PRON" else None
        if rng is not None and rng not in f.outlets:
            f.outlets.insert(0, rng)


def _cited_is_speaker(f: Found, doc: Doc, found: Sequence[Found]) -> None:
    """ "Interfax reported, citing a military source, that ...": the source speaks."""
    cue = doc[f.cue_token]
    if cue.lemma_ not in {"report", "say", "write", "claim"} or f.source is None:
        return
    outlet = f.source
    f.source, f.cited = f.cited, None
    f.source_token = doc.char_span(*f.source, alignment_mode="expand").root.i
    if outlet not in f.outlets:
        f.outlets.append(outlet)
    for other in found:  # the "citing" clause found on its own is the same statement
        inside = f.cue[0] <= other.cue[0] < f.content[1]
        cue = text_of(doc)[other.cue[0] : other.cue[1]].lower()
        if other is not f and not other.dropped and inside and cue.startswith("cit"):
            other.dropped = True


def _trailing_outlet(
    f: Found,
    doc: Doc,
    text: str,
    sentence: tuple[int, int],
    found: Sequence[Found],
) -> None:
    """ "X said ..., the SANA news agency reported." / "..., reported AFP." """
    tail_start = max(f.content[1], f.cue[1])
    if f.source is not None:
        tail_start = max(tail_start, f.source[1])
    tail = text[tail_start : sentence[1]]
    for pattern in (_INVERTED, _TRAILING):
        m = pattern.match(tail)
        if m is None:
            continue
        start, end = tail_start + m.start("o"), tail_start + m.end("o")
        rng = outlet_in(doc, start, end)
        if rng is None:
            continue
        if pattern is _TRAILING and f.source is not None and outlet_in(doc, *f.source) == f.source:
            return  # "AFP said ..., Reuters reported": not one outlet inside another
        if not _add(f, rng):
            return
        clause_end = tail_start + m.end()
        for other in found:  # the clause's own attribution only carried this one
            if other is not f and tail_start <= other.cue[0] < clause_end:
                other.dropped = True
        return


def chain_links(
    f: Found, text: str, publisher: str | None
) -> tuple[list[str], tuple[int, int] | None]:
    """The outlet links of ``f`` as written, the publisher left out, and its recipient:
    an outlet that carried the statement on is a link, not a recipient."""
    links = []
    recipient = f.recipient
    for start, end in f.outlets:
        name = text[start:end]
        if publisher and same_outlet(name, publisher):
            continue
        links.append(name)
        if recipient is not None and start < recipient[1] and recipient[0] < end:
            recipient = None
    return links, recipient


# ---------------------------------------------------------------- whole document


def document_outlets(doc: Doc, publisher: str | None) -> list[str]:
    """Outlets other than the publisher that carried the whole report: an agency dateline
    ("KABUL, March 3 (Reuters) -") and credit lines, in order of appearance."""
    text = text_of(doc)
    names: list[str] = []
    spans: list[tuple[int, int]] = []
    m = _DATELINE.match(text)
    if m and media_name(m.group("a").strip()):
        spans.append((m.start("a"), m.end("a")))
    for pattern in _CREDITS:
        for c in pattern.finditer(text):
            spans.extend(_outlets_in_credit(doc, c.start("c"), c.end("c")))
    for start, end in spans:
        name = text[start:end].strip()
        if publisher and same_outlet(name, publisher):
            continue
        if not any(same_outlet(name, n) for n in names):
            names.append(name)
    return names


def _outlets_in_credit(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Outlets named in a credit line ("AFP, Reuters and AP"; "John Smith of VOA's ...")."""
    text = text_of(doc)
    out = []
    for piece in re.finditer(r"[^,;]+", text[start:end]):
        for part in re.split(r"\s+and\s+", piece.group()):
            word = part.strip()
            if not word:
                continue
            s = start + piece.start() + piece.group().index(part) + part.index(word)
            if media_name(word.removeprefix("the ").strip()):
                out.append((s, s + len(word)))
                continue
            rng = outlet_in(doc, s, s + len(word))
            if rng is not None and media_name(text[rng[0] : rng[1]]):
                out.append(rng)
    return out
