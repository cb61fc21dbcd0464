"""Headlines and subheads are not speech (extract.headings)."""

from __future__ import annotations

import datetime as dt

import pytest

from counterclaim.extract.headings import heading_lines
from counterclaim.records import Document

STORY = """Separatists surge in the southwest

Attacks by separatist fighters have grown sharply this year, officials said on Monday.

Army launches offensive

The army launched an offensive in the hills on Tuesday, a spokesman said.

Rebels warn of more strikes
The rebel commander said his men would strike again within days."""

WRAPPED = """The army said on Monday that it had killed 30
fighters in a raid on a compound in the
north of the province, and that its troops had
lost two men."""


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in heading_lines(text)]


def test_heading_lines() -> None:
    assert _texts(STORY) == [
        "Separatists surge in the southwest",
        "Army launches offensive",
        "Rebels warn of more strikes",
    ]


def test_a_hard_wrapped_paragraph_has_no_headings() -> None:
    assert _texts(WRAPPED) == []
    assert _texts("One short line\nand its continuation, which ends.") == []


@pytest.mark.model
def test_no_statement_from_a_heading_without_a_reporting_cue() -> None:
    from counterclaim.pipeline import analyze_documents

    doc = Document(id="h", text=STORY, date=dt.date(2025, 3, 5), publisher="WIRE")
    analysis = next(analyze_documents([doc]))
    said = [a for a in analysis.attributions if a.kind != "narrator"]
    headings = [STORY[s:e] for s, e in heading_lines(STORY)]
    for a in said:
        # no content runs over a heading, and a cue in a heading is a reporting cue
        assert not any(h in a.content.text for h in headings), a.content.text
        if any(a.cue.text in h for h in headings[:2]):
            pytest.fail(f"statement from a heading: {a.cue.text!r}")
    contents = [a.content.text for a in said]
    assert "Attacks by separatist fighters have grown sharply this year" in contents


def test_a_signed_quotation_is_no_heading() -> None:
    assert _texts('"We are not leaving this land." - Maria Lopez\n\nThe talks continue.') == []


def test_an_abbreviation_does_not_end_a_heading() -> None:
    text = "U.S. forces strike militant targets\n\nThe strikes hit three sites, officials said."
    assert _texts(text) == ["U.S. forces strike militant targets"]
