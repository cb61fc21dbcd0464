"""Country outlines for the offline map, from the Natural Earth polygons shipped by the
``geo-intel-offline`` package (read once, never fetched).

:func:`outlines` gives the countries whose bounding box meets a view, each as rings of
(lat, lon); :func:`svg_path` projects and thins a country's rings into an SVG path.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class Country:
    """A country's outline: its rings of (lat, lon) and their bounding box."""

    name: str
    iso2: str
    rings: tuple[Ring, ...]
    south: float
    north: float
    west: float
    east: float


def _data_dir() -> Path:
    import geo_intel_offline

    return Path(geo_intel_offline.__file__).parent / "data"


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country outline (about 250), read from the package once per process."""
    folder = _data_dir()
    with gzip.open(folder / "polygons.json.gz", "rt", encoding="utf-8") as f:
        polygons = json.load(f)
    with gzip.open(folder / "metadata.json.gz", "rt", encoding="utf-8") as f:
        meta = json.load(f)
    found = []
    for key, poly in polygons.items():
        parts = poly.get("exteriors") or [poly.get("exterior") or []]
        rings = tuple(
            tuple((float(lat), float(lon)) for lat, lon in ring) for ring in parts if ring
        )
        if not rings:
            continue
        lats = [p[0] for r in rings for p in r]
        lons = [p[1] for r in rings for p in r]
        info = meta.get(key, {})
        found.append(Country(info.get("name", key), info.get("iso2", ""), rings,
                             min(lats), max(lats), min(lons), max(lons)))  # fmt: skip
    return tuple(found)


def outlines(south: float, north: float, west: float, east: float) -> list[Country]:
    """The countries whose bounding box meets the view."""
    return [c for c in countries()
            if c.north >= south and c.south <= north and c.east >= west and c.west <= east]  # fmt: skip


def svg_path(
    country: Country, xy: Callable[[float, float], tuple[float, float]], min_step: float = 0.8
) -> str:
    """The country's rings as one SVG path in pixels; points closer than ``min_step`` pixels
    to the last one kept are dropped, and rings smaller than a pixel left out."""
    parts = []
    for ring in country.rings:
        points: list[tuple[float, float]] = []
        for lat, lon in ring:
            x, y = xy(lat, lon)
            if not points or abs(x - points[-1][0]) + abs(y - points[-1][1]) >= min_step:
                points.append((x, y))
        if len(points) < 3:
            continue
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        if max(xs) - min(xs) < 1 and max(ys) - min(ys) < 1:
            continue
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)
