"""A learned attribution tagger (trained on PolNeAR) and its decoding into attributions.

The component is a transition-based entity recognizer with the labels ``CUE``, ``SOURCE`` and
``CONTENT``. Its token vectors reuse ``doc.tensor`` (the output of ``en_core_web_md``'s shared
``tok2vec``, frozen in training) plus hashed features of the md parse, of quotation marks and
of words often found in cues, mixed by a small CNN; so it adds no second embedding. It does not
touch ``doc.ents``: its spans go to ``doc.spans["attribution_tagger"]`` and the md pipeline's
named entities are left as they were. Training: ``scripts/train_tagger.py``.

Decoding (:func:`tag`) pairs every content span (multi-sentence contents come in pieces, one
per sentence, re-joined here) with a cue: a syntactic link between them, else the nearest cue of
the same sentence. Every cue gets a source: the one linked to it (e.g. its subject), else the
nearest in its sentence. The content pieces of one cue become one (possibly discontinuous)
attribution; a cue with no content takes its clausal complement, if any.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IS_SPACE, LOWER, SENT_START
from spacy.language import Language
from spacy.ml.models.tok2vec import MaxoutWindowEncoder
from spacy.pipeline import EntityRecognizer
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, with_array
from thinc.types import Floats2d

from counterclaim.records import Span

NAME = "attribution_tagger"
FACTORY = "counterclaim_attribution_tagger"
SPANS_KEY = NAME
MAX_SENT_GAP = 0  # a content may attach to a cue at most this many sentences away (tuned on dev)
MAX_TOKEN_GAP = 40  # ... and at most this many tokens away
WINDOW = 1  # tokens each side seen by one layer of the encoder's CNN
FALLBACK_CONTENT = True  # a cue without tagged content takes its clausal complement


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
    width: int,
    depth: int,
    feature_width: int,
    rows: int,
    maxout_pieces: int = 2,
    cue_words_path: str | None = None,
) -> Model[list[Doc], list[Floats2d]]:
    """Token vectors for the tagger: ``doc.tensor`` (the md pipeline's tok2vec output, frozen)
    concatenated with hashed embeddings of :func:`token_features`, mixed by a CNN.

    The CNN runs on the batch's tokens concatenated, padded between documents by its
    receptive field (``depth`` tokens), so a window never sees the next document's tokens:
    a document gets the same vectors alone and in any batch."""
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
                Maxout(width, nP=maxout_pieces, dropout=0.0, normalize=True),
                MaxoutWindowEncoder(
                    width=width, window_size=WINDOW, maxout_pieces=maxout_pieces, depth=depth
                ),
            ),
            pad=WINDOW * depth,  # the encoder's receptive field: no window crosses documents
        ),
    )


def _tensor_forward(
    model: Model, docs: list[Doc], is_train: bool
) -> tuple[list[Floats2d], Callable]:
    return [model.ops.asarray2f(doc.tensor) for doc in docs], lambda d: []


def _features_forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[list[Any], Callable]:
    cue_words = _cue_hashes(tuple(model.attrs["cue_words"]))
    return [model.ops.asarray(token_features(doc, cue_words), dtype="uint64") for doc in docs], (
        lambda d: []
    )


@lru_cache(maxsize=4)
def _cue_hashes(words: tuple[str, ...]) -> numpy.ndarray:
    return numpy.array([hash_string(w) for w in words], dtype="uint64")


N_FEATURES = 7
_OPEN, _CLOSE, _STRAIGHT = {"“", "‘‘", "``"}, {"”", "''"}, {'"'}
_QUOTES = {hash_string(q): q for q in _OPEN | _CLOSE | _STRAIGHT}
_MIX = numpy.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype="uint64")


def token_features(doc: Doc, cue_words: numpy.ndarray) -> numpy.ndarray:
    """Per token, ``N_FEATURES`` hashed features from the parse, the quotes and cue words:
    dep; dep of head; cue word (self, head); the dep under the nearest cue-word ancestor;
    inside a quote; side and distance of the nearest cue word of the sentence; sentence
    position. Vectorised: this runs on every document."""
    n = len(doc)
    arr = doc.to_array([HEAD, DEP, LOWER, IS_SPACE, SENT_START]).astype("int64")
    index = numpy.arange(n)
    heads, deps = arr[:, 0] + index, arr[:, 1]
    is_cue = numpy.isin(arr[:, 2].astype("uint64"), cue_words)
    starts = (arr[:, 4] == 1) | (index == 0)
    ends = numpy.append(starts[1:], True)
    cols = [
        _mix(1, deps),
        _mix(2, deps, deps[heads]),
        _mix(3, is_cue, deps, is_cue[heads]),
        _mix(4, _under_cue(heads, deps, is_cue)),
        _mix(5, _quote_state(doc, arr[:, 2])),
        _mix(6, *_nearest_cue(numpy.cumsum(starts), is_cue)),
        _mix(7, starts, ends, arr[:, 3]),
    ]
    return numpy.stack(cols, axis=1)


def _mix(kind: int, *columns: numpy.ndarray) -> numpy.ndarray:
    """Combine integer columns into one uint64 feature id (wrapping arithmetic)."""
    with numpy.errstate(over="ignore"):
        out = numpy.full(len(columns[0]), kind, dtype="uint64")
        for k, col in enumerate(columns):
            out = out * _MIX[k % 3] + numpy.asarray(col).astype("uint64")
    return out


def _under_cue(heads: numpy.ndarray, deps: numpy.ndarray, is_cue: numpy.ndarray) -> numpy.ndarray:
    """Per token, the dep of the child of its nearest cue-word ancestor on the path (0: none)."""
    out = numpy.zeros(len(heads), dtype="int64")
    cur = numpy.arange(len(heads))
    active = heads != cur
    for _ in range(40):
        if not active.any():
            break
        up = heads[cur]
        hit = active & is_cue[up]
        out[hit] = deps[cur[hit]]
        active &= ~hit & (heads[up] != up)
        cur = numpy.where(active, up, cur)
    return out


def _quote_state(doc: Doc, lowers: numpy.ndarray) -> numpy.ndarray:
    """0 outside quotes, 1 inside, 2 a quote mark; a paragraph break closes an open quote."""
    state = numpy.zeros(len(doc), dtype="int64")
    marks = [i for i, h in enumerate(lowers.astype("uint64").tolist()) if h in _QUOTES]
    marks += [t.i for t in doc if t.is_space and "\n" in t.text]
    inside, opened = False, 0
    for i in sorted(marks):
        text = doc[i].text
        if text not in _QUOTES.values():  # paragraph break
            if inside:
                state[opened:i] = 1
            inside = False
            continue
        state[i] = 2
        if text in _OPEN or (text in _STRAIGHT and not inside):
            inside, opened = True, i + 1
        elif inside:
            state[opened:i] = 1
            inside = False
    if inside:
        state[opened:] = 1
    return state


def _nearest_cue(sent: numpy.ndarray, is_cue: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Per token: side (0 none, 1 right, 2 left, 3 self) and bucketed distance of the nearest
    cue word of its sentence."""
    n = len(sent)
    index = numpy.arange(n)
    left = numpy.maximum.accumulate(numpy.where(is_cue, index, -1))
    right = numpy.minimum.accumulate(numpy.where(is_cue, index, n)[::-1])[::-1]
    has_left = (left >= 0) & (sent[numpy.clip(left, 0, n - 1)] == sent)
    has_right = (right < n) & (sent[numpy.clip(right, 0, n - 1)] == sent)
    d_left = numpy.where(has_left, index - left, 10**6)
    d_right = numpy.where(has_right, right - index, 10**6)
    dist = numpy.minimum(d_left, d_right)
    side = numpy.where(
        dist >= 10**6, 0, numpy.where(dist == 0, 3, numpy.where(d_right < d_left, 1, 2))
    )
    bucket = numpy.where(dist < 4, dist, 4 + (dist > 8) + (dist > 16))
    return side, numpy.where(side == 0, 0, bucket)


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
    pad_between_documents(pipe.model)
    settings = folder / "decoding.json"
    if settings.is_file():
        set_outside_bias(pipe, json.loads(settings.read_text(encoding="utf-8"))["outside_bias"])


def pad_between_documents(model: Model) -> None:
    """Pad the documents of a batch apart by the CNN's receptive field.

    Saved weights bring back the layers' attributes as trained, ``pad=0`` included (then a
    document's first and last tokens saw its neighbours in the batch, so one article tagged
    differently by batch); this sets the padding again after loading.
    """
    for node in model.walk():
        if node.name.startswith("with_array"):
            windows = len({id(n) for n in node.walk() if n.name.startswith("expand_window")})
            if windows:
                node.attrs["pad"] = WINDOW * windows


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
    spans = sorted(spans, key=lambda s: s.start)
    cues = [s for s in spans if s.label_ == "CUE"]
    sources = [s for s in spans if s.label_ == "SOURCE"]
    if not cues:
        return []
    links, sent_of, text = _links(doc, spans), _sentence_index(doc), doc.text
    cue_sents = [sent_of[cue.start] for cue in cues]  # ascending, as the spans are sorted
    source_sents = [sent_of[source.start] for source in sources]
    by_cue: dict[int, list[tuple[SpacySpan, float]]] = {}
    for group in _content_groups(doc, spans):
        lo = bisect_left(cue_sents, sent_of[group[0].start] - MAX_SENT_GAP)
        hi = bisect_right(cue_sents, sent_of[group[-1].end - 1] + MAX_SENT_GAP)
        costs = [
            (min(_link_cost(piece, cues[i], sent_of, links) for piece in group), i)
            for i in range(lo, hi)
        ]
        cost, best = min(costs, default=(float("inf"), -1))
        if cost < float("inf"):
            by_cue.setdefault(best, []).extend((piece, cost) for piece in group)
    out = []
    for i, cue in enumerate(cues):
        attached = sorted(by_cue.get(i, []), key=lambda pair: pair[0].start)
        if not attached:
            fallback = _clausal_content(cue, spans) if FALLBACK_CONTENT else None
            if fallback is None:
                continue
            attached = [(fallback, 5.0)]
        same = sources[
            bisect_left(source_sents, cue_sents[i]) : bisect_right(source_sents, cue_sents[i])
        ]
        source = _best_source(cue, same, links)
        pieces = tuple(_char_span(text, c) for c, _ in attached)
        cost = min(c for _, c in attached)
        out.append(
            Tagged(
                cue=_char_span(text, cue),
                content=Span.of(text, pieces[0].start, pieces[-1].end),
                source=_char_span(text, source) if source is not None else None,
                score=1.0 / (1.0 + cost),
                pieces=pieces if len(pieces) > 1 else (),
            )
        )
    return out


def _clausal_content(cue: SpacySpan, spans: list[SpacySpan]) -> SpacySpan | None:
    """For a cue the tagger left without content: the subtree of its clausal complement,
    unless that overlaps another tagged span."""
    for token in cue:
        for child in token.children:
            if child.dep_ in ("ccomp", "xcomp") and not cue.start <= child.i < cue.end:
                sub = cue.doc[child.left_edge.i : child.right_edge.i + 1]
                if not any(s.start < sub.end and sub.start < s.end for s in spans):
                    return sub
    return None


def _content_groups(doc: Doc, spans: list[SpacySpan]) -> list[list[SpacySpan]]:
    """CONTENT spans chained into groups: a span continues the previous group when only
    whitespace separates them (the tagger splits a multi-sentence content at sentence starts)."""
    groups: list[list[SpacySpan]] = []
    last_end = -1
    for span in sorted(spans, key=lambda s: s.start):
        if span.label_ != "CONTENT":
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
    starts = doc.to_array([SENT_START]).reshape(-1) == 1
    if len(starts):
        starts[0] = True
    return numpy.cumsum(starts).tolist()


def _links(doc: Doc, spans: list[SpacySpan]) -> set[tuple[int, int]]:
    """Pairs of span starts ``(a, b)``, a < b, where a token of one has its head in the other."""
    owner = numpy.full(len(doc), -1, dtype="int64")
    for span in spans:
        owner[span.start : span.end] = span.start
    heads = doc.to_array([HEAD]).reshape(-1).astype("int64") + numpy.arange(len(doc))
    a, b = owner, owner[heads]
    keep = (a >= 0) & (b >= 0) & (a != b)
    return {(min(x, y), max(x, y)) for x, y in zip(a[keep].tolist(), b[keep].tolist(), strict=True)}


def _linked(a: SpacySpan, b: SpacySpan, links: set[tuple[int, int]]) -> bool:
    """A token of one span has its syntactic head in the other."""
    return (min(a.start, b.start), max(a.start, b.start)) in links


def _gap(a: SpacySpan, b: SpacySpan) -> int:
    """Tokens between two spans (0 when adjacent or overlapping)."""
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def _link_cost(
    content: SpacySpan, cue: SpacySpan, sent_of: list[int], links: set[tuple[int, int]]
) -> float:
    """How unlikely ``content`` belongs to ``cue`` (inf: not at all)."""
    if _linked(content, cue, links):
        return 0.0
    gap = _gap(content, cue)
    cue_sent = sent_of[cue.start]
    first, last = sent_of[content.start], sent_of[content.end - 1]
    sent_gap = 0 if first <= cue_sent <= last else min(abs(cue_sent - first), abs(cue_sent - last))
    if sent_gap > MAX_SENT_GAP or gap > MAX_TOKEN_GAP:
        return float("inf")
    return 1.0 + 2.0 * sent_gap + gap / 10.0


def _best_source(
    cue: SpacySpan, sources: list[SpacySpan], links: set[tuple[int, int]]
) -> SpacySpan | None:
    """The source linked to ``cue`` (e.g. its subject), else the nearest; ``sources`` are the
    ones in the cue's sentence."""
    best: tuple[float, int] | None = None
    for n, source in enumerate(sources):
        cost = 0.0 if _linked(source, cue, links) else 1.0 + _gap(source, cue) / 10.0
        if best is None or cost < best[0]:
            best = (cost, n)
    return sources[best[1]] if best else None


def _char_span(text: str, span: SpacySpan) -> Span:
    """A token span as a character :class:`records.Span` of the doc's ``text``."""
    return Span.of(text, span.start_char, span.end_char)
