"""Linking candidates: nesting into chains, denials to what they deny, pronoun speakers.

* Nesting: when one attribution's cue lies inside another's content ("Reuters said, citing a
  Taliban source, that the Taliban claims ..."), the outer speaker becomes an intermediary
  of the inner one. An outer assertion that only carries the inner one is folded into the
  chain; an outer denial stays, and responds to the inner claim ("refuted media reports
  that he had fled").
* Anaphoric denials ("refuted these reports") respond to the latest earlier claim by
  someone else.
* Pronoun and role speakers ("he", "they", "the spokesman") get an antecedent mention.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rapidfuzz import fuzz
from spacy.tokens import Doc, Token

from counterclaim.lexicon import Words

from .cues import ATTITUDE_VERBS
from .patterns import Found, char_range, ents_of, text_of

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them", "we"})
#: "it" as a speaker stands for an organisation, a country or a described body.
BODY_PRONOUNS = frozenset({"it"})
NAME_LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "NORP": "NORP",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
}
ROLE_DEPS = frozenset({"compound", "amod"})
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Nouns that make the name they stand beside a place ("the town of X", "X, the capital").
PLACE_NOUNS = Words("place_nouns", "apposition_place_nouns")
#: An attribution is carried by another only when it makes up this much of its content.
MIN_NESTED_SHARE = 0.5
#: Heads of noun phrases that name a party without a proper name ("the resistance movement").
GROUP_NOUNS = Words("member_nouns", "group_nouns")


def nest(found: list[Found], doc: Doc) -> None:
    """Mark inner attributions' carriers (``via``) and fold carrying assertions away."""
    by_cue = sorted(found, key=lambda f: f.cue[0])
    for inner in by_cue:
        outers = [o for o in by_cue if o is not inner and _inside(inner, o, doc)]
        if not outers:
            continue
        outer = min(outers, key=lambda o: o.content[1] - o.content[0])
        if _carries(inner, outer) or _coordinated(inner, outer, doc):
            continue
        if not outer.carrier and (
            _share(inner, outer) < MIN_NESTED_SHARE
            or doc[inner.cue_token].dep_ == "relcl"
            or _comment(doc[inner.cue_token], outer, doc)
        ):
            continue  # a claim mentioned in passing, or a description, inside a statement
        if _absorbed(inner, outer, doc):
            inner.dropped = True  # "he said they fear ...": one statement, the outer one
            continue
        inner.via = outer
        if inner.date_phrase is None:
            inner.date_phrase = outer.date_phrase
        if outer.stance == "deny":
            outer.responds_to = inner
        elif outer.kind != "direct":
            outer.dropped = True


def _comment(cue: Token, outer: Found, doc: Doc) -> bool:
    """A participle hung on a verb of the statement's content ("said that much remains
    to be done, signaling its reluctance to ..."): a comment inside the content, not a
    statement that carries it ("X said, adding that ..." hangs on the cue itself)."""
    head = cue.head
    return (
        cue.dep_ == "advcl"
        and cue.tag_ == "VBG"
        and head.i != outer.cue_token
        and outer.content[0] <= head.idx < outer.content[1]
    )


def _absorbed(inner: Found, outer: Found, doc: Doc) -> bool:
    """An attitude ("fear", "plan") or modal ("must rebut") inside a statement is its content."""
    if outer.carrier:
        return False
    cue = doc[inner.cue_token]
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in cue.children)
    return cue.lemma_ in ATTITUDE_VERBS or modal


def _share(inner: Found, outer: Found) -> float:
    """How much of the outer content the inner attribution (source, cue, content) spans."""
    points = [inner.cue, inner.content] + ([inner.source] if inner.source else [])
    start, end = min(p[0] for p in points), max(p[1] for p in points)
    o_start, o_end = outer.content
    return max(0, min(end, o_end) - max(start, o_start)) / max(1, o_end - o_start)


def _carries(inner: Found, outer: Found) -> bool:
    """Whether ``inner`` already carries ``outer`` (nesting must not loop)."""
    seen = outer
    while seen is not None:
        if seen is inner:
            return True
        seen = seen.via
    return False


def _coordinated(inner: Found, outer: Found, doc: Doc) -> bool:
    """ "X said that A and called for B": a subjectless conjunct is X's own act.

    The inner attribution takes the outer speaker, and the outer content stops before it.
    """
    cue = doc[inner.cue_token]
    if cue.dep_ != "conj" or any(c.dep_ in SUBJ_DEPS for c in cue.children):
        return False
    if not outer.content[0] <= cue.head.idx < outer.content[1]:
        return False
    inner.source, inner.source_token = outer.source, outer.source_token
    before = [t for t in doc[: cue.left_edge.i] if not (t.is_punct or t.is_space or t.dep_ == "cc")]
    if before and before[-1].idx > outer.content[0]:
        last = before[-1]
        outer.content = (outer.content[0], min(outer.content[1], last.idx + len(last.text)))
    return True


