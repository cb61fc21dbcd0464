"""Rule patterns over a parsed ``Doc``: each finds one family of attributions.

Each function yields :class:`Found` candidates with character ranges (relative to the
``Doc``); :mod:`counterclaim.extract.linking` then nests, links and resolves them. The
methods follow the dependency-based attribution work of Pareti (2015) and the SFU
Gender Gap Tracker's quote extractor, extended to indirect speech and denials.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from counterclaim.lexicon import Words

from ..records import Kind, Method, Stance
from . import cues as C

SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
EMPTY_OBJECTS = frozenset(
    {"nothing", "something", "anything", "so", "much", "little", "lot", "what", "which", "whatever"}
)
ANAPHORIC_DETS = frozenset({"these", "those", "the", "such", "this", "that"})
ANAPHORIC_PRONOUNS = frozenset({"it", "this", "that", "them", "these", "those"})
NAME_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
NP_DROP_DEPS = frozenset({"relcl", "appos", "acl", "punct", "cc", "conj", "advcl", "prep"})
#: Members standing for their group as speakers: "Taliban fighters said" -> the Taliban.
MEMBER_NOUNS = Words("member_nouns", "speaker_member_nouns")
#: Verbs that qualify their object ("called X a Y", "termed X Y"): the object and the label
#: make the content.
LABEL_VERBS = Words("label_cues")
CLOSING_QUOTES = frozenset({'"', "”", "»", "''"})
#: Statements whose author speaks: "a statement from the army said" -> the army.
STATEMENT_NOUNS = Words("statement_nouns")
EDGE_WORDS = frozenset({"that", ",", ":", ";", "-", "—", "–", '"', "“", "”", "«", "»"})


@dataclass(slots=True)
class Found:
    """A candidate attribution: character ranges into ``doc.text``, plus structure."""

    cue: tuple[int, int]
    content: tuple[int, int]
    cue_token: int  # index of the cue's head token
    kind: Kind = Kind.INDIRECT
    stance: Stance = Stance.ASSERT
    source: tuple[int, int] | None = None
    source_token: int | None = None
    cited: tuple[int, int] | None = None  # "citing a Taliban source"
    recipient: tuple[int, int] | None = None
    channel: str | None = None
    date_phrase: str | None = None
    anaphoric: bool = False  # content is "these reports": responds to an earlier claim
    method: Method = Method.RULES
    via: Found | None = None  # the attribution that carries this one (outer speaker)
    responds_to: Found | None = None
    dropped: bool = False
    carrier: bool = False  # an outer "X reported" that only carries a nested attribution
    #: outlets it reached the publisher through ("told Reuters", "..., AFP reported"),
    #: innermost first (:mod:`counterclaim.extract.outlets`)
    outlets: list[tuple[int, int]] = field(default_factory=list)
    #: the whole complement when ``content`` was narrowed to the quotation inside it
    #: ('voter fraud "would be ..."' -> the quotation): what PolNeAR's spans count
    clause: tuple[int, int] | None = None


# ---------------------------------------------------------------- span helpers
def _ent_index(doc: Doc) -> dict[int, Span]:
    """Token index -> named entity, built once per doc (``doc.ents`` is rebuilt per access)."""
    index = doc.user_data.get("cc_ent_index")
    if index is None:
        ents = list(doc.ents)
        index = {i: ent for ent in ents for i in range(ent.start, ent.end)}
        doc.user_data["cc_ent_index"] = index
        doc.user_data["cc_ents"] = ents
    return index


def ent_of(tok: Token) -> Span | None:
    """The named entity ``tok`` is part of."""
    return _ent_index(tok.doc).get(tok.i)


def ents_of(doc: Doc) -> list[Span]:
    """``doc.ents`` as a list, built once per doc."""
    _ent_index(doc)
    return doc.user_data["cc_ents"]


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """``(start_char, end_char)`` of each sentence, computed once per doc."""
    bounds = doc.user_data.get("cc_sentence_bounds")
    if bounds is None:
        text = text_of(doc)
        bounds = [_trim(text, s.start_char, s.end_char) for s in doc.sents]
        doc.user_data["cc_sentence_bounds"] = bounds
    return bounds


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop edge whitespace, and a closing quote mark the parser left at a sentence's start."""
    while start < end and text[start].isspace():
        start += 1
    if start + 1 < end and text[start] in '"”»' and text[start + 1].isspace():
        start += 1
        while start < end and text[start].isspace():
            start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def text_of(doc: Doc) -> str:
    """``doc.text``, built once (spaCy joins the tokens again on every access)."""
    text = doc.user_data.get("cc_text")
    if text is None:
        text = doc.user_data["cc_text"] = doc.text
    return text


