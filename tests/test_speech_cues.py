"""What the learned tagger may add: statements on record, not actions or mental states."""

from __future__ import annotations

import pytest

from counterclaim.extract.merge import speech_cue

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from counterclaim.language import load_nlp

    return load_nlp()


def _cue(nlp, text: str, cue: str):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    start = text.index(cue)
    return doc.char_span(start, start + len(cue), alignment_mode="expand")


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Kenya launched an operation against the militants.", "launched"),
        ("Pakistan has seen a sharp increase in attacks.", "has seen"),
        ("The province experienced a rise in violence last year.", "experienced"),
        ("The ministry hopes to get new loans for the project.", "hopes"),
        ("An emergency was declared at the hospital.", "was declared"),
        ("The envoy reports to the council in Geneva.", "reports to"),
        ("The dispute adds to tensions between the neighbours.", "adds to"),
        ("The group also opposes foreign investment in the region.", "opposes"),
    ],
)
def test_not_speech(nlp, text: str, cue: str) -> None:
    assert not speech_cue(_cue(nlp, text, cue))


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Officials blamed the rebels for the blast.", "blamed"),
        ("The monitors detailed transfers of shells across the border.", "detailed"),
        ("The government cited records to back its claim.", "cited"),
        ("The army quickly claimed responsibility for the raid.", "claimed"),
        ("The envoy called for an immediate ceasefire.", "called for"),
    ],
)
def test_speech(nlp, text: str, cue: str) -> None:
    assert speech_cue(_cue(nlp, text, cue))