def _inside(inner: Found, outer: Found, doc: Doc) -> bool:
    if outer.kind == "direct" or inner.cue == outer.cue:
        return False
    in_content = outer.content[0] <= inner.cue[0] and inner.cue[1] <= outer.content[1]
    in_tree = inner.kind != "direct" and _governs(doc[outer.cue_token], doc[inner.cue_token])
    in_source = outer.source is not None and outer.source[0] <= inner.cue[0] < outer.source[1]
    return (in_content or in_tree) and not in_source


def _governs(ancestor: Token, tok: Token) -> bool:
    """``tok`` hangs below ``ancestor``, and not merely as a coordinated verb."""
    if tok.i == ancestor.i or not ancestor.is_ancestor(tok):
        return False
    while tok.head.i != ancestor.i:
        tok = tok.head
    return tok.dep_ != "conj"


def link_denials(found: Sequence[Found], text: str, speaker_of: Callable[[Found], str]) -> None:
    """Point each denial at the claim it denies, when the text makes that clear."""
    ordered = sorted(found, key=lambda f: f.cue[0])
    for index, denial in enumerate(ordered):
        if denial.stance != "deny" or denial.responds_to is not None or denial.dropped:
            continue
        earlier = [
            f
            for f in ordered[:index]
            if not f.dropped and f.stance == "assert" and speaker_of(f) != speaker_of(denial)
        ]
        if not earlier:
            continue
        if denial.anaphoric:
            denial.responds_to = earlier[-1]
            continue
        said = text[denial.content[0] : denial.content[1]]
        scored = [
            (fuzz.token_set_ratio(said, text[f.content[0] : f.content[1]]), f) for f in earlier
        ]
        score, best = max(scored, key=lambda s: s[0])
        if score >= 75:
            denial.responds_to = best


def resolve_speakers(found: Sequence[Found], doc: Doc, mentions: list[dict]) -> None:
    """Give pronoun and role-noun sources an antecedent among earlier mentions."""
    for f in found:
        if f.source is None or f.source_token is None:
            continue
        tok = doc[f.source_token]
        wanted = _wanted_labels(tok)
        if wanted is None:
            continue
        mention = _mention_at(mentions, f.source)
        if mention is None:
            continue
        antecedent = _antecedent(mentions, f.source[0], wanted, doc, role=_role_word(tok))
        if antecedent is not None:
            mention["antecedent"] = antecedent


def _wanted_labels(tok: Token) -> set[str] | None:
    if tok.lower_ in PERSON_PRONOUNS:
        return {"PERSON"}
    if tok.lower_ in GROUP_PRONOUNS:
        return {"ORG", "NORP"}
    if tok.lower_ in BODY_PRONOUNS:
        return {"ORG", "NORP", "PLACE", "DESC"}
    if tok.pos_ == "NOUN" and any(c.lower_ == "the" for c in tok.children) and not tok.ent_type_:
        return {"PERSON", "ORG"}
    return None


def _role_word(tok: Token) -> str | None:
    return tok.lemma_.lower() if tok.pos_ == "NOUN" else None


def _mention_at(mentions: list[dict], span: tuple[int, int]) -> dict | None:
    return next((m for m in mentions if (m["start"], m["end"]) == span), None)


def _antecedent(
    mentions: list[dict], before: int, labels: set[str], doc: Doc, role: str | None
) -> int | None:
    """Latest earlier mention of the right type, preferring subjects and speakers."""
    candidates = [
        (i, m)
        for i, m in enumerate(mentions)
        if m["end"] <= before and m["label"] in labels and m.get("antecedent") is None
    ]
    if role is not None:
        with_role = [(i, m) for i, m in candidates if m.get("role") and role in m["role"].lower()]
        return with_role[-1][0] if with_role else None
    recent = [(i, m) for i, m in candidates if before - m["end"] < 600]
    for i, m in reversed(recent):
        if m.get("subject") or m.get("speaker"):
            return i
    return recent[-1][0] if recent else None