def char_range(tokens: list[Token]) -> tuple[int, int] | None:
    """Trimmed character range covering ``tokens`` (edge punctuation and "that" dropped)."""
    toks = sorted(tokens, key=lambda t: t.i)
    while toks and (toks[0].lower_ in EDGE_WORDS or toks[0].is_space or toks[0].is_punct):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].text not in {"”", '"'}:
        toks.pop()
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def subtree_range(tok: Token, without: Container[int] = ()) -> tuple[int, int] | None:
    """Character range of ``tok``'s subtree, leaving out tokens in ``without``."""
    return char_range([t for t in tok.subtree if t.i not in without])


def noun_phrase(tok: Token) -> tuple[int, int]:
    """The name or base noun phrase headed by ``tok`` (no relative clauses or appositions)."""
    if tok.ent_type_ in NAME_ENTS:
        ent = ent_of(tok)
        if ent is not None:
            return ent.start_char, ent.end_char
    if tok.lemma_.lower() in MEMBER_NOUNS:  # "Taliban fighters", "insurgents of the VLF"
        for child in tok.children:
            target = (
                child
                if child.dep_ == "compound"
                else next((g for g in child.children if g.dep_ == "pobj"), None)
                if child.dep_ == "prep" and child.lower_ == "of"
                else None
            )
            ent = (
                ent_of(target)
                if target is not None and target.ent_type_ in {"ORG", "NORP"}
                else None
            )
            if ent is not None:
                return ent.start_char, ent.end_char
    keep = [tok]
    for child in tok.children:
        if child.dep_ in NP_DROP_DEPS and not (
            child.dep_ == "prep"
            and child.i > tok.i
            and child.lower_ in {"in", "of", "from", "at", "close", "with"}
        ):
            continue
        keep.extend(child.subtree)
    rng = char_range(keep)
    return rng if rng else (tok.idx, tok.idx + len(tok.text))


def negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def subject_of(verb: Token) -> Token | None:
    """The speaker token of a reporting verb, following conjunctions and relative clauses."""
    for child in verb.children:
        if child.dep_ in SUBJ_DEPS:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            # parse error: "Air Force Chief of Staff, General NAME said" gives the verb two
            # subjects, the title and the name; '"... Wreckage at the site," NAME tweeted'
            # takes a word of the quotation as a second one: the name is the speaker
            named = [
                c
                for c in verb.children
                if c.dep_ == child.dep_ and c.i > child.i and c.ent_type_ in {"PERSON", "ORG"}
            ]
            if named and (
                not child.ent_type_
                or any(t.text in CLOSING_QUOTES for t in verb.doc[child.i : named[-1].i])
            ):
                return named[-1]
            return child
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    for child in verb.children:  # parse error: "X, who ..., said" hung X below a left ccomp
        if child.dep_ == "ccomp" and child.i < verb.i:
            subj = next((g for g in child.children if g.dep_ in SUBJ_DEPS), None)
            if subj is not None and subj.ent_type_ in {"PERSON", "ORG", "NORP"}:
                return subj
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        return subject_of(verb.head)
    if (
        verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and verb.tag_ == "VBG")
    ) and verb.head.pos_ in {"VERB", "AUX"}:
        return subject_of(verb.head)
    return None


