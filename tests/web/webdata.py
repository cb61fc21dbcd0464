"""Literal records for the web tests: two articles written by hand, no model needed."""

from __future__ import annotations

import datetime as dt

from counterclaim.records import (
    Analysis,
    Attribution,
    Claim,
    Count,
    Document,
    Entity,
    Geo,
    Mention,
    Span,
)  # fmt: skip
from counterclaim.web.security import Limits

PANJSHIR = (
    " date 2021-09-03 CAIRO, September 3. /TASS/. Reuters said on Friday citing a Taliban "
    "source that the Taliban claims to have taken control of Panjshir. Meanwhile a source in "
    "the region told TASS that the national resistance forces refuted these reports."
)
HOSTILE = (
    "Kabul officials said <script>alert(1)</script> was found on <b>bold</b> & <i>unsafe</i> "
    "pages, according to the ministry."
)
RESISTANCE = (
    "The National Resistance Front said its fighters were holding the valley, according to "
    "a statement."
)
PANJSHIR_ID = "f00dcafe00000001"
RESISTANCE_ID = "f00dd00d00000003"
HOSTILE_ID = "f00dbeef00000002"
MAX_BYTES = 4_000
TOKEN = "test-token-0123456789abcdef"
AUTH = {"authorization": f"Bearer {TOKEN}"}
BASE_URL = "http://localhost"  # an allowed Host
ROOMY = Limits(reads_per_minute=100_000, writes_per_minute=10_000)
PANJSHIR_GEO = Geo("Panjshir", "region", "AF", "AF-PAN", 35.3, 69.5)


def span(text: str, needle: str) -> Span:
    """The first occurrence of ``needle`` in ``text`` as a span."""
    start = text.index(needle)
    return Span.of(text, start, start + len(needle))


def panjshir() -> Analysis:
    """The Reuters claim and the resistance denial from the Panjshir example, by hand."""
    text = PANJSHIR
    body = text.index("Reuters")
    doc = Document(PANJSHIR_ID, text, body, dt.date(2021, 9, 3), "TASS", span(text, "CAIRO"),
                   Span.of(text, 0, body - 1), None, None, "tass.txt")  # fmt: skip
    claim = Attribution(
        doc.id, 1, span(text, "claims"), span(text, "to have taken control of Panjshir"),
        source=span(text, "the Taliban"), speaker="taliban", speaker_name="Taliban",
        chain=("a Taliban source", "Reuters", "TASS"), date="2021-09-03",
    )  # fmt: skip
    denial = Attribution(
        doc.id, 2, span(text, "refuted"), span(text, "these reports"), stance="deny",
        source=span(text, "the national resistance forces"), speaker="nrf",
        speaker_name="National Resistance Front", responds_to=1,
        chain=("a source in the region", "TASS"), recipient="TASS",
    )  # fmt: skip
    taliban = (span(text, "Taliban"), span(text, "the Taliban"))
    entities = (
        Entity("taliban", "Taliban", "ORG", mentions=taliban, side="Taliban"),
        Entity(
            "nrf",
            "National Resistance Front",
            "ORG",
            mentions=(span(text, "the national resistance forces"),),
            side="anti-Taliban resistance",
        ),  # fmt: skip
        Entity("reuters", "Reuters", "MEDIA", mentions=(span(text, "Reuters"),)),
        Entity(
            "panjshir", "Panjshir", "PLACE", mentions=(span(text, "Panjshir"),), geo=PANJSHIR_GEO
        ),  # fmt: skip
    )
    mentions = (
        Mention(span(text, "Reuters"), "MEDIA", "reuters"),
        Mention(span(text, "Taliban"), "ORG", "taliban"),
        Mention(span(text, "the national resistance forces"), "ORG", "nrf"),
        Mention(span(text, "Panjshir"), "PLACE", "panjshir"),
    )
    where = {"actor": "taliban", "place": "panjshir"}
    claims = (
        Claim(doc.id, 1, 1, "territorial_control", True, args=where, date="2021-09-03",
              evidence=claim.content, text="Taliban control Panjshir"),
        Claim(doc.id, 2, 2, "territorial_control", False, args=where, date="2021-09-03",
              evidence=denial.content, text="Taliban do not control Panjshir"),
        Claim(doc.id, 3, 1, "fatalities", True, args={"victim": "taliban", "place": "panjshir"},
              count=Count(300, 350, 400, approx=True, text="about 350"), date="2021-09-02",
              text="about 350 Taliban killed in Panjshir"),
    )  # fmt: skip
    return Analysis(doc, (claim, denial), entities, mentions, claims)


def hostile() -> Analysis:
    """An article whose text and spans hold markup that must show as text."""
    text = HOSTILE
    doc = Document(HOSTILE_ID, text, 0, dt.date(2021, 9, 5), "Example Wire",
                   title="<img src=x onerror=alert(2)> headline", origin="hostile.txt")  # fmt: skip
    attr = Attribution(
        doc.id, 1, span(text, "said"), span(text, "<script>alert(1)</script> was found on <b>bold</b>"),
        source=span(text, "Kabul officials"), speaker="kabul-officials",
        speaker_name="Kabul officials", chain=("Example Wire",),
    )  # fmt: skip
    entities = (
        Entity("kabul-officials", "Kabul officials", "UNNAMED", (span(text, "Kabul officials"),)),
        Entity("taliban", "Taliban", "ORG", ()),
    )
    return Analysis(doc, (attr,), entities)


def resistance_statement() -> Analysis:
    """A third article naming the NRF in full, under another document key than ``nrf``."""
    text = RESISTANCE
    doc = Document(RESISTANCE_ID, text, 0, dt.date(2021, 9, 4), "Example Wire",
                   origin="resistance.txt")  # fmt: skip
    name = span(text, "The National Resistance Front")
    attr = Attribution(
        doc.id, 1, span(text, "said"), span(text, "its fighters were holding the valley"),
        source=name, speaker="resistance-front", speaker_name="National Resistance Front",
        chain=("Example Wire",),
    )  # fmt: skip
    entity = Entity("resistance-front", "National Resistance Front", "ORG", (name,),
                    side="anti-Taliban resistance")  # fmt: skip
    return Analysis(doc, (attr,), (entity,), (Mention(name, "ORG", "resistance-front"),))


def fake_analyzer(doc: Document) -> Analysis:
    """Stands in for the English pipeline: one narrator statement over the whole body."""
    body = Span.of(doc.text, doc.body_start, len(doc.text.rstrip()))
    narrator = Attribution(doc.id, 1, Span(body.start, body.start, ""), body, kind="narrator",
                           speaker_name=doc.publisher, chain=(doc.publisher or "?",))  # fmt: skip
    publisher = doc.publisher or "?"
    entity = Entity(publisher.casefold(), publisher, "MEDIA", (Span(0, 0, publisher),))
    return Analysis(doc, (narrator,), (entity,))