def collect_mentions(doc: Doc, found: Sequence[Found]) -> list[dict]:
    """Named-entity mentions with roles, plus speaker phrases that are not names."""
    mentions: list[dict] = []
    speaker_spans = {f.source for f in found if f.source}
    places = _place_names(doc)
    for ent in ents_of(doc):
        label = NAME_LABELS.get(ent.label_)
        if label is None:
            continue
        if label in {"ORG", "PERSON", "NORP"} and ent.text in places:
            label = "PLACE"
        mentions.append(
            {
                "start": ent.start_char,
                "end": ent.end_char,
                "label": label,
                "role": _role(ent),
                "subject": ent.root.dep_ in {"nsubj", "nsubjpass"},
                "speaker": (ent.start_char, ent.end_char) in speaker_spans,
            }
        )
    known = {(m["start"], m["end"]) for m in mentions}
    covered = bytearray(len(text_of(doc)) + 1)
    for m in mentions:
        covered[m["start"] : m["end"]] = b"\x01" * (m["end"] - m["start"])
    chunks = doc.noun_chunks if doc.has_annotation("DEP") else ()
    for chunk in chunks:  # "the resistance movement", "government forces"
        root = chunk.root
        if root.lemma_.lower() not in GROUP_NOUNS or any(t.ent_type_ for t in chunk):
            continue
        if root.tag_ != "NNS" and not any(
            c.dep_ == "poss" or c.lower_ == "the" for c in root.children
        ):
            continue
        rng = char_range(list(chunk))
        if rng and rng not in known and not covered[rng[0]]:
            mentions.append(
                {
                    "start": rng[0],
                    "end": rng[1],
                    "label": "DESC",
                    "role": None,
                    "subject": chunk.root.dep_ in {"nsubj", "nsubjpass"},
                    "speaker": False,
                }
            )
            known.add(rng)
    for f in found:
        for span, kind in ((f.source, "source"), (f.recipient, "recipient"), (f.cited, "cited")):
            if span and span not in known:
                tok_text = text_of(doc)[span[0] : span[1]]
                pronouns = PERSON_PRONOUNS | GROUP_PRONOUNS | BODY_PRONOUNS
                label = "PRON" if tok_text.lower() in pronouns else "DESC"
                mentions.append(
                    {
                        "start": span[0],
                        "end": span[1],
                        "label": label,
                        "role": None,
                        "subject": kind == "source",
                        "speaker": kind == "source",
                    }
                )
                known.add(span)
    mentions.sort(key=lambda m: m["start"])
    return mentions


def _place_names(doc: Doc) -> set[str]:
    """Names the text itself shows to be places, whatever label the NER gave them.

    "Dargah, the capital of Karsan province", "the town of Dargah": an unfamiliar town is
    often tagged ORG or PERSON; one such sign in a document retypes every mention of it.
    """
    names = set()
    for ent in ents_of(doc):
        if ent.label_ not in {"ORG", "PERSON", "NORP"}:
            continue
        root = ent.root
        appos = [c for c in root.children if c.dep_ == "appos"]
        if any(c.lemma_.lower() in PLACE_NOUNS for c in appos) or _place_after(doc, ent.end):
            names.add(ent.text)  # "Dargah, the capital of ..." (parsed or not as apposition)
        elif (
            root.dep_ == "pobj"
            and root.head.lower_ == "of"
            and root.head.head.lemma_.lower() in PLACE_NOUNS
        ):
            names.add(ent.text)  # "the town of Dargah"
        elif root.dep_ == "compound" and root.head.lemma_.lower() in PLACE_NOUNS - {"capital"}:
            names.add(ent.text)  # "Sangbur district", "Karsan province"
    return names


def _place_after(doc: Doc, end: int) -> bool:
    """ ", the provincial capital" / ", a town in ..." right after a name."""
    if end >= len(doc) or doc[end].text != ",":
        return False
    for tok in doc[end + 1 : end + 5]:
        if tok.is_punct:
            return False
        if tok.pos_ == "NOUN":
            return tok.lemma_.lower() in PLACE_NOUNS
    return False


def _role(ent) -> str | None:
    """Title or apposition of a name: "Resistance spokesman", "spokesman for the movement"."""
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos":
            return " ".join(
                t.text for t in child.subtree if not t.is_punct or t.text == "'"
            ).strip()
    left = [t for t in root.subtree if t.i < ent.start and t.dep_ in ROLE_DEPS | {"poss", "case"}]
    words = [
        t.text
        for t in left
        if t.dep_ in ROLE_DEPS and t.pos_ in {"NOUN", "PROPN", "ADJ"} and t.ent_type_ != "GPE"
    ]
    return " ".join(words) if words else None
