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
- **Negated answers.** An assertion that only negates ("No members of the group have any
  presence there", "X has never ...") answering an earlier claim of another speaker on the
  same subject is a denial of it.

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
from counterclaim.records import Analysis, Attribution

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
    r"insinuations?)"
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


DENIAL_STEMS = frozenset(w[:6] for w in [*UNTRUE_WORDS, "reject", "deny", "denied", "refute",
                                          "dismiss", "rebut", "completely", "totally",
                                          "absolutely", "strongly", "categorically", "entirely",
                                          "claim", "allegation", "allegations", "charge",
                                          "charges", "accusation", "accusations"])  # fmt: skip


def link_answers(analysis: Analysis, vectors: object | None = None) -> Analysis:
    """The analysis with denial stances set and denials pointed at what they answer.

    Args:
        analysis: A resolved analysis (speakers set).
        vectors: A spaCy ``Vocab`` with word vectors, or None for word overlap only.
    """
    text = analysis.document.text
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
    return replace(analysis, attributions=tuple(out))


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
    if len(set(_words(content)) - DENIAL_STEMS) <= 1:  # "This is completely false"
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
    if not scored:
        return None
    return max(scored, key=lambda s: s[:3])[3]
