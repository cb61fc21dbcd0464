"""Invented articles for the review tests: two reports that disagree on a death toll,
and a third, later one that names the same town. Literal records, no model needed."""

from __future__ import annotations

import datetime as dt

from webdata import span

from counterclaim.records import Analysis, Attribution, Claim, Count, Document, Entity, Mention

MINISTRY = (
    "The Interior Ministry said on Monday that 40 insurgents were killed near Velmora, "
    "and that the Drava Front had lost its depot."
)
FRONT = (
    "Drava Front commanders said only 4 of their fighters died near Velmora on Monday, "
    "according to a statement."
)
AID = "Aid workers in Velmora said the town was calm on Tuesday, according to the agency."
MINISTRY_ID = "ab5e1e5500000001"
FRONT_ID = "ab5e1e5500000002"
AID_ID = "ab5e1e5500000003"
DAY = "2026-03-02"


def ministry() -> Analysis:
    """The ministry's figure: 40 insurgents killed."""
    text = MINISTRY
    doc = Document(MINISTRY_ID, text, 0, dt.date(2026, 3, 3), "Ostrava Wire",
                   title="Ministry reports 40 insurgents killed", origin="ministry.txt")  # fmt: skip
    said = Attribution(
        doc.id, 1, span(text, "said"),
        span(text, "40 insurgents were killed near Velmora"),
        source=span(text, "The Interior Ministry"), speaker="ministry",
        speaker_name="Interior Ministry", chain=("Ostrava Wire",), date=DAY, confidence=0.93,
    )  # fmt: skip
    depot = Attribution(
        doc.id, 2, span(text, "said"), span(text, "the Drava Front had lost its depot"),
        source=span(text, "The Interior Ministry"), speaker="ministry",
        speaker_name="Interior Ministry", chain=("Ostrava Wire",), date=DAY, confidence=0.41,
    )  # fmt: skip
    entities = (
        Entity("ministry", "Interior Ministry", "ORG", (span(text, "The Interior Ministry"),),
               side="government"),
        Entity("drava-front", "Drava Front", "ORG",
               (span(text, "insurgents"), span(text, "the Drava Front")), side="Drava Front"),
        Entity("velmora", "Velmora", "PLACE", (span(text, "Velmora"),)),
    )  # fmt: skip
    mentions = (
        Mention(span(text, "The Interior Ministry"), "ORG", "ministry"),
        Mention(span(text, "insurgents"), "ORG", "drava-front"),
        Mention(span(text, "Velmora"), "PLACE", "velmora"),
    )
    claims = (
        Claim(doc.id, 1, 1, "fatalities", True, args={"victim": "drava-front", "place": "velmora"},
              count=Count(40, 40, 40, text="40"), date=DAY, evidence=said.content,
              text="40 Drava Front killed near Velmora"),
    )  # fmt: skip
    return Analysis(doc, (said, depot), entities, mentions, claims)


def front() -> Analysis:
    """The Drava Front's figure: 4 fighters died."""
    text = FRONT
    doc = Document(FRONT_ID, text, 0, dt.date(2026, 3, 3), "Lakeside Radio",
                   title="Drava Front says 4 fighters died", origin="front.txt")  # fmt: skip
    said = Attribution(
        doc.id, 1, span(text, "said"),
        span(text, "only 4 of their fighters died near Velmora on Monday"),
        source=span(text, "Drava Front commanders"), speaker="drava-front",
        speaker_name="Drava Front", chain=("a statement", "Lakeside Radio"), date=DAY,
        confidence=0.88,
    )  # fmt: skip
    entities = (
        Entity("drava-front", "Drava Front", "ORG", (span(text, "Drava Front"),),
               side="Drava Front"),
        Entity("velmora", "Velmora", "PLACE", (span(text, "Velmora"),)),
    )  # fmt: skip
    mentions = (
        Mention(span(text, "Drava Front"), "ORG", "drava-front"),
        Mention(span(text, "Velmora"), "PLACE", "velmora"),
    )
    claims = (
        Claim(doc.id, 1, 1, "fatalities", True, args={"victim": "drava-front", "place": "velmora"},
              count=Count(4, 4, 4, text="4"), date=DAY, evidence=said.content,
              text="4 Drava Front killed near Velmora"),
    )  # fmt: skip
    return Analysis(doc, (said,), entities, mentions, claims)


def aid() -> Analysis:
    """A later article naming the town only."""
    text = AID
    doc = Document(AID_ID, text, 0, dt.date(2026, 3, 4), "Relief Daily", origin="aid.txt")
    said = Attribution(
        doc.id, 1, span(text, "said"), span(text, "the town was calm on Tuesday"),
        source=span(text, "Aid workers in Velmora"), speaker="aid-workers",
        speaker_name="Aid workers", chain=("the agency", "Relief Daily"), confidence=0.7,
    )  # fmt: skip
    entities = (
        Entity("aid-workers", "Aid workers", "UNNAMED", (span(text, "Aid workers"),)),
        Entity("velmora", "Velmora", "PLACE", (span(text, "Velmora"),)),
    )
    return Analysis(doc, (said,), entities, (Mention(span(text, "Velmora"), "PLACE", "velmora"),))