def dates_and_channel(found: Found, cue: Token, content_tokens: set[int]) -> None:
    """Fill the date phrase, channel and recipient from the cue's own modifiers."""
    doc = cue.doc
    for ent in ents_of(doc):
        if ent.label_ not in {"DATE", "TIME"} or ent.root.i in content_tokens:
            continue
        head = ent.root.head
        if (
            ent.root.head == cue
            or (head.dep_ in {"prep", "npadvmod"} and head.head == cue)
            or (ent.root.dep_ in {"advmod", "npadvmod"} and head == cue)
        ):
            found.date_phrase = ent.text
            break
    for child in cue.children:
        if child.i in content_tokens or child.dep_ not in {"prep", "advcl", "npadvmod"}:
            continue
        sub = list(child.subtree)
        text = " ".join(t.lower_ for t in sub)
        for key in C.channels_longest_first():
            if f" {key} " in f" {text} " and found.channel is None:
                found.channel = C.channels()[key]
        for tok in sub:
            if (
                tok.dep_ == "pobj"
                and tok.head.lower_ in {"to", "with"}
                and tok.head.head.lower_
                in {"message", "interview", "letter", "statement", "speech", "address", "remarks"}
            ):
                found.recipient = noun_phrase(tok)
        if child.lower_ == "to" and cue.lemma_ in {"say", "write", "speak", "explain", "complain"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found.recipient = noun_phrase(pobj)
    if cue.lemma_ in {"tell", "inform", "assure", "brief", "warn", "remind", "ask", "urge"}:
        for child in cue.children:
            if child.dep_ in {"dobj", "dative"} and child.i not in content_tokens:
                found.recipient = noun_phrase(child)


# ---------------------------------------------------------------- verb cues
def _verb_content(verb: Token) -> tuple[list[Token], str, Token | None] | None:
    """(content tokens, kind, prep token joining the cue) for a reporting verb, or None."""
    lemma = verb.lemma_
    kids = list(verb.children)
    subj = next((c for c in kids if c.dep_ in SUBJ_DEPS), None)
    for child in sorted(kids, key=lambda c: (c.i < verb.i, c.i)):
        if child.dep_ == "ccomp" or (child.dep_ == "dobj" and child.tag_ == "VB"):
            # a complement left of the verb counts only before its subject: '"...," he said'
            if child.i < verb.i and subj is not None and child.right_edge.i > subj.i:
                continue
            return list(child.subtree), "indirect", None
    for child in kids:
        if child.i < verb.i:
            continue
        if child.dep_ == "prep" and child.lower_ == "for" and lemma in C.CALL_VERBS:
            return _pobj_subtree(child), "call", child
        if (
            child.dep_ == "prep"
            and child.lower_ == "on"
            and lemma in {"report", "comment", "brief"}
        ):
            return _pobj_subtree(child), "indirect", None
    for child in kids:
        if child.dep_ == "xcomp" and (
            lemma in C.CALL_VERBS
            or lemma in C.OBJECT_CONTENT_VERBS
            or lemma in C.XCOMP_CONTENT_VERBS
        ):
            kind = Kind.CALL if lemma in C.CALL_VERBS else Kind.INDIRECT
            addressee = _addressee(verb, child) if kind == Kind.CALL else None
            if addressee is not None:  # "urged Russia on Friday to accept ...": all of it
                return list(verb.doc[addressee.left_edge.i : child.right_edge.i + 1]), kind, None
            return list(child.subtree), kind, None
    if lemma.lower() in LABEL_VERBS:  # "called the raid a war crime": object and label
        obj = next((c for c in kids if c.dep_ == "dobj" and c.i > verb.i), None)
        label = next(
            (c for c in kids if c.dep_ == "oprd" and obj is not None and c.i > obj.i), None
        )
        if obj is not None and label is not None:
            return list(verb.doc[obj.left_edge.i : label.right_edge.i + 1]), "indirect", None
    if lemma in C.OBJECT_CONTENT_VERBS:
        for child in kids:
            if child.dep_ in {"dobj", "attr"} and child.lower_ not in EMPTY_OBJECTS:
                return list(child.subtree), "indirect", None
        noun = verb.head
        if (
            verb.dep_ == "relcl"
            and noun.lemma_.lower() in C.REPORTING_NOUNS
            and not any(c.dep_ in {"dobj", "attr", "ccomp"} for c in kids)
        ):  # "..., a charge New Delhi quickly rejected": the noun it modifies
            return [t for t in noun.subtree if t.i <= noun.i], "indirect", None
    if (
        verb.dep_ == "parataxis"
        and verb.head.pos_ in {"VERB", "AUX"}
        and lemma in {"say", "add", "write", "tell", "insist", "claim", "note", "explain"}
    ):
        own = {t.i for t in verb.subtree}
        return [t for t in verb.head.subtree if t.i not in own], "indirect", None
    return None


def _addressee(verb: Token, xcomp: Token) -> Token | None:
    """Who is called on to act: the object before the infinitive ("urged Russia to ..."),
    or the object of "on" ("called on China to ...")."""
    for child in verb.children:
        if verb.i < child.i < xcomp.i and child.dep_ == "dobj":
            return child
        if verb.i < child.i < xcomp.i and child.dep_ == "prep" and child.lower_ == "on":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _one_side(tokens: list[Token], cue: Token) -> list[Token]:
    """A content never runs across its own cue: keep the larger side."""
    before = [t for t in tokens if t.i < cue.i]
    after = [t for t in tokens if t.i > cue.i]
    if before and after:
        return after if len(after) >= len(before) else before
    return before or after


def _carried(verb: Token, verbs: Container[str]) -> tuple[list[Token], str, None] | None:
    """A reporting verb with no complement of its own that governs another cue.

    "Reuters said on Friday citing a Taliban source that the Taliban claims ...": the
    parser hangs the inner claim below "source"; the outer verb then only carries it.
    """
    subj = subject_of(verb)
    skip = {t.i for t in subj.subtree} if subj is not None and subj.head == verb else set()
    right = [t for t in verb.subtree if t.i > verb.i and t.i not in skip]
    if any(t.lemma_ in verbs and t.pos_ in {"VERB", "AUX"} for t in right):
        return right, "carrier", None
    return None


def _pobj_subtree(prep: Token) -> list[Token]:
    return [t for child in prep.children if child.dep_ in {"pobj", "pcomp"} for t in child.subtree]


def verb_attributions(
    doc: Doc | Span, verbs: Container[str] = C.REPORTING_VERBS
) -> Iterator[Found]:
    """ "X said (that) ...", "X refuted ...", "X called for ...", "X claims to ...".

    Misses: cues split from their content by a parse error, and verbs outside the lexicon.
    """
    for tok in doc:
        if tok.lemma_ not in verbs or tok.pos_ not in {"VERB", "AUX"} or tok.dep_ == "amod":
            continue
        if negated(tok):
            continue
        picked = _verb_content(tok)
        if picked is None:
            picked = _carried(tok, verbs)
            if picked is None:
                continue
        tokens, kind, prep = picked
        tokens = _one_side(tokens, tok)
        if (
            tok.lemma_ in C.WEAK_VERBS
            and kind == "indirect"
            and not any(t.dep_ in SUBJ_DEPS for t in tokens)
        ):
            continue
        content = char_range(tokens)
        if content is None:
            continue
        cue_end = prep if prep is not None else tok
        found = Found(
            cue=(tok.idx, cue_end.idx + len(cue_end.text)),
            content=content,
            cue_token=tok.i,
            kind=kind,
            stance=Stance.DENY if tok.lemma_ in C.DENIAL_VERBS else Stance.ASSERT,
        )
        found.carrier = picked[1] == "carrier"
        if found.carrier:
            found.kind = Kind.INDIRECT
        fill_source(found, tok)
        if found.source is None and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            continue  # "its reluctance to endorse the plan": an infinitive no one is saying
        _fill_anaphora(found, tok, tokens)
        _fill_citing(found, tok)
        dates_and_channel(found, tok, {t.i for t in tokens})
        yield found
        yield from coordinated_speakers(found, doc[0].doc)


def fill_source(found: Found, verb: Token) -> None:
    """The speaker of ``verb``: its subject (:func:`speaker_token`) as a noun phrase."""
    subj = speaker_token(verb)
    if subj is not None:
        found.source = (
            noun_phrase(subj) if subj.pos_ != "PRON" else (subj.idx, subj.idx + len(subj))
        )
        found.source_token = subj.i


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the nouns coordinated with it ("A, B and C"), in order."""
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN", "PRON"}:
            out.extend(conjuncts(child))
    return sorted(out, key=lambda t: t.i)


def coordinated_speakers(found: Found, doc: Doc) -> Iterator[Found]:
    """One more attribution for each other speaker of a coordinated subject.

    "The United States and its allies warned ...", "X and Y reiterated ...": when one of the
    conjuncts is a name, each speaks, and each gets an attribution with the same cue and
    content. A coordination of descriptions ("officials and analysts said") stays one
    speaker, whose source spans the whole coordination.
    """
    if found.source_token is None:
        return
    subj = doc[found.source_token]
    if subj.pos_ == "PRON":
        return
    heads = conjuncts(subj)
    if len(heads) < 2 or heads[0].i != subj.i:
        return
    if not any(h.ent_type_ in NAME_ENTS for h in heads):
        assert found.source is not None
        found.source = (found.source[0], max(found.source[1], noun_phrase(heads[-1])[1]))
        return
    for head in heads[1:]:
        other = replace(found, source=noun_phrase(head), source_token=head.i, outlets=[])
        yield other


def speaker_token(verb: Token) -> Token | None:
    """The token naming who speaks with ``verb``.

    The subject (:func:`subject_of`), or else a name written right before the verb that the
    parser left out of the clause ("..., Oh said", "Speaking alongside X, Minister Y said");
    a referential "it" ("the ministry said it ...", "which it said were ..."), not an
    expletive one ("it is said that"); the author of a report that is the subject ("a
    statement from the army said" -> the army); a name in apposition to a title subject
    ("the group's spokesman, NAME, said" -> NAME).
    """
    subj = subject_of(verb)
    if subj is None:
        return _name_before(verb)
    if subj.lower_ == "there" or (
        subj.lower_ == "it"
        and (subj.dep_ != "nsubj" or any(c.dep_ == "auxpass" for c in verb.children))
    ):
        return None
    author = _report_author(subj, STATEMENT_NOUNS)
    if author is not None:
        return author
    return _apposed_name(subj) or subj


def _name_before(verb: Token) -> Token | None:
    """A capitalised name right before a subjectless finite verb, after a comma or quote."""
    if verb.tag_ not in {"VBD", "VBZ", "VBP"} or verb.i == 0:
        return None
    last = verb.doc[verb.i - 1]
    i = last.i
    while i >= 0 and verb.doc[i].is_title and verb.doc[i].pos_ in {"PROPN", "INTJ", "NOUN"}:
        i -= 1
    if i == last.i or i < 0 or not verb.doc[i].is_punct or verb.doc[i].sent != verb.sent:
        return None
    if last.sent.start == i + 1:
        return None  # the run opens the sentence: a heading or a misparsed subject clause
    ent = ent_of(last)
    return ent.root if ent is not None and ent.label_ in NAME_ENTS else last


def _apposed_name(subj: Token) -> Token | None:
    """The name in apposition closing a title subject: "Pakistan's envoy to the UN, NAME,"."""
    if subj.ent_type_ or subj.pos_ not in {"NOUN", "PROPN"}:
        return None
    words = [t for t in subj.subtree if not t.is_punct]
    last = words[-1]
    ent = ent_of(last)
    if ent is None or ent.label_ not in {"PERSON", "ORG"} or ent.end != last.i + 1:
        return None
    root = ent.root
    return root if root.dep_ == "appos" and root.i > subj.i else None


def _fill_anaphora(found: Found, verb: Token, tokens: list[Token]) -> None:
    if found.stance != "deny" or not tokens:
        return
    heads = [t for t in tokens if t.head.i == verb.i]
    if len(heads) != 1:
        return
    head = heads[0]
    if head.lower_ in ANAPHORIC_PRONOUNS or (
        head.lemma_ in C.ANAPHORIC_NOUNS
        and any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in head.children)
        and not any(c.dep_ in {"acl", "ccomp", "relcl"} for c in head.children)
    ):
        found.anaphoric = True


def _fill_citing(found: Found, verb: Token) -> None:
    for child in verb.children:
        if child.lemma_ == "cite" and child.dep_ in {"advcl", "xcomp", "conj"}:
            for obj in child.children:
                if obj.dep_ == "dobj":
                    found.cited = noun_phrase(obj)


# ---------------------------------------------------------------- noun cues
def noun_attributions(
    doc: Doc | Span, nouns: Container[str] = C.REPORTING_NOUNS
) -> Iterator[Found]:
    """ "media reports that ...", "the ministry's statement that ...", "claims by X that ...".

    Misses: reporting nouns whose content is not a that-clause ("reports of fighting").
    """
    for tok in doc:
        if tok.lemma_ not in nouns or tok.pos_ != "NOUN":
            continue
        clause = next(
            (
                c
                for c in tok.children
                if c.dep_ in {"acl", "ccomp", "relcl", "appos"}
                and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            ),
            None,
        )
        if clause is None:
            continue
        content = subtree_range(clause)
        if content is None:
            continue
        found = Found(cue=(tok.idx, tok.idx + len(tok.text)), content=content, cue_token=tok.i)
        for child in tok.children:
            if child.dep_ in {"poss", "compound"} or (
                child.dep_ == "prep" and child.lower_ == "by"
            ):
                target = (
                    child
                    if child.dep_ != "prep"
                    else next((g for g in child.children if g.dep_ == "pobj"), None)
                )
                if target is not None:
                    found.source = (
                        noun_phrase(target)
                        if target.ent_type_
                        else (target.left_edge.idx, target.idx + len(target.text))
                    )
                    found.source_token = target.i
        yield found


# ---------------------------------------------------------------- according to
def according_to(doc: Doc | Span) -> Iterator[Found]:
    """ "According to X, ..." and "..., according to X."

    Misses: "according to" whose attachment the parser gets wrong across clauses.
    """
    for tok in doc:
        if tok.lower_ != "according":
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None or tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].lower_ != "to":
            continue
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        own = {t.i for t in tok.subtree}
        head = tok.head
        if (
            head.tag_ == "VBN"
            and head.dep_ in {"advcl", "acl"}
            and head.i < head.head.i
            and not any(c.dep_ in SUBJ_DEPS for c in head.children)
        ):  # "According to the index released last week, X ...": the parser hung the cue
            own = {t.i for t in head.subtree}  # on the participle describing its source
            head = head.head
        content = subtree_range(head, without=own) if head.i != tok.i else None
        if content is None:
            continue
        found = Found(cue=(tok.idx, to.idx + len(to.text)), content=content, cue_token=tok.i)
        found.source = noun_phrase(pobj)
        found.source_token = pobj.i
        author = _report_author(pobj)
        if author is not None:  # "according to a report by the Associated Press"
            found.source, found.source_token = noun_phrase(author), author.i
        yield found


def _report_author(noun: Token, nouns: Container[str] = C.REPORTING_NOUNS) -> Token | None:
    """Who made a report or statement: "a report by X", "X's report", "a Reuters report"."""
    if noun.lemma_.lower() not in nouns:
        return None
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        if child.dep_ in {"poss", "compound"} and child.ent_type_ in {"ORG", "PERSON", "NORP"}:
            return child
    return None
