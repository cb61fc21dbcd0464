"""How far to trust an attribution: a calibrated probability that it is right.

An attribution's confidence is the precision observed, on annotated news, for the
attributions that share its evidence: which extractor found it (the rules or the learned
tagger), what kind of cue it rests on (a plain "said / told / according to", another
reporting word, a verb of attitude, anything else), whether a speaker is named, and
whether the content is a quotation. ``bench/calibration.py`` counts those precisions
on PolNeAR dev and the VOA dev gold (``--fit`` writes ``data/confidence.json``) and
prints the reliability table on held articles (PolNeAR train).

A key with too few observations falls back to its extractor's rate (additive smoothing
towards it), so a rare cue never gets an extreme probability from two examples.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from ..lexicon import aliases, cached
from . import cues as C

#: The plainest reporting cues: what wire copy uses for statements on record.
SAY_LEMMAS: frozenset[str] = frozenset(
    {"say", "tell", "according", "add", "quote", "state", "announce", "write", "report"}
)
#: Verbs of wish and plan: "wants to", "plans to", "seeks" state an aim, and annotators
#: often take them as no statement at all.
INTENT_LEMMAS: frozenset[str] = frozenset(
    {"want", "plan", "seek", "intend", "aim", "decide", "hope", "wish", "need", "try"}
)
#: Irregular forms of reporting verbs, form -> lemma (``data/words/irregular_verbs.txt``;
#: regular ones are found by their endings).
IRREGULAR_LIST = "irregular_verbs"
#: Probability for an attribution no calibration covers (no table, unknown extractor).
DEFAULT = 0.75
#: Pseudo-observations pulling a key's rate towards its extractor's rate.
SMOOTHING = 5.0
_ENDINGS = re.compile(r"(?:ies|ied|ying|es|ed|ing|s|d)$")


def lemma_guess(word: str) -> str:
    """A word's reporting lemma from its form ("claimed" -> "claim", "said" -> "say");
    the word itself when no ending fits a known lemma."""
    word = word.lower().strip(".,;:\"'“”’")
    irregular = _irregular()
    if word == "according":
        return word
    if word in irregular:
        return irregular[word]
    known = _known_lemmas()
    if word in known:
        return word
    for ending in ("ies", "ied"):
        if word.endswith(ending) and word[: -len(ending)] + "y" in known:
            return word[: -len(ending)] + "y"
    stem = _ENDINGS.sub("", word)
    for candidate in (stem, stem + "e", stem[:-1] if len(stem) > 2 else stem):
        if candidate in known:
            return candidate
    return word


@cached
def _irregular() -> dict[str, str]:
    return aliases(IRREGULAR_LIST, lower=True)


@cached
def _known_lemmas() -> frozenset[str]:
    return frozenset().union(
        C.REPORTING_VERBS,
        C.ATTITUDE_VERBS,
        C.DENIAL_VERBS,
        C.CALL_VERBS,
        C.WEAK_VERBS,
        C.OBJECT_CONTENT_VERBS,
        C.XCOMP_CONTENT_VERBS,
        C.REPORTING_NOUNS,
        SAY_LEMMAS,
        INTENT_LEMMAS,
    )


def cue_class(cue: str) -> str:
    """``say`` (a plain reporting cue), ``report`` (another reporting, denial or call
    word), ``intent`` (wants, plans, seeks), ``attitude`` (believe, fear, criticize ...)
    or ``other``."""
    lemmas = [lemma_guess(w) for w in cue.split()]
    if any(lemma in SAY_LEMMAS for lemma in lemmas):
        return "say"
    if any(lemma in C.DENIAL_VERBS or lemma in C.CALL_VERBS for lemma in lemmas):
        return "report"
    if any(lemma in INTENT_LEMMAS for lemma in lemmas):
        return "intent"
    if any(lemma in C.ATTITUDE_VERBS or lemma in C.WEAK_VERBS for lemma in lemmas):
        return "attitude"
    reporting = C.REPORTING_VERBS | C.DENIAL_VERBS | C.CALL_VERBS | C.REPORTING_NOUNS
    if any(lemma in reporting or lemma in C.OBJECT_CONTENT_VERBS for lemma in lemmas):
        return "report"
    return "other"


def evidence_key(method: str, cue: str, has_source: bool, direct: bool) -> str:
    """The calibration key: ``"rules|say|source|quote"``."""
    family = "learned" if method == "learned" else "rules"
    return "|".join(
        (family, cue_class(cue), "source" if has_source else "nosource",
         "quote" if direct else "plain")
    )  # fmt: skip


@cache
def table() -> dict[str, object]:
    """The fitted table (``data/confidence.json``): per key hits and totals, per
    extractor family the overall rate."""
    path = resources.files("counterclaim").joinpath("data/confidence.json")
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}


def probability(key: str, fitted: dict[str, object] | None = None) -> float:
    """The smoothed observed precision of ``key`` (see the module doc)."""
    fitted = table() if fitted is None else fitted
    family = key.split("|", 1)[0]
    prior = float((fitted.get("families") or {}).get(family, DEFAULT))  # type: ignore[union-attr]
    hits, total = (fitted.get("keys") or {}).get(key, (0, 0))  # type: ignore[union-attr]
    return round((hits + SMOOTHING * prior) / (total + SMOOTHING), 3)


def fit(observations: list[tuple[str, bool]]) -> dict[str, object]:
    """A table from ``(key, right)`` observations."""
    keys: dict[str, list[int]] = {}
    families: dict[str, list[int]] = {}
    for key, right in observations:
        for store, k in ((keys, key), (families, key.split("|", 1)[0])):
            counts = store.setdefault(k, [0, 0])
            counts[0] += right
            counts[1] += 1
    return {
        "keys": {k: v for k, v in sorted(keys.items())},
        "families": {k: round(h / t, 3) for k, (h, t) in sorted(families.items())},
    }


def confidence(method: str, cue: str, has_source: bool, direct: bool) -> float:
    """The calibrated probability that an attribution with this evidence is right."""
    if method == "narrator":
        return 1.0  # the publisher's own sentence: who says it is not in doubt
    return probability(evidence_key(method, cue, has_source, direct))
