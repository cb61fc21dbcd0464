"""Geometry for the small inline SVG charts: timeline, fatalities, map of places.

Pure functions from records to shapes in pixel coordinates; the templates draw them (and
escape every label). No JavaScript, no tiles, no external files: the map's country outlines come from a package
(:mod:`counterclaim.web.basemap`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from counterclaim.compare import Entry, Tally
from counterclaim.resolve.crossdoc import GlobalEntity
from counterclaim.web.highlight import side_class

OTHERS = "others"


@dataclass(frozen=True, slots=True)
class Mark:
    """A dot (or a bar when ``x2`` > ``x``) with a tooltip and a link."""

    x: float
    y: float
    title: str
    css: str = ""
    x2: float | None = None
    r: float = 5.0
    href: str | None = None
    label: str = ""
    label_x: float | None = None  # where the label goes (placed so labels do not overlap)
    label_y: float | None = None
    anchor: str = "start"


@dataclass(frozen=True, slots=True)
class Tick:
    """An axis tick or a lane label."""

    at: float
    label: str
    css: str = ""


@dataclass(frozen=True, slots=True)
class Chart:
    """Everything a template needs to draw one chart."""

    width: int
    height: int
    marks: list[Mark] = field(default_factory=list)
    xticks: list[Tick] = field(default_factory=list)
    lanes: list[Tick] = field(default_factory=list)
    title: str = ""
    lines: list[tuple[float, float, float, float]] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Shape:
    """A filled outline (a country on the map) with its name."""

    path: str
    title: str
    css: str = ""


def _date_ticks(lo: dt.date, hi: dt.date, x: callable, count: int = 6) -> list[Tick]:  # type: ignore[valid-type]
    span = max(1, (hi - lo).days)
    step = max(1, math.ceil(span / count))
    return [Tick(x(lo + dt.timedelta(days=d)), (lo + dt.timedelta(days=d)).isoformat())
            for d in range(0, span + 1, step)]  # fmt: skip


def timeline_chart(
    entries: Sequence[Entry], width: int = 820, lane_height: int = 30, lanes_max: int = 12
) -> Chart:
    """Claims over time: one lane per speaker (coloured by side), a dot (or a bar for a
    period) per dated claim; a hollow mark for a claim that something is not so. Claims of
    one speaker on one day sit side by side."""
    dated = [e for e in entries if e.when[0] is not None]
    if not dated:
        return Chart(width, 0)
    lo = min(e.when[0] for e in dated) - dt.timedelta(days=1)  # type: ignore[type-var,operator]
    hi = max(e.when[1] or e.when[0] for e in dated) + dt.timedelta(days=1)  # type: ignore[type-var,operator]
    left, right, top = 170, 44, 10
    scale = (width - left - right) / max(1, (hi - lo).days)

    def x(day: dt.date) -> float:
        return left + (day - lo).days * scale

    counts = Counter(e.claim.said.speaker_name for e in dated)
    kept = [name for name, _ in counts.most_common(lanes_max)]
    if len(counts) > lanes_max:
        kept[-1] = OTHERS
    sides = {e.claim.said.speaker_name: e.claim.said.side for e in dated}
    lanes = [Tick(top + (i + 0.5) * lane_height, name, side_class(sides.get(name)))
             for i, name in enumerate(kept)]  # fmt: skip
    placed: Counter[tuple[int, dt.date]] = Counter()
    marks = []
    for e in dated:
        said = e.claim.said
        row = kept.index(said.speaker_name) if said.speaker_name in kept else len(kept) - 1
        start, end = e.when
        nudge = 11 * placed[(row, start)]  # type: ignore[index]
        placed[(row, start)] += 1  # type: ignore[index]
        css = f"{side_class(said.side)} {'is-false' if not e.claim.claim.value else ''}".strip()
        x2 = x(end) + nudge if end is not None and end != start else None
        title = f"{start}{'–' + str(end) if x2 else ''} · {said.speaker_name}: {e.proposition}"
        marks.append(Mark(x(start) + nudge, lanes[row].at, title, css, x2,  # type: ignore[arg-type]
                          href=f"/documents/{said.doc_id}#attr-{said.attribution}"))  # fmt: skip
    height = top + len(lanes) * lane_height + 30
    return Chart(width, height, marks, _date_ticks(lo, hi, x), lanes)


def fatalities_chart(tally: Tally, width: int = 640, row: int = 26) -> Chart:
    """One tally: a bar from low to high and a dot at the best estimate, per source."""
    values = [v for f in tally.figures for v in (f.low, f.best, f.high) if v is not None]
    top = max(values, default=0) or 1
    left, right = 190, 60
    scale = (width - left - right) / top

    def x(value: int) -> float:
        return left + value * scale

    marks, lanes = [], []
    for i, f in enumerate(tally.figures):
        y = 12 + (i + 0.5) * row
        css = side_class(f.side)
        lanes.append(Tick(y, f.source, css))
        lo, best, hi = f.low, f.best, f.high
        numbers = "–".join(str(v) for v in dict.fromkeys(v for v in (lo, hi) if v is not None))
        title = f"{f.source}: best {best if best is not None else '?'} (range {numbers or '?'})"
        said = f.claim.said
        href = f"/documents/{said.doc_id}#attr-{said.attribution}"
        if lo is not None and hi is not None and hi > lo:
            marks.append(Mark(x(lo), y, title, f"range {css}", x(hi), href=href))
        point = best if best is not None else (hi if hi is not None else lo)
        if point is not None:
            marks.append(Mark(x(point), y, title, f"best {css}", href=href, label=str(point)))
    ticks = [Tick(x(v), str(v)) for v in _nice_ticks(top)]
    height = 12 + len(tally.figures) * row + 28
    return Chart(width, height, marks, ticks, lanes)


def _nice_ticks(top: int, count: int = 5) -> list[int]:
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return list(range(0, int(top) + 1, int(step)))


LABEL_CHAR = 6.6  # px per character of a mark label (11 px sans-serif, generous)
LABEL_HEIGHT = 12.0


def map_chart(places: Sequence[GlobalEntity], width: int = 760, height: int = 460) -> Chart:
    """Places at their coordinates over country outlines (equirectangular, fitted to the
    points with a margin, a graticule on top); the dot grows with the number of documents
    naming the place; labels are placed where they overlap no other label or dot, else
    left to the tooltip."""
    from counterclaim.web import basemap

    located = [
        p for p in places if p.geo is not None and p.geo.lat is not None and p.geo.lon is not None
    ]
    if not located:
        return Chart(width, 0)
    lats = [p.geo.lat for p in located]  # type: ignore[union-attr]
    lons = [p.geo.lon for p in located]  # type: ignore[union-attr]
    pad = 2.0 + 0.15 * max(max(lats) - min(lats), max(lons) - min(lons))
    south, north = max(-85.0, min(lats) - pad), min(85.0, max(lats) + pad)
    west, east = max(-180.0, min(lons) - pad), min(180.0, max(lons) + pad)
    squash = math.cos(math.radians((south + north) / 2)) or 1.0
    # widen the view to the chart's shape, so the outlines fill it around the places
    aspect = (width - 40) / (height - 40)
    if (east - west) * squash < (north - south) * aspect:
        grow = ((north - south) * aspect / squash - (east - west)) / 2
        west, east = max(-180.0, west - grow), min(180.0, east + grow)
    else:
        grow = ((east - west) * squash / aspect - (north - south)) / 2
        south, north = max(-85.0, south - grow), min(85.0, north + grow)
    scale = min((width - 40) / ((east - west) * squash), (height - 40) / (north - south))

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return 20 + (lon - west) * squash * scale, 20 + (north - lat) * scale

    shapes = []
    for country in basemap.outlines(south, north, west, east):
        path = basemap.svg_path(country, xy)
        if path:
            shapes.append(Shape(path, country.name, "country"))
    dots = []
    for p in sorted(located, key=lambda p: -p.documents):
        px, py = xy(p.geo.lat, p.geo.lon)  # type: ignore[union-attr,arg-type]
        dots.append((p, px, py, 4 + 2.5 * math.sqrt(max(1, p.documents))))
    marks = _labelled([(px, py, r) for _, px, py, r in dots], [p.name for p, *_ in dots])
    marks = [
        Mark(px, py, _place_title(p), f"place {side_class(p.side)}".strip(), r=r,
             href=f"/timeline?subject={quote(p.name)}", **label)
        for (p, px, py, r), label in zip(dots, marks, strict=True)
    ]  # fmt: skip
    step = _grid_step(max(north - south, east - west))
    lines = []
    for lon in _multiples(west, east, step):
        (x1, y1), (x2, y2) = xy(north, lon), xy(south, lon)
        lines.append((x1, y1, x2, y2))
    for lat in _multiples(south, north, step):
        (x1, y1), (x2, y2) = xy(lat, west), xy(lat, east)
        lines.append((x1, y1, x2, y2))
    used_width = int(40 + (east - west) * squash * scale)
    used_height = int(40 + (north - south) * scale)
    return Chart(used_width, used_height, marks, lines=lines, shapes=shapes,
                 title=f"{step:g}° grid, country outlines from Natural Earth")  # fmt: skip


def _place_title(p: GlobalEntity) -> str:
    kind = p.geo.kind if p.geo else ""
    return f"{p.name} ({kind}, {p.documents} article{'s' if p.documents != 1 else ''})"


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def label_boxes(marks: Sequence[Mark]) -> list[Box]:
    """The boxes the placed labels of ``marks`` take (for checks and tests)."""
    boxes = []
    for m in marks:
        if not m.label or m.label_x is None or m.label_y is None:
            continue
        w = LABEL_CHAR * len(m.label)
        x0 = {"start": m.label_x, "end": m.label_x - w, "middle": m.label_x - w / 2}[m.anchor]
        boxes.append((x0, m.label_y - LABEL_HEIGHT + 3, x0 + w, m.label_y + 3))
    return boxes


def _labelled(dots: list[tuple[float, float, float]], names: list[str]) -> list[dict[str, object]]:
    """Where each dot's label goes: right, left, above or below it, the first spot that
    overlaps no dot and no label already placed (dots in order of importance); none fits,
    no label."""
    taken: list[Box] = [(x - r, y - r, x + r, y + r) for x, y, r in dots]
    placed: list[dict[str, object]] = []
    for (x, y, r), name in zip(dots, names, strict=True):
        w = LABEL_CHAR * len(name)
        options = (
            (x + r + 4, y + 4, "start"),
            (x - r - 4, y + 4, "end"),
            (x, y - r - 4, "middle"),
            (x, y + r + LABEL_HEIGHT, "middle"),
        )
        chosen: dict[str, object] = {"label": ""}
        for lx, ly, anchor in options:
            x0 = {"start": lx, "end": lx - w, "middle": lx - w / 2}[anchor]
            box = (x0, ly - LABEL_HEIGHT + 3, x0 + w, ly + 3)
            own = (x - r, y - r, x + r, y + r)
            if not any(_overlaps(box, t) for t in taken if t != own):
                taken.append(box)
                chosen = {"label": name, "label_x": lx, "label_y": ly, "anchor": anchor}
                break
        placed.append(chosen)
    return placed


def _grid_step(extent: float) -> float:
    return next((s for s in (0.25, 0.5, 1, 2, 5, 10, 20, 30) if extent / s <= 8), 45)


def _multiples(lo: float, hi: float, step: float) -> list[float]:
    first = math.ceil(lo / step) * step
    return [first + i * step for i in range(int((hi - first) / step) + 1)]
