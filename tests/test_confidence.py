"""Attribution confidence: evidence keys, the fitted table, smoothing."""

from __future__ import annotations

import pytest

from counterclaim.extract.confidence import (
    confidence,
    cue_class,
    evidence_key,
    fit,
    lemma_guess,
    probability,
)


@pytest.mark.parametrize(
    ("cue", "kind"),
    [
        ("said", "say"),
        ("According to", "say"),
        ("told", "say"),
        ("denied", "report"),
        ("called for", "report"),
        ("quickly claimed", "report"),
        ("hopes", "intent"),
        ("wants", "intent"),
        ("believes", "attitude"),
        ("launched", "other"),
    ],
)
def test_cue_classes(cue: str, kind: str) -> None:
    assert cue_class(cue) == kind


def test_lemma_guess() -> None:
    assert [lemma_guess(w) for w in ("said", "claimed", "denies", "accused", "urging")] == [
        "say",
        "claim",
        "deny",
        "accuse",
        "urge",
    ]


def test_fitted_rates_are_smoothed_towards_the_family() -> None:
    key = evidence_key("learned", "hopes", True, False)
    table = fit([(key, False), (key, False), (evidence_key("learned", "said", True, False), True)])
    # two misses of four: pulled towards the family rate (1/3), not 0
    assert 0.0 < probability(key, table) < 1 / 3
    common = evidence_key("rules", "said", True, True)
    table = fit([(common, True)] * 95 + [(common, False)] * 5)
    assert probability(common, table) == pytest.approx(0.95, abs=0.001)


def test_narrator_sentences_are_certain() -> None:
    assert confidence("narrator", "", False, False) == 1.0
    assert 0.0 < confidence("rules", "said", True, True) <= 1.0
