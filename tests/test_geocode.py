"""Offline geocoding: countries, ISO 3166-2 regions, towns with coordinates, "the province"."""

from __future__ import annotations

import pytest

from counterclaim.records import Analysis, Document, Entity, Mention, Span
from counterclaim.resolve.geocode import geocode, lookup, place_in_context


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Afghanistan", "AF"),
        ("Afghanistan’s", "AF"),
        ("Russia", "RU"),
        ("US", "US"),
        ("Britain", "GB"),
        ("Tajikistan", "TJ"),
        ("Syria", "SY"),
    ],
)
def test_countries(name: str, code: str) -> None:
    geo = lookup(name)
    assert geo is not None and (geo.kind, geo.country) == ("country", code)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Panjshir province", "AF-PAN"),
        ("the northern Panjshir province", "AF-PAN"),
        ("province of Panjshir", "AF-PAN"),
        ("Kharkiv region", "UA-63"),
        ("Anbar", "IQ-AN"),
        ("Zaporizhzhia", "UA-23"),
    ],
)
def test_regions(name: str, code: str) -> None:
    geo = lookup(name)
    assert geo is not None and (geo.kind, geo.iso3166_2) == ("region", code)


def test_region_centroid_from_its_towns() -> None:
    geo = lookup("Panjshir province")
    assert geo.name == "Panjshir Province"
    assert abs(geo.lat - 35.3) < 0.3 and abs(geo.lon - 69.6) < 0.3


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [
        ("Kabul", "AF", 34.5, 69.2),
        ("Kharkiv", "UA", 50.0, 36.2),
        ("Mogadishu", "SO", 2.0, 45.3),
        ("Paris", "FR", 48.9, 2.3),
        ("Bakhmut", "UA", 48.6, 38.0),
    ],
)
def test_towns(name: str, country: str, lat: float, lon: float) -> None:
    geo = lookup(name)
    assert geo is not None and (geo.kind, geo.country) == ("town", country)
    assert abs(geo.lat - lat) < 0.2 and abs(geo.lon - lon) < 0.2


def test_document_countries_break_ties() -> None:
    assert lookup("Kabul", frozenset({"IL"})).country == "IL"


def _doc(text: str, places: list[tuple[str, str]]) -> Analysis:
    mentions, entities = [], {}
    for surface, key in places:
        start = text.index(surface)
        span = Span.of(text, start, start + len(surface))
        mentions.append(Mention(span, "PLACE", key))
        old = entities.get(key)
        entities[key] = Entity(key, surface, "PLACE", (*(old.mentions if old else ()), span))
    return Analysis(
        Document("d", text), entities=tuple(entities.values()), mentions=tuple(mentions)
    )


def test_the_province_in_context() -> None:
    text = (
        "Fighting continues in the northern Panjshir province of Afghanistan. "
        "The Taliban failed to seize the province."
    )
    analysis = geocode(_doc(text, [("Panjshir", "panjshir"), ("Afghanistan", "afghanistan")]))
    geos = {e.key: e.geo for e in analysis.entities}
    assert geos["panjshir"].iso3166_2 == "AF-PAN" and geos["afghanistan"].country == "AF"
    offset = text.index("the province")
    assert place_in_context(analysis, offset, "province") == "panjshir"
    assert place_in_context(analysis, offset, "country") == "afghanistan"


def test_dateline_is_not_pulled_into_the_story_country() -> None:
    text = "CAIRO. Fighting in Cairo, Georgia and the US."
    doc = _doc(text, [("CAIRO", "cairo"), ("US", "us")])
    doc = Analysis(
        Document("d", text, dateline=Span.of(text, 0, 5)),
        entities=doc.entities,
        mentions=doc.mentions,
    )
    geos = {e.key: e.geo for e in geocode(doc).entities}
    assert geos["cairo"].country == "EG" and geos["us"].country == "US"
