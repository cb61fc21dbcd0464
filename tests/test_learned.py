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
