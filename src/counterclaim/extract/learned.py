"""A learned attribution tagger (trained on PolNeAR) and its decoding into attributions.

The component is a transition-based entity recognizer with the labels ``CUE``, ``SOURCE`` and
``CONTENT`` that listens to the shared ``tok2vec`` of ``en_core_web_md`` (frozen while it was
trained), so it costs one extra transition pass and no extra embedding. It does not touch
``doc.ents``: its spans go to ``doc.spans["attribution_tagger"]`` and the named entities of
the md pipeline are left as they were. Training: ``scripts/train_tagger.py``.

Decoding (:func:`tag`) pairs every content span with a cue (a syntactic link between them,
else the nearest cue in the same or a neighbouring sentence) and every cue with a source (the
source linked to the cue, e.g. its subject, else the nearest in the sentence). The content
pieces of one cue become one (possibly discontinuous) attribution.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IS_SPACE, LOWER, SENT_START
from spacy.ml.models.tok2vec import MaxoutWindowEncoder
from spacy.strings import hash_string
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, with_array
from thinc.types import Floats2d
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from counterclaim.records import Span
from counterclaim.scoring import Item

NAME = "attribution_tagger"
FACTORY = "counterclaim_attribution_tagger"
SPANS_KEY = NAME
MAX_SENT_GAP = 1  # a content may attach to a cue at most this many sentences away
MAX_TOKEN_GAP = 40  # ... and at most this many tokens away


@dataclass(frozen=True, slots=True)
class Tagged:
    """One decoded attribution. ``pieces`` holds the content's pieces when it is discontinuous
    (``content`` then covers them all); it is empty when the content is one piece."""

    cue: Span
    content: Span
    source: Span | None
    score: float
    pieces: tuple[Span, ...] = ()

    @property
    def content_pieces(self) -> tuple[Span, ...]:
        return self.pieces or (self.content,)


class AttributionTagger(EntityRecognizer):
    """An entity recognizer whose predictions go to ``doc.spans`` instead of ``doc.ents``.

    The entity transition system respects preset entities, so the md pipeline's entities are
    cleared before predicting and restored afterwards.
    """

    def predict(self, docs: Any) -> Any:  # type: ignore[override]
        docs = list(docs)
        self._saved = [doc.to_array([ENT_IOB, ENT_TYPE]) for doc in docs]
        for doc in docs:
            doc.set_ents([], default="missing")
        return super().predict(docs)

    def set_annotations(self, docs: Any, states_or_beams: Any) -> None:  # type: ignore[override]
        docs = list(docs)
        super().set_annotations(docs, states_or_beams)
        saved = getattr(self, "_saved", None) or [None] * len(docs)
        for doc, array in zip(docs, saved, strict=False):
            doc.spans[SPANS_KEY] = list(doc.ents)
            if array is not None:
                doc.set_ents([], default="missing")
                doc.from_array([ENT_IOB, ENT_TYPE], array)
        self._saved = []


@Language.factory(FACTORY, default_config={"update_with_oracle_cut_size": 100})
def make_attribution_tagger(
    nlp: Language, name: str, model: Any, update_with_oracle_cut_size: int
) -> AttributionTagger:
    """Factory of :class:`AttributionTagger` (same model as spaCy's ``ner``)."""
    return AttributionTagger(
        nlp.vocab, model, name=name, moves=None,
        update_with_oracle_cut_size=update_with_oracle_cut_size,
    )  # fmt: skip


# --- model: md's tok2vec output + syntax/quote features + a small CNN -------------------------


@registry.architectures("counterclaim.AttributionEncoder.v1")
def attribution_encoder(
    width: int, depth: int, feature_width: int, rows: int, cue_words_path: str | None = None
) -> Model[list[Doc], list[Floats2d]]:
    """Token vectors for the tagger: ``doc.tensor`` (the md pipeline's tok2vec output, frozen)
    concatenated with hashed embeddings of :func:`token_features`, mixed by a CNN."""
    words = Path(cue_words_path).read_text(encoding="utf-8").split() if cue_words_path else []
    embeds = [HashEmbed(feature_width, rows, column=i, seed=i) for i in range(N_FEATURES)]
    features = chain(
        Model("attribution_features", _features_forward, attrs={"cue_words": words}),
        with_array(concatenate(*embeds)),
    )
    tensor = Model("doc_tensor", _tensor_forward)
    return chain(
        concatenate(tensor, features),
        with_array(
            chain(
                Maxout(width, nP=3, dropout=0.0, normalize=True),
                MaxoutWindowEncoder(width=width, window_size=1, maxout_pieces=3, depth=depth),
            )
        ),
    )


def _tensor_forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[list[Floats2d], Callable]:
    return [model.ops.asarray2f(doc.tensor) for doc in docs], lambda d: []


def _features_forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[list[Any], Callable]:
    cue_words = model.attrs.get("_cue_hashes")
    if cue_words is None:
        cue_words = model.attrs["_cue_hashes"] = {hash_string(w) for w in model.attrs["cue_words"]}
    return [model.ops.asarray(token_features(doc, cue_words), dtype="uint64") for doc in docs], (
        lambda d: []
    )


N_FEATURES = 7
_CLAUSE_DEPS = {"ccomp", "xcomp", "parataxis", "advcl", "conj", "relcl", "ROOT"}
_OPEN, _CLOSE, _STRAIGHT = {"“", "‘‘", "``"}, {"”", "''"}, {'"'}


def token_features(doc: Doc, cue_words: set[int]) -> numpy.ndarray:
    """Per token, ``N_FEATURES`` hashed features from the parse, the quotes and cue words:
    dep, dep of head, is a cue word, the dep under the nearest cue-word ancestor, inside a
    quote, the nearest cue word of the sentence (side and distance), sentence position."""
    n = len(doc)
    arr = doc.to_array([HEAD, DEP, LOWER, IS_SPACE, SENT_START]).astype("int64")
    heads = (arr[:, 0] + numpy.arange(n)).tolist()
    deps, lowers = arr[:, 1].tolist(), arr[:, 2].tolist()
    is_cue = [w in cue_words for w in lowers]
    under = [0] * n  # dep of the child of the nearest cue-word ancestor on the path
    for i in range(n):
        path, j = [], i
        while under[j] == 0 and heads[j] != j and len(path) < 30:
            path.append(j)
            if is_cue[heads[j]]:
                under[j] = deps[j]
                break
            j = heads[j]
        value = under[j] if under[j] else -1
        for k in path:
            under[k] = under[k] or value
    quote = _quote_state(doc)
    nearest = _nearest_cue(arr[:, 4].tolist(), is_cue)
    out = numpy.zeros((n, N_FEATURES), dtype="uint64")
    for i in range(n):
        h = heads[i]
        row = (
            (1, deps[i]),
            (2, deps[i], deps[h]),
            (3, is_cue[i], deps[i], is_cue[h]),
            (4, under[i]),
            (5, quote[i]),
            (6, nearest[i]),
            (7, arr[i, 4] == 1, i + 1 == n or arr[i + 1, 4] == 1, arr[i, 3] == 1),
        )
        out[i] = [hash(f) & 0xFFFFFFFFFFFF for f in row]
    return out


def _quote_state(doc: Doc) -> list[int]:
    """0 outside quotes, 1 inside, 2 a quote mark; paragraph breaks close open quotes."""
    inside, state = False, []
    for token in doc:
        text = token.text
        if text in _OPEN or (text in _STRAIGHT and not inside):
            inside = True
            state.append(2)
        elif text in _CLOSE or text in _STRAIGHT:
            inside = False
            state.append(2)
        else:
            if "\n" in text:
                inside = False
            state.append(int(inside))
    return state


def _nearest_cue(sent_start: list[int], is_cue: list[bool]) -> list[tuple[int, int]]:
    """Per token: (side, bucketed distance) of the nearest cue word in its sentence."""
    n, out, start = len(is_cue), [], 0
    bounds = [i for i in range(n) if sent_start[i] == 1 or i == 0] + [n]
    for start, end in zip(bounds, bounds[1:], strict=False):
        cues = [i for i in range(start, end) if is_cue[i]]
        for i in range(start, end):
            if not cues:
                out.append((0, 0))
                continue
            j = min(cues, key=lambda c: abs(c - i))
            d = abs(j - i)
            out.append((1 if j > i else (2 if j < i else 3), d if d < 4 else 4 + (d > 8) + (d > 16)))
    return out


def data_dir() -> Path:
    """The packaged component's folder (``counterclaim/data/attribution_tagger``)."""
    return Path(str(resources.files("counterclaim") / "data" / "attribution_tagger"))


def add_tagger(nlp: Language, path: Path | None = None) -> None:
    """Add the trained tagger (from package data, or ``path``) after the md pipeline's components."""
    if NAME in nlp.pipe_names:
        return
    folder = path or data_dir()
    model_cfg = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    pipe = nlp.add_pipe(FACTORY, name=NAME, config={"model": model_cfg})
    pipe.from_disk(folder / "component", exclude=["vocab"])
    settings = folder / "decoding.json"
    if settings.is_file():
        set_outside_bias(pipe, json.loads(settings.read_text(encoding="utf-8"))["outside_bias"])


def set_outside_bias(pipe: AttributionTagger, bias: float) -> None:
    """Shift the score of the "O" (outside) action by ``bias`` (negative: more spans, more recall).

    The greedy tagger under-predicts; the shift is tuned on PolNeAR dev and stored next to the
    weights (``decoding.json``). The original bias is kept, so repeated calls do not add up.
    """
    upper = pipe.model.get_ref("upper")
    base = getattr(pipe, "_base_bias", None)
    if base is None:
        base = pipe._base_bias = upper.get_param("b").copy()
    moves = pipe.moves
    names = [moves.get_class_name(i) for i in range(moves.n_moves)]
    b = base.copy()
    b[names.index("O")] += bias
    upper.set_param("b", b)


def tag(doc: Doc) -> list[Tagged]:
    """Decode the tagger's spans of ``doc`` into attributions (character offsets into ``doc.text``)."""
    spans = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
    return decode(doc, spans)


# --- decoding -------------------------------------------------------------------------------


def decode(doc: Doc, spans: list[SpacySpan]) -> list[Tagged]:
    """Pair CUE, CONTENT and SOURCE spans into attributions."""
    cues = [s for s in spans if s.label_ == "CUE"]
    sources = [s for s in spans if s.label_ == "SOURCE"]
    if not cues:
        return []
    sent_of = _sentence_index(doc)
    by_cue: dict[int, list[tuple[SpacySpan, float]]] = {}
    for group in _content_groups(doc, spans):
        best = min(
            (
                (min(_link_cost(piece, cue, sent_of) for piece in group), i)
                for i, cue in enumerate(cues)
            ),
            default=(float("inf"), -1),
        )
        if best[0] < float("inf"):
            by_cue.setdefault(best[1], []).extend((piece, best[0]) for piece in group)
    out = []
    for i, cue in enumerate(cues):
        attached = sorted(by_cue.get(i, []), key=lambda pair: pair[0].start)
        if not attached:
            continue
        source = _best_source(cue, sources, sent_of)
        pieces = tuple(_char_span(doc, c) for c, _ in attached)
        cost = min(c for _, c in attached)
        out.append(
            Tagged(
                cue=_char_span(doc, cue),
                content=Span.of(doc.text, pieces[0].start, pieces[-1].end),
                source=_char_span(doc, source) if source is not None else None,
                score=1.0 / (1.0 + cost),
                pieces=pieces if len(pieces) > 1 else (),
            )
        )
    return out


def _content_groups(doc: Doc, spans: list[SpacySpan]) -> list[list[SpacySpan]]:
    """CONTENT spans chained into groups: a span continues the previous group when only
    whitespace separates them (the tagger splits a multi-sentence content at sentence starts)."""
    groups: list[list[SpacySpan]] = []
    last_end = -1
    for span in sorted(spans, key=lambda s: s.start):
        if span.label_ != "CONTENT":
            if span.start < len(doc):
                last_end = -1
            continue
        if groups and last_end >= 0 and all(t.is_space for t in doc[last_end : span.start]):
            groups[-1].append(span)
        else:
            groups.append([span])
        last_end = span.end
    return groups


def _sentence_index(doc: Doc) -> list[int]:
    """Sentence number of every token."""
    index = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


def _linked(a: SpacySpan, b: SpacySpan) -> bool:
    """A token of one span has its syntactic head in the other."""
    return any(b.start <= t.head.i < b.end for t in a) or any(
        a.start <= t.head.i < a.end for t in b
    )


def _gap(a: SpacySpan, b: SpacySpan) -> int:
    """Tokens between two spans (0 when adjacent or overlapping)."""
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def _link_cost(content: SpacySpan, cue: SpacySpan, sent_of: list[int]) -> float:
    """How unlikely ``content`` belongs to ``cue`` (inf: not at all)."""
    if _linked(content, cue):
        return 0.0
    gap = _gap(content, cue)
    c_sents = range(sent_of[content.start], sent_of[content.end - 1] + 1)
    cue_sent = sent_of[cue.start]
    sent_gap = min(abs(cue_sent - s) for s in c_sents)
    if sent_gap > MAX_SENT_GAP or gap > MAX_TOKEN_GAP:
        return float("inf")
    return 1.0 + 2.0 * sent_gap + gap / 10.0


def _best_source(cue: SpacySpan, sources: list[SpacySpan], sent_of: list[int]) -> SpacySpan | None:
    """The source linked to ``cue`` (e.g. its subject), else the nearest in its sentence."""
    best: tuple[float, SpacySpan] | None = None
    for source in sources:
        if _linked(source, cue):
            cost = 0.0
        elif sent_of[source.start] == sent_of[cue.start]:
            cost = 1.0 + _gap(source, cue) / 10.0
        else:
            continue
        if best is None or cost < best[0]:
            best = (cost, source)
    return best[1] if best else None


def _char_span(doc: Doc, span: SpacySpan) -> Span:
    """A token span as a character :class:`records.Span` of ``doc.text``."""
    return Span.of(doc.text, span.start_char, span.end_char)


def to_item(tagged: Tagged) -> Item:
    """A decoded attribution reduced to a :class:`scoring.Item`."""
    source = ((tagged.source.start, tagged.source.end),) if tagged.source else ()
    return Item(
        cue=((tagged.cue.start, tagged.cue.end),),
        content=tuple((p.start, p.end) for p in tagged.content_pieces),
        source=source,
        ref=tagged,
    )


def predictor(nlp: Language) -> Callable[[str], list[Item]]:
    """``text -> items`` with ``nlp`` (which must hold the tagger), for PolNeAR evaluation."""

    def predict(text: str) -> list[Item]:
        return [to_item(t) for t in tag(nlp(text))]

    return predict
