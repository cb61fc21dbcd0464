"""The shipped attribution tagger loads and finds a simple attribution (loads the md model)."""

from __future__ import annotations

import pytest

from counterclaim.extract import learned

pytestmark = pytest.mark.model

SENTENCE = '"The plan failed," the minister told reporters on Monday.'


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from counterclaim.language import load_nlp

    nlp = load_nlp().__class__.from_config(load_nlp().config)  # a private copy: we add a pipe
    nlp.from_bytes(load_nlp().to_bytes())
    learned.add_tagger(nlp)
    return nlp


def test_tagger_finds_the_attribution(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(SENTENCE)
    found = learned.tag(doc)
    assert len(found) == 1
    (attribution,) = found
    assert attribution.cue.text in {"told", "told reporters"}
    assert "The plan failed" in attribution.content.text
    assert attribution.source is not None and "minister" in attribution.source.text
    assert 0.0 < attribution.score <= 1.0
    for span in (attribution.cue, attribution.content, attribution.source):
        assert SENTENCE[span.start : span.end] == span.text


def test_named_entities_are_left_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Hillary Clinton said on Monday that Donald Trump was unfit to lead.")
    assert {e.label_ for e in doc.ents} >= {"PERSON"}
    assert all(e.label_ not in {"CUE", "SOURCE", "CONTENT"} for e in doc.ents)
    assert len(learned.tag(doc)) == 1


def test_add_tagger_is_idempotent(nlp) -> None:  # type: ignore[no-untyped-def]
    learned.add_tagger(nlp)
    assert nlp.pipe_names.count(learned.NAME) == 1


def test_a_document_gets_the_same_vectors_alone_and_in_a_batch(nlp) -> None:  # type: ignore[no-untyped-def]
    """The tagger's CNN must not see the next document's tokens: same vectors, same spans."""
    from counterclaim.extract.learned import NAME, SPANS_KEY

    texts = [
        "Officials said the bridge had reopened. Residents disagreed.",
        "The army said on Monday that its troops had taken the town.",
        "Rebels denied the report, a spokesman told reporters.",
    ]
    tagger = nlp.get_pipe(NAME)
    encoder = tagger.model.get_ref("tok2vec")
    docs = list(nlp.pipe(texts, disable=[NAME]))
    together = encoder.predict(docs)  # the batch's token rows, one document after another
    start = 0
    for i, doc in enumerate(docs):
        alone = encoder.predict([doc])
        assert alone.shape[0] == len(doc)
        assert (alone == together[start : start + len(doc)]).all(), f"document {i} differs"
        start += len(doc)
    batch = list(nlp.pipe(texts, batch_size=3))
    for text, doc in zip(texts, batch, strict=True):
        single = nlp(text)
        spans = [(s.start, s.end, s.label_) for s in single.spans[SPANS_KEY]]
        assert spans == [(s.start, s.end, s.label_) for s in doc.spans[SPANS_KEY]]


def test_an_article_gives_the_same_analysis_alone_and_in_any_batch() -> None:
    """The whole pipeline: each test-corpus article alone equals it inside a batch."""
    from pathlib import Path

    from counterclaim.ingest.readers import read_paths
    from counterclaim.pipeline.analysis import analyze_documents, load_pipeline
    from counterclaim.records import Document

    corpus = sorted((Path(__file__).parent / "corpus").glob("*.txt"))
    docs = [d for d in read_paths(corpus) if isinstance(d, Document)]
    nlp = load_pipeline()
    together = list(analyze_documents(docs[::-1], nlp, batch_size=16))[::-1]
    for doc, batched in zip(docs, together, strict=True):
        assert next(iter(analyze_documents([doc], nlp))) == batched, doc.origin
