"""What a denial answers: stance of denials the cue alone misses, and their targets in the article.

Runs on a resolved analysis before claims are typed (:func:`link_answers`):

- **Stance.** A statement whose own words deny is a denial whatever its cue: a direct quote
  "We strongly reject the baseless allegations ...", "This is completely false", "called
  Pakistan's assertions baseless"; a denial noun heading the content ("denial that ...",
  "rejection of ...").
- **Target.** A denial that does not yet respond to anything is pointed at the statement it
  answers, among the other speakers' assertions of the article: the one whose author the
  denial names as the owner of a claim noun ("the army's claim", "allegations made by
  Pakistan", "the panel of experts' findings"), else the one whose content is closest
  (content words, and the model's word vectors when it has them), nearest first.
- **Appositive denials.** "..., accusing it of X, a charge New Delhi quickly rejected"
  holds a denial no cue pattern finds: it becomes an attribution of its own (cue the verb,
  content the claim noun, source the party named) answering the statement before it in
  the sentence (:func:`appositive_denials`).
- **Nominal stances.** "X ... raising questions about Y", "raised concerns over Y": a
  stance the cue patterns miss inside another statement, made an attribution of its own
  (cue the verb, content the noun phrase, source the nearest party named before it) so a
  denial naming X ("dismissed X's response") can answer it (:func:`raised_stances`).
- **Negated answers.** An assertion that only negates ("No members of the group have any
  presence there", "X has never ...") answering an earlier claim of another speaker on the
  same subject is a denial of it.
- **Opposed assertions.** Two parties' assertions that cannot both hold without either
  denying the other (:func:`link_opposed`): the later one keeps its ``assert`` stance and
  ``opposes`` points at the one it opposes (``responds_to`` is for denials only, as in the
  gold format). Four constructions: a contrast opening the
  later sentence ("However, officials say the army rescued all ...") right after another
  party's statement on the same thing, when it is exclusive (all, none, never); a reply
  ("In his response, X said"); two positions stated back to back with contention cues ("A argues ... B
  claims/insists ..."); opposite evaluations of one topic ("illegal" / "legitimate",
  "dangerous" / "defensive").

Limits: within one article only (across articles, :mod:`counterclaim.compare.answers` pairs
denials with the claims they answer); similarity is on words, not on meaning beyond the
word vectors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from counterclaim.lexicon import Words
from counterclaim.records import Analysis, Attribution, Kind, Span, Stance

# ---------------------------------------------------------------- vocabulary (move to data)

#: A statement whose own words deny ("we strongly reject", "this is completely false").
DENIAL_WORDS = (
    r"(?:\b(?:we|i|they|he|she|it|government|ministry)\s+(?:\w+\s+){0,2}"
    r"(?:reject|rejects|rejected|deny|denies|denied|refute|refutes|refuted|dismiss|dismisses|"
    r"dismissed|rebut|rebuts|rebutted)\b)"
    r"|(?:\b(?:is|are|was|were)\s+(?:\w+\s+)?(?:false|baseless|untrue|unfounded|groundless|"
    r"fabricated|a lie|lies|nonsense|propaganda|fake|absurd)\b)"
    r"|(?:^\s*(?:denial|rejection|refutation|dismissal)\s+(?:of|that)\b)"
)
#: Words calling what they qualify untrue ("called the assertions baseless").
UNTRUE_WORDS = Words("untrue_words")
#: Cues that qualify their object ("called", "described", "termed"): a denial when the
#: qualification is :data:`UNTRUE_WORDS`.
LABEL_CUES = Words("label_cues")
#: Nouns for what a source claims; an owner before ("the army's claim") or after ("made by
#: Pakistan") names the speaker a denial answers.
CLAIM_NOUNS = (
    r"(?:claims?|allegations?|accusations?|assertions?|charges?|findings?|reports?|statements?|"
    r"remarks?|comments?|accounts?|version|narrative|conclusions?|assessments?|suggestions?|"
    r"insinuations?|responses?|positions?)"
)
OWNER_BEFORE = re.compile(r"((?:the\s+)?[\w.\-]+(?:\s+(?:of\s+)?[\w.\-]+){0,3}?)['\u2019]s?\s+"
                          r"(?:\w+\s+){0,2}" + CLAIM_NOUNS + r"\b")  # fmt: skip
OWNER_AFTER = re.compile(CLAIM_NOUNS + r"\s+(?:\w+\s+)?(?:made\s+|leveled\s+|levelled\s+)?by\s+"
                         r"((?:the\s+)?[\w.\-]+(?:\s+[\w.\-]+){0,3})")  # fmt: skip
#: A denial of one's own part in something ("denied involvement in the strike", "rejected
#: responsibility"): it answers the accusation that names the denier.
INVOLVEMENT = re.compile(
    r"^\W*(?:any\s+)?(?:involvement|responsibility|role|part|complicity|links?|connection|"
    r"participation|hand)\b|^\W*(?:being|having been)\s+(?:involved|behind|responsible)\b|"
    r"^\W*(?:carrying out|carrying|launching|firing|staging|ordering|providing|supporting)\b",
    re.IGNORECASE,
)
#: Content that only negates: a candidate answer to another speaker's claim.
NEGATED_OPENING = re.compile(
    r"^\W*(?:no\s+\w+|none\s+of|there\s+(?:is|are|was|were)\s+no|nobody|nothing|never|"
    r"\w+(?:\s+\w+){0,3}\s+(?:has|have|had|is|are|was|were|did|does|do)\s*(?:not|n't|never))\b",
    re.IGNORECASE,
)
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "from",
        "to",
        "for",
        "with",
        "by",
        "and",
        "or",
        "but",
        "nor",
        "as",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "must",
        "can",
        "not",
        "no",
        "never",
        "any",
        "some",
        "all",
        "their",
        "there",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "us",
        "you",
        "your",
        "i",
        "me",
        "my",
        "who",
        "whom",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "than",
        "then",
        "so",
        "such",
        "also",
        "very",
        "more",
        "most",
        "said",
        "says",
        "say",
        "told",
        "according",
        "about",
        "after",
        "before",
        "over",
        "under",
        "into",
        "out",
        "up",
        "down",
        "only",
        "just",
        "even",
        "still",
        "yet",
        "again",
        "own",
        "other",
        "another",
        "same",
        "made",
        "make",
    ]
)
OWNER_GENERIC = frozenset(["the", "u.n.", "un", "official", "officials", "government", "its"])
ANAPHORA_REACH = 3  # a denial naming nothing ("This is false") answers one of these last
STEM = 6  # words agree on their first letters ("Pakistan"/"Pakistani", "reject"/"rejected")
MIN_OVERLAP = 0.4  # share of the denial's content words found in the target's
MIN_SHARED = 2  # ... and at least this many of them
MIN_VECTOR = 0.8  # or: cosine of mean word vectors, with one content word shared
MIN_NEGATED = 0.5  # a negated assertion answers a claim only when this close


#: Denial words besides the untrue ones: a content of nothing else answers no one in particular.
BARE_DENIAL_WORDS = Words("bare_denial_words")


def _denial_stems() -> frozenset[str]:
    """Stems of the denial words, with the untrue words as the data folders now give them
    (read at use, not at import, so ``--data`` reaches them)."""
    return frozenset(w[:STEM] for w in (*UNTRUE_WORDS, *BARE_DENIAL_WORDS))


def link_answers(analysis: Analysis, vectors: object | None = None) -> Analysis:
    """The analysis with denial stances set and denials pointed at what they answer.

    Args:
        analysis: A resolved analysis (speakers set).
        vectors: A spaCy ``Vocab`` with word vectors, or None for word overlap only.
    """
    text = analysis.document.text
    analysis = raised_stances(appositive_denials(analysis))
    atts = list(analysis.attributions)
    sides = {e.key: e.side for e in analysis.entities if e.side}
    named_in = _entities_by_attribution(analysis)
    out = []
    for index, a in enumerate(atts):
        if a.kind in ("narrator", "call"):
            out.append(a)
            continue
        if a.stance == "assert" and _denies_itself(a, text):
            a = replace(a, stance="deny")
        if a.stance == "deny" and a.responds_to is None:
            target = _target(a, atts, index, vectors, MIN_OVERLAP, sides=sides,
                             named_in=named_in)  # fmt: skip
            if target is not None:
                a = replace(a, responds_to=target.id)
        elif a.stance == "assert" and NEGATED_OPENING.match(a.content.text):
            target = _target(a, atts, index, vectors, MIN_NEGATED, earlier_only=True,
                             sides=sides)  # fmt: skip
            if target is not None:
                a = replace(a, stance="deny", responds_to=target.id)
        out.append(a)
    return replace(analysis, attributions=tuple(link_opposed(out, text, sides)))


# ---------------------------------------------------------------- appositive denials

#: ", a charge X (quickly) rejected": the claim noun in apposition, the denier, the verb.
APPOSITIVE_DENIAL = re.compile(
    r",\s+(?P<noun>(?:a|an|the)\s+(?:charge|claim|allegation|accusation|assertion|"
    r"assessment|account|version|characterization|characterisation)\s+)"
    r"(?:that\s+|which\s+)?(?P<src>(?:the\s+)?[A-Z][\w.'\u2019\-]*(?:\s+[\w.'\u2019\-]+){0,7}?)"
    r"\s+(?:has\s+|had\s+)?(?:\w+ly\s+)?(?P<cue>rejected|denied|dismissed|refuted|rebuffed|"
    r"disputed|rejects|denies|dismisses|refutes|disputes)\b"
)


def _outer(statements: Sequence[Attribution]) -> list[Attribution]:
    """The statements without those that are only part of another's content: a claim noun
    with no speaker of its own inside another statement ("X reiterated *the claim* that
    ...") is that speaker's claim, so what answers it answers the speaker's statement."""
    return [
        a for a in statements
        if a.speaker is not None or not any(
            o is not a and o.content.start <= a.cue.start < o.content.end for o in statements)
    ]  # fmt: skip


def appositive_denials(analysis: Analysis) -> Analysis:
    """The analysis with a denial attribution for each ", a charge X rejected" apposition
    after a statement (see the module doc); ids continue after the last one."""
    text = analysis.document.text
    atts = list(analysis.attributions)
    statements = [a for a in atts if a.kind not in ("narrator", "call") and a.sentence]
    sentences = {(a.sentence.start, a.sentence.end): a.sentence for a in statements}
    next_id = max((a.id for a in atts), default=0) + 1
    new: dict[int, list[Attribution]] = {}
    for sentence in sentences.values():
        for m in APPOSITIVE_DENIAL.finditer(sentence.text):
            start = sentence.start + m.start()
            before = _outer([a for a in statements if a.sentence == sentence
                             and a.cue.end <= start])  # fmt: skip
            if not before:
                continue
            target = before[-1]
            src = Span.of(text, sentence.start + m.start("src"), sentence.start + m.end("src"))
            inside = [x for x in analysis.mentions if x.entity and x.label != "PRON"
                      and src.start <= x.span.start and x.span.end <= src.end]  # fmt: skip
            if not inside:
                continue
            speaker = (next((x for x in reversed(inside) if x.label == "PERSON"), None)
                       or inside[-1])  # fmt: skip
            noun_end = sentence.start + m.end("noun")
            new.setdefault(target.id, []).append(Attribution(
                analysis.document.id, next_id,
                cue=Span.of(text, sentence.start + m.start("cue"), sentence.start + m.end("cue")),
                content=Span.of(text, sentence.start + m.start("noun"),
                                noun_end - (len(m.group("noun")) - len(m.group("noun").rstrip()))),
                kind=Kind.INDIRECT, stance=Stance.DENY, source=src, speaker=speaker.entity,
                speaker_name=speaker.span.text, responds_to=target.id, chain=target.chain,
                sentence=sentence, confidence=0.8,
            ))  # fmt: skip
            next_id += 1
    if not new:
        return analysis
    out = [x for a in atts for x in (a, *new.get(a.id, ()))]
    return replace(analysis, attributions=tuple(out))


# ---------------------------------------------------------------- nominal stances

#: "raising several questions about X", "raised concerns over X", "voiced doubts on X".
RAISED = re.compile(
    r"\b(?P<cue>(?:rais|voic|express)(?:e|es|ed|ing))\s+"
    r"(?P<content>(?:(?:several|many|some|serious|new|fresh|further|more|a\s+number\s+of|"
    r"\w+)\s+)?(?:questions|concerns|doubts|objections|reservations)\s+"
    r"(?:about|over|on|regarding|concerning|as\s+to)\s+[^,;.]+)",
    re.IGNORECASE,
)


def raised_stances(analysis: Analysis) -> Analysis:
    """The analysis with an attribution for each stance raised inside a statement's content
    ("X awaits answers after raising questions about Y"; see the module doc)."""
    text = analysis.document.text
    atts = list(analysis.attributions)
    next_id = max((a.id for a in atts), default=0) + 1
    out: list[Attribution] = []
    for host in atts:
        out.append(host)
        if host.kind in ("narrator", "call") or host.sentence is None:
            continue
        for m in RAISED.finditer(host.content.text):
            cue_start = host.content.start + m.start("cue")
            if any(a.cue.start <= cue_start < a.cue.end for a in atts):
                continue  # already a cue of its own
            before = [x for x in analysis.mentions if x.entity and x.label != "PRON"
                      and host.content.start <= x.span.start and x.span.end <= cue_start]  # fmt: skip
            if not before:
                continue
            who = before[-1]
            out.append(Attribution(
                analysis.document.id, next_id,
                cue=Span.of(text, cue_start, host.content.start + m.end("cue")),
                content=Span.of(text, host.content.start + m.start("content"),
                                host.content.start + m.end("content")),
                kind=Kind.INDIRECT, source=who.span, speaker=who.entity,
                speaker_name=who.span.text, date=host.date,
                chain=(host.speaker, *host.chain) if host.speaker else host.chain,
                sentence=host.sentence, confidence=0.7,
            ))  # fmt: skip
            next_id += 1
    if len(out) == len(atts):
        return analysis
    return replace(analysis, attributions=tuple(out))


# ---------------------------------------------------------------- opposed assertions

#: A sentence opening that sets it against the one before ("However, ...", "But ...").
CONTRAST_OPENING = re.compile(r"^\W*(?:however|but|yet|in contrast|by contrast|on the other hand)"
                              r"\b", re.IGNORECASE)  # fmt: skip
#: Words making a contrasted statement exclusive of the one before ("the army rescued *all*
#: the passengers", "*none* were released"): without one, "But X said ..." mostly adds a
#: view rather than contradicting (measured on wire and newspaper text).
ABSOLUTE = Words("absolute_words")
#: A sentence opening that makes its statement a reply ("In his response, X said ...",
#: "Responding to the accusations, ...").
RESPONSE_OPENING = re.compile(
    r"^\W*(?:in\s+(?:a\s+|an\s+|his\s+|her\s+|its\s+|their\s+)?(?:\w+\s+)?"
    r"(?:response|reply|rebuttal|retort)|responding\s+to|replying\s+to|reacting\s+to)\b",
    re.IGNORECASE,
)
#: Cues stating a position one party holds against another ("argues", "insists").
CONTENTION_CUES = Words("contention_cues", "claim_cues")
#: Of those, the cues that always state a position against another ("claimed
#: responsibility" does not): one of two back-to-back contention cues must be one.
STRICT_CONTENTION = Words("contention_cues")
#: Opposite evaluations of one thing: a statement with a word of one pole opposes another
#: party's with a word of the other pole on the same topic.
NEGATIVE_POLE = Words("negative_evaluations")
POSITIVE_POLE = Words("positive_evaluations")
NEGATORS = Words("evaluation_negators")
OPPOSED_REACH = 6  # attributions back an opposed evaluation answers on one shared word
OPPOSED_SHARED_FAR = 3  # ... and further back, on this many or on the thing evaluated
SUBJECT_REACH = 5  # content words before an evaluation word that may name what it evaluates


def link_opposed(
    atts: Sequence[Attribution], text: str, sides: dict[str, str] | None = None
) -> list[Attribution]:
    """The attributions with each opposed assertion pointed (``opposes``, stance kept
    ``assert``) at the other party's statement it opposes (see the module doc)."""
    out = list(atts)
    for index, b in enumerate(out):
        if b.kind in ("narrator", "call") or b.stance != "assert" or b.responds_to is not None:
            continue
        if b.opposes is not None:
            continue
        target = _opposed_target(b, out, index, text, sides)
        if target is not None:
            out[index] = replace(b, opposes=target.id)
    return out


def _statements(atts: Sequence[Attribution], index: int) -> list[tuple[int, Attribution]]:
    return [(i, c) for i, c in enumerate(atts[:index]) if c.kind not in ("narrator", "call")
            and c.stance == "assert" and c.content.start < atts[index].content.start]  # fmt: skip


def _poles(content: str) -> set[str]:
    """The evaluation poles ("neg", "pos") of a content's words that no negator governs."""
    words = re.findall(r"[a-z][a-z\-']*", content.lower())
    found = set()
    for i, w in enumerate(words):
        pole = "neg" if w in NEGATIVE_POLE else "pos" if w in POSITIVE_POLE else None
        if pole and not set(NEGATORS) & set(words[max(0, i - 3) : i]):
            found.add(pole)
    return found


def _evaluated(text: str) -> set[str]:
    """Stems of the content words just before each evaluation word: what it evaluates
    ("military cooperation between Russia and X is dangerous" -> cooperation, ...)."""
    poles = {w[:STEM] for w in (*NEGATIVE_POLE, *POSITIVE_POLE)}
    words = _words(text)
    out: set[str] = set()
    for i, w in enumerate(words):
        if w in poles:
            out |= set(words[max(0, i - SUBJECT_REACH) : i]) - poles
    return out


def _opposed_target(
    b: Attribution,
    atts: Sequence[Attribution],
    index: int,
    text: str,
    sides: dict[str, str] | None,
) -> Attribution | None:
    earlier = [(i, c) for i, c in _statements(atts, index) if not _one_party(c, b, sides)]
    if not earlier:
        return None
    last_i, last = earlier[-1]
    adjacent = last_i == index - 1 and not _same_sentence(last, b) and last.speaker is not None
    sentence = b.sentence.text if b.sentence else b.content.text
    # "However, security sources say ..." right after another party's statement: the
    # contrast word opens the sentence and the source follows it
    opening = CONTRAST_OPENING.match(sentence)
    if (adjacent and opening and last.kind != "direct" and b.source and b.sentence
            and b.source.start - (b.sentence.start + opening.end()) <= 2
            and set(ABSOLUTE) & set(re.findall(r"[a-z]+", b.content.text.lower()))
            and set(_words(b.content.text)) & set(_words(last.content.text))):  # fmt: skip
        return last
    # "In his response, X said ...": a reply to the last other party's statement
    if RESPONSE_OPENING.match(sentence) and last.speaker is not None:
        return last
    # "A argues its border runs ... . B claims the frontier should ..."
    cues = (b.cue.text.lower().split() or [""])[-1], (last.cue.text.lower().split() or [""])[-1]
    if (adjacent and all(c in CONTENTION_CUES for c in cues) and set(cues) & set(STRICT_CONTENTION)
            and b.kind == last.kind == "indirect"):  # fmt: skip
        between = text[last.content.end : b.cue.start]
        if between.count(".") <= 1 and len(_words(b.content.text)) >= 3:
            return last
    # opposite evaluations of one topic
    poles = _poles(b.content.text)
    if len(poles) != 1:
        return None
    topic = set(_words(sentence))
    best = None
    for i, c in earlier:
        other = _poles(c.content.text)
        if not other or other == poles or len(other) != 1:
            continue
        shared = len(
            (set(_words(c.content.text)) & topic)
            - {p[:STEM] for p in (*NEGATIVE_POLE, *POSITIVE_POLE)}
        )
        near = index - i <= OPPOSED_REACH
        if not (
            shared >= (1 if near else OPPOSED_SHARED_FAR)
            or _evaluated(c.content.text) & _evaluated(sentence)
        ):
            continue
        if best is None or shared > best[0]:
            best = (shared, c)
    return best[1] if best else None


def _entities_by_attribution(analysis: Analysis) -> dict[int, set[str]]:
    """Attribution id -> entity keys named in its content (a mention there, or one of the
    entity's surfaces, without its article: "the army" in "one of the army's own")."""
    surfaces: dict[str, set[str]] = {}
    for m in analysis.mentions:
        if m.entity and m.label != "PRON":
            name = re.sub(r"^(?:the|a|an)\s+", "", m.span.text.strip(), flags=re.IGNORECASE)
            if len(name) >= 3:
                surfaces.setdefault(m.entity, set()).add(name.lower())
    out: dict[int, set[str]] = {}
    for a in analysis.attributions:
        content = a.content.text.lower()
        out[a.id] = {
            key for key, names in surfaces.items()
            if any(re.search(rf"\b{re.escape(n)}\b", content) for n in names)
        }  # fmt: skip
    return out


def _denies_itself(a: Attribution, text: str) -> bool:
    content = a.content.text
    if re.search(DENIAL_WORDS, content, re.IGNORECASE):
        return a.kind == "direct" or bool(re.match(r"\W*(?:denial|rejection|refutation|dismissal)",
                                                   content, re.IGNORECASE))  # fmt: skip
    cue = a.cue.text.lower().split()
    if cue and cue[-1] in LABEL_CUES:
        after = text[a.content.end : a.content.end + 40].lower()
        words = set(re.findall(r"[a-z]+", content.lower())) | set(re.findall(r"[a-z]+", after))
        return bool(words & UNTRUE_WORDS)
    return False


def _words(text: str) -> list[str]:
    return [w[:STEM] for w in re.findall(r"[a-z][a-z\-]+", text.lower()) if w not in STOPWORDS]


def word_stems(text: str) -> list[str]:
    """The content words of a name or text, cut to their stems ("Pakistani officials" ->
    "pakist", "offici"), as owners and speakers are compared."""
    return _words(text.replace("-", " "))


def owners(content: str) -> list[str]:
    """Who the claim nouns of a denial's content belong to ("Pakistan's allegation" ->
    "Pakistan", "allegations made by Pakistani officials" -> "Pakistani officials")."""
    found = [m.group(1) for m in OWNER_BEFORE.finditer(content)]
    found += [m.group(1) for m in OWNER_AFTER.finditer(content)]
    return found


def _names_owner(owner_words: set[str], candidate: Attribution, text: str) -> bool:
    said_by = " ".join(
        t for t in (candidate.speaker_name, candidate.source.text if candidate.source else None,
                    candidate.speaker) if t
    )  # fmt: skip
    return bool(owner_words & set(_words(said_by.replace("-", " "))))


def similarity(a: str, b: str, vectors: object | None = None) -> float:
    """How close two contents are: the share of ``a``'s content words in ``b``, or the
    cosine of their mean word vectors (with ``vectors``), whichever is higher."""
    wa, wb = set(_words(a)), set(_words(b))
    shared = len(wa & wb)
    if not shared:
        return 0.0
    if shared < MIN_SHARED:
        return 0.0
    overlap = shared / len(wa)
    if vectors is None:
        return overlap
    va, vb = _mean_vector(a, vectors), _mean_vector(b, vectors)
    if va is None or vb is None:
        return overlap
    cosine = float(va @ vb / (np.linalg.norm(va) * np.linalg.norm(vb)))
    return max(overlap, cosine if cosine >= MIN_VECTOR else 0.0)


def _mean_vector(text: str, vectors: object) -> np.ndarray | None:
    rows = []
    for word in re.findall(r"[A-Za-z][A-Za-z\-]+", text):
        if word.lower() in STOPWORDS:
            continue
        lex = vectors[word]  # type: ignore[index]
        if lex.has_vector:
            rows.append(lex.vector)
    return np.mean(rows, axis=0) if rows else None


def _one_party(a: Attribution, b: Attribution, sides: dict[str, str] | None) -> bool:
    """One speaker, one side, or one name ("Pakistani officials" / "Pakistan"): a party
    does not answer itself."""
    if a.speaker is not None and a.speaker == b.speaker:
        return True
    side_a, side_b = (sides or {}).get(a.speaker or ""), (sides or {}).get(b.speaker or "")
    if side_a is not None and side_a == side_b:
        return True
    names_a = set(_words((a.speaker_name or "").replace("-", " "))) - OWNER_GENERIC
    names_b = set(_words((b.speaker_name or "").replace("-", " "))) - OWNER_GENERIC
    return bool(names_a & names_b)


def _same_sentence(a: Attribution, b: Attribution) -> bool:
    return a.sentence is not None and a.sentence == b.sentence


def _target(
    denial: Attribution,
    atts: Sequence[Attribution],
    index: int,
    vectors: object | None,
    threshold: float,
    *,
    earlier_only: bool = False,
    sides: dict[str, str] | None = None,
    named_in: dict[int, set[str]] | None = None,
) -> Attribution | None:
    """The assertion ``denial`` answers (see the module doc), or None."""
    pool = [
        (i, c) for i, c in enumerate(atts)
        if i != index and c.kind not in ("narrator", "call") and c.stance == "assert"
        and not _one_party(c, denial, sides)
        and (i < index or (not earlier_only and _same_sentence(c, denial)))
        and c.responds_to is None
    ]  # fmt: skip
    if not pool:
        return None
    content = denial.content.text
    if len(set(_words(content)) - _denial_stems()) <= 1:  # "This is completely false"
        near = [c for i, c in pool if index - ANAPHORA_REACH <= i < index]
        return near[-1] if near else None
    owner_words = {w for o in owners(content) for w in _words(o)} - OWNER_GENERIC
    scored = []
    for i, c in pool:
        score = similarity(content, c.content.text, vectors)
        named = bool(owner_words) and _names_owner(owner_words, c, "")
        if INVOLVEMENT.match(content) and denial.speaker:  # the accusation naming the denier
            named = named or denial.speaker in (named_in or {}).get(c.id, set())
        if named or score >= threshold:
            scored.append((named, score, -abs(index - i) + (0.5 if i < index else 0), c))
    if not scored and INVOLVEMENT.match(content) and denial.sentence is not None:
        # "X routinely denies providing sanctuary": the accusation just before it
        near = [c for i, c in pool if index - ANAPHORA_REACH <= i < index
                and c.sentence is not None and c.kind != "direct"
                and 0 <= denial.sentence.start - c.sentence.end <= 2]  # fmt: skip
        return near[-1] if near else None
    if not scored:
        return None
    return max(scored, key=lambda s: s[:3])[3]
